//! Spanned JSON parsing on top of `jsonc-parser`, which gives a byte range for
//! every value, keeps duplicate keys and bounds its nesting depth.
//!
//! The text is parsed as strict JSON. When that fails on a comment or a trailing
//! comma, it is parsed again leniently so that every comment and trailing comma
//! gets its own diagnostic and the rest of the template is still checked.

use std::ops::Range;

use jsonc_parser::ast::{Object, Value};
use jsonc_parser::errors::ParseErrorKind;
use jsonc_parser::tokens::Token;
use jsonc_parser::{CollectOptions, CommentCollectionStrategy, ParseOptions, parse_to_ast};

use super::diagnostic::{Code, Diagnostic};
use super::path::Path;

fn strict() -> ParseOptions {
    ParseOptions {
        allow_comments: false,
        allow_loose_object_property_names: false,
        allow_trailing_commas: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    }
}

/// The range of a value.
pub fn range_of(value: &Value<'_>) -> Range<usize> {
    let r = match value {
        Value::StringLit(v) => v.range,
        Value::NumberLit(v) => v.range,
        Value::BooleanLit(v) => v.range,
        Value::Object(v) => v.range,
        Value::Array(v) => v.range,
        Value::NullKeyword(v) => v.range,
    };
    r.start..r.end
}

/// The range of an object member's key.
pub fn key_range(prop: &jsonc_parser::ast::ObjectProp<'_>) -> Range<usize> {
    let r = match &prop.name {
        jsonc_parser::ast::ObjectPropName::String(s) => s.range,
        jsonc_parser::ast::ObjectPropName::Word(w) => w.range,
    };
    r.start..r.end
}

/// A JSON type name for messages.
pub fn kind_name(value: &Value<'_>) -> &'static str {
    match value {
        Value::StringLit(_) => "a string",
        Value::NumberLit(_) => "a number",
        Value::BooleanLit(_) => "a boolean",
        Value::Object(_) => "an object",
        Value::Array(_) => "an array",
        Value::NullKeyword(_) => "null",
    }
}

/// What a parsed value is, in words: "a string", "an array"...
pub fn value_kind(v: &serde_json::Value) -> &'static str {
    use serde_json::Value as J;
    match v {
        J::Null => "null",
        J::Bool(_) => "a boolean",
        J::Number(_) => "a number",
        J::String(_) => "a string",
        J::Array(_) => "an array",
        J::Object(_) => "an object",
    }
}

/// Parses `text`. Diagnostics carry ranges in `text` and pointers under `pointer_base`.
/// `Err` when nothing usable could be parsed; `Ok` may still carry error diagnostics
/// (comments, trailing commas, duplicate keys) found in an otherwise usable text.
pub fn parse<'a>(
    text: &'a str,
    pointer_base: &str,
) -> Result<(Value<'a>, Vec<Diagnostic>), Vec<Diagnostic>> {
    if text.trim().is_empty() {
        return Err(vec![Diagnostic::error(
            Code::Syntax,
            pointer_base,
            Some(0..0),
            "the text is empty: expected a JSON object such as {\"Head\": {...}, \"Body\": [...]}",
        )]);
    }
    let mut diagnostics = Vec::new();
    let value = match parse_to_ast(text, &CollectOptions::default(), &strict()) {
        Ok(result) => result.value,
        Err(err)
            if matches!(
                err.kind(),
                ParseErrorKind::CommentsNotAllowed | ParseErrorKind::TrailingCommasNotAllowed
            ) =>
        {
            let lenient = ParseOptions {
                allow_comments: true,
                allow_trailing_commas: true,
                ..strict()
            };
            let collect = CollectOptions {
                comments: CommentCollectionStrategy::AsTokens,
                tokens: true,
            };
            match parse_to_ast(text, &collect, &lenient) {
                Ok(result) => {
                    lenient_findings(
                        result.tokens.as_deref().unwrap_or(&[]),
                        pointer_base,
                        &mut diagnostics,
                    );
                    result.value
                }
                Err(_) => return Err(vec![syntax_error(text, &err, pointer_base)]),
            }
        }
        Err(err) => return Err(vec![syntax_error(text, &err, pointer_base)]),
    };
    let Some(value) = value else {
        return Err(vec![Diagnostic::error(
            Code::Syntax,
            pointer_base,
            Some(0..0),
            "the text holds no JSON value: expected a JSON object",
        )]);
    };
    let mut path = Path::new(pointer_base);
    find_duplicate_keys(&value, &mut path, &mut diagnostics);
    Ok((value, diagnostics))
}

