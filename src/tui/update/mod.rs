//! `update(&mut AppState, AppEvent) -> Vec<Effect>`: every state change, no I/O.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::view::complete::Spot;

use super::action::Command;
use super::component::{Guarded, Msg};
use super::effect::Effect;
use super::event::{AppEvent, TaskEvent};
use super::journal::Draft;
use super::keymap::Context;
use super::popups::ConsumersState;
use super::popups::asks;
use super::state::{
    AppState, Change, Flight, MetadataPopup, Pane, Popup, Prompt, RemoteState, SubmitPopup,
    Submitted, Tab, markers,
};
use crate::connect::base::{Overwrite, RemoteBase};
use crate::connect::{ErrorKind, Submission};
use crate::view::{Format, Severity};

mod commands;
pub use commands::run;
use commands::search;
mod popups;
mod submit;
mod tasks;

use super::popups::check_metadata;
pub use popups::delete_confirmation;
use popups::{popup_key, recover, save_and_quit};
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
            state.session.spinner = state.session.spinner.wrapping_add(1);
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
    validate_effect(state, state.doc.document())
}

fn validate_effect(state: &AppState, doc: crate::view::ViewDocument) -> Effect {
    Effect::Validate {
        revision: state.doc.changes,
        doc: Box::new(doc),
        level: state.level,
        data: state
            .doc
            .data_set
            .clone()
            .map(|set| (set, state.doc.data_editor().text())),
        compare: state.panes.diff.against(),
    }
}

/// Text the editor took itself (typing, a paste, a cut) is a change of the document.
fn changed(state: &mut AppState) -> Vec<Effect> {
    state.doc.apply(Change::Typed);
    follow_up(state)
}

/// A change through the document's door; what follows it when it changed something.
fn applied(state: &mut AppState, change: Change) -> Vec<Effect> {
    if state.doc.apply(change) {
        follow_up(state)
    } else {
        Vec::new()
    }
}

/// What follows every change of the document: the service's markers (for the text they
/// were about) go, the draft is journaled and the analysis scheduled.
fn follow_up(state: &mut AppState) -> Vec<Effect> {
    state.session.service_markers.clear();
    let doc = state.doc.document();
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
    let mut draft = Draft::of(doc, state.doc.path.clone(), (state.now)());
    if state.doc.data_unparsed {
        draft.data_text = state
            .doc
            .data_set
            .clone()
            .map(|set| (set, state.doc.data_editor().text()));
    }
    draft
}

