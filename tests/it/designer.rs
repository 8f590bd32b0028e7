//! The designer: pure tests of `update`, pane snapshots on `TestBackend`, whole-app
//! key sequences against the local endpoint, and the built binary under a real PTY.

use std::time::Duration;

use connect_views::connect::ConnectOptions;
use connect_views::tui::action::Command;
use connect_views::tui::event::{AppEvent, TaskEvent};
use connect_views::tui::keymap::Keymap;
use connect_views::tui::state::{AppState, Pane, Popup, Tab};
use connect_views::tui::theme::Theme;
use connect_views::tui::update::update;
use connect_views::tui::{App, effect::Effect};
use connect_views::view::{Code, Level, Severity, ViewDocument};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Modifier;

use crate::common::tui::*;
use crate::common::{Endpoint, INSTANCE, Pty, example, temp_dir};

// --- update, pure -------------------------------------------------------------------

#[test]
fn tab_cycles_the_panes_and_the_editor_has_focus_first() {
    let mut s = state_for("order-cards.view.json");
    assert_eq!(s.focus, Pane::Editor);
    assert_eq!(s.doc.editor.cursor(), (0, 0));
    update(&mut s, key(KeyCode::Tab));
    assert_eq!(s.focus, Pane::Actions);
    update(&mut s, key(KeyCode::Tab));
    assert_eq!(s.focus, Pane::Status);
    update(&mut s, key(KeyCode::BackTab));
    assert_eq!(s.focus, Pane::Actions);
}

#[test]
fn typing_asks_for_validation_and_stale_results_are_dropped() {
    let mut s = state_for("order-cards.view.json");
    let effects = update(&mut s, key(KeyCode::Char(' ')));
    assert!(matches!(effects.as_slice(), [Effect::Validate { .. }]));
    let stale = s.doc.changes;
    update(&mut s, key(KeyCode::Char(' ')));
    update(
        &mut s,
        AppEvent::Task(Box::new(TaskEvent::Validated {
            revision: stale,
            analysis: Box::new(connect_views::view::Analysis {
                level: Some(Level::Published),
                ..Default::default()
            }),
            elapsed: Duration::ZERO,
            compared: None,
        })),
    );
    assert!(
        !s.validation_current(),
        "a result for an older revision is dropped"
    );
    validate_now(&mut s);
    assert!(s.validation_current());
}

#[test]
fn quitting_with_unsaved_changes_asks_first() {
    let mut s = state_for("order-cards.view.json");
    update(&mut s, ctrl('q'));
    assert!(s.quit, "nothing changed: quits at once");
    let mut s = state_for("order-cards.view.json");
    update(&mut s, key(KeyCode::Char('x')));
    update(&mut s, ctrl('q'));
    assert!(!s.quit);
    assert!(matches!(s.popups.top(), Some(Popup::ConfirmQuit)));
    update(&mut s, key(KeyCode::Esc));
    assert!(!s.popups.is_open() && !s.quit);
    update(&mut s, ctrl('q'));
    update(&mut s, key(KeyCode::Char('q')));
    assert!(s.quit);
}

/// Undoing back to the saved text (or typing it back) is no change: quit quits, and the
/// title bar's `[+]` goes.
#[test]
fn undoing_back_to_the_saved_text_is_not_a_change() {
    let mut s = state_for("order-cards.view.json");
    for e in chars("xy") {
        update(&mut s, e);
    }
    assert!(s.doc.dirty());
    while s.doc.dirty() {
        let before = s.doc.template_editor().revision();
        update(&mut s, ctrl('z'));
        assert_ne!(
            s.doc.template_editor().revision(),
            before,
            "undo did something"
        );
    }
    assert!(!draw(&mut s, 120, 40).backend().to_string().contains("[+]"));
    update(&mut s, ctrl('q'));
    assert!(s.quit, "back to the saved text: quits at once");
    // Typed back by hand, too.
    let mut s = state_for("order-cards.view.json");
    update(&mut s, key(KeyCode::Char('x')));
    update(&mut s, key(KeyCode::Backspace));
    assert!(!s.doc.dirty());
}

/// Undo and redo walk one history over the template's text, the metadata and the sample
/// data sets: each action of the user is one step, taken back in the order it was made.
#[test]
fn undo_walks_one_history_over_the_text_the_metadata_and_the_data_sets() {
    use connect_views::tui::component::Msg;
    use connect_views::tui::update::apply;
    let mut s = state_for("order-cards.view.json");
    let (text, name) = (s.doc.editor.text(), s.doc.meta.name.clone());
    for e in chars("ab") {
        update(&mut s, e);
    }
    let typed = s.doc.editor.text();
    apply(
        &mut s,
        vec![Msg::SetMeta {
            name: "Renamed".into(),
            description: None,
            tags: Default::default(),
        }],
    );
    apply(&mut s, vec![Msg::AddAction("Extra".into())]);
    apply(
        &mut s,
        vec![Msg::NewDataSet {
            name: "default".into(),
            data: serde_json::json!({"OrderSummary": "x"}),
            inputs: 1,
        }],
    );
    assert_eq!(s.doc.tab, Tab::Data, "the new set is shown");
    assert_eq!(s.doc.data_sets(), vec!["default".to_string()]);
    // Back, one action at a time, from the data tab too.
    update(&mut s, ctrl('z'));
    assert!(s.doc.data_sets().is_empty(), "the data set goes first");
    update(&mut s, ctrl('z'));
    assert!(!s.doc.meta.actions.contains(&"Extra".to_string()));
    assert_eq!(s.doc.meta.name, "Renamed");
    update(&mut s, ctrl('z'));
    assert_eq!(s.doc.meta.name, name);
    assert_eq!(
        s.doc.template_editor().text(),
        typed,
        "the text waits its turn"
    );
    update(&mut s, ctrl('z'));
    assert_eq!(s.doc.template_editor().text(), text);
    assert!(!s.doc.dirty(), "back where it was opened: nothing to save");
    // And forth.
    for _ in 0..4 {
        update(&mut s, ctrl('y'));
    }
    assert_eq!(s.doc.template_editor().text(), typed);
    assert_eq!(s.doc.meta.name, "Renamed");
    assert!(s.doc.meta.actions.contains(&"Extra".to_string()));
    assert_eq!(s.doc.data_sets(), vec!["default".to_string()]);
    // A new change after an undo ends what could be redone.
    update(&mut s, ctrl('z'));
    apply(&mut s, vec![Msg::AddAction("Other".into())]);
    update(&mut s, ctrl('y'));
    assert!(
        s.doc.data_sets().is_empty(),
        "redo has nothing left: {:?}",
        s.notice
    );
}

/// A line half typed (text that does not parse) does not make every action "not raised":
/// the Actions pane keeps what the last good text raised, marked stale as the outline is.
#[test]
fn the_actions_keep_the_last_good_text_while_a_line_is_half_typed() {
    use connect_views::tui::state::ActionRow;
    let mut s = state_for("order-cards.view.json");
    validate_now(&mut s);
    let raised = |s: &AppState| {
        s.action_rows()
            .iter()
            .filter(|(_, r)| *r == ActionRow::Raised)
            .count()
    };
    let before = raised(&s);
    assert!(before > 0);
    update(&mut s, key(KeyCode::Char('x')));
    validate_now(&mut s);
    assert!(
        s.validation
            .diagnostics
            .iter()
            .any(|d| d.code == Code::Syntax),
        "the text does not parse"
    );
    assert_eq!(raised(&s), before, "what the last good text raised");
    let screen = draw(&mut s, 160, 40).backend().to_string();
    assert!(screen.contains(", stale)"), "{screen}");
    update(&mut s, key(KeyCode::Backspace));
    validate_now(&mut s);
    assert!(
        !draw(&mut s, 160, 40)
            .backend()
            .to_string()
            .contains(", stale)")
    );
}

#[test]
fn missing_actions_are_shown_and_added_with_one_key() {
    let mut s = state_for("order-cards.view.json");
    s.doc.meta.actions.retain(|a| a != "Skip");
    validate_now(&mut s);
    let rows = s.action_rows();
    assert_eq!(rows.last().map(|r| r.0.as_str()), Some("Skip"));
    assert_eq!(
        rows.last().map(|r| r.1),
        Some(connect_views::tui::state::ActionRow::Missing)
    );
    assert!(
        s.validation
            .diagnostics
            .iter()
            .any(|d| d.code == Code::ActionNotListed)
    );
    s.focus = Pane::Actions;
    update(&mut s, key(KeyCode::Char('m')));
    assert_eq!(s.doc.meta.actions, vec!["Refund", "Reship", "Skip"]);
    validate_now(&mut s);
    assert!(s.validation.diagnostics.is_empty());
    // Reorder and delete.
    update(&mut s, key(KeyCode::Down));
    update(
        &mut s,
        AppEvent::Input(Event::Key(KeyEvent::new(KeyCode::Up, KeyModifiers::SHIFT))),
    );
    assert_eq!(s.doc.meta.actions, vec!["Reship", "Refund", "Skip"]);
    update(&mut s, key(KeyCode::Char('d')));
    assert_eq!(s.doc.meta.actions, vec!["Refund", "Skip"]);
}

#[test]
fn metadata_dialog_validates_like_the_service() {
    let mut s = state_for("order-cards.view.json");
    update(&mut s, key(KeyCode::F(2)));
    for e in chars(", bad") {
        update(&mut s, e);
    }
    let Some(Popup::Metadata(m)) = s.popups.top() else {
        panic!("metadata dialog")
    };
    assert!(
        m.problems.iter().any(|p| p.contains("\",\"")),
        "{:?}",
        m.problems
    );
    update(&mut s, key(KeyCode::Enter));
    assert!(s.popups.is_open(), "an invalid name is not applied");
    for _ in 0..5 {
        update(&mut s, key(KeyCode::Backspace));
    }
    update(&mut s, key(KeyCode::Enter));
    assert!(!s.popups.is_open());
    assert_eq!(s.doc.meta.name, "Order actions");
}

#[test]
fn submit_is_refused_with_a_pointer_to_the_first_error() {
    let mut s = state_for("order-cards.view.json");
    s.doc.editor.move_to(21, 28);
    for e in chars(" \"Colour\": \"red\",") {
        update(&mut s, e);
    }
    validate_now(&mut s);
    s.doc.editor.move_to(0, 0);
    update(&mut s, ctrl('p'));
    update(&mut s, no_view_of_that_name());
    let effects = update(&mut s, key(KeyCode::Enter));
    assert!(effects.is_empty(), "nothing is sent");
    let Some(Popup::Submit(d)) = s.popups.top() else {
        panic!("still open")
    };
    let m = d.message.as_deref().unwrap();
    assert!(
        m.starts_with("refused: 1 error at the published level") && m.contains("CV041"),
        "{m}"
    );
    assert_eq!(
        s.doc.editor.cursor(),
        (21, 29),
        "the cursor is on the first error"
    );
    // SAVED accepts an unknown prop (a warning there).
    update(&mut s, key(KeyCode::Char('s')));
    validate_now(&mut s);
    let effects = update(&mut s, key(KeyCode::Enter));
    assert!(matches!(effects.as_slice(), [Effect::Submit { .. }]));
}

