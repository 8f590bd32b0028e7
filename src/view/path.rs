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
        format_pointer(&self.base, &self.segments)
    }

    /// Saves where the walk is, cheaply (no formatting), to name it later.
    pub fn save(&self, into: &mut SavedPaths<'a>) -> SavedPath {
        let start = into.segments.len();
        into.segments.extend_from_slice(&self.segments);
        SavedPath {
            start,
            len: self.segments.len(),
        }
    }

    /// The pointer of a saved place, under this path's base.
    pub fn saved_pointer(&self, saved: &SavedPaths<'a>, at: SavedPath) -> String {
        format_pointer(&self.base, &saved.segments[at.start..at.start + at.len])
    }

    /// The pointer with one more key, without changing the path.
    pub fn pointer_with(&mut self, key: &'a str) -> String {
        self.push_key(key);
        let p = self.pointer();
        self.pop();
        p
    }
}

/// Places of a walk saved in one buffer (one allocation for all of them).
#[derive(Debug, Default)]
pub struct SavedPaths<'a> {
    segments: Vec<Segment<'a>>,
}

/// One place in [`SavedPaths`].
#[derive(Debug, Clone, Copy)]
pub struct SavedPath {
    start: usize,
    len: usize,
}

fn format_pointer(base: &str, segments: &[Segment<'_>]) -> String {
    let mut out = base.to_string();
    for s in segments {
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
        let mut saved = SavedPaths::default();
        let here = p.save(&mut saved);
        p.pop();
        p.push_key("other");
        assert_eq!(p.saved_pointer(&saved, here), "/Template/Body/0/a~1b~0c");
    }
}
