//! The designer's state: plain data, changed only by `update`.

use std::path::PathBuf;
use std::time::Duration;

use indexmap::IndexMap;

use super::editor::{Editor, Marker};
use super::keymap::Keymap;
pub use super::panes::{Pane, Panes};
pub use super::popups::{
    MetadataPopup, PalettePopup, Popup, Popups, PromotePopup, Prompt, RemoteState, SubmitPopup,
};
use super::theme::Theme;
use crate::connect::base::Bases;
use crate::connect::{ConnectError, View};
use crate::view::{Diagnostic, Level, Severity, ViewDocument};

/// What the editor pane shows: the template, or a sample data set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Template,
    Data,
}

/// The view's metadata as edited.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Meta {
    pub name: String,
    pub description: Option<String>,
    pub tags: IndexMap<String, String>,
    pub actions: Vec<String>,
}

/// Completion candidates at the editor's cursor.
#[derive(Debug, Clone)]
pub struct CompletionState {
    pub items: Vec<crate::view::complete::Candidate>,
    pub selected: usize,
    pub context: crate::view::complete::Context,
    /// The cursor's byte offset in the template when they were made.
    pub cursor: usize,
}

#[derive(Debug, Clone, Default)]
pub struct Validation {
    /// The document revision (`AppState::changes`) the diagnostics are for.
    pub revision: Option<u64>,
    pub level: Option<Level>,
    pub diagnostics: Vec<Diagnostic>,
    pub markers: Vec<Marker>,
    pub raised: Vec<String>,
    pub elapsed: Duration,
    /// The sample data set checked with this revision, and what its check found
    /// (pointing into the data editor's text).
    pub data_set: Option<String>,
    pub data_diagnostics: Vec<Diagnostic>,
    pub data_markers: Vec<Marker>,
    /// The component tree of the last revision that parsed, and that revision.
    pub tree: Option<std::sync::Arc<crate::view::tree::Tree>>,
    /// The input schema that tree derives.
    pub schema: Option<std::sync::Arc<crate::view::data::DataSchema>>,
    pub tree_revision: Option<u64>,
}

#[derive(Debug, Clone)]
pub struct Submitted {
    pub operation: &'static str,
    pub view: View,
    /// Seconds since the epoch.
    pub at: f64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Flight {
    Idle,
    Submitting,
    Versioning,
}

/// The designer's connection: where it writes, what the buffer is based on there, and the
/// work in flight.
pub struct Session {
    pub flight: Flight,
    pub spinner: usize,
    pub last: Option<Submitted>,
    pub last_version: Option<View>,
    /// The remote content the buffer is based on, per view (see `connect::base`).
    pub base: Bases,
    pub service_error: Option<ConnectError>,
    pub service_markers: Vec<Marker>,
    pub target: Option<String>,
    pub instance: Option<String>,
    pub connect_error: Option<ConnectError>,
    /// The environment the designer writes to (`--env`), and whether it is protected: then
    /// a submission or a version takes the environment's name typed first.
    pub env: Option<String>,
    pub protected: bool,
}

pub struct AppState {
    /// The view being edited: its text, metadata and sample data, and their one history.
    pub doc: Document,
    pub focus: Pane,
    /// The connection, the environment, what the buffer is based on, and work in flight.
    pub session: Session,
    /// The status the user intends to submit; validation runs at its level.
    pub level: Level,
    pub validation: Validation,
    /// The panes beside the editor, each with its own state (see `tui::component`).
    pub panes: Panes,
    /// The popups open, the top one taking the keys.
    pub popups: Popups,
    pub notice: Option<(String, Severity)>,
    /// The diagnostic the notice tells of (its code and message), so it goes once fixed.
    pub notice_diagnostic: Option<(crate::view::Code, String)>,
    pub config_problems: Vec<String>,
    pub last_search: Option<String>,
    pub keymap: Keymap,
    pub theme: Theme,
    pub quit: bool,
    /// Quitting because of this signal: the draft is kept, not removed as on a clean quit.
    pub signalled: Option<i32>,
    /// Quit once the save in flight succeeds.
    pub quit_after_save: bool,
    /// Where this document's draft is journaled (None: not journaled).
    pub journal: Option<PathBuf>,
    /// The clock, for stamping results (injected so tests control it).
    pub now: fn() -> f64,
    /// The command $VISUAL/$EDITOR stand for (tests set it; None reads the environment).
    pub external_editor: Option<String>,
    /// The completion list open in the editor.
    pub completion: Option<CompletionState>,
    /// The terminal's width at the last drawing (which panes are on screen depends on it).
    pub screen_width: u16,
    /// Why the template cannot be edited or written here (an AWS-managed view), if so.
    pub read_only: Option<String>,
}

pub fn system_now() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs_f64())
        .unwrap_or(0.0)
}

pub use crate::view::document::STARTER;

mod change;
mod data;
mod document;
mod open;
mod saved;
pub use change::Change;
pub use document::Document;
use open::{Opened, editable};
pub use saved::Fingerprint;

