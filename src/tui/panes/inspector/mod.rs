//! The property inspector, below the outline: the selected component's props as typed
//! fields. Booleans toggle, enums step through their values, strings and numbers are edited
//! in a prompt and checked, lists open into rows to add, remove and reorder, UI conditions
//! are written as FIELD=VALUE from the view's fields, and `$` switches a prop between a
//! literal and a `$.` reference (the builder's lightning bolt). Missing required props are
//! listed first; unknown props are flagged with their fix. Every change is one edit.

mod draw;
mod items;
mod values;

pub use values::{ask, pick_action, pick_input, value_of};

use crate::tui::cx::Cx;
use std::collections::HashSet;

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::tui::action::Command;
use crate::tui::component::{Component, Msg};
use crate::tui::panes::outline::{current_tree, selected};
use crate::tui::state::Pane;
use crate::view::Severity;
use crate::view::catalog::{Catalog, Kind, Prop, suggest};
use crate::view::edit;
use crate::view::tree::{NodeId, Spanned, Tree};

use crate::tui::action::{Command as C, CommandRow, row};

/// The commands this pane takes: its keymap context, its footer and its help section.
#[rustfmt::skip]
pub const COMMANDS: &[CommandRow] = &[
    row(C::Undo, &["ctrl-z", "u"], 10),
    row(C::Redo, &["ctrl-y"], 0),
    row(C::Up, &["up", "k"], 0),
    row(C::Down, &["down", "j"], 0),
    row(C::Select, &["enter"], 10)
        .meaning("edit the selected prop: a boolean toggles, a list opens or closes, a condition or a value is asked for, a missing prop is added"),
    row(C::Left, &["left", "h"], 0)
        .meaning("the selected choice's previous value"),
    row(C::Right, &["right", "l"], 0)
        .meaning("the selected choice's next value"),
    row(C::Fold, &["space"], 0)
        .meaning("like Enter, and a choice steps to its next value"),
    row(C::MoveComponentUp, &["alt-up", "K"], 11)
        .meaning("move the selected list item up"),
    row(C::MoveComponentDown, &["alt-down", "J"], 0)
        .meaning("move the selected list item down"),
    row(C::DeleteComponent, &["d", "delete"], 14)
        .meaning("remove the selected prop, or the selected item of a list"),
    row(C::AddItem, &["a"], 12),
    row(C::ToggleReference, &["$"], 13),
    row(C::FixProp, &["f"], 14),
];

/// One row of the inspector.
#[derive(Debug, Clone, PartialEq)]
pub enum Row {
    /// A prop the component has (known or not).
    Prop { name: String },
    /// An item of a list prop that is open.
    Item { prop: String, index: usize },
    /// A field of an open item (`Label`, `Value`, `Action` ...), typed like a prop.
    Field {
        prop: String,
        index: usize,
        field: String,
    },
    /// A required prop the component lacks.
    Missing { name: String },
    /// A known prop it does not have.
    Available { name: String },
    /// The text of a component whose Content is text (a Button's label, a TextBox's text).
    Text,
}

/// What the inspector's prompt is writing.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    pub id: String,
    pub prop: String,
    pub item: Option<usize>,
    /// A field of that item (the prompt writes the field, not the whole item).
    pub field: Option<String>,
    pub as_: ValueKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    /// Written as a JSON string.
    Text,
    Number,
    /// JSON as typed.
    Json,
    /// FIELD=VALUE, written as a UI condition.
    Condition,
    /// An input name, written as `$.NAME`.
    Reference,
}

#[derive(Debug, Default)]
pub struct InspectorPane {
    pub selected: usize,
    pub scroll: usize,
    /// The prop whose row the selection goes to once the tree has it (one just added moves
    /// from the missing or available rows to the props).
    pub follow: Option<String>,
    /// List props shown item by item, by name.
    pub open: HashSet<String>,
}

