//! The component palette (Ctrl-O): a fuzzy query over the catalogue and the patterns;
//! Enter inserts the selected entry where the outline's selection says.

use crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};

use super::{Drawn, key_line, typed};
use crate::tui::action::Command;
use crate::tui::component::Msg;
use crate::tui::cx::Cx;
use crate::tui::keymap::Context;
use crate::tui::theme::Role;
use crate::view::{Catalog, palette};

#[derive(Debug, Clone, Default)]
pub struct PalettePopup {
    pub query: String,
    /// Where in the query the cursor is (see `line`).
    pub cursor: Option<usize>,
    /// The selected row of the ranked entries.
    pub selected: usize,
    /// Why the last Enter inserted nothing.
    pub error: Option<String>,
}

impl PalettePopup {
    pub(super) fn handle(
        &mut self,
        command: Option<Command>,
        key: &KeyEvent,
        app: &Cx,
        out: &mut Vec<Msg>,
    ) {
        use Command as C;
        let entries = palette::entries(Catalog::builtin());
        let n = palette::rank(&self.query, &entries).len();
        match (command, key.code, typed(key)) {
            (Some(C::Up), ..) => self.selected = self.selected.saturating_sub(1),
            (Some(C::Down), ..) => self.selected = (self.selected + 1).min(n.saturating_sub(1)),
            (Some(C::Apply), ..) => {
                let ranked = palette::rank(&self.query, &entries);
                match ranked.get(self.selected) {
                    None => self.error = Some("nothing matches".into()),
                    Some(entry) => match insert_entry(app, entry) {
                        Ok(inserted) => {
                            out.extend([Msg::Close, Msg::Insert(inserted.edit, inserted.raised)]);
                            // A component inserted without the action it would raise asks
                            // for it (a Button's Action): one of the view's, or a new one.
                            if let Some(id) = inserted.lacks_action {
                                out.push(action_for(app, id));
                            }
                        }
                        Err(why) => self.error = Some(why),
                    },
                }
            }
            (None, ..) if super::line::edit(&mut self.query, &mut self.cursor, key) => {
                self.selected = 0;
                self.error = None;
            }
            _ => {}
        }
    }

    pub(super) fn paste(&mut self, text: &str) {
        super::line::insert(&mut self.query, &mut self.cursor, text);
        self.selected = 0;
    }

    pub(super) fn draw(&self, app: &Cx, area: Rect) -> Drawn<'static> {
        let t = &app.theme;
        let entries = palette::entries(Catalog::builtin());
        let ranked = palette::rank(&self.query, &entries);
        let h = area.height.saturating_sub(4).min(24);
        // As wide as the screen allows (up to 140 columns): the names in a column as wide as
        // the longest, the help in the rest, cut at a word when it does not fit.
        let w = area.width.saturating_sub(4).min(140);

        let room = (h as usize).saturating_sub(6).max(3);
        let start = self.selected.saturating_sub(room.saturating_sub(1));
        let shown = || ranked.iter().skip(start).take(room);
        // The names as wide as the longest shown (at most half the width), the help after.
        let name_w = shown().map(|e| e.name.chars().count()).max().unwrap_or(0) + 2;
        let name_w = name_w.min(w as usize / 2);
        let help_w = (w as usize).saturating_sub(2 + name_w);
        let mut query = vec![Span::raw("> ")];
        query.extend(super::line::spans(&self.query, self.cursor, true));
        query.push(Span::styled(
            format!("   {} of {}", ranked.len(), entries.len()),
            t.style(Role::Muted),
        ));
        let mut lines = vec![Line::from(query)];
        if let Some(e) = &self.error {
            lines.push(Line::from(Span::styled(
                e.clone(),
                t.style(Role::Error).add_modifier(Modifier::BOLD),
            )));
        }
        for (i, e) in (start..).zip(shown()) {
            let name = Span::styled(
                format!("{:<name_w$}", cut_at_word(&e.name, name_w - 1)),
                if e.pattern.is_some() {
                    t.style(Role::String)
                } else {
                    t.style(Role::Key)
                },
            );
            let help = cut_at_word(&e.help, help_w);
            let mut spans = vec![name, Span::styled(help, t.style(Role::Muted))];
            if i == self.selected {
                spans = crate::tui::panes::reversed(spans);
            }
            lines.push(Line::from(spans));
        }
        lines.push(Line::raw(""));
        lines.push(Line::from(Span::styled(
            key_line(app, Context::PalettePopup),
            t.style(Role::Muted),
        )));
        Drawn::new("Component palette", lines, w, h).scrolling_itself()
    }
}

