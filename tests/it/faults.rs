//! Every injected fault against the project's client (the real SDK with its retries).

use std::time::{Duration, Instant};

use connect_views::connect::{ConnectClient, ConnectOptions, ErrorKind, Status};

use crate::common::{Endpoint, INSTANCE, tiny_template};

async fn client(ep: &Endpoint, deadline: Option<Duration>) -> ConnectClient {
    ConnectClient::connect(&ConnectOptions {
        endpoint_url: Some(ep.url()),
        instance_id: Some(INSTANCE.into()),
        deadline,
        initial_backoff: Some(Duration::from_millis(10)),
        ..Default::default()
    })
    .await
    .unwrap()
}

async fn create(
    c: &ConnectClient,
    name: &str,
    token: &str,
) -> Result<connect_views::connect::View, connect_views::connect::ConnectError> {
    c.create_view(
        name,
        None,
        &Default::default(),
        Status::Published,
        &tiny_template("T", "Go"),
        &["Go".into()],
        token,
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn throttling_and_500s_are_retried_until_they_pass() {
    let ep = Endpoint::start().await;
    let c = client(&ep, None).await;
    // The attempts of one operation, as the endpoint answered them (from `since` on).
    let attempts = |since: usize, op: &str| -> Vec<u16> {
        ep.server
            .log
            .entries()
            .into_iter()
            .skip(since)
            .filter(|(o, _)| *o == op)
            .map(|(_, status)| status)
            .collect()
    };
    let since = ep.server.log.entries().len();
    ep.server.faults.set("throttle=2x").unwrap();
    create(&c, "after throttling", "t1")
        .await
        .expect("the third attempt passes");
    assert_eq!(
        attempts(since, "CreateView"),
        [429, 429, 200],
        "two throttled, then one"
    );
    let since = ep.server.log.entries().len();
    ep.server.faults.set("error=2x").unwrap();
    create(&c, "after 500s", "t2")
        .await
        .expect("the third attempt passes");
    assert_eq!(
        attempts(since, "CreateView"),
        [500, 500, 200],
        "two failed, then one"
    );
    // Tagging throttles with its own shape; it is retried too.
    let v = c
        .describe_view(&format!(
            "{}:$LATEST",
            c.find_by_name("after 500s").await.unwrap().unwrap().id
        ))
        .await
        .unwrap();
    let since = ep.server.log.entries().len();
    ep.server.faults.set("throttle=1x").unwrap();
    c.tag_view(&v.arn, &[("k".to_string(), "v".to_string())].into())
        .await
        .unwrap();
    assert_eq!(attempts(since, "TagResource"), [429, 200]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn persistent_faults_end_in_an_actionable_error() {
    let ep = Endpoint::start().await;
    let c = client(&ep, None).await;
    ep.server.faults.set("throttle=1").unwrap();
    let e = create(&c, "never", "t1").await.unwrap_err();
    assert_eq!(e.kind, ErrorKind::Throttled);
    assert!(
        e.advice.contains("throttling") && e.request_id.is_some(),
        "{e}"
    );
    ep.server.faults.set("error=1").unwrap();
    let e = create(&c, "never", "t2").await.unwrap_err();
    assert_eq!(e.kind, ErrorKind::Service);
    assert!(e.to_string().contains("InternalServiceException"), "{e}");
    ep.server.faults.set("").unwrap();
    assert!(
        c.find_by_name("never").await.unwrap().is_none(),
        "no fault left a view behind"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn latency_delays_but_does_not_fail() {
    let ep = Endpoint::start().await;
    let c = client(&ep, None).await;
    ep.server.faults.set("latency=300ms").unwrap();
    let started = Instant::now();
    c.list_views(None).await.unwrap();
    assert!(started.elapsed() >= Duration::from_millis(300));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hang_ends_at_the_deadline_with_a_timeout() {
    let ep = Endpoint::start().await;
    let c = client(&ep, Some(Duration::from_millis(800))).await;
    ep.server.faults.set("hang=1").unwrap();
    let e = c.list_views(None).await.unwrap_err();
    assert_eq!(e.kind, ErrorKind::Timeout, "{e}");
    assert!(e.advice.contains("did not answer"), "{e}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn commit_then_drop_and_a_retry_leave_exactly_one_view() {
    let ep = Endpoint::start().await;
    let c = client(&ep, None).await;
    ep.server.faults.set("drop=1x").unwrap();
    let v = create(&c, "exactly once", "submission-1")
        .await
        .expect("the retry gets the committed view");
    let views: Vec<_> = c
        .list_views(Some(connect_views::connect::ViewTypeFilter::Customer))
        .await
        .unwrap()
        .into_iter()
        .filter(|s| s.name == "exactly once")
        .collect();
    assert_eq!(views.len(), 1);
    assert_eq!(views[0].id, v.id);
    // A dropped version creation, retried, makes one version too.
    ep.server.faults.set("drop=1x").unwrap();
    let version = c
        .create_view_version(&v.id, None, v.content_sha256.as_deref())
        .await
        .unwrap();
    assert_eq!(version.version, 1);
    assert_eq!(c.list_view_versions(&v.id).await.unwrap().len(), 1);
}

/// SearchViews throttles with ThrottlingException, as the model lists it (the other view
/// operations with TooManyRequestsException).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_views_throttles_with_the_models_error() {
    let ep = Endpoint::start().await;
    let sdk = ep.sdk();
    ep.server.faults.set("throttle=1x").unwrap();
    let e = sdk
        .search_views()
        .instance_id(connect_views::local::LOCAL_INSTANCE_ID)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(e.is_throttling_exception(), "{e:?}");
    ep.server.faults.set("throttle=1x").unwrap();
    let e = sdk
        .list_views()
        .instance_id(connect_views::local::LOCAL_INSTANCE_ID)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(e.is_too_many_requests_exception(), "{e:?}");
}
