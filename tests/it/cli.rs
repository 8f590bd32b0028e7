//! The built binary: output and exit codes of the offline commands.

use crate::common::{at, example, examples, in_container, run, stderr, stdout, temp_dir};

#[test]
fn validate_passes_the_examples_with_exit_0() {
    let files: Vec<String> = examples().iter().map(|p| p.display().to_string()).collect();
    let mut args = vec!["validate"];
    args.extend(files.iter().map(String::as_str));
    let out = run(&args);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("3 files checked at the published level: 0 errors, 0 warnings"));
}

#[test]
fn validate_prints_compiler_style_diagnostics_and_exits_1() {
    let dir = temp_dir();
    let path = dir.path().join("bad.view.json");
    let text = in_container(
        r#"["Go"]"#,
        r#"{"_id": "b", "Type": "Button", "Props": {"Action": "Go", "Colour": "red"}, "Content": ["Go"]}"#,
    );
    std::fs::write(&path, &text).unwrap();
    let out = run(&["validate", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let o = stdout(&out);
    let pos = at(&text, "\"Colour\"");
    let header = format!(
        "{}:{}:{}: error[CV041]: Button has no prop \"Colour\"",
        path.display(),
        pos.line,
        pos.column
    );
    assert!(o.contains(&header), "{o}");
    // The source line, then a caret under the key.
    let line = text.lines().nth(pos.line - 1).unwrap();
    assert!(o.contains(&format!("{} | {line}", pos.line)), "{o}");
    let caret = format!("| {}^^^^^^^^\n", " ".repeat(pos.column - 1));
    assert!(o.contains(&caret), "{o}");

    // Saved level: the same mistake is a warning and the exit status is 0.
    let out = run(&["validate", "--level", "saved", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("warning[CV041]"));
}

#[test]
fn validate_json_format_lists_every_field() {
    let dir = temp_dir();
    let path = dir.path().join("bad.view.json");
    let text = in_container(
        "[]",
        r#"{"_id": "t", "Type": "TextBox", "Props": {}, "Content": ["$.A..B"]}"#,
    );
    std::fs::write(&path, &text).unwrap();
    let out = run(&["validate", "--format", "json", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let d = &v[0];
    let pos = at(&text, "\"$.A..B\"");
    assert_eq!(d["code"], "CV050");
    assert_eq!(d["severity"], "error");
    assert_eq!(d["line"], pos.line);
    assert_eq!(d["column"], pos.column);
    assert_eq!(d["end"]["line"], pos.line);
    assert_eq!(d["end"]["column"], pos.column + 8);
    assert_eq!(d["pointer"], "/Template/Body/0/Content/0/Content/0");
    assert_eq!(d["path"], path.display().to_string());
    assert!(d["message"].as_str().unwrap().contains("well-formed"));
}

#[test]
fn io_and_usage_errors_exit_2() {
    let out = run(&["validate", "does-not-exist.view.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("cannot read does-not-exist.view.json"));
    let dir = temp_dir();
    let out = run(&["validate", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("directory"));
    let out = run(&["validate", "--level", "draft", "x.json"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn an_unreadable_file_is_not_reported_as_checked() {
    let out = run(&["validate", "does-not-exist.view.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!stdout(&out).contains("checked"), "{}", stdout(&out));
    assert!(!stdout(&out).contains("0 errors"), "{}", stdout(&out));
    assert!(
        stderr(&out).contains("1 file could not be read and was not checked"),
        "{}",
        stderr(&out)
    );
    // Beside a readable file: only that one counts as checked.
    let good = example("order-cards.view.json");
    let out = run(&[
        "validate",
        good.to_str().unwrap(),
        "does-not-exist.view.json",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stdout(&out).contains("1 file checked at the published level: 0 errors, 0 warnings"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn thousands_of_diagnostics_print_frames_for_the_first_then_counts() {
    // One line, 2,000 buttons raising actions the view does not list.
    let dir = temp_dir();
    let path = dir.path().join("many.view.json");
    let text = connect_views::view::generate::hostile_view_file(2_000, 0);
    assert_eq!(text.lines().count(), 1);
    std::fs::write(&path, &text).unwrap();
    let out = run(&["validate", path.to_str().unwrap()]);
    let o = stdout(&out);
    let frames = o
        .lines()
        .filter(|l| l.contains(": warning[CV060]: this component raises"))
        .count();
    assert_eq!(frames, connect_views::view::report::FRAMES, "{o}");
    assert!(
        o.contains("1950 more not shown (`--format json` lists every one)"),
        "{o}"
    );
    assert!(o.contains("   1950 warning[CV060]"), "{o}");
    // A frame is a window of the line, not the whole of it.
    assert!(
        o.lines().all(|l| l.chars().count() < 400),
        "a frame printed a whole line"
    );
    assert!(
        o.contains("1 file checked at the published level: 0 errors, 2000 warnings"),
        "{o}"
    );
    // JSON lists every one, located on line 1.
    let out = run(&["validate", "--format", "json", path.to_str().unwrap()]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let all = v.as_array().unwrap();
    assert_eq!(all.len(), 2_000);
    assert!(all.iter().all(|d| d["line"] == 1));
    let last = all.last().unwrap();
    let column = last["column"].as_u64().unwrap() as usize;
    assert!(text[column - 1..].starts_with("\"Act1999\""), "{last}");
}

#[test]
fn syntax_errors_exit_1_with_their_position() {
    let dir = temp_dir();
    let path = dir.path().join("broken.view.json");
    std::fs::write(&path, "{\n  \"Name\": \"x\"\n  \"Actions\": []\n}").unwrap();
    let out = run(&["validate", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("broken.view.json:2:14: error[CV001]: expected a comma"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn schema_prints_the_input_schema() {
    let out = run(&["schema", example("order-cards.view.json").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["required"], serde_json::json!(["OrderSummary"]));
    // A string that is not an unresolved reference, or a number.
    assert_eq!(
        v["properties"]["OrderSummary"]["anyOf"][0]["type"],
        "string"
    );
    assert_eq!(
        v["properties"]["OrderSummary"]["anyOf"][0]["pattern"],
        "^$|^(?!\\$\\.).+"
    );
    assert_eq!(
        v["properties"]["OrderSummary"]["anyOf"][1]["type"],
        "number"
    );
}

#[test]
fn fmt_rewrites_and_check_reports() {
    let dir = temp_dir();
    let path = dir.path().join("v.view.json");
    let canonical = std::fs::read_to_string(example("callback-form.view.json")).unwrap();
    let minified =
        serde_json::to_string(&serde_json::from_str::<serde_json::Value>(&canonical).unwrap())
            .unwrap();
    std::fs::write(&path, &minified).unwrap();
    let p = path.to_str().unwrap();

    let out = run(&["fmt", "--check", p]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("would reformat"));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        minified,
        "--check changes nothing"
    );

    let out = run(&["fmt", p]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), canonical);
    let out = run(&["fmt", "--check", p]);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn fmt_refuses_files_it_would_lose_text_from() {
    let dir = temp_dir();
    let path = dir.path().join("v.view.json");
    let text = in_container(
        "[]",
        "{\"_id\": \"l\", \"Type\": \"Loader\", \"Props\": {}, \"Content\": []} // keep me",
    );
    std::fs::write(&path, &text).unwrap();
    let out = run(&["fmt", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("CV002"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn export_writes_cli_input() {
    let out = run(&[
        "export",
        example("order-cards.view.json").to_str().unwrap(),
        "--instance-id",
        "abc",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["InstanceId"], "abc");
    assert_eq!(v["Status"], "PUBLISHED");
    assert_eq!(v["Name"], "Order actions");
    assert!(
        v["Content"]["Template"]
            .as_str()
            .unwrap()
            .starts_with("{\"Head\":")
    );
}

#[test]
fn every_command_explains_itself_with_an_example() {
    for cmd in [
        "validate",
        "schema",
        "fmt",
        "export",
        "components",
        "push",
        "version",
        "pull",
        "list",
        "versions",
        "describe",
        "delete",
        "rename",
        "serve",
        "edit",
        "check-data",
        "skeleton",
    ] {
        let out = run(&[cmd, "--help"]);
        assert_eq!(out.status.code(), Some(0), "{cmd}");
        let o = stdout(&out);
        assert!(o.contains("Example"), "{cmd} --help has no example:\n{o}");
        assert!(o.contains(&format!("connect-views {cmd}")), "{cmd}:\n{o}");
    }
}

const SERVICE_OPTIONS: [&str; 4] = ["--profile", "--region", "--endpoint-url", "--instance-id"];

#[test]
fn offline_commands_take_no_service_options() {
    for cmd in ["validate", "schema", "fmt", "components"] {
        let o = stdout(&run(&[cmd, "--help"]));
        for opt in SERVICE_OPTIONS {
            assert!(!o.contains(opt), "{cmd} --help lists {opt}:\n{o}");
        }
        assert!(!o.contains("Where requests go"), "{cmd}:\n{o}");
    }
    // Given anyway, they are a usage error, not silently ignored.
    let file = example("order-cards.view.json");
    let f = file.to_str().unwrap();
    let out = run(&["validate", f, "--profile", "prod"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("unexpected argument '--profile'"));
    // check-data lists them only as what --remote (or a flow without a view) uses...
    let o = stdout(&run(&["check-data", "--help"]));
    let heading = "Where requests go (with --remote, or --flow and no view file):";
    let at_heading = o.find(heading).unwrap_or_else(|| panic!("{o}"));
    for opt in SERVICE_OPTIONS {
        let i = o.find(opt).unwrap_or_else(|| panic!("{opt}: {o}"));
        assert!(i > at_heading, "{opt} is listed before {heading:?}:\n{o}");
    }
    // ...and refuses them when it checks a view file offline.
    let dir = temp_dir();
    let data = dir.path().join("data.json");
    std::fs::write(&data, "{}").unwrap();
    let out = run(&[
        "check-data",
        f,
        "--data",
        data.to_str().unwrap(),
        "--region",
        "eu-west-2",
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let e = stderr(&out);
    assert!(
        e.contains("works offline, so --region would not be used") && e.contains("--remote VIEW"),
        "{e}"
    );
    // A service command lists them under their own heading; a target before the command
    // is refused with where it belongs.
    let o = stdout(&run(&["list", "--help"]));
    assert!(
        o.contains("Where requests go:\n      --profile <NAME>"),
        "{o}"
    );
    let out = run(&["--profile", "prod", "list"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("options naming the target go after the command"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn every_positional_argument_says_what_it_is() {
    use clap::CommandFactory;
    let cli = connect_views::cli::Cli::command();
    let mut seen = 0;
    for sub in cli.get_subcommands().filter(|s| s.get_name() != "help") {
        for arg in sub.get_positionals() {
            seen += 1;
            let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
            assert!(
                !help.trim().is_empty(),
                "{} {}: no description",
                sub.get_name(),
                arg.get_id()
            );
            // And the rendered help shows it next to the argument.
            let o = stdout(&run(&[sub.get_name(), "--help"]));
            let first = help.lines().next().unwrap();
            assert!(
                o.contains(first.split_whitespace().next().unwrap()),
                "{}:\n{o}",
                sub.get_name()
            );
        }
    }
    assert!(seen >= 15, "{seen} positional arguments");
}

/// Every example line of every command's help comes out whole at 80 columns (and in a pipe,
/// which clap renders at 100): a command a person copies is never split mid-way.
#[test]
fn help_examples_are_never_wrapped() {
    use clap::CommandFactory;
    let cli = connect_views::cli::Cli::command();
    let mut commands: Vec<(Vec<&str>, String)> = vec![(
        vec!["--help"],
        cli.get_after_help()
            .map(|h| h.to_string())
            .unwrap_or_default(),
    )];
    for sub in cli.get_subcommands().filter(|s| s.get_name() != "help") {
        let after = sub
            .get_after_help()
            .map(|h| h.to_string())
            .unwrap_or_default();
        commands.push((vec![sub.get_name(), "--help"], after));
    }
    let mut examples = 0;
    for (args, after) in commands {
        let lines: Vec<&str> = after
            .lines()
            .skip_while(|l| !l.starts_with("Example"))
            .filter(|l| l.starts_with("  "))
            .collect();
        assert!(!lines.is_empty(), "{args:?} has no examples");
        for columns in ["80", "100"] {
            let out = crate::common::bin()
                .args(&args)
                .env("COLUMNS", columns)
                .output()
                .unwrap();
            let o = stdout(&out);
            for line in &lines {
                assert!(
                    line.chars().count() <= 80,
                    "{args:?}: an example wider than 80 columns: {line}"
                );
                assert!(
                    o.lines().any(|l| l == *line),
                    "{args:?} at {columns} columns splits {line:?}:\n{o}"
                );
                examples += 1;
            }
        }
    }
    assert!(examples > 80, "{examples}");
}

#[test]
fn components_output_json_is_json() {
    let out = run(&["components", "--output", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let list = v["components"].as_array().unwrap();
    let button = list.iter().find(|c| c["type"] == "Button").expect("Button");
    assert_eq!(button["props"]["Action"]["raises_action"], true, "{button}");
    assert!(v["sources"]["probe"].is_string(), "{}", v["sources"]);
    let out = run(&["components", "ButtonGroup", "--output", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["type"], "ButtonGroup");
    assert!(v["props"].as_object().unwrap().contains_key("Items"), "{v}");
    assert!(v["sources"].as_object().unwrap().len() == v["known_from"].as_array().unwrap().len());
    let out = run(&["components", "Buton", "--output", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert!(
        v["error"].as_str().unwrap().contains("did you mean Button"),
        "{v}"
    );
}

#[test]
fn components_lists_the_catalogue() {
    let out = run(&["components", "ButtonGroup"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("Action: a string (raises the action it names)"));
    let out = run(&["components", "Buton"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("did you mean Button"));
    // Where each entry is known from, and how sure that is.
    let out = run(&["components"]);
    let o = stdout(&out);
    assert!(
        o.lines()
            .any(|l| l.starts_with("ConnectAction ") && l.contains("widget, issue-10")),
        "{o}"
    );
    let out = run(&["components", "TextBox"]);
    let o = stdout(&out);
    assert!(
        o.contains("unknown props: the service accepts and ignores them"),
        "{o}"
    );
    assert!(o.contains("probe: published to the live service"), "{o}");
    assert!(o.contains("no Text: TextBox's text is its Content"), "{o}");
    let out = run(&["components", "FormInput"]);
    let o = stdout(&out);
    assert!(
        o.contains("Name: a string (required, as documented, known from probe, storybook)"),
        "{o}"
    );
    assert!(
        o.contains("unknown props: nobody has found out whether the service rejects them"),
        "{o}"
    );
}

#[test]
fn a_save_into_a_read_only_directory_fails_and_keeps_the_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp_dir();
    let ro = dir.path().join("read-only");
    std::fs::create_dir(&ro).unwrap();
    let path = ro.join("v.view.json");
    let minified = std::fs::read_to_string(example("order-cards.view.json"))
        .unwrap()
        .replace("\n", "");
    std::fs::write(&path, &minified).unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o666)).unwrap();
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).unwrap();
    // Root ignores directory permissions, so as root the write runs as nobody.
    let is_root = std::fs::metadata("/proc/self")
        .map(|m| std::os::unix::fs::MetadataExt::uid(&m) == 0)
        .unwrap_or(false);
    let bin_path = env!("CARGO_BIN_EXE_connect-views");
    let mut cmd = if is_root {
        let mut c = std::process::Command::new("setpriv");
        c.args([
            "--reuid=nobody",
            "--regid=nogroup",
            "--clear-groups",
            bin_path,
        ]);
        c
    } else {
        std::process::Command::new(bin_path)
    };
    let out = cmd.args(["fmt", path.to_str().unwrap()]).output().unwrap();
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("cannot write") && stderr(&out).contains("the file is unchanged"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        minified,
        "the old file is intact"
    );
    assert_eq!(
        std::fs::read_dir(&ro).unwrap().count(),
        1,
        "no temporary file is left"
    );
}

/// `connect-views components --output json | head -1`: the reader goes away after one line
/// (the output is larger than a pipe holds), and the command ends quietly, not in a panic.
#[test]
fn a_closed_pipe_ends_a_command_quietly() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    let mut child = crate::common::bin()
        .args(["components", "--output", "json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert_eq!(first, "{\n");
    // The reader is dropped here: the rest of the output meets a closed pipe.
    let out = child.wait_with_output().unwrap();
    let e = stderr(&out);
    assert!(!e.contains("panicked"), "{e}");
    assert!(e.is_empty(), "{e}");
}

/// Every example in the commands' help and the README that names a `$SAVED` or `$LATEST`
/// qualifier survives a shell: run through bash, the qualifier is still there.
#[test]
fn qualified_examples_are_quoted_for_a_shell() {
    let mut lines: Vec<String> = Vec::new();
    for cmd in [
        "edit",
        "pull",
        "describe",
        "check-data",
        "diff",
        "skeleton",
        "promote",
    ] {
        let out = crate::common::run(&[cmd, "--help"]);
        lines.extend(
            String::from_utf8_lossy(&out.stdout)
                .lines()
                .map(str::to_string),
        );
    }
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    lines.extend(readme.lines().map(str::to_string));
    let examples: Vec<String> = lines
        .iter()
        .map(|l| {
            l.trim()
                .trim_start_matches("$ ")
                .trim_end_matches('\\')
                .trim()
                .to_string()
        })
        .filter(|l| {
            l.starts_with("connect-views ") && (l.contains("$SAVED") || l.contains("$LATEST"))
        })
        .collect();
    assert!(examples.len() >= 6, "{examples:?}");
    for line in examples {
        let words = std::process::Command::new("bash")
            .args([
                "-c",
                "eval \"set -- $1\"; printf '%s\\n' \"$@\"",
                "_",
                &line,
            ])
            .output()
            .unwrap();
        let words = String::from_utf8_lossy(&words.stdout);
        let given = line.matches("$SAVED").count() + line.matches("$LATEST").count();
        let kept = words.matches("$SAVED").count() + words.matches("$LATEST").count();
        assert_eq!(kept, given, "a shell breaks `{line}` into:\n{words}");
    }
}

/// A byte-order mark is named where it is, and `fmt` removes it (and nothing else).
#[test]
fn a_byte_order_mark_is_named_and_fmt_removes_it() {
    let dir = temp_dir();
    let file = dir.path().join("bom.view.json");
    let view = std::fs::read_to_string(example("order-cards.view.json")).unwrap();
    std::fs::write(&file, format!("\u{feff}{view}")).unwrap();
    let f = file.to_str().unwrap();
    let out = run(&["validate", f]);
    let text = format!("{}{}", stdout(&out), stderr(&out));
    assert_ne!(out.status.code(), Some(0), "{text}");
    assert!(
        text.contains(&format!("{f}:1:1")) && text.contains("byte-order mark"),
        "{text}"
    );
    assert!(text.contains("fmt"), "{text}");
    let out = run(&["fmt", f]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let after = std::fs::read_to_string(&file).unwrap();
    assert!(!after.starts_with('\u{feff}'));
    let out = run(&["validate", f]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert_eq!(
        connect_views::view::ViewDocument::load(&file)
            .unwrap()
            .template,
        connect_views::view::ViewDocument::load(&example("order-cards.view.json"))
            .unwrap()
            .template,
        "only the mark went"
    );
}
