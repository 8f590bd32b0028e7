//! Page settings (Alt-P): the view's title (`Head.Title`, what the agent's workspace shows
//! above the view) and its view-wide column spans (`Head.Configuration.Layout.Columns`),
//! checked as typed; Enter writes them into the template as one edit.

use crossterm::event::KeyEvent;

use super::Drawn;
use crate::tui::action::Command;
use crate::tui::component::Msg;
use crate::tui::cx::Cx;
use crate::tui::keymap::Context;

#[derive(Debug, Clone)]
pub struct PagePopup {
    /// Title, Columns (`6 6`, `10, 2`).
    pub fields: [String; 2],
    pub cursors: [Option<usize>; 2],
    pub focus: usize,
    pub problems: Vec<String>,
    /// What the page says of its Tools (integrations), read only: how many entries
    /// `Head.Integrations` has and the `$.#` integrations the body reads.
    pub tools: Vec<String>,
}

/// The integrations (`$.#Name`) the body reads, each once, in order.
fn integrations_read(tree: &crate::view::tree::Tree) -> Vec<String> {
    use crate::view::tree::{Item, Json, Spanned};
    fn walk(v: &Spanned, out: &mut Vec<String>) {
        match &v.value {
            Json::String(s) if s.starts_with("$.#") => {
                let name = s[3..].split(['.', '[']).next().unwrap_or_default();
                if !out.iter().any(|o| o == name) {
                    out.push(name.to_string());
                }
            }
            Json::Array(items) => items.iter().for_each(|i| walk(i, out)),
            Json::Object(members) => members.iter().for_each(|m| walk(&m.value, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for id in tree.preorder() {
        let node = tree.get(id);
        node.props.iter().for_each(|m| walk(&m.value, &mut out));
        for item in &node.content {
            if let Item::Text(s) | Item::Other(s) = item {
                walk(s, &mut out);
            }
        }
    }
    out
}

/// The Tools lines: what `Head.Integrations` holds and what the body reads. AWS does not
/// publish how an integration is declared, so they are shown, not edited here.
fn tools_of(tree: &crate::view::tree::Tree) -> Vec<String> {
    let declared = match tree.head.integrations.as_ref() {
        None => "Head has no Integrations".to_string(),
        Some(i) => match i.as_array() {
            Some(items) => format!("Head.Integrations has {} entries", items.len()),
            None => "Head.Integrations is not a list".to_string(),
        },
    };
    let read = integrations_read(tree);
    let read = if read.is_empty() {
        "the body reads no $.# integration".to_string()
    } else {
        format!(
            "the body reads {}",
            read.iter()
                .map(|r| format!("$.#{r}"))
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    vec![
        format!("Tools: {declared}; {read}."),
        "AWS does not publish how an integration is declared: add one in the admin website's \
         builder and pull the view, or edit Head.Integrations in the editor (CV054 checks each \
         $.# the body reads is mentioned there)."
            .to_string(),
    ]
}

impl PagePopup {
    /// The popup holding the page settings the tree has.
    pub fn of(tree: &crate::view::tree::Tree) -> PagePopup {
        let title = tree
            .head
            .title
            .as_ref()
            .and_then(|t| t.as_str().map(str::to_string))
            .unwrap_or_default();
        let columns = tree.head.columns();
        let columns = if columns.is_empty() {
            "12".to_string()
        } else {
            columns
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(" ")
        };
        let mut p = PagePopup {
            fields: [title, columns],
            cursors: [None; 2],
            focus: 0,
            problems: Vec::new(),
            tools: tools_of(tree),
        };
        p.check();
        p
    }

    /// The column spans typed, or why they are not right: whole numbers from 1 to 12.
    pub fn columns(&self) -> Result<Vec<u32>, String> {
        let parts: Vec<&str> = self.fields[1]
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|p| !p.is_empty())
            .collect();
        if parts.is_empty() {
            return Err("Columns: give at least one span (12 is the whole width)".into());
        }
        parts
            .iter()
            .map(|p| match p.parse::<u32>() {
                Ok(n) if (1..=12).contains(&n) => Ok(n),
                _ => Err(format!(
                    "Columns: \"{p}\" is not a span from 1 to 12 (the grid has 12 units)"
                )),
            })
            .collect()
    }

    fn check(&mut self) {
        let mut problems = Vec::new();
        if self.fields[0].trim().is_empty() {
            problems.push("Title: the service refuses an empty title (CV022)".to_string());
        }
        if let Err(e) = self.columns() {
            problems.push(e);
        }
        self.problems = problems;
    }

    pub(super) fn handle(
        &mut self,
        command: Option<Command>,
        key: &KeyEvent,
        app: &Cx,
        out: &mut Vec<Msg>,
    ) {
        use Command as C;
        match command {
            Some(C::NextField) => self.focus = (self.focus + 1) % 2,
            Some(C::PrevField) => self.focus = (self.focus + 1) % 2,
            Some(C::Apply) => {
                self.check();
                if self.problems.is_empty() {
                    let written = crate::tui::panes::outline::current_tree(app).and_then(|tree| {
                        let columns = self.columns()?;
                        crate::view::edit::set_page(
                            &app.doc.template_editor().text(),
                            &tree,
                            self.fields[0].trim(),
                            &columns,
                        )
                    });
                    match written {
                        Ok(edit) => return out.extend([Msg::Close, Msg::Edit(edit)]),
                        Err(why) => self.problems.push(why),
                    }
                }
                return;
            }
            _ => {
                let f = self.focus;
                super::line::edit(&mut self.fields[f], &mut self.cursors[f], key);
            }
        }
        self.check();
    }

    pub(super) fn paste(&mut self, text: &str) {
        let f = self.focus;
        super::line::insert(&mut self.fields[f], &mut self.cursors[f], text);
        self.check();
    }

    pub(super) fn draw(&self, app: &Cx) -> Drawn<'static> {
        let labels = [
            "Title (shown above the view in the agent's workspace)",
            "Columns (spans of the 12-unit grid, left to right: 12, or 6 6, or 10 2)",
        ];
        let fields: Vec<(&str, &str, Option<usize>)> = (0..2)
            .map(|i| (labels[i], self.fields[i].as_str(), self.cursors[i]))
            .collect();
        let mut lines =
            super::field_form(app, &fields, self.focus, &self.problems, Context::PagePopup);
        let muted = app.theme.style(crate::tui::theme::Role::Muted);
        let at = lines.len().saturating_sub(1);
        for (i, t) in self.tools.iter().enumerate() {
            let line = ratatui::text::Line::from(ratatui::text::Span::styled(t.clone(), muted));
            lines.insert(at + i, line);
        }
        let h = lines.len() as u16 + 2;
        Drawn::new("Page settings", lines, 80, h)
    }
}
