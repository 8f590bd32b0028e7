//! What a document brings to a new designer state.

use std::path::PathBuf;

use indexmap::IndexMap;

use super::{Meta, STARTER};
use crate::view::{Format, Template, ViewDocument};

/// The template text to edit: minified templates are pretty-printed (the file changes only
/// when saved).
pub(super) fn editable(template: &str) -> String {
    let trimmed = template.trim();
    if !trimmed.contains('\n')
        && trimmed.len() > 40
        && let Ok(t) = Template::parse(trimmed)
    {
        return t.to_pretty();
    }
    template.to_string()
}

/// What a document brings to a new state.
pub(super) struct Opened {
    pub meta: Meta,
    pub template: String,
    pub extra: serde_json::Map<String, serde_json::Value>,
    pub path: Option<PathBuf>,
    pub format: Format,
    pub original: Option<(String, String)>,
}

impl Opened {
    pub(super) fn of(doc: ViewDocument) -> Opened {
        let meta = Meta {
            name: doc.name.clone(),
            description: doc.description.clone(),
            tags: doc.tags.clone(),
            actions: doc.actions.clone(),
        };
        let original = match doc.origin.format {
            Format::ViewFile => doc.to_view_file(false).ok(),
            Format::BareTemplate => Some(doc.template.clone()),
            Format::CliInput => doc.to_canonical_text().ok(),
        }
        .map(|rendered| (doc.origin.source.to_string(), rendered));
        Opened {
            meta,
            template: editable(&doc.template),
            extra: doc.extra,
            path: doc.origin.path,
            format: doc.origin.format,
            original,
        }
    }

    /// A new view, from the starter template.
    pub(super) fn new_view() -> Opened {
        Opened {
            meta: Meta {
                name: "New view".into(),
                description: None,
                tags: IndexMap::new(),
                actions: vec!["Done".into()],
            },
            template: STARTER.to_string(),
            extra: serde_json::Map::new(),
            path: None,
            format: Format::ViewFile,
            original: None,
        }
    }
}
