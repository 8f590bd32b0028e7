//! The arrows point down: the domain (`view/`) knows nothing of the client, the endpoint,
//! the TUI or the commands; the client and the endpoint know nothing of the TUI or the
//! commands (and the endpoint nothing of the client); the TUI uses neither the commands nor
//! the endpoint (it goes through the client).
//!
//! Read from the code, not matched as text: every path that starts at `crate::` (grouped
//! imports `use crate::{a, b::c}` included) or climbs out with `super::`, with comments
//! left out, resolved to the top-level module it reaches.

use std::path::Path;

fn sources(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The source without its comments (line comments and doc comments; block comments too).
fn code(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let (mut i, mut in_str) = (0, false);
    while i < bytes.len() {
        let c = bytes[i];
        if in_str {
            out.push(c);
            if c == b'\\' && i + 1 < bytes.len() {
                out.push(bytes[i + 1]);
                i += 2;
                continue;
            }
            in_str = c != b'"';
        } else if bytes[i..].starts_with(b"'\"'") {
            // A quote as a character, not the start of a string.
            out.extend_from_slice(b"'\"'");
            i += 3;
            continue;
        } else if c == b'"' {
            in_str = true;
            out.push(c);
        } else if bytes[i..].starts_with(b"//") {
            while i < bytes.len() && bytes[i] != b'\n' {
                i += 1;
            }
            continue;
        } else if bytes[i..].starts_with(b"/*") {
            i += text[i..]
                .find("*/")
                .map(|e| e + 2)
                .unwrap_or(text.len() - i);
            continue;
        } else {
            out.push(c);
        }
        i += 1;
    }
    // Only whole comments (which begin and end on ASCII) were left out.
    String::from_utf8(out).expect("UTF-8 in, UTF-8 out")
}

/// Up to 40 bytes of `code` from `at`, cut on a character boundary.
fn excerpt(code: &str, at: usize) -> String {
    let mut end = (at + 40).min(code.len());
    while !code.is_char_boundary(end) {
        end -= 1;
    }
    code[at..end].to_string()
}

fn ident(s: &str) -> &str {
    let end = s
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(s.len());
    &s[..end]
}

/// The first segment of each path that follows a `::` at `rest`: one name, or each member
/// of a `{...}` group.
fn first_segments(rest: &str) -> Vec<String> {
    let rest = rest.trim_start();
    let Some(group) = rest.strip_prefix('{') else {
        return vec![ident(rest).to_string()];
    };
    let (mut depth, mut item, mut out) = (0, String::new(), Vec::new());
    for c in group.chars() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => break,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                out.push(ident(item.trim()).to_string());
                item.clear();
                continue;
            }
            _ => {}
        }
        item.push(c);
    }
    out.push(ident(item.trim()).to_string());
    out.retain(|s| !s.is_empty() && s != "self");
    out
}

/// The top-level modules a file's paths reach, with the text that reaches them.
fn reached(module: &[String], code: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (at, _) in code.match_indices("crate::") {
        if at > 0 && code[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == '$') {
            continue;
        }
        let rest = &code[at + "crate::".len()..];
        for first in first_segments(rest) {
            out.push((first, excerpt(code, at)));
        }
    }
    for (at, _) in code.match_indices("super::") {
        if code[..at].ends_with("super::") {
            continue; // counted from the first of a chain
        }
        let mut rest = &code[at..];
        let mut up = 0;
        while let Some(r) = rest.strip_prefix("super::") {
            up += 1;
            rest = r;
        }
        if up < module.len() {
            // Still inside the top-level module this file belongs to.
            continue;
        }
        for first in first_segments(rest) {
            out.push((first, excerpt(code, at)));
        }
    }
    out
}

#[test]
fn each_layer_uses_only_the_layers_below_it() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let rules: &[(&str, &[&str])] = &[
        ("view", &["connect", "local", "tui", "commands", "cli"]),
        ("connect", &["tui", "commands", "cli"]),
        ("local", &["connect", "tui", "commands", "cli"]),
        ("tui", &["commands", "cli", "local"]),
    ];
    let mut checked = 0;
    for (layer, forbidden) in rules {
        let mut files = Vec::new();
        sources(&root.join(layer), &mut files);
        assert!(!files.is_empty(), "{layer} has sources");
        for path in &files {
            checked += 1;
            let rel = path.strip_prefix(&root).unwrap().with_extension("");
            let mut module: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if module.last().is_some_and(|m| m == "mod") {
                module.pop();
            }
            let text = code(&std::fs::read_to_string(path).unwrap());
            for (top, at) in reached(&module, &text) {
                assert!(
                    !forbidden.contains(&top.as_str()),
                    "{} ({layer}) uses {top}: `{at}`",
                    path.display()
                );
            }
        }
    }
    assert!(checked > 40, "{checked} files");
}

/// The reader finds what a substring scan missed: grouped imports, and `super::` paths
/// that climb out of the layer.
#[test]
fn the_layer_reader_sees_grouped_imports_and_super_paths() {
    let module = ["tui".to_string(), "panes".to_string()];
    let text = code(
        "use crate::{view::Tree, local::{self, Store}};\n\
         // crate::commands in a comment is no use\n\
         fn f() { super::super::cli::x(); super::status::y(); }",
    );
    let tops: Vec<String> = reached(&module, &text)
        .into_iter()
        .map(|(t, _)| t)
        .collect();
    assert_eq!(tops, ["view", "local", "cli"]);
}
