//! The preview: every catalogue type drawn (a snapshot), column layouts, UI conditions,
//! a press per interactive type with the ViewResultData it yields, and the headless
//! `preview` command's text and JSON.

use serde_json::{Value, json};

use connect_views::view::Catalog;
use connect_views::view::preview::{
    self, FieldValue, HotKind, Layout, PreviewState, Resolver, Role,
};
use connect_views::view::tree::Tree;

use crate::common::{example, run, stderr, stdout, temp_dir};

fn template(body: &str) -> String {
    format!(r#"{{"Head": {{"Title": "T", "Configuration": {{}}}}, "Body": [{body}]}}"#)
}

fn draw(tree: &Tree, data: &Value, state: &PreviewState, width: usize) -> Layout {
    preview::layout(tree, data, state, width)
}

fn text(layout: &Layout) -> String {
    preview::to_plain(layout)
}

/// The props a type needs to show what it is (others are drawn from what they have).
fn sample_props(ty: &str) -> Value {
    match ty {
        "Container" => json!({"header": "Box"}),
        "Section" => json!({"Heading": "Part"}),
        "Header" => json!({"variant": "h1", "description": "more"}),
        "Alert" => json!({"type": "warning", "heading": "Careful", "dismissible": true}),
        "Card" => json!({"Id": "c", "Heading": "Choose me", "Status": "new", "Action": "Pick"}),
        "Button" => json!({"Action": "Go", "Variant": "primary"}),
        "SubmitButton" => json!({"Label": "Send", "Action": "Send"}),
        "ButtonGroup" => {
            json!({"Items": [{"Label": "A", "Action": "A"}, {"Label": "B", "Action": "B", "Variant": "primary"}]})
        }
        "ConnectAction" => json!({"Label": "Chat"}),
        "AttributeBar" => {
            json!({"Attributes": [{"Label": "Name", "Value": "Jane", "Copyable": true}, {"Label": "Site", "Value": "crm", "Url": "https://x"}]})
        }
        "AttributeSection" => {
            json!({"Heading": "Facts", "Columns": 2, "Items": [{"Label": "A", "Value": "1"}, {"Label": "B", "Value": "2"}]})
        }
        "FormInput" => {
            json!({"Name": "n", "Label": "Name", "HelperText": "as on the card", "DefaultValue": "Jane"})
        }
        "TextArea" => {
            json!({"Name": "t", "Label": "Notes", "MaxLength": 100, "DefaultValue": "hello"})
        }
        "Dropdown" => {
            json!({"Name": "d", "Label": "Pick", "Options": [{"Label": "One", "Value": "1"}, {"Label": "Two", "Value": "2"}], "DefaultValue": ["2"]})
        }
        "RadioGroup" | "CheckboxGroup" => {
            json!({"Name": "g", "Label": "Which", "Options": [{"Label": "Yes", "Value": "y"}, {"Label": "No", "Value": "n"}], "DefaultValue": "y"})
        }
        "DatePicker" => json!({"Name": "day", "Label": "Day"}),
        "TimePicker" => json!({"Name": "at", "Label": "At", "DefaultValue": "14:30:00"}),
        "Toggle" => json!({"Name": "on", "Label": "Survey", "DefaultValue": true}),
        "Table" => {
            json!({"Header": "Rows", "Columns": [{"Label": "Id", "Id": "id"}, {"Label": "Qty", "Id": "q", "Type": "number"}, {"Label": "", "Id": "go", "Type": "action"}], "Items": [{"id": "a", "q": 2, "go": "Open"}]})
        }
        "Link" => json!({"Type": "external", "Url": "https://x"}),
        "Icon" => json!({"Name": "Headset"}),
        "Image" => json!({"Src": "x.png", "Alt": "logo"}),
        "Application" => json!({"AppIdentifier": "app", "Path": "/p"}),
        "HTMLBox" | "TemplateStringComponent" => {
            json!({"TemplateString": "<ul><li>one</li><li>two</li></ul>"})
        }
        "TextBox" => json!({"Variant": "h3"}),
        _ => json!({}),
    }
}

fn sample_content(ty: &str) -> Value {
    match ty {
        "Button" | "Link" | "TextBox" | "Header" | "TextContent" => json!(["Label text"]),
        "Container" | "Section" | "Form" | "Alert" | "ExpandableSection" => {
            json!([{"_id": "inner", "Type": "TextBox", "Props": {}, "Content": ["inside"]}])
        }
        _ => json!([]),
    }
}

#[test]
fn every_catalogue_type_is_drawn() {
    let mut all = String::new();
    let catalog = Catalog::builtin();
    for ty in catalog.components.keys() {
        let node = json!({"_id": "x", "Type": ty, "Props": sample_props(ty), "Content": sample_content(ty)});
        let text_ = template(&node.to_string());
        let tree = Tree::parse(&text_).unwrap();
        let layout = draw(&tree, &Value::Null, &PreviewState::default(), 60);
        let id = tree.by_id("x").unwrap();
        let lines = layout
            .lines_of(id)
            .unwrap_or_else(|| panic!("{ty} is not drawn"));
        assert!(!lines.is_empty(), "{ty} is drawn on no line");
        let drawn: String = layout.lines[lines.clone()]
            .iter()
            .map(|l| l.text())
            .collect();
        assert!(!drawn.trim().is_empty(), "{ty} draws nothing");
        for l in &layout.lines {
            assert_eq!(
                l.width(),
                60,
                "{ty}: a line of another width: {:?}",
                l.text()
            );
        }
        let unrendered = layout
            .lines
            .iter()
            .flat_map(|l| l.spans())
            .any(|s| s.role == Role::Unrendered);
        if unrendered {
            assert!(
                drawn.contains(ty.as_str()),
                "{ty}'s placeholder names it:\n{drawn}"
            );
        }
        all.push_str(&format!("== {ty}\n{}", text(&layout)));
    }
    insta::assert_snapshot!("preview_catalogue", all);
}

#[test]
fn roles_mark_what_matters_without_colour() {
    let tree = Tree::parse(&template(
        r#"{"_id": "b", "Type": "Button", "Props": {"Action": "Go", "Variant": "primary"}, "Content": ["$.Label"]},
           {"_id": "t", "Type": "TextBox", "Props": {}, "Content": ["$.Who"]}"#,
    ))
    .unwrap();
    let data = json!({"Who": "Jane"});
    let layout = draw(&tree, &data, &PreviewState::default(), 40);
    let spans: Vec<_> = layout
        .lines
        .iter()
        .flat_map(|l| l.spans().to_vec())
        .collect();
    assert!(
        spans
            .iter()
            .any(|s| s.text.contains("‹$.Label›") && s.role == Role::Unfilled),
        "{spans:?}"
    );
    assert!(
        spans
            .iter()
            .any(|s| s.text == "Jane" && s.role == Role::Filled),
        "{spans:?}"
    );
    assert!(
        spans
            .iter()
            .any(|s| s.text.starts_with("[▶") && s.role == Role::Primary)
    );
    // Each role has an escape that is a modifier, not only a colour.
    let ansi = preview::to_ansi(&layout);
    assert!(ansi.contains("\x1b[3;33m‹$.Label›"), "{ansi:?}");
    assert!(ansi.contains("\x1b[1;7m[▶ "), "{ansi:?}");
}

#[test]
fn columns_follow_head_and_containers_and_stack_when_narrow() {
    let tree = Tree::parse(
        r#"{"Head": {"Title": "", "Configuration": {"Layout": {"Columns": ["10", "2"]}}}, "Body": [
          {"_id": "a", "Type": "TextBox", "Props": {}, "Content": ["left side text"]},
          {"_id": "b", "Type": "Button", "Props": {"Action": "Go"}, "Content": ["Go"]},
          {"_id": "c", "Type": "Container", "Props": {}, "Configuration": {"Layout": {"Columns": "6"}}, "Content": [
            {"_id": "c1", "Type": "TextBox", "Props": {}, "Content": ["one"]},
            {"_id": "c2", "Type": "TextBox", "Props": {}, "Content": ["two"]},
            {"_id": "c3", "Type": "TextBox", "Props": {}, "Content": ["three"]}
          ]}
        ]}"#,
    )
    .unwrap();
    let layout = draw(&tree, &Value::Null, &PreviewState::default(), 80);
    let t = text(&layout);
    let first = t.lines().next().unwrap();
    // 10 of 12 columns and 2 of 12, one column apart.
    assert!(first.starts_with("left side text"), "{t}");
    let go = first.find("[ Go ]").expect("the button beside the text");
    assert_eq!(go, 67, "{t}");
    // "6" gives every child half the row: one and two side by side, three below.
    let row = t.lines().find(|l| l.contains("one")).unwrap();
    assert!(row.contains("two"), "{t}");
    assert!(!row.contains("three"), "{t}");
    // At 20 columns the 2-column child would be narrower than 8: stacked.
    let narrow = text(&draw(&tree, &Value::Null, &PreviewState::default(), 20));
    let l0 = narrow.lines().next().unwrap();
    assert!(!l0.contains("Go"), "{narrow}");
    assert!(narrow.contains("[ Go ]"), "{narrow}");
}

