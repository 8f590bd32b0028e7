//! The template as one owned, spanned tree: every component's `_id`, `Type`, props,
//! `Configuration` and children, with byte ranges in the template text. Lowered from the
//! validator's parse (one parse per revision), then read by everything that needs the
//! template's structure: the preview, the outline, the inspector, the diff.
//!
//! Nodes live in an arena; a [`NodeId`] is stable within one revision. `_id`s and form-field
//! `Name`s are indexed, so a selection, a UI condition or a pressed field is found in O(1).

use std::collections::HashMap;
use std::ops::Range;

use jsonc_parser::ast::Value as Ast;

use super::json::{key_range, range_of};

/// An owned JSON value with its byte range in the template text.
#[derive(Debug, Clone, PartialEq)]
pub struct Spanned {
    pub span: Range<usize>,
    pub value: Json,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    /// The number as written (so nothing is lost to a float).
    Number(Box<str>),
    String(Box<str>),
    Array(Vec<Spanned>),
    Object(Vec<Member>),
}

/// One member of an object, with the range of its key.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub key: Box<str>,
    pub key_span: Range<usize>,
    pub value: Spanned,
}

impl Spanned {
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Spanned]> {
        match &self.value {
            Json::Array(a) => Some(a),
            _ => None,
        }
    }

    pub fn as_object(&self) -> Option<&[Member]> {
        match &self.value {
            Json::Object(o) => Some(o),
            _ => None,
        }
    }

    /// `true`/`false`, or the strings `"true"`/`"false"` (both forms are accepted by the
    /// service for boolean props).
    pub fn as_bool(&self) -> Option<bool> {
        match &self.value {
            Json::Bool(b) => Some(*b),
            Json::String(s) if &**s == "true" => Some(true),
            Json::String(s) if &**s == "false" => Some(false),
            _ => None,
        }
    }

    /// A member of an object value.
    pub fn get(&self, key: &str) -> Option<&Spanned> {
        self.as_object()?
            .iter()
            .find(|m| &*m.key == key)
            .map(|m| &m.value)
    }

    /// A string or number as text (numbers as written).
    pub fn as_scalar_text(&self) -> Option<&str> {
        match &self.value {
            Json::String(s) | Json::Number(s) => Some(s),
            _ => None,
        }
    }

    /// The value as `serde_json` (for output and for schema checks).
    pub fn to_serde(&self) -> serde_json::Value {
        use serde_json::Value as V;
        match &self.value {
            Json::Null => V::Null,
            Json::Bool(b) => V::Bool(*b),
            Json::Number(n) => serde_json::from_str(n).unwrap_or(V::Null),
            Json::String(s) => V::String(s.to_string()),
            Json::Array(a) => V::Array(a.iter().map(Spanned::to_serde).collect()),
            Json::Object(o) => V::Object(
                o.iter()
                    .map(|m| (m.key.to_string(), m.value.to_serde()))
                    .collect(),
            ),
        }
    }

    fn lower(ast: &Ast<'_>) -> Spanned {
        let value = match ast {
            Ast::NullKeyword(_) => Json::Null,
            Ast::BooleanLit(b) => Json::Bool(b.value),
            Ast::NumberLit(n) => Json::Number(n.value.into()),
            Ast::StringLit(s) => Json::String(s.value.as_ref().into()),
            Ast::Array(a) => Json::Array(a.elements.iter().map(Spanned::lower).collect()),
            Ast::Object(o) => Json::Object(
                o.properties
                    .iter()
                    .map(|p| Member {
                        key: p.name.as_str().into(),
                        key_span: key_range(p),
                        value: Spanned::lower(&p.value),
                    })
                    .collect(),
            ),
        };
        Spanned {
            span: range_of(ast),
            value,
        }
    }
}

