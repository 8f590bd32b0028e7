//! The task runner: carries out effects off the UI task and reports by message.
//! Validation is debounced and latest-wins; submissions are one-shot and cancellable.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::OnceCell;
use tokio::sync::mpsc::UnboundedSender;
use tokio::task::JoinHandle;

use super::effect::Effect;
use super::event::{AppEvent, TaskEvent};
use crate::connect::{ConnectClient, ConnectError, ConnectOptions};

mod analysis;
mod browse;
mod compare;
mod files;
mod promote;
mod service;

/// How long typing must pause before validation starts.
pub const DEBOUNCE: Duration = Duration::from_millis(100);

/// How long the browser's filter waits for typing to pause before it searches, and its
/// selection before the versions of the view under it are listed.
pub const BROWSE_DEBOUNCE: Duration = Duration::from_millis(150);

/// How long after the last edit the draft is journaled (the promise is within a second).
pub const JOURNAL_DELAY: Duration = Duration::from_millis(400);

type Client = Arc<OnceCell<Result<Arc<ConnectClient>, ConnectError>>>;
type ConsumerReads = Arc<std::sync::Mutex<Option<(String, Arc<crate::connect::consumers::Reads>)>>>;

pub struct Runner {
    tx: UnboundedSender<AppEvent>,
    client: Client,
    options: ConnectOptions,
    validation: Option<JoinHandle<()>>,
    submission: Option<JoinHandle<()>>,
    ticker: Option<JoinHandle<()>>,
    journal: Option<JoinHandle<()>>,
    browse: Option<JoinHandle<()>>,
    versions: Option<JoinHandle<()>>,
    /// The last reading of a view's consumers (by the view's name): the Used-by pane judges
    /// each new revision against it rather than reading the instance again.
    consumer_reads: ConsumerReads,
    /// Write OSC 52 / run clipboard tools (off in tests).
    pub system_clipboard: bool,
}

impl Runner {
    /// Starts connecting at once (the embedded default starts the local endpoint); `client`
    /// is used when the caller already connected (to pull the view being edited).
    pub fn new(
        tx: UnboundedSender<AppEvent>,
        options: ConnectOptions,
        client: Option<ConnectClient>,
    ) -> Runner {
        let cell: Client = Arc::new(match client {
            Some(c) => OnceCell::new_with(Some(Ok(Arc::new(c)))),
            None => OnceCell::new(),
        });
        let runner = Runner {
            tx,
            client: cell,
            options,
            validation: None,
            submission: None,
            ticker: None,
            journal: None,
            browse: None,
            versions: None,
            consumer_reads: ConsumerReads::default(),
            system_clipboard: true,
        };
        let (client, options, tx) = (
            runner.client.clone(),
            runner.options.clone(),
            runner.tx.clone(),
        );
        tokio::spawn(async move {
            let event = match connected(&client, &options).await {
                Ok(c) => TaskEvent::Connected {
                    target: c.target().to_string(),
                    instance: c.instance().to_string(),
                    env: c.env().map(str::to_string),
                    protected: c.protected(),
                },
                Err(e) => TaskEvent::ConnectFailed(e),
            };
            let _ = tx.send(AppEvent::Task(Box::new(event)));
        });
        runner
    }

    fn send(tx: &UnboundedSender<AppEvent>, event: TaskEvent) {
        let _ = tx.send(AppEvent::Task(Box::new(event)));
    }

    fn start_ticker(&mut self) {
        if let Some(t) = self.ticker.take() {
            t.abort();
        }
        let tx = self.tx.clone();
        self.ticker = Some(tokio::spawn(async move {
            let mut interval = tokio::time::interval(Duration::from_millis(120));
            loop {
                interval.tick().await;
                if tx.send(AppEvent::Tick).is_err() {
                    return;
                }
            }
        }));
    }

    /// A clean quit: nothing stays journaled. Synchronous, since the process is about to end.
    pub fn finish(&mut self, journal: Option<&std::path::Path>) {
        if let Some(pending) = self.journal.take() {
            pending.abort();
        }
        if let Some(path) = journal {
            super::journal::remove(path);
        }
    }

