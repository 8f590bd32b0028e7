//! Positions in source text: byte ranges, 1-based line:column, and maps from
//! offsets in an embedded template back to offsets in the file that holds it.

use std::ops::Range;

/// A 1-based line and column. Columns count characters, as rustc does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

/// Line starts of a text, for turning byte offsets into line:column in constant time
/// (a 12 MB one-line template has 100,000 diagnostics on one line: counting characters
/// from the line start each time would be quadratic).
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// For text that is not ASCII: every `CHUNK` bytes, a character boundary at or before it
    /// and the number of characters before that boundary.
    chars: Option<Vec<(usize, usize)>>,
}

const CHUNK: usize = 4096;

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr_newlines(text.as_bytes()).map(|i| i + 1));
        let chars = (!text.is_ascii()).then(|| {
            let mut table = Vec::with_capacity(text.len() / CHUNK + 1);
            let mut count = 0;
            let mut from = 0;
            for block in 0..=text.len() / CHUNK {
                let boundary = floor_char_boundary(text, block * CHUNK);
                count += text[from..boundary].chars().count();
                table.push((boundary, count));
                from = boundary;
            }
            table
        });
        LineIndex { starts, chars }
    }

    /// The number of characters before `offset` (a character boundary).
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        match &self.chars {
            None => offset,
            Some(table) => {
                let (boundary, count) = table[(offset / CHUNK).min(table.len() - 1)];
                count + text[boundary..offset].chars().count()
            }
        }
    }

    /// The line:column of a byte offset (clamped to the text).
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.starts[line];
        let column = self.chars_before(text, offset) - self.chars_before(text, start) + 1;
        LineCol {
            line: line + 1,
            column,
        }
    }

    /// The byte range of a 1-based line, without its line ending.
    pub fn line_range(&self, text: &str, line: usize) -> Range<usize> {
        let start = self
            .starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(text.len());
        let mut end = self
            .starts
            .get(line)
            .map(|&s| s.saturating_sub(1))
            .unwrap_or(text.len());
        if end > start && text.as_bytes()[end - 1] == b'\r' {
            end -= 1;
        }
        start..end.max(start)
    }

    /// The byte offset of a 1-based line:column (clamped to the text).
    pub fn offset(&self, text: &str, at: LineCol) -> usize {
        let range = self.line_range(text, at.line.max(1));
        let line = &text[range.clone()];
        let within = line
            .char_indices()
            .nth(at.column.saturating_sub(1))
            .map(|(i, _)| i)
            .unwrap_or(line.len());
        range.start + within
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }
}

/// The offsets of the newlines in `bytes`.
fn memchr_newlines(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    bytes
        .iter()
        .enumerate()
        .filter(|&(_, &b)| b == b'\n')
        .map(|(i, _)| i)
}

pub fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Maps byte offsets in an embedded text (a template) to byte offsets in the
/// text that holds it (a view file). Between two checkpoints offsets advance
/// one for one; a checkpoint starts wherever the two texts stop agreeing
/// (a removed indentation, an escape sequence).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OffsetMap {
    /// (offset in the embedded text, offset in the outer text), sorted.
    points: Vec<(usize, usize)>,
}

impl OffsetMap {
    /// The embedded text starts at `base` in the outer text and matches it byte for byte.
    pub fn shifted(base: usize) -> Self {
        OffsetMap {
            points: vec![(0, base)],
        }
    }

    pub fn identity() -> Self {
        Self::shifted(0)
    }

    pub fn push(&mut self, inner: usize, outer: usize) {
        if let Some(last) = self.points.last_mut()
            && last.0 == inner
        {
            last.1 = outer;
            return;
        }
        self.points.push((inner, outer));
    }

    pub fn map(&self, inner: usize) -> usize {
        let i = match self.points.binary_search_by(|p| p.0.cmp(&inner)) {
            Ok(i) => i,
            Err(0) => return inner,
            Err(i) => i - 1,
        };
        let (from, to) = self.points[i];
        to + (inner - from)
    }

    /// The offset in the embedded text that maps to `outer`, when one does (an offset
    /// inside a removed indentation or an escape sequence has none).
    pub fn unmap(&self, outer: usize) -> Option<usize> {
        let i = self
            .points
            .partition_point(|p| p.1 <= outer)
            .checked_sub(1)?;
        let (from, to) = self.points[i];
        let inner = from + (outer - to);
        (self.map(inner) == outer).then_some(inner)
    }

    pub fn map_range(&self, range: Range<usize>) -> Range<usize> {
        let start = self.map(range.start);
        let end = if range.end > range.start {
            self.map(range.end - 1) + 1
        } else {
            start
        };
        start..end.max(start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_from_one() {
        let text = "ab\nçd\r\nx";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 0), LineCol { line: 1, column: 1 });
        assert_eq!(idx.line_col(text, 3), LineCol { line: 2, column: 1 });
        // 'd' follows a two-byte character.
        assert_eq!(idx.line_col(text, 5), LineCol { line: 2, column: 2 });
        assert_eq!(idx.line_col(text, 8), LineCol { line: 3, column: 1 });
        assert_eq!(&text[idx.line_range(text, 2)], "çd");
        assert_eq!(idx.offset(text, LineCol { line: 2, column: 2 }), 5);
    }

    #[test]
    fn columns_on_long_non_ascii_lines_count_characters() {
        // Several checkpoint blocks, with multi-byte characters straddling their edges.
        let line: String = (0..5000)
            .map(|i| if i % 3 == 0 { 'é' } else { 'a' })
            .collect();
        let text = format!("x\n{line}\n€z");
        let idx = LineIndex::new(&text);
        for probe in [0, 1, 2, 3, 1000, 4095, 4096, 4097, 6000, text.len() - 1] {
            let probe = floor_char_boundary(&text, probe);
            let expected_line = text[..probe].matches('\n').count() + 1;
            let line_start = text[..probe].rfind('\n').map(|i| i + 1).unwrap_or(0);
            let expected_column = text[line_start..probe].chars().count() + 1;
            assert_eq!(
                idx.line_col(&text, probe),
                LineCol {
                    line: expected_line,
                    column: expected_column
                },
                "offset {probe}"
            );
        }
    }

    #[test]
    fn offset_map_follows_checkpoints() {
        let mut m = OffsetMap::shifted(10);
        m.push(5, 20);
        assert_eq!(m.map(0), 10);
        assert_eq!(m.map(4), 14);
        assert_eq!(m.map(5), 20);
        assert_eq!(m.map(7), 22);
        assert_eq!(m.map_range(3..6), 13..21);
    }
}
