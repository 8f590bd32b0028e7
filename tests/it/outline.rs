//! The outline pane on TestBackend: F10 shows it, its selection is the component under the
//! editor's cursor both ways, each tree operation is one edit and one undo step, and tree
//! operations are refused while the text does not parse.

use connect_views::tui::event::AppEvent;
use connect_views::tui::state::{Pane, Popup};
use connect_views::tui::update::update;
use connect_views::view::tree::Tree;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

use crate::common::tui::{ctrl, draw, goto_line_of, key, state_for, validate_now};

fn alt(code: KeyCode) -> AppEvent {
    AppEvent::Input(Event::Key(KeyEvent::new(code, KeyModifiers::ALT)))
}

/// The `_id` of the component under the editor's cursor.
fn at_cursor(s: &connect_views::tui::state::AppState) -> Option<String> {
    let tree = Tree::parse(&s.doc.editor.text())?;
    let offset = connect_views::tui::panes::outline::cursor_offset(&s.cx())?;
    let n = tree.node_at(offset)?;
    tree.get(n).id.as_deref().map(str::to_string)
}

fn order(text: &str) -> Vec<String> {
    let tree = Tree::parse(text).unwrap();
    let root = tree.by_id("root").unwrap();
    tree.children(root)
        .map(|c| tree.get(c).id.as_deref().unwrap().to_string())
        .collect()
}

fn outline_state() -> connect_views::tui::state::AppState {
    let mut s = state_for("order-cards.view.json");
    validate_now(&mut s);
    update(&mut s, key(KeyCode::F(10)));
    assert_eq!(
        s.focus,
        Pane::Outline,
        "F10 shows the outline and focuses it"
    );
    s
}

#[test]
fn the_outline_follows_the_cursor_both_ways() {
    let mut s = outline_state();
    let screen = draw(&mut s, 200, 50).backend().to_string();
    assert!(screen.contains("Outline (5)"), "{screen}");
    assert!(screen.contains("Card refund_card “Issue a r"), "{screen}");
    // Down from the top walks the rows, moving the editor's cursor to each component.
    update(&mut s, key(KeyCode::Down));
    assert_eq!(at_cursor(&s).as_deref(), Some("root"));
    update(&mut s, key(KeyCode::Down));
    update(&mut s, key(KeyCode::Down));
    assert_eq!(at_cursor(&s).as_deref(), Some("refund_card"));
    assert_eq!(
        s.focus,
        Pane::Outline,
        "moving keeps the focus in the outline"
    );
    // The editor moves the outline's selection: Ctrl-G to the skip button's line.
    s.focus = Pane::Editor;
    goto_line_of(&mut s, "skip_button");
    let screen = draw(&mut s, 200, 50).backend().to_string();
    let row = screen
        .lines()
        .find(|l| l.contains("Button skip_button"))
        .expect("a row for the button")
        .to_string();
    assert_eq!(at_cursor(&s).as_deref(), Some("skip_button"), "{row}");
    // Left goes to the parent, Enter takes the focus to its place in the editor.
    s.focus = Pane::Outline;
    update(&mut s, key(KeyCode::Left));
    assert_eq!(at_cursor(&s).as_deref(), Some("root"));
    update(&mut s, key(KeyCode::Enter));
    assert_eq!(s.focus, Pane::Editor);
}

#[test]
fn each_tree_operation_is_one_edit_and_one_undo_step() {
    let mut s = outline_state();
    let original = s.doc.editor.text();
    for _ in 0..4 {
        update(&mut s, key(KeyCode::Down)); // to reship_card
    }
    assert_eq!(at_cursor(&s).as_deref(), Some("reship_card"));
    update(&mut s, alt(KeyCode::Up));
    let moved = s.doc.editor.text();
    assert_eq!(
        order(&moved),
        ["intro", "reship_card", "refund_card", "skip_button"]
    );
    assert_eq!(
        at_cursor(&s).as_deref(),
        Some("reship_card"),
        "the selection follows the _id"
    );
    assert!(s.notice.as_ref().unwrap().0.contains("move reship_card up"));
    // Nest the card into the header before it, then undo once: byte-identical to the move.
    update(&mut s, alt(KeyCode::Right));
    assert_eq!(
        order(&s.doc.editor.text()),
        ["intro", "refund_card", "skip_button"]
    );
    update(&mut s, ctrl('z'));
    assert_eq!(s.doc.editor.text(), moved, "one undo takes the nest back");
    update(&mut s, ctrl('z'));
    assert_eq!(s.doc.editor.text(), original, "and one more the move");

    // Duplicate, copy and paste give fresh _ids; delete and cut take the subtree out.
    update(&mut s, key(KeyCode::Char('c')));
    assert_eq!(
        order(&s.doc.editor.text()),
        [
            "intro",
            "refund_card",
            "reship_card",
            "reship_card_2",
            "skip_button"
        ]
    );
    update(&mut s, key(KeyCode::Char('y')));
    update(&mut s, key(KeyCode::Char('p')));
    let pasted = order(&s.doc.editor.text());
    assert_eq!(pasted.len(), 6, "{pasted:?}");
    assert!(pasted.contains(&"reship_card_3".to_string()), "{pasted:?}");
    update(&mut s, key(KeyCode::Char('d')));
    assert_eq!(order(&s.doc.editor.text()).len(), 5);
    for _ in 0..3 {
        update(&mut s, ctrl('z'));
    }
    assert_eq!(s.doc.editor.text(), original);

    // Rename an _id through its prompt.
    update(&mut s, key(KeyCode::Char('r')));
    assert!(matches!(s.popups.top(), Some(Popup::Prompt(_))));
    if let Some(Popup::Prompt(p)) = s.popups.top_mut() {
        p.input = "refund_card".into();
    }
    update(&mut s, key(KeyCode::Enter));
    match s.popups.top() {
        Some(Popup::Prompt(p)) => assert!(
            p.error
                .as_deref()
                .unwrap_or("")
                .contains("another component"),
            "{p:?}"
        ),
        other => panic!("a taken _id is refused in the prompt: {other:?}"),
    }
    if let Some(Popup::Prompt(p)) = s.popups.top_mut() {
        p.input = "reship_option".into();
    }
    update(&mut s, key(KeyCode::Enter));
    assert!(!s.popups.is_open());
    assert!(order(&s.doc.editor.text()).contains(&"reship_option".to_string()));
}

