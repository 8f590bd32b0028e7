//! View documents: the three shapes, byte-exact round trips, export, schema and
//! hostile input.

use std::path::Path;

use connect_views::view::document::write_atomic;
use connect_views::view::schema::input_names;
use connect_views::view::{
    Code, Format, Level, LoadError, Template, ViewDocument, content_sha256, input_schema, validate,
};
use serde_json::json;

use crate::common::{at, diagnostics, example, examples, in_container, temp_dir};

#[test]
fn view_files_round_trip_byte_for_byte() {
    for path in examples() {
        let original = std::fs::read_to_string(&path).unwrap();
        let doc = ViewDocument::load(&path).unwrap();
        assert_eq!(doc.origin.format, Format::ViewFile);
        assert_eq!(
            doc.to_view_file(false).unwrap(),
            original,
            "{}",
            path.display()
        );
        assert_eq!(
            doc.to_view_file(true).unwrap(),
            original,
            "{}",
            path.display()
        );
    }
}

#[test]
fn template_key_order_is_kept() {
    let text = in_container(
        "[]",
        r#"{"Type": "Loader", "Content": [], "_id": "z", "Props": {}}"#,
    );
    let doc = ViewDocument::from_text(&text, None).unwrap();
    let formatted = doc.to_view_file(true).unwrap();
    let t = formatted.find("\"Type\": \"Loader\"").unwrap();
    let c = formatted.find("\"Content\": []").unwrap();
    let i = formatted.find("\"_id\": \"z\"").unwrap();
    assert!(t < c && c < i, "{formatted}");
}

#[test]
fn cli_input_and_export_agree() {
    let doc = ViewDocument::load(&example("order-cards.view.json")).unwrap();
    let exported = doc.to_cli_input(Some("inst-1"), Some("SAVED")).unwrap();
    assert_eq!(exported["InstanceId"], "inst-1");
    assert_eq!(exported["Status"], "SAVED");
    assert_eq!(
        exported["Content"]["Actions"],
        json!(["Refund", "Reship", "Skip"])
    );
    let template = exported["Content"]["Template"].as_str().unwrap();
    assert!(!template.contains('\n'), "the template is sent compact");
    assert_eq!(template, doc.compact_template().unwrap());
    assert_eq!(exported["Tags"], json!({"team": "support"}));

    // Loading the exported shape gives back the same view.
    let text = serde_json::to_string_pretty(&exported).unwrap();
    let again = ViewDocument::from_text(&text, None).unwrap();
    assert_eq!(again.origin.format, Format::CliInput);
    assert_eq!(again.name, doc.name);
    assert_eq!(again.actions, doc.actions);
    assert_eq!(again.compact_template().unwrap(), template);
    assert!(validate(&again, Level::Published).is_empty());
}

#[test]
fn export_leaves_sample_data_out() {
    let text = std::fs::read_to_string(example("callback-form.view.json")).unwrap();
    let text = text.replacen(
        "{\n",
        "{\n  \"SampleData\": {\"default\": {\"PhoneNumber\": \"+15550100\"}},\n",
        1,
    );
    let doc = ViewDocument::from_text(&text, None).unwrap();
    assert!(validate(&doc, Level::Published).is_empty());
    assert!(doc.extra.contains_key("SampleData"));
    let exported = doc.to_cli_input(None, None).unwrap();
    assert!(exported.get("SampleData").is_none());
    // ...but the view file keeps it.
    assert!(doc.to_view_file(true).unwrap().contains("\"SampleData\""));
}

#[test]
fn bare_templates_take_name_and_actions_from_file_and_template() {
    let dir = temp_dir();
    let path = dir.path().join("refunds.json");
    let doc = ViewDocument::load(&example("order-cards.view.json")).unwrap();
    std::fs::write(&path, &doc.template).unwrap();
    let bare = ViewDocument::load(&path).unwrap();
    assert_eq!(bare.origin.format, Format::BareTemplate);
    assert_eq!(bare.name, "refunds");
    assert_eq!(bare.actions, vec!["Refund", "Reship", "Skip"]);
    assert!(validate(&bare, Level::Published).is_empty());
}