    /// Ends without removing the journal (the process was told to end): a draft of unsaved
    /// changes is written now, in place of a pending write.
    pub fn keep(
        &mut self,
        journal: Option<&std::path::Path>,
        draft: Option<super::journal::Draft>,
    ) {
        if let Some(pending) = self.journal.take() {
            pending.abort();
        }
        if let (Some(path), Some(draft)) = (journal, draft)
            && let Err(e) = super::journal::write(path, &draft)
        {
            tracing::warn!(error = %e, "the draft could not be kept");
        }
    }

    /// Called by the loop when no request is in flight any more.
    pub fn settle(&mut self, in_flight: bool) {
        if !in_flight && let Some(t) = self.ticker.take() {
            t.abort();
        }
    }

    /// Carries out an effect: each kind has a small handler of its own (under `tasks/`).
    pub fn run(&mut self, effect: Effect) {
        match effect {
            Effect::Validate {
                revision,
                doc,
                level,
                data,
                compare,
            } => self.validate(revision, doc, level, data, compare),
            Effect::FetchRemote {
                name,
                buffer,
                actions,
            } => self.fetch_remote(name, buffer, actions),
            Effect::FetchPage { spec } => self.fetch_page(spec),
            Effect::FetchConsumers {
                name,
                doc,
                publish,
                to_pane,
                fresh,
            } => self.fetch_consumers(name, doc, (publish, to_pane, fresh)),
            Effect::Submit {
                submission,
                existing,
            } => self.submit(submission, existing),
            Effect::CancelSubmit => {
                if let Some(s) = self.submission.take() {
                    s.abort();
                }
                self.settle(false);
            }
            // The loop runs it: it needs the terminal.
            Effect::ExternalEdit { .. } => {}
            Effect::CreateVersion {
                view_id,
                sha256,
                description,
            } => self.create_version(view_id, sha256, description),
            Effect::Save {
                path,
                text,
                revision,
                expect,
            } => files::save(self.tx.clone(), path, text, revision, expect),
            Effect::Copy(text) => self.copy(text),
            Effect::Journal { path, draft } => self.journal(path, draft),
            Effect::KeepBases { path, bases } => {
                // Best effort: without them a reopened file only warns once more.
                tokio::task::spawn_blocking(move || bases.save(&path));
            }
            Effect::DiscardJournal { path } => {
                if let Some(pending) = self.journal.take() {
                    pending.abort();
                }
                tokio::task::spawn_blocking(move || super::journal::remove(&path));
            }
            Effect::Browse {
                generation,
                query,
                debounce,
            } => self.browse(generation, query, debounce),
            Effect::BrowseVersions { view } => self.browse_versions(view),
            Effect::OpenView { request } => self.open_view(request),
            Effect::DeleteView { id, name } => self.delete_view(id, name),
            Effect::FetchCompare {
                what,
                label,
                name,
                view_id,
                buffer,
            } => self.fetch_compare(what, label, name, view_id, buffer),
            Effect::PlanPromotion { view, to } => self.plan_promotion(view, to),
            Effect::ApplyPromotion { to, plans } => self.apply_promotion(to, plans),
            Effect::Redraw => {}
        }
    }

    /// Runs `call` with the connected client off the UI task and reports its result as
    /// `report` makes it.
    fn call<T, Fut>(
        &self,
        call: impl FnOnce(Arc<ConnectClient>) -> Fut + Send + 'static,
        report: impl FnOnce(Result<T, ConnectError>) -> TaskEvent + Send + 'static,
    ) -> JoinHandle<()>
    where
        T: Send + 'static,
        Fut: std::future::Future<Output = Result<T, ConnectError>> + Send + 'static,
    {
        let (client, options, tx) = (self.client.clone(), self.options.clone(), self.tx.clone());
        tokio::spawn(async move {
            let result = match connected(&client, &options).await {
                Ok(c) => call(c).await,
                Err(e) => Err(e),
            };
            Self::send(&tx, report(result));
        })
    }
}

async fn connected(
    client: &Client,
    options: &ConnectOptions,
) -> Result<Arc<ConnectClient>, ConnectError> {
    client
        .get_or_init(|| async { ConnectClient::connect(options).await.map(Arc::new) })
        .await
        .clone()
}
