//! `update(&mut AppState, AppEvent) -> Vec<Effect>`: every state change, no I/O.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::action::Command;
use super::effect::Effect;
use super::event::{AppEvent, TaskEvent};
use super::journal::Draft;
use super::keymap::Context;
use super::state::{
    ActionRow, AppState, Dialog, Flight, MetadataDialog, Pane, Prompt, PromptKind, RemoteState,
    SubmitDialog, Submitted, Tab, markers,
};
use crate::connect::{ErrorKind, Submission};
use crate::view::validate::{
    action_problem, description_problem, name_problem, tag_key_problem, tag_value_problem,
};
use crate::view::{Format, Severity};

pub fn update(state: &mut AppState, event: AppEvent) -> Vec<Effect> {
    match event {
        AppEvent::Input(Event::Key(key)) if key.kind != KeyEventKind::Release => {
            key_event(state, key)
        }
        AppEvent::Input(Event::Paste(text)) => paste(state, &text),
        AppEvent::Input(Event::Resize(..)) => vec![Effect::Redraw],
        AppEvent::Input(_) => Vec::new(),
        AppEvent::Tick => {
            state.spinner = state.spinner.wrapping_add(1);
            Vec::new()
        }
        AppEvent::Task(t) => task(state, *t),
    }
}

/// Validation of the document as it stands now, and of the sample data set shown.
pub fn revalidate(state: &mut AppState) -> Effect {
    validate_effect(state, state.document())
}

fn validate_effect(state: &AppState, doc: crate::view::ViewDocument) -> Effect {
    Effect::Validate {
        revision: state.changes,
        doc: Box::new(doc),
        level: state.level,
        data: state
            .data_set
            .clone()
            .map(|set| (set, state.data_editor().text())),
    }
}

fn changed(state: &mut AppState) -> Vec<Effect> {
    if state.tab == Tab::Data {
        state.sync_data();
    }
    state.changes += 1;
    state.service_markers.clear();
    let doc = state.document();
    let mut effects = Vec::with_capacity(2);
    if let Some(path) = &state.journal {
        let mut draft = Draft::of(&doc, state.path.clone(), (state.now)());
        if state.data_unparsed {
            draft.data_text = state
                .data_set
                .clone()
                .map(|set| (set, state.data_editor().text()));
        }
        effects.push(Effect::Journal {
            path: path.clone(),
            draft: Box::new(draft),
        });
    }
    effects.push(validate_effect(state, doc));
    effects
}

/// Typing into the data tab needs a set to type into.
fn data_editable(state: &mut AppState) -> bool {
    if state.tab == Tab::Data && state.data_set.is_none() {
        let key = state.keymap.key_for(Command::NewDataSet);
        notice(
            state,
            format!("no sample data set yet: {key} creates one from the view's inputs"),
            Severity::Warning,
        );
        return false;
    }
    true
}

/// Removing the journal, when there is one.
fn discard_journal(state: &AppState) -> Vec<Effect> {
    state
        .journal
        .clone()
        .map(|path| vec![Effect::DiscardJournal { path }])
        .unwrap_or_default()
}

fn notice(state: &mut AppState, text: impl Into<String>, severity: Severity) {
    state.notice = Some((text.into(), severity));
    state.notice_diagnostic = None;
}

fn key_event(state: &mut AppState, key: KeyEvent) -> Vec<Effect> {
    if state.dialog.is_some() {
        return dialog_key(state, key);
    }
    // A focused preview field takes what is typed (never the template).
    if state.focus == Pane::Preview && state.preview.typing() {
        let plain = !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        let typed = match key.code {
            KeyCode::Char(c) if plain => Some(Some(c)),
            KeyCode::Backspace => Some(None),
            _ => None,
        };
        if let Some(c) = typed {
            if let Some(tree) = state.validation.tree.clone() {
                let data = state.preview_data();
                let r = crate::view::preview::Resolver {
                    tree: &tree,
                    data: &data,
                };
                state.preview.type_char(&r, c);
            }
            return Vec::new();
        }
    }
    match state.keymap.lookup(state.focus.context(), &key) {
        Some(command) => run(state, command),
        None if state.focus == Pane::Editor => {
            if data_editable(state) && state.editor.apply(key) {
                changed(state)
            } else {
                Vec::new()
            }
        }
        None => Vec::new(),
    }
}

fn paste(state: &mut AppState, text: &str) -> Vec<Effect> {
    match &mut state.dialog {
        Some(Dialog::Prompt(p)) => {
            p.input.push_str(&text.replace(['\n', '\r'], " "));
            Vec::new()
        }
        Some(Dialog::Metadata(m)) => {
            let f = m.focus;
            m.fields[f].push_str(&text.replace(['\n', '\r'], " "));
            check_metadata(m);
            Vec::new()
        }
        Some(_) => Vec::new(),
        None if state.focus == Pane::Editor => {
            if data_editable(state) && state.editor.insert(text) {
                changed(state)
            } else {
                Vec::new()
            }
        }
        None => Vec::new(),
    }
}

fn open_prompt(state: &mut AppState, kind: PromptKind, input: String) {
    state.dialog = Some(Dialog::Prompt(Prompt {
        kind,
        input,
        error: None,
    }));
}