/// The rows for a component: missing required props first, then its props in text order
/// (open lists with their items), then the known props it does not have.
pub fn rows(tree: &Tree, node: NodeId, open: &HashSet<String>) -> Vec<Row> {
    let n = tree.get(node);
    let component = Catalog::builtin().component(n.ty());
    let mut out = Vec::new();
    if component.is_some_and(|c| c.content == crate::view::catalog::ContentKind::Text) {
        out.push(Row::Text);
    }
    if let Some(c) = component {
        for (name, p) in &c.props {
            if p.is_required() && n.prop(name).is_none() {
                out.push(Row::Missing { name: name.clone() });
            }
        }
    }
    for m in &n.props {
        out.push(Row::Prop {
            name: m.key.to_string(),
        });
        if open.contains(&*m.key)
            && let Some(items) = m.value.as_array()
        {
            for index in 0..items.len() {
                out.push(Row::Item {
                    prop: m.key.to_string(),
                    index,
                });
                if open.contains(&items::key(&m.key, index)) {
                    items::field_rows(tree, node, &m.key, index, &mut out);
                }
            }
        }
    }
    if let Some(c) = component {
        for (name, p) in &c.props {
            if !p.is_required() && n.prop(name).is_none() {
                out.push(Row::Available { name: name.clone() });
            }
        }
    }
    out
}

/// The values of a closed list the prop takes that were seen in accepted views (icon
/// names), when it has them.
fn seen_of(tree: &Tree, node: NodeId, name: &str) -> Option<Vec<String>> {
    spec(tree, node, name)
        .map(|p| p.seen.clone())
        .filter(|s| !s.is_empty())
}

/// The prop's catalogue entry on this component.
pub fn spec<'c>(tree: &Tree, node: NodeId, prop: &str) -> Option<&'c Prop> {
    Catalog::builtin()
        .component(tree.get(node).ty())
        .and_then(|c| c.props.get(prop))
}

/// A value as one short line.
pub fn compact(v: &Spanned) -> String {
    let s = serde_json::to_string(&v.to_serde()).unwrap_or_default();
    if s.chars().count() > 48 {
        format!("{}…", s.chars().take(47).collect::<String>())
    } else {
        s
    }
}

fn placeholder(prop: &str, p: Option<&Prop>) -> String {
    let v = match p.map(|p| &p.kind) {
        Some(Kind::Boolean | Kind::Condition) => serde_json::json!(false),
        Some(Kind::Number) => serde_json::json!(0),
        Some(Kind::Enum(values)) => serde_json::json!(values.first().cloned().unwrap_or_default()),
        Some(Kind::Strings | Kind::Scalars | Kind::List(_)) => serde_json::json!([]),
        Some(Kind::Object(_)) => serde_json::json!({}),
        _ => serde_json::json!(prop),
    };
    v.to_string()
}

/// A new list item: the list's required fields with placeholders.
fn new_item(p: Option<&Prop>) -> String {
    match p.map(|p| &p.kind) {
        Some(Kind::List(fields)) => {
            let mut item = serde_json::Map::new();
            for (f, fp) in fields.iter().filter(|(_, fp)| fp.is_required()) {
                let v: serde_json::Value =
                    serde_json::from_str(&placeholder(f, Some(fp))).unwrap_or_default();
                item.insert(f.clone(), v);
            }
            serde_json::to_string_pretty(&serde_json::Value::Object(item)).unwrap_or_default()
        }
        _ => "\"item\"".into(),
    }
}

impl Component for InspectorPane {
    fn pane(&self) -> Pane {
        Pane::Inspector
    }

    fn command(&mut self, command: Command, app: &Cx, out: &mut Vec<Msg>) -> bool {
        use Command as C;
        if !command.belongs_to(Pane::Inspector.context()) || matches!(command, C::Undo | C::Redo) {
            return false;
        }
        let tree = match current_tree(app) {
            Ok(t) => t,
            Err(why) => {
                out.push(Msg::Notice(why, Severity::Warning));
                return true;
            }
        };
        let Some(node) = selected(app, &tree, app.folds) else {
            out.push(Msg::Notice(
                "no component is selected: put the cursor on one (or pick it in the outline)"
                    .into(),
                Severity::Warning,
            ));
            return true;
        };
        let rows = rows(&tree, node, &self.open);
        self.selected = self.selected.min(rows.len().saturating_sub(1));
        let Some(row) = rows.get(self.selected).cloned() else {
            return true;
        };
        let here = Here {
            text: app.doc.template_editor().text(),
            actions: app.doc.meta.actions.clone(),
            id: tree.get(node).id.clone().unwrap_or_default().to_string(),
            tree: &tree,
            node,
        };
        match (command, &row) {
            // Moving by hand ends any following (a prompt cancelled leaves nothing to follow).
            (C::Up, _) => {
                self.follow = None;
                self.selected = self.selected.saturating_sub(1)
            }
            (C::Down, _) => {
                self.follow = None;
                self.selected = (self.selected + 1).min(rows.len().saturating_sub(1))
            }
            (C::Select | C::Fold, Row::Missing { name } | Row::Available { name }) => {
                self.add(&here, name, command == C::Fold, out)
            }
            (C::Select | C::Fold, Row::Prop { name }) => {
                self.enter(&here, name, command == C::Fold, out)
            }
            (C::Select | C::Fold, Row::Item { prop, index }) => {
                let key = items::key(prop, *index);
                if !self.open.remove(&key) {
                    self.open.insert(key);
                }
            }
            (C::Select | C::Fold, Row::Text) => out.push(ask_text(&here).open()),
            (_, Row::Field { prop, index, field }) => {
                self.item_field(&here, command, (prop, *index, field), out)
            }
            (C::Left | C::Right, Row::Prop { name }) => here.step(name, command == C::Right, out),
            (C::ToggleReference, Row::Prop { name }) => self.toggle_reference(&here, name, out),
            (C::FixProp, Row::Prop { name }) => here.fix(name, out),
            (C::DeleteComponent | C::AddItem | C::MoveComponentUp | C::MoveComponentDown, _) => {
                self.list_command(&here, command, &row, out)
            }
            _ => out.push(Msg::Notice(
                "not for this row (F1 lists the inspector's keys)".into(),
                Severity::Note,
            )),
        }
        true
    }

