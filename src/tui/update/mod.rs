//! `update(&mut AppState, AppEvent) -> Vec<Effect>`: every state change, no I/O.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::view::complete::Spot;

use super::action::Command;
use super::component::{self, Guarded, Msg};
use super::effect::Effect;
use super::event::{AppEvent, TaskEvent};
use super::journal::Draft;
use super::keymap::Context;
use super::popups::asks;
use super::state::{
    AppState, Dialog, Flight, MetadataDialog, Pane, Prompt, RemoteState, SubmitDialog, Submitted,
    Tab, markers,
};
use crate::connect::base::{Overwrite, RemoteBase};
use crate::connect::{ErrorKind, Submission};
use crate::view::{Format, Severity};

mod popups;
mod submit;
mod tasks;

use super::popups::check_metadata;
pub use popups::delete_confirmation;
use popups::{dialog_key, recover, save_and_quit};
pub use submit::risk_of;
use submit::{create_version, open_submit, save, save_to, submit};
pub use submit::{file_text, overwrite_risk};
use tasks::task;

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
        AppEvent::Signal(n) => {
            state.quit = true;
            state.signalled = Some(n);
            Vec::new()
        }
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
    // A new edit after an undo ends what could be redone.
    if !state.template_editor().can_redo() {
        state.redo_links.clear();
    }
    let doc = state.document();
    let mut effects = Vec::with_capacity(2);
    if let Some(path) = &state.journal {
        effects.push(Effect::Journal {
            path: path.clone(),
            draft: Box::new(journal_draft(state, &doc)),
        });
    }
    effects.push(validate_effect(state, doc));
    effects
}

