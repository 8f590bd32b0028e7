//! Sample `ViewData` checked against a view's input schema, as the service's run-time
//! validator (AJV, draft-07) would check it, plus the lints that catch what the schema
//! lets through: references nothing resolves, empty strings, payloads over 16 KB, a
//! Dropdown's `DefaultValue` given as a scalar, values the template reads but the data
//! lacks, and members no input reads.
//!
//! Findings are [`Diagnostic`]s whose pointers are relative to the data's root; callers
//! locate them in their own text with [`locate`].

use std::fmt::Write;

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::{ValidationError, Validator};
use serde_json::{Map, Value, json};

use super::catalog::Catalog;
use super::catalog::suggest;
use super::diagnostic::{Code, Diagnostic, Severity};
use super::json;
use super::path::{push_token, token, untoken};
use super::reference::{Classified, Reference, Segment, classify};
use super::schema::input_schema;
use super::source::LineIndex;
use super::template::Template;
use super::tree::{Item, JsonRead, NodeId, Part, Tree};

/// AWS's limit for the view inputs plus contact attributes for reliable rendering.
pub const DATA_LIMIT: usize = 16 * 1024;

/// The pattern the service uses for scalar inputs: any string but an unresolved reference.
pub const NOT_A_REFERENCE: &str = "^$|^(?!\\$\\.).+";

/// Where an input schema came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SchemaSource {
    /// Derived here from the template: close to the service's, not the same.
    Derived,
    /// The service's own `InputSchema` for this view (`DescribeView`).
    Service { view: String },
}

impl SchemaSource {
    pub fn approximate(&self) -> bool {
        matches!(self, SchemaSource::Derived)
    }

    pub fn describe(&self) -> String {
        match self {
            SchemaSource::Derived => {
                "the input schema derived offline from the template (approximate)".into()
            }
            SchemaSource::Service { view } => format!("the service's input schema for {view}"),
        }
    }
}

/// A compiled input schema, with what the lints need from the template.
pub struct DataSchema {
    pub value: Value,
    pub source: SchemaSource,
    validator: Validator,
    /// Every whole-value reference of the template.
    references: Vec<Reference>,
    /// References used as a Dropdown's `DefaultValue`.
    dropdown_defaults: Vec<Reference>,
}

impl std::fmt::Debug for DataSchema {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DataSchema")
            .field("source", &self.source)
            .finish_non_exhaustive()
    }
}

impl DataSchema {
    /// The schema derived from the template, as this tool derives it.
    pub fn derived(template: &Template) -> DataSchema {
        Self::compile(
            input_schema(template),
            SchemaSource::Derived,
            Some(template),
        )
        .expect("the derived schema is a valid draft-07 schema")
    }

    /// A schema given as JSON text (the service's `InputSchema`), with the template for
    /// the lints when it is known.
    pub fn from_text(
        text: &str,
        source: SchemaSource,
        template: Option<&Template>,
    ) -> Result<DataSchema, String> {
        let value: Value =
            serde_json::from_str(text).map_err(|e| format!("the input schema is not JSON: {e}"))?;
        Self::compile(value, source, template)
    }

    /// The schema derived from the template's tree (the designer's one parse): the same
    /// schema and lints as [`DataSchema::derived`] on the template's text.
    pub fn of_tree(tree: &Tree, catalog: &Catalog) -> DataSchema {
        let value = super::schema::input_schema_of(tree, catalog);
        let mut references = Vec::new();
        let mut dropdown_defaults = Vec::new();
        for head in [&tree.head.title, &tree.head.configuration]
            .into_iter()
            .flatten()
        {
            collect_references(head, None, &mut references, &mut dropdown_defaults);
        }
        for &id in &tree.body {
            tree_references(tree, id, &mut references, &mut dropdown_defaults);
        }
        Self::build(value, SchemaSource::Derived, references, dropdown_defaults)
            .expect("the derived schema is a valid draft-07 schema")
    }

    pub fn compile(
        value: Value,
        source: SchemaSource,
        template: Option<&Template>,
    ) -> Result<DataSchema, String> {
        let mut references = Vec::new();
        let mut dropdown_defaults = Vec::new();
        if let Some(t) = template {
            collect_references(&t.value, None, &mut references, &mut dropdown_defaults);
        }
        Self::build(value, source, references, dropdown_defaults)
    }

    fn build(
        value: Value,
        source: SchemaSource,
        references: Vec<Reference>,
        dropdown_defaults: Vec<Reference>,
    ) -> Result<DataSchema, String> {
        let validator = jsonschema::draft7::new(&value)
            .map_err(|e| format!("the input schema is not a valid draft-07 schema: {e}"))?;
        Ok(DataSchema {
            value,
            source,
            validator,
            references,
            dropdown_defaults,
        })
    }