/// Reading a JSON value whichever form it is in: `serde_json` (what the endpoint and the
/// command line parse) or the tree's [`Spanned`] (what the designer's one parse holds), so
/// the schema derivation and the data lints are written once for both.
pub trait JsonRead {
    fn as_text(&self) -> Option<&str>;
    fn is_object(&self) -> bool;
    /// The items of an array (none for anything else).
    fn items(&self) -> impl Iterator<Item = &Self>;
    /// The members of an object in document order (none for anything else).
    fn members(&self) -> impl Iterator<Item = (&str, &Self)>;
    fn member(&self, key: &str) -> Option<&Self> {
        self.members().find(|(k, _)| *k == key).map(|(_, v)| v)
    }
}

impl JsonRead for serde_json::Value {
    fn as_text(&self) -> Option<&str> {
        self.as_str()
    }
    fn is_object(&self) -> bool {
        self.is_object()
    }
    fn items(&self) -> impl Iterator<Item = &Self> {
        self.as_array().into_iter().flatten()
    }
    fn members(&self) -> impl Iterator<Item = (&str, &Self)> {
        self.as_object()
            .into_iter()
            .flat_map(|o| o.iter().map(|(k, v)| (k.as_str(), v)))
    }
}

impl JsonRead for Spanned {
    fn as_text(&self) -> Option<&str> {
        self.as_str()
    }
    fn is_object(&self) -> bool {
        matches!(self.value, Json::Object(_))
    }
    fn items(&self) -> impl Iterator<Item = &Self> {
        self.as_array().into_iter().flatten()
    }
    fn members(&self) -> impl Iterator<Item = (&str, &Self)> {
        self.as_object()
            .into_iter()
            .flatten()
            .map(|m| (&*m.key, &m.value))
    }
}

/// What a node holds, in the order the template text has it (props, configuration and
/// content appear in whichever order the author wrote them).
#[derive(Debug, Clone, Copy)]
pub enum Part<'t> {
    Prop(&'t Member),
    Configuration(&'t Spanned),
    Content(&'t Item),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(u32);

impl NodeId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// One component.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub parent: Option<NodeId>,
    /// The whole node object.
    pub span: Range<usize>,
    pub id: Option<Box<str>>,
    /// The `_id` string's range (quotes included), when it is a string.
    pub id_span: Option<Range<usize>>,
    pub ty: Option<Box<str>>,
    /// The members of `Props` (empty when it is absent or not an object).
    pub props: Vec<Member>,
    /// The `Props` object's range, when it is an object.
    pub props_span: Option<Range<usize>>,
    /// The `Content` array's range (brackets included), when it is an array.
    pub content_span: Option<Range<usize>>,
    /// `Configuration`, beside `Props` (layout and style).
    pub configuration: Option<Spanned>,
    pub content: Vec<Item>,
}

impl Node {
    pub fn prop(&self, name: &str) -> Option<&Spanned> {
        self.props
            .iter()
            .find(|m| &*m.key == name)
            .map(|m| &m.value)
    }

    pub fn ty(&self) -> &str {
        self.ty.as_deref().unwrap_or("")
    }

    /// The column spans of `Configuration.Layout.Columns` (a single value or an array of
    /// strings or numbers); empty when there are none.
    pub fn columns(&self) -> Vec<u32> {
        columns_of(self.configuration.as_ref())
    }

    /// The text items of `Content`, joined (a Button's label, a TextBox's text).
    pub fn text(&self) -> String {
        self.content
            .iter()
            .filter_map(|i| match i {
                Item::Text(s) => s.as_str(),
                _ => None,
            })
            .collect()
    }
}

/// An item of a node's `Content`.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Node(NodeId),
    /// A string (text, or a whole-value `$.` reference).
    Text(Spanned),
    /// Anything else (a number, an object without `Type`...), kept for its span.
    Other(Spanned),
}

/// `Head`: the title and the view-wide layout.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Head {
    pub span: Range<usize>,
    pub title: Option<Spanned>,
    pub configuration: Option<Spanned>,
    /// `Head.Integrations`, the integrations (`$.#Name`) the body may read; AWS does not
    /// publish the format of its entries.
    pub integrations: Option<Spanned>,
}

