//! What the user asks for, in one table: each command's name (what `keymap.toml` binds it
//! by), where it applies and its default keys, its footer label and its help. The keymap,
//! the footers, the popups' key lines and the help overlay are all generated from it, so a
//! key a popup takes can be rebound like any other. Named `Command` so it does not collide
//! with a view's actions.

use serde::Deserialize;

use super::keymap::Context::{self, *};

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
    /// Draw the preview with a workspace page's InputData (asked for).
    PreviewPage,
    ScrollUp,
    ScrollDown,
    CopyChecksum,
    SubmitNow,
    SubmitAnyway,
    Overwrite,
    /// Submit despite the consumers the submission would break.
    SubmitBreaking,
    Yes,
    Apply,
    NextField,
    PrevField,
    SaveAndQuit,
    QuitWithoutSaving,
    OverwriteFile,
    SaveCopy,
    RecoverDraft,
    DiscardDraft,
    ToggleOutline,
    Fold,
    MoveComponentUp,
    MoveComponentDown,
    Nest,
    Unnest,
    DeleteComponent,
    CopyComponent,
    CutComponent,
    PasteComponent,
    DuplicateComponent,
    RenameComponent,
    Palette,
    RenameField,
    QuickFix,
    Complete,
    Reformat,
    SaveAs,
    RenameDataSet,
    DeleteDataSet,
    ExternalEditor,
    AddItem,
    ToggleReference,
    FixProp,
    ToggleBrowser,
    OpenView,
    DeleteView,
    Refresh,
    SaveAsNewView,
    Promote,
    Compare,
    /// Show or hide the Used-by pane.
    ToggleUsedBy,
    /// Judge the view's consumers against the buffer again.
    RefreshConsumers,
    NextChange,
    PrevChange,
    CompareSelected,
    ConnectToFlow,
    PageSettings,
    ToggleJoin,
}

/// A command as a pane declares it: its default keys there, its place in that pane's
/// footer (lower first; 0 keeps it out), and what it does there when that differs from its
/// help (the inspector's `d` removes a prop, not a component). A pane's rows are its
/// keymap context, its footer and its section of the help.
#[derive(Debug, Clone, Copy)]
pub struct CommandRow {
    pub command: Command,
    pub keys: &'static [&'static str],
    pub footer: u8,
    pub meaning: Option<&'static str>,
}

pub const fn row(command: Command, keys: &'static [&'static str], footer: u8) -> CommandRow {
    CommandRow {
        command,
        keys,
        footer,
        meaning: None,
    }
}

impl CommandRow {
    /// What the command does in this pane, said instead of its help.
    pub const fn meaning(self, meaning: &'static str) -> CommandRow {
        CommandRow {
            meaning: Some(meaning),
            ..self
        }
    }
}

