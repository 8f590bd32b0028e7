//! The input schema as the service derives it, compared with the service's own outputs:
//! the WhatsApp form's `InputSchema` (aws-samples/sample-whatsapp-end-user-messaging-connect-chat,
//! `agent-initiated-whatsapp/config.py`), a widget snippet's, and the rules
//! mgaffigan/pulumi-amazon-connect's `test/e2e/views.e2e.test.ts` recorded by publishing.

use std::path::Path;

use aws_sdk_connect::types::ViewStatus;
use connect_views::view::data::{DataSchema, SchemaSource, check_data};
use connect_views::view::{Severity, Template, ViewDocument, input_schema};
use serde_json::{Value, json};

use crate::common::{Endpoint, INSTANCE, content};

fn root(rel: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

fn corpus(rel: &str) -> ViewDocument {
    ViewDocument::load(&root(&format!("tests/corpus/{rel}"))).unwrap()
}

fn service_schema(file: &str) -> Value {
    let text = std::fs::read_to_string(root(&format!("tests/input-schemas/{file}"))).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn derived(doc: &ViewDocument) -> Value {
    input_schema(&Template::parse(&doc.template).unwrap())
}

#[test]
fn the_whatsapp_forms_schema_is_the_services_exactly() {
    let doc = corpus("describe-view/enviar-whatsapp-form.json");
    let ours = derived(&doc);
    let theirs = service_schema("enviar-whatsapp-form.json");
    assert_eq!(
        ours,
        theirs,
        "ours:\n{}\nthe service's:\n{}",
        serde_json::to_string_pretty(&ours).unwrap(),
        serde_json::to_string_pretty(&theirs).unwrap()
    );
    // In the same order, too (the service lists the inputs as the template reads them).
    let names = |v: &Value| -> Vec<String> {
        v["properties"]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect()
    };
    assert_eq!(names(&ours), names(&theirs));
}

#[test]
fn a_view_without_inputs_has_the_services_empty_schema() {
    let ours = derived(&corpus("widget/ask-for-email.json"));
    let theirs = service_schema("ask-for-email.json");
    assert_eq!(ours["type"], theirs["type"]);
    assert_eq!(ours["properties"], theirs["properties"]);
    assert_eq!(ours["required"], theirs["required"]);
    assert!(ours["$defs"]["ViewCondition"].is_object());
}

#[test]
fn viewdata_the_whatsapp_form_accepts_and_refuses() {
    let doc = corpus("describe-view/enviar-whatsapp-form.json");
    // Both the schema we derive and the service's own text give the same verdicts.
    let text =
        std::fs::read_to_string(root("tests/input-schemas/enviar-whatsapp-form.json")).unwrap();
    let template = Template::parse(&doc.template).unwrap();
    for schema in [
        DataSchema::derived(&template),
        DataSchema::from_text(
            &text,
            SchemaSource::Service {
                view: "enviarWhatsAppForm007".into(),
            },
            Some(&template),
        )
        .unwrap(),
    ] {
        let errors = |data: Value| -> Vec<String> {
            check_data(&schema, &data, None)
                .into_iter()
                .filter(|d| d.severity == Severity::Error)
                .map(|d| format!("{} {}", d.pointer, d.message))
                .collect()
        };
        // Every input is read only from a DefaultValue: nothing is required.
        assert_eq!(errors(json!({})), Vec::<String>::new());
        assert_eq!(
            errors(json!({"fullName": "Ada", "input1": 7})),
            Vec::<String>::new()
        );
        // A `$.#` integration reference is a value the view resolves.
        assert_eq!(
            errors(json!({"fullName": "$.#Customer.FirstName[0].x"})),
            Vec::<String>::new()
        );
        // An unresolved `$.` reference is refused.
        let refused = errors(json!({"fullName": "$.whoever"}));
        assert!(
            refused.iter().any(|e| e.starts_with("/fullName")),
            "{refused:?}"
        );
        let refused = errors(json!({"fullName": true}));
        assert!(
            refused.iter().any(|e| e.starts_with("/fullName")),
            "{refused:?}"
        );
    }
}

/// pulumi-amazon-connect, *derives an input schema from whole-value references*: inputs
/// read from AttributeBar values, AttributeSection items and Table items are required.
#[test]
fn data_props_make_required_inputs() {
    let s = derived(&corpus("pulumi-e2e/inputs.json"));
    let mut names: Vec<String> = s["properties"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    names.sort();
    assert_eq!(names, ["CustomerName", "OrderAttributes", "Orders"]);
    for name in ["CustomerName", "OrderAttributes", "Orders"] {
        assert!(
            s["required"].as_array().unwrap().contains(&json!(name)),
            "{name}"
        );
    }
}

/// The same suite: a reference in text content declares an input; one embedded in a longer
/// string declares nothing.
#[test]
fn content_references_declare_and_embedded_ones_do_not() {
    let s = derived(&corpus("pulumi-e2e/content-reference.json"));
    let names: Vec<&String> = s["properties"].as_object().unwrap().keys().collect();
    assert_eq!(names, ["CustomerName"]);
    let s = derived(&corpus("pulumi-e2e/embedded.json"));
    assert_eq!(s["properties"], json!({}));
}

/// The same suite, *derives the Table's own column and action shapes when they are
/// references*: `properties.Cols.anyOf[0].items` is the column (Label and Id required,
/// sealed), `properties.Acts.anyOf[0].items.anyOf[0]` the action.
#[test]
fn referenced_table_lists_get_their_item_shapes() {
    let template = Template::parse(
        r#"{"Head": {"Title": "Referenced", "Configuration": {}}, "Body": [
          {"_id": "c", "Type": "Container", "Props": {}, "Content": [
            {"_id": "t", "Type": "Table", "Props": {"Items": "$.Orders", "Columns": "$.Cols",
             "Actions": "$.Acts", "TableAction": "OrderSelected"}, "Content": []}]}]}"#,
    )
    .unwrap();
    let s = input_schema(&template);
    let column = &s["properties"]["Cols"]["anyOf"][0]["items"];
    let mut keys: Vec<&String> = column["properties"].as_object().unwrap().keys().collect();
    keys.sort();
    assert_eq!(keys, ["EditableType", "Id", "Label", "Options", "Type"]);
    assert_eq!(column["required"], json!(["Label", "Id"]));
    assert_eq!(column["additionalProperties"], false);
    let action = &s["properties"]["Acts"]["anyOf"][0]["items"]["anyOf"][0];
    let mut keys: Vec<&String> = action["properties"].as_object().unwrap().keys().collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "Action",
            "Disabled",
            "FormAction",
            "Href",
            "IconAlign",
            "IconName",
            "Label",
            "Loading",
            "Variant"
        ]
    );
}

/// The local endpoint returns the schema the service would: the WhatsApp form published
/// to it through the real SDK answers with the service's own InputSchema.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_local_endpoint_returns_the_services_input_schema() {
    let ep = Endpoint::start().await;
    let doc = corpus("describe-view/enviar-whatsapp-form.json");
    let v = ep
        .sdk()
        .create_view()
        .instance_id(INSTANCE)
        .name("enviarWhatsAppForm007")
        .status(ViewStatus::Published)
        .content(content(&doc.template, &doc.actions))
        .send()
        .await
        .unwrap();
    let schema = v.view().unwrap().content().unwrap().input_schema().unwrap();
    let schema: Value = serde_json::from_str(schema).unwrap();
    assert_eq!(schema, service_schema("enviar-whatsapp-form.json"));
}
