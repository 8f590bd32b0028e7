//! Sample ViewData against a view's input schema: the knowledge-center case, each lint
//! failing and passing, flows with two Show view blocks, the service's own schema through
//! the local endpoint, SampleData sets and skeletons.

use std::path::Path;

use serde_json::{Value, json};

use connect_views::view::data::{DataSchema, FlowContext, check_data, check_data_text, headline};
use connect_views::view::{Code, Diagnostic, Severity, Template};

use crate::common::{Endpoint, at, cli, example, run, stderr, stdout, temp_dir};

/// The knowledge-center article's view: a List whose item headings are dynamic.
const LIST_VIEW: &str = r#"{
  "Name": "Order list",
  "Actions": ["ActionSelected", "Back"],
  "Template": {
    "Head": {"Title": "Orders", "Configuration": {}},
    "Body": [
      {
        "_id": "List_1724068537123",
        "Type": "ListView",
        "Props": {"Items": [{"Heading": "$.List_1724068537123.Items[0].Heading"}]},
        "Content": []
      }
    ]
  }
}
"#;

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_string()
}

fn json_of(o: &std::process::Output) -> Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}{}", stdout(o), stderr(o)))
}

/// `PATH:LINE:COL: severity[CODE]: headline` lines of a text report.
fn lines(o: &std::process::Output) -> Vec<String> {
    stdout(o)
        .lines()
        .filter(|l| l.contains("error[") || l.contains("warning[") || l.contains("note["))
        .map(str::to_string)
        .collect()
}

#[test]
fn knowledge_center_list_items_heading_schema_matches_the_article() {
    let doc = connect_views::view::ViewDocument::from_text(LIST_VIEW, None).unwrap();
    let schema = DataSchema::derived(&Template::parse(&doc.template).unwrap());
    let scalar =
        json!({"anyOf": [{"type": "string", "pattern": "^$|^(?!\\$\\.).+"}, {"type": "number"}]});
    assert_eq!(
        schema.value,
        json!({
            "type": "object",
            "properties": {"List_1724068537123": {"anyOf": [
                {
                    "type": "object",
                    "properties": {"Items": {
                        "type": "array",
                        "items": {"type": "object", "properties": {"Heading": scalar}}
                    }}
                },
                connect_views::view::schema::integration()
            ]}},
            "required": ["List_1724068537123"],
            "$defs": {"ViewCondition": connect_views::view::schema::view_condition()}
        })
    );
}

