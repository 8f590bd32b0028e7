//! Exported flows (flow language, `Version` 2019-10-30): the Show view (`ShowView`)
//! blocks and the `ViewData` they pass, and a ready-to-paste `ShowView` action.

use serde_json::{Map, Value, json};

/// A Show view block of a flow.
#[derive(Debug, Clone)]
pub struct ShowViewBlock {
    /// The action's `Identifier`: a UUID, or the block's friendly name (exports mark it
    /// `isFriendlyName` in the metadata).
    pub identifier: String,
    /// `Parameters.ViewResource.Id`: the view's ARN, often qualified (`:$LATEST`).
    pub view: Option<String>,
    /// The view's display name from the flow's metadata, when the export has it.
    pub view_name: Option<String>,
    pub data: Value,
    /// Where `ViewData` sits in the flow file (a JSON pointer); `None` when the flow came
    /// as a string inside another document.
    pub pointer: Option<String>,
    /// The actions the block branches on: each `Transitions.Conditions[].Condition`'s
    /// operands (`Operator` `Equals`).
    pub branches: Vec<String>,
    /// Its error branches' `ErrorType`s (`NoMatchingCondition`, `NoMatchingError`,
    /// `TimeLimitExceeded`).
    pub errors: Vec<String>,
}

impl ShowViewBlock {
    pub fn label(&self) -> String {
        let view = self
            .view_name
            .clone()
            .or_else(|| self.view.clone())
            .unwrap_or_else(|| "no view".into());
        format!("{} ({view})", self.identifier)
    }
}

/// The Show view blocks of a flow export. Accepts the flow's content, or the output of
/// `aws connect describe-contact-flow` (whose `ContactFlow.Content` is the flow as a string).
pub fn show_view_blocks(flow: &Value) -> Result<Vec<ShowViewBlock>, String> {
    if let Some(content) = flow
        .get("ContactFlow")
        .and_then(|c| c.get("Content"))
        .and_then(Value::as_str)
    {
        let inner: Value = serde_json::from_str(content)
            .map_err(|e| format!("ContactFlow.Content is not JSON: {e}"))?;
        let mut blocks = show_view_blocks(&inner)?;
        for b in &mut blocks {
            b.pointer = None;
        }
        return Ok(blocks);
    }
    let actions = flow
        .get("Actions")
        .and_then(Value::as_array)
        .ok_or("not a flow export: expected an object with an Actions array")?;
    let metadata = flow
        .get("Metadata")
        .and_then(|m| m.get("ActionMetadata"))
        .and_then(Value::as_object);
    let mut blocks = Vec::new();
    for (i, action) in actions.iter().enumerate() {
        if action.get("Type").and_then(Value::as_str) != Some("ShowView") {
            continue;
        }
        let identifier = action
            .get("Identifier")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        let view_name = metadata
            .and_then(|m| m.get(&identifier))
            .and_then(|m| m.pointer("/parameters/ViewResource/Id/displayName"))
            .and_then(Value::as_str)
            .map(str::to_string);
        let params = action.get("Parameters");
        let view = params
            .and_then(|p| p.pointer("/ViewResource/Id"))
            .and_then(Value::as_str)
            .map(str::to_string);
        let (data, pointer) = match params.and_then(|p| p.get("ViewData")) {
            // Some tools write ViewData as a JSON string.
            Some(Value::String(s)) => (
                serde_json::from_str(s).map_err(|e| {
                    format!("the ViewData of block {identifier} is a string that is not JSON: {e}")
                })?,
                None,
            ),
            Some(v) => (v.clone(), Some(format!("/Actions/{i}/Parameters/ViewData"))),
            None => (Value::Object(Map::new()), None),
        };
        let transitions = action.get("Transitions");
        let list = |key: &str| {
            transitions
                .and_then(|t| t.get(key))
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default()
        };
        let branches = list("Conditions")
            .iter()
            .filter_map(|c| c.pointer("/Condition/Operands")?.as_array().cloned())
            .flatten()
            .filter_map(|o| o.as_str().map(str::to_string))
            .collect();
        let errors = list("Errors")
            .iter()
            .filter_map(|e| e.get("ErrorType")?.as_str().map(str::to_string))
            .collect();
        blocks.push(ShowViewBlock {
            identifier,
            view,
            view_name,
            data,
            pointer,
            branches,
            errors,
        });
    }
    Ok(blocks)
}

