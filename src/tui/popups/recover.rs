//! A draft from a session that did not end cleanly: take it back, or discard it. A stray
//! key does neither, Esc included: the draft is a person's unsaved work.

use ratatui::text::Line;

use super::{Drawn, key_rows};
use crate::tui::action::Command;
use crate::tui::component::Msg;
use crate::tui::cx::Cx;
use crate::tui::journal::Draft;
use crate::tui::keymap::Context;

pub(super) fn handle(draft: &Draft, command: Option<Command>, out: &mut Vec<Msg>) {
    match command {
        Some(Command::RecoverDraft) => {
            out.extend([Msg::Close, Msg::Recover(Box::new(draft.clone()))])
        }
        Some(Command::DiscardDraft) => out.extend([Msg::Close, Msg::DiscardDraft]),
        _ => {}
    }
}

pub(super) fn draw(draft: &Draft, added: usize, removed: usize, app: &Cx) -> Drawn<'static> {
    let lines = vec![
        Line::raw("An earlier session ended without saving these changes."),
        Line::raw(""),
        Line::raw(format!(
            "made      {}",
            crate::view::time::rfc3339(draft.at)
        )),
        Line::raw(format!("view      {}", draft.name)),
        Line::raw(format!(
            "changes   +{added} -{removed} lines against what is open"
        )),
        Line::raw(""),
    ]
    .into_iter()
    .chain(key_rows(app, Context::RecoverPopup))
    .collect();
    Drawn::new("Recover unsaved changes", lines, 64, 12)
}
