//! Structural edits of a template as text edits. The text stays the one source of truth:
//! every operation on the component tree (move, nest, unnest, delete, duplicate, insert,
//! rename an `_id`) becomes one [`Edit`] of one byte range, and the text outside that
//! range is left byte for byte as it was (architecture 3 of
//! `../shared/diff-tree-promote.md` §2.4). The tree is re-derived from the new text.
//!
//! Each operation splices a copy of the text, then narrows the change to the range where
//! the old and the new text differ, so composite moves (a nest is a delete plus an insert)
//! are still one range, one undo step.

use std::collections::HashSet;
use std::ops::Range;

use super::catalog::{Catalog, Kind, Prop};
use super::tree::{Item, Json, NodeId, Spanned, Tree};

/// One change of the template text: replace `range` (bytes of the old text) with `text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub range: Range<usize>,
    pub text: String,
    /// Where the component the operation was about starts in the new text (the selection
    /// follows it).
    pub select: Option<usize>,
    /// What the edit does, for the notice and the undo label ("move refund_card up").
    pub label: String,
}

impl Edit {
    /// The text after the edit.
    pub fn apply(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len() + self.text.len());
        out.push_str(&text[..self.range.start]);
        out.push_str(&self.text);
        out.push_str(&text[self.range.end..]);
        out
    }

    /// The smallest edit turning `old` into `new`: their common prefix and suffix are kept.
    fn between(old: &str, new: &str, select: Option<usize>, label: String) -> Edit {
        let prefix = common_prefix(old.as_bytes(), new.as_bytes());
        let max_suffix = old.len().min(new.len()) - prefix;
        let mut suffix = old
            .as_bytes()
            .iter()
            .rev()
            .zip(new.as_bytes().iter().rev())
            .take(max_suffix)
            .take_while(|(a, b)| a == b)
            .count();
        // Keep the boundaries on characters.
        let mut start = prefix;
        while !old.is_char_boundary(start) || !new.is_char_boundary(start) {
            start -= 1;
        }
        while !old.is_char_boundary(old.len() - suffix) || !new.is_char_boundary(new.len() - suffix)
        {
            suffix -= 1;
        }
        Edit {
            range: start..old.len() - suffix,
            text: new[start..new.len() - suffix].to_string(),
            select,
            label,
        }
    }
}

fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    a.iter().zip(b).take_while(|(x, y)| x == y).count()
}

/// Why an operation cannot be done (shown as a notice; nothing changes).
pub type Refusal = String;

/// The array a component sits in, and its index there.
struct Slot {
    /// The elements' ranges, in order (Body: its components; Content: every item).
    elements: Vec<Range<usize>>,
    /// The array's own range, brackets included.
    array: Range<usize>,
    index: usize,
}

fn slot(tree: &Tree, id: NodeId) -> Result<Slot, Refusal> {
    let node = tree.get(id);
    match node.parent {
        None => {
            let array = tree
                .body_span
                .clone()
                .ok_or("the template has no Body array")?;
            let elements: Vec<Range<usize>> = tree
                .body
                .iter()
                .map(|&b| tree.get(b).span.clone())
                .collect();
            let index = tree
                .body
                .iter()
                .position(|&b| b == id)
                .ok_or("the component is not in Body")?;
            Ok(Slot {
                elements,
                array,
                index,
            })
        }
        Some(parent) => {
            let p = tree.get(parent);
            let array = p
                .content_span
                .clone()
                .ok_or("the parent has no Content array")?;
            let elements: Vec<Range<usize>> = p.content.iter().map(|i| span_of(tree, i)).collect();
            let index = p
                .content
                .iter()
                .position(|i| matches!(i, Item::Node(n) if *n == id))
                .ok_or("the component is not in its parent's Content")?;
            Ok(Slot {
                elements,
                array,
                index,
            })
        }
    }
}

fn span_of(tree: &Tree, item: &Item) -> Range<usize> {
    match item {
        Item::Node(n) => tree.get(*n).span.clone(),
        Item::Text(s) | Item::Other(s) => s.span.clone(),
    }
}

fn name(tree: &Tree, id: NodeId) -> String {
    let n = tree.get(id);
    match &n.id {
        Some(i) => i.to_string(),
        None => n.ty().to_string(),
    }
}

/// The whitespace a line starts with, for the line holding `offset`.
fn indent_at(text: &str, offset: usize) -> &str {
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = &text[line_start..];
    &line[..line.len() - line.trim_start_matches([' ', '\t']).len()]
}

/// Whether `offset` is the first non-blank of its line.
fn starts_line(text: &str, offset: usize) -> bool {
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    text[line_start..offset].trim().is_empty()
}

/// The indentation step the text uses (the smallest positive indent; two spaces if none).
fn step(text: &str) -> String {
    let mut best: Option<&str> = None;
    for line in text.lines().take(200) {
        let ws = &line[..line.len() - line.trim_start_matches([' ', '\t']).len()];
        if !ws.is_empty() && !line.trim().is_empty() && best.is_none_or(|b| ws.len() < b.len()) {
            best = Some(ws);
        }
    }
    best.unwrap_or("  ").to_string()
}

