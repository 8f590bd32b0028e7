//! The component diff: fixture pairs with snapshots, and properties (a view against itself,
//! or against itself printed another way, is no change).

use connect_views::view::diff::{Diff, Side, diff, render_text};
use connect_views::view::tree::Tree;
use connect_views::view::{Catalog, Template, ViewDocument};

use crate::common::example;

const BASE: &str = r#"{
  "Head": {"Title": "Orders", "Configuration": {"Layout": {"Columns": ["12"]}}},
  "Body": [
    {"_id": "root", "Type": "Container", "Props": {}, "Content": [
      {"_id": "intro", "Type": "Header", "Props": {"variant": "h2"}, "Content": ["Order ", "$.OrderId"]},
      {"_id": "refund_card", "Type": "Card", "Props": {"Id": "refund", "Heading": "A", "Action": "Refund"}, "Content": []},
      {"_id": "reship_card", "Type": "Card", "Props": {"Id": "reship", "Heading": "Ship", "Action": "Reship"}, "Content": []},
      {"_id": "box", "Type": "Container", "Props": {}, "Content": [
        {"_id": "reason", "Type": "Dropdown", "Props": {"Name": "reason", "Label": "Reason", "Options": [{"Label": "A", "Value": "a"}]}, "Content": []}
      ]},
      {"_id": "skip", "Type": "Button", "Props": {"Action": "Skip"}, "Content": ["Skip"]}
    ]}
  ]
}"#;

fn run(old: &str, new: &str, old_actions: &[&str], new_actions: &[&str]) -> Diff {
    let (a, b) = (Tree::parse(old).unwrap(), Tree::parse(new).unwrap());
    let oa: Vec<String> = old_actions.iter().map(|s| s.to_string()).collect();
    let na: Vec<String> = new_actions.iter().map(|s| s.to_string()).collect();
    diff(
        &Side {
            tree: &a,
            actions: &oa,
        },
        &Side {
            tree: &b,
            actions: &na,
        },
        Catalog::builtin(),
    )
}

const ACTIONS: &[&str] = &["Refund", "Reship", "Skip"];

#[test]
fn a_prop_change() {
    let new = BASE.replace("\"Heading\": \"A\"", "\"Heading\": \"B\"");
    insta::assert_snapshot!(render_text(&run(BASE, &new, ACTIONS, ACTIONS)));
}

#[test]
fn added_and_removed_components() {
    let new = BASE.replace(
        r#"{"_id": "skip", "Type": "Button", "Props": {"Action": "Skip"}, "Content": ["Skip"]}"#,
        r#"{"_id": "note", "Type": "TextBox", "Props": {}, "Content": ["Thanks"]}"#,
    );
    insta::assert_snapshot!(render_text(&run(BASE, &new, ACTIONS, ACTIONS)));
}

#[test]
fn a_reorder_is_a_move_never_a_remove_and_an_add() {
    let refund = r#"{"_id": "refund_card", "Type": "Card", "Props": {"Id": "refund", "Heading": "A", "Action": "Refund"}, "Content": []},"#;
    let reship = r#"{"_id": "reship_card", "Type": "Card", "Props": {"Id": "reship", "Heading": "Ship", "Action": "Reship"}, "Content": []},"#;
    let new = BASE.replace(
        &format!("{refund}\n      {reship}"),
        &format!("{reship}\n      {refund}"),
    );
    assert_ne!(new, BASE);
    let d = run(BASE, &new, ACTIONS, ACTIONS);
    assert_eq!(d.summary.moved, 1, "{}", render_text(&d));
    assert_eq!(d.summary.added + d.summary.removed, 0);
    insta::assert_snapshot!(render_text(&d));
}

#[test]
fn a_reparent() {
    let skip = r#",
      {"_id": "skip", "Type": "Button", "Props": {"Action": "Skip"}, "Content": ["Skip"]}"#;
    let new = BASE.replace(skip, "").replace(
        r#"{"Label": "A", "Value": "a"}]}, "Content": []}"#,
        r#"{"Label": "A", "Value": "a"}]}, "Content": []},
        {"_id": "skip", "Type": "Button", "Props": {"Action": "Skip"}, "Content": ["Skip"]}"#,
    );
    let d = run(BASE, &new, ACTIONS, ACTIONS);
    assert_eq!(d.summary.moved, 1, "{}", render_text(&d));
    insta::assert_snapshot!(render_text(&d));
}

