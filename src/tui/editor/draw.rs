//! Drawing the editor: line numbers, diagnostics in the gutter and underlined, the search's
//! matches, the selection and the cursor, over syntect's highlighting of the visible lines.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

use super::{Editor, Marker};
use crate::tui::theme::{Role, Theme};
use crate::view::Severity;

impl Editor {
    /// Scrolls so the cursor is on screen (`height` rows, `text_width` columns of text).
    fn scroll_to_cursor(&mut self, height: usize, text_width: usize) {
        let (row, col) = self.area.cursor();
        if row < self.top_row {
            self.top_row = row;
        } else if row >= self.top_row + height {
            self.top_row = row + 1 - height;
        }
        if col < self.top_col {
            self.top_col = col;
        } else if text_width > 0 && col >= self.top_col + text_width {
            self.top_col = col + 1 - text_width;
        }
    }

    /// The gutter's width for the buffer's line count.
    fn gutter(&self) -> (usize, u16) {
        let digits = self.area.lines().len().to_string().len().max(3);
        (digits, (digits + 2) as u16)
    }

    /// Readies the editor for a frame in `area`: the cursor scrolled into view and the
    /// visible lines highlighted.
    pub fn fit(&mut self, area: Rect) {
        if area.width == 0 || area.height == 0 {
            return;
        }
        let (_, gutter) = self.gutter();
        let text_width = area.width.saturating_sub(gutter) as usize;
        let height = area.height as usize;
        self.height = height;
        self.scroll_to_cursor(height, text_width);
        let bottom = (self.top_row + height).min(self.area.lines().len());
        self.highlighter.prepare(self.area.lines(), bottom);
    }

    /// Draws what [`Editor::fit`] readied.
    pub fn render(
        &self,
        area: Rect,
        buf: &mut Buffer,
        theme: &Theme,
        markers: &[Marker],
        focused: bool,
    ) {
        if area.width == 0 || area.height == 0 {
            return;
        }
        let lines_len = self.area.lines().len();
        let (digits, gutter) = self.gutter();
        let text_width = area.width.saturating_sub(gutter) as usize;
        let height = area.height as usize;
        let (row, col) = self.area.cursor();
        let top = self.top_row;
        let bottom = (top + height).min(lines_len);
        let selection = self.area.selection_range();
        let search = self.area.search_pattern().cloned();
        let lines = self.area.lines();
        let spans = self.highlighter.spans(top, bottom);
        for (i, line_spans) in spans.iter().enumerate() {
            let r = top + i;
            let y = area.y + i as u16;
            let line = &lines[r];
            let line_markers: Vec<&Marker> = markers.iter().filter(|m| m.row == r).collect();
            draw_gutter(
                buf,
                (area.x, y),
                (r, r == row, digits),
                &line_markers,
                theme,
            );
            // Text: one cell per character from top_col.
            let byte_roles = byte_roles(line, line_spans);
            let matches: Vec<(usize, usize)> = search
                .as_ref()
                .map(|re| re.find_iter(line).map(|m| (m.start(), m.end())).collect())
                .unwrap_or_default();
            let mut x = area.x + gutter;
            for (ci, (bi, ch)) in line.char_indices().enumerate() {
                if ci < self.top_col {
                    continue;
                }
                if ci >= self.top_col + text_width {
                    break;
                }
                let role = byte_roles.get(bi).copied().unwrap_or(Role::Text);
                let mut style = theme.style(role);
                if matches.iter().any(|&(s, e)| bi >= s && bi < e) {
                    style = style.patch(theme.style(Role::Search));
                }
                for m in &line_markers {
                    if ci >= m.start && ci < m.end.max(m.start + 1) {
                        let role = marker_role(m.severity);
                        style = style
                            .patch(theme.style(role))
                            .add_modifier(Modifier::UNDERLINED);
                    }
                }
                if let Some(((r0, c0), (r1, c1))) = selection
                    && (r, ci) >= (r0, c0)
                    && (r, ci) < (r1, c1)
                {
                    style = style.add_modifier(Modifier::REVERSED);
                }
                if focused && r == row && ci == col {
                    style = style.add_modifier(Modifier::REVERSED);
                }
                let mut tmp = [0u8; 4];
                buf.set_string(
                    x,
                    y,
                    if ch == '\t' {
                        " "
                    } else {
                        ch.encode_utf8(&mut tmp)
                    },
                    style,
                );
                x += 1;
            }
            // The cursor past the end of the line, and markers at the line's end.
            let cursor = (focused && r == row).then_some(col);
            let visible = (self.top_col, text_width, area.x + gutter);
            draw_line_end(
                buf,
                y,
                line.chars().count(),
                cursor,
                visible,
                &line_markers,
                theme,
            );
        }
    }
}

/// The highlighter's role of each byte of a line.
fn byte_roles(line: &str, spans: &[(usize, usize, Role)]) -> Vec<Role> {
    let mut roles = Vec::with_capacity(line.len());
    for &(s, e, role) in spans {
        roles.extend(std::iter::repeat_n(role, e - s));
    }
    roles
}

/// The gutter of a line: the worst severity's letter, then the line number (`r` 0-based,
/// bold on the cursor's line).
fn draw_gutter(
    buf: &mut Buffer,
    (x, y): (u16, u16),
    (r, current, digits): (usize, bool, usize),
    markers: &[&Marker],
    theme: &Theme,
) {
    let (mark, mark_style) = match markers.iter().map(|m| m.severity).max() {
        Some(Severity::Error) => ("E", theme.style(Role::Error).add_modifier(Modifier::BOLD)),
        Some(Severity::Warning) => ("W", theme.style(Role::Warning).add_modifier(Modifier::BOLD)),
        Some(Severity::Note) => ("N", theme.style(Role::Muted)),
        None => (" ", Style::default()),
    };
    buf.set_string(x, y, mark, mark_style);
    let number_style = if current {
        theme.style(Role::LineNumber).add_modifier(Modifier::BOLD)
    } else {
        theme.style(Role::LineNumber)
    };
    buf.set_string(x + 1, y, format!("{:>digits$} ", r + 1), number_style);
}

/// What a line shows past its end: the cursor (at `cursor`, when it is this line's) and the
/// markers of diagnostics placed at the end. `visible`: the first column shown, how many
/// are, and the screen column of the text's start.
fn draw_line_end(
    buf: &mut Buffer,
    y: u16,
    end_col: usize,
    cursor: Option<usize>,
    (top_col, text_width, x0): (usize, usize, u16),
    markers: &[&Marker],
    theme: &Theme,
) {
    let shown = |c: usize| c >= top_col && c < top_col + text_width;
    if let Some(col) = cursor.filter(|&c| c == end_col && shown(c)) {
        let cx = x0 + (col - top_col) as u16;
        let reversed = Style::default().add_modifier(Modifier::REVERSED);
        buf.set_string(cx, y, " ", reversed);
    }
    for m in markers {
        if m.start >= end_col && shown(m.start) {
            let cx = x0 + (m.start - top_col) as u16;
            let role = marker_role(m.severity);
            buf.set_string(cx, y, "_", theme.style(role).add_modifier(Modifier::BOLD));
        }
    }
}

fn marker_role(severity: Severity) -> Role {
    match severity {
        Severity::Error => Role::Error,
        Severity::Warning => Role::Warning,
        Severity::Note => Role::Muted,
    }
}
