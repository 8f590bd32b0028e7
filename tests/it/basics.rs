//! Editing basics: Enter keeps indentation, brackets and quotes pair, reformat, Save As,
//! renaming and deleting sample data sets, and the template handed to an external editor.

use connect_views::tui::effect::Effect;
use connect_views::tui::event::AppEvent;
use connect_views::tui::state::Popup;
use connect_views::tui::update::update;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

use crate::common::tui::{
    WITH_SAMPLES, app_with, chars, ctrl, goto_line_of, key, state_for, state_from, validate_now,
};
use crate::common::{Endpoint, temp_dir};

fn alt(c: char) -> AppEvent {
    AppEvent::Input(Event::Key(KeyEvent::new(
        KeyCode::Char(c),
        KeyModifiers::ALT,
    )))
}

#[test]
fn enter_keeps_the_indentation_and_indents_inside_brackets() {
    let mut s = state_for("order-cards.view.json");
    goto_line_of(&mut s, "\"Props\": {},");
    // After `{` the new line goes one step in; between `{}` the closing one goes below.
    let (row, _) = s.doc.editor.cursor();
    let line = s.doc.editor.lines()[row].clone();
    let col = line.find('}').unwrap();
    s.doc.editor.move_to(row, col);
    update(&mut s, key(KeyCode::Enter));
    let indent = line.len() - line.trim_start().len();
    assert_eq!(s.doc.editor.lines()[row + 1], " ".repeat(indent + 2));
    assert_eq!(s.doc.editor.lines()[row + 2].trim(), "},");
    assert_eq!(s.doc.editor.cursor(), (row + 1, indent + 2));
    // A plain Enter keeps the line's indentation.
    for e in chars("\"a\": 1,") {
        update(&mut s, e);
    }
    update(&mut s, key(KeyCode::Enter));
    assert_eq!(s.doc.editor.cursor(), (row + 2, indent + 2));
    assert_eq!(
        s.doc.editor.lines()[row + 1].trim(),
        "\"a\": 1,",
        "typed as is"
    );
}

#[test]
fn brackets_and_quotes_pair_and_typing_them_through_gives_the_same_text() {
    let mut s = state_for("order-cards.view.json");
    goto_line_of(&mut s, "\"Props\": {},");
    let (row, _) = s.doc.editor.cursor();
    let end = s.doc.editor.lines()[row].len();
    s.doc.editor.move_to(row, end);
    update(&mut s, key(KeyCode::Enter));
    update(&mut s, key(KeyCode::Char('{')));
    assert!(
        s.doc.editor.lines()[row + 1].ends_with("{}"),
        "{}",
        s.doc.editor.lines()[row + 1]
    );
    update(&mut s, key(KeyCode::Char('"')));
    assert!(s.doc.editor.lines()[row + 1].ends_with("{\"\"}"));
    // Typing the whole member, closing quotes and bracket included, steps over the pairs.
    for e in chars("k\": [1, \"v\"]}") {
        update(&mut s, e);
    }
    assert!(
        s.doc.editor.lines()[row + 1].ends_with("{\"k\": [1, \"v\"]}"),
        "{}",
        s.doc.editor.lines()[row + 1]
    );
}

#[test]
fn reformat_is_one_undo_step_and_refused_while_the_text_does_not_parse() {
    let dir = temp_dir();
    let path = dir.path().join("min.json");
    let mut s = state_from(WITH_SAMPLES, &path);
    // Make the layout untidy by hand, then reformat.
    s.doc.editor.move_to(0, 0);
    update(&mut s, AppEvent::Input(Event::Paste(" ".into())));
    let untidy = s.doc.editor.text();
    update(&mut s, alt('f'));
    let pretty = s.doc.editor.text();
    assert_ne!(pretty, untidy);
    assert!(pretty.starts_with("{\n  \"Head\""), "{pretty}");
    update(&mut s, ctrl('z'));
    assert_eq!(s.doc.editor.text(), untidy, "one undo step");
    update(&mut s, key(KeyCode::Char('{')));
    let broken = s.doc.editor.text();
    update(&mut s, alt('f'));
    assert_eq!(s.doc.editor.text(), broken);
    assert!(s.notice.as_ref().unwrap().0.contains("does not parse"));
}

#[test]
fn save_as_and_the_sample_data_sets_rename_and_delete() {
    let dir = temp_dir();
    let path = dir.path().join("greeting.view.json");
    let mut s = state_from(WITH_SAMPLES, &path);
    validate_now(&mut s);
    update(&mut s, alt('s'));
    let Some(Popup::Prompt(p)) = s.popups.top_mut() else {
        panic!("Save As asks for a name")
    };
    assert_eq!(p.title, "Save as");
    assert_eq!(
        p.input,
        path.display().to_string(),
        "the current name to start from"
    );
    let other = dir.path().join("copy.view.json");
    p.input = other.display().to_string();
    let effects = update(&mut s, key(KeyCode::Enter));
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::Save { path, .. } if *path == other)),
        "{effects:?}"
    );

    assert_eq!(s.doc.data_set.as_deref(), Some("default"));
    update(&mut s, alt('r'));
    if let Some(Popup::Prompt(p)) = s.popups.top_mut() {
        p.input = "empty".into();
    }
    update(&mut s, key(KeyCode::Enter));
    assert!(
        matches!(s.popups.top(), Some(Popup::Prompt(p)) if p.error.as_deref().unwrap_or("").contains("exists")),
        "a taken name is refused"
    );
    if let Some(Popup::Prompt(p)) = s.popups.top_mut() {
        p.input = "returning".into();
    }
    update(&mut s, key(KeyCode::Enter));
    assert_eq!(
        s.doc.data_sets(),
        ["returning", "empty"],
        "renamed in place"
    );
    assert_eq!(s.doc.data_set.as_deref(), Some("returning"));
    update(&mut s, alt('d'));
    update(&mut s, key(KeyCode::Esc));
    assert_eq!(s.doc.data_sets().len(), 2, "Esc keeps it");
    update(&mut s, alt('d'));
    update(&mut s, key(KeyCode::Enter));
    assert_eq!(s.doc.data_sets(), ["empty"]);
    assert_eq!(
        s.doc.data_set.as_deref(),
        Some("empty"),
        "the next set is shown"
    );
}

