//! The property inspector: each kind of edit on the selected component, each one edit.

use connect_views::tui::event::AppEvent;
use connect_views::tui::panes::inspector::{Row, rows};
use connect_views::tui::state::{AppState, Pane, Popup};
use connect_views::tui::update::update;
use connect_views::view::tree::Tree;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

use crate::common::tui::{ctrl, goto_line_of, key, validate_now};

const FORM: &str = r#"{
  "Head": {"Title": "Refund", "Configuration": {"Layout": {"Columns": ["12"]}}},
  "Body": [
    {
      "_id": "form",
      "Type": "Form",
      "Props": {},
      "Content": [
        {
          "_id": "reason",
          "Type": "Dropdown",
          "Props": {
            "Name": "reason",
            "Label": "Reason",
            "Options": [{"Label": "Billing", "Value": "billing"}, {"Label": "Other", "Value": "other"}]
          },
          "Content": []
        },
        {
          "_id": "amount",
          "Type": "FormInput",
          "Props": {"Name": "amount", "Lable": "Amount", "InputType": "number"},
          "Content": []
        },
        {"_id": "send", "Type": "SubmitButton", "Props": {"Label": "Send", "Action": "Submit"}, "Content": ["Send"]}
      ]
    }
  ]
}"#;

fn state() -> AppState {
    crate::common::tui::state_of("Refund", FORM, &["Submit"])
}

/// The cursor on a component, the inspector focused, its row `row` selected.
fn inspect(s: &mut AppState, id: &str, row: &Row) {
    s.focus = Pane::Editor;
    let needle = format!("\"_id\": \"{id}\"");
    goto_line_of(s, &needle);
    // On the _id itself (a line may start before its object does).
    let (line, _) = s.doc.editor.cursor();
    let col = s.doc.editor.lines()[line].find(&needle).unwrap();
    s.doc.editor.move_to(line, col);
    if !s.panes.outline.shown {
        update(s, key(KeyCode::F(10)));
    }
    s.focus = Pane::Inspector;
    let tree = Tree::parse(&s.doc.editor.text()).unwrap();
    let node = tree.by_id(id).unwrap();
    let all = rows(&tree, node, &s.panes.inspector.open);
    s.panes.inspector.selected = all
        .iter()
        .position(|r| r == row)
        .unwrap_or_else(|| panic!("no row {row:?} in {all:?}"));
}

fn prop(s: &AppState, id: &str, name: &str) -> Option<serde_json::Value> {
    let tree = Tree::parse(&s.doc.editor.text()).unwrap();
    let node = tree.by_id(id)?;
    tree.get(node).prop(name).map(|v| v.to_serde())
}

/// Types `text` into the picker on top and picks the row selected (the first match, or the
/// text as a new one).
fn pick(s: &mut AppState, text: &str) {
    match s.popups.top_mut() {
        Some(Popup::Picker(p)) => {
            p.query = text.into();
            p.selected = 0;
        }
        other => panic!("no picker: {other:?} (notice {:?})", s.notice),
    }
    update(s, key(KeyCode::Enter));
}

fn answer(s: &mut AppState, text: &str) {
    match s.popups.top_mut() {
        Some(Popup::Prompt(p)) => p.input = text.into(),
        other => panic!("no prompt: {other:?} (notice {:?})", s.notice),
    }
    update(s, key(KeyCode::Enter));
}

fn sync(s: &mut AppState) {
    validate_now(s);
}

