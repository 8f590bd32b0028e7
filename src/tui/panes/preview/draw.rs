//! The preview pane: the view drawn as the agent workspace shows it, the focused element
//! reversed, the component under the editor's cursor marked in the gutter, and below it
//! what the last press yielded.

use crate::tui::cx::Cx;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use unicode_width::UnicodeWidthChar;

use crate::tui::panes::pane_block;
use crate::tui::panes::preview::PreviewPane;
use crate::tui::state::{Pane, Tab};
use crate::tui::theme::{Role as ThemeRole, Theme};
use crate::view::preview::Layout as ViewLayout;
use crate::view::preview::Role;
use crate::view::tree::Tree;

/// How a preview role looks: a colour where there is colour, and a modifier that stays
/// under `NO_COLOR`.
pub fn style(theme: &Theme, role: Role) -> Style {
    let m = |s: Style, m: Modifier| s.add_modifier(m);
    match role {
        Role::Text => Style::default(),
        Role::Dim | Role::Placeholder => theme.style(ThemeRole::Muted),
        Role::Strong | Role::Button => m(Style::default(), Modifier::BOLD),
        Role::Heading => m(Style::default(), Modifier::BOLD | Modifier::UNDERLINED),
        Role::Border => theme.style(ThemeRole::Border),
        Role::Filled => m(theme.style(ThemeRole::String), Modifier::ITALIC),
        Role::Unfilled => m(theme.style(ThemeRole::Reference), Modifier::ITALIC),
        Role::Link => m(theme.style(ThemeRole::Key), Modifier::UNDERLINED),
        Role::Primary => m(theme.style(ThemeRole::Title), Modifier::BOLD),
        Role::Disabled => m(theme.style(ThemeRole::Muted), Modifier::CROSSED_OUT),
        Role::Field => m(Style::default(), Modifier::UNDERLINED),
        Role::Error => theme.style(ThemeRole::Error),
        Role::Success => theme.style(ThemeRole::Ok),
        Role::Warning => m(theme.style(ThemeRole::Warning), Modifier::BOLD),
        Role::Info => theme.style(ThemeRole::Key),
        Role::Unrendered => m(theme.style(ThemeRole::Muted), Modifier::ITALIC),
    }
}

/// Where the preview's parts go in its area: a line saying the template does not parse
/// (when the tree is an older revision's), the view, and what the last press yielded.
struct Parts {
    inner: Rect,
    behind: Rect,
    view: Rect,
    result: Rect,
    /// The width the view is laid out at.
    width: usize,
}

impl Parts {
    fn of(area: Rect, state: &Cx, result_lines: usize) -> Parts {
        let inner = area.inner(ratatui::layout::Margin::new(1, 1));
        let current = state.validation.tree_revision == Some(state.doc.changes);
        let parsed_behind = !current && state.validation.revision == Some(state.doc.changes);
        let result_h = if result_lines == 0 {
            0
        } else {
            (result_lines as u16 + 1).min(inner.height / 2)
        };
        let [behind, view, result] = Layout::vertical([
            Constraint::Length(u16::from(parsed_behind)),
            Constraint::Min(1),
            Constraint::Length(result_h),
        ])
        .areas(inner);
        let width = (view.width.saturating_sub(1) as usize).max(12);
        Parts {
            inner,
            behind,
            view,
            result,
            width,
        }
    }
}

/// The lines of the component under the editor's cursor, when the tree is the text's.
fn cursor_lines(state: &Cx, tree: &Tree, layout: &ViewLayout) -> Option<std::ops::Range<usize>> {
    let current = state.validation.tree_revision == Some(state.doc.changes);
    if !current || state.doc.tab != Tab::Template || state.draft.is_some() {
        return None;
    }
    let offset = state.doc.template_editor().cursor_offset();
    tree.node_at(offset).and_then(|n| layout.lines_of(n))
}

/// Lays the view out for `area` and keeps in view what matters: the focused element, else
/// the editor's component.
pub fn fit(area: Rect, state: &Cx, pane: &mut PreviewPane) {
    let Some(tree) = state.preview_tree() else {
        return;
    };
    let parts = Parts::of(area, state, result(state, pane).len());
    let layout = pane.layout(&tree, &state.doc.preview_data(), parts.width);
    pane.width = parts.view.width.saturating_sub(1) as usize;
    let focused = state.focus == Pane::Preview && !state.popup_open;
    let focus = focused.then(|| layout.hotspots.get(pane.focus)).flatten();
    let height = parts.view.height as usize;
    let want = focus
        .map(|h| h.line..h.line + 1)
        .or_else(|| cursor_lines(state, &tree, &layout));
    if let Some(w) = want {
        pane.scroll = keep_in_view(pane.scroll, w, height);
    }
    pane.scroll = pane.scroll.min(layout.lines.len().saturating_sub(height));
}

