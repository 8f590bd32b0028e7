//! A one-line prompt that carries what to do with its answer (helix's `Prompt::new(..,
//! callback)`): whoever opens it gives the title and the answer; Enter calls the answer with
//! the app readable, and what it asks for goes out as [`Msg`]s, or its refusal stays on
//! screen under the input. Nothing waits elsewhere for a prompt's answer.

use std::sync::Arc;

use crossterm::event::KeyEvent;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};

use super::{Drawn, typed};
use crate::tui::action::Command;
use crate::tui::component::Msg;
use crate::tui::cx::Cx;
use crate::tui::theme::Role;

/// What Enter does with the input (trimmed): the messages to send, or why not (the prompt
/// stays open with it).
pub type Answer = dyn Fn(&Cx, &str) -> Result<Vec<Msg>, String> + Send + Sync;

#[derive(Clone)]
pub struct Prompt {
    pub title: String,
    pub input: String,
    /// Where in the input the cursor is (see `line`: `None` is the end).
    pub cursor: Option<usize>,
    pub error: Option<String>,
    answer: Arc<Answer>,
    /// What Esc sends besides closing.
    cancel: Option<fn() -> Msg>,
}

impl std::fmt::Debug for Prompt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Prompt")
            .field("title", &self.title)
            .field("input", &self.input)
            .field("error", &self.error)
            .finish_non_exhaustive()
    }
}

impl Prompt {
    pub fn new(
        title: impl Into<String>,
        input: impl Into<String>,
        answer: impl Fn(&Cx, &str) -> Result<Vec<Msg>, String> + Send + Sync + 'static,
    ) -> Prompt {
        Prompt {
            title: title.into(),
            input: input.into(),
            cursor: None,
            error: None,
            answer: Arc::new(answer),
            cancel: None,
        }
    }

    /// Esc also sends `msg()` (a "save and quit" that waited for a name does not quit).
    pub fn on_cancel(mut self, msg: fn() -> Msg) -> Prompt {
        self.cancel = Some(msg);
        self
    }

    /// The prompt as a message that opens it.
    pub fn open(self) -> Msg {
        Msg::Open(super::Popup::Prompt(self))
    }

    pub(super) fn handle(
        &mut self,
        command: Option<Command>,
        key: &KeyEvent,
        app: &Cx,
        out: &mut Vec<Msg>,
    ) {
        match (command, key.code, typed(key)) {
            (Some(Command::Cancel), ..) => {
                out.push(Msg::Close);
                out.extend(self.cancel.map(|f| f()));
            }
            (Some(Command::Apply), ..) => match (self.answer)(app, self.input.trim()) {
                Ok(msgs) => {
                    out.push(Msg::Close);
                    out.extend(msgs);
                }
                Err(e) => self.error = Some(e),
            },
            (None, ..) if super::line::edit(&mut self.input, &mut self.cursor, key) => {
                self.error = None;
            }
            _ => {}
        }
    }

    pub(super) fn paste(&mut self, text: &str) {
        super::line::insert(&mut self.input, &mut self.cursor, text);
        self.error = None;
    }

    pub(super) fn draw(&self, app: &Cx) -> Drawn<'static> {
        let t = &app.theme;
        let mut input = vec![Span::raw("> ")];
        input.extend(super::line::spans(&self.input, self.cursor, true));
        let mut lines = vec![Line::from(input)];
        if let Some(e) = &self.error {
            lines.push(Line::from(Span::styled(
                e.clone(),
                t.style(Role::Error).add_modifier(Modifier::BOLD),
            )));
        }
        Drawn::new(self.title.clone(), lines, 60, 5)
    }
}
