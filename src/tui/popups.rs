//! Dialogs as components. Each dialog owns its state (the prompt's input, the metadata's
//! fields, the help's scroll, the submit dialog's confirmation), takes the commands of its
//! keymap context, types what no command takes, and draws itself (`panes::dialogs`). Like
//! the panes, it never touches the document or the editor: what it decides goes out as
//! [`Msg`]s (gitui's popups queue intents the same way).

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::Rect;

use super::action::Command;
use super::component::Msg;
use super::keymap::Context;
use super::state::{AppState, Dialog, MetadataDialog, Prompt, PromptKind};
use crate::view::validate::{
    description_problem, name_problem, tag_key_problem, tag_value_problem,
};
use crate::view::{Catalog, palette};

impl Dialog {
    /// Takes a key: `command` is what the keymap found for it in [`Dialog::context`].
    /// Pushes [`Msg::Close`] when the dialog is done.
    pub fn handle(
        &mut self,
        command: Option<Command>,
        key: &KeyEvent,
        app: &AppState,
        out: &mut Vec<Msg>,
    ) {
        use Command as C;
        // Recovery: its own keys take the draft back or discard it; a stray key does
        // neither (the draft is a person's unsaved work), and Esc is a stray key here.
        if let Dialog::Recover { draft, .. } = self {
            match command {
                Some(C::RecoverDraft) => out.extend([Msg::Close, Msg::Recover(draft.clone())]),
                Some(C::DiscardDraft) => out.extend([Msg::Close, Msg::DiscardDraft]),
                _ => {}
            }
            return;
        }
        if command == Some(C::Cancel) {
            out.push(Msg::Close);
            if let Dialog::Prompt(Prompt {
                kind: PromptKind::SaveAs,
                ..
            }) = self
            {
                // "Save and quit" waited for this name: no save, so no quit either.
                out.push(Msg::NoQuitAfterSave);
            }
            return;
        }
        let typed = match key.code {
            KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => Some(c),
            _ => None,
        };
        match self {
            Dialog::Palette(p) => {
                let entries = palette::entries(Catalog::builtin());
                let n = palette::rank(&p.query, &entries).len();
                match (command, key.code, typed) {
                    (Some(C::Up), ..) => p.selected = p.selected.saturating_sub(1),
                    (Some(C::Down), ..) => p.selected = (p.selected + 1).min(n.saturating_sub(1)),
                    (Some(C::Apply), ..) => {
                        let ranked = palette::rank(&p.query, &entries);
                        match ranked.get(p.selected) {
                            None => p.error = Some("nothing matches".into()),
                            Some(entry) => match insert_entry(app, entry) {
                                Ok(edit) => out.extend([Msg::Close, Msg::Edit(edit)]),
                                Err(why) => p.error = Some(why),
                            },
                        }
                    }
                    (None, KeyCode::Backspace, _) => {
                        p.query.pop();
                        p.selected = 0;
                        p.error = None;
                    }
                    (None, _, Some(c)) => {
                        p.query.push(c);
                        p.selected = 0;
                        p.error = None;
                    }
                    _ => {}
                }
            }
            Dialog::Help { scroll } => match command {
                Some(C::Down) => *scroll += 1,
                Some(C::Up) => *scroll = scroll.saturating_sub(1),
                Some(C::ScrollDown) => *scroll += 10,
                Some(C::ScrollUp) => *scroll = scroll.saturating_sub(10),
                // Any other key closes the help.
                _ => out.push(Msg::Close),
            },
            Dialog::Conflict { path } => match command {
                Some(C::OverwriteFile) => out.extend([Msg::Close, Msg::SaveOver(path.clone())]),
                Some(C::SaveCopy) => out.push(Msg::Open(Dialog::Prompt(Prompt::new(
                    PromptKind::SaveAs,
                    crate::view::document::copy_path(path).display().to_string(),
                )))),
                _ => {}
            },
            Dialog::Promote(d) => match (command, key.code, typed) {
                (Some(C::Promote), ..) if d.done => out.push(Msg::Close),
                (Some(C::Promote), ..) if d.applying => {}
                (Some(C::Promote), ..) => match &d.plans {
                    None => d.message = Some("still planning…".into()),
                    Some(plans) if plans.iter().any(|p| !p.tag_errors.is_empty()) => {
                        d.message = Some(
                            "the target would refuse a tag of the source: nothing can be written; see the plan".into(),
                        )
                    }
                    Some(plans) if plans.iter().any(|p| !p.blockers.is_empty()) => {
                        d.message = Some(format!(
                            "unmapped references to the source: nothing can be written; map them in [arn_map] of connect-views.toml for {}",
                            d.to
                        ))
                    }
                    Some(plans) if plans.iter().all(|p| p.writes() == 0) => {
                        out.extend([
                            Msg::Close,
                            Msg::Notice(
                                format!("nothing to promote: {} is in step", d.to),
                                crate::view::Severity::Note,
                            ),
                        ]);
                    }
                    Some(_) if d.protected && d.input.trim() != d.to => {
                        d.message =
                            Some(format!("{} is protected: type its name, then Enter", d.to))
                    }
                    Some(plans) => {
                        d.applying = true;
                        d.message = Some("promoting…".into());
                        out.push(Msg::Effect(crate::tui::effect::Effect::ApplyPromotion {
                            to: d.to.clone(),
                            plans: plans.clone(),
                        }));
                    }
                },
                (None, KeyCode::Backspace, _) => {
                    d.input.pop();
                }
                (None, _, Some(c)) => d.input.push(c),
                _ => {}
            },
            Dialog::ConfirmQuit => match command {
                Some(C::SaveAndQuit) => out.extend([Msg::Close, Msg::SaveAndQuit]),
                Some(C::QuitWithoutSaving) => out.push(Msg::Quit),
                _ => {}
            },
            Dialog::Submit(d) if d.confirm_anyway => {
                d.confirm_anyway = false;
                d.message = None;
                if command == Some(C::Yes) {
                    d.errors_accepted = true;
                    out.push(Msg::Submit {
                        anyway: true,
                        overwrite: false,
                    });
                } else {
                    d.message = Some("not submitted".into());
                }
            }
            Dialog::Submit(d) => match command {
                Some(C::SubmitNow) => out.push(Msg::Submit {
                    anyway: d.errors_accepted,
                    overwrite: false,
                }),
                Some(C::Overwrite) if super::update::risk_of(app, d).is_some() => {
                    out.push(Msg::Submit {
                        anyway: d.errors_accepted,
                        overwrite: true,
                    })
                }
                Some(C::SubmitAnyway) => {
                    let errors = app.errors();
                    if !app.validation_current() || errors == 0 {
                        // Nothing to override: the same as Enter.
                        out.push(Msg::Submit {
                            anyway: false,
                            overwrite: false,
                        });
                        return;
                    }
                    let yes = super::update::key_name(app, Context::ConfirmSubmit, C::Yes);
                    d.confirm_anyway = true;
                    d.message = Some(format!(
                        "Submit with {errors} local error{} at the {} level? The service \
                         decides, and its answer is shown in full. {yes} submits; any other \
                         key goes back.",
                        if errors == 1 { "" } else { "s" },
                        app.level
                    ));
                }
                Some(C::ToggleLevel) => {
                    d.message = None;
                    out.push(Msg::ToggleLevel);
                }
                _ => {}
            },
            Dialog::Metadata(m) => {
                match (command, key.code, typed) {
                    (Some(C::NextField), ..) => m.focus = (m.focus + 1) % 3,
                    (Some(C::PrevField), ..) => m.focus = (m.focus + 2) % 3,
                    (Some(C::Apply), ..) => {
                        check_metadata(m);
                        if m.problems.is_empty() {
                            let description = m.fields[1].trim();
                            out.extend([
                                Msg::Close,
                                Msg::SetMeta {
                                    name: m.fields[0].trim().to_string(),
                                    description: (!description.is_empty())
                                        .then(|| description.to_string()),
                                    tags: crate::view::document::parse_tag_list(&m.fields[2])
                                        .unwrap_or_default(),
                                },
                            ]);
                            return;
                        }
                    }
                    (None, KeyCode::Backspace, _) => {
                        m.fields[m.focus].pop();
                    }
                    (None, _, Some(c)) => m.fields[m.focus].push(c),
                    _ => {}
                }
                check_metadata(m);
            }
            Dialog::Prompt(p) => match (command, key.code, typed) {
                (Some(C::Apply), ..) => out.extend([Msg::Close, Msg::PromptDone(p.clone())]),
                (None, KeyCode::Backspace, _) => {
                    p.input.pop();
                    p.error = None;
                }
                (None, _, Some(c)) => {
                    p.input.push(c);
                    p.error = None;
                }
                _ => {}
            },
            Dialog::Recover { .. } => {}
        }
    }

