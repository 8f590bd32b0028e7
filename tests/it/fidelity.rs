//! The local endpoint keeps the promises of the service's model, each found by a client
//! nobody here wrote (boto3, the AWS CLI) and checked here through the real Rust SDK.

use aws_sdk_connect::error::ProvideErrorMetadata;
use aws_sdk_connect::types::ViewStatus;
use connect_views::view::content_sha256;

use crate::common::{Endpoint, INSTANCE, content, tiny_template};

fn actions(names: &[&str]) -> Vec<String> {
    names.iter().map(|s| s.to_string()).collect()
}

async fn published(sdk: &aws_sdk_connect::Client, name: &str) -> (String, String, String) {
    let template = tiny_template(name, "Go");
    let v = sdk
        .create_view()
        .instance_id(INSTANCE)
        .name(name)
        .status(ViewStatus::Published)
        .content(content(&template, &actions(&["Go"])))
        .send()
        .await
        .unwrap();
    let v = v.view().unwrap();
    (
        v.id().unwrap().to_string(),
        v.arn().unwrap().to_string(),
        v.view_content_sha256().unwrap().to_string(),
    )
}

#[tokio::test]
async fn untag_checks_its_keys_as_tag_does() {
    let ep = Endpoint::start().await;
    let sdk = ep.sdk();
    let (_, arn, _) = published(&sdk, "Tagged").await;
    // The model's `(?!aws:)` is case-sensitive: `AWS:x` is a customer's key.
    sdk.tag_resource()
        .resource_arn(&arn)
        .tags("AWS:x", "1")
        .tags("a", "2")
        .send()
        .await
        .unwrap();
    let too_many: Vec<String> = (0..51).map(|i| format!("k{i}")).collect();
    for keys in [
        too_many,
        vec!["aws:x".to_string()],
        vec!["k".repeat(129)],
        vec![String::new()],
        vec!["a!".to_string()],
    ] {
        let e = sdk
            .untag_resource()
            .resource_arn(&arn)
            .set_tag_keys(Some(keys.clone()))
            .send()
            .await
            .expect_err("refused")
            .into_service_error();
        assert!(e.is_invalid_parameter_exception(), "{keys:?}: {e:?}");
    }
    let tags = sdk
        .list_tags_for_resource()
        .resource_arn(&arn)
        .send()
        .await
        .unwrap();
    assert_eq!(tags.tags().unwrap().len(), 2, "nothing was removed");
    sdk.untag_resource()
        .resource_arn(&arn)
        .tag_keys("AWS:x")
        .send()
        .await
        .unwrap();
    let tags = sdk
        .list_tags_for_resource()
        .resource_arn(&arn)
        .send()
        .await
        .unwrap();
    assert_eq!(tags.tags().unwrap().keys().collect::<Vec<_>>(), ["a"]);
}

#[tokio::test]
async fn every_response_carries_the_latest_published_checksum_and_status() {
    let ep = Endpoint::start().await;
    let sdk = ep.sdk();
    let (id, _, published_sha) = published(&sdk, "Checked").await;
    // A SAVED update: the response shows $SAVED, still with the published checksum.
    let draft = tiny_template("Draft", "Go");
    let u = sdk
        .update_view_content()
        .instance_id(INSTANCE)
        .view_id(&id)
        .status(ViewStatus::Saved)
        .content(content(&draft, &actions(&["Go"])))
        .send()
        .await
        .unwrap();
    let v = u.view().unwrap();
    assert_eq!(v.status(), Some(&ViewStatus::Saved));
    assert_eq!(v.view_content_sha256(), Some(published_sha.as_str()));
    for (qualifier, status, template) in [
        (":$SAVED", ViewStatus::Saved, draft.clone()),
        (
            ":$LATEST",
            ViewStatus::Published,
            tiny_template("Checked", "Go"),
        ),
        ("", ViewStatus::Published, tiny_template("Checked", "Go")),
    ] {
        let d = sdk
            .describe_view()
            .instance_id(INSTANCE)
            .view_id(format!("{id}{qualifier}"))
            .send()
            .await
            .unwrap();
        let v = d.view().unwrap();
        assert_eq!(v.status(), Some(&status), "{qualifier}");
        assert_eq!(
            v.view_content_sha256(),
            Some(published_sha.as_str()),
            "{qualifier}"
        );
        assert_eq!(v.content().unwrap().template(), Some(template.as_str()));
    }
    // So echoing it into CreateViewVersion works, and the version is published content.
    let version = sdk
        .create_view_version()
        .instance_id(INSTANCE)
        .view_id(&id)
        .view_content_sha256(&published_sha)
        .send()
        .await
        .unwrap();
    assert_eq!(version.view().unwrap().version(), 1);
    assert_eq!(
        version.view().unwrap().status(),
        Some(&ViewStatus::Published)
    );
    let d = sdk
        .describe_view()
        .instance_id(INSTANCE)
        .view_id(format!("{id}:1"))
        .send()
        .await
        .unwrap();
    assert_eq!(d.view().unwrap().status(), Some(&ViewStatus::Published));
}

