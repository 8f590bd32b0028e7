//! The browser pane in the whole app: the instance's views paged in, filtered through
//! SearchViews, a view's versions, opening one with its lost-update base, AWS-managed views
//! read-only and saved as a new view, and delete with a typed confirmation.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::backend::TestBackend;

use crate::common::tui::{app_with, chars, ctrl, key, press, screen, state_for, until};
use crate::common::*;
use connect_views::tui::app::App;
use connect_views::tui::event::AppEvent;
use connect_views::tui::state::{Pane, Popup};

fn alt(c: char) -> AppEvent {
    AppEvent::Input(Event::Key(KeyEvent::new(
        KeyCode::Char(c),
        KeyModifiers::ALT,
    )))
}

/// `n` customer views named `view 000`…, created through the SDK.
async fn seed(ep: &Endpoint, n: usize) {
    let sdk = ep.sdk();
    for i in 0..n {
        let name = format!("view {i:03}");
        sdk.create_view()
            .instance_id(INSTANCE)
            .name(&name)
            .description(if i % 10 == 7 { "refunds" } else { "other" })
            .status(aws_sdk_connect::types::ViewStatus::Published)
            .content(content(&tiny_template(&name, "Go"), &["Go".into()]))
            .send()
            .await
            .unwrap();
    }
}

async fn browser_listed(app: &mut App<TestBackend>) {
    until(app, "the listing's last page", |a| {
        a.state.panes.browser.listed && !a.state.panes.browser.loading
    })
    .await;
}

fn names(app: &App<TestBackend>) -> Vec<String> {
    app.state
        .panes
        .browser
        .views
        .iter()
        .map(|v| v.name.clone())
        .collect()
}

#[tokio::test(flavor = "current_thread")]
async fn the_browser_pages_filters_shows_versions_and_opens_with_the_base() {
    let ep = Endpoint::start().await;
    seed(&ep, 130).await;
    // One view with history: two numbered versions, then a SAVED draft on top.
    let c = ep.client().await;
    let id = c.find_by_name("view 042").await.unwrap().unwrap().id;
    let sdk = ep.sdk();
    for v in ["first", "second"] {
        sdk.create_view_version()
            .instance_id(INSTANCE)
            .view_id(&id)
            .version_description(v)
            .send()
            .await
            .unwrap();
        sdk.update_view_content()
            .instance_id(INSTANCE)
            .view_id(&id)
            .status(aws_sdk_connect::types::ViewStatus::Published)
            .content(content(
                &tiny_template(&format!("after {v}"), "Go"),
                &["Go".into()],
            ))
            .send()
            .await
            .unwrap();
    }
    let mut app = app_with(&ep, state_for("order-cards.view.json"), 120, 40);
    tokio::time::pause();
    until(&mut app, "the first validation", |a| {
        a.state.validation_current()
    })
    .await;

    press(&mut app, [key(KeyCode::F(12))]).await;
    until(&mut app, "the first page", |a| {
        screen(a).contains("view 000")
    })
    .await;
    assert_eq!(app.state.focus, Pane::Browser);
    browser_listed(&mut app).await;
    let all = names(&app);
    // Every page arrived, the customer's views first, then the AWS-managed ones.
    assert_eq!(all.iter().filter(|n| n.starts_with("view ")).count(), 130);
    assert!(all[..130].iter().all(|n| n.starts_with("view ")), "{all:?}");
    assert!(
        app.state.panes.browser.views[130..]
            .iter()
            .all(|v| v.view_type.is_aws_managed())
            && all.len() > 130
    );
    assert!(
        screen(&app).contains(&format!("{} views", all.len())),
        "the title counts every view: {}",
        screen(&app)
    );

    // PageDown moves over the loaded rows at once: no request, no wait.
    press(&mut app, [key(KeyCode::PageDown)]).await;
    app.step().await.unwrap();
    assert!(app.state.panes.browser.selected > 10);

    // Typing filters through SearchViews (name or description).
    press(&mut app, chars("refunds")).await;
    until(&mut app, "the search's answer", |a| {
        !a.state.panes.browser.loading && a.state.panes.browser.views.len() == 13
    })
    .await;
    assert!(
        names(&app).iter().all(|n| n.ends_with('7')),
        "{:?}",
        names(&app)
    );
    // Esc clears the filter; the whole list comes back.
    press(&mut app, [key(KeyCode::Esc)]).await;
    until(&mut app, "the whole list", |a| {
        !a.state.panes.browser.loading && a.state.panes.browser.views.len() > 130
    })
    .await;
    press(&mut app, chars("view 042")).await;
    until(&mut app, "one view", |a| {
        !a.state.panes.browser.loading && a.state.panes.browser.views.len() == 1
    })
    .await;

    // Right: its qualifiers and versions.
    press(&mut app, [key(KeyCode::Right)]).await;
    until(&mut app, "its versions", |a| {
        screen(a).contains("version 2") && screen(a).contains("version 1")
    })
    .await;
    assert!(screen(&app).contains("$LATEST") && screen(&app).contains("$SAVED"));
    // $LATEST, $SAVED, version 2, version 1: open version 1.
    press(
        &mut app,
        [
            key(KeyCode::Down),
            key(KeyCode::Down),
            key(KeyCode::Down),
            key(KeyCode::Enter),
        ],
    )
    .await;
    until(&mut app, "the version in the editor", |a| {
        !a.state.panes.browser.shown && a.state.doc.meta.name == "view 042"
    })
    .await;
    assert!(
        app.state
            .doc
            .editor
            .text()
            .contains("\"Title\": \"view 042\""),
        "version 1 holds the first content: {}",
        app.state.doc.editor.text()
    );
    assert!(!app.state.doc.dirty());
    let saved = c.describe_view(&format!("{id}:$SAVED")).await.unwrap();
    let base = app.state.session.base.latest().cloned().expect("a base");
    assert_eq!(base.view_id, id);
    assert_eq!(
        base.sha256,
        connect_views::view::content_sha256(&saved.template, &saved.actions),
        "the base is $SAVED as it is now, whatever was opened"
    );
    assert!(
        screen(&app).contains("opened view 042:1"),
        "{}",
        screen(&app)
    );

    // Someone changes the view behind the tool's back: the submit dialog says so.
    sdk.update_view_content()
        .instance_id(INSTANCE)
        .view_id(&id)
        .status(aws_sdk_connect::types::ViewStatus::Saved)
        .content(content(&tiny_template("meanwhile", "Go"), &["Go".into()]))
        .send()
        .await
        .unwrap();
    crate::common::tui::open_submit(&mut app, "changed on the instance").await;
}

