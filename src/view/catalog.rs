//! The component catalogue, loaded from `assets/components.json` (embedded at
//! build time). Adding a component or a prop is a change to that file only.
//!
//! Every component and prop says where it is known from (`from`, keys of the
//! catalogue's `sources`), whether the service is known to reject props it does not
//! know (`sealed`), and how sure a required prop is. The validator turns that into
//! severities: an error only where the service is known to refuse, a warning where
//! the catalogue is unsure.

use std::sync::OnceLock;

use indexmap::IndexMap;
use serde::Deserialize;

/// What a prop holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    String,
    /// `true`/`false`, `"true"`/`"false"`, or a reference.
    Boolean,
    /// A boolean, or a UI condition: `{"Conditions": [{"Equals": {"ElementByKey": .., "ElementByValue": ..}}]}`.
    Condition,
    Number,
    Enum(Vec<String>),
    /// An array of strings (multi-value props such as a Dropdown's `DefaultValue`).
    Strings,
    /// An array of strings or numbers (a Table column's `Options`).
    Scalars,
    /// An array of objects with these fields.
    List(Props),
    /// An object with these fields.
    Object(Props),
    /// A string, or `{"_linkedFormOutputName": "<a field's Name>"}`.
    Linked,
    Any,
}

impl Kind {
    pub fn describe(&self) -> String {
        match self {
            Kind::String => "a string".into(),
            Kind::Boolean => "true or false".into(),
            Kind::Condition => "true, false or a UI condition".into(),
            Kind::Number => "a number".into(),
            Kind::Enum(values) => format!("one of {}", quoted_list(values)),
            Kind::Strings => "an array of strings".into(),
            Kind::Scalars => "an array of strings or numbers".into(),
            Kind::List(_) => "an array of objects".into(),
            Kind::Object(_) => "an object".into(),
            Kind::Linked => "a string or {\"_linkedFormOutputName\": \"<a field's Name>\"}".into(),
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

/// How sure the catalogue is of a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Certainty {
    /// Confirmed by publishing to the service.
    Sure,
    /// Documented, never confirmed.
    Documented,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Prop {
    pub kind: Kind,
    /// The prop's value names an action the component raises.
    pub action: bool,
    /// Whether the prop is required, and how sure that is.
    pub required: Option<Certainty>,
    /// `""` is accepted as well (what the builder writes for an empty field).
    pub empty: bool,
    pub help: Option<String>,
    /// Keys of the catalogue's sources.
    pub from: Vec<String>,
    /// The value the designer writes when the prop is added, where the kind's own default
    /// would not do (a button added `Loading` true could not be pressed).
    pub added: Option<serde_json::Value>,
    /// Values of a closed list the service keeps but does not publish (icon names), as seen
    /// in views it accepted: offered by completion and the pickers; a value outside them is
    /// noted, not refused.
    pub seen: Vec<String>,
}

impl Prop {
    pub fn is_required(&self) -> bool {
        self.required.is_some()
    }
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

/// Whether the service rejects props a component does not know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sealed {
    /// It names and rejects them (found by publishing).
    Yes,
    /// It accepts and ignores them (found by publishing).
    No,
    /// Nobody has found out.
    Unknown,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Component {
    pub name: String,
    pub help: String,
    pub content: ContentKind,
    /// May hold child components at the top level of `Body`.
    pub container: bool,
    pub sealed: Sealed,
    pub props: Props,
    /// Actions the component raises by itself.
    pub raises: Vec<String>,
    /// Keys of the catalogue's sources.
    pub from: Vec<String>,
    /// A form field: its `Name` is what it submits under, and UI conditions compare its value.
    pub field: bool,
    /// Its `Name` is a key of ViewResultData: a form field's, or a Table's selected rows.
    pub submits: bool,
    /// What it holds under that `Name`, when it is one.
    pub holds: Option<Holds>,
    /// Props people reach for that the component does not have, with what to do instead.
    pub not_props: IndexMap<String, String>,
}

/// What a component holds under its `Name` in ViewResultData: the preview keeps and the
/// press yields values of this shape, and nothing else decides it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Holds {
    /// Typed text (a string).
    Text,
    /// One of its options (a string).
    Option,
    /// Options chosen, as a list: several where `Multi` says so, else at most one.
    Options(Multi),
    /// On or off.
    Toggle,
    /// The rows of its `Items` (a Table).
    Rows,
}

/// When a choice of options takes several.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(from = "String")]
pub enum Multi {
    Always,
    /// While this boolean prop is true.
    When(String),
}

impl From<String> for Multi {
    fn from(s: String) -> Multi {
        if s == "always" {
            Multi::Always
        } else {
            Multi::When(s)
        }
    }
}

impl Holds {
    /// Whether a field holding this takes several options, given its props.
    pub fn takes_several(&self, prop_true: impl Fn(&str) -> bool) -> bool {
        match self {
            Holds::Options(Multi::Always) => true,
            Holds::Options(Multi::When(prop)) => prop_true(prop),
            _ => false,
        }
    }
}

impl Component {
    /// Where the prop (or, without its own, the component) is known from.
    pub fn prop_from<'a>(&'a self, prop: &'a Prop) -> &'a [String] {
        if prop.from.is_empty() {
            &self.from
        } else {
            &prop.from
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Catalog {
    pub components: IndexMap<String, Component>,
    /// Source key -> what the source is.
    pub sources: IndexMap<String, String>,
    /// The sources whose claims were confirmed by publishing: only they make an error sure.
    pub confirming: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCatalog {
    #[serde(default)]
    #[allow(dead_code)]
    about: String,
    #[serde(default)]
    sources: IndexMap<String, String>,
    #[serde(default)]
    confirming_sources: Vec<String>,
    #[serde(default)]
    base_props: IndexMap<String, RawProp>,
    #[serde(default)]
    prop_sets: IndexMap<String, IndexMap<String, RawProp>>,
    components: IndexMap<String, RawComponent>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawComponent {
    #[serde(default)]
    help: String,
    #[serde(default)]
    from: Vec<String>,
    #[serde(default)]
    sealed: Option<bool>,
    content: ContentKind,
    #[serde(default)]
    container: bool,
    #[serde(default)]
    include: Vec<String>,
    #[serde(default)]
    props: IndexMap<String, RawProp>,
    #[serde(default)]
    raises: Vec<String>,
    #[serde(default)]
    not_props: IndexMap<String, String>,
    /// What it holds under its `Name` in ViewResultData (a form field, or a Table's rows).
    #[serde(default)]
    holds: Option<Holds>,
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
    required: Option<Certainty>,
    #[serde(default)]
    empty: bool,
    #[serde(default)]
    help: Option<String>,
    #[serde(default)]
    from: Vec<String>,
    #[serde(default)]
    added: Option<serde_json::Value>,
    #[serde(default)]
    seen: Vec<String>,
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
        let check_from = |from: &[String], at: &str| -> Result<(), String> {
            match from.iter().find(|k| !raw.sources.contains_key(*k)) {
                Some(k) => Err(format!("catalogue: {at}: unknown source \"{k}\"")),
                None => Ok(()),
            }
        };
        let mut components = IndexMap::new();
        for (name, rc) in &raw.components {
            check_from(&rc.from, name)?;
            if rc.include.iter().any(|s| s == "field") && rc.holds.is_none() {
                return Err(format!(
                    "catalogue: {name} is a form field but does not say what it holds (\"holds\")"
                ));
            }
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
            // Props every component takes come last, after the component's own.
            for (p, rp) in &raw.base_props {
                if !props.contains_key(p) {
                    props.insert(p.clone(), convert(&raw, rp, &format!("{name}.{p}"), 0)?);
                }
            }
            for (p, prop) in &props {
                check_from(&prop.from, &format!("{name}.{p}"))?;
            }
            components.insert(
                name.clone(),
                Component {
                    name: name.clone(),
                    help: rc.help.clone(),
                    content: rc.content,
                    container: rc.container,
                    sealed: match rc.sealed {
                        Some(true) => Sealed::Yes,
                        Some(false) => Sealed::No,
                        None => Sealed::Unknown,
                    },
                    props,
                    raises: rc.raises.clone(),
                    from: rc.from.clone(),
                    field: rc.include.iter().any(|s| s == "field"),
                    submits: rc.holds.is_some(),
                    holds: rc.holds.clone(),
                    not_props: rc.not_props.clone(),
                },
            );
        }
        check_from(&raw.confirming_sources, "confirming_sources")?;
        Ok(Catalog {
            components,
            sources: raw.sources.clone(),
            confirming: raw.confirming_sources.clone(),
        })
    }

    pub fn component(&self, name: &str) -> Option<&Component> {
        self.components.get(name)
    }

    /// The known component names closest to `name`, for "did you mean".
    pub fn suggest(&self, name: &str) -> Option<&str> {
        suggest(name, self.components.keys().map(String::as_str))
    }

    /// Whether a claim known from these sources was confirmed by publishing.
    pub fn confirmed(&self, from: &[String]) -> bool {
        from.iter().any(|k| self.confirming.contains(k))
    }

    /// The source keys, for a message: "known from probe, storybook".
    pub fn known_from(&self, from: &[String]) -> String {
        if from.is_empty() {
            return "no recorded source".into();
        }
        from.join(", ")
    }
}

fn convert(raw: &RawCatalog, rp: &RawProp, at: &str, depth: usize) -> Result<Prop, String> {
    if depth > 8 {
        return Err(format!("catalogue: {at}: prop sets nest too deeply"));
    }
    let fields = |rp: &RawProp| -> Result<Props, String> {
        let fields = match &rp.fields {
            Some(RawFields::Set(set)) => raw
                .prop_sets
                .get(set)
                .ok_or_else(|| format!("catalogue: {at}: unknown prop set \"{set}\""))?,
            Some(RawFields::Inline(fields)) => fields,
            None => return Err(format!("catalogue: {at}: a {} needs fields", rp.kind)),
        };
        let mut props = Props::new();
        for (f, fp) in fields {
            props.insert(
                f.clone(),
                convert(raw, fp, &format!("{at}.{f}"), depth + 1)?,
            );
        }
        Ok(props)
    };
    let kind = match rp.kind.as_str() {
        "string" => Kind::String,
        "boolean" => Kind::Boolean,
        "condition" => Kind::Condition,
        "number" => Kind::Number,
        "strings" => Kind::Strings,
        "scalars" => Kind::Scalars,
        "linked" => Kind::Linked,
        "any" => Kind::Any,
        "enum" if !rp.values.is_empty() => Kind::Enum(rp.values.clone()),
        "enum" => return Err(format!("catalogue: {at}: an enum needs values")),
        "list" => Kind::List(fields(rp)?),
        "object" => Kind::Object(fields(rp)?),
        other => return Err(format!("catalogue: {at}: unknown kind \"{other}\"")),
    };
    Ok(Prop {
        kind,
        action: rp.action,
        required: rp.required,
        empty: rp.empty,
        help: rp.help.clone(),
        from: rp.from.clone(),
        added: rp.added.clone(),
        seen: rp.seen.clone(),
    })
}

/// The candidate closest to `name` (case-insensitive), if close enough: within a third of
/// its length in edits, counting a swap of two neighbouring letters as one (`Lable`).
pub fn suggest<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let lower: Vec<char> = name.to_lowercase().chars().collect();
    candidates
        .map(|c| (edit_distance(&lower, &c.to_lowercase()), c))
        .filter(|&(d, c)| d <= (c.chars().count() / 3).max(1))
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}

/// Optimal string alignment distance: insertions, deletions, substitutions and
/// transpositions of adjacent characters each cost one.
fn edit_distance(a: &[char], b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let width = b.len() + 1;
    let mut rows = vec![0usize; (a.len() + 1) * width];
    for (j, cell) in rows.iter_mut().take(width).enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        rows[i * width] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (rows[(i - 1) * width + j - 1] + cost)
                .min(rows[(i - 1) * width + j] + 1)
                .min(rows[i * width + j - 1] + 1);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(rows[(i - 2) * width + j - 2] + 1);
            }
            rows[i * width + j] = d;
        }
    }
    rows[a.len() * width + b.len()]
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
    fn what_a_field_holds_comes_from_the_catalogue() {
        let c = Catalog::builtin();
        let holds = |ty: &str| c.component(ty).unwrap().holds.clone();
        assert_eq!(holds("FormInput"), Some(Holds::Text));
        assert_eq!(holds("RadioGroup"), Some(Holds::Option));
        assert_eq!(holds("Table"), Some(Holds::Rows));
        assert_eq!(holds("Button"), None);
        let dropdown = holds("Dropdown").unwrap();
        assert!(!dropdown.takes_several(|_| false));
        assert!(dropdown.takes_several(|p| p == "MultiSelect"));
        assert!(holds("CheckboxGroup").unwrap().takes_several(|_| false));
        for component in c.components.values() {
            assert_eq!(
                component.submits,
                component.holds.is_some(),
                "{}",
                component.name
            );
            assert!(
                !component.field || component.holds.is_some(),
                "{}",
                component.name
            );
        }
        // A field that does not say what it holds is refused when the catalogue loads.
        let text =
            include_str!("../../assets/components.json").replacen("\"holds\": \"option\",", "", 1);
        let err = Catalog::from_json(&text).err().unwrap();
        assert!(
            err.contains("RadioGroup is a form field but does not say what it holds"),
            "{err}"
        );
    }

    #[test]
    fn suggestions_find_near_misses() {
        let c = Catalog::builtin();
        assert_eq!(c.suggest("Buton"), Some("Button"));
        assert_eq!(c.suggest("container"), Some("Container"));
        assert_eq!(c.suggest("Zebra"), None);
        // A swap of two neighbouring letters is one edit.
        let props = ["Label", "Name", "Required"];
        assert_eq!(suggest("Lable", props.into_iter()), Some("Label"));
        assert_eq!(suggest("Reqiured", props.into_iter()), Some("Required"));
        assert_eq!(suggest("Colour", props.into_iter()), None);
    }

    #[test]
    fn every_component_and_prop_names_its_sources() {
        let c = Catalog::builtin();
        for component in c.components.values() {
            assert!(
                !component.from.is_empty(),
                "{} has no source",
                component.name
            );
            for (name, prop) in &component.props {
                for key in component.prop_from(prop) {
                    assert!(
                        c.sources.contains_key(key),
                        "{}.{name}: {key}",
                        component.name
                    );
                }
            }
        }
        assert_eq!(c.component("TextBox").unwrap().sealed, Sealed::No);
        assert_eq!(c.component("Button").unwrap().sealed, Sealed::Yes);
        assert_eq!(
            c.component("ConnectAction").unwrap().sealed,
            Sealed::Unknown
        );
        // Every component takes Visibility (the builder's UI conditions).
        assert!(
            c.components
                .values()
                .all(|x| x.props["Visibility"].kind == Kind::Condition)
        );
    }

    #[test]
    fn unknown_sources_are_refused() {
        let err = Catalog::from_json(
            r#"{"sources": {"a": "A"}, "components": {"X": {"from": ["b"], "content": "none"}}}"#,
        )
        .unwrap_err();
        assert!(err.contains("\"b\""), "{err}");
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
