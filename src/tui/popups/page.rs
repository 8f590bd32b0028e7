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
        let lines = super::field_form(app, &fields, self.focus, &self.problems, Context::PagePopup);
        let h = lines.len() as u16 + 2;
        Drawn::new("Page settings", lines, 80, h)
    }
}
