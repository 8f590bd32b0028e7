//! What pressing an element yields, as the flow's Show view block sees it: the action (the
//! branch), `$.Views.Action` and `$.Views.ViewResultData` shaped as §2.2 of
//! `preview-and-viewdata.md` describes for customer-managed views, and the flattened paths a
//! flow reads. A submit checks `Required`, `ValidationPattern` and `MaxLength` first.

use serde_json::{Map, Value, json};

use super::condition::holds;
use super::state::FieldValue;
use super::{HotKind, Hotspot, PreviewState, Resolver, shown};
use crate::view::catalog::Holds;
use crate::view::tree::{NodeId, Tree};

/// A field a submit refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub node: NodeId,
    /// The field's `Name` (or `_id` when it has none).
    pub name: String,
    pub message: String,
}

/// The outcome of a press.
#[derive(Debug, Clone, PartialEq)]
pub struct Pressed {
    /// `$.Views.Action`: the action raised (none when a submit was refused).
    pub action: Option<String>,
    /// The Show view block's branch: the action when the view declares it, else
    /// `NoMatchingCondition`.
    pub branch: Option<String>,
    /// `$.Views.ViewResultData`.
    pub view_result_data: Value,
    /// `$.Views.Action` and every leaf of `$.Views.ViewResultData`, as a flow reads them.
    pub paths: Vec<(String, String)>,
    /// Why a submit was refused, per field.
    pub errors: Vec<FieldError>,
    /// What the result assumes.
    pub notes: Vec<String>,
}

impl Pressed {
    pub fn to_json(&self) -> Value {
        json!({
            "action": self.action,
            "branch": self.branch,
            "viewResultData": self.view_result_data,
            "paths": self.paths.iter().map(|(p, v)| json!({"path": p, "value": v})).collect::<Vec<_>>(),
            "errors": self.errors.iter().map(|e| json!({"field": e.name, "message": e.message})).collect::<Vec<_>>(),
            "notes": self.notes,
        })
    }
}

/// Presses `hotspot`. `None` for an element that raises nothing (a field, a toggle).
pub fn press(
    r: &Resolver<'_>,
    state: &PreviewState,
    actions: &[String],
    hotspot: &Hotspot,
) -> Option<Pressed> {
    if !hotspot.kind.raises() {
        return None;
    }
    let tree = r.tree;
    let node = tree.get(hotspot.node);
    let mut notes = Vec::new();
    let item = |name: &str| -> Option<Value> {
        let items = r.resolve(node.prop("Items")?);
        items.get(hotspot.item?)?.get(name).cloned()
    };
    let (action, data, errors) = match (hotspot.kind, node.ty()) {
        (HotKind::Submit, _) => {
            let action = match hotspot.item {
                Some(_) => item("Action").map(|a| shown(&a)),
                None => r.prop(node, "Action").map(|p| p.text()),
            };
            let (data, errors) = submit(r, state, hotspot.node, &mut notes);
            (action, data, errors)
        }
        (HotKind::Card, _) => {
            notes.push(
                "a card's ViewResultData is assumed from the admin guide's example (Heading and \
                 Id)"
                .into(),
            );
            (
                r.prop(node, "Action").map(|p| p.text()),
                json!({"Heading": r.prop_text(node, "Heading"), "Id": r.prop_text(node, "Id")}),
                Vec::new(),
            )
        }
        (HotKind::Row, _) => {
            let (action, data) = table_row(r, node, hotspot.item);
            (Some(action), data, Vec::new())
        }
        (_, "ConnectAction") => {
            notes.push(
                "a ConnectAction starts a contact from the chat widget; its ViewResultData is \
                 not documented"
                    .into(),
            );
            (Some("ActionSelected".into()), json!({}), Vec::new())
        }
        _ => {
            let action = match hotspot.item {
                Some(_) => item("Action").map(|a| shown(&a)),
                None => r.prop(node, "Action").map(|p| p.text()),
            };
            notes.push(
                "a plain button's ViewResultData is assumed from the admin guide's example \
                 ({\"action\": \"Button\"})"
                    .into(),
            );
            (action, json!({"action": "Button"}), Vec::new())
        }
    };
    if !errors.is_empty() {
        return Some(Pressed {
            action: None,
            branch: None,
            view_result_data: Value::Null,
            paths: Vec::new(),
            errors,
            notes,
        });
    }
    let branch = Some(branch(action.as_deref(), actions, &mut notes));
    let mut paths = Vec::new();
    if let Some(a) = &action {
        paths.push(("$.Views.Action".to_string(), a.clone()));
    }
    flatten("$.Views.ViewResultData", &data, &mut paths);
    Some(Pressed {
        action,
        branch,
        view_result_data: data,
        paths,
        errors: Vec::new(),
        notes,
    })
}

