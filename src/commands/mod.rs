//! Headless commands: thin users of the domain (and, for the service commands, of
//! the Connect client). Each returns the process exit status: 0 success, 1 the
//! view (or the service) said no, 2 usage or I/O error.

pub mod components;
pub mod data;
pub mod diff;
pub mod edit;
pub mod export;
pub mod fmt;
pub mod preview;
pub mod promote;
pub mod schema;
pub mod serve;
pub mod service;
pub mod validate;

use std::path::Path;

use crate::view::{LoadError, ViewDocument, report};

/// Exit status: success.
pub const OK: u8 = 0;
/// Exit status: the view has errors, or the service refused.
pub const FAILED: u8 = 1;
/// Exit status: usage or I/O error.
pub const USAGE: u8 = 2;

/// Loads a document; on failure prints what is wrong and returns the exit status to use.
pub fn load_or_report(path: &Path) -> Result<ViewDocument, u8> {
    match ViewDocument::load(path) {
        Ok(doc) => Ok(doc),
        Err(LoadError::Io { path, error }) => {
            eprintln!("error: cannot read {}: {error}", path.display());
            Err(USAGE)
        }
        Err(LoadError::Invalid {
            source,
            diagnostics,
        }) => {
            eprint!("{}", report::render_text(path, &source, &diagnostics));
            Err(FAILED)
        }
    }
}
