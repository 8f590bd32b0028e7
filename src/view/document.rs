//! View documents: view files (`*.view.json`), AWS CLI `create-view` input, and
//! bare templates; loading with positions, canonical rendering, and export.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use indexmap::IndexMap;
use jsonc_parser::ast::{Object, ObjectProp, Value};
use serde_json::Value as Json;

use super::diagnostic::{Code, Diagnostic};
use super::json::{self, key_range, kind_name, range_of};
use super::source::{LineIndex, OffsetMap};
use super::template;

/// The shape a document was loaded from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    /// `Name`, `Description`, `Tags`, `Actions` and `Template` as a JSON object.
    ViewFile,
    /// The `aws connect create-view --cli-input-json` shape: `Content.Template` is a string.
    CliInput,
    /// A template object on its own (`{"Head": ..., "Body": ...}`).
    BareTemplate,
}

/// Where the members of a document were found in its source, for diagnostics.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Spans {
    pub name: Option<Range<usize>>,
    pub description: Option<Range<usize>>,
    pub tags: Option<Range<usize>>,
    /// Key and value ranges of each tag, in order.
    pub tag_entries: Vec<(Range<usize>, Range<usize>)>,
    pub actions: Option<Range<usize>>,
    pub action_items: Vec<Range<usize>>,
    pub template: Option<Range<usize>>,
}

/// What a document was loaded from.
#[derive(Debug, Clone)]
pub struct Origin {
    pub path: Option<PathBuf>,
    pub format: Format,
    /// The text every diagnostic range refers to.
    pub source: Arc<str>,
    /// Maps offsets in [`ViewDocument::template`] to offsets in `source`.
    pub template_map: OffsetMap,
    pub spans: Spans,
    /// Problems found while loading (members of the wrong type, unknown members).
    pub diagnostics: Vec<Diagnostic>,
    /// The name was taken from the file name (bare templates).
    pub name_from_file: bool,
    /// The actions were taken from what the template raises (bare templates).
    pub actions_from_template: bool,
}

/// A view as authored: metadata plus the template as JSON text.
#[derive(Debug, Clone)]
pub struct ViewDocument {
    pub name: String,
    pub description: Option<String>,
    pub tags: IndexMap<String, String>,
    pub actions: Vec<String>,
    /// The template as JSON text, exactly as it is edited.
    pub template: String,
    /// Other top-level members (for example `SampleData`), kept in order.
    pub extra: serde_json::Map<String, Json>,
    pub origin: Origin,
}

/// Members of a view file besides the template that are ours and never sent.
/// The UTF-8 byte-order mark some editors put first; JSON has none.
pub const BOM: char = '\u{feff}';

pub const LOCAL_MEMBERS: &[&str] = &["$schema", "SampleData", "PulledFrom"];

/// A load that failed before a document could be built.
#[derive(Debug)]
pub enum LoadError {
    /// The file could not be read (missing, a directory, no permission).
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    /// The text is not a usable document; the diagnostics say where (located against `source`).
    Invalid {
        source: Arc<str>,
        diagnostics: Vec<Diagnostic>,
    },
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::Io { path, error } => write!(f, "cannot read {}: {error}", path.display()),
            LoadError::Invalid { diagnostics, .. } => match diagnostics.first() {
                Some(d) => write!(f, "{}", d.message),
                None => write!(f, "not a view document"),
            },
        }
    }
}

impl std::error::Error for LoadError {}

impl ViewDocument {
    /// A new document in memory; diagnostics point into the template text.
    pub fn new(name: impl Into<String>, template: impl Into<String>) -> Self {
        let template = template.into();
        ViewDocument {
            name: name.into(),
            description: None,
            tags: IndexMap::new(),
            actions: Vec::new(),
            origin: Origin {
                path: None,
                format: Format::ViewFile,
                source: Arc::from(template.as_str()),
                template_map: OffsetMap::identity(),
                spans: Spans::default(),
                diagnostics: Vec::new(),
                name_from_file: false,
                actions_from_template: false,
            },
            template,
            extra: serde_json::Map::new(),
        }
    }

