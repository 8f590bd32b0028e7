//! The service commands end to end: the built binary against a served endpoint,
//! and against the embedded default.

use std::process::Output;

use crate::common::{Endpoint, bin, cli, example, stderr, stdout, temp_dir};

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}{}", stdout(o), stderr(o)))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn push_version_pull_list_describe_rename_delete() {
    let ep = Endpoint::start().await;
    let url = ep.url();
    let file = example("order-cards.view.json");
    let f = file.to_str().unwrap();

    let out = cli(&url, &["push", f]).await;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let o = stdout(&out);
    assert!(o.contains("created view \"Order actions\" (SAVED)"), "{o}");
    assert!(o.contains("moved        $SAVED\n"), "{o}");

    let out = cli(&url, &["push", f, "--publish", "--output", "json"]).await;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v = json(&out);
    assert_eq!(v["operation"], "UpdateViewContent");
    assert_eq!(v["view"]["status"], "PUBLISHED");
    assert_eq!(
        v["view"]["qualifiers_moved"],
        serde_json::json!(["$SAVED", "$LATEST"])
    );
    let sha = v["view"]["content_sha256"].as_str().unwrap().to_string();
    assert_eq!(sha.len(), 64);
    let id = v["view"]["id"].as_str().unwrap().to_string();

    let out = cli(
        &url,
        &[
            "version",
            "Order actions",
            "--description",
            "Reviewed",
            "--output",
            "json",
        ],
    )
    .await;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(json(&out)["view"]["version"], 1);

    let out = cli(&url, &["versions", "Order actions"]).await;
    assert!(
        stdout(&out).contains("1        Reviewed"),
        "{}",
        stdout(&out)
    );

    // Pull gives back the file exactly.
    let dir = temp_dir();
    let pulled = dir.path().join("pulled.view.json");
    let out = cli(
        &url,
        &["pull", "Order actions", "-o", pulled.to_str().unwrap()],
    )
    .await;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(&pulled).unwrap(),
        std::fs::read_to_string(&file).unwrap()
    );
    let out = cli(&url, &["pull", &format!("{id}:1")]).await;
    assert_eq!(stdout(&out), std::fs::read_to_string(&file).unwrap());

    let out = cli(&url, &["list", "--type", "customer"]).await;
    let o = stdout(&out);
    assert!(
        o.starts_with("NAME") && o.contains("Order actions  PUBLISHED"),
        "{o}"
    );

    let out = cli(
        &url,
        &["describe", "Order actions:$SAVED", "--output", "json"],
    )
    .await;
    let v = json(&out);
    assert_eq!(v["view"]["name"], "Order actions");
    assert_eq!(v["view"]["content_sha256"], sha);

    let out = cli(
        &url,
        &["rename", "Order actions", "--name", "Order choices"],
    )
    .await;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = cli(&url, &["delete", "Order choices", "--version", "1"]).await;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = cli(&url, &["delete", "Order choices"]).await;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = cli(&url, &["describe", "Order choices"]).await;
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("connect-views list"),
        "{}",
        stderr(&out)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn push_refuses_invalid_views_before_any_request() {
    let ep = Endpoint::start().await;
    let dir = temp_dir();
    let path = dir.path().join("bad.view.json");
    let text = std::fs::read_to_string(example("callback-form.view.json"))
        .unwrap()
        .replace("\"Form\"", "\"Frm\"");
    std::fs::write(&path, text).unwrap();
    let out = cli(&ep.url(), &["push", path.to_str().unwrap(), "--publish"]).await;
    assert_eq!(out.status.code(), Some(1));
    let e = stderr(&out);
    assert!(
        e.contains("error[CV040]") && e.contains("not pushed"),
        "{e}"
    );
    // Nothing reached the endpoint.
    let out = cli(
        &ep.url(),
        &["list", "--type", "customer", "--output", "json"],
    )
    .await;
    assert_eq!(json(&out), serde_json::json!([]));
    // Saved level accepts it (an unknown component is a warning there).
    let out = cli(&ep.url(), &["push", path.to_str().unwrap()]).await;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn service_errors_exit_1_with_advice_and_usage_errors_exit_2() {
    let ep = Endpoint::start().await;
    let out = cli(&ep.url(), &["version", "nothing-by-this-name"]).await;
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no view named"), "{}", stderr(&out));
    let out = cli(
        &ep.url(),
        &[
            "describe",
            "0f8fad5b-d9cb-469f-a165-70867728950e",
            "--output",
            "json",
        ],
    )
    .await;
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out);
    assert_eq!(v["error"]["kind"], "view-not-found");
    assert!(v["error"]["request_id"].is_string());
    // A remote endpoint without an instance is a usage error, found before any request.
    let out = tokio::task::spawn_blocking(|| {
        bin()
            .args(["list", "--endpoint-url", "https://connect.invalid"])
            .env_remove("CONNECT_INSTANCE_ID")
            .output()
            .unwrap()
    })
    .await
    .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--instance-id"), "{}", stderr(&out));
}

