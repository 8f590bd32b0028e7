//! Diagnostics for people (compiler style) and for programs (JSON).

use std::fmt::Write;
use std::path::Path;

use serde::Serialize;

use crate::view::Diagnostic;
use crate::view::source::{LineCol, LineIndex};

/// `PATH:LINE:COL: error[CV041]: message`, the source line, and a caret under the range.
pub fn render_text(path: &Path, source: &str, diagnostics: &[Diagnostic]) -> String {
    let index = LineIndex::new(source);
    let mut out = String::new();
    for d in diagnostics {
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
            continue;
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
        let line = &source[line_range];
        let gutter = loc.start.line.to_string().len();
        let shown = line.replace('\t', " ");
        // Keep very long lines (minified templates) readable: show a window around the column.
        let (shown, offset) = window(&shown, loc.start.column);
        let end_col = if loc.end.line == loc.start.line {
            loc.end.column.max(loc.start.column + 1)
        } else {
            line.chars().count() + 1
        };
        let width = (end_col - loc.start.column).clamp(1, 80);
        let _ = writeln!(out, "{:gutter$} |", "");
        let _ = writeln!(out, "{} | {}", loc.start.line, shown);
        let _ = writeln!(
            out,
            "{:gutter$} | {}{}",
            "",
            " ".repeat(loc.start.column - 1 - offset),
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
    out
}

fn window(line: &str, column: usize) -> (String, usize) {
    const MAX: usize = 160;
    let count = line.chars().count();
    if count <= MAX {
        return (line.to_string(), 0);
    }
    let start = column.saturating_sub(60).min(count.saturating_sub(MAX));
    let text: String = line.chars().skip(start).take(MAX).collect();
    (text, start)
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
