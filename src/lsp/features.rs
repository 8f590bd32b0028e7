//! What the server answers from one snapshot: diagnostics, completion, hover, document
//! symbols and go to definition. Each is a function of the snapshot and the request.

use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionTextEdit, Diagnostic as LspDiagnostic,
    DiagnosticRelatedInformation, DiagnosticSeverity, DocumentSymbol, Hover, HoverContents,
    Location, MarkupContent, MarkupKind, NumberOrString, Position, SymbolKind, TextEdit, Uri,
};

use super::snapshot::{Snapshot, at};
use super::text::Text;
use crate::view::complete::{Known, Spot, accept, candidates, context};
use crate::view::tree::{NodeId, Tree};
use crate::view::{Catalog, Severity, ViewDocument};

/// The snapshot's diagnostics as the protocol has them (with codes, notes and the related
/// place).
pub fn diagnostics(s: &Snapshot, uri: &Uri) -> Vec<LspDiagnostic> {
    s.diagnostics
        .iter()
        .map(|d| {
            let range = s.text.range(d.range.clone().unwrap_or(0..0));
            let message = match &d.note {
                Some(note) => format!("{}\n{note}", d.message),
                None => d.message.clone(),
            };
            LspDiagnostic {
                range,
                severity: Some(match d.severity {
                    Severity::Error => DiagnosticSeverity::ERROR,
                    Severity::Warning => DiagnosticSeverity::WARNING,
                    Severity::Note => DiagnosticSeverity::INFORMATION,
                }),
                code: Some(NumberOrString::String(d.code.as_str().to_string())),
                source: Some("connect-views".into()),
                message,
                related_information: d.related.clone().map(|r| {
                    vec![DiagnosticRelatedInformation {
                        location: Location::new(uri.clone(), s.text.range(r)),
                        message: "the first of them".into(),
                    }]
                }),
                ..Default::default()
            }
        })
        .collect()
}

/// Completion at `pos` of `text`: types, props, enum values, actions (the view's, as last
/// read), inputs and field names, read from the text as it is (it need not parse).
pub fn completion(text: &Text, last: Option<&ViewDocument>, pos: Position) -> Vec<CompletionItem> {
    let cursor = text.offset(pos);
    let src = &text.text;
    let cx = context(src, cursor);
    let mut known = Known::scan(src, last.map_or(&[], |d| &d.actions));
    // A view file's own Name is no field's.
    if let Some(name) = top_level_name(src) {
        known.fields.retain(|f| *f != name);
    }
    let kind = match cx.spot {
        Spot::Type => CompletionItemKind::CLASS,
        Spot::PropKey { .. } => CompletionItemKind::PROPERTY,
        Spot::FieldName => CompletionItemKind::FIELD,
        _ => CompletionItemKind::VALUE,
    };
    candidates(&cx, Catalog::builtin(), &known)
        .into_iter()
        .enumerate()
        .map(|(i, c)| {
            let (range, new) = accept(src, cursor, &cx, &c);
            CompletionItem {
                label: c.text.clone(),
                kind: Some(kind),
                detail: Some(c.detail.clone()),
                sort_text: Some(format!("{i:05}")),
                filter_text: Some(c.text.clone()),
                text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(
                    text.range(range),
                    new,
                ))),
                ..Default::default()
            }
        })
        .collect()
}