    fn render(&self, frame: &mut Frame, area: Rect, app: &Cx) {
        draw::render(frame, area, app, self);
    }

    fn fit(&mut self, area: Rect, app: &Cx) {
        draw::fit(area, app, self);
    }
}

/// The component the inspector shows, in the text as it is.
struct Here<'t> {
    text: String,
    /// The view's listed actions.
    actions: Vec<String>,
    id: String,
    tree: &'t Tree,
    node: NodeId,
}

impl Here<'_> {
    /// The `$.` inputs the template reads already (without `$.`).
    fn inputs(&self) -> Vec<String> {
        crate::view::complete::Known::scan(&self.text, &[]).inputs
    }

    fn value(&self, prop: &str) -> Option<Spanned> {
        self.tree.get(self.node).prop(prop).cloned()
    }

    fn target(&self, prop: &str, item: Option<usize>, as_: ValueKind) -> Target {
        Target {
            id: self.id.clone(),
            prop: prop.to_string(),
            item,
            field: None,
            as_,
        }
    }

    /// A prop set to its placeholder (added, or a reference turned back into a literal).
    fn reset(&self, name: &str) -> Result<edit::Edit, String> {
        let value = placeholder(name, spec(self.tree, self.node, name));
        edit::set_prop(&self.text, self.tree, self.node, name, &value)
    }

    /// Left/Right: an enum's previous or next value.
    fn step(&self, name: &str, forward: bool, out: &mut Vec<Msg>) {
        let v = self.value(name).unwrap_or_else(|| unreachable!());
        match spec(self.tree, self.node, name).map(|p| &p.kind) {
            Some(Kind::Enum(values)) => edited(
                step_enum(&self.text, self.tree, self.node, name, values, &v, forward),
                out,
            ),
            _ => out.push(Msg::Notice(
                format!("{name} is not a choice (Enter edits it)"),
                Severity::Note,
            )),
        }
    }

    /// A prop the catalogue does not know, renamed to the one it was surely meant to be.
    fn fix(&self, name: &str, out: &mut Vec<Msg>) {
        let known = Catalog::builtin().component(self.tree.get(self.node).ty());
        match known.and_then(|c| suggest(name, c.props.keys().map(String::as_str))) {
            Some(s) if spec(self.tree, self.node, name).is_none() => edited(
                edit::rename_prop(&self.text, self.tree, self.node, name, s),
                out,
            ),
            _ => out.push(Msg::Notice(format!("{name} needs no fix"), Severity::Note)),
        }
    }
}

/// The prompt for a component's text (its `Content` as one string).
fn ask_text(here: &Here) -> crate::tui::state::Prompt {
    let current = here.tree.get(here.node).text();
    let id = here.id.clone();
    crate::tui::state::Prompt::new("Text (its Content)", current, move |app, input| {
        let tree = current_tree(app)?;
        let node = tree
            .by_id(&id)
            .ok_or_else(|| format!("no component has the _id {id} any more"))?;
        let text = app.doc.template_editor().text();
        Ok(vec![Msg::Edit(edit::set_content_text(
            &text, &tree, node, input,
        )?)])
    })
}

