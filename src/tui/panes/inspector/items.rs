//! A list prop's items opened into their fields (`Options` into `Label` and `Value`, a
//! ButtonGroup's `Items` into `Label`, `Action`, `Variant` ...): each field a typed row like a
//! prop, from the catalogue's description of the list's items.

use super::{Here, InspectorPane, Row, Target, ValueKind, edited, spec};
use crate::tui::action::Command;
use crate::tui::component::Msg;
use crate::view::Severity;
use crate::view::catalog::{Kind, Prop};
use crate::view::edit;
use crate::view::tree::{NodeId, Spanned, Tree};

/// The key under which an item is open (in the pane's `open` set, beside open list props).
pub fn key(prop: &str, index: usize) -> String {
    format!("{prop}/{index}")
}

/// The catalogue's fields of a list prop's items, in its order.
fn item_fields(tree: &Tree, node: NodeId, prop: &str) -> Vec<(String, Prop)> {
    match spec(tree, node, prop).map(|p| &p.kind) {
        Some(Kind::List(fields)) => fields.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
        _ => Vec::new(),
    }
}

fn item<'t>(tree: &'t Tree, node: NodeId, prop: &str, index: usize) -> Option<&'t Spanned> {
    tree.get(node)
        .prop(prop)
        .and_then(|v| v.as_array())
        .and_then(|a| a.get(index))
}

/// The rows of an open item: the catalogue's fields, then any others it has.
pub fn field_rows(tree: &Tree, node: NodeId, prop: &str, index: usize, out: &mut Vec<Row>) {
    let known = item_fields(tree, node, prop);
    let mut names: Vec<String> = known.iter().map(|(k, _)| k.clone()).collect();
    if let Some(Spanned {
        value: crate::view::tree::Json::Object(members),
        ..
    }) = item(tree, node, prop, index)
    {
        for m in members {
            if !names.iter().any(|n| **n == *m.key) {
                names.push(m.key.to_string());
            }
        }
    }
    for field in names {
        out.push(Row::Field {
            prop: prop.to_string(),
            index,
            field,
        });
    }
}

/// A field row's value, and its catalogue entry.
pub fn field_value(
    tree: &Tree,
    node: NodeId,
    (prop, index, field): (&str, usize, &str),
) -> (Option<Spanned>, Option<Prop>) {
    let v = item(tree, node, prop, index)
        .and_then(|i| i.get(field))
        .cloned();
    let p = item_fields(tree, node, prop)
        .into_iter()
        .find(|(k, _)| k == field)
        .map(|(_, p)| p);
    (v, p)
}

/// The prompts for an item's required text and number fields, one after the other (each
/// answer writes its field, then opens the next): `None` when it has none.
pub(super) fn ask_required(here: &Here, prop: &str, index: usize) -> Option<Msg> {
    let fields: Vec<(String, ValueKind)> = item_fields(here.tree, here.node, prop)
        .into_iter()
        .filter(|(_, p)| p.is_required())
        .filter_map(|(k, p)| match p.kind {
            Kind::String => Some((k, ValueKind::Text)),
            Kind::Number => Some((k, ValueKind::Number)),
            _ => None,
        })
        .collect();
    chain(here.id.clone(), prop.to_string(), index, fields)
}

fn chain(
    id: String,
    prop: String,
    index: usize,
    mut fields: Vec<(String, ValueKind)>,
) -> Option<Msg> {
    if fields.is_empty() {
        return None;
    }
    let (field, as_) = fields.remove(0);
    let target = Target {
        id: id.clone(),
        prop: prop.clone(),
        item: Some(index),
        field: Some(field),
        as_,
    };
    let title = format!(
        "{prop}[{}].{}: the new item's (Esc keeps the placeholder)",
        index + 1,
        target.field.as_deref().unwrap_or_default()
    );
    Some(
        crate::tui::state::Prompt::new(title, String::new(), move |app, input| {
            let json = super::values::value_of(target.as_, input, &[])?;
            let edit = super::values::write(app, &target, &json)?;
            let mut msgs = vec![Msg::Edit(edit)];
            msgs.extend(chain(id.clone(), prop.clone(), index, fields.clone()));
            Ok(msgs)
        })
        .open(),
    )
}

impl InspectorPane {
    /// A key on a field of an open item: Enter or Space toggles a boolean, steps an enum,
    /// asks for a text, a number or a condition; Left/Right step an enum; `$` makes it a
    /// `$.` reference (the inputs the view reads offered) or a literal again; `d` removes it.
    pub(super) fn item_field(
        &mut self,
        here: &Here,
        command: Command,
        (prop, index, field): (&str, usize, &str),
        out: &mut Vec<Msg>,
    ) {
        use Command as C;
        let (v, p) = field_value(here.tree, here.node, (prop, index, field));
        let kind = p.as_ref().map(|p| &p.kind);
        let set = |json: Option<&str>| {
            edit::list_item_field(&here.text, here.tree, here.node, prop, index, field, json)
        };
        let target = |as_: ValueKind| Target {
            id: here.id.clone(),
            prop: prop.to_string(),
            item: Some(index),
            field: Some(field.to_string()),
            as_,
        };
        let current = v.as_ref().and_then(|v| v.as_scalar_text()).unwrap_or("");
        let reference = current.starts_with("$.");
        match (command, kind) {
            (C::DeleteComponent, _) if v.is_some() => edited(set(None), out),
            (C::ToggleReference, _) if reference => edited(set(Some("\"\"")), out),
            (C::ToggleReference, _) => {
                let picker = super::values::pick_input(target(ValueKind::Reference), here.inputs());
                out.push(super::open_picker(picker))
            }
            (C::Select | C::Fold, _) if p.as_ref().is_some_and(|p| p.action) && !reference => {
                let picker =
                    super::values::pick_action(target(ValueKind::Text), here.actions.clone());
                out.push(super::open_picker(picker))
            }
            (C::Select | C::Fold, Some(Kind::Boolean)) => {
                let on = v.as_ref().and_then(|v| v.as_bool()) == Some(true);
                edited(set(Some(if on { "false" } else { "true" })), out)
            }
            (C::Select | C::Fold | C::Left | C::Right, Some(Kind::Enum(values))) => {
                let n = values.len().max(1);
                let at = values.iter().position(|x| x == current);
                let next = match (at, command == C::Left) {
                    (None, _) => 0,
                    (Some(i), false) => (i + 1) % n,
                    (Some(i), true) => (i + n - 1) % n,
                };
                let json = serde_json::Value::String(values[next].clone()).to_string();
                edited(set(Some(&json)), out)
            }
            (C::Select | C::Fold, Some(Kind::Number)) => {
                self.ask(out, target(ValueKind::Number), current.to_string())
            }
            (C::Select | C::Fold, Some(Kind::Condition)) => {
                self.ask(out, target(ValueKind::Condition), String::new())
            }
            (C::Select | C::Fold, Some(Kind::String) | None) if !reference => {
                self.ask(out, target(ValueKind::Text), current.to_string())
            }
            (C::Select | C::Fold, _) if reference => {
                let name = current.trim_start_matches("$.").to_string();
                self.ask(out, target(ValueKind::Reference), name)
            }
            (C::Select | C::Fold, _) => {
                let json = v
                    .map(|v| serde_json::to_string(&v.to_serde()).unwrap_or_default())
                    .unwrap_or_default();
                self.ask(out, target(ValueKind::Json), json)
            }
            _ => out.push(Msg::Notice(
                "not for this row (F1 lists the inspector's keys)".into(),
                Severity::Note,
            )),
        }
    }
}