    /// Reads and loads a file. Non-UTF-8 bytes, a byte-order mark and empty files are
    /// diagnostics, not I/O errors.
    pub fn load(path: &Path) -> Result<ViewDocument, LoadError> {
        if path.is_dir() {
            return Err(LoadError::Io {
                path: path.to_path_buf(),
                error: std::io::Error::other("it is a directory, not a view file"),
            });
        }
        let bytes = std::fs::read(path).map_err(|error| LoadError::Io {
            path: path.to_path_buf(),
            error,
        })?;
        let text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => {
                let valid = e.utf8_error().valid_up_to();
                let bytes = e.into_bytes();
                let source: Arc<str> = Arc::from(String::from_utf8_lossy(&bytes[..valid]).as_ref());
                let mut d = Diagnostic::error(
                    Code::Encoding,
                    "",
                    Some(valid..valid),
                    format!(
                        "the file is not UTF-8 text: byte 0x{:02x} at offset {valid} is not valid \
                         UTF-8; save the file as UTF-8",
                        bytes[valid]
                    ),
                );
                d.locate(&source, &LineIndex::new(&source));
                return Err(LoadError::Invalid {
                    source,
                    diagnostics: vec![d],
                });
            }
        };
        if text.starts_with(BOM) {
            let source: Arc<str> = Arc::from(text.as_str());
            let mut d = Diagnostic::error(
                Code::Encoding,
                "",
                Some(0..BOM.len_utf8()),
                "the file starts with a UTF-8 byte-order mark (an invisible U+FEFF), which JSON \
                 does not allow: `connect-views fmt FILE` removes it",
            );
            d.locate(&source, &LineIndex::new(&source));
            return Err(LoadError::Invalid {
                source,
                diagnostics: vec![d],
            });
        }
        if text.trim().is_empty() {
            let source: Arc<str> = Arc::from(text.as_str());
            let mut d = Diagnostic::error(
                Code::Encoding,
                "",
                Some(0..0),
                "the file is empty: a view file is a JSON object with Name, Actions and Template \
                 (`connect-views edit FILE` opens it as a new view saved there)",
            );
            d.locate(&source, &LineIndex::new(&source));
            return Err(LoadError::Invalid {
                source,
                diagnostics: vec![d],
            });
        }
        Self::from_text(&text, Some(path))
    }

    /// Loads a document from text; `path` names it (and gives bare templates their name).
    pub fn from_text(text: &str, path: Option<&Path>) -> Result<ViewDocument, LoadError> {
        let source: Arc<str> = Arc::from(text);
        let invalid = |mut diagnostics: Vec<Diagnostic>| {
            let index = LineIndex::new(text);
            for d in &mut diagnostics {
                d.locate(text, &index);
            }
            LoadError::Invalid {
                source: source.clone(),
                diagnostics,
            }
        };
        let (root, mut parse_diagnostics) = json::parse(text, "").map_err(&invalid)?;
        let Value::Object(obj) = &root else {
            return Err(invalid(vec![Diagnostic::error(
                Code::DocumentShape,
                "",
                Some(range_of(&root)),
                format!(
                    "the file holds {}, but a view file, CLI input or template is a JSON object; a \
                     template looks like {{\"Head\": {{\"Title\": \"...\"}}, \"Body\": [...]}}",
                    kind_name(&root)
                ),
            )]));
        };
        let format = if obj.get("Template").is_some() {
            Format::ViewFile
        } else if obj.get("Content").is_some() {
            Format::CliInput
        } else if obj.get("Head").is_some() || obj.get("Body").is_some() {
            Format::BareTemplate
        } else {
            return Err(invalid(vec![Diagnostic::error(
                Code::DocumentShape,
                "",
                Some(obj.range.start..obj.range.start + 1),
                "this object is not a view: a view file has Name, Actions and Template; AWS CLI \
                 input has Name and Content.Template; a bare template has Head and Body",
            )]));
        };
        let mut loader = Loader {
            text,
            diagnostics: Vec::new(),
            spans: Spans::default(),
        };
        let mut doc = ViewDocument {
            name: String::new(),
            description: None,
            tags: IndexMap::new(),
            actions: Vec::new(),
            template: String::new(),
            extra: serde_json::Map::new(),
            origin: Origin {
                path: path.map(Path::to_path_buf),
                format,
                source: source.clone(),
                template_map: OffsetMap::identity(),
                spans: Spans::default(),
                diagnostics: Vec::new(),
                name_from_file: false,
                actions_from_template: false,
            },
        };
        match format {
            Format::ViewFile => loader
                .view_file(obj, &mut doc)
                .map_err(|d| invalid(vec![*d]))?,
            Format::CliInput => loader
                .cli_input(obj, &mut doc)
                .map_err(|d| invalid(vec![*d]))?,
            Format::BareTemplate => {
                doc.template = text.to_string();
                doc.name = path.map(name_from_path).unwrap_or_default();
                doc.origin.name_from_file = true;
                doc.origin.actions_from_template = true;
                doc.actions = super::validate::raised_actions(&root);
            }
        }
        // Duplicate keys inside the template are reported again by the validator.
        if format != Format::BareTemplate {
            let template_range = loader.spans.template.clone().unwrap_or(0..0);
            parse_diagnostics.retain(|d| {
                d.range
                    .as_ref()
                    .is_none_or(|r| r.start < template_range.start || r.start >= template_range.end)
            });
        } else {
            parse_diagnostics.clear();
        }
        loader.diagnostics.extend(parse_diagnostics);
        doc.origin.spans = loader.spans;
        doc.origin.diagnostics = loader.diagnostics;
        Ok(doc)
    }

    /// The template's compact serialization: exactly the string that is sent to the service.
    pub fn compact_template(&self) -> Result<String, String> {
        template::compact(&self.template)
    }

    /// The view file in canonical form: 2-space indentation, members in the order Name,
    /// Description, Tags, Actions, Template, then any others in their original order.
    /// With `canonical_template` the template is re-serialized too (what `fmt` does);
    /// otherwise it is written as typed, indented to its place.
    pub fn to_view_file(&self, canonical_template: bool) -> Result<String, String> {
        let template = if canonical_template {
            template::pretty(&self.template)?
        } else {
            self.template.trim_end().to_string()
        };
        let mut members: Vec<(String, String)> = Vec::new();
        // `$schema` (for editors) leads, as JSON Schema users expect.
        if let Some(schema) = self.extra.get("$schema") {
            members.push(("$schema".into(), pretty_json(schema)));
        }
        members.push(("Name".into(), pretty_json(&Json::String(self.name.clone()))));
        if let Some(d) = &self.description {
            members.push(("Description".into(), pretty_json(&Json::String(d.clone()))));
        }
        if !self.tags.is_empty() {
            let tags: serde_json::Map<String, Json> = self
                .tags
                .iter()
                .map(|(k, v)| (k.clone(), Json::String(v.clone())))
                .collect();
            members.push(("Tags".into(), pretty_json(&Json::Object(tags))));
        }
        let actions = Json::Array(self.actions.iter().cloned().map(Json::String).collect());
        members.push(("Actions".into(), pretty_json(&actions)));
        members.push(("Template".into(), template));
        for (k, v) in self.extra.iter().filter(|(k, _)| *k != "$schema") {
            members.push((k.clone(), pretty_json(v)));
        }
        let mut out = String::from("{\n");
        for (i, (key, value)) in members.iter().enumerate() {
            out.push_str("  ");
            out.push_str(&pretty_json(&Json::String(key.clone())));
            out.push_str(": ");
            out.push_str(&indent_continuation(value, "  "));
            out.push_str(if i + 1 < members.len() { ",\n" } else { "\n" });
        }
        out.push_str("}\n");
        Ok(out)
    }

    /// The text of the document in `format`: a view file, a bare template (ending in a
    /// newline), or AWS CLI create-view input; or why it cannot be written so.
    pub fn to_file_text(&self, format: Format) -> Result<String, String> {
        match format {
            Format::ViewFile => self.to_view_file(false),
            Format::BareTemplate => {
                let mut t = self.template.clone();
                if !t.ends_with('\n') {
                    t.push('\n');
                }
                Ok(t)
            }
            Format::CliInput => self.to_canonical_text().map_err(|e| {
                format!("{e}; fix the template, or it cannot be written as CLI input")
            }),
        }
    }

    /// The document in the shape it was loaded from, canonically formatted (`fmt`).
    pub fn to_canonical_text(&self) -> Result<String, String> {
        match self.origin.format {
            Format::ViewFile => self.to_view_file(true),
            Format::BareTemplate => Ok(template::pretty(&self.template)? + "\n"),
            Format::CliInput => {
                let mut value = self.to_cli_input(None, None)?;
                if let Json::Object(map) = &mut value {
                    for (k, v) in &self.extra {
                        if !LOCAL_MEMBERS.contains(&k.as_str()) && !map.contains_key(k) {
                            map.insert(k.clone(), v.clone());
                        }
                    }
                }
                Ok(pretty_json(&value) + "\n")
            }
        }
    }

    /// The `aws connect create-view --cli-input-json` input for this view. Sample data and
    /// other local members are left out.
    pub fn to_cli_input(
        &self,
        instance_id: Option<&str>,
        status: Option<&str>,
    ) -> Result<Json, String> {
        let mut map = serde_json::Map::new();
        if let Some(id) = instance_id {
            map.insert("InstanceId".into(), Json::String(id.into()));
        } else if let Some(Json::String(id)) = self.extra.get("InstanceId") {
            map.insert("InstanceId".into(), Json::String(id.clone()));
        }
        map.insert("Name".into(), Json::String(self.name.clone()));
        if let Some(d) = &self.description {
            map.insert("Description".into(), Json::String(d.clone()));
        }
        let status = status
            .map(str::to_string)
            .or_else(|| {
                self.extra
                    .get("Status")
                    .and_then(Json::as_str)
                    .map(str::to_string)
            })
            .unwrap_or_else(|| "PUBLISHED".into());
        map.insert("Status".into(), Json::String(status));
        let mut content = serde_json::Map::new();
        content.insert("Template".into(), Json::String(self.compact_template()?));
        content.insert(
            "Actions".into(),
            Json::Array(self.actions.iter().cloned().map(Json::String).collect()),
        );
        map.insert("Content".into(), Json::Object(content));
        if !self.tags.is_empty() {
            map.insert(
                "Tags".into(),
                Json::Object(
                    self.tags
                        .iter()
                        .map(|(k, v)| (k.clone(), Json::String(v.clone())))
                        .collect(),
                ),
            );
        }
        Ok(Json::Object(map))
    }
}

