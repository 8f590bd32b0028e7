//! Lines of styled text of an exact width, and blocks of them that stack, sit side by side
//! and take frames, keeping track of where each pressable element and each component is.

use std::ops::Range;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::{Hotspot, Role};
use crate::view::tree::NodeId;

/// A run of text in one role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub role: Role,
}

/// One line of the rendering, exactly as wide as its block. Trailing blanks are kept as a
/// count, not as text: most lines end in padding, and a frame or a column only turns it into
/// spaces when something follows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Line {
    spans: Vec<Span>,
    /// Kept as spans are added (trailing blanks included), so a width is never summed again.
    width: usize,
    /// Trailing blank columns not yet written as text.
    pad: usize,
}

impl Line {
    pub fn width(&self) -> usize {
        self.width
    }

    /// The spans, without the trailing blanks.
    pub fn spans(&self) -> &[Span] {
        &self.spans
    }

    /// Writes the trailing blanks as text, because something follows them.
    fn flush(&mut self) {
        if self.pad > 0 {
            let blanks = " ".repeat(self.pad);
            self.pad = 0;
            match self.spans.last_mut() {
                Some(last) if last.role == Role::Text => last.text.push_str(&blanks),
                _ => self.spans.push(Span {
                    text: blanks,
                    role: Role::Text,
                }),
            }
        }
    }

    /// Appends another line.
    pub fn append(&mut self, other: Line) {
        if other.spans.is_empty() {
            self.pad += other.pad;
            self.width += other.width;
            return;
        }
        self.flush();
        self.width += other.width;
        self.pad = other.pad;
        let mut spans = other.spans.into_iter();
        if let (Some(last), Some(first)) = (self.spans.last_mut(), spans.as_slice().first())
            && last.role == first.role
        {
            last.text.push_str(&first.text);
            spans.next();
        }
        self.spans.extend(spans);
    }

    /// The text, trailing blanks included.
    pub fn text(&self) -> String {
        let mut out: String = self.spans.iter().map(|s| s.text.as_str()).collect();
        out.extend(std::iter::repeat_n(' ', self.pad));
        out
    }

    /// Appends text and returns the columns it took.
    pub fn push(&mut self, text: impl Into<String>, role: Role) -> Range<usize> {
        let text = text.into();
        let start = self.width;
        if text.is_empty() {
            return start..start;
        }
        if role == Role::Text && text.bytes().all(|b| b == b' ') {
            self.pad += text.len();
            self.width += text.len();
            return start..self.width;
        }
        self.flush();
        let end = start + text.width();
        self.width = end;
        match self.spans.last_mut() {
            Some(last) if last.role == role => last.text.push_str(&text),
            _ => self.spans.push(Span { text, role }),
        }
        start..end
    }

    /// Blank columns.
    pub fn blanks(&mut self, n: usize) {
        self.pad += n;
        self.width += n;
    }

    /// Pads with blanks, or cuts with `…`, to exactly `width` columns.
    pub fn fit(mut self, width: usize) -> Line {
        let w = self.width;
        if w <= width {
            self.blanks(width - w);
            return self;
        }
        if w - self.pad <= width {
            // Only blanks are cut.
            self.pad -= w - width;
            self.width = width;
            return self;
        }
        let mut out = Line::default();
        let budget = width.saturating_sub(1);
        let mut used = 0;
        'spans: for span in self.spans {
            let mut text = String::new();
            for c in span.text.chars() {
                let cw = c.width().unwrap_or(0);
                if used + cw > budget {
                    out.push(text, span.role);
                    break 'spans;
                }
                used += cw;
                text.push(c);
            }
            out.push(text, span.role);
        }
        if width > 0 {
            out.push("…", Role::Dim);
        }
        let w = out.width();
        out.blanks(width.saturating_sub(w));
        out
    }
}

/// Lines of one width, with the pressable elements and the components drawn in them.
#[derive(Debug, Clone, Default)]
pub struct Block {
    pub width: usize,
    pub lines: Vec<Line>,
    pub hotspots: Vec<Hotspot>,
    /// Each component's lines.
    pub nodes: Vec<(NodeId, Range<usize>)>,
}

impl Block {
    pub fn new(width: usize) -> Block {
        Block {
            width,
            ..Block::default()
        }
    }

    pub fn height(&self) -> usize {
        self.lines.len()
    }

    pub fn line(&mut self, line: Line) {
        self.lines.push(line.fit(self.width));
    }

    /// One line of text in one role.
    pub fn text(&mut self, text: &str, role: Role) {
        let mut l = Line::default();
        l.push(text, role);
        self.line(l);
    }

