//! The file changed on disk since it was opened: overwrite it, or save a copy.

use std::path::Path;

use ratatui::text::Line;

use super::{Drawn, key_rows};
use crate::tui::action::Command;
use crate::tui::component::Msg;
use crate::tui::cx::Cx;
use crate::tui::keymap::Context;

pub(super) fn handle(path: &Path, command: Option<Command>, out: &mut Vec<Msg>) {
    match command {
        Some(Command::OverwriteFile) => out.extend([Msg::Close, Msg::SaveOver(path.to_path_buf())]),
        Some(Command::SaveCopy) => out.push(
            super::asks::save_as(crate::view::document::copy_path(path).display().to_string())
                .open(),
        ),
        _ => {}
    }
}

pub(super) fn draw(path: &Path, app: &Cx) -> Drawn<'static> {
    let lines = vec![
        Line::raw(format!("{} changed since you opened it.", path.display())),
        Line::raw("Nothing was written; your changes are still here."),
        Line::raw(""),
    ]
    .into_iter()
    .chain(key_rows(app, Context::ConflictPopup))
    .collect();
    Drawn::new("Changed on disk", lines, 70, 10)
}
