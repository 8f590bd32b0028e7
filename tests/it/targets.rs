//! Where requests go, row by row of the README's precedence table, with real config and
//! credentials files: `connect-views` and the AWS CLI (a client nobody here wrote) run with the
//! same flags, environment and files against two local endpoints, and each endpoint's log says
//! which one was reached, with which access key and for which region.

use std::path::Path;
use std::process::{Command, Output};

use connect_views::local::LOCAL_INSTANCE_ID;

use crate::common::{Endpoint, bin, stderr, temp_dir};

/// Every variable that steers either client, cleared before each row.
const STEERING: &[&str] = &[
    "AWS_PROFILE",
    "AWS_DEFAULT_PROFILE",
    "AWS_REGION",
    "AWS_DEFAULT_REGION",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_ENDPOINT_URL",
    "AWS_ENDPOINT_URL_CONNECT",
    "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
    "CONNECT_INSTANCE_ID",
    "CONNECT_VIEWS_ENV",
];

struct Row {
    name: &'static str,
    config: String,
    credentials: &'static str,
    env: Vec<(&'static str, String)>,
    args: Vec<String>,
    /// The endpoint reached (0 for A, 1 for B), the key id and the region signed for.
    expect: Result<(usize, &'static str, &'static str), &'static str>,
    /// Whether the AWS CLI (v1, botocore) is a judge of this row.
    cli: bool,
}

fn steer(c: &mut Command, dir: &Path, row: &Row) {
    for v in STEERING {
        c.env_remove(v);
    }
    c.env("HOME", dir)
        .env("AWS_CONFIG_FILE", dir.join("config"))
        .env("AWS_SHARED_CREDENTIALS_FILE", dir.join("credentials"))
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("CONNECT_VIEWS_DATA_DIR", dir.join("data"))
        .env("CONNECT_VIEWS_DB", dir.join("data/views.sqlite3"));
    for (k, v) in &row.env {
        c.env(k, v);
    }
}

fn ours(dir: &Path, row: &Row) -> Output {
    let mut c = bin();
    c.args(["list", "--instance-id", LOCAL_INSTANCE_ID]);
    c.args(&row.args);
    steer(&mut c, dir, row);
    c.output().unwrap()
}

fn cli(dir: &Path, row: &Row) -> Output {
    let mut c = Command::new("python3");
    c.args([
        "-m",
        "awscli",
        "connect",
        "list-views",
        "--instance-id",
        LOCAL_INSTANCE_ID,
    ]);
    c.args(&row.args);
    steer(&mut c, dir, row);
    c.output().unwrap()
}

fn rows(a: &str, b: &str) -> Vec<Row> {
    let keys = |id: &str| {
        vec![
            ("AWS_ACCESS_KEY_ID", id.to_string()),
            ("AWS_SECRET_ACCESS_KEY", "s".to_string()),
        ]
    };
    let region = ("AWS_DEFAULT_REGION", "us-east-1".to_string());
    let with = |mut v: Vec<(&'static str, String)>, more: Vec<(&'static str, String)>| {
        v.extend(more);
        v
    };
    vec![
        Row {
            name: "--endpoint-url beats AWS_ENDPOINT_URL_CONNECT",
            config: String::new(),
            credentials: "",
            env: with(
                keys("KE"),
                vec![region.clone(), ("AWS_ENDPOINT_URL_CONNECT", b.into())],
            ),
            args: vec!["--endpoint-url".into(), a.into()],
            expect: Ok((0, "KE", "us-east-1")),
            cli: true,
        },
        Row {
            name: "AWS_ENDPOINT_URL_CONNECT beats AWS_ENDPOINT_URL",
            config: String::new(),
            credentials: "",
            env: with(
                keys("KE"),
                vec![
                    region.clone(),
                    ("AWS_ENDPOINT_URL_CONNECT", a.into()),
                    ("AWS_ENDPOINT_URL", b.into()),
                ],
            ),
            args: vec![],
            expect: Ok((0, "KE", "us-east-1")),
            cli: true,
        },
        Row {
            name: "AWS_ENDPOINT_URL beats the profile's services section",
            config: format!(
                "[default]\nservices = dev\n[services dev]\nconnect =\n  endpoint_url = {b}\n"
            ),
            credentials: "",
            env: with(
                keys("KE"),
                vec![region.clone(), ("AWS_ENDPOINT_URL", a.into())],
            ),
            args: vec![],
            expect: Ok((0, "KE", "us-east-1")),
            cli: true,
        },
        Row {
            name: "the services section beats the profile's endpoint_url",
            config: format!(
                "[default]\nendpoint_url = {b}\nservices = dev\n[services dev]\nconnect =\n  endpoint_url = {a}\n"
            ),
            credentials: "",
            env: with(keys("KE"), vec![region.clone()]),
            args: vec![],
            expect: Ok((0, "KE", "us-east-1")),
            cli: true,
        },
        Row {
            name: "the profile's endpoint_url",
            config: format!("[default]\nendpoint_url = {a}\nregion = eu-west-1\n"),
            credentials: "",
            env: keys("KE"),
            args: vec![],
            expect: Ok((0, "KE", "eu-west-1")),
            cli: true,
        },
        Row {
            name: "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS ignores all but the flag",
            config: format!("[default]\nendpoint_url = {b}\n"),
            credentials: "",
            env: with(
                keys("KE"),
                vec![
                    region.clone(),
                    ("AWS_ENDPOINT_URL", b.into()),
                    ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true".into()),
                ],
            ),
            args: vec!["--endpoint-url".into(), a.into()],
            expect: Ok((0, "KE", "us-east-1")),
            cli: true,
        },
        Row {
            name: "an explicit --profile uses its keys over the environment's",
            config: format!("[profile p]\nendpoint_url = {a}\nregion = eu-west-1\n"),
            credentials: "[p]\naws_access_key_id = KP\naws_secret_access_key = s\n",
            env: keys("KE"),
            args: vec!["--profile".into(), "p".into()],
            expect: Ok((0, "KP", "eu-west-1")),
            cli: true,
        },
        Row {
            name: "AWS_PROFILE does not beat the environment's keys",
            config: format!("[profile p]\nendpoint_url = {a}\nregion = eu-west-1\n"),
            credentials: "[p]\naws_access_key_id = KP\naws_secret_access_key = s\n",
            env: with(keys("KE"), vec![("AWS_PROFILE", "p".into())]),
            args: vec![],
            expect: Ok((0, "KE", "eu-west-1")),
            cli: true,
        },
        Row {
            name: "AWS_PROFILE's keys when the environment has none",
            config: format!("[profile p]\nendpoint_url = {b}\nregion = eu-west-1\n"),
            credentials: "[p]\naws_access_key_id = KP\naws_secret_access_key = s\n",
            env: vec![("AWS_PROFILE", "p".into())],
            args: vec![],
            expect: Ok((1, "KP", "eu-west-1")),
            cli: true,
        },
        Row {
            name: "AWS_DEFAULT_REGION beats the profile's region",
            config: format!("[default]\nendpoint_url = {a}\nregion = ap-south-1\n"),
            credentials: "",
            env: with(keys("KE"), vec![("AWS_DEFAULT_REGION", "eu-west-1".into())]),
            args: vec![],
            expect: Ok((0, "KE", "eu-west-1")),
            cli: true,
        },
        Row {
            name: "--region beats AWS_DEFAULT_REGION",
            config: String::new(),
            credentials: "",
            env: with(keys("KE"), vec![("AWS_DEFAULT_REGION", "eu-west-1".into())]),
            args: vec![
                "--endpoint-url".into(),
                a.into(),
                "--region".into(),
                "eu-north-1".into(),
            ],
            expect: Ok((0, "KE", "eu-north-1")),
            cli: true,
        },
        Row {
            // The SDKs and the AWS CLI v2 read AWS_REGION first; the CLI v1 here reads only
            // AWS_DEFAULT_REGION, so it is no judge of this row.
            name: "AWS_REGION beats AWS_DEFAULT_REGION",
            config: String::new(),
            credentials: "",
            env: with(
                keys("KE"),
                vec![
                    ("AWS_REGION", "eu-west-3".into()),
                    ("AWS_DEFAULT_REGION", "eu-west-1".into()),
                ],
            ),
            args: vec!["--endpoint-url".into(), a.into()],
            expect: Ok((0, "KE", "eu-west-3")),
            cli: false,
        },
        Row {
            // The CLI refuses to sign without keys; a local endpoint takes built-in ones.
            name: "no keys anywhere: the built-in local keys",
            config: String::new(),
            credentials: "",
            env: vec![region.clone()],
            args: vec!["--endpoint-url".into(), b.into()],
            expect: Ok((1, "local", "us-east-1")),
            cli: false,
        },
        Row {
            name: "an unknown --profile is an error naming it",
            config: "[profile p]\nregion = eu-west-1\n".into(),
            credentials: "",
            env: keys("KE"),
            args: vec![
                "--endpoint-url".into(),
                a.into(),
                "--profile".into(),
                "nope".into(),
            ],
            expect: Err("nope"),
            cli: true,
        },
        Row {
            name: "an unknown AWS_PROFILE is an error naming it",
            config: "[profile p]\nregion = eu-west-1\n".into(),
            credentials: "",
            env: with(keys("KE"), vec![("AWS_PROFILE", "nope".into())]),
            args: vec!["--endpoint-url".into(), a.into()],
            expect: Err("nope"),
            cli: true,
        },
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_go_where_the_aws_cli_sends_them() {
    let (a, b) = (Endpoint::start().await, Endpoint::start().await);
    let (url_a, url_b) = (a.url(), b.url());
    let logs = [a.server.log.clone(), b.server.log.clone()];
    let urls = [url_a.clone(), url_b.clone()];
    tokio::task::spawn_blocking(move || {
        for row in rows(&url_a, &url_b) {
            let dir = temp_dir();
            std::fs::write(dir.path().join("config"), &row.config).unwrap();
            std::fs::write(dir.path().join("credentials"), row.credentials).unwrap();
            let mut runs = vec![("connect-views", ours as fn(&Path, &Row) -> Output)];
            if row.cli {
                runs.push(("the AWS CLI", cli));
            }
            for (who, run) in runs {
                let before: Vec<usize> = logs.iter().map(|l| l.signers().len()).collect();
                let out = run(dir.path(), &row);
                let err = stderr(&out);
                assert!(
                    !err.contains("No module named"),
                    "python3 -m pip install awscli: {err}"
                );
                let reached: Vec<(usize, (String, String))> = logs
                    .iter()
                    .enumerate()
                    .flat_map(|(i, l)| l.signers().into_iter().skip(before[i]).map(move |s| (i, s)))
                    .collect();
                match row.expect {
                    Ok((endpoint, key, region)) => {
                        assert_eq!(out.status.code(), Some(0), "{}: {who}: {err}", row.name);
                        let (i, (k, r)) = reached
                            .first()
                            .unwrap_or_else(|| panic!("{}: {who} reached nothing", row.name))
                            .clone();
                        assert_eq!(
                            (i, k.as_str(), r.as_str()),
                            (endpoint, key, region),
                            "{}: {who}",
                            row.name
                        );
                        if who == "connect-views" {
                            assert!(
                                err.contains(&urls[endpoint]),
                                "{}: the target line names the endpoint: {err}",
                                row.name
                            );
                        }
                    }
                    Err(named) => {
                        assert_ne!(out.status.code(), Some(0), "{}: {who}", row.name);
                        assert!(err.contains(named), "{}: {who}: {err}", row.name);
                        assert!(reached.is_empty(), "{}: {who} sent nothing", row.name);
                    }
                }
            }
        }
    })
    .await
    .unwrap();
}

/// Endpoint URLs are parsed: no scheme is a one-line usage error, a user name never makes a
/// host loopback, and nothing prints a debug dump.
#[test]
fn endpoint_urls_are_checked_before_anything_is_sent() {
    for (url, says) in [
        (
            "127.0.0.1:8787",
            "has no scheme: write http://127.0.0.1:8787",
        ),
        ("http://localhost:1@example.com", "user name or password"),
    ] {
        let out = bin()
            .args(["list", "--endpoint-url", url])
            .env_remove("CONNECT_INSTANCE_ID")
            .output()
            .unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{url}: {err}");
        assert!(err.contains(says), "{url}: {err}");
        assert!(
            !err.contains("Error {") && !err.contains("source:"),
            "{url}: {err}"
        );
    }
}

/// `https://` against the plain-HTTP local endpoint: an error that says the TLS handshake
/// failed, never a process ended by SIGPIPE.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tls_against_plain_http_is_an_error_that_says_so() {
    let ep = Endpoint::start().await;
    let url = ep.url().replace("http://", "https://");
    let out = tokio::task::spawn_blocking(move || {
        bin()
            .args(["list", "--endpoint-url", &url])
            .env_remove("CONNECT_INSTANCE_ID")
            .env("AWS_ACCESS_KEY_ID", "x")
            .env("AWS_SECRET_ACCESS_KEY", "x")
            .output()
            .unwrap()
    })
    .await
    .unwrap();
    let err = stderr(&out);
    assert_eq!(
        out.status.code(),
        Some(1),
        "ended by a signal? {:?}: {err}",
        out.status
    );
    assert!(err.contains("TLS handshake failed"), "{err}");
}

/// `connect-views` on an instance the endpoint does not hold says so and names it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unknown_instance_is_named() {
    let ep = Endpoint::start().await;
    let url = ep.url();
    let unknown = "99999999-9999-4999-8999-999999999999";
    let out = tokio::task::spawn_blocking(move || {
        bin()
            .args(["list", "--endpoint-url", &url, "--instance-id", unknown])
            .output()
            .unwrap()
    })
    .await
    .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(&format!("instance {unknown} was not found")),
        "{err}"
    );
}
