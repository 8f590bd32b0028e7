//! Whether the document differs from what was saved ("modified": the title's `[+]`, quit's
//! question).

use super::{Document, Editor};

/// The saved template's text, to tell whether the buffer came back to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    text: std::sync::Arc<str>,
}

impl Fingerprint {
    pub fn of(editor: &Editor) -> Fingerprint {
        Fingerprint {
            text: editor.text().into(),
        }
    }

    /// Whether the editor holds this text: the length first, then the lines against it
    /// (a memory compare, stopping at the first difference).
    pub fn matches(&self, editor: &Editor) -> bool {
        let lines = editor.lines();
        let len = lines.iter().map(String::len).sum::<usize>() + lines.len().saturating_sub(1);
        if len != self.text.len() {
            return false;
        }
        let mut rest = self.text.as_bytes();
        for (i, line) in lines.iter().enumerate() {
            if i > 0 {
                match rest.split_first() {
                    Some((b'\n', tail)) => rest = tail,
                    _ => return false,
                }
            }
            match rest.strip_prefix(line.as_bytes()) {
                Some(tail) => rest = tail,
                None => return false,
            }
        }
        rest.is_empty()
    }
}

impl Document {
    pub fn dirty(&self) -> bool {
        self.template_changed()
            || self.meta != self.saved_meta
            || self.extra != self.saved_extra
            || self.data_unparsed
    }

    /// Whether the template's text differs from the saved text: by revision first, then
    /// (once per revision) by length and content, so undoing back to the saved text is not
    /// a change.
    fn template_changed(&self) -> bool {
        let revision = self.template_editor().revision();
        if revision == self.saved_revision {
            return false;
        }
        if let Some((r, changed)) = self.text_changed.get()
            && r == revision
        {
            return changed;
        }
        let changed = !self.saved_text.matches(self.template_editor());
        self.text_changed.set(Some((revision, changed)));
        changed
    }
}
