//! What background work reports: validation, look-ups, submissions, saves.

use super::*;

pub(super) fn task(state: &mut AppState, event: TaskEvent) -> Vec<Effect> {
    match event {
        TaskEvent::Connected {
            target,
            instance,
            env,
            protected,
        } => {
            state.session.target = Some(target);
            state.session.instance = Some(instance);
            state.session.env = env;
            state.session.protected = protected;
            state.session.connect_error = None;
        }
        TaskEvent::ConnectFailed(e) => {
            notice(
                state,
                format!("not connected: {}", e.message),
                Severity::Error,
            );
            state.session.connect_error = Some(e);
        }
        TaskEvent::Validated {
            revision,
            analysis,
            elapsed,
            compared,
        } => return validated(state, revision, *analysis, elapsed, compared),
        TaskEvent::Remote { name, result } => remote(state, name, result),
        TaskEvent::Consumers {
            name,
            to_pane,
            result,
        } => return consumers(state, name, to_pane, result),
        TaskEvent::Page { spec, result } => page(state, spec, result),
        TaskEvent::Submitted { result } => return submitted(state, result),
        TaskEvent::Versioned { result } => versioned(state, result),
        TaskEvent::Saved {
            path,
            revision,
            result,
        } => return saved(state, path, revision, result),
        TaskEvent::SaveConflict { path } => save_conflict(state, path),
        TaskEvent::Copied { chars, how } => {
            notice(
                state,
                format!("copied {chars} characters ({how})"),
                Severity::Warning,
            );
        }
        TaskEvent::ViewsPage {
            generation,
            first,
            views,
            more,
        } => {
            let b = &mut state.panes.browser;
            b.page(generation, first, views, more);
            if first && b.shown {
                let mut out = Vec::new();
                b.want_versions(&mut out);
                return apply(state, out);
            }
        }
        TaskEvent::ViewsFailed { generation, error } => {
            state.panes.browser.failed(generation, error.to_string());
        }
        TaskEvent::Versions { view, result } => {
            state.panes.browser.versions.insert(
                view,
                match result {
                    Ok(list) => crate::tui::panes::browser::Versions::Loaded(list),
                    Err(e) => crate::tui::panes::browser::Versions::Failed(e.to_string()),
                },
            );
        }
        TaskEvent::Opened { request, result } => return opened(state, request, result),
        TaskEvent::Compared { label, result } => compared(state, label, result),
        TaskEvent::PromotionPlanned { result } => {
            if let Some(d) = state.popups.promote_mut() {
                match result {
                    Ok((plans, protected)) => {
                        d.plans = Some(plans);
                        d.protected = protected;
                    }
                    Err(e) => d.message = Some(format!("no plan: {e}")),
                }
            }
        }
        TaskEvent::Promoted { result } => promoted(state, result),
        TaskEvent::Deleted { id, name, result } => deleted(state, id, name, result),
    }
    Vec::new()
}

fn versioned(
    state: &mut AppState,
    result: Result<crate::connect::Versioned, crate::connect::ConnectError>,
) {
    state.session.flight = Flight::Idle;
    match result {
        Ok(done) => {
            let text = match done.unchanged_note(None) {
                Some(note) => note,
                None => format!(
                    "created version {} of \"{}\"",
                    done.view.version, done.view.name
                ),
            };
            notice(state, text, Severity::Warning);
            state.session.last_version = Some(done.view);
        }
        Err(e) => {
            notice(
                state,
                format!("{} failed: see the status pane", e.operation),
                Severity::Error,
            );
            state.session.service_error = Some(e);
        }
    }
}

fn compared(
    state: &mut AppState,
    label: String,
    result: Result<crate::tui::panes::diff::Fetched, String>,
) {
    if state.panes.diff.pending.as_deref() != Some(label.as_str()) {
        return;
    }
    match result {
        Ok(fetched) => {
            // Diffed against the last tree that parsed; the next analysis brings it
            // up to date.
            state.panes.diff.set(label.clone(), fetched);
            let what = match &state.panes.diff.diff {
                Some(d) if d.is_empty() => "no change".to_string(),
                Some(d) if d.changes.len() == 1 => "1 change".to_string(),
                Some(d) => format!("{} changes", d.changes.len()),
                None => "the buffer has not parsed yet".into(),
            };
            let next = state.keymap.key_for(Command::NextChange);
            notice(
                state,
                format!("compared with {label}: {what} ({next} jumps to the next)"),
                Severity::Note,
            );
        }
        Err(e) => {
            state.panes.diff.close();
            notice(
                state,
                format!("cannot compare with {label}: {e}"),
                Severity::Error,
            );
        }
    }
}