#[test]
fn tree_operations_wait_while_the_text_does_not_parse() {
    let mut s = outline_state();
    update(&mut s, key(KeyCode::Down));
    update(&mut s, key(KeyCode::Down));
    // Break the text in the editor, and let the analysis see it.
    s.focus = Pane::Editor;
    update(&mut s, ctrl('g'));
    update(&mut s, key(KeyCode::Char('3')));
    update(&mut s, key(KeyCode::Enter));
    update(&mut s, key(KeyCode::Char('{')));
    validate_now(&mut s);
    let broken = s.doc.editor.text();
    update(&mut s, key(KeyCode::F(10)));
    update(&mut s, key(KeyCode::F(10)));
    assert_eq!(s.focus, Pane::Outline);
    update(&mut s, alt(KeyCode::Down));
    assert_eq!(s.doc.editor.text(), broken, "nothing changed");
    let notice = s.notice.clone().unwrap().0;
    assert!(notice.contains("does not parse (at 3:"), "{notice}");
    let screen = draw(&mut s, 200, 50).backend().to_string();
    assert!(
        screen.contains("stale"),
        "the last good tree is shown, marked: {screen}"
    );
    assert!(screen.contains("Card refund_card"), "{screen}");
}

#[test]
fn below_160_columns_the_validation_stays_in_sight_whatever_takes_the_side_column() {
    use connect_views::view::Tally;
    // A Button raising an action the view does not list: an error at the published level.
    let template = r#"{"Head": {"Title": "T", "Configuration": {}}, "Body": [
  {"_id": "go", "Type": "Button", "Props": {"Action": "Go", "Label": "Go"}, "Content": ["Go"]}
]}"#;
    let mut s = crate::common::tui::state_of("Narrow", template, &["Done"]);
    let tally = Tally::of(&s.validation.diagnostics);
    assert!(tally.errors > 0, "{:?}", s.validation.diagnostics);
    let first = s
        .validation
        .diagnostics
        .iter()
        .find(|d| d.is_error())
        .unwrap()
        .clone();
    let headline = format!("{tally} · ");
    for (width, height) in [(80, 24), (120, 40), (159, 50)] {
        // The actions and the status share the side column: the Status pane says it.
        let screen = draw(&mut s, width, height).backend().to_string();
        assert!(screen.contains(" Status "), "{width}: {screen}");
        // The outline's turn (F10), then the preview's (F9): a line under it says it.
        update(&mut s, key(KeyCode::F(10)));
        let screen = draw(&mut s, width, height).backend().to_string();
        assert!(screen.contains("Outline ("), "{width}: {screen}");
        assert!(!screen.contains(" Status "), "{width}: {screen}");
        assert!(screen.contains(&headline), "{width}: {screen}");
        if width >= 120 {
            let place = first.location.as_ref().unwrap().start;
            assert!(
                screen.contains(&format!("· {}:{} ", place.line, place.column)),
                "{width}: the first error's place: {screen}"
            );
        }
        update(&mut s, key(KeyCode::F(10)));
        update(&mut s, key(KeyCode::F(9)));
        let screen = draw(&mut s, width, height).backend().to_string();
        assert!(screen.contains("Preview"), "{width}: {screen}");
        assert!(!screen.contains(" Status "), "{width}: {screen}");
        assert!(screen.contains(&headline), "{width}: {screen}");
        update(&mut s, key(KeyCode::F(9)));
    }
}
