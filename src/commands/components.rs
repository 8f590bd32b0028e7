//! `connect-views components [TYPE]`: the catalogue, for people.

use crate::cli::ComponentsArgs;
use crate::view::Catalog;
use crate::view::catalog::{Certainty, Component, Kind, Props, Sealed};

use super::{FAILED, OK};

pub fn run(args: &ComponentsArgs) -> u8 {
    let catalog = Catalog::builtin();
    match &args.component {
        None => {
            println!("{:<24} {:<28} WHAT", "TYPE", "KNOWN FROM");
            for c in catalog.components.values() {
                println!("{:<24} {:<28} {}", c.name, c.from.join(", "), c.help);
            }
            println!(
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
                print!("{}", describe(c, catalog));
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

fn describe(c: &Component, catalog: &Catalog) -> String {
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
