//! Quitting with unsaved changes: save and quit, or quit without saving.

use super::{Drawn, key_rows};
use crate::tui::action::Command;
use crate::tui::component::Msg;
use crate::tui::cx::Cx;
use crate::tui::keymap::Context;
use ratatui::text::Line;

pub(super) fn handle(command: Option<Command>, out: &mut Vec<Msg>) {
    match command {
        Some(Command::SaveAndQuit) => out.extend([Msg::Close, Msg::SaveAndQuit]),
        Some(Command::QuitWithoutSaving) => out.push(Msg::Quit),
        _ => {}
    }
}

pub(super) fn draw(app: &Cx) -> Drawn<'static> {
    let lines = vec![
        Line::raw("The view has changes that are not saved."),
        Line::raw(""),
    ]
    .into_iter()
    .chain(key_rows(app, Context::QuitPopup))
    .collect();
    Drawn::new("Unsaved changes", lines, 50, 9)
}