    /// Text wrapped at word boundaries to the width, aligned.
    pub fn wrapped(&mut self, text: &str, role: Role, align: Align) {
        for row in wrap(text, self.width.max(1)) {
            let pad = match align {
                Align::Left => 0,
                Align::Center => (self.width.saturating_sub(row.width())) / 2,
                Align::Right => self.width.saturating_sub(row.width()),
            };
            let mut l = Line::default();
            l.blanks(pad);
            l.push(row, role);
            self.line(l);
        }
    }

    /// A line holding one pressable element (its columns within the line given).
    pub fn hot_line(&mut self, line: Line, mut hotspot: Hotspot) {
        hotspot.line = self.lines.len();
        hotspot.cols.end = hotspot.cols.end.min(self.width);
        self.line(line);
        self.hotspots.push(hotspot);
    }

    pub fn blank(&mut self) {
        self.line(Line::default());
    }

    /// Appends another block of the same width below.
    pub fn append(&mut self, other: Block) {
        self.place(other, 0);
    }

    /// Appends a narrower block below, indented by `left` columns.
    pub fn place(&mut self, other: Block, left: usize) {
        let top = self.lines.len();
        if left == 0 && other.width == self.width {
            // Same width: the lines move as they are.
            self.lines.extend(other.lines);
            self.shift_in(other.hotspots, other.nodes, top, 0);
            return;
        }
        for l in other.lines {
            let mut line = Line::default();
            line.blanks(left);
            line.append(l);
            self.line(line);
        }
        self.shift_in(other.hotspots, other.nodes, top, left);
    }

    fn shift_in(
        &mut self,
        hotspots: Vec<Hotspot>,
        nodes: Vec<(NodeId, Range<usize>)>,
        top: usize,
        left: usize,
    ) {
        for mut h in hotspots {
            h.line += top;
            h.cols = h.cols.start + left..h.cols.end + left;
            self.hotspots.push(h);
        }
        for (id, r) in nodes {
            self.nodes.push((id, r.start + top..r.end + top));
        }
    }

    /// Marks every line from `from` to the end as the component's.
    pub fn claim(&mut self, id: NodeId, from: usize) {
        self.nodes.push((id, from..self.lines.len()));
    }

    /// `inner` (of `width - 4` columns) inside a box frame with an optional title.
    pub fn framed(width: usize, title: Option<&str>, style: Frame, inner: Block) -> Block {
        let mut out = Block::new(width);
        let (tl, tr, bl, br) = match style {
            Frame::Square => ('┌', '┐', '└', '┘'),
            Frame::Round => ('╭', '╮', '╰', '╯'),
        };
        let mut top = Line::default();
        top.push(tl.to_string(), Role::Border);
        let mut used = 1;
        if let Some(t) = title.filter(|t| !t.is_empty()) {
            let room = width.saturating_sub(4);
            let t = Line::default().tap(|l| {
                l.push(t, Role::Strong);
            });
            let t = if t.width() > room { t.fit(room) } else { t };
            top.push("─", Role::Border);
            used += 1 + t.width();
            top.append(t);
        }
        top.push("─".repeat(width.saturating_sub(used + 1)), Role::Border);
        top.push(tr.to_string(), Role::Border);
        out.line(top);
        let inner_top = out.lines.len();
        for l in inner.lines {
            let mut line = Line::default();
            line.push("│ ", Role::Border);
            line.append(l.fit(width.saturating_sub(4)));
            line.push(" │", Role::Border);
            out.lines.push(line);
        }
        out.shift_in(inner.hotspots, inner.nodes, inner_top, 2);
        let mut bottom = Line::default();
        bottom.push(bl.to_string(), Role::Border);
        bottom.push("─".repeat(width.saturating_sub(2)), Role::Border);
        bottom.push(br.to_string(), Role::Border);
        out.line(bottom);
        out
    }

    /// Blocks side by side at these widths, one column apart, as tall as the tallest.
    pub fn beside(blocks: Vec<Block>, width: usize) -> Block {
        let mut out = Block::new(width);
        let height = blocks.iter().map(Block::height).max().unwrap_or(0);
        let mut lefts = Vec::new();
        let mut left = 0;
        for b in &blocks {
            lefts.push(left);
            left += b.width + 1;
        }
        for row in 0..height {
            let mut line = Line::default();
            for (i, b) in blocks.iter().enumerate() {
                if i > 0 {
                    line.push(" ", Role::Text);
                }
                match b.lines.get(row) {
                    Some(l) => line.append(l.clone()),
                    None => {
                        line.blanks(b.width);
                    }
                }
            }
            out.line(line);
        }
        for (b, left) in blocks.into_iter().zip(lefts) {
            out.shift_in(b.hotspots, b.nodes, 0, left);
        }
        out
    }
}

/// The corner style of a frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Frame {
    Square,
    Round,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
}