/// The preview's commands: they act on the focused element with the current tree and data.
fn preview_command(state: &mut AppState, command: Command) -> Vec<Effect> {
    use crate::tui::preview::Outcome;
    let Some(tree) = state.validation.tree.clone() else {
        let why = if state.validation.revision.is_some() {
            "nothing to preview yet: the template has not parsed"
        } else {
            "the preview is still being drawn (the first check of the template is running)"
        };
        notice(state, why, Severity::Warning);
        return Vec::new();
    };
    let data = state.preview_data();
    let r = crate::view::preview::Resolver {
        tree: &tree,
        data: &data,
    };
    let outcome = match command {
        Command::Left | Command::Right => state.preview.step_choice(&r, command == Command::Right),
        Command::Press => state.preview.activate(&r, &state.meta.actions),
        Command::ResetPreview => state.preview.reset(),
        Command::Reveal => {
            let Some(node) = state.preview.focused_node() else {
                return Vec::new();
            };
            let offset = tree.get(node).span.start;
            if state.tab != Tab::Template {
                state.switch_tab();
            }
            let (row, col) = crate::tui::preview::row_col_of(state.editor.lines(), offset);
            state.editor.move_to(row, col);
            state.focus = Pane::Editor;
            return Vec::new();
        }
        _ => Outcome::Nothing,
    };
    if outcome == Outcome::Pressed
        && let Some(p) = &state.preview.pressed
    {
        let (text, severity) = match (&p.branch, p.errors.len()) {
            (_, n) if n > 0 => (
                format!(
                    "the submit was refused: {n} field {} (shown beside the fields)",
                    if n == 1 { "error" } else { "errors" }
                ),
                Severity::Error,
            ),
            (Some(b), _) => (
                format!("pressed: the flow takes the branch {b}"),
                Severity::Note,
            ),
            (None, _) => ("pressed: nothing was raised".to_string(), Severity::Note),
        };
        notice(state, text, severity);
    }
    Vec::new()
}

