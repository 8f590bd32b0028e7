//! The input schema the service derives from a template's `$.` references: a JSON
//! Schema object with one required property per top-level input name, nested
//! object and array schemas built from the reference paths, and leaf types from
//! the catalogue's prop kinds.

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
    let mut root = IndexMap::new();
    if let Some(body) = template.value.get("Body").and_then(Value::as_array) {
        let mut d = Deriver {
            catalog,
            root: &mut root,
        };
        for node in body {
            d.node(node);
        }
    }
    finish(root)
}

/// The same schema, from the template's tree (the designer's one parse): what
/// [`input_schema_with`] derives from the text, property for property and in the same order.
pub fn input_schema_of(tree: &Tree, catalog: &Catalog) -> Value {
    let mut root = IndexMap::new();
    let mut d = Deriver {
        catalog,
        root: &mut root,
    };
    for &id in &tree.body {
        d.tree_node(tree, id);
    }
    finish(root)
}

fn finish(root: IndexMap<String, Node>) -> Value {
    let required: Vec<Value> = root.keys().cloned().map(Value::String).collect();
    let properties: Map<String, Value> =
        root.into_iter().map(|(k, v)| (k, v.into_json())).collect();
    json!({"type": "object", "properties": properties, "required": required})
}

/// The names of the inputs a template declares, in order of first appearance.
pub fn input_names(template: &Template) -> Vec<String> {
    match input_schema(template).get("required") {
        Some(Value::Array(names)) => names
            .iter()
            .filter_map(|n| n.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
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
        Some(Kind::List(fields)) => json!({"type": "array", "items": sealed_object(fields)}),
        _ => scalar(),
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

struct Deriver<'c, 'r> {
    catalog: &'c Catalog,
    root: &'r mut IndexMap<String, Node>,
}

impl Deriver<'_, '_> {
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
            self.value(value, spec);
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
            self.value(&m.value, spec);
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
                insert(self.root, &r.segments, leaf(spec));
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
                        insert(self.root, &r.segments, sealed_object(fields));
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
    fn no_references_no_properties() {
        let s = schema(r#"{"Head": {"Title": "t"}, "Body": []}"#);
        assert_eq!(
            s,
            json!({"type": "object", "properties": {}, "required": []})
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
        assert_eq!(
            s["required"],
            json!(["Bar", "Must", "Text", "Picked", "Opts"])
        );
        let bar = &s["properties"]["Bar"];
        assert_eq!(bar.get("required"), None);
        assert_eq!(bar["properties"]["Attributes"]["type"], "array");
        assert_eq!(bar["properties"]["Attributes"].get("minItems"), None);
        assert_eq!(
            bar["properties"]["Attributes"]["items"]["properties"]["Value"],
            scalar()
        );
        assert_eq!(
            s["properties"]["Must"]["anyOf"][0],
            json!({"type": "boolean"})
        );
        assert_eq!(
            s["properties"]["Must"]["anyOf"][1]["enum"],
            json!(["true", "false"])
        );
        assert_eq!(s["properties"]["Text"], scalar());
        assert_eq!(s["properties"]["Picked"]["type"], "array");
        let opts = &s["properties"]["Opts"];
        assert_eq!(opts["items"]["additionalProperties"], false);
        assert_eq!(opts["items"]["required"], json!(["Label", "Value"]));
    }
}
