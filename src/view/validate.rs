//! The offline validator: every mistake the service would reject, and the ones
//! that break agents at run time, each with a stable code and an exact place.
//!
//! `Level::Saved` mirrors the service's basic validation (CreateView with
//! `SAVED`), `Level::Published` its full validation. Rules the service enforces
//! only when publishing are warnings at the saved level, so nothing is hidden.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use jsonc_parser::ast::{Object, Value};
use regex::Regex;

use super::catalog::{Catalog, Component, ContentKind, Kind, Prop, Props, quoted_list, suggest};
use super::diagnostic::{self, Code, Diagnostic, Severity};
use super::document::ViewDocument;
use super::json::{self, key_range, kind_name, range_of};
use super::path::Path;
use super::reference::{Classified, classify};
use super::source::LineIndex;
use super::template::compact_len;

/// The service's limit on a view's content (template plus actions), in bytes.
pub const CONTENT_LIMIT: usize = 400_000;

/// Which of the service's validations to mirror.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Level {
    /// Basic validation, as for `Status: SAVED`.
    Saved,
    /// Full validation, as for `Status: PUBLISHED`.
    Published,
}

impl std::str::FromStr for Level {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().as_str() {
            "saved" => Ok(Level::Saved),
            "published" => Ok(Level::Published),
            _ => Err(format!("unknown level \"{s}\": use saved or published")),
        }
    }
}

impl std::fmt::Display for Level {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Level::Saved => "saved",
            Level::Published => "published",
        })
    }
}

/// Validates a document against the built-in catalogue. Diagnostics are located
/// (line:column) against `doc.origin.source` and sorted by position.
pub fn validate(doc: &ViewDocument, level: Level) -> Vec<Diagnostic> {
    validate_with(doc, level, Catalog::builtin())
}

pub fn validate_with(doc: &ViewDocument, level: Level, catalog: &Catalog) -> Vec<Diagnostic> {
    check(doc, level, catalog).diagnostics
}

/// What one validation run found: the diagnostics, and the actions the template raises.
#[derive(Debug, Clone, Default)]
pub struct Checked {
    pub diagnostics: Vec<Diagnostic>,
    /// Actions raised by components, in order of first appearance (empty when the template
    /// does not parse).
    pub raised_actions: Vec<String>,
}

