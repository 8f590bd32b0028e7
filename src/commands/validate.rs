//! `connect-views validate FILE... [--level saved|published] [--format text|json]`

use crate::cli::{FormatArg, ValidateArgs};
use crate::view::{LoadError, Tally, ViewDocument, validate};

use super::{FAILED, OK, USAGE, report};

pub fn run(args: &ValidateArgs) -> u8 {
    let level = args.level.into();
    let mut json = Vec::new();
    let mut total = Tally::default();
    let mut io_failed = false;
    let mut text = String::new();
    for path in &args.files {
        let (source, diagnostics) = match ViewDocument::load(path) {
            Ok(doc) => {
                let d = validate(&doc, level);
                (doc.origin.source.clone(), d)
            }
            Err(LoadError::Io { path, error }) => {
                eprintln!("error: cannot read {}: {error}", path.display());
                io_failed = true;
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
            FormatArg::Json => json.extend(
                report::to_json(path, &diagnostics)
                    .into_iter()
                    .map(|d| serde_json::to_value(d).expect("serializable")),
            ),
        }
    }
    match args.format {
        FormatArg::Text => {
            print!("{text}");
            let files = args.files.len();
            println!(
                "{} {} checked at the {level} level: {total}",
                files,
                if files == 1 { "file" } else { "files" }
            );
        }
        FormatArg::Json => {
            println!(
                "{}",
                serde_json::to_string_pretty(&json).expect("serializable")
            );
        }
    }
    if io_failed {
        USAGE
    } else if total.errors > 0 {
        FAILED
    } else {
        OK
    }
}
