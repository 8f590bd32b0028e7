//! The popups' keys: each popup takes the commands of its context (see the command
//! table); prompts and the metadata popup type the rest.

use super::submit::submit;
use super::*;

/// The popup on top takes every key: it is taken out of the state, handles the key with
/// the rest of the app readable, goes back unless it closed, and what it asked for is done.
pub(super) fn popup_key(state: &mut AppState, key: KeyEvent) -> Vec<Effect> {
    let Some(mut popup) = state.popups.take_top() else {
        return Vec::new();
    };
    let command = state.keymap.lookup(popup.context(), &key);
    let mut out = Vec::new();
    popup.handle(command, &key, &state.cx(), &mut out);
    if !out.iter().any(|m| matches!(m, Msg::Close)) {
        state.popups.open(popup);
    }
    apply(state, out)
}

/// Renames the listed action `i` and every prop that raises it, as one undo step: the
/// template's edit carries the list's change with it.
fn rename_action(state: &mut AppState, i: usize, new: String) -> Vec<Effect> {
    let mut meta = state.doc.meta.clone();
    let old = std::mem::replace(&mut meta.actions[i], new.clone());
    let tree = crate::tui::panes::outline::current_tree(&state.cx());
    let edit = tree.as_ref().ok().and_then(|tree| {
        crate::view::edit::rename_action(
            &state.doc.template_editor().text(),
            tree,
            crate::view::Catalog::builtin(),
            &old,
            &new,
        )
    });
    match (edit, tree) {
        (Some(edit), _) => {
            let label = edit.label.clone();
            let together = Change::Together(vec![Change::Edit(edit), Change::Meta(meta)]);
            structural(state, label, together)
        }
        (None, Ok(_)) => {
            notice(
                state,
                format!("renamed the action {old} to {new} (no component raises it)"),
                Severity::Note,
            );
            applied(state, Change::Meta(meta))
        }
        (None, Err(why)) => {
            notice(
                state,
                format!(
                    "renamed the action {old} to {new} in the list only: {why}, so the props \
                     raising it still say {old}"
                ),
                Severity::Warning,
            );
            applied(state, Change::Meta(meta))
        }
    }
}

/// "Save and quit": save, and quit once the save succeeds (a never-saved view asks for a
/// name first; the quit follows that save).
pub(super) fn save_and_quit(state: &mut AppState) -> Vec<Effect> {
    let effects = save(state, None);
    // Without a file, save asks for its name (the only prompt it opens).
    let asking = matches!(state.popups.top(), Some(Popup::Prompt(_)));
    if !effects.is_empty() || asking {
        state.quit_after_save = true;
    }
    effects
}

/// Takes a journaled draft back into the buffer.
pub(super) fn recover(state: &mut AppState, draft: &crate::tui::journal::Draft) -> Vec<Effect> {
    // One step: Ctrl-Z after recovering shows what was opened.
    let mut changes = vec![
        Change::Replace(draft.template.clone()),
        Change::Meta(draft.meta()),
    ];
    changes.extend(draft.sample_data.clone().map(Change::Samples));
    state.doc.apply(Change::Together(changes));
    if let Some((set, text)) = &draft.data_text {
        // The set was mid-edit and not valid JSON: its text comes back as typed.
        state.doc.show_data_set(Some(set.clone()));
        state.doc.data_editor_mut().set_text(text);
        state.doc.data_unparsed = true;
    }
    notice(
        state,
        "recovered the unsaved changes (not saved yet: Ctrl-S)",
        Severity::Warning,
    );
    follow_up(state)
}

/// What deleting a view takes typed: its name, and in a protected environment the
/// environment's name before it (`prod/Order actions`).
pub fn delete_confirmation(session: &crate::tui::state::Session, name: &str) -> String {
    match (&session.env, session.protected) {
        (Some(env), true) => format!("{env}/{name}"),
        _ => name.to_string(),
    }
}