#[test]
fn a_content_edit_and_an_input_added() {
    let new = BASE.replace(
        r#"["Order ", "$.OrderId"]"#,
        r#"["Order ", "$.OrderId", " for ", "$.Customer"]"#,
    );
    let d = run(BASE, &new, ACTIONS, ACTIONS);
    assert_eq!(d.summary.breaking, 1, "a new input: flows must pass it");
    insta::assert_snapshot!(render_text(&d));
}

#[test]
fn actions_and_field_names_are_marked_breaking() {
    let new = BASE.replace("\"Name\": \"reason\"", "\"Name\": \"cause\"");
    let d = run(BASE, &new, ACTIONS, &["Refund", "Skip", "Escalate"]);
    assert_eq!(d.summary.breaking, 2, "{}", render_text(&d));
    insta::assert_snapshot!(render_text(&d));
}

#[test]
fn a_reformat_or_a_key_reorder_is_no_change() {
    let pretty = Template::parse(BASE).unwrap().to_pretty();
    let minified =
        serde_json::to_string(&serde_json::from_str::<serde_json::Value>(BASE).unwrap()).unwrap();
    let reordered = BASE.replace(
        r#""Props": {"Id": "refund", "Heading": "A", "Action": "Refund"}"#,
        r#""Props": {"Action": "Refund", "Heading": "A", "Id": "refund"}"#,
    );
    for other in [pretty, minified, reordered] {
        let d = run(BASE, &other, ACTIONS, ACTIONS);
        assert!(d.is_empty(), "{}", render_text(&d));
        assert_eq!(render_text(&d), "no change\n");
    }
}

/// Properties over real views: each against itself, pretty and minified, is no change.
#[test]
fn every_example_and_corpus_view_is_equal_to_itself_in_any_printing() {
    let mut files: Vec<std::path::PathBuf> = [
        "order-cards.view.json",
        "customer-detail.view.json",
        "callback-form.view.json",
    ]
    .iter()
    .map(|n| example(n))
    .collect();
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    for dir in std::fs::read_dir(corpus).unwrap() {
        let dir = dir.unwrap().path();
        if dir.is_dir() {
            for f in std::fs::read_dir(dir).unwrap() {
                files.push(f.unwrap().path());
            }
        }
    }
    let mut n = 0;
    for f in files
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "json"))
    {
        let doc = ViewDocument::load(f).unwrap();
        let pretty = Template::parse(&doc.template).unwrap().to_pretty();
        let minified = serde_json::to_string(
            &serde_json::from_str::<serde_json::Value>(&doc.template).unwrap(),
        )
        .unwrap();
        for other in [&doc.template, &pretty, &minified] {
            let d = run(&doc.template, other, &[], &[]);
            assert!(d.is_empty(), "{}: {}", f.display(), render_text(&d));
        }
        n += 1;
    }
    assert!(n >= 20, "{n} views");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_diff_command_compares_files_and_views_on_the_instance() {
    use crate::common::{Endpoint, INSTANCE, cli, run, temp_dir};
    let ep = Endpoint::start().await;
    let dir = temp_dir();
    let old = dir.path().join("old.view.json");
    let new = dir.path().join("new.view.json");
    std::fs::copy(example("order-cards.view.json"), &old).unwrap();
    let text = std::fs::read_to_string(&old)
        .unwrap()
        .replace("Issue a refund", "Refund now");
    std::fs::write(&new, text).unwrap();
    let (o, n) = (old.to_str().unwrap(), new.to_str().unwrap());

    let same = run(&["diff", o, o]);
    assert_eq!(same.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&same.stdout), "no change\n");
    let differ = run(&["diff", o, n]);
    assert_eq!(differ.status.code(), Some(1));
    let out = String::from_utf8_lossy(&differ.stdout).to_string();
    assert!(
        out.starts_with("Card refund_card: Heading \"Issue a refund\" → \"Refund now\"\n"),
        "{out}"
    );
    let json: serde_json::Value =
        serde_json::from_slice(&run(&["diff", o, n, "--format", "json"]).stdout).unwrap();
    assert_eq!(json["summary"]["changed"], 1);
    assert_eq!(json["changes"][0]["kind"], "prop_changed");
    assert_eq!(json["changes"][0]["id"], "refund_card");
    let unified =
        String::from_utf8_lossy(&run(&["diff", o, n, "--format", "unified"]).stdout).to_string();
    assert!(
        unified.contains("-") && unified.contains("+") && unified.contains("@@"),
        "{unified}"
    );
    assert!(
        unified.contains("+      \"Heading\": \"Refund now\",") || unified.contains("Refund now")
    );

    // Against the instance: the file pushed, then compared with its view.
    let push = cli(
        &ep.url(),
        &["push", o, "--publish", "--instance-id", INSTANCE],
    )
    .await;
    assert!(
        push.status.success(),
        "{}",
        String::from_utf8_lossy(&push.stderr)
    );
    let same = cli(
        &ep.url(),
        &["diff", o, "Order actions", "--instance-id", INSTANCE],
    )
    .await;
    assert_eq!(
        same.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&same.stderr)
    );
    let differ = cli(
        &ep.url(),
        &[
            "diff",
            "Order actions:$LATEST",
            n,
            "--instance-id",
            INSTANCE,
        ],
    )
    .await;
    assert_eq!(differ.status.code(), Some(1));
    // A side that is neither a file nor a view: exit 2 with the reason.
    let missing = cli(
        &ep.url(),
        &["diff", o, "no such view", "--instance-id", INSTANCE],
    )
    .await;
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no such view"));
}

