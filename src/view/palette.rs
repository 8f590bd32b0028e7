//! The component palette: every component type of the catalogue and a few common patterns,
//! found by a fuzzy query, each with a skeleton to insert (its required props filled with
//! placeholders, fresh `_id`s).

use serde_json::{Map, Value, json};

use super::catalog::{Catalog, Component, ContentKind, Kind, Prop};
use super::edit::Ids;

/// What the palette offers.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The component type, or the pattern's name.
    pub name: String,
    pub help: String,
    pub pattern: Option<Pattern>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pattern {
    /// A form with a text field, a dropdown and a submit button.
    Form,
    /// A container of cards, each raising its action.
    CardList,
    /// An attribute bar whose values are the view's inputs.
    AttributeBar,
}

/// Every entry: the catalogue's types in its order, then the patterns.
pub fn entries(catalog: &Catalog) -> Vec<Entry> {
    let mut out: Vec<Entry> = catalog
        .components
        .values()
        .map(|c| Entry {
            name: c.name.clone(),
            help: c.help.clone(),
            pattern: None,
        })
        .collect();
    out.extend([
        Entry {
            name: "form with fields and a submit button".into(),
            help: "a Form holding a FormInput, a Dropdown and a SubmitButton".into(),
            pattern: Some(Pattern::Form),
        },
        Entry {
            name: "card list".into(),
            help: "a Container of three Cards, each raising its own action".into(),
            pattern: Some(Pattern::CardList),
        },
        Entry {
            name: "attribute bar bound to inputs".into(),
            help: "an AttributeBar whose values are `$.` inputs the flow passes".into(),
            pattern: Some(Pattern::AttributeBar),
        },
    ]);
    out
}

/// How well `query` matches `name`: `None` when its characters are not all in `name` in
/// order (case-insensitive). Higher is better: a prefix, characters in a run, at word
/// starts, and a short name each score. A space in the query stands for a word break: a
/// space of the name (which scores) or the start of a word (`form with` finds the pattern
/// "form with fields…" before `FormWithSteps`).
pub fn score(query: &str, name: &str) -> Option<i64> {
    let q: Vec<char> = query.trim().to_lowercase().chars().collect();
    if q.is_empty() {
        return Some(0);
    }
    let n: Vec<char> = name.chars().collect();
    let lower: Vec<char> = name.to_lowercase().chars().collect();
    let word_start = |i: usize| {
        i == 0 || !n[i - 1].is_alphanumeric() || (n[i].is_uppercase() && n[i - 1].is_lowercase())
    };
    let mut score = 0i64;
    let mut pos = 0;
    let mut last: Option<usize> = None;
    let mut qi = 0;
    while qi < q.len() {
        let c = q[qi];
        if c.is_whitespace() {
            // Collapse runs of spaces; find the next word break.
            while qi < q.len() && q[qi].is_whitespace() {
                qi += 1;
            }
            let j = (pos..n.len()).find(|&j| n[j].is_whitespace() || (j > 0 && word_start(j)))?;
            if n[j].is_whitespace() {
                score += 20;
                pos = j + 1;
            } else {
                pos = j;
            }
            last = None;
            continue;
        }
        let i = (pos..lower.len()).find(|&i| lower[i] == c)?;
        score += 10;
        if word_start(i) {
            score += 8;
        }
        if i == 0 {
            score += 12;
        }
        match last {
            Some(l) if l + 1 == i => score += 15,
            Some(l) => score -= (i - l - 1).min(8) as i64,
            None => {}
        }
        last = Some(i);
        pos = i + 1;
        qi += 1;
    }
    // Shorter names first among equals: `Card` before `Cards` before `CardsView`.
    Some(score * 100 - n.len() as i64)
}

/// The entries matching `query`, best first (the catalogue's order among equal scores).
pub fn rank<'e>(query: &str, entries: &'e [Entry]) -> Vec<&'e Entry> {
    let mut scored: Vec<(i64, usize, &Entry)> = entries
        .iter()
        .enumerate()
        .filter_map(|(i, e)| score(query, &e.name).map(|s| (s, i, e)))
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().map(|(_, _, e)| e).collect()
}