#[test]
fn minified_templates_are_pretty_printed_on_load_and_the_file_is_untouched() {
    let dir = temp_dir();
    let path = dir.path().join("cli.json");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_connect-views"))
        .args(["export", example("order-cards.view.json").to_str().unwrap()])
        .output()
        .unwrap();
    std::fs::write(&path, &out.stdout).unwrap();
    let doc = ViewDocument::load(&path).unwrap();
    assert_eq!(
        doc.template.lines().count(),
        1,
        "the CLI input holds a one-line template"
    );
    let s = AppState::new(Some(doc), Keymap::default(), Theme::new(true));
    assert!(
        s.doc.editor.lines().len() > 50,
        "pretty-printed for editing"
    );
    assert!(!s.doc.dirty());
    assert_eq!(std::fs::read(&path).unwrap(), out.stdout);
    // Saving the unchanged document writes the same bytes back.
    assert_eq!(
        connect_views::tui::update::file_text(&s)
            .unwrap()
            .as_bytes(),
        out.stdout.as_slice()
    );
}

#[test]
fn keymap_commands_all_have_help() {
    for c in Command::all() {
        assert!(!c.help().is_empty());
    }
}

// --- snapshots ----------------------------------------------------------------------

fn snapshot_state() -> AppState {
    let mut s = state_for("order-cards.view.json");
    s.session.target = Some("the local endpoint".into());
    s.session.instance = Some(INSTANCE.into());
    s.doc.path = Some("order-cards.view.json".into());
    s
}

#[test]
fn snapshot_main_screen() {
    let mut s = snapshot_state();
    validate_now(&mut s);
    insta::assert_snapshot!(draw(&mut s, 80, 24).backend());
}

#[test]
fn snapshot_errors_inline() {
    let mut s = snapshot_state();
    s.doc.editor.move_to(21, 28);
    for e in chars(" \"Colour\": \"red\",") {
        update(&mut s, e);
    }
    validate_now(&mut s);
    s.focus = Pane::Status;
    let t = draw(&mut s, 100, 30);
    insta::assert_snapshot!(t.backend());
    // The bad key is underlined and the gutter is marked, colour or not.
    let buf = t.backend().buffer();
    let row = (0..buf.area.height).find(|&y| {
        (0..buf.area.width)
            .map(|x| buf[(x, y)].symbol().to_string())
            .collect::<String>()
            .contains("E 22 ")
    });
    let y = row.expect("the edited line is visible");
    let line: String = (0..buf.area.width)
        .map(|x| buf[(x, y)].symbol().to_string())
        .collect();
    let x = line.find("\"Colour\"").unwrap() as u16;
    assert!(buf[(x, y)].modifier.contains(Modifier::UNDERLINED));
    assert!(line.contains("E 22"), "{line}");
}

#[test]
fn snapshot_submit_dialog_and_help() {
    let mut s = snapshot_state();
    validate_now(&mut s);
    update(&mut s, ctrl('p'));
    update(&mut s, no_view_of_that_name());
    insta::assert_snapshot!("submit_dialog", draw(&mut s, 80, 24).backend());
    update(&mut s, key(KeyCode::Esc));
    update(&mut s, key(KeyCode::F(1)));
    insta::assert_snapshot!("help_overlay", draw(&mut s, 100, 40).backend());
}

#[test]
fn bad_config_entries_are_shown_and_defaults_used() {
    let dir = temp_dir();
    std::fs::write(
        dir.path().join("keymap.toml"),
        "[keys]\nsave = \"hyper-s\"\nsubmit = \"f5\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("theme.toml"),
        "[colors]\nerror = \"blood\"\n",
    )
    .unwrap();
    let keymap_text = std::fs::read_to_string(dir.path().join("keymap.toml")).unwrap();
    let mut keymap = Keymap::default();
    let mut problems = keymap.apply_overrides(&keymap_text);
    let mut theme = Theme::new(true);
    problems.extend(connect_views::tui::apply_theme(
        &mut theme,
        &std::fs::read_to_string(dir.path().join("theme.toml")).unwrap(),
    ));
    // The bad key, the bad colour, and F5 taken from the next sample data set, said.
    assert_eq!(problems.len(), 3, "{problems:?}");
    assert!(
        problems
            .iter()
            .any(|p| p.contains("submit takes F5 from next_data_set")),
        "{problems:?}"
    );
    let doc = ViewDocument::load(&example("order-cards.view.json")).unwrap();
    let mut s = AppState::new(Some(doc), keymap, theme);
    s.config_problems = problems;
    // F5 now submits; Ctrl-S still saves (the bad entry kept the default).
    update(&mut s, key(KeyCode::F(5)));
    assert!(matches!(s.popups.top(), Some(Popup::Submit(_))));
    s.popups.clear();
    assert_eq!(
        s.keymap.lookup(
            connect_views::tui::panes::Pane::Editor.context(),
            &KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL)
        ),
        Some(Command::Save)
    );
    let screen = draw(&mut s, 120, 40).backend().to_string();
    assert!(
        screen.contains("hyper") && screen.contains("blood") && screen.contains("takes F5"),
        "{screen}"
    );
}

#[test]
fn snapshot_too_small() {
    let mut s = snapshot_state();
    insta::assert_snapshot!(draw(&mut s, 60, 20).backend());
}

#[test]
fn focus_shows_without_colour() {
    let mut s = snapshot_state();
    let t = draw(&mut s, 80, 24);
    let buf = t.backend().buffer();
    // The focused editor's border is thick and its title reversed; no colour is set.
    assert_eq!(buf[(0, 1)].symbol(), "┏");
    assert!(buf[(3, 1)].modifier.contains(Modifier::REVERSED));
    assert_eq!(buf[(3, 1)].fg, ratatui::style::Color::Reset);
}

fn paste(text: &str) -> AppEvent {
    AppEvent::Input(Event::Paste(text.to_string()))
}

fn data_codes(s: &AppState) -> Vec<(Code, String)> {
    s.validation
        .data_diagnostics
        .iter()
        .map(|d| (d.code, d.pointer.clone()))
        .collect()
}