/// A starter template for a new view (its button raises `Done`).
pub const STARTER: &str = r#"{
  "Head": {
    "Title": "New view",
    "Configuration": {
      "Layout": {
        "Columns": [
          "12"
        ]
      }
    }
  },
  "Body": [
    {
      "_id": "root",
      "Type": "Container",
      "Props": {},
      "Content": [
        {
          "_id": "heading",
          "Type": "Header",
          "Props": {
            "variant": "h2"
          },
          "Content": [
            "Hello, ",
            "$.CustomerName"
          ]
        },
        {
          "_id": "done_button",
          "Type": "Button",
          "Props": {
            "Action": "Done",
            "Variant": "primary"
          },
          "Content": [
            "Done"
          ]
        }
      ]
    }
  ]
}"#;

/// The `SampleData` sets of a document's extra members.
pub fn sample_sets(
    extra: &serde_json::Map<String, serde_json::Value>,
) -> Option<&serde_json::Map<String, serde_json::Value>> {
    extra.get("SampleData")?.as_object()
}

/// A file name for a never-saved view, from its name: `Order actions` → `order-actions.view.json`.
pub fn file_name_for(name: &str) -> String {
    let slug: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let slug = slug.trim_matches('-');
    format!("{}.view.json", if slug.is_empty() { "view" } else { slug })
}

