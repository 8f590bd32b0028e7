//! `connect-views fmt FILE... [--check]`

use crate::cli::FmtArgs;
use crate::view::document::write_atomic;
use crate::view::{Code, Level, validate};

use super::{FAILED, OK, USAGE, load_or_report};
use crate::view::report;

/// Codes that mean the canonical form would drop something the author wrote.
const LOSSY: &[Code] = &[
    Code::Syntax,
    Code::Comment,
    Code::TrailingComma,
    Code::DuplicateKey,
    Code::TooDeep,
    Code::Encoding,
];

pub fn run(args: &FmtArgs) -> u8 {
    let mut status = OK;
    for path in &args.files {
        let doc = match load_or_report(path) {
            Ok(doc) => doc,
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
        if formatted.as_str() == &*doc.origin.source {
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