/// A placeholder value for a prop of this kind.
fn placeholder(name: &str, prop: &Prop, ids: &mut Ids<'_>) -> Value {
    match &prop.kind {
        Kind::Boolean | Kind::Condition => json!(false),
        Kind::Number => json!(0),
        Kind::Enum(values) => json!(values.first().cloned().unwrap_or_default()),
        Kind::Strings | Kind::Scalars => json!([]),
        Kind::List(fields) => {
            let mut item = Map::new();
            for (f, p) in fields.iter().filter(|(_, p)| p.is_required()) {
                item.insert(f.clone(), placeholder(f, p, ids));
            }
            json!([item])
        }
        Kind::Object(_) => json!({}),
        Kind::Linked | Kind::Any => json!(""),
        Kind::String => match name {
            // A field's Name is what it submits under: unique, like an `_id`.
            "Name" => json!(ids.fresh_name("field")),
            "Id" => json!(ids.fresh("option")),
            "Action" => json!("Submit"),
            "Label" | "Heading" => json!(name),
            "Value" => json!("value"),
            _ => json!(name.to_lowercase()),
        },
    }
}

/// A component's skeleton as a value: a fresh `_id`, its type, its required props with
/// placeholders, and `Content` (a label for components whose text is their Content).
pub fn skeleton_value(component: &Component, ids: &mut Ids<'_>) -> Value {
    let base = component.name.to_lowercase();
    let id = ids.fresh(&base);
    let mut props = Map::new();
    for (name, prop) in component.props.iter().filter(|(_, p)| p.is_required()) {
        props.insert(name.clone(), placeholder(name, prop, ids));
    }
    let content = match component.content {
        ContentKind::Text if matches!(component.name.as_str(), "Button" | "Header" | "TextBox") => {
            json!([component.name.clone()])
        }
        _ => json!([]),
    };
    json!({"_id": id, "Type": component.name, "Props": props, "Content": content})
}

/// The text to insert for an entry (pretty, two-space indentation, at column 0), or `None`
/// for a type the catalogue does not have.
pub fn snippet(catalog: &Catalog, entry: &Entry, ids: &mut Ids<'_>) -> Option<String> {
    let value = match entry.pattern {
        None => skeleton_value(catalog.component(&entry.name)?, ids),
        Some(p) => pattern(catalog, p, ids)?,
    };
    serde_json::to_string_pretty(&value).ok()
}

fn with(
    catalog: &Catalog,
    ty: &str,
    ids: &mut Ids<'_>,
    props: Value,
    content: Value,
) -> Option<Value> {
    let mut v = skeleton_value(catalog.component(ty)?, ids);
    if let (Some(p), Value::Object(extra)) =
        (v.get_mut("Props").and_then(Value::as_object_mut), props)
    {
        p.extend(extra);
    }
    if !content.is_null() {
        v["Content"] = content;
    }
    Some(v)
}

fn pattern(catalog: &Catalog, p: Pattern, ids: &mut Ids<'_>) -> Option<Value> {
    Some(match p {
        Pattern::Form => {
            let name = with(
                catalog,
                "FormInput",
                ids,
                json!({"Name": "customer_name", "Label": "Name", "Required": true}),
                Value::Null,
            )?;
            let reason = with(
                catalog,
                "Dropdown",
                ids,
                json!({"Name": "reason", "Label": "Reason", "Options": [
                    {"Label": "Billing", "Value": "billing"},
                    {"Label": "Delivery", "Value": "delivery"}
                ]}),
                Value::Null,
            )?;
            let submit = with(
                catalog,
                "SubmitButton",
                ids,
                json!({"Label": "Submit", "Action": "Submit"}),
                Value::Null,
            )?;
            with(
                catalog,
                "Form",
                ids,
                json!({}),
                json!([name, reason, submit]),
            )?
        }
        Pattern::CardList => {
            let mut cards = Vec::new();
            for (id, heading, action) in [
                ("first", "First choice", "First"),
                ("second", "Second choice", "Second"),
                ("third", "Third choice", "Third"),
            ] {
                cards.push(with(
                    catalog,
                    "Card",
                    ids,
                    json!({"Id": id, "Heading": heading, "Description": "What this choice does", "Action": action}),
                    Value::Null,
                )?);
            }
            with(catalog, "Container", ids, json!({}), Value::Array(cards))?
        }
        Pattern::AttributeBar => with(
            catalog,
            "AttributeBar",
            ids,
            json!({"Attributes": [
                {"Label": "Customer", "Value": "$.CustomerName"},
                {"Label": "Order", "Value": "$.OrderId", "Copyable": true}
            ]}),
            Value::Null,
        )?,
    })
}
