//! What the person trying the preview has done: field values typed or chosen, sections
//! opened. Keyed by `_id`, so it survives edits of the template that keep the component.

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use super::{Resolver, option_list};
use crate::view::catalog::Holds;
use crate::view::reference::{Classified, classify};
use crate::view::tree::{NodeId, Tree};

/// A form field's value in the preview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldValue {
    /// FormInput, TextArea, DatePicker, TimePicker.
    Text(String),
    /// Dropdown, RadioGroup, CheckboxGroup: the chosen option values, in option order.
    Chosen(Vec<String>),
    /// Toggle.
    On(bool),
}

impl FieldValue {
    pub fn is_empty(&self) -> bool {
        match self {
            FieldValue::Text(t) => t.is_empty(),
            FieldValue::Chosen(v) => v.is_empty(),
            FieldValue::On(_) => false,
        }
    }

    /// The value as a UI condition compares it: text as it is, one choice as its value,
    /// several as a list, a toggle as `true`/`false`.
    pub fn compared(&self) -> Value {
        match self {
            FieldValue::Text(t) => Value::String(t.clone()),
            FieldValue::Chosen(v) if v.len() == 1 => Value::String(v[0].clone()),
            FieldValue::Chosen(v) => Value::Array(v.iter().cloned().map(Value::String).collect()),
            FieldValue::On(b) => Value::Bool(*b),
        }
    }
}

/// The preview's own state.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PreviewState {
    values: HashMap<String, FieldValue>,
    expanded: HashSet<String>,
    /// Field errors the last submit found, by component key.
    errors: HashMap<String, String>,
}

/// The key a component's state is kept under: its `_id`, else its place.
pub fn key(tree: &Tree, id: NodeId) -> String {
    tree.get(id)
        .id
        .as_deref()
        .map(str::to_string)
        .unwrap_or_else(|| format!("#{}", id.index()))
}

impl PreviewState {
    /// A field's value: what was typed or chosen, else its `DefaultValue`.
    pub fn value(&self, r: &Resolver<'_>, id: NodeId) -> FieldValue {
        if let Some(v) = self.values.get(&key(r.tree, id)) {
            return v.clone();
        }
        default_value(r, id)
    }

    pub fn set(&mut self, tree: &Tree, id: NodeId, value: FieldValue) {
        let k = key(tree, id);
        // A changed field no longer shows the error the last submit found in it.
        self.errors.remove(&k);
        self.values.insert(k, value);
    }

    pub(crate) fn errors_map(&self) -> &HashMap<String, String> {
        &self.errors
    }

    /// Shows a submit's field errors beside their fields (and on the form, under its key).
    pub fn set_errors(&mut self, tree: &Tree, errors: &[super::FieldError]) {
        self.errors = errors
            .iter()
            .map(|e| (key(tree, e.node), e.message.clone()))
            .collect();
    }

    pub fn clear_errors(&mut self) {
        self.errors.clear();
    }

    /// Types a character into a text field (or removes the last one, for `None`).
    pub fn type_char(&mut self, r: &Resolver<'_>, id: NodeId, c: Option<char>) {
        let mut text = match self.value(r, id) {
            FieldValue::Text(t) => t,
            _ => return,
        };
        match c {
            Some(c) => text.push(c),
            None => {
                text.pop();
            }
        }
        self.set(r.tree, id, FieldValue::Text(text));
    }

    /// Chooses option `index` of a choice field: a Dropdown (single) or RadioGroup takes it
    /// as its one value; a multi-select Dropdown or a CheckboxGroup adds or removes it.
    pub fn choose(&mut self, r: &Resolver<'_>, id: NodeId, index: usize) {
        let node = r.tree.get(id);
        let options = option_list(r, node);
        let Some((_, value)) = options.get(index) else {
            return;
        };
        let multi = value_of_type(node.ty()).is_some_and(|h| {
            h.takes_several(|prop| node.prop(prop).and_then(|m| m.as_bool()) == Some(true))
        });
        let mut chosen = match self.value(r, id) {
            FieldValue::Chosen(v) => v,
            _ => Vec::new(),
        };
        if multi {
            match chosen.iter().position(|c| c == value) {
                Some(i) => {
                    chosen.remove(i);
                }
                None => {
                    chosen.push(value.clone());
                    // Keep option order, as the workspace lists them.
                    chosen.sort_by_key(|c| options.iter().position(|(_, v)| v == c));
                }
            }
        } else {
            chosen = vec![value.clone()];
        }
        self.set(r.tree, id, FieldValue::Chosen(chosen));
    }

    /// Steps a single-choice field to the next (or previous) option.
    pub fn cycle(&mut self, r: &Resolver<'_>, id: NodeId, forward: bool) {
        let options = option_list(r, r.tree.get(id));
        if options.is_empty() {
            return;
        }
        let current = match self.value(r, id) {
            FieldValue::Chosen(v) => v
                .first()
                .and_then(|c| options.iter().position(|(_, o)| o == c)),
            _ => None,
        };
        let n = options.len();
        let next = match (current, forward) {
            (None, true) => 0,
            (None, false) => n - 1,
            (Some(i), true) => (i + 1) % n,
            (Some(i), false) => (i + n - 1) % n,
        };
        self.set(
            r.tree,
            id,
            FieldValue::Chosen(vec![options[next].1.clone()]),
        );
    }

    pub fn toggle(&mut self, r: &Resolver<'_>, id: NodeId) {
        if let FieldValue::On(b) = self.value(r, id) {
            self.set(r.tree, id, FieldValue::On(!b));
        }
    }

    pub fn is_expanded(&self, tree: &Tree, id: NodeId) -> bool {
        self.expanded.contains(&key(tree, id))
    }

    pub fn toggle_expanded(&mut self, tree: &Tree, id: NodeId) {
        let k = key(tree, id);
        if !self.expanded.remove(&k) {
            self.expanded.insert(k);
        }
    }

    /// Forgets what was typed and chosen.
    pub fn reset(&mut self) {
        self.values.clear();
        self.expanded.clear();
        self.errors.clear();
    }
}

/// A field's `DefaultValue` (through the sample data when it is a reference), in the
/// field's own shape.
pub fn default_value(r: &Resolver<'_>, id: NodeId) -> FieldValue {
    let node = r.tree.get(id);
    let default = node.prop("DefaultValue").map(|v| r.resolve(v));
    let strings = |v: &Value| -> Vec<String> {
        match v {
            Value::Array(items) => items.iter().filter_map(scalar_text).collect(),
            other => scalar_text(other).into_iter().collect(),
        }
    };
    match value_of_type(node.ty()) {
        Some(Holds::Toggle) => FieldValue::On(
            matches!(default, Some(Value::Bool(true)))
                || matches!(&default, Some(Value::String(s)) if s == "true"),
        ),
        Some(Holds::Option | Holds::Options(_)) => {
            FieldValue::Chosen(default.as_ref().map(strings).unwrap_or_default())
        }
        // A default the sample data does not fill leaves the field empty (the renderer
        // shows the reference in its place).
        _ => FieldValue::Text(
            default
                .as_ref()
                .and_then(scalar_text)
                .filter(|t| !matches!(classify(t), Classified::Reference(_)))
                .unwrap_or_default(),
        ),
    }
}

/// What a component of this type holds under its `Name`, as the catalogue says.
pub fn value_of_type(ty: &str) -> Option<&'static Holds> {
    crate::view::Catalog::builtin()
        .component(ty)
        .and_then(|c| c.holds.as_ref())
}

pub fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if matches!(classify(s), Classified::Reference(_)) => None,
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}
