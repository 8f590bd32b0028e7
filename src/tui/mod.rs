//! The designer: a ratatui app with an editor pane for the template, a list pane for
//! the actions and a status pane driven by background validation; it submits through
//! CreateView / UpdateViewContent and shows what the service returned.

pub mod action;
pub mod app;
pub mod clipboard;
pub mod component;
pub mod cx;
pub mod editor;
pub mod effect;
pub mod event;
pub mod highlight;
pub mod history;
pub mod journal;
pub mod keymap;
pub mod panes;
pub mod popups;
pub mod state;
pub mod tasks;
pub mod terminal;
pub mod theme;
pub mod update;

use std::path::PathBuf;

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use crate::connect::base::Bases;
use crate::connect::{ConnectClient, ConnectOptions, ViewSpec};
use crate::view::ViewDocument;

pub use app::App;
pub use state::AppState;

/// Where keymap.toml and theme.toml live: `CONNECT_VIEWS_CONFIG_DIR`, else the user's config
/// directory.
pub fn config_dir() -> Option<PathBuf> {
    crate::connect::env::config_dir()
}

/// The keymap and theme with the user's overrides, and what was wrong with them.
pub fn load_config() -> (keymap::Keymap, theme::Theme, Vec<String>) {
    let mut keymap = keymap::Keymap::default();
    let mut theme = theme::Theme::from_env();
    let mut problems = Vec::new();
    if let Some(dir) = config_dir() {
        if let Ok(text) = std::fs::read_to_string(dir.join("keymap.toml")) {
            problems.extend(keymap.apply_overrides(&text));
        }
        if let Ok(text) = std::fs::read_to_string(dir.join("theme.toml")) {
            problems.extend(apply_theme(&mut theme, &text));
        }
    }
    (keymap, theme, problems)
}

/// `[colors]` with `role = "colour"`; returns one message per bad entry.
pub fn apply_theme(theme: &mut theme::Theme, text: &str) -> Vec<String> {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct File {
        #[serde(default)]
        colors: toml::Table,
    }
    let file: File = match toml::from_str(text) {
        Ok(f) => f,
        Err(e) => return vec![format!("theme.toml: {e}")],
    };
    let mut problems = Vec::new();
    for (name, value) in file.colors {
        let role: Result<theme::Role, _> =
            serde::Deserialize::deserialize(toml::Value::String(name.clone()));
        match (role, value.as_str().and_then(theme::parse_color)) {
            (Ok(role), Some(color)) => theme.set(role, color),
            (Err(_), _) => problems.push(format!("theme.toml: \"{name}\" is not a colour role")),
            (Ok(_), None) => problems.push(format!("theme.toml: {name} = {value} is not a colour")),
        }
    }
    problems
}

/// Opens the designer on a file, a view pulled from the instance, or a new view.
/// What the designer opens: a file, a view of the instance, or a starter (saved to the file
/// when one is given).
pub struct Open {
    pub file: Option<PathBuf>,
    pub pull: Option<String>,
    pub starter: Option<String>,
}

/// A starter's view, to be saved to `file` when one is given.
fn from_starter(
    name: Option<&str>,
    file: Option<&std::path::Path>,
) -> Result<ViewDocument, String> {
    let name = name.unwrap_or_default();
    let text = crate::view::starters::starter(name)
        .ok_or_else(|| format!("no starter is named {name}"))?;
    ViewDocument::from_text(text, file).map_err(|e| format!("the starter {name}: {e}"))
}

/// A view of the instance opened for editing, with the client that read it and the base a
/// change by someone else meanwhile is caught against at Ctrl-P.
async fn pull_view(
    options: &ConnectOptions,
    view: &str,
    file: Option<PathBuf>,
) -> Result<
    (
        ConnectClient,
        ViewDocument,
        Option<crate::connect::base::RemoteBase>,
    ),
    String,
> {
    let c = ConnectClient::connect(options)
        .await
        .map_err(|e| e.to_string())?;
    let id = c
        .resolve(&ViewSpec::parse(view))
        .await
        .map_err(|e| e.to_string())?;
    let (v, saved) = crate::connect::base::open_for_editing(&c, &id)
        .await
        .map_err(|e| e.to_string())?;
    let mut doc = v.document();
    doc.origin.path = file;
    Ok((c, doc, saved))
}

