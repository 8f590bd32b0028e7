//! What a pane may read: the document, the session, the analysis, the keys and the theme,
//! and the few facts of the screen it needs (the focus, whether a popup is open, the
//! outline's folds its selection follows, what the diff pane found). A pane never sees the
//! other panes or the whole state; what it wants done it says as a message.

use std::collections::HashSet;

use super::keymap::Keymap;
use super::state::{ActionRow, Document, Pane, Session, Validation};
use super::theme::Theme;
use crate::view::Level;
use crate::view::diff::Diff;
use crate::view::tree::Tree;
use std::sync::Arc;

pub struct Cx<'a> {
    pub doc: &'a Document,
    pub session: &'a Session,
    pub validation: &'a Validation,
    pub keymap: &'a Keymap,
    pub theme: &'a Theme,
    /// The status the user intends to submit; validation runs at its level.
    pub level: Level,
    pub focus: Pane,
    /// A popup has the keys (no pane shows focus then).
    pub popup_open: bool,
    /// The outline's folded components: the selection is the visible component under the
    /// cursor.
    pub folds: &'a HashSet<Box<str>>,
    /// What the diff pane found, while comparing.
    pub diff: Option<&'a Diff>,
    pub config_problems: &'a [String],
    /// The view as a popup would make it (the condition being built), which the preview
    /// draws in place of the template's tree while the popup is open.
    pub draft: Option<&'a Arc<Tree>>,
    /// The submit popup would break consumers of the view (or is still judging them), so
    /// its deliberate key applies.
    pub submit_breaks: bool,
}

impl Cx<'_> {
    /// The tree the preview draws: the popup's draft while there is one, else the last tree
    /// of the template that parsed.
    pub fn preview_tree(&self) -> Option<Arc<Tree>> {
        self.draft.cloned().or_else(|| self.validation.tree.clone())
    }

    /// Whether the diagnostics shown are for the current text, metadata and level.
    pub fn validation_current(&self) -> bool {
        self.validation.revision == Some(self.doc.changes)
            && self.validation.level == Some(self.level)
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
            .doc
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
            if !self.doc.meta.actions.contains(r) {
                rows.push((r.clone(), ActionRow::Missing));
            }
        }
        rows
    }
}
