//! Syntax highlighting of the template with syntect, cached per line. A frame
//! highlights only the visible lines; an edit invalidates from the edited line on,
//! and cached lines are reused as soon as the parse state agrees again.

use std::sync::OnceLock;

use syntect::parsing::{
    ParseState, Scope, ScopeStack, SyntaxDefinition, SyntaxSet, SyntaxSetBuilder,
};

use super::theme::Role;

struct Syntax {
    set: SyntaxSet,
    scopes: Vec<(Scope, Role)>,
}

fn syntax() -> &'static Syntax {
    static SYNTAX: OnceLock<Syntax> = OnceLock::new();
    SYNTAX.get_or_init(|| {
        let def = SyntaxDefinition::load_from_str(
            include_str!("../../assets/syntax/json.sublime-syntax"),
            false,
            None,
        )
        .expect("assets/syntax/json.sublime-syntax is valid");
        let mut builder = SyntaxSetBuilder::new();
        builder.add(def);
        let scope = |s: &str| Scope::new(s).expect("valid scope");
        Syntax {
            set: builder.build(),
            // Most specific first.
            scopes: vec![
                (scope("comment"), Role::Comment),
                (scope("invalid"), Role::Invalid),
                (scope("variable.other.reference"), Role::Reference),
                (scope("meta.mapping.key"), Role::Key),
                (scope("string"), Role::String),
                (scope("constant.numeric"), Role::Number),
                (scope("constant.language"), Role::Literal),
                (scope("punctuation"), Role::Punctuation),
            ],
        }
    })
}

/// Styled byte ranges of one line.
pub type Spans = Vec<(usize, usize, Role)>;

#[derive(Clone)]
struct State {
    parse: ParseState,
    scopes: ScopeStack,
}

impl PartialEq for State {
    fn eq(&self, other: &Self) -> bool {
        self.parse == other.parse && self.scopes == other.scopes
    }
}

struct Line {
    hash: u64,
    start: State,
    end: State,
    spans: Spans,
}

#[derive(Default)]
pub struct Highlighter {
    lines: Vec<Option<Line>>,
    /// Lines before this one are known to be consistent from the first line on.
    valid_upto: usize,
}

fn fnv(s: &str) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

fn initial() -> State {
    let syn = syntax();
    State {
        parse: ParseState::new(&syn.set.syntaxes()[0]),
        scopes: ScopeStack::new(),
    }
}

fn role_of(stack: &ScopeStack) -> Role {
    let syn = syntax();
    // The table is in priority order: a key is a string too, but shows as a key.
    for (prefix, role) in &syn.scopes {
        if stack
            .as_slice()
            .iter()
            .any(|scope| prefix.is_prefix_of(*scope))
        {
            return *role;
        }
    }
    Role::Text
}

fn highlight_line(text: &str, start: &State) -> Line {
    let mut state = start.clone();
    let mut spans = Vec::new();
    let ops = state
        .parse
        .parse_line(text, &syntax().set)
        .unwrap_or_default();
    let mut at = 0;
    for (pos, op) in ops {
        if pos > at {
            spans.push((at, pos, role_of(&state.scopes)));
            at = pos;
        }
        let _ = state.scopes.apply(&op);
    }
    if at < text.len() {
        spans.push((at, text.len(), role_of(&state.scopes)));
    }
    Line {
        hash: fnv(text),
        start: start.clone(),
        end: state,
        spans,
    }
}

impl Highlighter {
    /// The buffer changed from `row` on; `old_len` and `new_len` are its line counts.
    pub fn edited(&mut self, row: usize, old_len: usize, new_len: usize) {
        self.valid_upto = self.valid_upto.min(row);
        let at = (row + 1).min(self.lines.len());
        if new_len > old_len {
            let n = new_len - old_len;
            self.lines
                .splice(at..at, std::iter::repeat_with(|| None).take(n));
        } else if old_len > new_len {
            let end = (at + old_len - new_len).min(self.lines.len());
            self.lines.drain(at..end);
        }
        if let Some(l) = self.lines.get_mut(row) {
            *l = None;
        }
    }

