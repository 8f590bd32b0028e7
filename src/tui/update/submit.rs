//! Saving, submitting and versioning: what is written where, and what it would overwrite.

use super::*;

/// The text to write for the document in its format, or why it cannot be written.
pub fn file_text(state: &AppState) -> Result<String, String> {
    let text = state.doc.document().to_file_text(state.doc.format)?;
    // An unchanged document is written back exactly as it was read.
    if let Some((source, rendered)) = &state.doc.original
        && *rendered == text
    {
        return Ok(source.clone());
    }
    Ok(text)
}

pub(super) fn save(state: &mut AppState, path: Option<std::path::PathBuf>) -> Vec<Effect> {
    let same_file = path.is_none() || path == state.doc.path;
    let expect = if same_file {
        state
            .doc
            .original
            .as_ref()
            .map(|(source, _)| source.clone())
    } else {
        None
    };
    save_to(state, path, expect)
}

pub(super) fn save_to(
    state: &mut AppState,
    path: Option<std::path::PathBuf>,
    expect: Option<String>,
) -> Vec<Effect> {
    let Some(path) = path.or_else(|| state.doc.path.clone()) else {
        let name = crate::view::document::file_name_for(&state.doc.meta.name);
        open_prompt(state, asks::save_as(name));
        return Vec::new();
    };
    if state.doc.data_unparsed {
        let set = state.doc.data_set.clone().unwrap_or_default();
        notice(
            state,
            format!(
                "not saved: sample data set `{set}` is not valid JSON (F8 in its tab finds the place); nothing is lost"
            ),
            Severity::Error,
        );
        return Vec::new();
    }
    match file_text(state) {
        Ok(text) => {
            notice(
                state,
                format!("saving {}…", path.display()),
                Severity::Warning,
            );
            state.doc.saving_extra = Some(state.doc.extra.clone());
            let editor = state.doc.template_editor();
            state.doc.saving_text = Some((
                editor.revision(),
                crate::tui::state::Fingerprint::of(editor),
            ));
            vec![Effect::Save {
                path,
                text,
                revision: state.doc.template_editor().revision(),
                expect,
            }]
        }
        Err(e) => {
            notice(state, format!("not saved: {e}"), Severity::Error);
            Vec::new()
        }
    }
}

pub(super) fn open_submit(state: &mut AppState) -> Vec<Effect> {
    if state.session.flight != Flight::Idle {
        notice(
            state,
            "a request is already in flight (Esc cancels a submission)",
            Severity::Warning,
        );
        return Vec::new();
    }
    state.popups.open(Popup::Submit(SubmitPopup::checking()));
    vec![fetch_remote(state), fetch_consumers(state)]
}

/// The judgement of the view's consumers against the buffer, as submitting it at the level
/// chosen would change them.
pub(super) fn fetch_consumers(state: &AppState) -> Effect {
    Effect::FetchConsumers {
        name: state.doc.meta.name.clone(),
        doc: Box::new(state.doc.document()),
        publish: state.level == crate::view::Level::Published,
        to_pane: false,
        fresh: true,
    }
}

/// The same judgement for the Used-by pane, marked in flight for the buffer's revision:
/// `fresh` reads the instance again (the pane shown, `r`), else a new revision is judged
/// against the last reading.
pub(super) fn consumers_for_pane(state: &mut AppState, fresh: bool) -> Effect {
    let pane = &mut state.panes.used_by;
    pane.in_flight = true;
    pane.asked_for = Some(state.doc.changes);
    if matches!(pane.known, crate::tui::panes::used_by::Known::Nothing) {
        pane.known = crate::tui::panes::used_by::Known::Judging;
    }
    Effect::FetchConsumers {
        name: state.doc.meta.name.clone(),
        doc: Box::new(state.doc.document()),
        publish: state.level == crate::view::Level::Published,
        to_pane: true,
        fresh,
    }
}

/// The look-up of the buffer's view on the instance, with the component diff against it.
fn fetch_remote(state: &AppState) -> Effect {
    Effect::FetchRemote {
        name: state.doc.meta.name.clone(),
        buffer: state.doc.template_editor().text(),
        actions: state.doc.meta.actions.clone(),
    }
}

/// Why plain Enter does not submit yet: the consumers are still being judged, or the
/// submission would break some (named). None when it may go.
fn breaking_refusal(state: &AppState) -> Option<String> {
    let d = state.popups.submit()?;
    let key = key_name(&state.keymap, Context::SubmitPopup, Command::SubmitBreaking);
    match &d.consumers {
        ConsumersState::Checking => Some(format!(
            "still judging the flows, modules and pages that show the view; press Enter again \
             in a moment ({key} submits without waiting)"
        )),
        ConsumersState::Known(Some(r)) if r.breaks() => {
            let broken: Vec<String> = r
                .consumers
                .iter()
                .filter(|c| c.state == crate::view::consumers::State::Breaks)
                .map(|c| format!("{} {}", c.kind, c.name))
                .collect();
            Some(format!(
                "not submitted: it would break {}. {key} submits anyway; Esc cancels \
                 (`connect-views used-by` says how)",
                broken.join(", ")
            ))
        }
        _ => None,
    }
}

/// What a submission now would overwrite unseen, if anything: the view changed since the
/// buffer's base, or the buffer was never opened from the view of its name.
pub fn overwrite_risk(state: &AppState) -> Option<Overwrite> {
    risk_of(&state.session, state.popups.submit()?)
}

