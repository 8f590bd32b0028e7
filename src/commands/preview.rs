//! `connect-views preview VIEW`: the view drawn as the agent workspace shows it, with a
//! sample data set; `--press ID` prints what pressing that element yields.

use std::io::IsTerminal;

use serde_json::{Map, Value, json};

use crate::cli::{ColorArg, PreviewArgs};
use crate::view::preview::{self, FieldValue, PreviewState, Resolver, option_list};
use crate::view::tree::Tree;

use super::{FAILED, OK, USAGE, load_or_report};

pub fn run(args: &PreviewArgs) -> u8 {
    match inner(args) {
        Ok(code) | Err(code) => code,
    }
}

fn inner(args: &PreviewArgs) -> Result<u8, u8> {
    if args.page.is_none() {
        super::data::unused_target(
            &args.target,
            "preview works offline unless --page names a workspace page",
            "give --page WORKSPACE/PAGE to draw the view with that page's InputData",
        )?;
    }
    let doc = load_or_report(&args.view)?;
    let file = args.view.display();
    let Some(tree) = Tree::parse(&doc.template) else {
        eprintln!(
            "error: {file}: the template is not valid JSON, so there is nothing to draw; run \
             `connect-views validate {file}`"
        );
        return Err(FAILED);
    };
    let data = sample_data(args, &doc)?;
    let r = Resolver {
        tree: &tree,
        data: &data,
    };
    let mut state = PreviewState::default();
    let mut given = std::collections::HashSet::new();
    for input in &args.inputs {
        set_input(&r, &mut state, &mut given, input)?;
    }
    let width = args.width.unwrap_or(80).clamp(20, 400);
    let layout = preview::layout(&tree, &data, &state, width);
    let Some(spec) = &args.press else {
        print_view(args, &layout);
        return Ok(OK);
    };
    let Some(at) = layout.find(&tree, spec) else {
        eprintln!(
            "error: nothing to press at \"{spec}\" in {file}; pressable: {}",
            pressable(&tree, &layout)
        );
        return Err(USAGE);
    };
    let hotspot = &layout.hotspots[at];
    let Some(pressed) = preview::press(&r, &state, &doc.actions, hotspot) else {
        eprintln!(
            "error: \"{spec}\" is a field, which raises no action; set its value with --input \
             NAME=VALUE and press a button"
        );
        return Err(USAGE);
    };
    let paths: Map<String, Value> = pressed
        .paths
        .iter()
        .map(|(p, v)| (p.clone(), Value::String(v.clone())))
        .collect();
    if !pressed.errors.is_empty() {
        for e in &pressed.errors {
            eprintln!("error: field \"{}\": {}", e.name, e.message);
        }
        let errors: Vec<Value> = pressed
            .errors
            .iter()
            .map(|e| json!({"field": e.name, "message": e.message}))
            .collect();
        outln!(
            "{}",
            serde_json::to_string_pretty(&json!({"action": null, "errors": errors}))
                .expect("serializable")
        );
        return Ok(FAILED);
    }
    outln!(
        "{}",
        serde_json::to_string_pretty(&json!({
            "action": pressed.action,
            "branch": pressed.branch,
            "viewResultData": pressed.view_result_data,
            "paths": paths,
        }))
        .expect("serializable")
    );
    for note in &pressed.notes {
        eprintln!("note: {note}");
    }
    Ok(OK)
}