/// A subtree's text moved from a line indented `from` to one indented `to`: every line
/// after the first loses `from` and gains `to` (lines indented otherwise are kept).
fn reindent(snippet: &str, from: &str, to: &str) -> String {
    if from == to {
        return snippet.to_string();
    }
    let mut out = String::with_capacity(snippet.len());
    for (i, line) in snippet.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
            match line.strip_prefix(from) {
                Some(rest) => {
                    out.push_str(to);
                    out.push_str(rest);
                }
                None => out.push_str(line),
            }
        } else {
            out.push_str(line);
        }
    }
    out
}

/// `value` (JSON text) as the canonical pretty form writes it on a line indented `indent`
/// (its first line stays where it is written), in the text's indentation step; compact
/// when `inline` (the value sits in a one-line object or list), and as given when it is
/// not JSON. So what the designer writes passes `fmt --check` where the text did.
fn laid_out(text: &str, value: &str, indent: &str, inline: bool) -> String {
    let Ok(v) = serde_json::from_str::<serde_json::Value>(value) else {
        return value.to_string();
    };
    if inline {
        return serde_json::to_string(&v).unwrap_or_else(|_| value.to_string());
    }
    let step = step(text);
    let mut out = Vec::new();
    let formatter = serde_json::ser::PrettyFormatter::with_indent(step.as_bytes());
    let mut ser = serde_json::Serializer::with_formatter(&mut out, formatter);
    if serde::Serialize::serialize(&v, &mut ser).is_err() {
        return value.to_string();
    }
    reindent(&String::from_utf8(out).unwrap_or_default(), "", indent)
}

/// The separator to write between two elements of an array: the one already used between
/// its elements, else a line break and the elements' indentation (or `, ` on one line).
fn separator(text: &str, slot: &Slot) -> String {
    if slot.elements.len() >= 2 {
        let between = &text[slot.elements[0].end..slot.elements[1].start];
        if between.trim() == "," {
            return between.to_string();
        }
    }
    match slot.elements.first() {
        Some(e) if starts_line(text, e.start) => format!(",\n{}", indent_at(text, e.start)),
        _ => ", ".to_string(),
    }
}

/// Deletes a component (with its children).
pub fn delete(text: &str, tree: &Tree, id: NodeId) -> Result<Edit, Refusal> {
    let s = slot(tree, id)?;
    let range = removal(text, &s);
    let mut new = String::with_capacity(text.len());
    new.push_str(&text[..range.start]);
    new.push_str(&text[range.end..]);
    Ok(Edit::between(
        text,
        &new,
        None,
        format!("delete {}", name(tree, id)),
    ))
}

/// The range to cut to remove the slot's element and one separator beside it.
fn removal(text: &str, s: &Slot) -> Range<usize> {
    let e = &s.elements;
    let i = s.index;
    if e.len() == 1 {
        // The array's inside becomes empty: `[]`.
        let inner = s.array.start + 1..s.array.end - 1;
        return if text[inner.clone()].trim() == text[e[0].clone()].trim() {
            inner
        } else {
            e[0].clone()
        };
    }
    if i > 0 {
        e[i - 1].end..e[i].end
    } else {
        e[0].start..e[1].start
    }
}

/// Swaps a component with the item before it (`up`) or after it in the same array.
pub fn move_sibling(text: &str, tree: &Tree, id: NodeId, up: bool) -> Result<Edit, Refusal> {
    let s = slot(tree, id)?;
    let (a, b) = match (up, s.index) {
        (true, 0) => return Err(format!("{} is already first", name(tree, id))),
        (true, i) => (i - 1, i),
        (false, i) if i + 1 >= s.elements.len() => {
            return Err(format!("{} is already last", name(tree, id)));
        }
        (false, i) => (i, i + 1),
    };
    let (ra, rb) = (s.elements[a].clone(), s.elements[b].clone());
    let mut new = String::with_capacity(text.len());
    new.push_str(&text[..ra.start]);
    new.push_str(&text[rb.clone()]);
    new.push_str(&text[ra.end..rb.start]);
    new.push_str(&text[ra.clone()]);
    new.push_str(&text[rb.end..]);
    let select = if up {
        ra.start
    } else {
        ra.start + (rb.len()) + (rb.start - ra.end)
    };
    Ok(Edit::between(
        text,
        &new,
        Some(select),
        format!("move {} {}", name(tree, id), if up { "up" } else { "down" }),
    ))
}

/// Where new components go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// Right after this component, as its sibling.
    After(NodeId),
    /// As the first child of this component.
    FirstChild(NodeId),
    /// As the last child of this component.
    LastChild(NodeId),
    /// At the end of `Body` (an empty template).
    BodyEnd,
}

