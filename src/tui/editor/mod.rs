//! The template editor: the one module that owns the `TextArea`. The rest of the app
//! sees `apply`, `text`, `revision`, `set_text`, the cursor and `render`; swapping the
//! widget crate touches this module only. Rendering is ours (`draw`): line numbers, diagnostics
//! in the gutter and underlined, and syntect highlighting of the visible lines.

use ratatui::layout::Rect;
use tui_textarea::{CursorMove, Input, Key, TextArea};

mod draw;
mod offsets;

pub use offsets::{offset_of, row_col_of};

use super::highlight::Highlighter;
use crate::view::Severity;

/// A diagnostic's place on one line, in characters (0-based, end exclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Marker {
    pub row: usize,
    pub start: usize,
    pub end: usize,
    pub severity: Severity,
}

/// What an edit was, for grouping a burst of typing into one undo step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Burst {
    Typing,
    Deleting,
}

/// The most edits one undo step takes back.
const BURST_MAX: usize = 64;

pub struct Editor {
    area: TextArea<'static>,
    revision: u64,
    /// The widget's history counts single edits; these count undo steps: how many of
    /// its edits each step takes back (a burst of typing is one step).
    undo_steps: Vec<usize>,
    redo_steps: Vec<usize>,
    burst: Option<Burst>,
    top_row: usize,
    top_col: usize,
    height: usize,
    highlighter: Highlighter,
    /// The cursor's byte offset, remembered for the revision and place it was found at
    /// (the panes ask for it several times a frame; finding it walks the lines before it).
    offset_seen: std::cell::Cell<Option<(u64, usize, usize, usize)>>,
}

impl Editor {
    pub fn new(text: &str) -> Editor {
        let mut e = Editor {
            area: TextArea::default(),
            revision: 0,
            undo_steps: Vec::new(),
            redo_steps: Vec::new(),
            burst: None,
            top_row: 0,
            top_col: 0,
            height: 20,
            highlighter: Highlighter::default(),
            offset_seen: std::cell::Cell::new(None),
        };
        e.load(text);
        e
    }

    fn load(&mut self, text: &str) {
        let lines: Vec<String> = text
            .split('\n')
            .map(|l| l.trim_end_matches('\r').to_string())
            .collect();
        let mut area = TextArea::new(lines);
        area.set_tab_length(2);
        area.set_max_histories(10_000);
        self.area = area;
        self.undo_steps.clear();
        self.redo_steps.clear();
        self.burst = None;
        self.top_row = 0;
        self.top_col = 0;
        self.highlighter.reset();
    }

    /// Replaces the whole text (a new document); the cursor goes to the start.
    pub fn set_text(&mut self, text: &str) {
        self.load(text);
        self.revision += 1;
    }