/// Where to keep one's own copy of a file that changed on disk meanwhile:
/// `refund.view.json` → `refund.mine.view.json` beside it.
pub fn copy_path(path: &std::path::Path) -> std::path::PathBuf {
    let name = path
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = name
        .strip_suffix(".view.json")
        .or_else(|| name.strip_suffix(".json"))
        .unwrap_or(&name);
    path.with_file_name(format!("{stem}.mine.view.json"))
}

/// Tags written as `key=value, key=value` (the metadata dialog's form).
pub fn parse_tag_list(text: &str) -> Result<IndexMap<String, String>, String> {
    let mut tags = IndexMap::new();
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (k, v) = part
            .split_once('=')
            .ok_or_else(|| format!("\"{part}\" is not key=value"))?;
        tags.insert(k.trim().to_string(), v.trim().to_string());
    }
    Ok(tags)
}

/// Writes `text` atomically unless the file no longer holds `expect` (what it held when it
/// was read): `Ok(false)` then, and nothing is written. `None` writes regardless.
pub fn write_unless_changed(
    path: &Path,
    text: &str,
    expect: Option<&str>,
) -> std::io::Result<bool> {
    if let Some(expected) = expect
        && let Ok(now) = std::fs::read(path)
        && String::from_utf8_lossy(&now) != expected
    {
        return Ok(false);
    }
    write_atomic(path, text.as_bytes())?;
    Ok(true)
}

