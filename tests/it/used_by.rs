//! `used-by`: the flows that show a view, judged against it. The pair is AWS's public
//! WhatsApp sample (tests/flows/SOURCES.md): its form view and the flow that shows it.

use std::path::Path;

use serde_json::Value;

use crate::common::{bin, temp_dir};

const VIEW: &str = "tests/corpus/describe-view/enviar-whatsapp-form.json";
const FLOW: &str = "tests/flows/whatsapp-send-guide.json";

/// Runs `used-by VIEW --flow FLOW... --output json`: its exit code and report.
fn used_by(view: &Path, flows: &[&Path]) -> (i32, Value) {
    let mut c = bin();
    c.arg("used-by").arg(view);
    for f in flows {
        c.arg("--flow").arg(f);
    }
    let out = c.args(["--output", "json"]).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let report = serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("{e}: {stdout}\n{}", String::from_utf8_lossy(&out.stderr)));
    (out.status.code().unwrap(), report)
}

/// The sample view with its template changed by `change` (on the template's text).
fn changed_view(
    dir: &Path,
    change: impl Fn(&str) -> String,
    actions: &[&str],
) -> std::path::PathBuf {
    let mut v: Value = serde_json::from_str(&std::fs::read_to_string(VIEW).unwrap()).unwrap();
    let template = v["Content"]["Template"].as_str().unwrap().to_string();
    v["Content"]["Template"] = Value::String(change(&template));
    v["Content"]["Actions"] = serde_json::json!(actions);
    let path = dir.join("form.view.json");
    std::fs::write(&path, serde_json::to_string_pretty(&v).unwrap()).unwrap();
    path
}

#[test]
fn the_public_pair_holds() {
    let (code, report) = used_by(Path::new(VIEW), &[Path::new(FLOW)]);
    assert_eq!(code, 0, "{report:#}");
    let c = &report["consumers"][0];
    assert_eq!(c["state"], "holds");
    let block = &c["blocks"][0];
    assert_eq!(block["identifier"], "7cb36cf2-b11b-42ca-9a53-81c9079741ed");
    assert_eq!(block["handled"], serde_json::json!(["enviarWhatsapp"]));
    assert_eq!(block["unhandled"], serde_json::json!([]));
    assert_eq!(block["dead"], serde_json::json!([]));
    assert_eq!(
        block["errors"],
        serde_json::json!([
            "NoMatchingCondition",
            "NoMatchingError",
            "TimeLimitExceeded"
        ])
    );
    // The ViewData is all flow references ($.External.x): the keys fit, nothing to refuse.
    assert_eq!(block["data"], serde_json::json!([]));
    let reads: Vec<&str> = c["reads"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        reads,
        [
            "whatsapp", "input1", "input2", "input3", "input4", "fullName"
        ]
    );
    assert!(
        c["reads"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["known"] == true)
    );
}

#[test]
fn renaming_a_field_the_flow_reads_breaks_it_at_the_read() {
    let dir = temp_dir();
    let view = changed_view(
        dir.path(),
        |t| t.replace(r#""Name":"whatsapp""#, r#""Name":"phone""#),
        &["enviarWhatsapp"],
    );
    let (code, report) = used_by(&view, &[Path::new(FLOW)]);
    assert_eq!(code, 1, "{report:#}");
    let c = &report["consumers"][0];
    assert_eq!(c["state"], "breaks");
    let broken: Vec<(&str, &str)> = c["reads"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["known"] == false)
        .map(|r| (r["read"].as_str().unwrap(), r["pointer"].as_str().unwrap()))
        .collect();
    assert_eq!(
        broken,
        [(
            "$.Views.ViewResultData.whatsapp",
            "/Actions/0/Parameters/Attributes/whatsapp"
        )]
    );
    // The text report names the read and where it is.
    let out = bin()
        .args(["used-by"])
        .arg(&view)
        .args(["--flow", FLOW])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains(
            "reads $.Views.ViewResultData.whatsapp at /Actions/0/Parameters/Attributes/whatsapp: the view submits no \"whatsapp\""
        ),
        "{text}"
    );
}

