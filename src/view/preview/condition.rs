//! UI conditions evaluated against the preview's field values: `Visibility`, `Disabled`
//! and `Required` take `true`/`false` or `{"Conditions": [...]}`, each condition an operator
//! (`Equals`, `NotEquals`, `MoreThan`, `LessThan`, `Includes`) over
//! `{"ElementByKey": <a field's Name>, "ElementByValue": <value>}`, or `AndConditions` /
//! `OrConditions` lists. Every condition of a list must hold (assumed: the sources show lists
//! of one).

use serde_json::Value;

use super::{PreviewState, Resolver};
use crate::view::tree::Spanned;

/// Whether a boolean-or-condition prop holds; `None` when it is neither (the caller keeps
/// its default).
pub fn holds(r: &Resolver<'_>, state: &PreviewState, v: &Spanned) -> Option<bool> {
    let resolved = r.resolve(v);
    match &resolved {
        Value::Bool(b) => Some(*b),
        Value::String(s) if s == "true" => Some(true),
        Value::String(s) if s == "false" => Some(false),
        Value::Object(o) => match o.get("Conditions") {
            Some(Value::Array(items)) => Some(all(r, state, items)),
            _ => None,
        },
        _ => None,
    }
}

fn all(r: &Resolver<'_>, state: &PreviewState, items: &[Value]) -> bool {
    items.iter().all(|c| one(r, state, c))
}

fn one(r: &Resolver<'_>, state: &PreviewState, c: &Value) -> bool {
    let Value::Object(members) = c else {
        return false;
    };
    members.iter().all(|(op, operand)| match op.as_str() {
        "AndConditions" => operand.as_array().is_some_and(|items| all(r, state, items)),
        "OrConditions" => operand
            .as_array()
            .is_some_and(|items| items.iter().any(|c| one(r, state, c))),
        op => compare(r, state, op, operand),
    })
}

fn compare(r: &Resolver<'_>, state: &PreviewState, op: &str, operand: &Value) -> bool {
    let Some(name) = operand.get("ElementByKey").and_then(Value::as_str) else {
        return false;
    };
    let expected = operand
        .get("ElementByValue")
        .cloned()
        .unwrap_or(Value::Null);
    let actual = match r.tree.field(name) {
        Some(id) => state.value(r, id).compared(),
        None => Value::Null,
    };
    let text = |v: &Value| match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    };
    let number = |v: &Value| match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse::<f64>().ok(),
        _ => None,
    };
    match op {
        "Equals" | "Equal" => text(&actual) == text(&expected),
        "NotEquals" | "NotEqual" => text(&actual) != text(&expected),
        "Includes" => match &actual {
            Value::Array(items) => items.iter().any(|i| text(i) == text(&expected)),
            other => text(other).contains(&text(&expected)),
        },
        "MoreThan" => matches!((number(&actual), number(&expected)), (Some(a), Some(b)) if a > b),
        "LessThan" => matches!((number(&actual), number(&expected)), (Some(a), Some(b)) if a < b),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::view::preview::FieldValue;
    use crate::view::tree::Tree;

    #[test]
    fn conditions_follow_the_fields() {
        let tree = Tree::parse(
            r#"{"Head": {}, "Body": [
              {"_id": "reason", "Type": "Dropdown", "Props": {"Name": "Reason", "Options": [{"Label": "A", "Value": "a"}, {"Label": "Other", "Value": "other"}]}},
              {"_id": "n", "Type": "FormInput", "Props": {"Name": "Count", "DefaultValue": "3"}},
              {"_id": "x", "Type": "TextBox", "Props": {"Visibility": {"Conditions": [{"Equals": {"ElementByKey": "Reason", "ElementByValue": "other"}}]}}},
              {"_id": "y", "Type": "TextBox", "Props": {"Visibility": {"Conditions": [{"OrConditions": [{"MoreThan": {"ElementByKey": "Count", "ElementByValue": 5}}, {"Includes": {"ElementByKey": "Reason", "ElementByValue": "a"}}]}]}}}
            ]}"#,
        )
        .unwrap();
        let data = Value::Null;
        let r = Resolver {
            tree: &tree,
            data: &data,
        };
        let mut state = PreviewState::default();
        let vis = |state: &PreviewState, id: &str| {
            let node = tree.get(tree.by_id(id).unwrap());
            holds(&r, state, node.prop("Visibility").unwrap())
        };
        assert_eq!(vis(&state, "x"), Some(false));
        assert_eq!(vis(&state, "y"), Some(false));
        state.set(
            &tree,
            tree.by_id("reason").unwrap(),
            FieldValue::Chosen(vec!["other".into()]),
        );
        assert_eq!(vis(&state, "x"), Some(true));
        state.set(
            &tree,
            tree.by_id("n").unwrap(),
            FieldValue::Text("9".into()),
        );
        assert_eq!(vis(&state, "y"), Some(true));
        state.set(
            &tree,
            tree.by_id("n").unwrap(),
            FieldValue::Text("1".into()),
        );
        state.set(
            &tree,
            tree.by_id("reason").unwrap(),
            FieldValue::Chosen(vec!["a".into()]),
        );
        assert_eq!(vis(&state, "y"), Some(true));
    }
}