#[tokio::test]
async fn an_actions_only_publish_changes_the_checksum() {
    let ep = Endpoint::start().await;
    let sdk = ep.sdk();
    let (id, _, first) = published(&sdk, "Actions").await;
    let template = tiny_template("Actions", "Go");
    assert_eq!(first, content_sha256(&template, &actions(&["Go"])));
    sdk.create_view_version()
        .instance_id(INSTANCE)
        .view_id(&id)
        .view_content_sha256(&first)
        .send()
        .await
        .unwrap();
    // Same template, one more action.
    let u = sdk
        .update_view_content()
        .instance_id(INSTANCE)
        .view_id(&id)
        .status(ViewStatus::Published)
        .content(content(&template, &actions(&["Go", "Stop"])))
        .send()
        .await
        .unwrap();
    let second = u.view().unwrap().view_content_sha256().unwrap().to_string();
    assert_ne!(second, first);
    // The precondition catches a version made from what was read before the change.
    let e = sdk
        .create_view_version()
        .instance_id(INSTANCE)
        .view_id(&id)
        .view_content_sha256(&first)
        .send()
        .await
        .expect_err("stale")
        .into_service_error();
    assert!(e.is_invalid_parameter_exception(), "{e:?}");
    let v = sdk
        .create_view_version()
        .instance_id(INSTANCE)
        .view_id(&id)
        .view_content_sha256(&second)
        .send()
        .await
        .unwrap();
    assert_eq!(v.view().unwrap().version(), 2);
    assert_eq!(
        v.view().unwrap().content().unwrap().actions(),
        ["Go", "Stop"]
    );
}