#[test]
fn renaming_the_action_leaves_it_unhandled_and_the_branch_dead() {
    let dir = temp_dir();
    let view = changed_view(
        dir.path(),
        |t| t.replace(r#""Action":"enviarWhatsapp""#, r#""Action":"sendWhatsapp""#),
        &["sendWhatsapp"],
    );
    let (code, report) = used_by(&view, &[Path::new(FLOW)]);
    assert_eq!(code, 1);
    let block = &report["consumers"][0]["blocks"][0];
    assert_eq!(block["unhandled"], serde_json::json!(["sendWhatsapp"]));
    assert_eq!(block["dead"], serde_json::json!(["enviarWhatsapp"]));
    assert_eq!(block["handled"], serde_json::json!([]));
}

#[test]
fn view_data_the_schema_refuses_is_reported_and_flow_references_are_not_judged() {
    let dir = temp_dir();
    let mut flow: Value = serde_json::from_str(&std::fs::read_to_string(FLOW).unwrap()).unwrap();
    // A literal object where the view takes text, beside the flow's references.
    flow["Actions"][2]["Parameters"]["ViewData"]["fullName"] = serde_json::json!({"First": "Ana"});
    let path = dir.path().join("flow.json");
    std::fs::write(&path, flow.to_string()).unwrap();
    let (code, report) = used_by(Path::new(VIEW), &[&path]);
    assert_eq!(code, 1, "{report:#}");
    let data = report["consumers"][0]["blocks"][0]["data"]
        .as_array()
        .unwrap();
    assert_eq!(data.len(), 1, "{data:#?}");
    assert_eq!(data[0]["pointer"], "/fullName");
    assert_eq!(data[0]["code"], "CV080");
}

#[test]
fn a_block_is_matched_by_the_arn_the_view_file_records() {
    let dir = temp_dir();
    let arn = "arn:aws:connect:us-east-1:000000000000:instance/i/view/form";
    // The file records its ARN; the flow shows this view pinned to version 1 and another view.
    let mut v: Value = serde_json::from_str(&std::fs::read_to_string(VIEW).unwrap()).unwrap();
    v["PulledFrom"] = serde_json::json!({"Source": "env test", "Instance": "i", "Arn": arn});
    let view = dir.path().join("form.view.json");
    std::fs::write(&view, v.to_string()).unwrap();
    let mut flow: Value = serde_json::from_str(&std::fs::read_to_string(FLOW).unwrap()).unwrap();
    flow["Actions"][2]["Parameters"]["ViewResource"]["Id"] = Value::String(format!("{arn}:1"));
    let mut other = flow["Actions"][2].clone();
    other["Identifier"] = "other".into();
    other["Parameters"]["ViewResource"]["Id"] =
        "arn:aws:connect:us-east-1:000000000000:instance/i/view/else:$LATEST".into();
    flow["Actions"].as_array_mut().unwrap().push(other);
    let path = dir.path().join("flow.json");
    std::fs::write(&path, flow.to_string()).unwrap();
    let (code, report) = used_by(&view, &[&path]);
    assert_eq!(code, 0, "{report:#}");
    let blocks = report["consumers"][0]["blocks"].as_array().unwrap();
    assert_eq!(blocks.len(), 1, "the other view's block is not this view's");
    assert_eq!(blocks[0]["follows"], serde_json::json!({"version": 1}));
    // Without the ARN, a flow showing two views cannot be matched: listed as such.
    let (_, report) = used_by(Path::new(VIEW), &[&path]);
    let c = &report["consumers"][0];
    assert_eq!(c["blocks"], serde_json::json!([]));
    assert_eq!(c["unmatched"].as_array().unwrap().len(), 2);
    assert_eq!(c["state"], "unmatched");
}

/// On an instance: the sample view published twice (version 1 kept), the sample flow
/// following `$LATEST`, a copy pinned to `:1`, and a module whose alias `live` points at a
/// version that shows the view. All hold; then `--file` with the field renamed: the flow and
/// the module version following `$LATEST` break at the read, the pinned flow is unaffected.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_an_instance_every_flow_and_aliased_module_version_is_judged() {
    use aws_sdk_connect::types::ContactFlowType;
    let ep = crate::common::Endpoint::start().await;
    let sdk = crate::common::sdk_for(&ep.url());
    let inst = crate::common::INSTANCE;
    let doc = connect_views::view::ViewDocument::load(Path::new(VIEW)).unwrap();
    let (id, arn) = publish_sample(&sdk).await;
    sdk.create_view_version()
        .instance_id(inst)
        .view_id(&id)
        .send()
        .await
        .unwrap();
    let flow_text = std::fs::read_to_string(FLOW).unwrap();
    let shows = |q: &str| flow_text.replace("FORM_VIEW_ARN", &format!("{arn}{q}"));
    for (name, content) in [
        ("Send WhatsApp", shows(":$LATEST")),
        ("Pinned", shows(":1")),
    ] {
        sdk.create_contact_flow()
            .instance_id(inst)
            .name(name)
            .r#type(ContactFlowType::ContactFlow)
            .content(content)
            .send()
            .await
            .unwrap();
    }
    let module = sdk
        .create_contact_flow_module()
        .instance_id(inst)
        .name("WhatsApp module")
        .content(shows(""))
        .send()
        .await
        .unwrap();
    let mid = module.id().unwrap();
    sdk.create_contact_flow_module_version()
        .instance_id(inst)
        .contact_flow_module_id(mid)
        .send()
        .await
        .unwrap();
    sdk.create_contact_flow_module_alias()
        .instance_id(inst)
        .contact_flow_module_id(mid)
        .alias_name("live")
        .contact_flow_module_version(1)
        .send()
        .await
        .unwrap();
    // A flow that shows another view is no consumer.
    sdk.create_contact_flow()
        .instance_id(inst)
        .name("Elsewhere")
        .r#type(ContactFlowType::ContactFlow)
        .content(flow_text.replace(
            "FORM_VIEW_ARN",
            "arn:aws:connect:us-east-1:000000000000:instance/x/view/other",
        ))
        .send()
        .await
        .unwrap();
    let url = ep.url();
    let run = move |extra: Vec<String>| {
        let out = bin()
            .args([
                "used-by",
                &doc.name,
                "--endpoint-url",
                &url,
                "--instance-id",
                inst,
            ])
            .args(["--output", "json"])
            .args(&extra)
            .output()
            .unwrap();
        let report: Value = serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
        (out.status.code().unwrap(), report)
    };
    let states = |report: &Value| -> Vec<(String, String)> {
        report["consumers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                let v = c["version"]
                    .as_i64()
                    .map(|v| format!(":{v}"))
                    .unwrap_or_default();
                (
                    format!(
                        "{} {}{v}",
                        c["kind"].as_str().unwrap(),
                        c["name"].as_str().unwrap()
                    ),
                    c["state"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let r = run.clone();
    let (code, report) = tokio::task::spawn_blocking(move || r(vec![]))
        .await
        .unwrap();
    assert_eq!(code, 0, "{report:#}");
    let mut got = states(&report);
    got.sort();
    assert_eq!(
        got,
        [
            ("flow Pinned".to_string(), "holds".to_string()),
            ("flow Send WhatsApp".into(), "holds".into()),
            ("module WhatsApp module".into(), "holds".into()),
            ("module WhatsApp module:1".into(), "holds".into()),
        ]
    );
    let aliased = report["consumers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["version"] == 1)
        .unwrap();
    assert_eq!(aliased["aliases"], serde_json::json!(["live"]));
    // The change: the field the flows read renamed.
    let dir = temp_dir();
    let changed = changed_view(
        dir.path(),
        |t| t.replace(r#""Name":"whatsapp""#, r#""Name":"phone""#),
        &["enviarWhatsapp"],
    );
    let file = changed.display().to_string();
    let (code, report) = tokio::task::spawn_blocking(move || run(vec!["--file".into(), file]))
        .await
        .unwrap();
    assert_eq!(code, 1, "{report:#}");
    let mut got = states(&report);
    got.sort();
    assert_eq!(
        got,
        [
            ("flow Pinned".to_string(), "unaffected".to_string()),
            ("flow Send WhatsApp".into(), "breaks".into()),
            ("module WhatsApp module".into(), "breaks".into()),
            ("module WhatsApp module:1".into(), "breaks".into()),
        ]
    );
}

/// A kind of consumer the caller may not read is unknown, with the permission it needs,
/// never "no consumers".
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kind_the_caller_may_not_read_is_unknown_with_the_permission_it_needs() {
    let ep = crate::common::Endpoint::start().await;
    let sdk = crate::common::sdk_for(&ep.url());
    let inst = crate::common::INSTANCE;
    let doc = connect_views::view::ViewDocument::load(Path::new(VIEW)).unwrap();
    publish_sample(&sdk).await;
    ep.server
        .faults
        .set("deny=SearchContactFlowModules")
        .unwrap();
    let url = ep.url();
    let name = doc.name.clone();
    let (json, text) = tokio::task::spawn_blocking(move || {
        let run = |format: &str| {
            bin()
                .args([
                    "used-by",
                    &name,
                    "--endpoint-url",
                    &url,
                    "--instance-id",
                    inst,
                ])
                .args(["--output", format])
                .output()
                .unwrap()
        };
        (run("json"), run("text"))
    })
    .await
    .unwrap();
    let report: Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(report["consumers"], serde_json::json!([]));
    assert_eq!(report["unknown"][0]["kind"], "modules");
    assert_eq!(
        report["unknown"][0]["permission"],
        "connect:SearchContactFlowModules"
    );
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("modules: unknown") && text.contains("connect:SearchContactFlowModules"),
        "{text}"
    );
    assert!(!text.contains("no flow or module shows it"), "{text}");
}

/// A workspace page showing the view: its InputData fits the published view; with a change
/// that makes `fullName` an object, the page's InputData is refused by the changed schema, and
/// the page is reported with the place and the problem.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_workspace_page_whose_input_data_a_change_refuses_is_reported() {
    let ep = crate::common::Endpoint::start().await;
    let sdk = crate::common::sdk_for(&ep.url());
    let inst = crate::common::INSTANCE;
    let doc = connect_views::view::ViewDocument::load(Path::new(VIEW)).unwrap();
    let (_, arn) = publish_sample(&sdk).await;
    desk_showing(&sdk, &arn).await;
    let dir = temp_dir();
    let changed = changed_view(
        dir.path(),
        |t| {
            t.replace(
                r#""DefaultValue":"$.fullName""#,
                r#""DefaultValue":"$.fullName.First""#,
            )
        },
        &["enviarWhatsapp"],
    );
    let url = ep.url();
    let name = doc.name.clone();
    let runs = tokio::task::spawn_blocking(move || {
        let run = |extra: &[&str]| {
            let out = bin()
                .args([
                    "used-by",
                    &name,
                    "--endpoint-url",
                    &url,
                    "--instance-id",
                    inst,
                ])
                .args(extra)
                .output()
                .unwrap();
            (
                out.status.code().unwrap(),
                String::from_utf8_lossy(&out.stdout).to_string(),
            )
        };
        let file = changed.display().to_string();
        (
            run(&["--output", "json"]),
            run(&["--output", "json", "--file", &file]),
            run(&["--file", &file]),
        )
    })
    .await
    .unwrap();
    let ((code, now), (changed_code, after), (_, text)) = runs;
    let now: Value = serde_json::from_str(&now).unwrap();
    assert_eq!(code, 0, "{now:#}");
    assert_eq!(now["consumers"][0]["kind"], "page");
    assert_eq!(now["consumers"][0]["name"], "Agent desk/whatsapp");
    assert_eq!(now["consumers"][0]["state"], "holds");
    let after: Value = serde_json::from_str(&after).unwrap();
    assert_eq!(changed_code, 1, "{after:#}");
    let data = &after["consumers"][0]["blocks"][0]["data"];
    assert_eq!(data[0]["pointer"], "/fullName", "{after:#}");
    assert!(text.contains("page Agent desk/whatsapp: BREAKS"), "{text}");
    assert!(text.contains("InputData /fullName:"), "{text}");
}

/// The designer's submit dialog names the flow a change would break, plain Enter does not
/// publish it, and `b` does, deliberately: the whole app, through the SDK, against the local
/// endpoint holding the sample view and the flow that reads its `whatsapp` field.
#[tokio::test(flavor = "current_thread")]
async fn the_submit_dialog_names_the_flow_a_change_breaks_and_enter_does_not_publish_it() {
    use crate::common::tui::{app_with, key, open_submit, press, screen, until};
    use crossterm::event::KeyCode;
    let ep = crate::common::Endpoint::start().await;
    let sdk = crate::common::sdk_for(&ep.url());
    let inst = crate::common::INSTANCE;
    let (id, arn) = sample_and_its_flow(&sdk).await;
    // The buffer: the same view with the field the flow reads renamed.
    let dir = temp_dir();
    let changed = changed_view(
        dir.path(),
        |t| t.replace(r#""Name":"whatsapp""#, r#""Name":"phone""#),
        &["enviarWhatsapp"],
    );
    let text = std::fs::read_to_string(&changed).unwrap();
    let state = crate::common::tui::state_from(&text, &changed);
    let mut app = app_with(&ep, state, 140, 45);
    until(&mut app, "the first validation", |a| {
        a.state.validation_current()
    })
    .await;
    open_submit(&mut app, &format!("update view {id}")).await;
    let s = screen(&app);
    assert!(s.contains("0 hold, 1 break, 0 unaffected"), "{s}");
    assert!(
        s.contains("breaks flow Send WhatsApp: reads $.Views.ViewResultData.whatsapp"),
        "{s}"
    );
    // The buffer was never opened from the instance's copy, so Enter gives way to `o`; `o`
    // alone does not publish a breaking change: refused, naming the flow, nothing written.
    press(&mut app, [key(KeyCode::Char('o'))]).await;
    until(&mut app, "the refusal", |a| {
        a.state
            .popups
            .submit()
            .and_then(|d| d.message.as_deref())
            .is_some_and(|m| m.starts_with("not submitted: it would break flow Send WhatsApp"))
    })
    .await;
    assert!(app.state.session.last.is_none());
    // `b` does, deliberately.
    press(&mut app, [key(KeyCode::Char('b'))]).await;
    until(&mut app, "the result", |a| a.state.session.last.is_some()).await;
    let latest = sdk
        .describe_view()
        .instance_id(inst)
        .view_id(format!("{arn}:$LATEST"))
        .send()
        .await
        .unwrap();
    let template = latest
        .view()
        .unwrap()
        .content()
        .unwrap()
        .template()
        .unwrap();
    assert!(template.contains(r#""Name":"phone""#), "{template}");
}

/// The sample view published on the endpoint and the sample flow showing it `:$LATEST`,
/// named "Send WhatsApp": the view's id and ARN.
async fn sample_and_its_flow(sdk: &aws_sdk_connect::Client) -> (String, String) {
    let inst = crate::common::INSTANCE;
    let (id, arn) = publish_sample(sdk).await;
    let flow = std::fs::read_to_string(FLOW)
        .unwrap()
        .replace("FORM_VIEW_ARN", &format!("{arn}:$LATEST"));
    sdk.create_contact_flow()
        .instance_id(inst)
        .name("Send WhatsApp")
        .r#type(aws_sdk_connect::types::ContactFlowType::ContactFlow)
        .content(flow)
        .send()
        .await
        .unwrap();
    (id, arn)
}

/// The workspace "Agent desk" with a page "whatsapp" showing the view `arn` with the
/// InputData `{"fullName": "Ana Diaz"}`.
async fn desk_showing(sdk: &aws_sdk_connect::Client, arn: &str) {
    let inst = crate::common::INSTANCE;
    let ws = sdk
        .create_workspace()
        .instance_id(inst)
        .name("Agent desk")
        .send()
        .await
        .unwrap();
    sdk.create_workspace_page()
        .instance_id(inst)
        .workspace_id(ws.workspace_id())
        .resource_arn(arn)
        .page("whatsapp")
        .input_data(r#"{"fullName": "Ana Diaz"}"#)
        .send()
        .await
        .unwrap();
}

/// The sample view published on the endpoint: its id and ARN.
async fn publish_sample(sdk: &aws_sdk_connect::Client) -> (String, String) {
    let doc = connect_views::view::ViewDocument::load(Path::new(VIEW)).unwrap();
    let made = sdk
        .create_view()
        .instance_id(crate::common::INSTANCE)
        .name(&doc.name)
        .status(aws_sdk_connect::types::ViewStatus::Published)
        .content(crate::common::content(
            &doc.compact_template().unwrap(),
            &doc.actions,
        ))
        .send()
        .await
        .unwrap();
    let view = made.view().unwrap();
    (
        view.id().unwrap().to_string(),
        view.arn().unwrap().to_string(),
    )
}

/// The Used-by pane (F11) lists the flow and how it stands against the buffer, follows the
/// buffer as it changes, and opens the flow into its details.
#[tokio::test(flavor = "current_thread")]
async fn the_used_by_pane_follows_the_buffer_and_opens_a_consumer() {
    use crate::common::tui::{app_with, key, press, screen, until};
    use crossterm::event::KeyCode;
    let ep = crate::common::Endpoint::start().await;
    let sdk = crate::common::sdk_for(&ep.url());
    let (_, arn) = sample_and_its_flow(&sdk).await;
    let dir = temp_dir();
    let same = changed_view(dir.path(), |t| t.to_string(), &["enviarWhatsapp"]);
    let text = std::fs::read_to_string(&same).unwrap();
    let state = crate::common::tui::state_from(&text, &same);
    let mut app = app_with(&ep, state, 160, 45);
    until(&mut app, "the first validation", |a| {
        a.state.validation_current()
    })
    .await;
    press(&mut app, [key(KeyCode::F(11))]).await;
    until(&mut app, "the judgement", |a| {
        screen(a).contains("Used by (1 hold, 0 break")
    })
    .await;
    assert!(
        screen(&app).contains("✓ flow Send WhatsApp"),
        "{}",
        screen(&app)
    );
    // The buffer renames the field the flow reads: judged again, it breaks.
    app.state.focus = connect_views::tui::state::Pane::Editor;
    press(&mut app, [crate::common::tui::ctrl('f')]).await;
    press(
        &mut app,
        crate::common::tui::chars("\"Name\": \"whatsapp\""),
    )
    .await;
    press(&mut app, [key(KeyCode::Enter)]).await;
    for _ in 0.."\"Name\": \"whatsapp\"".len() {
        press(&mut app, [key(KeyCode::Delete)]).await;
    }
    press(&mut app, crate::common::tui::chars("\"Name\": \"phone\"")).await;
    until(&mut app, "the new judgement", |a| {
        screen(a).contains("Used by (0 hold, 1 break")
    })
    .await;
    let s = screen(&app);
    assert!(
        s.contains("✗ flow Send WhatsApp  reads $.Views.ViewResultData."),
        "{s}"
    );
    // Enter opens it: the block, its branches, the read that breaks.
    app.state.focus = connect_views::tui::state::Pane::UsedBy;
    press(&mut app, [key(KeyCode::Enter)]).await;
    until(&mut app, "the details", |a| {
        screen(a).contains("✗ reads whatsapp, not submitted")
    })
    .await;
    let s = screen(&app);
    assert!(s.contains("branches on: enviarWhatsapp"), "{s}");
    assert!(s.contains("error branches: NoMatchingCondition"), "{s}");
    assert!(s.contains("pages read just now"), "{s}");
    // A flow made elsewhere meanwhile: each revision is judged against the reading the pane
    // has, so it appears only when `r` reads the instance again.
    sdk.create_contact_flow()
        .instance_id(crate::common::INSTANCE)
        .name("Second")
        .r#type(aws_sdk_connect::types::ContactFlowType::ContactFlow)
        .content(
            std::fs::read_to_string(FLOW)
                .unwrap()
                .replace("FORM_VIEW_ARN", &arn),
        )
        .send()
        .await
        .unwrap();
    app.state.focus = connect_views::tui::state::Pane::Editor;
    press(&mut app, crate::common::tui::chars(" ")).await;
    let revision = app.state.doc.changes;
    until(&mut app, "the judgement of the new revision", |a| {
        let p = &a.state.panes.used_by;
        !p.in_flight && p.asked_for == Some(revision)
    })
    .await;
    assert_eq!(
        app.state.panes.used_by.consumers().len(),
        1,
        "{}",
        screen(&app)
    );
    app.state.focus = connect_views::tui::state::Pane::UsedBy;
    press(&mut app, crate::common::tui::chars("r")).await;
    until(&mut app, "the instance read again", |a| {
        screen(a).contains("Used by (0 hold, 2 break")
    })
    .await;
    assert!(screen(&app).contains("✗ flow Second"), "{}", screen(&app));
}

/// A workspace page as a data source: `preview --page` draws the view with the page's
/// InputData, and `check-data --page` checks it, against the page's view on the instance or a
/// view file given.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_workspace_page_is_a_data_source_for_preview_and_check_data() {
    let ep = crate::common::Endpoint::start().await;
    let sdk = crate::common::sdk_for(&ep.url());
    let inst = crate::common::INSTANCE;
    let (_, arn) = sample_and_its_flow(&sdk).await;
    desk_showing(&sdk, &arn).await;
    let dir = temp_dir();
    let same = changed_view(dir.path(), |t| t.to_string(), &["enviarWhatsapp"]);
    let other = dir.path().join("other");
    std::fs::create_dir(&other).unwrap();
    let object = changed_view(
        &other,
        |t| {
            t.replace(
                r#""DefaultValue":"$.fullName""#,
                r#""DefaultValue":"$.fullName.First""#,
            )
        },
        &["enviarWhatsapp"],
    );
    let url = ep.url();
    let outs = tokio::task::spawn_blocking(move || {
        let run = |args: &[&str]| {
            let out = bin()
                .args(args)
                .args(["--endpoint-url", &url, "--instance-id", inst])
                .output()
                .unwrap();
            (
                out.status.code().unwrap(),
                String::from_utf8_lossy(&out.stdout).to_string(),
                String::from_utf8_lossy(&out.stderr).to_string(),
            )
        };
        let page = "Agent desk/whatsapp";
        (
            run(&[
                "preview",
                same.to_str().unwrap(),
                "--page",
                page,
                "--width",
                "100",
                "--color",
                "never",
            ]),
            run(&["check-data", "--page", page]),
            run(&["check-data", object.to_str().unwrap(), "--page", page]),
            run(&[
                "preview",
                same.to_str().unwrap(),
                "--page",
                "Agent desk/nope",
            ]),
        )
    })
    .await
    .unwrap();
    let (preview, remote, changed, missing) = outs;
    assert_eq!(preview.0, 0, "{}", preview.2);
    assert!(preview.1.contains("Ana Diaz"), "{}", preview.1);
    assert_eq!(remote.0, 0, "{}\n{}", remote.1, remote.2);
    assert!(
        remote.1.contains("page Agent desk/whatsapp"),
        "{}",
        remote.1
    );
    assert_eq!(changed.0, 1, "{}\n{}", changed.1, changed.2);
    assert!(changed.1.contains("fullName"), "{}", changed.1);
    assert_eq!(missing.0, 1, "{}", missing.2);
    assert!(
        missing.2.contains("has no page \"nope\"; it has whatsapp"),
        "{}",
        missing.2
    );
}

/// The preview pane draws with a workspace page's InputData (Alt-G in the preview, then the
/// page), and with the sample data again when the answer is empty.
#[tokio::test(flavor = "current_thread")]
async fn the_preview_pane_draws_with_a_workspace_pages_input_data() {
    use crate::common::tui::{app_with, chars, key, press, screen, until};
    use crossterm::event::KeyCode;
    let ep = crate::common::Endpoint::start().await;
    let sdk = crate::common::sdk_for(&ep.url());
    let (_, arn) = sample_and_its_flow(&sdk).await;
    desk_showing(&sdk, &arn).await;
    let dir = temp_dir();
    let same = changed_view(dir.path(), |t| t.to_string(), &["enviarWhatsapp"]);
    let text = std::fs::read_to_string(&same).unwrap();
    let state = crate::common::tui::state_from(&text, &same);
    let mut app = app_with(&ep, state, 200, 50);
    until(&mut app, "the first validation", |a| {
        a.state.validation_current()
    })
    .await;
    app.state.focus = connect_views::tui::state::Pane::Preview;
    press(&mut app, [alt_g()]).await;
    press(&mut app, chars("Agent desk/whatsapp")).await;
    press(&mut app, [key(KeyCode::Enter)]).await;
    until(&mut app, "the page's data", |a| {
        screen(a).contains("Preview · page `Agent desk/whatsapp`")
    })
    .await;
    assert!(screen(&app).contains("[ Ana Di"), "{}", screen(&app));
    // Empty: the sample data again.
    press(&mut app, [alt_g()]).await;
    press(
        &mut app,
        [crate::common::tui::ctrl('u'), key(KeyCode::Enter)],
    )
    .await;
    until(&mut app, "the sample data", |a| {
        screen(a).contains("Preview · no sample data")
    })
    .await;
}

fn alt_g() -> connect_views::tui::event::AppEvent {
    use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
    connect_views::tui::event::AppEvent::Input(Event::Key(KeyEvent::new(
        KeyCode::Char('g'),
        KeyModifiers::ALT,
    )))
}

/// AWS's own sample flow for the managed After contact work view (the admin guide's
/// "Enable smart default guides for after contact work", its Flow schema; in
/// tests/flows/SOURCES.md) holds against the template AWS serves for that view: both
/// actions branched, every ViewData key one the view reads, all fourteen
/// `$.Views.ViewResultData` reads names the view submits.
fn assert_acw_sample_holds(report: &Value) {
    let c = &report["consumers"][0];
    assert_eq!(c["state"], "holds", "{report:#}");
    let block = &c["blocks"][0];
    assert_eq!(block["identifier"], "e4b91d3f-dda6-4ec8-b51a-57bc96e88c52");
    assert_eq!(block["handled"], serde_json::json!(["Cancel", "Submit"]));
    assert_eq!(block["unhandled"], serde_json::json!([]));
    assert_eq!(block["dead"], serde_json::json!([]));
    assert_eq!(block["data"], serde_json::json!([]));
    assert_eq!(block["warnings"], serde_json::json!([]));
    let reads = c["reads"].as_array().unwrap();
    assert_eq!(reads.len(), 14, "{reads:#?}");
    assert!(reads.iter().all(|r| r["known"] == true), "{reads:#?}");
}

const ACW_FLOW: &str = "tests/flows/after-contact-work-sample.json";

#[test]
fn aws_sample_after_contact_work_flow_holds_offline() {
    let view = Path::new("tests/corpus/aws/after-contact-work.json");
    let (code, report) = used_by(view, &[Path::new(ACW_FLOW)]);
    assert_eq!(code, 0, "{report:#}");
    assert_acw_sample_holds(&report);
    // A ViewData member the view does not read is a warning, not a break: the service
    // passes it on and the view ignores it.
    let dir = temp_dir();
    let misspelled = dir.path().join("acw.json");
    let text = std::fs::read_to_string(ACW_FLOW).unwrap();
    std::fs::write(
        &misspelled,
        text.replace("\"Resolved_DefaultValue\"", "\"Resolvd_DefaultValue\""),
    )
    .unwrap();
    let (code, report) = used_by(view, &[&misspelled]);
    assert_eq!(code, 0, "{report:#}");
    let block = &report["consumers"][0]["blocks"][0];
    assert_eq!(block["data"], serde_json::json!([]));
    assert_eq!(block["warnings"][0]["pointer"], "/Resolvd_DefaultValue");
    assert_eq!(block["warnings"][0]["code"], "CV087");
}

/// The same flow imported into an instance, with the managed view picked again as the
/// guide's step 6 says (its ARN in the instance's region), judged against what the local
/// endpoint serves for `after-contact-work`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn aws_sample_after_contact_work_flow_holds_on_an_instance() {
    use aws_sdk_connect::types::ContactFlowType;
    let ep = crate::common::Endpoint::start().await;
    let sdk = crate::common::sdk_for(&ep.url());
    let inst = crate::common::INSTANCE;
    let managed = sdk
        .describe_view()
        .instance_id(inst)
        .view_id("arn:aws:connect:us-east-1:aws:view/after-contact-work")
        .send()
        .await
        .unwrap();
    let arn = managed.view().unwrap().arn().unwrap().to_string();
    let content = std::fs::read_to_string(ACW_FLOW).unwrap().replace(
        "arn:aws:connect:eu-central-1:aws:view/after-contact-work",
        &arn,
    );
    sdk.create_contact_flow()
        .instance_id(inst)
        .name("Sample after contact work flow")
        .r#type(ContactFlowType::ContactFlow)
        .content(content)
        .send()
        .await
        .unwrap();
    let url = ep.url();
    let out = tokio::task::spawn_blocking(move || {
        bin()
            .args([
                "used-by",
                &arn,
                "--endpoint-url",
                &url,
                "--instance-id",
                inst,
            ])
            .args(["--output", "json"])
            .output()
            .unwrap()
    })
    .await
    .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    assert_eq!(out.status.code(), Some(0), "{report:#}");
    assert_eq!(report["consumers"].as_array().unwrap().len(), 1);
    assert_eq!(
        report["consumers"][0]["name"],
        "Sample after contact work flow"
    );
    assert_acw_sample_holds(&report);
}
