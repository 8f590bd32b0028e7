//! The document: what is edited, apart from the session and the panes around it.

use std::path::PathBuf;

use super::{Editor, Fingerprint, Meta, Tab, editable, sample_sets};
use crate::view::{Format, ViewDocument};

/// The view being edited: the template and sample data editors, the metadata, where it
/// is saved and what was saved, and one history of its changes.
pub struct Document {
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
    /// The file did not parse when opened and is edited as plain text; once it parses it
    /// is taken for what it is (a view file, CLI input or a template).
    pub raw_text: bool,
    /// One history of the template's text, the metadata and the sample data sets.
    pub history: crate::tui::history::History,
    /// A workspace page whose InputData the preview draws with instead of the sample data
    /// (`WORKSPACE/PAGE` and the data, read from the instance); never saved.
    pub page_data: Option<(String, serde_json::Value)>,
}

impl Document {
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

    /// The sample data the preview fills `$.` references from: the set shown (else the
    /// first), or nothing.
    pub fn preview_data(&self) -> serde_json::Value {
        if let Some((_, data)) = &self.page_data {
            return data.clone();
        }
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
}
