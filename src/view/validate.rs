//! The offline validator: every mistake the service would reject, and the ones
//! that break agents at run time, each with a stable code and an exact place.
//!
//! `Level::Saved` mirrors the service's basic validation (CreateView with
//! `SAVED`), `Level::Published` its full validation. Rules the service enforces
//! only when publishing are warnings at the saved level, so nothing is hidden.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use jsonc_parser::ast::{Object, ObjectProp, Value};
use regex::Regex;

use super::catalog::{
    Catalog, Certainty, Component, ContentKind, Kind, Prop, Props, Sealed, quoted_list, suggest,
};
use super::diagnostic::{self, Code, Diagnostic, Severity};
use super::document::ViewDocument;
use super::json::{self, key_range, kind_name, range_of};
use super::path::{Path, SavedPath, SavedPaths};
use super::reference::{Classified, classify};
use super::source::LineIndex;
use super::template::compact_len;

/// The service's limit on a view's content (template plus actions), in bytes.
pub const CONTENT_LIMIT: usize = 400_000;

/// Which of the service's validations to mirror: the status the content would be written
/// with (basic validation for SAVED, full for PUBLISHED).
pub type Level = super::status::Status;

/// Validates a document against the built-in catalogue. Diagnostics are located
/// (line:column) against `doc.origin.source` and sorted by position.
pub fn validate(doc: &ViewDocument, level: Level) -> Vec<Diagnostic> {
    validate_with(doc, level, Catalog::builtin())
}

pub fn validate_with(doc: &ViewDocument, level: Level, catalog: &Catalog) -> Vec<Diagnostic> {
    checked(doc, level, catalog, false).diagnostics
}

/// What one validation run found: the diagnostics, and the actions the template raises.
#[derive(Debug, Clone, Default)]
pub struct Checked {
    pub diagnostics: Vec<Diagnostic>,
    /// Actions raised by components, in order of first appearance (empty when the template
    /// does not parse).
    pub raised_actions: Vec<String>,
    /// The component tree, lowered from the same parse (none when the template does not
    /// parse). Its spans are in the template text.
    pub tree: Option<std::sync::Arc<super::tree::Tree>>,
}

/// Validates and reports the raised actions and the component tree from the same parse.
pub fn check(doc: &ViewDocument, level: Level, catalog: &Catalog) -> Checked {
    checked(doc, level, catalog, true)
}

fn checked(doc: &ViewDocument, level: Level, catalog: &Catalog, want_tree: bool) -> Checked {
    let mut raised_actions: Vec<String> = Vec::new();
    let mut tree = None;
    let mut out = doc.origin.diagnostics.clone();
    check_metadata(doc, &mut out);

    let map = &doc.origin.template_map;
    let mut template_diagnostics = Vec::new();
    match json::parse(&doc.template, "/Template") {
        Err(d) => template_diagnostics.extend(d),
        Ok((root, parse_diagnostics)) => {
            template_diagnostics.extend(parse_diagnostics);
            let mut walker = Walker::new(level, catalog);
            walker.template(&root);
            walker.resolve_key_refs();
            template_diagnostics.append(&mut walker.out);
            check_actions(doc, &walker.raised, &mut out, &mut template_diagnostics);
            raised_actions = distinct(walker.raised.iter().map(|r| r.name.as_str()));
            let size = compact_len(&root) + doc.actions.iter().map(String::len).sum::<usize>();
            check_size(size, range_of(&root), &mut template_diagnostics);
            if want_tree {
                tree = Some(std::sync::Arc::new(super::tree::Tree::lower(&root)));
            }
        }
    }
    for mut d in template_diagnostics {
        d.range = d.range.map(|r| map.map_range(r));
        d.related = d.related.map(|r| map.map_range(r));
        out.push(d);
    }
    if !out.is_empty() {
        let source = &doc.origin.source;
        let index = LineIndex::new(source);
        for d in &mut out {
            d.locate(source, &index);
        }
        diagnostic::sort(&mut out);
    }
    Checked {
        diagnostics: out,
        raised_actions,
        tree,
    }
}

/// The actions a template raises, in order of first appearance (for bare templates).
pub fn raised_actions(root: &Value<'_>) -> Vec<String> {
    let mut walker = Walker::new(Level::Saved, Catalog::builtin());
    walker.template(root);
    distinct(walker.raised.iter().map(|r| r.name.as_str()))
}

/// The names in order of first appearance, each once (linear: a template can raise
/// 100,000 distinct names).
fn distinct<'n>(names: impl Iterator<Item = &'n str>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    names
        .filter(|n| seen.insert(*n))
        .map(str::to_string)
        .collect()
}

struct Raised {
    name: String,
    range: Range<usize>,
    pointer: String,
}

/// The operators of the service's condition schema (`$defs.ViewCondition` in the input
/// schemas it returns).
const OPERATORS: &[&str] = &["Equals", "NotEquals", "MoreThan", "LessThan", "Includes"];

/// Operator names of an older condition schema the service has returned, with their
/// current names.
const OLD_OPERATORS: &[(&str, &str)] = &[
    ("Equal", "Equals"),
    ("NotEqual", "NotEquals"),
    ("Include", "Includes"),
];

/// The member of a linked form output: `{"_linkedFormOutputName": "<a field's Name>"}`.
const LINKED: &str = "_linkedFormOutputName";

/// A form field of the view: what UI conditions compare.
struct FieldInfo {
    /// The values of its literal Options, when it has them.
    options: Option<Vec<String>>,
}

/// A name that must be a field's: a condition's `ElementByKey` or a linked form output.
struct KeyRef {
    name: String,
    range: Range<usize>,
    pointer: String,
    linked: bool,
    /// The value an Equals/NotEquals/Includes compares with, when it is a string.
    value: Option<(String, Range<usize>, String)>,
}

/// Whose members are being checked, for messages and severities.
struct Owner<'c, 'l> {
    component: &'c Component,
    label: Label<'l>,
    /// "prop" or "field".
    what: &'static str,
}

/// How the owner of some members is named in a message: "Button", "an item of Items",
/// "StartChatContactProps of ConnectAction". Formatted only when a message needs it.
#[derive(Clone, Copy)]
enum Label<'l> {
    Component(&'l str),
    ItemOf(&'l str),
    Of(&'l str, &'l Label<'l>),
}

impl std::fmt::Display for Label<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Label::Component(name) => f.write_str(name),
            Label::ItemOf(prop) => write!(f, "an item of {prop}"),
            Label::Of(prop, owner) => write!(f, "{prop} of {owner}"),
        }
    }
}

struct Walker<'a, 'c> {
    level: Level,
    catalog: &'c Catalog,
    out: Vec<Diagnostic>,
    /// Each `_id` seen: where, and where its node is (for naming the first of two).
    ids: HashMap<&'a str, (Range<usize>, SavedPath)>,
    id_paths: SavedPaths<'a>,
    raised: Vec<Raised>,
    path: Path<'a>,
    fields: HashMap<String, FieldInfo>,
    key_refs: Vec<KeyRef>,
}

/// Whether a string (or a key) anywhere in `value` is `name`.
fn mentions(value: &Value<'_>, name: &str) -> bool {
    match value {
        Value::StringLit(s) => s.value == name,
        Value::Array(a) => a.elements.iter().any(|v| mentions(v, name)),
        Value::Object(o) => o
            .properties
            .iter()
            .any(|p| p.name.as_str() == name || mentions(&p.value, name)),
        _ => false,
    }
}

