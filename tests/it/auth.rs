//! SigV4: an endpoint given credentials accepts only requests the real SDK signed with
//! them; `serve` will not listen off loopback without them.

use aws_sdk_connect::config::{BehaviorVersion, Credentials, Region};
use aws_sdk_connect::error::ProvideErrorMetadata;
use aws_sdk_connect::types::ViewStatus;
use connect_views::local::auth::{self, signature};
use connect_views::local::{LocalServer, ServerConfig};

use crate::common::{INSTANCE, content, python, raw_http, run, stderr, temp_dir, tiny_template};

fn signed_sdk(url: &str, id: &str, secret: &str) -> aws_sdk_connect::Client {
    let conf = aws_sdk_connect::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("eu-west-2"))
        .credentials_provider(Credentials::new(id, secret, None, None, "tests"))
        .http_client(connect_views::connect::http_client())
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
    let config = ServerConfig {
        auth: Some(creds),
        instances: vec![INSTANCE.to_string()],
        ..Default::default()
    };
    (serve(&dir, config).await, dir)
}

/// An endpoint on an ephemeral loopback port with a fresh database in `dir`.
async fn serve(dir: &tempfile::TempDir, config: ServerConfig) -> LocalServer {
    LocalServer::start_config(
        "127.0.0.1:0".parse().unwrap(),
        &dir.path().join("db.sqlite3"),
        config,
    )
    .await
    .unwrap()
}