#[test]
fn sample_data_sets_switch_recheck_on_template_edits_and_save_with_the_view() {
    let dir = temp_dir();
    let path = dir.path().join("greeting.view.json");
    let mut s = state_from(WITH_SAMPLES, &path);
    assert_eq!(s.doc.data_set.as_deref(), Some("default"));
    validate_now(&mut s);
    assert_eq!(s.validation.data_set.as_deref(), Some("default"));
    assert_eq!(data_codes(&s), vec![]);

    // F5: the next set, in the data tab, checked with the template.
    update(&mut s, key(KeyCode::F(5)));
    assert_eq!(s.doc.tab, Tab::Data);
    assert_eq!(s.doc.data_set.as_deref(), Some("empty"));
    validate_now(&mut s);
    assert_eq!(
        data_codes(&s),
        vec![
            (Code::DataShape, "/Notice".to_string()),
            (Code::EmptyString, "/CustomerName".to_string()),
        ]
    );
    // F8 jumps to a data finding, in the data editor.
    update(&mut s, key(KeyCode::F(8)));
    assert_eq!(s.doc.tab, Tab::Data);
    let notice = s.notice.clone().unwrap().0;
    assert!(notice.contains("CV08"), "{notice}");

    // A template edit that removes an input re-checks the data: Notice is no longer needed.
    update(&mut s, key(KeyCode::F(4)));
    assert_eq!(s.doc.tab, Tab::Template);
    let template: String = s
        .doc
        .editor
        .text()
        .lines()
        .filter(|l| !l.contains("$.Notice"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert!(!template.contains("$.Notice"), "{template}");
    update(&mut s, ctrl('a'));
    update(&mut s, paste(&template));
    validate_now(&mut s);
    assert_eq!(
        data_codes(&s),
        vec![(Code::EmptyString, "/CustomerName".to_string())]
    );

    // Editing the data changes the document; saving writes both sets with the view.
    update(&mut s, key(KeyCode::F(4)));
    update(&mut s, ctrl('a'));
    update(&mut s, paste("{\"CustomerName\": \"Grace\"}"));
    validate_now(&mut s);
    assert_eq!(data_codes(&s), vec![]);
    let effects = update(&mut s, ctrl('s'));
    let Some(Effect::Save { text, .. }) = effects.into_iter().next() else {
        panic!("Ctrl-S saves")
    };
    let saved: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        saved["SampleData"],
        serde_json::json!({
            "default": {"CustomerName": "Ada", "Notice": "Welcome back"},
            "empty": {"CustomerName": "Grace"}
        })
    );

    // A set that is not JSON is reported where it breaks, and never saved half-way.
    update(&mut s, ctrl('a'));
    update(&mut s, paste("{\"CustomerName\": }"));
    validate_now(&mut s);
    assert_eq!(s.validation.data_diagnostics[0].code, Code::Syntax);
    assert!(s.doc.dirty());
    assert!(update(&mut s, ctrl('s')).is_empty());
    assert!(s.notice.clone().unwrap().0.contains("is not valid JSON"));
    assert!(
        update(&mut s, key(KeyCode::F(5))).is_empty(),
        "no switching away either"
    );
    assert_eq!(s.doc.data_editor().text(), "{\"CustomerName\": }");
}

#[test]
fn a_sample_data_set_mid_edit_is_journaled_as_typed_and_recovered() {
    let dir = temp_dir();
    let path = dir.path().join("greeting.view.json");
    let mut s = state_from(WITH_SAMPLES, &path);
    s.journal = Some(dir.path().join("journal"));
    update(&mut s, key(KeyCode::F(4)));
    update(&mut s, ctrl('a'));
    let effects = update(&mut s, paste("{\"CustomerName\": \"Ad"));
    let Some(Effect::Journal { draft, .. }) = effects.into_iter().next() else {
        panic!("an edit is journaled")
    };
    assert_eq!(
        draft.data_text,
        Some(("default".to_string(), "{\"CustomerName\": \"Ad".to_string()))
    );

    // The next session on the same file offers it back, text as typed.
    let mut next = state_from(WITH_SAMPLES, &path);
    assert!(next.offer_recovery(*draft));
    update(&mut next, key(KeyCode::Enter));
    assert_eq!(next.doc.data_set.as_deref(), Some("default"));
    assert_eq!(next.doc.data_editor().text(), "{\"CustomerName\": \"Ad");
    assert!(next.doc.dirty());
    assert!(
        update(&mut next, ctrl('s')).is_empty(),
        "not saved half-way"
    );
}

#[test]
fn a_new_sample_data_set_is_made_from_the_skeleton() {
    let mut s = state_for("customer-detail.view.json");
    update(&mut s, key(KeyCode::F(4)));
    assert_eq!(s.doc.tab, Tab::Data);
    assert!(
        update(&mut s, key(KeyCode::Char('x'))).is_empty(),
        "no set to type into yet"
    );
    assert!(s.notice.clone().unwrap().0.contains("Ctrl-N creates one"));
    update(&mut s, ctrl('n'));
    match s.popups.top() {
        Some(Popup::Prompt(p)) => assert_eq!(p.input, "default"),
        other => panic!("a prompt for the name, not {other:?}"),
    }
    let effects = update(&mut s, key(KeyCode::Enter));
    assert!(
        effects.iter().any(
            |e| matches!(e, Effect::Validate { data: Some((set, _)), .. } if set == "default")
        ),
        "{effects:?}"
    );
    let set = &s.doc.extra["SampleData"]["default"];
    for input in ["CustomerName", "Account", "Orders", "Notice"] {
        assert!(set.get(input).is_some(), "{input} in {set}");
    }
    assert!(s.doc.dirty());
    validate_now(&mut s);
    assert_eq!(data_codes(&s), vec![]);
    // The second set gets a free name.
    update(&mut s, ctrl('n'));
    match s.popups.top() {
        Some(Popup::Prompt(p)) => assert_eq!(p.input, "set2"),
        other => panic!("{other:?}"),
    }
}

#[tokio::test(flavor = "current_thread")]
async fn sample_data_is_checked_in_the_background_with_errors_inline() {
    let ep = Endpoint::start().await;
    let dir = temp_dir();
    let state = state_from(WITH_SAMPLES, &dir.path().join("greeting.view.json"));
    let mut app = app_with(&ep, state, 120, 40);
    tokio::time::pause();
    until(&mut app, "the first check", |a| {
        a.state.validation_current() && screen(a).contains("data `default` fits the inputs")
    })
    .await;
    press(&mut app, [key(KeyCode::F(4)), ctrl('a')]).await;
    press(
        &mut app,
        [paste(
            "{\n  \"CustomerName\": {\"First\": \"Ada\"},\n  \"Notice\": \"hi\"\n}",
        )],
    )
    .await;
    until(&mut app, "the data error in the list and the gutter", |a| {
        let sc = screen(a);
        a.state.validation_current()
            && sc.contains("data `default`: 1 error")
            && sc.contains("CV080 data 2:19")
            && sc.contains("[Data `default` 1/2]")
    })
    .await;
    let sc = screen(&app);
    assert!(
        sc.lines()
            .any(|l| l.contains("E") && l.contains("\"CustomerName\": {\"First\"")),
        "the E mark on the data line:\n{sc}"
    );
}

// --- whole app against the local endpoint -----------------------------------------

async fn app_for(ep: &Endpoint, name: &str) -> App<TestBackend> {
    app_with(ep, state_for(name), 120, 40)
}

/// The app on `name` at `width`x`height`, time paused, once its first validation is in.
async fn started(ep: &Endpoint, name: &str, width: u16, height: u16) -> App<TestBackend> {
    let mut app = app_with(ep, state_for(name), width, height);
    tokio::time::pause();
    until(&mut app, "the first validation", |a| {
        a.state.validation_current()
    })
    .await;
    app
}

#[tokio::test(flavor = "current_thread")]
async fn edit_see_the_error_jump_fix_and_publish() {
    let ep = Endpoint::start().await;
    let mut app = app_for(&ep, "order-cards.view.json").await;
    tokio::time::pause();
    until(&mut app, "the first validation", |a| {
        a.state.validation_current()
    })
    .await;

    // Add an unknown prop on line 22.
    press(&mut app, [ctrl('g')]).await;
    press(&mut app, chars("22")).await;
    press(&mut app, [key(KeyCode::Enter), key(KeyCode::End)]).await;
    press(&mut app, chars(" \"Colour\": \"red\",")).await;
    until(&mut app, "CV041 in the diagnostics list", |a| {
        a.state.validation_current() && screen(a).contains("CV041 22:")
    })
    .await;
    // Move away, then jump to it from the diagnostics list.
    press(
        &mut app,
        [ctrl('g'), key(KeyCode::Char('1')), key(KeyCode::Enter)],
    )
    .await;
    until(&mut app, "the move", |a| {
        a.state.doc.editor.cursor() == (0, 0)
    })
    .await;
    press(&mut app, [key(KeyCode::Tab), key(KeyCode::Tab)]).await;
    until(&mut app, "the status pane", |a| {
        a.state.focus == Pane::Status
    })
    .await;
    press(&mut app, [key(KeyCode::Enter)]).await;
    until(&mut app, "the jump", |a| a.state.focus == Pane::Editor).await;
    assert_eq!(app.state.doc.editor.cursor(), (21, 29));
    // Fix it.
    for _ in 0.." \"Colour\": \"red\",".len() {
        press(&mut app, [key(KeyCode::Delete)]).await;
    }
    until(&mut app, "a valid template", |a| {
        a.state.validation_current() && a.state.validation.diagnostics.is_empty()
    })
    .await;
    assert!(screen(&app).contains("valid (published)"));

    // Publish: real time again for the network.
    tokio::time::resume();
    open_submit(&mut app, "create (no view of this name yet)").await;
    press(&mut app, [key(KeyCode::Enter)]).await;
    until(&mut app, "the result", |a| a.state.session.last.is_some()).await;
    let s = screen(&app);
    assert!(s.contains("$SAVED $LATEST"), "{s}");
    let sha = app
        .state
        .session
        .last
        .as_ref()
        .unwrap()
        .view
        .content_sha256
        .clone()
        .unwrap();
    assert!(sha.len() == 64 && sha.chars().all(|c| c.is_ascii_hexdigit()));
    assert!(s.contains(&sha[..20]), "{s}");
    assert!(s.contains("CreateView"));
    let request = app
        .state
        .session
        .last
        .as_ref()
        .unwrap()
        .view
        .request_id
        .clone()
        .expect("a request id");
    assert!(s.contains(&request[..8]), "{s}");

    // F6 asks for a description, Enter makes the numbered version with it.
    press(&mut app, [key(KeyCode::F(6))]).await;
    until(&mut app, "the description prompt", |a| {
        matches!(a.state.popups.top(), Some(Popup::Prompt(p))
            if p.title.starts_with("Version description"))
    })
    .await;
    press(&mut app, chars("first cut")).await;
    press(&mut app, [key(KeyCode::Enter)]).await;
    until(&mut app, "the version", |a| {
        a.state.session.last_version.is_some()
    })
    .await;
    assert_eq!(app.state.session.last_version.as_ref().unwrap().version, 1);
    assert_eq!(
        app.state
            .session
            .last_version
            .as_ref()
            .unwrap()
            .version_description
            .as_deref(),
        Some("first cut"),
        "the description reached the service"
    );
    assert!(screen(&app).contains("created version 1 of \"Order actions\""));
    // Again with nothing changed: said plainly, no second version.
    app.state.session.last_version = None;
    press(&mut app, [key(KeyCode::F(6)), key(KeyCode::Enter)]).await;
    until(&mut app, "the answer", |a| {
        a.state.session.last_version.is_some()
    })
    .await;
    assert_eq!(app.state.session.last_version.as_ref().unwrap().version, 1);
    assert!(
        screen(&app).contains("no change since version 1: no new version created"),
        "{}",
        screen(&app)
    );
}

#[tokio::test(flavor = "current_thread")]
async fn a_name_taken_meanwhile_is_reported_with_advice() {
    let ep = Endpoint::start().await;
    let mut app = app_for(&ep, "callback-form.view.json").await;
    until(&mut app, "the first validation", |a| {
        a.state.validation_current()
    })
    .await;
    open_submit(&mut app, "create (no view of this name yet)").await;
    // Someone else creates the same name before Enter.
    let (template, actions) = crate::common::example_content("callback-form.view.json");
    ep.sdk()
        .create_view()
        .instance_id(INSTANCE)
        .name("Callback request")
        .status(aws_sdk_connect::types::ViewStatus::Saved)
        .content(crate::common::content(&template, &actions))
        .send()
        .await
        .unwrap();
    press(&mut app, [key(KeyCode::Enter)]).await;
    until(&mut app, "the error", |a| {
        a.state.session.service_error.is_some()
    })
    .await;
    let s = screen(&app);
    assert!(
        s.contains("CreateView failed") && s.contains("DuplicateResourceException"),
        "{s}"
    );
    assert!(s.contains("pull that view"), "{s}");
    // Ctrl-P again finds the view; this buffer was never opened from it, so plain Enter
    // does not replace it, and `o` does.
    open_submit(&mut app, "update view").await;
    assert!(
        screen(&app).contains("this replaces a view you did not open"),
        "{}",
        screen(&app)
    );
    press(&mut app, [key(KeyCode::Enter)]).await;
    until(&mut app, "the refusal", |a| {
        screen(a).contains("not submitted:")
    })
    .await;
    assert!(app.state.session.last.is_none());
    press(&mut app, [key(KeyCode::Char('o'))]).await;
    until(&mut app, "the update", |a| a.state.session.last.is_some()).await;
    assert_eq!(
        app.state.session.last.as_ref().unwrap().operation,
        "UpdateViewContent"
    );
}

/// The designer on `name` with its journal (and the bases kept beside it) under `drafts`,
/// as the binary opens a file.
async fn journaled(ep: &Endpoint, name: &str, drafts: &std::path::Path) -> App<TestBackend> {
    let mut state = state_for(name);
    connect_views::tui::attach_journal(&mut state, drafts, Default::default());
    let mut app = app_with(ep, state, 120, 40);
    until(&mut app, "the first validation", |a| {
        a.state.validation_current()
    })
    .await;
    app
}

#[tokio::test(flavor = "current_thread")]
async fn a_file_reopened_after_a_submission_knows_its_base() {
    use connect_views::connect::base::Overwrite;
    use connect_views::tui::update::overwrite_risk;
    let ep = Endpoint::start().await;
    let drafts = temp_dir();
    let mut app = journaled(&ep, "order-cards.view.json", drafts.path()).await;
    open_submit(&mut app, "create (no view of this name yet)").await;
    press(&mut app, [key(KeyCode::Enter)]).await;
    until(&mut app, "the create", |a| a.state.session.last.is_some()).await;
    let id = app.state.session.last.as_ref().unwrap().view.id.clone();
    let file = app.state.doc.path.clone().unwrap();
    let kept = connect_views::connect::base::kept_path(drafts.path(), &file);
    // Written off the loop, with no event to say so: wait for the file itself.
    for _ in 0..200 {
        if kept.exists() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(
        kept.exists(),
        "the base is kept beside the journal: {}",
        kept.display()
    );
    drop(app);

    // Reopened unchanged: the view is the one it was submitted to, nothing to overwrite.
    let mut again = journaled(&ep, "order-cards.view.json", drafts.path()).await;
    assert_eq!(
        again.state.session.base.of(&id).map(|b| b.view_id.as_str()),
        Some(id.as_str())
    );
    open_submit(&mut again, "update view").await;
    assert_eq!(overwrite_risk(&again.state), None, "{}", screen(&again));
    drop(again);

    // Someone else writes meanwhile: reopened, the file says what changed since.
    let (template, actions) = crate::common::example_content("order-cards.view.json");
    crate::common::write_elsewhere(
        &ep.sdk(),
        INSTANCE,
        &id,
        aws_sdk_connect::types::ViewStatus::Saved,
        &template.replace("Issue a refund", "Refund now"),
        &actions,
    )
    .await;
    let mut later = journaled(&ep, "order-cards.view.json", drafts.path()).await;
    open_submit(&mut later, "update view").await;
    let risk = overwrite_risk(&later.state);
    assert!(
        matches!(&risk, Some(Overwrite::ChangedSince { what, .. }) if what == "+1 -1 lines of the template"),
        "{risk:?}"
    );

    // Without the kept bases (another machine, say) it is a view this buffer never opened.
    let elsewhere = temp_dir();
    let mut other = journaled(&ep, "order-cards.view.json", elsewhere.path()).await;
    open_submit(&mut other, "update view").await;
    assert!(
        matches!(
            overwrite_risk(&other.state),
            Some(Overwrite::NotOpened { .. })
        ),
        "{}",
        screen(&other)
    );
}

#[tokio::test(flavor = "current_thread")]
async fn a_change_published_meanwhile_is_not_overwritten_on_plain_enter() {
    let ep = Endpoint::start().await;
    let mut app = app_for(&ep, "order-cards.view.json").await;
    until(&mut app, "the first validation", |a| {
        a.state.validation_current()
    })
    .await;
    // Publish from the designer: the instance's copy is now this buffer's base.
    open_submit(&mut app, "create (no view of this name yet)").await;
    press(&mut app, [key(KeyCode::Enter)]).await;
    until(&mut app, "the create", |a| a.state.session.last.is_some()).await;
    let id = app.state.session.last.as_ref().unwrap().view.id.clone();
    // Someone else publishes a change meanwhile.
    let (template, _) = crate::common::example_content("order-cards.view.json");
    let theirs = template.replace("Issue a refund", "Refund now");
    ep.sdk()
        .update_view_content()
        .instance_id(INSTANCE)
        .view_id(&id)
        .status(aws_sdk_connect::types::ViewStatus::Published)
        .content(crate::common::content(
            &theirs,
            &[
                "Refund".into(),
                "Reship".into(),
                "Skip".into(),
                "Escalate".into(),
            ],
        ))
        .send()
        .await
        .unwrap();
    // An edit here, then Ctrl-P: the dialog says what changed and plain Enter refuses.
    press(&mut app, [key(KeyCode::End), key(KeyCode::Char(' '))]).await;
    until(&mut app, "the edit validated", |a| {
        a.state.validation_current() && a.state.doc.editor.text().starts_with("{ ")
    })
    .await;
    open_submit(&mut app, "update view").await;
    let s = screen(&app);
    assert!(s.contains("changed on the instance at"), "{s}");
    let Some(connect_views::connect::base::Overwrite::ChangedSince { what, .. }) =
        connect_views::tui::update::overwrite_risk(&app.state)
    else {
        panic!("a change since the base: {s}")
    };
    assert_eq!(what, "+1 -1 lines of the template; actions added: Escalate");
    // What the submission changes, component by component, against the instance's copy.
    until(&mut app, "the component diff", |a| {
        screen(a).contains("Card refund_card: Heading \"Refund now\" → \"Issue a refund\"")
    })
    .await;
    let s = screen(&app);
    assert!(
        s.contains("action Escalate removed") && s.contains("[breaking]"),
        "{s}"
    );
    press(&mut app, [key(KeyCode::Enter)]).await;
    until(&mut app, "the refusal", |a| {
        screen(a).contains("not submitted:")
    })
    .await;
    let d = ep
        .sdk()
        .describe_view()
        .instance_id(INSTANCE)
        .view_id(format!("{id}:$SAVED"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        d.view().unwrap().content().unwrap().template(),
        Some(theirs.as_str()),
        "their change is still there"
    );
    // The deliberate key overwrites; then the buffer is based on what it wrote.
    press(&mut app, [key(KeyCode::Char('o'))]).await;
    until(&mut app, "the update", |a| {
        a.state
            .session
            .last
            .as_ref()
            .is_some_and(|l| l.operation == "UpdateViewContent")
    })
    .await;
    open_submit(&mut app, "update view").await;
    assert!(connect_views::tui::update::overwrite_risk(&app.state).is_none());
}

#[tokio::test(flavor = "current_thread")]
async fn quitting_with_unsaved_changes_can_save_first() {
    let ep = Endpoint::start().await;
    let dir = temp_dir();
    let path = dir.path().join("copy.view.json");
    std::fs::copy(example("customer-detail.view.json"), &path).unwrap();
    let doc = ViewDocument::load(&path).unwrap();
    let state = AppState::new(Some(doc), Keymap::default(), Theme::new(true));
    let mut app = app_with(&ep, state, 100, 30);
    press(&mut app, [key(KeyCode::End), key(KeyCode::Char(' '))]).await;
    press(&mut app, [ctrl('q')]).await;
    until(&mut app, "the question", |a| {
        screen(a).contains("Unsaved changes")
    })
    .await;
    press(&mut app, [key(KeyCode::Char('s'))]).await;
    let mut steps = 0;
    while app.step().await.unwrap() {
        steps += 1;
        assert!(steps < 200, "the app did not quit after saving");
    }
    assert!(app.state.quit);
    let saved = std::fs::read_to_string(&path).unwrap();
    assert!(
        saved.contains("\"Template\": { \n"),
        "the edit was saved: {saved}"
    );
}

#[tokio::test(flavor = "current_thread")]
async fn a_hanging_endpoint_never_freezes_the_designer() {
    let ep = Endpoint::start().await;
    let options = ConnectOptions {
        endpoint_url: Some(ep.url()),
        instance_id: Some(INSTANCE.into()),
        deadline: Some(Duration::from_millis(1500)),
        ..Default::default()
    };
    let terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let mut app = App::new(terminal, state_for("order-cards.view.json"), options, None);
    app.runner.system_clipboard = false;
    app.draw().unwrap();
    until(&mut app, "the first validation", |a| {
        a.state.validation_current()
    })
    .await;
    open_submit(&mut app, "create (no view of this name yet)").await;
    ep.server.faults.set("hang=1").unwrap();
    press(&mut app, [key(KeyCode::Enter)]).await;
    until(&mut app, "the spinner", |a| {
        screen(a).contains("submitting…")
    })
    .await;
    // While the call hangs: frames keep coming and edits are taken.
    let frames = app.frames;
    press(&mut app, chars("  ")).await;
    until(&mut app, "the edits", |a| {
        a.state.doc.editor.text().starts_with("  {")
    })
    .await;
    until(&mut app, "more frames", |a| a.frames > frames + 3).await;
    // Then it says what happened and what to do.
    until(&mut app, "the timeout", |a| {
        a.state.session.service_error.is_some()
    })
    .await;
    let s = screen(&app);
    let e = app.state.session.service_error.as_ref().unwrap();
    assert_eq!(e.kind, connect_views::connect::ErrorKind::Timeout);
    assert!(e.advice.contains("did not answer in time"), "{e}");
    assert!(
        s.contains("CreateView failed")
            && s.contains("no answer within the deadline")
            && s.contains("what to do"),
        "{s}"
    );
}

#[tokio::test(flavor = "current_thread")]
async fn a_submission_can_be_cancelled() {
    let ep = Endpoint::start().await;
    let mut app = app_for(&ep, "order-cards.view.json").await;
    until(&mut app, "the first validation", |a| {
        a.state.validation_current()
    })
    .await;
    open_submit(&mut app, "create (no view of this name yet)").await;
    ep.server.faults.set("hang=1").unwrap();
    press(&mut app, [key(KeyCode::Enter)]).await;
    until(&mut app, "the spinner", |a| {
        screen(a).contains("submitting…")
    })
    .await;
    press(&mut app, [key(KeyCode::Esc)]).await;
    until(&mut app, "the cancellation", |a| {
        a.state.session.flight == connect_views::tui::state::Flight::Idle
    })
    .await;
    assert!(screen(&app).contains("submission cancelled"));
}

#[tokio::test(flavor = "current_thread")]
async fn a_file_changed_on_disk_is_not_overwritten_unasked() {
    let ep = Endpoint::start().await;
    let dir = temp_dir();
    let path = dir.path().join("v.view.json");
    std::fs::copy(example("customer-detail.view.json"), &path).unwrap();
    let state = AppState::new(
        Some(ViewDocument::load(&path).unwrap()),
        Keymap::default(),
        Theme::new(true),
    );
    let mut app = app_with(&ep, state, 100, 30);
    press(&mut app, [key(KeyCode::End), key(KeyCode::Char(' '))]).await;
    until(&mut app, "the edit", |a| a.state.doc.dirty()).await;
    // Someone else changes the file.
    let theirs = std::fs::read_to_string(&path)
        .unwrap()
        .replace("Customer detail", "Their detail");
    std::fs::write(&path, &theirs).unwrap();
    press(&mut app, [ctrl('s')]).await;
    until(&mut app, "the conflict", |a| {
        matches!(a.state.popups.top(), Some(Popup::Conflict { .. }))
    })
    .await;
    assert!(screen(&app).contains("Changed on disk"));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        theirs,
        "nothing was written"
    );
    assert!(app.state.doc.dirty(), "the edit is still there");
    press(&mut app, [key(KeyCode::Char('o'))]).await;
    until(&mut app, "the overwrite", |a| !a.state.doc.dirty()).await;
    let saved = std::fs::read_to_string(&path).unwrap();
    assert!(
        saved.contains("\"Template\": { \n") && saved.contains("Customer detail"),
        "{saved}"
    );
}

#[tokio::test(flavor = "current_thread")]
async fn a_failed_save_keeps_the_old_file_and_the_buffer() {
    let ep = Endpoint::start().await;
    let dir = temp_dir();
    let sub = dir.path().join("views");
    std::fs::create_dir(&sub).unwrap();
    let path = sub.join("v.view.json");
    std::fs::copy(example("customer-detail.view.json"), &path).unwrap();
    let state = AppState::new(
        Some(ViewDocument::load(&path).unwrap()),
        Keymap::default(),
        Theme::new(true),
    );
    let mut app = app_with(&ep, state, 100, 30);
    press(&mut app, [key(KeyCode::End), key(KeyCode::Char(' '))]).await;
    // The directory goes away: the temporary file cannot be created.
    std::fs::remove_dir_all(&sub).unwrap();
    press(&mut app, [ctrl('s')]).await;
    until(&mut app, "the error", |a| {
        a.state
            .notice
            .as_ref()
            .is_some_and(|(t, _)| t.starts_with("not saved: cannot write"))
    })
    .await;
    assert!(app.state.doc.dirty());
    assert!(
        app.state.doc.editor.text().starts_with("{ \n"),
        "the buffer keeps the edit"
    );
    assert!(!sub.exists(), "nothing was created");
    // A save to a directory whose temporary file name is taken fails the same way, and the
    // old file stays as it was.
    std::fs::create_dir(&sub).unwrap();
    std::fs::write(&path, "old").unwrap();
    std::fs::create_dir(sub.join(format!(".v.view.json.{}.tmp", std::process::id()))).unwrap();
    press(&mut app, [ctrl('s')]).await;
    until(&mut app, "the conflict or the error", |a| {
        a.state.popups.is_open()
            || a.state
                .notice
                .as_ref()
                .is_some_and(|(t, _)| t.contains("cannot write"))
    })
    .await;
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
}

// --- the real binary under a real terminal ------------------------------------------

/// Runs the binary inside `script` (a PTY), presses Ctrl-Q once the first frame is on
/// screen, and returns everything the terminal received plus `stty -a` run afterwards in
/// the same terminal.
fn in_pty(env: &[(&str, &str)]) -> String {
    let dir = temp_dir();
    let inner = format!(
        "stty cols 100 rows 30; {} edit {}; echo \"exit=$?\"; stty -a; echo END-OF-STTY",
        env!("CARGO_BIN_EXE_connect-views"),
        example("order-cards.view.json").display()
    );
    let db = dir.path().join("db.sqlite3");
    let mut vars: Vec<(&str, &std::ffi::OsStr)> = vec![
        ("CONNECT_VIEWS_DB", db.as_os_str()),
        ("CONNECT_VIEWS_DATA_DIR", dir.path().as_os_str()),
    ];
    vars.extend(env.iter().map(|(k, v)| (*k, std::ffi::OsStr::new(v))));
    let mut pty = Pty::spawn(&inner, &vars);
    if env.is_empty() {
        pty.wait_for("[Template]");
        pty.send(b"\x11"); // Ctrl-Q
    }
    pty.wait_for("END-OF-STTY\r\n");
    pty.finish()
}

#[test]
fn the_terminal_is_restored_on_quit() {
    let out = in_pty(&[]);
    assert!(out.contains("\x1b[?1049h"), "entered the alternate screen");
    assert!(out.contains("\x1b[?2004h"), "bracketed paste on");
    assert!(out.contains("\x1b[?1049l"), "left the alternate screen");
    assert!(out.contains("\x1b[?2004l"), "bracketed paste off");
    assert!(out.contains("exit=0"), "{out}");
    let stty = &out[out.find("speed").expect("stty ran")..];
    assert!(
        stty.contains(" icanon") && stty.contains(" echo"),
        "cooked mode is back: {stty}"
    );
}

#[test]
fn the_terminal_is_restored_after_a_panic() {
    let out = in_pty(&[("CONNECT_VIEWS_PANIC_AFTER_FIRST_FRAME", "1")]);
    assert!(out.contains("\x1b[?1049l"), "left the alternate screen");
    assert!(
        out.contains("forced panic"),
        "the panic message is shown: {out}"
    );
    assert!(out.contains("exit=101"), "{out}");
    let stty = &out[out.find("speed").expect("stty ran")..];
    assert!(
        stty.contains(" icanon") && stty.contains(" echo"),
        "cooked mode is back: {stty}"
    );
}

#[test]
fn a_kill_9_loses_no_edit_and_the_next_session_offers_it_back() {
    let dir = temp_dir();
    let file = dir.path().join("orders.view.json");
    std::fs::copy(example("order-cards.view.json"), &file).unwrap();
    let db = dir.path().join("db.sqlite3");
    let data = dir.path().join("data");
    let vars: Vec<(&str, &std::ffi::OsStr)> = vec![
        ("CONNECT_VIEWS_DB", db.as_os_str()),
        ("CONNECT_VIEWS_DATA_DIR", data.as_os_str()),
    ];
    let inner = format!(
        "stty cols 100 rows 30; {} edit {}; echo END-OF-RUN",
        env!("CARGO_BIN_EXE_connect-views"),
        file.display()
    );
    let drafts = data.join("drafts");

    let mut first = Pty::spawn(&inner, &vars);
    first.wait_for("[Template]");
    first.send(b"xyz");
    // The draft reaches the journal within a second of the last edit: a complete
    // `.draft.json` (renamed into place), not the temporary file being written.
    let journaled = |dir: &std::path::Path| {
        std::fs::read_dir(dir)
            .map(|d| {
                d.flatten()
                    .any(|e| e.file_name().to_string_lossy().ends_with(".draft.json"))
            })
            .unwrap_or(false)
    };
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while !journaled(&drafts) {
        assert!(
            std::time::Instant::now() < deadline,
            "no draft was journaled"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let pid = crate::common::find_process("connect-views", &["edit", file.to_str().unwrap()])
        .expect("the designer runs");
    std::process::Command::new("kill")
        .args(["-9", &pid.to_string()])
        .status()
        .unwrap();
    first.wait_for("END-OF-RUN");
    first.finish();
    assert!(
        !std::fs::read_to_string(&file).unwrap().contains("xyz"),
        "the file was not saved"
    );

    let mut second = Pty::spawn(&inner, &vars);
    second.wait_for("Recover unsaved changes");
    second.send(b"\r");
    second.wait_for("recovered");
    second.send(b"\x13"); // Ctrl-S
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    // Saved, and the designer knows it: the draft is removed once the save is reported.
    while !std::fs::read_to_string(&file).unwrap().contains("xyz") || journaled(&drafts) {
        assert!(
            std::time::Instant::now() < deadline,
            "the recovered edit was not saved"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    second.send(b"\x11"); // Ctrl-Q
    second.wait_for("END-OF-RUN");
    second.finish();
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("\"Template\": xyz{")
    );
    assert_eq!(
        std::fs::read_dir(&drafts).unwrap().count(),
        0,
        "nothing stays journaled after a clean quit"
    );

    // A clean quit after an unsaved edit (quit without saving) leaves no draft either.
    let mut third = Pty::spawn(&inner, &vars);
    third.wait_for("[Template]");
    third.send(b"q");
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while !journaled(&drafts) {
        assert!(
            std::time::Instant::now() < deadline,
            "no draft was journaled"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    third.send(b"\x11"); // Ctrl-Q, then q: quit without saving
    third.wait_for("quit without saving");
    third.send(b"q");
    third.wait_for("END-OF-RUN");
    third.finish();
    assert_eq!(
        std::fs::read_dir(&drafts).unwrap().count(),
        0,
        "a clean quit journals nothing"
    );
}

/// The (row, column) of `needle` in the editor's text, and whether every cell of it on the
/// screen is underlined (the editor's text starts at the editor pane's first text cell).
fn underlined(app: &App<TestBackend>, needle: &str) -> bool {
    let text = app.state.doc.editor.text();
    let offset = text.find(needle).expect("the needle is in the editor");
    let row = text[..offset].matches('\n').count();
    let column = text[..offset]
        .rsplit('\n')
        .next()
        .unwrap_or("")
        .chars()
        .count();
    let marked = app
        .state
        .session
        .service_markers
        .iter()
        .any(|m| m.row == row && m.start <= column && column < m.end);
    // And on screen: some cell showing the needle's first character is underlined.
    let buffer = app.terminal.backend().buffer();
    let on_screen = (0..buffer.area.height).any(|y| {
        let line: String = (0..buffer.area.width)
            .map(|x| buffer[(x, y)].symbol().to_string())
            .collect();
        match line.find(needle) {
            Some(at) => {
                let x = line[..at].chars().count() as u16;
                buffer[(x, y)]
                    .modifier
                    .contains(ratatui::style::Modifier::UNDERLINED)
            }
            None => false,
        }
    });
    marked && on_screen
}

#[tokio::test(flavor = "current_thread")]
async fn a_service_refusal_is_shown_in_full_and_the_path_it_names_is_underlined() {
    let ep = Endpoint::start().await;
    let mut app = app_for(&ep, "order-cards.view.json").await;
    until(&mut app, "the first validation", |a| {
        a.state.validation_current()
    })
    .await;
    assert_eq!(app.state.errors(), 0, "the view passes every local check");
    open_submit(&mut app, "create (no view of this name yet)").await;
    // The service knows better than the catalogue this once.
    ep.server
        .faults
        .set("refuse=1x,refuse_path=/Body/0/Content/1/Props/Heading")
        .unwrap();
    press(&mut app, [key(KeyCode::Enter)]).await;
    until(&mut app, "the refusal", |a| {
        a.state.session.service_error.is_some()
    })
    .await;
    let s = screen(&app);
    assert!(
        s.contains("CreateView failed") && s.contains("InvalidParameterException"),
        "{s}"
    );
    let e = app.state.session.service_error.as_ref().unwrap();
    assert_eq!(
        e.message,
        "Invalid view content: /Body/0/Content/1/Props/Heading must be equal to one of the \
         allowed values (injected fault)"
    );
    assert!(
        s.contains("Invalid view content:") && s.contains("(injected fault)"),
        "the service's words in the status pane:\n{s}"
    );
    assert!(
        underlined(&app, "\"Issue a refund\""),
        "the path it names is underlined:\n{s}"
    );
    // Fixed and sent again, the marks go.
    open_submit(&mut app, "create (no view of this name yet)").await;
    press(&mut app, [key(KeyCode::Enter)]).await;
    until(&mut app, "the result", |a| a.state.session.last.is_some()).await;
    assert!(app.state.session.service_markers.is_empty());
}

#[tokio::test(flavor = "current_thread")]
async fn submit_anyway_takes_its_own_key_and_a_confirmation_then_the_service_decides() {
    let ep = Endpoint::start().await;
    let mut app = app_for(&ep, "order-cards.view.json").await;
    until(&mut app, "the first validation", |a| {
        a.state.validation_current()
    })
    .await;
    // A prop Card does not have: an error here, and at the service.
    press(&mut app, [ctrl('g')]).await;
    press(&mut app, chars("33")).await;
    press(&mut app, [key(KeyCode::Enter), key(KeyCode::End)]).await;
    press(&mut app, chars(" \"Colour\": \"red\",")).await;
    until(&mut app, "the error", |a| {
        a.state.validation_current() && a.state.errors() == 1
    })
    .await;
    open_submit(&mut app, "create (no view of this name yet)").await;
    assert!(
        screen(&app).contains("a submit anyway (the service decides)"),
        "{}",
        screen(&app)
    );
    // Plain Enter never sends it.
    press(&mut app, [key(KeyCode::Enter)]).await;
    until(&mut app, "the refusal", |a| {
        screen(a).contains("refused: 1 error at the published level")
    })
    .await;
    press(&mut app, [key(KeyCode::Enter)]).await;
    until(&mut app, "still refused", |a| {
        screen(a).contains("refused: 1 error")
    })
    .await;
    assert_eq!(
        app.state.session.flight,
        connect_views::tui::state::Flight::Idle
    );
    // `a` asks first; any other key goes back without sending.
    press(&mut app, [key(KeyCode::Char('a'))]).await;
    until(&mut app, "the question", |a| {
        screen(a).contains("Submit with 1 local error at the published level?")
    })
    .await;
    press(&mut app, [key(KeyCode::Enter)]).await;
    until(&mut app, "back", |a| screen(a).contains("not submitted")).await;
    assert_eq!(
        app.state.session.flight,
        connect_views::tui::state::Flight::Idle
    );
    assert!(app.state.session.service_error.is_none() && app.state.session.last.is_none());
    // `a` then `y` sends it; the service refuses in its own words, and the place is marked.
    press(&mut app, [key(KeyCode::Char('a')), key(KeyCode::Char('y'))]).await;
    until(&mut app, "the service's answer", |a| {
        a.state.session.service_error.is_some()
    })
    .await;
    let s = screen(&app);
    let e = app.state.session.service_error.as_ref().unwrap();
    assert_eq!(e.kind, connect_views::connect::ErrorKind::Invalid);
    assert!(
        e.message
            .contains("/Template/Body/0/Content/1/Props/Colour")
            && e.message.contains("CV041"),
        "{e}"
    );
    assert!(s.contains("Content failed full validation"), "{s}");
    // The refusal names the prop; its value is underlined.
    assert!(underlined(&app, "\"red\""), "{s}");
}

#[test]
fn ui_condition_findings_show_inline_like_every_other_rule() {
    let dir = temp_dir();
    let path = dir.path().join("conditions.view.json");
    let text = r#"{
  "Name": "Conditions",
  "Actions": [],
  "Template": {
    "Head": {"Title": "T", "Configuration": {}},
    "Body": [
      {"_id": "c", "Type": "Container", "Props": {}, "Content": [
        {"_id": "r", "Type": "Dropdown", "Props": {"Name": "reason", "Label": "Reason", "Options": [{"Label": "Other", "Value": "other"}]}, "Content": []},
        {"_id": "w", "Type": "TextArea", "Props": {"Name": "why", "Label": "Why", "Visibility": {"Conditions": [{"Equals": {"ElementByKey": "reasn", "ElementByValue": "other"}}]}}, "Content": []},
        {"_id": "x", "Type": "TextArea", "Props": {"Name": "x", "Label": "X", "Visibility": {"Conditions": [{"Matches": {"ElementByKey": "reason"}}]}}, "Content": []}
      ]}
    ]
  }
}
"#;
    let mut s = state_from(text, &path);
    validate_now(&mut s);
    let codes: Vec<_> = s
        .validation
        .diagnostics
        .iter()
        .map(|d| (d.code, d.severity))
        .collect();
    assert!(
        codes.contains(&(Code::ConditionField, Severity::Warning)),
        "{codes:?}"
    );
    assert!(
        codes.contains(&(Code::Condition, Severity::Error)),
        "{codes:?}"
    );
    s.focus = Pane::Status;
    let t = draw(&mut s, 160, 30);
    let screen = t.backend().to_string();
    assert!(
        screen.contains("CV048") && screen.contains("CV047"),
        "{screen}"
    );
    // The gutter marks both lines of the template: a warning, then an error.
    let buf = t.backend().buffer();
    let line_of = |needle: &str| -> String {
        (0..buf.area.height)
            .map(|y| {
                (0..buf.area.width)
                    .map(|x| buf[(x, y)].symbol().to_string())
                    .collect::<String>()
            })
            .find(|l| l.contains(needle))
            .unwrap_or_default()
    };
    assert!(line_of("\"_id\": \"w\"").contains("W  6"), "{screen}");
    assert!(line_of("\"_id\": \"x\"").contains("E  7"), "{screen}");
}

// --- the preview pane ---------------------------------------------------------------

fn f(n: u8) -> AppEvent {
    key(KeyCode::F(n))
}

#[test]
fn the_preview_shows_beside_the_editor_when_wide_and_on_f9_when_narrow() {
    let mut s = snapshot_state();
    validate_now(&mut s);
    // 200 columns: beside the editor, with the side column still there.
    let t = draw(&mut s, 200, 50);
    let sc = t.backend().to_string();
    assert!(sc.contains("Preview · no sample data"), "{sc}");
    assert!(
        sc.contains("Issue a refund") && sc.contains("Actions (3)"),
        "{sc}"
    );
    assert_eq!(
        s.panes(),
        [Pane::Editor, Pane::Preview, Pane::Actions, Pane::Status]
    );
    // 80x24: hidden until F9, then it takes the side column.
    let sc = draw(&mut s, 80, 24).backend().to_string();
    assert!(!sc.contains("Preview"), "{sc}");
    update(&mut s, f(9));
    assert_eq!(s.focus, Pane::Editor);
    let sc = draw(&mut s, 80, 24).backend().to_string();
    assert!(
        sc.contains("Preview") && !sc.contains("Actions (3)"),
        "{sc}"
    );
    update(&mut s, key(KeyCode::Tab));
    assert_eq!(s.focus, Pane::Preview);
    update(&mut s, key(KeyCode::Tab));
    assert_eq!(
        s.focus,
        Pane::Editor,
        "Actions and Status are not on screen"
    );
    // F9 again hides it (and a focused preview gives the focus back to the editor).
    update(&mut s, key(KeyCode::Tab));
    update(&mut s, f(9));
    assert_eq!(s.focus, Pane::Editor);
    assert!(
        !draw(&mut s, 80, 24)
            .backend()
            .to_string()
            .contains("Preview")
    );
}

#[test]
fn the_preview_follows_the_cursor_and_the_cursor_follows_the_preview() {
    let mut s = snapshot_state();
    validate_now(&mut s);
    let text = s.doc.editor.text();
    // The cursor on the reship card: its lines are marked in the preview's gutter.
    let at = text.find("\"reship_card\"").unwrap();
    let (row, col) = connect_views::tui::panes::preview::row_col_of(s.doc.editor.lines(), at);
    s.doc.editor.move_to(row, col);
    let t = draw(&mut s, 200, 50);
    let buf = t.backend().buffer().clone();
    let marked: Vec<String> = (0..50)
        .filter(|&y| (0..200).any(|x| buf[(x, y)].symbol() == "▌"))
        .map(|y| (0..200).map(|x| buf[(x, y)].symbol().to_string()).collect())
        .collect();
    assert!(
        marked.iter().any(|l| l.contains("Ship it again")),
        "{marked:#?}"
    );
    assert!(!marked.iter().any(|l| l.contains("Issue a refund")));
    // Focus the preview, step to the skip button, and reveal it in the editor.
    update(&mut s, key(KeyCode::Tab));
    assert_eq!(s.focus, Pane::Preview);
    for _ in 0..2 {
        update(&mut s, key(KeyCode::Down));
    }
    draw(&mut s, 200, 50);
    update(&mut s, ctrl('e'));
    assert_eq!(s.focus, Pane::Editor);
    let (row, col) = s.doc.editor.cursor();
    let offset = connect_views::tui::panes::preview::offset_of(s.doc.editor.lines(), row, col);
    let node = &text[offset..offset + 60];
    assert!(
        node.starts_with('{') && node.contains("\"skip_button\""),
        "{node}"
    );
}

#[test]
fn typing_in_the_preview_edits_its_fields_never_the_template() {
    let path = example("callback-form.view.json");
    let doc = ViewDocument::load(&path).unwrap();
    let mut s = AppState::new(Some(doc), Keymap::default(), Theme::new(true));
    validate_now(&mut s);
    let before = s.doc.editor.text();
    update(&mut s, f(9));
    draw(&mut s, 100, 30);
    update(&mut s, key(KeyCode::Tab));
    assert_eq!(s.focus, Pane::Preview);
    // The phone field is first: type into it.
    for e in chars("+1555 x") {
        update(&mut s, e);
    }
    update(&mut s, key(KeyCode::Backspace));
    update(&mut s, key(KeyCode::Backspace));
    assert_eq!(s.doc.editor.text(), before, "the template is untouched");
    let sc = draw(&mut s, 100, 30).backend().to_string();
    assert!(sc.contains("+1555_"), "{sc}");
    assert!(!s.doc.dirty());
    // Down to the dropdown, Right steps it; down to Submit and press.
    update(&mut s, key(KeyCode::Down));
    update(&mut s, key(KeyCode::Down));
    update(&mut s, key(KeyCode::Right));
    draw(&mut s, 100, 30);
    for _ in 0..2 {
        update(&mut s, key(KeyCode::Down));
    }
    update(&mut s, key(KeyCode::Enter));
    let p = s.panes.preview.pressed.clone().expect("pressed");
    assert_eq!(p.branch.as_deref(), Some("Submit"));
    assert_eq!(p.view_result_data["phone"], "+1555");
    assert_eq!(p.view_result_data["reason"], serde_json::json!(["other"]));
    let sc = draw(&mut s, 200, 50).backend().to_string();
    assert!(sc.contains("Branch Submit"), "{sc}");
    assert!(
        sc.contains("$.Views.ViewResultData.reason.0 = other"),
        "{sc}"
    );
    // Esc clears the result; Ctrl-R resets the fields.
    update(&mut s, key(KeyCode::Esc));
    assert!(s.panes.preview.pressed.is_none());
    update(&mut s, ctrl('r'));
    let sc = draw(&mut s, 100, 30).backend().to_string();
    assert!(!sc.contains("+1555"), "{sc}");
}

#[test]
fn a_refused_submit_shows_the_field_errors_in_the_preview() {
    let path = example("callback-form.view.json");
    let doc = ViewDocument::load(&path).unwrap();
    let mut s = AppState::new(Some(doc), Keymap::default(), Theme::new(true));
    validate_now(&mut s);
    update(&mut s, f(9));
    draw(&mut s, 100, 30);
    update(&mut s, key(KeyCode::Tab));
    // The last element is Submit.
    update(&mut s, key(KeyCode::Up));
    update(&mut s, key(KeyCode::Enter));
    let p = s.panes.preview.pressed.clone().unwrap();
    assert_eq!(p.errors.len(), 1, "{p:?}");
    assert_eq!(p.branch, None);
    let sc = draw(&mut s, 100, 30).backend().to_string();
    assert!(sc.contains("⚠ This field is required"), "{sc}");
    assert!(sc.contains("Submit refused: 1 field error"), "{sc}");
    assert!(
        s.notice
            .as_ref()
            .is_some_and(|(n, _)| n.contains("the submit was refused")),
        "{:?}",
        s.notice
    );
}

#[tokio::test(flavor = "current_thread")]
async fn the_whole_app_previews_and_presses_a_card() {
    let ep = Endpoint::start().await;
    let mut app = started(&ep, "order-cards.view.json", 200, 50).await;
    until(&mut app, "the preview", |a| {
        screen(a).contains("Issue a refund")
    })
    .await;
    press(
        &mut app,
        [key(KeyCode::Tab), key(KeyCode::Down), key(KeyCode::Enter)],
    )
    .await;
    until(&mut app, "the press result", |a| {
        screen(a).contains("Branch Reship")
    })
    .await;
    let sc = screen(&app);
    assert!(sc.contains("$.Views.ViewResultData.Id = reship"), "{sc}");
    assert!(
        sc.contains("pressed: the flow takes the branch Reship"),
        "{sc}"
    );
}

// --- editor faults a new user found ---------------------------------------------------

fn with_mods(code: KeyCode, mods: KeyModifiers) -> AppEvent {
    AppEvent::Input(Event::Key(KeyEvent::new(code, mods)))
}

#[test]
fn page_keys_move_a_page_and_ctrl_home_end_reach_the_ends() {
    let mut s = state_for("order-cards.view.json");
    draw(&mut s, 80, 24);
    let lines = s.doc.editor.lines().len();
    update(&mut s, key(KeyCode::PageDown));
    let (row, _) = s.doc.editor.cursor();
    assert!((10..24).contains(&row), "a page down, not a jump: {row}");
    update(&mut s, key(KeyCode::PageDown));
    assert!(s.doc.editor.cursor().0 > row);
    update(&mut s, key(KeyCode::PageUp));
    assert_eq!(s.doc.editor.cursor().0, row, "a page up comes back");
    update(&mut s, with_mods(KeyCode::End, KeyModifiers::CONTROL));
    let last = s.doc.editor.lines()[lines - 1].chars().count();
    assert_eq!(s.doc.editor.cursor(), (lines - 1, last));
    update(&mut s, with_mods(KeyCode::Home, KeyModifiers::CONTROL));
    assert_eq!(s.doc.editor.cursor(), (0, 0));
    assert!(!s.doc.dirty(), "moving changes nothing");
}

#[test]
fn undo_takes_back_a_burst_of_typing_at_once() {
    let mut s = state_for("order-cards.view.json");
    let before = s.doc.editor.text();
    s.doc.editor.move_to(2, 4);
    for e in chars("hello world") {
        update(&mut s, e);
    }
    update(&mut s, key(KeyCode::Right));
    for e in chars("xy") {
        update(&mut s, e);
    }
    update(&mut s, key(KeyCode::Backspace));
    update(&mut s, key(KeyCode::Backspace));
    let typed = s.doc.editor.text();
    update(&mut s, ctrl('z'));
    assert!(typed != s.doc.editor.text());
    assert!(
        s.doc.editor.text().contains("xy"),
        "the deleting burst is one step"
    );
    update(&mut s, ctrl('z'));
    assert!(!s.doc.editor.text().contains("xy") && s.doc.editor.text().contains("hello world"));
    update(&mut s, ctrl('z'));
    assert_eq!(s.doc.editor.text(), before, "the typing burst is one step");
    update(&mut s, ctrl('y'));
    assert!(
        s.doc.editor.text().contains("hello world"),
        "redo brings the burst back at once"
    );
}

#[test]
fn the_recovery_dialog_ignores_stray_keys_and_discards_only_on_its_key() {
    let mut s = state_for("order-cards.view.json");
    s.journal = Some(std::path::PathBuf::from("/nonexistent/draft.json"));
    let mut doc = s.doc.document();
    doc.template = doc.template.replace("Issue a refund", "Issue a refund now");
    let draft = connect_views::tui::journal::Draft::of(&doc, s.doc.path.clone(), 1_767_225_000.0);
    assert!(s.offer_recovery(draft));
    for stray in [
        key(KeyCode::Char('x')),
        key(KeyCode::Esc),
        key(KeyCode::Tab),
    ] {
        let effects = update(&mut s, stray);
        assert!(
            matches!(s.popups.top(), Some(Popup::Recover { .. })),
            "a stray key keeps it"
        );
        assert!(effects.is_empty(), "{effects:?}");
    }
    let effects = update(&mut s, key(KeyCode::Char('d')));
    assert!(!s.popups.is_open());
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::DiscardJournal { .. })),
        "{effects:?}"
    );
    assert!(!s.doc.editor.text().contains("refund now"));
}

#[test]
fn save_and_quit_on_a_never_saved_view_quits_once_it_is_saved() {
    let dir = temp_dir();
    let mut s = AppState::new(None, Keymap::default(), Theme::new(true));
    for e in chars("x") {
        update(&mut s, e);
    }
    update(&mut s, ctrl('q'));
    assert!(matches!(s.popups.top(), Some(Popup::ConfirmQuit)));
    update(&mut s, key(KeyCode::Char('s')));
    assert!(
        matches!(s.popups.top(), Some(Popup::Prompt(_))),
        "it asks for a name"
    );
    // Esc there: neither saved nor quitting, and a later save does not quit.
    update(&mut s, key(KeyCode::Esc));
    assert!(!s.quit_after_save);
    update(&mut s, ctrl('q'));
    update(&mut s, key(KeyCode::Char('s')));
    let path = dir.path().join("new.view.json");
    if let Some(Popup::Prompt(p)) = s.popups.top_mut() {
        p.input = path.display().to_string();
    }
    let effects = update(&mut s, key(KeyCode::Enter));
    let Some(Effect::Save { revision, .. }) = effects
        .into_iter()
        .find(|e| matches!(e, Effect::Save { .. }))
    else {
        panic!("no save")
    };
    assert!(!s.quit, "not before the save is done");
    update(
        &mut s,
        AppEvent::Task(Box::new(TaskEvent::Saved {
            path,
            revision,
            result: Ok("written".into()),
        })),
    );
    assert!(s.quit, "saved, then quit");
}

#[test]
fn f8_goes_from_the_template_to_the_sample_data_and_a_fixed_finding_takes_its_notice() {
    let dir = temp_dir();
    let path = dir.path().join("greeting.view.json");
    let mut s = state_from(WITH_SAMPLES, &path);
    // The "empty" set has findings; the template has none.
    update(&mut s, key(KeyCode::F(5)));
    update(&mut s, key(KeyCode::F(4)));
    assert_eq!(s.doc.tab, Tab::Template);
    validate_now(&mut s);
    assert!(
        s.validation
            .diagnostics
            .iter()
            .all(|d| d.location.is_none() || d.severity != Severity::Error)
    );
    assert!(!s.validation.data_diagnostics.is_empty());
    update(&mut s, key(KeyCode::F(8)));
    assert_eq!(
        s.doc.tab,
        Tab::Data,
        "F8 from the template reaches the data's findings"
    );
    let notice = s.notice.clone().unwrap().0;
    assert!(notice.contains("CV08"), "{notice}");
    // Fix every finding of the set: the notice goes with them.
    update(&mut s, ctrl('a'));
    update(&mut s, paste(r#"{"CustomerName": "Jane", "Notice": "Hi"}"#));
    validate_now(&mut s);
    assert!(
        s.validation
            .data_diagnostics
            .iter()
            .all(|d| !notice.contains(&d.message)),
        "{:?}",
        s.validation.data_diagnostics
    );
    assert_eq!(s.notice, None, "the fixed finding's notice is gone");
}

#[test]
fn a_file_opened_as_plain_text_is_read_as_a_view_once_it_parses() {
    let dir = temp_dir();
    let path = dir.path().join("broken.view.json");
    // A view file missing its last brace: it opens as plain text (as `edit` does).
    let broken = r#"{"Name": "Fixed view", "Actions": ["Go"], "Template": {"Head": {"Title": "t", "Configuration": {}}, "Body": [{"_id": "b", "Type": "Button", "Props": {"Action": "Go"}, "Content": ["Go"]}]}"#;
    std::fs::write(&path, broken).unwrap();
    let mut doc = ViewDocument::new("broken", broken);
    doc.origin.path = Some(path.clone());
    doc.origin.format = connect_views::view::Format::BareTemplate;
    let mut s = AppState::new(Some(doc), Keymap::default(), Theme::new(true));
    s.doc.raw_text = true;
    validate_now(&mut s);
    assert!(s.doc.raw_text, "still broken");
    update(&mut s, with_mods(KeyCode::End, KeyModifiers::CONTROL));
    update(&mut s, key(KeyCode::Char('}')));
    validate_now(&mut s);
    assert!(!s.doc.raw_text);
    assert_eq!(s.doc.format, connect_views::view::Format::ViewFile);
    assert_eq!(s.doc.meta.name, "Fixed view");
    assert_eq!(s.doc.meta.actions, ["Go"]);
    assert!(
        s.doc
            .editor
            .text()
            .trim_start()
            .starts_with("{\n  \"Head\""),
        "{}",
        s.doc.editor.text()
    );
    assert!(
        s.notice
            .as_ref()
            .unwrap()
            .0
            .contains("editing it as a view file")
    );
    assert!(
        s.doc.dirty(),
        "the file on disk is still the broken one until saved"
    );
    let text = connect_views::tui::update::file_text(&s).unwrap();
    let saved: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(saved["Name"], "Fixed view");
    assert_eq!(saved["Template"]["Body"][0]["_id"], "b");
}

#[tokio::test(flavor = "current_thread")]
async fn at_80x24_the_submission_scrolls_into_view_and_its_checksum_copies_with_one_key() {
    let ep = Endpoint::start().await;
    let mut app = started(&ep, "order-cards.view.json", 80, 24).await;
    open_submit(&mut app, "create (no view of this name yet)").await;
    press(&mut app, [key(KeyCode::Enter)]).await;
    until(&mut app, "the result", |a| a.state.session.last.is_some()).await;
    let sha = app
        .state
        .session
        .last
        .as_ref()
        .unwrap()
        .view
        .content_sha256
        .clone()
        .unwrap();
    until(&mut app, "the submission on screen", |a| {
        screen(a).contains("last: CreateView")
    })
    .await;
    let sc = screen(&app);
    assert!(sc.contains("moved    $SAVED $LATEST"), "{sc}");
    // The 64-character checksum does not fit the 30-column pane whole, but its start is
    // there and c copies it.
    assert!(sc.contains(&sha[..24]), "{sc}");
    press(
        &mut app,
        [
            key(KeyCode::Tab),
            key(KeyCode::Tab),
            key(KeyCode::Char('c')),
        ],
    )
    .await;
    until(&mut app, "the copy", |a| {
        a.state
            .notice
            .as_ref()
            .is_some_and(|(n, _)| n.contains("copied 64 characters"))
    })
    .await;
    // PgUp scrolls back to the validation state.
    press(&mut app, [key(KeyCode::PageUp), key(KeyCode::PageUp)]).await;
    until(&mut app, "the top of the status", |a| {
        screen(a).contains("valid (published)")
    })
    .await;
}

/// The real binary in a real terminal of `cols`x`rows` on the order-cards example.
fn preview_pty(cols: u16, rows: u16) -> (Pty, tempfile::TempDir) {
    let dir = temp_dir();
    let inner = format!(
        "stty cols {cols} rows {rows}; {} edit {}; echo END-OF-RUN",
        env!("CARGO_BIN_EXE_connect-views"),
        example("order-cards.view.json").display()
    );
    let db = dir.path().join("db.sqlite3");
    let vars: Vec<(&str, &std::ffi::OsStr)> = vec![
        ("CONNECT_VIEWS_DB", db.as_os_str()),
        ("CONNECT_VIEWS_DATA_DIR", dir.path().as_os_str()),
        ("CONNECT_VIEWS_CONFIG_DIR", dir.path().as_os_str()),
    ];
    (Pty::spawn(&inner, &vars), dir)
}

#[test]
fn in_a_200x50_terminal_the_preview_is_there_and_a_press_shows_its_branch() {
    let (mut pty, _dir) = preview_pty(200, 50);
    pty.wait_for("Preview · no sample data");
    // The preview is drawn from the first validation's tree.
    pty.wait_for("valid (published)");
    pty.wait_for("What should happen to this order?");
    // Tab to the preview, Down to the second card, Enter.
    pty.send(b"\t\x1b[B\r");
    pty.wait_for("what a flow reads");
    // The terminal gets only the cells that changed, so look at what follows the result's
    // first line rather than for one unbroken string.
    let text = pty.text();
    let result = &text[text.rfind("Branch").expect("the result")..];
    assert!(result.contains("Reship"), "{result}");
    assert!(
        result.contains("reship"),
        "the card's Id in ViewResultData: {result}"
    );
    pty.send(b"\x11"); // Ctrl-Q
    pty.wait_for("END-OF-RUN");
    pty.finish();
}

#[test]
fn in_an_80x24_terminal_f9_brings_the_preview_into_the_side_column() {
    let (mut pty, _dir) = preview_pty(80, 24);
    pty.wait_for("Actions (3)");
    assert!(!pty.text().contains("Preview ·"), "hidden at 80 columns");
    pty.wait_for("valid (published)");
    pty.send(b"\x1b[20~"); // F9
    pty.wait_for("Preview");
    pty.wait_for("What should happen to");
    pty.send(b"\x11"); // Ctrl-Q
    pty.wait_for("END-OF-RUN");
    pty.finish();
}

#[test]
fn a_paste_over_a_selection_and_a_replace_are_one_undo_step_each() {
    let mut s = state_for("order-cards.view.json");
    let before = s.doc.editor.text();
    update(&mut s, ctrl('a'));
    update(&mut s, paste("{}"));
    assert_eq!(s.doc.editor.text(), "{}");
    update(&mut s, ctrl('z'));
    assert_eq!(
        s.doc.editor.text(),
        before,
        "the pasted text and the replaced selection come back at once"
    );
    // Typing over a selection too.
    s.doc.editor.move_to(2, 4);
    update(&mut s, with_mods(KeyCode::Right, KeyModifiers::SHIFT));
    update(&mut s, with_mods(KeyCode::Right, KeyModifiers::SHIFT));
    update(&mut s, key(KeyCode::Char('Q')));
    assert_ne!(s.doc.editor.text(), before);
    update(&mut s, ctrl('z'));
    assert_eq!(s.doc.editor.text(), before);
    // The editor's one door for changes that are not typing.
    let lines = s.doc.editor.lines().to_vec();
    let row = lines
        .iter()
        .position(|l| l.contains("Issue a refund"))
        .unwrap();
    let col = lines[row].find("Issue a refund").unwrap();
    assert!(
        s.doc
            .editor
            .replace((row, col), (row, col + 14), "Refund it")
    );
    assert!(s.doc.editor.text().contains("\"Refund it\""));
    assert!(s.doc.editor.undo());
    assert_eq!(s.doc.editor.text(), before);
    assert!(s.doc.editor.redo());
    assert!(s.doc.editor.text().contains("\"Refund it\""));
}

#[test]
fn a_dialog_key_is_rebound_like_any_other_and_the_dialog_says_the_new_key() {
    let mut keymap = Keymap::default();
    let problems =
        keymap.apply_overrides("[keys]\nquit_without_saving = \"x\"\ndiscard_draft = \"D\"\n");
    assert!(problems.is_empty(), "{problems:?}");
    let mut s = state_for("order-cards.view.json");
    s.keymap = keymap;
    update(&mut s, key(KeyCode::Char('z')));
    update(&mut s, ctrl('q'));
    assert!(matches!(s.popups.top(), Some(Popup::ConfirmQuit)));
    let screen = draw(&mut s, 100, 30).backend().to_string();
    assert!(screen.contains("x  quit without saving"), "{screen}");
    assert!(screen.contains("Esc  cancel"), "{screen}");
    // The old key no longer quits; the global keys do nothing in a dialog.
    update(&mut s, key(KeyCode::Char('q')));
    update(&mut s, ctrl('s'));
    assert!(!s.quit && matches!(s.popups.top(), Some(Popup::ConfirmQuit)));
    update(&mut s, key(KeyCode::Char('x')));
    assert!(s.quit);

    // The help lists the dialogs' keys under each dialog, by the names keymap.toml takes.
    let mut s = state_for("order-cards.view.json");
    update(&mut s, key(KeyCode::F(1)));
    let mut help = String::new();
    for _ in 0..30 {
        help.push_str(&draw(&mut s, 100, 40).backend().to_string());
        update(&mut s, key(KeyCode::PageDown));
    }
    for line in [
        "Submit dialog",
        "submit_anyway",
        "Quit dialog",
        "save_and_quit",
        "Recovery dialog",
        "discard_draft",
    ] {
        assert!(help.contains(line), "{line} missing from the help:\n{help}");
    }
}

#[test]
fn a_pane_is_driven_alone_and_says_what_it_wants_done() {
    use connect_views::tui::component::{Component, Msg};
    use connect_views::tui::panes::actions::ActionsPane;
    use connect_views::tui::panes::status::StatusPane;
    let mut s = state_for("order-cards.view.json");
    validate_now(&mut s);
    let listed = s.doc.meta.actions.clone();
    assert!(listed.len() >= 2, "{listed:?}");

    let mut actions = ActionsPane::default();
    let mut out = Vec::new();
    assert!(actions.command(Command::Down, &s.cx(), &mut out));
    assert_eq!(actions.selected, 1);
    assert!(out.is_empty(), "moving is the pane's own business");
    assert!(actions.command(Command::DeleteAction, &s.cx(), &mut out));
    let mut expected = listed.clone();
    expected.remove(1);
    assert!(
        matches!(&out[..], [Msg::SetActions(a)] if *a == expected),
        "{out:?}"
    );
    assert!(
        !actions.command(Command::Save, &s.cx(), &mut out),
        "not the pane's command"
    );

    // The status pane: Enter on a located diagnostic asks for the editor's cursor there.
    let mut s = state_for("order-cards.view.json");
    s.doc.editor.move_to(5, 0);
    for e in chars("\"Bogus\": 1,") {
        update(&mut s, e);
    }
    validate_now(&mut s);
    let d = s
        .validation
        .diagnostics
        .iter()
        .position(|d| d.location.is_some())
        .expect("a located diagnostic");
    let loc = s.validation.diagnostics[d].location.clone().unwrap();
    let mut status = StatusPane::default();
    let mut out = Vec::new();
    for _ in 0..d {
        status.command(Command::Down, &s.cx(), &mut out);
    }
    assert!(status.command(Command::Select, &s.cx(), &mut out));
    assert!(
        matches!(
            &out[..],
            [Msg::Reveal { tab: Tab::Template, row, column }]
                if *row == loc.start.line - 1 && *column == loc.start.column - 1
        ),
        "{out:?}"
    );
}

#[test]
fn a_recovered_draft_is_one_undo_step_away_from_what_was_opened() {
    let mut s = state_for("order-cards.view.json");
    let opened = s.doc.editor.text();
    let mut doc = s.doc.document();
    doc.template = doc.template.replace("Issue a refund", "Issue a refund now");
    let draft = connect_views::tui::journal::Draft::of(&doc, s.doc.path.clone(), 1_767_225_000.0);
    assert!(s.offer_recovery(draft));
    update(&mut s, key(KeyCode::Enter));
    assert!(s.doc.editor.text().contains("Issue a refund now"));
    assert_eq!(s.doc.editor.cursor(), (0, 0));
    update(&mut s, ctrl('z'));
    assert_eq!(
        s.doc.editor.text(),
        opened,
        "one undo takes the whole draft back"
    );
    update(&mut s, ctrl('y'));
    assert!(s.doc.editor.text().contains("Issue a refund now"));
}

#[test]
fn a_dialog_is_driven_alone_and_asks_for_what_it_decided() {
    use connect_views::tui::component::Msg;
    use connect_views::tui::state::MetadataPopup;
    let s = state_for("order-cards.view.json");
    let mut dialog = Popup::Metadata(MetadataPopup {
        fields: [String::new(), String::new(), "team=ops".into()],
        cursors: [None; 3],
        focus: 0,
        problems: Vec::new(),
    });
    let press = |d: &mut Popup, k: KeyEvent| {
        let command = s.keymap.lookup(d.context(), &k);
        let mut out = Vec::new();
        d.handle(command, &k, &s.cx(), &mut out);
        out
    };
    // An empty name is refused in the dialog; nothing leaves it.
    let out = press(
        &mut dialog,
        KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE),
    );
    assert!(out.is_empty(), "{out:?}");
    let Popup::Metadata(m) = &dialog else {
        unreachable!()
    };
    assert!(m.problems.iter().any(|p| p.starts_with("Name")), "{m:?}");
    for c in "Refunds".chars() {
        assert!(
            press(
                &mut dialog,
                KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
            )
            .is_empty()
        );
    }
    let out = press(
        &mut dialog,
        KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE),
    );
    assert!(
        matches!(&out[..], [Msg::Close, Msg::SetMeta { name, tags, .. }]
            if name == "Refunds" && tags.get("team").map(String::as_str) == Some("ops")),
        "{out:?}"
    );
    assert_eq!(
        s.doc.meta.name, "Order actions",
        "the app is untouched until applied"
    );
}

/// An empty file (made to hold a new view) opens as a new view saved there, not as an
/// error that suggests the command that was just run.
#[test]
fn an_empty_file_opens_as_a_new_view_saved_there() {
    let dir = temp_dir();
    let file = dir.path().join("callbacks.view.json");
    std::fs::write(&file, "").unwrap();
    let inner = format!(
        "stty cols 100 rows 30; {} edit {}; echo \"exit=$?\"",
        env!("CARGO_BIN_EXE_connect-views"),
        file.display()
    );
    let db = dir.path().join("db.sqlite3");
    let vars: Vec<(&str, &std::ffi::OsStr)> = vec![
        ("CONNECT_VIEWS_DB", db.as_os_str()),
        ("CONNECT_VIEWS_DATA_DIR", dir.path().as_os_str()),
    ];
    let mut pty = Pty::spawn(&inner, &vars);
    pty.wait_for("[Template]");
    pty.send(b"\x13"); // Ctrl-S
    // The screen is redrawn by difference ("saving" becomes "saved" by two letters): wait
    // for the file itself.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while std::fs::read_to_string(&file)
        .unwrap_or_default()
        .trim()
        .is_empty()
    {
        assert!(
            std::time::Instant::now() < deadline,
            "the view was not saved"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    pty.send(b"\x11"); // Ctrl-Q
    pty.wait_for("exit=");
    let out = pty.finish();
    assert!(out.contains("exit=0"), "{out}");
    let doc = connect_views::view::ViewDocument::load(&file).expect("a view file now");
    assert_eq!(doc.name, "callbacks");
}

/// `kill PID` (SIGTERM) and a dropped SSH link (SIGHUP) end the designer as quitting does:
/// the terminal restored, and an edit made a moment before (no time for the journal's
/// debounce) kept as a draft to recover, never lost.
#[test]
fn sigterm_and_sighup_restore_the_terminal_and_keep_the_draft() {
    for (signal, status) in [("TERM", 143), ("HUP", 129)] {
        let dir = temp_dir();
        let file = dir.path().join("orders.view.json");
        std::fs::copy(example("order-cards.view.json"), &file).unwrap();
        let data = dir.path().join("data");
        let db = dir.path().join("db.sqlite3");
        let vars: Vec<(&str, &std::ffi::OsStr)> = vec![
            ("CONNECT_VIEWS_DB", db.as_os_str()),
            ("CONNECT_VIEWS_DATA_DIR", data.as_os_str()),
        ];
        let inner = format!(
            "stty cols 100 rows 30; {} edit {}; echo \"exit=$?\"; stty -a; echo END-OF-STTY",
            env!("CARGO_BIN_EXE_connect-views"),
            file.display()
        );
        let mut pty = Pty::spawn(&inner, &vars);
        pty.wait_for("[Template]");
        pty.send(b"qwz");
        // Shown: the designer has the edit (and the journal's debounce has not run yet).
        pty.wait_for_words("qwz");
        let pid = crate::common::find_process("connect-views", &["edit", file.to_str().unwrap()])
            .expect("the designer runs");
        std::process::Command::new("kill")
            .args([&format!("-{signal}"), &pid.to_string()])
            .status()
            .unwrap();
        pty.wait_for("END-OF-STTY\r\n");
        let out = pty.finish();
        assert!(
            out.contains(&format!("exit={status}")),
            "SIG{signal}: {out}"
        );
        let after = &out[out.rfind("\x1b[?1049h").unwrap()..];
        assert!(
            after.contains("\x1b[?1049l"),
            "SIG{signal}: left the alternate screen"
        );
        let stty = &out[out.find("speed").expect("stty ran")..];
        assert!(
            stty.contains(" icanon") && stty.contains(" echo"),
            "SIG{signal}: {stty}"
        );
        let drafts: Vec<String> = std::fs::read_dir(data.join("drafts"))
            .map(|d| {
                d.flatten()
                    .filter_map(|e| std::fs::read_to_string(e.path()).ok())
                    .collect()
            })
            .unwrap_or_default();
        assert!(
            drafts.iter().any(|d| d.contains("qwz")),
            "SIG{signal}: the edit is kept as a draft"
        );
        assert!(!std::fs::read_to_string(&file).unwrap().contains("qwz"));
    }
}

/// A frame is drawn only when an event can have changed what is shown: the spinner's tick
/// while nothing is in flight, the mouse and a key's release leave the screen as it is.
#[tokio::test(flavor = "current_thread")]
async fn nothing_is_drawn_for_events_that_change_nothing() {
    use crossterm::event::{KeyEventKind, KeyEventState, MouseEvent, MouseEventKind};
    let ep = Endpoint::start().await;
    let mut app = app_with(&ep, state_for("order-cards.view.json"), 120, 40);
    until(&mut app, "the first validation", |a| {
        a.state.validation_current()
    })
    .await;
    let before = app.frames;
    let release = KeyEvent {
        code: KeyCode::Char('x'),
        modifiers: KeyModifiers::NONE,
        kind: KeyEventKind::Release,
        state: KeyEventState::NONE,
    };
    let mouse = MouseEvent {
        kind: MouseEventKind::Moved,
        column: 3,
        row: 3,
        modifiers: KeyModifiers::NONE,
    };
    for event in [
        AppEvent::Tick,
        AppEvent::Input(Event::Key(release)),
        AppEvent::Input(Event::Mouse(mouse)),
        AppEvent::Input(Event::FocusLost),
    ] {
        press(&mut app, [event]).await;
        assert!(app.step().await.unwrap());
    }
    assert_eq!(app.frames, before, "nothing changed, nothing drawn");
    press(&mut app, [key(KeyCode::Down)]).await;
    assert!(app.step().await.unwrap());
    assert_eq!(app.frames, before + 1, "a key that moves the cursor draws");
}