#[tokio::test]
async fn a_qualified_id_is_refused_where_the_operation_takes_none() {
    let ep = Endpoint::start().await;
    let sdk = ep.sdk();
    let (id, arn, sha) = published(&sdk, "Whole").await;
    sdk.create_view_version()
        .instance_id(INSTANCE)
        .view_id(&id)
        .view_content_sha256(&sha)
        .send()
        .await
        .unwrap();
    let template = tiny_template("Whole", "Go");
    let qualified = [
        format!("{id}:1"),
        format!("{id}:$LATEST"),
        format!("{arn}:$SAVED"),
    ];
    for q in &qualified {
        let e = sdk
            .delete_view()
            .instance_id(INSTANCE)
            .view_id(q)
            .send()
            .await
            .expect_err("refused")
            .into_service_error();
        assert!(e.is_invalid_parameter_exception(), "DeleteView {q}: {e:?}");
        assert!(
            e.message().unwrap_or("").contains("without a qualifier"),
            "{e:?}"
        );
        let e = sdk
            .update_view_content()
            .instance_id(INSTANCE)
            .view_id(q)
            .status(ViewStatus::Saved)
            .content(content(&template, &actions(&["Go"])))
            .send()
            .await
            .expect_err("refused")
            .into_service_error();
        assert!(
            e.is_invalid_parameter_exception(),
            "UpdateViewContent {q}: {e:?}"
        );
        let e = sdk
            .update_view_metadata()
            .instance_id(INSTANCE)
            .view_id(q)
            .description("d")
            .send()
            .await
            .expect_err("refused")
            .into_service_error();
        assert!(
            e.is_invalid_parameter_exception(),
            "UpdateViewMetadata {q}: {e:?}"
        );
        let e = sdk
            .create_view_version()
            .instance_id(INSTANCE)
            .view_id(q)
            .send()
            .await
            .expect_err("refused")
            .into_service_error();
        assert!(
            e.is_invalid_parameter_exception(),
            "CreateViewVersion {q}: {e:?}"
        );
        let e = sdk
            .delete_view_version()
            .instance_id(INSTANCE)
            .view_id(q)
            .view_version(1)
            .send()
            .await
            .expect_err("refused")
            .into_service_error();
        assert!(
            e.is_invalid_parameter_exception(),
            "DeleteViewVersion {q}: {e:?}"
        );
        let e = sdk
            .list_view_versions()
            .instance_id(INSTANCE)
            .view_id(q)
            .send()
            .await
            .expect_err("refused")
            .into_service_error();
        assert!(
            e.is_invalid_parameter_exception(),
            "ListViewVersions {q}: {e:?}"
        );
    }
    // Nothing happened to the view, its content or its version.
    let d = sdk
        .describe_view()
        .instance_id(INSTANCE)
        .view_id(format!("{id}:1"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        d.view().unwrap().content().unwrap().template(),
        Some(template.as_str())
    );
    let versions = sdk
        .list_view_versions()
        .instance_id(INSTANCE)
        .view_id(&id)
        .send()
        .await
        .unwrap();
    assert_eq!(versions.view_version_summary_list().len(), 1);
}

#[tokio::test]
async fn an_aws_managed_view_lists_its_one_version_and_is_read_only() {
    let ep = Endpoint::start().await;
    let sdk = ep.sdk();
    let arn = "arn:aws:connect:us-east-1:aws:view/cards";
    let list = sdk
        .list_view_versions()
        .instance_id(INSTANCE)
        .view_id(arn)
        .send()
        .await
        .unwrap();
    let versions = list.view_version_summary_list();
    assert_eq!(versions.len(), 1);
    assert_eq!(versions[0].version(), 1);
    assert_eq!(versions[0].arn(), Some(format!("{arn}:1").as_str()));
    let e = sdk
        .delete_view()
        .instance_id(INSTANCE)
        .view_id(arn)
        .send()
        .await
        .expect_err("read-only")
        .into_service_error();
    assert!(
        e.message()
            .unwrap_or("")
            .contains("AWS-managed views are read-only"),
        "{e:?}"
    );
}

#[tokio::test]
async fn a_database_from_before_keeps_working_with_the_new_checksum() {
    let ep = Endpoint::start().await;
    let sdk = ep.sdk();
    let (id, _, sha) = published(&sdk, "Old").await;
    let db = ep.db();
    drop(sdk);
    drop(ep.server);
    // As an earlier version wrote it: the checksum of the template alone, schema version 0.
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        let old = connect_views::view::checksum::sha256_hex(&tiny_template("Old", "Go"));
        conn.execute("UPDATE views SET saved_sha = ?1, latest_sha = ?1", [&old])
            .unwrap();
        conn.pragma_update(None, "user_version", 0).unwrap();
    }
    let server = Endpoint::serve(&db).await;
    let sdk = crate::common::sdk_for(&server.url());
    let d = sdk
        .describe_view()
        .instance_id(INSTANCE)
        .view_id(&id)
        .send()
        .await
        .unwrap();
    assert_eq!(d.view().unwrap().view_content_sha256(), Some(sha.as_str()));
    sdk.create_view_version()
        .instance_id(INSTANCE)
        .view_id(&id)
        .view_content_sha256(&sha)
        .send()
        .await
        .unwrap();
}

