//! The designer with a 400 kB template (about 12,000 lines) open at 200x50: one keystroke
//! plus the frame it causes, and opening the file to the first frame. Resident memory
//! after opening is printed.

use std::hint::black_box;

use connect_views::connect::ConnectOptions;
use connect_views::tui::event::AppEvent;
use connect_views::tui::keymap::Keymap;
use connect_views::tui::theme::Theme;
use connect_views::tui::{App, AppState};
use connect_views::view::ViewDocument;
use connect_views::view::generate::large_view_file;
use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn options() -> ConnectOptions {
    // Never contacted: no submission happens in these benchmarks.
    ConnectOptions {
        endpoint_url: Some("http://127.0.0.1:9".into()),
        instance_id: Some("bench".into()),
        ..Default::default()
    }
}

fn open(path: &std::path::Path) -> App<TestBackend> {
    let doc = ViewDocument::load(path).unwrap();
    let mut state = AppState::new(Some(doc), Keymap::default(), Theme::new(false));
    // Journaling on, as in the real designer: every keystroke also hands the draft over.
    state.journal = Some(path.with_extension("draft.json"));
    let mut app = App::new(
        Terminal::new(TestBackend::new(200, 50)).unwrap(),
        state,
        options(),
        None,
    );
    app.draw().unwrap();
    app
}

