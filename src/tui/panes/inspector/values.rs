//! What the inspector's prompts write: the prompt for a prop's, an item's or an item
//! field's value, and the JSON an input stands for.

use super::{Target, ValueKind};
use crate::tui::component::Msg;
use crate::tui::cx::Cx;
use crate::tui::popups::{Pick, PickerPopup};
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
    let title = format!("{}: {title}", place(&target));
    Prompt::new(title, current, move |app, input| {
        let fields = crate::tui::panes::outline::current_tree(app)?.field_names();
        let json = value_of(target.as_, input, &fields)?;
        Ok(vec![Msg::Edit(write(app, &target, &json)?)])
    })
}

/// The edit that writes `json` where `target` says: a prop, a list item, or an item's field.
pub fn write(app: &Cx, target: &Target, json: &str) -> Result<edit::Edit, String> {
    let tree = crate::tui::panes::outline::current_tree(app)?;
    let node = tree
        .by_id(&target.id)
        .ok_or_else(|| format!("no component has the _id {} any more", target.id))?;
    let text = app.doc.template_editor().text();
    match (target.item, &target.field) {
        (Some(i), Some(f)) => {
            edit::list_item_field(&text, &tree, node, &target.prop, i, f, Some(json))
        }
        (Some(i), None) => edit::list_set(&text, &tree, node, &target.prop, i, json),
        (None, _) => edit::set_prop(&text, &tree, node, &target.prop, json),
    }
}

/// Where a target is, as its pickers and prompts title it.
fn place(target: &Target) -> String {
    match (&target.field, target.item) {
        (Some(f), Some(i)) => format!("{}[{}].{f}", target.prop, i + 1),
        _ => target.prop.clone(),
    }
}

/// The picker of an action prop: the view's actions, or a new one, which joins Actions in
/// the same undo step.
pub fn pick_action(target: Target, actions: Vec<String>) -> PickerPopup {
    let title = format!("{}: the action it raises", place(&target));
    PickerPopup::new(title, actions, "new action", move |app, pick| {
        let (name, new) = match pick {
            Pick::Listed(a) => (a, false),
            Pick::New(a) => (a, true),
        };
        if let Some(problem) = crate::view::validate::action_problem(&name) {
            return Err(problem);
        }
        let edit = write(
            app,
            &target,
            &serde_json::Value::String(name.clone()).to_string(),
        )?;
        Ok(vec![if new {
            Msg::Insert(edit, vec![name])
        } else {
            Msg::Edit(edit)
        }])
    })
}

/// The picker of a value from a list the service closes but AWS does not publish (icon
/// names): those seen in views it accepted, or another name, which publishing judges.
pub fn pick_seen(target: Target, seen: Vec<String>) -> PickerPopup {
    let title = format!(
        "{}: seen in views the service accepted, or another name",
        place(&target)
    );
    PickerPopup::new(title, seen, "another name", move |app, pick| {
        let (Pick::Listed(name) | Pick::New(name)) = pick;
        let json = serde_json::Value::String(name).to_string();
        Ok(vec![Msg::Edit(write(app, &target, &json)?)])
    })
}

/// The picker of a `$.` input for a prop or a field: the inputs the view reads, or a new one.
pub fn pick_input(target: Target, inputs: Vec<String>) -> PickerPopup {
    let title = format!(
        "{}: the $. input it shows (filled by the flow)",
        place(&target)
    );
    PickerPopup::new(title, inputs, "new input", move |app, pick| {
        let (Pick::Listed(name) | Pick::New(name)) = pick;
        let json = value_of(ValueKind::Reference, &name, &[])?;
        Ok(vec![Msg::Edit(write(app, &target, &json)?)])
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