impl AppState {
    pub fn new(doc: Option<ViewDocument>, keymap: Keymap, theme: Theme) -> AppState {
        let Opened {
            meta,
            template,
            extra,
            path,
            format,
            original,
        } = doc.map(Opened::of).unwrap_or_else(Opened::new_view);
        let editor = Editor::new(&template);
        let data_set = sample_sets(&extra).and_then(|sets| sets.keys().next().cloned());
        let data_text = data_set
            .as_ref()
            .and_then(|set| sample_sets(&extra)?.get(set))
            .map(|v| serde_json::to_string_pretty(v).unwrap_or_default())
            .unwrap_or_default();
        AppState {
            doc: Document {
                saved_revision: editor.revision(),
                saved_text: Fingerprint::of(&editor),
                saving_text: None,
                text_changed: std::cell::Cell::new(None),
                saved_meta: meta.clone(),
                changes: 0,
                editor,
                other: Editor::new(&data_text),
                tab: Tab::Template,
                data_set,
                data_unparsed: false,
                saved_extra: extra.clone(),
                saving_extra: None,
                meta,
                extra,
                path,
                format,
                original,
                raw_text: false,
                history: Default::default(),
                page_data: None,
            },
            focus: Pane::Editor,
            level: Level::Published,
            validation: Validation::default(),
            panes: Panes::default(),
            popups: Popups::default(),
            notice: None,
            notice_diagnostic: None,
            config_problems: Vec::new(),
            last_search: None,
            keymap,
            theme,
            quit: false,
            signalled: None,
            quit_after_save: false,
            journal: None,
            now: system_now,
            screen_width: 100,
            read_only: None,
            completion: None,
            external_editor: None,
            session: Session {
                flight: Flight::Idle,
                spinner: 0,
                last: None,
                base: Bases::default(),
                last_version: None,
                service_error: None,
                service_markers: Vec::new(),
                target: None,
                instance: None,
                connect_error: None,
                env: None,
                protected: false,
            },
        }
    }

    /// Puts a view opened from the instance in the buffer, as a new session of the designer
    /// would: what belongs to the session (the connection, the keymap, the browser, the
    /// screen) stays, everything of the old buffer goes. `base` is what a submission would
    /// replace (issue 8's lost-update check); `read_only` says why it cannot be written.
    pub fn open_view(&mut self, doc: ViewDocument, base: Bases, read_only: Option<String>) {
        let mut fresh = AppState::new(Some(doc), self.keymap.clone(), self.theme.clone());
        macro_rules! keep {
            ($($field:ident),*) => { $(fresh.$field = std::mem::take(&mut self.$field);)* };
        }
        keep!(config_problems, external_editor);
        fresh.panes.browser = std::mem::take(&mut self.panes.browser);
        // The connection stays; what was based on or in flight for the old buffer goes.
        let s = &mut self.session;
        fresh.session.target = s.target.take();
        fresh.session.instance = s.instance.take();
        fresh.session.connect_error = s.connect_error.take();
        fresh.session.env = s.env.take();
        fresh.session.protected = s.protected;
        fresh.now = self.now;
        fresh.screen_width = self.screen_width;
        // One journal for a buffer without a file, as for a new view.
        fresh.journal = self.journal.as_ref().map(|j| {
            super::journal::journal_path(j.parent().unwrap_or(std::path::Path::new(".")), None)
        });
        fresh.session.base = base;
        fresh.read_only = read_only;
        *self = fresh;
    }

    /// The panes on screen, in focus order (see `panes::on_screen`).
    pub fn panes(&self) -> Vec<Pane> {
        self.panes.on_screen(self.screen_width)
    }

    /// Offers the draft found in the journal, unless it holds what is already open.
    pub fn offer_recovery(&mut self, draft: super::journal::Draft) -> bool {
        let current = self.doc.template_editor().text();
        if draft.template == current
            && draft.meta() == self.doc.meta
            && draft.sample_data.as_ref() == self.doc.extra.get("SampleData")
            && draft.data_text.is_none()
        {
            return false;
        }
        let (added, removed) = crate::view::lines::diff_stat(&current, &draft.template);
        self.popups.open(Popup::Recover {
            draft: Box::new(draft),
            added,
            removed,
        });
        true
    }

    /// What a pane may read (see `tui::cx`).
    pub fn cx(&self) -> super::cx::Cx<'_> {
        super::cx::Cx {
            doc: &self.doc,
            session: &self.session,
            validation: &self.validation,
            keymap: &self.keymap,
            theme: &self.theme,
            level: self.level,
            focus: self.focus,
            popup_open: self.popups.is_open(),
            folds: &self.panes.outline.collapsed,
            diff: self.panes.diff.diff.as_ref(),
            config_problems: &self.config_problems,
            submit_breaks: self.popups.submit().is_some_and(|d| d.breaks_or_judging()),
            draft: match self.popups.top() {
                Some(Popup::Condition(c)) => c.draft.as_ref(),
                _ => None,
            },
        }
    }

    /// Whether the diagnostics shown are for the current text, metadata and level.
    pub fn validation_current(&self) -> bool {
        self.cx().validation_current()
    }

    pub fn errors(&self) -> usize {
        self.cx().errors()
    }

    /// The actions pane's rows: the listed actions, then those raised but missing.
    pub fn action_rows(&self) -> Vec<(String, ActionRow)> {
        self.cx().action_rows()
    }

    /// Diagnostics that have a place in the editor, in order.
    pub fn located(&self) -> Vec<&Diagnostic> {
        self.validation
            .diagnostics
            .iter()
            .filter(|d| d.location.is_some())
            .collect()
    }
}

pub use crate::view::document::sample_sets;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActionRow {
    /// Listed, and a component raises it.
    Raised,
    /// Listed, but no component raises it.
    Unused,
    /// Raised by a component but not listed.
    Missing,
}

/// Turns located diagnostics into editor markers (0-based rows, character columns).
pub fn markers(diagnostics: &[Diagnostic]) -> Vec<Marker> {
    diagnostics
        .iter()
        .filter_map(|d| {
            let loc = d.location.as_ref()?;
            let row = loc.start.line.saturating_sub(1);
            let start = loc.start.column.saturating_sub(1);
            let end = if loc.end.line == loc.start.line {
                loc.end.column.saturating_sub(1).max(start + 1)
            } else {
                usize::MAX
            };
            Some(Marker {
                row,
                start,
                end,
                severity: d.severity,
            })
        })
        .collect()
}