#[test]
fn ui_conditions_hide_and_show_as_fields_change() {
    let tree = Tree::parse(&template(
        r#"{"_id": "reason", "Type": "Dropdown", "Props": {"Name": "Reason", "Label": "Reason", "Options": [{"Label": "Billing", "Value": "billing"}, {"Label": "Other", "Value": "other"}], "DefaultValue": ["billing"]}},
           {"_id": "detail", "Type": "TextArea", "Props": {"Name": "Detail", "Label": "Tell us more", "Visibility": {"Conditions": [{"Equals": {"ElementByKey": "Reason", "ElementByValue": "other"}}]}}},
           {"_id": "never", "Type": "TextBox", "Props": {"Visibility": false}, "Content": ["hidden"]}"#,
    ))
    .unwrap();
    let data = Value::Null;
    let r = Resolver {
        tree: &tree,
        data: &data,
    };
    let mut state = PreviewState::default();
    let layout = draw(&tree, &data, &state, 50);
    assert!(!text(&layout).contains("Tell us more"));
    assert!(!text(&layout).contains("hidden"));
    assert_eq!(layout.lines_of(tree.by_id("detail").unwrap()), None);
    // Enter on the dropdown steps to the next option: "other" shows the text area.
    let at = layout.find(&tree, "reason").unwrap();
    assert_eq!(layout.hotspots[at].kind, HotKind::Choice);
    state.cycle(&r, tree.by_id("reason").unwrap(), true);
    let layout = draw(&tree, &data, &state, 50);
    assert!(text(&layout).contains("Tell us more"), "{}", text(&layout));
    assert!(text(&layout).contains("[ Other"), "{}", text(&layout));
    state.cycle(&r, tree.by_id("reason").unwrap(), true);
    assert!(!text(&draw(&tree, &data, &state, 50)).contains("Tell us more"));
}