fn promoted(state: &mut AppState, result: Result<Vec<crate::connect::promote::Applied>, String>) {
    let text = match &result {
        Ok(applied) => applied
            .iter()
            .map(|a| {
                format!(
                    "\"{}\": {} writes, {}",
                    a.view,
                    a.writes,
                    if a.verified {
                        "verified".to_string()
                    } else {
                        format!("NOT as planned: {}", a.problems.join("; "))
                    }
                )
            })
            .collect::<Vec<_>>()
            .join("; "),
        Err(e) => format!("the promotion stopped: {e}"),
    };
    if let Some(d) = state.popups.promote_mut() {
        d.applying = false;
        d.done = true;
        d.message = Some(text.clone());
    }
    let severity = if result.as_ref().is_ok_and(|a| a.iter().all(|a| a.verified)) {
        Severity::Note
    } else {
        Severity::Error
    };
    notice(state, text, severity);
}

/// The submit popup's look-up answered (for the view it asked about).
fn remote(
    state: &mut AppState,
    name: String,
    result: Result<crate::tui::event::Remote, crate::connect::ConnectError>,
) {
    if let Some(d) = state.popups.submit_mut()
        && name == state.doc.meta.name
    {
        d.remote = match result {
            Ok(r) => {
                d.changes = r.changes.clone();
                // No view of this name: nothing shows it.
                if r.summary.is_none() {
                    d.consumers = ConsumersState::Known(None);
                }
                RemoteState::Known(Box::new(r))
            }
            Err(e) => RemoteState::Failed(e.to_string()),
        };
    }
}

/// A view deleted from the browser (or why not).
fn deleted(
    state: &mut AppState,
    id: String,
    name: String,
    result: Result<(), crate::connect::ConnectError>,
) {
    match result {
        Ok(()) => {
            state.panes.browser.deleted(&id);
            let mut text = format!("deleted \"{name}\" ({id}) from the instance");
            if state.session.base.forget(&id) {
                // Nothing on the instance is this buffer's base any more.
                text.push_str(": the buffer was opened from it and stays; submitting it creates the view again");
            }
            notice(state, text, Severity::Warning);
        }
        Err(e) => notice(
            state,
            format!("\"{name}\" was not deleted: {e}"),
            Severity::Error,
        ),
    }
}

/// A validation result: taken only for the revision and level it was asked for.
fn validated(
    state: &mut AppState,
    revision: u64,
    analysis: crate::view::Analysis,
    elapsed: std::time::Duration,
    compared: Option<(String, crate::view::diff::Diff)>,
) -> Vec<Effect> {
    let crate::view::Analysis {
        level,
        diagnostics,
        raised,
        tree,
        schema,
        data,
    } = analysis;
    let (data_set, data_diagnostics) = match data {
        Some(d) => (Some(d.set), d.diagnostics),
        None => (None, Vec::new()),
    };
    // Latest wins: a result for an older revision or another level is dropped.
    if revision == state.doc.changes && level == Some(state.level) {
        // A file opened as plain text that parses now is read for what it is.
        if state.doc.raw_text
            && !diagnostics
                .iter()
                .any(|d| d.code == crate::view::Code::Syntax)
            && let Ok(doc) = crate::view::ViewDocument::from_text(
                &state.doc.template_editor().text(),
                state.doc.path.as_deref(),
            )
        {
            let format = doc.origin.format;
            state.doc.adopt(doc);
            notice(
                state,
                format!(
                    "the file parses now: editing it as {} (not saved yet: Ctrl-S)",
                    match format {
                        Format::ViewFile => "a view file",
                        Format::CliInput => "AWS CLI create-view input",
                        Format::BareTemplate => "a bare template",
                    }
                ),
                Severity::Warning,
            );
            return changed(state);
        }
        // A notice about a diagnostic goes once the diagnostic is fixed.
        if let Some((code, message)) = &state.notice_diagnostic
            && !diagnostics
                .iter()
                .chain(&data_diagnostics)
                .any(|d| d.code == *code && d.message == *message)
        {
            state.notice = None;
            state.notice_diagnostic = None;
        }
        // A revision that does not parse keeps the last tree that did.
        if tree.is_some() {
            state.validation.tree = tree;
            state.validation.schema = schema;
            state.validation.tree_revision = Some(revision);
            // The diff pane follows the buffer.
            if let Some((label, diff)) = compared {
                state.panes.diff.analysed(&label, diff, revision);
            }
        }
        state.validation.data_markers = markers(&data_diagnostics);
        state.validation.data_diagnostics = data_diagnostics;
        state.validation.data_set = data_set;
        state.validation.markers = markers(&diagnostics);
        state.validation.diagnostics = diagnostics;
        // Like the tree: a line half typed keeps what the last good text raised.
        if state.validation.tree_revision == Some(revision) {
            state.validation.raised = raised;
        }
        state.validation.elapsed = elapsed;
        state.validation.revision = Some(revision);
        state.validation.level = level;
        state.panes.status.selected = state.panes.status.selected.min(
            (state.validation.diagnostics.len() + state.validation.data_diagnostics.len())
                .saturating_sub(1),
        );
        if let Some(d) = state.popups.submit_mut()
            && d.message
                .as_deref()
                .is_some_and(|m| m.starts_with("validation"))
        {
            d.message = None;
        }
        // The Used-by pane follows the buffer, one judgement at a time.
        if state.panes.used_by.wants(revision) {
            return vec![super::submit::consumers_for_pane(state, false)];
        }
    }
    Vec::new()
}