/// Runs a command from the keymap.
pub fn run(state: &mut AppState, command: Command) -> Vec<Effect> {
    use Command::*;
    match command {
        Help => state.dialog = Some(Dialog::Help { scroll: 0 }),
        NextPane | PrevPane => {
            let order = state.panes();
            let n = order.len();
            let i = order.iter().position(|p| *p == state.focus).unwrap_or(0);
            let step = if command == NextPane { 1 } else { n - 1 };
            state.focus = order[(i + step) % n];
        }
        TogglePreview => {
            let shown = state.preview.visible(state.screen_width);
            state.preview.shown = Some(!shown);
            if shown {
                if state.focus == Pane::Preview {
                    state.focus = Pane::Editor;
                }
            } else if !state.panes().contains(&state.focus) {
                state.focus = Pane::Preview;
            }
        }
        Left | Right | Press | Reveal | ResetPreview => return preview_command(state, command),
        ScrollUp => state.status_scroll = state.status_scroll.saturating_sub(5),
        ScrollDown => state.status_scroll += 5,
        CopyChecksum => {
            let sha = state
                .last
                .as_ref()
                .and_then(|s| s.view.content_sha256.clone());
            match sha {
                Some(sha) => return vec![Effect::Copy(sha)],
                None => notice(
                    state,
                    "no checksum to copy: nothing submitted yet (Ctrl-P)",
                    Severity::Warning,
                ),
            }
        }
        NextDiagnostic | PrevDiagnostic => jump_diagnostic(state, command == NextDiagnostic),
        Save => return save(state, None),
        Submit => return open_submit(state),
        CreateVersion => return create_version(state),
        ToggleLevel => {
            state.level = state.level.toggled();
            return vec![revalidate(state)];
        }
        EditMetadata => {
            let tags = state
                .meta
                .tags
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join(", ");
            let mut m = MetadataDialog {
                fields: [
                    state.meta.name.clone(),
                    state.meta.description.clone().unwrap_or_default(),
                    tags,
                ],
                focus: 0,
                problems: Vec::new(),
            };
            check_metadata(&mut m);
            state.dialog = Some(Dialog::Metadata(m));
        }
        Quit => {
            if state.dirty() {
                state.dialog = Some(Dialog::ConfirmQuit);
            } else {
                state.quit = true;
            }
        }
        Redraw => return vec![Effect::Redraw],
        Cancel => {
            if state.flight == Flight::Submitting {
                state.flight = Flight::Idle;
                notice(
                    state,
                    "submission cancelled; if the service had already received it, Ctrl-P again finds and updates \
                     the view (the client token prevents a second one)",
                    Severity::Warning,
                );
                return vec![Effect::CancelSubmit];
            }
            if state.focus == Pane::Preview
                && state.preview.clear() != crate::tui::preview::Outcome::Nothing
            {
                return Vec::new();
            }
            state.notice = None;
        }
        SwitchTab => {
            state.switch_tab();
            state.focus = Pane::Editor;
            if state.tab == Tab::Data && state.data_set.is_none() {
                data_editable(state);
            }
        }
        NextDataSet => return next_data_set(state),
        NewDataSet => {
            let taken = state.data_sets();
            let name = std::iter::once("default".to_string())
                .chain((2..).map(|n| format!("set{n}")))
                .find(|n| !taken.contains(n))
                .unwrap_or_default();
            open_prompt(state, PromptKind::NewDataSet, name);
        }
        Undo => {
            if state.editor.undo() {
                return changed(state);
            }
        }
        Redo => {
            if state.editor.redo() {
                return changed(state);
            }
        }
        Search => open_prompt(
            state,
            PromptKind::Search,
            state.last_search.clone().unwrap_or_default(),
        ),
        SearchNext | SearchPrev => match state.last_search.clone() {
            Some(p) => search(state, &p, command == SearchPrev),
            None => open_prompt(state, PromptKind::Search, String::new()),
        },
        GotoLine => open_prompt(state, PromptKind::GotoLine, String::new()),
        Copy | Cut => {
            let Some(text) = state.editor.selection() else {
                notice(
                    state,
                    "nothing is selected (Shift-arrows select)",
                    Severity::Warning,
                );
                return Vec::new();
            };
            let mut effects = vec![Effect::Copy(text)];
            if command == Cut && state.editor.cut() {
                effects.extend(changed(state));
            } else {
                state.editor.copy();
            }
            return effects;
        }
        Paste => {
            if data_editable(state) && state.editor.paste() {
                return changed(state);
            }
        }
        SelectAll => state.editor.select_all(),
        // A dialog's own keys do nothing outside it.
        SubmitNow | SubmitAnyway | Overwrite | Yes | Apply | NextField | PrevField
        | SaveAndQuit | QuitWithoutSaving | OverwriteFile | SaveCopy | RecoverDraft
        | DiscardDraft => {}
        Up | Down if state.focus == Pane::Preview => {
            state.preview.focus_step(command == Down);
        }
        Up | Down => {
            let len = match state.focus {
                Pane::Actions => state.action_rows().len(),
                _ => state.validation.diagnostics.len() + state.validation.data_diagnostics.len(),
            };
            let sel = match state.focus {
                Pane::Actions => &mut state.actions_selected,
                _ => &mut state.status_selected,
            };
            if command == Up {
                *sel = sel.saturating_sub(1);
            } else if *sel + 1 < len {
                *sel += 1;
            }
        }
        Select => {
            let n = state.validation.diagnostics.len();
            let (tab, d) = if state.status_selected < n {
                (
                    Tab::Template,
                    state.validation.diagnostics.get(state.status_selected),
                )
            } else {
                (
                    Tab::Data,
                    state
                        .validation
                        .data_diagnostics
                        .get(state.status_selected - n),
                )
            };
            if let Some(loc) = d.and_then(|d| d.location.as_ref()) {
                let (line, column) = (loc.start.line, loc.start.column);
                if state.tab != tab {
                    state.switch_tab();
                }
                state.editor.move_to(line - 1, column - 1);
                state.focus = Pane::Editor;
            }
        }
        AddAction => open_prompt(state, PromptKind::AddAction, String::new()),
        RenameAction => {
            let rows = state.action_rows();
            if let Some((name, ActionRow::Raised | ActionRow::Unused)) =
                rows.get(state.actions_selected)
            {
                open_prompt(
                    state,
                    PromptKind::RenameAction(state.actions_selected),
                    name.clone(),
                );
            }
        }
        DeleteAction => {
            if state.actions_selected < state.meta.actions.len() {
                state.meta.actions.remove(state.actions_selected);
                state.actions_selected = state
                    .actions_selected
                    .min(state.action_rows().len().saturating_sub(1));
                return changed(state);
            }
        }
        MoveActionUp | MoveActionDown => {
            let i = state.actions_selected;
            let n = state.meta.actions.len();
            let j = if command == MoveActionUp {
                i.checked_sub(1)
            } else {
                (i + 1 < n).then_some(i + 1)
            };
            if let Some(j) = j
                && i < n
            {
                state.meta.actions.swap(i, j);
                state.actions_selected = j;
                return changed(state);
            }
        }
        AddMissingActions => {
            let rows = state.action_rows();
            let missing: Vec<String> = match rows.get(state.actions_selected) {
                Some((name, ActionRow::Missing)) => vec![name.clone()],
                _ => rows
                    .into_iter()
                    .filter(|r| r.1 == ActionRow::Missing)
                    .map(|r| r.0)
                    .collect(),
            };
            if missing.is_empty() {
                notice(
                    state,
                    "no action is missing from the list",
                    Severity::Warning,
                );
            } else {
                state.meta.actions.extend(missing);
                return changed(state);
            }
        }
    }
    Vec::new()
}

/// F8 / Shift-F8: the next (or previous) diagnostic with a place, through the template's
/// and then the sample data's, switching tabs when the next one is in the other.
fn jump_diagnostic(state: &mut AppState, forward: bool) {
    let n = state.validation.diagnostics.len();
    // (tab order, row, column, index in the status list)
    let located: Vec<(u8, usize, usize, usize)> = state
        .validation
        .diagnostics
        .iter()
        .map(|d| (0u8, d))
        .chain(state.validation.data_diagnostics.iter().map(|d| (1u8, d)))
        .enumerate()
        .filter_map(|(i, (tab, d))| {
            d.location
                .as_ref()
                .map(|l| (tab, l.start.line - 1, l.start.column - 1, i))
        })
        .collect();
    if located.is_empty() {
        notice(
            state,
            "no diagnostics with a place in the template or the sample data",
            Severity::Warning,
        );
        return;
    }
    let (row, col) = state.editor.cursor();
    let here = (u8::from(state.tab == Tab::Data), row, col);
    let target = if forward {
        located
            .iter()
            .find(|(t, r, c, _)| (*t, *r, *c) > here)
            .or(located.first())
    } else {
        located
            .iter()
            .rev()
            .find(|(t, r, c, _)| (*t, *r, *c) < here)
            .or(located.last())
    };
    if let Some(&(tab, r, c, i)) = target {
        let tab = if tab == 0 { Tab::Template } else { Tab::Data };
        if state.tab != tab {
            state.switch_tab();
        }
        state.editor.move_to(r, c);
        state.status_selected = i;
        state.focus = Pane::Editor;
        let d = if i < n {
            &state.validation.diagnostics[i]
        } else {
            &state.validation.data_diagnostics[i - n]
        };
        let message = if i < n {
            d.message.clone()
        } else {
            crate::view::data::headline(d)
        };
        let text = match &d.note {
            Some(note) => format!("{}[{}]: {message} ({note})", d.severity, d.code),
            None => format!("{}[{}]: {message}", d.severity, d.code),
        };
        let (severity, shown) = (d.severity, (d.code, d.message.clone()));
        notice(state, text, severity);
        state.notice_diagnostic = Some(shown);
    }
}

