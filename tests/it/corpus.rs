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

/// The designer derives the input schema and checks sample data from the tree of its one
/// parse; the endpoint and the command line derive them from the text. Both must agree on
/// every real template and every example: the same schema, property for property and in
/// order, and the same findings for data that lacks everything and for the skeleton.
#[test]
fn the_tree_derives_what_the_text_derives() {
    use connect_views::view::data::{DataSchema, check_data, skeleton};
    use connect_views::view::tree::Tree;
    use connect_views::view::{Catalog, Template};
    let examples = std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples"))
        .expect("examples")
        .map(|e| e.expect("readable").path());
    let (mut compared, mut with_inputs, mut with_findings) = (0, 0, 0);
    for path in corpus().into_iter().chain(examples) {
        let doc = ViewDocument::load(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let from_text = DataSchema::derived(&Template::parse(&doc.template).expect("parses"));
        let tree = Tree::parse(&doc.template).expect("parses");
        let from_tree = DataSchema::of_tree(&tree, Catalog::builtin());
        assert_eq!(
            serde_json::to_string(&from_tree.value).unwrap(),
            serde_json::to_string(&from_text.value).unwrap(),
            "{}",
            path.display()
        );
        for data in [serde_json::json!({}), skeleton(&from_text)] {
            let show = |s: &DataSchema| {
                check_data(s, &data, None)
                    .iter()
                    .map(|d| format!("{} {} {}", d.code, d.pointer, d.message))
                    .collect::<Vec<_>>()
            };
            let found = show(&from_tree);
            with_findings += usize::from(!found.is_empty());
            assert_eq!(found, show(&from_text), "{}", path.display());
        }
        with_inputs += usize::from(!from_tree.inputs().is_empty());
        compared += 1;
    }
    assert!(compared >= 24, "{compared} templates compared");
    // Not a comparison of nothings: most have inputs, and data lacking them is found out.
    assert!(
        with_inputs >= 10 && with_findings >= 10,
        "{with_inputs} with inputs, {with_findings} data sets with findings"
    );
}

/// Every real view of the corpus, written as a view file, is valid against the JSON
/// Schema at the published level (`connect-views json-schema`), as are the examples with
/// `"$schema"` in them; and the validator reads `"$schema"` without a word.
#[test]
fn every_real_view_is_valid_against_the_json_schema() {
    use connect_views::view::{Catalog, json_schema};
    let schema = json_schema::of(Catalog::builtin(), Level::Published);
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    let mut checked = 0;
    for path in corpus().into_iter().chain(crate::common::examples()) {
        let doc = ViewDocument::load(&path).expect("loads");
        let mut value: serde_json::Value =
            serde_json::from_str(&doc.to_view_file(true).unwrap()).unwrap();
        value["$schema"] = json_schema::ID.into();
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", relative_or(&path));
        let text = serde_json::to_string_pretty(&value).unwrap();
        let with = ViewDocument::from_text(&text, Some(&path)).unwrap();
        let codes = |d: &ViewDocument| -> Vec<_> {
            validate(d, Level::Published)
                .iter()
                .map(|d| (d.code, d.severity))
                .collect()
        };
        let plain = doc.to_view_file(true).unwrap();
        let without = ViewDocument::from_text(&plain, Some(&path)).unwrap();
        assert_eq!(
            codes(&with),
            codes(&without),
            "{}: $schema changed the findings",
            path.display()
        );
        checked += 1;
    }
    assert!(checked >= 20, "{checked}");
}

fn relative_or(path: &Path) -> String {
    path.strip_prefix(Path::new(env!("CARGO_MANIFEST_DIR")))
        .unwrap_or(path)
        .display()
        .to_string()
}