fn one(range: Range<usize>) -> Range<usize> {
    range.start..range.start + 1
}

impl<'a, 'c> Walker<'a, 'c> {
    fn new(level: Level, catalog: &'c Catalog) -> Self {
        Walker {
            level,
            catalog,
            out: Vec::new(),
            ids: HashMap::with_capacity(256),
            id_paths: SavedPaths::default(),
            raised: Vec::new(),
            path: Path::new("/Template"),
            fields: HashMap::new(),
            key_refs: Vec::new(),
        }
    }

    /// Error when publishing, warning when saving.
    fn strict(&self) -> Severity {
        match self.level {
            Level::Published => Severity::Error,
            Level::Saved => Severity::Warning,
        }
    }

    fn push(&mut self, severity: Severity, code: Code, range: Range<usize>, message: String) {
        let pointer = self.path.pointer();
        self.out.push(Diagnostic::new(
            severity,
            code,
            pointer,
            Some(range),
            message,
        ));
    }

    fn error(&mut self, code: Code, range: Range<usize>, message: String) {
        self.push(Severity::Error, code, range, message);
    }

    fn template(&mut self, root: &'a Value<'a>) {
        let Value::Object(obj) = root else {
            self.error(
                Code::TemplateShape,
                range_of(root),
                format!(
                    "the template must be a JSON object with Head and Body, not {}",
                    kind_name(root)
                ),
            );
            return;
        };
        let (mut head, mut body) = (None, None);
        for p in &obj.properties {
            match p.name.as_str() {
                "Head" => head = Some(p),
                "Body" => body = Some(p),
                other => {
                    self.path.push_key(p.name.as_str());
                    let severity = self.strict();
                    self.push(
                        severity,
                        Code::TemplateShape,
                        key_range(p),
                        format!("\"{other}\" is not a template member: a template has only Head and Body"),
                    );
                    self.path.pop();
                }
            }
        }
        match head {
            None => self.error(
                Code::Head,
                one(obj.range.into_range()),
                "the template has no Head: add \"Head\": {\"Title\": \"...\", \"Configuration\": {}}"
                    .into(),
            ),
            Some(p) => {
                self.path.push_key("Head");
                match &p.value {
                    Value::Object(h) => self.head(h, key_range(p)),
                    other => self.error(
                        Code::Head,
                        range_of(other),
                        format!("Head must be an object with Title and Configuration, not {}", kind_name(other)),
                    ),
                }
                self.path.pop();
            }
        }
        match body {
            None => self.error(
                Code::Body,
                one(obj.range.into_range()),
                "the template has no Body: add \"Body\": [ ...components... ]".into(),
            ),
            Some(p) => {
                self.path.push_key("Body");
                match &p.value {
                    Value::Array(items) => {
                        for (i, item) in items.elements.iter().enumerate() {
                            self.path.push_index(i);
                            self.node(item, true);
                            self.path.pop();
                        }
                    }
                    other => self.error(
                        Code::Body,
                        range_of(other),
                        format!(
                            "Body must be an array of components, not {}",
                            kind_name(other)
                        ),
                    ),
                }
                let declared = head.and_then(|h| match &h.value {
                    Value::Object(h) => h.get("Integrations").map(|i| &i.value),
                    _ => None,
                });
                self.integrations(&p.value, declared);
                self.path.pop();
            }
        }
    }

    /// Each `$.#Name` integration reference in `value` that `Head.Integrations` does not
    /// mention: the service refuses integrations the body uses and the head does not
    /// include (observed by a third party, connect-views-api.md §8.1). The declaration's
    /// format is not public, so any string in it naming the integration counts, and a miss is
    /// a warning.
    fn integrations(&mut self, value: &'a Value<'a>, declared: Option<&'a Value<'a>>) {
        match value {
            Value::StringLit(s) if classify(&s.value) == Classified::Integration => {
                let name = s.value[3..].split(['.', '[']).next().unwrap_or_default();
                if declared.is_none_or(|d| !mentions(d, name)) {
                    let why = if declared.is_some() {
                        "Head.Integrations does not mention it"
                    } else {
                        "the template's Head has no Integrations"
                    };
                    self.push(
                        Severity::Warning,
                        Code::IntegrationUndeclared,
                        range_of(value),
                        format!(
                            "`{}` reads the integration \"{name}\", but {why}: the service \
                             refuses integrations the body uses and the head does not include. \
                             AWS does not publish how one is declared; add it in the admin \
                             website's builder (Tools) and pull the view, or publish to let \
                             the service decide",
                            s.value
                        ),
                    );
                }
            }
            Value::Array(a) => {
                for (i, item) in a.elements.iter().enumerate() {
                    self.path.push_index(i);
                    self.integrations(item, declared);
                    self.path.pop();
                }
            }
            Value::Object(o) => {
                for p in &o.properties {
                    self.path.push_key(p.name.as_str());
                    self.integrations(&p.value, declared);
                    self.path.pop();
                }
            }
            _ => {}
        }
    }

    fn head(&mut self, head: &'a Object<'a>, key: Range<usize>) {
        match head.get("Title") {
            None => self.error(
                Code::Title,
                key.clone(),
                "Head has no Title: add \"Title\": \"...\" (the view's heading)".into(),
            ),
            Some(t) => {
                self.path.push_key("Title");
                match &t.value {
                    Value::StringLit(s) if s.value.trim().is_empty() => self.error(
                        Code::Title,
                        range_of(&t.value),
                        "Head.Title is empty: give the view a title".into(),
                    ),
                    Value::StringLit(_) => {}
                    other => self.error(
                        Code::Title,
                        range_of(other),
                        format!("Head.Title must be a string, not {}", kind_name(other)),
                    ),
                }
                self.path.pop();
            }
        }
        match head.get("Configuration") {
            None if self.level == Level::Published => self.error(
                Code::HeadConfiguration,
                key,
                "Head has no Configuration, which publishing requires even when empty: add \
                 \"Configuration\": {}"
                    .into(),
            ),
            None => {}
            Some(c) => {
                self.path.push_key("Configuration");
                self.configuration(&c.value, Code::HeadConfiguration);
                self.path.pop();
            }
        }
    }