fn lenient_findings(
    tokens: &[jsonc_parser::tokens::TokenAndRange<'_>],
    pointer: &str,
    out: &mut Vec<Diagnostic>,
) {
    let mut previous_comma: Option<Range<usize>> = None;
    for t in tokens {
        let range = t.range.start..t.range.end;
        match t.token {
            Token::CommentLine(_) | Token::CommentBlock(_) => {
                out.push(Diagnostic::error(
                    Code::Comment,
                    pointer,
                    Some(range),
                    "comments are not JSON and the service rejects them: delete the comment, or move \
                     the note into the view's Description",
                ));
                continue;
            }
            Token::CloseBrace | Token::CloseBracket => {
                if let Some(comma) = previous_comma.take() {
                    out.push(Diagnostic::error(
                        Code::TrailingComma,
                        pointer,
                        Some(comma),
                        "trailing comma: JSON allows no comma after the last member or item; delete it",
                    ));
                }
            }
            _ => {}
        }
        previous_comma = matches!(t.token, Token::Comma).then_some(t.range.start..t.range.end);
    }
}

fn syntax_error(text: &str, err: &jsonc_parser::errors::ParseError, pointer: &str) -> Diagnostic {
    use ParseErrorKind::*;
    let r = err.range();
    let mut range = r.start..r.end;
    let kind = err.kind();
    let (code, message) = match kind {
        NestingDepthExceeded => (
            Code::TooDeep,
            "the JSON is nested more than 512 levels deep; no view needs that, so this is most \
             likely a generated or corrupted file"
                .to_string(),
        ),
        ExpectedComma => (
            Code::Syntax,
            "expected a comma (,) between members, or the closing bracket".to_string(),
        ),
        ExpectedColonAfterObjectKey => (
            Code::Syntax,
            "expected a colon (:) after the key".to_string(),
        ),
        ExpectedObjectValue => (Code::Syntax, "expected a value after the colon".to_string()),
        ExpectedStringObjectProperty => (
            Code::Syntax,
            "expected a key in double quotes, such as \"Type\"".to_string(),
        ),
        SingleQuotedStringsNotAllowed => (
            Code::Syntax,
            "strings need double quotes in JSON: replace '...' with \"...\"".to_string(),
        ),
        UnexpectedWord => (
            Code::Syntax,
            "unexpected word: strings need double quotes, and the only bare words in JSON are \
             true, false and null"
                .to_string(),
        ),
        UnterminatedObject => {
            range = range.start..(range.start + 1).min(text.len());
            (
                Code::Syntax,
                "this object is never closed: add the missing }".to_string(),
            )
        }
        UnterminatedArray => {
            range = range.start..(range.start + 1).min(text.len());
            (
                Code::Syntax,
                "this array is never closed: add the missing ]".to_string(),
            )
        }
        MultipleRootJsonValues => (
            Code::Syntax,
            "unexpected text after the end of the JSON value".to_string(),
        ),
        HexadecimalNumbersNotAllowed
        | UnaryPlusNumbersNotAllowed
        | BareDecimalPointNumbersNotAllowed
        | NonFiniteNumbersNotAllowed => (
            Code::Syntax,
            format!("{kind}: JSON numbers are written like 12, -3 or 0.5"),
        ),
        _ => (
            Code::Syntax,
            format!("invalid JSON: {}", lowercase_first(&kind.to_string())),
        ),
    };
    Diagnostic::error(code, pointer, Some(range), message)
}

fn lowercase_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn find_duplicate_keys<'a>(value: &'a Value<'a>, path: &mut Path<'a>, out: &mut Vec<Diagnostic>) {
    match value {
        Value::Object(obj) => {
            check_object_keys(obj, path, out);
            for prop in &obj.properties {
                path.push_key(prop.name.as_str());
                find_duplicate_keys(&prop.value, path, out);
                path.pop();
            }
        }
        Value::Array(arr) => {
            for (i, item) in arr.elements.iter().enumerate() {
                path.push_index(i);
                find_duplicate_keys(item, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

fn check_object_keys<'a>(obj: &'a Object<'a>, path: &mut Path<'a>, out: &mut Vec<Diagnostic>) {
    let props = &obj.properties;
    let mut report = |first: usize, second: usize, path: &mut Path<'a>| {
        let key = props[second].name.as_str();
        path.push_key(key);
        out.push(
            Diagnostic::error(
                Code::DuplicateKey,
                path.pointer(),
                Some(key_range(&props[second])),
                format!(
                    "duplicate key \"{key}\": this object already has it, and the service would keep \
                     only one of the two; delete or rename one"
                ),
            )
            .with_related(Some(key_range(&props[first]))),
        );
        path.pop();
    };
    if props.len() <= 12 {
        for j in 1..props.len() {
            if let Some(i) = (0..j).find(|&i| props[i].name.as_str() == props[j].name.as_str()) {
                report(i, j, path);
            }
        }
    } else {
        let mut seen = std::collections::HashMap::with_capacity(props.len());
        for (j, prop) in props.iter().enumerate() {
            if let Some(&i) = seen.get(prop.name.as_str()) {
                report(i, j, path);
            } else {
                seen.insert(prop.name.as_str(), j);
            }
        }
    }
}

/// The range of the value at a JSON pointer (RFC 6901) in `text`, if the text parses and
/// the pointer leads somewhere. Used to show a service error inline.
pub fn locate_pointer(text: &str, pointer: &str) -> Option<Range<usize>> {
    let (root, _) = parse(text, "").ok()?;
    find_pointer(&root, pointer)
}

/// The range of the value at a JSON pointer in an already parsed text.
pub fn find_pointer(root: &Value<'_>, pointer: &str) -> Option<Range<usize>> {
    let mut value = root;
    for raw in pointer.split('/').skip(1) {
        let segment = super::path::untoken(raw);
        value = match value {
            Value::Object(o) => {
                &o.properties
                    .iter()
                    .rev()
                    .find(|p| p.name.as_str() == segment)?
                    .value
            }
            Value::Array(a) => a.elements.get(segment.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(range_of(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(text: &str) -> Vec<(Code, usize)> {
        match parse(text, "") {
            Ok((_, d)) | Err(d) => d
                .iter()
                .map(|d| (d.code, d.range.clone().unwrap().start))
                .collect(),
        }
    }

    #[test]
    fn pointers_locate_values() {
        let text = "{\"Body\": [{\"Type\": \"X\"}, {\"a/b\": 1}]}";
        assert_eq!(locate_pointer(text, "/Body/0/Type"), Some(19..22));
        assert_eq!(locate_pointer(text, "/Body/1/a~1b"), Some(33..34));
        assert_eq!(locate_pointer(text, "/Body/2"), None);
    }

    #[test]
    fn strict_json_parses_clean() {
        assert_eq!(codes(r#"{"a": [1, 2, {"b": null}]}"#), vec![]);
    }

    #[test]
    fn comments_and_trailing_commas_are_each_reported() {
        let text = "{\n  // note\n  \"a\": [1, 2,],\n  /* x */ \"b\": 1,\n}";
        assert_eq!(
            codes(text),
            vec![
                (Code::Comment, 4),
                (Code::TrailingComma, 24),
                (Code::Comment, 30),
                (Code::TrailingComma, 44),
            ]
        );
    }

    #[test]
    fn duplicate_keys_point_at_the_second() {
        let d = parse(r#"{"a": 1, "b": {"x": 1, "x": 2}}"#, "/T").unwrap().1;
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].code, Code::DuplicateKey);
        assert_eq!(d[0].pointer, "/T/b/x");
        assert_eq!(d[0].range, Some(23..26));
        assert_eq!(d[0].related, Some(15..18));
    }

    #[test]
    fn deep_nesting_is_a_diagnostic_not_a_crash() {
        let text = "[".repeat(10_000) + &"]".repeat(10_000);
        assert_eq!(codes(&text)[0].0, Code::TooDeep);
    }

    #[test]
    fn syntax_errors_have_positions() {
        assert_eq!(codes("{\"a\" 1}"), vec![(Code::Syntax, 5)]);
        assert_eq!(codes("  "), vec![(Code::Syntax, 0)]);
        assert_eq!(codes("{'a': 1}")[0].0, Code::Syntax);
    }
}