/// `orders.view.json` -> `orders`.
pub fn name_from_path(path: &Path) -> String {
    let file = path.file_name().and_then(|f| f.to_str()).unwrap_or("view");
    let stem = file
        .strip_suffix(".view.json")
        .or_else(|| file.strip_suffix(".json"))
        .unwrap_or(file);
    stem.to_string()
}

fn pretty_json(value: &Json) -> String {
    serde_json::to_string_pretty(value).expect("a JSON value always serializes")
}

fn indent_continuation(text: &str, indent: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
            if !line.is_empty() {
                out.push_str(indent);
            }
        }
        out.push_str(line);
    }
    out
}

struct Loader<'t> {
    text: &'t str,
    diagnostics: Vec<Diagnostic>,
    spans: Spans,
}

impl<'t> Loader<'t> {
    fn wrong_type(&mut self, pointer: &str, value: &Value<'_>, expected: &str) {
        self.diagnostics.push(Diagnostic::error(
            Code::MemberType,
            pointer,
            Some(range_of(value)),
            format!(
                "{} must be {expected}, not {}",
                &pointer[1..],
                kind_name(value)
            ),
        ));
    }

    fn string(&mut self, prop: &ObjectProp<'_>, pointer: &str) -> Option<(String, Range<usize>)> {
        match &prop.value {
            Value::StringLit(s) => Some((s.value.to_string(), range_of(&prop.value))),
            other => {
                self.wrong_type(pointer, other, "a string");
                None
            }
        }
    }

    fn metadata(&mut self, prop: &ObjectProp<'_>, doc: &mut ViewDocument) -> bool {
        match prop.name.as_str() {
            "Name" => {
                if let Some((name, range)) = self.string(prop, "/Name") {
                    doc.name = name;
                    self.spans.name = Some(range);
                }
            }
            "Description" => {
                if let Some((d, range)) = self.string(prop, "/Description") {
                    doc.description = Some(d);
                    self.spans.description = Some(range);
                }
            }
            "Tags" => match &prop.value {
                Value::Object(tags) => {
                    self.spans.tags = Some(range_of(&prop.value));
                    for t in &tags.properties {
                        let key = t.name.as_str().to_string();
                        match &t.value {
                            Value::StringLit(v) => {
                                self.spans
                                    .tag_entries
                                    .push((key_range(t), range_of(&t.value)));
                                doc.tags.insert(key, v.value.to_string());
                            }
                            other => {
                                let pointer = format!("/Tags/{key}");
                                self.wrong_type(&pointer, other, "a string");
                            }
                        }
                    }
                }
                other => self.wrong_type("/Tags", other, "an object of strings"),
            },
            _ => return false,
        }
        true
    }

    fn actions(&mut self, value: &Value<'_>, pointer: &str, doc: &mut ViewDocument) {
        match value {
            Value::Array(items) => {
                self.spans.actions = Some(range_of(value));
                for (i, item) in items.elements.iter().enumerate() {
                    match item {
                        Value::StringLit(s) => {
                            doc.actions.push(s.value.to_string());
                            self.spans.action_items.push(range_of(item));
                        }
                        other => {
                            let p = format!("{pointer}/{i}");
                            self.wrong_type(&p, other, "a string (an action name)");
                        }
                    }
                }
            }
            other => self.wrong_type(pointer, other, "an array of action names"),
        }
    }