fn search(state: &mut AppState, pattern: &str, backward: bool) {
    match state.editor.search(pattern, backward) {
        Ok(true) => state.notice = None,
        Ok(false) => notice(state, format!("\"{pattern}\" not found"), Severity::Warning),
        Err(e) => notice(state, e, Severity::Error),
    }
}

/// The text to write for the document in its format, or why it cannot be written.
pub fn file_text(state: &AppState) -> Result<String, String> {
    let text = state.document().to_file_text(state.format)?;
    // An unchanged document is written back exactly as it was read.
    if let Some((source, rendered)) = &state.original
        && *rendered == text
    {
        return Ok(source.clone());
    }
    Ok(text)
}

fn save(state: &mut AppState, path: Option<std::path::PathBuf>) -> Vec<Effect> {
    let same_file = path.is_none() || path == state.path;
    let expect = if same_file {
        state.original.as_ref().map(|(source, _)| source.clone())
    } else {
        None
    };
    save_to(state, path, expect)
}

fn save_to(
    state: &mut AppState,
    path: Option<std::path::PathBuf>,
    expect: Option<String>,
) -> Vec<Effect> {
    let Some(path) = path.or_else(|| state.path.clone()) else {
        let name = crate::view::document::file_name_for(&state.meta.name);
        open_prompt(state, PromptKind::SaveAs, name);
        return Vec::new();
    };
    if state.data_unparsed {
        let set = state.data_set.clone().unwrap_or_default();
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
            state.saving_extra = Some(state.extra.clone());
            vec![Effect::Save {
                path,
                text,
                revision: state.template_editor().revision(),
                expect,
            }]
        }
        Err(e) => {
            notice(state, format!("not saved: {e}"), Severity::Error);
            Vec::new()
        }
    }
}

fn open_submit(state: &mut AppState) -> Vec<Effect> {
    if state.flight != Flight::Idle {
        notice(
            state,
            "a request is already in flight (Esc cancels a submission)",
            Severity::Warning,
        );
        return Vec::new();
    }
    state.dialog = Some(Dialog::Submit(SubmitDialog {
        remote: RemoteState::Checking,
        message: None,
        confirm_anyway: false,
        errors_accepted: false,
    }));
    vec![Effect::FetchRemote {
        name: state.meta.name.clone(),
    }]
}

/// What a submission now would overwrite unseen, if anything: the view changed since the
/// buffer's base, or the buffer was never opened from the view of its name.
pub fn overwrite_risk(state: &AppState) -> Option<super::state::Overwrite> {
    use super::state::Overwrite;
    let Some(Dialog::Submit(d)) = &state.dialog else {
        return None;
    };
    let RemoteState::Known(r) = &d.remote else {
        return None;
    };
    let summary = r.summary.as_ref()?;
    let now = r.saved.as_deref();
    let when = now.and_then(|n| n.modified);
    match (&state.base, now) {
        (Some(base), Some(now)) if base.view_id == summary.id => {
            (base.sha256 != now.sha256).then(|| Overwrite::ChangedSince {
                when,
                what: what_changed(base, now),
            })
        }
        _ => Some(Overwrite::NotOpened { when }),
    }
}

fn what_changed(base: &super::state::RemoteBase, now: &super::state::RemoteBase) -> String {
    let (added, removed) = super::diff::diff_stat(&base.template, &now.template);
    let mut parts = Vec::new();
    if added + removed > 0 {
        parts.push(format!("+{added} -{removed} lines of the template"));
    }
    let new: Vec<&str> = now
        .actions
        .iter()
        .filter(|a| !base.actions.contains(a))
        .map(String::as_str)
        .collect();
    let gone: Vec<&str> = base
        .actions
        .iter()
        .filter(|a| !now.actions.contains(a))
        .map(String::as_str)
        .collect();
    if !new.is_empty() {
        parts.push(format!("actions added: {}", new.join(", ")));
    }
    if !gone.is_empty() {
        parts.push(format!("actions removed: {}", gone.join(", ")));
    }
    if parts.is_empty() {
        parts.push("the same text written again".into());
    }
    parts.join("; ")
}

