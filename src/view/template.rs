//! The template as data: parsing into `serde_json`, the compact form that is sent
//! to the service and the pretty form that is edited and diffed.

use serde_json::Value;

/// A parsed template (key order preserved).
#[derive(Debug, Clone, PartialEq)]
pub struct Template {
    pub value: Value,
}

impl Template {
    /// Parses template text. The error says what is wrong and where (line:column).
    pub fn parse(text: &str) -> Result<Template, String> {
        serde_json::from_str(text)
            .map(|value| Template { value })
            .map_err(|e| format!("the template is not valid JSON: {e}"))
    }

    /// The compact serialization that is sent to the service.
    pub fn to_compact(&self) -> String {
        serde_json::to_string(&self.value).expect("a JSON value always serializes")
    }

    /// The canonical pretty form (2-space indentation).
    pub fn to_pretty(&self) -> String {
        serde_json::to_string_pretty(&self.value).expect("a JSON value always serializes")
    }
}

pub fn compact(text: &str) -> Result<String, String> {
    Template::parse(text).map(|t| t.to_compact())
}

pub fn pretty(text: &str) -> Result<String, String> {
    Template::parse(text).map(|t| t.to_pretty())
}

/// The length in bytes of `s` as a JSON string literal written by `serde_json` (quotes included).
pub fn escaped_len(s: &str) -> usize {
    let mut n = s.len() + 2;
    for b in s.bytes() {
        n += match b {
            b'"' | b'\\' | b'\n' | b'\r' | b'\t' | 0x08 | 0x0c => 1,
            0x00..=0x1f => 5,
            _ => 0,
        };
    }
    n
}

/// The length of the compact serialization of a spanned value, without building it.
pub fn compact_len(value: &jsonc_parser::ast::Value<'_>) -> usize {
    use jsonc_parser::ast::Value as V;
    match value {
        V::StringLit(s) => escaped_len(&s.value),
        V::NumberLit(n) => n.value.len(),
        V::BooleanLit(b) => {
            if b.value {
                4
            } else {
                5
            }
        }
        V::NullKeyword(_) => 4,
        V::Array(a) => {
            2 + a.elements.len().saturating_sub(1)
                + a.elements.iter().map(compact_len).sum::<usize>()
        }
        V::Object(o) => {
            2 + o.properties.len().saturating_sub(1)
                + o.properties
                    .iter()
                    .map(|p| escaped_len(p.name.as_str()) + 1 + compact_len(&p.value))
                    .sum::<usize>()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_len_matches_serde_json() {
        let text = r#"{ "a" : [1, true, null, "x\"y\n\u0001é"], "b": {"c": false}, "d": [] }"#;
        let (v, _) = crate::view::json::parse(text, "").unwrap();
        assert_eq!(compact_len(&v), compact(text).unwrap().len());
    }

    #[test]
    fn compact_keeps_key_order() {
        assert_eq!(
            compact("{\"b\": 1, \"a\": 2}").unwrap(),
            "{\"b\":1,\"a\":2}"
        );
        let err = compact("{\"b\": }").unwrap_err();
        assert!(err.contains("line 1 column 7"), "{err}");
    }
}