    fn view_file(
        &mut self,
        obj: &Object<'_>,
        doc: &mut ViewDocument,
    ) -> Result<(), Box<Diagnostic>> {
        let mut template = None;
        for prop in &obj.properties {
            if self.metadata(prop, doc) {
                continue;
            }
            match prop.name.as_str() {
                "Actions" => self.actions(&prop.value, "/Actions", doc),
                "Template" => template = Some(&prop.value),
                other => {
                    if !LOCAL_MEMBERS.contains(&other) {
                        self.diagnostics.push(Diagnostic::warning(
                            Code::UnknownMember,
                            format!("/{other}"),
                            Some(key_range(prop)),
                            format!(
                                "\"{other}\" is not a view file member (Name, Description, Tags, \
                                 Actions, Template, $schema, SampleData, PulledFrom); it is kept \
                                 but never sent"
                            ),
                        ));
                    }
                    doc.extra.insert(other.to_string(), to_json(&prop.value));
                }
            }
        }
        let template = template.expect("format detection saw Template");
        let range = range_of(template);
        self.spans.template = Some(range.clone());
        match template {
            Value::Object(_) => {
                let (text, map) = dedent(self.text, range);
                doc.template = text;
                doc.origin.template_map = map;
            }
            Value::StringLit(_) => {
                let (text, map) = unescape(self.text, range.clone());
                doc.template = text;
                doc.origin.template_map = map;
                self.diagnostics.push(Diagnostic::warning(
                    Code::MemberType,
                    "/Template",
                    Some(range.start..range.start + 1),
                    "Template is an escaped string; in a view file it is a JSON object, which \
                     diffs well: `connect-views fmt` rewrites it",
                ));
            }
            other => {
                return Err(Box::new(Diagnostic::error(
                    Code::TemplateShape,
                    "/Template",
                    Some(range_of(other)),
                    format!(
                        "Template must be a JSON object with Head and Body, not {}",
                        kind_name(other)
                    ),
                )));
            }
        }
        if self.spans.name.is_none() && obj.get("Name").is_none() {
            // The `{Template, Actions}` content payload (what the console imports and
            // CloudFormation splits in two) carries no name: take the file's, as for a bare
            // template.
            match doc.origin.path.as_deref() {
                Some(path) => {
                    doc.name = name_from_path(path);
                    doc.origin.name_from_file = true;
                    self.diagnostics.push(Diagnostic::warning(
                        Code::Name,
                        "/Name",
                        Some(obj.range.start..obj.range.start + 1),
                        format!(
                            "the view file has no Name, so the view is named \"{}\" after the \
                             file: add \"Name\": \"...\" to choose one (unique in the instance)",
                            doc.name
                        ),
                    ));
                }
                None => self.diagnostics.push(Diagnostic::error(
                    Code::Name,
                    "/Name",
                    Some(obj.range.start..obj.range.start + 1),
                    "the view file has no Name: add \"Name\": \"...\" (unique in the instance)",
                )),
            }
        }
        Ok(())
    }