#[tokio::test(flavor = "multi_thread")]
async fn pull_all_writes_every_customer_view_as_a_file_that_diffs_clean() {
    use crate::common::{Endpoint, INSTANCE, cli, run, temp_dir};
    let ep = Endpoint::start().await;
    let dir = temp_dir();
    for name in ["order-cards.view.json", "callback-form.view.json"] {
        let path = example(name);
        let out = cli(
            &ep.url(),
            &[
                "push",
                path.to_str().unwrap(),
                "--publish",
                "--instance-id",
                INSTANCE,
            ],
        )
        .await;
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // A draft saved over the published view: what people see is still $LATEST.
    let c = ep.client().await;
    let id = c.find_by_name("Order actions").await.unwrap().unwrap().id;
    let (template, actions) = crate::common::example_content("order-cards.view.json");
    crate::common::write_elsewhere(
        &ep.sdk(),
        INSTANCE,
        &id,
        aws_sdk_connect::types::ViewStatus::Saved,
        &template.replace("Issue a refund", "Draft heading"),
        &actions,
    )
    .await;
    let views = dir.path().join("views");
    let out = cli(
        &ep.url(),
        &[
            "pull",
            "--all",
            "--dir",
            views.to_str().unwrap(),
            "--instance-id",
            INSTANCE,
        ],
    )
    .await;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("pulled 2 customer views"));
    let mut files: Vec<String> = std::fs::read_dir(&views)
        .unwrap()
        .map(|f| f.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(
        files,
        ["callback-request.view.json", "order-actions.view.json"],
        "AWS-managed views are not pulled"
    );
    // Each records where it came from and its view's ARN (what used-by --flow matches by).
    let pulled: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(views.join("order-actions.view.json")).unwrap(),
    )
    .unwrap();
    let arn = pulled["PulledFrom"]["Arn"].as_str().unwrap();
    assert!(
        arn.starts_with(&format!(
            "arn:aws:connect:us-east-1:000000000000:instance/{INSTANCE}/view/"
        )),
        "{arn}"
    );
    // Each file is the view as people see it ($LATEST, not the draft), component for
    // component.
    let same = run(&[
        "diff",
        example("order-cards.view.json").to_str().unwrap(),
        views.join("order-actions.view.json").to_str().unwrap(),
    ]);
    assert_eq!(
        same.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&same.stdout)
    );
    // Pulled again from another endpoint into the same folder: refused, nothing written,
    // until --force says so.
    let other = Endpoint::start().await;
    let out = cli(
        &other.url(),
        &[
            "push",
            example("order-cards.view.json").to_str().unwrap(),
            "--publish",
        ],
    )
    .await;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let before = std::fs::read_to_string(views.join("order-actions.view.json")).unwrap();
    let again = |force: bool| {
        let mut args = vec!["pull", "--all", "--dir", views.to_str().unwrap()];
        if force {
            args.push("--force");
        }
        let url = other.url();
        let args: Vec<String> = args.into_iter().map(str::to_string).collect();
        async move {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            cli(&url, &args).await
        }
    };
    let out = again(false).await;
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("order-actions.view.json was pulled from") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(views.join("order-actions.view.json")).unwrap(),
        before,
        "nothing was written"
    );
    let out = again(true).await;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let after = std::fs::read_to_string(views.join("order-actions.view.json")).unwrap();
    assert!(after.contains(&other.url()), "{after}");
}

