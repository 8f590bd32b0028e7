//! Headless commands: thin users of the domain (and, for the service commands, of
//! the Connect client). Each returns the process exit status: 0 success, 1 the
//! view (or the service) said no, 2 usage or I/O error.
//!
//! They print with `outln!` and `out!`, never `println!`: a write error on standard
//! output (`> /dev/full`) is remembered, nothing more is printed, and [`finish_output`]
//! turns it into exit 2 with a message instead of a panic.

/// Prints a line to standard output; a write error is remembered (see [`finish_output`]).
macro_rules! outln {
    () => {
        $crate::commands::write_stdout(format_args!("\n"))
    };
    ($($arg:tt)*) => {
        $crate::commands::write_stdout(format_args!("{}\n", format_args!($($arg)*)))
    };
}

/// Prints to standard output without a newline; a write error is remembered.
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::commands::write_stdout(format_args!($($arg)*))
    };
}

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
pub mod tools;
pub mod used_by;
pub mod validate;

use std::path::Path;

use crate::view::{LoadError, ViewDocument, report};

/// Exit status: success.
pub const OK: u8 = 0;
/// Exit status: the view has errors, or the service refused.
pub const FAILED: u8 = 1;
/// Exit status: usage or I/O error.
pub const USAGE: u8 = 2;

static STDOUT_ERROR: std::sync::OnceLock<std::io::Error> = std::sync::OnceLock::new();

/// Writes to standard output unless an earlier write failed; a failure is remembered.
pub fn write_stdout(args: std::fmt::Arguments<'_>) {
    use std::io::Write;
    if STDOUT_ERROR.get().is_some() {
        return;
    }
    if let Err(e) = std::io::stdout().lock().write_fmt(args) {
        let _ = STDOUT_ERROR.set(e);
    }
}

/// The exit status once a command is done: standard output flushed, and a write error on
/// it, now or earlier, said and turned into exit 2 (whatever the command returned, since
/// what it printed did not all arrive).
pub fn finish_output(code: u8) -> u8 {
    use std::io::Write;
    if STDOUT_ERROR.get().is_none()
        && let Err(e) = std::io::stdout().lock().flush()
    {
        let _ = STDOUT_ERROR.set(e);
    }
    match STDOUT_ERROR.get() {
        // The reader went away (`| head`): it has what it wanted.
        Some(e) if e.kind() == std::io::ErrorKind::BrokenPipe => code,
        Some(e) => {
            eprintln!(
                "error: cannot write to standard output: {e}; what was printed is incomplete"
            );
            USAGE
        }
        None => code,
    }
}

/// Loads a document; on failure prints what is wrong and returns the exit status to use.
pub fn load_or_report(path: &Path) -> Result<ViewDocument, u8> {
    report_load(path, ViewDocument::load(path))
}

/// What [`load_or_report`] does with a load's result.
pub fn report_load(
    path: &Path,
    loaded: Result<ViewDocument, LoadError>,
) -> Result<ViewDocument, u8> {
    match loaded {
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