    /// The names of the view's inputs, as the schema lists them.
    pub fn inputs(&self) -> Vec<String> {
        match self.value.get("properties") {
            Some(Value::Object(p)) => p.keys().cloned().collect(),
            _ => Vec::new(),
        }
    }
}

/// Values for flow references, from `--context`: `{"Attributes": {...}, "External": {...},
/// "Customer": {...}}`.
#[derive(Debug, Clone, Default)]
pub struct FlowContext {
    pub value: Map<String, Value>,
}

/// The flow namespaces a context file may fill.
pub const CONTEXT_NAMESPACES: &[&str] = &["Attributes", "External", "Customer"];

/// Top-level names of the flow language's references (`$.Attributes.x`, `$.Queue.Name`...),
/// which Connect resolves before the data reaches the view.
const FLOW_NAMESPACES: &[&str] = &[
    "Attributes",
    "External",
    "Customer",
    "Lex",
    "LexBot",
    "Media",
    "Queue",
    "Agent",
    "SystemEndpoint",
    "CustomerEndpoint",
    "Channel",
    "ContactId",
    "InitialContactId",
    "PreviousContactId",
    "RelatedContactId",
    "InstanceARN",
    "Name",
    "Description",
    "References",
    "Tags",
    "Segments",
    "SegmentAttributes",
    "Views",
    "Case",
    "Cases",
    "CustomerProfiles",
    "Wisdom",
    "QConnect",
    "Task",
    "StoredCustomerInput",
    "LanguageCode",
    "TextToSpeechVoice",
    "AdditionalEmailRecipients",
    "AgentHierarchy",
    "ContactDetails",
    "UserDefined",
    "FlowAttributes",
    "Flow",
    "Modules",
    "MessageAttributes",
];

impl FlowContext {
    pub fn parse(text: &str) -> Result<FlowContext, String> {
        let value: Value = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
        let Value::Object(map) = value else {
            return Err(
                "expected an object such as {\"Attributes\": {...}, \"External\": {...}, \"Customer\": {...}}"
                    .into(),
            );
        };
        for (k, v) in &map {
            if !CONTEXT_NAMESPACES.contains(&k.as_str()) {
                return Err(format!(
                    "`{k}` is not a namespace a context can fill (Attributes, External, Customer)"
                ));
            }
            if !v.is_object() {
                return Err(format!("`{k}` must be an object of values"));
            }
        }
        Ok(FlowContext { value: map })
    }

    /// The contact attributes' size, which counts toward the 16 KB limit.
    fn attributes_len(&self) -> usize {
        self.value
            .get("Attributes")
            .map(|a| serde_json::to_string(a).map(|s| s.len()).unwrap_or(0))
            .unwrap_or(0)
    }

    fn lookup(&self, reference: &Reference) -> Option<&Value> {
        let Some((Segment::Key(first), rest)) = reference.segments.split_first() else {
            return None;
        };
        let mut v = self.value.get(first)?;
        for s in rest {
            v = match s {
                Segment::Key(k) => v.get(k)?,
                Segment::Index(i) => v.get(i)?,
            };
        }
        Some(v)
    }
}

/// Checks `data` against the schema and runs the lints. Pointers in the findings are
/// relative to `data`; ranges are unset (see [`locate`]).
pub fn check_data(
    schema: &DataSchema,
    data: &Value,
    context: Option<&FlowContext>,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut r = resolve(data, context, &mut out);
    dropdown_defaults(schema, &mut r, &mut out);
    schema_errors(schema, &r, &mut out);
    lints(schema, &r.value, context, &mut out);
    out
}

/// The data with its flow references resolved as far as the context knows them, and where
/// the schema's verdict is not the service's.
struct Resolved {
    value: Value,
    /// Places left to run time (a reference the context does not hold).
    unchecked: Vec<String>,
    /// Places another finding already covers.
    superseded: Vec<String>,
    /// Places given a value from the context: (pointer, the reference).
    substituted: Vec<(String, String)>,
}

