//! The dialogs' keys: each dialog takes the commands of its context (see the command
//! table); prompts and the metadata dialog type the rest.

use super::submit::submit;
use super::*;

/// The dialog on top takes every key: it is taken out of the state, handles the key with
/// the rest of the app readable, goes back unless it closed, and what it asked for is done.
pub(super) fn dialog_key(state: &mut AppState, key: KeyEvent) -> Vec<Effect> {
    let Some(mut dialog) = state.dialog.take() else {
        return Vec::new();
    };
    let command = state.keymap.lookup(dialog.context(), &key);
    let mut out = Vec::new();
    dialog.handle(command, &key, state, &mut out);
    if !out.iter().any(|m| matches!(m, Msg::Close)) {
        state.dialog = Some(dialog);
    }
    apply(state, out)
}

/// Renames the listed action `i` and every prop that raises it, as one undo step: the
/// template's edit carries the list's change with it.
fn rename_action(state: &mut AppState, i: usize, new: String) -> Vec<Effect> {
    let before = state.meta.clone();
    let old = std::mem::replace(&mut state.meta.actions[i], new.clone());
    let tree = crate::tui::outline::current_tree(state);
    let edit = tree.as_ref().ok().and_then(|tree| {
        crate::view::edit::rename_action(
            &state.template_editor().text(),
            tree,
            crate::view::Catalog::builtin(),
            &old,
            &new,
        )
    });
    match (edit, tree) {
        (Some(edit), _) => {
            let effects = apply_edit(state, edit);
            state.link_meta(before);
            effects
        }
        (None, Ok(_)) => {
            notice(
                state,
                format!("renamed the action {old} to {new} (no component raises it)"),
                Severity::Note,
            );
            changed(state)
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
            changed(state)
        }
    }
}

/// Submits after the protected environment's name was typed: `submit` reads the submit
/// dialog's look-up, so the dialog is put back for it (its look-up was kept).
fn reopen_and_submit(state: &mut AppState, anyway: bool, overwrite: bool) -> Vec<Effect> {
    match state.confirm_dialog.take() {
        Some(d) => {
            state.dialog = Some(Dialog::Submit(d));
            submit(state, anyway, overwrite)
        }
        None => Vec::new(),
    }
}