#[tokio::test(flavor = "current_thread")]
async fn an_aws_managed_view_opens_read_only_and_saves_as_a_new_view() {
    let ep = Endpoint::start().await;
    let mut app = app_with(&ep, state_for("order-cards.view.json"), 120, 40);
    tokio::time::pause();
    until(&mut app, "the first validation", |a| {
        a.state.validation_current()
    })
    .await;
    press(&mut app, [alt('b')]).await;
    browser_listed(&mut app).await;
    let managed = app
        .state
        .panes
        .browser
        .views
        .iter()
        .position(|v| v.view_type.is_aws_managed())
        .expect("the instance has AWS-managed views");
    let name = app.state.panes.browser.views[managed].name.clone();
    for _ in 0..managed {
        press(&mut app, [key(KeyCode::Down)]).await;
    }
    press(&mut app, [key(KeyCode::Enter)]).await;
    until(&mut app, "the managed view in the editor", |a| {
        a.state.doc.meta.name == name && !a.state.panes.browser.shown
    })
    .await;
    assert!(app.state.read_only.is_some());
    assert!(
        app.state.session.base.is_empty(),
        "nothing a submission replaces"
    );
    until(&mut app, "the badge", |a| screen(a).contains("READ-ONLY")).await;

    // Typing, pasting, tree operations and submitting are refused; moving is not.
    let before = app.state.doc.editor.text();
    press(
        &mut app,
        [key(KeyCode::Down), key(KeyCode::Char('x')), ctrl('v')],
    )
    .await;
    press(&mut app, [AppEvent::Input(Event::Paste("junk".into()))]).await;
    press(&mut app, [ctrl('p')]).await;
    until(&mut app, "the refusal", |a| {
        screen(a).contains("read-only:")
    })
    .await;
    app.step().await.ok();
    assert_eq!(app.state.doc.editor.text(), before);
    assert_eq!(app.state.doc.editor.cursor().0, 1, "the cursor moved");
    assert!(!app.state.popups.is_open(), "no submit dialog");

    // Alt-N: a new view of the user's own, created through the submit dialog.
    press(&mut app, [alt('n')]).await;
    until(&mut app, "the name prompt", |a| a.state.popups.is_open()).await;
    let copy = format!("Copy of {name}");
    assert!(
        matches!(app.state.popups.top(), Some(Popup::Prompt(p)) if p.title.starts_with("Save as a new view") && p.input == copy),
        "{:?}",
        app.state.popups.top()
    );
    press(&mut app, [key(KeyCode::Enter)]).await;
    until(&mut app, "the look-up", |a| {
        screen(a).contains("create (no view of this name yet)")
    })
    .await;
    assert!(app.state.read_only.is_none());
    until(&mut app, "the check of the new view", |a| {
        a.state.validation_current()
    })
    .await;
    press(&mut app, [key(KeyCode::Enter)]).await;
    until(&mut app, "the creation", |a| a.state.session.last.is_some()).await;
    let c = ep.client().await;
    let created = c.find_by_name(&copy).await.unwrap().expect("created");
    let v = c.describe_view(&created.id).await.unwrap();
    assert_eq!(
        v.view_type,
        connect_views::connect::ViewKind::CustomerManaged
    );
    assert_eq!(
        connect_views::view::Template::parse(&v.template)
            .unwrap()
            .to_pretty(),
        before,
        "the copy holds the managed view's template"
    );
}

