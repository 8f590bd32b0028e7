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
fn places(tree: &Tree) -> HashMap<String, (Option<String>, usize, NodeId)> {
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

/// The changes from `old` to `new`.
pub fn diff(old: &Side<'_>, new: &Side<'_>, catalog: &Catalog) -> Diff {
    let mut changes = Vec::new();
    let (po, pn) = (places(old.tree), places(new.tree));
    let change = |id: &str, ty: &str, kind: ChangeKind, breaking: bool| Change {
        id: Some(id.to_string()),
        ty: Some(ty.to_string()),
        kind,
        breaking,
    };
    // Head.
    let head = |t: &Tree| {
        serde_json::json!({
            "Title": t.head.title.as_ref().map(|v| v.to_serde()),
            "Configuration": t.head.configuration.as_ref().map(|v| v.to_serde()),
        })
    };
    let (ho, hn) = (head(old.tree), head(new.tree));
    if ho != hn {
        changes.push(Change {
            id: None,
            ty: None,
            kind: ChangeKind::HeadChanged { old: ho, new: hn },
            breaking: false,
        });
    }
    // Per parent, once: the children that kept their parent but left the common order.
    let mut moved_cache: HashMap<Option<String>, HashSet<String>> = HashMap::new();
    let moved_under = |cache: &mut HashMap<Option<String>, HashSet<String>>,
                       parent: &Option<String>,
                       id: &str|
     -> bool {
        if let Some(m) = cache.get(parent) {
            return m.contains(id);
        }
        let parent_old = parent.as_deref().and_then(|p| po.get(p).map(|x| x.2));
        let parent_new = parent.as_deref().and_then(|p| pn.get(p).map(|x| x.2));
        let a: Vec<String> = child_ids(old.tree, parent_old)
            .into_iter()
            .filter(|c| {
                pn.get(c).map(|x| &x.0) == Some(parent) && po.get(c).map(|x| &x.0) == Some(parent)
            })
            .collect();
        let b: Vec<String> = child_ids(new.tree, parent_new)
            .into_iter()
            .filter(|c| {
                po.get(c).map(|x| &x.0) == Some(parent) && pn.get(c).map(|x| &x.0) == Some(parent)
            })
            .collect();
        let kept = lcs(&a, &b);
        let moved: HashSet<String> = b.into_iter().filter(|c| !kept.contains(c)).collect();
        let hit = moved.contains(id);
        cache.insert(parent.clone(), moved);
        hit
    };
    // Components in the new tree's order, then the removed ones in the old's.
    for n in new.tree.preorder() {
        let node = new.tree.get(n);
        let Some(id) = node.id.as_deref() else {
            continue;
        };
        let ty = node.ty();
        let Some((old_parent, old_index, o)) = po.get(id).cloned() else {
            let parent = pn.get(id).and_then(|p| p.0.clone());
            changes.push(change(id, ty, ChangeKind::Added { parent }, false));
            continue;
        };
        if pn.get(id).map(|p| p.2) != Some(n) {
            continue; // a later duplicate of the id
        }
        let onode = old.tree.get(o);
        if onode.ty() != ty {
            changes.push(change(
                id,
                ty,
                ChangeKind::TypeChanged {
                    old: onode.ty().to_string(),
                    new: ty.to_string(),
                },
                is_field(catalog, onode.ty()),
            ));
        }
        // Props, by key; values as JSON (formatting and key order are no change).
        for m in &onode.props {
            let old_v = m.value.to_serde();
            match node.prop(&m.key) {
                None => changes.push(change(
                    id,
                    ty,
                    ChangeKind::PropRemoved {
                        prop: m.key.to_string(),
                        old: old_v,
                    },
                    &*m.key == "Name" && is_field(catalog, ty),
                )),
                Some(v) => {
                    let new_v = v.to_serde();
                    if new_v != old_v {
                        changes.push(change(
                            id,
                            ty,
                            ChangeKind::PropChanged {
                                prop: m.key.to_string(),
                                old: old_v,
                                new: new_v,
                            },
                            &*m.key == "Name" && is_field(catalog, ty),
                        ));
                    }
                }
            }
        }
        for m in &node.props {
            if onode.prop(&m.key).is_none() {
                changes.push(change(
                    id,
                    ty,
                    ChangeKind::PropAdded {
                        prop: m.key.to_string(),
                        new: m.value.to_serde(),
                    },
                    false,
                ));
            }
        }
        let (co, cn) = (content_of(old.tree, o), content_of(new.tree, n));
        if co != cn {
            changes.push(change(
                id,
                ty,
                ChangeKind::ContentChanged { old: co, new: cn },
                false,
            ));
        }
        let conf = |t: &Tree, x: NodeId| {
            t.get(x)
                .configuration
                .as_ref()
                .map(|c| c.to_serde())
                .unwrap_or(Value::Null)
        };
        let (fo, fnew) = (conf(old.tree, o), conf(new.tree, n));
        if fo != fnew {
            changes.push(change(
                id,
                ty,
                ChangeKind::ConfigurationChanged { old: fo, new: fnew },
                false,
            ));
        }
        // Where it sits.
        let new_parent = pn.get(id).and_then(|p| p.0.clone());
        if old_parent != new_parent {
            changes.push(change(
                id,
                ty,
                ChangeKind::Reparented {
                    from: old_parent,
                    to: new_parent,
                },
                false,
            ));
        } else if moved_under(&mut moved_cache, &new_parent, id) {
            let to = pn.get(id).map_or(0, |p| p.1);
            changes.push(change(
                id,
                ty,
                ChangeKind::Moved {
                    parent: new_parent,
                    from: old_index,
                    to,
                },
                false,
            ));
        }
    }
    for o in old.tree.preorder() {
        let node = old.tree.get(o);
        let Some(id) = node.id.as_deref() else {
            continue;
        };
        if !pn.contains_key(id) && po.get(id).map(|p| p.2) == Some(o) {
            let parent = po.get(id).and_then(|p| p.0.clone());
            let breaking = is_field(catalog, node.ty()) && node.prop("Name").is_some();
            changes.push(change(
                id,
                node.ty(),
                ChangeKind::Removed { parent },
                breaking,
            ));
        }
    }
    // Actions.
    for a in old.actions {
        if !new.actions.contains(a) {
            changes.push(Change {
                id: None,
                ty: None,
                kind: ChangeKind::ActionRemoved { action: a.clone() },
                breaking: true,
            });
        }
    }
    for a in new.actions {
        if !old.actions.contains(a) {
            changes.push(Change {
                id: None,
                ty: None,
                kind: ChangeKind::ActionAdded { action: a.clone() },
                breaking: false,
            });
        }
    }
    // Inputs (the data a flow passes).
    let inputs = |t: &Tree| -> Vec<String> {
        super::schema::input_schema_of(t, catalog)
            .get("required")
            .and_then(Value::as_array)
            .map(|r| {
                r.iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    };
    let (io, inew) = (inputs(old.tree), inputs(new.tree));
    for i in &io {
        if !inew.contains(i) {
            changes.push(Change {
                id: None,
                ty: None,
                kind: ChangeKind::InputRemoved { input: i.clone() },
                breaking: true,
            });
        }
    }
    for i in &inew {
        if !io.contains(i) {
            changes.push(Change {
                id: None,
                ty: None,
                kind: ChangeKind::InputAdded { input: i.clone() },
                breaking: true,
            });
        }
    }
    let mut summary = Summary::default();
    let mut touched: HashSet<&str> = HashSet::new();
    for c in &changes {
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
    let mut ambiguous = duplicates(old.tree);
    for d in duplicates(new.tree) {
        if !ambiguous.contains(&d) {
            ambiguous.push(d);
        }
    }
    Diff {
        changes,
        summary,
        ambiguous_ids: ambiguous,
    }
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