/// The draft the journal keeps of `doc`, the state's document: a sample data set that does
/// not parse yet goes with it as typed.
pub fn journal_draft(state: &AppState, doc: &crate::view::ViewDocument) -> Draft {
    let mut draft = Draft::of(doc, state.path.clone(), (state.now)());
    if state.data_unparsed {
        draft.data_text = state
            .data_set
            .clone()
            .map(|set| (set, state.data_editor().text()));
    }
    draft
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

/// Routing: the dialog on top takes every key; else the focused pane may type it, then
/// the keymap finds the command in the pane's context (or globally) and the pane runs it,
/// or, when it is not the pane's, the global handling does. The editor types the rest.
fn key_event(state: &mut AppState, key: KeyEvent) -> Vec<Effect> {
    if state.dialog.is_some() {
        return dialog_key(state, key);
    }
    if state.focus == Pane::Editor && state.completion.is_some() {
        return completion_key(state, key);
    }
    let pane = state.focus;
    let mut out = Vec::new();
    if component::with(state, pane, |c, app| c.key(&key, app, &mut out)) == Some(true) {
        return apply(state, out);
    }
    match state.keymap.lookup(pane.context(), &key) {
        Some(command)
            if command.changes_view()
                && !(state.tab == Tab::Data && command.edits_text())
                && refuse_read_only(state) =>
        {
            Vec::new()
        }
        Some(command) => {
            if component::with(state, pane, |c, app| c.command(command, app, &mut out))
                == Some(true)
            {
                apply(state, out)
            } else {
                run(state, command)
            }
        }
        None if pane == Pane::Editor => {
            if !data_editable(state) {
                return Vec::new();
            }
            if state.tab == Tab::Template
                && !super::editor::Editor::only_moves(&key)
                && refuse_read_only(state)
            {
                return Vec::new();
            }
            if state.editor.smart_key(&key) || state.editor.apply(key) {
                // The opening quote of a Type's value or of a key in Props opens the
                // completion by itself.
                if key.code == KeyCode::Char('"') && state.tab == Tab::Template {
                    state.completion = completion_at(state).filter(|c| {
                        c.context.typed.is_some()
                            && matches!(c.context.spot, Spot::Type | Spot::PropKey { .. })
                    });
                }
                changed(state)
            } else {
                Vec::new()
            }
        }
        None => Vec::new(),
    }
}

/// What came back from the external editor: the whole template replaced, as one undo step,
/// unless the text changed here meanwhile (then nothing is lost: the result is kept aside).
pub fn external_edit_done(
    state: &mut AppState,
    revision: u64,
    result: Result<String, String>,
) -> Vec<Effect> {
    match result {
        Err(e) => {
            notice(state, format!("the external editor: {e}"), Severity::Error);
            Vec::new()
        }
        Ok(text) if revision != state.changes => {
            notice(
                state,
                format!(
                    "the template changed while the external editor was open: its result ({} bytes) was not applied",
                    text.len()
                ),
                Severity::Error,
            );
            Vec::new()
        }
        Ok(text) => {
            let text = text.strip_suffix('\n').unwrap_or(&text).to_string();
            if state.tab != Tab::Template {
                state.switch_tab();
            }
            if text == state.editor.text() {
                notice(state, "the external editor changed nothing", Severity::Note);
                return Vec::new();
            }
            state.editor.replace_all(&text);
            let undo = key_name(state, Context::Editor, Command::Undo);
            notice(
                state,
                format!("took the external editor's text ({undo} takes it back)"),
                Severity::Note,
            );
            changed(state)
        }
    }
}

/// The completion at the editor's cursor, if there is anything to offer.
pub fn completion_at(state: &AppState) -> Option<crate::tui::state::CompletionState> {
    use crate::view::complete::{Known, candidates, context};
    let cursor = crate::tui::outline::cursor_offset(state)?;
    let text = state.editor.text();
    let cx = context(&text, cursor);
    let known = Known::scan(&text, &state.meta.actions);
    let items = candidates(&cx, crate::view::Catalog::builtin(), &known);
    (!items.is_empty()).then_some(crate::tui::state::CompletionState {
        items,
        selected: 0,
        context: cx,
        cursor,
    })
}

/// Keys while the completion list is open: Up/Down choose, Enter or Tab accept, Esc
/// closes; anything else goes to the editor and the list follows what is typed.
fn completion_key(state: &mut AppState, key: KeyEvent) -> Vec<Effect> {
    let plain = !key
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
    let Some(c) = state.completion.as_mut() else {
        return Vec::new();
    };
    match key.code {
        KeyCode::Up if plain => {
            c.selected = c.selected.saturating_sub(1);
            return Vec::new();
        }
        KeyCode::Down if plain => {
            c.selected = (c.selected + 1).min(c.items.len().saturating_sub(1));
            return Vec::new();
        }
        KeyCode::Esc => {
            state.completion = None;
            return Vec::new();
        }
        KeyCode::Enter | KeyCode::Tab if plain => {
            let c = state.completion.take().unwrap_or_else(|| unreachable!());
            return accept_completion(state, c);
        }
        _ => {}
    }
    let was_text = matches!(key.code, KeyCode::Char(_) | KeyCode::Backspace) && plain;
    state.completion = None;
    let effects = key_event(state, key);
    if was_text || matches!(key.code, KeyCode::Left | KeyCode::Right) {
        state.completion = completion_at(state).filter(|c| c.context.typed.is_some());
    }
    effects
}

/// Writes the chosen candidate in place of what was typed: one undo step.
fn accept_completion(state: &mut AppState, c: crate::tui::state::CompletionState) -> Vec<Effect> {
    use crate::tui::preview::row_col_of;
    let Some(item) = c.items.get(c.selected) else {
        return Vec::new();
    };
    let text = state.editor.text();
    let (range, new) = crate::view::complete::accept(&text, c.cursor, &c.context, item);
    let start = row_col_of(state.editor.lines(), range.start);
    let end = row_col_of(state.editor.lines(), range.end);
    if !state.editor.replace(start, end, &new) {
        return Vec::new();
    }
    let (row, column) = row_col_of(state.editor.lines(), range.start + new.len());
    state.editor.move_to(row, column);
    changed(state)
}

/// A structural change of the template through the editor's one door (one undo step);
/// the cursor goes to the component it was about, and the outline's tree follows at once
/// (the full analysis follows after its debounce).
pub fn apply_edit(state: &mut AppState, edit: crate::view::edit::Edit) -> Vec<Effect> {
    use crate::tui::preview::row_col_of;
    if state.tab != Tab::Template {
        state.switch_tab();
    }
    let start = row_col_of(state.editor.lines(), edit.range.start);
    let end = row_col_of(state.editor.lines(), edit.range.end);
    if !state.editor.replace(start, end, &edit.text) {
        return Vec::new();
    }
    if let Some(at) = edit.select {
        let (row, column) = row_col_of(state.editor.lines(), at);
        state.editor.move_to(row, column);
    }
    let undo = key_name(state, Context::Editor, Command::Undo);
    notice(
        state,
        format!("{} ({undo} takes it back)", edit.label),
        Severity::Note,
    );
    let effects = changed(state);
    sync_tree(state);
    effects
}

/// The quick fix of a diagnostic of the template, if there is one for sure: needs the
/// diagnostics of the text as it is (their ranges point into it).
pub fn fix_for(
    state: &AppState,
    d: &crate::view::Diagnostic,
) -> Result<crate::view::fix::QuickFix, String> {
    if !state.validation_current() {
        return Err("the diagnostics are being checked again: try again in a moment".into());
    }
    let tree = state
        .validation
        .tree
        .as_deref()
        .filter(|_| state.validation.tree_revision == Some(state.changes));
    crate::view::fix::quick_fix(
        d,
        &state.template_editor().text(),
        tree,
        crate::view::Catalog::builtin(),
    )
    .ok_or_else(|| format!("no quick fix for {}: {}", d.code, d.message))
}

/// Applies a quick fix: an edit of the template (one undo step) or a change of the list.
fn apply_fix(state: &mut AppState, fix: crate::view::fix::QuickFix) -> Vec<Effect> {
    use crate::view::fix::Fix;
    match fix.fix {
        Fix::Edit(edit) => apply_edit(state, edit),
        Fix::AddAction(name) => {
            if !state.meta.actions.contains(&name) {
                state.meta.actions.push(name);
            }
            notice(state, fix.label, Severity::Note);
            changed(state)
        }
        Fix::RemoveAction(name) => {
            state.meta.actions.retain(|a| *a != name);
            notice(state, fix.label, Severity::Note);
            changed(state)
        }
    }
}

/// The tree of the text as it is now, made at once (2.5 ms on 400 kB) after a change that is
/// not typing (a tree operation, an undo), so the next tree operation need not wait for the
/// analysis' debounce.
fn sync_tree(state: &mut AppState) {
    if state.tab != Tab::Template {
        return;
    }
    if let Some(tree) = crate::view::tree::Tree::parse(&state.editor.text()) {
        state.validation.tree = Some(std::sync::Arc::new(tree));
        state.validation.tree_revision = Some(state.changes);
    }
}

/// Does what the components asked for.
pub fn apply(state: &mut AppState, msgs: Vec<Msg>) -> Vec<Effect> {
    let mut effects = Vec::new();
    for msg in msgs {
        if matches!(
            msg,
            Msg::SetActions(_) | Msg::Edit(_) | Msg::Fix(_) | Msg::SetMeta { .. }
        ) && refuse_read_only(state)
        {
            continue;
        }
        match msg {
            Msg::SetActions(actions) => {
                state.meta.actions = actions;
                effects.extend(changed(state));
            }
            Msg::Reveal { tab, row, column } => {
                if state.tab != tab {
                    state.switch_tab();
                }
                state.editor.move_to(row, column);
                state.focus = Pane::Editor;
            }
            Msg::RevealOffset(offset) => {
                if state.tab != Tab::Template {
                    state.switch_tab();
                }
                let (row, column) = crate::tui::preview::row_col_of(state.editor.lines(), offset);
                state.editor.move_to(row, column);
                state.focus = Pane::Editor;
            }
            Msg::MoveCursor(offset) => {
                if state.tab != Tab::Template {
                    state.switch_tab();
                }
                let (row, column) = crate::tui::preview::row_col_of(state.editor.lines(), offset);
                state.editor.move_to(row, column);
            }
            Msg::Edit(edit) => effects.extend(apply_edit(state, edit)),
            Msg::Fix(fix) => effects.extend(apply_fix(state, fix)),
            Msg::Open(dialog) => state.dialog = Some(dialog),
            Msg::Notice(text, severity) => notice(state, text, severity),
            Msg::Effect(effect) => effects.push(effect),
            // The dialog that asked is not put back (see `dialog_key`).
            Msg::Close => {}
            Msg::SetMeta {
                name,
                description,
                tags,
            } => {
                state.meta.name = name;
                state.meta.description = description;
                state.meta.tags = tags;
                effects.extend(changed(state));
            }
            Msg::SaveOver(path) => effects.extend(save_to(state, Some(path), None)),
            Msg::SaveAndQuit => effects.extend(save_and_quit(state)),
            Msg::NoQuitAfterSave => state.quit_after_save = false,
            Msg::Quit => state.quit = true,
            Msg::Recover(draft) => {
                recover(state, &draft);
                effects.extend(changed(state));
            }
            Msg::DiscardDraft => {
                notice(
                    state,
                    "discarded the unsaved changes from the earlier session",
                    Severity::Warning,
                );
                effects.extend(discard_journal(state));
            }
            Msg::Submit { anyway, overwrite } => {
                effects.extend(submit(state, anyway, overwrite, false))
            }
            Msg::ToggleLevel => {
                state.level = state.level.toggled();
                effects.push(revalidate(state));
            }
            Msg::Focus(pane) => state.focus = pane,
            Msg::Compare { what, label } => {
                effects.extend(popups::compare_with(state, what, label))
            }
            answer => effects.extend(popups::answered(state, answer)),
        }
    }
    effects
}

fn paste(state: &mut AppState, text: &str) -> Vec<Effect> {
    match &mut state.dialog {
        Some(dialog) => {
            dialog.paste(text);
            Vec::new()
        }
        None if state.focus == Pane::Editor => {
            if state.tab == Tab::Template && refuse_read_only(state) {
                return Vec::new();
            }
            if data_editable(state) && state.editor.insert(text) {
                changed(state)
            } else {
                Vec::new()
            }
        }
        None => Vec::new(),
    }
}

/// The editor's cursor to the next (or previous) component that differs from what the
/// diff pane compares with.
fn jump_change(state: &mut AppState, forward: bool) -> Vec<Effect> {
    let key = state.keymap.key_for(Command::Compare);
    let Some(tree) = state.validation.tree.clone() else {
        return Vec::new();
    };
    if state.compare.diff.is_none() {
        notice(
            state,
            format!("nothing is compared: {key} compares the buffer with another copy"),
            Severity::Warning,
        );
        return Vec::new();
    }
    let places = state.compare.places(&tree);
    let at = crate::tui::outline::cursor_offset(state).unwrap_or(0);
    let next = if forward {
        places.iter().find(|(o, _)| *o > at).or(places.first())
    } else {
        places.iter().rev().find(|(o, _)| *o < at).or(places.last())
    };
    match next.copied() {
        None => notice(
            state,
            "no component of the buffer differs (the changes are removals or the actions)",
            Severity::Note,
        ),
        Some((offset, i)) => {
            state.compare.selected = i;
            if state.tab != Tab::Template {
                state.switch_tab();
            }
            let (row, column) = crate::tui::preview::row_col_of(state.editor.lines(), offset);
            state.editor.move_to(row, column);
            let n = places.iter().position(|p| p.0 == offset).unwrap_or(0) + 1;
            notice(
                state,
                format!("change {n} of {} in the buffer", places.len()),
                Severity::Note,
            );
        }
    }
    Vec::new()
}

/// A read-only buffer (an AWS-managed view) refuses a change, saying why and what to do.
fn refuse_read_only(state: &mut AppState) -> bool {
    let Some(why) = state.read_only.clone() else {
        return false;
    };
    notice(state, format!("read-only: {why}"), Severity::Warning);
    true
}

fn open_prompt(state: &mut AppState, prompt: Prompt) {
    state.dialog = Some(Dialog::Prompt(prompt));
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
            if !shown && state.screen_width < crate::tui::preview::WIDE {
                // Below the wide layout the side column holds one of the two.
                state.outline.shown = false;
            }
            if shown {
                if state.focus == Pane::Preview {
                    state.focus = Pane::Editor;
                }
            } else if !state.panes().contains(&state.focus) {
                state.focus = Pane::Preview;
            }
        }
        NextDiagnostic | PrevDiagnostic => jump_diagnostic(state, command == NextDiagnostic),
        Compare => {
            let input = state
                .compare
                .other
                .as_ref()
                .map(|o| o.label.clone())
                .unwrap_or_else(|| "$LATEST".into());
            open_prompt(state, asks::compare_with(input));
        }
        NextChange | PrevChange => return jump_change(state, command == NextChange),
        ToggleBrowser => {
            state.browser.shown = !state.browser.shown;
            state.completion = None;
            if state.browser.shown {
                state.focus = Pane::Browser;
                // Listed afresh each time it opens (the last list shows until the first
                // page comes): views made or deleted meanwhile, here or elsewhere, show.
                return vec![state.browser.relist(false)];
            } else {
                state.focus = Pane::Editor;
            }
        }
        SaveAsNewView => {
            let name = match &state.read_only {
                Some(_) => format!("Copy of {}", state.meta.name),
                None => state.meta.name.clone(),
            };
            open_prompt(state, asks::save_as_new_view(name));
        }
        Save => return save(state, None),
        Submit => return open_submit(state),
        CreateVersion => {
            // Ask for a description when a version can be made; else say why not.
            if state.flight == Flight::Idle
                && state.last.as_ref().is_some_and(|s| s.view.is_published())
            {
                open_prompt(state, asks::version_description());
            } else {
                return create_version(state, None, false);
            }
        }
        Reformat => {
            if state.tab != Tab::Template {
                notice(
                    state,
                    "reformat works on the template (F4 switches)",
                    Severity::Warning,
                );
                return Vec::new();
            }
            let text = state.editor.text();
            match crate::view::Template::parse(&text) {
                Ok(t) => {
                    let pretty = t.to_pretty();
                    if pretty == text {
                        notice(state, "the template is formatted already", Severity::Note);
                    } else if state.editor.replace_all(&pretty) {
                        let undo = key_name(state, Context::Editor, Command::Undo);
                        notice(
                            state,
                            format!("reformatted the template ({undo} takes it back)"),
                            Severity::Note,
                        );
                        return changed(state);
                    }
                }
                Err(e) => notice(
                    state,
                    format!("the template does not parse, so it cannot be reformatted: {e}"),
                    Severity::Warning,
                ),
            }
        }
        SaveAs => {
            let current = state
                .path
                .as_ref()
                .map(|p| p.display().to_string())
                .unwrap_or_else(|| crate::view::document::file_name_for(&state.meta.name));
            open_prompt(state, asks::save_as(current));
        }
        RenameDataSet | DeleteDataSet => match state.data_set.clone() {
            None => {
                let key = state.keymap.key_for(Command::NewDataSet);
                notice(
                    state,
                    format!("no sample data set is shown ({key} creates one)"),
                    Severity::Warning,
                );
            }
            Some(set) if command == RenameDataSet => open_prompt(state, asks::rename_data_set(set)),
            Some(set) => open_prompt(state, asks::delete_data_set(set)),
        },
        ExternalEditor => {
            if state.tab != Tab::Template {
                state.switch_tab();
            }
            let command = state.external_editor.clone().unwrap_or_else(|| {
                std::env::var("VISUAL")
                    .or_else(|_| std::env::var("EDITOR"))
                    .unwrap_or_else(|_| "vi".into())
            });
            return vec![Effect::ExternalEdit {
                text: state.editor.text(),
                command,
                revision: state.changes,
            }];
        }
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
            open_prompt(state, asks::new_data_set(name));
        }
        Undo | Redo => {
            let depth = state.editor.depth();
            let done = if command == Undo {
                state.editor.undo()
            } else {
                state.editor.redo()
            };
            if done {
                if state.tab == Tab::Template {
                    state.follow_links(command == Undo, depth);
                }
                let effects = changed(state);
                if state.outline.shown {
                    sync_tree(state);
                }
                return effects;
            }
        }
        Search => open_prompt(
            state,
            asks::search(state.last_search.clone().unwrap_or_default()),
        ),
        SearchNext | SearchPrev => match state.last_search.clone() {
            Some(p) => search(state, &p, command == SearchPrev),
            None => open_prompt(state, asks::search(String::new())),
        },
        GotoLine => open_prompt(state, asks::goto_line()),
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
        Complete => {
            state.completion = completion_at(state);
            if state.completion.is_none() {
                notice(state, "nothing to complete here", Severity::Warning);
            }
        }
        QuickFix => {
            // The diagnostic under the cursor: the innermost range holding it.
            let at = crate::tui::outline::cursor_offset(state);
            let d = at.and_then(|at| {
                state
                    .validation
                    .diagnostics
                    .iter()
                    .filter(|d| {
                        d.range
                            .as_ref()
                            .is_some_and(|r| r.start <= at && at <= r.end)
                    })
                    .min_by_key(|d| d.range.as_ref().map_or(usize::MAX, |r| r.len()))
            });
            let Some(d) = d.cloned() else {
                notice(
                    state,
                    "no diagnostic under the cursor (F8 goes to the next one)",
                    Severity::Warning,
                );
                return Vec::new();
            };
            return match fix_for(state, &d) {
                Ok(fix) => apply_fix(state, fix),
                Err(why) => {
                    notice(state, why, Severity::Warning);
                    Vec::new()
                }
            };
        }
        Palette => state.dialog = Some(Dialog::Palette(Default::default())),
        ToggleOutline => {
            let shown = state.outline.shown;
            state.outline.shown = !shown;
            if shown {
                if state.focus == Pane::Outline {
                    state.focus = Pane::Editor;
                }
            } else {
                // Below the wide layout the side column holds one of the two.
                if state.screen_width < crate::tui::preview::WIDE
                    && state.preview.visible(state.screen_width)
                {
                    state.preview.shown = Some(false);
                }
                state.focus = Pane::Outline;
            }
        }
        // A pane's own commands: its component runs them when it has the focus
        // (see `tui::component`); elsewhere they do nothing.
        Fold | MoveComponentUp | MoveComponentDown | Nest | Unnest | DeleteComponent
        | CopyComponent | CutComponent | PasteComponent | DuplicateComponent | RenameComponent
        | RenameField | AddItem | ToggleReference | FixProp | OpenView | DeleteView | Refresh
        | Promote | CompareSelected => {}
        Up | Down | Left | Right | Select | Press | Reveal | ResetPreview | ScrollUp
        | ScrollDown | CopyChecksum | AddAction | RenameAction | DeleteAction | MoveActionUp
        | MoveActionDown | AddMissingActions => {}
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
        state.status.selected = i;
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
