//! Byte offsets and (row, column in characters) positions of text held as lines.

/// The byte offset of (row, column in characters) in `lines` joined by `\n`.
pub fn offset_of(lines: &[String], row: usize, col: usize) -> usize {
    let before: usize = lines.iter().take(row).map(|l| l.len() + 1).sum();
    let in_line = lines
        .get(row)
        .map(|l| l.char_indices().nth(col).map(|(i, _)| i).unwrap_or(l.len()))
        .unwrap_or(0);
    before + in_line
}

/// The (row, column in characters) of a byte offset in `lines` joined by `\n`.
pub fn row_col_of(lines: &[String], offset: usize) -> (usize, usize) {
    let mut start = 0;
    for (row, l) in lines.iter().enumerate() {
        let end = start + l.len();
        if offset <= end {
            let col = l[..(offset - start).min(l.len())].chars().count();
            return (row, col);
        }
        start = end + 1;
    }
    (lines.len().saturating_sub(1), 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_and_positions_round_trip() {
        let lines: Vec<String> = vec!["{".into(), "  \"é\": 1".into(), "}".into()];
        let text = lines.join("\n");
        let at = text.find('1').unwrap();
        assert_eq!(row_col_of(&lines, at), (1, 7));
        assert_eq!(offset_of(&lines, 1, 7), at);
        assert_eq!(offset_of(&lines, 2, 0), text.len() - 1);
    }
}