impl Head {
    pub fn columns(&self) -> Vec<u32> {
        columns_of(self.configuration.as_ref())
    }
}

fn columns_of(configuration: Option<&Spanned>) -> Vec<u32> {
    let Some(columns) = configuration
        .and_then(|c| c.get("Layout"))
        .and_then(|l| l.get("Columns"))
    else {
        return Vec::new();
    };
    let one = |s: &Spanned| {
        s.as_scalar_text()
            .and_then(|t| t.trim().parse::<u32>().ok())
            .filter(|n| (1..=12).contains(n))
    };
    match columns.as_array() {
        Some(items) => items.iter().filter_map(one).collect(),
        None => one(columns).into_iter().collect(),
    }
}

/// The component tree of one template revision.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Tree {
    pub head: Head,
    /// The top-level components, in order.
    pub body: Vec<NodeId>,
    /// The `Body` array's range (brackets included), when it is an array.
    pub body_span: Option<Range<usize>>,
    nodes: Vec<Node>,
    by_id: HashMap<Box<str>, NodeId>,
    fields: HashMap<Box<str>, NodeId>,
}

/// Whether a component's `Name` is what it submits under (UI conditions compare its value):
/// the catalogue says so.
fn submits(ty: &str) -> bool {
    super::Catalog::builtin()
        .component(ty)
        .is_some_and(|c| c.submits)
}

impl Tree {
    /// Parses template text on its own (the designer and the validator lower the parse they
    /// already have, with [`Tree::lower`]). `None` when the text is not JSON.
    pub fn parse(text: &str) -> Option<Tree> {
        let (root, _) = super::json::parse(text, "/Template").ok()?;
        Some(Tree::lower(&root))
    }

    /// Lowers a parsed template. Whatever is not a component (a string in `Body`, an object
    /// without `Type`) is skipped in `body` and kept as an [`Item::Other`] in `Content`, so a
    /// template with mistakes still has a tree of everything that is recognisable.
    pub fn lower(root: &Ast<'_>) -> Tree {
        let mut tree = Tree::default();
        let Ast::Object(obj) = root else {
            return tree;
        };
        for p in &obj.properties {
            match (p.name.as_str(), &p.value) {
                ("Head", value) => {
                    let head = Spanned::lower(value);
                    tree.head = Head {
                        span: head.span.clone(),
                        title: head.get("Title").cloned(),
                        configuration: head.get("Configuration").cloned(),
                        integrations: head.get("Integrations").cloned(),
                    };
                }
                ("Body", Ast::Array(items)) => {
                    tree.body_span = Some(range_of(&p.value));
                    for item in &items.elements {
                        if let Some(id) = tree.node(item, None) {
                            tree.body.push(id);
                        }
                    }
                }
                _ => {}
            }
        }
        tree
    }

    fn node(&mut self, ast: &Ast<'_>, parent: Option<NodeId>) -> Option<NodeId> {
        let Ast::Object(obj) = ast else {
            return None;
        };
        let member = |name: &str| obj.properties.iter().find(|p| p.name.as_str() == name);
        let string = |name: &str| match member(name).map(|p| &p.value) {
            Some(Ast::StringLit(s)) => Some(Box::<str>::from(s.value.as_ref())),
            _ => None,
        };
        let ty = string("Type")?;
        let id = NodeId(self.nodes.len() as u32);
        let (props, props_span) = match member("Props").map(|p| Spanned::lower(&p.value)) {
            Some(Spanned {
                value: Json::Object(members),
                span,
            }) => (members, Some(span)),
            _ => (Vec::new(), None),
        };
        let id_span = match member("_id").map(|p| &p.value) {
            Some(v @ Ast::StringLit(_)) => Some(range_of(v)),
            _ => None,
        };
        let content_span = match member("Content").map(|p| &p.value) {
            Some(v @ Ast::Array(_)) => Some(range_of(v)),
            _ => None,
        };
        self.nodes.push(Node {
            parent,
            span: range_of(ast),
            id: string("_id"),
            id_span,
            ty: Some(ty),
            props,
            props_span,
            content_span,
            configuration: member("Configuration").map(|p| Spanned::lower(&p.value)),
            content: Vec::new(),
        });
        let mut content = Vec::new();
        if let Some(Ast::Array(items)) = member("Content").map(|p| &p.value) {
            for item in &items.elements {
                content.push(match item {
                    Ast::StringLit(_) => Item::Text(Spanned::lower(item)),
                    _ => match self.node(item, Some(id)) {
                        Some(child) => Item::Node(child),
                        None => Item::Other(Spanned::lower(item)),
                    },
                });
            }
        }
        let node = &mut self.nodes[id.index()];
        node.content = content;
        if let Some(key) = node.id.clone() {
            // The first of duplicate `_id`s keeps the name (the validator reports the rest).
            self.by_id.entry(key).or_insert(id);
        }
        let node = &self.nodes[id.index()];
        if submits(node.ty())
            && let Some(name) = node.prop("Name").and_then(Spanned::as_str)
        {
            self.fields.entry(name.into()).or_insert(id);
        }
        Some(id)
    }

