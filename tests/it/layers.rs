//! The arrows point down: the domain (`view/`) knows nothing of the client, the endpoint,
//! the TUI or the commands; the client and the endpoint know nothing of the TUI or the
//! commands (and the endpoint nothing of the client); the TUI does not use the commands.

use std::path::Path;

fn sources(dir: &Path, out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push((
                path.display().to_string(),
                std::fs::read_to_string(&path).unwrap(),
            ));
        }
    }
}

#[test]
fn each_layer_uses_only_the_layers_below_it() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let rules: &[(&str, &[&str])] = &[
        ("view", &["connect", "local", "tui", "commands", "cli"]),
        ("connect", &["tui", "commands", "cli"]),
        ("local", &["connect", "tui", "commands", "cli"]),
        ("tui", &["commands", "cli"]),
    ];
    let mut checked = 0;
    for (layer, forbidden) in rules {
        let mut files = Vec::new();
        sources(&root.join(layer), &mut files);
        assert!(!files.is_empty(), "{layer} has sources");
        for (path, text) in &files {
            checked += 1;
            for f in *forbidden {
                for needle in [
                    format!("crate::{f}::"),
                    format!("crate::{f};"),
                    format!("crate::{f}}}"),
                ] {
                    assert!(
                        !text.contains(&needle),
                        "{path} ({layer}) uses {f}: `{needle}`"
                    );
                }
            }
        }
    }
    assert!(checked > 40, "{checked} files");
}
