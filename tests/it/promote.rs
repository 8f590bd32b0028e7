//! `connect-views promote` between two local endpoints (two instances): the plan, the ARN
//! map, history replayed with the version map in tags, zero writes when a reference is
//! unmapped, on --dry-run or without confirmation (read from the endpoint's request log),
//! a re-run that plans only skips, and AWS-managed views skipped.

use crate::common::{Endpoint, bin, content, temp_dir};

const SRC: &str = "aaaaaaaa-1111-4111-8111-111111111111";
const TGT: &str = "bbbbbbbb-2222-4222-8222-222222222222";

fn flow(instance: &str, id: &str) -> String {
    format!("arn:aws:connect:us-east-1:000000000000:instance/{instance}/contact-flow/{id}")
}

fn template(title: &str, task_template: &str) -> String {
    format!(
        r#"{{"Head":{{"Title":"{title}","Configuration":{{}}}},"Body":[{{"_id":"go","Type":"ConnectAction","Props":{{"ConnectActionType":"StartTaskContact","Label":"Go","StartTaskContactProps":{{"ContactFlowId":"{}","TaskTemplateId":"{task_template}"}}}},"Content":["Go"]}}]}}"#,
        flow(SRC, "f1")
    )
}

struct Two {
    test: Endpoint,
    prod: Endpoint,
    dir: tempfile::TempDir,
}

impl Two {
    async fn start() -> Two {
        let (test, prod, dir) = (Endpoint::start().await, Endpoint::start().await, temp_dir());
        std::fs::write(
            dir.path().join("connect-views.toml"),
            format!(
                "[env.test]\nendpoint_url = \"{}\"\ninstance_id = \"{SRC}\"\n\n\
                 [env.prod]\nendpoint_url = \"{}\"\ninstance_id = \"{TGT}\"\nprotected = true\n\n\
                 [arn_map.test.prod]\n\"{}\" = \"{}\"\n",
                test.url(),
                prod.url(),
                flow(SRC, "f1"),
                flow(TGT, "f9"),
            ),
        )
        .unwrap();
        Two { test, prod, dir }
    }

    fn run(&self, args: &[&str]) -> std::process::Output {
        bin()
            .current_dir(self.dir.path())
            .args(args)
            .env_remove("CONNECT_INSTANCE_ID")
            .env_remove("AWS_ENDPOINT_URL")
            .env_remove("CONNECT_VIEWS_ENV")
            .env(
                "CONNECT_VIEWS_CONFIG_DIR",
                self.dir.path().join("no-config"),
            )
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap()
    }

    /// A view in test with three numbered versions; `$LATEST` is the third's content.
    async fn seed(&self, name: &str, task_template: &str) -> String {
        let sdk = crate::common::sdk_for(&self.test.url());
        let actions = vec!["ActionSelected".to_string()];
        let id = crate::common::create_published(
            &sdk,
            SRC,
            name,
            &template("one", task_template),
            &actions,
        )
        .await;
        for next in ["two", "three"] {
            sdk.create_view_version()
                .instance_id(SRC)
                .view_id(&id)
                .send()
                .await
                .unwrap();
            sdk.update_view_content()
                .instance_id(SRC)
                .view_id(&id)
                .status(aws_sdk_connect::types::ViewStatus::Published)
                .content(content(&template(next, task_template), &actions))
                .send()
                .await
                .unwrap();
        }
        sdk.create_view_version()
            .instance_id(SRC)
            .view_id(&id)
            .send()
            .await
            .unwrap();
        id
    }
}

