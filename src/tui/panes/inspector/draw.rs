//! The inspector's drawing: the selected component's Type and `_id`, then a row per prop:
//! its name, its value, its kind; missing required props marked, unknown ones flagged with
//! their fix, list items indented under their list.

use crate::tui::cx::Cx;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::tui::panes::inspector::{InspectorPane, Row, compact, rows, spec};
use crate::tui::panes::outline::selected;
use crate::tui::panes::pane_block;
use crate::tui::state::Pane;
use crate::tui::theme::Role;
use crate::view::catalog::{Catalog, suggest};

/// Keeps the selection on a row, and in view of `area`.
pub fn fit(area: Rect, state: &Cx, pane: &mut InspectorPane) {
    let tree = state.validation.tree.clone();
    let Some((tree, node)) = tree
        .as_ref()
        .and_then(|tree| selected(state, tree, state.folds).map(|n| (tree, n)))
    else {
        return;
    };
    let rows = rows(tree, node, &pane.open);
    // A prop just added (or asked for) takes the selection once its row is there.
    if let Some(name) = &pane.follow
        && let Some(i) = rows
            .iter()
            .position(|r| matches!(r, Row::Prop { name: n } if n == name))
    {
        pane.selected = i;
        pane.follow = None;
    }
    pane.selected = pane.selected.min(rows.len().saturating_sub(1));
    let height = area.height.saturating_sub(2) as usize;
    pane.scroll = crate::tui::panes::follow(pane.scroll, Some(pane.selected), rows.len(), height);
}

pub fn render(frame: &mut Frame, area: Rect, state: &Cx, pane: &InspectorPane) {
    let t = &state.theme;
    let tree = state.validation.tree.clone();
    let node = tree
        .as_ref()
        .and_then(|tree| selected(state, tree, state.folds).map(|n| (tree, n)));
    let Some((tree, node)) = node else {
        let block = pane_block(state, "Inspector", Some(Pane::Inspector));
        frame.render_widget(
            Paragraph::new(
                "Put the cursor on a component (or pick it in the outline) to see its props.",
            )
            .block(block)
            .wrap(Wrap { trim: true })
            .style(t.style(Role::Muted)),
            area,
        );
        return;
    };
    let n = tree.get(node);
    let title = format!(
        "Inspector · {} {}",
        n.ty(),
        n.id.as_deref().unwrap_or("(no _id)")
    );
    let block = pane_block(state, title, Some(Pane::Inspector));
    let rows = rows(tree, node, &pane.open);
    let height = area.height.saturating_sub(2) as usize;
    let focused = state.focus == Pane::Inspector;
    let lines: Vec<Line> = rows
        .iter()
        .enumerate()
        .skip(pane.scroll)
        .take(height)
        .map(|(i, row)| {
            let spans = row_spans(state, tree, node, row);
            Line::from(if i == pane.selected && focused {
                crate::tui::panes::reversed(spans)
            } else {
                spans
            })
        })
        .collect();
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

/// A row's spans: a missing required prop, a prop the component could have, one it has
/// (unknown ones with the fix), or a list item.
fn row_spans(
    state: &Cx,
    tree: &crate::view::tree::Tree,
    node: crate::view::tree::NodeId,
    row: &Row,
) -> Vec<Span<'static>> {
    let t = &state.theme;
    let n = tree.get(node);
    match row {
        Row::Missing { name } => vec![
            Span::styled("! ", t.style(Role::Error).add_modifier(Modifier::BOLD)),
            Span::styled(label(name), t.style(Role::Key)),
            Span::styled("required, missing: Enter adds it", t.style(Role::Error)),
        ],
        Row::Available { name } => vec![
            Span::raw("  "),
            Span::styled(label(name), t.style(Role::Muted)),
            Span::styled(
                spec(tree, node, name)
                    .map(|p| p.kind.describe())
                    .unwrap_or_default(),
                t.style(Role::Muted),
            ),
        ],
        Row::Prop { name } => {
            let v = n.prop(name);
            let known = spec(tree, node, name);
            let reference = v
                .and_then(|v| v.as_str())
                .is_some_and(|s| s.starts_with("$."));
            let mut s = vec![
                Span::raw(if known.is_some() { "  " } else { "? " }),
                Span::styled(label(name), t.style(Role::Key)),
                Span::styled(
                    v.map(compact).unwrap_or_default(),
                    t.style(if reference {
                        Role::Reference
                    } else {
                        Role::String
                    }),
                ),
            ];
            if known.is_none() {
                let component = Catalog::builtin().component(n.ty());
                let fix = component.and_then(|c| suggest(name, c.props.keys().map(String::as_str)));
                s.push(Span::styled(
                    match fix {
                        Some(f) => format!("  ≈ {f} (f)"),
                        None => "  unknown prop".into(),
                    },
                    t.style(Role::Warning),
                ));
            }
            s
        }
        Row::Item { prop, index } => {
            let item = n
                .prop(prop)
                .and_then(|v| v.as_array().and_then(|a| a.get(*index)));
            vec![
                Span::raw(format!("    {:>2}. ", index + 1)),
                Span::styled(item.map(compact).unwrap_or_default(), t.style(Role::String)),
            ]
        }
        Row::Text => vec![
            Span::raw("  "),
            Span::styled(label("(text)"), t.style(Role::Key)),
            Span::styled(format!("{:?}", n.text()), t.style(Role::String)),
        ],
        Row::Field { prop, index, field } => {
            let (v, p) = super::items::field_value(tree, node, (prop, *index, field));
            let reference = v
                .as_ref()
                .and_then(|v| v.as_str())
                .is_some_and(|s| s.starts_with("$."));
            let value = match (&v, &p) {
                (Some(v), _) => Span::styled(
                    compact(v),
                    t.style(if reference {
                        Role::Reference
                    } else {
                        Role::String
                    }),
                ),
                (None, Some(p)) => Span::styled(p.kind.describe(), t.style(Role::Muted)),
                (None, None) => Span::raw(""),
            };
            vec![
                Span::raw(if p.is_some() { "        " } else { "      ? " }),
                Span::styled(format!("{field:<12}"), t.style(Role::Key)),
                value,
            ]
        }
    }
}

/// A prop's name in its column, 14 wide; a longer one (`SpaceBetweenButtons`) keeps a space
/// before its value rather than running into it.
fn label(name: &str) -> String {
    format!("{name:<13} ")
}