/// Flow references first: substitute what the context knows, and note what is left to run
/// time so the schema's verdict on those places is not taken for the service's.
fn resolve(data: &Value, context: Option<&FlowContext>, out: &mut Vec<Diagnostic>) -> Resolved {
    let mut resolved = data.clone();
    let mut unchecked: Vec<String> = Vec::new();
    let mut superseded: Vec<String> = Vec::new();
    let mut substituted: Vec<(String, String)> = Vec::new();
    references_in_data(data, &mut String::new(), &mut |pointer, text| {
        let r = match classify(text) {
            Classified::Reference(r) => r,
            Classified::Malformed(why) => {
                out.push(
                    Diagnostic::error(
                        Code::DataReference,
                        pointer,
                        None,
                        format!("`{text}` looks like a reference but is not a path: {why}"),
                    )
                    .with_note("the view would receive the text as it is"),
                );
                superseded.push(pointer.to_string());
                return;
            }
            _ => return,
        };
        let namespace = r.input_name();
        if !FLOW_NAMESPACES.contains(&namespace) {
            out.push(
                Diagnostic::error(
                    Code::DataReference,
                    pointer,
                    None,
                    format!(
                        "`{text}` is an unresolved reference: `{namespace}` is not a flow \
                         namespace, so Connect passes the text through and the view rejects it"
                    ),
                )
                .with_note("give the value itself, or a flow reference such as $.Attributes.name"),
            );
            superseded.push(pointer.to_string());
            return;
        }
        match context {
            Some(ctx) if CONTEXT_NAMESPACES.contains(&namespace) => match ctx.lookup(&r) {
                Some(v) => {
                    if let Some(slot) = resolved.pointer_mut(pointer) {
                        *slot = v.clone();
                    }
                    substituted.push((pointer.to_string(), text.to_string()));
                }
                None => {
                    out.push(Diagnostic::warning(
                        Code::FlowReference,
                        pointer,
                        None,
                        format!(
                            "`{text}` is not in the context: at run time it resolves to \
                             nothing unless the flow sets it; not checked"
                        ),
                    ));
                    unchecked.push(pointer.to_string());
                }
            },
            _ => {
                out.push(Diagnostic::new(
                    Severity::Note,
                    Code::FlowReference,
                    pointer,
                    None,
                    format!("`{text}` is resolved at run time, not checked"),
                ));
                unchecked.push(pointer.to_string());
            }
        }
    });

    Resolved {
        value: resolved,
        unchecked,
        superseded,
        substituted,
    }
}

fn dropdown_defaults(schema: &DataSchema, res: &mut Resolved, out: &mut Vec<Diagnostic>) {
    // Dropdown defaults given as a scalar.
    for r in &schema.dropdown_defaults {
        let pointer = reference_pointer(r);
        if let Some(v) = res.value.pointer(&pointer)
            && (v.is_string() || v.is_number() || v.is_boolean())
            && !res.unchecked.contains(&pointer)
            && !res.superseded.contains(&pointer)
        {
            out.push(
                Diagnostic::error(
                    Code::DropdownDefault,
                    &pointer,
                    None,
                    format!(
                        "`{r}` is a Dropdown's DefaultValue, which must be an array of \
                         values, not {}",
                        json::value_kind(v)
                    ),
                )
                .with_note(format!("write [{v}]")),
            );
            res.superseded.push(pointer);
        }
    }
}

/// The schema's errors, except where the service decides at run time or another finding
/// says it; a value from the context is named in the note.
fn schema_errors(schema: &DataSchema, r: &Resolved, out: &mut Vec<Diagnostic>) {
    // The schema, with every error.
    for error in schema.validator.iter_errors(&r.value) {
        schema_findings(&schema.value, &error, out);
    }
    out.retain(|d| {
        d.code != Code::DataShape
            || !r
                .unchecked
                .iter()
                .chain(r.superseded.iter())
                .any(|p| under(&d.pointer, p))
    });

    for d in out.iter_mut().filter(|d| d.code == Code::DataShape) {
        if let Some((_, reference)) = r.substituted.iter().find(|(p, _)| under(&d.pointer, p)) {
            let from = format!("the value is `{reference}` from the context");
            d.note = Some(match d.note.take() {
                Some(n) => format!("{n}; {from}"),
                None => from,
            });
        }
    }
}

/// Empty strings, values the template reads that the data lacks, members no input reads,
/// and the size with the contact attributes.
fn lints(
    schema: &DataSchema,
    resolved: &Value,
    context: Option<&FlowContext>,
    out: &mut Vec<Diagnostic>,
) {
    // Empty strings.
    strings_in(resolved, &mut String::new(), &mut |pointer, s| {
        if s.is_empty() {
            out.push(
                Diagnostic::error(Code::EmptyString, pointer, None, "empty string")
                    .with_note(
                        "the flow editor rejects empty values in ViewData: give a value or leave the member out",
                    ),
            );
        }
    });

    // Values the template reads that the data lacks (the service's schema requires only
    // the top-level inputs).
    let mut missing: Vec<String> = Vec::new();
    for r in &schema.references {
        if let Some(pointer) = first_missing(resolved, r)
            && !missing.contains(&pointer)
        {
            out.push(Diagnostic::warning(
                Code::DataMissing,
                &pointer,
                None,
                format!("no value for `{r}`: the view shows nothing there"),
            ));
            missing.push(pointer);
        }
    }

    // Members no input reads.
    unused(&schema.value, resolved, &mut String::new(), out);

    // Size, with the contact attributes.
    let data_len = serde_json::to_string(resolved)
        .map(|s| s.len())
        .unwrap_or(0);
    let attributes = context.map(FlowContext::attributes_len).unwrap_or(0);
    if data_len + attributes > DATA_LIMIT {
        let with = if attributes > 0 {
            format!(" with {} bytes of contact attributes", group(attributes))
        } else {
            String::new()
        };
        out.push(
            Diagnostic::warning(
                Code::DataTooLarge,
                "",
                None,
                format!(
                    "the data is {} bytes{with}: over 16 KB ({} bytes), AWS's limit for \
                     reliable rendering",
                    group(data_len),
                    group(DATA_LIMIT)
                ),
            )
            .with_note("pass less data, or fewer contact attributes"),
        );
    }
}

