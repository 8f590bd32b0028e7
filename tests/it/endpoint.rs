//! The local endpoint through the real aws-sdk-connect client over real HTTP.

use std::collections::HashSet;

use aws_sdk_connect::error::ProvideErrorMetadata;
use aws_sdk_connect::types::{ViewStatus, ViewType};
use connect_views::view::content_sha256;

use crate::common::{
    Endpoint, INSTANCE, content, example_content, raw_http, sdk_for, tiny_template,
};

macro_rules! service_error {
    ($result:expr) => {{
        let err = $result.expect_err("the call must fail");
        let status = err.raw_response().map(|r| r.status().as_u16());
        let has_request_id = err
            .raw_response()
            .and_then(|r| r.headers().get("x-amzn-requestid"))
            .is_some();
        assert!(has_request_id, "every response carries X-Amzn-RequestId");
        (err.into_service_error(), status)
    }};
}

#[tokio::test]
async fn every_view_operation_round_trips() {
    let ep = Endpoint::start().await;
    let sdk = ep.sdk();
    let (template, actions) = example_content("order-cards.view.json");

    // Create SAVED: only $SAVED exists.
    let created = sdk
        .create_view()
        .instance_id(INSTANCE)
        .name("Orders")
        .description("Order choices")
        .tags("team", "support")
        .status(ViewStatus::Saved)
        .content(content(&template, &actions))
        .send()
        .await
        .unwrap();
    let view = created.view().unwrap();
    let id = view.id().unwrap().to_string();
    let arn = view.arn().unwrap().to_string();
    assert_eq!(view.status(), Some(&ViewStatus::Saved));
    assert_eq!(view.r#type(), Some(&ViewType::CustomerManaged));
    assert_eq!(view.version(), 0);
    assert!(arn.ends_with(&format!("instance/{INSTANCE}/view/{id}")));
    assert_eq!(view.content().unwrap().template(), Some(template.as_str()));
    // The checksum is the latest published content's: there is none yet.
    assert_eq!(view.view_content_sha256(), None);
    let schema: serde_json::Value =
        serde_json::from_str(view.content().unwrap().input_schema().unwrap()).unwrap();
    assert_eq!(schema["required"], serde_json::json!(["OrderSummary"]));
    assert!(view.created_time().is_some());

    // Never published: the bare id means $LATEST, which does not exist yet.
    let (e, status) = service_error!(
        sdk.describe_view()
            .instance_id(INSTANCE)
            .view_id(&id)
            .send()
            .await
    );
    assert!(e.is_resource_not_found_exception());
    assert_eq!(status, Some(404));
    assert!(
        e.message().unwrap().contains(":$SAVED"),
        "{:?}",
        e.message()
    );
    let saved = sdk
        .describe_view()
        .instance_id(INSTANCE)
        .view_id(format!("{id}:$SAVED"))
        .send()
        .await
        .unwrap();
    assert_eq!(saved.view().unwrap().name(), Some("Orders"));

    // Publish: both qualifiers move; the ARN works as a ViewId, qualified too.
    let updated = sdk
        .update_view_content()
        .instance_id(INSTANCE)
        .view_id(&arn)
        .status(ViewStatus::Published)
        .content(content(&template, &actions))
        .send()
        .await
        .unwrap();
    assert_eq!(
        updated.view().unwrap().status(),
        Some(&ViewStatus::Published)
    );
    assert_eq!(
        updated.view().unwrap().view_content_sha256(),
        Some(content_sha256(&template, &actions).as_str())
    );
    for view_id in [
        id.clone(),
        format!("{id}:$LATEST"),
        format!("{arn}:$LATEST"),
        arn.clone(),
    ] {
        let d = sdk
            .describe_view()
            .instance_id(INSTANCE)
            .view_id(&view_id)
            .send()
            .await
            .unwrap();
        assert_eq!(d.view().unwrap().id(), Some(id.as_str()), "{view_id}");
    }
    // An instance ARN works where an instance id does.
    let instance_arn = format!("arn:aws:connect:us-east-1:000000000000:instance/{INSTANCE}");
    sdk.describe_view()
        .instance_id(&instance_arn)
        .view_id(&id)
        .send()
        .await
        .unwrap();

    // Metadata.
    sdk.update_view_metadata()
        .instance_id(INSTANCE)
        .view_id(&id)
        .name("Order choices")
        .description("What to do with an order")
        .send()
        .await
        .unwrap();
    let d = sdk
        .describe_view()
        .instance_id(INSTANCE)
        .view_id(&id)
        .send()
        .await
        .unwrap();
    assert_eq!(d.view().unwrap().name(), Some("Order choices"));
    assert_eq!(
        d.view().unwrap().description(),
        Some("What to do with an order")
    );

    // Versions.
    let sha = d.view().unwrap().view_content_sha256().unwrap().to_string();
    let v1 = sdk
        .create_view_version()
        .instance_id(INSTANCE)
        .view_id(&id)
        .version_description("first")
        .view_content_sha256(&sha)
        .send()
        .await
        .unwrap();
    assert_eq!(v1.view().unwrap().version(), 1);
    assert_eq!(v1.view().unwrap().version_description(), Some("first"));
    let list = sdk
        .list_view_versions()
        .instance_id(INSTANCE)
        .view_id(&id)
        .send()
        .await
        .unwrap();
    assert_eq!(list.view_version_summary_list().len(), 1);
    assert_eq!(list.view_version_summary_list()[0].version(), 1);
    let d1 = sdk
        .describe_view()
        .instance_id(INSTANCE)
        .view_id(format!("{id}:1"))
        .send()
        .await
        .unwrap();
    assert_eq!(d1.view().unwrap().version(), 1);
    sdk.delete_view_version()
        .instance_id(INSTANCE)
        .view_id(&id)
        .view_version(1)
        .send()
        .await
        .unwrap();
    let list = sdk
        .list_view_versions()
        .instance_id(INSTANCE)
        .view_id(&id)
        .send()
        .await
        .unwrap();
    assert!(list.view_version_summary_list().is_empty());

    // Tags.
    sdk.tag_resource()
        .resource_arn(&arn)
        .tags("env", "test")
        .send()
        .await
        .unwrap();
    let tags = sdk
        .list_tags_for_resource()
        .resource_arn(&arn)
        .send()
        .await
        .unwrap();
    assert_eq!(
        tags.tags().unwrap().get("env").map(String::as_str),
        Some("test")
    );
    assert_eq!(
        tags.tags().unwrap().get("team").map(String::as_str),
        Some("support")
    );
    sdk.untag_resource()
        .resource_arn(&arn)
        .tag_keys("env")
        .send()
        .await
        .unwrap();
    let tags = sdk
        .list_tags_for_resource()
        .resource_arn(&arn)
        .send()
        .await
        .unwrap();
    assert!(!tags.tags().unwrap().contains_key("env"));

    // List, then delete.
    let views = sdk
        .list_views()
        .instance_id(INSTANCE)
        .r#type(ViewType::CustomerManaged)
        .send()
        .await
        .unwrap();
    assert_eq!(views.views_summary_list().len(), 1);
    assert!(
        views.next_token().is_none(),
        "no NextToken on the last page"
    );
    sdk.delete_view()
        .instance_id(INSTANCE)
        .view_id(&id)
        .send()
        .await
        .unwrap();
    let (e, _) = service_error!(
        sdk.describe_view()
            .instance_id(INSTANCE)
            .view_id(format!("{id}:$SAVED"))
            .send()
            .await
    );
    assert!(e.is_resource_not_found_exception());
    // The name is free again at once.
    sdk.create_view()
        .instance_id(INSTANCE)
        .name("Order choices")
        .status(ViewStatus::Saved)
        .content(content(&template, &actions))
        .send()
        .await
        .unwrap();
}

#[tokio::test]
async fn aws_managed_views_are_listed_and_read_only() {
    let ep = Endpoint::start().await;
    let sdk = ep.sdk();
    let list = sdk
        .list_views()
        .instance_id(INSTANCE)
        .r#type(ViewType::AwsManaged)
        .send()
        .await
        .unwrap();
    let names: Vec<_> = list
        .views_summary_list()
        .iter()
        .map(|v| v.name().unwrap().to_string())
        .collect();
    assert!(names.contains(&"Cards".to_string()), "{names:?}");
    let arn = "arn:aws:connect:us-east-1:aws:view/cards:1";
    let d = sdk
        .describe_view()
        .instance_id(INSTANCE)
        .view_id(arn)
        .send()
        .await
        .unwrap();
    assert_eq!(d.view().unwrap().r#type(), Some(&ViewType::AwsManaged));
    assert_eq!(
        d.view().unwrap().content().unwrap().actions(),
        ["ActionSelected", "Back", "NoMatchFound"]
    );
    let (e, status) = service_error!(
        sdk.delete_view()
            .instance_id(INSTANCE)
            .view_id(arn)
            .send()
            .await
    );
    assert!(e.is_invalid_request_exception());
    assert_eq!(status, Some(400));
}

#[tokio::test]
async fn every_error_shape_reaches_the_sdk_as_its_variant() {
    let ep = Endpoint::start().await;
    let sdk = ep.sdk();
    let good = tiny_template("T", "Go");
    let actions = vec!["Go".to_string()];
    let create = |name: &str, status: ViewStatus, template: &str| {
        sdk.create_view()
            .instance_id(INSTANCE)
            .name(name)
            .status(status)
            .content(content(template, &actions))
    };
    let v = create("Taken", ViewStatus::Published, &good)
        .send()
        .await
        .unwrap();
    let id = v.view().unwrap().id().unwrap().to_string();
    create("Other", ViewStatus::Published, &good)
        .send()
        .await
        .unwrap();

    let (e, status) = service_error!(create("Taken", ViewStatus::Saved, &good).send().await);
    assert!(e.is_duplicate_resource_exception(), "{e:?}");
    assert_eq!(status, Some(409));

    let (e, status) = service_error!(create("Bad, name", ViewStatus::Saved, &good).send().await);
    assert!(e.is_invalid_parameter_exception());
    assert_eq!(status, Some(400));
    assert!(e.message().unwrap().contains("\",\""), "{:?}", e.message());

    // Full validation at PUBLISHED names the JSON path and line:column of each problem.
    let unknown = good.replace("\"Button\"", "\"Buton\"");
    let (e, _) = service_error!(create("New", ViewStatus::Published, &unknown).send().await);
    assert!(e.is_invalid_parameter_exception());
    let m = e.message().unwrap();
    assert!(
        m.contains("/Template/Body/0/Type at 1:") && m.contains("CV040"),
        "{m}"
    );
    // ...while SAVED does basic validation only.
    create("New", ViewStatus::Saved, &unknown)
        .send()
        .await
        .unwrap();
    // Basic validation still refuses what is not a template.
    let (e, _) = service_error!(
        create("Broken", ViewStatus::Saved, "{\"Head\": ")
            .send()
            .await
    );
    assert!(e.is_invalid_parameter_exception());
    assert!(e.message().unwrap().contains("CV001"));

    let (e, status) = service_error!(
        sdk.describe_view()
            .instance_id(INSTANCE)
            .view_id("missing")
            .send()
            .await
    );
    assert!(e.is_resource_not_found_exception());
    assert_eq!(status, Some(404));
    let (e, _) = service_error!(
        sdk.describe_view()
            .instance_id(INSTANCE)
            .view_id(format!("{id}:$NEXT"))
            .send()
            .await
    );
    assert!(e.is_invalid_parameter_exception());

    let (e, _) = service_error!(
        sdk.update_view_metadata()
            .instance_id(INSTANCE)
            .view_id(&id)
            .send()
            .await
    );
    assert!(e.is_invalid_parameter_exception());
    let (e, status) = service_error!(
        sdk.update_view_metadata()
            .instance_id(INSTANCE)
            .view_id(&id)
            .name("Other")
            .send()
            .await
    );
    assert!(e.is_duplicate_resource_exception());
    assert_eq!(status, Some(409));

    let (e, _) = service_error!(
        sdk.create_view_version()
            .instance_id(INSTANCE)
            .view_id(&id)
            .view_content_sha256("0".repeat(64))
            .send()
            .await
    );
    assert!(e.is_invalid_parameter_exception());
    assert!(e.message().unwrap().contains("ViewContentSha256"));
    let saved_only = create("Draft", ViewStatus::Saved, &good)
        .send()
        .await
        .unwrap();
    let draft = saved_only.view().unwrap().id().unwrap().to_string();
    let (e, _) = service_error!(
        sdk.create_view_version()
            .instance_id(INSTANCE)
            .view_id(&draft)
            .send()
            .await
    );
    assert!(e.is_resource_not_found_exception());

    let (e, status) = service_error!(
        sdk.delete_view_version()
            .instance_id(INSTANCE)
            .view_id(&id)
            .view_version(9)
            .send()
            .await
    );
    assert!(e.is_resource_not_found_exception());
    assert_eq!(status, Some(404));

    let (e, _) = service_error!(
        sdk.list_views()
            .instance_id(INSTANCE)
            .max_results(0)
            .send()
            .await
    );
    assert!(e.is_invalid_parameter_exception());
    let (e, _) = service_error!(
        sdk.list_views()
            .instance_id(INSTANCE)
            .next_token("zz")
            .send()
            .await
    );
    assert!(e.is_invalid_parameter_exception());

    let (e, _) = service_error!(
        sdk.list_tags_for_resource()
            .resource_arn("arn:aws:connect:us-east-1:0:instance/x/view/y")
            .send()
            .await
    );
    assert!(e.is_resource_not_found_exception());
    let arn = v.view().unwrap().arn().unwrap();
    let (e, _) = service_error!(
        sdk.tag_resource()
            .resource_arn(arn)
            .tags("aws:x", "y")
            .send()
            .await
    );
    assert!(e.is_invalid_parameter_exception());
}

#[tokio::test]
async fn list_views_pages_through_250_views() {
    let ep = Endpoint::start().await;
    let sdk = ep.sdk();
    let template = tiny_template("T", "Go");
    let actions = vec!["Go".to_string()];
    for i in 0..250 {
        sdk.create_view()
            .instance_id(INSTANCE)
            .name(format!("view {i:03}"))
            .status(ViewStatus::Saved)
            .content(content(&template, &actions))
            .send()
            .await
            .unwrap();
    }
    let mut pages = 0;
    let mut names = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let page = sdk
            .list_views()
            .instance_id(INSTANCE)
            .max_results(40)
            .set_next_token(token.take())
            .send()
            .await
            .unwrap();
        pages += 1;
        assert!(page.views_summary_list().len() <= 40);
        names.extend(page.views_summary_list().iter().map(|v| {
            (
                v.r#type().unwrap().as_str().to_string(),
                v.name().unwrap().to_string(),
            )
        }));
        match page.next_token() {
            Some(t) => token = Some(t.to_string()),
            None => break,
        }
    }
    // 250 customer views and the 6 AWS-managed ones, by type then name, each once.
    assert_eq!(names.len(), 256);
    assert_eq!(pages, 7);
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
    assert_eq!(names.iter().collect::<HashSet<_>>().len(), 256);

    // The SDK's own paginator agrees.
    let items: Vec<_> = sdk
        .list_views()
        .instance_id(INSTANCE)
        .r#type(ViewType::CustomerManaged)
        .into_paginator()
        .page_size(100)
        .items()
        .send()
        .collect::<Result<Vec<_>, _>>()
        .await
        .unwrap();
    assert_eq!(items.len(), 250);
}

#[tokio::test]
async fn a_retried_create_with_its_client_token_makes_one_view() {
    let ep = Endpoint::start().await;
    let sdk = ep.sdk();
    let template = tiny_template("T", "Go");
    let actions = vec!["Go".to_string()];
    let send = || {
        sdk.create_view()
            .instance_id(INSTANCE)
            .name("Once")
            .status(ViewStatus::Published)
            .content(content(&template, &actions))
            .client_token("submission-1")
            .send()
    };
    let a = send().await.unwrap();
    let b = send().await.unwrap();
    assert_eq!(a.view().unwrap().id(), b.view().unwrap().id());
    let list = sdk
        .list_views()
        .instance_id(INSTANCE)
        .r#type(ViewType::CustomerManaged)
        .send()
        .await
        .unwrap();
    assert_eq!(list.views_summary_list().len(), 1);
    // Without a token, the taken name is a duplicate.
    let e = sdk
        .create_view()
        .instance_id(INSTANCE)
        .name("Once")
        .status(ViewStatus::Published)
        .content(content(&template, &actions))
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(e.is_duplicate_resource_exception());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_clients_racing_for_a_name_one_wins() {
    let ep = Endpoint::start().await;
    let template = tiny_template("T", "Go");
    for round in 0..10 {
        let mut tasks = Vec::new();
        for _ in 0..2 {
            let sdk = sdk_for(&ep.url());
            let template = template.clone();
            tasks.push(tokio::spawn(async move {
                sdk.create_view()
                    .instance_id(INSTANCE)
                    .name(format!("race {round}"))
                    .status(ViewStatus::Published)
                    .content(content(&template, &["Go".to_string()]))
                    .send()
                    .await
            }));
        }
        let mut wins = 0;
        let mut duplicates = 0;
        for t in tasks {
            match t.await.unwrap() {
                Ok(_) => wins += 1,
                Err(e)
                    if e.as_service_error()
                        .is_some_and(|e| e.is_duplicate_resource_exception()) =>
                {
                    duplicates += 1
                }
                Err(e) => panic!("unexpected error: {e:?}"),
            }
        }
        assert_eq!((wins, duplicates), (1, 1), "round {round}");
    }
}

#[tokio::test]
async fn version_numbers_are_never_reused_and_unchanged_content_returns_the_highest() {
    let ep = Endpoint::start().await;
    let sdk = ep.sdk();
    let actions = vec!["Go".to_string()];
    let publish = |title: &str| {
        sdk.update_view_content()
            .status(ViewStatus::Published)
            .content(content(&tiny_template(title, "Go"), &actions))
    };
    let v = sdk
        .create_view()
        .instance_id(INSTANCE)
        .name("Versioned")
        .status(ViewStatus::Published)
        .content(content(&tiny_template("A", "Go"), &actions))
        .send()
        .await
        .unwrap();
    let id = v.view().unwrap().id().unwrap().to_string();
    let version = || {
        sdk.create_view_version()
            .instance_id(INSTANCE)
            .view_id(&id)
            .send()
    };
    assert_eq!(version().await.unwrap().view().unwrap().version(), 1);
    // Unchanged: the highest version comes back and none is made.
    assert_eq!(version().await.unwrap().view().unwrap().version(), 1);
    publish("B")
        .instance_id(INSTANCE)
        .view_id(&id)
        .send()
        .await
        .unwrap();
    assert_eq!(version().await.unwrap().view().unwrap().version(), 2);
    sdk.delete_view_version()
        .instance_id(INSTANCE)
        .view_id(&id)
        .view_version(2)
        .send()
        .await
        .unwrap();
    publish("C")
        .instance_id(INSTANCE)
        .view_id(&id)
        .send()
        .await
        .unwrap();
    assert_eq!(version().await.unwrap().view().unwrap().version(), 3);
    let list = sdk
        .list_view_versions()
        .instance_id(INSTANCE)
        .view_id(&id)
        .send()
        .await
        .unwrap();
    let numbers: Vec<i32> = list
        .view_version_summary_list()
        .iter()
        .map(|v| v.version())
        .collect();
    assert_eq!(numbers, vec![3, 1], "highest first");
    // A SAVED update does not move $LATEST, so versions still snapshot the published content.
    sdk.update_view_content()
        .instance_id(INSTANCE)
        .view_id(&id)
        .status(ViewStatus::Saved)
        .content(content(&tiny_template("D", "Go"), &actions))
        .send()
        .await
        .unwrap();
    let v = version().await.unwrap();
    assert_eq!(v.view().unwrap().version(), 3);
    assert!(
        v.view()
            .unwrap()
            .content()
            .unwrap()
            .template()
            .unwrap()
            .contains("\"C\"")
    );
}

#[tokio::test]
async fn the_checksum_precondition_guards_versions() {
    let ep = Endpoint::start().await;
    let sdk = ep.sdk();
    let template = tiny_template("A", "Go");
    let v = sdk
        .create_view()
        .instance_id(INSTANCE)
        .name("Guarded")
        .status(ViewStatus::Published)
        .content(content(&template, &["Go".to_string()]))
        .send()
        .await
        .unwrap();
    let id = v.view().unwrap().id().unwrap();
    let sha = v.view().unwrap().view_content_sha256().unwrap();
    assert_eq!(sha, content_sha256(&template, &["Go".to_string()]));
    let stale = content_sha256("something else", &[]);
    let e = sdk
        .create_view_version()
        .instance_id(INSTANCE)
        .view_id(id)
        .view_content_sha256(&stale)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(e.is_invalid_parameter_exception());
    let ok = sdk
        .create_view_version()
        .instance_id(INSTANCE)
        .view_id(id)
        .view_content_sha256(sha)
        .send()
        .await
        .unwrap();
    assert_eq!(ok.view().unwrap().version(), 1);
}

#[tokio::test]
async fn a_restart_on_the_same_file_keeps_everything() {
    let ep = Endpoint::start().await;
    let db = ep.db();
    let (template, actions) = example_content("callback-form.view.json");
    let id = {
        let sdk = ep.sdk();
        let v = sdk
            .create_view()
            .instance_id(INSTANCE)
            .name("Kept")
            .tags("k", "v")
            .status(ViewStatus::Published)
            .content(content(&template, &actions))
            .send()
            .await
            .unwrap();
        let id = v.view().unwrap().id().unwrap().to_string();
        sdk.create_view_version()
            .instance_id(INSTANCE)
            .view_id(&id)
            .send()
            .await
            .unwrap();
        id
    };
    let Endpoint { server, dir } = ep;
    server.stop().await;
    let server = Endpoint::serve(&db).await;
    let sdk = sdk_for(&server.url());
    let d = sdk
        .describe_view()
        .instance_id(INSTANCE)
        .view_id(format!("{id}:1"))
        .send()
        .await
        .unwrap();
    let view = d.view().unwrap();
    assert_eq!(view.name(), Some("Kept"));
    assert_eq!(view.content().unwrap().template(), Some(template.as_str()));
    assert_eq!(view.content().unwrap().actions(), actions.as_slice());
    assert_eq!(view.tags().unwrap().get("k").map(String::as_str), Some("v"));
    drop(dir);
}

#[tokio::test]
async fn the_project_client_resolves_names_and_reports_actionably() {
    let ep = Endpoint::start().await;
    let client = ep.client().await;
    let (template, actions) = example_content("order-cards.view.json");
    let none = Default::default();
    let v = client
        .create_view(
            "Named",
            None,
            &none,
            connect_views::connect::Status::Published,
            &template,
            &actions,
            "t-1",
        )
        .await
        .unwrap();
    assert_eq!(v.qualifiers_moved(), ["$SAVED", "$LATEST"]);
    let spec = connect_views::connect::ViewSpec::parse("Named:$SAVED");
    let id = client.resolve(&spec).await.unwrap();
    assert_eq!(id, format!("{}:$SAVED", v.id));
    let err = client
        .create_view(
            "Named",
            None,
            &none,
            connect_views::connect::Status::Saved,
            &template,
            &actions,
            "t-2",
        )
        .await
        .unwrap_err();
    assert_eq!(err.kind, connect_views::connect::ErrorKind::Duplicate);
    let text = err.to_string();
    assert!(
        text.contains("CreateView failed on instance") && text.contains("pull"),
        "{text}"
    );
    assert!(err.request_id.is_some());
    let err = client.describe_view("missing").await.unwrap_err();
    assert_eq!(err.kind, connect_views::connect::ErrorKind::ViewNotFound);
}

// Multi-threaded: the raw requests block this thread while the server answers on another.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_requests_get_a_4xx_with_a_message() {
    let ep = Endpoint::start().await;
    let addr = ep.server.addr;
    let req = |method: &str, path: &str, body: &[u8]| {
        let mut r = format!(
            "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        )
        .into_bytes();
        r.extend_from_slice(body);
        r
    };
    let cases: Vec<(Vec<u8>, u16, &str)> = vec![
        (
            req("PUT", &format!("/views/{INSTANCE}"), b"{not json"),
            400,
            "invalidrequestexception",
        ),
        (
            req("PUT", &format!("/views/{INSTANCE}"), b"[1]"),
            400,
            "invalidrequestexception",
        ),
        (
            req(
                "PUT",
                &format!("/views/{INSTANCE}"),
                br#"{"Name": 5, "Status": "SAVED", "Content": {"Template": "{}"}}"#,
            ),
            400,
            "invalidparameterexception",
        ),
        (
            req(
                "PUT",
                &format!("/views/{INSTANCE}"),
                br#"{"Name": "x", "Status": "DRAFT", "Content": {"Template": "{}"}}"#,
            ),
            400,
            "invalidparameterexception",
        ),
        (
            req(
                "PUT",
                &format!("/views/{INSTANCE}"),
                br#"{"Name": "x", "Status": "SAVED"}"#,
            ),
            400,
            "invalidparameterexception",
        ),
        (
            req(
                "PUT",
                &format!("/views/{INSTANCE}"),
                b"{\"Name\": \"\xff\"}",
            ),
            400,
            "invalidrequestexception",
        ),
        (
            req("GET", "/nothing/here", b""),
            404,
            "unknownoperationexception",
        ),
        (
            req("PATCH", &format!("/views/{INSTANCE}"), b""),
            404,
            "unknownoperationexception",
        ),
        (
            req("GET", &format!("/views/{INSTANCE}/%zz"), b""),
            400,
            "invalidrequestexception",
        ),
        (
            req("GET", "/views/bad%20instance", b""),
            400,
            "invalidparameterexception",
        ),
    ];
    for (request, want, shape) in cases {
        let (status, head, body) = raw_http(addr, &request);
        assert_eq!(status, want, "{}", String::from_utf8_lossy(&request));
        assert!(
            head.contains(&format!("x-amzn-errortype: {shape}")),
            "{head}"
        );
        assert!(head.contains("x-amzn-requestid:"), "{head}");
        let v: serde_json::Value = serde_json::from_str(&body).expect("a JSON body");
        assert!(!v["Message"].as_str().unwrap().is_empty());
    }
    // Deep nesting, a wrong content type, an absurd header.
    let deep = format!(
        "{{\"Name\": {}1{}}}",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    let (status, head, _) = raw_http(
        addr,
        &req("PUT", &format!("/views/{INSTANCE}"), deep.as_bytes()),
    );
    assert_eq!(status, 400, "{head}");
    let xml = format!(
        "PUT /views/{INSTANCE} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/xml\r\nContent-Length: 7\r\nConnection: close\r\n\r\n<view/>"
    );
    let (status, head, body) = raw_http(addr, xml.as_bytes());
    assert_eq!(status, 415, "{head}");
    assert!(body.contains("application/json"), "{body}");
    let absurd = format!(
        "GET /views/{INSTANCE} HTTP/1.1\r\nHost: {addr}\r\nX-Junk: {}\r\nConnection: close\r\n\r\n",
        "a".repeat(200_000)
    );
    let (status, _, _) = raw_http(addr, absurd.as_bytes());
    assert_eq!(status, 431, "an absurd header gets a 4xx");
    let many: String = (0..5_000).map(|i| format!("X-H{i}: v\r\n")).collect();
    let many = format!(
        "GET /views/{INSTANCE} HTTP/1.1\r\nHost: {addr}\r\n{many}Connection: close\r\n\r\n"
    );
    let (status, _, _) = raw_http(addr, many.as_bytes());
    assert!(
        (400..500).contains(&status),
        "thousands of headers get a 4xx, not {status}"
    );
    // A body over the limit.
    let big = vec![b' '; 5 * 1024 * 1024];
    let (status, head, _) = raw_http(addr, &req("PUT", &format!("/views/{INSTANCE}"), &big));
    assert_eq!(status, 413);
    assert!(head.contains("x-amzn-errortype: invalidrequestexception"));
    // ...and the endpoint keeps serving.
    let sdk = ep.sdk();
    sdk.list_views().instance_id(INSTANCE).send().await.unwrap();
}