/// Text inserted into a copy of `text`: what [`insert`] needs, and where the snippet
/// starts in the new text.
fn splice_in(
    text: &str,
    tree: &Tree,
    place: Place,
    snippet: &str,
) -> Result<(String, usize), Refusal> {
    let (at, before, after, from_indent_to): (usize, String, String, String) = match place {
        Place::After(id) => {
            let s = slot(tree, id)?;
            let e = s.elements[s.index].clone();
            let indent = if starts_line(text, e.start) {
                indent_at(text, e.start).to_string()
            } else {
                String::new()
            };
            (e.end, separator(text, &s), String::new(), indent)
        }
        Place::FirstChild(id) | Place::LastChild(id) => {
            let node = tree.get(id);
            match node.content_span.clone() {
                Some(array) => {
                    let items: Vec<Range<usize>> =
                        node.content.iter().map(|i| span_of(tree, i)).collect();
                    if items.is_empty() {
                        return into_empty(text, array, snippet);
                    }
                    let s = Slot {
                        elements: items.clone(),
                        array,
                        index: 0,
                    };
                    let sep = separator(text, &s);
                    let first = items[0].clone();
                    let indent = if starts_line(text, first.start) {
                        indent_at(text, first.start).to_string()
                    } else {
                        String::new()
                    };
                    if matches!(place, Place::FirstChild(_)) {
                        // snippet + sep before the first item.
                        let mut new = String::with_capacity(text.len() + snippet.len() + 16);
                        new.push_str(&text[..first.start]);
                        let start = new.len();
                        new.push_str(&reindent(snippet, "", &indent));
                        new.push_str(&sep);
                        new.push_str(&text[first.start..]);
                        return Ok((new, start));
                    }
                    let last = items[items.len() - 1].clone();
                    (last.end, sep, String::new(), indent)
                }
                None => {
                    // No Content yet: add it as the object's last member.
                    let close = node.span.end - 1;
                    let member_indent =
                        format!("{}{}", indent_at(text, node.span.start), step(text));
                    let inner = format!("{member_indent}{}", step(text));
                    let body = text[node.span.start + 1..close].trim_end();
                    let comma = if body.trim().is_empty() { "" } else { "," };
                    let cut = node.span.start + 1 + body.len();
                    let mut new = String::with_capacity(text.len() + snippet.len() + 32);
                    new.push_str(&text[..cut]);
                    new.push_str(comma);
                    new.push('\n');
                    new.push_str(&member_indent);
                    new.push_str("\"Content\": [\n");
                    new.push_str(&inner);
                    let start = new.len();
                    new.push_str(&reindent(snippet, "", &inner));
                    new.push('\n');
                    new.push_str(&member_indent);
                    new.push_str("]\n");
                    new.push_str(indent_at(text, node.span.start));
                    new.push_str(&text[close..]);
                    return Ok((new, start));
                }
            }
        }
        Place::BodyEnd => {
            let array = tree
                .body_span
                .clone()
                .ok_or("the template has no Body array")?;
            match tree.body.last() {
                Some(&last) => return splice_in(text, tree, Place::After(last), snippet),
                None => return into_empty(text, array, snippet),
            }
        }
    };
    let mut new = String::with_capacity(text.len() + snippet.len() + 16);
    new.push_str(&text[..at]);
    new.push_str(&before);
    let start = new.len();
    new.push_str(&reindent(snippet, "", &from_indent_to));
    new.push_str(&after);
    new.push_str(&text[at..]);
    Ok((new, start))
}

/// The snippet as the only element of an empty array: `[` + a line of its own, one step
/// in + `]` on the array's indentation.
fn into_empty(text: &str, array: Range<usize>, snippet: &str) -> Result<(String, usize), Refusal> {
    let at = array.start + 1;
    if !text[at..array.end - 1].trim().is_empty() {
        return Err("the array holds something that is not JSON".into());
    }
    let outer = indent_at(text, array.start).to_string();
    let inner = format!("{outer}{}", step(text));
    let mut new = String::with_capacity(text.len() + snippet.len() + 16);
    new.push_str(&text[..at]);
    new.push('\n');
    new.push_str(&inner);
    let start = new.len();
    new.push_str(&reindent(snippet, "", &inner));
    new.push('\n');
    new.push_str(&outer);
    new.push_str(&text[array.end - 1..]);
    Ok((new, start))
}

/// Inserts a component's JSON text (indented as if at column 0) at `place`.
pub fn insert(
    text: &str,
    tree: &Tree,
    place: Place,
    snippet: &str,
    label: String,
) -> Result<Edit, Refusal> {
    let (new, start) = splice_in(text, tree, place, snippet)?;
    Ok(Edit::between(text, &new, Some(start), label))
}

/// The actions a component's text (a snippet, as inserted) raises, in order.
pub fn raised_by(snippet: &str) -> Vec<String> {
    let wrapper = format!("{{\"Body\": [\n{snippet}\n]}}");
    match crate::view::json::parse(&wrapper, "/Template") {
        Ok((root, _)) => crate::view::validate::raised_actions(&root),
        Err(_) => Vec::new(),
    }
}

