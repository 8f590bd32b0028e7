//! The views API calls the designer makes: look-up, submission, version, open, delete.

use super::Runner;
use crate::connect::base::RemoteBase;
use crate::connect::{ConnectClient, ConnectError, Submission, ViewSummary};
use crate::tui::event::{Opened, Remote, TaskEvent};
use crate::tui::panes::browser::OpenRequest;
use crate::view::Template;
use crate::view::status::Qualifier;

impl Runner {
    /// The view of this name on the instance, for the submit popup.
    pub(super) fn fetch_remote(&mut self, name: String, buffer: String, actions: Vec<String>) {
        let looked_up = name.clone();
        self.call(
            async move |c| {
                let mut r = remote(&c, &looked_up).await?;
                // The component diff, on a blocking thread (two parses of what may be large).
                let (theirs, their_actions) = (r.template.clone(), r.actions.clone());
                r.changes = tokio::task::spawn_blocking(move || {
                    changes(theirs.as_deref()?, &their_actions, &buffer, &actions)
                })
                .await
                .ok()
                .flatten();
                Ok(r)
            },
            move |result| TaskEvent::Remote { name, result },
        );
    }

    /// The consumers of the view called `name` judged against the buffer: none when no view
    /// has the name yet.
    pub(super) fn fetch_consumers(
        &mut self,
        name: String,
        doc: Box<crate::view::ViewDocument>,
        (publish, to_pane, fresh): (bool, bool, bool),
    ) {
        use crate::connect::consumers::{judge_reads, read_consumers};
        let looked_up = name.clone();
        let cache = self.consumer_reads.clone();
        let kept = cache
            .lock()
            .ok()
            .and_then(|c| c.clone())
            .filter(|(n, _)| !fresh && *n == name)
            .map(|(_, reads)| reads);
        self.call(
            async move |c| {
                let reads = match kept {
                    Some(reads) => reads,
                    None => {
                        let Some(s) = c.find_by_name(&looked_up).await? else {
                            return Ok(None);
                        };
                        let arn = crate::view::flow::unqualified(&s.arn).to_string();
                        let reads = read_consumers(&c, (&s.id, &arn), &mut |_, _, _| {}).await?;
                        let reads = std::sync::Arc::new(reads);
                        if let Ok(mut slot) = cache.lock() {
                            *slot = Some((looked_up.clone(), reads.clone()));
                        }
                        reads
                    }
                };
                let report = judge_reads(&c, &reads, looked_up, Some((&doc, publish))).await?;
                Ok(Some(Box::new(report)))
            },
            move |result| TaskEvent::Consumers {
                name,
                to_pane,
                result,
            },
        );
    }

    /// A workspace page's InputData (a page without any draws with `{}`).
    pub(super) fn fetch_page(&mut self, spec: String) {
        let asked = spec.clone();
        self.call(
            async move |c| crate::connect::consumers::page(&c, &asked).await,
            move |result| TaskEvent::Page {
                spec,
                result: result.map_err(|e| e.to_string()).and_then(|p| {
                    let text = p.input_data.unwrap_or_else(|| "{}".into());
                    serde_json::from_str(&text)
                        .map_err(|e| format!("its InputData is not JSON: {e}"))
                }),
            },
        );
    }

    pub(super) fn submit(
        &mut self,
        submission: Box<Submission>,
        existing: Option<Option<ViewSummary>>,
    ) {
        self.start_ticker();
        self.submission = Some(self.call(
            async move |c| c.submit(&submission, existing).await,
            |result| TaskEvent::Submitted { result },
        ));
    }

    pub(super) fn create_version(
        &mut self,
        view_id: String,
        sha256: Option<String>,
        description: Option<String>,
    ) {
        self.start_ticker();
        self.call(
            async move |c| {
                c.new_version(&view_id, description.as_deref(), sha256.as_deref())
                    .await
            },
            |result| TaskEvent::Versioned { result },
        );
    }

    /// DescribeView of what the browser selected, with its `$SAVED` as it is now (what a
    /// submission would replace).
    pub(super) fn open_view(&mut self, request: OpenRequest) {
        let asked = request.clone();
        self.call(
            async move |c| {
                let (view, saved) =
                    crate::connect::base::open_for_editing(&c, &asked.target()).await?;
                Ok(Box::new(Opened { view, saved }))
            },
            move |result| TaskEvent::Opened { request, result },
        );
    }

    pub(super) fn delete_view(&mut self, id: String, name: String) {
        let deleting = id.clone();
        self.call(
            async move |c| c.delete_view(&deleting).await,
            move |result| TaskEvent::Deleted { id, name, result },
        );
    }
}

/// What a submission of `buffer` changes against `remote`, component by component: a line
/// per change and the summary last (None when either does not parse).
fn changes(
    remote: &str,
    remote_actions: &[String],
    buffer: &str,
    actions: &[String],
) -> Option<Vec<String>> {
    use crate::view::diff::{Side, diff, render_text};
    use crate::view::tree::Tree;
    let old = Tree::parse(remote)?;
    let new = Tree::parse(buffer)?;
    let found = diff(
        &Side {
            tree: &old,
            actions: remote_actions,
        },
        &Side {
            tree: &new,
            actions,
        },
        crate::view::Catalog::builtin(),
    );
    Some(render_text(&found).lines().map(str::to_string).collect())
}

/// The instance's copy of the view called `name`: none, or its `$SAVED` (what a submission
/// replaces) and what people see of it ($LATEST once ever published, else $SAVED).
async fn remote(c: &ConnectClient, name: &str) -> Result<Remote, ConnectError> {
    let summary = c.find_by_name(name).await?;
    let Some(s) = &summary else {
        return Ok(Remote {
            summary,
            template: None,
            qualifier: Qualifier::Latest,
            saved: None,
            actions: Vec::new(),
            changes: None,
        });
    };
    let saved = c.describe_view(&format!("{}:$SAVED", s.id)).await?;
    let (shown, qualifier) = c.live_view(&s.id).await?;
    Ok(Remote {
        template: Template::parse(&shown.template).ok().map(|t| t.to_pretty()),
        qualifier,
        saved: Some(Box::new(RemoteBase::of(&saved))),
        actions: shown.actions.clone(),
        changes: None,
        summary,
    })
}
