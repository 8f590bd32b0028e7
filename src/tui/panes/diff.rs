//! The diff pane: the buffer against another copy of the view (`$SAVED`, `$LATEST` or a
//! version of the view on the instance, a view of another environment, a file), component
//! by component, kept up to date as the buffer changes. The outline marks the components
//! that differ; a key jumps through them in the editor.

use crate::tui::cx::Cx;
use std::collections::HashMap;
use std::sync::Arc;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::tui::action::Command;
use crate::tui::component::{Component, Msg};
use crate::tui::state::Pane;
use crate::tui::theme::Role;
use crate::view::diff::{ChangeKind, Diff, Side, diff, render_text};
use crate::view::tree::Tree;

use crate::tui::action::{Command as C, CommandRow, row};

/// The commands this pane takes: its keymap context, its footer and its help section.
#[rustfmt::skip]
pub const COMMANDS: &[CommandRow] = &[
    row(C::Up, &["up"], 0),
    row(C::Down, &["down"], 0),
    row(C::Select, &["enter"], 10),
];

/// What the diff pane compares the buffer with, for the analysis to diff each new tree
/// against (off the UI task).
#[derive(Debug, Clone)]
pub struct Against {
    pub label: String,
    pub tree: Arc<Tree>,
    pub actions: Vec<String>,
}

impl Against {
    /// The diff from this side to the buffer's `tree` with its `actions`.
    pub fn diff(&self, tree: &Tree, actions: &[String]) -> Diff {
        diff_from((&self.tree, &self.actions), (tree, actions))
    }
}

/// The diff from the other side (`old`: its tree and actions) to the buffer's (`new`).
pub fn diff_from(old: (&Tree, &[String]), new: (&Tree, &[String])) -> Diff {
    diff(
        &Side {
            tree: old.0,
            actions: old.1,
        },
        &Side {
            tree: new.0,
            actions: new.1,
        },
        crate::view::Catalog::builtin(),
    )
}

/// The other side as read (off the UI task): its tree when it parses, its actions, and the
/// diff against the buffer's last tree and that tree's revision.
#[derive(Debug)]
pub struct Fetched {
    pub tree: Option<Arc<Tree>>,
    pub actions: Vec<String>,
    pub diff: Option<(Diff, u64)>,
}

/// What the buffer is compared with.
#[derive(Debug, Clone)]
pub struct Other {
    /// Where it came from: `$LATEST`, `prod:Order actions`, `old.view.json`.
    pub label: String,
    pub tree: Option<Arc<Tree>>,
    pub actions: Vec<String>,
}

#[derive(Debug, Default)]
pub struct DiffPane {
    pub other: Option<Other>,
    /// The diff of the buffer's tree at `revision` against the other side (old → new: the
    /// other side → the buffer).
    pub diff: Option<Diff>,
    pub revision: Option<u64>,
    /// Asked for and not arrived yet.
    pub pending: Option<String>,
    pub selected: usize,
    scroll: usize,
}

/// A mark per `_id` of the buffer that differs, for the outline.
pub fn marks(diff: Option<&Diff>) -> HashMap<&str, &'static str> {
    let mut out = HashMap::new();
    for c in diff.iter().flat_map(|d| &d.changes) {
        let Some(id) = c.id.as_deref() else { continue };
        let mark = match c.kind {
            ChangeKind::Added { .. } => "+",
            ChangeKind::Removed { .. } => continue,
            ChangeKind::Moved { .. } => "⇆",
            ChangeKind::Reparented { .. } => "↳",
            _ => "±",
        };
        out.entry(id).or_insert(mark);
    }
    out
}

impl DiffPane {
    pub fn shown(&self) -> bool {
        self.other.is_some() || self.pending.is_some()
    }

    /// The other side arrived, with its diff against the buffer's last tree.
    pub fn set(&mut self, label: String, fetched: Fetched) {
        self.other = Some(Other {
            label,
            tree: fetched.tree,
            actions: fetched.actions,
        });
        self.pending = None;
        self.selected = 0;
        (self.diff, self.revision) = match fetched.diff {
            Some((d, r)) => (Some(d), Some(r)),
            None => (None, None),
        };
    }

    pub fn close(&mut self) {
        *self = DiffPane::default();
    }

    /// What the analysis diffs each new tree against, while comparing.
    pub fn against(&self) -> Option<Against> {
        let other = self.other.as_ref()?;
        Some(Against {
            label: other.label.clone(),
            tree: other.tree.clone()?,
            actions: other.actions.clone(),
        })
    }