pub async fn run(open: Open, options: ConnectOptions) -> Result<u8, String> {
    let Open {
        file,
        pull,
        starter,
    } = open;
    let mut client = None;
    let mut raw_notice = None;
    let mut blank = None;
    let mut base = Bases::default();
    let doc = match (&file, &pull) {
        _ if starter.is_some() => Some(from_starter(starter.as_deref(), file.as_deref())?),
        (_, Some(view)) => {
            let (c, doc, saved) = pull_view(&options, view, file.clone()).await?;
            if let Some(saved) = saved {
                base = Bases::one(saved);
            }
            client = Some(c);
            Some(doc)
        }
        (Some(path), None) => {
            let opened = open_file(path)?;
            raw_notice = opened.notice;
            blank = opened.blank;
            Some(opened.doc)
        }
        (None, None) => None,
    };
    let (keymap, theme, problems) = load_config();
    let mut state = AppState::new(doc, keymap, theme);
    // A blank file opened as a new view: saving replaces what was read (nothing), and a
    // change made to it meanwhile is still caught.
    if let Some(text) = blank {
        state.doc.original = Some((text, String::new()));
    }
    state.config_problems = problems;
    if let Some(n) = raw_notice {
        state.doc.raw_text = true;
        state.notice = Some((n, crate::view::Severity::Error));
    }
    attach_journal(&mut state, &journal::drafts_dir(), base);

    let guard = terminal::TerminalGuard::enter(false)
        .map_err(|e| format!("cannot set up the terminal: {e}"))?;
    let backend = CrosstermBackend::new(std::io::stdout());
    let terminal = Terminal::new(backend).map_err(|e| e.to_string())?;
    let mut app = App::new(terminal, state, options, client);
    let tx = app.tx.clone();
    std::thread::spawn(move || {
        use std::sync::atomic::Ordering;
        loop {
            // While an external editor has the terminal, its input is its own.
            if terminal::PAUSED.load(Ordering::SeqCst) {
                std::thread::sleep(std::time::Duration::from_millis(20));
                continue;
            }
            match crossterm::event::poll(std::time::Duration::from_millis(50)) {
                Ok(true) if !terminal::PAUSED.load(Ordering::SeqCst) => {}
                Ok(_) => continue,
                Err(_) => break,
            }
            let Ok(event) = crossterm::event::read() else {
                break;
            };
            if tx.send(event::AppEvent::Input(event)).is_err() {
                break;
            }
        }
    });
    if std::env::var_os("CONNECT_VIEWS_PANIC_AFTER_FIRST_FRAME").is_some() {
        app.draw().map_err(|e| e.to_string())?;
        panic!("forced panic after the first frame (CONNECT_VIEWS_PANIC_AFTER_FIRST_FRAME)");
    }
    watch_signals(app.tx.clone());
    let result = app.run().await;
    let signalled = app.state.signalled;
    drop(app);
    drop(guard);
    result
        .map(|_| signalled.map(|n| 128 + n as u8).unwrap_or(0))
        .map_err(|e| format!("terminal error: {e}"))
}

/// Journals the buffer under `drafts`: a draft left by a session that did not end cleanly
/// is offered back, and the bases kept for the file (what it was last opened from or
/// submitted to on each instance) join `pulled`, the base of a view just pulled into it.
pub fn attach_journal(state: &mut AppState, drafts: &std::path::Path, pulled: Bases) {
    let journal = journal::journal_path(drafts, state.doc.path.as_deref());
    journal::sweep(&journal);
    if let Some(draft) = journal::read(&journal)
        && !state.offer_recovery(draft)
    {
        journal::remove(&journal);
    }
    let mut base = pulled;
    if let Some(file) = &state.doc.path {
        let kept = crate::connect::base::kept_path(drafts, file);
        let fresh = !base.is_empty();
        base.merge_older(Bases::load(&kept));
        if fresh && let Err(e) = base.save(&kept) {
            state.notice = Some((
                format!("the view's base was not kept beside the draft: {e}"),
                crate::view::Severity::Warning,
            ));
        }
    }
    state.session.base = base;
    state.journal = Some(journal);
}