/// Presses `spec` and returns (action, branch, ViewResultData, paths).
fn press(tree: &Tree, state: &PreviewState, actions: &[&str], spec: &str) -> preview::Pressed {
    let data = Value::Null;
    let layout = draw(tree, &data, state, 70);
    let at = layout
        .find(tree, spec)
        .unwrap_or_else(|| panic!("nothing at {spec}:\n{}", text(&layout)));
    let actions: Vec<String> = actions.iter().map(|a| a.to_string()).collect();
    preview::press(
        &Resolver { tree, data: &data },
        state,
        &actions,
        &layout.hotspots[at],
    )
    .expect("it raises")
}

const FORM: &str = r#"{"_id": "form", "Type": "Form", "Props": {}, "Content": [
  {"_id": "name", "Type": "FormInput", "Props": {"Name": "Name", "Label": "Name", "Required": true}},
  {"_id": "email", "Type": "FormInput", "Props": {"Name": "Email", "Label": "Email", "ValidationPattern": "[^@]+@[^@]+"}},
  {"_id": "notes", "Type": "TextArea", "Props": {"Name": "Notes", "Label": "Notes", "MaxLength": 5}},
  {"_id": "reason", "Type": "Dropdown", "Props": {"Name": "Reason", "Label": "Reason", "Options": [{"Label": "Billing", "Value": "Billing"}, {"Label": "Other", "Value": "Other"}], "DefaultValue": ["Billing"]}},
  {"_id": "extras", "Type": "CheckboxGroup", "Props": {"Name": "Extras", "Label": "Extras", "Options": [{"Label": "GPS", "Value": "gps"}, {"Label": "Seat", "Value": "seat"}]}},
  {"_id": "car", "Type": "RadioGroup", "Props": {"Name": "Car", "Label": "Car", "Options": [{"Label": "Small", "Value": "small"}, {"Label": "Big", "Value": "big"}]}},
  {"_id": "day", "Type": "DatePicker", "Props": {"Name": "Day", "Label": "Day", "DefaultValue": "2026-12-24"}},
  {"_id": "time", "Type": "TimePicker", "Props": {"Name": "Time", "Label": "Time"}},
  {"_id": "survey", "Type": "Toggle", "Props": {"Name": "Survey", "Label": "Survey"}},
  {"_id": "buttons", "Type": "ButtonGroup", "Props": {"Items": [
    {"Label": "Cancel", "Action": "Cancel", "FormAction": "none"},
    {"Label": "Send", "Action": "Send", "Variant": "primary", "FormAction": "submit"}]}}
]},
{"_id": "submit", "Type": "SubmitButton", "Props": {"Label": "Send too", "Action": "Send"}},
{"_id": "card", "Type": "Card", "Props": {"Id": "c1", "Heading": "A card", "Action": "CardSelected"}},
{"_id": "skip", "Type": "Button", "Props": {"Action": "Skip"}, "Content": ["Skip"]},
{"_id": "rows", "Type": "Table", "Props": {"Name": "PatientTable", "Columns": [{"Label": "Id", "Id": "pat_id"}, {"Label": "", "Id": "open", "Type": "action"}], "Items": [{"pat_id": "p1", "open": "Open"}, {"pat_id": "p2", "open": "Open"}]}},
{"_id": "plain", "Type": "Table", "Props": {"TableAction": "Picked", "Columns": [{"Label": "", "Id": "go", "Type": "action"}], "Items": [{"go": "x"}]}},
{"_id": "widget", "Type": "ConnectAction", "Props": {"Label": "Chat"}}"#;