/// Typing into the data tab needs a set to type into.
fn data_editable(state: &mut AppState) -> bool {
    if state.doc.tab == Tab::Data && state.doc.data_set.is_none() {
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

/// Routing: the popup on top takes every key; else the focused pane may type it, then
/// the keymap finds the command in the pane's context (or globally) and the pane runs it,
/// or, when it is not the pane's, the global handling does. The editor types the rest.
fn key_event(state: &mut AppState, key: KeyEvent) -> Vec<Effect> {
    if state.popups.is_open() {
        return popup_key(state, key);
    }
    if state.focus == Pane::Editor && state.completion.is_some() {
        return completion_key(state, key);
    }
    let pane = state.focus;
    let mut out = Vec::new();
    if crate::tui::panes::with(state, pane, |c, app| c.key(&key, app, &mut out)) == Some(true) {
        return apply(state, out);
    }
    match state.keymap.lookup(pane.context(), &key) {
        Some(command)
            if command.changes_view()
                && !(state.doc.tab == Tab::Data && command.edits_text())
                && refuse_read_only(state) =>
        {
            Vec::new()
        }
        Some(command) => {
            if crate::tui::panes::with(state, pane, |c, app| c.command(command, app, &mut out))
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
            if state.doc.tab == Tab::Template
                && !super::editor::Editor::only_moves(&key)
                && refuse_read_only(state)
            {
                return Vec::new();
            }
            if state.doc.editor.smart_key(&key) || state.doc.editor.apply(key) {
                // The opening quote of a Type's value or of a key in Props opens the
                // completion by itself.
                if key.code == KeyCode::Char('"') && state.doc.tab == Tab::Template {
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
        Ok(text) if revision != state.doc.changes => {
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
            if state.doc.tab != Tab::Template {
                state.doc.switch_tab();
            }
            if text == state.doc.editor.text() {
                notice(state, "the external editor changed nothing", Severity::Note);
                return Vec::new();
            }
            let undo = key_name(&state.keymap, Pane::Editor.context(), Command::Undo);
            notice(
                state,
                format!("took the external editor's text ({undo} takes it back)"),
                Severity::Note,
            );
            applied(state, Change::Replace(text))
        }
    }
}

/// The completion at the editor's cursor, if there is anything to offer.
pub fn completion_at(state: &AppState) -> Option<crate::tui::state::CompletionState> {
    use crate::view::complete::{Known, candidates, context};
    let cursor = crate::tui::panes::outline::cursor_offset(&state.cx())?;
    let text = state.doc.editor.text();
    let cx = context(&text, cursor);
    let known = Known::scan(&text, &state.doc.meta.actions);
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
    let Some(item) = c.items.get(c.selected) else {
        return Vec::new();
    };
    let text = state.doc.editor.text();
    let (range, new) = crate::view::complete::accept(&text, c.cursor, &c.context, item);
    let select = Some(range.start + new.len());
    let edit = crate::view::edit::Edit {
        range,
        text: new,
        select,
        label: format!("completed {}", item.text),
    };
    applied(state, Change::Edit(edit))
}

/// A structural change of the template through the editor's one door (one undo step);
/// the cursor goes to the component it was about, and the outline's tree follows at once
/// (the full analysis follows after its debounce).
pub fn apply_edit(state: &mut AppState, edit: crate::view::edit::Edit) -> Vec<Effect> {
    let label = edit.label.clone();
    structural(state, label, Change::Edit(edit))
}

/// An insert whose components raise `raised`: the actions the view does not list join its
/// Actions in the same step (a pattern's buttons raise what the flow will branch on), and
/// the notice says which.
fn insert_raising(
    state: &mut AppState,
    edit: crate::view::edit::Edit,
    raised: Vec<String>,
) -> Vec<Effect> {
    let mut meta = state.doc.meta.clone();
    let added: Vec<String> = raised
        .into_iter()
        .filter(|a| !meta.actions.contains(a))
        .collect();
    if added.is_empty() {
        return apply_edit(state, edit);
    }
    meta.actions.extend(added.iter().cloned());
    let label = format!("{}, adding {} to Actions", edit.label, added.join(", "));
    structural(
        state,
        label,
        Change::Together(vec![Change::Edit(edit), Change::Meta(meta)]),
    )
}

/// A structural change (one with a text edit) through the door: what it did, the key that
/// takes it back, and the outline's tree at once.
fn structural(state: &mut AppState, label: String, change: Change) -> Vec<Effect> {
    let effects = applied(state, change);
    if effects.is_empty() {
        return effects;
    }
    let undo = key_name(&state.keymap, Pane::Editor.context(), Command::Undo);
    notice(
        state,
        format!("{label} ({undo} takes it back)"),
        Severity::Note,
    );
    sync_tree(state);
    effects
}

/// The quick fix of a diagnostic of the template, if there is one for sure: needs the
/// diagnostics of the text as it is (their ranges point into it).
pub fn fix_for(
    state: &crate::tui::cx::Cx,
    d: &crate::view::Diagnostic,
) -> Result<crate::view::fix::QuickFix, String> {
    if !state.validation_current() {
        return Err("the diagnostics are being checked again: try again in a moment".into());
    }
    let tree = state
        .validation
        .tree
        .as_deref()
        .filter(|_| state.validation.tree_revision == Some(state.doc.changes));
    crate::view::fix::quick_fix(
        d,
        &state.doc.template_editor().text(),
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
            let mut meta = state.doc.meta.clone();
            if !meta.actions.contains(&name) {
                meta.actions.push(name);
            }
            notice(state, fix.label, Severity::Note);
            applied(state, Change::Meta(meta))
        }
        Fix::RemoveAction(name) => {
            let mut meta = state.doc.meta.clone();
            meta.actions.retain(|a| *a != name);
            notice(state, fix.label, Severity::Note);
            applied(state, Change::Meta(meta))
        }
    }
}

/// The tree of the text as it is now, made at once (2.5 ms on 400 kB) after a change that is
/// not typing (a tree operation, an undo), so the next tree operation need not wait for the
/// analysis' debounce.
fn sync_tree(state: &mut AppState) {
    if state.doc.tab != Tab::Template {
        return;
    }
    if let Some(tree) = crate::view::tree::Tree::parse(&state.doc.editor.text()) {
        state.validation.tree = Some(std::sync::Arc::new(tree));
        state.validation.tree_revision = Some(state.doc.changes);
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
                let mut meta = state.doc.meta.clone();
                meta.actions = actions;
                effects.extend(applied(state, Change::Meta(meta)));
            }
            Msg::Reveal { tab, row, column } => {
                if state.doc.tab != tab {
                    state.doc.switch_tab();
                }
                state.doc.editor.move_to(row, column);
                state.focus = Pane::Editor;
            }
            Msg::RevealOffset(offset) => {
                if state.doc.tab != Tab::Template {
                    state.doc.switch_tab();
                }
                state.doc.editor.move_to_offset(offset);
                state.focus = Pane::Editor;
            }
            Msg::MoveCursor(offset) => {
                if state.doc.tab != Tab::Template {
                    state.doc.switch_tab();
                }
                state.doc.editor.move_to_offset(offset);
            }
            Msg::Edit(edit) => effects.extend(apply_edit(state, edit)),
            Msg::Insert(edit, raised) => effects.extend(insert_raising(state, edit, raised)),
            Msg::Fix(fix) => effects.extend(apply_fix(state, fix)),
            Msg::Open(popup) => state.popups.open(popup),
            Msg::Notice(text, severity) => notice(state, text, severity),
            Msg::Effect(effect) => effects.push(effect),
            // The popup that asked is not put back (see `popup_key`).
            Msg::Close => {}
            Msg::SetMeta {
                name,
                description,
                tags,
            } => {
                let mut meta = state.doc.meta.clone();
                meta.name = name;
                meta.description = description;
                meta.tags = tags;
                effects.extend(applied(state, Change::Meta(meta)));
            }
            Msg::SaveOver(path) => effects.extend(save_to(state, Some(path), None)),
            Msg::SaveAndQuit => effects.extend(save_and_quit(state)),
            Msg::NoQuitAfterSave => state.quit_after_save = false,
            Msg::Quit => state.quit = true,
            Msg::Recover(draft) => effects.extend(recover(state, &draft)),
            Msg::DiscardDraft => {
                notice(
                    state,
                    "discarded the unsaved changes from the earlier session",
                    Severity::Warning,
                );
                effects.extend(discard_journal(state));
            }
            Msg::Submit {
                anyway,
                overwrite,
                breaking,
            } => effects.extend(submit(state, (anyway, overwrite, breaking), false)),
            Msg::ToggleLevel => {
                state.level = state.level.toggled();
                effects.push(revalidate(state));
                // Who a submission reaches depends on the status: judge them again.
                if let Some(d) = state.popups.submit_mut()
                    && matches!(d.consumers, ConsumersState::Known(Some(_)))
                {
                    d.consumers = ConsumersState::Checking;
                    effects.push(submit::fetch_consumers(state));
                }
            }
            Msg::Focus(pane) => state.focus = pane,
            Msg::RefreshConsumers if !state.panes.used_by.in_flight => {
                effects.push(submit::consumers_for_pane(state, true))
            }
            Msg::RefreshConsumers => {}
            Msg::PreviewPage(spec) => effects.extend(preview_page(state, spec)),
            Msg::Compare { what, label } => {
                effects.extend(popups::compare_with(state, what, label))
            }
            answer => effects.extend(popups::answered(state, answer)),
        }
    }
    effects
}

/// The preview draws with a workspace page's InputData (read first), or with the sample data
/// again (`spec` empty).
fn preview_page(state: &mut AppState, spec: String) -> Vec<Effect> {
    if !spec.is_empty() {
        return vec![Effect::FetchPage { spec }];
    }
    state.doc.page_data = None;
    notice(
        state,
        "the preview draws with the sample data again",
        Severity::Note,
    );
    Vec::new()
}

fn paste(state: &mut AppState, text: &str) -> Vec<Effect> {
    match state.popups.top_mut() {
        Some(dialog) => {
            dialog.paste(text);
            Vec::new()
        }
        None if state.focus == Pane::Editor => {
            if state.doc.tab == Tab::Template && refuse_read_only(state) {
                return Vec::new();
            }
            if data_editable(state) && state.doc.editor.insert(text) {
                changed(state)
            } else {
                Vec::new()
            }
        }
        None => Vec::new(),
    }
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
    state.popups.open(Popup::Prompt(prompt));
}

/// The key `command` has in `context`, as shown in messages.
pub fn key_name(keymap: &crate::tui::keymap::Keymap, context: Context, command: Command) -> String {
    keymap
        .key_in(context, command)
        .map(|k| k.to_string())
        .unwrap_or_else(|| format!("(unbound: {})", command.name()))
}

/// Whether a command would do something now: footers and popups leave out the rest.
/// `risk`: a submission now would overwrite something unseen (see `overwrite_risk`).
pub fn available(cx: &crate::tui::cx::Cx, risk: bool, command: Command) -> bool {
    match command {
        Command::CreateVersion => cx
            .session
            .last
            .as_ref()
            .is_some_and(|s| s.view.is_published()),
        Command::CopyChecksum => cx.session.last.is_some(),
        Command::SubmitNow => !risk,
        Command::Overwrite => risk,
        Command::SubmitBreaking => cx.submit_breaks,
        Command::SubmitAnyway => cx.validation_current() && cx.errors() > 0,
        _ => true,
    }
}

/// The keys a popup takes, from the command table, as its key line shows them.
pub fn popup_commands(cx: &crate::tui::cx::Cx, risk: bool, context: Context) -> Vec<Command> {
    let mut out: Vec<Command> = Command::in_footer(context)
        .into_iter()
        .filter(|c| c.footer_in(context) > 0 && available(cx, risk, *c))
        .collect();
    if context.fallback() == Some(Context::Popup) {
        out.push(Command::Cancel);
    }
    out
}