/// Submits from the dialog. With `anyway`, local errors do not stop it: the service decides.
/// With `overwrite`, a view changed since the buffer's base (or never opened) is replaced.
fn submit(state: &mut AppState, anyway: bool, overwrite: bool) -> Vec<Effect> {
    let Some(Dialog::Submit(dialog)) = &state.dialog else {
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
            let name = state.meta.name.clone();
            if let Some(Dialog::Submit(d)) = &mut state.dialog {
                d.remote = RemoteState::Checking;
                d.message = None;
            }
            return vec![Effect::FetchRemote { name }];
        }
    };
    if !state.validation_current() {
        set_submit_message(
            state,
            "validation is still running; press Enter again in a moment",
        );
        return Vec::new();
    }
    if let Some(first) = state
        .validation
        .diagnostics
        .iter()
        .find(|d| d.is_error() && !anyway)
        .cloned()
    {
        let errors = state.errors();
        let at = match &first.location {
            Some(l) => {
                state.editor.move_to(l.start.line - 1, l.start.column - 1);
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
            key_name(state, Context::SubmitDialog, Command::SubmitAnyway)
        );
        set_submit_message(state, &message);
        return Vec::new();
    }
    if !overwrite && let Some(risk) = overwrite_risk(state) {
        let overwrite_key = key_name(state, Context::SubmitDialog, Command::Overwrite);
        let message = format!(
            "not submitted: {}. {overwrite_key} overwrites it; Esc cancels (`edit --pull` opens \
             the instance's copy)",
            risk.describe(&state.meta.name)
        );
        set_submit_message(state, &message);
        return Vec::new();
    }
    let submission = match Submission::of(&state.document(), state.level) {
        Ok(s) => s,
        Err(e) => {
            set_submit_message(state, &format!("refused: {e}"));
            return Vec::new();
        }
    };
    let errors = state.errors();
    state.dialog = None;
    state.flight = Flight::Submitting;
    state.service_error = None;
    state.service_markers.clear();
    let despite = if anyway && errors > 0 {
        format!(
            " despite {errors} local error{} (the service decides)",
            if errors == 1 { "" } else { "s" }
        )
    } else {
        String::new()
    };
    notice(
        state,
        format!(
            "submitting \"{}\" as {}{despite}…",
            state.meta.name,
            state.level.as_str()
        ),
        Severity::Warning,
    );
    vec![Effect::Submit {
        submission: Box::new(submission),
        existing: Some(existing),
    }]
}

fn set_submit_message(state: &mut AppState, message: &str) {
    if let Some(Dialog::Submit(d)) = &mut state.dialog {
        d.message = Some(message.to_string());
    }
}

