//! `connect-views check-data` and `connect-views skeleton`: sample ViewData against a
//! view's input schema, and the skeleton and ShowView action a flow needs.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::cli::{CheckDataArgs, FormatArg, PartArg, SkeletonArgs, TargetArgs};
use crate::connect::{ConnectClient, View};
use crate::view::data::{self, DataSchema, FlowContext, SchemaSource};
use crate::view::flow::{self, ShowViewBlock};
use crate::view::{Diagnostic, Tally, Template};

use super::service::{call, describe_spec};
use super::{FAILED, OK, USAGE, load_or_report};
use crate::view::report;

/// The view whose inputs the data must fit.
struct Subject {
    schema: DataSchema,
    name: String,
    actions: Vec<String>,
    arn: Option<String>,
    /// The view file, when the view came from one.
    file: Option<(PathBuf, crate::view::ViewDocument)>,
}

/// One ViewData to check, and where it sits in which text.
struct DataSet {
    label: String,
    path: PathBuf,
    text: String,
    /// The JSON pointer of the data in `text`; `None` when it cannot be located there.
    base: Option<String>,
    /// The data, or the problems reading it (located in `text`).
    data: Result<Value, Vec<Diagnostic>>,
}

fn read(path: &Path, what: &str) -> Result<String, u8> {
    std::fs::read_to_string(path).map_err(|e| {
        eprintln!("error: cannot read {what} {}: {e}", path.display());
        USAGE
    })
}

/// Parses a JSON file for checking: syntax problems become located diagnostics.
fn data_file(path: &Path, label: String) -> Result<DataSet, u8> {
    let text = read(path, "the data file")?;
    Ok(DataSet {
        label,
        path: path.to_path_buf(),
        data: data::parse_data(&text),
        text,
        base: Some(String::new()),
    })
}

fn context(path: Option<&Path>) -> Result<Option<FlowContext>, u8> {
    let Some(path) = path else { return Ok(None) };
    let text = read(path, "the context file")?;
    FlowContext::parse(&text).map(Some).map_err(|e| {
        eprintln!("error: {}: {e}", path.display());
        USAGE
    })
}

/// A workspace page's InputData as the set to check, and the ARN of the view it shows.
async fn page_set(
    spec: &str,
    target: &TargetArgs,
    format: FormatArg,
) -> Result<(DataSet, String), u8> {
    let (_, p) = call(target, format, async |c: &ConnectClient| {
        crate::connect::consumers::page(c, spec).await
    })
    .await?;
    let text = p.input_data.clone().unwrap_or_else(|| "{}".into());
    Ok((
        DataSet {
            label: format!("page {spec}"),
            path: PathBuf::from(format!("page {spec}")),
            data: data::parse_data(&text),
            text,
            base: Some(String::new()),
        },
        p.view,
    ))
}