/// Adding a prop whose value must be chosen asks for it, empty, instead of writing the
/// prop's own name (a `ValidationPattern` of "ValidationPattern" refuses every real phone
/// number); an enum starts from the value the catalogue gives for adding it.
#[test]
fn adding_a_prop_asks_for_its_value_first() {
    let mut s = state();
    validate_now(&mut s);
    inspect(
        &mut s,
        "amount",
        &Row::Available {
            name: "ValidationPattern".into(),
        },
    );
    let before = s.doc.editor.text();
    update(&mut s, key(KeyCode::Enter));
    assert_eq!(
        s.doc.editor.text(),
        before,
        "nothing written before the answer"
    );
    assert!(
        matches!(s.popups.top(), Some(Popup::Prompt(p)) if p.title.starts_with("ValidationPattern") && p.input.is_empty()),
        "{:?}",
        s.popups.top()
    );
    answer(&mut s, r"^\+?[0-9 ]{7,}$");
    assert_eq!(
        prop(&s, "amount", "ValidationPattern"),
        Some(r"^\+?[0-9 ]{7,}$".into())
    );
    // An enum is added with its first value (Left/Right step it).
    validate_now(&mut s);
    inspect(
        &mut s,
        "send",
        &Row::Available {
            name: "Variant".into(),
        },
    );
    update(&mut s, key(KeyCode::Enter));
    assert_eq!(prop(&s, "send", "Variant"), Some("primary".into()));
}