#[test]
fn schema_follows_references() {
    let doc = ViewDocument::load(&example("customer-detail.view.json")).unwrap();
    let template = Template::parse(&doc.template).unwrap();
    let schema = input_schema(&template);
    assert_eq!(
        input_names(&template),
        vec!["CustomerName", "Account", "Orders", "Notice"]
    );
    // Nested members are described, not required (the service requires only the inputs).
    // Each input is `anyOf` its shape and a `$.#` integration reference.
    let account = &schema["properties"]["Account"]["anyOf"][0];
    assert_eq!(account["type"], "object");
    let members: Vec<&String> = account["properties"].as_object().unwrap().keys().collect();
    assert_eq!(members, ["Id", "Tier"]);
    assert_eq!(account.get("required"), None);
    let orders = &schema["properties"]["Orders"]["anyOf"][0];
    assert_eq!(orders["type"], "array");
    let members: Vec<&String> = orders["items"]["properties"]
        .as_object()
        .unwrap()
        .keys()
        .collect();
    assert_eq!(members, ["Id", "Date"]);
    assert_eq!(
        schema["required"],
        json!(["CustomerName", "Account", "Orders", "Notice"])
    );
}

#[test]
fn checksum_is_of_the_content_as_sent() {
    let doc = ViewDocument::load(&example("order-cards.view.json")).unwrap();
    let sum = content_sha256(&doc.compact_template().unwrap(), &doc.actions);
    assert_eq!(sum.len(), 64);
    assert!(
        sum.chars()
            .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
    );
}

#[test]
fn non_utf8_and_empty_files_are_diagnostics() {
    let dir = temp_dir();
    let bad = dir.path().join("bad.view.json");
    std::fs::write(&bad, b"{\n  \"Name\": \"caf\xe9\"\n}").unwrap();
    match ViewDocument::load(&bad) {
        Err(LoadError::Invalid { diagnostics, .. }) => {
            assert_eq!(diagnostics[0].code, Code::Encoding);
            let start = diagnostics[0].start().unwrap();
            assert_eq!((start.line, start.column), (2, 15));
        }
        other => panic!("expected a diagnostic, got {other:?}"),
    }
    let empty = dir.path().join("empty.view.json");
    std::fs::write(&empty, "  \n").unwrap();
    match ViewDocument::load(&empty) {
        Err(LoadError::Invalid { diagnostics, .. }) => {
            assert_eq!(diagnostics[0].code, Code::Encoding)
        }
        other => panic!("expected a diagnostic, got {other:?}"),
    }
    match ViewDocument::load(dir.path()) {
        Err(LoadError::Io { error, .. }) => assert!(error.to_string().contains("directory")),
        other => panic!("expected an I/O error, got {other:?}"),
    }
}

#[test]
fn hostile_documents_get_diagnostics_not_panics() {
    let deep = format!(
        "{{\"Head\": {{\"Title\": \"x\"}}, \"Body\": {}{}}}",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    let d = diagnostics(&deep, Level::Published);
    assert_eq!(d[0].code, Code::TooDeep);

    let d = diagnostics("\"just a string\"", Level::Published);
    assert_eq!(d[0].code, Code::DocumentShape);
    let d = diagnostics("[{\"Head\": {}}]", Level::Published);
    assert_eq!(d[0].code, Code::DocumentShape);

    // A template that is an array or a string inside a view file.
    let text = "{\"Name\": \"x\", \"Actions\": [], \"Template\": [1]}";
    let d = diagnostics(text, Level::Published);
    assert_eq!(d[0].code, Code::TemplateShape);
    assert_eq!(d[0].start(), Some(at(text, "[1]")));
    let text = "{\"Name\": \"x\", \"Actions\": [], \"Template\": \"[1, 2]\"}";
    let d = diagnostics(text, Level::Published);
    assert!(d.iter().any(|d| d.code == Code::TemplateShape), "{d:?}");
}

#[test]
fn a_ten_megabyte_file_is_checked_and_refused_for_size() {
    let text = connect_views::view::generate::large_view_file(10_000_000);
    assert!(text.len() >= 9_900_000);
    let d = diagnostics(&text, Level::Published);
    assert!(
        d.iter().any(|d| d.code == Code::ContentTooLarge),
        "{:?}",
        d.first()
    );
    assert!(
        d.iter().all(|d| d.code == Code::ContentTooLarge),
        "{:?}",
        d.first()
    );
}

#[test]
fn the_generated_benchmark_template_is_valid() {
    let text = connect_views::view::generate::large_view_file(400_000);
    let doc = ViewDocument::from_text(&text, None).unwrap();
    let d = validate(&doc, Level::Published);
    assert!(d.is_empty(), "{:?}", d.first());
}

#[test]
fn atomic_writes_leave_the_old_file_on_failure() {
    let dir = temp_dir();
    let path = dir.path().join("v.view.json");
    std::fs::write(&path, "old").unwrap();
    write_atomic(&path, b"new").unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
    // A target inside a missing directory fails and writes nothing anywhere.
    let missing = dir.path().join("nope").join("v.view.json");
    assert!(write_atomic(&missing, b"x").is_err());
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(left.len(), 1, "no temporary file is left behind");
    assert!(Path::new(&path).exists());
}
