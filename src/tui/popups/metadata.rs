//! The metadata popup (Alt-M): the view's name, description and tags, checked as typed by
//! the rules the service applies.

use crossterm::event::KeyEvent;

use super::{Drawn, typed};
use crate::tui::action::Command;
use crate::tui::component::Msg;
use crate::tui::cx::Cx;
use crate::tui::keymap::Context;
use crate::view::validate::{
    description_problem, name_problem, tag_key_problem, tag_value_problem,
};

#[derive(Debug, Clone)]
pub struct MetadataPopup {
    /// Name, Description, Tags (`key=value, key=value`).
    pub fields: [String; 3],
    /// Each field's cursor (see `line`).
    pub cursors: [Option<usize>; 3],
    pub focus: usize,
    pub problems: Vec<String>,
}

impl MetadataPopup {
    pub(super) fn handle(&mut self, command: Option<Command>, key: &KeyEvent, out: &mut Vec<Msg>) {
        use Command as C;
        match (command, key.code, typed(key)) {
            (Some(C::NextField), ..) => self.focus = (self.focus + 1) % 3,
            (Some(C::PrevField), ..) => self.focus = (self.focus + 2) % 3,
            (Some(C::Apply), ..) => {
                check_metadata(self);
                if self.problems.is_empty() {
                    let description = self.fields[1].trim();
                    out.extend([
                        Msg::Close,
                        Msg::SetMeta {
                            name: self.fields[0].trim().to_string(),
                            description: (!description.is_empty()).then(|| description.to_string()),
                            tags: crate::view::document::parse_tag_list(&self.fields[2])
                                .unwrap_or_default(),
                        },
                    ]);
                    return;
                }
            }
            (None, ..) => {
                let f = self.focus;
                super::line::edit(&mut self.fields[f], &mut self.cursors[f], key);
            }
            _ => {}
        }
        check_metadata(self);
    }

    pub(super) fn paste(&mut self, text: &str) {
        let f = self.focus;
        super::line::insert(&mut self.fields[f], &mut self.cursors[f], text);
        check_metadata(self);
    }

    pub(super) fn draw(&self, app: &Cx) -> Drawn<'static> {
        let labels = ["Name", "Description", "Tags (key=value, …)"];
        let fields: Vec<(&str, &str, Option<usize>)> = (0..3)
            .map(|i| (labels[i], self.fields[i].as_str(), self.cursors[i]))
            .collect();
        let lines = super::field_form(
            app,
            &fields,
            self.focus,
            &self.problems,
            Context::MetadataPopup,
        );
        Drawn::new("Metadata", lines, 76, 16)
    }
}

/// The metadata popup's fields checked by the rules the service applies.
pub fn check_metadata(m: &mut MetadataPopup) {
    let mut problems = Vec::new();
    if let Some(p) = name_problem(m.fields[0].trim()) {
        problems.push(format!("Name: {p}"));
    }
    let d = m.fields[1].trim();
    if !d.is_empty()
        && let Some(p) = description_problem(d)
    {
        problems.push(format!("Description: {p}"));
    }
    match crate::view::document::parse_tag_list(&m.fields[2]) {
        Ok(tags) => {
            if tags.len() > 50 {
                problems.push(format!("Tags: {} tags; the limit is 50", tags.len()));
            }
            for (k, v) in &tags {
                if let Some(p) = tag_key_problem(k).or_else(|| tag_value_problem(k, v)) {
                    problems.push(format!("Tags: {p}"));
                }
            }
        }
        Err(e) => problems.push(format!("Tags: {e}")),
    }
    m.problems = problems;
}
