//! The outline pane: the component tree (Type, `_id`, a short label), in step with the
//! editor's cursor both ways. The selected row *is* the component under the cursor: moving
//! in the outline moves the cursor, and typing in the editor moves the selection. Tree
//! operations (move among siblings, nest, unnest, delete, duplicate, copy, cut, paste,
//! rename) become one [`Edit`](crate::view::edit::Edit) each, one undo step; they are
//! refused while the text does not parse, and the outline then shows the last good tree,
//! marked stale.

mod draw;

use crate::tui::cx::Cx;
use std::collections::HashSet;
use std::sync::Arc;

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::tui::action::Command;
use crate::tui::component::{Component, Msg};
use crate::tui::state::{Pane, Prompt, Tab};
use crate::view::edit::{self, Place};
use crate::view::tree::{Item, NodeId, Tree};
use crate::view::{Code, Severity};

use crate::tui::action::{Command as C, CommandRow, row};

/// The commands this pane takes: its keymap context, its footer and its help section.
#[rustfmt::skip]
pub const COMMANDS: &[CommandRow] = &[
    row(C::Undo, &["ctrl-z", "u"], 10),
    row(C::Redo, &["ctrl-y"], 0),
    row(C::Up, &["up", "k"], 0),
    row(C::Down, &["down", "j"], 0),
    row(C::Select, &["enter"], 10),
    row(C::Left, &["left", "h"], 0),
    row(C::Right, &["right", "l"], 0),
    row(C::Fold, &["space"], 0),
    row(C::MoveComponentUp, &["alt-up", "K"], 11),
    row(C::MoveComponentDown, &["alt-down", "J"], 0),
    row(C::Nest, &["alt-right", "L"], 12),
    row(C::Unnest, &["alt-left", "H"], 13),
    row(C::DeleteComponent, &["d", "delete"], 14),
    row(C::CopyComponent, &["y"], 15),
    row(C::CutComponent, &["x"], 0),
    row(C::PasteComponent, &["p"], 16),
    row(C::DuplicateComponent, &["c"], 17),
    row(C::RenameComponent, &["r"], 18),
    row(C::RenameField, &["n"], 19),
];

/// One row of the outline.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub node: NodeId,
    pub depth: usize,
    pub has_children: bool,
    pub collapsed: bool,
}

#[derive(Debug, Default)]
pub struct OutlinePane {
    /// Shown by F10.
    pub shown: bool,
    /// Components folded, by `_id` (so folding survives edits that move them).
    pub collapsed: HashSet<Box<str>>,
    /// The first row on screen.
    pub scroll: usize,
    /// A copied or cut subtree, its text as if at column 0.
    pub clipboard: Option<String>,
    /// The rows, for the tree they were made from and the folding version.
    cache: Option<(usize, u64, Arc<Vec<Row>>)>,
    fold_version: u64,
}

impl OutlinePane {
    /// The rows [`OutlinePane::rows`] kept for `tree`, or made afresh.
    pub fn rows_seen(&self, tree: &Arc<Tree>) -> Arc<Vec<Row>> {
        match &self.cache {
            Some((k, v, rows)) if *k == Arc::as_ptr(tree) as usize && *v == self.fold_version => {
                rows.clone()
            }
            _ => Arc::new(rows_of(tree, &self.collapsed)),
        }
    }

    /// The rows of `tree` as folded (kept until the tree or the folds change).
    pub fn rows(&mut self, tree: &Arc<Tree>) -> Arc<Vec<Row>> {
        let key = Arc::as_ptr(tree) as usize;
        if let Some((k, v, rows)) = &self.cache
            && *k == key
            && *v == self.fold_version
        {
            return rows.clone();
        }
        let rows = Arc::new(rows_of(tree, &self.collapsed));
        self.cache = Some((key, self.fold_version, rows.clone()));
        rows
    }

    fn toggle_fold(&mut self, tree: &Tree, node: NodeId, fold: Option<bool>) -> bool {
        let Some(id) = tree.get(node).id.clone() else {
            return false;
        };
        if tree.children(node).next().is_none() {
            return false;
        }
        let folded = self.collapsed.contains(&id);
        let want = fold.unwrap_or(!folded);
        if want == folded {
            return false;
        }
        if want {
            self.collapsed.insert(id);
        } else {
            self.collapsed.remove(&id);
        }
        self.fold_version += 1;
        true
    }
}

/// The visible rows: every component in document order, children of folded ones left out.
pub fn rows_of(tree: &Tree, collapsed: &HashSet<Box<str>>) -> Vec<Row> {
    let mut out = Vec::with_capacity(tree.node_count());
    let mut stack: Vec<(NodeId, usize)> = tree.body.iter().rev().map(|&n| (n, 0)).collect();
    while let Some((n, depth)) = stack.pop() {
        let node = tree.get(n);
        let has_children = node.content.iter().any(|i| matches!(i, Item::Node(_)));
        let folded = has_children && node.id.as_ref().is_some_and(|id| collapsed.contains(id));
        out.push(Row {
            node: n,
            depth,
            has_children,
            collapsed: folded,
        });
        if !folded {
            let kids: Vec<NodeId> = tree.children(n).collect();
            stack.extend(kids.into_iter().rev().map(|k| (k, depth + 1)));
        }
    }
    out
}