/// The view drawn, in colour where the terminal takes it (or as asked), and its notes.
fn print_view(args: &PreviewArgs, layout: &preview::Layout) {
    let ansi = match args.color {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    if ansi {
        out!("{}", preview::to_ansi(layout));
    } else {
        out!("{}", preview::to_plain(layout));
    }
    for note in &layout.notes {
        eprintln!("note: {note}");
    }
}

/// What can be pressed: `ID` or `ID/ITEM`, or "none".
fn pressable(tree: &Tree, layout: &preview::Layout) -> String {
    let all: Vec<String> = layout
        .hotspots
        .iter()
        .filter(|h| h.kind.raises())
        .map(|h| {
            let id = tree.get(h.node).id.as_deref().unwrap_or("?");
            match h.item {
                Some(i) => format!("{id}/{i}"),
                None => id.to_string(),
            }
        })
        .collect();
    if all.is_empty() {
        "none".to_string()
    } else {
        all.join(", ")
    }
}

/// The data the view is drawn with: --data, a SampleData set (--set, else the first), or
/// none.
/// A workspace page's InputData from the instance (its view named too, on stderr, when it is
/// not the file's).
fn page_data(spec: &str, args: &PreviewArgs) -> Result<Value, u8> {
    let runtime = tokio::runtime::Runtime::new().map_err(|e| {
        eprintln!("error: cannot start the async runtime: {e}");
        USAGE
    })?;
    let (_, page) = runtime.block_on(super::service::call(
        &args.target,
        crate::cli::FormatArg::Text,
        async |c: &crate::connect::ConnectClient| crate::connect::consumers::page(c, spec).await,
    ))?;
    eprintln!(
        "drawn with the InputData of page {spec}, which shows {}",
        page.view
    );
    let text = page.input_data.unwrap_or_else(|| "{}".into());
    serde_json::from_str(&text).map_err(|e| {
        eprintln!("error: page {spec}: its InputData is not JSON: {e}");
        FAILED
    })
}

fn sample_data(args: &PreviewArgs, doc: &crate::view::ViewDocument) -> Result<Value, u8> {
    if let Some(spec) = &args.page {
        return page_data(spec, args);
    }
    if let Some(path) = &args.data {
        let text = std::fs::read_to_string(path).map_err(|e| {
            eprintln!("error: cannot read {}: {e}", path.display());
            USAGE
        })?;
        return serde_json::from_str(&text).map_err(|e| {
            eprintln!(
                "error: {}:{}:{}: not JSON: {e}",
                path.display(),
                e.line(),
                e.column()
            );
            USAGE
        });
    }
    let sets = doc.extra.get("SampleData").and_then(Value::as_object);
    match (&args.set, sets) {
        (Some(name), Some(sets)) => sets.get(name).cloned().ok_or_else(|| {
            eprintln!(
                "error: {} has no SampleData set `{name}`; it has: {}",
                args.view.display(),
                sets.keys().cloned().collect::<Vec<_>>().join(", ")
            );
            USAGE
        }),
        (Some(name), None) => {
            eprintln!(
                "error: {} has no SampleData sets, so there is no set `{name}`",
                args.view.display()
            );
            Err(USAGE)
        }
        (None, Some(sets)) => Ok(sets.values().next().cloned().unwrap_or(Value::Null)),
        (None, None) => Ok(Value::Null),
    }
}

/// `NAME=VALUE`: a field's value (by its `Name` or `_id`). A choice field takes option values
/// (repeat it, or separate them with commas, for several); a Toggle takes true or false.
fn set_input(
    r: &Resolver<'_>,
    state: &mut PreviewState,
    given: &mut std::collections::HashSet<crate::view::tree::NodeId>,
    input: &str,
) -> Result<(), u8> {
    let Some((name, value)) = input.split_once('=') else {
        eprintln!("error: --input takes NAME=VALUE, not \"{input}\"");
        return Err(USAGE);
    };
    let Some(id) = r.tree.field(name).or_else(|| r.tree.by_id(name)) else {
        eprintln!("error: --input {name}: the view has no field named \"{name}\"");
        return Err(USAGE);
    };
    let node = r.tree.get(id);
    use crate::view::catalog::Holds;
    let value = match crate::view::preview::value_of_type(node.ty()) {
        Some(Holds::Toggle) => match value {
            "true" => FieldValue::On(true),
            "false" => FieldValue::On(false),
            other => {
                eprintln!("error: --input {name}: a Toggle takes true or false, not \"{other}\"");
                return Err(USAGE);
            }
        },
        Some(Holds::Option | Holds::Options(_)) => {
            let options = option_list(r, node);
            // The first --input for a field replaces its DefaultValue; more add to it.
            let mut chosen = match state.value(r, id) {
                FieldValue::Chosen(v) if given.contains(&id) => v,
                _ => Vec::new(),
            };
            for v in value.split(',').map(str::trim).filter(|v| !v.is_empty()) {
                if !options.iter().any(|(_, o)| o == v) {
                    eprintln!(
                        "error: --input {name}: \"{v}\" is not one of its option values ({})",
                        options
                            .iter()
                            .map(|(_, o)| o.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    );
                    return Err(USAGE);
                }
                if !chosen.iter().any(|c| c == v) {
                    chosen.push(v.to_string());
                }
            }
            FieldValue::Chosen(chosen)
        }
        Some(Holds::Text) => FieldValue::Text(value.to_string()),
        Some(Holds::Rows) | None => {
            let other = node.ty();
            eprintln!("error: --input {name}: a {other} takes no input");
            return Err(USAGE);
        }
    };
    state.set(r.tree, id, value);
    given.insert(id);
    Ok(())
}