#[test]
fn the_embedded_default_needs_no_setup() {
    let dir = temp_dir();
    let db = dir.path().join("data").join("views.sqlite3");
    let run = |args: &[&str]| {
        bin()
            .args(args)
            .env("CONNECT_VIEWS_DB", &db)
            .env_remove("CONNECT_INSTANCE_ID")
            .env_remove("AWS_ENDPOINT_URL")
            .env_remove("AWS_ENDPOINT_URL_CONNECT")
            .output()
            .unwrap()
    };
    let out = run(&[
        "push",
        example("customer-detail.view.json").to_str().unwrap(),
        "--publish",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("on the local endpoint"),
        "{}",
        stdout(&out)
    );
    // A second process sees what the first stored.
    let out = run(&["list", "--type", "customer"]);
    assert!(stdout(&out).contains("Customer detail"), "{}", stdout(&out));
    assert!(db.exists());
}

#[test]
fn logs_go_to_a_file_and_hold_nothing_sensitive() {
    let dir = temp_dir();
    let data = dir.path().join("data");
    let view = dir.path().join("secret.view.json");
    let text = std::fs::read_to_string(example("callback-form.view.json"))
        .unwrap()
        .replace("Callback request", "Zebra Secret Name")
        .replace("Schedule a callback", "MARKER-IN-TEMPLATE");
    std::fs::write(&view, text).unwrap();
    let out = bin()
        .args(["push", view.to_str().unwrap(), "--publish"])
        .env("CONNECT_VIEWS_DATA_DIR", &data)
        .env("CONNECT_VIEWS_DB", data.join("views.sqlite3"))
        .env_remove("CONNECT_INSTANCE_ID")
        .env_remove("AWS_ENDPOINT_URL")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // A failing call is logged too.
    let again = bin()
        .args(["describe", "0f8fad5b-d9cb-469f-a165-70867728950e"])
        .env("CONNECT_VIEWS_DATA_DIR", &data)
        .env("CONNECT_VIEWS_DB", data.join("views.sqlite3"))
        .env_remove("CONNECT_INSTANCE_ID")
        .env_remove("AWS_ENDPOINT_URL")
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(1));
    let log = std::fs::read_to_string(data.join("connect-views.log")).expect("a log file");
    assert!(
        log.contains("CreateView")
            && log.contains("DescribeView")
            && log.contains("ResourceNotFoundException"),
        "{log}"
    );
    for secret in [
        "Zebra Secret Name",
        "MARKER-IN-TEMPLATE",
        "Submit\"",
        "local",
    ] {
        assert!(!log.contains(secret), "the log holds {secret:?}:\n{log}");
    }
    for o in [&out, &again] {
        assert!(
            !stdout(o).contains("request_id") && !stderr(o).contains("request_id"),
            "logs stay off the terminal"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn push_no_verify_lets_the_service_decide_and_shows_what_it_names() {
    let ep = Endpoint::start().await;
    let url = ep.url();
    let dir = temp_dir();
    let path = dir.path().join("colour.view.json");
    let text = std::fs::read_to_string(example("order-cards.view.json"))
        .unwrap()
        .replace(
            "\"Id\": \"refund\",",
            "\"Id\": \"refund\", \"Colour\": \"red\",",
        );
    std::fs::write(&path, &text).unwrap();
    let f = path.to_str().unwrap();

    // Local errors stop a push, and say how to send it anyway.
    let out = cli(&url, &["push", f, "--publish"]).await;
    assert_eq!(out.status.code(), Some(1));
    let e = stderr(&out);
    assert!(
        e.contains("error[CV041]: Card has no prop \"Colour\""),
        "{e}"
    );
    assert!(
        e.contains("push with --no-verify to let the service decide"),
        "{e}"
    );

    // --no-verify sends it; the service's refusal is shown in full, and where it points.
    let out = cli(&url, &["push", f, "--publish", "--no-verify"]).await;
    assert_eq!(out.status.code(), Some(1));
    let e = stderr(&out);
    assert!(
        e.contains("warning: pushing")
            && e.contains(
                "with 1 local error at the published level (--no-verify): the service decides"
            ),
        "{e}"
    );
    assert!(
        e.contains("CreateView failed") && e.contains("InvalidParameterException"),
        "{e}"
    );
    assert!(
        e.contains("/Template/Body/0/Content/1/Props/Colour at") && e.contains("CV041"),
        "{e}"
    );
    let red = crate::common::at(&text, "\"red\"");
    assert!(
        e.contains(&format!(
            "{f}:{}:{}: the service names /Body/0/Content/1/Props/Colour here",
            red.line, red.column
        )),
        "{e}"
    );
    // Under it, the line and a caret under the value.
    let line = text.lines().nth(red.line - 1).unwrap();
    assert!(e.contains(&format!("{} | {line}", red.line)), "{e}");
    assert!(
        e.contains(&format!("| {}^^^^^", " ".repeat(red.column - 1))),
        "{e}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refusal_in_the_services_words_is_located_in_the_file() {
    let ep = Endpoint::start().await;
    let url = ep.url();
    let file = example("order-cards.view.json");
    let f = file.to_str().unwrap();
    let text = std::fs::read_to_string(&file).unwrap();
    // The view passes every local check; the service still refuses it, naming a path from
    // the template's root as its validator does.
    ep.server.faults.set("refuse=1x").unwrap();
    let out = cli(&url, &["push", f, "--publish"]).await;
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let e = stderr(&out);
    assert!(
        e.contains(
            "Invalid view content: /Body/0/Type must be equal to one of the allowed values \
             (injected fault)"
        ),
        "{e}"
    );
    let at = crate::common::at(&text, "\"Container\"");
    assert!(
        e.contains(&format!(
            "{f}:{}:{}: the service names /Body/0/Type here",
            at.line, at.column
        )),
        "{e}"
    );
    // The fault was for one content write only.
    let out = cli(&url, &["push", f, "--publish"]).await;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn a_profile_or_region_means_aws_and_never_the_local_endpoint() {
    let dir = temp_dir();
    let db = dir.path().join("views.sqlite3");
    let config = dir.path().join("config");
    std::fs::write(&config, "[profile prod]\nregion = eu-west-2\n").unwrap();
    let file = example("order-cards.view.json");
    // AWS_PROFILE, AWS_REGION and AWS_DEFAULT_REGION select AWS as their flags do.
    for (args, env) in [
        (vec!["list", "--profile", "prod"], None),
        (vec!["list", "--region", "eu-west-2"], None),
        (vec!["list"], Some(("AWS_PROFILE", "prod"))),
        (vec!["list"], Some(("AWS_REGION", "eu-west-2"))),
        (vec!["list"], Some(("AWS_DEFAULT_REGION", "eu-west-2"))),
        (
            vec![
                "push",
                file.to_str().unwrap(),
                "--profile",
                "prod",
                "--region",
                "eu-west-2",
            ],
            None,
        ),
        (
            vec!["describe", "Order actions", "--region", "eu-west-2"],
            None,
        ),
    ] {
        let mut c = bin();
        c.args(&args)
            .env("CONNECT_VIEWS_DB", &db)
            .env("AWS_CONFIG_FILE", &config)
            .env_remove("CONNECT_INSTANCE_ID")
            .env_remove("AWS_PROFILE")
            .env_remove("AWS_REGION")
            .env_remove("AWS_DEFAULT_REGION")
            .env_remove("AWS_ENDPOINT_URL")
            .env_remove("AWS_ENDPOINT_URL_CONNECT");
        if let Some((k, v)) = env {
            c.env(k, v);
        }
        let out = c.output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stdout(&out));
        let e = stderr(&out);
        assert!(
            e.contains("select Amazon Connect on AWS, which needs an instance"),
            "{e}"
        );
        assert!(
            e.contains("pass --instance-id") && e.contains("CONNECT_INSTANCE_ID"),
            "{e}"
        );
        assert!(
            stdout(&out).is_empty(),
            "nothing local is printed: {}",
            stdout(&out)
        );
    }
    assert!(!db.exists(), "the local endpoint was not started");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_service_command_names_its_target() {
    let ep = Endpoint::start().await;
    let url = ep.url();
    let file = example("order-cards.view.json");
    let f = file.to_str().unwrap();
    let out = cli(&url, &["push", f, "--publish"]).await;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let at = format!("{url}, instance 00000000-0000-4000-8000-000000000000");
    assert!(
        stdout(&out).contains(&format!("on {at}")),
        "{}",
        stdout(&out)
    );
    for args in [
        vec!["list"],
        vec!["describe", "Order actions"],
        vec!["versions", "Order actions"],
        vec!["pull", "Order actions"],
        vec!["version", "Order actions"],
        vec!["rename", "Order actions", "--description", "Renamed"],
    ] {
        let out = cli(&url, &args).await;
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).starts_with(&format!("on {at}\n")),
            "{args:?}: {}",
            stderr(&out)
        );
    }
    // JSON output stays JSON, with nothing added.
    let out = cli(&url, &["list", "--output", "json"]).await;
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
    // The embedded default names its database.
    let dir = temp_dir();
    let db = dir.path().join("views.sqlite3");
    let out = bin()
        .args(["list"])
        .env("CONNECT_VIEWS_DB", &db)
        .env_remove("CONNECT_INSTANCE_ID")
        .env_remove("AWS_ENDPOINT_URL")
        .env_remove("AWS_ENDPOINT_URL_CONNECT")
        .output()
        .unwrap();
    assert!(
        stderr(&out).starts_with(&format!(
            "on the local endpoint ({}), instance 00000000-0000-4000-8000-000000000000",
            db.display()
        )),
        "{}",
        stderr(&out)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pull_over_a_view_file_keeps_its_sample_data_and_says_so() {
    let ep = Endpoint::start().await;
    let url = ep.url();
    let file = example("order-cards.view.json");
    let out = cli(&url, &["push", file.to_str().unwrap(), "--publish"]).await;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let dir = temp_dir();
    let local = dir.path().join("orders.view.json");
    let with_data = std::fs::read_to_string(&file).unwrap().replacen(
        "{\n",
        "{\n  \"SampleData\": {\"default\": {\"OrderSummary\": \"2 items\"}},\n",
        1,
    );
    std::fs::write(&local, &with_data).unwrap();
    let out = cli(
        &url,
        &["pull", "Order actions", "-o", local.to_str().unwrap()],
    )
    .await;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out)
            .contains("kept SampleData from the file it replaced (the service does not hold it)"),
        "{}",
        stderr(&out)
    );
    let pulled = std::fs::read_to_string(&local).unwrap();
    let v: serde_json::Value = serde_json::from_str(&pulled).unwrap();
    assert_eq!(v["SampleData"]["default"]["OrderSummary"], "2 items");
    assert_eq!(v["Name"], "Order actions");
    // A file that is not a view file is not overwritten.
    let junk = dir.path().join("notes.view.json");
    std::fs::write(&junk, "my notes, not JSON").unwrap();
    let out = cli(
        &url,
        &["pull", "Order actions", "-o", junk.to_str().unwrap()],
    )
    .await;
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("not overwritten"), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(&junk).unwrap(),
        "my notes, not JSON"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_version_of_unchanged_content_says_so_plainly() {
    let ep = Endpoint::start().await;
    let url = ep.url();
    let file = example("order-cards.view.json");
    let out = cli(&url, &["push", file.to_str().unwrap(), "--publish"]).await;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = cli(
        &url,
        &["version", "Order actions", "--description", "First"],
    )
    .await;
    assert!(
        stdout(&out).starts_with("version 1 of \"Order actions\""),
        "{}",
        stdout(&out)
    );
    let out = cli(
        &url,
        &["version", "Order actions", "--description", "Again"],
    )
    .await;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let o = stdout(&out);
    assert!(
        o.starts_with(
            "no change since version 1: no new version created; the description \"Again\" was \
             not recorded (version 1's is: First)"
        ),
        "{o}"
    );
    let out = cli(&url, &["version", "Order actions", "--output", "json"]).await;
    let v = json(&out);
    assert_eq!(v["created"], false);
    assert_eq!(v["view"]["version"], 1);
    assert!(
        v["note"]
            .as_str()
            .unwrap()
            .starts_with("no change since version 1")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn push_expect_sha256_refuses_when_latest_changed() {
    let ep = Endpoint::start().await;
    let url = ep.url();
    let file = example("order-cards.view.json");
    let f = file.to_str().unwrap();
    // Nothing to compare with yet.
    let out = cli(
        &url,
        &["push", f, "--publish", "--expect-sha256", &"a".repeat(64)],
    )
    .await;
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("no view named \"Order actions\" exists"),
        "{}",
        stderr(&out)
    );
    let out = cli(&url, &["push", f, "--publish", "--output", "json"]).await;
    let sha = json(&out)["view"]["content_sha256"]
        .as_str()
        .unwrap()
        .to_string();
    // The checksum read matches: the push goes ahead.
    let out = cli(&url, &["push", f, "--publish", "--expect-sha256", &sha]).await;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // Someone publishes meanwhile: the same push is refused and nothing is overwritten.
    let (template, _) = crate::common::example_content("order-cards.view.json");
    let theirs = template.replace("Issue a refund", "Refund now");
    let id =
        json(&cli(&url, &["describe", "Order actions", "--output", "json"]).await)["view"]["id"]
            .as_str()
            .unwrap()
            .to_string();
    ep.sdk()
        .update_view_content()
        .instance_id(connect_views::local::LOCAL_INSTANCE_ID)
        .view_id(&id)
        .status(aws_sdk_connect::types::ViewStatus::Published)
        .content(crate::common::content(
            &theirs,
            &["Refund".into(), "Reship".into(), "Skip".into()],
        ))
        .send()
        .await
        .unwrap();
    let out = cli(&url, &["push", f, "--publish", "--expect-sha256", &sha]).await;
    assert_eq!(out.status.code(), Some(1));
    let e = stderr(&out);
    assert!(
        e.contains("not pushed: the $LATEST of \"Order actions\" has the checksum")
            && e.contains(&format!("not {sha}: it was published since")),
        "{e}"
    );
    let d = json(&cli(&url, &["describe", "Order actions", "--output", "json"]).await);
    assert!(
        d["view"]["template"]
            .as_str()
            .unwrap()
            .contains("Refund now"),
        "theirs stays"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn messages_a_person_can_act_on() {
    // Nothing listens on port 1: where, and why, without the SDK's debug dump.
    let out = tokio::task::spawn_blocking(|| {
        bin()
            .args(["list", "--endpoint-url", "http://127.0.0.1:1"])
            .env_remove("CONNECT_INSTANCE_ID")
            .output()
            .unwrap()
    })
    .await
    .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let e = stderr(&out);
    assert!(
        e.contains("could not connect to http://127.0.0.1:1: connection refused"),
        "{e}"
    );
    assert!(
        !e.contains("DispatchFailure") && !e.contains("ConnectorError"),
        "{e}"
    );

    let ep = Endpoint::start().await;
    let url = ep.url();
    let file = example("order-cards.view.json");
    cli(&url, &["push", file.to_str().unwrap(), "--publish"]).await;
    // A version that does not exist says so, and what lists the ones that do.
    let out = cli(&url, &["describe", "Order actions:7"]).await;
    assert_eq!(out.status.code(), Some(1));
    let e = stderr(&out);
    assert!(
        e.contains("version 7 of view") && e.contains("does not exist"),
        "{e}"
    );
    assert!(
        e.contains("`connect-views versions VIEW` lists the ones that do"),
        "{e}"
    );
    assert!(!e.contains("$SAVED"), "no hint about $SAVED here: {e}");
    // AWS-managed views by the name and id `list` prints; deleting one says they are read-only.
    let out = cli(&url, &["list", "--type", "aws"]).await;
    assert!(stdout(&out).contains("Cards"), "{}", stdout(&out));
    for name in ["Cards", "cards"] {
        let out = cli(&url, &["describe", name]).await;
        assert_eq!(out.status.code(), Some(0), "{name}: {}", stderr(&out));
        assert!(stdout(&out).contains("AWS_MANAGED"), "{}", stdout(&out));
    }
    let out = cli(&url, &["delete", "Cards"]).await;
    assert_eq!(out.status.code(), Some(1));
    let e = stderr(&out);
    assert!(e.contains("AWS-managed views are read-only"), "{e}");
    assert!(e.contains("pull one into a view file"), "{e}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn list_search_finds_by_name_or_description() {
    let ep = Endpoint::start().await;
    let url = ep.url();
    for f in ["order-cards.view.json", "callback-form.view.json"] {
        let out = cli(&url, &["push", example(f).to_str().unwrap()]).await;
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    }
    let out = cli(&url, &["list", "--search", "refund"]).await;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let o = stdout(&out);
    assert!(
        o.contains("Order actions") && !o.contains("Callback request"),
        "{o}"
    );
    let out = cli(&url, &["list", "--search", "CALL", "--type", "customer"]).await;
    let o = stdout(&out);
    assert!(
        o.contains("Callback request") && !o.contains("Order actions"),
        "{o}"
    );
    let out = cli(&url, &["list", "--search", "Cards", "--type", "aws"]).await;
    assert!(stdout(&out).contains("Cards"), "{}", stdout(&out));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn describe_shows_the_view_tags() {
    let ep = Endpoint::start().await;
    let url = ep.url();
    let dir = temp_dir();
    let text = std::fs::read_to_string(example("order-cards.view.json")).unwrap();
    let mut doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    doc["Tags"] = serde_json::json!({"team": "ops", "env": "dev"});
    let path = dir.path().join("tagged.view.json");
    std::fs::write(&path, serde_json::to_string_pretty(&doc).unwrap()).unwrap();
    let out = cli(&url, &["push", path.to_str().unwrap(), "--publish"]).await;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = cli(&url, &["describe", "Order actions"]).await;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("\n  tags         env=dev, team=ops\n"),
        "{}",
        stdout(&out)
    );
    let v = json(&cli(&url, &["describe", "Order actions", "--output", "json"]).await);
    assert_eq!(
        v["view"]["tags"],
        serde_json::json!({"env": "dev", "team": "ops"})
    );
}

/// A full disk under standard output: exit 2 and a message, never a panic (exit 101).
#[cfg(target_os = "linux")]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_write_error_on_standard_output_is_exit_2_with_a_message() {
    let ep = Endpoint::start().await;
    let file = example("order-cards.view.json");
    let file = file.to_str().unwrap();
    let url = ep.url();
    let runs: Vec<Vec<&str>> = vec![
        vec!["export", file],
        vec!["schema", file],
        vec!["components"],
        vec!["validate", file, "--format", "json"],
        vec!["list", "--endpoint-url", &url, "--type", "aws"],
    ];
    for args in runs {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let out = bin()
            .args(&args)
            .stdout(full)
            .env_remove("CONNECT_INSTANCE_ID")
            .env_remove("AWS_ENDPOINT_URL")
            .output()
            .unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(
            err.contains("No space left on device"),
            "{args:?} says what failed: {err}"
        );
    }
}

/// `describe VIEW:N` does not show $LATEST's checksum as the version's: the service gives a
/// version no checksum or time of its own, and the output says so.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn describe_of_a_version_says_its_checksum_is_latests() {
    let ep = Endpoint::start().await;
    let url = ep.url();
    let file = example("order-cards.view.json");
    let f = file.to_str().unwrap();
    let out = cli(&url, &["push", f, "--publish"]).await;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = cli(&url, &["version", "Order actions"]).await;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = cli(&url, &["describe", "Order actions:1"]).await;
    let o = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        o.contains("sha256       none of its own (the service gives $LATEST's: "),
        "{o}"
    );
    assert!(o.contains("modified     none of its own"), "{o}");
    let out = cli(&url, &["describe", "Order actions:1", "--output", "json"]).await;
    let v = json(&out);
    assert_eq!(v["view"]["content_sha256_of"], "$LATEST");
    // $LATEST's own checksum is shown as it is.
    let out = cli(&url, &["describe", "Order actions"]).await;
    assert!(
        !stdout(&out).contains("none of its own"),
        "{}",
        stdout(&out)
    );
}

/// A push keeps what it wrote as the file's base (where the designer keeps it too) and says,
/// before writing, when the view changed there since: the same lost-update check as the
/// designer's submit dialog, said rather than refused.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn push_says_before_writing_over_a_change_made_since_the_files_last_push() {
    let ep = Endpoint::start().await;
    let url = ep.url();
    let data = temp_dir();
    let dir = temp_dir();
    let file = dir.path().join("order-cards.view.json");
    std::fs::copy(example("order-cards.view.json"), &file).unwrap();
    let f = file.to_str().unwrap();
    let push = |args: Vec<String>| {
        let data = data.path().to_path_buf();
        tokio::task::spawn_blocking(move || {
            crate::common::bin()
                .args(&args)
                .env("CONNECT_VIEWS_DATA_DIR", &data)
                .env_remove("CONNECT_INSTANCE_ID")
                .output()
                .unwrap()
        })
    };
    let args: Vec<String> = ["push", f, "--publish", "--endpoint-url", &url]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let first = push(args.clone()).await.unwrap();
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    let kept = data
        .path()
        .join("drafts")
        .read_dir()
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect::<Vec<_>>();
    assert!(
        kept.iter()
            .any(|n| n.to_string_lossy().ends_with(".bases.json")),
        "the base is kept: {kept:?}"
    );
    // Pushed again unchanged there: nothing to say.
    let again = push(args.clone()).await.unwrap();
    assert!(
        !stderr(&again).contains("changed on the instance"),
        "{}",
        stderr(&again)
    );
    // Someone else writes meanwhile: the next push says what it replaces, then pushes.
    let id =
        json(&cli(&url, &["describe", "Order actions", "--output", "json"]).await)["view"]["id"]
            .as_str()
            .unwrap()
            .to_string();
    let (template, actions) = crate::common::example_content("order-cards.view.json");
    crate::common::write_elsewhere(
        &ep.sdk(),
        connect_views::local::LOCAL_INSTANCE_ID,
        &id,
        aws_sdk_connect::types::ViewStatus::Saved,
        &template.replace("Issue a refund", "Refund now"),
        &actions,
    )
    .await;
    let third = push(args).await.unwrap();
    assert_eq!(third.status.code(), Some(0), "{}", stderr(&third));
    let e = stderr(&third);
    assert!(
        e.contains("warning: \"Order actions\" changed on the instance")
            && e.contains("+1 -1 lines of the template")
            && e.contains("pushing anyway"),
        "{e}"
    );
}