    /// Bumped by every change of the text.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    pub fn lines(&self) -> &[String] {
        self.area.lines()
    }

    pub fn text(&self) -> String {
        self.area.lines().join("\n")
    }

    /// (row, column) of the cursor, 0-based, column in characters.
    pub fn cursor(&self) -> (usize, usize) {
        self.area.cursor()
    }

    fn changed(&mut self, before: (usize, usize), old_len: usize) {
        let row = before.0.min(self.area.cursor().0);
        self.highlighter
            .edited(row, old_len, self.area.lines().len());
        self.revision += 1;
    }

    fn edit(&mut self, f: impl FnOnce(&mut TextArea<'static>) -> bool) -> bool {
        self.edit_as(None, false, f)
    }

    /// Whether a selection with something in it is active.
    fn has_selection(&self) -> bool {
        self.area.selection_range().is_some_and(|(s, e)| s != e)
    }

    /// An edit, recorded as part of the running burst of its kind or as a step of its own.
    /// `inserts`: it writes text, so over a selection the widget records two edits (the
    /// selection deleted, then the text) that one undo step must take back together.
    fn edit_as(
        &mut self,
        kind: Option<Burst>,
        inserts: bool,
        f: impl FnOnce(&mut TextArea<'static>) -> bool,
    ) -> bool {
        let before = self.area.cursor();
        let old_len = self.area.lines().len();
        let over_selection = inserts && self.has_selection();
        let modified = f(&mut self.area);
        if modified {
            self.changed(before, old_len);
            let entries = 1 + usize::from(over_selection);
            // Typing over a selection starts a step of its own.
            let kind = if over_selection { None } else { kind };
            match self.undo_steps.last_mut() {
                Some(n) if kind.is_some() && self.burst == kind && *n < BURST_MAX => *n += entries,
                _ => self.undo_steps.push(entries),
            }
            self.redo_steps.clear();
            self.burst = kind;
        } else {
            self.burst = None;
        }
        modified
    }

    /// Whether a key only moves the cursor or the selection (what a read-only buffer lets
    /// through): arrows, Home, End and the pages, with Shift, Ctrl or Alt.
    pub fn only_moves(key: &crossterm::event::KeyEvent) -> bool {
        use crossterm::event::KeyCode as K;
        matches!(
            key.code,
            K::Left | K::Right | K::Up | K::Down | K::Home | K::End | K::PageUp | K::PageDown
        )
    }

    /// A key for the text itself (typing, moving, deleting). True when the text changed.
    /// PageUp/PageDown move a page, Ctrl-Home/Ctrl-End go to the start and end.
    pub fn apply(&mut self, input: impl Into<Input>) -> bool {
        let input = input.into();
        let plain = !input.ctrl && !input.alt;
        match input.key {
            Key::PageUp | Key::PageDown if plain => {
                let (row, col) = self.area.cursor();
                let page = self.height.saturating_sub(1).max(1);
                let row = if input.key == Key::PageUp {
                    row.saturating_sub(page)
                } else {
                    (row + page).min(self.area.lines().len().saturating_sub(1))
                };
                self.select_or_cancel(input.shift);
                self.area.move_cursor(CursorMove::Jump(
                    row.min(u16::MAX as usize) as u16,
                    col.min(u16::MAX as usize) as u16,
                ));
                self.top_row = self.top_row.min(row);
                self.burst = None;
                return false;
            }
            Key::Home | Key::End if input.ctrl && !input.alt => {
                self.select_or_cancel(input.shift);
                if input.key == Key::Home {
                    self.area.move_cursor(CursorMove::Top);
                    self.area.move_cursor(CursorMove::Head);
                } else {
                    self.area.move_cursor(CursorMove::Bottom);
                    self.area.move_cursor(CursorMove::End);
                }
                self.burst = None;
                return false;
            }
            _ => {}
        }
        let kind = match input.key {
            Key::Char(_) if plain => Some(Burst::Typing),
            Key::Backspace | Key::Delete if plain => Some(Burst::Deleting),
            _ => None,
        };
        let inserts = matches!(input.key, Key::Char(_) | Key::Enter | Key::Tab) && plain;
        self.edit_as(kind, inserts, |a| a.input(input))
    }

    fn select_or_cancel(&mut self, shift: bool) {
        if shift {
            if !self.area.is_selecting() {
                self.area.start_selection();
            }
        } else {
            self.area.cancel_selection();
        }
    }

    /// Inserts text at the cursor as one edit (a paste).
    pub fn insert(&mut self, text: &str) -> bool {
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        self.edit_as(None, true, |a| a.insert_str(&text))
    }

    /// Replaces the characters from `start` to `end` ((row, column in characters), end
    /// exclusive) with `text`, as one undo step: the one way for a change that is not typing
    /// (a palette insert, an inspector edit, a tree move) to reach the text.
    pub fn replace(&mut self, start: (usize, usize), end: (usize, usize), text: &str) -> bool {
        let clamp = |(r, c): (usize, usize)| {
            (
                r.min(u16::MAX as usize) as u16,
                c.min(u16::MAX as usize) as u16,
            )
        };
        self.area.cancel_selection();
        let (r, c) = clamp(start);
        self.area.move_cursor(CursorMove::Jump(r, c));
        if start != end {
            self.area.start_selection();
            let (r, c) = clamp(end);
            self.area.move_cursor(CursorMove::Jump(r, c));
        }
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        // An empty replacement deletes the range (through the widget's cut, which also
        // keeps it in the editor's paste buffer).
        let changed = self.edit_as(None, !text.is_empty(), |a| {
            if text.is_empty() {
                a.cut()
            } else {
                a.insert_str(&text)
            }
        });
        self.area.cancel_selection();
        changed
    }

    /// Replaces the bytes `range` of the text with `text` as one undo step (the one way for a
    /// change that is not typing: tree operations, fixes, completions).
    pub fn replace_range(&mut self, range: std::ops::Range<usize>, text: &str) -> bool {
        let start = row_col_of(self.lines(), range.start);
        let end = row_col_of(self.lines(), range.end);
        self.replace(start, end, text)
    }

    /// The cursor to a byte offset of the text.
    pub fn move_to_offset(&mut self, offset: usize) {
        let (row, col) = row_col_of(self.lines(), offset);
        self.move_to(row, col);
    }

    /// The cursor's byte offset in the text.
    pub fn cursor_offset(&self) -> usize {
        let (row, col) = self.cursor();
        if let Some((revision, r, c, offset)) = self.offset_seen.get()
            && (revision, r, c) == (self.revision, row, col)
        {
            return offset;
        }
        let offset = offset_of(self.lines(), row, col);
        self.offset_seen
            .set(Some((self.revision, row, col, offset)));
        offset
    }

    /// Replaces the whole text as one undo step (a recovered draft: one undo shows what
    /// was opened). [`Editor::set_text`] is for a new document, with a new history.
    pub fn replace_all(&mut self, text: &str) -> bool {
        let last = self.area.lines().len().saturating_sub(1);
        let end = (last, self.area.lines()[last].chars().count());
        let changed = self.replace((0, 0), end, text);
        self.area.move_cursor(CursorMove::Top);
        self.area.move_cursor(CursorMove::Head);
        changed
    }

    /// The keys an editor for JSON does more with: Enter keeps the line's indentation and
    /// indents after `{` or `[` (and between a pair, opens a line for the inside); `{`, `[`
    /// and `"` insert their pair where nothing follows; a closing `}`, `]` or `"` typed
    /// before the same one steps over it. True when it handled the key (one undo step).
    pub fn smart_key(&mut self, key: &crossterm::event::KeyEvent) -> bool {
        use crossterm::event::{KeyCode, KeyModifiers};
        if key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
            || self.has_selection()
        {
            return false;
        }
        let (row, col) = self.area.cursor();
        let line = &self.area.lines()[row];
        let at = line.char_indices().nth(col).map_or(line.len(), |(i, _)| i);
        let (before, after) = line.split_at(at);
        let next = after.chars().next();
        let prev = before.chars().next_back();
        let free = |c: Option<char>| c.is_none_or(|c| c.is_whitespace() || ",:}]".contains(c));
        match key.code {
            KeyCode::Enter => {
                let indent: String = line
                    .chars()
                    .take_while(|c| *c == ' ' || *c == '\t')
                    .collect();
                let opens = before.trim_end().ends_with(['{', '[']);
                let closes = after.trim_start().starts_with(['}', ']']);
                let step = "  ";
                let (text, cursor_row, cursor_col) = match (opens, closes) {
                    (true, true) => (
                        format!("\n{indent}{step}\n{indent}"),
                        row + 1,
                        indent.chars().count() + step.len(),
                    ),
                    (true, false) => (
                        format!("\n{indent}{step}"),
                        row + 1,
                        indent.chars().count() + step.len(),
                    ),
                    _ => (format!("\n{indent}"), row + 1, indent.chars().count()),
                };
                // Spaces before the cursor's new line would be left trailing: cut them.
                let trailing = before.len() - before.trim_end().len();
                let start = (row, col - before[before.len() - trailing..].chars().count());
                let after_ws = after.len() - after.trim_start().len();
                let end = (row, col + after[..after_ws].chars().count());
                self.replace(start, end, &text) && {
                    self.move_to(cursor_row, cursor_col);
                    true
                }
            }
            KeyCode::Char(c @ ('{' | '[')) if free(next) => {
                let pair = if c == '{' { "{}" } else { "[]" };
                self.replace((row, col), (row, col), pair) && {
                    self.move_to(row, col + 1);
                    true
                }
            }
            KeyCode::Char(c @ ('}' | ']')) if next == Some(c) => {
                self.move_to(row, col + 1);
                self.burst = None;
                true
            }
            KeyCode::Char('"') if next == Some('"') && prev != Some('\\') => {
                self.move_to(row, col + 1);
                self.burst = None;
                true
            }
            KeyCode::Char('"')
                if free(next)
                    && prev.is_none_or(|p| !(p.is_alphanumeric() || p == '\\' || p == '"')) =>
            {
                self.replace((row, col), (row, col), "\"\"") && {
                    self.move_to(row, col + 1);
                    true
                }
            }
            _ => false,
        }
    }

    /// The screen cell of the cursor in `area` as last drawn (the area given to `render`).
    pub fn cursor_cell(&self, area: Rect) -> Option<(u16, u16)> {
        let digits = self.area.lines().len().to_string().len().max(3);
        let gutter = (digits + 2) as u16;
        let (row, col) = self.area.cursor();
        let dy = row.checked_sub(self.top_row)?;
        let dx = col.checked_sub(self.top_col)?;
        let x = area.x + gutter + u16::try_from(dx).ok()?;
        let y = area.y + u16::try_from(dy).ok()?;
        (x < area.x + area.width && y < area.y + area.height).then_some((x, y))
    }

    /// Ends the running burst of typing: what is typed next is an undo step of its own
    /// (something else changed in between).
    pub fn seal(&mut self) {
        self.burst = None;
    }

    pub fn can_undo(&self) -> bool {
        !self.undo_steps.is_empty()
    }

    /// How many undo steps there are.
    pub fn depth(&self) -> usize {
        self.undo_steps.len()
    }

    /// Whether a redo would do something.
    pub fn can_redo(&self) -> bool {
        !self.redo_steps.is_empty()
    }

    /// Takes back one step: a burst of typing (or of deleting) at once, else one edit.
    pub fn undo(&mut self) -> bool {
        let n = self.undo_steps.pop().unwrap_or(1);
        let done = self.repeat(n, |a| a.undo());
        if done > 0 {
            self.redo_steps.push(done);
        }
        done > 0
    }

    pub fn redo(&mut self) -> bool {
        let n = self.redo_steps.pop().unwrap_or(1);
        let done = self.repeat(n, |a| a.redo());
        if done > 0 {
            self.undo_steps.push(done);
        }
        done > 0
    }

    /// Runs a history move up to `n` times; how many took effect.
    fn repeat(&mut self, n: usize, mut f: impl FnMut(&mut TextArea<'static>) -> bool) -> usize {
        let before = self.area.cursor();
        let old_len = self.area.lines().len();
        let mut done = 0;
        while done < n && f(&mut self.area) {
            done += 1;
        }
        if done > 0 {
            self.changed(before, old_len);
        }
        self.burst = None;
        done
    }

    /// Moves the cursor to a 0-based row and column.
    pub fn move_to(&mut self, row: usize, col: usize) {
        let row = row.min(self.area.lines().len().saturating_sub(1));
        self.area.cancel_selection();
        self.area.move_cursor(CursorMove::Jump(
            row.min(u16::MAX as usize) as u16,
            col.min(u16::MAX as usize) as u16,
        ));
    }

    /// Copies the selection into the editor's own paste buffer.
    pub fn copy(&mut self) {
        self.area.copy();
    }

    /// Cuts the selection (one edit).
    pub fn cut(&mut self) -> bool {
        self.edit(|a| a.cut())
    }

    /// Pastes what was last cut or copied in the editor.
    pub fn paste(&mut self) -> bool {
        self.edit_as(None, true, |a| a.paste())
    }

    pub fn select_all(&mut self) {
        self.area.select_all();
    }

    /// The selected text, if any.
    pub fn selection(&self) -> Option<String> {
        let ((r0, c0), (r1, c1)) = self.area.selection_range()?;
        let lines = self.area.lines();
        let mut out = String::new();
        for (r, line) in lines.iter().enumerate().take(r1 + 1).skip(r0) {
            let chars: Vec<char> = line.chars().collect();
            let s = if r == r0 { c0 } else { 0 }.min(chars.len());
            let e = if r == r1 { c1 } else { chars.len() }.min(chars.len());
            out.extend(&chars[s..e.max(s)]);
            if r != r1 {
                out.push('\n');
            }
        }
        Some(out)
    }

    /// Finds `pattern` (a regular expression) from the cursor on. Err when it is not valid.
    pub fn search(&mut self, pattern: &str, backward: bool) -> Result<bool, String> {
        self.area
            .set_search_pattern(pattern)
            .map_err(|e| format!("not a valid search pattern: {e}"))?;
        Ok(if backward {
            self.area.search_back(false)
        } else {
            self.area.search_forward(false)
        })
    }

    /// Whether `pattern` is a search pattern the editor takes (why not, if not).
    pub fn check_pattern(pattern: &str) -> Result<(), String> {
        TextArea::default()
            .set_search_pattern(pattern)
            .map_err(|e| format!("not a valid search pattern: {e}"))
    }

    pub fn clear_search(&mut self) {
        let _ = self.area.set_search_pattern("");
    }

    /// The first visible row after the last render.
    pub fn top_row(&self) -> usize {
        self.top_row
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_remembered_cursor_offset_follows_edits_and_moves() {
        let mut e = Editor::new("{\n  \"a\": 1\n}");
        e.move_to_offset(9);
        assert_eq!(e.cursor_offset(), 9);
        e.insert("22");
        assert_eq!(e.cursor_offset(), 11, "an edit moves it");
        e.move_to_offset(2);
        assert_eq!(e.cursor_offset(), 2, "a move too");
        e.insert("\n");
        assert_eq!(e.cursor_offset(), 3, "after the new line: {:?}", e.text());
    }

    use super::*;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn key(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    #[test]
    fn edits_bump_the_revision_and_undo_restores() {
        let mut e = Editor::new("{\n}");
        let r0 = e.revision();
        assert!(e.apply(key('x')));
        assert_eq!(e.text(), "x{\n}");
        assert!(e.revision() > r0);
        assert!(
            !e.apply(KeyEvent::new(KeyCode::Right, KeyModifiers::NONE)),
            "a move is no edit"
        );
        assert!(e.undo());
        assert_eq!(e.text(), "{\n}");
        assert!(e.redo());
        assert_eq!(e.text(), "x{\n}");
    }

    #[test]
    fn a_paste_is_one_edit() {
        let mut e = Editor::new("");
        e.insert("{\r\n  \"a\": 1\r\n}");
        assert_eq!(e.text(), "{\n  \"a\": 1\n}");
        e.undo();
        assert_eq!(e.text(), "");
    }

    #[test]
    fn selection_and_search() {
        let mut e = Editor::new("abc\ndef");
        e.select_all();
        assert_eq!(e.selection().as_deref(), Some("abc\ndef"));
        e.move_to(0, 0);
        assert_eq!(e.search("de", false), Ok(true));
        assert_eq!(e.cursor(), (1, 0));
        assert!(e.search("(", false).is_err());
    }
}
