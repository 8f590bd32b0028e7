//! What the server changes: quick fixes (code actions), rename of an action or a field's
//! `Name` everywhere it is read, and formatting (`fmt`).

use std::collections::HashMap;
use std::ops::Range;

use lsp_types::{CodeAction, CodeActionKind, TextEdit, Uri, WorkspaceEdit};

use super::snapshot::{Snapshot, at};
use crate::view::diagnostic::LOSES_TEXT;
use crate::view::edit::{action_uses, field_uses};
use crate::view::fix::{Fix, quick_fix};
use crate::view::{Catalog, ViewDocument, check};

fn json_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

fn workspace_edit(uri: &Uri, edits: Vec<TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..Default::default()
    }
}

/// The quick fixes of the diagnostics that touch `range` (bytes of the document).
pub fn code_actions(s: &Snapshot, uri: &Uri, range: Range<usize>) -> Vec<CodeAction> {
    let Some((doc, tree)) = s.view() else {
        return Vec::new();
    };
    // The template checked on its own, so the diagnostics' ranges are in its text, where
    // the fixes are made; each fix is then mapped into the document.
    let mut alone = ViewDocument::new(doc.name.clone(), doc.template.clone());
    alone.actions = doc.actions.clone();
    let level = s.level;
    let mut out = Vec::new();
    for d in check(&alone, level, Catalog::builtin()).diagnostics {
        let Some(r) = d.range.clone() else { continue };
        let outer = s.outer(r);
        if outer.end < range.start || outer.start > range.end {
            continue;
        }
        let Some(f) = quick_fix(&d, &doc.template, Some(tree), Catalog::builtin()) else {
            continue;
        };
        let edit = match &f.fix {
            Fix::Edit(e) => s
                .outer_verbatim(e.range.clone())
                .map(|o| vec![TextEdit::new(s.text.range(o), e.text.clone())]),
            Fix::AddAction(name) => add_action(s, doc, name),
            Fix::RemoveAction(name) => remove_action(s, doc, name),
        };
        let Some(edits) = edit else { continue };
        out.push(CodeAction {
            title: f.label.clone(),
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: None,
            edit: Some(workspace_edit(uri, edits)),
            is_preferred: Some(true),
            ..Default::default()
        });
    }
    out
}

/// An action appended to the document's `Actions` list.
fn add_action(s: &Snapshot, doc: &ViewDocument, name: &str) -> Option<Vec<TextEdit>> {
    let list = doc.origin.spans.actions.clone()?;
    let (at, text) = match doc.origin.spans.action_items.last() {
        Some(last) => (last.end, format!(", {}", json_string(name))),
        None => (list.end.checked_sub(1)?, json_string(name)),
    };
    Some(vec![TextEdit::new(s.text.range(at..at), text)])
}

/// An action taken out of the document's `Actions` list, with its comma.
fn remove_action(s: &Snapshot, doc: &ViewDocument, name: &str) -> Option<Vec<TextEdit>> {
    let items = &doc.origin.spans.action_items;
    let i = doc.actions.iter().position(|a| a == name)?;
    let r = items.get(i)?.clone();
    let cut = match (
        items.get(i + 1),
        i.checked_sub(1).and_then(|p| items.get(p)),
    ) {
        (Some(next), _) => r.start..next.start,
        (None, Some(prev)) => prev.end..r.end,
        (None, None) => r,
    };
    Some(vec![TextEdit::new(s.text.range(cut), String::new())])
}

/// What a rename at an offset renames.
enum Target {
    Action(String),
    Field(String),
}

fn target(s: &Snapshot, offset: usize) -> Option<Target> {
    let doc = s.doc.as_ref()?;
    if let Some(i) = doc
        .origin
        .spans
        .action_items
        .iter()
        .position(|r| r.contains(&offset))
    {
        return doc.actions.get(i).cloned().map(Target::Action);
    }
    let tree = s.tree.as_deref()?;
    let a = at(tree, s.inner(offset)?)?;
    let value = a.value.as_str()?.to_string();
    if a.on_key {
        return None;
    }
    match a.key {
        Some("Name") if tree.is_field(a.node) => Some(Target::Field(value)),
        Some("ElementByKey" | "_linkedFormOutputName") => Some(Target::Field(value)),
        _ if action_uses(tree, Catalog::builtin(), &value)
            .iter()
            .any(|r| r.contains(&a.value.span.start)) =>
        {
            Some(Target::Action(value))
        }
        _ => None,
    }
}

/// Renames the action or the field `Name` at `offset` to `new`, everywhere it is raised,
/// listed or read; or says why not.
pub fn rename(s: &Snapshot, uri: &Uri, offset: usize, new: &str) -> Result<WorkspaceEdit, String> {
    let (doc, tree) = s
        .view()
        .ok_or("the document does not load; fix its errors first")?;
    let new = new.trim();
    if new.is_empty() {
        return Err("a name cannot be empty".into());
    }
    let (ranges, listed) = match target(s, offset)
        .ok_or("nothing to rename here: put the cursor on an action or a field's Name")?
    {
        Target::Action(old) => {
            if doc.actions.iter().any(|a| a == new) {
                return Err(format!("the view has an action \"{new}\" already"));
            }
            let listed = doc.actions.iter().position(|a| *a == old);
            (action_uses(tree, Catalog::builtin(), &old), listed)
        }
        Target::Field(old) => {
            if tree.field(new).is_some() {
                return Err(format!("another field is named \"{new}\""));
            }
            let field = tree.get(
                tree.field(&old)
                    .ok_or(format!("no field is named \"{old}\""))?,
            );
            let mut ranges = field_uses(tree, &old);
            ranges.extend(field.prop("Name").map(|n| n.span.clone()));
            (ranges, None)
        }
    };
    let mut edits = Vec::new();
    for r in ranges {
        let o = s.outer_verbatim(r).ok_or(
            "this file holds the template as an escaped string (AWS CLI input), where a \
             rename cannot be written in place",
        )?;
        edits.push(TextEdit::new(s.text.range(o), json_string(new)));
    }
    if let Some(r) = listed.and_then(|i| doc.origin.spans.action_items.get(i)) {
        edits.push(TextEdit::new(s.text.range(r.clone()), json_string(new)));
    }
    Ok(workspace_edit(uri, edits))
}

/// The document in canonical form (what `fmt` writes), as one edit; none when it is so
/// already; an error when formatting would lose something (a syntax error, a comment...).
pub fn format(s: &Snapshot) -> Result<Vec<TextEdit>, String> {
    let doc = s
        .doc
        .as_ref()
        .ok_or("the document does not load; fix its errors first")?;
    if let Some(d) = s.diagnostics.iter().find(|d| LOSES_TEXT.contains(&d.code)) {
        return Err(format!(
            "left unformatted, so nothing is lost: {}",
            d.message
        ));
    }
    let formatted = doc.to_canonical_text()?;
    if formatted == s.text.text {
        return Ok(Vec::new());
    }
    let all = s.text.range(0..s.text.text.len());
    Ok(vec![TextEdit::new(all, formatted)])
}