/// The message that opens a picker.
fn open_picker(p: crate::tui::popups::PickerPopup) -> Msg {
    Msg::Open(crate::tui::popups::Popup::Picker(p))
}

/// An edit asked for, or why it cannot be made.
fn edited(r: Result<edit::Edit, String>, out: &mut Vec<Msg>) {
    match r {
        Ok(e) => out.push(Msg::Edit(e)),
        Err(why) => out.push(Msg::Notice(why, Severity::Warning)),
    }
}

impl InspectorPane {
    fn ask(&mut self, out: &mut Vec<Msg>, target: Target, current: String) {
        out.push(ask(target, current).open());
    }

    /// Enter (or Space) on a prop: a boolean toggles, an enum steps (Space), a list opens or
    /// closes, a condition or a value is asked for.
    fn enter(&mut self, here: &Here, name: &str, fold: bool, out: &mut Vec<Msg>) {
        use crate::view::tree::Json;
        let v = here.value(name).unwrap_or_else(|| unreachable!());
        let (text, tree, node) = (&here.text, here.tree, here.node);
        match (spec(tree, node, name).map(|p| &p.kind), &v.value) {
            (Some(Kind::Boolean | Kind::Condition), _) if v.as_bool().is_some() => {
                let flipped = if v.as_bool() == Some(true) {
                    "false"
                } else {
                    "true"
                };
                edited(edit::set_prop(text, tree, node, name, flipped), out);
            }
            (Some(Kind::Enum(values)), _) if fold => {
                edited(step_enum(text, tree, node, name, values, &v, true), out)
            }
            (_, Json::Array(_)) => {
                if !self.open.remove(name) {
                    self.open.insert(name.to_string());
                }
            }
            (Some(Kind::Condition), _) => self.ask_condition(here, name, out),
            _ if spec(tree, node, name).is_some_and(|p| p.action) => {
                let target = here.target(name, None, ValueKind::Text);
                out.push(open_picker(values::pick_action(
                    target,
                    here.actions.clone(),
                )))
            }
            (_, Json::String(_)) if let Some(seen) = seen_of(tree, node, name) => {
                let target = here.target(name, None, ValueKind::Text);
                out.push(open_picker(values::pick_seen(target, seen)))
            }
            (_, value) => {
                let (as_, current) = match value {
                    Json::String(s) => (ValueKind::Text, s.to_string()),
                    Json::Number(n) => (ValueKind::Number, n.to_string()),
                    _ => (
                        ValueKind::Json,
                        serde_json::to_string(&v.to_serde()).unwrap_or_default(),
                    ),
                };
                self.ask(out, here.target(name, None, as_), current)
            }
        }
    }

    /// A condition, built from the view's fields in the condition builder (holding the
    /// condition the prop has, where it can show it); without fields, `true` / `false` asked.
    fn ask_condition(&mut self, here: &Here, name: &str, out: &mut Vec<Msg>) {
        let current = here.value(name).map(|v| v.to_serde());
        let builder =
            crate::tui::popups::ConditionPopup::new(here.tree, &here.id, name, current.as_ref());
        match builder {
            Some(mut b) => {
                b.redraft(&here.text, here.tree);
                out.push(Msg::Open(crate::tui::popups::Popup::Condition(b)))
            }
            None => {
                out.push(Msg::Notice(
                    "the view has no field a condition could read: true or false".into(),
                    Severity::Note,
                ));
                self.ask(
                    out,
                    here.target(name, None, ValueKind::Condition),
                    String::new(),
                )
            }
        }
    }

