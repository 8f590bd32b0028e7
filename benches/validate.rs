//! Validation and input-schema derivation of a generated 400 kB template, beside a
//! bare `serde_json::from_str::<Value>` of the same bytes.

use std::hint::black_box;

use connect_views::view::generate::large_view_file;
use connect_views::view::{Level, Template, ViewDocument, input_schema, validate};
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
}

criterion_group!(validation, benches);
criterion_main!(validation);
