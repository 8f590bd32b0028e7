//! The input schema the service derives from a template's `$.` references, as the service
//! writes it (the evidence, and where it is missing the rule followed, is in the README's
//! "The input schema" section):
//!
//! - one property per top-level input name, in the template's order, each `anyOf` the shape
//!   of what it fills (a scalar's two branches, a string not starting with `$.` and a
//!   number, flattened into it) and an `anyOf` of one `$.#` integration reference;
//! - `required`: the inputs read from anything but a `DefaultValue` (those read only from
//!   `DefaultValue` are optional: the WhatsApp form's `"required": []`);
//! - nested object and array schemas built from the reference paths, leaf types from the
//!   catalogue's prop kinds; a referenced list gets its item shape, `required` and
//!   `additionalProperties: false`, and items that raise an action are themselves `anyOf`;
//! - `$defs.ViewCondition`, carried by every schema the service returns.

use indexmap::IndexMap;
use serde_json::{Map, Value, json};

use super::catalog::{Catalog, Kind, Prop, Props};
use super::reference::{Classified, Segment, classify};
use super::template::Template;
use super::tree::{Item, JsonRead, NodeId, Tree};

/// Derives the input schema with the built-in catalogue.
pub fn input_schema(template: &Template) -> Value {
    input_schema_with(template, Catalog::builtin())
}

pub fn input_schema_with(template: &Template, catalog: &Catalog) -> Value {
    let mut d = Deriver::new(catalog);
    if let Some(body) = template.value.get("Body").and_then(Value::as_array) {
        for node in body {
            d.node(node);
        }
    }
    d.finish()
}

/// The same schema, from the template's tree (the designer's one parse): what
/// [`input_schema_with`] derives from the text, property for property and in the same order.
pub fn input_schema_of(tree: &Tree, catalog: &Catalog) -> Value {
    let mut d = Deriver::new(catalog);
    for &id in &tree.body {
        d.tree_node(tree, id);
    }
    d.finish()
}

/// The names of the inputs a template declares, in order of first appearance.
pub fn input_names(template: &Template) -> Vec<String> {
    match input_schema(template).get("properties") {
        Some(Value::Object(p)) => p.keys().cloned().collect(),
        _ => Vec::new(),
    }
}

/// The pattern of a `$.#` integration reference, as the service writes it.
pub const INTEGRATION_PATTERN: &str =
    r"^\$\.{1}#[a-zA-Z0-9_]+(\[[0-9]*\])*(\.[a-zA-Z0-9_]+(\[[0-9]*\])*)*$";

/// The branch of every input that admits a `$.#` integration reference.
pub fn integration() -> Value {
    json!({"anyOf": [{"type": "string", "pattern": INTEGRATION_PATTERN}]})
}

/// `$defs.ViewCondition`: the shape of a UI condition, which the service carries in every
/// input schema (the WhatsApp form's, verbatim).
pub fn view_condition() -> Value {
    json!({
        "$id": "/view/condition",
        "type": "object",
        "patternProperties": {
            "^(MoreThan|LessThan|NotEquals|Equals|Includes)$": {
                "type": "object",
                "properties": {
                    "ElementByKey": {"type": "string"},
                    "ElementByValue": {"anyOf": [
                        {"type": "number"}, {"type": "string"}, {"type": "boolean"},
                        {"type": "array"}, {"type": "object"}
                    ]}
                },
                "additionalProperties": false
            },
            "^(AndConditions|OrConditions)$": {
                "type": "array",
                "items": {"$ref": "/view/condition"}
            }
        },
        "additionalProperties": false
    })
}

/// An input's schema: its shape's branches (an `anyOf` of its own is flattened into it)
/// and the integration reference.
fn input(shape: Value) -> Value {
    let mut branches = match shape {
        Value::Object(mut m) if m.len() == 1 && m.get("anyOf").is_some_and(Value::is_array) => {
            match m.remove("anyOf") {
                Some(Value::Array(b)) => b,
                _ => unreachable!("checked above"),
            }
        }
        other => vec![other],
    };
    branches.push(integration());
    json!({ "anyOf": branches })
}

#[derive(Debug, Clone)]
enum Node {
    Leaf(Value),
    Object(IndexMap<String, Node>),
    Array { items: Box<Node> },
}

impl Node {
    fn into_json(self) -> Value {
        match self {
            Node::Leaf(v) => v,
            // Below the top level the service requires nothing (AWS's knowledge-center
            // example of a List's `Items[].Heading` has neither `required` nor
            // `minItems`); `check-data` warns about absent values instead.
            Node::Object(members) => {
                let properties: Map<String, Value> = members
                    .into_iter()
                    .map(|(k, v)| (k, v.into_json()))
                    .collect();
                json!({"type": "object", "properties": properties})
            }
            Node::Array { items } => json!({"type": "array", "items": items.into_json()}),
        }
    }
}

/// A scalar input as the service accepts it: a string that is not an unresolved `$.`
/// reference, or a number (the shape observed from the service's schemas).
pub fn scalar() -> Value {
    json!({"anyOf": [{"type": "string", "pattern": "^$|^(?!\\$\\.).+"}, {"type": "number"}]})
}

