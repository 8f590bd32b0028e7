//! The actions pane: the view's Actions, whether a component raises each, and the
//! actions raised but missing from the list.

use crate::tui::cx::Cx;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState};

use super::pane_block;
use crate::tui::action::Command;
use crate::tui::component::{Component, Msg};
use crate::tui::state::{ActionRow, Pane, Prompt};
use crate::tui::theme::Role;
use crate::view::Severity;

use crate::tui::action::{Command as C, CommandRow, row};

/// The commands this pane takes: its keymap context, its footer and its help section.
#[rustfmt::skip]
pub const COMMANDS: &[CommandRow] = &[
    row(C::Up, &["up"], 0),
    row(C::Down, &["down"], 0),
    row(C::AddAction, &["a"], 10),
    row(C::RenameAction, &["r"], 11),
    row(C::DeleteAction, &["d", "delete"], 12),
    row(C::MoveActionUp, &["shift-up"], 0),
    row(C::MoveActionDown, &["shift-down"], 0),
    row(C::AddMissingActions, &["m"], 13),
];

/// The actions pane: its selection is its own.
#[derive(Debug, Default)]
pub struct ActionsPane {
    pub selected: usize,
}

/// A new action's name, or (`renaming`: its index) a listed action's new name, which every
/// prop raising it takes too.
fn name_action(renaming: Option<usize>, current: String) -> Prompt {
    let title = if renaming.is_some() {
        "Rename action"
    } else {
        "Add action"
    };
    Prompt::new(title, current, move |app, input| {
        if let Some(problem) = crate::view::validate::action_problem(input) {
            return Err(problem);
        }
        if app.doc.meta.actions.iter().any(|a| a == input) {
            return Err(format!("\"{input}\" is already listed"));
        }
        Ok(vec![match renaming {
            Some(i) if i < app.doc.meta.actions.len() => Msg::RenameAction(i, input.to_string()),
            _ => Msg::AddAction(input.to_string()),
        }])
    })
}

impl Component for ActionsPane {
    fn pane(&self) -> Pane {
        Pane::Actions
    }

    fn command(&mut self, command: Command, app: &Cx, out: &mut Vec<Msg>) -> bool {
        let rows = app.action_rows();
        self.selected = self.selected.min(rows.len().saturating_sub(1));
        let listed = app.doc.meta.actions.len();
        let i = self.selected;
        match command {
            Command::Up => self.selected = i.saturating_sub(1),
            Command::Down if i + 1 < rows.len() => self.selected = i + 1,
            Command::Down => {}
            Command::AddAction => out.push(name_action(None, String::new()).open()),
            Command::RenameAction => {
                if let Some((name, ActionRow::Raised | ActionRow::Unused)) = rows.get(i) {
                    out.push(name_action(Some(i), name.clone()).open());
                }
            }
            Command::DeleteAction if i < listed => {
                let mut actions = app.doc.meta.actions.clone();
                actions.remove(i);
                out.push(Msg::SetActions(actions));
            }
            Command::DeleteAction => {}
            Command::MoveActionUp | Command::MoveActionDown => {
                let j = if command == Command::MoveActionUp {
                    i.checked_sub(1)
                } else {
                    (i + 1 < listed).then_some(i + 1)
                };
                if let Some(j) = j
                    && i < listed
                {
                    let mut actions = app.doc.meta.actions.clone();
                    actions.swap(i, j);
                    self.selected = j;
                    out.push(Msg::SetActions(actions));
                }
            }
            Command::AddMissingActions => {
                // The selected missing one, or all of them.
                let missing: Vec<String> = match rows.get(i) {
                    Some((name, ActionRow::Missing)) => vec![name.clone()],
                    _ => rows
                        .into_iter()
                        .filter(|r| r.1 == ActionRow::Missing)
                        .map(|r| r.0)
                        .collect(),
                };
                if missing.is_empty() {
                    out.push(Msg::Notice(
                        "no action is missing from the list".into(),
                        Severity::Warning,
                    ));
                } else {
                    let mut actions = app.doc.meta.actions.clone();
                    actions.extend(missing);
                    out.push(Msg::SetActions(actions));
                }
            }
            _ => return false,
        }
        true
    }

    fn render(&self, frame: &mut Frame, area: Rect, app: &Cx) {
        render(frame, area, app, self.selected);
    }
}

fn render(frame: &mut Frame, area: Rect, state: &Cx, selected: usize) {
    let rows = state.action_rows();
    let missing = rows.iter().filter(|r| r.1 == ActionRow::Missing).count();
    // While the text does not parse, what is raised is the last good text's, as in the
    // outline.
    let stale = state.validation.tree_revision.is_some()
        && state.validation.tree_revision != state.validation.revision;
    let stale = if stale { ", stale" } else { "" };
    let title = if missing > 0 {
        format!(
            "Actions ({}, {missing} missing{stale})",
            state.doc.meta.actions.len()
        )
    } else {
        format!("Actions ({}{stale})", state.doc.meta.actions.len())
    };
    let block = pane_block(state, title, Some(Pane::Actions));
    let t = &state.theme;
    let items: Vec<ListItem> = rows
        .iter()
        .map(|(name, row)| {
            let (mark, tag, style) = match row {
                ActionRow::Raised => ("✓", "raised", t.style(Role::Ok)),
                ActionRow::Unused => ("·", "not raised", t.style(Role::Warning)),
                ActionRow::Missing => (
                    "!",
                    "missing: m adds",
                    t.style(Role::Error).add_modifier(Modifier::BOLD),
                ),
            };
            ListItem::new(Line::from(vec![
                Span::styled(format!("{mark} "), style),
                Span::raw(name.clone()),
                Span::styled(format!("  {tag}"), t.style(Role::Muted)),
            ]))
        })
        .collect();
    let empty = items.is_empty();
    let list = List::new(items)
        .block(block)
        .highlight_style(t.style(Role::Highlight).add_modifier(Modifier::BOLD));
    let mut list_state = ListState::default();
    if state.focus == Pane::Actions && !empty {
        list_state.select(Some(selected.min(rows.len() - 1)));
    }
    frame.render_stateful_widget(list, area, &mut list_state);
}