/// A save finished: on success the saved state moves to what was written.
fn saved(
    state: &mut AppState,
    path: std::path::PathBuf,
    revision: u64,
    result: Result<String, String>,
) -> Vec<Effect> {
    match result {
        Ok(text) => {
            state.doc.saved_revision = revision;
            if let Some((r, fingerprint)) = state.doc.saving_text.take()
                && r == revision
            {
                state.doc.saved_text = fingerprint;
            }
            state.doc.text_changed.set(None);
            state.doc.saved_meta = state.doc.meta.clone();
            if let Some(extra) = state.doc.saving_extra.take() {
                state.doc.saved_extra = extra;
            }
            state.doc.path = Some(path.clone());
            let rendered = file_text(state).unwrap_or_default();
            state.doc.original = Some((text, rendered));
            notice(
                state,
                format!("saved {}", path.display()),
                Severity::Warning,
            );
            if state.quit_after_save {
                state.quit = true;
            }
            // The file now holds what was journaled, unless editing went on meanwhile.
            if revision == state.doc.template_editor().revision() && !state.doc.dirty() {
                return discard_journal(state);
            }
        }
        Err(e) => {
            state.quit_after_save = false;
            notice(
                state,
                format!("not saved: {e}; your changes are still here"),
                Severity::Error,
            );
        }
    }
    Vec::new()
}