fn text(o: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[tokio::test(flavor = "multi_thread")]
async fn promote_with_history_maps_arns_records_versions_and_a_rerun_skips() {
    let two = Two::start().await;
    let source_id = two.seed("Order actions", "none").await;
    let args = [
        "promote",
        "Order actions",
        "--from",
        "test",
        "--to",
        "prod",
        "--history",
    ];

    // The plan, then no confirmation (no terminal, no --yes): nothing written.
    let o = two.run(&args);
    let out = text(&o);
    assert_eq!(o.status.code(), Some(2), "{out}");
    assert!(out.contains("plan: test → prod: 1 view, 7 writes"), "{out}");
    assert!(
        out.contains("+ create      content of version 1 (PUBLISHED)"),
        "{out}"
    );
    assert!(
        out.contains("+ version     a version from source version 3"),
        "{out}"
    );
    assert!(out.contains("nothing was written"), "{out}");
    let dry = two.run(&[&args[..], &["--dry-run"]].concat());
    assert_eq!(dry.status.code(), Some(0), "{}", text(&dry));
    assert!(text(&dry).contains("dry run: 7 writes planned, none made"));
    assert_eq!(two.prod.server.log.writes(), Vec::<&str>::new());

    let o = two.run(&[&args[..], &["--yes"]].concat());
    let out = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(out.contains("versions 1→1 2→2 3→3; verified"), "{out}");
    assert_eq!(
        two.prod.server.log.writes(),
        [
            "CreateView",
            "CreateViewVersion",
            "UpdateViewContent",
            "CreateViewVersion",
            "UpdateViewContent",
            "CreateViewVersion",
            "TagResource"
        ]
    );

    // The target: the versions in order, the tags, and nothing of the source instance.
    let prod = crate::common::sdk_for(&two.prod.url());
    let client =
        connect_views::connect::ConnectClient::connect(&connect_views::connect::ConnectOptions {
            endpoint_url: Some(two.prod.url()),
            instance_id: Some(TGT.into()),
            ..Default::default()
        })
        .await
        .unwrap();
    let target = client.find_by_name("Order actions").await.unwrap().unwrap();
    let versions = client.list_view_versions(&target.id).await.unwrap();
    assert_eq!(
        versions.iter().map(|v| v.version).collect::<Vec<_>>(),
        [3, 2, 1]
    );
    let tags = client.list_tags(&target.arn).await.unwrap();
    assert_eq!(tags["cv:versions"], "1=1 2=2 3=3");
    assert_eq!(tags["cv:from"], format!("test/{source_id}"));
    assert_eq!(tags["cv:source"], "LATEST");
    for (q, title) in [
        ("1", "one"),
        ("2", "two"),
        ("3", "three"),
        ("$LATEST", "three"),
        ("$SAVED", "three"),
    ] {
        let v = client
            .describe_view(&format!("{}:{q}", target.id))
            .await
            .unwrap();
        assert!(
            v.template.contains(&format!("\"Title\":\"{title}\"")),
            "{q}: {}",
            v.template
        );
        assert!(
            !v.template.contains(SRC),
            "{q} keeps the source instance: {}",
            v.template
        );
        assert!(v.template.contains(&flow(TGT, "f9")), "{q}: {}", v.template);
    }
    assert_eq!(
        tags["cv:sha"],
        connect_views::view::content_sha256(
            &client
                .describe_view(&format!("{}:$LATEST", target.id))
                .await
                .unwrap()
                .template,
            &["ActionSelected".to_string()],
        )
    );

    // A re-run plans only skips and writes nothing; an AWS-managed view is skipped.
    let writes = two.prod.server.log.writes().len();
    let o = two.run(&[&args[..], &["Cards", "--yes"]].concat());
    let out = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(out.contains("2 views, 0 writes"), "{out}");
    assert!(out.contains("= skip        in sync"), "{out}");
    assert!(out.contains("= skip        AWS-managed"), "{out}");
    assert!(out.contains("nothing to do"), "{out}");
    assert_eq!(two.prod.server.log.writes().len(), writes);

    // JSON: the plan as data.
    let o = two.run(&[&args[..], &["--output", "json"]].concat());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["writes"], 0);
    assert_eq!(v["plan"][0]["steps"][0]["kind"], "skip");

    // Drift of the promoted views: in sync, then a change made behind the tool's back.
    let o = two.run(&["drift", "--env", "prod"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(text(&o).contains(&format!("test/{source_id} → \"Order actions\": in sync")));
    let behind = template("three", "none")
        .replace(&flow(SRC, "f1"), &flow(TGT, "f9"))
        .replace(r#""Label":"Go""#, r#""Label":"Went""#);
    prod.update_view_content()
        .instance_id(TGT)
        .view_id(&target.id)
        .status(aws_sdk_connect::types::ViewStatus::Published)
        .content(content(&behind, &["ActionSelected".to_string()]))
        .send()
        .await
        .unwrap();
    let o = two.run(&["drift", "--env", "prod"]);
    let out = text(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(
        out.contains("changed on the instance outside the tool"),
        "{out}"
    );
    assert!(
        out.contains(r#"ConnectAction go: Label "Go" → "Went""#),
        "{out}"
    );
    // A SAVED draft on top is its own kind.
    prod.update_view_content()
        .instance_id(TGT)
        .view_id(&target.id)
        .status(aws_sdk_connect::types::ViewStatus::Saved)
        .content(content(
            &template("draft", "none").replace(&flow(SRC, "f1"), &flow(TGT, "f9")),
            &["ActionSelected".to_string()],
        ))
        .send()
        .await
        .unwrap();
    let out = text(&two.run(&["drift", "--env", "prod"]));
    assert!(out.contains("a $SAVED draft differs from $LATEST"), "{out}");
    // The source moving on is the source ahead.
    let o = two.run(&[&args[..], &["--yes"]].concat());
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    crate::common::sdk_for(&two.test.url())
        .update_view_content()
        .instance_id(SRC)
        .view_id(&source_id)
        .status(aws_sdk_connect::types::ViewStatus::Published)
        .content(content(
            &template("four", "none"),
            &["ActionSelected".to_string()],
        ))
        .send()
        .await
        .unwrap();
    let o = two.run(&["drift", "--env", "prod", "--output", "json"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v[0]["state"], "source_ahead", "{v}");
    // Old to new in the direction of time: what was promoted, then the source's new title.
    let out = text(&two.run(&["drift", "--env", "prod"]));
    let head = out
        .lines()
        .find(|l| l.contains("Head "))
        .unwrap_or_else(|| panic!("{out}"));
    let (old, new) = head.split_once(" → ").unwrap();
    assert!(new.contains("four") && !old.contains("four"), "{head}");
}

#[tokio::test(flavor = "multi_thread")]
async fn an_unmapped_arn_stops_the_plan_with_its_place_and_zero_writes() {
    let two = Two::start().await;
    let task = format!("arn:aws:connect:us-east-1:000000000000:instance/{SRC}/task-template/t1");
    two.seed("Tasks", &task).await;
    let o = two.run(&[
        "promote", "Tasks", "--from", "test", "--to", "prod", "--yes",
    ]);
    let out = text(&o);
    assert_eq!(o.status.code(), Some(2), "{out}");
    assert!(
        out.contains(&format!(
            "! unmapped    {task} at /Body/0/Props/StartTaskContactProps/TaskTemplateId (component go) in $LATEST: an ARN under the source instance"
        )),
        "{out}"
    );
    assert!(out.contains("[arn_map.test.prod]"), "{out}");
    assert_eq!(two.prod.server.log.writes(), Vec::<&str>::new());
    // The mapped flow ARN is not a blocker.
    assert!(!out.contains("contact-flow/f1 at"), "{out}");
}

/// The designer's browser offers the same promotion, the plan first: the real binary under
/// a real terminal, on `--env test`.
#[tokio::test(flavor = "multi_thread")]
async fn the_browser_promotes_the_selected_view_after_showing_the_plan() {
    let two = Two::start().await;
    two.seed("Order actions", "none").await;
    let inner = format!(
        "cd {} && stty cols 160 rows 40; {} edit --env test; echo \"exit=$?\"",
        two.dir.path().display(),
        env!("CARGO_BIN_EXE_connect-views"),
    );
    let no_config = two.dir.path().join("no-config");
    let vars: Vec<(&str, &std::ffi::OsStr)> = vec![
        ("CONNECT_VIEWS_DATA_DIR", two.dir.path().as_os_str()),
        ("CONNECT_VIEWS_CONFIG_DIR", no_config.as_os_str()),
    ];
    let mut pty = crate::common::Pty::spawn(&inner, &vars);
    pty.wait_for("[Template]");
    pty.send(b"\x1b[24~"); // F12
    pty.wait_for_words("Order actions PUBLISHED");
    pty.send(b"\x14"); // Ctrl-T
    pty.wait_for_words("Promote to the environment");
    pty.send(b"prod\r");
    pty.wait_for_words("plan: test → prod: 1 view, 2 writes");
    pty.wait_for_words("+ create content of $LATEST (PUBLISHED)");
    assert_eq!(
        two.prod.server.log.writes(),
        Vec::<&str>::new(),
        "the plan writes nothing"
    );
    // prod is protected: Enter alone is refused, its name typed lets it through.
    pty.send(b"\r");
    pty.wait_for_words("prod is protected: type its name, then Enter");
    assert_eq!(two.prod.server.log.writes(), Vec::<&str>::new());
    pty.send(b"prod\r");
    pty.wait_for_words("2 writes, verified");
    assert_eq!(two.prod.server.log.writes(), ["CreateView", "TagResource"]);
    pty.send(b"\r\x11"); // close, quit
    let out = pty.finish();
    assert!(out.contains("exit=0"), "{out}");
}

/// The source's own tags go with the view (tag-based access control depends on them), the
/// plan lists them, and a tag the target would refuse stops the plan instead of being
/// dropped.
#[tokio::test(flavor = "multi_thread")]
async fn promote_copies_the_sources_own_tags_and_says_so() {
    let two = Two::start().await;
    let id = two.seed("Tagged", "none").await;
    let sdk = crate::common::sdk_for(&two.test.url());
    let arn = sdk
        .describe_view()
        .instance_id(SRC)
        .view_id(&id)
        .send()
        .await
        .unwrap()
        .view()
        .unwrap()
        .arn()
        .unwrap()
        .to_string();
    sdk.tag_resource()
        .resource_arn(&arn)
        .tags("team", "billing")
        .tags("cost-center", "42")
        .send()
        .await
        .unwrap();
    let o = two.run(&[
        "promote",
        "Tagged",
        "--from",
        "test",
        "--to",
        "prod",
        "--dry-run",
    ]);
    let out = text(&o);
    assert!(out.contains("tags cost-center, team, cv:from"), "{out}");
    let o = two.run(&[
        "promote", "Tagged", "--from", "test", "--to", "prod", "--yes",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let prod = crate::common::sdk_for(&two.prod.url());
    let target = prod
        .list_views()
        .instance_id(TGT)
        .send()
        .await
        .unwrap()
        .views_summary_list()
        .iter()
        .find(|v| v.name() == Some("Tagged"))
        .unwrap()
        .arn()
        .unwrap()
        .to_string();
    let tags = prod
        .list_tags_for_resource()
        .resource_arn(&target)
        .send()
        .await
        .unwrap();
    let tags = tags.tags().unwrap();
    assert_eq!(tags.get("team").map(String::as_str), Some("billing"));
    assert_eq!(tags.get("cost-center").map(String::as_str), Some("42"));
    assert!(tags.contains_key("cv:from"));
    // 47 more of the source's own: with the promotion's four the target would hold 51.
    let many: std::collections::HashMap<String, String> = (0..46)
        .map(|i| (format!("k{i}"), "v".to_string()))
        .collect();
    sdk.tag_resource()
        .resource_arn(&arn)
        .set_tags(Some(many))
        .send()
        .await
        .unwrap();
    let before = two.prod.server.log.writes().len();
    let o = two.run(&[
        "promote", "Tagged", "--from", "test", "--to", "prod", "--yes",
    ]);
    let out = text(&o);
    assert_ne!(o.status.code(), Some(0), "{out}");
    assert!(out.contains("! tag") && out.contains("at most 50"), "{out}");
    assert_eq!(
        two.prod.server.log.writes().len(),
        before,
        "nothing was written"
    );
}

/// The plan names the target's flows the promotion would break: prod's flow reads the
/// WhatsApp form's `whatsapp` field, which test's version renamed.
#[tokio::test(flavor = "multi_thread")]
async fn the_plan_names_the_targets_flows_the_promotion_would_break() {
    let two = Two::start().await;
    let doc = connect_views::view::ViewDocument::load(std::path::Path::new(
        "tests/corpus/describe-view/enviar-whatsapp-form.json",
    ))
    .unwrap();
    let original = doc.compact_template().unwrap();
    let renamed = original.replace(r#""Name":"whatsapp""#, r#""Name":"phone""#);
    let test = crate::common::sdk_for(&two.test.url());
    crate::common::create_published(&test, SRC, &doc.name, &renamed, &doc.actions).await;
    let prod = crate::common::sdk_for(&two.prod.url());
    let id = crate::common::create_published(&prod, TGT, &doc.name, &original, &doc.actions).await;
    let arn = format!("arn:aws:connect:us-east-1:000000000000:instance/{TGT}/view/{id}");
    let flow = std::fs::read_to_string("tests/flows/whatsapp-send-guide.json")
        .unwrap()
        .replace("FORM_VIEW_ARN", &format!("{arn}:$LATEST"));
    prod.create_contact_flow()
        .instance_id(TGT)
        .name("Send WhatsApp")
        .r#type(aws_sdk_connect::types::ContactFlowType::ContactFlow)
        .content(flow)
        .send()
        .await
        .unwrap();
    let out = two.run(&[
        "promote",
        &doc.name,
        "--from",
        "test",
        "--to",
        "prod",
        "--dry-run",
    ]);
    let said = text(&out);
    assert!(
        said.contains(
            "! breaks      flow Send WhatsApp: reads $.Views.ViewResultData.whatsapp, which the view no longer submits"
        ),
        "{said}"
    );
}