/// A short label for a component: its Label, Heading, Name or text.
pub fn label(tree: &Tree, node: NodeId) -> String {
    let n = tree.get(node);
    let text = ["Label", "Heading", "Title", "Name", "Action"]
        .iter()
        .find_map(|p| n.prop(p).and_then(|v| v.as_str()).map(str::to_string))
        .unwrap_or_else(|| n.text());
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() > 40 {
        let cut: String = text.chars().take(39).collect();
        format!("{cut}…")
    } else {
        text
    }
}

/// The byte offset of the editor's cursor in the template (None on the data tab).
pub fn cursor_offset(app: &Cx) -> Option<usize> {
    if app.doc.tab != Tab::Template {
        return None;
    }
    Some(app.doc.editor.cursor_offset())
}

/// The component the outline has selected: the one under the cursor, or the folded
/// component hiding it.
pub fn selected(app: &Cx, tree: &Tree, collapsed: &HashSet<Box<str>>) -> Option<NodeId> {
    let at = tree.node_at(cursor_offset(app)?)?;
    let path = tree.ancestry(at);
    let hidden_by = path.iter().find(|&&n| {
        tree.get(n)
            .id
            .as_ref()
            .is_some_and(|id| collapsed.contains(id))
            && n != at
    });
    Some(hidden_by.copied().unwrap_or(at))
}

/// The tree a structural edit may use: the text's own (none while the text does not parse
/// or its tree is not made yet), or why not.
pub fn current_tree(app: &Cx) -> Result<Arc<Tree>, String> {
    let v = &app.validation;
    match &v.tree {
        Some(tree) if v.tree_revision == Some(app.doc.changes) => Ok(tree.clone()),
        _ if v.revision == Some(app.doc.changes) => {
            let at = v
                .diagnostics
                .iter()
                .find(|d| d.code == Code::Syntax)
                .and_then(|d| d.location.as_ref())
                .map(|l| format!(" (at {}:{})", l.start.line, l.start.column))
                .unwrap_or_default();
            Err(format!(
                "the template does not parse{at}: tree operations wait until it does (the outline shows the last tree that did)"
            ))
        }
        _ => Err("the outline is catching up with the text: try again in a moment".into()),
    }
}

/// The tree a command works on: moving and folding on the last good tree, edits on the
/// text's own.
fn tree_for(app: &Cx, command: Command) -> Result<Arc<Tree>, String> {
    use Command as C;
    match (&app.validation.tree, command) {
        (
            Some(t),
            C::Up | C::Down | C::Left | C::Right | C::Select | C::Fold | C::CopyComponent,
        ) => Ok(t.clone()),
        _ => current_tree(app),
    }
}

/// Renames the selected component's `_id`, or (`field`) its `Name` and what reads it.
fn rename(field: bool, current: String) -> Prompt {
    let title = if field {
        "Rename the field (its Name and the conditions reading it)"
    } else {
        "Rename the component's _id"
    };
    Prompt::new(title, current, move |app, input| {
        let tree = current_tree(app)?;
        let node = selected(app, &tree, app.folds)
            .ok_or_else(|| "no component is selected".to_string())?;
        let text = app.doc.template_editor().text();
        let edit = if field {
            edit::rename_field(&text, &tree, node, input)
        } else {
            edit::rename_id(&text, &tree, node, input)
        }?;
        Ok(vec![Msg::Edit(edit)])
    })
}

impl Component for OutlinePane {
    fn pane(&self) -> Pane {
        Pane::Outline
    }