#[tokio::test(flavor = "current_thread")]
async fn delete_asks_for_the_name_and_unsaved_changes_are_never_lost_to_an_open() {
    let ep = Endpoint::start().await;
    seed(&ep, 3).await;
    let mut app = app_with(&ep, state_for("order-cards.view.json"), 120, 40);
    tokio::time::pause();
    until(&mut app, "the first validation", |a| {
        a.state.validation_current()
    })
    .await;
    // An unsaved change in the buffer.
    press(&mut app, [key(KeyCode::End), key(KeyCode::Char(' '))]).await;
    until(&mut app, "the edit", |a| a.state.doc.dirty()).await;
    let edited = app.state.doc.editor.text();
    press(&mut app, [key(KeyCode::F(12))]).await;
    browser_listed(&mut app).await;

    // Enter on a view asks first; Esc keeps the buffer as it was.
    press(&mut app, [key(KeyCode::Enter)]).await;
    until(&mut app, "the question", |a| a.state.popups.is_open()).await;
    assert!(
        matches!(app.state.popups.top(), Some(Popup::Prompt(p)) if p.title.starts_with("Unsaved changes: Enter discards them")),
        "{:?}",
        app.state.popups.top()
    );
    press(&mut app, [key(KeyCode::Esc)]).await;
    until(&mut app, "the question's end", |a| {
        !a.state.popups.is_open()
    })
    .await;
    assert_eq!(app.state.doc.editor.text(), edited);
    assert!(app.state.panes.browser.shown);

    // Delete: a wrong name deletes nothing; the right one deletes the view.
    press(&mut app, [key(KeyCode::Down), ctrl('d')]).await;
    press(&mut app, chars("view 000")).await;
    press(&mut app, [key(KeyCode::Enter)]).await;
    until(&mut app, "the refusal", |a| {
        screen(a).contains("nothing was deleted")
    })
    .await;
    let c = ep.client().await;
    assert!(c.find_by_name("view 001").await.unwrap().is_some());
    assert!(c.find_by_name("view 000").await.unwrap().is_some());
    if let Some(Popup::Prompt(p)) = app.state.popups.top_mut() {
        p.input = "view 001".into();
    }
    press(&mut app, [key(KeyCode::Enter)]).await;
    until(&mut app, "the deletion", |a| {
        screen(a).contains("deleted \"view 001\"")
    })
    .await;
    assert!(c.find_by_name("view 001").await.unwrap().is_none());
    assert!(!names(&app).contains(&"view 001".to_string()));
    assert!(c.find_by_name("view 000").await.unwrap().is_some());
    assert_eq!(
        app.state.doc.editor.text(),
        edited,
        "the buffer is untouched"
    );

    // F12 goes back to the editor, the edit still there.
    press(&mut app, [key(KeyCode::F(12))]).await;
    until(&mut app, "the editor", |a| !a.state.panes.browser.shown).await;
    assert_eq!(app.state.focus, Pane::Editor);
}

