//! The task runner: carries out effects off the UI task and reports by message.
//! Validation is debounced and latest-wins; submissions are one-shot and cancellable.

use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::sync::OnceCell;
use tokio::sync::mpsc::UnboundedSender;
use tokio::task::JoinHandle;

use super::clipboard;
use super::effect::Effect;
use super::event::{AppEvent, Remote, TaskEvent};
use crate::connect::{ConnectClient, ConnectError, ConnectOptions};
use crate::view::status::Qualifier;
use crate::view::{Catalog, Template, analyze};

/// How long typing must pause before validation starts.
pub const DEBOUNCE: Duration = Duration::from_millis(100);

/// How long the browser's filter waits for typing to pause before it searches, and its
/// selection before the versions of the view under it are listed.
pub const BROWSE_DEBOUNCE: Duration = Duration::from_millis(150);

/// How long after the last edit the draft is journaled (the promise is within a second).
pub const JOURNAL_DELAY: Duration = Duration::from_millis(400);

type Client = Arc<OnceCell<Result<Arc<ConnectClient>, ConnectError>>>;

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

    pub fn run(&mut self, effect: Effect) {
        let tx = self.tx.clone();
        match effect {
            Effect::Validate {
                revision,
                doc,
                level,
                data,
            } => {
                if let Some(previous) = self.validation.take() {
                    previous.abort();
                }
                self.validation = Some(tokio::spawn(async move {
                    tokio::time::sleep(DEBOUNCE).await;
                    let result = tokio::task::spawn_blocking(move || {
                        let started = Instant::now();
                        let analysis = analyze(&doc, level, data, Catalog::builtin());
                        (analysis, started.elapsed())
                    })
                    .await;
                    if let Ok((analysis, elapsed)) = result {
                        Self::send(
                            &tx,
                            TaskEvent::Validated {
                                revision,
                                analysis: Box::new(analysis),
                                elapsed,
                            },
                        );
                    }
                }));
            }
            Effect::FetchRemote { name } => {
                let (client, options) = (self.client.clone(), self.options.clone());
                tokio::spawn(async move {
                    let result = async {
                        let c = connected(&client, &options).await?;
                        let summary = c.find_by_name(&name).await?;
                        let (template, qualifier, saved, actions) = match &summary {
                            None => (None, Qualifier::Latest, None, Vec::new()),
                            Some(s) => {
                                let saved = c.describe_view(&format!("{}:$SAVED", s.id)).await?;
                                // What people see of the view: $LATEST once it was ever
                                // published (a later SAVED write leaves it), else $SAVED.
                                let (shown, q) = c.live_view(&s.id).await?;
                                (
                                    Template::parse(&shown.template).ok().map(|t| t.to_pretty()),
                                    q,
                                    Some(Box::new(crate::connect::base::RemoteBase::of(&saved))),
                                    shown.actions.clone(),
                                )
                            }
                        };
                        Ok(Remote {
                            summary,
                            template,
                            qualifier,
                            saved,
                            actions,
                        })
                    }
                    .await;
                    Self::send(&tx, TaskEvent::Remote { name, result });
                });
            }
            Effect::Submit {
                submission,
                existing,
            } => {
                let (client, options) = (self.client.clone(), self.options.clone());
                self.start_ticker();
                self.submission = Some(tokio::spawn(async move {
                    let result = async {
                        let c = connected(&client, &options).await?;
                        c.submit(&submission, existing).await
                    }
                    .await;
                    Self::send(&tx, TaskEvent::Submitted { result });
                }));
            }
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
            } => {
                let (client, options) = (self.client.clone(), self.options.clone());
                self.start_ticker();
                tokio::spawn(async move {
                    let result = async {
                        let c = connected(&client, &options).await?;
                        c.new_version(&view_id, description.as_deref(), sha256.as_deref())
                            .await
                    }
                    .await;
                    Self::send(&tx, TaskEvent::Versioned { result });
                });
            }
            Effect::Save {
                path,
                text,
                revision,
                expect,
            } => {
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
                    Self::send(&tx, event);
                });
            }
            Effect::Copy(text) => {
                let chars = text.chars().count();
                let how = if self.system_clipboard {
                    clipboard::copy(&text)
                } else {
                    "kept in the editor"
                };
                Self::send(&tx, TaskEvent::Copied { chars, how });
            }
            Effect::Journal { path, draft } => {
                if let Some(previous) = self.journal.take() {
                    previous.abort();
                }
                self.journal = Some(tokio::spawn(async move {
                    tokio::time::sleep(JOURNAL_DELAY).await;
                    let _ =
                        tokio::task::spawn_blocking(move || super::journal::write(&path, &draft))
                            .await;
                }));
            }
            Effect::KeepBases { path, bases } => {
                // Best effort: without them a reopened file only warns once more.
                tokio::task::spawn_blocking(move || super::journal::write_bases(&path, &bases));
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
            } => {
                if let Some(previous) = self.browse.take() {
                    previous.abort();
                }
                let (client, options) = (self.client.clone(), self.options.clone());
                self.browse = Some(tokio::spawn(async move {
                    if debounce {
                        tokio::time::sleep(BROWSE_DEBOUNCE).await;
                    }
                    if let Err(error) = browse(&client, &options, &tx, generation, &query).await {
                        Self::send(&tx, TaskEvent::ViewsFailed { generation, error });
                    }
                }));
            }
            Effect::BrowseVersions { view } => {
                if let Some(previous) = self.versions.take() {
                    previous.abort();
                }
                let (client, options) = (self.client.clone(), self.options.clone());
                self.versions = Some(tokio::spawn(async move {
                    tokio::time::sleep(BROWSE_DEBOUNCE).await;
                    let result = async {
                        let c = connected(&client, &options).await?;
                        c.list_view_versions(&view).await
                    }
                    .await;
                    Self::send(&tx, TaskEvent::Versions { view, result });
                }));
            }
            Effect::OpenView { request } => {
                let (client, options) = (self.client.clone(), self.options.clone());
                tokio::spawn(async move {
                    let result = async {
                        let c = connected(&client, &options).await?;
                        let id = crate::tui::browser::view_ref(&request.view);
                        let view = c.describe_view(&request.target()).await?;
                        // What a submission would replace is $SAVED, as it is now.
                        let saved = match (
                            crate::tui::browser::is_managed(&request.view),
                            request.qualifier.as_deref(),
                        ) {
                            (true, _) => None,
                            (false, Some("$SAVED")) => Some(view.clone()),
                            (false, _) => Some(c.describe_view(&format!("{id}:$SAVED")).await?),
                        };
                        Ok(Box::new(crate::tui::event::Opened { view, saved }))
                    }
                    .await;
                    Self::send(&tx, TaskEvent::Opened { request, result });
                });
            }
            Effect::DeleteView { id, name } => {
                let (client, options) = (self.client.clone(), self.options.clone());
                tokio::spawn(async move {
                    let result = async {
                        let c = connected(&client, &options).await?;
                        c.delete_view(&id).await
                    }
                    .await;
                    Self::send(&tx, TaskEvent::Deleted { id, name, result });
                });
            }
            Effect::FetchCompare {
                what,
                label,
                name,
                view_id,
            } => {
                let (client, options) = (self.client.clone(), self.options.clone());
                tokio::spawn(async move {
                    let result = compare_side(&client, &options, &what, &name, view_id).await;
                    Self::send(&tx, TaskEvent::Compared { label, result });
                });
            }
            Effect::PlanPromotion { view, to } => {
                let (client, options) = (self.client.clone(), self.options.clone());
                tokio::spawn(async move {
                    let result = async {
                        let ends = promotion_ends(&client, &options, &to).await?;
                        let promotion = ends.promotion();
                        let spec = crate::connect::ViewSpec::parse(&view);
                        let plans = promotion
                            .plan(std::slice::from_ref(&spec))
                            .await
                            .map_err(|e| e.to_string())?;
                        Ok((plans, ends.target.protected()))
                    }
                    .await;
                    Self::send(&tx, TaskEvent::PromotionPlanned { result });
                });
            }
            Effect::ApplyPromotion { to, plans } => {
                let (client, options) = (self.client.clone(), self.options.clone());
                tokio::spawn(async move {
                    let result = async {
                        let ends = promotion_ends(&client, &options, &to).await?;
                        let promotion = ends.promotion();
                        let mut applied = Vec::new();
                        for p in &plans {
                            applied.push(promotion.apply(p).await.map_err(|e| e.to_string())?);
                        }
                        Ok(applied)
                    }
                    .await;
                    Self::send(&tx, TaskEvent::Promoted { result });
                });
            }
            Effect::Redraw => {}
        }
    }
}

