//! Diagnostics for people (compiler style) and for programs (JSON).

use std::fmt::Write;
use std::path::Path;

use serde::Serialize;

use super::Diagnostic;
use super::source::{LineCol, LineIndex};

/// How many diagnostics of one file get a full code frame; the rest are counted by code.
pub const FRAMES: usize = 50;

/// `PATH:LINE:COL: error[CV041]: message`, the source line, and a caret under the range, for
/// the first [`FRAMES`] diagnostics; then how many more there are of each code. Linear in the
/// number of diagnostics, even on a 12 MB template that is one line.
pub fn render_text(path: &Path, source: &str, diagnostics: &[Diagnostic]) -> String {
    let index = LineIndex::new(source);
    let mut out = String::new();
    for d in diagnostics.iter().take(FRAMES) {
        frame(&mut out, path, source, &index, d);
    }
    if diagnostics.len() > FRAMES {
        let mut counts: Vec<(crate::view::Code, crate::view::Severity, usize)> = Vec::new();
        for d in &diagnostics[FRAMES..] {
            match counts
                .iter_mut()
                .find(|(c, s, _)| *c == d.code && *s == d.severity)
            {
                Some(entry) => entry.2 += 1,
                None => counts.push((d.code, d.severity, 1)),
            }
        }
        counts.sort_by(|a, b| b.1.cmp(&a.1).then(b.2.cmp(&a.2)));
        let _ = writeln!(
            out,
            "{}: {} more not shown (`--format json` lists every one):",
            path.display(),
            diagnostics.len() - FRAMES
        );
        for (code, severity, n) in counts {
            let _ = writeln!(out, "  {n:>7} {severity}[{code}]: {}", code.title());
        }
        out.push('\n');
    }
    out
}

fn frame(out: &mut String, path: &Path, source: &str, index: &LineIndex, d: &Diagnostic) {
    let Some(loc) = &d.location else {
        let _ = writeln!(
            out,
            "{}: {}[{}]: {} (at {})",
            path.display(),
            d.severity,
            d.code,
            d.message,
            if d.pointer.is_empty() {
                "/"
            } else {
                &d.pointer
            }
        );
        if let Some(note) = &d.note {
            let _ = writeln!(out, "  = {note}");
        }
        out.push('\n');
        return;
    };
    let _ = writeln!(
        out,
        "{}:{}:{}: {}[{}]: {}",
        path.display(),
        loc.start.line,
        loc.start.column,
        d.severity,
        d.code,
        d.message
    );
    let line_range = index.line_range(source, loc.start.line);
    let at = loc.range.start.clamp(line_range.start, line_range.end);
    let at = crate::view::source::floor_char_boundary(source, at);
    // Keep very long lines (minified templates) readable: a window around the column, cut
    // from the line without copying or counting the rest of it.
    let (shown, caret) = window(&source[line_range.clone()], at - line_range.start);
    let width = if loc.end.line == loc.start.line {
        loc.end.column.saturating_sub(loc.start.column).max(1)
    } else {
        1
    }
    .min(80)
    .min(shown.chars().count().saturating_sub(caret).max(1));
    let gutter = loc.start.line.to_string().len();
    let _ = writeln!(out, "{:gutter$} |", "");
    let _ = writeln!(out, "{} | {}", loc.start.line, shown);
    let _ = writeln!(
        out,
        "{:gutter$} | {}{}",
        "",
        " ".repeat(caret),
        "^".repeat(width)
    );
    if let Some(note) = &d.note {
        let _ = writeln!(out, "{:gutter$} = {note}", "");
    }
    if let Some(LineCol { line, column }) = d.related_at {
        let _ = writeln!(
            out,
            "{:gutter$} = note: the first is at {line}:{column}",
            ""
        );
    }
    out.push('\n');
}

/// At most `MAX` characters of `line` around byte offset `at` (tabs shown as spaces), and
/// the caret's column (in characters) within them.
fn window(line: &str, at: usize) -> (String, usize) {
    const MAX: usize = 160;
    const BEFORE: usize = 60;
    // A line that fits shows whole (bounded: a long line is never counted through).
    if line.len() <= 4 * MAX && line.chars().count() <= MAX {
        return (line.replace('\t', " "), line[..at].chars().count());
    }
    let (head, tail) = line.split_at(at);
    let before: Vec<char> = head.chars().rev().take(BEFORE + 1).collect();
    let whole = before.len() <= BEFORE;
    let before: String = before.into_iter().take(BEFORE).rev().collect();
    let caret = if whole {
        head.chars().count()
    } else {
        before.chars().count()
    };
    let start = if whole { head } else { &before };
    let room = MAX - caret.min(MAX);
    let after: String = tail.chars().take(room).collect();
    (format!("{start}{after}").replace('\t', " "), caret)
}

#[derive(Serialize)]
pub struct JsonDiagnostic<'a> {
    pub path: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub end: Option<LineCol>,
    pub severity: crate::view::Severity,
    pub code: crate::view::Code,
    pub message: &'a str,
    pub pointer: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<&'a str>,
}

pub fn to_json<'a>(path: &Path, diagnostics: &'a [Diagnostic]) -> Vec<JsonDiagnostic<'a>> {
    diagnostics
        .iter()
        .map(|d| JsonDiagnostic {
            path: path.display().to_string(),
            line: d.location.as_ref().map(|l| l.start.line),
            column: d.location.as_ref().map(|l| l.start.column),
            end: d.location.as_ref().map(|l| l.end),
            severity: d.severity,
            code: d.code,
            message: &d.message,
            pointer: &d.pointer,
            note: d.note.as_deref(),
        })
        .collect()
}