/// Checks a data set given as text against the schema derived from a template given as
/// text; findings are located in `data_text`. A template that does not parse gives no
/// findings (its own diagnostics say why).
pub fn check_data_text(template_text: &str, data_text: &str) -> Vec<Diagnostic> {
    let Ok(template) = Template::parse(template_text) else {
        return Vec::new();
    };
    super::analysis::check_data_with(&DataSchema::derived(&template), data_text)
}

/// Reads data (or a flow) as JSON. Problems come back located in `text`: empty text,
/// syntax at its position, and nesting deeper than serde_json reads (128 levels, fewer
/// than the spanned parser allows).
pub fn parse_data(text: &str) -> Result<Value, Vec<Diagnostic>> {
    let mut problems = if text.trim().is_empty() {
        vec![Diagnostic::error(
            Code::DataSource,
            "",
            Some(0..0),
            "the text is empty: expected a JSON object",
        )]
    } else {
        match json::parse(text, "") {
            Ok((_, d)) if d.is_empty() => match serde_json::from_str::<Value>(text) {
                Ok(value) => return Ok(value),
                Err(e) => vec![Diagnostic::error(
                    Code::TooDeep,
                    "",
                    Some(0..0),
                    format!("the data cannot be read: {e}"),
                )],
            },
            Ok((_, d)) | Err(d) => d,
        }
    };
    let index = LineIndex::new(text);
    for d in &mut problems {
        d.locate(text, &index);
    }
    Err(problems)
}

/// The input a pointer belongs to (its first segment), or the property a root error names.
pub fn input_of(d: &Diagnostic) -> Option<String> {
    let first = d.pointer.split('/').nth(1)?;
    Some(untoken(first))
}

/// The message with the Show view input it concerns and the pointer inside that input:
/// ``input `Orders` at /0/Total: must be string``.
pub fn headline(d: &Diagnostic) -> String {
    let inside = d.pointer.splitn(3, '/').nth(2);
    match (input_of(d), inside) {
        // A member that is not an input says so itself.
        (Some(_), None) if d.code == Code::DataUnused => d.message.clone(),
        (Some(input), None) => format!("input `{input}`: {}", d.message),
        (Some(input), Some(rest)) => format!("input `{input}` at /{rest}: {}", d.message),
        (None, _) => d.message.clone(),
    }
}

/// Fills ranges and locations of data findings whose data sits at `base` in `text`
/// (`base` is a JSON pointer such as `/SampleData/default`, or "" for a data file).
pub fn locate(diagnostics: &mut [Diagnostic], text: &str, base: &str) {
    let Ok((root, _)) = json::parse(text, "") else {
        return;
    };
    let index = LineIndex::new(text);
    for d in diagnostics.iter_mut() {
        let full = format!("{base}{}", d.pointer);
        // The deepest place that exists: a missing member points at its parent.
        let mut pointer = full.as_str();
        let range = loop {
            if let Some(r) = json::find_pointer(&root, pointer) {
                break Some(r);
            }
            match pointer.rfind('/') {
                Some(i) if i >= base.len() && pointer.len() > base.len() => pointer = &pointer[..i],
                _ => break None,
            }
        };
        d.range = range;
        d.locate(text, &index);
    }
}

fn under(pointer: &str, prefix: &str) -> bool {
    pointer == prefix
        || (pointer.starts_with(prefix) && pointer.as_bytes().get(prefix.len()) == Some(&b'/'))
}

