//! The designer driven as tests drive it: keys as events, a state on an example view
//! checked synchronously as the runner would, a frame drawn on a `TestBackend`, and the
//! real loop against a local endpoint, stepped until something holds.

use std::time::Duration;

use connect_views::connect::ConnectOptions;
use connect_views::tui::App;
use connect_views::tui::effect::Effect;
use connect_views::tui::event::{AppEvent, TaskEvent};
use connect_views::tui::keymap::Keymap;
use connect_views::tui::state::AppState;
use connect_views::tui::theme::Theme;
use connect_views::tui::update::{revalidate, update};
use connect_views::view::ViewDocument;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::{Endpoint, INSTANCE, example};

pub fn key(code: KeyCode) -> AppEvent {
    AppEvent::Input(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

pub fn ctrl(c: char) -> AppEvent {
    AppEvent::Input(Event::Key(KeyEvent::new(
        KeyCode::Char(c),
        KeyModifiers::CONTROL,
    )))
}

pub fn chars(s: &str) -> Vec<AppEvent> {
    s.chars().map(|c| key(KeyCode::Char(c))).collect()
}

pub fn state_for(name: &str) -> AppState {
    let doc = ViewDocument::load(&example(name)).unwrap();
    let mut s = AppState::new(Some(doc), Keymap::default(), Theme::new(true));
    s.now = || 1_767_225_600.0;
    s
}

/// A designer state on a view made of `template` and `actions`, checked once.
pub fn state_of(name: &str, template: &str, actions: &[&str]) -> AppState {
    let mut doc = ViewDocument::new(name, template.to_string());
    doc.actions = actions.iter().map(|a| a.to_string()).collect();
    let mut s = AppState::new(Some(doc), Keymap::default(), Theme::new(true));
    validate_now(&mut s);
    s
}

/// The submit dialog's look-up answering: no view is named "Order actions" yet.
pub fn no_view_of_that_name() -> AppEvent {
    AppEvent::Task(Box::new(TaskEvent::Remote {
        name: "Order actions".into(),
        result: Ok(connect_views::tui::event::Remote {
            summary: None,
            template: None,
            qualifier: connect_views::view::status::Qualifier::Latest,
            saved: None,
            actions: Vec::new(),
            changes: None,
        }),
    }))
}

/// Ctrl-G to the first line holding `needle`, as a user would.
pub fn goto_line_of(state: &mut AppState, needle: &str) {
    let line = state
        .doc
        .editor
        .text()
        .lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no line holds {needle}"))
        + 1;
    update(state, ctrl('g'));
    for e in chars(&line.to_string()) {
        update(state, e);
    }
    update(state, key(KeyCode::Enter));
}

/// Runs the effects' validation synchronously, as the runner would, and feeds the result.
pub fn validate_now(state: &mut AppState) {
    let Effect::Validate {
        revision,
        doc,
        level,
        data,
        compare,
    } = revalidate(state)
    else {
        unreachable!()
    };
    let analysis =
        connect_views::view::analyze(&doc, level, data, connect_views::view::Catalog::builtin());
    let compared = compare
        .zip(analysis.tree.as_ref())
        .map(|(against, tree)| (against.label.clone(), against.diff(tree, &doc.actions)));
    update(
        state,
        AppEvent::Task(Box::new(TaskEvent::Validated {
            revision,
            analysis: Box::new(analysis),
            elapsed: Duration::from_micros(1500),
            compared,
        })),
    );
}

pub fn draw(state: &mut AppState, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    connect_views::tui::panes::fit_to(state, ratatui::layout::Rect::new(0, 0, w, h));
    t.draw(|f| connect_views::tui::panes::render(f, state))
        .unwrap();
    t
}

/// A view with two inputs and two sample data sets, one of them wrong.
pub const WITH_SAMPLES: &str = r#"{
  "Name": "Greeting",
  "Actions": ["Done"],
  "SampleData": {
    "default": {"CustomerName": "Ada", "Notice": "Welcome back"},
    "empty": {"CustomerName": ""}
  },
  "Template": {
    "Head": {"Title": "Greeting", "Configuration": {}},
    "Body": [
      {"_id": "root", "Type": "Container", "Props": {}, "Content": [
        {"_id": "h", "Type": "Header", "Props": {"variant": "h2"}, "Content": ["Hello ", "$.CustomerName"]},
        {"_id": "n", "Type": "TextBox", "Props": {}, "Content": ["$.Notice"]},
        {"_id": "b", "Type": "Button", "Props": {"Action": "Done"}, "Content": ["Done"]}
      ]}
    ]
  }
}
"#;

pub fn state_from(text: &str, path: &std::path::Path) -> AppState {
    std::fs::write(path, text).unwrap();
    let doc = ViewDocument::load(path).unwrap();
    let mut s = AppState::new(Some(doc), Keymap::default(), Theme::new(true));
    s.now = || 1_767_225_600.0;
    s
}

/// The real loop on a `TestBackend`, talking to `ep`.
pub fn app_with(ep: &Endpoint, state: AppState, width: u16, height: u16) -> App<TestBackend> {
    let options = ConnectOptions {
        endpoint_url: Some(ep.url()),
        instance_id: Some(INSTANCE.into()),
        ..Default::default()
    };
    let terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    let mut app = App::new(terminal, state, options, None);
    app.runner.system_clipboard = false;
    app.draw().unwrap();
    app
}

pub async fn press(app: &mut App<TestBackend>, events: impl IntoIterator<Item = AppEvent>) {
    for e in events {
        app.tx.send(e).unwrap();
    }
}

/// Steps the loop until `done` holds (bounded, so a broken app fails instead of hanging).
pub async fn until(
    app: &mut App<TestBackend>,
    what: &str,
    done: impl Fn(&App<TestBackend>) -> bool,
) {
    for _ in 0..500 {
        if done(app) {
            return;
        }
        // Bounded in time too: a condition nothing will make true fails instead of hanging.
        let stepped = tokio::time::timeout(Duration::from_secs(30), app.step())
            .await
            .unwrap_or_else(|_| {
                panic!(
                    "nothing happened for 30 s while waiting for {what}:\n{}",
                    screen(app)
                )
            });
        assert!(stepped.unwrap(), "the app quit while waiting for {what}");
    }
    panic!("gave up waiting for {what}");
}

pub fn screen(app: &App<TestBackend>) -> String {
    app.terminal.backend().to_string()
}

/// Ctrl-P, then waits until the submit dialog's look-up shows `operation` and the view's
/// consumers have been judged.
pub async fn open_submit(app: &mut App<TestBackend>, operation: &str) {
    press(app, [ctrl('p')]).await;
    until(app, "the look-up", |a| screen(a).contains(operation)).await;
    until(app, "the consumers", |a| {
        a.state.popups.submit().is_none_or(|d| {
            !matches!(
                d.consumers,
                connect_views::tui::popups::ConsumersState::Checking
            )
        })
    })
    .await;
}

/// The browser's listing answering with `views` (customer-managed, published) as its one
/// page: names and descriptions as given, ids and ARNs made up from their place.
pub fn listed(state: &mut AppState, views: &[(&str, Option<&str>)]) {
    let views = views
        .iter()
        .enumerate()
        .map(
            |(i, (name, description))| connect_views::connect::ViewSummary {
                id: format!("0000000{i}-aaaa-4bbb-8ccc-dddddddddddd"),
                arn: format!("arn:aws:connect:us-east-1:111122223333:instance/x/view/{i}"),
                name: name.to_string(),
                view_type: connect_views::connect::ViewKind::CustomerManaged,
                status: "PUBLISHED".into(),
                description: description.map(str::to_string),
            },
        )
        .collect();
    let generation = state.panes.browser.generation;
    update(
        state,
        AppEvent::Task(Box::new(TaskEvent::ViewsPage {
            generation,
            first: true,
            views,
            more: false,
        })),
    );
}