    /// Forgets everything (a new buffer).
    pub fn reset(&mut self) {
        self.lines.clear();
        self.valid_upto = 0;
    }

    /// Spans of `lines[from..to]`, highlighting what is missing or stale.
    pub fn visible(&mut self, lines: &[String], from: usize, to: usize) -> Vec<&Spans> {
        self.prepare(lines, to);
        self.spans(from, to)
    }

    /// Highlights what is missing or stale in `lines[..to]` (only what changed is done again).
    pub fn prepare(&mut self, lines: &[String], to: usize) {
        let to = to.min(lines.len());
        self.lines.resize_with(lines.len(), || None);
        if self.valid_upto >= to {
            return;
        }
        let mut state = match self
            .valid_upto
            .checked_sub(1)
            .and_then(|i| self.lines[i].as_ref())
        {
            Some(prev) => prev.end.clone(),
            None => {
                self.valid_upto = 0;
                initial()
            }
        };
        let from_row = self.valid_upto;
        for (slot, text) in self.lines[from_row..to]
            .iter_mut()
            .zip(&lines[from_row..to])
        {
            let reuse = matches!(slot, Some(l) if l.start == state && l.hash == fnv(text));
            if !reuse {
                *slot = Some(highlight_line(text, &state));
            }
            state = slot.as_ref().map(|l| l.end.clone()).unwrap_or_else(initial);
        }
        self.valid_upto = to;
    }

    /// The spans [`Highlighter::prepare`] made for `from..to` (a line it has not reached
    /// has none, and is drawn plain).
    pub fn spans(&self, from: usize, to: usize) -> Vec<&Spans> {
        static NONE: Spans = Vec::new();
        (from..to)
            .map(|row| {
                let fresh = row < self.valid_upto;
                match self.lines.get(row) {
                    Some(Some(line)) if fresh => &line.spans,
                    _ => &NONE,
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles(line: &str) -> Vec<(String, Role)> {
        let mut h = Highlighter::default();
        let lines = vec![line.to_string()];
        h.visible(&lines, 0, 1)[0]
            .iter()
            .filter(|s| line[s.0..s.1].trim() != "")
            .map(|s| (line[s.0..s.1].to_string(), s.2))
            .collect()
    }

    #[test]
    fn keys_strings_references_and_literals() {
        let r = roles(r#"  "Heading": "$.Title", "Id": "x", "n": 12, "b": true"#);
        assert!(r.contains(&("\"Heading\"".into(), Role::Key)), "{r:?}");
        assert!(
            r.contains(&("\"$.Title\"".into(), Role::Reference)),
            "{r:?}"
        );
        assert!(r.contains(&("\"x\"".into(), Role::String)), "{r:?}");
        assert!(r.contains(&("12".into(), Role::Number)), "{r:?}");
        assert!(r.contains(&("true".into(), Role::Literal)), "{r:?}");
    }

    #[test]
    fn block_comments_carry_state_and_edits_invalidate_it() {
        let mut h = Highlighter::default();
        let mut lines: Vec<String> = vec!["/* a".into(), "\"b\"".into(), "*/ 1".into()];
        assert_eq!(h.visible(&lines, 1, 2)[0][0].2, Role::Comment);
        // Close the comment on the first line: the second line becomes a string.
        lines[0] = "/* a */".into();
        h.edited(0, 3, 3);
        assert_eq!(h.visible(&lines, 1, 2)[0][0].2, Role::String);
        // Insert a line before: everything shifts and stays right.
        lines.insert(0, "{".into());
        h.edited(0, 3, 4);
        assert_eq!(h.visible(&lines, 2, 3)[0][0].2, Role::String);
    }
}
