//! The analysis of a revision: debounced, latest wins, on a blocking thread.

use std::time::Instant;

use super::{DEBOUNCE, Runner};
use crate::tui::event::TaskEvent;
use crate::tui::panes::diff::Against;
use crate::view::{Catalog, Level, ViewDocument, analyze};

impl Runner {
    pub(super) fn validate(
        &mut self,
        revision: u64,
        doc: Box<ViewDocument>,
        level: Level,
        data: Option<(String, String)>,
        compare: Option<Against>,
    ) {
        if let Some(previous) = self.validation.take() {
            previous.abort();
        }
        let tx = self.tx.clone();
        self.validation = Some(tokio::spawn(async move {
            tokio::time::sleep(DEBOUNCE).await;
            let result = tokio::task::spawn_blocking(move || {
                let started = Instant::now();
                let analysis = analyze(&doc, level, data, Catalog::builtin());
                let elapsed = started.elapsed();
                // The diff pane's diff, with the analysis (the pane only shows it).
                let compared = compare.zip(analysis.tree.as_ref()).map(|(against, tree)| {
                    let diff = against.diff(tree, &doc.actions);
                    (against.label, diff)
                });
                (analysis, elapsed, compared)
            })
            .await;
            if let Ok((analysis, elapsed, compared)) = result {
                let analysis = Box::new(analysis);
                Self::send(
                    &tx,
                    TaskEvent::Validated {
                        revision,
                        analysis,
                        elapsed,
                        compared,
                    },
                );
            }
        }));
    }
}
