//! An open document's text and LSP positions: a position is a line and a UTF-16 column
//! (the protocol's default encoding), a byte offset is what the domain speaks.

use lsp_types::{Position, Range, TextDocumentContentChangeEvent};

/// The text of one open document, with where each line starts.
#[derive(Debug, Clone)]
pub struct Text {
    pub text: String,
    line_starts: Vec<usize>,
}

impl Text {
    pub fn new(text: String) -> Text {
        let line_starts = starts(&text);
        Text { text, line_starts }
    }

    /// The byte offset of an LSP position (clamped to the line's end and the text's).
    pub fn offset(&self, p: Position) -> usize {
        let line = p.line as usize;
        let Some(&start) = self.line_starts.get(line) else {
            return self.text.len();
        };
        let end = self
            .line_starts
            .get(line + 1)
            .copied()
            .unwrap_or(self.text.len());
        let mut units = 0u32;
        for (i, c) in self.text[start..end].char_indices() {
            if units >= p.character || c == '\n' || c == '\r' {
                return start + i;
            }
            units += c.len_utf16() as u32;
        }
        end
    }

    /// The LSP position of a byte offset (clamped to the text, floored to a character).
    pub fn position(&self, offset: usize) -> Position {
        let offset = crate::view::source::floor_char_boundary(&self.text, offset);
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        let character = self.text[start..offset].encode_utf16().count() as u32;
        Position::new(line as u32, character)
    }

    pub fn range(&self, r: std::ops::Range<usize>) -> Range {
        Range::new(self.position(r.start), self.position(r.end))
    }

    /// Applies one change of `textDocument/didChange`: a range replaced, or (no range) the
    /// whole text.
    pub fn apply(&mut self, change: TextDocumentContentChangeEvent) {
        match change.range {
            Some(r) => {
                let (start, end) = (self.offset(r.start), self.offset(r.end));
                let end = end.max(start);
                self.text.replace_range(start..end, &change.text);
            }
            None => self.text = change.text,
        }
        self.line_starts = starts(&self.text);
    }
}

fn starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_utf16_units_and_round_trip() {
        // "é" is two bytes and one UTF-16 unit; "😀" four bytes and two units.
        let t = Text::new("{\n  \"é😀x\": 1\n}".into());
        let x = t.text.find('x').unwrap();
        assert_eq!(t.position(x), Position::new(1, 6));
        assert_eq!(t.offset(Position::new(1, 6)), x);
        // Past the line's end: the line's end, not the next line.
        assert_eq!(t.offset(Position::new(1, 99)), t.text.find("\n}").unwrap());
        assert_eq!(t.offset(Position::new(9, 0)), t.text.len());
    }

    #[test]
    fn incremental_changes_apply_in_order() {
        let mut t = Text::new("ab\ncd".into());
        t.apply(TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(1, 0), Position::new(1, 1))),
            range_length: None,
            text: "X\nY".into(),
        });
        assert_eq!(t.text, "ab\nX\nYd");
        assert_eq!(t.position(t.text.len()), Position::new(2, 2));
    }
}