#[tokio::test(flavor = "multi_thread")]
async fn drift_compares_a_directory_of_view_files_with_what_is_live() {
    use crate::common::{Endpoint, INSTANCE, cli, temp_dir};
    let ep = Endpoint::start().await;
    let dir = temp_dir();
    let views = dir.path().join("views");
    let order = example("order-cards.view.json");
    let out = cli(
        &ep.url(),
        &[
            "push",
            order.to_str().unwrap(),
            "--publish",
            "--instance-id",
            INSTANCE,
        ],
    )
    .await;
    assert!(out.status.success());
    let out = cli(
        &ep.url(),
        &[
            "pull",
            "--all",
            "--dir",
            views.to_str().unwrap(),
            "--instance-id",
            INSTANCE,
        ],
    )
    .await;
    assert!(out.status.success());
    let d = views.to_str().unwrap();

    let out = cli(&ep.url(), &["drift", "--dir", d, "--instance-id", INSTANCE]).await;
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("\"Order actions\": in sync"));

    // A draft saved on the instance (not published) is its own kind, not drift.
    let changed = dir.path().join("changed.view.json");
    std::fs::write(
        &changed,
        std::fs::read_to_string(&order)
            .unwrap()
            .replace("Issue a refund", "Refund now"),
    )
    .unwrap();
    let out = cli(
        &ep.url(),
        &["push", changed.to_str().unwrap(), "--instance-id", INSTANCE],
    )
    .await;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = cli(&ep.url(), &["drift", "--dir", d, "--instance-id", INSTANCE]).await;
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(
        text.contains("a $SAVED draft differs from $LATEST"),
        "{text}"
    );

    // The file edited here: drift, component by component; a file with no view: missing.
    let file = views.join("order-actions.view.json");
    std::fs::write(
        &file,
        std::fs::read_to_string(&file)
            .unwrap()
            .replace("Ship it again", "Send again"),
    )
    .unwrap();
    let mut extra: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    extra["Name"] = "Not there".into();
    std::fs::write(views.join("not-there.view.json"), extra.to_string()).unwrap();
    let out = cli(&ep.url(), &["drift", "--dir", d, "--instance-id", INSTANCE]).await;
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains("Card reship_card: Heading \"Ship it again\" → \"Send again\""),
        "{text}"
    );
    assert!(
        text.contains("\"Not there\": missing on the instance"),
        "{text}"
    );
    let out = cli(
        &ep.url(),
        &[
            "drift",
            "Order actions",
            "--dir",
            d,
            "--output",
            "json",
            "--instance-id",
            INSTANCE,
        ],
    )
    .await;
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 1, "only the view named");
    assert_eq!(json[0]["state"], "drift");
    // A file that cannot be read is reported, and the others are still checked: exit 2.
    std::fs::write(views.join("broken.view.json"), "{\"Name\": ").unwrap();
    let out = cli(&ep.url(), &["drift", "--dir", d, "--instance-id", INSTANCE]).await;
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert!(text.contains("broken.view.json: not checked"), "{text}");
    assert!(
        text.contains("Card reship_card: Heading \"Ship it again\" → \"Send again\""),
        "{text}"
    );
    assert!(text.contains("; 1 file unreadable"), "{text}");
}