    fn cli_input(
        &mut self,
        obj: &Object<'_>,
        doc: &mut ViewDocument,
    ) -> Result<(), Box<Diagnostic>> {
        let mut template = None;
        for prop in &obj.properties {
            if self.metadata(prop, doc) {
                continue;
            }
            match prop.name.as_str() {
                "Content" => {
                    let Value::Object(content) = &prop.value else {
                        return Err(Box::new(Diagnostic::error(
                            Code::MemberType,
                            "/Content",
                            Some(range_of(&prop.value)),
                            format!(
                                "Content must be an object with Template and Actions, not {}",
                                kind_name(&prop.value)
                            ),
                        )));
                    };
                    for c in &content.properties {
                        match c.name.as_str() {
                            "Template" => template = Some(&c.value),
                            "Actions" => self.actions(&c.value, "/Content/Actions", doc),
                            other => self.diagnostics.push(Diagnostic::warning(
                                Code::UnknownMember,
                                format!("/Content/{other}"),
                                Some(key_range(c)),
                                format!(
                                    "\"{other}\" is not a member of Content (Template, Actions); \
                                     the service would reject it"
                                ),
                            )),
                        }
                    }
                }
                "InstanceId" | "Status" | "ClientToken" => {
                    doc.extra
                        .insert(prop.name.as_str().to_string(), to_json(&prop.value));
                }
                other => {
                    self.diagnostics.push(Diagnostic::warning(
                        Code::UnknownMember,
                        format!("/{other}"),
                        Some(key_range(prop)),
                        format!("\"{other}\" is not a member of CreateView input; it is ignored"),
                    ));
                    doc.extra.insert(other.to_string(), to_json(&prop.value));
                }
            }
        }
        match template {
            Some(t @ Value::StringLit(_)) => {
                let range = range_of(t);
                self.spans.template = Some(range.clone());
                let (text, map) = unescape(self.text, range);
                doc.template = text;
                doc.origin.template_map = map;
                Ok(())
            }
            Some(t @ Value::Object(_)) => {
                let range = range_of(t);
                self.spans.template = Some(range.clone());
                let (text, map) = dedent(self.text, range.clone());
                doc.template = text;
                doc.origin.template_map = map;
                self.diagnostics.push(Diagnostic::warning(
                    Code::MemberType,
                    "/Content/Template",
                    Some(range.start..range.start + 1),
                    "Content.Template is an object here, but the API takes it as a string; \
                     `connect-views export` writes the string form",
                ));
                Ok(())
            }
            Some(other) => Err(Box::new(Diagnostic::error(
                Code::TemplateShape,
                "/Content/Template",
                Some(range_of(other)),
                format!(
                    "Content.Template must be the template as a JSON string, not {}",
                    kind_name(other)
                ),
            ))),
            None => Err(Box::new(Diagnostic::error(
                Code::TemplateShape,
                "/Content",
                Some(obj.range.start..obj.range.start + 1),
                "Content has no Template: add \"Template\": \"{...}\"",
            ))),
        }
    }
}

/// Converts a spanned value into a `serde_json::Value` (for members we only carry along).
pub(crate) fn to_json(value: &Value<'_>) -> Json {
    match value {
        Value::StringLit(s) => Json::String(s.value.to_string()),
        Value::NumberLit(n) => serde_json::from_str(n.value).unwrap_or(Json::Null),
        Value::BooleanLit(b) => Json::Bool(b.value),
        Value::NullKeyword(_) => Json::Null,
        Value::Array(a) => Json::Array(a.elements.iter().map(to_json).collect()),
        Value::Object(o) => Json::Object(
            o.properties
                .iter()
                .map(|p| (p.name.as_str().to_string(), to_json(&p.value)))
                .collect(),
        ),
    }
}

/// The value at `range` of `text`, with the indentation of its first line removed from
/// the lines after it, and a map back to `text`.
fn dedent(text: &str, range: Range<usize>) -> (String, OffsetMap) {
    let line_start = text[..range.start].rfind('\n').map(|i| i + 1).unwrap_or(0);
    let indent = text[line_start..range.start]
        .bytes()
        .take_while(|&b| b == b' ')
        .count();
    let slice = &text[range.clone()];
    let mut out = String::with_capacity(slice.len());
    let mut map = OffsetMap::shifted(range.start);
    let mut outer = range.start;
    for (i, line) in slice.split('\n').enumerate() {
        let mut line = line;
        if i > 0 {
            out.push('\n');
            outer += 1;
            let removed = line.bytes().take(indent).take_while(|&b| b == b' ').count();
            line = &line[removed..];
            outer += removed;
            map.push(out.len(), outer);
        }
        out.push_str(line);
        outer += line.len();
    }
    (out, map)
}