/// SIGTERM, SIGHUP and SIGINT (raw mode turns Ctrl-C into a key, so it comes only from
/// outside) end the designer as quitting does,
/// keeping the draft; if the loop does not answer within two seconds, the terminal is
/// restored here and the process ends.
fn watch_signals(tx: tokio::sync::mpsc::UnboundedSender<event::AppEvent>) {
    #[cfg(unix)]
    tokio::spawn(async move {
        use tokio::signal::unix::{SignalKind, signal};
        let (Ok(mut term), Ok(mut hup), Ok(mut int)) = (
            signal(SignalKind::terminate()),
            signal(SignalKind::hangup()),
            signal(SignalKind::interrupt()),
        ) else {
            return;
        };
        let n = loop {
            let n = tokio::select! {
                _ = term.recv() => 15,
                _ = hup.recv() => 1,
                _ = int.recv() => 2,
            };
            // A Ctrl-C typed into an external editor that keeps ISIG is the editor's.
            if n != 2 || !terminal::PAUSED.load(std::sync::atomic::Ordering::SeqCst) {
                break n;
            }
        };
        let _ = tx.send(event::AppEvent::Signal(n));
        tokio::time::sleep(std::time::Duration::from_secs(2)).await;
        terminal::restore();
        std::process::exit(128 + n);
    });
}

/// A view file opened for the designer.
struct Opened {
    doc: ViewDocument,
    /// What to say about it (a file edited as plain text).
    notice: Option<String>,
    /// The text of a blank file opened as a new view: what a save replaces.
    blank: Option<String>,
}

/// Opens a view file, reading it once: a view, a file that is not valid JSON as plain text
/// (with a notice saying so), or, for a file that does not exist yet or holds nothing, a
/// new view saved there.
fn open_file(path: &std::path::Path) -> Result<Opened, String> {
    let new_view = |blank: Option<String>| {
        let mut doc =
            ViewDocument::new(crate::view::document::name_from_path(path), state::STARTER);
        doc.actions = vec!["Done".into()];
        doc.origin.path = Some(path.to_path_buf());
        Opened {
            doc,
            notice: None,
            blank,
        }
    };
    if !path.exists() {
        return Ok(new_view(None));
    }
    match ViewDocument::load(path) {
        Ok(doc) => Ok(Opened {
            doc,
            notice: None,
            blank: None,
        }),
        // An empty (or blank) file is where a new view is to be saved: it opens as one.
        Err(crate::view::LoadError::Invalid { source, .. }) if source.trim().is_empty() => {
            Ok(new_view(Some(source.to_string())))
        }
        // A file that is not valid JSON opens as plain text, so a broken file can still be
        // fixed here and nothing in it is lost; saving writes the text back as it is.
        Err(crate::view::LoadError::Invalid {
            source,
            diagnostics,
        }) if diagnostics
            .iter()
            .all(|d| d.code != crate::view::Code::Encoding) =>
        {
            let mut doc = ViewDocument::new(
                crate::view::document::name_from_path(path),
                source.to_string(),
            );
            doc.origin.path = Some(path.to_path_buf());
            doc.origin.format = crate::view::Format::BareTemplate;
            let notice = diagnostics.first().and_then(|d| d.location.as_ref()).map(|l| {
                format!(
                    "{} is not valid JSON ({}:{}): editing the whole file as text; once it parses it is read as a view again",
                    path.display(),
                    l.start.line,
                    l.start.column
                )
            });
            Ok(Opened {
                doc,
                notice,
                blank: None,
            })
        }
        Err(crate::view::LoadError::Invalid {
            source,
            diagnostics,
        }) => Err(format!(
            "{} cannot be opened:\n{}",
            path.display(),
            crate::view::report::render_text(path, &source, &diagnostics)
        )),
        Err(other) => Err(other.to_string()),
    }
}
