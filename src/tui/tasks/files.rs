//! Local writes: the file, the draft journal, the clipboard.

use std::path::PathBuf;

use tokio::sync::mpsc::UnboundedSender;

use super::{JOURNAL_DELAY, Runner};
use crate::tui::clipboard;
use crate::tui::event::{AppEvent, TaskEvent};

/// Writes the file unless it changed on disk since `expect` was read (then a conflict).
pub(super) fn save(
    tx: UnboundedSender<AppEvent>,
    path: PathBuf,
    text: String,
    revision: u64,
    expect: Option<String>,
) {
    tokio::spawn(async move {
        let p = path.clone();
        let result = tokio::task::spawn_blocking(move || {
            crate::view::document::write_unless_changed(&p, &text, expect.as_deref())
                .map(|written| written.then_some(text))
                .map_err(|e| format!("cannot write {}: {e}", p.display()))
        })
        .await
        .unwrap_or_else(|e| Err(format!("the save task failed: {e}")));
        let event = match result {
            Ok(None) => TaskEvent::SaveConflict { path },
            Ok(Some(text)) => TaskEvent::Saved {
                path,
                revision,
                result: Ok(text),
            },
            Err(e) => TaskEvent::Saved {
                path,
                revision,
                result: Err(e),
            },
        };
        Runner::send(&tx, event);
    });
}

impl Runner {
    pub(super) fn copy(&mut self, text: String) {
        let chars = text.chars().count();
        let how = if self.system_clipboard {
            clipboard::copy(&text)
        } else {
            "kept in the editor"
        };
        Self::send(&self.tx, TaskEvent::Copied { chars, how });
    }

    /// Journals the draft once edits pause (a newer draft replaces a pending one).
    pub(super) fn journal(&mut self, path: PathBuf, draft: Box<crate::tui::journal::Draft>) {
        if let Some(previous) = self.journal.take() {
            previous.abort();
        }
        self.journal = Some(tokio::spawn(async move {
            tokio::time::sleep(JOURNAL_DELAY).await;
            let _ = tokio::task::spawn_blocking(move || crate::tui::journal::write(&path, &draft))
                .await;
        }));
    }
}