fn group(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn reference_pointer(r: &Reference) -> String {
    let mut p = String::new();
    for s in &r.segments {
        match s {
            Segment::Key(k) => {
                p.push('/');
                push_token(&mut p, k);
            }
            Segment::Index(i) => {
                let _ = write!(p, "/{i}");
            }
        }
    }
    p
}

/// The pointer of the first segment of `r` absent from `data`, when everything above it
/// has the right shape (a wrong shape is the schema's to report) and the input itself
/// is present (a missing input is a schema error).
fn first_missing(data: &Value, r: &Reference) -> Option<String> {
    let mut v = data;
    let mut pointer = String::new();
    for (i, s) in r.segments.iter().enumerate() {
        let next = match (s, v) {
            (Segment::Key(k), Value::Object(o)) => {
                pointer.push('/');
                push_token(&mut pointer, k);
                o.get(k)
            }
            (Segment::Index(n), Value::Array(a)) => {
                let _ = write!(pointer, "/{n}");
                a.get(*n)
            }
            _ => return None,
        };
        match next {
            Some(n) => v = n,
            None if i == 0 => return None,
            None => return Some(pointer),
        }
    }
    None
}

fn strings_in(value: &Value, pointer: &mut String, f: &mut impl FnMut(&str, &str)) {
    match value {
        Value::String(s) => f(pointer, s),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let len = pointer.len();
                let _ = write!(pointer, "/{i}");
                strings_in(item, pointer, f);
                pointer.truncate(len);
            }
        }
        Value::Object(members) => {
            for (k, v) in members {
                let len = pointer.len();
                pointer.push('/');
                push_token(pointer, k);
                strings_in(v, pointer, f);
                pointer.truncate(len);
            }
        }
        _ => {}
    }
}

fn references_in_data(value: &Value, pointer: &mut String, f: &mut impl FnMut(&str, &str)) {
    strings_in(value, pointer, &mut |p, s| {
        if s.starts_with("$.") {
            f(p, s)
        }
    });
}

/// Members of objects whose schema lists its properties but does not read this one.
fn unused(schema: &Value, data: &Value, pointer: &mut String, out: &mut Vec<Diagnostic>) {
    let schema = plausible_branch(schema, data);
    match data {
        Value::Object(members) => {
            let props = schema.get("properties").and_then(Value::as_object);
            let open = schema.get("patternProperties").is_some()
                || matches!(schema.get("additionalProperties"), Some(v) if v != &Value::Bool(false));
            let sealed = schema.get("additionalProperties") == Some(&Value::Bool(false));
            for (k, v) in members {
                let len = pointer.len();
                pointer.push('/');
                push_token(pointer, k);
                match props.and_then(|p| p.get(k)) {
                    Some(s) => unused(s, v, pointer, out),
                    None if props.is_some() && !open && !sealed => {
                        let names = props.into_iter().flat_map(|p| p.keys().map(String::as_str));
                        let mut d = Diagnostic::warning(
                            Code::DataUnused,
                            pointer.as_str(),
                            None,
                            format!("`{k}` is not an input of this view: nothing reads it"),
                        );
                        if let Some(near) = suggest(k, names) {
                            d = d.with_note(format!("did you mean `{near}`?"));
                        }
                        out.push(d);
                    }
                    None => {}
                }
                pointer.truncate(len);
            }
        }
        Value::Array(items) => {
            if let Some(item_schema) = schema.get("items").filter(|s| s.is_object()) {
                for (i, item) in items.iter().enumerate() {
                    let len = pointer.len();
                    let _ = write!(pointer, "/{i}");
                    unused(item_schema, item, pointer, out);
                    pointer.truncate(len);
                }
            }
        }
        _ => {}
    }
}

/// Of an `anyOf`, the branch whose type fits the value (else the schema itself).
fn plausible_branch<'s>(schema: &'s Value, data: &Value) -> &'s Value {
    match schema.get("anyOf").and_then(Value::as_array) {
        Some(branches) => branches
            .iter()
            .find(|b| type_fits(b, data))
            .unwrap_or(schema),
        None => schema,
    }
}

fn type_fits(schema: &Value, data: &Value) -> bool {
    let name = json_type(data);
    match schema.get("type") {
        Some(Value::String(t)) => t == name || (t == "number" && name == "integer"),
        Some(Value::Array(ts)) => ts
            .iter()
            .any(|t| t == name || (t == "number" && name == "integer")),
        _ => true,
    }
}

fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// Turns one validator error into findings in the service's words. An `anyOf` failure
/// is reported through its most plausible branch, with the branches it could have met.
fn schema_findings(schema: &Value, error: &ValidationError<'_>, out: &mut Vec<Diagnostic>) {
    let pointer = error.instance_path().as_str().to_string();
    match error.kind() {
        ValidationErrorKind::AnyOf { context } => {
            let branches = schema
                .pointer(error.schema_path().as_str())
                .and_then(Value::as_array);
            let expected = branches
                .map(|b| {
                    format!(
                        "expected one of: {}",
                        b.iter().map(describe).collect::<Vec<_>>().join("; ")
                    )
                })
                .unwrap_or_default();
            let instance = error.instance();
            let best = best_branch(context, branches.map(Vec::as_slice), instance);
            match best {
                Some(errors) if !errors.is_empty() => {
                    let mut inner = Vec::new();
                    for e in errors {
                        schema_findings(schema, e, &mut inner);
                    }
                    for mut d in inner {
                        if d.pointer == pointer && d.note.is_none() && !expected.is_empty() {
                            d.note = Some(expected.clone());
                        }
                        out.push(d);
                    }
                }
                _ => out.push(
                    Diagnostic::error(
                        Code::DataShape,
                        &pointer,
                        None,
                        "must match a schema in anyOf",
                    )
                    .with_note(expected),
                ),
            }
        }
        kind => {
            let mut d = Diagnostic::error(Code::DataShape, &pointer, None, message(kind));
            if let ValidationErrorKind::Required { property } = kind
                && let Some(name) = property.as_str()
            {
                // The pointer names the missing member (AJV's instancePath is its parent);
                // `locate` falls back to the parent, which is what exists.
                d.pointer = format!("{pointer}/{}", token(name));
            }
            if let ValidationErrorKind::Pattern { pattern } = kind
                && pattern == NOT_A_REFERENCE
            {
                d = d.with_note(
                    "a `$.` reference must be resolved before the data reaches the view",
                );
            }
            out.push(d);
        }
    }
}