#[test]
fn the_inspector_edits_each_kind_of_prop_as_one_edit() {
    let mut s = state();
    let original = s.doc.editor.text();

    // A missing required prop is listed first; the unknown near miss is flagged and fixed.
    let tree = Tree::parse(&original).unwrap();
    let amount = tree.by_id("amount").unwrap();
    let r = rows(&tree, amount, &Default::default());
    assert_eq!(
        r[0],
        Row::Missing {
            name: "Label".into()
        }
    );
    let screen = {
        inspect(
            &mut s,
            "amount",
            &Row::Prop {
                name: "Lable".into(),
            },
        );
        crate::common::tui::draw(&mut s, 200, 50)
            .backend()
            .to_string()
    };
    assert!(screen.contains("≈ Label (f)"), "{screen}");
    update(&mut s, key(KeyCode::Char('f')));
    assert_eq!(prop(&s, "amount", "Label"), Some("Amount".into()));
    assert_eq!(prop(&s, "amount", "Lable"), None);
    update(&mut s, ctrl('z'));
    assert_eq!(s.doc.editor.text(), original, "one undo step");
    update(&mut s, ctrl('y'));
    sync(&mut s);

    // An enum steps through its values.
    inspect(
        &mut s,
        "amount",
        &Row::Prop {
            name: "InputType".into(),
        },
    );
    update(&mut s, key(KeyCode::Right));
    assert_eq!(prop(&s, "amount", "InputType"), Some("text".into()));
    sync(&mut s);

    // A string is edited in a prompt.
    inspect(
        &mut s,
        "send",
        &Row::Prop {
            name: "Label".into(),
        },
    );
    update(&mut s, key(KeyCode::Enter));
    answer(&mut s, "Ask for the refund");
    assert_eq!(prop(&s, "send", "Label"), Some("Ask for the refund".into()));
    sync(&mut s);

    // A known prop not there yet is asked for first: a condition opens the condition
    // builder over the view's fields, and nothing is written before it is applied (never a
    // `false` that hides the component).
    inspect(
        &mut s,
        "amount",
        &Row::Available {
            name: "Visibility".into(),
        },
    );
    let before = s.doc.editor.text();
    update(&mut s, key(KeyCode::Enter));
    assert_eq!(
        s.doc.editor.text(),
        before,
        "nothing is written before the answer"
    );
    // The condition builder: the first field, Equals, its first option.
    let Some(Popup::Condition(b)) = s.popups.top() else {
        panic!("{:?}", s.popups.top())
    };
    assert_eq!(
        (b.fields[0].name.as_str(), b.clauses[0].value.as_str()),
        ("reason", "billing")
    );
    // Tab to the value, Right to the next option, Enter writes it.
    for k in [KeyCode::Tab, KeyCode::Tab, KeyCode::Right, KeyCode::Enter] {
        update(&mut s, key(k));
    }
    let equals_other =
        serde_json::json!({"Equals": {"ElementByKey": "reason", "ElementByValue": "other"}});
    assert_eq!(
        prop(&s, "amount", "Visibility"),
        Some(serde_json::json!({"Conditions": [equals_other.clone()]}))
    );
    sync(&mut s);
    // The selection followed the prop from the available rows to its own.
    crate::common::tui::draw(&mut s, 200, 50);
    let tree = Tree::parse(&s.doc.editor.text()).unwrap();
    let all = rows(
        &tree,
        tree.by_id("amount").unwrap(),
        &s.panes.inspector.open,
    );
    assert_eq!(
        all[s.panes.inspector.selected],
        Row::Prop {
            name: "Visibility".into()
        }
    );
    // Enter on it opens the builder holding it: a second clause (Ctrl-N), on the amount
    // field, NotEquals 0, the two joined by OR (Ctrl-T).
    update(&mut s, key(KeyCode::Enter));
    let Some(Popup::Condition(b)) = s.popups.top() else {
        panic!("{:?}", s.popups.top())
    };
    assert_eq!(b.clauses[0].value, "other");
    update(&mut s, ctrl('n'));
    update(&mut s, ctrl('t'));
    for k in [KeyCode::Right, KeyCode::Tab, KeyCode::Right, KeyCode::Tab] {
        update(&mut s, key(k));
    }
    update(&mut s, key(KeyCode::Char('0')));
    update(&mut s, key(KeyCode::Enter));
    assert_eq!(
        prop(&s, "amount", "Visibility"),
        Some(serde_json::json!({"Conditions": [{"OrConditions": [
            equals_other,
            {"NotEquals": {"ElementByKey": "amount", "ElementByValue": "0"}}
        ]}]}))
    );
    sync(&mut s);
    // The validator takes what the builder wrote.
    use connect_views::view::Code;
    let about_conditions: Vec<_> = s
        .validation
        .diagnostics
        .iter()
        .filter(|d| {
            matches!(
                d.code,
                Code::Condition | Code::ConditionField | Code::ConditionValue
            )
        })
        .collect();
    assert!(about_conditions.is_empty(), "{about_conditions:?}");
    s.popups.clear();
    // The FIELD=VALUE prompt still writes one (a field the view does not have refused),
    // and true / false.
    let target = connect_views::tui::panes::inspector::Target {
        id: "amount".into(),
        prop: "Visibility".into(),
        item: None,
        field: None,
        as_: connect_views::tui::panes::inspector::ValueKind::Condition,
    };
    s.popups
        .open(Popup::Prompt(connect_views::tui::panes::inspector::ask(
            target,
            String::new(),
        )));
    answer(&mut s, "cause=other");
    assert!(
        matches!(s.popups.top(), Some(Popup::Prompt(p)) if p.error.as_deref().unwrap_or("").contains("no field")),
        "{:?}",
        s.popups.top()
    );
    answer(&mut s, "true");
    assert_eq!(prop(&s, "amount", "Visibility"), Some(true.into()));
    sync(&mut s);
    // A boolean toggles.
    inspect(
        &mut s,
        "amount",
        &Row::Prop {
            name: "Visibility".into(),
        },
    );
    update(&mut s, key(KeyCode::Char(' ')));
    assert_eq!(prop(&s, "amount", "Visibility"), Some(false.into()));
    sync(&mut s);

    // `$` makes a literal a reference, and back.
    inspect(
        &mut s,
        "send",
        &Row::Prop {
            name: "Label".into(),
        },
    );
    update(&mut s, key(KeyCode::Char('$')));
    pick(&mut s, "SubmitLabel");
    assert_eq!(prop(&s, "send", "Label"), Some("$.SubmitLabel".into()));
    sync(&mut s);
    update(&mut s, key(KeyCode::Char('$')));
    assert_eq!(prop(&s, "send", "Label"), Some("Label".into()));
    sync(&mut s);

    // A list opens into rows: add, move, remove items.
    inspect(
        &mut s,
        "reason",
        &Row::Prop {
            name: "Options".into(),
        },
    );
    update(&mut s, key(KeyCode::Enter));
    assert!(s.panes.inspector.open.contains("Options"));
    update(&mut s, key(KeyCode::Char('a')));
    let options = prop(&s, "reason", "Options").unwrap();
    assert_eq!(options.as_array().unwrap().len(), 3, "{options}");
    // The new option's required fields are asked for, one after the other.
    assert!(
        matches!(s.popups.top(), Some(Popup::Prompt(p)) if p.title.starts_with("Options[3].Label")),
        "{:?}",
        s.popups.top()
    );
    answer(&mut s, "Technical");
    answer(&mut s, "technical");
    assert!(!s.popups.is_open(), "{:?}", s.popups.top());
    let options = prop(&s, "reason", "Options").unwrap();
    assert_eq!(
        options[2],
        serde_json::json!({"Label": "Technical", "Value": "technical"})
    );
    assert!(s.panes.inspector.open.contains("Options/2"), "it opened");
    sync(&mut s);
    inspect(
        &mut s,
        "reason",
        &Row::Item {
            prop: "Options".into(),
            index: 1,
        },
    );
    update(
        &mut s,
        AppEvent::Input(Event::Key(KeyEvent::new(KeyCode::Up, KeyModifiers::ALT))),
    );
    let options = prop(&s, "reason", "Options").unwrap();
    assert_eq!(options[0]["Value"], "other", "{options}");
    sync(&mut s);
    // An item opens into its fields, each typed like a prop: a text asked for, and `$`
    // binding a field to an input.
    inspect(
        &mut s,
        "reason",
        &Row::Item {
            prop: "Options".into(),
            index: 2,
        },
    );
    // (The item added above is open already; Enter closes it and opens it again.)
    update(&mut s, key(KeyCode::Enter));
    assert!(!s.panes.inspector.open.contains("Options/2"));
    update(&mut s, key(KeyCode::Enter));
    assert!(s.panes.inspector.open.contains("Options/2"));
    let field = |name: &str| Row::Field {
        prop: "Options".into(),
        index: 2,
        field: name.into(),
    };
    inspect(&mut s, "reason", &field("Label"));
    update(&mut s, key(KeyCode::Enter));
    assert!(
        matches!(s.popups.top(), Some(Popup::Prompt(p)) if p.title.starts_with("Options[3].Label")),
        "{:?}",
        s.popups.top()
    );
    answer(&mut s, "Refund");
    sync(&mut s);
    inspect(&mut s, "reason", &field("Value"));
    update(&mut s, key(KeyCode::Char('$')));
    pick(&mut s, "RefundValue");
    let options = prop(&s, "reason", "Options").unwrap();
    assert_eq!(options[2]["Label"], "Refund", "{options}");
    assert_eq!(options[2]["Value"], "$.RefundValue", "{options}");
    sync(&mut s);
    inspect(
        &mut s,
        "reason",
        &Row::Item {
            prop: "Options".into(),
            index: 2,
        },
    );
    update(&mut s, key(KeyCode::Char('d')));
    assert_eq!(
        prop(&s, "reason", "Options")
            .unwrap()
            .as_array()
            .unwrap()
            .len(),
        2
    );
    sync(&mut s);

    // Deleting a prop; the text still parses and validates after all of it.
    inspect(
        &mut s,
        "amount",
        &Row::Prop {
            name: "Visibility".into(),
        },
    );
    update(&mut s, key(KeyCode::Char('d')));
    assert_eq!(prop(&s, "amount", "Visibility"), None);
    sync(&mut s);
    assert_eq!(s.errors(), 0, "{:?}", s.validation.diagnostics);
}

