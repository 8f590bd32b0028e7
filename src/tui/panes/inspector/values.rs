//! What the inspector's prompts write: the prompt for a prop's, an item's or an item
//! field's value, and the JSON an input stands for.

use super::{Target, ValueKind};
use crate::tui::component::Msg;
use crate::tui::state::Prompt;
use crate::view::edit;

/// The prompt for a prop's (or a list item's) value: it writes what is typed to `target`.
pub fn ask(target: Target, current: String) -> Prompt {
    let title = match target.as_ {
        ValueKind::Condition => {
            "Condition: FIELD=VALUE (shown when that field has that value), or true / false"
        }
        ValueKind::Reference => "Input name (the prop becomes $.NAME, filled by the flow)",
        _ => "Value",
    };
    let title = match (&target.field, target.item) {
        (Some(f), Some(i)) => format!("{}[{}].{f}: {title}", target.prop, i + 1),
        _ => format!("{}: {title}", target.prop),
    };
    Prompt::new(title, current, move |app, input| {
        let tree = crate::tui::panes::outline::current_tree(app)?;
        let node = tree
            .by_id(&target.id)
            .ok_or_else(|| format!("no component has the _id {} any more", target.id))?;
        let json = value_of(target.as_, input, &tree.field_names())?;
        let text = app.doc.template_editor().text();
        let edit = match (target.item, &target.field) {
            (Some(i), Some(f)) => {
                edit::list_item_field(&text, &tree, node, &target.prop, i, f, Some(&json))
            }
            (Some(i), None) => edit::list_set(&text, &tree, node, &target.prop, i, &json),
            (None, _) => edit::set_prop(&text, &tree, node, &target.prop, &json),
        }?;
        Ok(vec![Msg::Edit(edit)])
    })
}

/// The JSON text a prompt's input stands for, or why it is not right.
pub fn value_of(as_: ValueKind, input: &str, fields: &[String]) -> Result<String, String> {
    match as_ {
        ValueKind::Text => Ok(serde_json::to_string(input).unwrap_or_default()),
        ValueKind::Number => input
            .trim()
            .parse::<f64>()
            .map(|_| input.trim().to_string())
            .map_err(|_| format!("\"{input}\" is not a number")),
        ValueKind::Json => serde_json::from_str::<serde_json::Value>(input)
            .map(|_| input.trim().to_string())
            .map_err(|e| format!("not JSON: {e}")),
        ValueKind::Reference => {
            let name = input.trim().trim_start_matches("$.");
            if name.is_empty()
                || !name
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '_' || c == '.')
            {
                return Err("an input name is letters, digits, _ and dots (Orders.0.Id)".into());
            }
            Ok(serde_json::to_string(&format!("$.{name}")).unwrap_or_default())
        }
        ValueKind::Condition => {
            let input = input.trim();
            if input == "true" || input == "false" {
                return Ok(input.to_string());
            }
            let Some((field, value)) = input.split_once('=') else {
                return Err("write FIELD=VALUE (or true / false)".into());
            };
            let (field, value) = (field.trim(), value.trim());
            if !fields.iter().any(|f| f == field) {
                return Err(format!(
                    "no field of this view is named \"{field}\" (the fields: {})",
                    fields.join(", ")
                ));
            }
            Ok(serde_json::json!({"Conditions": [{"Equals": {"ElementByKey": field, "ElementByValue": value}}]})
                .to_string())
        }
    }
}
