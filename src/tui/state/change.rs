//! The one door (helix's `Document::apply`): every change of the view is a [`Change`]
//! through [`Document::apply`], which makes it, bumps the revision and records it as one
//! step of the history; undo and redo walk that history back and forth. Text the editor
//! takes itself (typing, a paste) is [`Change::Typed`]: made already, recorded here.

use serde_json::Value;

use super::{Document, Meta, Tab};
use crate::tui::history::Step;
use crate::view::edit::Edit;

#[derive(Debug)]
pub enum Change {
    /// Text the template or data editor took itself (typing, deleting, a paste).
    Typed,
    /// An edit of the template by byte range (a tree operation, a fix, a completion),
    /// leaving the cursor where the edit says.
    Edit(Edit),
    /// The whole template replaced (a reformat, an external editor, a recovered draft).
    Replace(String),
    /// The metadata as it is to be.
    Meta(Meta),
    /// A sample data set made (its name free), renamed or deleted.
    NewSet {
        name: String,
        data: Value,
    },
    RenameSet {
        old: String,
        new: String,
    },
    DeleteSet(String),
    /// The sample data sets as they are to be (a recovered draft's).
    Samples(Value),
    /// Changes made as one step (an action renamed with the props raising it).
    Together(Vec<Change>),
}

impl Document {
    /// Makes a change and records it as one step; false when nothing changed.
    pub fn apply(&mut self, change: Change) -> bool {
        if matches!(change, Change::Typed) {
            self.touched();
            return true;
        }
        let (meta, samples) = (self.meta.clone(), self.samples());
        let depth = self.template_editor().depth();
        let text = self.make(change);
        let after = self.template_editor().depth();
        let step = Step {
            text: after.saturating_sub(depth),
            meta: (meta != self.meta).then(|| (meta, self.meta.clone())),
            samples: (samples.as_ref() != self.extra.get("SampleData"))
                .then(|| (samples, self.samples())),
        };
        if !text && step == Step::default() {
            return false;
        }
        self.history.step(step, after);
        self.template_editor_mut().seal();
        self.touched();
        true
    }

    /// Makes a change; true when the template's text changed.
    fn make(&mut self, change: Change) -> bool {
        match change {
            Change::Typed => false,
            Change::Edit(edit) => self.edit(&edit),
            Change::Replace(text) => self.template_editor_mut().replace_all(&text),
            Change::Meta(meta) => {
                self.meta = meta;
                false
            }
            Change::NewSet { name, data } => {
                self.put_data_set(name.clone(), data);
                self.show_data_set(Some(name));
                false
            }
            Change::RenameSet { old, new } => {
                self.rename_data_set(&old, &new);
                false
            }
            Change::DeleteSet(name) => {
                self.delete_data_set(&name);
                false
            }
            Change::Samples(sets) => {
                self.set_samples(Some(sets));
                false
            }
            Change::Together(changes) => {
                // Every change is made, whatever the ones before did to the text.
                let mut text = false;
                for c in changes {
                    text |= self.make(c);
                }
                text
            }
        }
    }

    /// An edit of the template by byte range, in the template tab.
    fn edit(&mut self, edit: &Edit) -> bool {
        if self.tab != Tab::Template {
            self.switch_tab();
        }
        if !self.editor.replace_range(edit.range.clone(), &edit.text) {
            return false;
        }
        if let Some(at) = edit.select {
            self.editor.move_to_offset(at);
        }
        true
    }

    /// After any change: the data tab's text taken in, the revision bumped, a text edit the
    /// editor made itself recorded as a step.
    fn touched(&mut self) {
        if self.tab == Tab::Data {
            self.sync_data();
        }
        self.changes += 1;
        let depth = self.template_editor().depth();
        self.history.text(depth);
    }

    /// The sample data sets as they stand.
    fn samples(&self) -> Option<Value> {
        self.extra.get("SampleData").cloned()
    }

    /// Puts the sample data sets back as they were (or removes them), keeping the set shown
    /// when it is still there.
    fn set_samples(&mut self, sets: Option<Value>) {
        match sets {
            Some(sets) => self.extra.insert("SampleData".into(), sets),
            None => self.extra.remove("SampleData"),
        };
        let keep = self
            .data_set
            .clone()
            .filter(|s| self.data_sets().contains(s));
        let shown = keep.or_else(|| self.data_sets().into_iter().next());
        self.show_data_set(shown);
    }

    /// Undo (`back`) or redo: in the data tab the set's own typing first, else a step of the
    /// history. False when there is nothing to take back or forth.
    pub fn undo(&mut self, back: bool) -> bool {
        if self.tab == Tab::Data {
            let own = if back {
                self.editor.can_undo() && self.editor.undo()
            } else {
                self.editor.can_redo() && self.editor.redo()
            };
            if own {
                self.touched();
                return true;
            }
        }
        let step = if back {
            self.history.undo()
        } else {
            self.history.redo()
        };
        let Some(step) = step else {
            return false;
        };
        self.take_step(step, back);
        let depth = self.template_editor().depth();
        self.history.moved(depth);
        self.touched();
        true
    }

    /// Carries out a step of the history backwards (`back`) or forwards.
    fn take_step(&mut self, step: Step, back: bool) {
        if step.text > 0 && self.tab != Tab::Template {
            // The change shows where it is made.
            self.switch_tab();
        }
        for _ in 0..step.text {
            let editor = self.template_editor_mut();
            if back {
                editor.undo()
            } else {
                editor.redo()
            };
        }
        if let Some((before, after)) = step.meta {
            self.meta = if back { before } else { after };
        }
        if let Some((before, after)) = step.samples {
            self.set_samples(if back { before } else { after });
        }
    }
}
