//! Each pane and popup driven and drawn alone (slumber's `TestHarness`): a component gets
//! the app readable and says what it wants as messages, so it can be pressed and drawn
//! without the loop; and a snapshot of each at 80x24 and 200x50, the smallest screen the
//! designer takes and a wide one, kept by insta like the designer's other snapshots
//! (`cargo insta review` after a deliberate change).

use std::path::PathBuf;

use connect_views::tui::component::Msg;
use connect_views::tui::event::{AppEvent, TaskEvent};
use connect_views::tui::popups::{Popup, Prompt};
use connect_views::tui::state::{AppState, Pane};
use connect_views::tui::update::{apply, update};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

use crate::common::tui::{key, state_for, validate_now};

const SIZES: [(u16, u16); 2] = [(80, 24), (200, 50)];

/// A designer state on the order cards example, checked, with a file name that is the same
/// on every machine.
fn harness() -> AppState {
    let mut s = state_for("order-cards.view.json");
    s.doc.path = Some(PathBuf::from("order-cards.view.json"));
    validate_now(&mut s);
    s
}

/// A key pressed in one component alone: the command the keymap finds in its context (or
/// the key it types), and the messages it sends.
fn press(state: &mut AppState, pane: Pane, k: KeyEvent) -> Vec<Msg> {
    let command = state.keymap.lookup(pane.context(), &k);
    connect_views::tui::panes::with(state, pane, |c, app| {
        let mut out = Vec::new();
        if !c.key(&k, app, &mut out)
            && let Some(command) = command
        {
            c.command(command, app, &mut out);
        }
        out
    })
    .unwrap_or_default()
}

/// The text of a drawn buffer, a line per row, trailing blanks trimmed.
fn text(t: &Terminal<TestBackend>) -> String {
    let buf = t.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        let line: String = (0..buf.area.width)
            .map(|x| buf[(x, y)].symbol().to_string())
            .collect();
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// One pane drawn alone over the whole screen.
fn pane_text(state: &mut AppState, pane: Pane, (w, h): (u16, u16)) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    let area = Rect::new(0, 0, w, h);
    connect_views::tui::panes::fit_to(state, area);
    connect_views::tui::panes::with(state, pane, |c, app| c.fit(area, app));
    t.draw(|f| {
        if let Some(c) = state.panes.get(pane) {
            c.render(f, area, &state.cx());
        }
    })
    .unwrap();
    text(&t)
}

/// A popup drawn alone over an empty screen.
fn popup_text(state: &AppState, dialog: &Popup, (w, h): (u16, u16)) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| dialog.render(f, f.area(), &state.cx())).unwrap();
    text(&t)
}

/// Compares with the insta snapshot `NAME` (tests/it/snapshots/it__snapshots__NAME.snap).
fn snapshot(name: &str, actual: &str) {
    insta::assert_snapshot!(name, actual);
}

fn shot_pane(state: &mut AppState, pane: Pane, name: &str) {
    for size in SIZES {
        let drawn = pane_text(state, pane, size);
        snapshot(&format!("pane-{name}-{}x{}", size.0, size.1), &drawn);
    }
}

fn shot_popup(state: &AppState, dialog: &Popup, name: &str) {
    for size in SIZES {
        let drawn = popup_text(state, dialog, size);
        snapshot(&format!("popup-{name}-{}x{}", size.0, size.1), &drawn);
    }
}

#[test]
fn the_actions_pane_alone_asks_for_a_prompt_and_changes_the_list_by_message() {
    let mut s = harness();
    s.focus = Pane::Actions;
    let out = press(&mut s, Pane::Actions, KeyEvent::from(KeyCode::Char('a')));
    let [Msg::Open(Popup::Prompt(p))] = out.as_slice() else {
        panic!("a opens the add prompt: {out:?}")
    };
    assert_eq!(p.title, "Add action");
    // Its Delete says the list as it wants it; nothing changed until the message is applied.
    let before = s.doc.meta.actions.clone();
    let out = press(&mut s, Pane::Actions, KeyEvent::from(KeyCode::Char('d')));
    let [Msg::SetActions(list)] = out.as_slice() else {
        panic!("d sends the list without the action: {out:?}")
    };
    assert_eq!(list.as_slice(), &before[1..]);
    assert_eq!(
        s.doc.meta.actions, before,
        "a component changes nothing itself"
    );
    apply(&mut s, out);
    assert_eq!(s.doc.meta.actions, before[1..]);
    shot_pane(&mut s, Pane::Actions, "actions");
}

