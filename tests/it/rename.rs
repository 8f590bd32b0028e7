//! Rename everywhere: an action renamed in the Actions pane renames every prop raising it,
//! and a field's Name renamed from the outline renames the conditions reading it; one undo
//! step each, the action list included.

use connect_views::tui::state::{Pane, Popup};
use connect_views::tui::update::update;
use connect_views::view::tree::Tree;
use connect_views::view::{Catalog, Code, edit};
use crossterm::event::KeyCode;

use crate::common::tui::{ctrl, goto_line_of, key, state_for, validate_now};

fn set_prompt(s: &mut connect_views::tui::state::AppState, text: &str) {
    match s.popups.top_mut() {
        Some(Popup::Prompt(p)) => p.input = text.into(),
        other => panic!("no prompt: {other:?}"),
    }
    update(s, key(KeyCode::Enter));
}

#[test]
fn renaming_an_action_renames_the_props_raising_it_in_one_undo_step() {
    let mut s = state_for("order-cards.view.json");
    validate_now(&mut s);
    let original = s.doc.editor.text();
    let tree = Tree::parse(&original).unwrap();
    assert_eq!(
        edit::action_uses(&tree, Catalog::builtin(), "Refund").len(),
        1
    );
    s.focus = Pane::Actions;
    assert_eq!(s.doc.meta.actions[0], "Refund");
    update(&mut s, key(KeyCode::Char('r')));
    set_prompt(&mut s, "Reimburse");
    assert!(!s.popups.is_open(), "{:?}", s.popups.top());
    assert_eq!(s.doc.meta.actions[0], "Reimburse");
    assert!(s.doc.editor.text().contains("\"Action\": \"Reimburse\""));
    assert!(!s.doc.editor.text().contains("\"Refund\""));
    validate_now(&mut s);
    assert!(
        !s.validation
            .diagnostics
            .iter()
            .any(|d| d.code == Code::ActionNotListed || d.code == Code::ActionNotRaised),
        "{:?}",
        s.validation.diagnostics
    );
    // One undo in the editor takes back the props and the list together; redo both again.
    s.focus = Pane::Editor;
    update(&mut s, ctrl('z'));
    assert_eq!(s.doc.editor.text(), original);
    assert_eq!(s.doc.meta.actions[0], "Refund");
    update(&mut s, ctrl('y'));
    assert_eq!(s.doc.meta.actions[0], "Reimburse");
    assert!(s.doc.editor.text().contains("\"Action\": \"Reimburse\""));
}

const FIELDS: &str = r#"{
  "Head": {"Title": "Fields", "Configuration": {"Layout": {"Columns": ["12"]}}},
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
            "Options": [{"Label": "Other", "Value": "other"}, {"Label": "Billing", "Value": "billing"}]
          }
        },
        {
          "_id": "details",
          "Type": "TextArea",
          "Props": {
            "Name": "details",
            "Label": "Details",
            "Visibility": {"Conditions": [{"Equals": {"ElementByKey": "reason", "ElementByValue": "other"}}]},
            "Required": {"Conditions": [{"Equals": {"ElementByKey": "reason", "ElementByValue": "other"}}]}
          }
        },
        {"_id": "send", "Type": "SubmitButton", "Props": {"Label": "Send", "Action": "Submit"}}
      ]
    }
  ]
}"#;

#[test]
fn renaming_a_field_renames_the_conditions_reading_it_in_one_undo_step() {
    let mut s = crate::common::tui::state_of("Fields", FIELDS, &["Submit"]);
    let original = s.doc.editor.text();
    goto_line_of(&mut s, "\"reason\",");
    update(&mut s, key(KeyCode::F(10)));
    update(&mut s, key(KeyCode::Char('n')));
    set_prompt(&mut s, "cause");
    assert!(!s.popups.is_open(), "{:?}", s.popups.top());
    let text = s.doc.editor.text();
    assert_eq!(
        text.matches("\"ElementByKey\": \"cause\"").count(),
        2,
        "{text}"
    );
    assert!(text.contains("\"Name\": \"cause\""));
    assert!(!text.contains("\"ElementByKey\": \"reason\""));
    assert!(
        text.contains("\"_id\": \"reason\""),
        "the _id is not the Name"
    );
    assert!(s.notice.as_ref().unwrap().0.contains("2 conditions"));
    validate_now(&mut s);
    assert!(
        !s.validation
            .diagnostics
            .iter()
            .any(|d| d.code == Code::ConditionField),
        "{:?}",
        s.validation.diagnostics
    );
    update(&mut s, ctrl('z'));
    assert_eq!(s.doc.editor.text(), original, "one undo step");
}

/// A prompt edits like a shell line: the rename prompt opens holding the action's name;
/// Ctrl-U clears it, Ctrl-W takes a word back, Left and Home move, and what is typed goes
/// in at the cursor.
#[test]
fn a_prompt_edits_like_a_shell_line() {
    let mut s = state_for("order-cards.view.json");
    validate_now(&mut s);
    s.focus = Pane::Actions;
    update(&mut s, key(KeyCode::Char('r')));
    let input = |s: &connect_views::tui::state::AppState| match s.popups.top() {
        Some(Popup::Prompt(p)) => p.input.clone(),
        other => panic!("no prompt: {other:?}"),
    };
    assert_eq!(input(&s), "Refund");
    update(&mut s, ctrl('u'));
    assert_eq!(input(&s), "", "Ctrl-U clears what the prompt held");
    for c in "Give money back".chars() {
        update(&mut s, key(KeyCode::Char(c)));
    }
    update(&mut s, ctrl('w'));
    update(&mut s, ctrl('w'));
    assert_eq!(input(&s), "Give ");
    update(&mut s, key(KeyCode::Backspace));
    update(&mut s, key(KeyCode::Home));
    update(&mut s, key(KeyCode::Char('X')));
    update(&mut s, key(KeyCode::End));
    update(&mut s, key(KeyCode::Left));
    update(&mut s, key(KeyCode::Char('n')));
    assert_eq!(input(&s), "XGivne");
    update(&mut s, key(KeyCode::Enter));
    assert_eq!(s.doc.meta.actions[0], "XGivne");
}
