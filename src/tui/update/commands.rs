//! The designer's own commands, one function each: `run` only routes to them.

use super::*;

/// Runs a command from the keymap.
pub fn run(state: &mut AppState, command: Command) -> Vec<Effect> {
    use Command::*;
    match command {
        Help => state.popups.open(Popup::Help { scroll: 0 }),
        NextPane | PrevPane => return next_pane(state, command),
        TogglePreview => return toggle_preview(state),
        NextDiagnostic | PrevDiagnostic => jump_diagnostic(state, command == NextDiagnostic),
        Compare => return compare_command(state),
        ToggleUsedBy => return toggle_used_by(state),
        NextChange | PrevChange => return jump_change(state, command == NextChange),
        ToggleBrowser => return toggle_browser(state),
        SaveAsNewView => return save_as_new_view_prompt(state),
        Save => return save(state, None),
        Submit => return open_submit(state),
        CreateVersion => return version_command(state),
        Reformat => return reformat(state),
        SaveAs => return save_as_prompt(state),
        RenameDataSet | DeleteDataSet => match state.doc.data_set.clone() {
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
        ExternalEditor => return external_editor(state),
        ToggleLevel => {
            state.level = state.level.toggled();
            return vec![revalidate(state)];
        }
        EditMetadata => return edit_metadata(state),
        Quit => return quit_command(state),
        Redraw => return vec![Effect::Redraw],
        Cancel => return cancel_command(state),
        SwitchTab => return switch_tab(state),
        NextDataSet => return next_data_set(state),
        NewDataSet => return new_data_set_prompt(state),
        Undo | Redo => return undo_command(state, command),
        Search => open_prompt(
            state,
            asks::search(state.last_search.clone().unwrap_or_default()),
        ),
        SearchNext | SearchPrev => match state.last_search.clone() {
            Some(p) => search(state, &p, command == SearchPrev),
            None => open_prompt(state, asks::search(String::new())),
        },
        GotoLine => open_prompt(state, asks::goto_line()),
        Copy | Cut => return copy_command(state, command),
        Paste if data_editable(state) && state.doc.editor.paste() => return changed(state),
        SelectAll => state.doc.editor.select_all(),
        Complete => {
            state.completion = completion_at(state);
            if state.completion.is_none() {
                notice(state, "nothing to complete here", Severity::Warning);
            }
        }
        QuickFix => return quick_fix(state),
        Palette => state.popups.open(Popup::Palette(Default::default())),
        ToggleOutline => return toggle_outline(state),
        ConnectToFlow => return connect_to_flow(state),
        PageSettings => page_settings(state),
        // The panes' and the popups' own commands: their components run them (see
        // `tui::component` and `tui::popups`); outside them they do nothing.
        _ => {}
    }
    Vec::new()
}

/// F8 / Shift-F8: the next (or previous) diagnostic with a place, through the template's
/// and then the sample data's, switching tabs when the next one is in the other.
pub(super) fn jump_diagnostic(state: &mut AppState, forward: bool) {
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
    let (row, col) = state.doc.editor.cursor();
    let here = (u8::from(state.doc.tab == Tab::Data), row, col);
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
        if state.doc.tab != tab {
            state.doc.switch_tab();
        }
        state.doc.editor.move_to(r, c);
        state.panes.status.selected = i;
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

/// The editor's cursor to the next (or previous) component that differs from what the
/// diff pane compares with.
pub(super) fn jump_change(state: &mut AppState, forward: bool) -> Vec<Effect> {
    let key = state.keymap.key_for(Command::Compare);
    let Some(tree) = state.validation.tree.clone() else {
        return Vec::new();
    };
    if state.panes.diff.diff.is_none() {
        notice(
            state,
            format!("nothing is compared: {key} compares the buffer with another copy"),
            Severity::Warning,
        );
        return Vec::new();
    }
    let places = state.panes.diff.places(&tree);
    let at = crate::tui::panes::outline::cursor_offset(&state.cx()).unwrap_or(0);
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
            state.panes.diff.selected = i;
            if state.doc.tab != Tab::Template {
                state.doc.switch_tab();
            }
            state.doc.editor.move_to_offset(offset);
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

pub(super) fn search(state: &mut AppState, pattern: &str, backward: bool) {
    match state.doc.editor.search(pattern, backward) {
        Ok(true) => state.notice = None,
        Ok(false) => notice(state, format!("\"{pattern}\" not found"), Severity::Warning),
        Err(e) => notice(state, e, Severity::Error),
    }
}

/// Shows the next sample data set (and the data tab).
pub(super) fn next_data_set(state: &mut AppState) -> Vec<Effect> {
    let sets = state.doc.data_sets();
    if sets.is_empty() {
        let key = state.keymap.key_for(Command::NewDataSet);
        notice(
            state,
            format!("no sample data sets: {key} creates one from the view's inputs"),
            Severity::Warning,
        );
        return Vec::new();
    }
    if state.doc.data_unparsed {
        notice(
            state,
            "the set shown is not valid JSON: fix it before switching (nothing is lost)",
            Severity::Error,
        );
        return Vec::new();
    }
    let next = match state
        .doc
        .data_set
        .as_ref()
        .and_then(|s| sets.iter().position(|n| n == s))
    {
        Some(i) => sets[(i + 1) % sets.len()].clone(),
        None => sets[0].clone(),
    };
    state.doc.show_data_set(Some(next.clone()));
    if state.doc.tab != Tab::Data {
        state.doc.switch_tab();
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

pub(super) fn next_pane(state: &mut AppState, command: Command) -> Vec<Effect> {
    use Command::*;
    let order = state.panes();
    let n = order.len();
    let i = order.iter().position(|p| *p == state.focus).unwrap_or(0);
    let step = if command == NextPane { 1 } else { n - 1 };
    state.focus = order[(i + step) % n];
    Vec::new()
}

pub(super) fn toggle_preview(state: &mut AppState) -> Vec<Effect> {
    let shown = state.panes.preview.visible(state.screen_width);
    state.panes.preview.shown = Some(!shown);
    if !shown && state.screen_width < crate::tui::panes::preview::WIDE {
        // Below the wide layout the side column holds one of the two.
        state.panes.outline.shown = false;
    }
    if shown {
        if state.focus == Pane::Preview {
            state.focus = Pane::Editor;
        }
    } else if !state.panes().contains(&state.focus) {
        state.focus = Pane::Preview;
    }
    Vec::new()
}

pub(super) fn compare_command(state: &mut AppState) -> Vec<Effect> {
    let input = state
        .panes
        .diff
        .other
        .as_ref()
        .map(|o| o.label.clone())
        .unwrap_or_else(|| "$LATEST".into());
    open_prompt(state, asks::compare_with(input));
    Vec::new()
}

pub(super) fn toggle_browser(state: &mut AppState) -> Vec<Effect> {
    state.panes.browser.shown = !state.panes.browser.shown;
    state.completion = None;
    if state.panes.browser.shown {
        state.focus = Pane::Browser;
        // Listed afresh each time it opens (the last list shows until the first
        // page comes): views made or deleted meanwhile, here or elsewhere, show.
        return vec![state.panes.browser.relist(false)];
    } else {
        state.focus = Pane::Editor;
    }
    Vec::new()
}

pub(super) fn save_as_new_view_prompt(state: &mut AppState) -> Vec<Effect> {
    let name = match &state.read_only {
        Some(_) => format!("Copy of {}", state.doc.meta.name),
        None => state.doc.meta.name.clone(),
    };
    open_prompt(state, asks::save_as_new_view(name));
    Vec::new()
}

pub(super) fn version_command(state: &mut AppState) -> Vec<Effect> {
    // Ask for a description when a version can be made; else say why not.
    if state.session.flight == Flight::Idle
        && state
            .session
            .last
            .as_ref()
            .is_some_and(|s| s.view.is_published())
    {
        open_prompt(state, asks::version_description());
    } else {
        return create_version(state, None, false);
    }
    Vec::new()
}

pub(super) fn reformat(state: &mut AppState) -> Vec<Effect> {
    if state.doc.tab != Tab::Template {
        notice(
            state,
            "reformat works on the template (F4 switches)",
            Severity::Warning,
        );
        return Vec::new();
    }
    let text = state.doc.editor.text();
    match crate::view::Template::parse(&text) {
        Ok(t) => {
            let pretty = t.to_pretty();
            if pretty == text {
                notice(state, "the template is formatted already", Severity::Note);
            } else {
                let undo = key_name(&state.keymap, Pane::Editor.context(), Command::Undo);
                notice(
                    state,
                    format!("reformatted the template ({undo} takes it back)"),
                    Severity::Note,
                );
                return applied(state, Change::Replace(pretty));
            }
        }
        Err(e) => notice(
            state,
            format!("the template does not parse, so it cannot be reformatted: {e}"),
            Severity::Warning,
        ),
    }
    Vec::new()
}

pub(super) fn save_as_prompt(state: &mut AppState) -> Vec<Effect> {
    let current = state
        .doc
        .path
        .as_ref()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| crate::view::document::file_name_for(&state.doc.meta.name));
    open_prompt(state, asks::save_as(current));
    Vec::new()
}

pub(super) fn external_editor(state: &mut AppState) -> Vec<Effect> {
    if state.doc.tab != Tab::Template {
        state.doc.switch_tab();
    }
    let command = state.external_editor.clone().unwrap_or_else(|| {
        std::env::var("VISUAL")
            .or_else(|_| std::env::var("EDITOR"))
            .unwrap_or_else(|_| "vi".into())
    });
    vec![Effect::ExternalEdit {
        text: state.doc.editor.text(),
        command,
        revision: state.doc.changes,
    }]
}

pub(super) fn edit_metadata(state: &mut AppState) -> Vec<Effect> {
    let tags = state
        .doc
        .meta
        .tags
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(", ");
    let mut m = MetadataPopup {
        fields: [
            state.doc.meta.name.clone(),
            state.doc.meta.description.clone().unwrap_or_default(),
            tags,
        ],
        cursors: [None; 3],
        focus: 0,
        problems: Vec::new(),
    };
    check_metadata(&mut m);
    state.popups.open(Popup::Metadata(m));
    Vec::new()
}

pub(super) fn quit_command(state: &mut AppState) -> Vec<Effect> {
    if state.doc.dirty() {
        state.popups.open(Popup::ConfirmQuit);
    } else {
        state.quit = true;
    }
    Vec::new()
}

pub(super) fn cancel_command(state: &mut AppState) -> Vec<Effect> {
    if state.session.flight == Flight::Submitting {
        state.session.flight = Flight::Idle;
        notice(
            state,
            "submission cancelled; if the service had already received it, Ctrl-P again finds and updates \
             the view (the client token prevents a second one)",
            Severity::Warning,
        );
        return vec![Effect::CancelSubmit];
    }
    state.notice = None;
    Vec::new()
}

pub(super) fn switch_tab(state: &mut AppState) -> Vec<Effect> {
    state.doc.switch_tab();
    state.focus = Pane::Editor;
    if state.doc.tab == Tab::Data && state.doc.data_set.is_none() {
        data_editable(state);
    }
    Vec::new()
}

pub(super) fn new_data_set_prompt(state: &mut AppState) -> Vec<Effect> {
    let taken = state.doc.data_sets();
    let name = std::iter::once("default".to_string())
        .chain((2..).map(|n| format!("set{n}")))
        .find(|n| !taken.contains(n))
        .unwrap_or_default();
    open_prompt(state, asks::new_data_set(name));
    Vec::new()
}

/// Undo and redo walk the document's one history (see `Document::undo`).
pub(super) fn undo_command(state: &mut AppState, command: Command) -> Vec<Effect> {
    let back = command == Command::Undo;
    if !state.doc.undo(back) {
        let what = if back { "undo" } else { "redo" };
        notice(state, format!("nothing to {what}"), Severity::Note);
        return Vec::new();
    }
    let effects = follow_up(state);
    if state.panes.outline.shown {
        sync_tree(state);
    }
    effects
}

pub(super) fn copy_command(state: &mut AppState, command: Command) -> Vec<Effect> {
    use Command::*;
    let Some(text) = state.doc.editor.selection() else {
        notice(
            state,
            "nothing is selected (Shift-arrows select)",
            Severity::Warning,
        );
        return Vec::new();
    };
    let mut effects = vec![Effect::Copy(text)];
    if command == Cut && state.doc.editor.cut() {
        effects.extend(changed(state));
    } else {
        state.doc.editor.copy();
    }
    effects
}

pub(super) fn quick_fix(state: &mut AppState) -> Vec<Effect> {
    // The diagnostic under the cursor: the innermost range holding it.
    let at = crate::tui::panes::outline::cursor_offset(&state.cx());
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
    match fix_for(&state.cx(), &d) {
        Ok(fix) => apply_fix(state, fix),
        Err(why) => {
            notice(state, why, Severity::Warning);
            Vec::new()
        }
    }
}

pub(super) fn toggle_outline(state: &mut AppState) -> Vec<Effect> {
    let shown = state.panes.outline.shown;
    state.panes.outline.shown = !shown;
    if shown {
        if state.focus == Pane::Outline {
            state.focus = Pane::Editor;
        }
    } else {
        // Below the wide layout the side column holds one of the two.
        if state.screen_width < crate::tui::panes::preview::WIDE
            && state.panes.preview.visible(state.screen_width)
        {
            state.panes.preview.shown = Some(false);
        }
        state.focus = Pane::Outline;
    }
    Vec::new()
}

/// The view's Show view flow action, copied (what `connect-views skeleton` prints): a branch
/// per listed action, the error branches, and ViewData from the sample data shown, else a
/// skeleton of the inputs. The ARN is the last submission's, else a placeholder (said).
pub(super) fn connect_to_flow(state: &mut AppState) -> Vec<Effect> {
    let (data, from) = match (&state.doc.data_set, state.doc.preview_data()) {
        (Some(set), data) if !data.is_null() => (data, format!("sample data `{set}`")),
        // The schema of the last tree that parsed (made here: the analysis makes it only
        // with a data set to check).
        _ => match &state.validation.tree {
            Some(tree) => {
                let schema =
                    crate::view::data::DataSchema::of_tree(tree, crate::view::Catalog::builtin());
                (
                    crate::view::data::skeleton(&schema),
                    "a skeleton of the view's inputs".to_string(),
                )
            }
            None => (
                serde_json::json!({}),
                "nothing: the template has not parsed".to_string(),
            ),
        },
    };
    let arn = state
        .session
        .last
        .as_ref()
        .filter(|s| s.view.name == state.doc.meta.name)
        .map(|s| s.view.arn.clone());
    let placeholder = arn.is_none();
    let arn = arn.unwrap_or_else(|| {
        "arn:aws:connect:REGION:ACCOUNT_ID:instance/INSTANCE_ID/view/VIEW_ID".into()
    });
    let actions = &state.doc.meta.actions;
    let action =
        crate::view::flow::show_view_action(&uuid::Uuid::new_v4().to_string(), &arn, data, actions);
    let text = serde_json::to_string_pretty(&action).unwrap_or_default();
    let mut said = format!(
        "copied the Show view flow action: {} branch{} ({}), the error branches, ViewData from \
         {from}; paste it into the flow's Actions",
        actions.len(),
        if actions.len() == 1 { "" } else { "es" },
        actions.join(", ")
    );
    if placeholder {
        said.push_str(" (the ARN is a placeholder until the view is submitted from here)");
    }
    notice(state, said, Severity::Note);
    vec![Effect::Copy(text)]
}

/// Page settings, from the last tree that parsed.
pub(super) fn page_settings(state: &mut AppState) {
    match crate::tui::panes::outline::current_tree(&state.cx()) {
        Ok(tree) => state
            .popups
            .open(Popup::Page(crate::tui::popups::PagePopup::of(&tree))),
        Err(why) => notice(state, why, Severity::Warning),
    }
}

/// Shows or hides the Used-by pane; shown, it judges the view's consumers against the buffer.
fn toggle_used_by(state: &mut AppState) -> Vec<Effect> {
    let pane = &mut state.panes.used_by;
    pane.shown = !pane.shown;
    if !pane.shown {
        if state.focus == Pane::UsedBy {
            state.focus = Pane::Editor;
        }
        return Vec::new();
    }
    state.focus = Pane::UsedBy;
    if state.panes.used_by.in_flight {
        return Vec::new();
    }
    vec![submit::consumers_for_pane(state, true)]
}
