//! Component-level diff of two views: components matched by `_id` across the whole tree;
//! added, removed, type and props changed (old → new), Content text changed, moved among
//! siblings (only those off the longest common order, so one move is one change), moved to
//! another parent; Actions added and removed; and the changes that break the flows using
//! the view marked: an action removed (a Show view branch), a `$.` input added or removed
//! (the data a flow passes), a field's `Name` changed or removed (what a flow reads from
//! ViewResultData). Formatting and key order are no change: values compare as JSON.

use std::collections::{HashMap, HashSet};

use serde::Serialize;
use serde_json::Value;

use super::catalog::Catalog;
use super::tree::{Item, NodeId, Tree};

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ChangeKind {
    Added {
        parent: Option<String>,
    },
    Removed {
        parent: Option<String>,
    },
    TypeChanged {
        old: String,
        new: String,
    },
    PropAdded {
        prop: String,
        new: Value,
    },
    PropRemoved {
        prop: String,
        old: Value,
    },
    PropChanged {
        prop: String,
        old: Value,
        new: Value,
    },
    ContentChanged {
        old: Vec<Value>,
        new: Vec<Value>,
    },
    ConfigurationChanged {
        old: Value,
        new: Value,
    },
    /// Among the same parent's children (None: Body).
    Moved {
        parent: Option<String>,
        from: usize,
        to: usize,
    },
    Reparented {
        from: Option<String>,
        to: Option<String>,
    },
    ActionAdded {
        action: String,
    },
    ActionRemoved {
        action: String,
    },
    InputAdded {
        input: String,
    },
    InputRemoved {
        input: String,
    },
    HeadChanged {
        old: Value,
        new: Value,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// The component's `_id` (none for view-wide changes).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub ty: Option<String>,
    #[serde(flatten)]
    pub kind: ChangeKind,
    /// It breaks the flows that use the view.
    pub breaking: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Summary {
    pub added: usize,
    pub removed: usize,
    pub changed: usize,
    pub moved: usize,
    pub actions: usize,
    pub inputs: usize,
    pub breaking: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Diff {
    pub changes: Vec<Change>,
    pub summary: Summary,
    /// `_id`s used more than once on a side (matched by their first use).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ambiguous_ids: Vec<String>,
}

impl Diff {
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }
}

/// One side: its tree and its actions.
pub struct Side<'a> {
    pub tree: &'a Tree,
    pub actions: &'a [String],
}

/// Where each component sits: its parent's `_id` and its index among the parent's child
/// components.
fn places(tree: &Tree) -> Places {
    let mut out = HashMap::new();
    let id_of = |n: NodeId| tree.get(n).id.as_deref().map(str::to_string);
    for (i, &n) in tree.body.iter().enumerate() {
        if let Some(id) = id_of(n) {
            out.entry(id).or_insert((None, i, n));
        }
    }
    for n in tree.preorder() {
        for (i, c) in tree.children(n).enumerate() {
            if let Some(id) = id_of(c) {
                out.entry(id).or_insert((id_of(n), i, c));
            }
        }
    }
    out
}

fn duplicates(tree: &Tree) -> Vec<String> {
    let mut seen = HashSet::new();
    let mut dup = Vec::new();
    for n in tree.preorder() {
        if let Some(id) = tree.get(n).id.as_deref()
            && !seen.insert(id.to_string())
            && !dup.iter().any(|d| d == id)
        {
            dup.push(id.to_string());
        }
    }
    dup
}

/// The children's `_id`s in order.
fn child_ids(tree: &Tree, parent: Option<NodeId>) -> Vec<String> {
    let kids: Vec<NodeId> = match parent {
        None => tree.body.clone(),
        Some(p) => tree.children(p).collect(),
    };
    kids.iter()
        .filter_map(|&k| tree.get(k).id.as_deref().map(str::to_string))
        .collect()
}

/// The table of longest common subsequence lengths of every pair of suffixes of `a`, `b`.
pub fn lcs_table<T: PartialEq>(a: &[T], b: &[T]) -> Vec<Vec<u32>> {
    let (n, m) = (a.len(), b.len());
    let mut t = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            t[i][j] = if a[i] == b[j] {
                t[i + 1][j + 1] + 1
            } else {
                t[i + 1][j].max(t[i][j + 1])
            };
        }
    }
    t
}