/// Asks for what the diff pane compares the buffer with.
pub(super) fn compare_with(state: &mut AppState, what: String, label: String) -> Vec<Effect> {
    state.panes.diff.close();
    state.panes.diff.pending = Some(label.clone());
    vec![Effect::FetchCompare {
        what,
        label,
        name: state.doc.meta.name.clone(),
        view_id: state.session.base.latest().map(|b| b.view_id.clone()),
        buffer: state
            .validation
            .tree
            .clone()
            .zip(state.validation.tree_revision)
            .map(|(tree, revision)| (tree, revision, state.doc.meta.actions.clone())),
    }]
}

/// Does what a popup's answer asked for (the messages `apply` leaves to popups).
pub(super) fn answered(state: &mut AppState, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::Search(None) => {
            state.doc.editor.clear_search();
            state.last_search = None;
        }
        Msg::Search(Some(pattern)) => {
            search(state, &pattern, false);
            state.last_search = Some(pattern);
        }
        Msg::AddAction(name) => {
            let mut meta = state.doc.meta.clone();
            meta.actions.push(name);
            state.panes.actions.selected = meta.actions.len() - 1;
            return applied(state, Change::Meta(meta));
        }
        Msg::RenameAction(i, name) => return rename_action(state, i, name),
        Msg::NewDataSet { name, data, inputs } => return new_data_set(state, name, data, inputs),
        Msg::RenameDataSet { old, new } => {
            let text = format!("renamed the sample data set `{old}` to `{new}`");
            notice(state, text, Severity::Note);
            return applied(state, Change::RenameSet { old, new });
        }
        Msg::DeleteDataSet(set) => {
            let text =
                format!("deleted the sample data set `{set}` (it leaves the file when saved)");
            notice(state, text, Severity::Warning);
            return applied(state, Change::DeleteSet(set));
        }
        Msg::CreateVersion {
            description,
            confirmed,
        } => return create_version(state, description, confirmed),
        Msg::Confirmed(Guarded::Version(description)) => {
            return create_version(state, description, true);
        }
        Msg::Confirmed(Guarded::Submit {
            anyway,
            overwrite,
            breaking,
        }) => {
            // The prompt closed over the submit popup, whose look-up the submission reads.
            return submit(state, (anyway, overwrite, breaking), true);
        }
        Msg::DiscardAndOpen(request) => {
            let text = format!(
                "discarded the unsaved changes; opening {}…",
                request.label()
            );
            notice(state, text, Severity::Warning);
            let mut effects = discard_journal(state);
            effects.push(Effect::OpenView { request });
            return effects;
        }
        Msg::SaveAsNewView(name) => return save_as_new_view(state, name),
        Msg::SaveAs(path) => {
            state.doc.path = Some(path.clone());
            return save(state, Some(path));
        }
        Msg::StopComparing => state.panes.diff.close(),
        _ => {}
    }
    Vec::new()
}

/// A sample data set made from the view's inputs becomes the one shown, in the data tab.
fn new_data_set(
    state: &mut AppState,
    name: String,
    data: serde_json::Value,
    inputs: usize,
) -> Vec<Effect> {
    let effects = applied(
        state,
        Change::NewSet {
            name: name.clone(),
            data,
        },
    );
    if state.doc.tab != Tab::Data {
        state.doc.switch_tab();
    }
    state.focus = Pane::Editor;
    let inputs = match inputs {
        1 => "input".to_string(),
        n => format!("{n} inputs"),
    };
    notice(
        state,
        format!(
            "sample data set `{name}` made from the view's {inputs}; it is saved in the view file and never sent"
        ),
        Severity::Warning,
    );
    effects
}

/// The buffer becomes a new view of the user's own (from an AWS-managed one, say): no base,
/// writable, and the submit popup follows.
fn save_as_new_view(state: &mut AppState, name: String) -> Vec<Effect> {
    let was = std::mem::replace(&mut state.doc.meta.name, name.clone());
    state.read_only = None;
    state.session.base = Default::default();
    notice(
        state,
        format!(
            "the buffer is now the new view \"{name}\" (copied from \"{was}\"): submit to create it"
        ),
        Severity::Note,
    );
    let mut effects = changed(state);
    effects.extend(open_submit(state));
    effects
}
