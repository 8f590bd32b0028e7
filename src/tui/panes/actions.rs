//! The actions pane: the view's Actions, whether a component raises each, and the
//! actions raised but missing from the list.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState};

use super::pane_block;
use crate::tui::state::{ActionRow, AppState, Pane};
use crate::tui::theme::Role;

pub fn render(frame: &mut Frame, area: Rect, state: &AppState) {
    let rows = state.action_rows();
    let missing = rows.iter().filter(|r| r.1 == ActionRow::Missing).count();
    let title = if missing > 0 {
        format!("Actions ({}, {missing} missing)", state.meta.actions.len())
    } else {
        format!("Actions ({})", state.meta.actions.len())
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
        list_state.select(Some(state.actions_selected.min(rows.len() - 1)));
    }
    frame.render_stateful_widget(list, area, &mut list_state);
}