#[test]
fn a_press_of_each_kind_yields_what_the_flow_reads() {
    let tree = Tree::parse(&template(FORM)).unwrap();
    let data = Value::Null;
    let r = Resolver {
        tree: &tree,
        data: &data,
    };
    let actions = [
        "Cancel",
        "Send",
        "CardSelected",
        "Skip",
        "TableAction",
        "ActionSelected",
    ];
    let mut state = PreviewState::default();

    // A submit with a required field empty, a pattern and a length broken: field errors,
    // no branch.
    state.set(
        &tree,
        tree.by_id("email").unwrap(),
        FieldValue::Text("nope".into()),
    );
    state.set(
        &tree,
        tree.by_id("notes").unwrap(),
        FieldValue::Text("too long".into()),
    );
    let p = press(&tree, &state, &actions, "buttons/1");
    assert_eq!(p.action, None);
    assert_eq!(p.branch, None);
    let errors: Vec<(&str, &str)> = p
        .errors
        .iter()
        .map(|e| (e.name.as_str(), e.message.as_str()))
        .collect();
    assert_eq!(
        errors,
        [
            ("Name", "This field is required"),
            ("Email", "Does not match the required pattern [^@]+@[^@]+"),
            ("Notes", "Enter at most 5 characters"),
        ]
    );
    // Shown beside the fields, as the workspace would.
    state.set_errors(&tree, &p.errors);
    let shown = text(&draw(&tree, &data, &state, 70));
    assert!(shown.contains("⚠ This field is required"), "{shown}");

    // Fixed, the submit sends every field under its Name.
    state.set(
        &tree,
        tree.by_id("name").unwrap(),
        FieldValue::Text("Jane".into()),
    );
    state.set(
        &tree,
        tree.by_id("email").unwrap(),
        FieldValue::Text("j@x".into()),
    );
    state.set(
        &tree,
        tree.by_id("notes").unwrap(),
        FieldValue::Text("ok".into()),
    );
    state.choose(&r, tree.by_id("extras").unwrap(), 1);
    state.choose(&r, tree.by_id("extras").unwrap(), 0);
    state.choose(&r, tree.by_id("car").unwrap(), 1);
    state.toggle(&r, tree.by_id("survey").unwrap());
    let p = press(&tree, &state, &actions, "buttons/1");
    assert!(p.errors.is_empty(), "{:?}", p.errors);
    assert_eq!(p.action.as_deref(), Some("Send"));
    assert_eq!(p.branch.as_deref(), Some("Send"));
    assert_eq!(
        p.view_result_data,
        json!({"Name": "Jane", "Email": "j@x", "Notes": "ok", "Reason": ["Billing"],
               "Extras": ["gps", "seat"], "Car": "big", "Day": "2026-12-24", "Time": "",
               "Survey": [true]})
    );
    let path = |p: &preview::Pressed, k: &str| {
        p.paths.iter().find(|(x, _)| x == k).map(|(_, v)| v.clone())
    };
    assert_eq!(path(&p, "$.Views.Action").as_deref(), Some("Send"));
    assert_eq!(
        path(&p, "$.Views.ViewResultData.Reason.0").as_deref(),
        Some("Billing")
    );
    assert_eq!(
        path(&p, "$.Views.ViewResultData.Extras.1").as_deref(),
        Some("seat")
    );
    assert_eq!(
        path(&p, "$.Views.ViewResultData.Survey.0").as_deref(),
        Some("true")
    );

    // A SubmitButton outside the form sends every field of the view, the tables' rows too.
    let p = press(&tree, &state, &actions, "submit");
    assert_eq!(p.action.as_deref(), Some("Send"));
    assert_eq!(p.view_result_data["PatientTable"][1]["pat_id"], "p2");

    // A non-submit item, a card, a plain button.
    let p = press(&tree, &state, &actions, "buttons/0");
    assert_eq!(
        (p.action.as_deref(), p.view_result_data.clone()),
        (Some("Cancel"), json!({"action": "Button"}))
    );
    let p = press(&tree, &state, &actions, "card");
    assert_eq!(p.branch.as_deref(), Some("CardSelected"));
    assert_eq!(p.view_result_data, json!({"Heading": "A card", "Id": "c1"}));
    let p = press(&tree, &state, &actions, "skip");
    assert_eq!(p.action.as_deref(), Some("Skip"));

    // A table row: TableAction by default, the row positionally under the table's Name.
    let p = press(&tree, &state, &actions, "rows/1");
    assert_eq!(p.action.as_deref(), Some("TableAction"));
    assert_eq!(
        p.view_result_data,
        json!({"PatientTable": [{"pat_id": "p2", "open": "Open"}]})
    );
    assert_eq!(
        path(&p, "$.Views.ViewResultData.PatientTable.0.pat_id").as_deref(),
        Some("p2")
    );
    // An unnamed table is TableName; its own TableAction is not declared: NoMatchingCondition.
    let p = press(&tree, &state, &actions, "plain/0");
    assert_eq!(p.action.as_deref(), Some("Picked"));
    assert_eq!(p.branch.as_deref(), Some("NoMatchingCondition"));
    assert!(p.view_result_data.get("TableName").is_some());
    assert!(
        p.notes
            .iter()
            .any(|n| n.contains("\"Picked\" is not in the view's Actions"))
    );
    let p = press(&tree, &state, &actions, "widget");
    assert_eq!(p.branch.as_deref(), Some("ActionSelected"));

    // Fields raise nothing.
    let layout = draw(&tree, &data, &state, 70);
    let at = layout.find(&tree, "name").unwrap();
    assert!(preview::press(&r, &state, &[], &layout.hotspots[at]).is_none());
}

