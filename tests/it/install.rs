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

/// What bash's completion of `words` (the last being the word completed) offers, the script
/// at `script` loaded and `setup` applied to the shell's command.
fn bash_complete(script: &std::path::Path, words: &str, setup: &dyn Fn(&mut Command)) -> String {
    let probe = format!(
        "source '{}' && complete -p connect-views >/dev/null && COMP_WORDS=({words}) && \
         COMP_CWORD=$(( ${{#COMP_WORDS[@]}} - 1 )) && COMP_LINE=\"${{COMP_WORDS[*]}}\" && \
         COMP_POINT=${{#COMP_LINE}} && _connect__views connect-views \"${{COMP_WORDS[-1]}}\" \
         \"${{COMP_WORDS[-2]}}\" && printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        script.display()
    );
    let mut bash = Command::new("bash");
    setup(&mut bash);
    let out = bash.args(["--norc", "-c", &probe]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
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
    let complete = |words: &str| bash_complete(&script, words, &|_| {});
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

/// A VIEW completes with the names of the instance's views (`list --names`): here the
/// embedded default's, after two pushes to it. Bash and fish are run for real (`.ci/run`
/// installs fish); zsh's script is parsed by zsh.
#[test]
fn completion_offers_the_instances_view_names() {
    let data = temp_dir();
    let with_data = |c: &mut Command| {
        let dir = std::path::Path::new(env!("CARGO_BIN_EXE_connect-views"))
            .parent()
            .unwrap();
        let path = format!(
            "{}:{}",
            dir.display(),
            std::env::var("PATH").unwrap_or_default()
        );
        c.env("CONNECT_VIEWS_DATA_DIR", data.path())
            .env("PATH", path);
    };
    for example in ["callback-form.view.json", "order-cards.view.json"] {
        let mut push = bin();
        with_data(&mut push);
        let file = crate::common::example(example);
        let out = push
            .args(["push", file.to_str().unwrap()])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let mut list = bin();
    with_data(&mut list);
    let out = list.args(["list", "--names"]).output().unwrap();
    assert!(out.status.success());
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let names = String::from_utf8(out.stdout).unwrap();
    // The two pushed, beside the AWS-managed views the endpoint serves as the service does.
    for name in ["Callback request", "Order actions", "Form"] {
        assert!(names.lines().any(|l| l == name), "{name}: {names}");
    }

    let dir = temp_dir();
    let script = dir.path().join("connect-views.bash");
    std::fs::write(&script, stdout_of(&["completions", "bash"])).unwrap();
    // Bash splits the offered words at spaces: "Callback request" is offered as its first word.
    let offered = bash_complete(&script, "connect-views describe Call", &with_data);
    assert_eq!(
        offered.lines().collect::<Vec<_>>(),
        ["Callback"],
        "{offered}"
    );

    let fish = dir.path().join("connect-views.fish");
    std::fs::write(&fish, stdout_of(&["completions", "fish"])).unwrap();
    let mut run = Command::new("fish");
    with_data(&mut run);
    let command = format!(
        "source '{}'; complete -C 'connect-views describe Call'",
        fish.display()
    );
    match run.args(["--no-config", "-c", &command]).output() {
        Ok(out) => {
            let offered = String::from_utf8_lossy(&out.stdout);
            assert!(
                offered.lines().any(|l| l == "Callback request"),
                "{offered}"
            );
        }
        Err(e) => assert!(std::env::var_os("CI").is_none(), "fish: {e}"),
    }
    let zsh = dir.path().join("_connect-views");
    let text = stdout_of(&["completions", "zsh"]);
    assert!(
        text.contains(":_connect_views_names' \\"),
        "zsh: no VIEW names"
    );
    std::fs::write(&zsh, text).unwrap();
    if let Ok(out) = Command::new("zsh").arg("-n").arg(&zsh).output() {
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
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
