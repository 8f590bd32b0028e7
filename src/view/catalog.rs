//! The component catalogue, loaded from `assets/components.json` (embedded at
//! build time). Adding a component or a prop is a change to that file only.

use std::sync::OnceLock;

use indexmap::IndexMap;
use serde::Deserialize;

/// What a prop holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    String,
    /// `true`/`false`, `"true"`/`"false"`, or a reference.
    Boolean,
    Number,
    Enum(Vec<String>),
    /// An array of strings (multi-value props such as a Dropdown's `DefaultValue`).
    Strings,
    /// An array of objects with these fields.
    List(Props),
    Any,
}

impl Kind {
    pub fn describe(&self) -> String {
        match self {
            Kind::String => "a string".into(),
            Kind::Boolean => "true or false".into(),
            Kind::Number => "a number".into(),
            Kind::Enum(values) => format!("one of {}", quoted_list(values)),
            Kind::Strings => "an array of strings".into(),
            Kind::List(_) => "an array of objects".into(),
            Kind::Any => "any value".into(),
        }
    }
}

pub fn quoted_list(values: &[String]) -> String {
    values
        .iter()
        .map(|v| format!("\"{v}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

#[derive(Debug, Clone, PartialEq)]
pub struct Prop {
    pub kind: Kind,
    /// The prop's value names an action the component raises.
    pub action: bool,
    pub required: bool,
    pub help: Option<String>,
}

pub type Props = IndexMap<String, Prop>;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ContentKind {
    /// Child components and strings.
    Children,
    /// Strings (child components only when nested below the top level).
    Text,
    /// Nothing.
    None,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Component {
    pub name: String,
    pub help: String,
    pub content: ContentKind,
    /// May hold child components at the top level of `Body`.
    pub container: bool,
    /// Props are not checked (components whose props were never probed).
    pub open: bool,
    pub props: Props,
    /// Actions the component raises by itself.
    pub raises: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Catalog {
    pub components: IndexMap<String, Component>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCatalog {
    #[serde(default)]
    #[allow(dead_code)]
    about: String,
    #[serde(default)]
    prop_sets: IndexMap<String, IndexMap<String, RawProp>>,
    components: IndexMap<String, RawComponent>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawComponent {
    #[serde(default)]
    help: String,
    content: ContentKind,
    #[serde(default)]
    container: bool,
    #[serde(default)]
    open: bool,
    #[serde(default)]
    include: Vec<String>,
    #[serde(default)]
    props: IndexMap<String, RawProp>,
    #[serde(default)]
    raises: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProp {
    kind: String,
    #[serde(default)]
    values: Vec<String>,
    #[serde(default)]
    fields: Option<RawFields>,
    #[serde(default)]
    action: bool,
    #[serde(default)]
    required: bool,
    #[serde(default)]
    help: Option<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawFields {
    Set(String),
    Inline(IndexMap<String, RawProp>),
}

static BUILTIN: OnceLock<Catalog> = OnceLock::new();

impl Catalog {
    /// The catalogue shipped in `assets/components.json`.
    pub fn builtin() -> &'static Catalog {
        BUILTIN.get_or_init(|| {
            Catalog::from_json(include_str!("../../assets/components.json"))
                .expect("assets/components.json is checked by a test")
        })
    }

    pub fn from_json(text: &str) -> Result<Catalog, String> {
        let raw: RawCatalog = serde_json::from_str(text).map_err(|e| format!("catalogue: {e}"))?;
        let mut components = IndexMap::new();
        for (name, rc) in &raw.components {
            let mut props = Props::new();
            for set in &rc.include {
                let set_props = raw.prop_sets.get(set).ok_or_else(|| {
                    format!("catalogue: {name} includes unknown prop set \"{set}\"")
                })?;
                for (p, rp) in set_props {
                    props.insert(p.clone(), convert(&raw, rp, &format!("{name}.{p}"), 0)?);
                }
            }
            for (p, rp) in &rc.props {
                props.insert(p.clone(), convert(&raw, rp, &format!("{name}.{p}"), 0)?);
            }
            components.insert(
                name.clone(),
                Component {
                    name: name.clone(),
                    help: rc.help.clone(),
                    content: rc.content,
                    container: rc.container,
                    open: rc.open,
                    props,
                    raises: rc.raises.clone(),
                },
            );
        }
        Ok(Catalog { components })
    }

    pub fn component(&self, name: &str) -> Option<&Component> {
        self.components.get(name)
    }

    /// The known component names closest to `name`, for "did you mean".
    pub fn suggest(&self, name: &str) -> Option<&str> {
        suggest(name, self.components.keys().map(String::as_str))
    }
}

fn convert(raw: &RawCatalog, rp: &RawProp, at: &str, depth: usize) -> Result<Prop, String> {
    if depth > 8 {
        return Err(format!("catalogue: {at}: prop sets nest too deeply"));
    }
    let kind = match rp.kind.as_str() {
        "string" => Kind::String,
        "boolean" => Kind::Boolean,
        "number" => Kind::Number,
        "strings" => Kind::Strings,
        "any" => Kind::Any,
        "enum" if !rp.values.is_empty() => Kind::Enum(rp.values.clone()),
        "enum" => return Err(format!("catalogue: {at}: an enum needs values")),
        "list" => {
            let fields = match &rp.fields {
                Some(RawFields::Set(set)) => raw
                    .prop_sets
                    .get(set)
                    .ok_or_else(|| format!("catalogue: {at}: unknown prop set \"{set}\""))?,
                Some(RawFields::Inline(fields)) => fields,
                None => return Err(format!("catalogue: {at}: a list needs fields")),
            };
            let mut props = Props::new();
            for (f, fp) in fields {
                props.insert(
                    f.clone(),
                    convert(raw, fp, &format!("{at}[].{f}"), depth + 1)?,
                );
            }
            Kind::List(props)
        }
        other => return Err(format!("catalogue: {at}: unknown kind \"{other}\"")),
    };
    Ok(Prop {
        kind,
        action: rp.action,
        required: rp.required,
        help: rp.help.clone(),
    })
}

/// The candidate closest to `name` by edit distance (case-insensitive), if close enough.
pub fn suggest<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let lower = name.to_lowercase();
    candidates
        .map(|c| (edit_distance(&lower, &c.to_lowercase()), c))
        .filter(|&(d, c)| d <= (c.len() / 3).max(1) || d == 0)
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, &cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_catalogue_loads_with_its_prop_sets() {
        let c = Catalog::builtin();
        let button = c.component("Button").unwrap();
        assert!(button.props["Action"].action);
        assert_eq!(button.content, ContentKind::Text);
        let dropdown = c.component("Dropdown").unwrap();
        assert_eq!(dropdown.props["DefaultValue"].kind, Kind::Strings);
        assert!(dropdown.props.contains_key("Label"));
        let Kind::List(items) = &c.component("ButtonGroup").unwrap().props["Items"].kind else {
            panic!("Items is a list")
        };
        assert!(items["Action"].action);
        assert!(c.component("Container").unwrap().container);
    }

    #[test]
    fn suggestions_find_near_misses() {
        let c = Catalog::builtin();
        assert_eq!(c.suggest("Buton"), Some("Button"));
        assert_eq!(c.suggest("container"), Some("Container"));
        assert_eq!(c.suggest("Zebra"), None);
    }

    #[test]
    fn bad_catalogues_are_refused_with_the_place() {
        let err = Catalog::from_json(
            r#"{"components": {"X": {"content": "none", "props": {"P": {"kind": "colour"}}}}}"#,
        )
        .unwrap_err();
        assert!(err.contains("X.P") && err.contains("colour"), "{err}");
    }
}
