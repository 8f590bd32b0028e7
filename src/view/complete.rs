//! Completion in the template's text, on text that need not parse. A forgiving scanner reads
//! the text up to the cursor (strings, keys, nesting, each object's `Type`) and says where
//! the cursor is: a `Type` value, a key inside `Props`, a prop's value, a condition's
//! `ElementByKey`, a `$.` reference. The candidates come from the catalogue and the view.

use std::ops::Range;

use super::catalog::{Catalog, Kind};
use super::palette::score;

/// Where the cursor is, as far as completion cares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Spot {
    /// The value of a `Type` member.
    Type,
    /// A key of the `Props` object of a component of this type (`None`: its Type is not
    /// known), with the keys already there.
    PropKey {
        component: Option<String>,
        present: Vec<String>,
    },
    /// The value of the prop `prop` of a component of this type.
    PropValue {
        component: Option<String>,
        prop: String,
    },
    /// The value of an `ElementByKey` or `_linkedFormOutputName`: a field's `Name`.
    FieldName,
    /// Somewhere else.
    Other,
}

/// The cursor's context: where it is, and the string being typed there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Context {
    pub spot: Spot,
    /// The range of what is typed so far inside the string (after its opening quote, up to
    /// the cursor); `None` when the cursor is not in a string.
    pub typed: Option<Range<usize>>,
    pub prefix: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// What is inserted (without quotes).
    pub text: String,
    /// A short description.
    pub detail: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    Key,
    Value,
}

#[derive(Debug, Clone)]
struct Frame {
    object: bool,
    expect: Expect,
    /// The member key being read or last read (objects).
    key: Option<String>,
    /// The key this container is the value of, in its parent.
    under: Option<String>,
    /// The object's `Type`, when read before the cursor (or just after it).
    ty: Option<String>,
    keys: Vec<String>,
}

impl Frame {
    /// A string just closed in this frame: a key, or the value of `Type`.
    fn string(&mut self, s: &str) {
        if !self.object {
            return;
        }
        match self.expect {
            Expect::Key => {
                self.keys.push(s.to_string());
                self.key = Some(s.to_string());
            }
            Expect::Value if self.key.as_deref() == Some("Type") => self.ty = Some(s.to_string()),
            Expect::Value => {}
        }
    }

    fn new(object: bool, under: Option<String>) -> Frame {
        Frame {
            object,
            expect: Expect::Key,
            key: None,
            under,
            ty: None,
            keys: Vec::new(),
        }
    }
}

/// Reads `text` to `cursor` (a byte offset) and says where the cursor is.
pub fn context(text: &str, cursor: usize) -> Context {
    let cursor = cursor.min(text.len());
    let bytes = text.as_bytes();
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    let mut open_string: Option<usize> = None;
    while i < cursor {
        let b = bytes[i];
        if let Some(start) = open_string {
            match b {
                b'\\' => i += 1,
                b'"' => {
                    open_string = None;
                    if let Some(f) = stack.last_mut() {
                        f.string(&text[start + 1..i]);
                    }
                }
                _ => {}
            }
            i += 1;
            continue;
        }
        match b {
            b'"' => open_string = Some(i),
            b'{' | b'[' => {
                let under = stack
                    .last()
                    .filter(|f| f.object && f.expect == Expect::Value)
                    .and_then(|f| f.key.clone());
                stack.push(Frame::new(b == b'{', under));
            }
            b'}' | b']' => {
                stack.pop();
            }
            b':' => {
                if let Some(f) = stack.last_mut() {
                    f.expect = Expect::Value;
                }
            }
            b',' => {
                if let Some(f) = stack.last_mut()
                    && f.object
                {
                    f.expect = Expect::Key;
                    f.key = None;
                }
            }
            _ => {}
        }
        i += 1;
    }
    let typed = open_string.map(|s| s + 1..cursor);
    let prefix = typed
        .clone()
        .map(|r| text[r].to_string())
        .unwrap_or_default();
    // The Type of the component whose Props the cursor is in may come after the cursor.
    let component_of = |stack: &[Frame]| -> Option<String> {
        let n = stack.len();
        if n < 2 {
            return None;
        }
        stack[n - 2]
            .ty
            .clone()
            .or_else(|| type_after(text, cursor, open_string.is_some()))
    };
    let spot = match stack.last() {
        Some(f) if f.object => match (f.expect, f.key.as_deref(), f.under.as_deref()) {
            (Expect::Value, Some("Type"), _) => Spot::Type,
            (Expect::Value, Some("ElementByKey" | "_linkedFormOutputName"), _) => Spot::FieldName,
            (Expect::Key, _, Some("Props")) => Spot::PropKey {
                component: component_of(&stack),
                present: f.keys.clone(),
            },
            (Expect::Value, Some(prop), Some("Props")) => Spot::PropValue {
                component: component_of(&stack),
                prop: prop.to_string(),
            },
            _ => Spot::Other,
        },
        _ => Spot::Other,
    };
    let spot = settle_keys(
        spot,
        text,
        cursor,
        typed.is_some().then_some(prefix.as_str()),
    );
    Context {
        spot,
        typed,
        prefix,
    }
}