/// The same, for a submit popup (what it knows of the instance) and the buffer's bases.
pub fn risk_of(session: &crate::tui::state::Session, d: &SubmitPopup) -> Option<Overwrite> {
    let RemoteState::Known(r) = &d.remote else {
        return None;
    };
    let summary = r.summary.as_ref()?;
    Overwrite::check(session.base.of(&summary.id), r.saved.as_deref())
}

/// Submits from the popup. With `anyway`, local errors do not stop it: the service decides.
/// With `overwrite`, a view changed since the buffer's base (or never opened) is replaced.
/// `confirmed`: a protected environment's name was typed for this submission.
pub(super) fn submit(
    state: &mut AppState,
    (anyway, overwrite, breaking): (bool, bool, bool),
    confirmed: bool,
) -> Vec<Effect> {
    let Some(dialog) = state.popups.submit() else {
        return Vec::new();
    };
    let existing = match &dialog.remote {
        RemoteState::Known(r) => r.summary.clone(),
        RemoteState::Checking => {
            set_submit_message(state, "still looking the view up in the instance…");
            return Vec::new();
        }
        RemoteState::Failed(_) => {
            // Retry the look-up.
            if let Some(d) = state.popups.submit_mut() {
                d.remote = RemoteState::Checking;
                d.message = None;
            }
            return vec![fetch_remote(state)];
        }
    };
    if !state.validation_current() {
        set_submit_message(
            state,
            "validation is still running; press Enter again in a moment",
        );
        return Vec::new();
    }
    if !anyway && refused_for_errors(state) {
        return Vec::new();
    }
    if !breaking && let Some(why) = breaking_refusal(state) {
        set_submit_message(state, &why);
        return Vec::new();
    }
    if !overwrite && let Some(risk) = overwrite_risk(state) {
        let overwrite_key = key_name(&state.keymap, Context::SubmitPopup, Command::Overwrite);
        let message = format!(
            "not submitted: {}. {overwrite_key} overwrites it; Esc cancels (`edit --pull` opens \
             the instance's copy)",
            risk.describe(&state.doc.meta.name)
        );
        set_submit_message(state, &message);
        return Vec::new();
    }
    // A protected environment: the write waits for its name, typed.
    if state.session.protected && !confirmed {
        let then = Guarded::Submit {
            anyway,
            overwrite,
            breaking,
        };
        open_prompt(state, asks::confirm_protected(then));
        return Vec::new();
    }
    let submission = match Submission::of(&state.doc.document(), state.level) {
        Ok(s) => s,
        Err(e) => {
            set_submit_message(state, &format!("refused: {e}"));
            return Vec::new();
        }
    };
    let errors = state.errors();
    state.popups.close_submit();
    state.session.flight = Flight::Submitting;
    state.session.service_error = None;
    state.session.service_markers.clear();
    let despite = if anyway && errors > 0 {
        format!(
            " despite {errors} local error{} (the service decides)",
            if errors == 1 { "" } else { "s" }
        )
    } else {
        String::new()
    };
    let text = format!(
        "submitting \"{}\" as {}{despite}…",
        state.doc.meta.name,
        state.level.as_str()
    );
    notice(state, text, Severity::Warning);
    vec![Effect::Submit {
        submission: Box::new(submission),
        existing: Some(existing),
    }]
}

/// Local errors refuse a submission (unless asked to let the service decide): the popup
/// says how many, the first, where (the cursor goes there), and the key that overrides.
fn refused_for_errors(state: &mut AppState) -> bool {
    let Some(first) = state
        .validation
        .diagnostics
        .iter()
        .find(|d| d.is_error())
        .cloned()
    else {
        return false;
    };
    let errors = state.errors();
    let at = match &first.location {
        Some(l) => {
            state
                .doc
                .editor
                .move_to(l.start.line - 1, l.start.column - 1);
            format!("{}:{}", l.start.line, l.start.column)
        }
        None => first.pointer.clone(),
    };
    let message = format!(
        "refused: {errors} error{} at the {} level. The first, at {at}: {}[{}] {} (the cursor is on it; F8 \
         goes to the next). Sure the service accepts it? {} submits anyway.",
        if errors == 1 { "" } else { "s" },
        state.level,
        first.severity,
        first.code,
        first.message,
        key_name(&state.keymap, Context::SubmitPopup, Command::SubmitAnyway)
    );
    set_submit_message(state, &message);
    true
}

pub(super) fn set_submit_message(state: &mut AppState, message: &str) {
    if let Some(d) = state.popups.submit_mut() {
        d.message = Some(message.to_string());
    }
}

/// `confirmed`: a protected environment's name was typed for this version.
pub(super) fn create_version(
    state: &mut AppState,
    description: Option<String>,
    confirmed: bool,
) -> Vec<Effect> {
    if state.session.flight != Flight::Idle {
        notice(state, "a request is already in flight", Severity::Warning);
        return Vec::new();
    }
    match &state.session.last {
        Some(s) if s.view.is_published() && state.session.protected && !confirmed => {
            let _ = s;
            open_prompt(
                state,
                asks::confirm_protected(Guarded::Version(description)),
            );
            Vec::new()
        }
        Some(s) if s.view.is_published() => {
            let effect = Effect::CreateVersion {
                view_id: s.view.id.clone(),
                sha256: s.view.content_sha256.clone(),
                description,
            };
            state.session.flight = Flight::Versioning;
            notice(state, "creating a version…", Severity::Warning);
            vec![effect]
        }
        Some(_) => {
            notice(
                state,
                "versions snapshot published content: submit as PUBLISHED first",
                Severity::Warning,
            );
            Vec::new()
        }
        None => {
            notice(
                state,
                "submit the view (Ctrl-P) before creating a version",
                Severity::Warning,
            );
            Vec::new()
        }
    }
}
