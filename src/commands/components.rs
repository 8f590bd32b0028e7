//! `connect-views components [TYPE]`: the catalogue, for people.

use crate::cli::ComponentsArgs;
use crate::view::Catalog;
use crate::view::catalog::{Component, Kind, Props};

use super::{FAILED, OK};

pub fn run(args: &ComponentsArgs) -> u8 {
    let catalog = Catalog::builtin();
    match &args.component {
        None => {
            for c in catalog.components.values() {
                println!("{:<18} {}", c.name, c.help);
            }
            OK
        }
        Some(name) => match catalog.component(name) {
            Some(c) => {
                print!("{}", describe(c));
                OK
            }
            None => {
                let hint = catalog
                    .suggest(name)
                    .map(|s| format!("; did you mean {s}?"))
                    .unwrap_or_default();
                eprintln!("error: no component \"{name}\" in the catalogue{hint}");
                FAILED
            }
        },
    }
}

fn describe(c: &Component) -> String {
    let mut out = format!("{}: {}\n", c.name, c.help);
    let content = match c.content {
        crate::view::catalog::ContentKind::Children => "child components and text",
        crate::view::catalog::ContentKind::Text => "text",
        crate::view::catalog::ContentKind::None => "nothing",
    };
    out.push_str(&format!("  Content: {content}\n"));
    if c.container {
        out.push_str("  may hold components at the top level of Body\n");
    }
    if c.open {
        out.push_str("  props are not checked (not probed on the service)\n");
    }
    if !c.raises.is_empty() {
        out.push_str(&format!("  raises: {}\n", c.raises.join(", ")));
    }
    props(&c.props, 1, &mut out);
    out
}

fn props(list: &Props, depth: usize, out: &mut String) {
    let pad = "  ".repeat(depth);
    for (name, p) in list {
        let mut flags = Vec::new();
        if p.required {
            flags.push("required");
        }
        if p.action {
            flags.push("raises the action it names");
        }
        let flags = if flags.is_empty() {
            String::new()
        } else {
            format!(" ({})", flags.join(", "))
        };
        out.push_str(&format!("{pad}{name}: {}{flags}\n", p.kind.describe()));
        if let Kind::List(fields) = &p.kind {
            props(fields, depth + 1, out);
        }
    }
}
