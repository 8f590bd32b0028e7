//! The outline's drawing: a row per component (what differs from the diff pane's other side
//! marked `±`, `+`, `⇆` or `↳`; indented by depth, a fold marker, the Type,
//! the `_id` muted, a short label), the selected one reversed, "stale" in the title while
//! the text does not parse.

use crate::tui::cx::Cx;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::tui::panes::outline::{OutlinePane, label, selected};
use crate::tui::panes::pane_block;
use crate::tui::state::Pane;
use crate::tui::theme::Role;

/// Keeps the selection in view of `area`.
pub fn fit(area: Rect, state: &Cx, pane: &mut OutlinePane) {
    let Some(tree) = state.validation.tree.clone() else {
        return;
    };
    let rows = pane.rows(&tree);
    let height = area.height.saturating_sub(2) as usize;
    let sel = selected(state, &tree, &pane.collapsed);
    let at = sel.and_then(|s| rows.iter().position(|r| r.node == s));
    pane.scroll = crate::tui::panes::follow(pane.scroll, at, rows.len(), height);
}

pub fn render(frame: &mut Frame, area: Rect, state: &Cx, pane: &OutlinePane) {
    let t = &state.theme;
    let Some(tree) = state.validation.tree.clone() else {
        let block = pane_block(state, "Outline", Some(Pane::Outline));
        let text = if state.validation.revision.is_some() {
            "The template has not parsed yet: no components to show."
        } else {
            "Reading the template…"
        };
        frame.render_widget(
            Paragraph::new(text)
                .block(block)
                .wrap(Wrap { trim: true })
                .style(t.style(Role::Muted)),
            area,
        );
        return;
    };
    let stale = state.validation.tree_revision != Some(state.doc.changes)
        && state.validation.revision == Some(state.doc.changes);
    let rows = pane.rows_seen(&tree);
    let title = if stale {
        format!(
            "Outline ({}) · stale: the text does not parse",
            tree.node_count()
        )
    } else {
        format!("Outline ({})", tree.node_count())
    };
    let block = pane_block(state, title, Some(Pane::Outline));
    let height = area.height.saturating_sub(2) as usize;
    let sel = selected(state, &tree, &pane.collapsed);
    let sel_row = sel.and_then(|s| rows.iter().position(|r| r.node == s));
    let focused = state.focus == Pane::Outline;
    let muted = if stale {
        t.style(Role::Muted).add_modifier(Modifier::DIM)
    } else {
        t.style(Role::Muted)
    };
    let look = Look {
        marks: crate::tui::panes::diff::marks(state.diff),
        stale,
        muted,
        selected: sel_row,
        focused,
    };
    let lines: Vec<Line> = rows
        .iter()
        .enumerate()
        .skip(pane.scroll)
        .take(height)
        .map(|(i, r)| row_line(state, &tree, i, r, &look))
        .collect();
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

/// How the rows are drawn: the diff pane's marks (what differs from what it compares
/// with), whether the tree is stale, and the selected row.
struct Look<'a> {
    marks: std::collections::HashMap<&'a str, &'static str>,
    stale: bool,
    muted: ratatui::style::Style,
    selected: Option<usize>,
    focused: bool,
}

/// A row: its diff mark, indentation, fold marker, Type, `_id` and label.
fn row_line(
    state: &Cx,
    tree: &crate::view::tree::Tree,
    i: usize,
    r: &crate::tui::panes::outline::Row,
    look: &Look,
) -> Line<'static> {
    let t = &state.theme;
    let node = tree.get(r.node);
    let marker = match (r.has_children, r.collapsed) {
        (false, _) => "  ",
        (true, false) => "▾ ",
        (true, true) => "▸ ",
    };
    let mut spans = Vec::with_capacity(6);
    if !look.marks.is_empty() {
        let mark = node
            .id
            .as_deref()
            .and_then(|id| look.marks.get(id).copied());
        spans.push(Span::styled(
            format!("{} ", mark.unwrap_or(" ")),
            t.style(Role::Warning).add_modifier(Modifier::BOLD),
        ));
    }
    let ty = if look.stale { Role::Muted } else { Role::Key };
    spans.extend([
        Span::raw("  ".repeat(r.depth)),
        Span::styled(marker, look.muted),
        Span::styled(node.ty().to_string(), t.style(ty)),
    ]);
    if let Some(id) = &node.id {
        spans.push(Span::styled(format!(" {id}"), look.muted));
    }
    let l = label(tree, r.node);
    if !l.is_empty() {
        spans.push(Span::raw(format!(" “{l}”")));
    }
    if Some(i) == look.selected {
        let style = if look.focused {
            t.style(Role::Highlight).add_modifier(Modifier::REVERSED)
        } else {
            t.style(Role::Highlight)
        };
        spans = spans
            .into_iter()
            .map(|s| {
                let st = s.style.patch(style);
                s.style(st)
            })
            .collect();
    }
    Line::from(spans)
}