/// The keys a `PropKey` spot has: a key being typed (`typing`) is not yet one of the frame's,
/// and the keys written after the cursor are.
fn settle_keys(spot: Spot, text: &str, cursor: usize, typing: Option<&str>) -> Spot {
    match spot {
        Spot::PropKey {
            component,
            mut present,
        } => {
            if typing.is_some() && present.last().map(String::as_str) == typing {
                present.pop();
            }
            present.extend(keys_after(text, cursor, typing.is_some()));
            Spot::PropKey { component, present }
        }
        s => s,
    }
}

/// A token of the text after the cursor, as the forward readers see it.
enum Token {
    /// A string's contents (without its quotes).
    Str(std::ops::Range<usize>),
    Open,
    Close,
    Colon,
    Comma,
}

/// The tokens after `cursor`, bounded (20,000 bytes, so a broken text does not cost a full
/// scan). When the cursor is inside a string (a key being typed), that string's rest is
/// skipped, not a token.
fn tokens_after(text: &str, cursor: usize, in_a_string: bool) -> Vec<Token> {
    let bytes = text.as_bytes();
    let end = (cursor + 20_000).min(text.len());
    let mut out = Vec::new();
    let mut i = cursor;
    let mut start: Option<usize> = None;
    let mut skip = in_a_string;
    let mut in_string = in_a_string;
    while i < end {
        let b = bytes[i];
        if in_string {
            match b {
                b'\\' => i += 1,
                b'"' => {
                    in_string = false;
                    if let Some(s) = start.take()
                        && !skip
                    {
                        out.push(Token::Str(s + 1..i));
                    }
                    skip = false;
                }
                _ => {}
            }
        } else {
            match b {
                b'"' => {
                    in_string = true;
                    start = Some(i);
                }
                b'{' | b'[' => out.push(Token::Open),
                b'}' | b']' => out.push(Token::Close),
                b':' => out.push(Token::Colon),
                b',' => out.push(Token::Comma),
                _ => {}
            }
        }
        i += 1;
    }
    out
}

/// The keys of the object the cursor is in that come after the cursor: a prop written
/// further down is not offered again.
fn keys_after(text: &str, cursor: usize, in_a_string: bool) -> Vec<String> {
    let mut level = 0usize;
    let mut pending: Option<&str> = None;
    let mut keys = Vec::new();
    for t in tokens_after(text, cursor, in_a_string) {
        match t {
            Token::Str(r) if level == 0 => pending = Some(&text[r]),
            Token::Colon if level == 0 => keys.extend(pending.take().map(str::to_string)),
            Token::Comma if level == 0 => pending = None,
            Token::Open => level += 1,
            Token::Close if level == 0 => break,
            Token::Close => level -= 1,
            _ => {}
        }
    }
    keys
}

/// The `Type` of the component whose `Props` the cursor is in, read after the cursor before
/// the component closes.
fn type_after(text: &str, cursor: usize, in_a_string: bool) -> Option<String> {
    // Depth relative to the Props frame: we are inside it (0); its parent is -1.
    let mut level: isize = 0;
    let mut last_key: Option<&str> = None;
    let mut after_colon = false;
    for t in tokens_after(text, cursor, in_a_string) {
        match t {
            Token::Str(r) if level == -1 && after_colon && last_key == Some("Type") => {
                return Some(text[r].to_string());
            }
            Token::Str(_) if level == -1 && after_colon => {}
            Token::Str(r) if level == -1 => last_key = Some(&text[r]),
            Token::Open => level += 1,
            Token::Close => {
                level -= 1;
                if level < -1 {
                    return None;
                }
            }
            Token::Colon if level == -1 => after_colon = true,
            Token::Comma if level == -1 => {
                after_colon = false;
                last_key = None;
            }
            _ => {}
        }
    }
    None
}

/// What the view offers to complete from.
#[derive(Debug, Clone, Default)]
pub struct Known {
    /// The view's actions.
    pub actions: Vec<String>,
    /// The `$.` inputs the template already reads (without `$.`).
    pub inputs: Vec<String>,
    /// The form fields' Names.
    pub fields: Vec<String>,
}