#[test]
fn each_pane_drawn_alone_at_80x24_and_200x50() {
    let mut s = harness();
    shot_pane(&mut s, Pane::Status, "status");
    // The outline and the inspector on the card under the cursor.
    update(&mut s, key(KeyCode::F(10)));
    let line = s
        .doc
        .editor
        .lines()
        .iter()
        .position(|l| l.contains("refund_card"))
        .unwrap();
    s.doc.editor.move_to(line, 4);
    shot_pane(&mut s, Pane::Outline, "outline");
    shot_pane(&mut s, Pane::Inspector, "inspector");
    shot_pane(&mut s, Pane::Preview, "preview");
}

#[test]
fn the_browser_and_the_diff_pane_drawn_alone() {
    let mut s = harness();
    let effects = update(&mut s, key(KeyCode::F(12)));
    assert_eq!(effects.len(), 1, "the browser lists afresh: {effects:?}");
    crate::common::tui::listed(
        &mut s,
        &[
            ("Order actions", Some("the Order actions view")),
            ("Refund form", Some("the Refund form view")),
            ("Callback", Some("the Callback view")),
        ],
    );
    shot_pane(&mut s, Pane::Browser, "browser");
    update(&mut s, key(KeyCode::F(12)));
    // The buffer against a copy whose card reads otherwise.
    apply(
        &mut s,
        vec![Msg::Compare {
            what: "$LATEST".into(),
            label: "$LATEST".into(),
        }],
    );
    let (template, actions) = crate::common::example_content("order-cards.view.json");
    let theirs = template.replace("Issue a refund", "Refund now");
    let tree = connect_views::view::tree::Tree::parse(&theirs).map(std::sync::Arc::new);
    let against = connect_views::tui::panes::diff::Against {
        label: "$LATEST".into(),
        tree: tree.clone().unwrap(),
        actions: actions.clone(),
    };
    let ours = s.validation.tree.clone().unwrap();
    let diff = against.diff(&ours, &s.doc.meta.actions);
    let fetched = connect_views::tui::panes::diff::Fetched {
        tree,
        actions,
        diff: Some((diff, s.doc.changes)),
    };
    update(
        &mut s,
        AppEvent::Task(Box::new(TaskEvent::Compared {
            label: "$LATEST".into(),
            result: Ok(fetched),
        })),
    );
    shot_pane(&mut s, Pane::Diff, "diff");
}

