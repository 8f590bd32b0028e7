//! Quick fixes: for a diagnostic whose remedy is certain, the change that applies it. A fix
//! of the template is one [`Edit`] (one undo step); a fix of the action list says what to
//! add or remove.

use super::catalog::{Catalog, Kind};
use super::diagnostic::{Code, Diagnostic};
use super::edit::{Edit, Ids};
use super::reference::{Classified, classify};
use super::tree::Tree;

#[derive(Debug, Clone, PartialEq)]
pub enum Fix {
    Edit(Edit),
    AddAction(String),
    RemoveAction(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct QuickFix {
    /// What it does: "replace \"Lable\" with \"Label\"".
    pub label: String,
    pub fix: Fix,
}

/// The first `"…"` after `marker` in a message.
fn quoted_after<'m>(message: &'m str, marker: &str) -> Option<&'m str> {
    let rest = &message[message.find(marker)? + marker.len()..];
    let rest = rest.strip_prefix('"')?;
    Some(&rest[..rest.find('"')?])
}

fn json_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| format!("\"{s}\""))
}

fn edit(range: std::ops::Range<usize>, new: String, label: String) -> QuickFix {
    QuickFix {
        label: label.clone(),
        fix: Fix::Edit(Edit {
            range,
            text: new,
            select: None,
            label,
        }),
    }
}

/// The fix for a diagnostic of the template `text` (its ranges are in that text), if one is
/// certain. `tree` is the text's tree when it parses.
pub fn quick_fix(
    d: &Diagnostic,
    text: &str,
    tree: Option<&Tree>,
    catalog: &Catalog,
) -> Option<QuickFix> {
    let range = d.range.clone().filter(|r| r.end <= text.len());
    match d.code {
        Code::ActionNotListed => {
            let name = quoted_after(&d.message, "raises the action ")?;
            Some(QuickFix {
                label: format!("add the action {name} to Actions"),
                fix: Fix::AddAction(name.to_string()),
            })
        }
        Code::ActionNotRaised => {
            let name = quoted_after(&d.message, "the action ")?;
            Some(QuickFix {
                label: format!("remove the unused action {name} from Actions"),
                fix: Fix::RemoveAction(name.to_string()),
            })
        }
        // "did you mean": a Type, a prop name, an enum value.
        Code::UnknownComponent | Code::UnknownProp | Code::EnumValue => {
            let suggestion = quoted_after(&d.message, "did you mean ")?;
            let range = range?;
            let old = &text[range.clone()];
            if !old.starts_with('"') {
                return None;
            }
            Some(edit(
                range,
                json_string(suggestion),
                format!("replace {old} with \"{suggestion}\""),
            ))
        }
        // A scalar where the prop takes an array of strings: wrap it.
        Code::PropKind => {
            let range = range?;
            let old = &text[range.clone()];
            let message_says_array = d.message.contains("must be an array of strings");
            if !message_says_array || !(old.starts_with('"') || old.parse::<f64>().is_ok()) {
                return None;
            }
            Some(edit(
                range,
                format!("[{old}]"),
                format!("wrap {old} into an array"),
            ))
        }
        // "Hello $.Name, welcome" in Content: three items, the reference on its own.
        Code::EmbeddedReference if d.pointer.contains("/Content/") => split_reference(text, range?),
        // A missing required prop: add it with a placeholder.
        Code::RequiredProp => {
            let prop = quoted_after(&d.message, "needs the prop ")?;
            add_required(text, tree?, range?.start, prop, catalog)
        }
        Code::NodeContent if d.message.contains("has no Content") => {
            let tree = tree?;
            let node = tree.node_at(range?.start)?;
            let n = tree.get(node);
            let close = n.span.end - 1;
            let body = text[n.span.start + 1..close].trim_end();
            let at = n.span.start + 1 + body.len();
            let comma = if body.trim().is_empty() { "" } else { ", " };
            Some(edit(
                at..at,
                format!("{comma}\"Content\": []"),
                "add \"Content\": []".into(),
            ))
        }
        _ => None,
    }
}

/// A Content string with a `$.` reference inside, split into the text before, the reference
/// and the text after (a trailing dot ends a sentence, not the path).
fn split_reference(text: &str, range: std::ops::Range<usize>) -> Option<QuickFix> {
    let s: String = serde_json::from_str(&text[range.clone()]).ok()?;
    let Classified::Embedded(at) = classify(&s) else {
        return None;
    };
    let end = s[at + 2..]
        .find(|c: char| !(c.is_alphanumeric() || matches!(c, '_' | '.' | '[' | ']')))
        .map_or(s.len(), |i| at + 2 + i);
    let end = if s[..end].ends_with('.') {
        end - 1
    } else {
        end
    };
    let parts: Vec<String> = [&s[..at], &s[at..end], &s[end..]]
        .iter()
        .filter(|p| !p.is_empty())
        .map(|p| json_string(p))
        .collect();
    Some(edit(
        range,
        parts.join(", "),
        format!("split {} into its own Content item", &s[at..end]),
    ))
}

/// A missing required prop of the component at `at`, added with a placeholder after its
/// last prop.
fn add_required(
    text: &str,
    tree: &Tree,
    at: usize,
    prop: &str,
    catalog: &Catalog,
) -> Option<QuickFix> {
    let node = tree.node_at(at)?;
    let n = tree.get(node);
    let spec = catalog.component(n.ty())?.props.get(prop)?;
    let mut ids = Ids::new(tree);
    let value = serde_json::to_string(&placeholder_for(prop, &spec.kind, &mut ids)).ok()?;
    // Through the inspector's own edit, so the prop lands on its own line where the props
    // are laid out a line each (canonical, as `fmt` writes it).
    let e = crate::view::edit::set_prop(text, tree, node, prop, &value).ok()?;
    Some(edit(e.range, e.text, format!("add the prop {prop}")))
}

/// A placeholder value for a prop (as the palette's skeletons fill them).
fn placeholder_for(name: &str, kind: &Kind, ids: &mut Ids<'_>) -> serde_json::Value {
    use serde_json::json;
    match kind {
        Kind::Boolean | Kind::Condition => json!(false),
        Kind::Number => json!(0),
        Kind::Enum(values) => json!(values.first().cloned().unwrap_or_default()),
        Kind::Strings | Kind::Scalars | Kind::List(_) => json!([]),
        Kind::Object(_) => json!({}),
        Kind::String if name == "Name" => json!(ids.fresh_name("field")),
        Kind::String if name == "Label" || name == "Heading" => json!(name),
        _ => json!(""),
    }
}
