//! A picker: choose one of a list (the view's actions, the inputs it reads) or give a new
//! one. Typing filters; Up/Down choose; Enter picks the row selected, the last row being the
//! text typed as a new one when nothing listed is exactly it. Like a prompt, it carries what
//! to do with the choice.

use std::sync::Arc;

use crossterm::event::KeyEvent;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};

use super::{Drawn, key_line};
use crate::tui::action::Command;
use crate::tui::component::Msg;
use crate::tui::cx::Cx;
use crate::tui::keymap::Context;
use crate::tui::theme::Role;

/// What was picked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pick {
    Listed(String),
    New(String),
}

/// What Enter does with the pick: the messages to send, or why not (the picker stays).
pub type OnPick = dyn Fn(&Cx, Pick) -> Result<Vec<Msg>, String> + Send + Sync;

#[derive(Clone)]
pub struct PickerPopup {
    pub title: String,
    pub items: Vec<String>,
    pub query: String,
    pub cursor: Option<usize>,
    pub selected: usize,
    /// What a new entry is called in the list ("new action").
    pub new_label: String,
    pub error: Option<String>,
    on_pick: Arc<OnPick>,
}

impl std::fmt::Debug for PickerPopup {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PickerPopup")
            .field("title", &self.title)
            .field("items", &self.items)
            .field("query", &self.query)
            .field("selected", &self.selected)
            .finish_non_exhaustive()
    }
}

impl PickerPopup {
    pub fn new(
        title: impl Into<String>,
        items: Vec<String>,
        new_label: impl Into<String>,
        on_pick: impl Fn(&Cx, Pick) -> Result<Vec<Msg>, String> + Send + Sync + 'static,
    ) -> PickerPopup {
        PickerPopup {
            title: title.into(),
            items,
            query: String::new(),
            cursor: None,
            selected: 0,
            new_label: new_label.into(),
            error: None,
            on_pick: Arc::new(on_pick),
        }
    }

    /// The rows shown: the listed items the query matches (case-insensitive), then the query
    /// as a new one when it is not exactly one of them.
    pub fn rows(&self) -> Vec<Pick> {
        let q = self.query.trim().to_lowercase();
        let mut rows: Vec<Pick> = self
            .items
            .iter()
            .filter(|i| i.to_lowercase().contains(&q))
            .map(|i| Pick::Listed(i.clone()))
            .collect();
        let query = self.query.trim();
        if !query.is_empty() && !self.items.iter().any(|i| i == query) {
            rows.push(Pick::New(query.to_string()));
        }
        rows
    }

    pub(super) fn handle(
        &mut self,
        command: Option<Command>,
        key: &KeyEvent,
        app: &Cx,
        out: &mut Vec<Msg>,
    ) {
        let n = self.rows().len();
        match command {
            Some(Command::Up) => self.selected = self.selected.saturating_sub(1),
            Some(Command::Down) => self.selected = (self.selected + 1).min(n.saturating_sub(1)),
            Some(Command::Apply) => match self.rows().get(self.selected).cloned() {
                None => self.error = Some("type a name, or choose one".into()),
                Some(pick) => match (self.on_pick)(app, pick) {
                    Ok(msgs) => {
                        out.push(Msg::Close);
                        out.extend(msgs);
                    }
                    Err(e) => self.error = Some(e),
                },
            },
            _ => {
                if super::line::edit(&mut self.query, &mut self.cursor, key) {
                    self.selected = 0;
                    self.error = None;
                }
            }
        }
    }

    pub(super) fn paste(&mut self, text: &str) {
        super::line::insert(&mut self.query, &mut self.cursor, text);
        self.selected = 0;
    }

    pub(super) fn draw(&self, app: &Cx) -> Drawn<'static> {
        let t = &app.theme;
        let mut query = vec![Span::raw("> ")];
        query.extend(super::line::spans(&self.query, self.cursor, true));
        let mut lines = vec![Line::from(query)];
        for (i, row) in self.rows().iter().enumerate() {
            let spans = match row {
                Pick::Listed(s) => vec![Span::styled(format!("  {s}"), t.style(Role::Key))],
                Pick::New(s) => vec![
                    Span::styled(format!("  + {}: ", self.new_label), t.style(Role::Muted)),
                    Span::styled(s.clone(), t.style(Role::String)),
                ],
            };
            lines.push(Line::from(if i == self.selected {
                crate::tui::panes::reversed(spans)
            } else {
                spans
            }));
        }
        if let Some(e) = &self.error {
            lines.push(Line::from(Span::styled(
                e.clone(),
                t.style(Role::Error).add_modifier(Modifier::BOLD),
            )));
        }
        lines.push(Line::from(Span::styled(
            key_line(app, Context::PickerPopup),
            t.style(Role::Muted),
        )));
        let h = (lines.len() as u16 + 2).min(20);
        Drawn::new(self.title.clone(), lines, 70, h)
    }
}