#[test]
fn prompt_values_are_checked_for_their_kind() {
    use connect_views::tui::panes::inspector::{ValueKind, value_of};
    let fields = ["reason".to_string()];
    assert_eq!(
        value_of(ValueKind::Number, " 12.5 ", &fields).unwrap(),
        "12.5"
    );
    assert!(
        value_of(ValueKind::Number, "twelve", &fields)
            .unwrap_err()
            .contains("not a number")
    );
    assert_eq!(
        value_of(ValueKind::Text, "a \"quote\"", &fields).unwrap(),
        r#""a \"quote\"""#
    );
    assert!(
        value_of(ValueKind::Json, "[1,", &fields)
            .unwrap_err()
            .starts_with("not JSON")
    );
    assert_eq!(
        value_of(ValueKind::Reference, "$.Order.Id", &fields).unwrap(),
        r#""$.Order.Id""#
    );
    assert!(value_of(ValueKind::Reference, "two words", &fields).is_err());
    assert_eq!(
        value_of(ValueKind::Condition, "true", &fields).unwrap(),
        "true"
    );
    assert!(
        value_of(ValueKind::Condition, "reason", &fields)
            .unwrap_err()
            .contains("FIELD=VALUE")
    );
}

/// An action prop picks one of the view's actions, or a new one that joins Actions in the
/// same undo step; `$` picks one of the inputs the view reads, or a new one.
#[test]
fn pickers_choose_an_action_or_an_input_or_make_one() {
    let mut s = state();
    validate_now(&mut s);
    let original = (s.doc.editor.text(), s.doc.meta.actions.clone());
    inspect(
        &mut s,
        "send",
        &Row::Prop {
            name: "Action".into(),
        },
    );
    update(&mut s, key(KeyCode::Enter));
    let Some(Popup::Picker(p)) = s.popups.top() else {
        panic!("{:?}", s.popups.top())
    };
    assert_eq!(p.items, ["Submit"]);
    pick(&mut s, "Escalate");
    assert_eq!(prop(&s, "send", "Action"), Some("Escalate".into()));
    assert_eq!(s.doc.meta.actions, ["Submit", "Escalate"]);
    update(&mut s, ctrl('z'));
    assert_eq!(
        (s.doc.editor.text(), s.doc.meta.actions.clone()),
        original,
        "one step"
    );
    // A name the service refuses is refused in the picker.
    validate_now(&mut s);
    update(&mut s, key(KeyCode::Enter));
    pick(&mut s, "no spaces?!");
    assert!(
        matches!(s.popups.top(), Some(Popup::Picker(p)) if p.error.is_some()),
        "{:?}",
        s.popups.top()
    );
    s.popups.clear();
    // `$`: the inputs the view reads are offered (none yet: a new one).
    inspect(
        &mut s,
        "reason",
        &Row::Prop {
            name: "Label".into(),
        },
    );
    update(&mut s, key(KeyCode::Char('$')));
    pick(&mut s, "ReasonLabel");
    validate_now(&mut s);
    inspect(
        &mut s,
        "send",
        &Row::Prop {
            name: "Label".into(),
        },
    );
    update(&mut s, key(KeyCode::Char('$')));
    let Some(Popup::Picker(p)) = s.popups.top() else {
        panic!("{:?}", s.popups.top())
    };
    assert_eq!(p.items, ["ReasonLabel"]);
    update(&mut s, key(KeyCode::Enter));
    assert_eq!(prop(&s, "send", "Label"), Some("$.ReasonLabel".into()));
}

