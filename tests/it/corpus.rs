//! The corpus of real templates the service accepted (`tests/corpus`, sources in
//! `tests/corpus/SOURCES.md`): every one passes full validation with zero errors, and
//! the local endpoint publishes every one through the real SDK.

use std::path::{Path, PathBuf};

use aws_sdk_connect::types::ViewStatus;
use connect_views::view::{Level, Severity, ViewDocument, validate};

use crate::common::{Endpoint, INSTANCE, content};

fn corpus() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut files = Vec::new();
    for dir in std::fs::read_dir(&root).expect("tests/corpus exists") {
        let dir = dir.expect("readable").path();
        if !dir.is_dir() {
            continue;
        }
        for file in std::fs::read_dir(&dir).expect("readable") {
            let file = file.expect("readable").path();
            if file.extension().is_some_and(|e| e == "json") {
                files.push(file);
            }
        }
    }
    files.sort();
    files
}

fn relative(path: &Path) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    path.strip_prefix(&root)
        .expect("inside the corpus")
        .to_string_lossy()
        .replace('\\', "/")
}

#[test]
fn every_real_template_passes_full_validation_with_zero_errors() {
    let files = corpus();
    assert!(files.len() >= 21, "the corpus holds {} files", files.len());
    let mut failures = Vec::new();
    for path in &files {
        let doc = ViewDocument::load(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for level in [Level::Published, Level::Saved] {
            for d in validate(&doc, level)
                .into_iter()
                .filter(|d| d.severity == Severity::Error)
            {
                let at = d
                    .start()
                    .map(|s| format!("{}:{}", s.line, s.column))
                    .unwrap_or_default();
                failures.push(format!(
                    "{}:{at}: {level}: {}[{}] {}",
                    relative(path),
                    d.severity,
                    d.code,
                    d.message
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_corpus_file_names_its_source() {
    let sources = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/SOURCES.md"),
    )
    .expect("SOURCES.md");
    for path in corpus() {
        let name = relative(&path);
        assert!(
            sources.contains(&format!("`{name}`")),
            "{name} has no row in tests/corpus/SOURCES.md"
        );
    }
}

#[test]
fn the_corpus_uses_what_the_catalogue_learned_from_it() {
    // Each of these was an error before the catalogue knew it; the corpus must keep
    // holding them so the tests above mean something.
    let all: String = corpus()
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("readable"))
        .collect();
    for needle in [
        "\"Visibility\"",
        "\"Conditions\"",
        "\"ElementByKey\"",
        "\"Disabled\"",
        "\"ValidationPattern\"",
        "\"ConnectAction\"",
        "_linkedFormOutputName",
        "\"TextContent\"",
        "\"Integrations\"",
        "\"Columns\": \"\"",
        "\"--primary-color-50\"",
    ] {
        assert!(all.contains(needle), "no corpus file holds {needle}");
    }
}

#[tokio::test]
async fn the_local_endpoint_publishes_every_real_template() {
    let ep = Endpoint::start().await;
    let sdk = ep.sdk();
    for (i, path) in corpus().iter().enumerate() {
        let doc = ViewDocument::load(path).expect("loads");
        let template = doc.compact_template().expect("JSON");
        let created = sdk
            .create_view()
            .instance_id(INSTANCE)
            .name(format!("corpus-{i}"))
            .status(ViewStatus::Published)
            .content(content(&template, &doc.actions))
            .send()
            .await;
        match created {
            Ok(out) => {
                let view = out.view().expect("a view");
                assert_eq!(view.status(), Some(&ViewStatus::Published));
                assert_eq!(
                    view.content().and_then(|c| c.template()),
                    Some(template.as_str())
                );
            }
            Err(e) => panic!(
                "{}: the local endpoint refused it: {}",
                relative(path),
                aws_sdk_connect::error::DisplayErrorContext(&e)
            ),
        }
    }
}
