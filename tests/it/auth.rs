//! SigV4: an endpoint given credentials accepts only requests the real SDK signed with
//! them; `serve` will not listen off loopback without them.

use std::sync::Arc;

use aws_sdk_connect::config::{BehaviorVersion, Credentials, Region};
use aws_sdk_connect::error::ProvideErrorMetadata;
use aws_sdk_connect::types::ViewStatus;
use connect_views::local::LocalServer;
use connect_views::local::auth::{self, signature};
use connect_views::local::faults::Faults;

use crate::common::{INSTANCE, content, raw_http, run, stderr, temp_dir, tiny_template};

fn signed_sdk(url: &str, id: &str, secret: &str) -> aws_sdk_connect::Client {
    let conf = aws_sdk_connect::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("eu-west-2"))
        .credentials_provider(Credentials::new(id, secret, None, None, "tests"))
        .endpoint_url(url)
        .retry_config(aws_sdk_connect::config::retry::RetryConfig::disabled())
        .build();
    aws_sdk_connect::Client::from_conf(conf)
}

async fn guarded() -> (LocalServer, tempfile::TempDir) {
    let dir = temp_dir();
    let creds = auth::Credentials {
        access_key_id: "team".into(),
        secret_access_key: "s3cret".into(),
    };
    let server = LocalServer::start_full(
        "127.0.0.1:0".parse().unwrap(),
        &dir.path().join("db.sqlite3"),
        Arc::new(Faults::default()),
        Some(creds),
    )
    .await
    .unwrap();
    (server, dir)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_signed_by_the_sdk_pass_and_others_are_denied() {
    let (server, _dir) = guarded().await;
    let good = signed_sdk(&server.url(), "team", "s3cret");
    // A body, a path with an encoded ARN and a qualifier, a query string: all signed.
    let v = good
        .create_view()
        .instance_id(INSTANCE)
        .name("Signed view (1)")
        .status(ViewStatus::Published)
        .content(content(&tiny_template("T", "Go"), &["Go".into()]))
        .send()
        .await
        .expect("a correctly signed create passes");
    let arn = v.view().unwrap().arn().unwrap().to_string();
    assert!(
        arn.contains(":eu-west-2:"),
        "the region comes from the signature scope"
    );
    good.describe_view()
        .instance_id(INSTANCE)
        .view_id(format!("{arn}:$LATEST"))
        .send()
        .await
        .unwrap();
    good.list_views()
        .instance_id(INSTANCE)
        .max_results(5)
        .send()
        .await
        .unwrap();
    good.untag_resource()
        .resource_arn(&arn)
        .tag_keys("a b")
        .tag_keys("c/d")
        .send()
        .await
        .unwrap();

    for (id, secret) in [("team", "wrong"), ("stranger", "s3cret")] {
        let bad = signed_sdk(&server.url(), id, secret);
        let e = bad
            .list_views()
            .instance_id(INSTANCE)
            .send()
            .await
            .unwrap_err();
        assert_eq!(e.raw_response().map(|r| r.status().as_u16()), Some(403));
        let e = e.into_service_error();
        assert!(e.is_access_denied_exception(), "{e:?}");
        assert!(e.message().unwrap().contains(if id == "team" {
            "signature does not match"
        } else {
            "not known"
        }));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unsigned_and_stale_requests_are_denied() {
    let (server, _dir) = guarded().await;
    let addr = server.addr;
    let path = format!("/views/{INSTANCE}");
    let unsigned = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    let (status, head, body) = raw_http(addr, unsigned.as_bytes());
    assert_eq!(status, 403);
    assert!(head.contains("x-amzn-errortype: accessdeniedexception"));
    assert!(body.contains("not signed"), "{body}");

    // Signed by hand: fresh passes, an hour old is stale.
    let request = |amz_date: &str| {
        let scope = format!("{}/us-east-1/connect/aws4_request", &amz_date[..8]);
        let headers = vec![
            ("host".to_string(), addr.to_string()),
            ("x-amz-date".to_string(), amz_date.to_string()),
        ];
        let sig = signature(
            "s3cret",
            "GET",
            &path,
            None,
            &headers,
            "host;x-amz-date",
            b"",
            amz_date,
            &scope,
        );
        format!(
            "GET {path} HTTP/1.1\r\nHost: {addr}\r\nX-Amz-Date: {amz_date}\r\nAuthorization: AWS4-HMAC-SHA256 \
             Credential=team/{scope}, SignedHeaders=host;x-amz-date, Signature={sig}\r\nConnection: close\r\n\r\n"
        )
    };
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs_f64();
    let fresh = amz_date(now);
    let (status, _, body) = raw_http(addr, request(&fresh).as_bytes());
    assert_eq!(status, 200, "{body}");
    let stale = amz_date(now - 3600.0);
    let (status, _, body) = raw_http(addr, request(&stale).as_bytes());
    assert_eq!(status, 403);
    assert!(body.contains("stale"), "{body}");
}

fn amz_date(t: f64) -> String {
    connect_views::view::time::rfc3339(t).replace(['-', ':'], "")
}

#[test]
fn serve_refuses_remote_addresses_without_credentials() {
    let out = run(&["serve", "--listen", "0.0.0.0:0"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("not a loopback address"),
        "{}",
        stderr(&out)
    );
    let out = run(&["serve", "--listen", "0.0.0.0:0", "--allow-remote"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("without credentials"),
        "{}",
        stderr(&out)
    );
}