/// A button's label (its Content) is a row of its own: Enter asks for the text, written as
/// the Content's one string.
#[test]
fn a_components_text_is_edited_like_a_prop() {
    let mut s = state();
    validate_now(&mut s);
    inspect(&mut s, "send", &Row::Text);
    update(&mut s, key(KeyCode::Enter));
    assert!(
        matches!(s.popups.top(), Some(Popup::Prompt(p)) if p.input == "Send"),
        "{:?}",
        s.popups.top()
    );
    update(&mut s, ctrl('u'));
    for c in "Request a callback".chars() {
        update(&mut s, key(KeyCode::Char(c)));
    }
    update(&mut s, key(KeyCode::Enter));
    let tree = Tree::parse(&s.doc.editor.text()).unwrap();
    let send = tree.get(tree.by_id("send").unwrap());
    assert_eq!(send.text(), "Request a callback");
    validate_now(&mut s);
    let about_send: Vec<_> = s
        .validation
        .diagnostics
        .iter()
        .filter(|d| d.pointer.contains("/Content/2"))
        .collect();
    assert!(about_send.is_empty(), "{about_send:?}");
}

/// The preview draws the view as the condition being built would make it, clause by clause,
/// and the template again once the builder is closed without writing.
#[test]
fn the_preview_shows_a_condition_as_it_is_built() {
    let mut s = state();
    validate_now(&mut s);
    let preview_text = |s: &mut AppState| {
        crate::common::tui::draw(s, 200, 50);
        let layout = s
            .panes
            .preview
            .last_layout()
            .expect("the preview was laid out");
        layout
            .lines
            .iter()
            .map(|l| l.text())
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert!(preview_text(&mut s).contains("Send"));
    inspect(
        &mut s,
        "send",
        &Row::Available {
            name: "Visibility".into(),
        },
    );
    update(&mut s, key(KeyCode::Enter));
    // `reason Equals billing`, and nothing picked in the preview's Reason: the button hides.
    let shown = preview_text(&mut s);
    assert!(!shown.contains("Send"), "{shown}");
    let screen = crate::common::tui::draw(&mut s, 200, 50)
        .backend()
        .to_string();
    assert!(screen.contains("Preview · draft condition"), "{screen}");
    // The operator stepped to NotEquals: it shows again, before anything is written.
    let before = s.doc.editor.text();
    for k in [KeyCode::Tab, KeyCode::Right] {
        update(&mut s, key(k));
    }
    let shown = preview_text(&mut s);
    assert!(shown.contains("Send"), "{shown}");
    // Back to Equals, then Esc: the preview draws the template, which has no condition.
    update(&mut s, key(KeyCode::Left));
    assert!(!preview_text(&mut s).contains("Send"));
    update(&mut s, key(KeyCode::Esc));
    assert_eq!(s.doc.editor.text(), before, "nothing was written");
    assert!(preview_text(&mut s).contains("Send"));
}

/// An icon is picked from the names seen in views the service accepted (AWS publishes no
/// list); another name is written too, and the validator notes it rather than refusing it.
#[test]
fn an_icon_is_picked_from_the_names_seen_or_given() {
    let cards = r#"{
  "Head": {"Title": "Offers", "Configuration": {}},
  "Body": [
    {"_id": "box", "Type": "Container", "Props": {}, "Content": [
      {"_id": "offer", "Type": "Card", "Props": {"Id": "offer", "Heading": "Coffee", "Action": "Pick"}, "Content": []}
    ]}
  ]
}"#;
    let mut s = crate::common::tui::state_of("Offers", cards, &["Pick"]);
    validate_now(&mut s);
    inspect(
        &mut s,
        "offer",
        &Row::Available {
            name: "Icon".into(),
        },
    );
    update(&mut s, key(KeyCode::Enter));
    let Some(Popup::Picker(p)) = s.popups.top() else {
        panic!("{:?}", s.popups.top())
    };
    assert_eq!(p.items, ["Cafe", "Headset", "Pills"]);
    pick(&mut s, "caf");
    assert_eq!(prop(&s, "offer", "Icon"), Some("Cafe".into()));
    sync(&mut s);
    assert!(
        s.validation.diagnostics.is_empty(),
        "{:?}",
        s.validation.diagnostics
    );
    // Enter on it picks again; a name not listed is written as given, and noted.
    inspect(
        &mut s,
        "offer",
        &Row::Prop {
            name: "Icon".into(),
        },
    );
    update(&mut s, key(KeyCode::Enter));
    pick(&mut s, "Coffee Cup");
    assert_eq!(prop(&s, "offer", "Icon"), Some("Coffee Cup".into()));
    sync(&mut s);
    let notes: Vec<_> = s
        .validation
        .diagnostics
        .iter()
        .map(|d| (d.severity, d.code))
        .collect();
    use connect_views::view::{Code, Severity};
    assert_eq!(notes, [(Severity::Note, Code::UnseenValue)]);
}
