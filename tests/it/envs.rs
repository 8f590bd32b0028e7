//! Environments: `[env.NAME]` in connect-views.toml, `--env` on the service commands, a
//! protected one refusing writes without `--yes`, and the designer asking for its name.

use connect_views::tui::effect::Effect;
use connect_views::tui::event::{AppEvent, TaskEvent};
use connect_views::tui::state::Popup;
use connect_views::tui::update::update;
use crossterm::event::KeyCode;

use crate::common::tui::{ctrl, key, state_for, validate_now};
use crate::common::{Endpoint, INSTANCE, bin, example, temp_dir};

fn in_dir(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    let mut c = bin();
    c.current_dir(dir)
        .args(args)
        .env_remove("CONNECT_INSTANCE_ID")
        .env_remove("AWS_ENDPOINT_URL")
        .env_remove("AWS_PROFILE")
        .env_remove("CONNECT_VIEWS_ENV")
        .env("CONNECT_VIEWS_CONFIG_DIR", dir.join("no-config"));
    c.output().unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn an_environment_names_a_target_and_a_protected_one_refuses_writes_without_yes() {
    let ep = Endpoint::start().await;
    let dir = temp_dir();
    std::fs::write(
        dir.path().join("connect-views.toml"),
        format!(
            "[env.test]\nendpoint_url = \"{url}\"\ninstance_id = \"{INSTANCE}\"\n\n\
             [env.prod]\nendpoint_url = \"{url}\"\ninstance_id = \"{INSTANCE}\"\nprotected = true\n",
            url = ep.url()
        ),
    )
    .unwrap();
    std::fs::copy(
        example("order-cards.view.json"),
        dir.path().join("o.view.json"),
    )
    .unwrap();
    let d = dir.path().to_path_buf();
    let run = move |args: Vec<&'static str>| {
        let d = d.clone();
        async move {
            tokio::task::spawn_blocking(move || in_dir(&d, &args))
                .await
                .unwrap()
        }
    };

    let out = run(vec!["push", "o.view.json", "--env", "test"]).await;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("on env test: "));

    let out = run(vec!["push", "o.view.json", "--env", "prod"]).await;
    assert_eq!(out.status.code(), Some(2));
    let e = String::from_utf8_lossy(&out.stderr);
    assert!(
        e.contains("prod is protected") && e.contains("--yes"),
        "{e}"
    );
    let out = run(vec!["push", "o.view.json", "--env", "prod", "--yes"]).await;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("on env prod (protected): "));
    // Reading needs no confirmation.
    let out = run(vec!["list", "--env", "prod"]).await;
    assert!(out.status.success());
    // A diff side can name its environment: ENV:VIEW[:QUALIFIER].
    let out = run(vec!["diff", "test:Order actions:$SAVED", "o.view.json"]).await;
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("on env test: "));

    // An environment the file lacks: its names are listed. A bad file: where it is wrong.
    let out = run(vec!["list", "--env", "staging"]).await;
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let e = String::from_utf8_lossy(&out.stderr);
    assert!(
        e.contains("no [env.staging]") && e.contains("prod") && e.contains("test"),
        "{e}"
    );
    std::fs::write(
        dir.path().join("connect-views.toml"),
        "[env.test]\nregion = 5\n",
    )
    .unwrap();
    let out = run(vec!["list", "--env", "test"]).await;
    let e = String::from_utf8_lossy(&out.stderr);
    assert!(e.contains("connect-views.toml:2:"), "{e}");
}

/// The runner's answer: connected to the protected environment `prod`.
pub(crate) fn connected_to_protected_prod() -> AppEvent {
    AppEvent::Task(Box::new(TaskEvent::Connected {
        target: "the local endpoint".into(),
        instance: INSTANCE.into(),
        env: Some("prod".into()),
        protected: true,
    }))
}

#[test]
fn the_designer_asks_for_a_protected_environments_name_before_a_write() {
    let mut s = state_for("order-cards.view.json");
    // However deep the checkout, the path gives way to the environment.
    s.doc.path =
        Some(std::path::PathBuf::from("/a-checkout".repeat(20)).join("order-cards.view.json"));
    update(&mut s, connected_to_protected_prod());
    validate_now(&mut s);
    let screen = crate::common::tui::draw(&mut s, 160, 40)
        .backend()
        .to_string();
    assert!(screen.contains("READ-ONLY"), "{screen}");
    assert!(
        screen.contains("env prod · the local endpoint"),
        "the title bar names the environment: {screen}"
    );
    assert!(
        screen.contains("…a-checkout/order-cards.view.json"),
        "the path keeps its file name: {screen}"
    );
    update(&mut s, ctrl('p'));
    update(&mut s, crate::common::tui::no_view_of_that_name());
    let effects = update(&mut s, key(KeyCode::Enter));
    assert!(effects.is_empty(), "nothing is sent yet");
    assert!(
        matches!(s.popups.top(), Some(Popup::Prompt(p)) if p.title.starts_with("Protected environment: type its name")),
        "{:?}",
        s.popups.top()
    );
    // The prompt stands over the submit popup: Esc goes back to it, not out of both.
    update(&mut s, key(KeyCode::Esc));
    assert!(
        matches!(s.popups.top(), Some(Popup::Submit(_))),
        "{:?}",
        s.popups.top()
    );
    let screen = crate::common::tui::draw(&mut s, 160, 40)
        .backend()
        .to_string();
    assert!(
        screen.contains("Submit"),
        "the submit popup is back: {screen}"
    );
    update(&mut s, key(KeyCode::Enter));
    if let Some(Popup::Prompt(p)) = s.popups.top_mut() {
        p.input = "test".into();
    }
    let effects = update(&mut s, key(KeyCode::Enter));
    assert!(effects.is_empty(), "a wrong name writes nothing");
    if let Some(Popup::Prompt(p)) = s.popups.top_mut() {
        assert!(p.error.as_deref().unwrap_or("").contains("not \"prod\""));
        p.input = "prod".into();
    }
    let effects = update(&mut s, key(KeyCode::Enter));
    assert!(
        matches!(effects.as_slice(), [Effect::Submit { .. }]),
        "{effects:?}"
    );
    assert!(
        !s.popups.is_open(),
        "the submission closes both: {:?}",
        s.popups.top()
    );
    // Each write asks again (the submission in flight cancelled first).
    update(&mut s, key(KeyCode::Esc));
    update(&mut s, ctrl('p'));
    update(&mut s, crate::common::tui::no_view_of_that_name());
    let effects = update(&mut s, key(KeyCode::Enter));
    assert!(effects.is_empty(), "the next write asks again: {effects:?}");
    assert!(
        matches!(s.popups.top(), Some(Popup::Prompt(p)) if p.title.starts_with("Protected environment")),
        "{:?}",
        s.popups.top()
    );
}