/// The branch of the Show view block an action takes: its own when the view lists it, else
/// NoMatchingCondition (and a note saying why).
fn branch(action: Option<&str>, actions: &[String], notes: &mut Vec<String>) -> String {
    match action {
        Some(a) if actions.iter().any(|x| x == a) => a.to_string(),
        Some(a) => {
            notes.push(format!(
                "\"{a}\" is not in the view's Actions, so the Show view block has no branch for \
                 it: the flow takes NoMatchingCondition"
            ));
            "NoMatchingCondition".into()
        }
        None => {
            notes.push("this element names no action: the flow takes NoMatchingCondition".into());
            "NoMatchingCondition".into()
        }
    }
}

/// A table row's press: the table's action, and the row under the table's `Name`.
fn table_row(
    r: &Resolver<'_>,
    node: &crate::view::tree::Node,
    item: Option<usize>,
) -> (String, Value) {
    let rows = node.prop("Items").map(|i| r.resolve(i));
    let row = rows
        .as_ref()
        .and_then(|rows| rows.get(item?))
        .cloned()
        .unwrap_or(Value::Null);
    let name = node
        .prop("Name")
        .and_then(|n| n.as_str())
        .unwrap_or("TableName")
        .to_string();
    let action = r
        .prop(node, "TableAction")
        .map(|p| p.text())
        .unwrap_or_else(|| "TableAction".into());
    let mut data = Map::new();
    data.insert(name, Value::Array(vec![row]));
    (action, Value::Object(data))
}

/// The leaves of a value as `prefix.key.0 = value` pairs (strings unquoted).
pub fn flatten(prefix: &str, v: &Value, out: &mut Vec<(String, String)>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                flatten(&format!("{prefix}.{k}"), x, out);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                flatten(&format!("{prefix}.{i}"), x, out);
            }
        }
        Value::String(s) => out.push((prefix.to_string(), s.clone())),
        other => out.push((prefix.to_string(), other.to_string())),
    }
}

/// Whether a component and everything above it is shown.
fn visible(r: &Resolver<'_>, state: &PreviewState, id: NodeId) -> bool {
    r.tree.ancestry(id).into_iter().all(|a| {
        r.tree
            .get(a)
            .prop("Visibility")
            .and_then(|v| holds(r, state, v))
            != Some(false)
    })
}

/// The fields a submit sends: those of the enclosing Form, or of the whole view when the
/// button is in none; hidden fields are left out (assumed).
fn fields(tree: &Tree, from: NodeId) -> Vec<NodeId> {
    let form = tree
        .ancestry(from)
        .into_iter()
        .rev()
        .find(|&a| tree.get(a).ty() == "Form");
    tree.preorder()
        .into_iter()
        .filter(|&id| {
            is_field(tree.get(id).ty()) && form.is_none_or(|f| tree.ancestry(id).contains(&f))
        })
        .collect()
}

