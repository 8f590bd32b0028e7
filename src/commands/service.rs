//! The service commands: push, version, pull, list, versions, describe, delete,
//! rename. Each connects through the one Connect client (the embedded local
//! endpoint by default) and prints text or JSON.

use std::fmt::Write as _;

use serde_json::json;

use crate::cli::{
    DeleteArgs, FormatArg, ListArgs, PullArgs, PushArgs, RenameArgs, ServiceArgs, TargetArgs,
    TypeArg, VersionArgs, ViewArg,
};
use crate::connect::{
    ConnectClient, ConnectError, ErrorKind, Status, View, ViewSpec, ViewTypeFilter,
};
use crate::view::document::write_atomic;
use crate::view::time::rfc3339;
use crate::view::{Template, validate};

use super::{FAILED, OK, USAGE, load_or_report};
use crate::view::report;

pub(crate) fn fail(e: &ConnectError, output: FormatArg) -> u8 {
    match output {
        FormatArg::Text => eprintln!("error: {e}"),
        FormatArg::Json => outln!("{}", json!({"error": e})),
    }
    if e.kind == ErrorKind::Config {
        USAGE
    } else {
        FAILED
    }
}

/// Connects, runs `work` with the client, and reports a failure (returning the exit status).
pub(crate) async fn call<T>(
    target: &TargetArgs,
    output: FormatArg,
    work: impl AsyncFnOnce(&ConnectClient) -> Result<T, ConnectError>,
) -> Result<(ConnectClient, T), u8> {
    let client = ConnectClient::connect(&target.options())
        .await
        .map_err(|e| fail(&e, output))?;
    say_where(&client, output);
    match work(&client).await {
        Ok(value) => Ok((client, value)),
        Err(e) => Err(fail(&e, output)),
    }
}

/// Names the target before anything is read or written (text output; on stderr, so the
/// table or file on stdout stays as it is).
fn say_where(client: &ConnectClient, output: FormatArg) {
    if output == FormatArg::Text {
        eprintln!("on {}", client.where_to());
    }
}

fn time(t: Option<f64>) -> String {
    t.map(rfc3339).unwrap_or_default()
}

/// A view's fields as `key  value` lines.
fn view_lines(v: &View, qualifiers: Option<&[String]>) -> String {
    let mut out = String::new();
    let mut line = |k: &str, val: &str| {
        if !val.is_empty() {
            let _ = writeln!(out, "  {k:<12} {val}");
        }
    };
    line("id", &v.id);
    line("arn", &v.arn);
    line("name", &v.name);
    line("status", &v.status);
    line("type", v.view_type.as_str());
    line("version", &v.version.to_string());
    line("description", v.description.as_deref().unwrap_or(""));
    line(
        "version note",
        v.version_description.as_deref().unwrap_or(""),
    );
    if let Some(q) = qualifiers {
        line("moved", &q.join(", "));
    }
    line("actions", &v.actions.join(", "));
    line(
        "tags",
        &v.tags
            .iter()
            .map(|(k, val)| format!("{k}={val}"))
            .collect::<Vec<_>>()
            .join(", "),
    );
    // A numbered version has no checksum or time of its own in the service's answer: the
    // checksum is $LATEST's and the time the view's last change. Say so rather than show
    // them as the version's.
    let own = |value: String, whose: &str| {
        if v.version > 0 {
            format!("none of its own ({whose}: {value})")
        } else {
            value
        }
    };
    let sha = v.content_sha256.clone().unwrap_or_default();
    line("sha256", &own(sha, "the service gives $LATEST's"));
    line("created", &time(v.created));
    line("modified", &own(time(v.modified), "the view's last change"));
    out
}