/// The sets to check: --data, a flow's Show view block, or the view file's SampleData.
fn data_sets(
    args: &CheckDataArgs,
    file: Option<&(PathBuf, crate::view::ViewDocument)>,
) -> Result<(Vec<DataSet>, Option<ShowViewBlock>), u8> {
    if let Some(path) = &args.data {
        return Ok((vec![data_file(path, path.display().to_string())?], None));
    }
    if let Some(path) = &args.flow {
        let mut set = data_file(path, path.display().to_string())?;
        let Ok(flow_value) = &set.data else {
            // The flow itself does not parse: report that.
            return Ok((vec![set], None));
        };
        let blocks = flow::show_view_blocks(flow_value).map_err(|e| {
            eprintln!("error: {}: {e}", path.display());
            USAGE
        })?;
        let block = flow::choose(&blocks, args.block.as_deref()).map_err(|e| {
            eprintln!("error: {}: {e}", path.display());
            USAGE
        })?;
        set.label = format!("{} block {}", path.display(), block.label());
        let block = block.clone();
        set.base = block.pointer.clone();
        set.data = Ok(block.data.clone());
        return Ok((vec![set], Some(block)));
    }
    let Some((path, doc)) = file else {
        eprintln!("error: no data to check: give --data DATA.json or --flow FLOW.json");
        return Err(USAGE);
    };
    let sets = match doc.extra.get("SampleData") {
        Some(Value::Object(sets)) if !sets.is_empty() => sets,
        Some(Value::Object(_)) | None => {
            eprintln!(
                "error: {} has no SampleData sets: give --data DATA.json or --flow FLOW.json, \
                 or add \"SampleData\": {{\"default\": {{...}}}} to the view file",
                path.display()
            );
            return Err(USAGE);
        }
        Some(_) => {
            eprintln!(
                "error: {}: SampleData must be an object of named data sets",
                path.display()
            );
            return Err(USAGE);
        }
    };
    let chosen: Vec<(&String, &Value)> = match &args.set {
        Some(name) => match sets.get_key_value(name) {
            Some(kv) => vec![kv],
            None => {
                eprintln!(
                    "error: {} has no SampleData set `{name}`; it has: {}",
                    path.display(),
                    sets.keys().cloned().collect::<Vec<_>>().join(", ")
                );
                return Err(USAGE);
            }
        },
        None => sets.iter().collect(),
    };
    let text = doc.origin.source.to_string();
    Ok((
        chosen
            .into_iter()
            .map(|(name, value)| DataSet {
                label: format!("{} SampleData `{name}`", path.display()),
                path: path.clone(),
                text: text.clone(),
                base: Some(format!("/SampleData/{}", crate::view::path::token(name))),
                data: Ok(value.clone()),
            })
            .collect(),
        None,
    ))
}

fn from_file(path: &Path) -> Result<Subject, u8> {
    let doc = load_or_report(path)?;
    let template = Template::parse(&doc.template).map_err(|e| {
        eprintln!(
            "error: {}: the template is not valid: {e}; run `connect-views validate {}`",
            path.display(),
            path.display()
        );
        FAILED
    })?;
    Ok(Subject {
        schema: DataSchema::derived(&template),
        name: doc.name.clone(),
        actions: doc.actions.clone(),
        arn: None,
        file: Some((path.to_path_buf(), doc)),
    })
}

fn from_service(view: &View, spec: &str) -> Result<Subject, u8> {
    let template = Template::parse(&view.template).ok();
    let label = format!("\"{}\" ({spec})", view.name);
    if view.input_schema.trim().is_empty() {
        eprintln!("error: the service returned no InputSchema for {label}");
        return Err(FAILED);
    }
    let schema = DataSchema::from_text(
        &view.input_schema,
        SchemaSource::Service { view: label },
        template.as_ref(),
    )
    .map_err(|e| {
        eprintln!("error: {e}");
        FAILED
    })?;
    Ok(Subject {
        schema,
        name: view.name.clone(),
        actions: view.actions.clone(),
        arn: Some(view.arn.clone()),
        file: None,
    })
}

async fn remote(spec: &str, target: &TargetArgs, output: FormatArg) -> Result<Subject, u8> {
    let (_, view) = call(target, output, async |c: &ConnectClient| {
        describe_spec(c, spec).await
    })
    .await?;
    from_service(&view, spec)
}

/// A skeleton is for a view a flow can show: one the service would refuse to publish gets
/// its errors (as `validate` prints them) and exit 1, not a skeleton of what happened to parse.
fn refuse_errors(path: &Path, doc: &crate::view::ViewDocument) -> Result<(), u8> {
    let level = crate::view::Level::Published;
    let errors: Vec<Diagnostic> = crate::view::validate(doc, level)
        .into_iter()
        .filter(Diagnostic::is_error)
        .collect();
    if errors.is_empty() {
        return Ok(());
    }
    eprint!("{}", report::render_text(path, &doc.origin.source, &errors));
    eprintln!(
        "error: {} has {} {} the service would refuse at the {level} level, so no skeleton is \
         printed; fix {} (connect-views validate {}) and run skeleton again",
        path.display(),
        errors.len(),
        if errors.len() == 1 { "error" } else { "errors" },
        if errors.len() == 1 { "it" } else { "them" },
        path.display()
    );
    Err(FAILED)
}