/// A component's text as if it started at column 0 (its lines lose its own indentation).
pub fn subtree_text(text: &str, tree: &Tree, id: NodeId) -> String {
    let span = tree.get(id).span.clone();
    let indent = if starts_line(text, span.start) {
        indent_at(text, span.start)
    } else {
        ""
    };
    reindent(&text[span], indent, "")
}

/// `_id`s not yet used: `base`, then `base_2`, `base_3`…; and field `Name`s the same way.
pub struct Ids<'t> {
    tree: &'t Tree,
    taken: HashSet<String>,
    names_taken: HashSet<String>,
}

impl<'t> Ids<'t> {
    pub fn new(tree: &'t Tree) -> Ids<'t> {
        Ids {
            tree,
            taken: HashSet::new(),
            names_taken: HashSet::new(),
        }
    }

    /// A field `Name` no field of the tree has: `name` itself when it is free, else
    /// `base_2`, `base_3`… (two fields of one `Name` collide in ViewResultData).
    pub fn fresh_name(&mut self, name: &str) -> String {
        let free =
            |s: &str, taken: &HashSet<String>| self.tree.field(s).is_none() && !taken.contains(s);
        let mut candidate = name.to_string();
        if !free(&candidate, &self.names_taken) {
            let base = name.trim_end_matches(|c: char| c.is_ascii_digit() || c == '_');
            let base = if base.is_empty() { "field" } else { base };
            let mut n = 2;
            candidate = format!("{base}_{n}");
            while !free(&candidate, &self.names_taken) {
                n += 1;
                candidate = format!("{base}_{n}");
            }
        }
        self.names_taken.insert(candidate.clone());
        candidate
    }

    pub fn fresh(&mut self, base: &str) -> String {
        let base = base.trim_end_matches(|c: char| c.is_ascii_digit() || c == '_');
        let base = if base.is_empty() { "component" } else { base };
        let free =
            |s: &str, taken: &HashSet<String>| self.tree.by_id(s).is_none() && !taken.contains(s);
        let mut candidate = base.to_string();
        let mut n = 2;
        while !free(&candidate, &self.taken) {
            candidate = format!("{base}_{n}");
            n += 1;
        }
        self.taken.insert(candidate.clone());
        candidate
    }
}

/// A component's subtree as text with every `_id` inside it renamed to a fresh one, and
/// every field `Name` the destination (`ids`' tree) already has renamed to a fresh one, with
/// the conditions inside the subtree that read it.
pub fn copy_with_fresh_ids(text: &str, tree: &Tree, id: NodeId, ids: &mut Ids<'_>) -> String {
    let span = tree.get(id).span.clone();
    let inside = |r: &Range<usize>| r.start - span.start..r.end - span.start;
    // Every `_id` string in the subtree, renamed, from the last to the first.
    let mut renames: Vec<(Range<usize>, String)> = Vec::new();
    let mut stack = vec![id];
    while let Some(n) = stack.pop() {
        let node = tree.get(n);
        if let (Some(old), Some(r)) = (&node.id, &node.id_span) {
            let new = ids.fresh(old);
            renames.push((inside(r), json_string(&new)));
        }
        let named = node.prop("Name").filter(|_| tree.is_field(n));
        if let Some(old) = named.and_then(|v| v.as_str().map(|s| (s.to_string(), v.span.clone()))) {
            let new = ids.fresh_name(&old.0);
            if new != old.0 {
                renames.push((inside(&old.1), json_string(&new)));
                for r in field_uses(tree, &old.0) {
                    if r.start >= span.start && r.end <= span.end {
                        renames.push((inside(&r), json_string(&new)));
                    }
                }
            }
        }
        stack.extend(tree.children(n));
    }
    renames.sort_by_key(|(r, _)| std::cmp::Reverse(r.start));
    let mut out = text[span.clone()].to_string();
    for (r, s) in renames {
        out.replace_range(r, &s);
    }
    let indent = if starts_line(text, span.start) {
        indent_at(text, span.start)
    } else {
        ""
    };
    reindent(&out, indent, "")
}

fn json_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| format!("\"{s}\""))
}

/// Duplicates a component right after itself, with fresh `_id`s inside the copy.
pub fn duplicate(text: &str, tree: &Tree, id: NodeId) -> Result<Edit, Refusal> {
    let mut ids = Ids::new(tree);
    let copy = copy_with_fresh_ids(text, tree, id, &mut ids);
    insert(
        text,
        tree,
        Place::After(id),
        &copy,
        format!("duplicate {}", name(tree, id)),
    )
}

/// Renames a component's `_id`.
pub fn rename_id(text: &str, tree: &Tree, id: NodeId, new_id: &str) -> Result<Edit, Refusal> {
    let new_id = new_id.trim();
    if new_id.is_empty() {
        return Err("an _id cannot be empty".into());
    }
    let node = tree.get(id);
    if node.id.as_deref() == Some(new_id) {
        return Err("that is its _id already".into());
    }
    if tree.by_id(new_id).is_some() {
        return Err(format!("another component has the _id \"{new_id}\""));
    }
    let r = node
        .id_span
        .clone()
        .ok_or("this component has no _id string to rename")?;
    let mut new = text.to_string();
    new.replace_range(r, &json_string(new_id));
    Ok(Edit::between(
        text,
        &new,
        Some(node.span.start),
        format!("rename {} to {new_id}", name(tree, id)),
    ))
}

