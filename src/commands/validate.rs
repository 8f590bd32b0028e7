//! `connect-views validate FILE... [--level saved|published] [--format text|json]`

use crate::cli::{FormatArg, ValidateArgs};
use crate::view::{LoadError, Tally, ViewDocument, validate};

use std::io::Write as _;

use super::{FAILED, OK, USAGE};
use crate::view::report;

pub fn run(args: &ValidateArgs) -> u8 {
    let level = args.level.into();
    let mut checked: Vec<(&std::path::Path, Vec<crate::view::Diagnostic>)> = Vec::new();
    let mut total = Tally::default();
    let mut unreadable = 0usize;
    let mut text = String::new();
    for path in &args.files {
        let (source, diagnostics) = match ViewDocument::load(path) {
            Ok(doc) => {
                let d = validate(&doc, level);
                (doc.origin.source.clone(), d)
            }
            Err(LoadError::Io { path, error }) => {
                eprintln!("error: cannot read {}: {error}", path.display());
                unreadable += 1;
                continue;
            }
            Err(LoadError::Invalid {
                source,
                diagnostics,
            }) => (source, diagnostics),
        };
        let tally = Tally::of(&diagnostics);
        total.add(tally);
        match args.format {
            FormatArg::Text => text.push_str(&report::render_text(path, &source, &diagnostics)),
            FormatArg::Json => checked.push((path, diagnostics)),
        }
    }
    match args.format {
        FormatArg::Text => {
            out!("{text}");
            // Only files that were read count as checked: an unreadable one is not "0 errors".
            let checked = args.files.len() - unreadable;
            let files = |n: usize| if n == 1 { "file" } else { "files" };
            if checked > 0 {
                outln!(
                    "{checked} {} checked at the {level} level: {total}",
                    files(checked)
                );
            }
            if unreadable > 0 {
                eprintln!(
                    "{unreadable} {} could not be read and {} not checked",
                    files(unreadable),
                    if unreadable == 1 { "was" } else { "were" }
                );
            }
        }
        FormatArg::Json => {
            // Streamed: 100,000 diagnostics are 40 MB of JSON.
            let all: Vec<_> = checked
                .iter()
                .flat_map(|(path, d)| report::to_json(path, d))
                .collect();
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            let written = serde_json::to_writer_pretty(&mut out, &all)
                .map_err(std::io::Error::from)
                .and_then(|()| writeln!(out))
                .and_then(|()| out.flush());
            if let Err(e) = written
                && e.kind() != std::io::ErrorKind::BrokenPipe
            {
                eprintln!("error: cannot write the diagnostics: {e}");
                return USAGE;
            }
        }
    }
    if unreadable > 0 {
        USAGE
    } else if total.errors > 0 {
        FAILED
    } else {
        OK
    }
}