fn view_json(operation: &str, v: &View, qualifiers: Option<&[String]>) -> serde_json::Value {
    let mut value = serde_json::to_value(v).expect("serializable");
    if v.version > 0 {
        // The checksum and the modified time describe $LATEST and the view, not this version.
        value["content_sha256_of"] = json!("$LATEST");
        value["modified_of"] = json!("the view");
    }
    if let Some(q) = qualifiers {
        value["qualifiers_moved"] = json!(q);
    }
    json!({"operation": operation, "view": value})
}

pub async fn push(args: &PushArgs, service: &ServiceArgs) -> u8 {
    if let Err(e) = service.target.confirm_write("the push") {
        eprintln!("error: {e}");
        return super::USAGE;
    }
    let doc = match load_or_report(&args.file) {
        Ok(d) => d,
        Err(code) => return code,
    };
    let status = if args.publish {
        Status::Published
    } else {
        Status::Saved
    };
    if local_errors_stop(args, &doc, status) {
        return FAILED;
    }
    let submission = match crate::connect::Submission::of(&doc, status) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {}: {e}", args.file.display());
            return FAILED;
        }
    };
    let client = match ConnectClient::connect(&service.options()).await {
        Ok(c) => c,
        Err(e) => return fail(&e, service.output),
    };
    say_where(&client, service.output);
    let mut existing = match &args.expect_sha256 {
        None => None,
        Some(expected) => match check_expected(&client, &submission.name, expected).await {
            Ok(existing) => Some(existing),
            Err(Refusal::Service(e)) => return fail(&e, service.output),
            Err(Refusal::Changed(why)) => {
                eprintln!("error: {} not pushed: {why}", args.file.display());
                return FAILED;
            }
        },
    };
    // What this file was last pushed or submitted to: say it before writing over a change
    // made there since (the designer's submit dialog asks; a push says it and goes on).
    let kept = crate::connect::base::kept_path(&crate::dirs::drafts_dir(), &args.file);
    let bases = crate::connect::base::Bases::load(&kept);
    if !bases.is_empty()
        && let Err(e) = warn_if_changed(&client, &bases, &mut existing, &submission.name).await
    {
        return fail(&e, service.output);
    }
    let (op, v) = match client.submit(&submission, existing).await {
        Ok(x) => x,
        Err(e) => {
            let code = fail(&e, service.output);
            if e.kind == ErrorKind::Invalid && service.output == FormatArg::Text {
                eprint!("{}", refusal_places(&args.file, &doc, &e.message));
            }
            return code;
        }
    };
    keep_base(&args.file, &kept, bases, &v);
    let q = v.qualifiers_moved();
    match service.output {
        FormatArg::Text => {
            let verb = if op == "CreateView" {
                "created"
            } else {
                "updated"
            };
            outln!(
                "{verb} view \"{}\" ({}) on {}",
                v.name,
                v.status,
                client.where_to()
            );
            out!("{}", view_lines(&v, Some(&q)));
        }
        FormatArg::Json => outln!("{}", view_json(op, &v, Some(&q))),
    }
    OK
}

/// Local errors stop a push (printed in full) unless --no-verify lets the service decide:
/// true when the push stops.
fn local_errors_stop(args: &PushArgs, doc: &crate::view::ViewDocument, status: Status) -> bool {
    let errors: Vec<_> = validate(doc, status)
        .into_iter()
        .filter(|d| d.is_error())
        .collect();
    let plural = if errors.len() == 1 { "" } else { "s" };
    if !errors.is_empty() {
        eprint!(
            "{}",
            report::render_text(&args.file, &doc.origin.source, &errors)
        );
        if !args.no_verify {
            eprintln!(
                "error: {} not pushed: {} error{plural} at the {} level; fix them first \
                 (`connect-views validate`), or push with --no-verify to let the service decide",
                args.file.display(),
                errors.len(),
                status
            );
            return true;
        }
        eprintln!(
            "warning: pushing {} with {} local error{plural} at the {} level (--no-verify): the \
             service decides",
            args.file.display(),
            errors.len(),
            status
        );
    }
    false
}