trait Tap: Sized {
    fn tap(mut self, f: impl FnOnce(&mut Self)) -> Self {
        f(&mut self);
        self
    }
}

impl Tap for Line {}

/// Word-wraps `text` to `width` columns (a word longer than the width is cut); keeps
/// explicit line breaks; an empty text is one empty row.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    if !text.contains('\n') && text.width() <= width {
        return vec![text.to_string()];
    }
    let mut rows = Vec::new();
    for para in text.split('\n') {
        let mut row = String::new();
        let mut row_w = 0;
        for word in para.split(' ') {
            let mut word = word.to_string();
            loop {
                let w = word.width();
                let sep = usize::from(!row.is_empty());
                if row_w + sep + w <= width {
                    if sep == 1 {
                        row.push(' ');
                    }
                    row.push_str(&word);
                    row_w += sep + w;
                    break;
                }
                if !row.is_empty() {
                    rows.push(std::mem::take(&mut row));
                    row_w = 0;
                    continue;
                }
                // A word wider than the row: cut it.
                let mut head = String::new();
                let mut hw = 0;
                let mut rest = String::new();
                for c in word.chars() {
                    let cw = c.width().unwrap_or(0);
                    if rest.is_empty() && hw + cw <= width {
                        head.push(c);
                        hw += cw;
                    } else {
                        rest.push(c);
                    }
                }
                rows.push(head);
                if rest.is_empty() {
                    break;
                }
                word = rest;
            }
        }
        rows.push(row);
    }
    rows
}

/// Spans wrapped at word boundaries to `width` columns, each word keeping its role.
pub fn wrap_spans(spans: &[Span], width: usize) -> Vec<Line> {
    let width = width.max(1);
    // Most texts fit: one line, the spans as they are.
    if !spans.iter().any(|s| s.text.contains('\n')) {
        let mut line = Line::default();
        for s in spans {
            line.push(s.text.clone(), s.role);
        }
        if line.width() <= width {
            return vec![line];
        }
    }
    let mut words: Vec<(String, Role, bool)> = Vec::new(); // (word, role, space before)
    let mut space = false;
    for s in spans {
        for (i, part) in s.text.split(' ').enumerate() {
            if i > 0 {
                space = true;
            }
            if !part.is_empty() {
                words.push((part.to_string(), s.role, space));
                space = false;
            }
        }
    }
    let mut lines = Vec::new();
    let mut line = Line::default();
    for (word, role, space_before) in words {
        let sep = usize::from(space_before && line.width() > 0);
        if line.width() > 0 && line.width() + sep + word.width() > width {
            lines.push(std::mem::take(&mut line));
        } else if sep == 1 {
            line.push(" ", role);
        }
        if word.width() > width {
            for row in wrap(&word, width) {
                if line.width() > 0 {
                    lines.push(std::mem::take(&mut line));
                }
                line.push(row, role);
            }
        } else {
            line.push(word, role);
        }
    }
    lines.push(line);
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_fit_their_width_exactly() {
        let mut l = Line::default();
        l.push("Hello", Role::Strong);
        l.push(" world", Role::Text);
        assert_eq!(l.clone().fit(8).text(), "Hello w…");
        assert_eq!(l.clone().fit(8).width(), 8);
        assert_eq!(l.clone().fit(14).text(), "Hello world   ");
        let mut wide = Line::default();
        wide.push("日本語テキスト", Role::Text);
        assert_eq!(wide.fit(6).width(), 6);
    }

    #[test]
    fn wrapping_keeps_words_and_cuts_long_ones() {
        assert_eq!(wrap("a bb ccc dddd", 6), ["a bb", "ccc", "dddd"]);
        assert_eq!(wrap("abcdefgh", 3), ["abc", "def", "gh"]);
        assert_eq!(wrap("", 5), [""]);
        assert_eq!(wrap("one\ntwo", 10), ["one", "two"]);
    }

    #[test]
    fn frames_and_columns_move_what_they_hold() {
        let mut inner = Block::new(6);
        inner.text("x", Role::Text);
        inner.hot_line(
            Line::default().tap(|l| {
                l.push("[ok]", Role::Button);
            }),
            Hotspot::test(0..4),
        );
        let framed = Block::framed(10, Some("T"), Frame::Square, inner);
        assert_eq!(framed.lines[0].text(), "┌─T──────┐");
        assert_eq!(framed.lines[2].text(), "│ [ok]   │");
        assert_eq!(framed.hotspots[0].line, 2);
        assert_eq!(framed.hotspots[0].cols, 2..6);
        let side = Block::beside(vec![Block::new(3), framed], 14);
        assert_eq!(side.hotspots[0].cols, 6..10);
        assert_eq!(side.lines[3].width(), 14);
    }
}
