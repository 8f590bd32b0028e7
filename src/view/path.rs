//! A JSON pointer built up during a walk, formatted only when a diagnostic needs it.

use std::fmt::Write;

#[derive(Debug, Clone, Copy)]
enum Segment<'a> {
    Key(&'a str),
    Index(usize),
}

#[derive(Debug, Clone)]
pub struct Path<'a> {
    base: String,
    segments: Vec<Segment<'a>>,
}

impl<'a> Path<'a> {
    pub fn new(base: &str) -> Self {
        Path {
            base: base.to_string(),
            segments: Vec::with_capacity(16),
        }
    }

    pub fn push_key(&mut self, key: &'a str) {
        self.segments.push(Segment::Key(key));
    }

    pub fn push_index(&mut self, index: usize) {
        self.segments.push(Segment::Index(index));
    }

    pub fn pop(&mut self) {
        self.segments.pop();
    }

    /// RFC 6901 JSON pointer.
    pub fn pointer(&self) -> String {
        let mut out = self.base.clone();
        for s in &self.segments {
            out.push('/');
            match s {
                Segment::Key(k) => push_token(&mut out, k),
                Segment::Index(i) => {
                    let _ = write!(out, "{i}");
                }
            }
        }
        out
    }

    /// The pointer with one more key, without changing the path.
    pub fn pointer_with(&mut self, key: &'a str) -> String {
        self.push_key(key);
        let p = self.pointer();
        self.pop();
        p
    }
}

/// Appends a key as a JSON pointer reference token (`~` as `~0`, `/` as `~1`).
pub fn push_token(out: &mut String, key: &str) {
    for c in key.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            c => out.push(c),
        }
    }
}

/// A key as a JSON pointer reference token.
pub fn token(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    push_token(&mut out, key);
    out
}

/// A JSON pointer reference token back to its key.
pub fn untoken(raw: &str) -> String {
    raw.replace("~1", "/").replace("~0", "~")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_escape_slash_and_tilde() {
        let mut p = Path::new("/Template");
        p.push_key("Body");
        p.push_index(0);
        p.push_key("a/b~c");
        assert_eq!(p.pointer(), "/Template/Body/0/a~1b~0c");
    }
}