/// Keeps what a push wrote as the file's base (a warning when it cannot be kept).
fn keep_base(
    file: &std::path::Path,
    kept: &std::path::Path,
    mut bases: crate::connect::base::Bases,
    written: &crate::connect::View,
) {
    bases.put(crate::connect::base::RemoteBase::of(written));
    if let Err(e) = bases.save(kept) {
        eprintln!(
            "warning: what {} was pushed to is not kept ({e}): the next push cannot tell a \
             change made there meanwhile",
            file.display()
        );
    }
}

/// Says what a push of the view called `name` would overwrite unseen, by the base this
/// file keeps for it: said, not refused (a push is the user's deliberate write). The view
/// is looked up once, here or by `--expect-sha256`, and the push reuses the answer.
async fn warn_if_changed(
    client: &ConnectClient,
    bases: &crate::connect::base::Bases,
    existing: &mut Option<Option<crate::connect::ViewSummary>>,
    name: &str,
) -> Result<(), ConnectError> {
    use crate::connect::base::{Overwrite, RemoteBase};
    if existing.is_none() {
        *existing = Some(client.find_by_name(name).await?);
    }
    let Some(Some(summary)) = existing.as_ref() else {
        return Ok(());
    };
    let Some(base) = bases.of(&summary.id) else {
        return Ok(());
    };
    // Best effort: a $SAVED that cannot be read now spares only the warning.
    let Ok(saved) = client
        .describe_view(&format!("{}:$SAVED", summary.id))
        .await
    else {
        return Ok(());
    };
    if let Some(changed @ Overwrite::ChangedSince { .. }) =
        Overwrite::check(Some(base), Some(&RemoteBase::of(&saved)))
    {
        eprintln!(
            "warning: {}; pushing anyway (the push replaces it)",
            changed.describe(name)
        );
    }
    Ok(())
}

enum Refusal {
    Service(ConnectError),
    Changed(String),
}

/// `--expect-sha256`: the view of that name exists and its `$LATEST` still has that checksum.
/// Returns the view (so the push does not look it up again).
async fn check_expected(
    client: &ConnectClient,
    name: &str,
    expected: &str,
) -> Result<Option<crate::connect::ViewSummary>, Refusal> {
    let Some(existing) = client.find_by_name(name).await.map_err(Refusal::Service)? else {
        return Err(Refusal::Changed(format!(
            "no view named \"{name}\" exists on {}, so its $LATEST cannot have the checksum \
             {expected}; push without --expect-sha256 to create it",
            client.where_to()
        )));
    };
    let latest = match client
        .describe_view(&format!("{}:$LATEST", existing.id))
        .await
    {
        Ok(v) => v,
        Err(e) if e.kind == ErrorKind::ViewNotFound => {
            return Err(Refusal::Changed(format!(
                "\"{name}\" has never been published, so its $LATEST cannot have the checksum \
                 {expected}"
            )));
        }
        Err(e) => return Err(Refusal::Service(e)),
    };
    match latest.content_sha256.as_deref() {
        Some(actual) if actual == expected => Ok(Some(existing)),
        actual => Err(Refusal::Changed(format!(
            "the $LATEST of \"{name}\" has the checksum {}, not {expected}: it was published \
             since that checksum was read{}; `connect-views pull \"{name}\"` to see it, or push \
             without --expect-sha256 to overwrite it",
            actual.unwrap_or("(none)"),
            latest
                .modified
                .map(|t| format!(" (last written {})", rfc3339(t)))
                .unwrap_or_default()
        ))),
    }
}