/// A usage error when options naming an instance were given to a run that reads none, so
/// nobody believes they checked against an instance they did not.
pub(crate) fn unused_target(target: &TargetArgs, what: &str, instead: &str) -> Result<(), u8> {
    let given = target.given();
    if given.is_empty() {
        return Ok(());
    }
    eprintln!(
        "error: {what}, so {} would not be used; {instead}",
        given.join(", ")
    );
    Err(USAGE)
}

pub async fn check(args: &CheckDataArgs, target: &TargetArgs) -> u8 {
    match check_inner(args, target).await {
        Ok(code) | Err(code) => code,
    }
}

async fn check_inner(args: &CheckDataArgs, target: &TargetArgs) -> Result<u8, u8> {
    if args.view.is_some() && args.page.is_none() {
        unused_target(
            target,
            "check-data with a view file works offline",
            "to check against the instance's view, give --remote VIEW instead of the file",
        )?;
    }
    let ctx = context(args.context.as_deref())?;
    let mut subject = match (&args.view, &args.remote) {
        (Some(path), _) => Some(from_file(path)?),
        (None, Some(spec)) => Some(remote(spec, target, args.format).await?),
        (None, None) => None,
    };
    let (sets, block) = match &args.page {
        Some(spec) => {
            let (set, arn) = page_set(spec, target, args.format).await?;
            if subject.is_none() {
                subject = Some(remote(&arn, target, args.format).await?);
            }
            (vec![set], None)
        }
        None => data_sets(args, subject.as_ref().and_then(|s| s.file.as_ref()))?,
    };
    if subject.is_none() {
        // A flow block names its view: check against the instance's.
        match block.as_ref().and_then(|b| b.view.clone()) {
            Some(arn) => subject = Some(remote(&arn, target, args.format).await?),
            None => {
                eprintln!(
                    "error: no view to check against: give a view file, --remote VIEW, or a \
                     --flow block whose ViewResource.Id names the view"
                );
                return Err(USAGE);
            }
        }
    }
    let subject = subject.expect("set above");
    if let (Some(shown), Some(arn)) = (block.as_ref().and_then(|b| b.view.as_deref()), &subject.arn)
        && flow::unqualified(shown) != flow::unqualified(arn)
    {
        eprintln!(
            "warning: the block shows {shown}, but the data is checked against {arn} (\"{}\")",
            subject.name
        );
    }
    let mut results = Vec::new();
    let mut total = Tally::default();
    for set in sets {
        let mut diagnostics = match &set.data {
            Ok(value) => {
                let mut found = data::check_data(&subject.schema, value, ctx.as_ref());
                if let Some(base) = &set.base {
                    data::locate(&mut found, &set.text, base);
                }
                found
            }
            Err(problems) => problems.clone(),
        };
        crate::view::diagnostic::sort(&mut diagnostics);
        total.add(Tally::of(&diagnostics));
        results.push((set, diagnostics));
    }
    let source = subject.schema.source.describe();
    match args.format {
        FormatArg::Text => {
            for (set, diagnostics) in &results {
                let shown: Vec<Diagnostic> = diagnostics
                    .iter()
                    .map(|d| {
                        let mut d = d.clone();
                        d.message = data::headline(&d);
                        d
                    })
                    .collect();
                out!("{}", report::render_text(&set.path, &set.text, &shown));
                outln!("{}: {}", set.label, Tally::of(diagnostics));
            }
            outln!("checked against {source}");
        }
        FormatArg::Json => outln!("{}", checks_json(&subject, &results, &total)),
    }
    Ok(if total.errors > 0 { FAILED } else { OK })
}