/// One row of the table: a command, its keys everywhere and in the popups (a pane's keys
/// are the pane's own rows), its label and its help.
pub struct Spec {
    pub command: Command,
    /// The default keys, per context.
    pub keys: &'static [(Context, &'static [&'static str])],
    /// Where it stands in the focused pane's footer (lower first); 0 keeps it out.
    pub footer: u8,
    /// A short label for footers and popups' key lines.
    pub label: &'static str,
    /// One line for the help overlay.
    pub help: &'static str,
}

const fn c(
    command: Command,
    keys: &'static [(Context, &'static [&'static str])],
    footer: u8,
    label: &'static str,
    help: &'static str,
) -> Spec {
    Spec {
        command,
        keys,
        footer,
        label,
        help,
    }
}

use Command as C;

/// Every command. Order is the help overlay's.
#[rustfmt::skip]
pub const COMMANDS: &[Spec] = &[
    c(C::Help, &[(Global, &["f1"])], 1, "help", "show every key binding"),
    c(C::NextPane, &[(Global, &["tab"])], 90, "pane", "next pane"),
    c(C::PrevPane, &[(Global, &["shift-tab"])], 0, "", "previous pane"),
    c(C::NextDiagnostic, &[(Global, &["f8"])], 5, "next error", "jump to the next diagnostic"),
    c(C::PrevDiagnostic, &[(Global, &["shift-f8"])], 0, "", "jump to the previous diagnostic"),
    c(C::Save, &[(Global, &["ctrl-s"])], 3, "save", "save the view file"),
    c(C::Submit, &[(Global, &["ctrl-p"])], 4, "submit", "open the submit dialog (create or update the view)"),
    c(C::CreateVersion, &[(Global, &["f6"])], 4, "version", "create a numbered version of the published view (asks for a description)"),
    c(C::ToggleLevel, &[(Global, &["f7"]), (SubmitPopup, &["s", "p", "f7"])], 70, "switch status", "switch the intended status: PUBLISHED or SAVED"),
    c(C::EditMetadata, &[(Global, &["f2"])], 0, "metadata", "edit the name, description and tags"),
    c(C::Quit, &[(Global, &["ctrl-q"])], 2, "quit", "quit (asks when there are unsaved changes)"),
    c(C::Redraw, &[(Global, &["ctrl-l"])], 0, "", "redraw the screen"),
    c(C::Cancel, &[(Global, &["esc"]), (Popup, &["esc"])], 0, "cancel", "close the dialog, or cancel the submission in flight"),
    c(C::Undo, &[], 0, "undo", "undo (a tree operation is one step)"),
    c(C::Redo, &[], 0, "redo", "redo"),
    c(C::Search, &[], 0, "search", "search (a regular expression)"),
    c(C::SearchNext, &[], 0, "", "next search match"),
    c(C::SearchPrev, &[], 0, "", "previous search match"),
    c(C::GotoLine, &[], 0, "go to", "go to a line (and column: 12:5)"),
    c(C::Copy, &[], 0, "copy", "copy the selection (OSC 52 over SSH)"),
    c(C::Cut, &[], 0, "cut", "cut the selection"),
    c(C::Paste, &[], 0, "paste", "paste what was cut or copied here"),
    c(C::SelectAll, &[], 0, "", "select all"),
    c(C::Up, &[(ConditionPopup, &["up"]), (PickerPopup, &["up"]), (HelpPopup, &["up", "k"]), (PalettePopup, &["up", "ctrl-p"])], 0, "", "move up"),
    c(C::Down, &[(ConditionPopup, &["down"]), (PickerPopup, &["down"]), (HelpPopup, &["down", "j"]), (PalettePopup, &["down", "ctrl-n"])], 0, "", "move down"),
    c(C::Select, &[], 0, "jump", "open the selected item (in the outline: its component in the editor)"),
    c(C::AddAction, &[], 0, "add", "add an action"),
    c(C::RenameAction, &[], 0, "rename", "rename the selected action"),
    c(C::DeleteAction, &[], 0, "delete", "delete the selected action"),
    c(C::MoveActionUp, &[], 0, "up", "move the selected action up"),
    c(C::MoveActionDown, &[], 0, "down", "move the selected action down"),
    c(C::AddMissingActions, &[], 0, "add missing", "add the selected missing action to the list; on any other row, every action a component raises but the list lacks"),
    c(C::SwitchTab, &[(Global, &["f4"])], 0, "data", "switch the editor between the template and its sample data"),
    c(C::NextDataSet, &[(Global, &["f5"])], 0, "", "show the next sample data set"),
    c(C::NewDataSet, &[(Global, &["ctrl-n"])], 0, "", "new sample data set, filled from the view's inputs"),
    c(C::TogglePreview, &[(Global, &["f9"])], 80, "preview", "show or hide the preview of the view as the agent sees it"),
    c(C::Left, &[(ConditionPopup, &["left"])], 0, "", "the focused dropdown's previous option; in the outline, fold or go to the parent"),
    c(C::Right, &[(ConditionPopup, &["right"])], 0, "", "the focused dropdown's next option; in the outline, unfold or go to the first child"),
    c(C::Press, &[], 0, "press", "press the focused element: a button, card or row shows the Show view branch and ViewResultData; a field's option, toggle or section changes"),
    c(C::Reveal, &[], 0, "in editor", "move the editor's cursor to the focused element's component"),
    c(C::ResetPreview, &[], 0, "reset", "reset the preview's fields to their default values"),
    c(C::PreviewPage, &[], 0, "page data", "draw the preview with a workspace page's InputData from the instance (WORKSPACE/PAGE; empty: the sample data again)"),
    c(C::ScrollUp, &[(HelpPopup, &["pageup"])], 0, "", "scroll up a page"),
    c(C::ScrollDown, &[(HelpPopup, &["pagedown"])], 0, "", "scroll down a page"),
    c(C::CopyChecksum, &[], 0, "copy sha256", "copy the last submission's ViewContentSha256 (OSC 52 over SSH)"),
    c(C::SubmitNow, &[(SubmitPopup, &["enter"])], 1, "submit", "submit as shown (refused while it would overwrite a change you have not seen)"),
    c(C::SubmitAnyway, &[(SubmitPopup, &["a"])], 2, "submit anyway (the service decides)", "submit despite local errors, after a confirmation: the service decides"),
    c(C::Overwrite, &[(SubmitPopup, &["o", "O"])], 2, "overwrite", "submit over the view's changes made on the instance since you opened it"),
    c(C::SubmitBreaking, &[(SubmitPopup, &["b", "B"])], 2, "submit anyway (breaks consumers)", "submit a change that breaks flows, modules or pages that show the view (named in the dialog), or without waiting for them to be judged"),
    c(C::Yes, &[(ConfirmSubmit, &["y", "Y"])], 1, "submits despite the errors", "confirm a submission despite local errors"),
    c(C::Apply, &[(MetadataPopup, &["enter"]), (PickerPopup, &["enter"]), (ConditionPopup, &["enter"]), (PagePopup, &["enter"]), (PromptPopup, &["enter"]), (PalettePopup, &["enter"])], 2, "applies", "apply what the dialog holds (in the palette: insert the selected entry)"),
    c(C::NextField, &[(MetadataPopup, &["tab", "down"]), (ConditionPopup, &["tab"]), (PagePopup, &["tab", "down"])], 1, "moves", "next field"),
    c(C::PrevField, &[(MetadataPopup, &["shift-tab", "up"]), (ConditionPopup, &["shift-tab"]), (PagePopup, &["shift-tab", "up"])], 0, "", "previous field"),
    c(C::SaveAndQuit, &[(QuitPopup, &["s", "S"])], 1, "save and quit", "save, then quit once the save succeeds"),
    c(C::QuitWithoutSaving, &[(QuitPopup, &["q", "Q", "y"])], 2, "quit without saving", "quit and leave the changes unsaved"),
    c(C::OverwriteFile, &[(ConflictPopup, &["o", "O"])], 1, "overwrite it with yours", "overwrite the file changed on disk with your version"),
    c(C::SaveCopy, &[(ConflictPopup, &["c", "C"])], 2, "save yours as a copy", "save your version under another name"),
    c(C::RecoverDraft, &[(RecoverPopup, &["enter"])], 1, "recover them", "take back the unsaved changes of a session that did not end cleanly"),
    c(C::DiscardDraft, &[(RecoverPopup, &["d"])], 2, "discard them (other keys do nothing)", "throw those unsaved changes away"),
    c(C::ToggleOutline, &[(Global, &["f10"])], 81, "outline", "show or hide the outline: the component tree, in step with the cursor"),
    c(C::Fold, &[], 0, "fold", "fold or unfold the selected component"),
    c(C::MoveComponentUp, &[], 0, "move", "move the selected component before its previous sibling"),
    c(C::MoveComponentDown, &[], 0, "", "move the selected component after its next sibling"),
    c(C::Nest, &[], 0, "nest", "nest the selected component into the sibling before it (as its last child)"),
    c(C::Unnest, &[], 0, "unnest", "move the selected component out of its parent, after it"),
    c(C::DeleteComponent, &[(ConditionPopup, &["ctrl-d"])], 4, "delete", "delete the selected component and its children (one undo brings them back)"),
    c(C::CopyComponent, &[], 0, "copy", "copy the selected component and its children (OSC 52 too)"),
    c(C::CutComponent, &[], 0, "cut", "cut the selected component and its children"),
    c(C::PasteComponent, &[], 0, "paste", "paste what was copied after the selected component, with fresh _ids"),
    c(C::DuplicateComponent, &[], 0, "duplicate", "duplicate the selected component after itself, with fresh _ids"),
    c(C::RenameComponent, &[], 0, "rename", "rename the selected component's _id"),
    c(C::RenameField, &[], 0, "rename field", "rename the selected field's Name and every UI condition and linked output reading it"),
    c(C::QuickFix, &[], 0, "fix", "apply the quick fix of the diagnostic under the cursor (or selected): did you mean, add or remove an action, add a required prop, wrap a value into an array, split an embedded $. reference"),
    c(C::Complete, &[], 0, "complete", "complete here: component types, the component's props, enum values, actions, $. inputs, field Names (opens by itself after \"Type\": \" and in Props); Up/Down choose, Enter or Tab accept, Esc closes"),
    c(C::Reformat, &[], 0, "format", "reformat the template (two-space JSON; one undo step)"),
    c(C::SaveAs, &[(Global, &["alt-s"])], 0, "save as", "save the view under another file name"),
    c(C::RenameDataSet, &[(Global, &["alt-r"])], 0, "", "rename the sample data set shown"),
    c(C::DeleteDataSet, &[(Global, &["alt-d"])], 0, "", "delete the sample data set shown (asks first)"),
    c(C::ExternalEditor, &[], 0, "", "edit the template in $VISUAL or $EDITOR (the terminal is handed over and taken back; the result is one undo step)"),
    c(C::AddItem, &[(ConditionPopup, &["ctrl-n"])], 3, "add item", "add an item to the selected list prop (after the selected item)"),
    c(C::ToggleReference, &[], 0, "$.", "switch the selected prop between a literal and a $. reference (the builder's lightning bolt)"),
    c(C::FixProp, &[], 0, "fix", "rename an unknown prop to the one it is a near miss of"),
    c(C::ToggleBrowser, &[(Global, &["f12", "alt-b"])], 82, "views", "browse the views of the instance: filter as you type, see a view's versions and qualifiers, open one (Right: its versions; Enter opens)"),
    c(C::OpenView, &[], 0, "open", "open the selected view (or, in its second column, the qualifier or version selected) into the editor"),
    c(C::DeleteView, &[], 0, "delete", "delete the selected view from the instance (asks for its name first)"),
    c(C::Refresh, &[], 0, "refresh", "list the views again"),
    c(C::SaveAsNewView, &[(Global, &["alt-n"])], 0, "save as new view", "make the buffer a new view of its own name on the instance (an AWS-managed view's copy), then open the submit dialog"),
    c(C::Promote, &[(PromotePopup, &["enter"])], 14, "promote", "promote the selected view to another environment: the plan first, then Enter applies it (a protected target's name typed first)"),
    c(C::ToggleUsedBy, &[(Global, &["f11"])], 84, "used by", "show or hide the flows, modules and workspace pages that show the view, each judged against the buffer"),
    c(C::RefreshConsumers, &[], 0, "refresh", "read the view's consumers from the instance again and judge them against the buffer"),
    c(C::Compare, &[(Global, &["alt-c"])], 83, "diff", "compare the buffer with $SAVED, $LATEST, a version, another view or environment, or a file, component by component (the diff pane; the outline marks what differs)"),
    c(C::NextChange, &[(Global, &["alt-."])], 0, "", "the next component that differs from what the diff pane compares with"),
    c(C::PrevChange, &[(Global, &["alt-,"])], 0, "", "the previous component that differs"),
    c(C::CompareSelected, &[], 0, "diff", "compare the buffer with the selected view, qualifier or version (the diff pane)"),
    c(C::ConnectToFlow, &[(Global, &["alt-w"])], 0, "to a flow", "connect to a flow: copy the view's Show view flow action (OSC 52 over SSH), with a branch per action, the three error branches and ViewData from the sample data shown (else a skeleton of the view's inputs), ready to paste into the flow's Actions"),
    c(C::PageSettings, &[(Global, &["alt-p"])], 0, "page", "page settings: the view's title (Head.Title, shown above the view in the agent's workspace) and its column spans on the 12-unit grid, checked as typed; Enter writes them as one edit"),
    c(C::ToggleJoin, &[(ConditionPopup, &["ctrl-t"])], 5, "and/or", "join the condition's clauses by OR instead of AND, or back"),
    c(C::Palette, &[(Global, &["ctrl-o"])], 6, "palette", "the component palette: find a type or a pattern and insert its skeleton after the selected component (or into a selected container)"),
];

impl Command {
    /// Every command, in the table's order.
    pub fn all() -> impl Iterator<Item = Command> {
        COMMANDS.iter().map(|s| s.command)
    }

    /// Its row of the table.
    pub fn spec(self) -> &'static Spec {
        COMMANDS
            .iter()
            .find(|s| s.command == self)
            .expect("every command has a row in COMMANDS (a test checks it)")
    }

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

    /// Whether the table binds it in `context` (a pane takes the commands it declares).
    pub fn belongs_to(self, context: Context) -> bool {
        match context {
            Context::Pane(pane) => pane.commands().iter().any(|r| r.command == self),
            _ => self.spec().keys.iter().any(|(c, _)| *c == context),
        }
    }

    /// Its place in the footer of `context` (0: not there).
    pub fn footer_in(self, context: Context) -> u8 {
        match context {
            Context::Pane(pane) => pane
                .commands()
                .iter()
                .find(|r| r.command == self)
                .map_or(0, |r| r.footer),
            _ if self.belongs_to(context) => self.spec().footer,
            _ => 0,
        }
    }

    /// The commands of `context`'s footer or key line (its own and those of its fallback),
    /// in their order.
    pub fn in_footer(context: Context) -> Vec<Command> {
        let place = |c: Command| match c.footer_in(context) {
            0 => context.fallback().map_or(0, |f| c.footer_in(f)),
            n => n,
        };
        let mut commands: Vec<(u8, Command)> = Command::all()
            .map(|c| (place(c), c))
            .filter(|(n, _)| *n > 0)
            .collect();
        commands.sort_by_key(|(n, _)| *n);
        commands.into_iter().map(|(_, c)| c).collect()
    }

    /// Whether it changes the view (its template, actions or metadata) or writes it to the
    /// instance: what a read-only buffer refuses.
    pub fn changes_view(self) -> bool {
        use Command::*;
        self.edits_text()
            || matches!(
                self,
                Submit
                    | CreateVersion
                    | EditMetadata
                    | AddAction
                    | RenameAction
                    | DeleteAction
                    | MoveActionUp
                    | MoveActionDown
                    | AddMissingActions
                    | MoveComponentUp
                    | MoveComponentDown
                    | Nest
                    | Unnest
                    | DeleteComponent
                    | CutComponent
                    | PasteComponent
                    | DuplicateComponent
                    | RenameComponent
                    | RenameField
                    | Palette
                    | QuickFix
                    | Complete
                    | Reformat
                    | ExternalEditor
                    | AddItem
                    | ToggleReference
                    | FixProp
                    | PageSettings
            )
    }

    /// Whether it changes the editor's text (the template's, or the sample data's shown).
    pub fn edits_text(self) -> bool {
        use Command::*;
        matches!(self, Undo | Redo | Cut | Paste)
    }

    /// The help text shown in the help overlay.
    pub fn help(self) -> &'static str {
        self.spec().help
    }