/// Each JSON path a refusal names, found in the file: `FILE:LINE:COL`, the line and a caret.
fn refusal_places(
    path: &std::path::Path,
    doc: &crate::view::ViewDocument,
    message: &str,
) -> String {
    use crate::view::refusal::{locate, named_paths};
    use crate::view::source::LineIndex;
    let source = &doc.origin.source;
    let index = LineIndex::new(source);
    let mut out = String::new();
    for pointer in named_paths(message) {
        let Some(range) = locate(doc, &pointer) else {
            let _ = writeln!(
                out,
                "{}: the service names {pointer}, which is not in this file",
                path.display()
            );
            continue;
        };
        let mut d = crate::view::Diagnostic::error(
            crate::view::Code::DocumentShape,
            format!("/Template{pointer}"),
            Some(range),
            String::new(),
        );
        d.locate(source, &index);
        let frame = report::render_text(path, source, std::slice::from_ref(&d));
        // The frame's header names a rule of ours; this place is the service's finding.
        let mut lines = frame.lines();
        if let (Some(_), Some(loc)) = (lines.next(), &d.location) {
            let _ = writeln!(
                out,
                "{}:{}:{}: the service names {pointer} here",
                path.display(),
                loc.start.line,
                loc.start.column
            );
            for line in lines {
                let _ = writeln!(out, "{line}");
            }
        }
    }
    out
}

pub async fn version(args: &VersionArgs, service: &ServiceArgs) -> u8 {
    if let Err(e) = service.target.confirm_write("the version") {
        eprintln!("error: {e}");
        return super::USAGE;
    }
    let work = async |client: &ConnectClient| {
        let id = client.resolve(&ViewSpec::parse(&args.view)).await?;
        let latest = client.describe_view(&format!("{id}:$LATEST")).await?;
        client
            .new_version(
                &id,
                args.description.as_deref(),
                latest.content_sha256.as_deref(),
            )
            .await
    };
    let (_, done) = match call(&service.target, service.output, work).await {
        Ok(x) => x,
        Err(code) => return code,
    };
    let v = &done.view;
    let note = done.unchanged_note(args.description.as_deref());
    match service.output {
        FormatArg::Text => {
            match &note {
                Some(note) => outln!("{note}"),
                None => outln!("version {} of \"{}\"", v.version, v.name),
            }
            out!("{}", view_lines(v, None));
        }
        FormatArg::Json => {
            let mut out = view_json("CreateViewVersion", v, None);
            out["created"] = json!(done.created);
            if let Some(note) = note {
                out["note"] = json!(note);
            }
            outln!("{out}");
        }
    }
    OK
}

/// A view file for a view from the service: the template pretty-printed as an object.
pub fn view_file_of(v: &View) -> Result<String, String> {
    Template::parse(&v.template)?;
    v.document().to_view_file(false)
}

/// Every customer view as a view file in `dir`: what people see of each ($LATEST once
/// published, else $SAVED), named after the view (`order-actions.view.json`; the id is added
/// when two names make one file name). A file there keeps what the service does not hold.
/// Where a pulled view file came from (its `PulledFrom` member): the environment (`--env`)
/// or endpoint, and the instance.
fn provenance(c: &ConnectClient) -> serde_json::Value {
    let source = match c.env() {
        Some(env) => format!("env {env}"),
        None => c.target().to_string(),
    };
    json!({"Source": source, "Instance": c.instance()})
}

/// A pulled file's `PulledFrom`: where from, and the view's ARN (unqualified), which
/// `used-by --flow` matches a flow's Show view blocks by.
fn pulled_from(from: &serde_json::Value, v: &View) -> serde_json::Value {
    let mut p = from.clone();
    p["Arn"] = json!(crate::view::flow::unqualified(&v.arn));
    p
}

/// A file pull --all writes: its name, the view, and what a file already there holds beside
/// the view (its `SampleData`), kept.
type Pulled<'v> = (
    String,
    &'v View,
    Option<serde_json::Map<String, serde_json::Value>>,
);