/// The block named `name` (its identifier, friendly name or view name), or the only one.
pub fn choose<'b>(
    blocks: &'b [ShowViewBlock],
    name: Option<&str>,
) -> Result<&'b ShowViewBlock, String> {
    let list = || {
        blocks
            .iter()
            .map(|b| format!("  {}", b.label()))
            .collect::<Vec<_>>()
            .join("\n")
    };
    match name {
        None => match blocks {
            [] => Err("the flow has no Show view (ShowView) block".into()),
            [one] => Ok(one),
            _ => Err(format!(
                "the flow has {} Show view blocks; choose one with --block:\n{}",
                blocks.len(),
                list()
            )),
        },
        Some(name) => {
            let exact: Vec<&ShowViewBlock> =
                blocks.iter().filter(|b| b.identifier == name).collect();
            if let [one] = exact.as_slice() {
                return Ok(one);
            }
            let by_view: Vec<&ShowViewBlock> = blocks
                .iter()
                .filter(|b| b.view_name.as_deref() == Some(name))
                .collect();
            match by_view.as_slice() {
                [one] => Ok(one),
                [] => Err(format!(
                    "no Show view block is named `{name}`; the flow has:\n{}",
                    list()
                )),
                _ => Err(format!(
                    "several Show view blocks show `{name}`; choose one by identifier:\n{}",
                    list()
                )),
            }
        }
    }
}

/// A view ARN without its qualifier (`:$LATEST`, `:$SAVED` or `:N`).
pub fn unqualified(arn: &str) -> &str {
    match arn.rsplit_once(':') {
        Some((base, q))
            if q == "$LATEST"
                || q == "$SAVED"
                || (!q.is_empty() && q.bytes().all(|b| b.is_ascii_digit())) =>
        {
            base
        }
        _ => arn,
    }
}

/// A `ShowView` flow action for a view: its ARN qualified `:$LATEST`, the data, the three
/// error branches and one condition per action.
pub fn show_view_action(
    identifier: &str,
    view_arn: &str,
    data: Value,
    actions: &[String],
) -> Value {
    let arn = format!("{}:$LATEST", unqualified(view_arn));
    let conditions: Vec<Value> = actions
        .iter()
        .map(|a| json!({"Condition": {"Operator": "Equals", "Operands": [a]}}))
        .collect();
    json!({
        "Identifier": identifier,
        "Type": "ShowView",
        "Parameters": {
            "ViewResource": {"Id": arn},
            "InvocationTimeLimitSeconds": "300",
            "ViewData": data
        },
        "Transitions": {
            "Conditions": conditions,
            "Errors": [
                {"ErrorType": "NoMatchingCondition"},
                {"ErrorType": "NoMatchingError"},
                {"ErrorType": "TimeLimitExceeded"}
            ]
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qualifiers_are_replaced_by_latest() {
        let a = show_view_action(
            "x",
            "arn:aws:connect:r:1:instance/i/view/v:3",
            json!({}),
            &[],
        );
        assert_eq!(
            a["Parameters"]["ViewResource"]["Id"],
            "arn:aws:connect:r:1:instance/i/view/v:$LATEST"
        );
        let a = show_view_action("x", "arn:aws:connect:r:1:instance/i/view/v", json!({}), &[]);
        assert_eq!(
            a["Parameters"]["ViewResource"]["Id"],
            "arn:aws:connect:r:1:instance/i/view/v:$LATEST"
        );
    }
}