/// The longest common subsequence of two id lists (the ones that kept their order).
fn lcs(a: &[String], b: &[String]) -> HashSet<String> {
    let (n, m) = (a.len(), b.len());
    let t = lcs_table(a, b);
    let (mut i, mut j) = (0, 0);
    let mut out = HashSet::new();
    while i < n && j < m {
        if a[i] == b[j] {
            out.insert(a[i].clone());
            i += 1;
            j += 1;
        } else if t[i + 1][j] >= t[i][j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

fn content_of(tree: &Tree, n: NodeId) -> Vec<Value> {
    tree.get(n)
        .content
        .iter()
        .filter_map(|i| match i {
            Item::Text(s) | Item::Other(s) => Some(s.to_serde()),
            Item::Node(_) => None,
        })
        .collect()
}

fn is_field(catalog: &Catalog, ty: &str) -> bool {
    catalog.component(ty).is_some_and(|c| c.field)
}

/// Where each component of a tree sits (see [`places`]).
type Places = HashMap<String, (Option<String>, usize, NodeId)>;

/// The two sides' trees and places, and what the comparison has found so far.
struct Walk<'a> {
    old: &'a Tree,
    new: &'a Tree,
    po: Places,
    pn: Places,
    catalog: &'a Catalog,
    /// Per parent, once: the children that kept their parent but left the common order.
    moved: HashMap<Option<String>, HashSet<String>>,
    changes: Vec<Change>,
}

impl Walk<'_> {
    fn push(&mut self, id: &str, ty: &str, kind: ChangeKind, breaking: bool) {
        self.changes.push(Change {
            id: Some(id.to_string()),
            ty: Some(ty.to_string()),
            kind,
            breaking,
        });
    }

    fn view_wide(&mut self, kind: ChangeKind, breaking: bool) {
        self.changes.push(Change {
            id: None,
            ty: None,
            kind,
            breaking,
        });
    }

    /// Whether `id`, under the same parent on both sides, left the parent's common order.
    fn moved_under(&mut self, parent: &Option<String>, id: &str) -> bool {
        if let Some(m) = self.moved.get(parent) {
            return m.contains(id);
        }
        let (po, pn) = (&self.po, &self.pn);
        let stays = |c: &String| {
            pn.get(c).map(|x| &x.0) == Some(parent) && po.get(c).map(|x| &x.0) == Some(parent)
        };
        let parent_old = parent.as_deref().and_then(|p| po.get(p).map(|x| x.2));
        let parent_new = parent.as_deref().and_then(|p| pn.get(p).map(|x| x.2));
        let a: Vec<String> = child_ids(self.old, parent_old)
            .into_iter()
            .filter(stays)
            .collect();
        let b: Vec<String> = child_ids(self.new, parent_new)
            .into_iter()
            .filter(stays)
            .collect();
        let kept = lcs(&a, &b);
        let moved: HashSet<String> = b.into_iter().filter(|c| !kept.contains(c)).collect();
        let hit = moved.contains(id);
        self.moved.insert(parent.clone(), moved);
        hit
    }

    /// `Head`'s title and configuration, as JSON.
    fn head(&mut self) {
        let head = |t: &Tree| {
            serde_json::json!({
                "Title": t.head.title.as_ref().map(|v| v.to_serde()),
                "Configuration": t.head.configuration.as_ref().map(|v| v.to_serde()),
            })
        };
        let (ho, hn) = (head(self.old), head(self.new));
        if ho != hn {
            self.view_wide(ChangeKind::HeadChanged { old: ho, new: hn }, false);
        }
    }

    /// A component of the new tree: added, or each way it differs from its old self.
    fn component(&mut self, n: NodeId) {
        let new = self.new;
        let node = new.get(n);
        let Some(id) = node.id.as_deref() else {
            return;
        };
        let ty = node.ty();
        let Some((old_parent, old_index, o)) = self.po.get(id).cloned() else {
            let parent = self.pn.get(id).and_then(|p| p.0.clone());
            self.push(id, ty, ChangeKind::Added { parent }, false);
            return;
        };
        if self.pn.get(id).map(|p| p.2) != Some(n) {
            return; // a later duplicate of the id
        }
        let onode = self.old.get(o);
        if onode.ty() != ty {
            let kind = ChangeKind::TypeChanged {
                old: onode.ty().to_string(),
                new: ty.to_string(),
            };
            let breaking = is_field(self.catalog, onode.ty());
            self.push(id, ty, kind, breaking);
        }
        self.props(id, o, n);
        self.content_and_configuration(id, o, n);
        self.place(id, ty, (old_parent, old_index));
    }

    /// Props, by key; values as JSON (formatting and key order are no change).
    fn props(&mut self, id: &str, o: NodeId, n: NodeId) {
        let (onode, node) = (self.old.get(o), self.new.get(n));
        let ty = node.ty();
        let name_of_field = |key: &str| key == "Name" && is_field(self.catalog, ty);
        let mut found = Vec::new();
        for m in &onode.props {
            let old = m.value.to_serde();
            let prop = m.key.to_string();
            match node.prop(&m.key) {
                None => found.push((ChangeKind::PropRemoved { prop, old }, name_of_field(&m.key))),
                Some(v) if v.to_serde() != old => {
                    let new = v.to_serde();
                    let kind = ChangeKind::PropChanged { prop, old, new };
                    found.push((kind, name_of_field(&m.key)));
                }
                Some(_) => {}
            }
        }
        for m in node.props.iter().filter(|m| onode.prop(&m.key).is_none()) {
            let (prop, new) = (m.key.to_string(), m.value.to_serde());
            found.push((ChangeKind::PropAdded { prop, new }, false));
        }
        for (kind, breaking) in found {
            self.push(id, ty, kind, breaking);
        }
    }

    /// The component's text content and its `Configuration`.
    fn content_and_configuration(&mut self, id: &str, o: NodeId, n: NodeId) {
        let ty = self.new.get(n).ty().to_string();
        let (co, cn) = (content_of(self.old, o), content_of(self.new, n));
        if co != cn {
            self.push(
                id,
                &ty,
                ChangeKind::ContentChanged { old: co, new: cn },
                false,
            );
        }
        let conf = |t: &Tree, x: NodeId| {
            t.get(x)
                .configuration
                .as_ref()
                .map(|c| c.to_serde())
                .unwrap_or(Value::Null)
        };
        let (fo, fnew) = (conf(self.old, o), conf(self.new, n));
        if fo != fnew {
            let kind = ChangeKind::ConfigurationChanged { old: fo, new: fnew };
            self.push(id, &ty, kind, false);
        }
    }

    /// Where it sits: another parent, or out of its parent's common order.
    fn place(&mut self, id: &str, ty: &str, (old_parent, old_index): (Option<String>, usize)) {
        let new_parent = self.pn.get(id).and_then(|p| p.0.clone());
        if old_parent != new_parent {
            let kind = ChangeKind::Reparented {
                from: old_parent,
                to: new_parent,
            };
            self.push(id, ty, kind, false);
        } else if self.moved_under(&new_parent, id) {
            let to = self.pn.get(id).map_or(0, |p| p.1);
            let kind = ChangeKind::Moved {
                parent: new_parent,
                from: old_index,
                to,
            };
            self.push(id, ty, kind, false);
        }
    }

    /// The components of the old tree the new one lacks, in the old's order.
    fn removed(&mut self) {
        let old = self.old;
        for o in old.preorder() {
            let node = old.get(o);
            let Some(id) = node.id.as_deref() else {
                continue;
            };
            if !self.pn.contains_key(id) && self.po.get(id).map(|p| p.2) == Some(o) {
                let parent = self.po.get(id).and_then(|p| p.0.clone());
                let breaking = is_field(self.catalog, node.ty()) && node.prop("Name").is_some();
                self.push(id, node.ty(), ChangeKind::Removed { parent }, breaking);
            }
        }
    }

    /// The view's actions, then its inputs (the data a flow passes).
    fn actions_and_inputs(&mut self, old: &[String], new: &[String]) {
        for a in old.iter().filter(|a| !new.contains(a)) {
            self.view_wide(ChangeKind::ActionRemoved { action: a.clone() }, true);
        }
        for a in new.iter().filter(|a| !old.contains(a)) {
            self.view_wide(ChangeKind::ActionAdded { action: a.clone() }, false);
        }
        let inputs = |t: &Tree| -> Vec<String> {
            super::schema::input_schema_of(t, self.catalog)
                .get("required")
                .and_then(Value::as_array)
                .map(|r| {
                    r.iter()
                        .filter_map(|v| v.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default()
        };
        let (io, inew) = (inputs(self.old), inputs(self.new));
        for i in io.iter().filter(|i| !inew.contains(i)) {
            self.view_wide(ChangeKind::InputRemoved { input: i.clone() }, true);
        }
        for i in inew.iter().filter(|i| !io.contains(i)) {
            self.view_wide(ChangeKind::InputAdded { input: i.clone() }, true);
        }
    }
}

/// The changes from `old` to `new`: `Head`; the components in the new tree's order, then the
/// removed ones in the old's; the actions; the inputs.
pub fn diff(old: &Side<'_>, new: &Side<'_>, catalog: &Catalog) -> Diff {
    let mut walk = Walk {
        old: old.tree,
        new: new.tree,
        po: places(old.tree),
        pn: places(new.tree),
        catalog,
        moved: HashMap::new(),
        changes: Vec::new(),
    };
    walk.head();
    for n in new.tree.preorder() {
        walk.component(n);
    }
    walk.removed();
    walk.actions_and_inputs(old.actions, new.actions);
    let changes = walk.changes;
    let mut ambiguous = duplicates(old.tree);
    for d in duplicates(new.tree) {
        if !ambiguous.contains(&d) {
            ambiguous.push(d);
        }
    }
    Diff {
        summary: summarize(&changes),
        changes,
        ambiguous_ids: ambiguous,
    }
}

/// The counts of a list of changes: a component changed in several ways counts once.
fn summarize(changes: &[Change]) -> Summary {
    let mut summary = Summary::default();
    let mut touched: HashSet<&str> = HashSet::new();
    for c in changes {
        match &c.kind {
            ChangeKind::Added { .. } => summary.added += 1,
            ChangeKind::Removed { .. } => summary.removed += 1,
            ChangeKind::Moved { .. } | ChangeKind::Reparented { .. } => summary.moved += 1,
            ChangeKind::ActionAdded { .. } | ChangeKind::ActionRemoved { .. } => {
                summary.actions += 1
            }
            ChangeKind::InputAdded { .. } | ChangeKind::InputRemoved { .. } => summary.inputs += 1,
            _ => {
                if let Some(id) = c.id.as_deref()
                    && touched.insert(id)
                {
                    summary.changed += 1;
                }
            }
        }
        if c.breaking {
            summary.breaking += 1;
        }
    }
    summary
}

fn short(v: &Value) -> String {
    let s = serde_json::to_string(v).unwrap_or_default();
    if s.chars().count() > 60 {
        format!("{}…", s.chars().take(59).collect::<String>())
    } else {
        s
    }
}

fn parent_name(p: &Option<String>) -> String {
    p.clone().unwrap_or_else(|| "Body".into())
}

/// The diff as text, a line per change grouped by component, and a summary line.
pub fn render_text(d: &Diff) -> String {
    let mut out = String::new();
    for c in &d.changes {
        let who = match (&c.ty, &c.id) {
            (Some(t), Some(i)) => format!("{t} {i}: "),
            _ => String::new(),
        };
        let what = match &c.kind {
            ChangeKind::Added { parent } => format!("added in {}", parent_name(parent)),
            ChangeKind::Removed { parent } => format!("removed from {}", parent_name(parent)),
            ChangeKind::TypeChanged { old, new } => format!("Type {old} → {new}"),
            ChangeKind::PropAdded { prop, new } => format!("{prop} added: {}", short(new)),
            ChangeKind::PropRemoved { prop, old } => format!("{prop} removed (was {})", short(old)),
            ChangeKind::PropChanged { prop, old, new } => {
                format!("{prop} {} → {}", short(old), short(new))
            }
            ChangeKind::ContentChanged { old, new } => format!(
                "Content {} → {}",
                short(&Value::Array(old.clone())),
                short(&Value::Array(new.clone()))
            ),
            ChangeKind::ConfigurationChanged { old, new } => {
                format!("Configuration {} → {}", short(old), short(new))
            }
            ChangeKind::Moved { parent, from, to } => format!(
                "moved in {} from position {} to {}",
                parent_name(parent),
                from + 1,
                to + 1
            ),
            ChangeKind::Reparented { from, to } => {
                format!("moved from {} to {}", parent_name(from), parent_name(to))
            }
            ChangeKind::ActionAdded { action } => format!("action {action} added"),
            ChangeKind::ActionRemoved { action } => {
                format!("action {action} removed (a Show view branch goes)")
            }
            ChangeKind::InputAdded { input } => {
                format!("input $.{input} added (flows must pass it)")
            }
            ChangeKind::InputRemoved { input } => format!("input $.{input} removed"),
            ChangeKind::HeadChanged { old, new } => format!("Head {} → {}", short(old), short(new)),
        };
        let mark = if c.breaking { "  [breaking]" } else { "" };
        out.push_str(&format!("{who}{what}{mark}\n"));
    }
    let s = &d.summary;
    if d.is_empty() {
        out.push_str("no change\n");
    } else {
        out.push_str(&format!(
            "{} added, {} removed, {} changed, {} moved; {} action and {} input change{}; {} breaking\n",
            s.added,
            s.removed,
            s.changed,
            s.moved,
            s.actions,
            s.inputs,
            if s.actions + s.inputs == 1 { "" } else { "s" },
            s.breaking
        ));
    }
    if !d.ambiguous_ids.is_empty() {
        out.push_str(&format!(
            "note: _ids used more than once were matched by their first use: {}\n",
            d.ambiguous_ids.join(", ")
        ));
    }
    out
}