    fn configuration(&mut self, value: &'a Value<'a>, code: Code) {
        let Value::Object(obj) = value else {
            self.error(
                code,
                range_of(value),
                format!(
                    "Configuration must be an object (with Layout and Style), not {}",
                    kind_name(value)
                ),
            );
            return;
        };
        for p in &obj.properties {
            self.path.push_key(p.name.as_str());
            match (p.name.as_str(), &p.value) {
                ("Layout", Value::Object(layout)) => {
                    for l in &layout.properties {
                        self.path.push_key(l.name.as_str());
                        match l.name.as_str() {
                            "Columns" => self.columns(&l.value),
                            "Align" => {
                                if !matches!(l.value, Value::StringLit(_)) {
                                    self.error(
                                        Code::Configuration,
                                        range_of(&l.value),
                                        format!("Layout.Align must be a string such as \"left\", not {}", kind_name(&l.value)),
                                    );
                                }
                            }
                            other => {
                                let severity = self.strict();
                                self.push(
                                    severity,
                                    Code::Configuration,
                                    key_range(l),
                                    format!(
                                        "\"{other}\" is not a Layout member: use Columns and Align"
                                    ),
                                );
                            }
                        }
                        self.path.pop();
                    }
                }
                ("Style", Value::Object(style)) => self.style(style),
                ("Style", Value::StringLit(_)) => self.push(
                    Severity::Warning,
                    Code::Configuration,
                    range_of(&p.value),
                    "a Style string is accepted by the service but nothing reads it: write an \
                     object of component tokens such as {\"--container-padding-top\": \"8px\"}"
                        .into(),
                ),
                ("Layout" | "Style", other) => self.error(
                    Code::Configuration,
                    range_of(other),
                    format!(
                        "{} must be an object, not {}",
                        p.name.as_str(),
                        kind_name(other)
                    ),
                ),
                (other, _) => {
                    let severity = self.strict();
                    self.push(
                        severity,
                        Code::Configuration,
                        key_range(p),
                        format!("\"{other}\" is not a Configuration member: use Layout and Style"),
                    );
                }
            }
            self.path.pop();
        }
    }

    fn style(&mut self, style: &'a Object<'a>) {
        static TOKEN: OnceLock<Regex> = OnceLock::new();
        let token = TOKEN.get_or_init(|| Regex::new(r"^--[a-z0-9-]+$").expect("valid regex"));
        for s in &style.properties {
            let key = s.name.as_str();
            self.path.push_key(key);
            if !token.is_match(key) {
                let severity = self.strict();
                self.push(
                    severity,
                    Code::StyleKey,
                    key_range(s),
                    format!(
                        "Style key \"{key}\" is not a component token: Style takes tokens such as \
                         \"--container-padding-top\" (two dashes, lower-case letters, digits and \
                         dashes), not CSS properties"
                    ),
                );
            }
            if !matches!(s.value, Value::StringLit(_) | Value::NumberLit(_)) {
                self.error(
                    Code::Configuration,
                    range_of(&s.value),
                    format!(
                        "a Style value must be a string or a number, not {}",
                        kind_name(&s.value)
                    ),
                );
            }
            self.path.pop();
        }
    }

    fn columns(&mut self, value: &'a Value<'a>) {
        let check = |this: &mut Self, v: &'a Value<'a>| {
            let n = match v {
                Value::NumberLit(n) => n.value.parse::<f64>().ok(),
                Value::StringLit(s) => s.value.trim().parse::<f64>().ok(),
                _ => None,
            };
            match n {
                Some(n) if n.fract() == 0.0 && (1.0..=12.0).contains(&n) => {}
                _ => {
                    let severity = this.strict();
                    this.push(
                        severity,
                        Code::Columns,
                        range_of(v),
                        "layout columns are spans on a 12-column grid: whole numbers from 1 to 12, \
                         such as 12 or \"6\""
                            .into(),
                    );
                }
            }
        };
        match value {
            Value::Array(items) => {
                for (i, item) in items.elements.iter().enumerate() {
                    self.path.push_index(i);
                    check(self, item);
                    self.path.pop();
                }
            }
            other => check(self, other),
        }
    }

    fn node(&mut self, value: &'a Value<'a>, top_level: bool) {
        let Value::Object(obj) = value else {
            let hint = if top_level && matches!(value, Value::StringLit(_)) {
                "; to show text, use a TextBox: {\"_id\": \"...\", \"Type\": \"TextBox\", \"Props\": {}, \"Content\": [\"...\"]}"
            } else {
                ""
            };
            self.error(
                Code::Node,
                range_of(value),
                format!(
                    "Body holds component objects, not {}{hint}",
                    kind_name(value)
                ),
            );
            return;
        };
        let start = one(obj.range.into_range());
        let (mut ty, mut id, mut props, mut content) = (None, None, None, None);
        for p in &obj.properties {
            let name = p.name.as_str();
            match (name, &p.value) {
                ("_id", Value::StringLit(s)) => id = Some((s.value.as_ref(), range_of(&p.value))),
                ("Type", Value::StringLit(s)) => ty = Some((s.value.as_ref(), range_of(&p.value))),
                ("Props", Value::Object(o)) => props = Some((o, key_range(p))),
                ("Content", Value::Array(a)) => content = Some((a, key_range(p))),
                ("Configuration", v) => {
                    self.path.push_key("Configuration");
                    self.configuration(v, Code::Configuration);
                    self.path.pop();
                }
                ("_id" | "Type" | "Props" | "Content", v) => {
                    let (code, want) = match name {
                        "_id" => (Code::NodeId, "a string"),
                        "Type" => (Code::NodeType, "a string naming the component"),
                        "Props" => (Code::NodeProps, "an object"),
                        _ => (Code::NodeContent, "an array of components and strings"),
                    };
                    self.path.push_key(name);
                    self.error(
                        code,
                        range_of(v),
                        format!("{name} must be {want}, not {}", kind_name(v)),
                    );
                    self.path.pop();
                }
                (other, _) => {
                    self.path.push_key(other);
                    let severity = self.strict();
                    self.push(
                        severity,
                        Code::NodeMember,
                        key_range(p),
                        format!(
                            "\"{other}\" is not a member of a component node (_id, Type, Props, \
                             Content, Configuration); props go inside Props"
                        ),
                    );
                    self.path.pop();
                }
            }
        }
        self.node_id(id, obj.get("_id").is_some(), &start);
        let component = self.node_type(ty, obj.get("Type").is_some(), &start);
        match props {
            None if obj.get("Props").is_none() => self.error(
                Code::NodeProps,
                start.clone(),
                "this component has no Props: add \"Props\": {} (even when empty)".into(),
            ),
            None => {}
            Some((props, key)) => {
                self.path.push_key("Props");
                self.props(component, props, key);
                self.path.pop();
            }
        }
        match content {
            None if obj.get("Content").is_none() => self.error(
                Code::NodeContent,
                start,
                "this component has no Content: add \"Content\": [] (even when empty)".into(),
            ),
            None => {}
            Some((items, key)) => self.node_content(component, items, key, top_level),
        }
    }