/// The files of `dir` pull --all would write, each read once; refused when one was pulled
/// from another source or instance (its `PulledFrom`), unless `force`.
fn pull_plan<'v>(
    dir: &std::path::Path,
    views: &'v [View],
    from: &serde_json::Value,
    force: bool,
) -> Result<Vec<Pulled<'v>>, Vec<String>> {
    let mut used: Vec<Pulled<'v>> = Vec::new();
    let mut conflicts = Vec::new();
    for v in views {
        let mut name = crate::view::document::file_name_for(&v.name);
        if used.iter().any(|(n, ..)| *n == name) {
            let stem = name.trim_end_matches(".view.json").to_string();
            name = format!("{stem}-{}.view.json", &v.id[..v.id.len().min(8)]);
        }
        let path = dir.join(&name);
        let kept = crate::view::ViewDocument::load(&path).ok().map(|d| d.extra);
        if let Some(was) = kept.as_ref().and_then(|e| e.get("PulledFrom"))
            && (was.get("Source") != from.get("Source")
                || was.get("Instance") != from.get("Instance"))
            && !force
        {
            conflicts.push(format!(
                "{} was pulled from {} (instance {}), not from here",
                path.display(),
                was["Source"].as_str().unwrap_or("?"),
                was["Instance"].as_str().unwrap_or("?")
            ));
        }
        used.push((name, v, kept));
    }
    if conflicts.is_empty() {
        Ok(used)
    } else {
        Err(conflicts)
    }
}

async fn pull_all(dir: &std::path::Path, force: bool, service: &ServiceArgs) -> u8 {
    let work = async |c: &ConnectClient| {
        let summaries = c
            .list_views(Some(crate::connect::types::ViewTypeFilter::Customer))
            .await?;
        let mut views = Vec::with_capacity(summaries.len());
        for s in summaries {
            views.push(c.live_view(&s.id).await?.0);
        }
        Ok((views, provenance(c)))
    };
    let (_, (views, from)) = match call(&service.target, service.output, work).await {
        Ok(x) => x,
        Err(code) => return code,
    };
    if let Err(e) = std::fs::create_dir_all(dir) {
        eprintln!("error: cannot create {}: {e}", dir.display());
        return USAGE;
    }
    let files = match pull_plan(dir, &views, &from, force) {
        Ok(f) => f,
        Err(conflicts) => {
            for c in &conflicts {
                eprintln!("error: {c}");
            }
            eprintln!(
                "error: nothing was written: pull into another --dir, or pass --force to \
                 overwrite {} with the views of {} (instance {})",
                if conflicts.len() == 1 { "it" } else { "them" },
                from["Source"].as_str().unwrap_or(""),
                from["Instance"].as_str().unwrap_or("")
            );
            return USAGE;
        }
    };
    let used: Vec<String> = files.iter().map(|(n, ..)| n.clone()).collect();
    let mut written = 0;
    for (name, v, kept) in files {
        let path = dir.join(&name);
        let mut doc = v.document();
        if let Some(extra) = kept {
            doc.extra = extra;
        }
        doc.extra.insert("PulledFrom".into(), pulled_from(&from, v));
        let text = match doc.to_view_file(false) {
            Ok(t) => t,
            Err(e) => {
                eprintln!(
                    "error: \"{}\": the service returned a template that is not JSON: {e}",
                    v.name
                );
                return FAILED;
            }
        };
        if let Err(e) = write_atomic(&path, text.as_bytes()) {
            eprintln!("error: cannot write {}: {e}", path.display());
            return USAGE;
        }
        if service.output == FormatArg::Text {
            eprintln!(
                "wrote \"{}\" ({}, version {}) to {}",
                v.name,
                v.status,
                v.version,
                path.display()
            );
        }
        written += 1;
    }
    match service.output {
        FormatArg::Text => eprintln!("pulled {written} customer views to {}", dir.display()),
        FormatArg::Json => outln!(
            "{}",
            serde_json::json!({"pulled": written, "dir": dir.display().to_string(), "files": used})
        ),
    }
    OK
}