impl Known {
    /// Gathers inputs and field Names from the text itself (it need not parse).
    pub fn scan(text: &str, actions: &[String]) -> Known {
        let mut inputs: Vec<String> = Vec::new();
        let mut fields: Vec<String> = Vec::new();
        let mut rest = text;
        while let Some(i) = rest.find("\"$.") {
            let after = &rest[i + 3..];
            let end = after
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.'))
                .unwrap_or(after.len());
            let name = after[..end].trim_end_matches('.').to_string();
            if !name.is_empty() && !inputs.contains(&name) {
                inputs.push(name);
            }
            rest = &after[end..];
        }
        let mut rest = text;
        while let Some(i) = rest.find("\"Name\"") {
            let after = rest[i + 6..].trim_start();
            if let Some(v) = after.strip_prefix(':').map(str::trim_start)
                && let Some(v) = v.strip_prefix('"')
                && let Some(end) = v.find('"')
            {
                let name = v[..end].to_string();
                if !name.is_empty() && !fields.contains(&name) {
                    fields.push(name);
                }
            }
            rest = &rest[i + 6..];
        }
        Known {
            actions: actions.to_vec(),
            inputs,
            fields,
        }
    }
}

/// The candidates at a context, best first.
pub fn candidates(cx: &Context, catalog: &Catalog, known: &Known) -> Vec<Candidate> {
    let mut all: Vec<Candidate> = Vec::new();
    let c = |text: &str, detail: &str| Candidate {
        text: text.to_string(),
        detail: detail.to_string(),
    };
    if cx.prefix.starts_with("$.") {
        for i in &known.inputs {
            all.push(c(&format!("$.{i}"), "an input this view reads"));
        }
    } else {
        match &cx.spot {
            Spot::Type => {
                for comp in catalog.components.values() {
                    all.push(c(&comp.name, &comp.help));
                }
            }
            Spot::PropKey { component, present } => {
                if let Some(comp) = component.as_deref().and_then(|t| catalog.component(t)) {
                    for (name, prop) in &comp.props {
                        if present.contains(name) {
                            continue;
                        }
                        let req = if prop.is_required() { "required; " } else { "" };
                        all.push(c(name, &format!("{req}{}", prop.kind.describe())));
                    }
                }
            }
            Spot::PropValue { component, prop } => {
                let spec = component
                    .as_deref()
                    .and_then(|t| catalog.component(t))
                    .and_then(|comp| comp.props.get(prop));
                if let Some(spec) = spec {
                    match &spec.kind {
                        Kind::Enum(values) => {
                            for v in values {
                                all.push(c(v, &format!("a value of {prop}")));
                            }
                        }
                        Kind::Boolean | Kind::Condition => {
                            all.push(c("true", "on"));
                            all.push(c("false", "off"));
                        }
                        _ => {}
                    }
                    for v in &spec.seen {
                        all.push(c(v, "seen in a view the service accepted"));
                    }
                    if spec.action {
                        for a in &known.actions {
                            all.push(c(a, "an action of this view"));
                        }
                    }
                }
                for i in &known.inputs {
                    all.push(c(&format!("$.{i}"), "an input this view reads"));
                }
            }
            Spot::FieldName => {
                for f in &known.fields {
                    all.push(c(f, "a field of this view"));
                }
            }
            Spot::Other => {}
        }
    }
    // What is typed is no candidate (the scan of the text finds it too).
    all.retain(|c| c.text != cx.prefix || cx.prefix.is_empty());
    let mut scored: Vec<(i64, usize, Candidate)> = all
        .into_iter()
        .enumerate()
        .filter_map(|(i, cand)| score(&cx.prefix, &cand.text).map(|s| (s, i, cand)))
        .collect();
    // A prefix match first, then the fuzzy score, then the catalogue's order.
    let lower = cx.prefix.to_lowercase();
    scored.sort_by(|a, b| {
        let pa = a.2.text.to_lowercase().starts_with(&lower);
        let pb = b.2.text.to_lowercase().starts_with(&lower);
        pb.cmp(&pa).then(b.0.cmp(&a.0)).then(a.1.cmp(&b.1))
    });
    scored.into_iter().map(|(_, _, c)| c).collect()
}

/// The edit accepting `candidate` at `cx` in `text`: the typed part replaced, the string
/// closed, a key followed by `: ` when nothing follows it. Returns (range, new text).
pub fn accept(
    text: &str,
    cursor: usize,
    cx: &Context,
    candidate: &Candidate,
) -> (Range<usize>, String) {
    let quoted = serde_json::to_string(&candidate.text).unwrap_or_default();
    let inner = &quoted[1..quoted.len() - 1];
    match &cx.typed {
        Some(r) => {
            // Replace up to the string's closing quote when it is there on the same line.
            let line_end = text[cursor..].find('\n').map_or(text.len(), |i| cursor + i);
            let close = text[cursor..line_end].find('"').map(|i| cursor + i);
            let end = close.map_or(cursor, |c| c + 1);
            let mut new = format!("{inner}\"");
            if matches!(cx.spot, Spot::PropKey { .. }) && !text[end..].trim_start().starts_with(':')
            {
                new.push_str(": ");
            }
            (r.start..end, new)
        }
        None => {
            let mut new = quoted.clone();
            if matches!(cx.spot, Spot::PropKey { .. }) {
                new.push_str(": ");
            }
            (cursor..cursor, new)
        }
    }
}