    /// The analysis' diff of the tree of `revision`, if it is against what is compared now.
    pub fn analysed(&mut self, label: &str, diff: Diff, revision: u64) {
        if self.other.as_ref().is_none_or(|o| o.label != label) {
            return;
        }
        let n = diff.changes.len();
        self.diff = Some(diff);
        self.revision = Some(revision);
        self.selected = self.selected.min(n.saturating_sub(1));
    }

    /// The offsets in the buffer's text of the components that differ, in text order.
    pub fn places(&self, tree: &Tree) -> Vec<(usize, usize)> {
        let mut out: Vec<(usize, usize)> = self
            .diff
            .iter()
            .flat_map(|d| d.changes.iter().enumerate())
            .filter_map(|(i, c)| {
                let n = tree.by_id(c.id.as_deref()?)?;
                Some((tree.get(n).span.start, i))
            })
            .collect();
        out.sort();
        out.dedup_by_key(|p| p.0);
        out
    }

    fn jump(&mut self, app: &Cx, out: &mut Vec<Msg>) {
        let Some(tree) = app.validation.tree.as_ref() else {
            return;
        };
        let Some(change) = self
            .diff
            .as_ref()
            .and_then(|d| d.changes.get(self.selected))
        else {
            return;
        };
        match change.id.as_deref().and_then(|id| tree.by_id(id)) {
            Some(n) => out.push(Msg::RevealOffset(tree.get(n).span.start)),
            None => out.push(Msg::Notice(
                "that change is not in the buffer (removed, or the view's actions)".into(),
                crate::view::Severity::Note,
            )),
        }
    }
}

impl Component for DiffPane {
    fn pane(&self) -> Pane {
        Pane::Diff
    }

    fn command(&mut self, command: Command, app: &Cx, out: &mut Vec<Msg>) -> bool {
        let n = self.diff.as_ref().map_or(0, |d| d.changes.len());
        match command {
            Command::Up => self.selected = self.selected.saturating_sub(1),
            Command::Down => self.selected = (self.selected + 1).min(n.saturating_sub(1)),
            Command::Select => self.jump(app, out),
            Command::Cancel => {
                self.close();
                out.push(Msg::Focus(Pane::Editor));
            }
            _ => return false,
        }
        true
    }

    /// Keeps the selected change in view of `area`, with a row after it.
    fn fit(&mut self, area: Rect, _app: &Cx) {
        let height = area.height.saturating_sub(2) as usize;
        if self.selected < self.scroll {
            self.scroll = self.selected;
        } else if height > 0 && self.selected >= self.scroll + height.saturating_sub(1) {
            self.scroll = self.selected + 2 - height.min(self.selected + 2);
        }
    }

    fn render(&self, frame: &mut Frame, area: Rect, app: &Cx) {
        let t = &app.theme;
        let label = self
            .other
            .as_ref()
            .map(|o| o.label.clone())
            .or_else(|| self.pending.clone())
            .unwrap_or_default();
        let title = match &self.diff {
            Some(d) if !d.is_empty() => format!("Diff · {label} → buffer ({})", d.changes.len()),
            _ => format!("Diff · {label} → buffer"),
        };
        let block = crate::tui::panes::pane_block(app, title, Some(Pane::Diff));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let lines: Vec<Line> = match (&self.other, &self.diff) {
            (None, _) => vec![Line::styled(
                format!("reading {label}…"),
                t.style(Role::Muted),
            )],
            (Some(o), _) if o.tree.is_none() => vec![Line::styled(
                format!("{label} is not a template that parses: nothing to compare"),
                t.style(Role::Error),
            )],
            (Some(_), None) => vec![Line::styled(
                "the buffer does not parse yet",
                t.style(Role::Muted),
            )],
            (Some(_), Some(d)) => {
                let text = render_text(d);
                let rows: Vec<&str> = text.lines().collect();
                rows.iter()
                    .enumerate()
                    .skip(self.scroll)
                    .map(|(i, r)| {
                        let breaking = d.changes.get(i).is_some_and(|c| c.breaking);
                        let mut style = if i >= d.changes.len() {
                            t.style(Role::Muted)
                        } else if breaking {
                            t.style(Role::Error)
                        } else {
                            ratatui::style::Style::default()
                        };
                        if i == self.selected && i < d.changes.len() {
                            style = style.add_modifier(Modifier::REVERSED);
                        }
                        Line::from(Span::styled(r.to_string(), style))
                    })
                    .collect()
            }
        };
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
    }
}