/// Resolves `view` (id, ARN or name, with an optional qualifier) and describes it.
pub(crate) async fn describe_spec(
    client: &ConnectClient,
    view: &str,
) -> Result<View, ConnectError> {
    let id = client.resolve(&ViewSpec::parse(view)).await?;
    client.describe_view(&id).await
}

pub async fn pull(args: &PullArgs, service: &ServiceArgs) -> u8 {
    let Some(view) = &args.view else {
        return pull_all(&args.dir, args.force, service).await;
    };
    let (_, v) = match call(
        &service.target,
        service.output,
        async |c: &ConnectClient| describe_spec(c, view).await,
    )
    .await
    {
        Ok(x) => x,
        Err(code) => return code,
    };
    // Over an existing view file, the members the service does not hold (SampleData) stay.
    let mut kept: Vec<String> = Vec::new();
    let mut doc = v.document();
    if let Some(path) = &args.out
        && path.exists()
    {
        match crate::view::ViewDocument::load(path) {
            Ok(existing) => {
                let mut extra = existing.extra;
                if existing.origin.format != crate::view::Format::ViewFile {
                    // CLI input carries request members (InstanceId, Status) that are not ours.
                    extra.retain(|k, _| crate::view::document::LOCAL_MEMBERS.contains(&k.as_str()));
                }
                kept = extra.keys().cloned().collect();
                doc.extra = extra;
            }
            Err(e) => {
                eprintln!(
                    "error: {} exists and cannot be read as a view file ({e}), so what it holds \
                     beside the view could be lost: not overwritten; move it away or choose \
                     another -o",
                    path.display()
                );
                return USAGE;
            }
        }
    }
    let text = match Template::parse(&v.template).and_then(|_| doc.to_view_file(false)) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: the service returned a template that is not JSON: {e}");
            return FAILED;
        }
    };
    match &args.out {
        None => {
            out!("{text}");
            OK
        }
        Some(path) => match write_atomic(path, text.as_bytes()) {
            Ok(()) => {
                if service.output == FormatArg::Text {
                    eprintln!(
                        "wrote \"{}\" (version {}, {}) to {}",
                        v.name,
                        v.version,
                        v.status,
                        path.display()
                    );
                    if !kept.is_empty() {
                        eprintln!(
                            "kept {} from the file it replaced (the service does not hold {})",
                            kept.join(", "),
                            if kept.len() == 1 { "it" } else { "them" }
                        );
                    }
                }
                OK
            }
            Err(e) => {
                eprintln!("error: cannot write {}: {e}", path.display());
                USAGE
            }
        },
    }
}

pub async fn list(args: &ListArgs, service: &ServiceArgs) -> u8 {
    let filter = args.view_type.map(|t| match t {
        TypeArg::Customer => ViewTypeFilter::Customer,
        TypeArg::Aws => ViewTypeFilter::Aws,
    });
    if args.names {
        return names(filter, service).await;
    }
    let (_, views) = match call(
        &service.target,
        service.output,
        async |c: &ConnectClient| match &args.search {
            Some(text) => c.search_views(text, filter).await,
            None => c.list_views(filter).await,
        },
    )
    .await
    {
        Ok(x) => x,
        Err(code) => return code,
    };
    match service.output {
        FormatArg::Json => outln!(
            "{}",
            serde_json::to_string_pretty(&views).expect("serializable")
        ),
        FormatArg::Text => {
            let width = views
                .iter()
                .map(|v| v.name.chars().count())
                .max()
                .unwrap_or(4)
                .max(4);
            outln!("{:<width$}  {:<9}  {:<16}  ID", "NAME", "STATUS", "TYPE");
            for v in &views {
                outln!(
                    "{:<width$}  {:<9}  {:<16}  {}",
                    v.name,
                    v.status,
                    v.view_type,
                    v.id
                );
            }
        }
    }
    OK
}

