//! The condition builder: a UI condition (`Visibility`, `Required`, `Disabled`, ...) made
//! from the view's fields instead of typed as JSON. Each clause is a field, an operator of the
//! service's `ViewCondition` (`Equals`, `NotEquals`, `MoreThan`, `LessThan`, `Includes`) and a
//! value (stepped through the field's options where it has them); several clauses are
//! joined by AND or OR (`AndConditions` / `OrConditions`). Enter writes
//! `{"Conditions": [...]}` into the prop as one edit.

use crossterm::event::KeyEvent;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use serde_json::{Value, json};

use super::{Drawn, key_line};
use crate::tui::action::Command;
use crate::tui::component::Msg;
use crate::tui::cx::Cx;
use crate::tui::keymap::Context;
use crate::tui::theme::Role;
use crate::view::tree::Tree;
use std::sync::Arc;

/// The operators of the service's condition schema (`$defs.ViewCondition`).
pub const OPERATORS: &[&str] = &["Equals", "NotEquals", "MoreThan", "LessThan", "Includes"];

/// A field a condition can read: its `Name` and its option values (empty: free text).
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub name: String,
    pub options: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Clause {
    pub field: usize,
    pub op: usize,
    pub value: String,
    pub cursor: Option<usize>,
}

#[derive(Debug, Clone)]
pub struct ConditionPopup {
    /// The component (`_id`) and the prop written.
    pub id: String,
    pub prop: String,
    pub fields: Vec<Field>,
    pub clauses: Vec<Clause>,
    /// Several clauses are joined by OR (else AND).
    pub or: bool,
    /// The clause selected, and its part: 0 the field, 1 the operator, 2 the value.
    pub row: usize,
    pub part: usize,
    pub error: Option<String>,
    /// The view as it would be with the condition built so far: the preview draws it while
    /// the builder is open, so the effect shows as the condition is built.
    pub draft: Option<Arc<Tree>>,
}

/// The view's fields with the values of their literal options.
pub fn fields_of(tree: &Tree) -> Vec<Field> {
    tree.field_names()
        .into_iter()
        .map(|name| {
            let options = tree
                .field(&name)
                .and_then(|n| tree.get(n).prop("Options"))
                .and_then(|o| o.as_array())
                .unwrap_or_default()
                .iter()
                .filter_map(|o| o.get("Value").and_then(|v| v.as_scalar_text()))
                .map(str::to_string)
                .collect();
            Field { name, options }
        })
        .collect()
}

impl ConditionPopup {
    /// The builder for `prop` of component `id`, holding the condition it has where the
    /// builder can show it (operators over fields, joined by one AND or OR), else one
    /// clause on the first field. `None` when the view has no field to read.
    pub fn new(tree: &Tree, id: &str, prop: &str, current: Option<&Value>) -> Option<Self> {
        let fields = fields_of(tree);
        // A new condition starts on the nearest choice field before the component (the
        // dropdown a details box depends on), else the first field.
        let order = tree.preorder();
        let place = |name: &str| {
            let n = tree.field(name)?;
            order.iter().position(|&m| m == n)
        };
        let here = tree
            .by_id(id)
            .and_then(|n| order.iter().position(|&m| m == n))
            .unwrap_or(usize::MAX);
        let start = fields
            .iter()
            .enumerate()
            .filter(|(_, f)| !f.options.is_empty())
            .filter_map(|(i, f)| Some((i, place(&f.name)?)))
            .filter(|&(_, at)| at < here)
            .max_by_key(|&(_, at)| at)
            .map_or(0, |(i, _)| i);
        let first = fields.get(start)?;
        let mut p = ConditionPopup {
            id: id.to_string(),
            prop: prop.to_string(),
            clauses: vec![Clause {
                field: start,
                op: 0,
                value: first.options.first().cloned().unwrap_or_default(),
                cursor: None,
            }],
            fields,
            or: false,
            row: 0,
            part: 0,
            error: None,
            draft: None,
        };
        if let Some((clauses, or)) = current.and_then(|v| p.read(v)) {
            p.clauses = clauses;
            p.or = or;
        }
        Some(p)
    }