    pub fn node_count(&self) -> usize {
        self.nodes.len()
    }

    /// A node's props, `Configuration` and `Content` items in the order the text has them
    /// (authors write them in any order; what is derived from them keeps the text's).
    pub fn parts(&self, id: NodeId) -> Vec<Part<'_>> {
        let node = self.get(id);
        let mut parts: Vec<(usize, Part<'_>)> = Vec::new();
        parts.extend(node.props.iter().map(|m| (m.key_span.start, Part::Prop(m))));
        if let Some(c) = &node.configuration {
            parts.push((c.span.start, Part::Configuration(c)));
        }
        parts.extend(node.content.iter().map(|i| {
            let at = match i {
                Item::Text(s) | Item::Other(s) => s.span.start,
                Item::Node(n) => self.get(*n).span.start,
            };
            (at, Part::Content(i))
        }));
        parts.sort_by_key(|(at, _)| *at);
        parts.into_iter().map(|(_, p)| p).collect()
    }

    pub fn get(&self, id: NodeId) -> &Node {
        &self.nodes[id.index()]
    }

    /// The component with this `_id`.
    pub fn by_id(&self, id: &str) -> Option<NodeId> {
        self.by_id.get(id).copied()
    }

    /// The form fields' `Name`s, in document order.
    pub fn field_names(&self) -> Vec<String> {
        self.preorder()
            .into_iter()
            .filter(|&n| submits(self.get(n).ty()))
            .filter_map(|n| self.get(n).prop("Name").and_then(Spanned::as_str))
            .map(str::to_string)
            .collect()
    }

    /// The form field submitting under this `Name`.
    pub fn field(&self, name: &str) -> Option<NodeId> {
        self.fields.get(name).copied()
    }

    /// Whether the node's `Name` is what it submits under (a form field, a Table).
    pub fn is_field(&self, id: NodeId) -> bool {
        submits(self.get(id).ty())
    }

    /// The child components of a node, in order.
    pub fn children(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        self.get(id).content.iter().filter_map(|i| match i {
            Item::Node(c) => Some(*c),
            _ => None,
        })
    }

    /// Every component, parents before children, in document order.
    pub fn preorder(&self) -> Vec<NodeId> {
        let mut out = Vec::with_capacity(self.nodes.len());
        let mut stack: Vec<NodeId> = self.body.iter().rev().copied().collect();
        while let Some(id) = stack.pop() {
            out.push(id);
            let children: Vec<NodeId> = self.children(id).collect();
            stack.extend(children.into_iter().rev());
        }
        out
    }

    /// The innermost component whose object contains `offset` (a byte offset in the
    /// template text): what the editor's cursor is on.
    pub fn node_at(&self, offset: usize) -> Option<NodeId> {
        let mut found = None;
        let mut level: &[NodeId] = &self.body;
        let mut children: Vec<NodeId>;
        loop {
            let Some(&hit) = level.iter().find(|&&id| {
                let s = &self.get(id).span;
                s.start <= offset && offset < s.end
            }) else {
                return found;
            };
            found = Some(hit);
            children = self.children(hit).collect();
            level = &children;
        }
    }