    fn command(&mut self, command: Command, app: &Cx, out: &mut Vec<Msg>) -> bool {
        use Command as C;
        // Its own commands; undo and redo are the document's, bound here too.
        if !command.belongs_to(Pane::Outline.context()) || matches!(command, C::Undo | C::Redo) {
            return false;
        }
        let text = app.doc.template_editor().text();
        let tree = match tree_for(app, command) {
            Ok(t) => t,
            Err(why) => {
                out.push(Msg::Notice(why, Severity::Warning));
                return true;
            }
        };
        let rows = self.rows(&tree);
        let sel = selected(app, &tree, &self.collapsed);
        let i = sel.and_then(|s| rows.iter().position(|r| r.node == s));
        let go = |n: NodeId, out: &mut Vec<Msg>| out.push(Msg::MoveCursor(tree.get(n).span.start));
        let edit = |result: Result<edit::Edit, String>, out: &mut Vec<Msg>| match result {
            Ok(e) => out.push(Msg::Edit(e)),
            Err(why) => out.push(Msg::Notice(why, Severity::Warning)),
        };
        let Some(node) = sel.or_else(|| rows.first().map(|r| r.node)) else {
            if command == C::PasteComponent
                && let Some(snippet) = &self.clipboard
            {
                edit(paste(&text, &tree, Place::BodyEnd, snippet), out);
            } else {
                out.push(Msg::Notice(
                    "the template has no components yet (Ctrl-O inserts one)".into(),
                    Severity::Warning,
                ));
            }
            return true;
        };
        if matches!(
            command,
            C::CopyComponent | C::CutComponent | C::PasteComponent
        ) {
            self.clipboard_command(command, &text, &tree, node, out);
            return true;
        }
        match command {
            C::Up | C::Down => {
                let next = match (i, command) {
                    (None, _) => rows.first(),
                    (Some(i), C::Up) => rows.get(i.saturating_sub(1)),
                    (Some(i), _) => rows.get((i + 1).min(rows.len() - 1)),
                };
                if let Some(r) = next {
                    go(r.node, out);
                }
            }
            C::Left => {
                // Fold, or go to the parent.
                if !self.toggle_fold(&tree, node, Some(true))
                    && let Some(p) = tree.get(node).parent
                {
                    go(p, out);
                }
            }
            C::Right => {
                // Unfold, or go to the first child.
                if !self.toggle_fold(&tree, node, Some(false))
                    && let Some(c) = tree.children(node).next()
                {
                    go(c, out);
                }
            }
            C::Fold => {
                self.toggle_fold(&tree, node, None);
            }
            C::Select => out.push(Msg::RevealOffset(tree.get(node).span.start)),
            C::MoveComponentUp | C::MoveComponentDown => edit(
                edit::move_sibling(&text, &tree, node, command == C::MoveComponentUp),
                out,
            ),
            C::Nest => edit(edit::nest(&text, &tree, node), out),
            C::Unnest => edit(edit::unnest(&text, &tree, node), out),
            C::DeleteComponent => edit(edit::delete(&text, &tree, node), out),
            C::DuplicateComponent => edit(edit::duplicate(&text, &tree, node), out),
            C::RenameField => match tree.get(node).prop("Name").and_then(|n| n.as_str()) {
                Some(name) => out.push(rename(true, name.to_string()).open()),
                None => out.push(Msg::Notice(
                    format!(
                        "{} has no Name to rename",
                        tree.get(node).id.as_deref().unwrap_or(tree.get(node).ty())
                    ),
                    Severity::Warning,
                )),
            },
            C::RenameComponent => {
                let current = tree.get(node).id.clone().unwrap_or_default();
                out.push(rename(false, current.to_string()).open());
            }
            _ => {}
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

impl OutlinePane {
    /// `y` copies the selected component, `x` cuts it, `p` pastes what was copied after it
    /// (with fresh `_id`s).
    fn clipboard_command(
        &mut self,
        command: Command,
        text: &str,
        tree: &Tree,
        node: NodeId,
        out: &mut Vec<Msg>,
    ) {
        let edit = |result: Result<edit::Edit, String>, out: &mut Vec<Msg>| match result {
            Ok(e) => out.push(Msg::Edit(e)),
            Err(why) => out.push(Msg::Notice(why, Severity::Warning)),
        };
        if command == Command::PasteComponent {
            return match &self.clipboard {
                // What it raises joins the view's Actions with it.
                Some(snippet) => match paste(text, tree, Place::After(node), snippet) {
                    Ok(e) => out.push(Msg::Insert(e, edit::raised_by(snippet))),
                    Err(why) => out.push(Msg::Notice(why, Severity::Warning)),
                },
                None => out.push(Msg::Notice(
                    "nothing copied yet (y copies the selected component, x cuts it)".into(),
                    Severity::Warning,
                )),
            };
        }
        let snippet = edit::subtree_text(text, tree, node);
        out.push(Msg::Effect(crate::tui::effect::Effect::Copy(
            snippet.clone(),
        )));
        self.clipboard = Some(snippet);
        if command == Command::CutComponent {
            edit(edit::delete(text, tree, node), out);
        } else {
            out.push(Msg::Notice(
                format!(
                    "copied {} (p pastes it after the selected component, with fresh _ids)",
                    tree.get(node).id.as_deref().unwrap_or(tree.get(node).ty())
                ),
                Severity::Note,
            ));
        }
    }
}

/// A copied subtree pasted at `place`, with fresh `_id`s for this template.
pub fn paste(text: &str, tree: &Tree, place: Place, snippet: &str) -> Result<edit::Edit, String> {
    let wrapper = format!("{{\"Body\": [\n{snippet}\n]}}");
    let copied = Tree::parse(&wrapper).ok_or("what was copied is not a component any more")?;
    let &root = copied
        .body
        .first()
        .ok_or("what was copied is not a component")?;
    let mut ids = edit::Ids::new(tree);
    let fresh = edit::copy_with_fresh_ids(&wrapper, &copied, root, &mut ids);
    let label = format!(
        "paste {}",
        copied
            .get(root)
            .id
            .as_deref()
            .unwrap_or(copied.get(root).ty())
    );
    edit::insert(text, tree, place, &fresh, label)
}