/// The schema of a value that fills a prop of this kind.
pub fn leaf(prop: Option<&Prop>) -> Value {
    match prop.map(|p| &p.kind) {
        Some(Kind::Boolean) => {
            json!({"anyOf": [{"type": "boolean"}, {"type": "string", "enum": ["true", "false"]}]})
        }
        Some(Kind::Condition) => json!({"anyOf": [
            {"type": "boolean"},
            {"type": "string", "enum": ["true", "false"]},
            {"type": "object", "required": ["Conditions"]}
        ]}),
        Some(Kind::Scalars) => {
            json!({"type": "array", "items": {"anyOf": [{"type": "string"}, {"type": "number"}]}})
        }
        Some(Kind::Number) => json!({"type": "number"}),
        Some(Kind::Strings) => json!({"type": "array", "items": scalar()}),
        Some(Kind::List(fields)) => json!({"type": "array", "items": list_item(fields)}),
        // What a composite slot or a Table's Items take is not recorded: anything.
        Some(Kind::Any) => json!({}),
        _ => scalar(),
    }
}

/// One item of a referenced list: the sealed object of its fields; items that raise an
/// action (a ButtonGroup's, a Table's Actions) are `anyOf` it and an integration reference,
/// as the service derives a referenced Table `Actions` list.
fn list_item(fields: &Props) -> Value {
    if fields.values().any(|p| p.action) {
        json!({"anyOf": [sealed_object(fields), integration()]})
    } else {
        sealed_object(fields)
    }
}

fn sealed_object(fields: &Props) -> Value {
    let properties: Map<String, Value> = fields
        .iter()
        .map(|(name, prop)| (name.clone(), leaf(Some(prop))))
        .collect();
    let required: Vec<Value> = fields
        .iter()
        .filter(|(_, p)| p.is_required())
        .map(|(n, _)| Value::String(n.clone()))
        .collect();
    json!({
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": false
    })
}

struct Deriver<'c> {
    catalog: &'c Catalog,
    root: IndexMap<String, Node>,
    /// The inputs read from anything but a `DefaultValue`.
    required: indexmap::IndexSet<String>,
    /// Whether the value being walked is (inside) a `DefaultValue` prop.
    in_default: bool,
}

impl<'c> Deriver<'c> {
    fn new(catalog: &'c Catalog) -> Self {
        Deriver {
            catalog,
            root: IndexMap::new(),
            required: Default::default(),
            in_default: false,
        }
    }

    fn finish(self) -> Value {
        let required: Vec<Value> = self
            .root
            .keys()
            .filter(|k| self.required.contains(*k))
            .cloned()
            .map(Value::String)
            .collect();
        let properties: Map<String, Value> = self
            .root
            .into_iter()
            .map(|(k, v)| (k, input(v.into_json())))
            .collect();
        json!({
            "type": "object",
            "properties": properties,
            "required": required,
            "$defs": {"ViewCondition": view_condition()}
        })
    }

    /// Walks one prop's value, knowing whether it is a `DefaultValue`.
    fn prop<J: JsonRead>(&mut self, name: &str, value: &J, spec: Option<&Prop>) {
        self.in_default = name == "DefaultValue";
        self.value(value, spec);
        self.in_default = false;
    }

    fn insert(&mut self, path: &[Segment], leaf: Value) {
        if let Some(Segment::Key(first)) = path.first()
            && !self.in_default
        {
            self.required.insert(first.clone());
        }
        insert(&mut self.root, path, leaf);
    }

    fn node<J: JsonRead>(&mut self, node: &J) {
        if !node.is_object() {
            return;
        }
        let component = node
            .member("Type")
            .and_then(J::as_text)
            .and_then(|t| self.catalog.component(t));
        // Props first, then Content, whatever order the text has them in.
        for (name, value) in node.member("Props").into_iter().flat_map(J::members) {
            let spec = component.and_then(|c| c.props.get(name));
            self.prop(name, value, spec);
        }
        for item in node.member("Content").into_iter().flat_map(J::items) {
            if item.as_text().is_some() {
                self.value(item, None);
            } else if item.is_object() {
                self.node(item);
            }
        }
    }

    fn tree_node(&mut self, tree: &Tree, id: NodeId) {
        let node = tree.get(id);
        let component = self.catalog.component(node.ty());
        for m in &node.props {
            let spec = component.and_then(|c| c.props.get(&*m.key));
            self.prop(&m.key, &m.value, spec);
        }
        for item in &node.content {
            match item {
                Item::Text(s) => self.value(s, None),
                Item::Node(child) => self.tree_node(tree, *child),
                // An object without a `Type` is walked as the text would be.
                Item::Other(s) => self.node(s),
            }
        }
    }

