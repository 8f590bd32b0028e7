//! One analysis per revision: the template parsed once, and everything read from that
//! parse. The rules walk it, the tree is lowered from it, and the input schema, the sample
//! data's check and the preview read the tree; nothing parses the template again.

use std::sync::Arc;

use super::catalog::Catalog;
use super::data::{DataSchema, check_data, locate, parse_data};
use super::diagnostic::{self, Diagnostic};
use super::document::ViewDocument;
use super::tree::Tree;
use super::validate::{Level, check};

/// What one revision of a view is, as far as this tool can tell without the service.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    pub level: Option<Level>,
    /// The document's findings at `level` (metadata, template, actions), located.
    pub diagnostics: Vec<Diagnostic>,
    /// Actions raised by components, in order of first appearance.
    pub raised: Vec<String>,
    /// The component tree (none when the template does not parse).
    pub tree: Option<Arc<Tree>>,
    /// The input schema derived from the tree, with its lints, when a data set was checked
    /// against it (compiling it costs about as much as the rules on a 400 kB template, so a
    /// revision without sample data does not pay for it; [`DataSchema::of_tree`] derives it
    /// from `tree` on demand).
    pub schema: Option<Arc<DataSchema>>,
    /// The sample data set checked with this revision, if one was given.
    pub data: Option<DataFindings>,
}

/// A sample data set's check: its name and what was found, located in its text.
#[derive(Debug, Clone)]
pub struct DataFindings {
    pub set: String,
    pub diagnostics: Vec<Diagnostic>,
}

/// Analyses a document at `level`, and a sample data set (its name and text) against the
/// schema its template derives.
pub fn analyze(
    doc: &ViewDocument,
    level: Level,
    data: Option<(String, String)>,
    catalog: &Catalog,
) -> Analysis {
    let checked = check(doc, level, catalog);
    let schema = checked
        .tree
        .as_ref()
        .filter(|_| data.is_some())
        .map(|tree| Arc::new(DataSchema::of_tree(tree, catalog)));
    let data = data.map(|(set, text)| DataFindings {
        set,
        diagnostics: schema
            .as_ref()
            .map(|s| check_data_with(s, &text))
            .unwrap_or_default(),
    });
    Analysis {
        level: Some(level),
        diagnostics: checked.diagnostics,
        raised: checked.raised_actions,
        tree: checked.tree,
        schema,
        data,
    }
}

/// A data set given as text checked against a schema; findings located in the text.
pub fn check_data_with(schema: &DataSchema, text: &str) -> Vec<Diagnostic> {
    let mut out = match parse_data(text) {
        Ok(value) => {
            let mut d = check_data(schema, &value, None);
            locate(&mut d, text, "");
            d
        }
        Err(problems) => problems,
    };
    diagnostic::sort(&mut out);
    out
}