/// `text` in at most `width` characters: whole, or cut after a word with an ellipsis.
pub(crate) fn cut_at_word(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    for word in text.split_whitespace() {
        let next = out.chars().count() + usize::from(!out.is_empty()) + word.chars().count();
        if next + 1 > width {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.is_empty() {
        // One word longer than the room: its start.
        out = text.chars().take(width.saturating_sub(1)).collect();
    }
    out.push('…');
    out
}

/// What inserting a palette entry does.
#[derive(Debug)]
pub struct Inserted {
    pub edit: crate::view::edit::Edit,
    /// The actions it raises (the view's Actions take those it lacks with the insert).
    pub raised: Vec<String>,
    /// The new component's `_id`, when it has an `Action` prop the skeleton leaves empty.
    pub lacks_action: Option<String>,
}

/// The picker of the `Action` a just-inserted component raises.
fn action_for(app: &Cx, id: String) -> Msg {
    let target = crate::tui::panes::inspector::Target {
        id,
        prop: "Action".into(),
        item: None,
        field: None,
        as_: crate::tui::panes::inspector::ValueKind::Text,
    };
    let picker = crate::tui::panes::inspector::pick_action(target, app.doc.meta.actions.clone());
    Msg::Open(super::Popup::Picker(picker))
}

/// The palette's entry as an edit: after the selected component, as the first child of a
/// selected container, or (nothing selected) at the end of the first top-level container.
pub fn insert_entry(app: &Cx, entry: &palette::Entry) -> Result<Inserted, String> {
    use crate::view::edit::{Ids, Place, insert};
    let tree = crate::tui::panes::outline::current_tree(app)?;
    let catalog = Catalog::builtin();
    let container = |n| {
        catalog
            .component(tree.get(n).ty())
            .is_some_and(|c| c.container)
    };
    let place = match crate::tui::panes::outline::selected(app, &tree, app.folds) {
        Some(n) if container(n) => Place::FirstChild(n),
        Some(n) => Place::After(n),
        None => match tree.body.iter().copied().find(|&n| container(n)) {
            Some(root) => Place::LastChild(root),
            None => Place::BodyEnd,
        },
    };
    let mut ids = Ids::new(&tree);
    let snippet = palette::snippet(catalog, entry, &mut ids)
        .ok_or_else(|| format!("{} is not in the catalogue", entry.name))?;
    let edit = insert(
        &app.doc.template_editor().text(),
        &tree,
        place,
        &snippet,
        format!("insert {}", entry.name),
    )?;
    let lacks_action = match (entry.pattern, catalog.component(&entry.name)) {
        (None, Some(c)) if c.props.get("Action").is_some_and(|p| p.action) => {
            let value: serde_json::Value = serde_json::from_str(&snippet).unwrap_or_default();
            let missing = value["Props"].get("Action").is_none();
            missing
                .then(|| value["_id"].as_str().map(str::to_string))
                .flatten()
        }
        _ => None,
    };
    Ok(Inserted {
        edit,
        raised: crate::view::edit::raised_by(&snippet),
        lacks_action,
    })
}

#[cfg(test)]
mod tests {
    use super::cut_at_word;

    #[test]
    fn help_is_cut_after_a_word_never_inside_one() {
        let help = "a one-line input field with a label";
        assert_eq!(cut_at_word(help, 80), help);
        assert_eq!(cut_at_word(help, 20), "a one-line input…");
        assert!(cut_at_word(help, 20).chars().count() <= 20);
        assert_eq!(cut_at_word("Supercalifragilistic", 6), "Super…");
    }
}