/// botocore signs; the endpoint hashes the body it received, so a signature only ever
/// covers the body it was made for.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_signature_covers_the_body_received_as_botocore_signs_it() {
    let (server, _dir) = guarded().await;
    let url = server.url();
    let out = tokio::task::spawn_blocking(move || {
        python(&[
            "scripts/sigv4-botocore.py",
            &url,
            "team",
            "s3cret",
            INSTANCE,
        ])
    })
    .await
    .unwrap();
    let cases: serde_json::Value = serde_json::from_str(&out).expect("the script prints JSON");
    assert_eq!(cases["correct"], 200, "{cases}");
    assert_eq!(cases["swapped body"], 403, "{cases}");
    assert_eq!(cases["UNSIGNED-PAYLOAD"], 403, "{cases}");
    assert_eq!(cases["stated hash, other body"], 403, "{cases}");
    assert_eq!(cases["stated hash, its body"], 200, "{cases}");
    // Only the two correct requests wrote anything.
    let created: Vec<_> = server
        .log
        .entries()
        .into_iter()
        .filter(|(op, status)| *op == "CreateView" && *status == 200)
        .collect();
    assert_eq!(created.len(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_payload_says_why() {
    let (server, _dir) = guarded().await;
    // Signed with a stated hash that is not a hash: refused from the headers alone.
    let addr = server.addr;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs_f64();
    let date = amz_date(now);
    let scope = format!("{}/us-east-1/connect/aws4_request", &date[..8]);
    let request = format!(
        "GET /views/{INSTANCE} HTTP/1.1\r\nHost: {addr}\r\nX-Amz-Date: {date}\r\n\
         X-Amz-Content-SHA256: UNSIGNED-PAYLOAD\r\nAuthorization: AWS4-HMAC-SHA256 \
         Credential=team/{scope}, SignedHeaders=host;x-amz-content-sha256;x-amz-date, \
         Signature=00\r\nConnection: close\r\n\r\n"
    );
    let (status, head, body) = raw_http(addr, request.as_bytes());
    assert_eq!(status, 403);
    assert!(
        head.contains("x-amzn-errortype: accessdeniedexception"),
        "{head}"
    );
    assert!(
        body.contains("UNSIGNED-PAYLOAD") && body.contains("signs the body"),
        "{body}"
    );
}

/// On loopback, a request must name the endpoint: a web page whose name was rebound to
/// 127.0.0.1 sends its own name as the Host, and gets nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rebound_host_is_refused_on_loopback() {
    let ep = crate::common::Endpoint::start().await;
    let addr = ep.server.addr;
    let port = addr.port();
    let path = format!("/views/{INSTANCE}");
    let get = |host: String| {
        let request = format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
        raw_http(addr, request.as_bytes())
    };
    for host in [
        format!("localhost:{port}"),
        format!("127.0.0.1:{port}"),
        format!("LOCALHOST:{port}"),
    ] {
        let (status, _, body) = get(host.clone());
        assert_eq!(status, 200, "{host}: {body}");
    }
    for host in [
        format!("attacker.example:{port}"),
        format!("localhost.attacker.example:{port}"),
        format!("127.0.0.1:{}", port.wrapping_add(1)),
        "localhost".to_string(),
        String::new(),
    ] {
        let (status, head, body) = get(host.clone());
        assert_eq!(status, 403, "{host:?} must be refused: {body}");
        assert!(head.contains("accessdeniedexception"), "{head}");
        assert!(body.contains("is not this endpoint"), "{body}");
    }
    assert!(ep.server.log.writes().is_empty());
}

/// A client that sends half a request and stalls is cut off; others are served meanwhile.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stalled_client_is_cut_off_and_holds_no_one_else() {
    use std::io::{Read, Write};
    use std::time::{Duration, Instant};
    let dir = temp_dir();
    let config = ServerConfig {
        header_timeout: Duration::from_secs(1),
        body_timeout: Duration::from_secs(1),
        ..Default::default()
    };
    let server = serve(&dir, config).await;
    let addr = server.addr;
    let instance = connect_views::local::LOCAL_INSTANCE_ID;
    let stalls = [
        // Half a header.
        format!("GET /views/{instance} HTTP/1.1\r\nHost: {addr}\r\nX-Half"),
        // Whole headers, a tenth of the body.
        format!(
            "PUT /views/{instance} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\n\
             Content-Length: 100\r\n\r\n{{\"Name\":"
        ),
    ];
    let handles: Vec<_> = stalls
        .into_iter()
        .map(|request| {
            std::thread::spawn(move || {
                let started = Instant::now();
                let mut s = std::net::TcpStream::connect(addr).unwrap();
                s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
                s.write_all(request.as_bytes()).unwrap();
                let mut buf = Vec::new();
                let closed = s.read_to_end(&mut buf).is_ok();
                (
                    closed,
                    started.elapsed(),
                    String::from_utf8_lossy(&buf).into_owned(),
                )
            })
        })
        .collect();
    // Meanwhile another client is answered at once.
    let sdk = crate::common::sdk_for(&server.url());
    sdk.list_views().instance_id(instance).send().await.unwrap();
    for h in handles {
        let (closed, took, answer) = tokio::task::spawn_blocking(move || h.join().unwrap())
            .await
            .unwrap();
        assert!(closed, "the endpoint closed the connection: {answer}");
        assert!(took < Duration::from_secs(10), "cut off after {took:?}");
    }
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
        arn.starts_with("arn:aws:connect:us-east-1:000000000000:instance/"),
        "the endpoint's own region and account, whatever the request was signed for: {arn}"
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
            &auth::payload_hash(b""),
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

/// A signed `serve` is reached with the keys of the environment, as the AWS CLI would sign;
/// with other keys the refusal talks about the endpoint's key and signature, not IAM.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_signed_endpoint_takes_the_environments_keys_and_explains_a_refusal() {
    let (server, dir) = guarded().await;
    let url = server.url();
    let home = dir.path().to_path_buf();
    let list = move |id: &str, secret: &str| {
        crate::common::bin()
            .args(["list", "--endpoint-url", &url, "--instance-id", INSTANCE])
            .env("HOME", &home)
            .env("AWS_CONFIG_FILE", home.join("none"))
            .env("AWS_SHARED_CREDENTIALS_FILE", home.join("none"))
            .env("AWS_ACCESS_KEY_ID", id)
            .env("AWS_SECRET_ACCESS_KEY", secret)
            .env_remove("AWS_PROFILE")
            .env_remove("CONNECT_INSTANCE_ID")
            .output()
            .unwrap()
    };
    let (ok, refused) =
        tokio::task::spawn_blocking(move || (list("team", "s3cret"), list("team", "wrong")))
            .await
            .unwrap();
    assert_eq!(ok.status.code(), Some(0), "{}", stderr(&ok));
    let err = stderr(&refused);
    assert_eq!(refused.status.code(), Some(1), "{err}");
    assert!(err.contains("AccessDeniedException"), "{err}");
    assert!(
        err.contains("a local endpoint that checks SigV4 signatures") && !err.contains("IAM"),
        "{err}"
    );
}