/// The diff pane: the buffer against `$LATEST`, a version and a file, following edits; the
/// outline marks what differs and Alt-. jumps there; from the browser, Ctrl-K compares.
#[tokio::test(flavor = "current_thread")]
async fn the_diff_pane_compares_the_buffer_and_the_outline_marks_the_changes() {
    let ep = Endpoint::start().await;
    let (template, actions) = example_content("order-cards.view.json");
    let sdk = ep.sdk();
    let id = create_published(&sdk, INSTANCE, "Order actions", &template, &actions).await;
    sdk.create_view_version()
        .instance_id(INSTANCE)
        .view_id(&id)
        .send()
        .await
        .unwrap();
    // $LATEST moves on: the refund card's heading changes there.
    let changed = template.replace("Issue a refund", "Refund now");
    sdk.update_view_content()
        .instance_id(INSTANCE)
        .view_id(&id)
        .status(aws_sdk_connect::types::ViewStatus::Published)
        .content(content(&changed, &actions))
        .send()
        .await
        .unwrap();
    let mut app = app_with(&ep, state_for("order-cards.view.json"), 170, 45);
    tokio::time::pause();
    until(&mut app, "the first validation", |a| {
        a.state.validation_current()
    })
    .await;

    // Alt-C, Enter: $LATEST.
    press(&mut app, [alt('c')]).await;
    until(&mut app, "the prompt", |a| a.state.popups.is_open()).await;
    press(&mut app, [key(KeyCode::Enter)]).await;
    until(&mut app, "the diff", |a| a.state.panes.diff.diff.is_some()).await;
    let s = screen(&app);
    assert!(s.contains("Diff · $LATEST → buffer (1)"), "{s}");
    let shown = connect_views::view::diff::render_text(app.state.panes.diff.diff.as_ref().unwrap());
    assert!(
        shown.starts_with(r#"Card refund_card: Heading "Refund now" → "Issue a refund""#),
        "{shown}"
    );
    assert!(
        s.contains(r#"Card refund_card: Heading "Refund now" → "Issue a"#),
        "{s}"
    );
    // The outline marks the card; Alt-. puts the cursor on it.
    press(&mut app, [key(KeyCode::F(10))]).await;
    until(&mut app, "the outline", |a| screen(a).contains("Outline")).await;
    assert!(
        screen(&app)
            .lines()
            .any(|l| l.contains("± ") && l.contains("Card refund_card")),
        "{}",
        screen(&app)
    );
    press(&mut app, [alt('.')]).await;
    until(&mut app, "the jump", |a| {
        let tree = a.state.validation.tree.clone().unwrap();
        let card = tree.get(tree.by_id("refund_card").unwrap()).span.start;
        connect_views::tui::panes::outline::cursor_offset(&a.state.cx()) == Some(card)
    })
    .await;

    // The buffer catches up: typing the new heading in makes the diff empty.
    // (F10 gave the outline the focus; the editor takes the typing.)
    app.state.focus = Pane::Editor;
    press(&mut app, [ctrl('g')]).await;
    let (row, line) = app
        .state
        .doc
        .editor
        .text()
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("Issue a refund"))
        .map(|(i, l)| (i + 1, l.to_string()))
        .unwrap();
    let column = line.find("Issue").unwrap() + 1;
    press(&mut app, chars(&format!("{row}:{column}"))).await;
    press(&mut app, [key(KeyCode::Enter)]).await;
    press(&mut app, (0..14).map(|_| key(KeyCode::Delete))).await;
    press(&mut app, chars("Refund now")).await;
    until(&mut app, "no change", |a| {
        a.state
            .panes
            .diff
            .diff
            .as_ref()
            .is_some_and(|d| d.is_empty())
    })
    .await;

    // Version 1 holds the old heading again; a file can be the other side too.
    press(&mut app, [alt('c')]).await;
    until(&mut app, "the prompt", |a| a.state.popups.is_open()).await;
    if let Some(Popup::Prompt(p)) = app.state.popups.top_mut() {
        p.input = "1".into();
    }
    press(&mut app, [key(KeyCode::Enter)]).await;
    until(&mut app, "version 1's diff", |a| {
        screen(a).contains("Diff · 1 → buffer (1)")
    })
    .await;
    let file = example("order-cards.view.json");
    press(&mut app, [alt('c')]).await;
    until(&mut app, "the prompt", |a| a.state.popups.is_open()).await;
    if let Some(Popup::Prompt(p)) = app.state.popups.top_mut() {
        p.input = file.display().to_string();
    }
    press(&mut app, [key(KeyCode::Enter)]).await;
    until(&mut app, "the file's diff", |a| {
        a.state
            .panes
            .diff
            .other
            .as_ref()
            .is_some_and(|o| o.label.ends_with("order-cards.view.json"))
            && a.state
                .panes
                .diff
                .diff
                .as_ref()
                .is_some_and(|d| d.changes.len() == 1)
    })
    .await;

    // From the browser: Ctrl-K on $LATEST compares with it.
    press(&mut app, [key(KeyCode::F(12))]).await;
    browser_listed(&mut app).await;
    press(&mut app, [key(KeyCode::Right), ctrl('k')]).await;
    until(&mut app, "the browser's diff", |a| {
        !a.state.panes.browser.shown
            && a.state
                .panes
                .diff
                .other
                .as_ref()
                .is_some_and(|o| o.label.ends_with(":$LATEST"))
            && a.state
                .panes
                .diff
                .diff
                .as_ref()
                .is_some_and(|d| d.is_empty())
    })
    .await;
    assert_eq!(app.state.focus, Pane::Diff);
    // The pane is titled with the view's name, not its id.
    let label = app.state.panes.diff.other.as_ref().unwrap().label.clone();
    assert_eq!(
        label,
        format!("{}:$LATEST", app.state.doc.meta.name),
        "{label}"
    );
    app.draw().unwrap();
    assert!(
        screen(&app).contains(&format!("Diff · {label} → buffer")),
        "{}",
        screen(&app)
    );
    // Esc there stops comparing; the actions come back.
    press(&mut app, [key(KeyCode::Esc)]).await;
    until(&mut app, "the actions", |a| !a.state.panes.diff.shown()).await;
    app.draw().unwrap();
    assert!(screen(&app).contains("Actions (3)"), "{}", screen(&app));
}

/// In a protected environment, deleting takes the environment's name typed too.
#[test]
fn deleting_in_a_protected_environment_takes_its_name_and_the_views() {
    use connect_views::tui::effect::Effect;
    use connect_views::tui::update::update;
    let mut s = state_for("order-cards.view.json");
    update(&mut s, crate::envs::connected_to_protected_prod());
    update(&mut s, key(KeyCode::F(12)));
    crate::common::tui::listed(&mut s, &[("Order actions", None)]);
    let listed_id = s.panes.browser.views[0].id.clone();
    update(&mut s, ctrl('d'));
    let screen = crate::common::tui::draw(&mut s, 120, 40)
        .backend()
        .to_string();
    assert!(screen.contains("type prod/Order actions"), "{screen}");
    // At 80x24 the prompt is as wide as the screen allows, and what to type shows whole (the
    // title, too long for the border, is said in the body).
    let screen = crate::common::tui::draw(&mut s, 80, 24)
        .backend()
        .to_string();
    assert!(screen.contains("type prod/Order actions"), "{screen}");
    for e in chars("Order actions") {
        update(&mut s, e);
    }
    let effects = update(&mut s, key(KeyCode::Enter));
    assert!(
        !effects
            .iter()
            .any(|e| matches!(e, Effect::DeleteView { .. })),
        "the view's name alone deletes nothing"
    );
    assert!(
        matches!(s.popups.top(), Some(Popup::Prompt(p)) if p.error.as_deref().is_some_and(|e| e.contains("prod/Order actions"))),
        "{:?}",
        s.popups.top()
    );
    if let Some(Popup::Prompt(p)) = s.popups.top_mut() {
        p.input = "prod/Order actions".into();
    }
    let effects = update(&mut s, key(KeyCode::Enter));
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::DeleteView { id, .. } if *id == listed_id)),
        "{effects:?}"
    );
}

/// The browser lists afresh each time it opens: a view made elsewhere meanwhile shows.
#[tokio::test(flavor = "current_thread")]
async fn the_browser_lists_afresh_when_opened() {
    let ep = Endpoint::start().await;
    seed(&ep, 2).await;
    let mut app = app_with(&ep, state_for("order-cards.view.json"), 120, 40);
    tokio::time::pause();
    press(&mut app, [key(KeyCode::F(12))]).await;
    browser_listed(&mut app).await;
    assert!(!names(&app).contains(&"made meanwhile".to_string()));
    press(&mut app, [key(KeyCode::F(12))]).await;
    ep.sdk()
        .create_view()
        .instance_id(INSTANCE)
        .name("made meanwhile")
        .status(aws_sdk_connect::types::ViewStatus::Published)
        .content(content(
            &tiny_template("made meanwhile", "Go"),
            &["Go".into()],
        ))
        .send()
        .await
        .unwrap();
    press(&mut app, [key(KeyCode::F(12))]).await;
    until(&mut app, "the new view listed", |a| {
        a.state.panes.browser.listed
            && !a.state.panes.browser.loading
            && a.state
                .panes
                .browser
                .views
                .iter()
                .any(|v| v.name == "made meanwhile")
    })
    .await;
}
