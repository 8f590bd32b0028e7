//! Quick fixes: each fixable diagnostic's fix, applied, makes that diagnostic go away and
//! leaves the template parsing; in the designer Alt-Enter applies the fix under the cursor
//! or of the selected diagnostic, as one undo step.

use connect_views::tui::event::AppEvent;
use connect_views::tui::state::Pane;
use connect_views::tui::update::update;
use connect_views::view::fix::{Fix, quick_fix};
use connect_views::view::tree::Tree;
use connect_views::view::{Catalog, Code, Level, ViewDocument, check};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

use crate::common::tui::{ctrl, goto_line_of, key, validate_now};

const BROKEN: &str = r#"{
  "Head": {"Title": "T", "Configuration": {"Layout": {"Columns": ["12"]}}},
  "Body": [
    {"_id": "root", "Type": "Container", "Props": {}, "Content": [
      {"_id": "c1", "Type": "Crad", "Props": {"Id": "x"}, "Content": []},
      {"_id": "f1", "Type": "FormInput", "Props": {"Name": "n", "Lable": "L"}, "Content": []},
      {"_id": "f2", "Type": "FormInput", "Props": {"Name": "m"}, "Content": []},
      {"_id": "b1", "Type": "Button", "Props": {"Action": "Done", "Variant": "primry"}, "Content": ["Go"]},
      {"_id": "b2", "Type": "Button", "Props": {"Action": "Nope"}, "Content": ["Go"]},
      {"_id": "d1", "Type": "Dropdown", "Props": {"Name": "d", "Label": "D", "Options": [{"Label": "A", "Value": "a"}], "DefaultValue": "a"}},
      {"_id": "t1", "Type": "TextBox", "Props": {}, "Content": ["Hello $.Name, welcome"]}
    ]}
  ]
}"#;

fn doc(template: &str, actions: &[&str]) -> ViewDocument {
    let mut d = ViewDocument::new("Fix me", template.to_string());
    d.actions = actions.iter().map(|a| a.to_string()).collect();
    d
}

#[test]
fn every_fix_removes_its_diagnostic() {
    let catalog = Catalog::builtin();
    let start = doc(BROKEN, &["Done", "Unused"]);
    let found = check(&start, Level::Published, catalog).diagnostics;
    let mut fixed = Vec::new();
    for d in &found {
        let tree = Tree::parse(BROKEN);
        let Some(fix) = quick_fix(d, BROKEN, tree.as_ref(), catalog) else {
            continue;
        };
        let mut after = start.clone();
        match &fix.fix {
            Fix::Edit(e) => after.template = e.apply(BROKEN),
            Fix::AddAction(a) => after.actions.push(a.clone()),
            Fix::RemoveAction(a) => after.actions.retain(|x| x != a),
        }
        assert!(Tree::parse(&after.template).is_some(), "{}", fix.label);
        let again = check(&after, Level::Published, catalog).diagnostics;
        let same = |x: &connect_views::view::Diagnostic| x.code == d.code && x.pointer == d.pointer;
        assert!(
            !again.iter().any(same),
            "{} did not fix {} {}: {:?}",
            fix.label,
            d.code,
            d.message,
            again.iter().filter(|x| same(x)).collect::<Vec<_>>()
        );
        fixed.push(d.code);
    }
    for code in [
        Code::UnknownComponent,
        Code::UnknownProp,
        Code::EnumValue,
        Code::RequiredProp,
        Code::PropKind,
        Code::EmbeddedReference,
        Code::ActionNotListed,
        Code::ActionNotRaised,
    ] {
        assert!(fixed.contains(&code), "no fix for {code}: fixed {fixed:?}");
    }
    // The embedded reference is split into Content items, the text around it kept.
    let d = found
        .iter()
        .find(|d| d.code == Code::EmbeddedReference)
        .unwrap();
    let Some(Fix::Edit(e)) = quick_fix(d, BROKEN, None, catalog).map(|f| f.fix) else {
        panic!()
    };
    assert_eq!(e.text, r#""Hello ", "$.Name", ", welcome""#);
}

fn alt_enter() -> AppEvent {
    AppEvent::Input(Event::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::ALT)))
}

#[test]
fn alt_enter_applies_the_fix_under_the_cursor_or_of_the_selected_diagnostic() {
    let mut s = crate::common::tui::state_of("Fix me", BROKEN, &["Done"]);
    let before = s.doc.editor.text();
    // In the editor: on "Lable".
    goto_line_of(&mut s, "Lable");
    let line = s.doc.editor.cursor().0;
    let col = s.doc.editor.lines()[line].find("Lable").unwrap();
    s.doc.editor.move_to(line, col);
    update(&mut s, alt_enter());
    assert!(
        s.doc.editor.text().contains("\"Label\": \"L\""),
        "{:?}",
        s.notice
    );
    update(&mut s, ctrl('z'));
    assert_eq!(s.doc.editor.text(), before, "one undo step");
    update(&mut s, ctrl('y'));
    validate_now(&mut s);

    // In the status pane: the action raised but not listed.
    s.focus = Pane::Status;
    let i = s
        .validation
        .diagnostics
        .iter()
        .position(|d| d.code == Code::ActionNotListed)
        .unwrap();
    for _ in 0..i {
        update(&mut s, key(KeyCode::Down));
    }
    update(&mut s, alt_enter());
    assert!(
        s.doc.meta.actions.contains(&"Nope".to_string()),
        "{:?}",
        s.notice
    );

    // Stale diagnostics are not applied: type, then Alt-Enter before the check.
    s.focus = Pane::Editor;
    update(&mut s, key(KeyCode::Char(' ')));
    let typed = s.doc.editor.text();
    update(&mut s, alt_enter());
    assert_eq!(s.doc.editor.text(), typed);
}