#[test]
fn focus_order_is_reading_order() {
    let tree = Tree::parse(&template(FORM)).unwrap();
    let layout = draw(&tree, &Value::Null, &PreviewState::default(), 70);
    let mut last = (0, 0);
    for h in &layout.hotspots {
        assert!((h.line, h.cols.start) >= last, "{:?}", layout.hotspots);
        last = (h.line, h.cols.start);
    }
    let ids: Vec<&str> = layout
        .hotspots
        .iter()
        .map(|h| tree.get(h.node).id.as_deref().unwrap())
        .collect();
    assert_eq!(ids.first(), Some(&"name"));
    assert!(ids.contains(&"rows") && ids.contains(&"widget"), "{ids:?}");
}

#[test]
fn the_preview_command_draws_and_presses() {
    let f = example("order-cards.view.json");
    let f = f.to_str().unwrap();
    let out = run(&["preview", f, "--width", "60", "--color", "never"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let o = stdout(&out);
    assert!(o.contains("‹$.OrderSummary›"), "{o}");
    assert!(o.lines().all(|l| unicode_width(l) <= 60), "{o}");
    let always = stdout(&run(&["preview", f, "--color", "always"]));
    assert!(
        always.contains("\x1b["),
        "--color always colours even into a pipe"
    );
    assert!(!o.contains("\x1b["), "--color never does not");

    let out = run(&["preview", f, "--press", "reship_card"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["action"], "Reship");
    assert_eq!(v["viewResultData"]["Id"], "reship");
    assert_eq!(
        v["paths"]["$.Views.ViewResultData.Heading"],
        "Ship it again"
    );

    let out = run(&["preview", f, "--press", "missing"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("pressable: refund_card, reship_card, skip_button"));

    // A form: refused until the required field is given.
    let form = example("callback-form.view.json");
    let form = form.to_str().unwrap();
    let out = run(&["preview", form, "--press", "form_buttons/1"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("error: field \"phone\": This field is required"));
    let out = run(&[
        "preview",
        form,
        "--press",
        "form_buttons/1",
        "--input",
        "phone=+15550100",
        "--input",
        "reason=other",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["viewResultData"]["reason"], json!(["other"]));
    assert_eq!(v["paths"]["$.Views.ViewResultData.phone"], "+15550100");
    let out = run(&["preview", form, "--input", "reason=nope"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("\"nope\" is not one of its option values (billing, other)"));

    // Sample data from --data or a set of the file.
    let dir = temp_dir();
    let data = dir.path().join("d.json");
    std::fs::write(&data, r#"{"OrderSummary": "2 items, $40"}"#).unwrap();
    let o = stdout(&run(&["preview", f, "--data", data.to_str().unwrap()]));
    assert!(
        o.contains("2 items, $40") && !o.contains("‹$.OrderSummary›"),
        "{o}"
    );
    let mut doc: Value =
        serde_json::from_str(&std::fs::read_to_string(example("order-cards.view.json")).unwrap())
            .unwrap();
    doc["SampleData"] = json!({"empty": {}, "full": {"OrderSummary": "from the set"}});
    let file = dir.path().join("o.view.json");
    std::fs::write(&file, doc.to_string()).unwrap();
    let o = stdout(&run(&["preview", file.to_str().unwrap(), "--set", "full"]));
    assert!(o.contains("from the set"), "{o}");
    let out = run(&["preview", file.to_str().unwrap(), "--set", "other"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("it has: empty, full"));
}

fn unicode_width(s: &str) -> usize {
    s.chars().count()
}

/// Two fields of one Name: each is judged by itself (the required one refuses the submit on
/// its own), and the press says ViewResultData keeps one value under the name.
#[test]
fn fields_sharing_a_name_are_judged_each_and_the_collision_is_said() {
    let body = r#"{"_id": "form", "Type": "Form", "Props": {}, "Content": [
  {"_id": "a", "Type": "FormInput", "Props": {"Name": "Phone", "Label": "Home"}},
  {"_id": "b", "Type": "FormInput", "Props": {"Name": "Phone", "Label": "Mobile", "Required": true}},
  {"_id": "send", "Type": "SubmitButton", "Props": {"Label": "Send", "Action": "Send"}}
]}"#;
    let tree = Tree::parse(&template(body)).unwrap();
    let mut state = PreviewState::default();
    let set = |state: &mut PreviewState, id: &str, text: &str| {
        let value = connect_views::view::preview::FieldValue::Text(text.into());
        state.set(&tree, tree.by_id(id).unwrap(), value);
    };
    set(&mut state, "a", "555 0100");
    let p = press(&tree, &state, &["Send"], "send");
    assert_eq!(p.errors.len(), 1, "{:?}", p.errors);
    assert_eq!(
        p.errors[0].node,
        tree.by_id("b").unwrap(),
        "the empty required one"
    );
    set(&mut state, "b", "555 0199");
    let p = press(&tree, &state, &["Send"], "send");
    assert!(p.errors.is_empty(), "{:?}", p.errors);
    assert_eq!(p.view_result_data["Phone"], "555 0199");
    assert!(
        p.notes
            .iter()
            .any(|n| n.contains("two fields are named Phone")),
        "{:?}",
        p.notes
    );
}