/// `list --names`: what a shell completes a VIEW with. Nothing on stderr and at most three
/// seconds, so an instance that is slow, unset or refusing costs a completion only the wait.
async fn names(filter: Option<ViewTypeFilter>, service: &ServiceArgs) -> u8 {
    const WAIT: std::time::Duration = std::time::Duration::from_secs(3);
    let options = crate::connect::ConnectOptions {
        deadline: Some(WAIT),
        ..service.options()
    };
    let read = async {
        let client = ConnectClient::connect(&options).await.ok()?;
        client.list_views(filter).await.ok()
    };
    let Ok(Some(views)) = tokio::time::timeout(WAIT, read).await else {
        return FAILED;
    };
    for v in &views {
        outln!("{}", v.name);
    }
    OK
}

pub async fn versions(args: &ViewArg, service: &ServiceArgs) -> u8 {
    let work = async |c: &ConnectClient| {
        let id = c.resolve(&ViewSpec::parse(&args.view)).await?;
        c.list_view_versions(&id).await
    };
    let (_, list) = match call(&service.target, service.output, work).await {
        Ok(x) => x,
        Err(code) => return code,
    };
    match service.output {
        FormatArg::Json => outln!(
            "{}",
            serde_json::to_string_pretty(&list).expect("serializable")
        ),
        FormatArg::Text => {
            outln!("VERSION  DESCRIPTION");
            for v in &list {
                outln!(
                    "{:<7}  {}",
                    v.version,
                    v.version_description.as_deref().unwrap_or("")
                );
            }
        }
    }
    OK
}

pub async fn describe(args: &ViewArg, service: &ServiceArgs) -> u8 {
    let (_, v) = match call(
        &service.target,
        service.output,
        async |c: &ConnectClient| describe_spec(c, &args.view).await,
    )
    .await
    {
        Ok(x) => x,
        Err(code) => return code,
    };
    match service.output {
        FormatArg::Json => outln!("{}", view_json("DescribeView", &v, None)),
        FormatArg::Text => {
            out!("{}", view_lines(&v, None));
            let pretty = Template::parse(&v.template)
                .map(|t| t.to_pretty())
                .unwrap_or(v.template.clone());
            outln!("  template:\n{pretty}");
        }
    }
    OK
}

pub async fn delete(args: &DeleteArgs, service: &ServiceArgs) -> u8 {
    if let Err(e) = service.target.confirm_write("the delete") {
        eprintln!("error: {e}");
        return super::USAGE;
    }
    let work = async |c: &ConnectClient| {
        let id = c.resolve(&ViewSpec::parse(&args.view)).await?;
        match args.version {
            Some(n) => c.delete_view_version(&id, n).await?,
            None => c.delete_view(&id).await?,
        }
        Ok(id)
    };
    let (_, id) = match call(&service.target, service.output, work).await {
        Ok(x) => x,
        Err(code) => return code,
    };
    match (service.output, args.version) {
        (FormatArg::Json, n) => outln!("{}", json!({"deleted": id, "version": n})),
        (FormatArg::Text, Some(n)) => outln!("deleted version {n} of {id}"),
        (FormatArg::Text, None) => outln!("deleted view {id} with all its versions"),
    }
    OK
}

pub async fn rename(args: &RenameArgs, service: &ServiceArgs) -> u8 {
    if let Err(e) = service.target.confirm_write("the rename") {
        eprintln!("error: {e}");
        return super::USAGE;
    }
    let work = async |c: &ConnectClient| {
        let id = c.resolve(&ViewSpec::parse(&args.view)).await?;
        c.update_view_metadata(&id, args.name.as_deref(), args.description.as_deref())
            .await?;
        Ok(id)
    };
    let (_, id) = match call(&service.target, service.output, work).await {
        Ok(x) => x,
        Err(code) => return code,
    };
    match service.output {
        FormatArg::Json => outln!(
            "{}",
            json!({"updated": id, "name": args.name, "description": args.description})
        ),
        FormatArg::Text => outln!("updated {id}"),
    }
    OK
}