/// Decodes the JSON string literal at `range` of `text`, with a map from decoded offsets
/// back to `text`.
fn unescape(text: &str, range: Range<usize>) -> (String, OffsetMap) {
    let raw = &text[range.start + 1..range.end - 1];
    let base = range.start + 1;
    let mut out = String::with_capacity(raw.len());
    let mut map = OffsetMap::shifted(base);
    let bytes = raw.as_bytes();
    let mut i = 0;
    let mut run_start = 0;
    while i < bytes.len() {
        if bytes[i] != b'\\' {
            i += 1;
            continue;
        }
        out.push_str(&raw[run_start..i]);
        let escape_at = i;
        let (decoded, len) = match bytes.get(i + 1) {
            Some(b'n') => ('\n', 2),
            Some(b't') => ('\t', 2),
            Some(b'r') => ('\r', 2),
            Some(b'b') => ('\u{8}', 2),
            Some(b'f') => ('\u{c}', 2),
            Some(b'/') => ('/', 2),
            Some(b'"') => ('"', 2),
            Some(b'\\') => ('\\', 2),
            Some(b'u') => {
                let hex = |at: usize| {
                    raw.get(at..at + 4)
                        .and_then(|h| u32::from_str_radix(h, 16).ok())
                };
                match hex(i + 2) {
                    Some(hi @ 0xD800..=0xDBFF)
                        if raw.get(i + 6..i + 8) == Some("\\u")
                            && hex(i + 8).is_some_and(|lo| (0xDC00..=0xDFFF).contains(&lo)) =>
                    {
                        let lo = hex(i + 8).unwrap_or(0xDC00);
                        let c = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
                        (char::from_u32(c).unwrap_or('\u{FFFD}'), 12)
                    }
                    Some(c) => (char::from_u32(c).unwrap_or('\u{FFFD}'), 6),
                    None => ('\u{FFFD}', 2),
                }
            }
            _ => ('\u{FFFD}', 1),
        };
        map.push(out.len(), base + escape_at);
        out.push(decoded);
        i += len.min(bytes.len() - i);
        run_start = i;
        map.push(out.len(), base + i);
    }
    out.push_str(&raw[run_start..]);
    (out, map)
}

/// Writes a file atomically: a temporary file in the same directory, flushed to disk,
/// then renamed over the target. On any error the old file is left as it was. An
/// existing file's permissions are kept.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let file_name = path
        .file_name()
        .ok_or_else(|| std::io::Error::other("the path names no file"))?
        .to_string_lossy()
        .into_owned();
    let temp = dir.join(format!(".{file_name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)?;
        if let Ok(meta) = std::fs::metadata(path) {
            f.set_permissions(meta.permissions())?;
        }
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&temp, path)?;
        if let Ok(d) = std::fs::File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_tags_and_guarded_writes() {
        assert_eq!(file_name_for("Order actions"), "order-actions.view.json");
        assert_eq!(file_name_for("  !! "), "view.view.json");
        let tags = parse_tag_list("team=ops, env = dev ,").unwrap();
        assert_eq!(tags.get("env").map(String::as_str), Some("dev"));
        assert_eq!(tags.len(), 2);
        assert!(
            parse_tag_list("team")
                .unwrap_err()
                .contains("\"team\" is not key=value")
        );
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v.view.json");
        std::fs::write(&path, "old").unwrap();
        assert!(!write_unless_changed(&path, "new", Some("what I read")).unwrap());
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "old",
            "not overwritten"
        );
        assert!(write_unless_changed(&path, "new", Some("old")).unwrap());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
    }

    #[test]
    fn dedent_maps_lines_back() {
        let text = "{\n  \"T\": {\n    \"a\": 1\n  }\n}";
        let start = text.find("{\n    ").unwrap();
        let end = text.rfind('}').unwrap() - 1;
        let (t, map) = dedent(text, start..end);
        assert_eq!(t, "{\n  \"a\": 1\n}");
        let a = t.find("\"a\"").unwrap();
        assert_eq!(map.map(a), text.find("\"a\"").unwrap());
    }

    #[test]
    fn unescape_decodes_and_maps() {
        let text = r#"{"T": "{\"a\":\n\"\u00e9x\"}"}"#;
        let start = text.find("\"{").unwrap();
        let (t, map) = unescape(text, start..text.len() - 1);
        assert_eq!(t, "{\"a\":\n\"éx\"}");
        let x = t.find('x').unwrap();
        assert_eq!(&text[map.map(x)..map.map(x) + 1], "x");
        let a = t.find('a').unwrap();
        assert_eq!(&text[map.map(a)..map.map(a) + 1], "a");
    }

    #[test]
    fn names_come_from_file_names() {
        assert_eq!(name_from_path(Path::new("a/orders.view.json")), "orders");
        assert_eq!(name_from_path(Path::new("x.json")), "x");
    }
}