    /// What it does in `context`, where a pane gives it a meaning of its own (the
    /// inspector's `d` removes a prop, not a component).
    pub fn help_in(self, context: Context) -> &'static str {
        let Context::Pane(pane) = context else {
            return self.help();
        };
        pane.commands()
            .iter()
            .find(|r| r.command == self)
            .and_then(|r| r.meaning)
            .unwrap_or(self.help())
    }

    /// A short label for footers and popups.
    pub fn label(self) -> &'static str {
        self.spec().label
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_name_is_what_the_keymap_file_takes() {
        for c in Command::all() {
            let back: Command =
                serde::Deserialize::deserialize(serde::de::value::StrDeserializer::<
                    serde::de::value::Error,
                >::new(&c.name()))
                .unwrap_or_else(|e| panic!("{c:?} as {}: {e}", c.name()));
            assert_eq!(back, c);
        }
    }

    #[test]
    fn the_table_has_each_command_once() {
        let mut seen = std::collections::HashSet::new();
        for s in COMMANDS {
            assert!(seen.insert(s.command), "{:?} twice", s.command);
            assert!(!s.help.is_empty(), "{:?} has no help", s.command);
            assert!(
                s.footer == 0 || !s.label.is_empty(),
                "{:?} is in a footer without a label",
                s.command
            );
        }
        // The enum's last variant: a new command without a row fails here.
        assert!(seen.contains(&Command::ToggleJoin));
        assert_eq!(seen.len(), Command::ToggleJoin as usize + 1);
    }
}