    /// The components from the top of `Body` down to `id`.
    pub fn ancestry(&self, id: NodeId) -> Vec<NodeId> {
        let mut out = vec![id];
        let mut at = id;
        while let Some(p) = self.get(at).parent {
            out.push(p);
            at = p;
        }
        out.reverse();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = r#"{
  "Head": {"Title": "T", "Configuration": {"Layout": {"Columns": ["10", 2]}}},
  "Body": [
    {"_id": "root", "Type": "Container", "Props": {}, "Configuration": {"Layout": {"Columns": "6"}},
     "Content": [
       {"_id": "name", "Type": "FormInput", "Props": {"Name": "customer", "Label": "Name"}, "Content": []},
       {"_id": "go", "Type": "Button", "Props": {"Action": "Go"}, "Content": ["Go ", "$.Who"]},
       42
     ]},
    "stray",
    {"_id": "tail", "Type": "TextBox", "Props": {}, "Content": ["bye"]}
  ]
}"#;

    #[test]
    fn lowers_components_with_their_spans() {
        let tree = Tree::parse(TEXT).unwrap();
        assert_eq!(tree.node_count(), 4);
        assert_eq!(tree.body.len(), 2, "the stray string is not a component");
        assert_eq!(tree.head.title.as_ref().unwrap().as_str(), Some("T"));
        assert_eq!(tree.head.columns(), vec![10, 2]);
        let root = tree.by_id("root").unwrap();
        assert_eq!(tree.get(root).columns(), vec![6]);
        let go = tree.get(tree.by_id("go").unwrap());
        assert_eq!(go.ty(), "Button");
        assert_eq!(go.text(), "Go $.Who");
        assert_eq!(go.prop("Action").unwrap().as_str(), Some("Go"));
        assert_eq!(&TEXT[go.span.clone()][..12], r#"{"_id": "go""#);
        assert_eq!(go.parent, Some(root));
        assert!(matches!(tree.get(root).content[2], Item::Other(_)));
        assert_eq!(tree.field("customer"), tree.by_id("name"));
        let order: Vec<&str> = tree
            .preorder()
            .into_iter()
            .map(|id| tree.get(id).id.as_deref().unwrap())
            .collect();
        assert_eq!(order, ["root", "name", "go", "tail"]);
    }

    #[test]
    fn the_cursor_finds_the_innermost_component() {
        let tree = Tree::parse(TEXT).unwrap();
        let at = |needle: &str| tree.node_at(TEXT.find(needle).unwrap());
        assert_eq!(at("\"Go \""), tree.by_id("go"));
        assert_eq!(at("\"Columns\": \"6\""), tree.by_id("root"));
        assert_eq!(at("\"bye\""), tree.by_id("tail"));
        assert_eq!(at("\"Title\""), None, "Head is not a component");
        let go = tree.by_id("go").unwrap();
        assert_eq!(tree.ancestry(go), vec![tree.by_id("root").unwrap(), go]);
    }

    #[test]
    fn values_convert_to_serde_as_written() {
        let tree = Tree::parse(
            r#"{"Head": {}, "Body": [{"_id": "t", "Type": "Table", "Props": {"Items": [{"a": 1.50, "b": "true"}], "Name": "t1"}, "Content": []}]}"#,
        )
        .unwrap();
        let t = tree.get(tree.by_id("t").unwrap());
        assert_eq!(
            t.prop("Items").unwrap().to_serde(),
            serde_json::json!([{"a": 1.50, "b": "true"}])
        );
        let items = t.prop("Items").unwrap().as_array().unwrap();
        assert_eq!(items[0].get("b").unwrap().as_bool(), Some(true));
        assert_eq!(tree.field("t1"), tree.by_id("t"));
    }
}