    /// A node's `_id`: present, a string, and unique (the second of two is the error, naming
    /// the first).
    fn node_id(
        &mut self,
        id: Option<(&'a str, Range<usize>)>,
        has_key: bool,
        start: &Range<usize>,
    ) {
        match id {
            None if !has_key => self.error(
                Code::NodeId,
                start.clone(),
                "this component has no _id: add \"_id\": \"...\", unique in the template".into(),
            ),
            None => {}
            Some((id, range)) => {
                if let Some((first, first_at)) = self.ids.get(id) {
                    let first = first.clone();
                    let first_pointer = self.path.saved_pointer(&self.id_paths, *first_at);
                    self.path.push_key("_id");
                    self.out.push(
                        Diagnostic::error(
                            Code::DuplicateId,
                            self.path.pointer(),
                            Some(range),
                            format!(
                                "_id \"{id}\" is already used by {first_pointer}; every _id must be \
                                 unique in the template: rename this one"
                            ),
                        )
                        .with_related(Some(first)),
                    );
                    self.path.pop();
                } else {
                    let at = self.path.save(&mut self.id_paths);
                    self.ids.insert(id, (range, at));
                }
            }
        }
    }

    /// A node's `Type`: present, and in the catalogue (a near miss is a typo; a type nothing
    /// resembles is left to the service). The actions the component raises by itself count.
    fn node_type(
        &mut self,
        ty: Option<(&'a str, Range<usize>)>,
        has_key: bool,
        start: &Range<usize>,
    ) -> Option<&'c crate::view::catalog::Component> {
        match ty {
            None => {
                if !has_key {
                    self.error(
                        Code::NodeType,
                        start.clone(),
                        "this component has no Type: add \"Type\": \"Container\" (or another \
                         component)"
                            .into(),
                    );
                }
                None
            }
            Some((name, range)) => {
                let c = self.catalog.component(name);
                if c.is_none() {
                    // A near miss of a known type is a typo; a type nothing resembles may be
                    // one the catalogue has not met yet, so the service decides.
                    let (severity, message) = match self.catalog.suggest(name) {
                        Some(s) => (
                            self.strict(),
                            format!("unknown component Type \"{name}\"; did you mean \"{s}\"?"),
                        ),
                        None => (
                            Severity::Warning,
                            format!(
                                "the catalogue does not know the component Type \"{name}\" \
                                 (`connect-views components` lists it) and cannot tell whether \
                                 the service accepts it; its props and content are not checked"
                            ),
                        ),
                    };
                    self.path.push_key("Type");
                    self.push(severity, Code::UnknownComponent, range.clone(), message);
                    self.path.pop();
                }
                if let Some(c) = c {
                    for action in &c.raises {
                        self.raise(action, range.clone());
                    }
                }
                c
            }
        }
    }

    /// A node's `Content`: strings (their references) and components, and whether this
    /// component may hold them.
    fn node_content(
        &mut self,
        component: Option<&'c crate::view::catalog::Component>,
        items: &'a jsonc_parser::ast::Array<'a>,
        key: Range<usize>,
        top_level: bool,
    ) {
        self.path.push_key("Content");
        let mut holds_components = false;
        for (i, item) in items.elements.iter().enumerate() {
            self.path.push_index(i);
            match item {
                Value::StringLit(_) => self.string_refs(item),
                Value::Object(_) => {
                    holds_components = true;
                    self.node(item, false);
                }
                other => self.error(
                    Code::NodeContent,
                    range_of(other),
                    format!(
                        "Content items are components or strings, not {}; write text as \
                         a string",
                        kind_name(other)
                    ),
                ),
            }
            self.path.pop();
        }
        if let Some(c) = component {
            if top_level && holds_components && !c.container {
                let severity = self.strict();
                self.push(
                    severity,
                    Code::TopLevelChildren,
                    key.clone(),
                    format!(
                        "a {} at the top level of Body cannot hold components: wrap it in a \
                         Container, Section or Form, or give it only text",
                        c.name
                    ),
                );
            }
            if c.content == ContentKind::None && !items.elements.is_empty() {
                self.push(
                    Severity::Warning,
                    Code::UnexpectedContent,
                    key,
                    format!(
                        "{} takes no Content; these items are not shown: use []",
                        c.name
                    ),
                );
            }
        }
        self.path.pop();
    }

    fn props(&mut self, component: Option<&'c Component>, obj: &'a Object<'a>, key: Range<usize>) {
        let Some(component) = component else {
            for p in &obj.properties {
                self.path.push_key(p.name.as_str());
                self.scan_refs(&p.value);
                self.path.pop();
            }
            return;
        };
        let owner = Owner {
            component,
            label: Label::Component(component.name.as_str()),
            what: "prop",
        };
        self.members(&component.props, obj, &owner, key);
        if component.field
            && let Some(Value::StringLit(name)) = obj.get("Name").map(|p| &p.value)
        {
            let options = obj.get("Options").and_then(|p| match &p.value {
                Value::Array(items) => Some(
                    items
                        .elements
                        .iter()
                        .filter_map(|item| match item {
                            Value::Object(o) => match o.get("Value").map(|v| &v.value) {
                                Some(Value::StringLit(v)) => Some(v.value.to_string()),
                                _ => None,
                            },
                            _ => None,
                        })
                        .collect::<Vec<_>>(),
                ),
                _ => None,
            });
            match self.fields.entry(name.value.to_string()) {
                std::collections::hash_map::Entry::Occupied(_) => {
                    self.path.push_key("Name");
                    self.push(
                        Severity::Warning,
                        Code::DuplicateName,
                        name.range.into_range(),
                        format!(
                            "another field is already named \"{}\": their values collide in \
                             ViewResultData (the flow reads one of them) and UI conditions \
                             reading it see only one; give this field a Name of its own",
                            name.value
                        ),
                    );
                    self.path.pop();
                }
                std::collections::hash_map::Entry::Vacant(e) => {
                    e.insert(FieldInfo { options });
                }
            }
        }
    }

    /// The severity of a value check on `prop`: strict when the prop is known from a source
    /// that confirmed it by publishing, a warning otherwise.
    fn checked(&self, owner: &Owner<'c, '_>, prop: &Prop) -> Severity {
        if self.catalog.confirmed(owner.component.prop_from(prop)) {
            self.strict()
        } else {
            Severity::Warning
        }
    }

    /// Checks the members of a Props object, of one item of a list prop, or of an object prop.
    fn members(
        &mut self,
        spec: &'c Props,
        obj: &'a Object<'a>,
        owner: &Owner<'c, '_>,
        key: Range<usize>,
    ) {
        let component = owner.component;
        let what = owner.what;
        for p in &obj.properties {
            let name = p.name.as_str();
            self.path.push_key(name);
            match spec.get(name) {
                Some(prop) => self.value(&p.value, prop, name, owner),
                None => self.unknown_member(p, spec, owner),
            }
            self.path.pop();
        }
        for (name, prop) in spec {
            let Some(certainty) = prop.required else {
                continue;
            };
            if obj.get(name).is_some() {
                continue;
            }
            let (severity, unsure) = match certainty {
                Certainty::Sure => (self.strict(), String::new()),
                Certainty::Documented => (
                    Severity::Warning,
                    format!(
                        " (documented as required, known from {}; the service has not been seen \
                         refusing it)",
                        self.catalog.known_from(component.prop_from(prop))
                    ),
                ),
            };
            self.push(
                severity,
                Code::RequiredProp,
                key.clone(),
                format!(
                    "{} needs the {what} \"{name}\" ({}){unsure}",
                    owner.label,
                    prop.kind.describe()
                ),
            );
        }
    }

    fn unknown_member(&mut self, p: &'a ObjectProp<'a>, spec: &'c Props, owner: &Owner<'c, '_>) {
        let component = owner.component;
        let (name, what, label) = (p.name.as_str(), owner.what, owner.label.to_string());
        let suggestion = suggest(name, spec.keys().map(String::as_str));
        let listing = if spec.is_empty() {
            format!("{label} takes no {what}s")
        } else {
            format!(
                "its {what}s are {}",
                spec.keys().cloned().collect::<Vec<_>>().join(", ")
            )
        };
        let instead = (what == "prop")
            .then(|| component.not_props.get(name))
            .flatten();
        let hint = match (instead, suggestion) {
            (Some(instead), _) => format!("{instead} ({listing})"),
            (None, Some(s)) => format!("did you mean \"{s}\"?"),
            (None, None) => listing,
        };
        let known_from = self.catalog.known_from(&component.from);
        if contains_reference(&p.value) {
            let (severity, message) = match component.sealed {
                Sealed::Unknown => (
                    Severity::Warning,
                    format!(
                        "the catalogue has not seen the {what} \"{name}\" on {label} (known from \
                         {known_from}), and the service rejects a $. reference on a {what} it does \
                         not know: {hint}"
                    ),
                ),
                _ => (
                    Severity::Error,
                    format!(
                        "\"{name}\" is not a {what} of {label}, and the service rejects a $. \
                         reference on an unknown {what}: {hint}"
                    ),
                ),
            };
            self.push(
                severity,
                Code::ReferenceOnUnknownProp,
                key_range(p),
                message,
            );
            return;
        }
        let (severity, message) = match (
            component.sealed,
            suggestion.is_some() || instead.is_some(),
        ) {
            (Sealed::No, _) => (
                Severity::Warning,
                format!(
                    "{label} has no {what} \"{name}\": the service accepts it and ignores it, so \
                     it does nothing; {hint}"
                ),
            ),
            (Sealed::Yes, _) | (Sealed::Unknown, true) => (
                self.strict(),
                format!("{label} has no {what} \"{name}\": {hint}"),
            ),
            (Sealed::Unknown, false) => (
                Severity::Warning,
                format!(
                    "the catalogue has not seen the {what} \"{name}\" on {label} (known from \
                     {known_from}) and cannot tell whether the service accepts it; {hint}"
                ),
            ),
        };
        self.push(severity, Code::UnknownProp, key_range(p), message);
    }

    fn wrong_kind(&mut self, value: &'a Value<'a>, prop: &Prop, label: &str, severity: Severity) {
        let mut message = format!(
            "{label} must be {}, not {}",
            prop.kind.describe(),
            kind_name(value)
        );
        if prop.kind == Kind::Strings
            && let Value::StringLit(s) = value
        {
            message.push_str(&format!(": write [\"{}\"]", s.value));
        }
        self.push(severity, Code::PropKind, range_of(value), message);
    }

    fn value(&mut self, value: &'a Value<'a>, prop: &'c Prop, label: &str, owner: &Owner<'c, '_>) {
        let severity = self.checked(owner, prop);
        match value {
            Value::StringLit(s) => {
                self.string_value(value, &s.value, (prop, severity), label, owner)
            }
            Value::BooleanLit(_)
                if matches!(prop.kind, Kind::Boolean | Kind::Condition | Kind::Any) => {}
            Value::NumberLit(_) if matches!(prop.kind, Kind::Number | Kind::Any) => {}
            Value::NullKeyword(_) if prop.kind == Kind::Any => {}
            Value::Array(items) => self.array_value(value, items, (prop, severity), label, owner),
            Value::Object(o) => match &prop.kind {
                Kind::Any => self.scan_refs(value),
                Kind::Condition => self.condition(o),
                Kind::Object(fields) => {
                    let inner = Owner {
                        component: owner.component,
                        label: Label::Of(label, &owner.label),
                        what: "field",
                    };
                    self.members(fields, o, &inner, one(o.range.into_range()));
                }
                Kind::Linked if o.properties.len() == 1 && o.get(LINKED).is_some() => {
                    let linked = o.get(LINKED).map(|p| &p.value);
                    self.path.push_key(LINKED);
                    match linked {
                        Some(v @ Value::StringLit(s)) => self.key_refs.push(KeyRef {
                            name: s.value.to_string(),
                            range: range_of(v),
                            pointer: self.path.pointer(),
                            linked: true,
                            value: None,
                        }),
                        Some(other) => self.push(
                            severity,
                            Code::PropKind,
                            range_of(other),
                            format!(
                                "{LINKED} names a field, so it is a string, not {}",
                                kind_name(other)
                            ),
                        ),
                        None => {}
                    }
                    self.path.pop();
                }
                _ if o.get("Conditions").is_some() => {
                    self.condition(o);
                    self.push(
                        Severity::Warning,
                        Code::PropKind,
                        one(o.range.into_range()),
                        format!(
                            "{label} holds a UI condition, which the catalogue has seen only on \
                             Visibility, Required and Disabled; the service decides whether \
                             {} takes one here",
                            owner.label
                        ),
                    );
                }
                _ => self.wrong_kind(value, prop, label, severity),
            },
            _ => self.wrong_kind(value, prop, label, severity),
        }
    }

    /// A string prop value: references are the flow's; a literal is checked against the
    /// prop's kind (an enum's values, an action raised).
    fn string_value(
        &mut self,
        value: &'a Value<'a>,
        text: &'a str,
        (prop, severity): (&'c Prop, Severity),
        label: &str,
        owner: &Owner<'c, '_>,
    ) {
        match classify(text) {
            Classified::Reference(_) | Classified::Integration => return,
            Classified::Malformed(why) => {
                self.malformed(value, text, &why);
                return;
            }
            Classified::Embedded(at) => self.embedded(value, text, at),
            Classified::Literal => {}
        }
        if prop.empty && text.is_empty() {
            return;
        }
        match &prop.kind {
            Kind::String | Kind::Any | Kind::Linked => {
                if prop.action {
                    self.raise(text, range_of(value));
                }
                if !prop.seen.is_empty() && !prop.seen.iter().any(|v| v == text) {
                    self.unseen(value, text, prop, label);
                }
            }
            Kind::Enum(values) => {
                if !values.iter().any(|v| v == text) {
                    let hint = match suggest(text, values.iter().map(String::as_str)) {
                        Some(s) => format!("did you mean \"{s}\"? "),
                        None => String::new(),
                    };
                    let unsure = if severity == Severity::Warning {
                        format!(
                            " (the values are known from {}; the service may accept others)",
                            self.catalog.known_from(owner.component.prop_from(prop))
                        )
                    } else {
                        String::new()
                    };
                    self.push(
                        severity,
                        Code::EnumValue,
                        range_of(value),
                        format!(
                            "\"{text}\" is not a valid {label}: {hint}use one of {}{unsure}",
                            quoted_list(values)
                        ),
                    );
                }
            }
            Kind::Boolean | Kind::Condition if text == "true" || text == "false" => {}
            Kind::Number if text.trim().parse::<f64>().is_ok() => {}
            _ => self.wrong_kind(value, prop, label, severity),
        }
    }

    /// A value of a list the service closes but AWS does not publish (icon names), not among
    /// those seen in views it accepted: a note, since the list may well hold it.
    fn unseen(&mut self, value: &'a Value<'a>, text: &str, prop: &Prop, label: &str) {
        let hint = match suggest(text, prop.seen.iter().map(String::as_str)) {
            Some(s) => format!("did you mean \"{s}\"? "),
            None => String::new(),
        };
        self.push(
            Severity::Note,
            Code::UnseenValue,
            range_of(value),
            format!(
                "{label} \"{text}\" was not seen in a view the service accepted ({}): {hint}the \
                 service checks it against a list AWS does not publish, so publishing decides",
                quoted_list(&prop.seen)
            ),
        );
    }

    /// An array prop value: strings or scalars, or a list's item objects (their fields
    /// checked), per the prop's kind.
    fn array_value(
        &mut self,
        value: &'a Value<'a>,
        items: &'a jsonc_parser::ast::Array<'a>,
        (prop, severity): (&'c Prop, Severity),
        label: &str,
        owner: &Owner<'c, '_>,
    ) {
        match &prop.kind {
            Kind::Strings | Kind::Scalars => {
                let scalars = prop.kind == Kind::Scalars;
                for (i, item) in items.elements.iter().enumerate() {
                    self.path.push_index(i);
                    match item {
                        Value::StringLit(_) => self.string_refs(item),
                        Value::NumberLit(_) if scalars => {}
                        other => self.push(
                            severity,
                            Code::PropKind,
                            range_of(other),
                            format!(
                                "the items of {label} must be {}, not {}",
                                if scalars {
                                    "strings or numbers"
                                } else {
                                    "strings"
                                },
                                kind_name(other)
                            ),
                        ),
                    }
                    self.path.pop();
                }
            }
            Kind::List(fields) => {
                let item_owner = Owner {
                    component: owner.component,
                    label: Label::ItemOf(label),
                    what: "field",
                };
                for (i, item) in items.elements.iter().enumerate() {
                    self.path.push_index(i);
                    match item {
                        Value::Object(o) => {
                            self.members(fields, o, &item_owner, one(o.range.into_range()));
                        }
                        Value::StringLit(s)
                            if matches!(classify(&s.value), Classified::Reference(_)) => {}
                        other => self.push(
                            severity,
                            Code::PropKind,
                            range_of(other),
                            format!(
                                "the items of {label} must be objects, not {}",
                                kind_name(other)
                            ),
                        ),
                    }
                    self.path.pop();
                }
            }
            Kind::Any => self.scan_refs(value),
            _ => self.wrong_kind(value, prop, label, severity),
        }
    }

    /// A UI condition: `{"Conditions": [<condition>, ...]}`.
    fn condition(&mut self, obj: &'a Object<'a>) {
        let mut seen = false;
        for p in &obj.properties {
            self.path.push_key(p.name.as_str());
            match (p.name.as_str(), &p.value) {
                ("Conditions", Value::Array(items)) => {
                    seen = true;
                    for (i, item) in items.elements.iter().enumerate() {
                        self.path.push_index(i);
                        self.condition_item(item);
                        self.path.pop();
                    }
                }
                ("Conditions", other) => {
                    seen = true;
                    self.error(
                        Code::Condition,
                        range_of(other),
                        format!(
                            "Conditions must be an array of conditions such as {{\"Equals\": \
                             {{\"ElementByKey\": \"<a field's Name>\", \"ElementByValue\": \
                             \"<value>\"}}}}, not {}",
                            kind_name(other)
                        ),
                    );
                }
                (other, _) => {
                    let hint = match suggest(other, ["Conditions"].into_iter()) {
                        Some(s) => format!("did you mean \"{s}\"?"),
                        None => "a UI condition holds only Conditions".into(),
                    };
                    self.error(
                        Code::Condition,
                        key_range(p),
                        format!("\"{other}\" is not part of a UI condition: {hint}"),
                    );
                }
            }
            self.path.pop();
        }
        if !seen {
            self.error(
                Code::Condition,
                one(obj.range.into_range()),
                "a UI condition is {\"Conditions\": [...]}: add the list of conditions, or write \
                 true or false"
                    .into(),
            );
        }
    }

    /// One condition: `{"Equals": {...}}`, or `{"AndConditions": [...]}` / `{"OrConditions": [...]}`.
    fn condition_item(&mut self, value: &'a Value<'a>) {
        let Value::Object(obj) = value else {
            self.error(
                Code::Condition,
                range_of(value),
                format!(
                    "a condition is an object such as {{\"Equals\": {{\"ElementByKey\": \"<a \
                     field's Name>\", \"ElementByValue\": \"<value>\"}}}}, not {}",
                    kind_name(value)
                ),
            );
            return;
        };
        if obj.properties.is_empty() {
            self.push(
                Severity::Warning,
                Code::Condition,
                range_of(value),
                "this condition is empty, so it tests nothing: add {\"Equals\": {\"ElementByKey\": \
                 ..., \"ElementByValue\": ...}}"
                    .into(),
            );
        }
        for p in &obj.properties {
            let name = p.name.as_str();
            self.path.push_key(name);
            if let Some(op) = OPERATORS.iter().find(|o| **o == name) {
                self.operand(&p.value, op);
            } else if let Some((old, current)) = OLD_OPERATORS.iter().find(|(o, _)| *o == name) {
                self.push(
                    Severity::Warning,
                    Code::Condition,
                    key_range(p),
                    format!(
                        "\"{old}\" is the operator's name in an older condition schema of the \
                         service; the current one calls it \"{current}\""
                    ),
                );
                self.operand(&p.value, current);
            } else if name == "AndConditions" || name == "OrConditions" {
                match &p.value {
                    Value::Array(items) => {
                        for (i, item) in items.elements.iter().enumerate() {
                            self.path.push_index(i);
                            self.condition_item(item);
                            self.path.pop();
                        }
                    }
                    other => self.error(
                        Code::Condition,
                        range_of(other),
                        format!("{name} is an array of conditions, not {}", kind_name(other)),
                    ),
                }
            } else {
                let all = OPERATORS
                    .iter()
                    .copied()
                    .chain(["AndConditions", "OrConditions"]);
                let hint = match suggest(name, all.clone()) {
                    Some(s) => format!("did you mean \"{s}\"?"),
                    None => format!("use one of {}", all.collect::<Vec<_>>().join(", ")),
                };
                self.error(
                    Code::Condition,
                    key_range(p),
                    format!("\"{name}\" is not a condition: {hint}"),
                );
            }
            self.path.pop();
        }
    }

    /// `{"ElementByKey": "<a field's Name>", "ElementByValue": <value>}`.
    fn operand(&mut self, value: &'a Value<'a>, op: &'static str) {
        let Value::Object(obj) = value else {
            self.error(
                Code::Condition,
                range_of(value),
                format!(
                    "{op} takes {{\"ElementByKey\": \"<a field's Name>\", \"ElementByValue\": \
                     <value>}}, not {}",
                    kind_name(value)
                ),
            );
            return;
        };
        let mut key: Option<KeyRef> = None;
        let mut compared: Option<(String, Range<usize>, String)> = None;
        for p in &obj.properties {
            self.path.push_key(p.name.as_str());
            match (p.name.as_str(), &p.value) {
                ("ElementByKey", v @ Value::StringLit(s)) => {
                    key = Some(KeyRef {
                        name: s.value.to_string(),
                        range: range_of(v),
                        pointer: self.path.pointer(),
                        linked: false,
                        value: None,
                    });
                }
                ("ElementByKey", other) => self.error(
                    Code::Condition,
                    range_of(other),
                    format!(
                        "ElementByKey names a field, so it is a string, not {}",
                        kind_name(other)
                    ),
                ),
                ("ElementByValue", v) => {
                    if let Value::StringLit(s) = v
                        && matches!(op, "Equals" | "NotEquals" | "Includes")
                    {
                        compared = Some((s.value.to_string(), range_of(v), self.path.pointer()));
                    }
                }
                (other, _) => {
                    let hint = match suggest(other, ["ElementByKey", "ElementByValue"].into_iter())
                    {
                        Some(s) => format!("did you mean \"{s}\"?"),
                        None => "a condition takes only ElementByKey and ElementByValue".into(),
                    };
                    self.error(
                        Code::Condition,
                        key_range(p),
                        format!("\"{other}\" is not part of {op}: {hint}"),
                    );
                }
            }
            self.path.pop();
        }
        match key {
            Some(mut k) => {
                k.value = compared;
                self.key_refs.push(k);
            }
            None => self.push(
                Severity::Warning,
                Code::Condition,
                one(obj.range.into_range()),
                format!(
                    "this {op} has no ElementByKey, so it compares nothing: add \"ElementByKey\": \
                     \"<a field's Name>\""
                ),
            ),
        }
    }

    /// Checks what conditions and linked form outputs name against the view's fields, once
    /// every field is known.
    fn resolve_key_refs(&mut self) {
        let refs = std::mem::take(&mut self.key_refs);
        if refs.is_empty() {
            return;
        }
        let mut names: Vec<&str> = self.fields.keys().map(String::as_str).collect();
        names.sort_unstable();
        for r in refs {
            let Some(field) = self.fields.get(&r.name) else {
                let what = if r.linked {
                    "_linkedFormOutputName"
                } else {
                    "ElementByKey"
                };
                let consequence = if r.linked {
                    "the attribute gets no value"
                } else {
                    "the condition compares a value that no field supplies"
                };
                let hint = match suggest(&r.name, names.iter().copied()) {
                    Some(s) => format!("did you mean \"{s}\"?"),
                    None if names.is_empty() => {
                        "this view has no field (FormInput, Dropdown, Toggle, ...) with a Name"
                            .into()
                    }
                    None => format!("its fields are {}", names.join(", ")),
                };
                self.out.push(Diagnostic::warning(
                    Code::ConditionField,
                    r.pointer,
                    Some(r.range),
                    format!(
                        "{what} \"{}\" names no field of this view, so {consequence}: {hint}",
                        r.name
                    ),
                ));
                continue;
            };
            if let (Some((value, range, pointer)), Some(options)) = (r.value, &field.options)
                && !options.is_empty()
                && !options.contains(&value)
            {
                let hint = match suggest(&value, options.iter().map(String::as_str)) {
                    Some(s) => format!("did you mean \"{s}\"?"),
                    None => format!("its option values are {}", quoted_list(options)),
                };
                self.out.push(Diagnostic::warning(
                    Code::ConditionValue,
                    pointer,
                    Some(range),
                    format!(
                        "\"{value}\" is not one of the options of the field \"{}\", so the \
                         condition never holds: {hint}",
                        r.name
                    ),
                ));
            }
        }
    }

    fn raise(&mut self, name: &str, range: Range<usize>) {
        self.raised.push(Raised {
            name: name.to_string(),
            range,
            pointer: self.path.pointer(),
        });
    }

    fn malformed(&mut self, value: &'a Value<'a>, text: &str, why: &str) {
        self.error(
            Code::MalformedReference,
            range_of(value),
            format!("\"{text}\" is not a well-formed reference: {why}"),
        );
    }

    fn embedded(&mut self, value: &'a Value<'a>, text: &str, at: usize) {
        let (before, reference) = text.split_at(at);
        let reference = reference.split_whitespace().next().unwrap_or(reference);
        let reference =
            reference.trim_end_matches(|c: char| !(c.is_alphanumeric() || c == '_' || c == ']'));
        self.push(
            Severity::Warning,
            Code::EmbeddedReference,
            range_of(value),
            format!(
                "\"{reference}\" inside a longer string renders literally and declares no input; \
                 split the text into Content items, e.g. [\"{before}\", \"{reference}\", ...]"
            ),
        );
    }

    /// Checks a string for reference mistakes (a Content item, an item of a list of strings).
    fn string_refs(&mut self, value: &'a Value<'a>) {
        if let Value::StringLit(s) = value {
            match classify(&s.value) {
                Classified::Malformed(why) => self.malformed(value, &s.value, &why),
                Classified::Embedded(at) => self.embedded(value, &s.value, at),
                _ => {}
            }
        }
    }

    /// Checks every string inside a value for reference mistakes.
    fn scan_refs(&mut self, value: &'a Value<'a>) {
        match value {
            Value::StringLit(_) => self.string_refs(value),
            Value::Array(a) => {
                for (i, item) in a.elements.iter().enumerate() {
                    self.path.push_index(i);
                    self.scan_refs(item);
                    self.path.pop();
                }
            }
            Value::Object(o) => {
                for p in &o.properties {
                    self.path.push_key(p.name.as_str());
                    self.scan_refs(&p.value);
                    self.path.pop();
                }
            }
            _ => {}
        }
    }
}

trait IntoRange {
    fn into_range(self) -> Range<usize>;
}

impl IntoRange for jsonc_parser::common::Range {
    fn into_range(self) -> Range<usize> {
        self.start..self.end
    }
}

fn contains_reference(value: &Value<'_>) -> bool {
    match value {
        Value::StringLit(s) => matches!(classify(&s.value), Classified::Reference(_)),
        Value::Array(a) => a.elements.iter().any(contains_reference),
        Value::Object(o) => o.properties.iter().any(|p| contains_reference(&p.value)),
        _ => false,
    }
}

fn check_actions(
    doc: &ViewDocument,
    raised: &[Raised],
    metadata: &mut Vec<Diagnostic>,
    template: &mut Vec<Diagnostic>,
) {
    let spans = &doc.origin.spans;
    let listed: std::collections::HashSet<&str> = doc.actions.iter().map(String::as_str).collect();
    let raised_names: std::collections::HashSet<&str> =
        raised.iter().map(|r| r.name.as_str()).collect();
    for r in raised {
        if !listed.contains(r.name.as_str()) {
            // Whether the service refuses this is not known; the flow cannot branch on it.
            template.push(Diagnostic::new(
                Severity::Warning,
                Code::ActionNotListed,
                r.pointer.clone(),
                Some(r.range.clone()),
                format!(
                    "this component raises the action \"{}\", which is missing from the view's \
                     Actions: add it there, or the flow's Show view block has no branch for it",
                    r.name
                ),
            ));
        }
    }
    if doc.origin.actions_from_template {
        return;
    }
    for (i, action) in doc.actions.iter().enumerate() {
        let range = spans.action_items.get(i).cloned();
        if !raised_names.contains(action.as_str()) {
            metadata.push(Diagnostic::warning(
                Code::ActionNotRaised,
                format!("/Actions/{i}"),
                range,
                format!(
                    "the action \"{action}\" is listed but no component raises it: remove it, or \
                     give a Button, Card or ButtonGroup item \"Action\": \"{action}\""
                ),
            ));
        }
    }
}

fn check_size(size: usize, range: Range<usize>, out: &mut Vec<Diagnostic>) {
    let at = Some(one(range));
    if size > CONTENT_LIMIT {
        out.push(Diagnostic::error(
            Code::ContentTooLarge,
            "/Template",
            at,
            format!(
                "the template and actions are {size} bytes when sent, over the service's limit of \
                 {CONTENT_LIMIT}: split the view in two or remove components"
            ),
        ));
    } else if size * 10 > CONTENT_LIMIT * 9 {
        out.push(Diagnostic::warning(
            Code::ContentNearLimit,
            "/Template",
            at,
            format!(
                "the template and actions are {size} bytes when sent, {}% of the service's limit \
                 of {CONTENT_LIMIT}",
                size * 100 / CONTENT_LIMIT
            ),
        ));
    }
}

pub(crate) struct TextRule {
    what: &'static str,
    pub(crate) max: usize,
    pub(crate) whole: &'static str,
    /// Characters allowed after the first.
    chars: &'static str,
    /// The first character may not be a space.
    no_leading_space: bool,
}

pub(crate) const NAME_RULE: TextRule = TextRule {
    what: "name",
    max: 255,
    whole: r"^([\p{L}\p{N}_.:/=+\-@()']+[\p{L}\p{Z}\p{N}_.:/=+\-@()']*)$",
    chars: r"^[\p{L}\p{Z}\p{N}_.:/=+\-@()']$",
    no_leading_space: true,
};

pub(crate) const DESCRIPTION_RULE: TextRule = TextRule {
    what: "description",
    max: 4096,
    whole: r"^([\p{L}\p{N}_.:/=+\-@,()']+[\p{L}\p{Z}\p{N}_.:/=+\-@,()']*)$",
    chars: r"^[\p{L}\p{Z}\p{N}_.:/=+\-@,()']$",
    no_leading_space: true,
};

pub(crate) const TAG_KEY_RULE: TextRule = TextRule {
    what: "tag key",
    max: 128,
    whole: r"^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$",
    chars: r"^[\p{L}\p{Z}\p{N}_.:/=+\-@]$",
    no_leading_space: false,
};

fn compiled(pattern: &'static str) -> &'static Regex {
    static CACHE: OnceLock<std::sync::Mutex<HashMap<&'static str, &'static Regex>>> =
        OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
    cache
        .entry(pattern)
        .or_insert_with(|| Box::leak(Box::new(Regex::new(pattern).expect("valid pattern"))))
}

/// What is wrong with `text` under `rule`, if anything.
fn text_problem(text: &str, rule: &TextRule) -> Option<String> {
    let len = text.chars().count();
    if len == 0 {
        return Some(format!("the {} is empty", rule.what));
    }
    if len > rule.max {
        return Some(format!(
            "the {} is {len} characters long; the limit is {}",
            rule.what, rule.max
        ));
    }
    if compiled(rule.whole).is_match(text) {
        return None;
    }
    if rule.no_leading_space && text.starts_with(char::is_whitespace) {
        return Some(format!("the {} starts with a space", rule.what));
    }
    let chars = compiled(rule.chars);
    let mut buf = [0u8; 4];
    let bad = text
        .chars()
        .find(|c| !chars.is_match(c.encode_utf8(&mut buf)));
    Some(match bad {
        Some(c) => format!(
            "the {} contains {}, which the service does not allow",
            rule.what,
            describe_char(c)
        ),
        None => format!(
            "the {} does not match the service's pattern {}",
            rule.what, rule.whole
        ),
    })
}

fn describe_char(c: char) -> String {
    match c {
        '\n' => "a line break".into(),
        '\t' => "a tab".into(),
        c if c.is_control() => format!("the control character U+{:04X}", c as u32),
        c => format!("\"{c}\""),
    }
}

/// What is wrong with a view name under the service's rules, if anything.
pub fn name_problem(name: &str) -> Option<String> {
    text_problem(name, &NAME_RULE)
}

/// What is wrong with a view (or version) description, if anything.
pub fn description_problem(description: &str) -> Option<String> {
    text_problem(description, &DESCRIPTION_RULE)
}

/// What is wrong with an action name, if anything.
pub fn action_problem(action: &str) -> Option<String> {
    text_problem(
        action,
        &TextRule {
            what: "action name",
            ..NAME_RULE
        },
    )
}

/// What is wrong with a tag key, if anything.
pub fn tag_key_problem(key: &str) -> Option<String> {
    // The model's `^(?!aws:)` is case-sensitive: `AWS:x` is a customer's key.
    if key.starts_with("aws:") {
        Some("tag keys starting with \"aws:\" are reserved for AWS".to_string())
    } else {
        text_problem(key, &TAG_KEY_RULE)
    }
}

/// What is wrong with a tag value, if anything.
pub fn tag_value_problem(key: &str, value: &str) -> Option<String> {
    let len = value.chars().count();
    (len > 256)
        .then(|| format!("the value of tag \"{key}\" is {len} characters long; the limit is 256"))
}

fn check_metadata(doc: &ViewDocument, out: &mut Vec<Diagnostic>) {
    let spans = &doc.origin.spans;
    let name_reported = doc
        .origin
        .diagnostics
        .iter()
        .any(|d| d.code == Code::Name && d.is_error());
    if !name_reported && let Some(problem) = name_problem(&doc.name) {
        let fix = if doc.origin.name_from_file {
            "; the name comes from the file name: rename the file or use a view file with a Name"
        } else {
            "; view names use letters, digits, spaces and _ . : / = + - @ ( ) '"
        };
        out.push(Diagnostic::error(
            Code::Name,
            "/Name",
            spans.name.clone(),
            format!("{problem}{fix}"),
        ));
    }
    if let Some(d) = &doc.description
        && let Some(problem) = description_problem(d)
    {
        out.push(Diagnostic::error(
            Code::Description,
            "/Description",
            spans.description.clone(),
            format!(
                "{problem}; descriptions use letters, digits, spaces and _ . : / = + - @ , ( ) ' \
                 and fit on one line"
            ),
        ));
    }
    if doc.tags.len() > 50 {
        out.push(Diagnostic::error(
            Code::Tags,
            "/Tags",
            spans.tags.clone(),
            format!("the view has {} tags; the limit is 50", doc.tags.len()),
        ));
    }
    for (i, (key, value)) in doc.tags.iter().enumerate() {
        let (key_range, value_range) = spans
            .tag_entries
            .get(i)
            .cloned()
            .map(|(k, v)| (Some(k), Some(v)))
            .unwrap_or((None, None));
        let pointer = format!("/Tags/{}", super::path::token(key));
        let problem = tag_key_problem(key);
        if let Some(problem) = problem {
            out.push(Diagnostic::error(
                Code::Tags,
                pointer.clone(),
                key_range,
                problem,
            ));
        }
        let len = value.chars().count();
        if len > 256 {
            out.push(Diagnostic::error(
                Code::Tags,
                pointer,
                value_range,
                format!("the value of tag \"{key}\" is {len} characters long; the limit is 256"),
            ));
        }
    }
    for (i, action) in doc.actions.iter().enumerate() {
        let range = spans.action_items.get(i).cloned();
        let pointer = format!("/Actions/{i}");
        if let Some(problem) = action_problem(action) {
            out.push(Diagnostic::error(
                Code::ActionName,
                pointer.clone(),
                range.clone(),
                problem,
            ));
        }
        if let Some(first) = doc.actions[..i].iter().position(|a| a == action) {
            out.push(
                Diagnostic::error(
                    Code::DuplicateAction,
                    pointer,
                    range,
                    format!("the action \"{action}\" is already listed at /Actions/{first}: delete this one"),
                )
                .with_related(spans.action_items.get(first).cloned()),
            );
        }
    }
}
