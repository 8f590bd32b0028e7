//! The designer's state: plain data, changed only by `update`.

use std::path::PathBuf;
use std::time::Duration;

use indexmap::IndexMap;

use super::editor::{Editor, Marker};
use super::keymap::{Context, Keymap};
pub use super::popups::{
    Dialog, MetadataDialog, PaletteDialog, PromoteDialog, Prompt, RemoteState, SubmitDialog,
};
use super::theme::Theme;
use crate::connect::base::Bases;
use crate::connect::{ConnectError, View};
use crate::view::{Diagnostic, Format, Level, Severity, ViewDocument};

/// What the editor pane shows: the template, or a sample data set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Template,
    Data,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Outline,
    Inspector,
    Editor,
    Preview,
    Actions,
    Status,
    /// The views of the instance (it takes the whole screen while shown).
    Browser,
    /// The buffer against another copy of the view (in the actions' place while shown).
    Compare,
}

impl Pane {
    pub fn context(self) -> Context {
        match self {
            Pane::Outline => Context::Outline,
            Pane::Inspector => Context::Inspector,
            Pane::Editor => Context::Editor,
            Pane::Preview => Context::Preview,
            Pane::Actions => Context::Actions,
            Pane::Status => Context::Status,
            Pane::Browser => Context::Browser,
            Pane::Compare => Context::Compare,
        }
    }
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

pub struct AppState {
    /// The editor the pane shows and keys go to: the template's, or the sample data's
    /// (see `tab`); the other one waits in `other`.
    pub editor: Editor,
    pub other: Editor,
    pub tab: Tab,
    /// The sample data set in the data editor (a key of `SampleData`).
    pub data_set: Option<String>,
    /// The data editor's text is not valid JSON, so `extra` holds the set's last valid value.
    pub data_unparsed: bool,
    pub saved_extra: serde_json::Map<String, serde_json::Value>,
    /// What `extra` is being saved as, until the save reports.
    pub saving_extra: Option<serde_json::Map<String, serde_json::Value>>,
    pub meta: Meta,
    pub extra: serde_json::Map<String, serde_json::Value>,
    pub path: Option<PathBuf>,
    pub format: Format,
    /// What was on disk when loaded, and what saving the unchanged document would write.
    pub original: Option<(String, String)>,
    pub saved_revision: u64,
    /// The saved template's text: text that comes back to it (undo, or typing it again) is
    /// not modified, whatever its revision.
    pub saved_text: Fingerprint,
    /// The fingerprint of the text a save in flight writes, with its revision.
    pub saving_text: Option<(u64, Fingerprint)>,
    /// Whether the template differs from the saved one, at a revision (computed once per
    /// revision: the title asks every frame).
    pub text_changed: std::cell::Cell<Option<(u64, bool)>>,
    pub saved_meta: Meta,
    /// Bumped by every change of the text or the metadata; validation results carry it.
    pub changes: u64,
    pub focus: Pane,
    /// The status the user intends to submit; validation runs at its level.
    pub level: Level,
    pub validation: Validation,
    /// The panes beside the editor, each with its own state (see `tui::component`).
    pub actions: super::panes::actions::ActionsPane,
    pub status: super::panes::status::StatusPane,
    pub outline: super::outline::OutlinePane,
    pub inspector: super::inspector::InspectorPane,
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
    pub dialog: Option<Dialog>,
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
    /// The file did not parse when opened and is edited as plain text; once it parses it
    /// is taken for what it is (a view file, CLI input or a template).
    pub raw_text: bool,
    /// The view as the agent sees it.
    pub preview: super::preview::PreviewPane,
    /// The environment the designer writes to (`--env`), and whether it is protected: then
    /// a submission or a version takes the environment's name typed first.
    pub env: Option<String>,
    pub protected: bool,
    /// The command $VISUAL/$EDITOR stand for (tests set it; None reads the environment).
    pub external_editor: Option<String>,
    /// The completion list open in the editor.
    pub completion: Option<CompletionState>,
    /// One history of the template's text, the metadata and the sample data sets.
    pub history: super::history::History,
    /// The terminal's width at the last drawing (which panes are on screen depends on it).
    pub screen_width: u16,
    pub browser: super::browser::BrowserPane,
    pub compare: super::compare::ComparePane,
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

mod data;
mod open;
mod saved;
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
            focus: Pane::Editor,
            level: Level::Published,
            validation: Validation::default(),
            actions: Default::default(),
            status: Default::default(),
            outline: Default::default(),
            inspector: Default::default(),
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
            dialog: None,
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
            raw_text: false,
            preview: Default::default(),
            screen_width: 100,
            browser: Default::default(),
            compare: Default::default(),
            read_only: None,
            history: Default::default(),
            completion: None,
            external_editor: None,
            env: None,
            protected: false,
        }
    }

    /// Takes a document read from the text being edited (a file that opened as plain text
    /// and parses now): its metadata, sample data and format, the template as its own text.
    /// The content is the same, so nothing is lost; the file on disk changes when saved.
    pub fn adopt(&mut self, doc: ViewDocument) {
        if self.tab == Tab::Data {
            self.switch_tab();
        }
        self.meta = Meta {
            name: doc.name.clone(),
            description: doc.description.clone(),
            tags: doc.tags.clone(),
            actions: doc.actions.clone(),
        };
        self.extra = doc.extra.clone();
        self.format = doc.origin.format;
        self.editor.set_text(&editable(&doc.template));
        self.history.reset();
        let first = sample_sets(&self.extra).and_then(|sets| sets.keys().next().cloned());
        self.show_data_set(first);
        self.raw_text = false;
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
        keep!(
            target,
            instance,
            connect_error,
            env,
            config_problems,
            external_editor,
            browser
        );
        fresh.protected = self.protected;
        fresh.now = self.now;
        fresh.screen_width = self.screen_width;
        // One journal for a buffer without a file, as for a new view.
        fresh.journal = self.journal.as_ref().map(|j| {
            super::journal::journal_path(j.parent().unwrap_or(std::path::Path::new(".")), None)
        });
        fresh.base = base;
        fresh.read_only = read_only;
        *self = fresh;
    }

    /// The panes on screen, in focus order: at 160 columns and more the preview sits beside
    /// the editor; below, while shown (F9), it takes the side column.
    /// At 160 columns and more the outline (F10) sits left of the editor; below, the side
    /// column holds the outline or the preview while shown, else the actions and status.
    pub fn panes(&self) -> Vec<Pane> {
        if self.browser.shown {
            return vec![Pane::Browser];
        }
        let preview = self.preview.visible(self.screen_width);
        let outline = self.outline.shown;
        if self.screen_width >= super::preview::WIDE {
            let mut v = Vec::with_capacity(5);
            if outline {
                v.extend([Pane::Outline, Pane::Inspector]);
            }
            v.push(Pane::Editor);
            if preview {
                v.push(Pane::Preview);
            }
            v.extend([self.side_pane(), Pane::Status]);
            return v;
        }
        match (outline, preview) {
            (true, _) => vec![Pane::Outline, Pane::Inspector, Pane::Editor],
            (false, true) => vec![Pane::Editor, Pane::Preview],
            (false, false) => vec![Pane::Editor, self.side_pane(), Pane::Status],
        }
    }

    /// The pane above the status: the diff while comparing, else the actions.
    pub fn side_pane(&self) -> Pane {
        if self.compare.shown() {
            Pane::Compare
        } else {
            Pane::Actions
        }
    }

    /// The sample data the preview fills `$.` references from: the set shown (else the
    /// first), or nothing.
    pub fn preview_data(&self) -> serde_json::Value {
        let Some(sets) = sample_sets(&self.extra) else {
            return serde_json::Value::Null;
        };
        self.data_set
            .as_ref()
            .and_then(|s| sets.get(s))
            .or_else(|| sets.values().next())
            .cloned()
            .unwrap_or(serde_json::Value::Null)
    }

    /// Offers the draft found in the journal, unless it holds what is already open.
    pub fn offer_recovery(&mut self, draft: super::journal::Draft) -> bool {
        let current = self.template_editor().text();
        if draft.template == current
            && draft.meta() == self.meta
            && draft.sample_data.as_ref() == self.extra.get("SampleData")
            && draft.data_text.is_none()
        {
            return false;
        }
        let (added, removed) = crate::view::lines::diff_stat(&current, &draft.template);
        self.dialog = Some(Dialog::Recover {
            draft: Box::new(draft),
            added,
            removed,
        });
        true
    }

    pub fn template_editor(&self) -> &Editor {
        match self.tab {
            Tab::Template => &self.editor,
            Tab::Data => &self.other,
        }
    }

    pub fn template_editor_mut(&mut self) -> &mut Editor {
        match self.tab {
            Tab::Template => &mut self.editor,
            Tab::Data => &mut self.other,
        }
    }

    pub fn data_editor(&self) -> &Editor {
        match self.tab {
            Tab::Template => &self.other,
            Tab::Data => &self.editor,
        }
    }

    pub fn data_editor_mut(&mut self) -> &mut Editor {
        match self.tab {
            Tab::Template => &mut self.other,
            Tab::Data => &mut self.editor,
        }
    }

    /// Switches the editor pane between the template and the sample data.
    pub fn switch_tab(&mut self) {
        std::mem::swap(&mut self.editor, &mut self.other);
        self.tab = match self.tab {
            Tab::Template => Tab::Data,
            Tab::Data => Tab::Template,
        };
    }

    /// The document as it stands: editor text plus metadata. Diagnostics point into the
    /// editor's text.
    pub fn document(&self) -> ViewDocument {
        let mut doc = ViewDocument::new(&self.meta.name, self.template_editor().text());
        doc.description = self.meta.description.clone();
        doc.tags = self.meta.tags.clone();
        doc.actions = self.meta.actions.clone();
        doc.extra = self.extra.clone();
        doc.origin.path = self.path.clone();
        doc.origin.format = self.format;
        doc
    }

    /// Whether the diagnostics shown are for the current text, metadata and level.
    pub fn validation_current(&self) -> bool {
        self.validation.revision == Some(self.changes) && self.validation.level == Some(self.level)
    }

    pub fn errors(&self) -> usize {
        self.validation
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .count()
    }

    /// The actions pane's rows: the listed actions, then those raised but missing.
    pub fn action_rows(&self) -> Vec<(String, ActionRow)> {
        let mut rows: Vec<(String, ActionRow)> = self
            .meta
            .actions
            .iter()
            .map(|a| {
                let raised = self.validation.raised.contains(a);
                (
                    a.clone(),
                    if raised {
                        ActionRow::Raised
                    } else {
                        ActionRow::Unused
                    },
                )
            })
            .collect();
        for r in &self.validation.raised {
            if !self.meta.actions.contains(r) {
                rows.push((r.clone(), ActionRow::Missing));
            }
        }
        rows
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
