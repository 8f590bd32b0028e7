//! Validation and input-schema derivation of a generated 400 kB template, beside a
//! bare `serde_json::from_str::<Value>` of the same bytes.

use std::hint::black_box;

use connect_views::view::complete;
use connect_views::view::data::{DataSchema, check_data, skeleton};
use connect_views::view::generate::large_view_file;
use connect_views::view::preview::{self, PreviewState};
use connect_views::view::tree::Tree;
use connect_views::view::{
    Catalog, Level, Template, ViewDocument, analyze, input_schema, validate,
};
use criterion::{Criterion, criterion_group, criterion_main};

fn benches(c: &mut Criterion) {
    let file = large_view_file(430_000);
    let doc = ViewDocument::from_text(&file, None).expect("generated view loads");
    let template_text = doc.template.clone();
    assert!(validate(&doc, Level::Published).is_empty());
    let template = Template::parse(&template_text).expect("template parses");
    eprintln!(
        "view file {} bytes, template {} bytes, {} components",
        file.len(),
        template_text.len(),
        template_text.matches("\"_id\"").count()
    );

    let mut g = c.benchmark_group("template_400kB");
    g.bench_function("serde_json_from_str_value", |b| {
        b.iter(|| serde_json::from_str::<serde_json::Value>(black_box(&template_text)).unwrap())
    });
    g.bench_function("validate_published", |b| {
        b.iter(|| validate(black_box(&doc), Level::Published))
    });
    g.bench_function("load_and_validate_file", |b| {
        b.iter(|| {
            let doc = ViewDocument::from_text(black_box(&file), None).unwrap();
            validate(&doc, Level::Published)
        })
    });
    g.bench_function("input_schema", |b| {
        b.iter(|| input_schema(black_box(&template)))
    });
    g.finish();

    // The preview: the tree lowered from a parse, laid out at a 200-column screen's pane
    // (the layout is cached per revision, so this is its cost once per edit).
    let mut g = c.benchmark_group("preview_400kB");
    let tree = Tree::parse(&template_text).expect("template parses");
    let state = PreviewState::default();
    let layout = preview::layout(&tree, &serde_json::Value::Null, &state, 67);
    eprintln!(
        "preview: {} lines, {} pressable elements",
        layout.lines.len(),
        layout.hotspots.len()
    );
    g.bench_function("lower_tree", |b| {
        b.iter(|| Tree::parse(black_box(&template_text)))
    });
    g.bench_function("layout_at_67_columns", |b| {
        b.iter(|| preview::layout(black_box(&tree), &serde_json::Value::Null, &state, 67))
    });
    g.finish();

    // Sample data: the skeleton of every input, its strings padded to about 16 KB in all.
    let schema = DataSchema::derived(&template);
    let mut data = skeleton(&schema);
    pad_to(&mut data, 16_000);
    let data_len = serde_json::to_string(&data).unwrap().len();
    let findings = check_data(&schema, &data, None);
    assert!(findings.is_empty(), "{findings:?}");
    eprintln!(
        "ViewData {data_len} bytes, {} inputs, schema {} bytes",
        schema.inputs().len(),
        serde_json::to_string(&schema.value).unwrap().len()
    );
    let mut g = c.benchmark_group("check_data_16kB");
    g.bench_function("check_against_400kB_template_schema", |b| {
        b.iter(|| check_data(black_box(&schema), black_box(&data), None))
    });
    g.bench_function("derive_and_compile_schema", |b| {
        b.iter(|| DataSchema::derived(black_box(&template)))
    });
    g.bench_function("derive_and_compile_schema_from_tree", |b| {
        b.iter(|| DataSchema::of_tree(black_box(&tree), Catalog::builtin()))
    });
    g.finish();

    // Completion in the middle of the template: the cursor after `"Props": {"` of a Card,
    // the context read from the start, the view's inputs scanned, the candidates ranked.
    let at = template_text[template_text.len() / 2..]
        .find("\"Type\": \"Card\"")
        .map(|i| template_text.len() / 2 + i)
        .expect("a card");
    let props = at + template_text[at..].find("\"Props\": {").unwrap() + "\"Props\": {".len();
    let mut typed = template_text.clone();
    typed.insert_str(props, "\"Hea");
    let cursor = props + 4;
    let mut g = c.benchmark_group("complete_400kB");
    g.bench_function("context_and_candidates", |b| {
        b.iter(|| {
            let cx = complete::context(black_box(&typed), cursor);
            let known = complete::Known::scan(&typed, &doc.actions);
            complete::candidates(&cx, Catalog::builtin(), &known)
        })
    });
    g.finish();
    let cx = complete::context(&typed, cursor);
    let first = complete::candidates(&cx, Catalog::builtin(), &complete::Known::default());
    assert_eq!(first.first().map(|c| c.text.as_str()), Some("Heading"));

    // The component diff of two 400 kB templates: the same view with a heading changed.
    let changed_text =
        template_text.replacen("\"Heading\": \"Card 1\"", "\"Heading\": \"Card one\"", 1);
    let (ta, tb) = (
        Tree::parse(&template_text).unwrap(),
        Tree::parse(&changed_text).unwrap(),
    );
    let d = connect_views::view::diff::diff(
        &connect_views::view::diff::Side {
            tree: &ta,
            actions: &doc.actions,
        },
        &connect_views::view::diff::Side {
            tree: &tb,
            actions: &doc.actions,
        },
        Catalog::builtin(),
    );
    assert_eq!(
        d.summary.changed,
        1,
        "{}",
        connect_views::view::diff::render_text(&d)
    );
    let mut g = c.benchmark_group("diff_400kB");
    g.bench_function("component_diff", |b| {
        b.iter(|| {
            connect_views::view::diff::diff(
                &connect_views::view::diff::Side {
                    tree: black_box(&ta),
                    actions: &doc.actions,
                },
                &connect_views::view::diff::Side {
                    tree: black_box(&tb),
                    actions: &doc.actions,
                },
                Catalog::builtin(),
            )
        })
    });
    g.finish();

    // One revision as the designer analyses it: the parse, the rules, the tree, the
    // schema from the tree, and the 16 kB data set checked against it.
    let data_text = serde_json::to_string_pretty(&data).unwrap();
    let mut g = c.benchmark_group("analyze_400kB");
    g.bench_function("analyze_without_data", |b| {
        b.iter(|| analyze(black_box(&doc), Level::Published, None, Catalog::builtin()))
    });
    g.bench_function("analyze_with_16kB_data", |b| {
        b.iter(|| {
            analyze(
                black_box(&doc),
                Level::Published,
                Some(("default".into(), data_text.clone())),
                Catalog::builtin(),
            )
        })
    });
    g.finish();
    hostile(c);
}

