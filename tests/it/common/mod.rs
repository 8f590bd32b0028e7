//! Harnesses shared by the integration tests.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use connect_views::view::source::{LineCol, LineIndex};
use connect_views::view::{Diagnostic, Level, LoadError, ViewDocument, validate};

/// The built binary.
pub fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_connect-views"));
    c.env("AWS_EC2_METADATA_DISABLED", "true")
        .env("NO_COLOR", "1");
    c
}

pub fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("the binary runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The repository's example views.
pub fn examples() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("assets/examples exists")
        .map(|e| e.expect("readable").path())
        .filter(|p| p.to_string_lossy().ends_with(".view.json"))
        .collect();
    files.sort();
    files
}

pub fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/examples")
        .join(name)
}

/// Diagnostics for a document text: load errors or validation results, located.
pub fn diagnostics(text: &str, level: Level) -> Vec<Diagnostic> {
    match ViewDocument::from_text(text, Some(Path::new("test.view.json"))) {
        Ok(doc) => validate(&doc, level),
        Err(LoadError::Invalid { diagnostics, .. }) => diagnostics,
        Err(e) => panic!("unexpected load error: {e}"),
    }
}

/// The line:column of the first occurrence of `needle` in `text`.
pub fn at(text: &str, needle: &str) -> LineCol {
    let offset = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} is not in the text"));
    LineIndex::new(text).line_col(text, offset)
}

/// A view file with the given actions (a JSON array) and Body (a JSON array).
pub fn view(actions: &str, body: &str) -> String {
    format!(
        "{{\n  \"Name\": \"Test view\",\n  \"Actions\": {actions},\n  \"Template\": {{\n    \"Head\": \
         {{\"Title\": \"Test\", \"Configuration\": {{}}}},\n    \"Body\": {body}\n  }}\n}}\n"
    )
}

/// A view with one Container holding `children` (JSON objects separated by commas).
pub fn in_container(actions: &str, children: &str) -> String {
    view(
        actions,
        &format!(
            "[\n      {{\"_id\": \"root\", \"Type\": \"Container\", \"Props\": {{}}, \"Content\": [\n        {children}\n      ]}}\n    ]"
        ),
    )
}

pub fn temp_dir() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary directory")
}