/// Moves a component into the sibling before it, as that sibling's last child.
pub fn nest(text: &str, tree: &Tree, id: NodeId) -> Result<Edit, Refusal> {
    let s = slot(tree, id)?;
    let prev = match s.index {
        0 => None,
        i => siblings(tree, id).get(i - 1).copied().flatten(),
    };
    let Some(prev) = prev else {
        return Err(format!(
            "{} has no component before it to nest into",
            name(tree, id)
        ));
    };
    let moved = subtree_text(text, tree, id);
    // Insert into the previous sibling first (it comes earlier in the text), on a copy
    // with the moved component cut out: the cut is after the insertion point, so it is
    // done first to keep the offsets right.
    let cut = removal(text, &s);
    let mut without = String::with_capacity(text.len());
    without.push_str(&text[..cut.start]);
    without.push_str(&text[cut.end..]);
    let (new, start) = splice_in(&without, tree, Place::LastChild(prev), &moved)?;
    Ok(Edit::between(
        text,
        &new,
        Some(start),
        format!("nest {} into {}", name(tree, id), name(tree, prev)),
    ))
}

/// The items of a component's array as components (None for strings and other items).
fn siblings(tree: &Tree, id: NodeId) -> Vec<Option<NodeId>> {
    match tree.get(id).parent {
        None => tree.body.iter().map(|&b| Some(b)).collect(),
        Some(p) => tree
            .get(p)
            .content
            .iter()
            .map(|i| match i {
                Item::Node(n) => Some(*n),
                _ => None,
            })
            .collect(),
    }
}

/// Moves a component out of its parent, to right after the parent.
pub fn unnest(text: &str, tree: &Tree, id: NodeId) -> Result<Edit, Refusal> {
    let Some(parent) = tree.get(id).parent else {
        return Err(format!("{} is already at the top of Body", name(tree, id)));
    };
    let s = slot(tree, id)?;
    let moved = subtree_text(text, tree, id);
    // The insertion point (after the parent) is after the cut (inside the parent), so
    // insert first on the original offsets, then cut.
    let (with, start) = splice_in(text, tree, Place::After(parent), &moved)?;
    let cut = removal(text, &s);
    let mut new = String::with_capacity(with.len());
    new.push_str(&with[..cut.start]);
    new.push_str(&with[cut.end..]);
    Ok(Edit::between(
        text,
        &new,
        Some(start - cut.len()),
        format!("move {} out of {}", name(tree, id), name(tree, parent)),
    ))
}

/// The text with every range replaced by `with` (ranges do not overlap).
fn replaced(text: &str, ranges: &[Range<usize>], with: &str) -> String {
    let mut sorted = ranges.to_vec();
    sorted.sort_by_key(|r| std::cmp::Reverse(r.start));
    let mut new = text.to_string();
    for r in sorted {
        new.replace_range(r, with);
    }
    new
}