/// What the diff pane compares the buffer with (see [`Effect::FetchCompare`]).
async fn compare_side(
    client: &Client,
    options: &ConnectOptions,
    what: &str,
    name: &str,
    view_id: Option<String>,
) -> Result<(String, Vec<String>), String> {
    use crate::view::status::Qualifier;
    let path = std::path::Path::new(what);
    if path.exists() {
        let doc = tokio::task::spawn_blocking({
            let path = path.to_path_buf();
            move || crate::view::ViewDocument::load(&path)
        })
        .await
        .map_err(|e| e.to_string())?
        .map_err(|e| format!("{what}: {e}"))?;
        return Ok((doc.template, doc.actions));
    }
    // `ENV:REST`, or `ENV` alone, when ENV is an environment of connect-views.toml.
    let env_of = |e: &str| crate::connect::env::options(e).ok();
    let (env, rest) = match what
        .split_once(':')
        .and_then(|(e, rest)| Some((env_of(e)?, rest)))
    {
        Some((env, rest)) => (Some(env), rest),
        None => match env_of(what) {
            Some(env) => (Some(env), ""),
            None => (None, what),
        },
    };
    let c = match &env {
        Some(env) => Arc::new(
            ConnectClient::connect(env)
                .await
                .map_err(|e| e.to_string())?,
        ),
        None => connected(client, options)
            .await
            .map_err(|e| e.to_string())?,
    };
    let target = if rest.is_empty() || Qualifier::looks_like(rest) {
        // The buffer's view: its id on this instance when opened from it, else by name.
        let id = match (&env, view_id) {
            (None, Some(id)) => id,
            _ => c
                .find_by_name(name)
                .await
                .map_err(|e| e.to_string())?
                .map(|v| v.id)
                .ok_or_else(|| format!("no view named \"{name}\" on {}", c.where_to()))?,
        };
        if rest.is_empty() {
            id
        } else {
            format!("{id}:{rest}")
        }
    } else {
        c.resolve(&crate::connect::ViewSpec::parse(rest))
            .await
            .map_err(|e| e.to_string())?
    };
    let v = c.describe_view(&target).await.map_err(|e| e.to_string())?;
    Ok((v.template, v.actions))
}

