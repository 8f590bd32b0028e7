//! The editor pane: the template (or the sample data set) with its line numbers and
//! markers, the tab's title, and the completion list under the cursor.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::{pane_block, reversed};
use crate::tui::state::{AppState, Pane, Tab};
use crate::tui::theme::Role;

use crate::tui::action::{Command as C, CommandRow, row};

/// The commands this pane takes: its keymap context, its footer and its help section.
#[rustfmt::skip]
pub const COMMANDS: &[CommandRow] = &[
    row(C::Undo, &["ctrl-z"], 10),
    row(C::Redo, &["ctrl-y"], 0),
    row(C::Search, &["ctrl-f"], 11),
    row(C::SearchNext, &["f3"], 0),
    row(C::SearchPrev, &["shift-f3"], 0),
    row(C::GotoLine, &["ctrl-g"], 12),
    row(C::Copy, &["ctrl-c"], 0),
    row(C::Cut, &["ctrl-x"], 0),
    row(C::Paste, &["ctrl-v"], 0),
    row(C::SelectAll, &["ctrl-a"], 0),
    row(C::QuickFix, &["alt-enter"], 13),
    row(C::Complete, &["ctrl-space"], 14),
    row(C::Reformat, &["alt-f"], 0),
    row(C::ExternalEditor, &["alt-e"], 0),
];

/// Readies the editor for a frame in `area` (its border's inside).
pub fn fit(state: &mut AppState, area: Rect) {
    let inner = Block::default().borders(Borders::ALL).inner(area);
    state.doc.editor.fit(inner);
}

pub fn render(frame: &mut Frame, area: Rect, state: &AppState) {
    let (row, col) = state.doc.editor.cursor();
    // The shown tab in brackets (the title is drawn in one style).
    let tab = |name: String, on: bool| {
        if on {
            Span::raw(format!("[{name}]"))
        } else {
            Span::raw(name)
        }
    };
    let sets = state.doc.data_sets();
    let data_name = match (&state.doc.data_set, sets.len()) {
        (Some(set), n) if n > 1 => {
            let i = sets.iter().position(|s| s == set).unwrap_or(0) + 1;
            format!("Data `{set}` {i}/{n}")
        }
        (Some(set), _) => format!("Data `{set}`"),
        (None, _) => "Data (none)".into(),
    };
    let on_data = state.doc.tab == Tab::Data;
    let title = Line::from(vec![
        tab("Template".into(), !on_data),
        Span::raw(" │ "),
        tab(data_name, on_data),
        Span::raw(format!(" {}:{}", row + 1, col + 1)),
    ]);
    let block = pane_block(&state.cx(), title, Some(Pane::Editor));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut markers = match state.doc.tab {
        Tab::Template => state.validation.markers.clone(),
        Tab::Data => state.validation.data_markers.clone(),
    };
    if state.doc.tab == Tab::Template {
        markers.extend(state.session.service_markers.iter().copied());
    }
    if on_data && state.doc.data_set.is_none() {
        let key = state
            .keymap
            .key_for(crate::tui::action::Command::NewDataSet);
        let hint = format!(
            "No sample data yet.\n\nSample data sets are ViewData to try the view with: kept in the view file under \"SampleData\", never sent to the service, and checked against the view's inputs as you type.\n\n{key} makes one from the view's inputs."
        );
        frame.render_widget(
            Paragraph::new(hint)
                .wrap(Wrap { trim: true })
                .style(state.theme.style(Role::Muted)),
            inner,
        );
        return;
    }
    let focused = state.focus == Pane::Editor && !state.popups.is_open();
    state
        .doc
        .editor
        .render(inner, frame.buffer_mut(), &state.theme, &markers, focused);
    if focused {
        completion(frame, inner, state);
    }
}

/// The completion list under the cursor (above it near the bottom), inside the editor.
fn completion(frame: &mut Frame, area: Rect, state: &AppState) {
    let (Some(c), Some((x, y))) = (&state.completion, state.doc.editor.cursor_cell(area)) else {
        return;
    };
    let t = &state.theme;
    let shown = c.items.len().min(8);
    let start = c.selected.saturating_sub(shown.saturating_sub(1));
    let label_w = c
        .items
        .iter()
        .map(|i| i.text.chars().count())
        .max()
        .unwrap_or(0);
    let w = (label_w + 2 + 40).min(area.width as usize).max(10) as u16;
    let h = shown as u16 + 2;
    let below = y + 1 + h <= area.y + area.height;
    let top = if below {
        y + 1
    } else {
        y.saturating_sub(h).max(area.y)
    };
    let left = x.min((area.x + area.width).saturating_sub(w));
    let rect = Rect {
        x: left,
        y: top,
        width: w,
        height: h.min(area.height),
    };
    let lines: Vec<Line> = c
        .items
        .iter()
        .enumerate()
        .skip(start)
        .take(shown)
        .map(|(i, item)| {
            let detail: String = item
                .detail
                .chars()
                .take((w as usize).saturating_sub(label_w + 4))
                .collect();
            let mut spans = vec![
                Span::styled(format!("{:<label_w$}  ", item.text), t.style(Role::Key)),
                Span::styled(detail, t.style(Role::Muted)),
            ];
            if i == c.selected {
                spans = reversed(spans);
            }
            Line::from(spans)
        })
        .collect();
    frame.render_widget(Clear, rect);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.style(Role::FocusBorder))
        .title(Span::styled(
            format!(" {} of {} ", c.selected + 1, c.items.len()),
            t.style(Role::Muted),
        ));
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}
