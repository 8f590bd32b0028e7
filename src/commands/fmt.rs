//! `connect-views fmt FILE... [--check]`

use crate::cli::FmtArgs;
use crate::view::document::write_atomic;
use crate::view::{Level, validate};

use super::{FAILED, OK, USAGE, report_load};
use crate::view::document::BOM;
use crate::view::report;
use crate::view::{LoadError, ViewDocument};

use crate::view::diagnostic::LOSES_TEXT as LOSSY;

pub fn run(args: &FmtArgs) -> u8 {
    let mut status = OK;
    for path in &args.files {
        let (doc, bom) = match load_without_bom(path) {
            Ok(loaded) => loaded,
            Err(code) => {
                status = status.max(code);
                continue;
            }
        };
        let diagnostics = validate(&doc, Level::Saved);
        let lossy: Vec<_> = diagnostics
            .iter()
            .filter(|d| LOSSY.contains(&d.code))
            .cloned()
            .collect();
        if !lossy.is_empty() {
            eprint!("{}", report::render_text(path, &doc.origin.source, &lossy));
            eprintln!(
                "error: {} left unformatted: fix the errors above first, so nothing is lost",
                path.display()
            );
            status = status.max(FAILED);
            continue;
        }
        let formatted = match doc.to_canonical_text() {
            Ok(text) => text,
            Err(e) => {
                eprintln!("error: {}: {e}", path.display());
                status = status.max(FAILED);
                continue;
            }
        };
        // A byte-order mark is removed even when the rest is canonical already.
        if formatted.as_str() == &*doc.origin.source && !bom {
            continue;
        }
        if args.check {
            outln!("would reformat {}", path.display());
            status = status.max(FAILED);
        } else if let Err(e) = write_atomic(path, formatted.as_bytes()) {
            eprintln!(
                "error: cannot write {}: {e}; the file is unchanged",
                path.display()
            );
            status = USAGE;
        } else {
            outln!("formatted {}", path.display());
        }
    }
    status
}

/// Loads a file, reading past a byte-order mark (which `fmt` removes; everything else
/// refuses it), and says whether there was one. The file is read once: a load refused for
/// the mark hands back the text.
fn load_without_bom(path: &std::path::Path) -> Result<(ViewDocument, bool), u8> {
    match ViewDocument::load(path) {
        Err(LoadError::Invalid { source, .. }) if source.starts_with(BOM) => {
            let rest = &source[BOM.len_utf8()..];
            report_load(path, ViewDocument::from_text(rest, Some(path))).map(|doc| (doc, true))
        }
        loaded => report_load(path, loaded).map(|doc| (doc, false)),
    }
}