/// Both ends of a promotion from the designer's instance to an environment, the source
/// environment's name and the ARN map.
struct Ends {
    source: Arc<ConnectClient>,
    target: ConnectClient,
    from: String,
    map: indexmap::IndexMap<String, String>,
}

impl Ends {
    /// The promotion of the browser's view (its content as it is, no history).
    fn promotion(&self) -> crate::connect::promote::Promotion<'_> {
        crate::connect::promote::Promotion {
            source: &self.source,
            target: &self.target,
            from: self.from.clone(),
            map: self.map.clone(),
            history: false,
        }
    }
}

async fn promotion_ends(
    client: &Client,
    options: &ConnectOptions,
    to: &str,
) -> Result<Ends, String> {
    let source = connected(client, options)
        .await
        .map_err(|e| e.to_string())?;
    let from = options.env.clone().unwrap_or_else(|| "default".into());
    if from == to {
        return Err(format!("the designer is on {to} already"));
    }
    let target = ConnectClient::connect(&crate::connect::env::options(to)?)
        .await
        .map_err(|e| e.to_string())?;
    let map = crate::connect::env::arn_map(&from, to)?;
    Ok(Ends {
        source,
        target,
        from,
        map,
    })
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

/// The browser's listing: the customer's views first, then the AWS-managed ones, each page
/// sent as it arrives.
async fn browse(
    client: &Client,
    options: &ConnectOptions,
    tx: &UnboundedSender<AppEvent>,
    generation: u64,
    query: &str,
) -> Result<(), ConnectError> {
    use crate::connect::ViewTypeFilter;
    let c = connected(client, options).await?;
    let kinds = [ViewTypeFilter::Customer, ViewTypeFilter::Aws];
    let mut first = true;
    for (k, kind) in kinds.iter().enumerate() {
        let mut token = None;
        loop {
            let (views, next) = if query.is_empty() {
                c.list_views_page(Some(*kind), token.take()).await?
            } else {
                c.search_views_page(query, Some(*kind), token.take())
                    .await?
            };
            let more = next.is_some() || k + 1 < kinds.len();
            Runner::send(
                tx,
                TaskEvent::ViewsPage {
                    generation,
                    first,
                    views,
                    more,
                },
            );
            first = false;
            match next {
                Some(t) => token = Some(t),
                None => break,
            }
        }
    }
    Ok(())
}
