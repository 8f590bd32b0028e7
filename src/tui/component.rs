//! Panes as components. Each owns its state (selection, scroll, focus), takes the commands
//! bound in its context and the keys it types, and draws itself. It reads the app and says
//! what it wants done as [`Msg`]s, which `update` applies in one place: a pane never edits
//! the document or another pane, so each can be driven and tested alone.

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;

use super::action::Command;
use super::cx::Cx;
use super::effect::Effect;
use super::state::{Pane, Popup, Tab};
use crate::view::Severity;

/// What a component asks for.
#[derive(Debug)]
pub enum Msg {
    /// The view's action list as the pane left it: a change of the document.
    SetActions(Vec<String>),
    /// The editor's cursor to a place (0-based row and character column) of the template
    /// or the sample data, and the focus to the editor.
    Reveal {
        tab: Tab,
        row: usize,
        column: usize,
    },
    /// The same, at a byte offset of the template.
    RevealOffset(usize),
    /// The template editor's cursor to a byte offset, the focus staying where it is (the
    /// outline's selection is the component under the cursor).
    MoveCursor(usize),
    /// A structural change of the template: one edit, one undo step.
    Edit(crate::view::edit::Edit),
    /// An insert of components that raise these actions: those the view does not list
    /// join its Actions in the same undo step.
    Insert(crate::view::edit::Edit, Vec<String>),
    /// A quick fix to apply.
    Fix(crate::view::fix::QuickFix),
    Open(Popup),
    Notice(String, Severity),
    Effect(Effect),
    /// The popup that says it is done.
    Close,
    /// Search the editor for a pattern (checked already), or clear the search.
    Search(Option<String>),
    /// Add an action to the list (checked already) and select it.
    AddAction(String),
    /// Rename the listed action at an index, and every prop raising it.
    RenameAction(usize, String),
    /// A new sample data set (its name free), filled from the view's inputs.
    NewDataSet {
        name: String,
        data: serde_json::Value,
        inputs: usize,
    },
    RenameDataSet {
        old: String,
        new: String,
    },
    DeleteDataSet(String),
    /// CreateViewVersion of the last submission; `confirmed`: a protected environment's
    /// name was typed for it.
    CreateVersion {
        description: Option<String>,
        confirmed: bool,
    },
    /// A write the protected environment's name was typed for.
    Confirmed(Guarded),
    /// Drop the unsaved changes (and their draft) and open what the browser selected.
    DiscardAndOpen(super::panes::browser::OpenRequest),
    /// The buffer becomes a new view of this name; the submit popup follows.
    SaveAsNewView(String),
    /// Save to this file.
    SaveAs(std::path::PathBuf),
    /// The diff pane stops comparing.
    StopComparing,
    /// The metadata popup's checked fields.
    SetMeta {
        name: String,
        description: Option<String>,
        tags: indexmap::IndexMap<String, String>,
    },
    /// Write the file over what changed on disk.
    SaveOver(std::path::PathBuf),
    SaveAndQuit,
    /// A "save and quit" that waited for a name will not get one.
    NoQuitAfterSave,
    Quit,
    Recover(Box<super::journal::Draft>),
    DiscardDraft,
    /// Submit from the submit popup: despite local errors, over a change not seen, despite
    /// the consumers it would break.
    Submit {
        anyway: bool,
        overwrite: bool,
        breaking: bool,
    },
    /// Switch the intended status (PUBLISHED / SAVED) and check again.
    ToggleLevel,
    /// Judge the view's consumers against the buffer again (the Used-by pane).
    RefreshConsumers,
    /// Draw the preview with this workspace page's InputData (empty: the sample data).
    PreviewPage(String),
    /// The focus to a pane.
    Focus(Pane),
    /// Compare the buffer with `what` (see `Effect::FetchCompare`), called `label` in the
    /// diff pane's title (the view's name, where `what` names it by id).
    Compare {
        what: String,
        label: String,
    },
}

/// A write to a protected environment, waiting for its name to be typed.
#[derive(Debug, Clone)]
pub enum Guarded {
    /// The submission the submit popup under the prompt asked for.
    Submit {
        anyway: bool,
        overwrite: bool,
        breaking: bool,
    },
    /// A version, with its description.
    Version(Option<String>),
}

pub trait Component {
    /// Which pane it is (and so its keymap context).
    fn pane(&self) -> Pane;

    /// A command the keymap found in this pane's context (or globally). `false`: not
    /// this pane's, so the global handling runs.
    fn command(&mut self, command: Command, app: &Cx, out: &mut Vec<Msg>) -> bool;

    /// A key no binding took, before the keymap is asked (a focused field types).
    /// `false`: not taken.
    fn key(&mut self, _key: &KeyEvent, _app: &Cx, _out: &mut Vec<Msg>) -> bool {
        false
    }

    /// Readies it for a frame in `area`, before drawing: the selection kept in view, what
    /// drawing reads computed. Drawing itself changes nothing.
    fn fit(&mut self, _area: Rect, _app: &Cx) {}

    fn render(&self, frame: &mut Frame, area: Rect, app: &Cx);
}
