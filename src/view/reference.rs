//! `$.` references: a string that is wholly `$.Name` or `$.A.B[0].C` declares a
//! runtime input of the view.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Segment {
    Key(String),
    Index(usize),
}

/// A well-formed reference path: the first segment is always a key (the input name).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Reference {
    pub segments: Vec<Segment>,
}

impl Reference {
    pub fn input_name(&self) -> &str {
        match &self.segments[0] {
            Segment::Key(k) => k,
            Segment::Index(_) => unreachable!("a reference starts with a key"),
        }
    }
}

impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("$")?;
        for s in &self.segments {
            match s {
                Segment::Key(k) => write!(f, ".{k}")?,
                Segment::Index(i) => write!(f, "[{i}]")?,
            }
        }
        Ok(())
    }
}

/// What a string value is, as far as references go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Classified {
    /// An ordinary string.
    Literal,
    /// A whole-value reference.
    Reference(Reference),
    /// An integration reference (`$.#Name`), declared in Head rather than as an input.
    Integration,
    /// Starts with `$.` but is not a well-formed path; the text says why.
    Malformed(String),
    /// A reference inside a longer string, at this byte offset: it renders literally.
    Embedded(usize),
}

fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '-'
}

pub fn classify(s: &str) -> Classified {
    if let Some(rest) = s.strip_prefix("$.") {
        if rest.starts_with('#') {
            return Classified::Integration;
        }
        return match parse_path(rest) {
            Ok(segments) => Classified::Reference(Reference { segments }),
            Err(why) => Classified::Malformed(why),
        };
    }
    let bytes = s.as_bytes();
    let mut from = 0;
    while let Some(i) = s[from..].find("$.") {
        let at = from + i;
        if let Some(c) = s[at + 2..].chars().next()
            && (c.is_alphabetic() || c == '_')
            && (at == 0 || !bytes[at - 1].is_ascii_alphanumeric())
        {
            return Classified::Embedded(at);
        }
        from = at + 2;
    }
    Classified::Literal
}

fn parse_path(rest: &str) -> Result<Vec<Segment>, String> {
    let mut segments = Vec::new();
    let mut chars = rest.char_indices().peekable();
    let mut expect_key = true;
    loop {
        if expect_key {
            let start = chars.peek().map(|&(i, _)| i).unwrap_or(rest.len());
            while chars.peek().is_some_and(|&(_, c)| is_name_char(c)) {
                chars.next();
            }
            let end = chars.peek().map(|&(i, _)| i).unwrap_or(rest.len());
            if start == end {
                return Err(match chars.peek() {
                    None if segments.is_empty() => "there is no input name after \"$.\"".into(),
                    None => "the path ends with \".\": a name must follow it".into(),
                    Some(&(_, c)) => {
                        format!("\"{c}\" cannot start a name: names use letters, digits, _ and -")
                    }
                });
            }
            segments.push(Segment::Key(rest[start..end].to_string()));
            expect_key = false;
        }
        match chars.next() {
            None => return Ok(segments),
            Some((_, '.')) => expect_key = true,
            Some((i, '[')) => {
                let digits_start = i + 1;
                let mut end = digits_start;
                while let Some(&(j, c)) = chars.peek() {
                    if c.is_ascii_digit() {
                        chars.next();
                        end = j + 1;
                    } else {
                        break;
                    }
                }
                match chars.next() {
                    Some((_, ']')) if end > digits_start => {
                        let index = rest[digits_start..end]
                            .parse::<usize>()
                            .map_err(|_| "the array index is too large".to_string())?;
                        segments.push(Segment::Index(index));
                    }
                    Some((_, ']')) => return Err("\"[]\" needs an index, such as [0]".into()),
                    _ => {
                        return Err(
                            "an array index is a whole number in brackets, such as [0]".into()
                        );
                    }
                }
            }
            Some((_, c)) if c.is_whitespace() => {
                return Err(
                    "a reference cannot contain spaces; to mix text and a reference, split them \
                     into Content items"
                        .into(),
                );
            }
            Some((_, c)) => {
                return Err(format!(
                    "\"{c}\" is not allowed in a reference path: names use letters, digits, _ and -"
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(k: &str) -> Segment {
        Segment::Key(k.into())
    }

    #[test]
    fn whole_references_parse_into_paths() {
        assert_eq!(
            classify("$.A.B[0].C"),
            Classified::Reference(Reference {
                segments: vec![key("A"), key("B"), Segment::Index(0), key("C")]
            })
        );
        assert_eq!(classify("$.Name").to_string_lossy(), "$.Name");
        assert_eq!(classify("$.#Crm"), Classified::Integration);
    }

    #[test]
    fn malformed_references_say_why() {
        for bad in [
            "$.", "$.A.", "$.A..B", "$.A[x]", "$.A[]", "$.A[0", "$.A B", "$.A!",
        ] {
            assert!(matches!(classify(bad), Classified::Malformed(_)), "{bad}");
        }
    }

    #[test]
    fn embedded_references_are_found() {
        assert_eq!(classify("Hello $.Name"), Classified::Embedded(6));
        assert_eq!(classify("costs $.50"), Classified::Literal);
        assert_eq!(classify("plain"), Classified::Literal);
    }

    impl Classified {
        fn to_string_lossy(&self) -> String {
            match self {
                Classified::Reference(r) => r.to_string(),
                other => format!("{other:?}"),
            }
        }
    }
}
