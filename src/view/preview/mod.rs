//! The view as the agent workspace shows it, in a terminal: a layout of styled lines from
//! the template tree, the sample data and the preview's own state (field values), with
//! every pressable element located; and what pressing one yields (the Show view branch and
//! `$.Views.ViewResultData`).
//!
//! It approximates the workspace (Cloudscape components on a 12-column grid), and says so
//! where it assumes: see `shared/preview-and-viewdata.md` §1 and §2.

mod canvas;
mod condition;
mod press;
mod print;
mod render;
mod state;

use std::ops::Range;

use serde_json::Value;

pub use canvas::{Align, Block, Line, Span, wrap};
pub use condition::holds;
pub use press::{FieldError, Pressed, flatten, press};
pub use print::{ColorMode, to_ansi, to_plain};
pub use state::{FieldValue, PreviewState, default_value, value_of_type};

use super::reference::{Classified, Reference, Segment, classify};
use super::tree::{Node, NodeId, Spanned, Tree};

/// What a piece of the rendering is, for styling (colour where there is colour, and a
/// modifier that survives `NO_COLOR`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    Text,
    Dim,
    Strong,
    /// A heading (bold, underlined).
    Heading,
    Border,
    /// A value that came from the sample data.
    Filled,
    /// A `$.` reference the sample data does not fill: `‹$.OrderId›`.
    Unfilled,
    Link,
    /// A primary button.
    Primary,
    Button,
    Disabled,
    /// The editable part of a field.
    Field,
    /// A field's placeholder or an empty value.
    Placeholder,
    Error,
    Success,
    Warning,
    Info,
    /// A component the preview does not draw yet: a labelled box, never nothing.
    Unrendered,
}

/// What pressing (or typing into) an element does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HotKind {
    /// A button that raises its action.
    Button,
    /// A button that submits the form it is in.
    Submit,
    Card,
    /// A field that takes typing: FormInput, TextArea, DatePicker, TimePicker.
    Text,
    /// A single-choice Dropdown (Enter or Space steps through the options).
    Choice,
    /// One option of a RadioGroup, a CheckboxGroup or a multi-select Dropdown.
    Option,
    Toggle,
    /// An action cell of a Table row.
    Row,
    /// An ExpandableSection's header.
    Expand,
}

impl HotKind {
    /// Whether pressing it raises an action (rather than changing a field).
    pub fn raises(self) -> bool {
        matches!(
            self,
            HotKind::Button | HotKind::Submit | HotKind::Card | HotKind::Row
        )
    }
}

/// A pressable element, where it is drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hotspot {
    pub node: NodeId,
    /// The ButtonGroup item, option or table row.
    pub item: Option<usize>,
    pub kind: HotKind,
    pub line: usize,
    pub cols: Range<usize>,
}

impl Hotspot {
    #[cfg(test)]
    pub(crate) fn test(cols: Range<usize>) -> Hotspot {
        Hotspot {
            node: NodeId::first(),
            item: None,
            kind: HotKind::Button,
            line: 0,
            cols,
        }
    }
}

/// The rendering of one template revision at one width.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    pub width: usize,
    pub lines: Vec<Line>,
    /// In reading order (top to bottom, left to right): the focus order.
    pub hotspots: Vec<Hotspot>,
    /// Each drawn component's lines (in no particular order).
    pub nodes: Vec<(NodeId, Range<usize>)>,
    /// What the preview assumed or could not show.
    pub notes: Vec<String>,
}

impl Layout {
    /// The lines a component is drawn on (none when it is hidden).
    pub fn lines_of(&self, id: NodeId) -> Option<Range<usize>> {
        self.nodes
            .iter()
            .find(|(n, _)| *n == id)
            .map(|(_, r)| r.clone())
    }

    /// The first pressable element of a component or of anything inside it.
    pub fn hotspot_in(&self, tree: &Tree, id: NodeId) -> Option<usize> {
        self.hotspots
            .iter()
            .position(|h| tree.ancestry(h.node).contains(&id))
    }

    /// The pressable element for `ID` or `ID/N` (the Nth item of a ButtonGroup, option of a
    /// group, or row of a table, from 0).
    pub fn find(&self, tree: &Tree, spec: &str) -> Option<usize> {
        let (id, item) = match spec.rsplit_once('/') {
            Some((id, n)) if n.parse::<usize>().is_ok() => (id, n.parse::<usize>().ok()),
            _ => (spec, None),
        };
        let node = tree.by_id(id)?;
        self.hotspots
            .iter()
            .position(|h| h.node == node && (item.is_none() || h.item == item))
    }
}

/// Resolves `$.` references against the sample data.
#[derive(Clone, Copy)]
pub struct Resolver<'a> {
    pub tree: &'a Tree,
    pub data: &'a Value,
}

