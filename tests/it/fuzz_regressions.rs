//! The fuzzers' kept corpora and regression cases, run as ordinary tests: each input goes
//! through exactly what the fuzz target runs (`connect_views::fuzzing`).

use std::path::Path;

fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut out = Vec::new();
    for dir in [
        root.join("corpus").join(target),
        root.join("regressions").join(target),
    ] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            out.push((
                e.path().display().to_string(),
                std::fs::read(e.path()).unwrap(),
            ));
        }
    }
    out.sort();
    out
}

#[test]
fn load_validate_corpus_and_regressions() {
    let cases = inputs("load_validate");
    assert!(cases.len() >= 5, "the corpus is in the repository");
    for (name, data) in cases {
        let result = std::panic::catch_unwind(|| connect_views::fuzzing::load_and_validate(&data));
        assert!(result.is_ok(), "{name} panicked");
    }
}

#[test]
fn endpoint_request_corpus_and_regressions() {
    let cases = inputs("endpoint_request");
    assert!(cases.len() >= 5, "the corpus is in the repository");
    for (name, data) in cases {
        let result = std::panic::catch_unwind(|| connect_views::fuzzing::endpoint_request(&data));
        assert!(result.is_ok(), "{name} failed");
    }
}