/// Whether a component's value goes into ViewResultData under its `Name`: the catalogue
/// says so (the form fields, and a Table's selected rows).
fn is_field(ty: &str) -> bool {
    crate::view::Catalog::builtin()
        .component(ty)
        .is_some_and(|c| c.submits)
}

/// What a field puts under its Name in ViewResultData, by what the catalogue says it holds.
fn result_value(
    r: &Resolver<'_>,
    node: &crate::view::tree::Node,
    value: FieldValue,
    notes: &mut Vec<String>,
) -> Value {
    match (super::state::value_of_type(node.ty()), value) {
        (Some(Holds::Rows), _) => node
            .prop("Items")
            .map(|i| r.resolve(i))
            .unwrap_or(Value::Array(Vec::new())),
        (Some(Holds::Option), FieldValue::Chosen(v)) => {
            Value::String(v.first().cloned().unwrap_or_default())
        }
        (_, FieldValue::Chosen(v)) => Value::Array(v.into_iter().map(Value::String).collect()),
        (_, FieldValue::Text(t)) => Value::String(t),
        (_, FieldValue::On(b)) => {
            notes.push(
                "a Toggle's value is assumed to be a list holding true or false (AWS's \
                 samples read it as <Name>.0)"
                    .into(),
            );
            Value::Array(vec![Value::Bool(b)])
        }
    }
}

fn submit(
    r: &Resolver<'_>,
    state: &PreviewState,
    from: NodeId,
    notes: &mut Vec<String>,
) -> (Value, Vec<FieldError>) {
    let mut data = Map::new();
    let mut errors = Vec::new();
    for id in fields(r.tree, from) {
        if !visible(r, state, id) {
            continue;
        }
        let node = r.tree.get(id);
        let name = node
            .prop("Name")
            .and_then(|n| n.as_str())
            .map(str::to_string);
        let label = name
            .clone()
            .or_else(|| node.id.as_deref().map(str::to_string))
            .unwrap_or_default();
        let mut fail = |message: String| {
            errors.push(FieldError {
                node: id,
                name: label.clone(),
                message,
            })
        };
        let value = state.value(r, id);
        let required = node
            .prop("Required")
            .and_then(|v| holds(r, state, v))
            .unwrap_or(false);
        if required && value.is_empty() {
            fail("This field is required".into());
        }
        if let FieldValue::Text(text) = &value
            && !text.is_empty()
        {
            if let Some(pattern) = node.prop("ValidationPattern").and_then(|p| p.as_str()) {
                match regex::Regex::new(&format!("^(?:{pattern})$")) {
                    Ok(re) if !re.is_match(text) => {
                        fail(format!("Does not match the required pattern {pattern}"))
                    }
                    Ok(_) => {}
                    Err(_) => notes.push(format!(
                        "the pattern {pattern} uses syntax the preview cannot check (the \
                         workspace's JavaScript regular expressions can); it was not checked"
                    )),
                }
            }
            if node.prop("InputType").and_then(|t| t.as_str()) == Some("number")
                && text.trim().parse::<f64>().is_err()
            {
                fail("Enter a number".into());
            }
            if let Some(max) = node
                .prop("MaxLength")
                .and_then(|m| m.as_scalar_text())
                .and_then(|m| m.parse::<usize>().ok())
                && text.chars().count() > max
            {
                fail(format!("Enter at most {max} characters"));
            }
        }
        let Some(name) = name else {
            continue;
        };
        let out = result_value(r, node, value, notes);
        if data.contains_key(&name) {
            // Each field was judged by itself above; their values cannot both be kept.
            notes.push(format!(
                "two fields are named {name}: ViewResultData holds one value under it (the \
                 later field's here; CV035)"
            ));
        }
        data.insert(name, out);
    }
    if !errors.is_empty() {
        notes.push(
            "field errors are the preview's checks of Required, ValidationPattern, InputType and \
             MaxLength; the workspace's own wording is not published"
                .into(),
        );
    }
    (Value::Object(data), errors)
}