/// The branch errors to report: those of the branch whose type fits the value (it failed
/// deeper down), else of the branch that failed least.
fn best_branch<'e>(
    context: &'e [Vec<ValidationError<'static>>],
    branches: Option<&[Value]>,
    instance: &Value,
) -> Option<&'e Vec<ValidationError<'static>>> {
    if let Some(branches) = branches {
        for (i, b) in branches.iter().enumerate() {
            if b.get("type").is_some() && type_fits(b, instance) {
                return context.get(i);
            }
        }
    }
    context.iter().min_by_key(|errors| errors.len())
}

/// A branch of an `anyOf`, in a few words.
pub fn describe(schema: &Value) -> String {
    if let Some(values) = schema.get("enum").and_then(Value::as_array) {
        let list: Vec<String> = values.iter().map(Value::to_string).collect();
        return format!("one of {}", list.join(", "));
    }
    if let Some(branches) = schema.get("anyOf").and_then(Value::as_array) {
        return branches
            .iter()
            .map(describe)
            .collect::<Vec<_>>()
            .join(" or ");
    }
    match schema.get("type").and_then(Value::as_str) {
        Some("string") => match schema.get("pattern").and_then(Value::as_str) {
            Some(NOT_A_REFERENCE) => "a string (not a `$.` reference)".into(),
            Some(super::schema::INTEGRATION_PATTERN) => "a `$.#` integration reference".into(),
            Some(p) => format!("a string matching {p}"),
            None => "a string".into(),
        },
        Some("number") => "a number".into(),
        Some("integer") => "an integer".into(),
        Some("boolean") => "true or false".into(),
        Some("null") => "null".into(),
        Some("array") => match schema.get("items") {
            Some(items) if items.is_object() => format!("an array of {}", plural(&describe(items))),
            _ => "an array".into(),
        },
        Some("object") => {
            let required: Vec<&str> = schema
                .get("required")
                .and_then(Value::as_array)
                .map(|r| r.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            if required.is_empty() {
                "an object".into()
            } else {
                format!("an object with {}", required.join(", "))
            }
        }
        None if schema.as_object().is_some_and(|m| m.is_empty()) => "any value".into(),
        _ => "a value of another shape".into(),
    }
}

fn plural(description: &str) -> String {
    for (one, many) in [
        ("a string", "strings"),
        ("a number", "numbers"),
        ("an object", "objects"),
        ("an array", "arrays"),
    ] {
        if let Some(rest) = description.strip_prefix(one) {
            return format!("{many}{rest}");
        }
    }
    description.replace(" or a ", " or ")
}

/// An error in AJV's words (the service's validator), e.g. `must be string`.
fn message(kind: &ValidationErrorKind) -> String {
    use ValidationErrorKind as K;
    match kind {
        K::Type { kind } => {
            let names: Vec<String> = match kind {
                TypeKind::Single(t) => vec![t.to_string()],
                TypeKind::Multiple(set) => set.iter().map(|t| t.to_string()).collect(),
            };
            format!("must be {}", names.join(","))
        }
        K::Required { property } => format!(
            "must have required property '{}'",
            property.as_str().unwrap_or_default()
        ),
        K::AdditionalProperties { unexpected } => format!(
            "must NOT have additional properties ({})",
            unexpected
                .iter()
                .map(|u| format!("'{u}'"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        K::Pattern { pattern } => format!("must match pattern \"{pattern}\""),
        K::Enum { options } => format!(
            "must be equal to one of the allowed values ({})",
            options
                .as_array()
                .map(|o| o
                    .iter()
                    .map(Value::to_string)
                    .collect::<Vec<_>>()
                    .join(", "))
                .unwrap_or_default()
        ),
        K::Constant { expected_value } => format!("must be equal to constant {expected_value}"),
        K::MinItems { limit } => format!("must NOT have fewer than {limit} items"),
        K::MaxItems { limit } => format!("must NOT have more than {limit} items"),
        K::MinLength { limit } => format!("must NOT have fewer than {limit} characters"),
        K::MaxLength { limit } => format!("must NOT have more than {limit} characters"),
        K::Minimum { limit } => format!("must be >= {limit}"),
        K::Maximum { limit } => format!("must be <= {limit}"),
        K::ExclusiveMinimum { limit } => format!("must be > {limit}"),
        K::ExclusiveMaximum { limit } => format!("must be < {limit}"),
        K::MinProperties { limit } => format!("must NOT have fewer than {limit} properties"),
        K::MaxProperties { limit } => format!("must NOT have more than {limit} properties"),
        K::Format { format } => format!("must match format \"{format}\""),
        K::UniqueItems => "must NOT have duplicate items".into(),
        K::Not { .. } => "must NOT be valid".into(),
        K::OneOfNotValid { .. } => "must match exactly one schema in oneOf".into(),
        K::OneOfMultipleValid { .. } => "must match exactly one schema in oneOf".into(),
        K::FalseSchema => "boolean schema is false".into(),
        K::AdditionalItems { limit } => format!("must NOT have more than {limit} items"),
        K::Contains => "must contain at least 1 valid item".into(),
        K::AnyOf { .. } => "must match a schema in anyOf".into(),
        other => format!("{other:?}"),
    }
}

/// Whole-value references of a template, and those on a Dropdown's `DefaultValue`.
fn collect_references<J: JsonRead>(
    value: &J,
    on: Option<(&str, &str)>,
    all: &mut Vec<Reference>,
    dropdown: &mut Vec<Reference>,
) {
    if let Some(s) = value.as_text() {
        note_reference(s, on, all, dropdown);
        return;
    }
    // An item of a Dropdown's DefaultValue array is one value, not the whole DefaultValue
    // (AWS's After contact work view writes `["$.Category_DefaultValue"]`).
    let in_items = on.filter(|o| *o != ("Dropdown", "DefaultValue"));
    for item in value.items() {
        collect_references(item, in_items, all, dropdown);
    }
    let ty = value.member("Type").and_then(J::as_text);
    for (k, v) in value.members() {
        let here = match (ty, k) {
            (Some(t), "Props") if v.is_object() => {
                for (name, pv) in v.members() {
                    collect_references(pv, Some((t, name)), all, dropdown);
                }
                continue;
            }
            (Some(_), "Content") => None,
            _ => on,
        };
        collect_references(v, here, all, dropdown);
    }
}

fn note_reference(
    s: &str,
    on: Option<(&str, &str)>,
    all: &mut Vec<Reference>,
    dropdown: &mut Vec<Reference>,
) {
    if let Classified::Reference(r) = classify(s) {
        if on == Some(("Dropdown", "DefaultValue")) {
            dropdown.push(r.clone());
        }
        if !all.contains(&r) {
            all.push(r);
        }
    }
}

/// [`collect_references`] over the tree: the same references in the same (text) order.
fn tree_references(
    tree: &Tree,
    id: NodeId,
    all: &mut Vec<Reference>,
    dropdown: &mut Vec<Reference>,
) {
    let node = tree.get(id);
    let ty = node.ty();
    // The node's own strings beside Props and Content (`_id`, `Type`) are references
    // only in a broken template, as the text walk finds them.
    for s in [node.id.as_deref(), node.ty.as_deref()]
        .into_iter()
        .flatten()
    {
        note_reference(s, None, all, dropdown);
    }
    for part in tree.parts(id) {
        match part {
            Part::Prop(m) => collect_references(&m.value, Some((ty, &m.key)), all, dropdown),
            Part::Configuration(c) => collect_references(c, None, all, dropdown),
            Part::Content(Item::Node(child)) => tree_references(tree, *child, all, dropdown),
            Part::Content(Item::Text(s) | Item::Other(s)) => {
                collect_references(s, None, all, dropdown)
            }
        }
    }
}

/// The longest array a skeleton makes to reach an index the template reads.
pub const SKELETON_ITEMS: usize = 100;

/// A `ViewData` skeleton with every input of the schema (placeholders by type), and
/// every array long enough for the indices the template reads.
pub fn skeleton(schema: &DataSchema) -> Value {
    let mut data = fill(&schema.value, "value");
    for r in &schema.references {
        let mut v = &mut data;
        for s in &r.segments {
            v = match (s, v) {
                (Segment::Key(k), Value::Object(o)) => match o.get_mut(k) {
                    Some(next) => next,
                    None => break,
                },
                // An index past the cap is left short (CV086 says so) rather than
                // allocating billions of items for `$.X[10324568879994270150]`.
                (Segment::Index(n), Value::Array(a)) if *n < SKELETON_ITEMS => {
                    let Some(first) = a.first().cloned() else {
                        break;
                    };
                    while a.len() <= *n {
                        a.push(first.clone());
                    }
                    &mut a[*n]
                }
                _ => break,
            };
        }
    }
    data
}

fn fill(schema: &Value, name: &str) -> Value {
    if let Some(values) = schema.get("enum").and_then(Value::as_array)
        && let Some(first) = values.first()
    {
        return first.clone();
    }
    if let Some(branches) = schema.get("anyOf").and_then(Value::as_array)
        && let Some(first) = branches.first()
    {
        return fill(first, name);
    }
    match schema.get("type").and_then(Value::as_str) {
        Some("string") => Value::String(name.to_string()),
        Some("number") | Some("integer") => json!(0),
        Some("boolean") => json!(true),
        Some("null") => Value::Null,
        Some("array") => {
            let items = schema.get("items").cloned().unwrap_or(json!({}));
            Value::Array(vec![fill(&items, name)])
        }
        Some("object") | None => {
            let mut out = Map::new();
            if let Some(props) = schema.get("properties").and_then(Value::as_object) {
                for (k, s) in props {
                    out.insert(k.clone(), fill(s, k));
                }
            }
            Value::Object(out)
        }
        Some(_) => Value::Null,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn derived(template: &str) -> DataSchema {
        DataSchema::derived(&Template::parse(template).unwrap())
    }

    fn codes(schema: &DataSchema, data: Value) -> Vec<(Code, String, String)> {
        check_data(schema, &data, None)
            .into_iter()
            .map(|d| (d.code, d.pointer, d.message))
            .collect()
    }

    const TEXT: &str = r#"{"Head": {"Title": "t"}, "Body": [
        {"_id": "h", "Type": "Header", "Props": {}, "Content": ["$.Name"]}]}"#;

    #[test]
    fn a_number_or_a_plain_string_fits_a_scalar_input() {
        let s = derived(TEXT);
        assert!(codes(&s, json!({"Name": "Ada"})).is_empty());
        assert!(codes(&s, json!({"Name": 7})).is_empty());
    }

    #[test]
    fn a_wrong_type_names_the_branch_that_fits_best() {
        let s = derived(TEXT);
        let d = check_data(&s, &json!({"Name": {"First": "Ada"}}), None);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].message, "must be string");
        assert_eq!(d[0].pointer, "/Name");
        assert_eq!(
            d[0].note.as_deref(),
            Some(
                "expected one of: a string (not a `$.` reference); a number; a `$.#` \
                 integration reference"
            )
        );
    }

    #[test]
    fn a_missing_input_is_required() {
        let s = derived(TEXT);
        let d = check_data(&s, &json!({}), None);
        assert_eq!(d[0].message, "must have required property 'Name'");
        assert_eq!(input_of(&d[0]).as_deref(), Some("Name"));
        assert_eq!(
            headline(&d[0]),
            "input `Name`: must have required property 'Name'"
        );
    }

    #[test]
    fn skeletons_fit_their_schema() {
        let s = derived(
            r#"{"Head": {"Title": "t"}, "Body": [
            {"_id": "d", "Type": "Dropdown", "Props": {"Name": "d", "DefaultValue": "$.Pick", "Options": "$.Opts"}, "Content": []},
            {"_id": "t", "Type": "Toggle", "Props": {"Name": "t", "Required": "$.Must"}, "Content": ["$.A.B[1].C"]}]}"#,
        );
        let data = skeleton(&s);
        assert_eq!(data["Pick"], json!(["Pick"]));
        assert_eq!(data["Must"], json!(true));
        assert_eq!(data["A"]["B"].as_array().unwrap().len(), 2);
        assert_eq!(codes(&s, data), vec![]);
    }

    #[test]
    fn a_huge_index_does_not_make_a_huge_skeleton() {
        let s = derived(
            r#"{"Head": {"Title": "t"}, "Body": [
            {"_id": "h", "Type": "Header", "Props": {}, "Content": ["$.X[10324568879994270150]", "$.Y[3].Z"]}]}"#,
        );
        let data = skeleton(&s);
        assert_eq!(data["X"].as_array().unwrap().len(), 1);
        assert_eq!(data["Y"].as_array().unwrap().len(), 4);
    }

    #[test]
    fn locate_points_at_the_value_or_its_parent() {
        let text = "{\n  \"Name\": {\"First\": 1}\n}";
        let mut d = vec![
            Diagnostic::error(Code::DataShape, "/Name", None, "x"),
            Diagnostic::error(Code::DataMissing, "/Name/Last", None, "y"),
        ];
        locate(&mut d, text, "");
        assert_eq!(d[0].start().map(|l| (l.line, l.column)), Some((2, 11)));
        assert_eq!(d[1].start().map(|l| (l.line, l.column)), Some((2, 11)));
    }
}