fn create_version(state: &mut AppState) -> Vec<Effect> {
    if state.flight != Flight::Idle {
        notice(state, "a request is already in flight", Severity::Warning);
        return Vec::new();
    }
    match &state.last {
        Some(s) if s.view.is_published() => {
            let effect = Effect::CreateVersion {
                view_id: s.view.id.clone(),
                sha256: s.view.content_sha256.clone(),
            };
            state.flight = Flight::Versioning;
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

fn check_metadata(m: &mut MetadataDialog) {
    let mut problems = Vec::new();
    if let Some(p) = name_problem(m.fields[0].trim()) {
        problems.push(format!("Name: {p}"));
    }
    let d = m.fields[1].trim();
    if !d.is_empty()
        && let Some(p) = description_problem(d)
    {
        problems.push(format!("Description: {p}"));
    }
    match crate::view::document::parse_tag_list(&m.fields[2]) {
        Ok(tags) => {
            if tags.len() > 50 {
                problems.push(format!("Tags: {} tags; the limit is 50", tags.len()));
            }
            for (k, v) in &tags {
                if let Some(p) = tag_key_problem(k).or_else(|| tag_value_problem(k, v)) {
                    problems.push(format!("Tags: {p}"));
                }
            }
        }
        Err(e) => problems.push(format!("Tags: {e}")),
    }
    m.problems = problems;
}

/// The key `command` has in `context`, as shown in messages.
pub fn key_name(state: &AppState, context: Context, command: Command) -> String {
    state
        .keymap
        .key_in(context, command)
        .map(|k| k.to_string())
        .unwrap_or_else(|| format!("(unbound: {})", command.name()))
}

/// Whether a command would do something now: footers and dialogs leave out the rest.
pub fn available(state: &AppState, command: Command) -> bool {
    match command {
        Command::CreateVersion => state.last.as_ref().is_some_and(|s| s.view.is_published()),
        Command::CopyChecksum => state.last.is_some(),
        Command::SubmitNow => overwrite_risk(state).is_none(),
        Command::Overwrite => overwrite_risk(state).is_some(),
        Command::SubmitAnyway => state.validation_current() && state.errors() > 0,
        _ => true,
    }
}

/// The keys a dialog takes, from the command table, as its key line shows them.
pub fn dialog_commands(state: &AppState, context: Context) -> Vec<Command> {
    let mut commands: Vec<&crate::tui::action::Spec> = crate::tui::action::COMMANDS
        .iter()
        .filter(|s| s.footer > 0 && s.keys.iter().any(|(c, _)| *c == context))
        .collect();
    commands.sort_by_key(|s| s.footer);
    let mut out: Vec<Command> = commands
        .into_iter()
        .map(|s| s.command)
        .filter(|c| available(state, *c))
        .collect();
    if context.fallback() == Some(Context::Dialog) {
        out.push(Command::Cancel);
    }
    out
}

fn dialog_key(state: &mut AppState, key: KeyEvent) -> Vec<Effect> {
    use Command as C;
    let Some(dialog) = state.dialog.clone() else {
        return Vec::new();
    };
    let command = state.keymap.lookup(dialog.context(), &key);
    // Recovery: its own keys take the draft back or discard it; a stray key does neither
    // (the draft is a person's unsaved work), and Esc is a stray key here.
    if let Dialog::Recover { draft, .. } = &dialog {
        match command {
            Some(C::RecoverDraft) => {
                state.dialog = None;
                recover(state, draft);
                return changed(state);
            }
            Some(C::DiscardDraft) => {
                state.dialog = None;
                notice(
                    state,
                    "discarded the unsaved changes from the earlier session",
                    Severity::Warning,
                );
                return discard_journal(state);
            }
            _ => return Vec::new(),
        }
    }
    if command == Some(C::Cancel) {
        if matches!(
            dialog,
            Dialog::Prompt(Prompt {
                kind: PromptKind::SaveAs,
                ..
            })
        ) {
            // "Save and quit" waited for this name: no save, so no quit either.
            state.quit_after_save = false;
        }
        state.dialog = None;
        return Vec::new();
    }
    let plain_char = match key.code {
        KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => Some(c),
        _ => None,
    };
    match (dialog, command) {
        (Dialog::Help { scroll }, Some(c @ (C::Up | C::Down | C::ScrollUp | C::ScrollDown))) => {
            let scroll = match c {
                C::Down => scroll + 1,
                C::Up => scroll.saturating_sub(1),
                C::ScrollDown => scroll + 10,
                _ => scroll.saturating_sub(10),
            };
            state.dialog = Some(Dialog::Help { scroll });
            Vec::new()
        }
        (Dialog::Help { .. }, _) => {
            state.dialog = None;
            Vec::new()
        }
        (Dialog::Conflict { path }, Some(C::OverwriteFile)) => {
            state.dialog = None;
            save_to(state, Some(path), None)
        }
        (Dialog::Conflict { path }, Some(C::SaveCopy)) => {
            open_prompt(
                state,
                PromptKind::SaveAs,
                crate::view::document::copy_path(&path)
                    .display()
                    .to_string(),
            );
            Vec::new()
        }
        (Dialog::ConfirmQuit, Some(C::SaveAndQuit)) => {
            state.dialog = None;
            let effects = save(state, None);
            // A never-saved view asks for a name first; the quit follows that save.
            let asking = matches!(
                state.dialog,
                Some(Dialog::Prompt(Prompt {
                    kind: PromptKind::SaveAs,
                    ..
                }))
            );
            if !effects.is_empty() || asking {
                state.quit_after_save = true;
            }
            effects
        }
        (Dialog::ConfirmQuit, Some(C::QuitWithoutSaving)) => {
            state.quit = true;
            Vec::new()
        }
        (Dialog::Submit(d), command) if d.confirm_anyway => {
            if let Some(Dialog::Submit(d)) = &mut state.dialog {
                d.confirm_anyway = false;
                d.message = None;
            }
            if command == Some(C::Yes) {
                if let Some(Dialog::Submit(d)) = &mut state.dialog {
                    d.errors_accepted = true;
                }
                submit(state, true, false)
            } else {
                set_submit_message(state, "not submitted");
                Vec::new()
            }
        }
        (Dialog::Submit(d), Some(C::SubmitNow)) => submit(state, d.errors_accepted, false),
        (Dialog::Submit(d), Some(C::Overwrite)) if overwrite_risk(state).is_some() => {
            submit(state, d.errors_accepted, true)
        }
        (Dialog::Submit(_), Some(C::SubmitAnyway)) => {
            let errors = state.errors();
            if !state.validation_current() || errors == 0 {
                // Nothing to override: the same as Enter.
                return submit(state, false, false);
            }
            let yes = key_name(state, Context::ConfirmSubmit, C::Yes);
            if let Some(Dialog::Submit(d)) = &mut state.dialog {
                d.confirm_anyway = true;
                d.message = Some(format!(
                    "Submit with {errors} local error{} at the {} level? The service decides, \
                     and its answer is shown in full. {yes} submits; any other key goes back.",
                    if errors == 1 { "" } else { "s" },
                    state.level
                ));
            }
            Vec::new()
        }
        (Dialog::Submit(_), Some(C::ToggleLevel)) => {
            state.level = state.level.toggled();
            if let Some(Dialog::Submit(d)) = &mut state.dialog {
                d.message = None;
            }
            vec![revalidate(state)]
        }
        (Dialog::Metadata(mut m), command) => {
            match (command, key.code, plain_char) {
                (Some(C::NextField), ..) => m.focus = (m.focus + 1) % 3,
                (Some(C::PrevField), ..) => m.focus = (m.focus + 2) % 3,
                (Some(C::Apply), ..) => {
                    check_metadata(&mut m);
                    if m.problems.is_empty() {
                        let tags =
                            crate::view::document::parse_tag_list(&m.fields[2]).unwrap_or_default();
                        let description = m.fields[1].trim();
                        state.meta.name = m.fields[0].trim().to_string();
                        state.meta.description =
                            (!description.is_empty()).then(|| description.to_string());
                        state.meta.tags = tags;
                        state.dialog = None;
                        return changed(state);
                    }
                }
                (None, KeyCode::Backspace, _) => {
                    m.fields[m.focus].pop();
                }
                (None, _, Some(c)) => m.fields[m.focus].push(c),
                _ => {}
            }
            check_metadata(&mut m);
            state.dialog = Some(Dialog::Metadata(m));
            Vec::new()
        }
        (Dialog::Prompt(mut p), command) => {
            match (command, key.code, plain_char) {
                (Some(C::Apply), ..) => return prompt_done(state, p),
                (None, KeyCode::Backspace, _) => {
                    p.input.pop();
                }
                (None, _, Some(c)) => p.input.push(c),
                _ => {}
            }
            p.error = None;
            state.dialog = Some(Dialog::Prompt(p));
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// Takes a journaled draft back into the buffer.
fn recover(state: &mut AppState, draft: &Draft) {
    state.template_editor_mut().set_text(&draft.template);
    state.meta = draft.meta();
    if let Some(sets) = &draft.sample_data {
        state.extra.insert("SampleData".into(), sets.clone());
        let keep = state
            .data_set
            .clone()
            .filter(|s| state.data_sets().contains(s));
        let first = keep.or_else(|| state.data_sets().into_iter().next());
        state.show_data_set(first);
    }
    if let Some((set, text)) = &draft.data_text {
        // The set was mid-edit and not valid JSON: its text comes back as typed.
        state.show_data_set(Some(set.clone()));
        state.data_editor_mut().set_text(text);
        state.data_unparsed = true;
    }
    notice(
        state,
        "recovered the unsaved changes (not saved yet: Ctrl-S)",
        Severity::Warning,
    );
}

fn prompt_done(state: &mut AppState, mut p: Prompt) -> Vec<Effect> {
    let input = p.input.trim().to_string();
    let result: Result<Vec<Effect>, String> = match p.kind {
        PromptKind::GotoLine => {
            let mut parts = input.splitn(2, ':');
            let line = parts.next().and_then(|l| l.trim().parse::<usize>().ok());
            let col = parts.next().map(|c| c.trim().parse::<usize>().ok());
            match (line, col) {
                (Some(l), None) if l >= 1 => {
                    state.editor.move_to(l - 1, 0);
                    Ok(Vec::new())
                }
                (Some(l), Some(Some(c))) if l >= 1 && c >= 1 => {
                    state.editor.move_to(l - 1, c - 1);
                    Ok(Vec::new())
                }
                _ => Err("give a line number, or LINE:COLUMN".into()),
            }
        }
        PromptKind::Search => {
            if input.is_empty() {
                state.editor.clear_search();
                state.last_search = None;
                Ok(Vec::new())
            } else {
                match state.editor.search(&input, false) {
                    Ok(found) => {
                        state.last_search = Some(input.clone());
                        if !found {
                            notice(state, format!("\"{input}\" not found"), Severity::Warning);
                        }
                        Ok(Vec::new())
                    }
                    Err(e) => Err(e),
                }
            }
        }
        PromptKind::AddAction | PromptKind::RenameAction(_) => {
            if let Some(problem) = action_problem(&input) {
                Err(problem)
            } else if state.meta.actions.contains(&input) {
                Err(format!("\"{input}\" is already listed"))
            } else {
                match p.kind {
                    PromptKind::RenameAction(i) if i < state.meta.actions.len() => {
                        state.meta.actions[i] = input
                    }
                    _ => {
                        state.meta.actions.push(input);
                        state.actions_selected = state.meta.actions.len() - 1;
                    }
                }
                state.dialog = None;
                return changed(state);
            }
        }
        PromptKind::NewDataSet => {
            if input.is_empty() {
                Err("give the set a name".into())
            } else if state.data_sets().contains(&input) {
                Err(format!("a set named `{input}` exists already"))
            } else if state.data_unparsed {
                Err("the set shown is not valid JSON: fix it first (nothing is lost)".into())
            } else {
                match crate::view::Template::parse(&state.template_editor().text()) {
                    Err(e) => Err(format!(
                        "the template does not parse yet ({e}): fix it first"
                    )),
                    Ok(template) => {
                        let schema = crate::view::data::DataSchema::derived(&template);
                        let data = crate::view::data::skeleton(&schema);
                        state.put_data_set(input.clone(), data);
                        state.dialog = None;
                        state.show_data_set(Some(input.clone()));
                        if state.tab != Tab::Data {
                            state.switch_tab();
                        }
                        state.focus = Pane::Editor;
                        notice(
                            state,
                            format!(
                                "sample data set `{input}` made from the view's {}; it is saved in the view file and never sent",
                                match schema.inputs().len() {
                                    1 => "input".to_string(),
                                    n => format!("{n} inputs"),
                                }
                            ),
                            Severity::Warning,
                        );
                        return changed(state);
                    }
                }
            }
        }
        PromptKind::SaveAs => {
            if input.is_empty() {
                Err("give a file name".into())
            } else {
                let path = std::path::PathBuf::from(&input);
                state.dialog = None;
                state.path = Some(path.clone());
                return save(state, Some(path));
            }
        }
    };
    match result {
        Ok(effects) => {
            state.dialog = None;
            effects
        }
        Err(e) => {
            p.error = Some(e);
            state.dialog = Some(Dialog::Prompt(p));
            Vec::new()
        }
    }
}

fn task(state: &mut AppState, event: TaskEvent) -> Vec<Effect> {
    match event {
        TaskEvent::Connected { target, instance } => {
            state.target = Some(target);
            state.instance = Some(instance);
            state.connect_error = None;
        }
        TaskEvent::ConnectFailed(e) => {
            notice(
                state,
                format!("not connected: {}", e.message),
                Severity::Error,
            );
            state.connect_error = Some(e);
        }
        TaskEvent::Validated {
            revision,
            level,
            diagnostics,
            raised,
            elapsed,
            data_set,
            data_diagnostics,
            tree,
        } => {
            // Latest wins: a result for an older revision or another level is dropped.
            if revision == state.changes && level == state.level {
                // A file opened as plain text that parses now is read for what it is.
                if state.raw_text
                    && !diagnostics
                        .iter()
                        .any(|d| d.code == crate::view::Code::Syntax)
                    && let Ok(doc) = crate::view::ViewDocument::from_text(
                        &state.template_editor().text(),
                        state.path.as_deref(),
                    )
                {
                    let format = doc.origin.format;
                    state.adopt(doc);
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
                    state.validation.tree_revision = Some(revision);
                }
                state.validation.data_markers = markers(&data_diagnostics);
                state.validation.data_diagnostics = data_diagnostics;
                state.validation.data_set = data_set;
                state.validation.markers = markers(&diagnostics);
                state.validation.diagnostics = diagnostics;
                state.validation.raised = raised;
                state.validation.elapsed = elapsed;
                state.validation.revision = Some(revision);
                state.validation.level = Some(level);
                state.status_selected = state.status_selected.min(
                    (state.validation.diagnostics.len() + state.validation.data_diagnostics.len())
                        .saturating_sub(1),
                );
                if let Some(Dialog::Submit(d)) = &mut state.dialog
                    && d.message
                        .as_deref()
                        .is_some_and(|m| m.starts_with("validation"))
                {
                    d.message = None;
                }
            }
        }
        TaskEvent::Remote { name, result } => {
            if let Some(Dialog::Submit(d)) = &mut state.dialog
                && name == state.meta.name
            {
                d.remote = match result {
                    Ok(r) => RemoteState::Known(r),
                    Err(e) => RemoteState::Failed(e.to_string()),
                };
            }
        }
        TaskEvent::Submitted { result } => {
            if state.flight != Flight::Submitting {
                return Vec::new();
            }
            state.flight = Flight::Idle;
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
                    state.status_reveal_last = true;
                    state.service_error = None;
                    state.service_markers.clear();
                    // What the instance now holds is what this buffer is based on.
                    state.base = Some(super::state::RemoteBase::of(&view));
                    state.last = Some(Submitted {
                        operation,
                        view,
                        at: (state.now)(),
                    });
                    state.last_version = None;
                }
                Err(e) => {
                    if e.kind == ErrorKind::Invalid {
                        state.service_markers = service_markers(state, &e.message);
                    }
                    notice(
                        state,
                        format!("{} failed: see the status pane", e.operation),
                        Severity::Error,
                    );
                    state.service_error = Some(e);
                }
            }
        }
        TaskEvent::Versioned { result } => {
            state.flight = Flight::Idle;
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
                    state.last_version = Some(done.view);
                }
                Err(e) => {
                    notice(
                        state,
                        format!("{} failed: see the status pane", e.operation),
                        Severity::Error,
                    );
                    state.service_error = Some(e);
                }
            }
        }
        TaskEvent::Saved {
            path,
            revision,
            result,
        } => match result {
            Ok(text) => {
                state.saved_revision = revision;
                state.saved_meta = state.meta.clone();
                if let Some(extra) = state.saving_extra.take() {
                    state.saved_extra = extra;
                }
                state.path = Some(path.clone());
                let rendered = file_text(state).unwrap_or_default();
                state.original = Some((text, rendered));
                notice(
                    state,
                    format!("saved {}", path.display()),
                    Severity::Warning,
                );
                if state.quit_after_save {
                    state.quit = true;
                }
                // The file now holds what was journaled, unless editing went on meanwhile.
                if revision == state.template_editor().revision() && !state.dirty() {
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
        },
        TaskEvent::SaveConflict { path } => {
            state.quit_after_save = false;
            notice(
                state,
                format!(
                    "not saved: {} changed on disk since you opened it",
                    path.display()
                ),
                Severity::Error,
            );
            state.dialog = Some(Dialog::Conflict { path });
        }
        TaskEvent::Copied { chars, how } => {
            notice(
                state,
                format!("copied {chars} characters ({how})"),
                Severity::Warning,
            );
        }
    }
    Vec::new()
}

/// Editor markers for the JSON paths a service validation error names.
fn service_markers(state: &AppState, message: &str) -> Vec<super::editor::Marker> {
    let text = state.template_editor().text();
    let index = crate::view::source::LineIndex::new(&text);
    crate::view::refusal::named_paths(message)
        .into_iter()
        .filter_map(|pointer| crate::view::json::locate_pointer(&text, &pointer))
        .map(|range| {
            let start = index.line_col(&text, range.start);
            let end = index.line_col(&text, range.end);
            super::editor::Marker {
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

/// Shows the next sample data set (and the data tab).
fn next_data_set(state: &mut AppState) -> Vec<Effect> {
    let sets = state.data_sets();
    if sets.is_empty() {
        let key = state.keymap.key_for(Command::NewDataSet);
        notice(
            state,
            format!("no sample data sets: {key} creates one from the view's inputs"),
            Severity::Warning,
        );
        return Vec::new();
    }
    if state.data_unparsed {
        notice(
            state,
            "the set shown is not valid JSON: fix it before switching (nothing is lost)",
            Severity::Error,
        );
        return Vec::new();
    }
    let next = match state
        .data_set
        .as_ref()
        .and_then(|s| sets.iter().position(|n| n == s))
    {
        Some(i) => sets[(i + 1) % sets.len()].clone(),
        None => sets[0].clone(),
    };
    state.show_data_set(Some(next.clone()));
    if state.tab != Tab::Data {
        state.switch_tab();
    }
    state.focus = Pane::Editor;
    let position = sets.iter().position(|n| *n == next).unwrap_or(0) + 1;
    notice(
        state,
        format!("sample data set `{next}` ({position} of {})", sets.len()),
        Severity::Warning,
    );
    vec![revalidate(state)]
}
