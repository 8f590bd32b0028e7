//! What the user asks for. Named `Command` so it does not collide with a view's
//! actions. Serde-loadable so the keymap file can bind it; `help` is its help text.

use serde::Deserialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Command {
    Help,
    NextPane,
    PrevPane,
    NextDiagnostic,
    PrevDiagnostic,
    Save,
    Submit,
    CreateVersion,
    ToggleLevel,
    EditMetadata,
    Quit,
    Redraw,
    Cancel,
    Undo,
    Redo,
    Search,
    SearchNext,
    SearchPrev,
    GotoLine,
    Copy,
    Cut,
    Paste,
    SelectAll,
    Up,
    Down,
    Select,
    AddAction,
    RenameAction,
    DeleteAction,
    MoveActionUp,
    MoveActionDown,
    AddMissingActions,
    SwitchTab,
    NextDataSet,
    NewDataSet,
    TogglePreview,
    Left,
    Right,
    Press,
    Reveal,
    ResetPreview,
    ScrollUp,
    ScrollDown,
    CopyChecksum,
}

impl Command {
    pub const ALL: &'static [Command] = &[
        Command::Help,
        Command::NextPane,
        Command::PrevPane,
        Command::NextDiagnostic,
        Command::PrevDiagnostic,
        Command::Save,
        Command::Submit,
        Command::CreateVersion,
        Command::ToggleLevel,
        Command::EditMetadata,
        Command::Quit,
        Command::Redraw,
        Command::Cancel,
        Command::Undo,
        Command::Redo,
        Command::Search,
        Command::SearchNext,
        Command::SearchPrev,
        Command::GotoLine,
        Command::Copy,
        Command::Cut,
        Command::Paste,
        Command::SelectAll,
        Command::Up,
        Command::Down,
        Command::Select,
        Command::AddAction,
        Command::RenameAction,
        Command::DeleteAction,
        Command::MoveActionUp,
        Command::MoveActionDown,
        Command::AddMissingActions,
        Command::SwitchTab,
        Command::NextDataSet,
        Command::NewDataSet,
        Command::TogglePreview,
        Command::Left,
        Command::Right,
        Command::Press,
        Command::Reveal,
        Command::ResetPreview,
        Command::ScrollUp,
        Command::ScrollDown,
        Command::CopyChecksum,
    ];

    /// The name `keymap.toml` binds it by (`next_pane = "tab"`).
    pub fn name(self) -> String {
        let mut out = String::new();
        for (i, c) in format!("{self:?}").chars().enumerate() {
            if c.is_ascii_uppercase() {
                if i > 0 {
                    out.push('_');
                }
                out.push(c.to_ascii_lowercase());
            } else {
                out.push(c);
            }
        }
        out
    }

    /// The help text shown in the footer and the help overlay.
    pub fn help(self) -> &'static str {
        match self {
            Command::Help => "show every key binding",
            Command::NextPane => "next pane",
            Command::PrevPane => "previous pane",
            Command::NextDiagnostic => "jump to the next diagnostic",
            Command::PrevDiagnostic => "jump to the previous diagnostic",
            Command::Save => "save the view file",
            Command::Submit => "open the submit dialog (create or update the view)",
            Command::CreateVersion => "create a numbered version of the published view",
            Command::ToggleLevel => "switch the intended status: PUBLISHED or SAVED",
            Command::EditMetadata => "edit the name, description and tags",
            Command::Quit => "quit (asks when there are unsaved changes)",
            Command::Redraw => "redraw the screen",
            Command::Cancel => "close the dialog, or cancel the submission in flight",
            Command::Undo => "undo",
            Command::Redo => "redo",
            Command::Search => "search (a regular expression)",
            Command::SearchNext => "next search match",
            Command::SearchPrev => "previous search match",
            Command::GotoLine => "go to a line (and column: 12:5)",
            Command::Copy => "copy the selection (OSC 52 over SSH)",
            Command::Cut => "cut the selection",
            Command::Paste => "paste what was cut or copied here",
            Command::SelectAll => "select all",
            Command::Up => "move up",
            Command::Down => "move down",
            Command::Select => "open the selected item",
            Command::AddAction => "add an action",
            Command::RenameAction => "rename the selected action",
            Command::DeleteAction => "delete the selected action",
            Command::MoveActionUp => "move the selected action up",
            Command::MoveActionDown => "move the selected action down",
            Command::AddMissingActions => "add every action a component raises but the list lacks",
            Command::SwitchTab => "switch the editor between the template and its sample data",
            Command::NextDataSet => "show the next sample data set",
            Command::NewDataSet => "new sample data set, filled from the view's inputs",
            Command::TogglePreview => "show or hide the preview of the view as the agent sees it",
            Command::Left => "previous option of the focused dropdown",
            Command::Right => "next option of the focused dropdown",
            Command::Press => {
                "press the focused element: a button, card or row shows the Show view branch and \
                 ViewResultData; a field's option, toggle or section changes"
            }
            Command::Reveal => "move the editor's cursor to the focused element's component",
            Command::ResetPreview => "reset the preview's fields to their default values",
            Command::ScrollUp => "scroll the status pane up",
            Command::ScrollDown => "scroll the status pane down",
            Command::CopyChecksum => {
                "copy the last submission's ViewContentSha256 (OSC 52 over SSH)"
            }
        }
    }

    /// A short label for the footer.
    pub fn label(self) -> &'static str {
        match self {
            Command::Help => "help",
            Command::NextPane => "pane",
            Command::NextDiagnostic => "next error",
            Command::Save => "save",
            Command::Submit => "submit",
            Command::CreateVersion => "version",
            Command::ToggleLevel => "level",
            Command::EditMetadata => "metadata",
            Command::Quit => "quit",
            Command::Undo => "undo",
            Command::Redo => "redo",
            Command::Search => "search",
            Command::GotoLine => "go to",
            Command::Select => "jump",
            Command::AddAction => "add",
            Command::RenameAction => "rename",
            Command::DeleteAction => "delete",
            Command::MoveActionUp => "up",
            Command::MoveActionDown => "down",
            Command::AddMissingActions => "add missing",
            Command::Copy => "copy",
            Command::SwitchTab => "data",
            Command::TogglePreview => "preview",
            Command::Press => "press",
            Command::Reveal => "in editor",
            Command::ResetPreview => "reset",
            Command::CopyChecksum => "copy sha256",
            _ => "",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_name_is_what_the_keymap_file_takes() {
        for c in Command::ALL {
            let back: Command =
                serde::Deserialize::deserialize(serde::de::value::StrDeserializer::<
                    serde::de::value::Error,
                >::new(&c.name()))
                .unwrap_or_else(|e| panic!("{c:?} as {}: {e}", c.name()));
            assert_eq!(back, *c);
        }
    }
}