    fn value<J: JsonRead>(&mut self, value: &J, spec: Option<&Prop>) {
        if let Some(s) = value.as_text() {
            if let Classified::Reference(r) = classify(s) {
                self.insert(&r.segments, leaf(spec));
            }
            return;
        }
        for item in value.items() {
            match spec.map(|p| &p.kind) {
                Some(Kind::List(fields)) => {
                    if item.is_object() {
                        for (name, v) in item.members() {
                            self.value(v, fields.get(name));
                        }
                    } else if let Some(s) = item.as_text()
                        && let Classified::Reference(r) = classify(s)
                    {
                        // A reference standing for one whole item of the list.
                        self.insert(&r.segments, list_item(fields));
                    }
                }
                _ => self.value(item, None),
            }
        }
        let fields = match spec.map(|p| &p.kind) {
            Some(Kind::Object(fields)) => Some(fields),
            _ => None,
        };
        for (name, v) in value.members() {
            self.value(v, fields.and_then(|f| f.get(name)));
        }
    }
}

fn insert(members: &mut IndexMap<String, Node>, path: &[Segment], leaf: Value) {
    let Some((Segment::Key(first), rest)) = path.split_first() else {
        return;
    };
    let slot = members
        .entry(first.clone())
        .or_insert_with(|| empty_for(rest));
    insert_at(slot, rest, leaf);
}

fn empty_for(rest: &[Segment]) -> Node {
    match rest.first() {
        None => Node::Leaf(Value::Null),
        Some(Segment::Key(_)) => Node::Object(IndexMap::new()),
        Some(Segment::Index(_)) => Node::Array {
            items: Box::new(Node::Leaf(Value::Null)),
        },
    }
}

fn insert_at(slot: &mut Node, rest: &[Segment], leaf: Value) {
    match rest.split_first() {
        None => {
            // The first use decides a leaf's type; a structure is never replaced by a leaf.
            if let Node::Leaf(v) = slot
                && v.is_null()
            {
                *v = leaf;
            }
        }
        Some((Segment::Key(k), tail)) => {
            if !matches!(slot, Node::Object(_)) {
                *slot = Node::Object(IndexMap::new());
            }
            if let Node::Object(members) = slot {
                let next = members.entry(k.clone()).or_insert_with(|| empty_for(tail));
                insert_at(next, tail, leaf);
            }
        }
        Some((Segment::Index(_), tail)) => {
            if !matches!(slot, Node::Array { .. }) {
                *slot = Node::Array {
                    items: Box::new(empty_for(tail)),
                };
            }
            if let Node::Array { items } = slot {
                if matches!(**items, Node::Leaf(Value::Null)) && !tail.is_empty() {
                    **items = empty_for(tail);
                }
                insert_at(items, tail, leaf);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schema(template: &str) -> Value {
        input_schema(&Template::parse(template).unwrap())
    }

    #[test]
    fn no_references_no_properties_and_the_condition_defs() {
        let s = schema(r#"{"Head": {"Title": "t"}, "Body": []}"#);
        assert_eq!(
            s,
            json!({"type": "object", "properties": {}, "required": [],
                   "$defs": {"ViewCondition": view_condition()}})
        );
    }

    #[test]
    fn nested_paths_build_nested_schemas_with_catalogue_leaves() {
        let s = schema(
            r#"{"Head": {"Title": "t"}, "Body": [
              {"_id": "b", "Type": "AttributeBar", "Props": {"Attributes": [{"Label": "x", "Value": "$.Bar.Attributes[0].Value"}]}, "Content": []},
              {"_id": "t", "Type": "Toggle", "Props": {"Required": "$.Must"}, "Content": ["$.Text"]},
              {"_id": "d", "Type": "Dropdown", "Props": {"DefaultValue": "$.Picked", "Options": "$.Opts"}, "Content": []}
            ]}"#,
        );
        // Read only from a DefaultValue: optional; everything else: required.
        assert_eq!(s["required"], json!(["Bar", "Must", "Text", "Opts"]));
        let names: Vec<&String> = s["properties"].as_object().unwrap().keys().collect();
        assert_eq!(names, ["Bar", "Must", "Text", "Picked", "Opts"]);
        // Every input ends with the integration reference.
        for (name, p) in s["properties"].as_object().unwrap() {
            let branches = p["anyOf"].as_array().unwrap();
            assert_eq!(branches.last(), Some(&integration()), "{name}");
        }
        let bar = &s["properties"]["Bar"]["anyOf"][0];
        assert_eq!(bar.get("required"), None);
        assert_eq!(bar["properties"]["Attributes"]["type"], "array");
        assert_eq!(bar["properties"]["Attributes"].get("minItems"), None);
        assert_eq!(
            bar["properties"]["Attributes"]["items"]["properties"]["Value"],
            scalar()
        );
        let must = &s["properties"]["Must"]["anyOf"];
        assert_eq!(must[0], json!({"type": "boolean"}));
        assert_eq!(must[1]["enum"], json!(["true", "false"]));
        // A scalar's two branches are flattened into the input's.
        assert_eq!(
            s["properties"]["Text"],
            json!({"anyOf": [scalar()["anyOf"][0], scalar()["anyOf"][1], integration()]})
        );
        assert_eq!(s["properties"]["Picked"]["anyOf"][0]["type"], "array");
        let opts = &s["properties"]["Opts"]["anyOf"][0];
        assert_eq!(opts["items"]["additionalProperties"], false);
        assert_eq!(opts["items"]["required"], json!(["Label", "Value"]));
    }
}