#[tokio::test(flavor = "current_thread")]
async fn the_template_goes_to_an_external_editor_and_comes_back_as_one_undo_step() {
    let ep = Endpoint::start().await;
    let mut state = state_for("order-cards.view.json");
    state.external_editor = Some("sed -i 's/Issue a refund/Refund now/'".into());
    let mut app = app_with(&ep, state, 120, 40);
    let before = app.state.doc.editor.text();
    app.feed(alt('e')).unwrap();
    let after = app.state.doc.editor.text();
    assert!(after.contains("Refund now"), "{:?}", app.state.notice);
    assert!(
        !after.ends_with('\n'),
        "the file's final newline is not taken in"
    );
    app.feed(ctrl('z')).unwrap();
    assert_eq!(app.state.doc.editor.text(), before, "one undo step");

    // An editor that fails leaves the template as it was, and says so.
    app.state.external_editor = Some("false".into());
    app.feed(alt('e')).unwrap();
    assert_eq!(app.state.doc.editor.text(), before);
    assert!(app.state.notice.as_ref().unwrap().0.contains("exited"));
}

/// "Connect to a flow" (Alt-W) copies the view's Show view action: a branch per action, the
/// error branches, and ViewData from the sample data shown (else a skeleton of the inputs).
#[test]
fn connect_to_a_flow_copies_the_show_view_action() {
    let dir = temp_dir();
    let path = dir.path().join("greeting.json");
    let mut s = state_from(WITH_SAMPLES, &path);
    validate_now(&mut s);
    let effects = update(&mut s, alt('w'));
    let text = match effects.as_slice() {
        [Effect::Copy(text)] => text.clone(),
        other => panic!("{other:?}"),
    };
    let action: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(action["Type"], "ShowView");
    assert_eq!(action["Parameters"]["ViewData"], s.doc.preview_data());
    assert_eq!(action["Parameters"]["ViewData"]["CustomerName"], "Ada");
    let branches: Vec<&str> = action["Transitions"]["Conditions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["Condition"]["Operands"][0].as_str().unwrap())
        .collect();
    assert_eq!(branches, ["Done"]);
    assert_eq!(action["Transitions"]["Errors"].as_array().unwrap().len(), 3);
    let (said, _) = s.notice.clone().unwrap();
    assert!(
        said.contains("sample data `default`") && said.contains("placeholder"),
        "{said}"
    );
    // Without sample data, a skeleton of the inputs the template reads.
    let mut s = state_for("order-cards.view.json");
    validate_now(&mut s);
    let effects = update(&mut s, alt('w'));
    let [Effect::Copy(text)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert!(
        s.notice.as_ref().unwrap().0.contains("skeleton"),
        "{:?}",
        s.notice
    );
    let action: serde_json::Value = serde_json::from_str(text).unwrap();
    assert!(action["Parameters"]["ViewData"].is_object(), "{action}");
}

/// Page settings (Alt-P): the title and the view-wide columns, checked as typed, written as
/// one edit that keeps the template canonical, one undo taking it back.
#[test]
fn page_settings_write_the_title_and_the_columns() {
    let mut s = state_for("order-cards.view.json");
    validate_now(&mut s);
    let original = s.doc.editor.text();
    update(&mut s, alt('p'));
    let Some(Popup::Page(p)) = s.popups.top() else {
        panic!("{:?}", s.popups.top())
    };
    let tree = connect_views::view::tree::Tree::parse(&original).unwrap();
    let title = tree
        .head
        .title
        .as_ref()
        .unwrap()
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(p.fields[0], title);
    update(&mut s, ctrl('u'));
    for e in chars("Callback request") {
        update(&mut s, e);
    }
    update(&mut s, key(KeyCode::Tab));
    update(&mut s, ctrl('u'));
    for e in chars("6 13") {
        update(&mut s, e);
    }
    update(&mut s, key(KeyCode::Enter));
    let Some(Popup::Page(p)) = s.popups.top() else {
        panic!("a bad span keeps the popup open: {:?}", s.popups.top())
    };
    assert!(
        p.problems.iter().any(|p| p.contains("\"13\"")),
        "{:?}",
        p.problems
    );
    assert_eq!(s.doc.editor.text(), original, "nothing written");
    update(&mut s, key(KeyCode::Backspace));
    update(&mut s, key(KeyCode::Backspace));
    update(&mut s, key(KeyCode::Char('6')));
    update(&mut s, key(KeyCode::Enter));
    assert!(!s.popups.is_open(), "{:?}", s.popups.top());
    let text = s.doc.editor.text();
    let tree = connect_views::view::tree::Tree::parse(&text).unwrap();
    assert_eq!(
        tree.head.title.as_ref().unwrap().as_str(),
        Some("Callback request")
    );
    assert_eq!(tree.head.columns(), vec![6, 6]);
    assert_eq!(
        connect_views::view::template::pretty(&text).unwrap(),
        text,
        "canonical"
    );
    update(&mut s, ctrl('z'));
    assert_eq!(s.doc.editor.text(), original, "one undo step");
}
