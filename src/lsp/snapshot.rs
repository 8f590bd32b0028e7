//! One revision of an open document, analysed once: the document loaded, the validator's
//! diagnostics at the chosen level (in the document's own text), and the component tree
//! (in the template's text, mapped to the document's where it lies there verbatim).

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::view::tree::{Json, NodeId, Spanned, Tree};
use crate::view::{Catalog, Code, Diagnostic, Format, Level, LoadError, ViewDocument, check};

use super::text::Text;

/// A revision of an open document and what was read from it.
pub struct Snapshot {
    pub text: Text,
    pub path: Option<PathBuf>,
    pub doc: Option<ViewDocument>,
    pub diagnostics: Vec<Diagnostic>,
    pub tree: Option<Arc<Tree>>,
    /// The level the diagnostics were checked at.
    pub level: Level,
    /// Some other JSON file (see [`foreign`]): nothing is said or offered about it.
    pub foreign: bool,
}

impl Snapshot {
    /// Loads and checks `text` (a view file, CLI input or bare template) at `level`.
    pub fn analyse(text: Text, path: Option<&Path>, level: Level) -> Snapshot {
        let (doc, mut diagnostics, tree) = match ViewDocument::from_text(&text.text, path) {
            Ok(doc) => {
                let c = check(&doc, level, Catalog::builtin());
                (Some(doc), c.diagnostics, c.tree)
            }
            Err(LoadError::Invalid { diagnostics, .. }) => (None, diagnostics, None),
            Err(LoadError::Io { .. }) => (None, Vec::new(), None),
        };
        let foreign = doc.is_none() && foreign(&text.text, path, &diagnostics);
        if foreign {
            diagnostics.clear();
        }
        Snapshot {
            text,
            path: path.map(Path::to_path_buf),
            doc,
            diagnostics,
            tree,
            level,
            foreign,
        }
    }

    /// The document and its tree, when the text loads and its template parses.
    pub fn view(&self) -> Option<(&ViewDocument, &Tree)> {
        Some((self.doc.as_ref()?, self.tree.as_deref()?))
    }

    /// A range of the template mapped to the document's text.
    pub fn outer(&self, r: Range<usize>) -> Range<usize> {
        match &self.doc {
            Some(doc) => doc.origin.template_map.map_range(r),
            None => r,
        }
    }

    /// The same range, only where the document holds the template's text there verbatim
    /// (so an edit of it is an edit of the document): not inside an escaped template string.
    pub fn outer_verbatim(&self, r: Range<usize>) -> Option<Range<usize>> {
        let doc = self.doc.as_ref()?;
        let outer = self.outer(r.clone());
        (self.text.text.get(outer.clone())? == doc.template.get(r)?).then_some(outer)
    }

    /// The template offset at a document offset, where the template lies there.
    pub fn inner(&self, offset: usize) -> Option<usize> {
        let doc = self.doc.as_ref()?;
        let t = doc.origin.template_map.unmap(offset)?;
        (t <= doc.template.len()).then_some(t)
    }

    /// Whether edits of the template can be written into the document as they are.
    pub fn editable(&self) -> bool {
        self.doc
            .as_ref()
            .is_some_and(|d| d.origin.format != Format::CliInput)
    }
}

/// Whether a document that did not load as a view is some other JSON file rather than a view
/// being written. A client that selects documents by language id (VS Code's generic clients
/// attach to every `json` file) would otherwise get "this object is not a view" on each
/// `package.json`. A `*.view.json` file is always a view; another file is foreign when it is
/// not a JSON object with a member of a view, a CLI input or a template at its top level
/// (`Template`, `Content`, `Head`, `Body`), or, where it does not parse, names none of them.
pub fn foreign(text: &str, path: Option<&Path>, diagnostics: &[Diagnostic]) -> bool {
    let named = path
        .and_then(|p| p.file_name()?.to_str())
        .is_some_and(|n| n.ends_with(".view.json"));
    if named {
        return false;
    }
    let not_a_view = !diagnostics.is_empty()
        && diagnostics
            .iter()
            .all(|d| d.code == Code::DocumentShape && d.pointer.is_empty());
    let mentions = ["\"Template\"", "\"Content\"", "\"Head\"", "\"Body\""]
        .iter()
        .any(|m| text.contains(m));
    not_a_view || !mentions
}

/// What a string of the template at an offset is: the innermost component holding it, the
/// key of the member it is the value of, and the string.
pub struct At<'t> {
    pub node: NodeId,
    pub key: Option<&'t str>,
    pub value: &'t Spanned,
    /// The key itself is under the offset (not the value).
    pub on_key: bool,
}

/// The prop (key or value, at any depth) of the component at template offset `t`.
pub fn at(tree: &Tree, t: usize) -> Option<At<'_>> {
    let node = tree.node_at(t)?;
    let n = tree.get(node);
    for m in &n.props {
        if m.key_span.contains(&t) {
            return Some(At {
                node,
                key: Some(&m.key),
                value: &m.value,
                on_key: true,
            });
        }
        if let Some((key, value)) = deepest(Some(&m.key), &m.value, t) {
            return Some(At {
                node,
                key,
                value,
                on_key: false,
            });
        }
    }
    None
}

/// The innermost scalar value containing `t` below `v` (reached under `key`).
fn deepest<'t>(
    key: Option<&'t str>,
    v: &'t Spanned,
    t: usize,
) -> Option<(Option<&'t str>, &'t Spanned)> {
    if !(v.span.start <= t && t < v.span.end) {
        return None;
    }
    match &v.value {
        Json::Object(members) => members
            .iter()
            .find_map(|m| deepest(Some(&m.key), &m.value, t)),
        Json::Array(items) => items.iter().find_map(|i| deepest(key, i, t)),
        _ => Some((key, v)),
    }
}