/// The string value of the outermost object's `Name` (a view file's own name), read
/// without parsing: the text need not be whole.
fn top_level_name(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let (mut depth, mut i) = (0usize, 0usize);
    while i < bytes.len() {
        match bytes[i] {
            b'{' | b'[' => depth += 1,
            b'}' | b']' => depth = depth.saturating_sub(1),
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                let key = text.get(start..i.min(text.len()))?;
                let rest = text.get(i + 1..)?.trim_start();
                if depth == 1 && key == "Name" && rest.starts_with(':') {
                    let v = rest[1..].trim_start().strip_prefix('"')?;
                    return Some(v[..v.find('"')?].to_string());
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// Hover: a component's or a prop's help from the catalogue, a `$.` input with its schema,
/// an action with the components that raise it.
pub fn hover(s: &Snapshot, pos: Position) -> Option<Hover> {
    let offset = s.text.offset(pos);
    if let Some(md) = action_in_list(s, offset) {
        return Some(markdown(md, None));
    }
    let (doc, tree) = s.view()?;
    let t = s.inner(offset)?;
    let catalog = Catalog::builtin();
    let found = at(tree, t);
    let node = tree.get(found.as_ref().map_or(tree.node_at(t)?, |a| a.node));
    let component = catalog.component(node.ty());
    let md = match &found {
        Some(a) if !a.on_key && a.value.as_str().is_some_and(|v| v.starts_with("$.")) => {
            input_help(tree, a.value.as_str()?)
        }
        Some(a) if !a.on_key && is_action(component, a.key) => {
            action_help(tree, a.value.as_str()?, &doc.actions)
        }
        Some(a) if a.on_key => {
            let prop = component.and_then(|c| c.props.get(a.key?));
            match prop {
                Some(p) => format!(
                    "**{}** of {}: {}{}\n\n{}",
                    a.key?,
                    node.ty(),
                    if p.is_required() { "required, " } else { "" },
                    p.kind.describe(),
                    p.help.clone().unwrap_or_default()
                ),
                None => format!("`{}` is not a prop {} is known to take", a.key?, node.ty()),
            }
        }
        _ => component_help(component?),
    };
    let range = found.map(|a| s.text.range(s.outer(a.value.span.clone())));
    Some(markdown(md, range))
}

fn markdown(value: String, range: Option<lsp_types::Range>) -> Hover {
    Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value,
        }),
        range,
    }
}

fn is_action(component: Option<&crate::view::catalog::Component>, key: Option<&str>) -> bool {
    let (Some(c), Some(k)) = (component, key) else {
        return false;
    };
    c.props.get(k).is_some_and(|p| p.action)
        || c.props.values().any(|p| match &p.kind {
            crate::view::catalog::Kind::List(f) | crate::view::catalog::Kind::Object(f) => {
                f.get(k).is_some_and(|p| p.action)
            }
            _ => false,
        })
}

fn component_help(c: &crate::view::catalog::Component) -> String {
    let props: Vec<String> = c
        .props
        .iter()
        .map(|(name, p)| {
            let req = if p.is_required() { " (required)" } else { "" };
            format!("- `{name}`{req}: {}", p.kind.describe())
        })
        .collect();
    format!("**{}**\n\n{}\n\n{}", c.name, c.help, props.join("\n"))
}

/// An input (`$.Name...`) and the schema the view derives for it.
fn input_help(tree: &Tree, reference: &str) -> String {
    let rest = &reference[2..];
    let name = rest
        .split(['.', '['])
        .next()
        .unwrap_or(rest)
        .trim_start_matches('#');
    let schema = crate::view::schema::input_schema_of(tree, Catalog::builtin());
    match schema.get("properties").and_then(|p| p.get(name)) {
        Some(s) => format!(
            "input **{name}**, read from the data the view is shown with; its schema:\n\n```json\n{}\n```",
            serde_json::to_string_pretty(s).unwrap_or_default()
        ),
        None => format!("`{reference}`: not an input of the view's schema"),
    }
}

/// An action and the components that raise it.
fn action_help(tree: &Tree, name: &str, listed: &[String]) -> String {
    let uses = crate::view::edit::action_uses(tree, Catalog::builtin(), name);
    let mut by: Vec<String> = Vec::new();
    for r in uses {
        if let Some(n) = tree.node_at(r.start) {
            let node = tree.get(n);
            let label = format!("`{}` ({})", node.id.as_deref().unwrap_or("?"), node.ty());
            if !by.contains(&label) {
                by.push(label);
            }
        }
    }
    let listed = if listed.iter().any(|a| a == name) {
        "listed in Actions"
    } else {
        "**not** listed in Actions"
    };
    format!(
        "action **{name}** ({listed}), raised by {}",
        if by.is_empty() {
            "no component".to_string()
        } else {
            by.join(", ")
        }
    )
}

/// Hover on an item of a view file's `Actions` list.
fn action_in_list(s: &Snapshot, offset: usize) -> Option<String> {
    let doc = s.doc.as_ref()?;
    let i = doc
        .origin
        .spans
        .action_items
        .iter()
        .position(|r| r.contains(&offset))?;
    let name = doc.actions.get(i)?;
    match s.tree.as_deref() {
        Some(tree) => Some(action_help(tree, name, &doc.actions)),
        None => Some(format!("action **{name}**")),
    }
}

/// The component tree as document symbols: each component named by its `_id` (else its
/// Type), with its Type beside it.
pub fn symbols(s: &Snapshot) -> Vec<DocumentSymbol> {
    let Some(tree) = s.tree.as_deref() else {
        return Vec::new();
    };
    tree.body.iter().map(|&id| symbol(s, tree, id)).collect()
}

#[allow(deprecated)] // `deprecated` is a required member of the struct
fn symbol(s: &Snapshot, tree: &Tree, id: NodeId) -> DocumentSymbol {
    let n = tree.get(id);
    let range = s.text.range(s.outer(n.span.clone()));
    let selection = n
        .id_span
        .clone()
        .map_or(range, |r| s.text.range(s.outer(r)));
    let children: Vec<DocumentSymbol> = tree.children(id).map(|c| symbol(s, tree, c)).collect();
    DocumentSymbol {
        name: n.id.as_deref().unwrap_or(n.ty()).to_string(),
        detail: Some(n.ty().to_string()),
        kind: if tree.is_field(id) {
            SymbolKind::FIELD
        } else {
            SymbolKind::OBJECT
        },
        tags: None,
        deprecated: None,
        range,
        selection_range: selection,
        children: (!children.is_empty()).then_some(children),
    }
}

/// Go to definition from a condition's `ElementByKey` (or a linked output's
/// `_linkedFormOutputName`) to the field of that `Name`.
pub fn definition(s: &Snapshot, pos: Position) -> Option<lsp_types::Range> {
    let tree = s.tree.as_deref()?;
    let a = at(tree, s.inner(s.text.offset(pos))?)?;
    if a.on_key || !matches!(a.key, Some("ElementByKey" | "_linkedFormOutputName")) {
        return None;
    }
    let field = tree.get(tree.field(a.value.as_str()?)?);
    let target = field
        .prop("Name")
        .map_or(field.span.clone(), |n| n.span.clone());
    Some(s.text.range(s.outer(target)))
}