/// "Save and quit": save, and quit once the save succeeds (a never-saved view asks for a
/// name first; the quit follows that save).
pub(super) fn save_and_quit(state: &mut AppState) -> Vec<Effect> {
    let effects = save(state, None);
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

/// Takes a journaled draft back into the buffer.
pub(super) fn recover(state: &mut AppState, draft: &crate::tui::journal::Draft) {
    // One undo step: Ctrl-Z after recovering shows what was opened.
    state.template_editor_mut().replace_all(&draft.template);
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

/// What deleting a view takes typed: its name, and in a protected environment the
/// environment's name before it (`prod/Order actions`).
pub fn delete_confirmation(state: &AppState, name: &str) -> String {
    match (&state.env, state.protected) {
        (Some(env), true) => format!("{env}/{name}"),
        _ => name.to_string(),
    }
}

/// Asks for what the diff pane compares the buffer with.
pub(super) fn compare_with(state: &mut AppState, what: String, label: String) -> Vec<Effect> {
    state.compare.close();
    state.compare.pending = Some(label.clone());
    vec![Effect::FetchCompare {
        what,
        label,
        name: state.meta.name.clone(),
        view_id: state.base.latest().map(|b| b.view_id.clone()),
    }]
}

pub(super) fn prompt_done(state: &mut AppState, mut p: Prompt) -> Vec<Effect> {
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
        PromptKind::RenameComponent | PromptKind::RenameField => {
            let renamed = crate::tui::outline::current_tree(state).and_then(|tree| {
                let node = crate::tui::outline::selected(state, &tree, &state.outline.collapsed)
                    .ok_or_else(|| "no component is selected".to_string())?;
                let text = state.template_editor().text();
                if p.kind == PromptKind::RenameField {
                    crate::view::edit::rename_field(&text, &tree, node, &input)
                } else {
                    crate::view::edit::rename_id(&text, &tree, node, &input)
                }
            });
            match renamed {
                Ok(edit) => {
                    state.dialog = None;
                    return apply_edit(state, edit);
                }
                Err(e) => Err(e),
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
                        state.dialog = None;
                        return rename_action(state, i, input);
                    }
                    _ => {
                        state.meta.actions.push(input);
                        state.actions.selected = state.meta.actions.len() - 1;
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
                // The analysis' schema (or tree) when it is the text's; else the text
                // parsed now.
                let v = &state.validation;
                let current = v.tree_revision == Some(state.changes);
                let of_tree = |tree: &crate::view::tree::Tree| {
                    std::sync::Arc::new(crate::view::data::DataSchema::of_tree(
                        tree,
                        crate::view::Catalog::builtin(),
                    ))
                };
                let schema = match (&v.schema, &v.tree) {
                    (Some(schema), _) if current => Ok(schema.clone()),
                    (_, Some(tree)) if current => Ok(of_tree(tree)),
                    _ => crate::view::tree::Tree::parse(&state.template_editor().text())
                        .map(|tree| of_tree(&tree))
                        .ok_or("it is not JSON"),
                };
                match schema {
                    Err(e) => Err(format!(
                        "the template does not parse yet ({e}): fix it first"
                    )),
                    Ok(schema) => {
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
        PromptKind::InspectorValue
        | PromptKind::InspectorCondition
        | PromptKind::InspectorReference => {
            let written = crate::tui::outline::current_tree(state).and_then(|tree| {
                let target = state
                    .inspector
                    .pending
                    .clone()
                    .ok_or_else(|| "the inspector lost what it was editing".to_string())?;
                let node = tree
                    .by_id(&target.id)
                    .ok_or_else(|| format!("no component has the _id {} any more", target.id))?;
                let json =
                    crate::tui::inspector::value_of(target.as_, &input, &tree.field_names())?;
                let text = state.template_editor().text();
                match target.item {
                    Some(i) => {
                        crate::view::edit::list_set(&text, &tree, node, &target.prop, i, &json)
                    }
                    None => crate::view::edit::set_prop(&text, &tree, node, &target.prop, &json),
                }
            });
            match written {
                Ok(edit) => {
                    state.dialog = None;
                    state.inspector.pending = None;
                    return apply_edit(state, edit);
                }
                Err(e) => Err(e),
            }
        }
        PromptKind::ConfirmProtected => {
            let env = state.env.clone().unwrap_or_default();
            if input != env {
                Err(format!("that is not \"{env}\": nothing was written"))
            } else {
                state.write_confirmed = true;
                if let Some(description) = state.awaiting_version.take() {
                    state.dialog = None;
                    return create_version(state, description);
                }
                let Some((anyway, overwrite)) = state.awaiting_confirmation.take() else {
                    return Vec::new();
                };
                // The submit dialog comes back for the submission to read its state.
                state.dialog = None;
                return reopen_and_submit(state, anyway, overwrite);
            }
        }
        PromptKind::VersionDescription => {
            state.dialog = None;
            let d = (!input.is_empty()).then(|| input.clone());
            return create_version(state, d);
        }
        PromptKind::RenameDataSet => {
            let Some(old) = state.data_set.clone() else {
                return Vec::new();
            };
            if input.is_empty() {
                Err("give the set a name".into())
            } else if input != old && state.data_sets().contains(&input) {
                Err(format!("a set named `{input}` exists already"))
            } else {
                state.rename_data_set(&old, &input);
                state.dialog = None;
                notice(
                    state,
                    format!("renamed the sample data set `{old}` to `{input}`"),
                    Severity::Note,
                );
                return changed(state);
            }
        }
        PromptKind::DeleteDataSet => {
            let Some(set) = state.data_set.clone() else {
                return Vec::new();
            };
            state.delete_data_set(&set);
            state.dialog = None;
            notice(
                state,
                format!("deleted the sample data set `{set}` (it leaves the file when saved)"),
                Severity::Warning,
            );
            return changed(state);
        }
        PromptKind::DiscardAndOpen => {
            state.dialog = None;
            let Some(request) = state.browser.pending_open.take() else {
                return Vec::new();
            };
            notice(
                state,
                format!(
                    "discarded the unsaved changes; opening {}…",
                    request.label()
                ),
                Severity::Warning,
            );
            let mut effects = discard_journal(state);
            effects.push(Effect::OpenView { request });
            return effects;
        }
        PromptKind::DeleteView => match state.browser.pending_delete.clone() {
            None => Ok(Vec::new()),
            Some(view) if input != delete_confirmation(state, &view.name) => Err(format!(
                "that is not \"{}\": nothing was deleted",
                delete_confirmation(state, &view.name)
            )),
            Some(view) => {
                state.browser.pending_delete = None;
                notice(
                    state,
                    format!("deleting \"{}\"…", view.name),
                    Severity::Warning,
                );
                Ok(vec![Effect::DeleteView {
                    id: view.id,
                    name: view.name,
                }])
            }
        },
        PromptKind::CompareWith => {
            state.dialog = None;
            if input.is_empty() {
                state.compare.close();
                return Vec::new();
            }
            return compare_with(state, input.clone(), input);
        }
        PromptKind::PromoteTo => match state.browser.pending_promote.take() {
            _ if input.is_empty() => Err("name the environment".into()),
            None => Ok(Vec::new()),
            Some(view) => {
                state.dialog = Some(Dialog::Promote(crate::tui::state::PromoteDialog {
                    view: view.name.clone(),
                    to: input.clone(),
                    plans: None,
                    protected: false,
                    input: String::new(),
                    message: None,
                    applying: false,
                    done: false,
                }));
                return vec![Effect::PlanPromotion {
                    view: view.id,
                    to: input,
                }];
            }
        },
        PromptKind::SaveAsNewView => match crate::view::validate::name_problem(&input) {
            Some(problem) => Err(problem),
            None => {
                state.dialog = None;
                let was = std::mem::replace(&mut state.meta.name, input.clone());
                state.read_only = None;
                state.base = Default::default();
                notice(
                    state,
                    format!(
                        "the buffer is now the new view \"{input}\" (copied from \"{was}\"): submit to create it"
                    ),
                    Severity::Note,
                );
                let mut effects = changed(state);
                effects.extend(open_submit(state));
                return effects;
            }
        },
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