    /// Enter on a prop the component lacks. What must be chosen is asked for first (a text,
    /// a number, an action, a condition: never the prop's own name written as its value, never
    /// a condition that hides the component); otherwise the kind's value is written (a
    /// boolean on, unless the catalogue says what adding it writes; an enum's first value;
    /// an empty list, opened). The selection follows the prop to its new row.
    fn add(&mut self, here: &Here, name: &str, fold: bool, out: &mut Vec<Msg>) {
        let p = spec(here.tree, here.node, name);
        self.follow = Some(name.to_string());
        let set = |json: &str| edit::set_prop(&here.text, here.tree, here.node, name, json);
        if let Some(v) = p.and_then(|p| p.added.as_ref()) {
            return edited(set(&v.to_string()), out);
        }
        match p.map(|p| &p.kind) {
            // Space adds a condition as simply on (Required: true); Enter builds one.
            Some(Kind::Condition) if fold => edited(set("true"), out),
            Some(Kind::Condition) => self.ask_condition(here, name, out),
            Some(Kind::Boolean) => edited(set("true"), out),
            Some(Kind::Enum(values)) => {
                let first = values.first().cloned().unwrap_or_default();
                edited(set(&serde_json::Value::String(first).to_string()), out)
            }
            Some(Kind::Number) => self.ask(
                out,
                here.target(name, None, ValueKind::Number),
                String::new(),
            ),
            Some(Kind::Strings | Kind::Scalars | Kind::List(_)) => {
                self.open.insert(name.to_string());
                edited(set("[]"), out)
            }
            Some(Kind::Object(_)) => edited(set("{}"), out),
            // An action prop picks one of the view's actions, or a new one.
            _ if p.is_some_and(|p| p.action) => {
                let target = here.target(name, None, ValueKind::Text);
                out.push(open_picker(values::pick_action(
                    target,
                    here.actions.clone(),
                )))
            }
            _ if let Some(seen) = seen_of(here.tree, here.node, name) => {
                let target = here.target(name, None, ValueKind::Text);
                out.push(open_picker(values::pick_seen(target, seen)))
            }
            _ => self.ask(out, here.target(name, None, ValueKind::Text), String::new()),
        }
    }

    /// `$`: a literal becomes a `$.` reference (its input's name asked), a reference a
    /// literal again.
    fn toggle_reference(&mut self, here: &Here, name: &str, out: &mut Vec<Msg>) {
        let v = here.value(name).unwrap_or_else(|| unreachable!());
        if v.as_str().is_some_and(|s| s.starts_with("$.")) {
            return edited(here.reset(name), out);
        }
        let target = here.target(name, None, ValueKind::Reference);
        out.push(open_picker(values::pick_input(target, here.inputs())))
    }

    /// A list prop's items: remove, add (after the selected one), move.
    fn list_command(&mut self, here: &Here, command: Command, row: &Row, out: &mut Vec<Msg>) {
        use Command as C;
        let (text, tree, node) = (&here.text, here.tree, here.node);
        let new = |prop: &str| new_item(spec(tree, node, prop));
        let result = match (command, row) {
            (C::DeleteComponent, Row::Prop { name }) => edit::remove_prop(text, tree, node, name),
            (C::DeleteComponent, Row::Item { prop, index }) => {
                edit::list_remove(text, tree, node, prop, *index)
            }
            (C::AddItem, Row::Prop { name }) => {
                self.open.insert(name.clone());
                edit::list_add(text, tree, node, name, None, &new(name))
            }
            (C::AddItem, Row::Item { prop, index }) => {
                edit::list_add(text, tree, node, prop, Some(*index), &new(prop))
            }
            (C::MoveComponentUp | C::MoveComponentDown, Row::Item { prop, index }) => {
                let up = command == C::MoveComponentUp;
                if up {
                    self.selected = self.selected.saturating_sub(1);
                } else {
                    self.selected += 1;
                }
                edit::list_move(text, tree, node, prop, *index, up)
            }
            _ => {
                return out.push(Msg::Notice(
                    "not for this row (F1 lists the inspector's keys)".into(),
                    Severity::Note,
                ));
            }
        };
        // A new item opens into its fields, and its required text fields are asked for.
        let added = match (command, row, &result) {
            (C::AddItem, Row::Prop { name }, Ok(_)) => {
                let n = here.value(name).and_then(|v| v.as_array().map(<[_]>::len));
                Some((name.clone(), n.unwrap_or(0)))
            }
            (C::AddItem, Row::Item { prop, index }, Ok(_)) => Some((prop.clone(), index + 1)),
            _ => None,
        };
        edited(result, out);
        if let Some((prop, index)) = added {
            self.open.insert(items::key(&prop, index));
            out.extend(items::ask_required(here, &prop, index));
        }
    }
}

fn step_enum(
    text: &str,
    tree: &Tree,
    node: NodeId,
    prop: &str,
    values: &[String],
    v: &Spanned,
    forward: bool,
) -> Result<edit::Edit, String> {
    let n = values.len();
    if n == 0 {
        return Err(format!("{prop} has no values to choose from"));
    }
    let i = v.as_str().and_then(|s| values.iter().position(|x| x == s));
    let next = match (i, forward) {
        (None, _) => 0,
        (Some(i), true) => (i + 1) % n,
        (Some(i), false) => (i + n - 1) % n,
    };
    let json = serde_json::to_string(&values[next]).unwrap_or_default();
    edit::set_prop(text, tree, node, prop, &json)
}