/// Where props raise the action `name` (the value strings' ranges, quotes included): every
/// string prop the catalogue marks as raising an action, in lists and objects too.
pub fn action_uses(tree: &Tree, catalog: &Catalog, name: &str) -> Vec<Range<usize>> {
    fn walk(v: &Spanned, spec: Option<&Prop>, name: &str, out: &mut Vec<Range<usize>>) {
        let Some(spec) = spec else { return };
        match (&v.value, &spec.kind) {
            (Json::String(s), _) if spec.action && &**s == name => out.push(v.span.clone()),
            (Json::Array(items), Kind::List(fields)) => {
                for item in items {
                    for m in item.as_object().into_iter().flatten() {
                        walk(&m.value, fields.get(&*m.key), name, out);
                    }
                }
            }
            (Json::Object(members), Kind::Object(fields)) => {
                for m in members {
                    walk(&m.value, fields.get(&*m.key), name, out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    for n in tree.preorder() {
        let node = tree.get(n);
        let Some(c) = catalog.component(node.ty()) else {
            continue;
        };
        for m in &node.props {
            walk(&m.value, c.props.get(&*m.key), name, &mut out);
        }
    }
    out
}

/// Renames the action `old` to `new` in every prop that raises it: one edit, or `None`
/// when no prop raises it.
pub fn rename_action(
    text: &str,
    tree: &Tree,
    catalog: &Catalog,
    old: &str,
    new: &str,
) -> Option<Edit> {
    let uses = action_uses(tree, catalog, old);
    if uses.is_empty() {
        return None;
    }
    let n = uses.len();
    let new_text = replaced(text, &uses, &json_string(new));
    Some(Edit::between(
        text,
        &new_text,
        None,
        format!(
            "rename the action {old} to {new} in {n} prop{}",
            if n == 1 { "" } else { "s" }
        ),
    ))
}

/// Where UI conditions and linked outputs read the field `name`: `ElementByKey` and
/// `_linkedFormOutputName` strings anywhere in props.
pub fn field_uses(tree: &Tree, name: &str) -> Vec<Range<usize>> {
    fn walk(v: &Spanned, name: &str, out: &mut Vec<Range<usize>>) {
        match &v.value {
            Json::Object(members) => {
                for m in members {
                    if matches!(&*m.key, "ElementByKey" | "_linkedFormOutputName")
                        && m.value.as_str() == Some(name)
                    {
                        out.push(m.value.span.clone());
                    } else {
                        walk(&m.value, name, out);
                    }
                }
            }
            Json::Array(items) => items.iter().for_each(|i| walk(i, name, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for n in tree.preorder() {
        for m in &tree.get(n).props {
            walk(&m.value, name, &mut out);
        }
    }
    out
}

/// Renames a form field's `Name` and every condition and linked output that reads it: one
/// edit.
pub fn rename_field(text: &str, tree: &Tree, id: NodeId, new: &str) -> Result<Edit, Refusal> {
    let new = new.trim();
    let node = tree.get(id);
    let name = node.prop("Name").ok_or("this component has no Name")?;
    let old = name.as_str().ok_or("its Name is not a string")?;
    if new.is_empty() {
        return Err("a Name cannot be empty".into());
    }
    if old == new {
        return Err("that is its Name already".into());
    }
    if tree.field(new).is_some() {
        return Err(format!("another field is named \"{new}\""));
    }
    let mut ranges = field_uses(tree, old);
    ranges.push(name.span.clone());
    let n = ranges.len() - 1;
    let new_text = replaced(text, &ranges, &json_string(new));
    Ok(Edit::between(
        text,
        &new_text,
        Some(node.span.start),
        format!(
            "rename the field {old} to {new} and the {n} condition{} reading it",
            if n == 1 { "" } else { "s" }
        ),
    ))
}

/// A member's whole range: its key through its value.
fn member_range(m: &super::tree::Member) -> Range<usize> {
    m.key_span.start..m.value.span.end
}

/// Sets a prop of a component to `value` (JSON text): its value replaced when the prop is
/// there, else a member added at the end of `Props`.
pub fn set_prop(
    text: &str,
    tree: &Tree,
    id: NodeId,
    prop: &str,
    value: &str,
) -> Result<Edit, Refusal> {
    let node = tree.get(id);
    let label = format!("set {}.{prop}", name(tree, id));
    if let Some(m) = node.props.iter().find(|m| &*m.key == prop) {
        let at = member_range(m).start;
        let value = laid_out(text, value, indent_at(text, at), !starts_line(text, at));
        let mut new = text.to_string();
        new.replace_range(m.value.span.clone(), &value);
        return Ok(Edit::between(text, &new, Some(node.span.start), label));
    }
    let props = node
        .props_span
        .clone()
        .ok_or("this component has no Props object")?;
    let new = match node.props.last() {
        Some(last) => {
            let s = Slot {
                elements: node.props.iter().map(member_range).collect(),
                array: props,
                index: node.props.len() - 1,
            };
            let sep = separator(text, &s);
            let first = member_range(&node.props[0]).start;
            let value = laid_out(
                text,
                value,
                indent_at(text, first),
                !starts_line(text, first),
            );
            let member = format!("{}: {value}", json_string(prop));
            let at = member_range(last).end;
            format!("{}{sep}{member}{}", &text[..at], &text[at..])
        }
        None => {
            let inner = &text[props.start + 1..props.end - 1];
            if !inner.trim().is_empty() {
                return Err("the Props object holds something that is not JSON".into());
            }
            // A one-line text keeps `{"Prop": value}`; a laid-out one opens the object.
            let outer = indent_at(text, props.start).to_string();
            let inline = !text.contains('\n');
            let member_indent = format!("{outer}{}", step(text));
            let value = laid_out(text, value, &member_indent, inline);
            let member = format!("{}: {value}", json_string(prop));
            if inline {
                format!("{}{{{member}}}{}", &text[..props.start], &text[props.end..])
            } else {
                format!(
                    "{}{{\n{member_indent}{member}\n{outer}}}{}",
                    &text[..props.start],
                    &text[props.end..]
                )
            }
        }
    };
    Ok(Edit::between(text, &new, Some(node.span.start), label))
}

/// Removes a prop of a component.
pub fn remove_prop(text: &str, tree: &Tree, id: NodeId, prop: &str) -> Result<Edit, Refusal> {
    let node = tree.get(id);
    let index = node
        .props
        .iter()
        .position(|m| &*m.key == prop)
        .ok_or_else(|| format!("{} has no prop {prop}", name(tree, id)))?;
    let s = Slot {
        elements: node.props.iter().map(member_range).collect(),
        array: node.props_span.clone().ok_or("no Props object")?,
        index,
    };
    let cut = removal(text, &s);
    let new = format!("{}{}", &text[..cut.start], &text[cut.end..]);
    Ok(Edit::between(
        text,
        &new,
        Some(node.span.start),
        format!("remove {}.{prop}", name(tree, id)),
    ))
}

/// Renames a prop's key (a "did you mean" applied).
pub fn rename_prop(
    text: &str,
    tree: &Tree,
    id: NodeId,
    old: &str,
    new_key: &str,
) -> Result<Edit, Refusal> {
    let node = tree.get(id);
    let m = node
        .props
        .iter()
        .find(|m| &*m.key == old)
        .ok_or_else(|| format!("{} has no prop {old}", name(tree, id)))?;
    if node.prop(new_key).is_some() {
        return Err(format!("{} has a {new_key} already", name(tree, id)));
    }
    let mut new = text.to_string();
    new.replace_range(m.key_span.clone(), &json_string(new_key));
    Ok(Edit::between(
        text,
        &new,
        Some(node.span.start),
        format!("rename {}.{old} to {new_key}", name(tree, id)),
    ))
}

/// The items of a list prop, as a slot (index set by the caller).
fn list_slot(tree: &Tree, id: NodeId, prop: &str) -> Result<(Slot, usize), Refusal> {
    let value = tree
        .get(id)
        .prop(prop)
        .ok_or_else(|| format!("{} has no {prop}", name(tree, id)))?;
    let items = value
        .as_array()
        .ok_or_else(|| format!("{prop} is not a list"))?;
    Ok((
        Slot {
            elements: items.iter().map(|i| i.span.clone()).collect(),
            array: value.span.clone(),
            index: 0,
        },
        items.len(),
    ))
}

/// Adds an item (JSON text, at column 0) to a list prop: after item `after`, or at the end.
pub fn list_add(
    text: &str,
    tree: &Tree,
    id: NodeId,
    prop: &str,
    after: Option<usize>,
    item: &str,
) -> Result<Edit, Refusal> {
    let (mut s, n) = list_slot(tree, id, prop)?;
    let label = format!("add an item to {}.{prop}", name(tree, id));
    if n == 0 {
        let item = laid_out(text, item, "", !text.contains('\n'));
        let (new, start) = into_empty(text, s.array.clone(), &item)?;
        return Ok(Edit::between(text, &new, Some(start), label));
    }
    s.index = after.unwrap_or(n - 1).min(n - 1);
    let e = s.elements[s.index].clone();
    let indent = if starts_line(text, e.start) {
        indent_at(text, e.start).to_string()
    } else {
        String::new()
    };
    let sep = separator(text, &s);
    // Laid out at column 0, then indented where it goes.
    let item = laid_out(text, item, "", !starts_line(text, e.start));
    let mut new = String::with_capacity(text.len() + item.len() + 16);
    new.push_str(&text[..e.end]);
    new.push_str(&sep);
    let start = new.len();
    new.push_str(&reindent(&item, "", &indent));
    new.push_str(&text[e.end..]);
    Ok(Edit::between(text, &new, Some(start), label))
}

/// Removes item `i` of a list prop.
pub fn list_remove(
    text: &str,
    tree: &Tree,
    id: NodeId,
    prop: &str,
    i: usize,
) -> Result<Edit, Refusal> {
    let (mut s, n) = list_slot(tree, id, prop)?;
    if i >= n {
        return Err(format!("{prop} has no item {}", i + 1));
    }
    s.index = i;
    let cut = removal(text, &s);
    let new = format!("{}{}", &text[..cut.start], &text[cut.end..]);
    Ok(Edit::between(
        text,
        &new,
        None,
        format!("remove item {} of {}.{prop}", i + 1, name(tree, id)),
    ))
}

/// Swaps item `i` of a list prop with the one before it (`up`) or after it.
pub fn list_move(
    text: &str,
    tree: &Tree,
    id: NodeId,
    prop: &str,
    i: usize,
    up: bool,
) -> Result<Edit, Refusal> {
    let (s, n) = list_slot(tree, id, prop)?;
    let (a, b) = match (up, i) {
        (true, 0) => return Err("the item is first already".into()),
        (true, i) => (i - 1, i),
        (false, i) if i + 1 >= n => return Err("the item is last already".into()),
        (false, i) => (i, i + 1),
    };
    let (ra, rb) = (s.elements[a].clone(), s.elements[b].clone());
    let new = format!(
        "{}{}{}{}{}",
        &text[..ra.start],
        &text[rb.clone()],
        &text[ra.end..rb.start],
        &text[ra.clone()],
        &text[rb.end..]
    );
    Ok(Edit::between(
        text,
        &new,
        None,
        format!(
            "move item {} of {}.{prop} {}",
            i + 1,
            name(tree, id),
            if up { "up" } else { "down" }
        ),
    ))
}

/// Replaces item `i` of a list prop with `item` (JSON text).
pub fn list_set(
    text: &str,
    tree: &Tree,
    id: NodeId,
    prop: &str,
    i: usize,
    item: &str,
) -> Result<Edit, Refusal> {
    let (s, n) = list_slot(tree, id, prop)?;
    if i >= n {
        return Err(format!("{prop} has no item {}", i + 1));
    }
    let at = s.elements[i].start;
    let item = laid_out(text, item, indent_at(text, at), !starts_line(text, at));
    let mut new = text.to_string();
    new.replace_range(s.elements[i].clone(), &item);
    Ok(Edit::between(
        text,
        &new,
        None,
        format!("set item {} of {}.{prop}", i + 1, name(tree, id)),
    ))
}

/// The page's settings: `Head.Title` and the view-wide column spans
/// (`Head.Configuration.Layout.Columns`, written as strings as AWS's own example does); the
/// rest of `Head` is kept. One edit of the `Head` value, laid out like the text.
pub fn set_page(text: &str, tree: &Tree, title: &str, columns: &[u32]) -> Result<Edit, Refusal> {
    let span = tree.head.span.clone();
    if span.is_empty() {
        return Err("the template has no Head object to write the page settings into".into());
    }
    let mut head: serde_json::Value =
        serde_json::from_str(&text[span.clone()]).map_err(|e| format!("Head is not JSON: {e}"))?;
    let obj = head.as_object_mut().ok_or("Head is not an object")?;
    obj.insert("Title".into(), serde_json::Value::String(title.to_string()));
    let config = obj
        .entry("Configuration")
        .or_insert_with(|| serde_json::json!({}));
    let config = config
        .as_object_mut()
        .ok_or("Head.Configuration is not an object")?;
    let layout = config
        .entry("Layout")
        .or_insert_with(|| serde_json::json!({}));
    let layout = layout
        .as_object_mut()
        .ok_or("Head.Configuration.Layout is not an object")?;
    let spans: Vec<serde_json::Value> = columns
        .iter()
        .map(|c| serde_json::Value::String(c.to_string()))
        .collect();
    layout.insert("Columns".into(), serde_json::Value::Array(spans));
    let value = laid_out(
        text,
        &head.to_string(),
        indent_at(text, span.start),
        !text.contains('\n'),
    );
    let mut new = text.to_string();
    new.replace_range(span.clone(), &value);
    Ok(Edit::between(
        text,
        &new,
        None,
        "set the page settings".into(),
    ))
}

/// Sets (or, with `None`, removes) one field of item `i` of a list prop: the item is written
/// again, laid out like the text, as one edit.
pub fn list_item_field(
    text: &str,
    tree: &Tree,
    id: NodeId,
    prop: &str,
    i: usize,
    field: &str,
    value: Option<&str>,
) -> Result<Edit, Refusal> {
    let (s, n) = list_slot(tree, id, prop)?;
    if i >= n {
        return Err(format!("{prop} has no item {}", i + 1));
    }
    let mut item: serde_json::Value = serde_json::from_str(&text[s.elements[i].clone()])
        .map_err(|e| format!("item {} of {prop} is not JSON: {e}", i + 1))?;
    let obj = item
        .as_object_mut()
        .ok_or_else(|| format!("item {} of {prop} is not an object", i + 1))?;
    match value {
        Some(v) => {
            let v = serde_json::from_str(v).map_err(|e| format!("not JSON: {e}"))?;
            obj.insert(field.to_string(), v);
        }
        None => {
            obj.shift_remove(field);
        }
    }
    let mut e = list_set(text, tree, id, prop, i, &item.to_string())?;
    e.label = match value {
        Some(_) => format!("set {field} of item {} of {}.{prop}", i + 1, name(tree, id)),
        None => format!(
            "remove {field} from item {} of {}.{prop}",
            i + 1,
            name(tree, id)
        ),
    };
    Ok(e)
}

/// Replaces a component's text `Content` (a Button's label, a TextBox's text) with `new`: one
/// string, or, where `new` mixes text and `$.` references split by spaces, kept as one string
/// all the same (a reference is its own item only when it is the whole text). Child components
/// are kept after the text.
pub fn set_content_text(text: &str, tree: &Tree, id: NodeId, new: &str) -> Result<Edit, Refusal> {
    let node = tree.get(id);
    let span = node
        .content_span
        .clone()
        .ok_or("this component has no Content array")?;
    let children: Vec<String> = node
        .content
        .iter()
        .filter_map(|i| match i {
            Item::Node(c) => Some(subtree_text(text, tree, *c)),
            _ => None,
        })
        .collect();
    let mut items = vec![json_string(new)];
    items.extend(children);
    let joined = if items.len() == 1 {
        format!("[{}]", items[0])
    } else {
        format!("[{}]", items.join(", "))
    };
    // Compact where the component is written on one line, laid out like the text elsewhere.
    let inline = !text[node.span.start..span.start].contains('\n');
    let value = laid_out(text, &joined, indent_at(text, span.start), inline);
    let mut new_text = text.to_string();
    new_text.replace_range(span, &value);
    Ok(Edit::between(
        text,
        &new_text,
        Some(node.span.start),
        format!("set the text of {}", name(tree, id)),
    ))
}
