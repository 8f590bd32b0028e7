//! The dialogs' keys: each dialog takes the commands of its context (see the command
//! table); prompts and the metadata dialog type the rest.

use super::submit::{save_to, set_submit_message, submit};
use super::*;

pub(super) fn check_metadata(m: &mut MetadataDialog) {
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

pub(super) fn dialog_key(state: &mut AppState, key: KeyEvent) -> Vec<Effect> {
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
pub(super) fn recover(state: &mut AppState, draft: &Draft) {
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
                // The analysis' schema when it is the text's; else the text parsed now.
                let schema = match (&state.validation.schema, state.validation.tree_revision) {
                    (Some(schema), Some(r)) if r == state.changes => Ok(schema.clone()),
                    _ => crate::view::tree::Tree::parse(&state.template_editor().text())
                        .map(|tree| {
                            std::sync::Arc::new(crate::view::data::DataSchema::of_tree(
                                &tree,
                                crate::view::Catalog::builtin(),
                            ))
                        })
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
