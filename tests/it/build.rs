//! The whole designer on TestBackend, against the local endpoint through the real SDK: a
//! valid view built from the starter with the palette, the inspector and completion only
//! (no JSON typed), then published.

use connect_views::tui::event::AppEvent;
use connect_views::tui::keymap::Keymap;
use connect_views::tui::state::{AppState, Pane, Popup};
use connect_views::tui::theme::Theme;
use connect_views::view::tree::Tree;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

use crate::common::Endpoint;
use crate::common::tui::{app_with, chars, ctrl, key, open_submit, press, screen, until};

fn ctrl_space() -> AppEvent {
    AppEvent::Input(Event::Key(KeyEvent::new(
        KeyCode::Char(' '),
        KeyModifiers::CONTROL,
    )))
}

/// The editor's cursor on the `_id` of a component.
fn on(app: &mut connect_views::tui::App<ratatui::backend::TestBackend>, needle: &str) {
    let lines = app.state.doc.editor.lines();
    let row = lines.iter().position(|l| l.contains(needle)).unwrap();
    let col = lines[row].find(needle).unwrap();
    app.state.doc.editor.move_to(row, col);
}

#[tokio::test(flavor = "current_thread")]
async fn a_valid_view_is_built_from_the_starter_without_typing_json_and_published() {
    let ep = Endpoint::start().await;
    let mut state = AppState::new(None, Keymap::default(), Theme::new(true));
    state.doc.meta.name = "Refund request".into();
    let mut app = app_with(&ep, state, 200, 50);
    until(&mut app, "the first check", |a| {
        a.state.validation_current()
    })
    .await;

    // The palette: a form with fields and a submit button, into the root container.
    on(&mut app, "\"root\"");
    press(&mut app, [ctrl('o')]).await;
    press(&mut app, chars("form with")).await;
    press(&mut app, [key(KeyCode::Enter)]).await;
    until(&mut app, "the form", |a| {
        a.state.doc.editor.text().contains("\"Type\": \"Form\"")
    })
    .await;
    until(&mut app, "its check", |a| a.state.validation_current()).await;

    // The inspector: the name field's Label, through its prompt.
    on(&mut app, "\"forminput\"");
    press(&mut app, [key(KeyCode::F(10))]).await;
    until(&mut app, "the outline", |a| a.state.panes.outline.shown).await;
    press(&mut app, [key(KeyCode::Tab)]).await;
    until(&mut app, "the inspector", |a| {
        a.state.focus == Pane::Inspector
    })
    .await;
    let tree = Tree::parse(&app.state.doc.editor.text()).unwrap();
    let input = tree.by_id("forminput").unwrap();
    let rows = connect_views::tui::panes::inspector::rows(&tree, input, &Default::default());
    let label = rows
        .iter()
        .position(|r| {
            *r == connect_views::tui::panes::inspector::Row::Prop {
                name: "Label".into(),
            }
        })
        .unwrap();
    for _ in 0..label {
        press(&mut app, [key(KeyCode::Down)]).await;
    }
    press(&mut app, [key(KeyCode::Enter)]).await;
    until(&mut app, "the prompt", |a| {
        matches!(a.state.popups.top(), Some(Popup::Prompt(_)))
    })
    .await;
    if let Some(Popup::Prompt(p)) = app.state.popups.top_mut() {
        p.input.clear();
    }
    press(&mut app, chars("Your name")).await;
    press(&mut app, [key(KeyCode::Enter)]).await;
    until(&mut app, "the label", |a| {
        a.state
            .doc
            .editor
            .text()
            .contains("\"Label\": \"Your name\"")
    })
    .await;

    // Completion: the heading's variant, chosen from its values.
    app.state.focus = Pane::Editor;
    let lines = app.state.doc.editor.lines();
    let row = lines
        .iter()
        .position(|l| l.contains("\"variant\": \"h2\""))
        .unwrap();
    let col = lines[row].find("h2").unwrap();
    app.state.doc.editor.move_to(row, col);
    press(&mut app, [ctrl_space()]).await;
    until(&mut app, "the list", |a| a.state.completion.is_some()).await;
    let items: Vec<String> = app
        .state
        .completion
        .as_ref()
        .unwrap()
        .items
        .iter()
        .map(|c| c.text.clone())
        .collect();
    let h1 = items.iter().position(|i| i == "h1").expect("h1 is offered");
    for _ in 0..h1 {
        press(&mut app, [key(KeyCode::Down)]).await;
    }
    press(&mut app, [key(KeyCode::Enter)]).await;
    until(&mut app, "h1", |a| {
        a.state.doc.editor.text().contains("\"variant\": \"h1\"")
    })
    .await;

    // The pattern's submit button raises Submit: the insert listed it in Actions.
    assert!(
        app.state.doc.meta.actions.contains(&"Submit".to_string()),
        "{:?}",
        app.state.doc.meta.actions
    );
    until(&mut app, "a clean check", |a| {
        a.state.validation_current() && a.state.errors() == 0
    })
    .await;
    assert!(
        app.state.validation.diagnostics.is_empty(),
        "{:?}",
        app.state.validation.diagnostics
    );

    // Publish.
    open_submit(&mut app, "create (no view of this name yet)").await;
    press(&mut app, [key(KeyCode::Enter)]).await;
    until(&mut app, "the result", |a| a.state.session.last.is_some()).await;
    let view = &app.state.session.last.as_ref().unwrap().view;
    assert!(view.is_published(), "{}", screen(&app));
    let stored = ep
        .client()
        .await
        .describe_view(&format!("{}:$LATEST", view.id))
        .await
        .unwrap()
        .template;
    assert!(
        stored.contains("Your name") && stored.contains("\"h1\""),
        "{stored}"
    );
}