#[test]
fn each_popup_drawn_alone_at_80x24_and_200x50() {
    use connect_views::tui::popups::{MetadataPopup, PalettePopup, PromotePopup, SubmitPopup};
    let s = harness();
    shot_popup(&s, &Popup::Help { scroll: 0 }, "help");
    shot_popup(&s, &Popup::Palette(PalettePopup::default()), "palette");
    shot_popup(&s, &Popup::Submit(SubmitPopup::checking()), "submit");
    let mut m = MetadataPopup {
        fields: [
            s.doc.meta.name.clone(),
            String::new(),
            "team=support".into(),
        ],
        cursors: [None; 3],
        focus: 0,
        problems: Vec::new(),
    };
    connect_views::tui::popups::check_metadata(&mut m);
    shot_popup(&s, &Popup::Metadata(m), "metadata");
    shot_popup(&s, &Popup::ConfirmQuit, "quit");
    let prompt = Prompt::new("Add action", "Refu", |_, _| Ok(Vec::new()));
    shot_popup(&s, &Popup::Prompt(prompt), "prompt");
    let conflict = Popup::Conflict {
        path: PathBuf::from("order-cards.view.json"),
    };
    shot_popup(&s, &conflict, "conflict");
    let promote = PromotePopup::planning("Order actions".into(), "prod".into());
    shot_popup(&s, &Popup::Promote(promote), "promote");
    let mut doc = s.doc.document();
    doc.template = doc.template.replace("Issue a refund", "Issue a refund now");
    let draft = connect_views::tui::journal::Draft::of(&doc, None, 1_767_225_000.0);
    let recover = Popup::Recover {
        draft: Box::new(draft),
        added: 1,
        removed: 1,
    };
    shot_popup(&s, &recover, "recover");
    // The page settings of the harness's view, and a condition of two clauses joined by OR.
    let tree = connect_views::view::tree::Tree::parse(&s.doc.editor.text()).unwrap();
    let page = connect_views::tui::popups::PagePopup::of(&tree);
    shot_popup(&s, &Popup::Page(page), "page");
    let form = connect_views::view::tree::Tree::parse(r#"{"Head": {"Title": "T"}, "Body": [
      {"_id": "reason", "Type": "Dropdown", "Props": {"Name": "Reason", "Label": "Reason", "Options": [{"Label": "Billing", "Value": "billing"}, {"Label": "Other", "Value": "other"}]}},
      {"_id": "details", "Type": "TextArea", "Props": {"Name": "Details", "Label": "Details"}}
    ]}"#)
    .unwrap();
    let current = serde_json::json!({"Conditions": [{"OrConditions": [
        {"Equals": {"ElementByKey": "Reason", "ElementByValue": "other"}},
        {"NotEquals": {"ElementByKey": "Details", "ElementByValue": ""}}
    ]}]});
    let builder = connect_views::tui::popups::ConditionPopup::new(
        &form,
        "details",
        "Required",
        Some(&current),
    )
    .expect("the view has fields");
    assert!(builder.or && builder.clauses.len() == 2, "{builder:?}");
    assert_eq!(builder.value(), current, "what it read is what it writes");
    shot_popup(&s, &Popup::Condition(builder), "condition");
}

#[test]
fn a_popup_driven_alone_carries_its_answer() {
    let s = harness();
    let mut dialog = Popup::Prompt(Prompt::new("Name", "", |_, input| {
        if input.is_empty() {
            return Err("give a name".into());
        }
        Ok(vec![Msg::AddAction(input.to_string())])
    }));
    let press = |d: &mut Popup, k: KeyEvent| {
        let command = s.keymap.lookup(d.context(), &k);
        let mut out = Vec::new();
        d.handle(command, &k, &s.cx(), &mut out);
        out
    };
    assert!(press(&mut dialog, KeyEvent::from(KeyCode::Enter)).is_empty());
    let Popup::Prompt(p) = &dialog else {
        unreachable!()
    };
    assert_eq!(p.error.as_deref(), Some("give a name"), "refused, it stays");
    for c in "Go".chars() {
        press(
            &mut dialog,
            KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
        );
    }
    let out = press(&mut dialog, KeyEvent::from(KeyCode::Enter));
    assert!(
        matches!(out.as_slice(), [Msg::Close, Msg::AddAction(a)] if a == "Go"),
        "{out:?}"
    );
}

/// F1 describes each key as its pane means it: under the inspector, `d` removes a prop
/// (the outline's `d` deletes a component), and Enter edits the prop.
#[test]
fn the_help_says_what_a_key_does_in_each_pane() {
    let s = harness();
    let help = popup_text(&s, &Popup::Help { scroll: 0 }, (200, 300));
    // A section: its heading's line, then its rows up to the blank line after them.
    let section = |name: &str| -> String {
        let lines: Vec<&str> = help.lines().collect();
        let start = lines
            .iter()
            .position(|l| l.trim_start().trim_start_matches('║').starts_with(name))
            .unwrap_or_else(|| panic!("{name}: {help}"));
        lines[start..]
            .iter()
            .take_while(|l| {
                !l.trim_matches(|c: char| c == '║' || c.is_whitespace())
                    .is_empty()
            })
            .copied()
            .collect::<Vec<_>>()
            .join("\n")
    };
    let inspector = section("Inspector");
    assert!(
        inspector.contains("remove the selected prop"),
        "{inspector}"
    );
    assert!(
        !inspector.contains("delete the selected component"),
        "{inspector}"
    );
    assert!(inspector.contains("edit the selected prop"), "{inspector}");
    let outline = section("Outline");
    assert!(
        outline.contains("delete the selected component"),
        "{outline}"
    );
    let actions = section("Actions");
    assert!(
        actions.contains("add the selected missing action"),
        "{actions}"
    );
}
