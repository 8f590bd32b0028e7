//! The loop: one owner of the state. It waits for an event, drains what is queued,
//! updates, hands the effects to the runner, and draws at most once per turn.
//! Generic over the ratatui backend and fed by a channel, so tests inject both.

use ratatui::Terminal;
use ratatui::backend::Backend;
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};

use super::effect::Effect;
use super::event::AppEvent;
use super::panes;
use super::state::{AppState, Flight};
use super::tasks::Runner;
use super::update::{revalidate, update};
use crate::connect::{ConnectClient, ConnectOptions};

pub struct App<B: Backend> {
    pub terminal: Terminal<B>,
    pub state: AppState,
    pub tx: UnboundedSender<AppEvent>,
    rx: UnboundedReceiver<AppEvent>,
    pub runner: Runner,
    /// Frames drawn so far.
    pub frames: u64,
}

impl<B: Backend> App<B> {
    /// Must be called inside a tokio runtime. Starts connecting and the first validation.
    pub fn new(
        terminal: Terminal<B>,
        mut state: AppState,
        options: ConnectOptions,
        client: Option<ConnectClient>,
    ) -> Self {
        let (tx, rx) = unbounded_channel();
        let mut runner = Runner::new(tx.clone(), options, client);
        runner.run(revalidate(&mut state));
        App {
            terminal,
            state,
            tx,
            rx,
            runner,
            frames: 0,
        }
    }

    pub fn draw(&mut self) -> std::io::Result<()> {
        let size = self
            .terminal
            .size()
            .map_err(|e| std::io::Error::other(e.to_string()))?;
        panes::fit_to(
            &mut self.state,
            ratatui::layout::Rect::new(0, 0, size.width, size.height),
        );
        let state = &self.state;
        self.terminal
            .draw(|f| panes::render(f, state))
            .map_err(|e| std::io::Error::other(e.to_string()))?;
        self.frames += 1;
        Ok(())
    }

    fn handle(&mut self, event: AppEvent) -> std::io::Result<()> {
        let effects = update(&mut self.state, event);
        self.run_effects(effects)
    }

    fn run_effects(&mut self, effects: Vec<Effect>) -> std::io::Result<()> {
        for effect in effects {
            if let Effect::ExternalEdit {
                text,
                command,
                revision,
            } = effect
            {
                let result = super::terminal::lend(|| external_edit(&text, &command));
                self.terminal
                    .clear()
                    .map_err(|e| std::io::Error::other(e.to_string()))?;
                let more = super::update::external_edit_done(&mut self.state, revision, result);
                self.run_effects(more)?;
                continue;
            }
            if let Effect::Redraw = effect {
                self.terminal
                    .clear()
                    .map_err(|e| std::io::Error::other(e.to_string()))?;
            }
            self.runner.run(effect);
        }
        Ok(())
    }

    /// One turn: wait for an event, drain the queue, draw (when one of them can have
    /// changed what is shown). False once the app quits.
    pub async fn step(&mut self) -> std::io::Result<bool> {
        let Some(event) = self.rx.recv().await else {
            return Ok(false);
        };
        let mut shown = inert(&event, &self.state);
        self.handle(event)?;
        while let Ok(event) = self.rx.try_recv() {
            shown &= inert(&event, &self.state);
            self.handle(event)?;
        }
        self.runner
            .settle(self.state.session.flight != Flight::Idle);
        if self.state.quit {
            match self.state.signalled {
                // Told to end: what is not saved stays in the journal, written now.
                Some(_) => {
                    let draft = self.state.doc.dirty().then(|| {
                        super::update::journal_draft(&self.state, &self.state.doc.document())
                    });
                    self.runner.keep(self.state.journal.as_deref(), draft);
                }
                None => self.runner.finish(self.state.journal.as_deref()),
            }
            return Ok(false);
        }
        if !shown {
            self.draw()?;
        }
        Ok(true)
    }

    /// Processes one event without waiting or drawing (for benchmarks and tests).
    pub fn feed(&mut self, event: AppEvent) -> std::io::Result<()> {
        self.handle(event)
    }

    pub async fn run(&mut self) -> std::io::Result<()> {
        self.draw()?;
        while self.step().await? {}
        Ok(())
    }
}

/// Whether an event leaves the screen as it is: a key's release, the mouse, the terminal's
/// focus, and the spinner's tick while nothing is in flight.
fn inert(event: &AppEvent, state: &AppState) -> bool {
    use crossterm::event::{Event, KeyEventKind};
    match event {
        AppEvent::Input(Event::Key(k)) => k.kind == KeyEventKind::Release,
        AppEvent::Input(Event::Mouse(_) | Event::FocusGained | Event::FocusLost) => true,
        AppEvent::Tick => state.session.flight == Flight::Idle,
        _ => false,
    }
}

/// Writes the template to a file of its own, runs the editor on it (`sh -c`, so the
/// command may carry arguments: `code --wait`), and reads it back.
fn external_edit(text: &str, command: &str) -> Result<String, String> {
    static N: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let path = std::env::temp_dir().join(format!(
        "connect-views-{}-{n}.template.json",
        std::process::id()
    ));
    std::fs::write(&path, format!("{text}\n"))
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{command} \"$1\""))
        .arg("sh")
        .arg(&path)
        .status();
    let result = match status {
        Err(e) => Err(format!("cannot run `{command}`: {e}")),
        Ok(s) if !s.success() => Err(format!(
            "`{command}` exited with {s}; the template is unchanged"
        )),
        Ok(_) => std::fs::read_to_string(&path)
            .map_err(|e| format!("cannot read {} back: {e}", path.display())),
    };
    let _ = std::fs::remove_file(&path);
    result
}
