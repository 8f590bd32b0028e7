//! A one-line input that edits like a shell line (readline's emacs keys, which bash, zsh and
//! fish share): the prompts, the metadata popup's fields and the palette's query.
//!
//! The text is the caller's `String`; the cursor is a character index, `None` meaning the
//! end (where typing goes until the cursor is moved, so text set from outside keeps it
//! there).

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::{Modifier, Style};
use ratatui::text::Span;

/// The cursor as a character index into `text`.
fn at(text: &str, cursor: Option<usize>) -> usize {
    let n = text.chars().count();
    cursor.map_or(n, |c| c.min(n))
}

/// The byte offset of character `i` of `text`.
fn byte(text: &str, i: usize) -> usize {
    text.char_indices().nth(i).map_or(text.len(), |(b, _)| b)
}

/// Where the word before character `i` starts (the spaces before it skipped, as Ctrl-W
/// and Alt-B go).
fn word_before(text: &str, i: usize) -> usize {
    let chars: Vec<char> = text.chars().collect();
    let mut j = i;
    while j > 0 && chars[j - 1].is_whitespace() {
        j -= 1;
    }
    while j > 0 && !chars[j - 1].is_whitespace() {
        j -= 1;
    }
    j
}

/// Where the word after character `i` ends (Alt-F).
fn word_after(text: &str, i: usize) -> usize {
    let chars: Vec<char> = text.chars().collect();
    let mut j = i;
    while j < chars.len() && chars[j].is_whitespace() {
        j += 1;
    }
    while j < chars.len() && !chars[j].is_whitespace() {
        j += 1;
    }
    j
}

/// Removes characters `from..to` of `text`.
fn remove(text: &mut String, from: usize, to: usize) {
    let (a, b) = (byte(text, from), byte(text, to));
    text.replace_range(a..b, "");
}

/// Inserts `s` at the cursor (one line: line breaks become spaces) and moves past it.
pub fn insert(text: &mut String, cursor: &mut Option<usize>, s: &str) {
    let s = s.replace(['\n', '\r'], " ");
    let i = at(text, *cursor);
    text.insert_str(byte(text, i), &s);
    if cursor.is_some() {
        *cursor = Some(i + s.chars().count());
    }
}

/// Takes a key that edits the line or moves in it. `true`: the key was a line key (the
/// text or the cursor may have changed); `false`: not one (the caller's, like Enter).
pub fn edit(text: &mut String, cursor: &mut Option<usize>, key: &KeyEvent) -> bool {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    let n = text.chars().count();
    let i = at(text, *cursor);
    let mut go = |to: usize| *cursor = if to >= n { None } else { Some(to) };
    match key.code {
        KeyCode::Char(c) if !ctrl && !alt => {
            insert(text, cursor, &c.to_string());
            return true;
        }
        // (A letter without Ctrl or Alt was typed above.)
        KeyCode::Char('a') | KeyCode::Home => go(0),
        KeyCode::Char('e') | KeyCode::End => go(n),
        KeyCode::Char('b') if alt => go(word_before(text, i)),
        KeyCode::Char('f') if alt => go(word_after(text, i)),
        KeyCode::Char('b') => go(i.saturating_sub(1)),
        KeyCode::Char('f') => go(i + 1),
        KeyCode::Left if ctrl || alt => go(word_before(text, i)),
        KeyCode::Right if ctrl || alt => go(word_after(text, i)),
        KeyCode::Left => go(i.saturating_sub(1)),
        KeyCode::Right => go(i + 1),
        KeyCode::Char('u') => {
            remove(text, 0, i);
            *cursor = (i < n).then_some(0);
        }
        KeyCode::Char('k') => remove(text, i, n),
        KeyCode::Char('w') | KeyCode::Backspace
            if key.code != KeyCode::Backspace || ctrl || alt =>
        {
            let from = word_before(text, i);
            remove(text, from, i);
            *cursor = cursor.map(|_| from);
        }
        KeyCode::Backspace if i > 0 => {
            remove(text, i - 1, i);
            *cursor = cursor.map(|_| i - 1);
        }
        KeyCode::Delete | KeyCode::Char('d') if i < n => {
            remove(text, i, i + 1);
            if i + 1 >= n {
                *cursor = None;
            }
        }
        KeyCode::Backspace | KeyCode::Delete => {}
        _ => return false,
    }
    true
}

/// The line as drawn: the text with the cursor's cell reversed (a reversed space at the
/// end), when it has the focus.
pub fn spans(text: &str, cursor: Option<usize>, focused: bool) -> Vec<Span<'static>> {
    if !focused {
        return vec![Span::raw(text.to_string())];
    }
    let i = at(text, cursor);
    let (a, b) = (byte(text, i), byte(text, i + 1));
    let reversed = Style::default().add_modifier(Modifier::REVERSED);
    let under = if a < text.len() { &text[a..b] } else { " " };
    vec![
        Span::raw(text[..a].to_string()),
        Span::styled(under.to_string(), reversed),
        Span::raw(text[b.min(text.len())..].to_string()),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    fn ctrl(c: char) -> KeyEvent {
        k(KeyCode::Char(c), KeyModifiers::CONTROL)
    }

    /// Types `keys` into `text` with the cursor at the end; the text and the cursor after.
    fn run(text: &str, keys: &[KeyEvent]) -> (String, usize) {
        let (mut t, mut c) = (text.to_string(), None);
        for key in keys {
            assert!(edit(&mut t, &mut c, key), "{key:?} is a line key");
        }
        let i = at(&t, c);
        (t, i)
    }

    #[test]
    fn it_edits_like_a_shell_line() {
        let none = KeyModifiers::NONE;
        // Ctrl-U kills to the start, Ctrl-K to the end.
        assert_eq!(run("Billing, Other", &[ctrl('u')]), (String::new(), 0));
        let left = k(KeyCode::Left, none);
        assert_eq!(
            run("abc def", &[left, left, left, ctrl('k')]),
            ("abc ".into(), 4)
        );
        // Ctrl-W takes the word before the cursor and the spaces after it.
        assert_eq!(
            run("Reason = Other  ", &[ctrl('w')]),
            ("Reason = ".into(), 9)
        );
        // Home/Ctrl-A and End/Ctrl-E; typing goes in at the cursor.
        let x = k(KeyCode::Char('X'), none);
        assert_eq!(run("bc", &[ctrl('a'), x]), ("Xbc".into(), 1));
        assert_eq!(
            run("bc", &[k(KeyCode::Home, none), x, k(KeyCode::End, none), x]),
            ("XbcX".into(), 4)
        );
        // Backspace and Delete at the cursor, in characters (not bytes).
        assert_eq!(
            run("été", &[left, k(KeyCode::Backspace, none)]),
            ("éé".into(), 1)
        );
        assert_eq!(
            run("été", &[ctrl('a'), k(KeyCode::Delete, none)]),
            ("té".into(), 0)
        );
        // Word moves.
        let alt_b = k(KeyCode::Char('b'), KeyModifiers::ALT);
        assert_eq!(run("one two", &[alt_b, x]), ("one Xtwo".into(), 5));
        // Enter is not a line key.
        let (mut t, mut c) = (String::new(), None);
        assert!(!edit(&mut t, &mut c, &k(KeyCode::Enter, none)));
    }

    #[test]
    fn the_cursor_is_drawn_where_it_is() {
        let s = spans("abc", Some(1), true);
        assert_eq!(
            s.iter().map(|s| s.content.as_ref()).collect::<Vec<_>>(),
            ["a", "b", "c"]
        );
        let s = spans("abc", None, true);
        assert_eq!(s[1].content, " ");
    }
}
