//! What makes the binary an installed tool: shell completions that load, a man page that
//! renders, `--version` naming the commit, and Neovim's own LSP client against the server.

use std::process::Command;

use crate::common::{bin, temp_dir};

fn stdout_of(args: &[&str]) -> String {
    let out = bin().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The bash completions load in bash and complete a command and an option's values.
#[test]
fn bash_completions_load_and_complete() {
    let dir = temp_dir();
    let script = dir.path().join("connect-views.bash");
    std::fs::write(&script, stdout_of(&["completions", "bash"])).unwrap();
    let complete = |words: &str| {
        let probe = format!(
            "source '{}' && complete -p connect-views >/dev/null && COMP_WORDS=({words}) && \
             COMP_CWORD=$(( ${{#COMP_WORDS[@]}} - 1 )) && COMP_LINE=\"${{COMP_WORDS[*]}}\" && \
             COMP_POINT=${{#COMP_LINE}} && _connect__views connect-views \"${{COMP_WORDS[-1]}}\" \
             \"${{COMP_WORDS[-2]}}\" && printf '%s\\n' \"${{COMPREPLY[@]}}\"",
            script.display()
        );
        let out = Command::new("bash")
            .args(["--norc", "-c", &probe])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let commands = complete("connect-views va");
    assert!(commands.lines().any(|l| l == "validate"), "{commands}");
    let levels = complete("connect-views validate --level ''");
    assert!(levels.lines().any(|l| l == "published"), "{levels}");
    for shell in ["zsh", "fish", "powershell", "elvish"] {
        assert!(
            stdout_of(&["completions", shell]).contains("validate"),
            "{shell}"
        );
    }
}

/// The man page renders with `man -l`, with a section for every command.
#[test]
fn the_man_page_renders_with_man() {
    let dir = temp_dir();
    let page = dir.path().join("connect-views.1");
    std::fs::write(&page, stdout_of(&["man"])).unwrap();
    let out = Command::new("man")
        .arg("-l")
        .arg(&page)
        .env("MANPAGER", "cat")
        .env("MANWIDTH", "100")
        .output()
        .expect("man is installed");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("connect-views - Author, check and publish Amazon Connect views"));
    for command in [
        "EDIT",
        "VALIDATE",
        "LSP",
        "JSON-SCHEMA",
        "COMPLETIONS",
        "USED-BY",
        "PROMOTE",
    ] {
        assert!(text.contains(&format!("COMMAND: {command}")), "{command}");
    }
    assert!(
        text.contains("connect-views lsp"),
        "the lsp section's synopsis"
    );
}

/// `--version` names the commit the binary was built from.
#[test]
fn version_names_the_commit() {
    let version = stdout_of(&["--version"]);
    let head = Command::new("git")
        .args(["rev-parse", "--short=12", "HEAD"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string());
    let want = head.unwrap_or_else(|| "unknown commit".into());
    assert_eq!(
        version.trim(),
        format!("connect-views {} ({want})", env!("CARGO_PKG_VERSION"))
    );
}

/// `json-schema` prints the schema the tests hold to the validator, at either level.
#[test]
fn json_schema_prints_the_schema_at_the_level_asked() {
    use connect_views::view::{Catalog, Level, json_schema};
    for (flag, level) in [("published", Level::Published), ("saved", Level::Saved)] {
        let printed: serde_json::Value =
            serde_json::from_str(&stdout_of(&["json-schema", "--level", flag])).unwrap();
        assert_eq!(printed, json_schema::of(Catalog::builtin(), level));
        assert_eq!(
            printed["$schema"],
            "https://json-schema.org/draft/2020-12/schema"
        );
    }
    let published: serde_json::Value = serde_json::from_str(&stdout_of(&["json-schema"])).unwrap();
    let head = &published["$defs"]["template"]["properties"]["Head"]["required"];
    assert_eq!(head, &serde_json::json!(["Title", "Configuration"]));
}