/// Validates and reports the raised actions from the same parse.
pub fn check(doc: &ViewDocument, level: Level, catalog: &Catalog) -> Checked {
    let mut raised_actions: Vec<String> = Vec::new();
    let mut out = doc.origin.diagnostics.clone();
    check_metadata(doc, &mut out);

    let map = &doc.origin.template_map;
    let mut template_diagnostics = Vec::new();
    match json::parse(&doc.template, "/Template") {
        Err(d) => template_diagnostics.extend(d),
        Ok((root, parse_diagnostics)) => {
            template_diagnostics.extend(parse_diagnostics);
            let mut walker = Walker::new(level, catalog, &root);
            walker.template(&root);
            template_diagnostics.append(&mut walker.out);
            check_actions(
                doc,
                level,
                &walker.raised,
                &mut out,
                &mut template_diagnostics,
            );
            for r in &walker.raised {
                if !raised_actions.contains(&r.name) {
                    raised_actions.push(r.name.clone());
                }
            }
            let size = compact_len(&root) + doc.actions.iter().map(String::len).sum::<usize>();
            check_size(size, range_of(&root), &mut template_diagnostics);
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
    }
}

/// The actions a template raises, in order of first appearance (for bare templates).
pub fn raised_actions(root: &Value<'_>) -> Vec<String> {
    let mut walker = Walker::new(Level::Saved, Catalog::builtin(), root);
    walker.template(root);
    let mut names: Vec<String> = Vec::new();
    for r in walker.raised {
        if !names.contains(&r.name) {
            names.push(r.name);
        }
    }
    names
}

struct Raised {
    name: String,
    range: Range<usize>,
    pointer: String,
}

struct Walker<'a, 'c> {
    level: Level,
    catalog: &'c Catalog,
    root: &'a Value<'a>,
    out: Vec<Diagnostic>,
    ids: HashMap<&'a str, Range<usize>>,
    raised: Vec<Raised>,
    path: Path<'a>,
}

fn one(range: Range<usize>) -> Range<usize> {
    range.start..range.start + 1
}

impl<'a, 'c> Walker<'a, 'c> {
    fn new(level: Level, catalog: &'c Catalog, root: &'a Value<'a>) -> Self {
        Walker {
            level,
            catalog,
            root,
            out: Vec::new(),
            ids: HashMap::with_capacity(256),
            raised: Vec::new(),
            path: Path::new("/Template"),
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
                self.path.pop();
            }
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
        match id {
            None if obj.get("_id").is_none() => self.error(
                Code::NodeId,
                start.clone(),
                "this component has no _id: add \"_id\": \"...\", unique in the template".into(),
            ),
            None => {}
            Some((id, range)) => {
                if let Some(first) = self.ids.get(id) {
                    let first = first.clone();
                    let first_pointer = pointer_of(self.root, &first, "/Template");
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
                    self.ids.insert(id, range);
                }
            }
        }
        let component = match ty {
            None => {
                if obj.get("Type").is_none() {
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
                    let hint = match self.catalog.suggest(name) {
                        Some(s) => format!("; did you mean \"{s}\"?"),
                        None => "; see `connect-views components` for the catalogue".into(),
                    };
                    self.path.push_key("Type");
                    let severity = self.strict();
                    self.push(
                        severity,
                        Code::UnknownComponent,
                        range.clone(),
                        format!("unknown component Type \"{name}\"{hint}"),
                    );
                    self.path.pop();
                }
                if let Some(c) = c {
                    for action in &c.raises {
                        self.raise(action, range.clone());
                    }
                }
                c
            }
        };
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
            Some((items, key)) => {
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
        }
    }

    fn props(&mut self, component: Option<&'c Component>, obj: &'a Object<'a>, key: Range<usize>) {
        let Some(component) = component.filter(|c| !c.open) else {
            for p in &obj.properties {
                self.path.push_key(p.name.as_str());
                self.scan_refs(&p.value);
                self.path.pop();
            }
            return;
        };
        self.members(&component.props, obj, &component.name, "prop", key);
    }

    /// Checks the members of a Props object, or of one item of a list prop.
    fn members(
        &mut self,
        spec: &'c Props,
        obj: &'a Object<'a>,
        owner: &str,
        what: &str,
        key: Range<usize>,
    ) {
        for p in &obj.properties {
            let name = p.name.as_str();
            self.path.push_key(name);
            match spec.get(name) {
                Some(prop) => self.value(&p.value, prop, name),
                None => {
                    let known = spec.keys().map(String::as_str);
                    let hint = match suggest(name, known) {
                        Some(s) => format!("did you mean \"{s}\"?"),
                        None if spec.is_empty() => format!("{owner} takes no {what}s"),
                        None => format!(
                            "its {what}s are {}",
                            spec.keys().cloned().collect::<Vec<_>>().join(", ")
                        ),
                    };
                    if contains_reference(&p.value) {
                        self.error(
                            Code::ReferenceOnUnknownProp,
                            key_range(p),
                            format!(
                                "\"{name}\" is not a {what} of {owner}, and the service rejects a $. \
                                 reference on an unknown {what}: {hint}"
                            ),
                        );
                    } else {
                        let severity = self.strict();
                        self.push(
                            severity,
                            Code::UnknownProp,
                            key_range(p),
                            format!("{owner} has no {what} \"{name}\": {hint}"),
                        );
                    }
                }
            }
            self.path.pop();
        }
        for (name, prop) in spec {
            if prop.required && obj.get(name).is_none() {
                let severity = self.strict();
                self.push(
                    severity,
                    Code::RequiredProp,
                    key.clone(),
                    format!(
                        "{owner} needs the {what} \"{name}\" ({})",
                        prop.kind.describe()
                    ),
                );
            }
        }
    }

    fn wrong_kind(&mut self, value: &'a Value<'a>, prop: &Prop, label: &str) {
        let severity = self.strict();
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

    fn value(&mut self, value: &'a Value<'a>, prop: &'c Prop, label: &str) {
        match value {
            Value::StringLit(s) => {
                match classify(&s.value) {
                    Classified::Reference(_) | Classified::Integration => return,
                    Classified::Malformed(why) => {
                        self.malformed(value, &s.value, &why);
                        return;
                    }
                    Classified::Embedded(at) => self.embedded(value, &s.value, at),
                    Classified::Literal => {}
                }
                let text: &'a str = s.value.as_ref();
                match &prop.kind {
                    Kind::String | Kind::Any => {
                        if prop.action {
                            self.raise(text, range_of(value));
                        }
                    }
                    Kind::Enum(values) => {
                        if !values.iter().any(|v| v == text) {
                            let hint = match suggest(text, values.iter().map(String::as_str)) {
                                Some(s) => format!("did you mean \"{s}\"? "),
                                None => String::new(),
                            };
                            let severity = self.strict();
                            self.push(
                                severity,
                                Code::EnumValue,
                                range_of(value),
                                format!(
                                    "\"{text}\" is not a valid {label}: {hint}use one of {}",
                                    quoted_list(values)
                                ),
                            );
                        }
                    }
                    Kind::Boolean if text == "true" || text == "false" => {}
                    Kind::Number if text.trim().parse::<f64>().is_ok() => {}
                    _ => self.wrong_kind(value, prop, label),
                }
            }
            Value::BooleanLit(_) if matches!(prop.kind, Kind::Boolean | Kind::Any) => {}
            Value::NumberLit(_) if matches!(prop.kind, Kind::Number | Kind::Any) => {}
            Value::NullKeyword(_) if prop.kind == Kind::Any => {}
            Value::Array(items) => match &prop.kind {
                Kind::Strings => {
                    for (i, item) in items.elements.iter().enumerate() {
                        self.path.push_index(i);
                        match item {
                            Value::StringLit(_) => self.string_refs(item),
                            other => {
                                let severity = self.strict();
                                self.push(
                                    severity,
                                    Code::PropKind,
                                    range_of(other),
                                    format!(
                                        "the items of {label} must be strings, not {}",
                                        kind_name(other)
                                    ),
                                );
                            }
                        }
                        self.path.pop();
                    }
                }
                Kind::List(fields) => {
                    for (i, item) in items.elements.iter().enumerate() {
                        self.path.push_index(i);
                        match item {
                            Value::Object(o) => {
                                let owner = format!("an item of {label}");
                                self.members(fields, o, &owner, "field", one(o.range.into_range()));
                            }
                            Value::StringLit(s)
                                if matches!(classify(&s.value), Classified::Reference(_)) => {}
                            other => {
                                let severity = self.strict();
                                self.push(
                                    severity,
                                    Code::PropKind,
                                    range_of(other),
                                    format!(
                                        "the items of {label} must be objects, not {}",
                                        kind_name(other)
                                    ),
                                );
                            }
                        }
                        self.path.pop();
                    }
                }
                Kind::Any => self.scan_refs(value),
                _ => self.wrong_kind(value, prop, label),
            },
            Value::Object(_) if prop.kind == Kind::Any => self.scan_refs(value),
            _ => self.wrong_kind(value, prop, label),
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

/// The JSON pointer of the value whose range is `target` (used only to name the first of
/// two duplicates, so the walk's cost does not matter).
fn pointer_of(value: &Value<'_>, target: &Range<usize>, base: &str) -> String {
    fn find(value: &Value<'_>, target: &Range<usize>, out: &mut Vec<String>) -> bool {
        if range_of(value) == *target {
            return true;
        }
        let r = range_of(value);
        if target.start < r.start || target.end > r.end {
            return false;
        }
        match value {
            Value::Object(o) => o.properties.iter().any(|p| {
                out.push(super::path::token(p.name.as_str()));
                let found = find(&p.value, target, out);
                if !found {
                    out.pop();
                }
                found
            }),
            Value::Array(a) => a.elements.iter().enumerate().any(|(i, item)| {
                out.push(i.to_string());
                let found = find(item, target, out);
                if !found {
                    out.pop();
                }
                found
            }),
            _ => false,
        }
    }
    let mut segments = Vec::new();
    find(value, target, &mut segments);
    // Name the node, not its _id string.
    if segments.last().is_some_and(|s| s == "_id") {
        segments.pop();
    }
    let mut out = base.to_string();
    for s in segments {
        out.push('/');
        out.push_str(&s);
    }
    out
}

fn check_actions(
    doc: &ViewDocument,
    level: Level,
    raised: &[Raised],
    metadata: &mut Vec<Diagnostic>,
    template: &mut Vec<Diagnostic>,
) {
    let spans = &doc.origin.spans;
    for r in raised {
        if !doc.actions.contains(&r.name) {
            let severity = match level {
                Level::Published => Severity::Error,
                Level::Saved => Severity::Warning,
            };
            template.push(Diagnostic::new(
                severity,
                Code::ActionNotListed,
                r.pointer.clone(),
                Some(r.range.clone()),
                format!(
                    "this component raises the action \"{}\", which is missing from the view's \
                     Actions: add it there (the flow's Show view block branches on it)",
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
        if !raised.iter().any(|r| &r.name == action) {
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

struct TextRule {
    what: &'static str,
    max: usize,
    whole: &'static str,
    /// Characters allowed after the first.
    chars: &'static str,
    /// The first character may not be a space.
    no_leading_space: bool,
}

const NAME_RULE: TextRule = TextRule {
    what: "name",
    max: 255,
    whole: r"^([\p{L}\p{N}_.:/=+\-@()']+[\p{L}\p{Z}\p{N}_.:/=+\-@()']*)$",
    chars: r"^[\p{L}\p{Z}\p{N}_.:/=+\-@()']$",
    no_leading_space: true,
};

const DESCRIPTION_RULE: TextRule = TextRule {
    what: "description",
    max: 4096,
    whole: r"^([\p{L}\p{N}_.:/=+\-@,()']+[\p{L}\p{Z}\p{N}_.:/=+\-@,()']*)$",
    chars: r"^[\p{L}\p{Z}\p{N}_.:/=+\-@,()']$",
    no_leading_space: true,
};

const TAG_KEY_RULE: TextRule = TextRule {
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
    if key.to_ascii_lowercase().starts_with("aws:") {
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
    let name_reported = doc.origin.diagnostics.iter().any(|d| d.code == Code::Name);
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
        let problem = if key.to_ascii_lowercase().starts_with("aws:") {
            Some("tag keys starting with \"aws:\" are reserved for AWS".to_string())
        } else {
            text_problem(key, &TAG_KEY_RULE)
        };
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
