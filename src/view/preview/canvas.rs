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

/// One line of the rendering, exactly as wide as its block.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Line {
    pub spans: Vec<Span>,
}

impl Line {
    pub fn width(&self) -> usize {
        self.spans.iter().map(|s| s.text.width()).sum()
    }

    pub fn text(&self) -> String {
        self.spans.iter().map(|s| s.text.as_str()).collect()
    }

    /// Appends text and returns the columns it took.
    pub fn push(&mut self, text: impl Into<String>, role: Role) -> Range<usize> {
        let text = text.into();
        let start = self.width();
        let end = start + text.width();
        if !text.is_empty() {
            match self.spans.last_mut() {
                Some(last) if last.role == role => last.text.push_str(&text),
                _ => self.spans.push(Span { text, role }),
            }
        }
        start..end
    }

    /// Pads with spaces, or cuts with `…`, to exactly `width` columns.
    pub fn fit(mut self, width: usize) -> Line {
        let w = self.width();
        if w < width {
            self.push(" ".repeat(width - w), Role::Text);
            return self;
        }
        if w == width {
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
        if w < width {
            out.push(" ".repeat(width - w), Role::Text);
        }
        out
    }
}

/// Lines of one width, with the pressable elements and the components drawn in them.
#[derive(Debug, Clone, Default)]
pub struct Block {
    pub width: usize,
    pub lines: Vec<Line>,
    pub hotspots: Vec<Hotspot>,
    /// Each component's lines, outermost first.
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
            l.push(" ".repeat(pad), Role::Text);
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
        for l in other.lines {
            let mut line = Line::default();
            line.push(" ".repeat(left), Role::Text);
            line.spans.extend(l.spans);
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
        self.nodes.insert(0, (id, from..self.lines.len()));
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
            top.spans.extend(t.spans);
        }
        top.push("─".repeat(width.saturating_sub(used + 1)), Role::Border);
        top.push(tr.to_string(), Role::Border);
        out.line(top);
        let inner_top = out.lines.len();
        for l in inner.lines {
            let mut line = Line::default();
            line.push("│ ", Role::Border);
            line.spans.extend(l.fit(width.saturating_sub(4)).spans);
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
                    Some(l) => line.spans.extend(l.spans.iter().cloned()),
                    None => {
                        line.push(" ".repeat(b.width), Role::Text);
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