#[test]
fn knowledge_center_wrong_shape_fails_at_the_right_pointer_and_the_corrected_one_passes() {
    let dir = temp_dir();
    let view = write(dir.path(), "list.view.json", LIST_VIEW);
    // Two ways people get it wrong: Items as an object, and a heading as an object.
    let wrong =
        "{\n  \"List_1724068537123\": {\n    \"Items\": {\"Heading\": \"Order 1\"}\n  }\n}\n";
    let wrong_path = write(dir.path(), "wrong.json", wrong);
    let out = run(&["check-data", &view, "--data", &wrong_path]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let items = at(wrong, "{\"Heading\"");
    assert_eq!(
        lines(&out),
        vec![format!(
            "{wrong_path}:{}:{}: error[CV080]: input `List_1724068537123` at /Items: must be array",
            items.line, items.column
        )]
    );
    assert!(
        stdout(&out).contains(
            "checked against the input schema derived offline from the template (approximate)"
        ),
        "{}",
        stdout(&out)
    );

    let heading = "{\"List_1724068537123\": {\"Items\": [{\"Heading\": {\"Text\": \"Order 1\"}}]}}";
    let heading_path = write(dir.path(), "heading.json", heading);
    let out = run(&[
        "check-data",
        &view,
        "--data",
        &heading_path,
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let report = json_of(&out);
    let d = &report["checks"][0]["diagnostics"];
    assert_eq!(d.as_array().unwrap().len(), 1, "{d}");
    assert_eq!(d[0]["pointer"], "/List_1724068537123/Items/0/Heading");
    assert_eq!(d[0]["input"], "List_1724068537123");
    assert_eq!(d[0]["message"], "must be string");
    assert_eq!(
        d[0]["note"],
        "expected one of: a string (not a `$.` reference); a number"
    );
    assert_eq!(d[0]["column"], at(heading, "{\"Text\"").column);
    assert_eq!(report["schema"]["approximate"], true);

    let right =
        "{\"List_1724068537123\": {\"Items\": [{\"Heading\": \"Order 1\"}, {\"Heading\": 1042}]}}";
    let right_path = write(dir.path(), "right.json", right);
    let out = run(&["check-data", &view, "--data", &right_path]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(
        stdout(&out).contains("0 errors, 0 warnings"),
        "{}",
        stdout(&out)
    );
}

const FIELDS: &str = r#"{"Head": {"Title": "t", "Configuration": {}}, "Body": [
  {"_id": "root", "Type": "Container", "Props": {}, "Content": [
    {"_id": "h", "Type": "Header", "Props": {"variant": "h2"}, "Content": ["Hello ", "$.CustomerName"]},
    {"_id": "d", "Type": "Dropdown", "Props": {"Name": "reason", "Label": "Reason", "DefaultValue": "$.Reason", "Options": [{"Label": "A", "Value": "a"}]}, "Content": []},
    {"_id": "b", "Type": "AttributeBar", "Props": {"Attributes": [{"Label": "Tier", "Value": "$.Bar.Items[1].Value"}]}, "Content": []}
  ]}
]}"#;

fn fields() -> DataSchema {
    DataSchema::derived(&Template::parse(FIELDS).unwrap())
}

fn findings(data: Value, context: Option<&FlowContext>) -> Vec<Diagnostic> {
    check_data(&fields(), &data, context)
}

fn good() -> Value {
    json!({
        "CustomerName": "Ada",
        "Reason": ["a"],
        "Bar": {"Items": [{"Value": "x"}, {"Value": "Gold"}]}
    })
}

fn only(d: &[Diagnostic]) -> Vec<(Code, Severity, &str)> {
    d.iter()
        .map(|d| (d.code, d.severity, d.pointer.as_str()))
        .collect()
}

#[test]
fn good_data_has_no_findings() {
    assert_eq!(only(&findings(good(), None)), vec![]);
}

#[test]
fn lint_unresolved_reference_fails_and_a_value_passes() {
    let mut data = good();
    data["CustomerName"] = json!("$.CustomerName");
    let d = findings(data, None);
    assert_eq!(
        only(&d),
        vec![(Code::DataReference, Severity::Error, "/CustomerName")],
        "the pattern error at the same place is not repeated"
    );
    assert!(
        d[0].message.contains("not a flow namespace"),
        "{}",
        d[0].message
    );
    let mut data = good();
    data["CustomerName"] = json!("Ada");
    assert_eq!(only(&findings(data, None)), vec![]);
}

#[test]
fn lint_flow_references_are_noted_or_substituted_from_the_context() {
    let mut data = good();
    data["CustomerName"] = json!("$.Customer.FirstName");
    data["Bar"]["Items"][1]["Value"] = json!("$.Attributes.tier");
    let d = findings(data.clone(), None);
    assert_eq!(
        only(&d),
        vec![
            (Code::FlowReference, Severity::Note, "/CustomerName"),
            (Code::FlowReference, Severity::Note, "/Bar/Items/1/Value"),
        ]
    );
    assert_eq!(
        headline(&d[1]),
        "input `Bar` at /Items/1/Value: `$.Attributes.tier` is resolved at run time, not checked"
    );

    let ctx =
        FlowContext::parse(r#"{"Customer": {"FirstName": "Ada"}, "Attributes": {"tier": "Gold"}}"#)
            .unwrap();
    assert_eq!(only(&findings(data.clone(), Some(&ctx))), vec![]);

    // A context value of the wrong shape fails where the reference was.
    let ctx =
        FlowContext::parse(r#"{"Customer": {"FirstName": {"x": 1}}, "Attributes": {}}"#).unwrap();
    let d = findings(data, Some(&ctx));
    assert_eq!(
        only(&d),
        vec![
            (Code::FlowReference, Severity::Warning, "/Bar/Items/1/Value"),
            (Code::DataShape, Severity::Error, "/CustomerName"),
        ]
    );
    assert!(
        d[1].note
            .as_deref()
            .unwrap()
            .ends_with("the value is `$.Customer.FirstName` from the context"),
        "{:?}",
        d[1].note
    );
    assert!(FlowContext::parse(r#"{"Queue": {}}"#).is_err());
}

#[test]
fn lint_empty_strings_fail_and_values_pass() {
    let mut data = good();
    data["Bar"]["Items"][0]["Value"] = json!("");
    assert_eq!(
        only(&findings(data, None)),
        vec![(Code::EmptyString, Severity::Error, "/Bar/Items/0/Value")]
    );
    assert_eq!(only(&findings(good(), None)), vec![]);
}

#[test]
fn lint_payload_over_16_kb_with_contact_attributes() {
    let mut data = good();
    data["CustomerName"] = json!("x".repeat(17_000));
    assert_eq!(
        only(&findings(data, None)),
        vec![(Code::DataTooLarge, Severity::Warning, "")]
    );
    // 15 KB of data passes alone, not with 2 KB of contact attributes.
    let mut data = good();
    data["CustomerName"] = json!("x".repeat(15_000));
    assert_eq!(only(&findings(data.clone(), None)), vec![]);
    let ctx = FlowContext::parse(&format!(
        r#"{{"Attributes": {{"notes": "{}"}}}}"#,
        "y".repeat(2_000)
    ))
    .unwrap();
    let d = findings(data, Some(&ctx));
    assert_eq!(only(&d), vec![(Code::DataTooLarge, Severity::Warning, "")]);
    assert!(
        d[0].message.contains("bytes of contact attributes"),
        "{}",
        d[0].message
    );
}

#[test]
fn lint_dropdown_default_value_as_a_scalar_fails_and_an_array_passes() {
    let mut data = good();
    data["Reason"] = json!("a");
    let d = findings(data, None);
    assert_eq!(
        only(&d),
        vec![(Code::DropdownDefault, Severity::Error, "/Reason")],
        "one finding, not also the schema's `must be array`"
    );
    assert_eq!(d[0].note.as_deref(), Some("write [\"a\"]"));
    assert_eq!(only(&findings(good(), None)), vec![]);
}

#[test]
fn missing_nested_values_and_unused_members_are_warnings() {
    let mut data = good();
    data["Bar"]["Items"] = json!([{"Value": "x"}]);
    data["CustomerNme"] = json!("typo");
    let d = findings(data, None);
    assert_eq!(
        only(&d),
        vec![
            (Code::DataMissing, Severity::Warning, "/Bar/Items/1"),
            (Code::DataUnused, Severity::Warning, "/CustomerNme"),
        ]
    );
    assert_eq!(d[1].note.as_deref(), Some("did you mean `CustomerName`?"));
}

/// A flow export with two Show view blocks: one with a friendly name, one known by the
/// view it shows.
fn flow_text(arn: &str) -> String {
    format!(
        r#"{{
  "Version": "2019-10-30",
  "StartAction": "Show orders",
  "Metadata": {{
    "entryPointPosition": {{"x": 40, "y": 40}},
    "ActionMetadata": {{
      "Show orders": {{"position": {{"x": 200, "y": 40}}, "isFriendlyName": true}},
      "5b0c7c1e-2f7e-4d4c-9a57-2f0a1b9f3c11": {{
        "position": {{"x": 500, "y": 40}},
        "parameters": {{"ViewResource": {{"Id": {{"displayName": "Order list"}}}}}}
      }}
    }}
  }},
  "Actions": [
    {{
      "Identifier": "Show orders",
      "Type": "ShowView",
      "Parameters": {{
        "ViewResource": {{"Id": "{arn}:$LATEST"}},
        "InvocationTimeLimitSeconds": "300",
        "ViewData": {{"List_1724068537123": {{"Items": [{{"Heading": "$.Attributes.firstOrder"}}]}}}}
      }},
      "Transitions": {{"Errors": [{{"ErrorType": "NoMatchingError"}}]}}
    }},
    {{
      "Identifier": "5b0c7c1e-2f7e-4d4c-9a57-2f0a1b9f3c11",
      "Type": "ShowView",
      "Parameters": {{
        "ViewResource": {{"Id": "{arn}:$LATEST"}},
        "ViewData": {{"List_1724068537123": {{"Items": {{"Heading": "Order 1"}}}}}}
      }},
      "Transitions": {{}}
    }},
    {{"Identifier": "end", "Type": "DisconnectParticipant", "Parameters": {{}}, "Transitions": {{}}}}
  ]
}}
"#
    )
}

#[test]
fn flow_with_two_show_view_blocks_checks_the_one_chosen() {
    let dir = temp_dir();
    let view = write(dir.path(), "list.view.json", LIST_VIEW);
    let text = flow_text("arn:aws:connect:us-east-1:111122223333:instance/i/view/v");
    let flow = write(dir.path(), "flow.json", &text);

    let out = run(&["check-data", &view, "--flow", &flow]);
    assert_eq!(out.status.code(), Some(2));
    let e = stderr(&out);
    assert!(
        e.contains("has 2 Show view blocks; choose one with --block"),
        "{e}"
    );
    assert!(e.contains("Show orders"), "{e}");
    assert!(
        e.contains("5b0c7c1e-2f7e-4d4c-9a57-2f0a1b9f3c11 (Order list)"),
        "{e}"
    );

    // By friendly name: the flow reference is left to run time.
    let out = run(&[
        "check-data",
        &view,
        "--flow",
        &flow,
        "--block",
        "Show orders",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let reference = at(&text, "\"$.Attributes.firstOrder\"");
    assert_eq!(
        lines(&out),
        vec![format!(
            "{flow}:{}:{}: note[CV082]: input `List_1724068537123` at /Items/0/Heading: `$.Attributes.firstOrder` is resolved at run time, not checked",
            reference.line, reference.column
        )]
    );
    // ...and checked once the context gives it a value.
    let ctx = write(
        dir.path(),
        "ctx.json",
        r#"{"Attributes": {"firstOrder": "Order 7"}}"#,
    );
    let out = run(&[
        "check-data",
        &view,
        "--flow",
        &flow,
        "--block",
        "Show orders",
        "--context",
        &ctx,
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(lines(&out), Vec::<String>::new());

    // By the name of the view it shows: the wrong shape, located in the flow file.
    let out = run(&[
        "check-data",
        &view,
        "--flow",
        &flow,
        "--block",
        "Order list",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let items = at(&text, "{\"Heading\": \"Order 1\"}");
    assert_eq!(
        lines(&out),
        vec![format!(
            "{flow}:{}:{}: error[CV080]: input `List_1724068537123` at /Items: must be array",
            items.line, items.column
        )]
    );

    let out = run(&["check-data", &view, "--flow", &flow, "--block", "Nope"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no Show view block is named `Nope`"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn remote_view_uses_the_service_schema_through_the_local_endpoint() {
    let ep = Endpoint::start().await;
    let url = ep.url();
    let dir = temp_dir();
    let view = write(dir.path(), "list.view.json", LIST_VIEW);
    let out = cli(&url, &["push", &view, "--publish"]).await;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let described = json_of(&cli(&url, &["describe", "Order list", "--output", "json"]).await);
    let arn = described["view"]["arn"]
        .as_str()
        .unwrap_or_else(|| panic!("{described}"))
        .to_string();

    let wrong = write(
        dir.path(),
        "wrong.json",
        r#"{"List_1724068537123": {"Items": {"Heading": "Order 1"}}}"#,
    );
    let out = cli(
        &url,
        &[
            "check-data",
            "--remote",
            "Order list:$SAVED",
            "--data",
            &wrong,
        ],
    )
    .await;
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    let o = stdout(&out);
    assert!(
        o.contains(
            "checked against the service's input schema for \"Order list\" (Order list:$SAVED)"
        ),
        "{o}"
    );
    assert!(!o.contains("approximate"), "{o}");
    assert!(
        o.contains("input `List_1724068537123` at /Items: must be array"),
        "{o}"
    );

    let out = cli(
        &url,
        &[
            "check-data",
            "--remote",
            "Order list:$SAVED",
            "--data",
            &wrong,
            "--format",
            "json",
        ],
    )
    .await;
    let report = json_of(&out);
    assert_eq!(report["schema"]["source"], "service");
    assert_eq!(report["schema"]["approximate"], false);

    // A flow block names its view: no VIEW needed, the instance's schema is used.
    let flow = write(dir.path(), "flow.json", &flow_text(&arn));
    let out = cli(
        &url,
        &["check-data", "--flow", &flow, "--block", "Order list"],
    )
    .await;
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    assert!(
        stdout(&out).contains("the service's input schema"),
        "{}",
        stdout(&out)
    );

    // A block that shows another view than the one checked against says so.
    let other = write(
        dir.path(),
        "other.json",
        &flow_text("arn:aws:connect:us-east-1:111122223333:instance/i/view/other"),
    );
    let out = cli(
        &url,
        &[
            "check-data",
            "--remote",
            "Order list",
            "--flow",
            &other,
            "--block",
            "Show orders",
        ],
    )
    .await;
    assert!(
        stderr(&out).contains("warning: the block shows arn:aws:connect:us-east-1:111122223333:instance/i/view/other:$LATEST, but the data is checked against"),
        "{}",
        stderr(&out)
    );
    let out = cli(
        &url,
        &[
            "check-data",
            "--remote",
            "Order list",
            "--flow",
            &flow,
            "--block",
            "Show orders",
        ],
    )
    .await;
    assert!(!stderr(&out).contains("warning"), "{}", stderr(&out));

    // The skeleton's action references the view qualified :$LATEST.
    let out = cli(&url, &["skeleton", &view, "--part", "action"]).await;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let action = json_of(&out);
    assert_eq!(action["Type"], "ShowView");
    assert_eq!(
        action["Parameters"]["ViewResource"]["Id"],
        format!("{arn}:$LATEST")
    );
    let errors: Vec<&str> = action["Transitions"]["Errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["ErrorType"].as_str().unwrap())
        .collect();
    assert_eq!(
        errors,
        [
            "NoMatchingCondition",
            "NoMatchingError",
            "TimeLimitExceeded"
        ]
    );
    let conditions: Vec<&Value> = action["Transitions"]["Conditions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| &c["Condition"]["Operands"][0])
        .collect();
    assert_eq!(conditions, [&json!("ActionSelected"), &json!("Back")]);
    assert_eq!(
        action["Parameters"]["ViewData"],
        json!({"List_1724068537123": {"Items": [{"Heading": "Heading"}]}})
    );
}

#[test]
fn skeletons_of_every_example_pass_their_own_check() {
    let dir = temp_dir();
    for file in crate::common::examples() {
        let f = file.to_str().unwrap();
        let out = run(&["skeleton", f, "--part", "data"]);
        assert_eq!(out.status.code(), Some(0), "{f}: {}", stderr(&out));
        let data = write(dir.path(), "skeleton.json", &stdout(&out));
        let out = run(&["check-data", f, "--data", &data]);
        assert_eq!(out.status.code(), Some(0), "{f}: {}", stdout(&out));
        assert!(
            stdout(&out).contains(": 0 errors, 0 warnings"),
            "{f}: {}",
            stdout(&out)
        );
    }
}

#[test]
fn a_skeleton_of_a_view_with_errors_is_its_errors_and_exit_1() {
    let dir = temp_dir();
    // Buton parses, so a skeleton of it used to be printed ({} for what it could read).
    let text = crate::common::in_container(
        "[]",
        r#"{"_id": "b", "Type": "Buton", "Props": {}, "Content": ["$.Order.Id"]}"#,
    );
    let view = write(dir.path(), "bad.view.json", &text);
    for part in ["data", "action", "both"] {
        let out = run(&["skeleton", &view, "--part", part, "--view-arn", "arn:x"]);
        assert_eq!(out.status.code(), Some(1), "{part}: {}", stdout(&out));
        assert_eq!(stdout(&out), "", "{part}: nothing on stdout");
        let e = stderr(&out);
        let pos = at(&text, "\"Buton\"");
        assert!(
            e.contains(&format!(
                "bad.view.json:{}:{}: error[CV040]",
                pos.line, pos.column
            )),
            "{e}"
        );
        assert!(e.contains("did you mean \"Button\""), "{e}");
        assert!(e.contains("has 1 error the service would refuse"), "{e}");
    }
    // Fixed, it prints the skeleton.
    let view = write(
        dir.path(),
        "good.view.json",
        &text.replace("Buton", "Button"),
    );
    let out = run(&["skeleton", &view, "--part", "data"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let data: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(data["Order"]["Id"].is_string(), "{data}");
}

#[test]
fn sample_data_sets_in_the_view_file_are_checked_and_never_exported() {
    let dir = temp_dir();
    let text = LIST_VIEW.replacen(
        "  \"Template\"",
        "  \"SampleData\": {\n    \"good\": {\"List_1724068537123\": {\"Items\": [{\"Heading\": \"A\"}]}},\n    \"bad\": {\"List_1724068537123\": {\"Items\": [{\"Heading\": \"\"}]}}\n  },\n  \"Template\"",
        1,
    );
    let view = write(dir.path(), "list.view.json", &text);
    let out = run(&["check-data", &view]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let o = stdout(&out);
    assert!(o.contains("SampleData `good`: 0 errors, 0 warnings"), "{o}");
    assert!(o.contains("SampleData `bad`: 1 error, 0 warnings"), "{o}");
    let empty = at(&text, "\"\"}]}}");
    assert_eq!(
        lines(&out),
        vec![format!(
            "{view}:{}:{}: error[CV083]: input `List_1724068537123` at /Items/0/Heading: empty string",
            empty.line, empty.column
        )]
    );
    let out = run(&["check-data", &view, "--set", "good"]);
    assert_eq!(out.status.code(), Some(0));
    let out = run(&["check-data", &view, "--set", "other"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("has no SampleData set `other`; it has: good, bad"));

    let out = run(&["export", &view]);
    assert_eq!(out.status.code(), Some(0));
    assert!(!stdout(&out).contains("SampleData"), "{}", stdout(&out));

    // No data anywhere is a usage error that says what to give.
    let out = run(&[
        "check-data",
        example("order-cards.view.json").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("has no SampleData sets"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn bad_data_files_say_where() {
    let dir = temp_dir();
    let view = write(dir.path(), "list.view.json", LIST_VIEW);
    let data = write(
        dir.path(),
        "broken.json",
        "{\n  \"List_1724068537123\": {,}\n}",
    );
    let out = run(&["check-data", &view, "--data", &data]);
    assert_eq!(out.status.code(), Some(1));
    let l = lines(&out);
    assert!(l[0].starts_with(&format!("{data}:2:")), "{l:?}");
    assert!(l[0].contains("error[CV001]"), "{l:?}");

    let ctx = write(dir.path(), "ctx.json", "{\"Queue\": {}}");
    let out = run(&["check-data", &view, "--data", &data, "--context", &ctx]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("`Queue` is not a namespace a context can fill"));

    // Deeper than serde_json reads: an error, not a silent pass.
    let deep = write(
        dir.path(),
        "deep.json",
        &format!("{{\"x\": {}{}}}", "[".repeat(200), "]".repeat(200)),
    );
    let out = run(&["check-data", &view, "--data", &deep]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(stdout(&out).contains("error[CV005]"), "{}", stdout(&out));

    let out = run(&["check-data", &view, "--data", "/nonexistent/data.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("cannot read the data file /nonexistent/data.json"));
}

#[test]
fn every_data_code_is_produced() {
    let mut seen: Vec<Code> = Vec::new();
    let ctx = FlowContext::parse(r#"{"Attributes": {}}"#).unwrap();
    let cases = [
        json!({"CustomerName": {"x": 1}, "Reason": ["a"], "Bar": {"Items": [{}, {"Value": "v"}]}}),
        json!({"CustomerName": "$.CustomerName", "Reason": "a", "Bar": {"Items": [{"Value": ""}]}, "Extra": 1}),
        json!({"CustomerName": "$.Attributes.x", "Reason": ["a"], "Bar": {"Items": []}}),
        json!({"CustomerName": "x".repeat(20_000), "Reason": ["a"], "Bar": {}}),
    ];
    for (i, data) in cases.into_iter().enumerate() {
        let context = (i == 2).then_some(&ctx);
        seen.extend(findings(data.clone(), None).iter().map(|d| d.code));
        seen.extend(findings(data, context).iter().map(|d| d.code));
    }
    seen.extend(check_data_text(FIELDS, "  ").iter().map(|d| d.code));
    let missing: Vec<&str> = Code::ALL
        .iter()
        .filter(|c| c.as_str().starts_with("CV08") && !seen.contains(c))
        .map(|c| c.as_str())
        .collect();
    assert!(missing.is_empty(), "data codes never produced: {missing:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn aws_managed_views_have_their_documented_inputs() {
    let ep = Endpoint::start().await;
    let url = ep.url();
    let dir = temp_dir();
    let list = "arn:aws:connect:us-east-1:aws:view/list";
    let wrong_text = r#"{"Heading": "Orders", "Items": {"Heading": "Order 1"}}"#;
    let wrong = write(dir.path(), "wrong.json", wrong_text);
    let out = cli(&url, &["check-data", "--remote", list, "--data", &wrong]).await;
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    let items = at(wrong_text, "{\"Heading\": \"Order 1\"}");
    assert_eq!(
        lines(&out),
        vec![format!(
            "{wrong}:{}:{}: error[CV080]: input `Items`: must be array",
            items.line, items.column
        )]
    );
    let right = write(
        dir.path(),
        "right.json",
        r#"{"Heading": "Orders", "Items": [{"Heading": "Order 1", "Id": "o-1"}]}"#,
    );
    let out = cli(&url, &["check-data", "--remote", list, "--data", &right]).await;
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert_eq!(lines(&out), Vec::<String>::new(), "no member is 'unused'");

    // Every managed view's skeleton passes its own check.
    for view in [
        "cards",
        "detail",
        "list",
        "form",
        "confirmation",
        "after-contact-work",
    ] {
        let arn = format!("arn:aws:connect:us-east-1:aws:view/{view}");
        let out = cli(&url, &["skeleton", "--remote", &arn, "--part", "data"]).await;
        assert_eq!(out.status.code(), Some(0), "{view}: {}", stderr(&out));
        let data = write(dir.path(), "skeleton.json", &stdout(&out));
        let out = cli(&url, &["check-data", "--remote", &arn, "--data", &data]).await;
        assert_eq!(out.status.code(), Some(0), "{view}: {}", stdout(&out));
        assert_eq!(lines(&out), Vec::<String>::new(), "{view}");
    }
    // Cards need an Id and a Heading in each summary.
    let cards = write(
        dir.path(),
        "cards.json",
        r#"{"Cards": [{"Summary": {"Heading": "Refunds"}}]}"#,
    );
    let out = cli(
        &url,
        &[
            "check-data",
            "--remote",
            "arn:aws:connect:us-east-1:aws:view/cards",
            "--data",
            &cards,
        ],
    )
    .await;
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("input `Cards` at /0/Summary/Id: must have required property 'Id'"),
        "{}",
        stdout(&out)
    );
}

/// A reference that is one item of a Dropdown's DefaultValue array is one value (AWS's own
/// After contact work view writes `"DefaultValue": ["$.Category_DefaultValue"]`); only a
/// reference that is the whole DefaultValue must be an array (CV085).
#[test]
fn a_reference_inside_a_dropdown_default_array_is_one_value() {
    use connect_views::view::Code;
    let template = |default: &str| {
        format!(
            r#"{{"Head": {{"Title": "T", "Configuration": {{}}}}, "Body": [{{"_id": "c", "Type": "Container", "Props": {{}}, "Content": [
              {{"_id": "d", "Type": "Dropdown", "Props": {{"Name": "reason", "Label": "Reason", "Options": [{{"Label": "Billing", "Value": "billing"}}], "DefaultValue": {default}}}, "Content": []}}]}}]}}"#
        )
    };
    let codes = |default: &str| -> Vec<Code> {
        connect_views::view::data::check_data_text(&template(default), r#"{"Reason": "billing"}"#)
            .into_iter()
            .map(|d| d.code)
            .collect()
    };
    assert!(!codes(r#"["$.Reason"]"#).contains(&Code::DropdownDefault));
    assert!(codes(r#""$.Reason""#).contains(&Code::DropdownDefault));
}