#[tokio::test]
async fn search_views_answers_as_the_model_defines_it() {
    use aws_sdk_connect::types::{
        CommonAttributeAndCondition, ControlPlaneAttributeFilter, StringComparisonType,
        StringCondition, TagCondition, ViewSearchCriteria, ViewSearchFilter, ViewType,
    };
    let ep = Endpoint::start().await;
    let sdk = ep.sdk();
    for (name, description, team) in [
        ("Order refund", "Refund an order", "support"),
        ("Order reship", "Ship it again", "support"),
        ("Callback", "Schedule a callback about an order", "sales"),
    ] {
        sdk.create_view()
            .instance_id(INSTANCE)
            .name(name)
            .description(description)
            .tags("team", team)
            .status(ViewStatus::Saved)
            .content(content(&tiny_template(name, "Go"), &actions(&["Go"])))
            .send()
            .await
            .unwrap();
    }
    let string = |field: &str, value: &str, cmp: StringComparisonType| {
        ViewSearchCriteria::builder()
            .string_condition(
                StringCondition::builder()
                    .field_name(field)
                    .value(value)
                    .comparison_type(cmp)
                    .build(),
            )
            .build()
    };
    let names = |out: &aws_sdk_connect::operation::search_views::SearchViewsOutput| {
        out.views()
            .iter()
            .map(|v| v.name().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    // STARTS_WITH on the name, customer views only: full View objects come back.
    let out = sdk
        .search_views()
        .instance_id(INSTANCE)
        .search_criteria(
            ViewSearchCriteria::builder()
                .and_conditions(string("name", "order", StringComparisonType::StartsWith))
                .and_conditions(
                    ViewSearchCriteria::builder()
                        .view_type_condition(ViewType::CustomerManaged)
                        .build(),
                )
                .build(),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(names(&out), ["Order refund", "Order reship"]);
    assert_eq!(out.approximate_total_count(), Some(2));
    let v = &out.views()[0];
    assert!(v.content().unwrap().template().is_some(), "a full View");
    assert_eq!(
        v.tags().unwrap().get("team").map(String::as_str),
        Some("support")
    );
    // CONTAINS on name or description.
    let out = sdk
        .search_views()
        .instance_id(INSTANCE)
        .search_criteria(
            ViewSearchCriteria::builder()
                .or_conditions(string("name", "ORDER", StringComparisonType::Contains))
                .or_conditions(string(
                    "description",
                    "order",
                    StringComparisonType::Contains,
                ))
                .build(),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(names(&out), ["Callback", "Order refund", "Order reship"]);
    // EXACT; a status condition; AWS-managed views are searched too.
    let out = sdk
        .search_views()
        .instance_id(INSTANCE)
        .search_criteria(string("name", "Cards", StringComparisonType::Exact))
        .send()
        .await
        .unwrap();
    assert_eq!(names(&out), ["Cards"]);
    assert_eq!(out.views()[0].r#type(), Some(&ViewType::AwsManaged));
    let out = sdk
        .search_views()
        .instance_id(INSTANCE)
        .search_criteria(
            ViewSearchCriteria::builder()
                .view_status_condition(ViewStatus::Saved)
                .build(),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(out.approximate_total_count(), Some(3));
    // A tag filter: an OR of AND lists.
    let out = sdk
        .search_views()
        .instance_id(INSTANCE)
        .search_filter(
            ViewSearchFilter::builder()
                .attribute_filter(
                    ControlPlaneAttributeFilter::builder()
                        .or_conditions(
                            CommonAttributeAndCondition::builder()
                                .tag_conditions(
                                    TagCondition::builder()
                                        .tag_key("team")
                                        .tag_value("sales")
                                        .build(),
                                )
                                .build(),
                        )
                        .build(),
                )
                .build(),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(names(&out), ["Callback"]);
    // Pages: every view once, the total on each page, no token on the last.
    let mut seen = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let page = sdk
            .search_views()
            .instance_id(INSTANCE)
            .max_results(4)
            .set_next_token(token.take())
            .send()
            .await
            .unwrap();
        assert_eq!(
            page.approximate_total_count(),
            Some(9),
            "6 managed and 3 of ours"
        );
        seen.extend(names(&page));
        match page.next_token() {
            Some(t) => token = Some(t.to_string()),
            None => break,
        }
    }
    assert_eq!(seen.len(), 9);
    // What the model refuses.
    for bad in [
        string("arn", "x", StringComparisonType::Exact),
        ViewSearchCriteria::builder()
            .string_condition(
                StringCondition::builder()
                    .field_name("name")
                    .value("x")
                    .comparison_type(StringComparisonType::from("LIKE"))
                    .build(),
            )
            .build(),
    ] {
        let e = sdk
            .search_views()
            .instance_id(INSTANCE)
            .search_criteria(bad)
            .send()
            .await
            .expect_err("refused")
            .into_service_error();
        assert!(e.is_invalid_parameter_exception(), "{e:?}");
    }
    let e = sdk
        .search_views()
        .instance_id("not-an-instance")
        .send()
        .await
        .expect_err("refused")
        .into_service_error();
    assert!(e.is_invalid_parameter_exception(), "{e:?}");
}

/// Every promise of `scripts/fidelity-boto3.py`, through boto3 against a served endpoint.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn boto3_finds_every_promise_kept() {
    let ep = Endpoint::start().await;
    let url = ep.url();
    let out = tokio::task::spawn_blocking(move || {
        crate::common::python(&["scripts/fidelity-boto3.py", &url])
    })
    .await
    .unwrap();
    assert!(!out.contains("BAD"), "{out}");
    assert!(
        out.lines().filter(|l| l.starts_with("ok ")).count() >= 34,
        "{out}"
    );
}

/// The AWS CLI on an instance the endpoint does not hold: ResourceNotFoundException naming
/// it, not an empty list.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_aws_cli_on_an_unknown_instance_is_told_so() {
    let ep = Endpoint::start().await;
    let url = ep.url();
    let unknown = "99999999-9999-4999-8999-999999999999";
    let out = tokio::task::spawn_blocking(move || {
        std::process::Command::new("python3")
            .args([
                "-m",
                "awscli",
                "connect",
                "list-views",
                "--endpoint-url",
                &url,
            ])
            .args(["--region", "us-east-1", "--instance-id", unknown])
            .env("AWS_ACCESS_KEY_ID", "x")
            .env("AWS_SECRET_ACCESS_KEY", "x")
            .env("AWS_EC2_METADATA_DISABLED", "true")
            .env_remove("AWS_PROFILE")
            .output()
            .expect("python3 runs")
    })
    .await
    .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !err.contains("No module named"),
        "python3 -m pip install awscli: {err}"
    );
    assert_ne!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("ResourceNotFoundException"), "{err}");
    assert!(err.contains(unknown), "{err}");
}

/// Contact flows and flow modules through boto3 (`scripts/fidelity-flows.py`): every
/// operation round-trips as the model defines it, each refusal its modeled exception.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn boto3_round_trips_flows_modules_versions_and_aliases() {
    let ep = Endpoint::start().await;
    let url = ep.url();
    let out = tokio::task::spawn_blocking(move || {
        crate::common::python(&["scripts/fidelity-flows.py", &url])
    })
    .await
    .unwrap();
    assert!(!out.contains("BAD"), "{out}");
    assert!(
        out.lines().filter(|l| l.starts_with("ok ")).count() >= 26,
        "{out}"
    );
}

/// The AWS CLI creates a flow from a file and reads it back by its ARN qualified `:$SAVED`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_aws_cli_creates_and_describes_a_flow() {
    let ep = Endpoint::start().await;
    let url = ep.url();
    let flow = std::fs::read_to_string("tests/flows/whatsapp-send-guide.json").unwrap();
    let cli = move |args: &[&str]| {
        let out = std::process::Command::new("python3")
            .args(["-m", "awscli", "connect"])
            .args(args)
            .args([
                "--endpoint-url",
                &url,
                "--region",
                "us-east-1",
                "--output",
                "json",
            ])
            .env("AWS_ACCESS_KEY_ID", "x")
            .env("AWS_SECRET_ACCESS_KEY", "x")
            .env("AWS_EC2_METADATA_DISABLED", "true")
            .env_remove("AWS_PROFILE")
            .output()
            .expect("python3 runs");
        let err = String::from_utf8_lossy(&out.stderr).to_string();
        assert!(out.status.success(), "{args:?}: {err}");
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    let inst = crate::common::HELD[0];
    let (made, described) = tokio::task::spawn_blocking(move || {
        let made = cli(&[
            "create-contact-flow",
            "--instance-id",
            inst,
            "--name",
            "Send WhatsApp",
            "--type",
            "CONTACT_FLOW",
            "--status",
            "SAVED",
            "--content",
            &flow,
        ]);
        let arn = made["ContactFlowArn"].as_str().unwrap().to_string();
        let described = cli(&[
            "describe-contact-flow",
            "--instance-id",
            inst,
            "--contact-flow-id",
            &format!("{arn}:$SAVED"),
        ]);
        (made, described)
    })
    .await
    .unwrap();
    let f = &described["ContactFlow"];
    assert_eq!(f["Id"], made["ContactFlowId"]);
    assert_eq!(f["Status"], "SAVED");
    let content: serde_json::Value = serde_json::from_str(f["Content"].as_str().unwrap()).unwrap();
    assert_eq!(content["Actions"][2]["Type"], "ShowView");
}

/// Workspaces and their pages through boto3 (`scripts/fidelity-workspaces.py`): each
/// operation round-trips, a page's InputData is checked against its view's input schema, and
/// the 18th custom page of an instance is refused.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn boto3_round_trips_workspaces_and_checks_page_input_data() {
    let ep = Endpoint::start().await;
    let url = ep.url();
    let out = tokio::task::spawn_blocking(move || {
        crate::common::python(&["scripts/fidelity-workspaces.py", &url])
    })
    .await
    .unwrap();
    assert!(!out.contains("BAD"), "{out}");
    assert!(
        out.lines().filter(|l| l.starts_with("ok ")).count() >= 23,
        "{out}"
    );
}