/// A 12 MB one-line template with 100,000 Buttons, each raising an action the view does not
/// list: every diagnostic lands on one line, so anything per-diagnostic that rescans the
/// line is quadratic.
fn hostile(c: &mut Criterion) {
    use connect_views::view::generate::hostile_view_file;
    use connect_views::view::report::{render_text, to_json};
    let file = hostile_view_file(100_000, 12_000_000);
    let path = std::path::Path::new("hostile.view.json");
    let doc = ViewDocument::from_text(&file, Some(path)).expect("hostile file loads");
    let diagnostics = validate(&doc, Level::Published);
    eprintln!(
        "hostile file {} bytes on {} line, {} diagnostics",
        file.len(),
        file.lines().count(),
        diagnostics.len()
    );
    let mut g = c.benchmark_group("hostile_12MB");
    g.sample_size(10);
    g.bench_function("load_and_validate", |b| {
        b.iter(|| {
            let doc = ViewDocument::from_text(black_box(&file), Some(path)).unwrap();
            validate(&doc, Level::Published)
        })
    });
    g.bench_function("render_text", |b| {
        b.iter(|| render_text(path, black_box(&file), black_box(&diagnostics)))
    });
    g.bench_function("render_json", |b| {
        b.iter(|| serde_json::to_string_pretty(&to_json(path, black_box(&diagnostics))).unwrap())
    });
    g.finish();
}

/// Lengthens every string of `value` evenly until its compact JSON is about `target` bytes.
fn pad_to(value: &mut serde_json::Value, target: usize) {
    fn count(v: &serde_json::Value) -> usize {
        match v {
            serde_json::Value::String(_) => 1,
            serde_json::Value::Array(a) => a.iter().map(count).sum(),
            serde_json::Value::Object(o) => o.values().map(count).sum(),
            _ => 0,
        }
    }
    fn pad(v: &mut serde_json::Value, each: usize) {
        match v {
            serde_json::Value::String(s) => s.push_str(&"x".repeat(each)),
            serde_json::Value::Array(a) => a.iter_mut().for_each(|x| pad(x, each)),
            serde_json::Value::Object(o) => o.values_mut().for_each(|x| pad(x, each)),
            _ => {}
        }
    }
    let len = serde_json::to_string(value).unwrap().len();
    let n = count(value);
    if n > 0 && len < target {
        pad(value, (target - len) / n);
    }
}

criterion_group!(validation, benches);
criterion_main!(validation);