pub fn render(frame: &mut Frame, area: Rect, state: &Cx, pane: &PreviewPane) {
    let data_name = state
        .doc
        .data_set
        .clone()
        .map(|s| format!("Preview · data `{s}`"))
        .unwrap_or_else(|| "Preview · no sample data".into());
    let data_name = match &state.doc.page_data {
        Some((spec, _)) => format!("Preview · page `{spec}`"),
        None => data_name,
    };
    let data_name = if state.draft.is_some() {
        data_name.replacen("Preview", "Preview · draft condition", 1)
    } else {
        data_name
    };
    frame.render_widget(pane_block(state, data_name, Some(Pane::Preview)), area);
    let result_lines = result(state, pane);
    let parts = Parts::of(area, state, result_lines.len());
    let Some(tree) = state.preview_tree() else {
        let text = if state.validation.revision.is_some() {
            "The template has not parsed yet, so there is nothing to draw."
        } else {
            "Drawing…"
        };
        frame.render_widget(
            Paragraph::new(text)
                .wrap(Wrap { trim: true })
                .style(state.theme.style(ThemeRole::Muted)),
            parts.inner,
        );
        return;
    };
    if parts.behind.height > 0 {
        frame.render_widget(
            Paragraph::new("the template does not parse: showing the last version that did")
                .style(state.theme.style(ThemeRole::Warning)),
            parts.behind,
        );
    }
    let layout = pane.layout_seen(&tree, &state.doc.preview_data(), parts.width);
    let selected = cursor_lines(state, &tree, &layout);
    let focused = state.focus == Pane::Preview && !state.popup_open;
    let focus = focused.then(|| layout.hotspots.get(pane.focus)).flatten();
    let height = parts.view.height as usize;
    let scroll = pane.scroll.min(layout.lines.len().saturating_sub(height));
    let theme = &state.theme;
    let mut lines = Vec::with_capacity(height);
    for (i, l) in layout.lines.iter().enumerate().skip(scroll).take(height) {
        let marked = selected.as_ref().is_some_and(|r| r.contains(&i));
        let mut spans = vec![if marked {
            Span::styled("▌", theme.style(ThemeRole::FocusBorder))
        } else {
            Span::raw(" ")
        }];
        let cols = focus.filter(|h| h.line == i).map(|h| h.cols.clone());
        push_spans(&mut spans, l.spans(), cols.as_ref(), theme);
        lines.push(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(lines), parts.view);
    if parts.result.height > 0 {
        let area = parts.result;
        let mut out = vec![Line::from(Span::styled(
            "─".repeat(area.width as usize),
            theme.style(ThemeRole::Border),
        ))];
        out.extend(result_lines);
        frame.render_widget(Paragraph::new(out).wrap(Wrap { trim: false }), area);
    }
}

/// The scroll that shows `want` (lines), moving as little as it can.
fn keep_in_view(scroll: usize, want: std::ops::Range<usize>, height: usize) -> usize {
    if want.start < scroll {
        want.start
    } else if want.end > scroll + height {
        (want.end.min(want.start + height)).saturating_sub(height)
    } else {
        scroll
    }
}

/// A line of the drawn view, each span styled by its role; the focused element (its
/// columns on this line, `cols`) reversed, a span split where it starts and ends.
fn push_spans(
    spans: &mut Vec<Span<'static>>,
    line: &[crate::view::preview::Span],
    cols: Option<&std::ops::Range<usize>>,
    theme: &Theme,
) {
    let mut col = 0;
    for s in line {
        let base = style(theme, s.role);
        let Some(c) = cols else {
            spans.push(Span::styled(s.text.clone(), base));
            continue;
        };
        let styled = |focused: Option<bool>| {
            if focused == Some(true) {
                base.add_modifier(Modifier::REVERSED)
            } else {
                base
            }
        };
        let mut run = String::new();
        let mut run_focus = None;
        for ch in s.text.chars() {
            let inside = c.contains(&col);
            if run_focus != Some(inside) && !run.is_empty() {
                spans.push(Span::styled(std::mem::take(&mut run), styled(run_focus)));
            }
            run_focus = Some(inside);
            run.push(ch);
            col += ch.width().unwrap_or(0);
        }
        if !run.is_empty() {
            spans.push(Span::styled(run, styled(run_focus)));
        }
    }
}

/// What the last press yielded, as lines.
fn result(state: &Cx, pane: &PreviewPane) -> Vec<Line<'static>> {
    let Some(p) = &pane.pressed else {
        return Vec::new();
    };
    let t = &state.theme;
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let mut out = Vec::new();
    if !p.errors.is_empty() {
        out.push(Line::from(Span::styled(
            format!(
                "Submit refused: {} field {}",
                p.errors.len(),
                if p.errors.len() == 1 {
                    "error"
                } else {
                    "errors"
                }
            ),
            t.style(ThemeRole::Error),
        )));
        for e in &p.errors {
            out.push(Line::from(format!("  {}: {}", e.name, e.message)));
        }
        return out;
    }
    out.push(Line::from(vec![
        Span::styled("Branch ", t.style(ThemeRole::Muted)),
        Span::styled(p.branch.clone().unwrap_or_default(), bold),
        Span::styled("   $.Views.Action ", t.style(ThemeRole::Muted)),
        Span::raw(p.action.clone().unwrap_or_else(|| "(none)".into())),
    ]));
    let paths: Vec<&(String, String)> = p
        .paths
        .iter()
        .filter(|(k, _)| k != "$.Views.Action")
        .collect();
    if !paths.is_empty() {
        out.push(Line::from(Span::styled(
            "what a flow reads",
            t.style(ThemeRole::Muted),
        )));
        for (k, v) in paths {
            out.push(Line::from(format!("  {k} = {v}")));
        }
    }
    out.push(Line::from(Span::styled(
        "$.Views.ViewResultData",
        t.style(ThemeRole::Muted),
    )));
    let pretty = serde_json::to_string_pretty(&p.view_result_data).unwrap_or_default();
    for l in pretty.lines() {
        out.push(Line::from(format!("  {l}")));
    }
    for n in &p.notes {
        out.push(Line::from(Span::styled(
            format!("note: {n}"),
            t.style(ThemeRole::Muted),
        )));
    }
    out
}