    /// Works out the view as it would be with the condition built so far (`text` is the
    /// template, `tree` its tree); the preview draws it while the builder is open. Left as it
    /// was when the condition cannot be written (the component went away).
    pub fn redraft(&mut self, text: &str, tree: &Tree) {
        let Some(node) = tree.by_id(&self.id) else {
            return;
        };
        let value = self.value().to_string();
        if let Ok(edit) = crate::view::edit::set_prop(text, tree, node, &self.prop, &value)
            && let Some(t) = Tree::parse(&edit.apply(text))
        {
            self.draft = Some(Arc::new(t));
        }
    }

    /// The clauses of a condition the builder can show.
    fn read(&self, v: &Value) -> Option<(Vec<Clause>, bool)> {
        let list = v.get("Conditions")?.as_array()?;
        let [one] = list.as_slice() else {
            return None;
        };
        let (items, or) = match (one.get("AndConditions"), one.get("OrConditions")) {
            (Some(a), None) => (a.as_array()?.clone(), false),
            (None, Some(o)) => (o.as_array()?.clone(), true),
            _ => (vec![one.clone()], false),
        };
        let clause = |c: &Value| -> Option<Clause> {
            let (op, operand) = c.as_object()?.iter().next()?;
            let op = OPERATORS.iter().position(|o| o == op)?;
            let key = operand.get("ElementByKey")?.as_str()?;
            let field = self.fields.iter().position(|f| f.name == key)?;
            let value = match operand.get("ElementByValue")? {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            Some(Clause {
                field,
                op,
                value,
                cursor: None,
            })
        };
        let clauses = items.iter().map(clause).collect::<Option<Vec<_>>>()?;
        (!clauses.is_empty()).then_some((clauses, or))
    }

    /// The condition as JSON: one clause, or the clauses joined.
    pub fn value(&self) -> Value {
        let clause = |c: &Clause| {
            let value = match (OPERATORS[c.op], c.value.trim().parse::<f64>()) {
                ("MoreThan" | "LessThan", Ok(_)) => {
                    serde_json::from_str(c.value.trim()).unwrap_or(json!(c.value))
                }
                _ => json!(c.value),
            };
            json!({OPERATORS[c.op]: {"ElementByKey": self.fields[c.field].name, "ElementByValue": value}})
        };
        let condition = match self.clauses.as_slice() {
            [one] => clause(one),
            many => {
                let join = if self.or {
                    "OrConditions"
                } else {
                    "AndConditions"
                };
                json!({join: many.iter().map(clause).collect::<Vec<_>>()})
            }
        };
        json!({"Conditions": [condition]})
    }

    pub(super) fn handle(
        &mut self,
        command: Option<Command>,
        key: &KeyEvent,
        app: &Cx,
        out: &mut Vec<Msg>,
    ) {
        use Command as C;
        self.error = None;
        let n = self.clauses.len();
        match command {
            Some(C::Up) => self.row = self.row.saturating_sub(1),
            Some(C::Down) => self.row = (self.row + 1).min(n - 1),
            Some(C::NextField) => self.part = (self.part + 1) % 3,
            Some(C::PrevField) => self.part = (self.part + 2) % 3,
            Some(C::AddItem) => {
                let mut c = self.clauses[self.row].clone();
                c.cursor = None;
                self.clauses.insert(self.row + 1, c);
                self.row += 1;
            }
            Some(C::DeleteComponent) if n > 1 => {
                self.clauses.remove(self.row);
                self.row = self.row.min(n - 2);
            }
            Some(C::ToggleJoin) => self.or = !self.or,
            Some(C::Left | C::Right) if self.part < 2 || self.has_options() => {
                self.step(command == Some(C::Right))
            }
            Some(C::Apply) => return self.write(app, out),
            _ if self.part == 2 => {
                let c = &mut self.clauses[self.row];
                super::line::edit(&mut c.value, &mut c.cursor, key);
            }
            _ => return,
        }
        self.redraft_from(app);
    }

    fn redraft_from(&mut self, app: &Cx) {
        if let Ok(tree) = crate::tui::panes::outline::current_tree(app) {
            self.redraft(&app.doc.template_editor().text(), &tree);
        }
    }

    fn has_options(&self) -> bool {
        !self.fields[self.clauses[self.row].field].options.is_empty()
    }

    /// Left/Right on the selected part: the previous or next field, operator or option.
    fn step(&mut self, forward: bool) {
        let fields = &self.fields;
        let c = &mut self.clauses[self.row];
        let turn = |i: usize, n: usize| {
            if forward {
                (i + 1) % n
            } else {
                (i + n - 1) % n
            }
        };
        match self.part {
            0 => {
                c.field = turn(c.field, fields.len());
                c.value = fields[c.field].options.first().cloned().unwrap_or_default();
                c.cursor = None;
            }
            1 => c.op = turn(c.op, OPERATORS.len()),
            _ => {
                let options = &fields[c.field].options;
                let at = options.iter().position(|o| *o == c.value);
                c.value = options[at.map_or(0, |i| turn(i, options.len()))].clone();
                c.cursor = None;
            }
        }
    }

    fn write(&mut self, app: &Cx, out: &mut Vec<Msg>) {
        let written = crate::tui::panes::outline::current_tree(app).and_then(|tree| {
            let node = tree
                .by_id(&self.id)
                .ok_or_else(|| format!("no component has the _id {} any more", self.id))?;
            crate::view::edit::set_prop(
                &app.doc.template_editor().text(),
                &tree,
                node,
                &self.prop,
                &self.value().to_string(),
            )
        });
        match written {
            Ok(edit) => out.extend([Msg::Close, Msg::Edit(edit)]),
            Err(why) => self.error = Some(why),
        }
    }

    pub(super) fn paste(&mut self, text: &str) {
        if self.part == 2 {
            let c = &mut self.clauses[self.row];
            super::line::insert(&mut c.value, &mut c.cursor, text);
        }
    }

    pub(super) fn draw(&self, app: &Cx) -> Drawn<'static> {
        let t = &app.theme;
        let bold = Style::default().add_modifier(Modifier::BOLD);
        let mut lines = vec![Line::from(Span::styled(
            format!("{} of {}, when:", self.prop, self.id),
            t.style(Role::Muted),
        ))];
        for (i, c) in self.clauses.iter().enumerate() {
            let on = |part: usize| i == self.row && self.part == part;
            let cell = |text: String, on: bool| {
                if on {
                    Span::styled(format!("‹{text}›"), bold.add_modifier(Modifier::REVERSED))
                } else {
                    Span::raw(format!(" {text} "))
                }
            };
            let join = match (i, self.or) {
                (0, _) => "  ",
                (_, true) => "or",
                (_, false) => "and",
            };
            let mut spans = vec![
                Span::styled(format!("{join:>4} "), t.style(Role::Key)),
                cell(self.fields[c.field].name.clone(), on(0)),
                cell(OPERATORS[c.op].to_string(), on(1)),
            ];
            if on(2) && self.fields[c.field].options.is_empty() {
                spans.push(Span::raw(" "));
                spans.extend(super::line::spans(&c.value, c.cursor, true));
            } else {
                spans.push(cell(format!("{:?}", c.value), on(2)));
            }
            lines.push(Line::from(spans));
        }
        lines.push(Line::raw(""));
        lines.push(Line::from(Span::styled(
            "Tab moves between field, operator and value; Left/Right step them (a value \
             through the field's options); Up/Down choose a clause",
            t.style(Role::Muted),
        )));
        if let Some(e) = &self.error {
            lines.push(Line::from(Span::styled(e.clone(), t.style(Role::Error))));
        }
        lines.push(Line::from(Span::styled(
            key_line(app, Context::ConditionPopup),
            t.style(Role::Muted),
        )));
        let h = lines.len() as u16 + 2;
        Drawn::new("Condition", lines, 90, h)
    }
}
