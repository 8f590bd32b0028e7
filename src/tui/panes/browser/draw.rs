//! Drawing the browser: the views as filtered, and the selected one's qualifiers and
//! versions.

use ratatui::Frame;
use ratatui::layout::{Constraint, Direction, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::*;
use crate::tui::cx::Cx;
use crate::tui::theme::Role;

pub(super) fn render(pane: &BrowserPane, frame: &mut Frame, area: Rect, app: &Cx) {
    let t = &app.theme;
    let where_ = match (&app.session.env, &app.session.target) {
        (Some(env), Some(target)) => format!("env {env} · {target}"),
        (None, Some(target)) => target.clone(),
        _ => "connecting…".into(),
    };
    let count = match (pane.loading, pane.listed) {
        (_, false) => "listing…".to_string(),
        (true, true) => format!("{} views, more coming", pane.views.len()),
        (false, true) => match pane.views.len() {
            1 => "1 view".to_string(),
            n => format!("{n} views"),
        },
    };
    let cols = Layout::default()
        .direction(Direction::Horizontal)
        .constraints([Constraint::Percentage(60), Constraint::Percentage(40)])
        .split(area);
    let block = crate::tui::panes::pane_block(
        app,
        format!("Views · {where_} · {count}"),
        (pane.column == Column::Views).then_some(Pane::Browser),
    );
    let inner = block.inner(cols[0]);
    frame.render_widget(block, cols[0]);
    let mut lines = vec![Line::from(vec![
        Span::styled("Filter: ", t.style(Role::Muted)),
        Span::raw(pane.query.clone()),
        Span::styled("▏", t.style(Role::FocusBorder)),
        Span::styled(
            if pane.query.is_empty() {
                "  type to search names and descriptions"
            } else {
                ""
            },
            t.style(Role::Muted),
        ),
    ])];
    if let Some(e) = &pane.error {
        lines.push(Line::styled(e.clone(), t.style(Role::Error)));
    }
    let rows = (inner.height as usize).saturating_sub(lines.len());
    if pane.views.is_empty() && pane.listed && !pane.loading {
        lines.push(Line::styled(
            if pane.query.is_empty() {
                "no views on this instance yet".to_string()
            } else {
                format!("no view's name or description contains \"{}\"", pane.query)
            },
            t.style(Role::Muted),
        ));
    }
    let name_width = (inner.width as usize / 2).clamp(12, 48);
    for (i, v) in pane.views.iter().enumerate().skip(pane.offset).take(rows) {
        let on = i == pane.selected;
        let style = if on {
            Style::default().add_modifier(Modifier::REVERSED)
        } else {
            Style::default()
        };
        let kind = if is_managed(v) {
            "AWS-managed"
        } else {
            &v.status
        };
        lines.push(Line::from(vec![
            Span::styled(
                format!("{:<name_width$} ", fit(&v.name, name_width)),
                style.add_modifier(Modifier::BOLD),
            ),
            Span::styled(format!("{kind:<11} "), t.style(Role::Muted)),
            Span::styled(
                v.description.clone().unwrap_or_default(),
                t.style(Role::Muted),
            ),
        ]));
    }
    frame.render_widget(Paragraph::new(lines), inner);
    render_open(pane, frame, cols[1], app);
}

/// The selected view and what of it opens (its qualifiers and versions).
fn render_open(pane: &BrowserPane, frame: &mut Frame, area: Rect, app: &Cx) {
    let t = &app.theme;
    let block = crate::tui::panes::pane_block(
        app,
        "Open",
        (pane.column == Column::Entries).then_some(Pane::Browser),
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(v) = pane.selected_view() else {
        frame.render_widget(
            Paragraph::new("no view selected").style(t.style(Role::Muted)),
            inner,
        );
        return;
    };
    let mut lines = vec![
        Line::styled(
            v.name.clone(),
            Style::default().add_modifier(Modifier::BOLD),
        ),
        Line::styled(
            format!(
                "{} · {}",
                v.view_type,
                if v.status.is_empty() { "-" } else { &v.status }
            ),
            t.style(Role::Muted),
        ),
    ];
    if let Some(d) = &v.description {
        lines.push(Line::raw(d.clone()));
    }
    lines.push(Line::styled(view_ref(v), t.style(Role::Muted)));
    if is_managed(v) {
        lines.push(Line::styled(
            "opens read-only; Alt-N then saves it as a new view of yours",
            t.style(Role::Warning),
        ));
    }
    lines.push(Line::raw(""));
    for (i, e) in pane.entries(v).iter().enumerate() {
        let on = pane.column == Column::Entries && i == pane.entry;
        let (name, what) = e.label();
        let style = if on {
            Style::default().add_modifier(Modifier::REVERSED)
        } else {
            Style::default()
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{name:<11} "), style.add_modifier(Modifier::BOLD)),
            Span::styled(what, t.style(Role::Muted)),
        ]));
    }
    match pane.versions.get(&view_ref(v)) {
        Some(Versions::Loading) => {
            lines.push(Line::styled("listing versions…", t.style(Role::Muted)))
        }
        Some(Versions::Failed(e)) => lines.push(Line::styled(e.clone(), t.style(Role::Error))),
        Some(Versions::Loaded(l)) if l.is_empty() => {
            lines.push(Line::styled("no numbered versions", t.style(Role::Muted)))
        }
        _ => {}
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}

/// `text` cut to `width` characters, an ellipsis marking the cut.
fn fit(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        text.to_string()
    } else {
        let mut s: String = text.chars().take(width.saturating_sub(1)).collect();
        s.push('…');
        s
    }
}