/// A piece of text and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Literal(String),
    /// From the sample data.
    Filled(String),
    /// A reference nothing fills, as written.
    Unfilled(String),
}

impl Piece {
    pub fn text(&self) -> String {
        match self {
            Piece::Literal(t) | Piece::Filled(t) => t.clone(),
            Piece::Unfilled(r) => format!("‹{r}›"),
        }
    }

    pub fn role(&self, base: Role) -> Role {
        match self {
            Piece::Literal(_) => base,
            Piece::Filled(_) => Role::Filled,
            Piece::Unfilled(_) => Role::Unfilled,
        }
    }

    pub fn is_empty(&self) -> bool {
        matches!(self, Piece::Literal(t) | Piece::Filled(t) if t.is_empty())
    }
}

impl<'a> Resolver<'a> {
    pub fn lookup(&self, reference: &Reference) -> Option<&'a Value> {
        let mut at = self.data;
        for s in &reference.segments {
            at = match s {
                Segment::Key(k) => at.get(k)?,
                Segment::Index(i) => at.get(*i)?,
            };
        }
        Some(at)
    }

    /// A value with every whole-value reference in it replaced by the sample data's value
    /// (an unfilled one stays the reference string, and is drawn as such).
    pub fn resolve(&self, v: &Spanned) -> Value {
        self.resolve_value(&v.to_serde())
    }

    pub fn resolve_value(&self, v: &Value) -> Value {
        match v {
            Value::String(s) => match classify(s) {
                Classified::Reference(r) => self.lookup(&r).cloned().unwrap_or_else(|| v.clone()),
                _ => v.clone(),
            },
            Value::Array(a) => Value::Array(a.iter().map(|x| self.resolve_value(x)).collect()),
            Value::Object(o) => Value::Object(
                o.iter()
                    .map(|(k, x)| (k.clone(), self.resolve_value(x)))
                    .collect(),
            ),
            other => other.clone(),
        }
    }

    /// A string (or number) value as shown, with its provenance.
    pub fn piece(&self, v: &Value) -> Piece {
        match v {
            Value::String(s) => match classify(s) {
                Classified::Reference(r) => match self.lookup(&r) {
                    Some(found) => Piece::Filled(shown(found)),
                    None => Piece::Unfilled(s.clone()),
                },
                _ => Piece::Literal(s.clone()),
            },
            other => Piece::Literal(shown(other)),
        }
    }

    /// A prop of a node as shown (`None` when it is absent).
    pub fn prop(&self, node: &Node, name: &str) -> Option<Piece> {
        node.prop(name).map(|v| self.piece_of(v))
    }

    /// A spanned value as shown (a string or number without converting it first).
    pub fn piece_of(&self, v: &Spanned) -> Piece {
        use super::tree::Json;
        match &v.value {
            Json::String(s) => match classify(s) {
                Classified::Reference(r) => match self.lookup(&r) {
                    Some(found) => Piece::Filled(shown(found)),
                    None => Piece::Unfilled(s.to_string()),
                },
                _ => Piece::Literal(s.to_string()),
            },
            Json::Number(n) => Piece::Literal(n.to_string()),
            _ => self.piece(&v.to_serde()),
        }
    }

    /// A prop's text, or "" (filled values as their text).
    pub fn prop_text(&self, node: &Node, name: &str) -> String {
        self.prop(node, name).map(|p| p.text()).unwrap_or_default()
    }
}

/// A JSON value as a person reads it in a field.
pub fn shown(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// A choice field's options as (label, value), through the sample data.
pub fn option_list(r: &Resolver<'_>, node: &Node) -> Vec<(String, String)> {
    let Some(options) = node.prop("Options").map(|o| r.resolve(o)) else {
        return Vec::new();
    };
    let Value::Array(items) = options else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|o| match o {
            Value::Object(m) => {
                let value = m.get("Value").map(shown);
                let label = m.get("Label").map(shown);
                let value = value.or_else(|| label.clone())?;
                Some((label.unwrap_or_else(|| value.clone()), value))
            }
            other => {
                let t = shown(other);
                Some((t.clone(), t))
            }
        })
        .collect()
}

/// Lays the template out at `width` columns.
pub fn layout(tree: &Tree, data: &Value, state: &PreviewState, width: usize) -> Layout {
    let r = Resolver { tree, data };
    render::view(&r, state, width.max(12))
}

impl NodeId {
    #[cfg(test)]
    pub(crate) fn first() -> NodeId {
        crate::view::tree::Tree::parse(r#"{"Head":{},"Body":[{"Type":"TextBox"}]}"#)
            .and_then(|t| t.body.first().copied())
            .expect("one node")
    }
}
