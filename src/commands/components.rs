//! `connect-views components [TYPE]`: the catalogue, for people.

use serde_json::{Map, Value, json};

use crate::cli::{ComponentsArgs, FormatArg};
use crate::view::Catalog;
use crate::view::catalog::{Certainty, Component, ContentKind, Kind, Props, Sealed};

use super::{FAILED, OK};

pub fn run(args: &ComponentsArgs) -> u8 {
    let catalog = Catalog::builtin();
    if args.output == FormatArg::Json {
        return run_json(args, catalog);
    }
    match &args.component {
        None => {
            outln!("{:<24} {:<28} WHAT", "TYPE", "KNOWN FROM");
            for c in catalog.components.values() {
                outln!("{:<24} {:<28} {}", c.name, c.from.join(", "), c.help);
            }
            outln!(
                "\nsources: {}\n`connect-views components TYPE` says what each source is",
                catalog
                    .sources
                    .keys()
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            OK
        }
        Some(name) => match catalog.component(name) {
            Some(c) => {
                out!("{}", describe(c, catalog));
                OK
            }
            None => {
                eprintln!("error: {}", unknown(name, catalog));
                FAILED
            }
        },
    }
}

fn unknown(name: &str, catalog: &Catalog) -> String {
    let hint = catalog
        .suggest(name)
        .map(|s| format!("; did you mean {s}?"))
        .unwrap_or_default();
    format!("no component \"{name}\" in the catalogue{hint}")
}

/// `--output json`: the whole catalogue as `{"components": [...], "sources": {...}}`, or one
/// component's object (with the sources it names); an unknown Type is `{"error": ...}`, exit 1.
fn run_json(args: &ComponentsArgs, catalog: &Catalog) -> u8 {
    let sources = |keys: &mut dyn Iterator<Item = &String>| -> Map<String, Value> {
        keys.filter_map(|k| catalog.sources.get(k).map(|v| (k.clone(), json!(v))))
            .collect()
    };
    let (out, code) = match &args.component {
        None => (
            json!({
                "components": catalog.components.values().map(component_json).collect::<Vec<_>>(),
                "sources": sources(&mut catalog.sources.keys()),
            }),
            OK,
        ),
        Some(name) => match catalog.component(name) {
            Some(c) => {
                let mut value = component_json(c);
                value["sources"] = Value::Object(sources(&mut c.from.iter()));
                (value, OK)
            }
            None => (json!({"error": unknown(name, catalog)}), FAILED),
        },
    };
    outln!(
        "{}",
        serde_json::to_string_pretty(&out).expect("serializable")
    );
    code
}

fn component_json(c: &Component) -> Value {
    json!({
        "type": c.name,
        "help": c.help,
        "content": match c.content {
            ContentKind::Children => "children",
            ContentKind::Text => "text",
            ContentKind::None => "none",
        },
        "container": c.container,
        "field": c.field,
        "unknown_props": match c.sealed {
            Sealed::Yes => "rejected",
            Sealed::No => "ignored",
            Sealed::Unknown => "unknown",
        },
        "known_from": c.from,
        "raises": c.raises,
        "props": props_json(&c.props),
        "not_props": c.not_props,
    })
}

fn props_json(props: &Props) -> Value {
    let mut out = Map::new();
    for (name, p) in props {
        let mut v = json!({
            "kind": kind_name(&p.kind),
            "describe": p.kind.describe(),
            "required": match p.required {
                Some(Certainty::Sure) => json!("sure"),
                Some(Certainty::Documented) => json!("documented"),
                None => Value::Null,
            },
            "raises_action": p.action,
            "empty_allowed": p.empty,
            "help": p.help,
            "known_from": p.from,
        });
        match &p.kind {
            Kind::Enum(values) => v["values"] = json!(values),
            Kind::List(fields) | Kind::Object(fields) => v["fields"] = props_json(fields),
            _ => {}
        }
        out.insert(name.clone(), v);
    }
    Value::Object(out)
}

fn kind_name(k: &Kind) -> &'static str {
    match k {
        Kind::String => "string",
        Kind::Boolean => "boolean",
        Kind::Condition => "condition",
        Kind::Number => "number",
        Kind::Enum(_) => "enum",
        Kind::Strings => "strings",
        Kind::Scalars => "scalars",
        Kind::List(_) => "list",
        Kind::Object(_) => "object",
        Kind::Linked => "linked",
        Kind::Any => "any",
    }
}

fn describe(c: &Component, catalog: &Catalog) -> String {
    let mut out = format!("{}: {}\n", c.name, c.help);
    let content = match c.content {
        ContentKind::Children => "child components and text",
        ContentKind::Text => "text",
        ContentKind::None => "nothing",
    };
    out.push_str(&format!("  Content: {content}\n"));
    if c.container {
        out.push_str("  may hold components at the top level of Body\n");
    }
    out.push_str(match c.sealed {
        Sealed::Yes => "  unknown props: the service rejects them (found by publishing)\n",
        Sealed::No => {
            "  unknown props: the service accepts and ignores them (found by publishing)\n"
        }
        Sealed::Unknown => {
            "  unknown props: nobody has found out whether the service rejects them: a near miss \
             of a known prop is an error, any other a warning\n"
        }
    });
    out.push_str("  known from:\n");
    for key in &c.from {
        let what = catalog.sources.get(key).map(String::as_str).unwrap_or("");
        out.push_str(&format!("    {key}: {what}\n"));
    }
    if !c.raises.is_empty() {
        out.push_str(&format!("  raises: {}\n", c.raises.join(", ")));
    }
    props(c, &c.props, 1, &mut out);
    for (name, instead) in &c.not_props {
        out.push_str(&format!("  no {name}: {instead}\n"));
    }
    out
}

fn props(c: &Component, list: &Props, depth: usize, out: &mut String) {
    let pad = "  ".repeat(depth);
    for (name, p) in list {
        let mut flags = Vec::new();
        match p.required {
            Some(Certainty::Sure) => flags.push("required".to_string()),
            Some(Certainty::Documented) => flags.push("required, as documented".to_string()),
            None => {}
        }
        if !p.from.is_empty() && p.from != c.from {
            flags.push(format!("known from {}", p.from.join(", ")));
        }
        if p.action {
            flags.push("raises the action it names".to_string());
        }
        let flags = if flags.is_empty() {
            String::new()
        } else {
            format!(" ({})", flags.join(", "))
        };
        out.push_str(&format!("{pad}{name}: {}{flags}\n", p.kind.describe()));
        if let Kind::List(fields) | Kind::Object(fields) = &p.kind {
            props(c, fields, depth + 1, out);
        }
    }
}