/// check-data --output json: each set's findings (with the input each is about), the view
/// and where its schema came from.
fn checks_json(subject: &Subject, results: &[(DataSet, Vec<Diagnostic>)], total: &Tally) -> String {
    let checks: Vec<Value> = results
        .iter()
        .map(|(set, diagnostics)| {
            let findings: Vec<Value> = report::to_json(&set.path, diagnostics)
                .into_iter()
                .zip(diagnostics)
                .map(|(j, d)| {
                    let mut v = serde_json::to_value(j).expect("serializable");
                    v["input"] = json!(data::input_of(d));
                    v
                })
                .collect();
            json!({
                "data": set.label,
                "valid": !diagnostics.iter().any(Diagnostic::is_error),
                "diagnostics": findings,
            })
        })
        .collect();
    let origin = &subject.schema.source;
    let mut schema = match origin {
        SchemaSource::Derived => json!({"source": "derived"}),
        SchemaSource::Service { view } => json!({"source": "service", "view": view}),
    };
    schema["approximate"] = json!(origin.approximate());
    let out = json!({
        "view": subject.name,
        "schema": schema,
        "valid": total.errors == 0,
        "checks": checks,
    });
    serde_json::to_string_pretty(&out).expect("serializable")
}

pub async fn skeleton(args: &SkeletonArgs, target: &TargetArgs) -> u8 {
    match skeleton_inner(args, target).await {
        Ok(code) | Err(code) => code,
    }
}

async fn skeleton_inner(args: &SkeletonArgs, target: &TargetArgs) -> Result<u8, u8> {
    if args.view.is_some() && (args.view_arn.is_some() || args.part == PartArg::Data) {
        unused_target(
            target,
            "skeleton of a view file with --view-arn or --part data works offline",
            "leave them out, or drop --view-arn to look the view's ARN up in that instance",
        )?;
    }
    let mut subject = match (&args.view, &args.remote) {
        (Some(path), _) => {
            let subject = from_file(path)?;
            if let Some((path, doc)) = &subject.file {
                refuse_errors(path, doc)?;
            }
            subject
        }
        (None, Some(spec)) => remote(spec, target, FormatArg::Text).await?,
        (None, None) => {
            eprintln!("error: give a view file or --remote VIEW");
            return Err(USAGE);
        }
    };
    let data = data::skeleton(&subject.schema);
    if let Some(arn) = &args.view_arn {
        subject.arn = Some(arn.clone());
    }
    if subject.arn.is_none() && args.part != PartArg::Data {
        // Look the view up by name, so the action is ready to paste.
        let name = subject.name.clone();
        let found = async {
            let client = ConnectClient::connect(&target.options()).await?;
            Ok::<_, crate::connect::ConnectError>((
                client.where_to(),
                client.find_by_name(&name).await?,
            ))
        }
        .await;
        match found {
            Ok((_, Some(v))) => subject.arn = Some(v.arn),
            Ok((at, None)) => eprintln!(
                "note: no view named \"{name}\" on {at} yet: push it, then replace the \
                 placeholder ARN (or give --view-arn)"
            ),
            Err(e) => eprintln!("note: could not look the view up ({e}); the ARN is a placeholder"),
        }
    }
    let arn = subject.arn.clone().unwrap_or_else(|| {
        "arn:aws:connect:REGION:ACCOUNT_ID:instance/INSTANCE_ID/view/VIEW_ID".into()
    });
    let action = flow::show_view_action(
        &uuid::Uuid::new_v4().to_string(),
        &arn,
        data.clone(),
        &subject.actions,
    );
    let pretty = |v: &Value| serde_json::to_string_pretty(v).expect("serializable");
    match args.part {
        PartArg::Data => outln!("{}", pretty(&data)),
        PartArg::Action => outln!("{}", pretty(&action)),
        PartArg::Both => {
            outln!(
                "ViewData skeleton for \"{}\" ({} inputs):",
                subject.name,
                subject.schema.inputs().len()
            );
            outln!("{}\n", pretty(&data));
            outln!(
                "ShowView flow action (paste into the flow's Actions, then connect each branch):"
            );
            outln!("{}", pretty(&action));
        }
    }
    Ok(OK)
}
