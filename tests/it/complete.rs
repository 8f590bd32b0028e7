//! Completion: the cursor's context read from text that need not parse, the candidates in
//! each context, and accepting one in the designer as one undo step.

use connect_views::tui::event::AppEvent;
use connect_views::tui::update::update;
use connect_views::view::Catalog;
use connect_views::view::complete::{Known, Spot, accept, candidates, context};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

use crate::common::tui::{chars, ctrl, goto_line_of, key, state_for, validate_now};

/// The context and candidates at the `|` in `text`.
fn at(text: &str) -> (Spot, Vec<String>) {
    let cursor = text.find('|').unwrap();
    let text = text.replace('|', "");
    let cx = context(&text, cursor);
    let known = Known::scan(&text, &["Refund".to_string(), "Skip".to_string()]);
    let names = candidates(&cx, Catalog::builtin(), &known)
        .into_iter()
        .map(|c| c.text)
        .collect();
    (cx.spot, names)
}

const HEAD: &str = r#"{"Head": {"Title": "T"}, "Body": [{"_id": "root", "Type": "Container", "Props": {}, "Content": ["#;

#[test]
fn each_context_offers_its_candidates() {
    let (spot, names) = at(&format!(r#"{HEAD}{{"_id": "b", "Type": "Bu|"#));
    assert_eq!(spot, Spot::Type);
    assert_eq!(names[0], "Button", "{names:?}");
    assert!(names.contains(&"ButtonGroup".to_string()));

    let (spot, names) = at(&format!(
        r#"{HEAD}{{"_id": "f", "Type": "FormInput", "Props": {{"Name": "x", "La|"#
    ));
    assert!(
        matches!(spot, Spot::PropKey { component: Some(ref c), ref present } if c == "FormInput" && present == &["Name"]),
        "{spot:?}"
    );
    assert_eq!(names[0], "Label");
    assert!(
        !names.contains(&"Name".to_string()),
        "present props are not offered"
    );

    // Nor is a prop written after the cursor (nor a key inside a nested value there).
    let (spot, names) = at(&format!(
        r#"{HEAD}{{"_id": "f", "Type": "FormInput", "Props": {{"Name": "x", "|", "Label": "L", "Visibility": {{"Conditions": []}}, "InputType": "text"}}, "Content": []}}]}}]}}"#
    ));
    assert!(
        matches!(spot, Spot::PropKey { ref present, .. } if present == &["Name", "Label", "Visibility", "InputType"]),
        "{spot:?}"
    );
    assert!(!names.contains(&"Label".to_string()), "{names:?}");
    assert!(!names.contains(&"InputType".to_string()), "{names:?}");
    assert!(names.contains(&"Required".to_string()), "{names:?}");

    // The Type may come after Props; the text after the cursor need not parse either.
    let (spot, names) = at(&format!(
        r#"{HEAD}{{"_id": "c", "Props": {{"Hea|"}}, "Type": "Card", "Content": [] }} ,,, ]"#
    ));
    assert!(
        matches!(spot, Spot::PropKey { component: Some(ref c), .. } if c == "Card"),
        "{spot:?}"
    );
    assert_eq!(names[0], "Heading");

    let (spot, names) = at(&format!(
        r#"{HEAD}{{"_id": "b", "Type": "Button", "Props": {{"Variant": "pr|"#
    ));
    assert!(matches!(spot, Spot::PropValue { ref prop, .. } if prop == "Variant"));
    assert_eq!(names, ["primary"]);

    let (_, names) = at(&format!(
        r#"{HEAD}{{"_id": "b", "Type": "Button", "Props": {{"Action": "|"#
    ));
    assert_eq!(names, ["Refund", "Skip"]);

    // A Card's Icon: the icon names seen in views the service accepted (AWS publishes no
    // list; tests/corpus holds each one).
    let (_, names) = at(&format!(
        r#"{HEAD}{{"_id": "c", "Type": "Card", "Props": {{"Id": "c", "Icon": "|"#
    ));
    assert_eq!(names, ["Cafe", "Headset", "Pills"]);

    let (spot, names) = at(&format!(
        r#"{HEAD}{{"_id": "r", "Type": "Dropdown", "Props": {{"Name": "reason"}}}}, {{"_id": "d", "Type": "TextArea", "Props": {{"Visibility": {{"Conditions": [{{"Equals": {{"ElementByKey": "re|"#
    ));
    assert_eq!(spot, Spot::FieldName);
    assert_eq!(names, ["reason"]);

    let (_, names) = at(&format!(
        r#"{HEAD}{{"_id": "h", "Type": "Header", "Props": {{}}, "Content": ["$.CustomerName"]}}, {{"_id": "t", "Type": "TextBox", "Props": {{}}, "Content": ["$.Cu|"#
    ));
    assert_eq!(names, ["$.CustomerName"]);

    // Outside any of these: nothing.
    let (spot, names) = at(r#"{"Head": {"Ti|"#);
    assert_eq!(spot, Spot::Other);
    assert!(names.is_empty());
}

#[test]
fn accepting_replaces_what_was_typed_and_closes_the_string() {
    let text = r#"{"Type": "Bu"#;
    let cx = context(text, text.len());
    let c = &candidates(&cx, Catalog::builtin(), &Known::default())[0];
    let (range, new) = accept(text, text.len(), &cx, c);
    let mut out = text.to_string();
    out.replace_range(range, &new);
    assert_eq!(out, r#"{"Type": "Button""#);
    // A key gets its colon.
    let text = r#"{"Type": "Card", "Props": {"Hea"}}"#;
    let cursor = text.find("Hea").unwrap() + 3;
    let cx = context(text, cursor);
    let c = &candidates(&cx, Catalog::builtin(), &Known::default())[0];
    let (range, new) = accept(text, cursor, &cx, c);
    let mut out = text.to_string();
    out.replace_range(range, &new);
    assert_eq!(out, r#"{"Type": "Card", "Props": {"Heading": }}"#);
}

fn ctrl_space() -> AppEvent {
    AppEvent::Input(Event::Key(KeyEvent::new(
        KeyCode::Char(' '),
        KeyModifiers::CONTROL,
    )))
}

#[test]
fn in_the_designer_completion_opens_by_itself_and_with_ctrl_space() {
    let mut s = state_for("order-cards.view.json");
    validate_now(&mut s);
    let original = s.doc.editor.text();
    // On the skip button's Variant value: Ctrl-Space offers the enum.
    goto_line_of(&mut s, "\"Variant\": \"normal\"");
    let (row, _) = s.doc.editor.cursor();
    let col = s.doc.editor.lines()[row].find("normal").unwrap();
    s.doc.editor.move_to(row, col);
    update(&mut s, ctrl_space());
    let c = s.completion.as_ref().expect("completion is open");
    assert_eq!(c.items[0].text, "primary", "{:?}", c.items);
    update(&mut s, key(KeyCode::Enter));
    assert!(s.completion.is_none());
    assert!(
        s.doc.editor.text().contains("\"Variant\": \"primary\""),
        "{}",
        s.doc.editor.text()
    );
    update(&mut s, ctrl('z'));
    assert_eq!(s.doc.editor.text(), original, "one undo step");

    // Typing a Type's opening quote opens it; typing filters; Esc closes.
    goto_line_of(&mut s, "\"Type\": \"Button\"");
    let (row, _) = s.doc.editor.cursor();
    s.doc.editor.move_to(row, s.doc.editor.lines()[row].len());
    update(&mut s, key(KeyCode::Enter));
    for e in chars("\"Type\": \"") {
        update(&mut s, e);
    }
    assert!(s.completion.is_some(), "the quote after \"Type\": opens it");
    for e in chars("Tog") {
        update(&mut s, e);
    }
    assert_eq!(s.completion.as_ref().unwrap().items[0].text, "Toggle");
    let screen = crate::common::tui::draw(&mut s, 120, 40)
        .backend()
        .to_string();
    assert!(
        screen.contains("│Toggle ") && screen.contains("an on/off switch"),
        "the list is drawn under the cursor: {screen}"
    );
    update(&mut s, key(KeyCode::Esc));
    assert!(s.completion.is_none());
    assert!(
        s.doc.editor.text().contains("\"Type\": \"Tog"),
        "Esc keeps what was typed"
    );
}

#[test]
fn completion_works_on_every_type_value_of_the_examples() {
    for name in [
        "callback-form.view.json",
        "order-cards.view.json",
        "customer-detail.view.json",
    ] {
        let s = state_for(name);
        let text = s.doc.editor.text();
        let mut from = 0;
        let mut seen = 0;
        while let Some(i) = text[from..].find("\"Type\": \"") {
            let cursor = from + i + "\"Type\": \"".len();
            let cx = context(&text, cursor);
            assert_eq!(
                cx.spot,
                Spot::Type,
                "{name} at {cursor}: {:?}",
                &text[cursor..cursor + 20]
            );
            assert!(!candidates(&cx, Catalog::builtin(), &Known::default()).is_empty());
            from = cursor;
            seen += 1;
        }
        assert!(seen > 3, "{name}");
    }
}