fn rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn key(code: KeyCode) -> AppEvent {
    AppEvent::Input(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

/// One keystroke (typing `x`, then taking it back) and the frame it causes.
fn type_and_draw(b: &mut criterion::Bencher<'_>, app: &mut App<TestBackend>) {
    let mut typed = false;
    b.iter(|| {
        let k = if typed {
            key(KeyCode::Backspace)
        } else {
            key(KeyCode::Char('x'))
        };
        typed = !typed;
        app.feed(k).unwrap();
        app.draw().unwrap();
    })
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap()
}

fn benches(c: &mut Criterion) {
    let rt = runtime();
    let _guard = rt.enter();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("large.view.json");
    std::fs::write(&path, large_view_file(430_000)).unwrap();
    let before = rss_kib();
    let mut app = open(&path);
    eprintln!(
        "template: {} lines; resident memory: {:?} KiB before opening, {:?} KiB after",
        app.state.doc.editor.lines().len(),
        before,
        rss_kib()
    );
    // The preview is on screen at 200 columns: wait for the first validation (it brings
    // the tree), so every frame below draws the preview too.
    rt.block_on(async {
        while !(app.state.validation_current() && app.state.validation.tree.is_some()) {
            app.step().await.unwrap();
        }
    });
    app.draw().unwrap();
    assert!(app.terminal.backend().to_string().contains("Preview"));
    // The middle of the file, inside a string.
    let middle = app.state.doc.editor.lines().len() / 2;
    app.state.doc.editor.move_to(middle, 20);
    app.draw().unwrap();
    c.bench_function("designer/preview_frame_400kB", |b| {
        b.iter(|| app.draw().unwrap())
    });

    c.bench_function("designer/keystroke_and_frame_400kB", |b| {
        type_and_draw(b, &mut app)
    });
    // Editor, outline, inspector and preview all on screen: the outline's rows are cached
    // per tree, its selection is the node under the cursor (looked up each frame).
    app.feed(key(KeyCode::F(10))).unwrap();
    app.state.focus = connect_views::tui::state::Pane::Editor;
    app.state.doc.editor.move_to(middle, 20);
    app.draw().unwrap();
    let screen = app.terminal.backend().to_string();
    assert!(
        screen.contains("Outline") && screen.contains("Inspector") && screen.contains("Preview")
    );
    c.bench_function("designer/keystroke_and_frame_all_panes_400kB", |b| {
        type_and_draw(b, &mut app)
    });
    // The outline's refresh after a keystroke: the rows of a new tree, and the selection.
    let tree = app.state.validation.tree.clone().unwrap();
    c.bench_function("designer/outline_rows_of_a_new_tree_400kB", |b| {
        b.iter(|| {
            connect_views::tui::panes::outline::rows_of(black_box(&tree), &Default::default())
        })
    });
    c.bench_function("designer/outline_selection_400kB", |b| {
        b.iter(|| {
            connect_views::tui::panes::outline::selected(
                &app.state.cx(),
                black_box(&tree),
                &Default::default(),
            )
        })
    });
    // One tree operation from the outline, text edit and the outline's new tree included:
    // a component in the middle moved down, then up.
    rt.block_on(async {
        while !app.state.validation_current() {
            app.step().await.unwrap();
        }
    });
    let card = tree
        .preorder()
        .into_iter()
        .find(|&n| {
            tree.get(n).ty() == "Card"
                && tree.get(n).span.start > tree.get(tree.body[0]).span.end / 2
        })
        .expect("a card in the middle");
    let at = tree.get(card).span.start;
    let (row, col) =
        connect_views::tui::panes::preview::row_col_of(app.state.doc.editor.lines(), at);
    app.state.doc.editor.move_to(row, col);
    app.state.focus = connect_views::tui::state::Pane::Outline;
    let alt = |code| AppEvent::Input(Event::Key(KeyEvent::new(code, KeyModifiers::ALT)));
    c.bench_function("designer/tree_operation_400kB", |b| {
        let mut down = true;
        b.iter(|| {
            app.feed(alt(if down { KeyCode::Down } else { KeyCode::Up }))
                .unwrap();
            down = !down;
        });
        // Each step moved the card (a refused one would leave another notice).
        assert!(
            app.state
                .notice
                .as_ref()
                .is_some_and(|n| n.0.starts_with("move ")),
            "{:?}",
            app.state.notice
        );
    });
    c.bench_function("designer/open_to_first_frame_400kB", |b| {
        b.iter(|| black_box(open(&path)))
    });
}

/// The browser over 5,000 views on a local endpoint: from F12 to the frame showing the
/// first page, and one PageDown plus its frame once every page is in (scrolling moves over
/// loaded rows; it never waits on the network).
fn browser(c: &mut Criterion) {
    let rt = runtime();
    let _guard = rt.enter();
    let dir = tempfile::tempdir().unwrap();
    let server = rt.block_on(async {
        connect_views::local::LocalServer::start(
            "127.0.0.1:0".parse().unwrap(),
            &dir.path().join("views.sqlite3"),
        )
        .await
        .unwrap()
    });
    const INSTANCE: &str = connect_views::local::LOCAL_INSTANCE_ID;
    let options = ConnectOptions {
        endpoint_url: Some(server.url()),
        instance_id: Some(INSTANCE.into()),
        ..Default::default()
    };
    rt.block_on(async {
        use aws_sdk_connect::config::{BehaviorVersion, Credentials, Region};
        let sdk = aws_sdk_connect::Client::from_conf(
            aws_sdk_connect::Config::builder()
                .behavior_version(BehaviorVersion::latest())
                .region(Region::new("us-east-1"))
                .credentials_provider(Credentials::new("bench", "bench", None, None, "bench"))
                .http_client(connect_views::connect::http_client())
                .endpoint_url(server.url())
                .build(),
        );
        let mut tasks = tokio::task::JoinSet::new();
        for chunk in 0..16 {
            let sdk = sdk.clone();
            tasks.spawn(async move {
                for i in (chunk..5_000).step_by(16) {
                    let name = format!("view {i:04}");
                    let template = format!(
                        r#"{{"Head":{{"Title":"{name}","Configuration":{{}}}},"Body":[{{"_id":"b","Type":"Button","Props":{{"Action":"Go"}},"Content":["Go"]}}]}}"#
                    );
                    sdk.create_view()
                        .instance_id(INSTANCE)
                        .name(name)
                        .status(aws_sdk_connect::types::ViewStatus::Published)
                        .content(
                            aws_sdk_connect::types::ViewInputContent::builder()
                                .template(template)
                                .actions("Go")
                                .build(),
                        )
                        .send()
                        .await
                        .unwrap();
                }
            });
        }
        while let Some(done) = tasks.join_next().await {
            done.unwrap();
        }
    });
    let state = AppState::new(None, Keymap::default(), Theme::new(false));
    let mut app = App::new(
        Terminal::new(TestBackend::new(200, 50)).unwrap(),
        state,
        options,
        None,
    );
    // Connected once, as a running designer is.
    rt.block_on(async {
        while app.state.session.target.is_none() {
            app.step().await.unwrap();
        }
    });
    c.bench_function("browser/first_screen_5000_views", |b| {
        b.iter(|| {
            // A fresh browser; the listing's generation goes on, so the pages of the last
            // iteration still queued are dropped as stale.
            let generation = app.state.panes.browser.generation;
            app.state.panes.browser = Default::default();
            app.state.panes.browser.generation = generation;
            app.state.focus = connect_views::tui::state::Pane::Editor;
            app.feed(key(KeyCode::F(12))).unwrap();
            rt.block_on(async {
                while !app.state.panes.browser.listed {
                    app.step().await.unwrap();
                }
            });
            app.draw().unwrap();
        });
        assert!(app.terminal.backend().to_string().contains("view 0000"));
    });
    // Every page listed, whether or not the first-screen bench ran (a filter may leave it
    // out): this bench needs the browser open on all 5,000.
    if !app.state.panes.browser.listed {
        app.state.focus = connect_views::tui::state::Pane::Editor;
        app.feed(key(KeyCode::F(12))).unwrap();
    }
    rt.block_on(async {
        while !app.state.panes.browser.listed || app.state.panes.browser.loading {
            app.step().await.unwrap();
        }
    });
    assert!(app.state.panes.browser.views.len() >= 5_000);
    c.bench_function("browser/page_down_and_frame_5000_views", |b| {
        b.iter(|| {
            if app.state.panes.browser.selected + 60 >= app.state.panes.browser.views.len() {
                app.state.panes.browser.selected = 0;
            }
            app.feed(key(KeyCode::PageDown)).unwrap();
            app.draw().unwrap();
        })
    });
    // The versions of the views passed over wait for the selection to settle; none is in
    // flight now that matters to the bench.
    drop(app);
    drop(server);
}

criterion_group!(designer, benches, browser);
criterion_main!(designer);