/// A submission's answer: what moved, and the base the buffer now has (kept with the file).
fn submitted(
    state: &mut AppState,
    result: Result<(&'static str, crate::connect::View), crate::connect::ConnectError>,
) -> Vec<Effect> {
    let mut effects = Vec::new();
    if state.session.flight != Flight::Submitting {
        return effects;
    }
    state.session.flight = Flight::Idle;
    match result {
        Ok((operation, view)) => {
            let text = format!(
                "{} \"{}\": {} moved {}",
                if operation == "CreateView" {
                    "created"
                } else {
                    "updated"
                },
                view.name,
                view.status,
                view.qualifiers_moved().join(" and ")
            );
            notice(state, text, Severity::Warning);
            state.notice = state.notice.take().map(|(t, _)| (t, Severity::Warning));
            state.panes.status.reveal_last = true;
            state.session.service_error = None;
            state.session.service_markers.clear();
            // What the instance now holds is what this buffer is based on.
            state.session.base.put(RemoteBase::of(&view));
            effects.extend(keep_bases(state));
            state.session.last = Some(Submitted {
                operation,
                view,
                at: (state.now)(),
            });
            state.session.last_version = None;
        }
        Err(e) => {
            if e.kind == ErrorKind::Invalid {
                state.session.service_markers = service_markers(state, &e.message);
            }
            notice(
                state,
                format!("{} failed: see the status pane", e.operation),
                Severity::Error,
            );
            state.session.service_error = Some(e);
        }
    }
    effects
}

/// Keeps the buffer's bases beside its file's journal, so the file reopened knows them.
fn keep_bases(state: &AppState) -> Option<Effect> {
    let drafts = state.journal.as_ref()?.parent()?;
    let file = state.doc.path.as_ref()?;
    Some(Effect::KeepBases {
        path: crate::connect::base::kept_path(drafts, file),
        bases: Box::new(state.session.base.clone()),
    })
}

/// A view from the browser arrived: it becomes the buffer.
fn opened(
    state: &mut AppState,
    request: crate::tui::panes::browser::OpenRequest,
    result: Result<Box<crate::tui::event::Opened>, crate::connect::ConnectError>,
) -> Vec<Effect> {
    let opened = match result {
        Ok(o) => o,
        Err(e) => {
            notice(
                state,
                format!("{} did not open: {e}", request.label()),
                Severity::Error,
            );
            return Vec::new();
        }
    };
    let crate::tui::event::Opened { view, saved } = *opened;
    let managed = crate::tui::panes::browser::is_managed(&request.view);
    let new_view = state.keymap.key_for(Command::SaveAsNewView);
    let read_only = managed.then(|| {
        format!("AWS-managed: the service keeps it; {new_view} saves it as a new view of yours")
    });
    let base = saved
        .map(crate::connect::base::Bases::one)
        .unwrap_or_default();
    state.open_view(view.document(), base, read_only);
    state.panes.browser.shown = false;
    state.focus = Pane::Editor;
    let what = match view.version {
        0 => request.label(),
        n => format!("{} (version {n})", request.label()),
    };
    let text = if managed {
        format!("opened {what} read-only: it is AWS-managed; {new_view} saves it as a new view")
    } else {
        format!(
            "opened {what}: a submission updates \"{}\" unless it changes there first",
            view.name
        )
    };
    notice(state, text, Severity::Note);
    vec![revalidate(state)]
}

/// Editor markers for the JSON paths a service validation error names.
pub(super) fn service_markers(state: &AppState, message: &str) -> Vec<crate::tui::editor::Marker> {
    let text = state.doc.template_editor().text();
    let index = crate::view::source::LineIndex::new(&text);
    crate::view::refusal::named_paths(message)
        .into_iter()
        .filter_map(|pointer| crate::view::json::locate_pointer(&text, &pointer))
        .map(|range| {
            let start = index.line_col(&text, range.start);
            let end = index.line_col(&text, range.end);
            crate::tui::editor::Marker {
                row: start.line - 1,
                start: start.column - 1,
                end: if end.line == start.line {
                    end.column - 1
                } else {
                    usize::MAX
                },
                severity: Severity::Error,
            }
        })
        .collect()
}

/// The view's consumers judged against the buffer, for the Used-by pane (which asks again
/// when the buffer moved on meanwhile) or the submit popup.
fn consumers(
    state: &mut AppState,
    name: String,
    to_pane: bool,
    result: Result<Option<Box<crate::view::consumers::Report>>, crate::connect::ConnectError>,
) -> Vec<Effect> {
    if to_pane {
        use crate::tui::panes::used_by::Known;
        let pane = &mut state.panes.used_by;
        pane.in_flight = false;
        if name == state.doc.meta.name {
            pane.known = match result {
                Ok(r) => Known::Report(r),
                Err(e) => Known::Failed(e.to_string()),
            };
            let n = pane.consumers().len();
            pane.selected = pane.selected.min(n.saturating_sub(1));
            pane.open = pane.open.filter(|o| *o < n);
        }
        if state.panes.used_by.wants(state.doc.changes) {
            return vec![super::submit::consumers_for_pane(state, false)];
        }
    } else if let Some(d) = state.popups.submit_mut()
        && name == state.doc.meta.name
    {
        d.consumers = match result {
            Ok(r) => ConsumersState::Known(r),
            Err(e) => ConsumersState::Failed(e.to_string()),
        };
    }
    Vec::new()
}

/// The file changed on disk since it was opened: nothing saved, the conflict popup open.
fn save_conflict(state: &mut AppState, path: std::path::PathBuf) {
    state.quit_after_save = false;
    notice(
        state,
        format!(
            "not saved: {} changed on disk since you opened it",
            path.display()
        ),
        Severity::Error,
    );
    state.popups.open(Popup::Conflict { path });
}

/// A workspace page's InputData arrived: the preview draws with it (or why not).
fn page(state: &mut AppState, spec: String, result: Result<serde_json::Value, String>) {
    match result {
        Ok(data) => {
            notice(
                state,
                format!("the preview draws with the InputData of page {spec}"),
                Severity::Note,
            );
            state.doc.page_data = Some((spec, data));
        }
        Err(e) => notice(state, format!("page {spec}: {e}"), Severity::Error),
    }
}