    /// Takes pasted text: a prompt or a metadata field, on one line.
    pub fn paste(&mut self, text: &str) {
        let text = text.replace(['\n', '\r'], " ");
        match self {
            Dialog::Prompt(p) => p.input.push_str(&text),
            Dialog::Palette(p) => {
                p.query.push_str(&text);
                p.selected = 0;
            }
            Dialog::Metadata(m) => {
                let f = m.focus;
                m.fields[f].push_str(&text);
                check_metadata(m);
            }
            _ => {}
        }
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, app: &AppState) {
        super::panes::dialogs::render(frame, area, app, self);
    }
}

/// The palette's entry as an edit: after the selected component, as the first child of a
/// selected container, or (nothing selected) at the end of the first top-level container.
pub fn insert_entry(
    app: &AppState,
    entry: &palette::Entry,
) -> Result<crate::view::edit::Edit, String> {
    use crate::view::edit::{Ids, Place, insert};
    let tree = super::outline::current_tree(app)?;
    let catalog = Catalog::builtin();
    let container = |n| {
        catalog
            .component(tree.get(n).ty())
            .is_some_and(|c| c.container)
    };
    let place = match super::outline::selected(app, &tree, &app.outline.collapsed) {
        Some(n) if container(n) => Place::FirstChild(n),
        Some(n) => Place::After(n),
        None => match tree.body.iter().copied().find(|&n| container(n)) {
            Some(root) => Place::LastChild(root),
            None => Place::BodyEnd,
        },
    };
    let mut ids = Ids::new(&tree);
    let snippet = palette::snippet(catalog, entry, &mut ids)
        .ok_or_else(|| format!("{} is not in the catalogue", entry.name))?;
    insert(
        &app.template_editor().text(),
        &tree,
        place,
        &snippet,
        format!("insert {}", entry.name),
    )
}

/// The metadata dialog's fields checked by the rules the service applies.
pub fn check_metadata(m: &mut MetadataDialog) {
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
