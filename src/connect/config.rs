//! Where the client talks to: AWS through aws-config's standard chain, an endpoint
//! the user names, or the embedded default (the local endpoint, in-process).

use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::time::Duration;

use aws_sdk_connect::config::retry::RetryConfig;
use aws_sdk_connect::config::timeout::TimeoutConfig;
use aws_sdk_connect::config::{BehaviorVersion, Credentials, Region};

use super::error::ConnectError;
use crate::local::{LOCAL_INSTANCE_ID, LocalServer, default_db_path};

/// The options every service command takes, following the AWS CLI's names.
#[derive(Debug, Clone, Default)]
pub struct ConnectOptions {
    pub profile: Option<String>,
    pub region: Option<String>,
    pub endpoint_url: Option<String>,
    /// An instance id or instance ARN (also `CONNECT_INSTANCE_ID`).
    pub instance_id: Option<String>,
    /// The database of the embedded default (else `CONNECT_VIEWS_DB` or the data directory).
    pub db: Option<PathBuf>,
    /// Overall deadline of one operation, retries included (default 60 s).
    pub deadline: Option<Duration>,
    /// Attempts per operation, the first included (default: the SDK's standard, 3).
    pub max_attempts: Option<u32>,
    /// The first retry's backoff (default: the SDK's standard, 1 s; it grows with jitter).
    pub initial_backoff: Option<Duration>,
    /// The environment these options came from (`--env`), and whether it is protected.
    pub env: Option<String>,
    pub protected: bool,
    /// Why the environment could not be read; connecting fails with it.
    pub env_error: Option<String>,
}

/// What the client is connected to, for messages and the status pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// The local endpoint started in this process.
    Embedded { url: String, db: PathBuf },
    /// An endpoint the user named.
    Endpoint { url: String },
    /// AWS itself, in a region.
    Aws { region: String },
}

impl std::fmt::Display for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Target::Embedded { db, .. } => write!(f, "the local endpoint ({})", db.display()),
            Target::Endpoint { url } => write!(f, "{url}"),
            Target::Aws { region } => write!(f, "Amazon Connect in {region}"),
        }
    }
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// The endpoint URL from the options or, as the AWS CLI does, from the environment.
fn endpoint_url(opts: &ConnectOptions) -> Option<String> {
    opts.endpoint_url
        .clone()
        .or_else(|| env("AWS_ENDPOINT_URL_CONNECT"))
        .or_else(|| env("AWS_ENDPOINT_URL"))
}

fn is_loopback_url(url: &str) -> bool {
    let rest = url.split("://").nth(1).unwrap_or(url);
    let host = rest.split('/').next().unwrap_or("");
    let host = if let Some(h) = host.strip_prefix('[') {
        h.split(']').next().unwrap_or("")
    } else {
        host.rsplit_once(':').map(|(h, _)| h).unwrap_or(host)
    };
    host == "localhost"
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

pub(crate) struct Resolved {
    pub sdk: aws_sdk_connect::Client,
    pub instance: String,
    pub target: Target,
    pub endpoint: String,
    pub server: Option<LocalServer>,
}

fn timeouts(deadline: Option<Duration>) -> TimeoutConfig {
    TimeoutConfig::builder()
        .connect_timeout(Duration::from_secs(5))
        .operation_attempt_timeout(Duration::from_secs(20))
        .operation_timeout(deadline.unwrap_or(Duration::from_secs(60)))
        .build()
}

/// The SDK's standard retry (exponential backoff with jitter; throttling, 5xx and transient
/// network errors), with the attempts and first backoff the options ask for.
fn retries(opts: &ConnectOptions) -> RetryConfig {
    let mut r = RetryConfig::standard();
    if let Some(n) = opts.max_attempts {
        r = r.with_max_attempts(n.max(1));
    }
    if let Some(b) = opts.initial_backoff {
        r = r.with_initial_backoff(b);
    }
    r
}

fn local_config(
    url: &str,
    region: Option<String>,
    opts: &ConnectOptions,
) -> aws_sdk_connect::Config {
    aws_sdk_connect::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new(region.unwrap_or_else(|| "us-east-1".into())))
        .credentials_provider(Credentials::new(
            "local",
            "local",
            None,
            None,
            "connect-views-local",
        ))
        .endpoint_url(url)
        .retry_config(retries(opts))
        .timeout_config(timeouts(opts.deadline))
        .build()
}

pub(crate) async fn resolve(opts: &ConnectOptions) -> Result<Resolved, ConnectError> {
    if let Some(e) = &opts.env_error {
        return Err(ConnectError::config(
            "Configure",
            e.clone(),
            format!(
                "define it in {} as [env.NAME] with profile, region, endpoint_url, instance_id \
                 and protected",
                super::env::FILE_NAME
            ),
        ));
    }
    let instance = opts
        .instance_id
        .clone()
        .or_else(|| env("CONNECT_INSTANCE_ID"));
    let endpoint = endpoint_url(opts);
    let region = opts.region.clone();
    // --profile or --region without --endpoint-url mean AWS (as the AWS CLI does), never the
    // embedded default: a user who names prod must not be shown local views.
    let names_aws = endpoint.is_none() && (opts.profile.is_some() || region.is_some());
    if names_aws && instance.is_none() {
        let given = match (&opts.profile, &region) {
            (Some(p), Some(r)) => format!("--profile {p} and --region {r}"),
            (Some(p), None) => format!("--profile {p}"),
            (None, Some(r)) => format!("--region {r}"),
            (None, None) => unreachable!("names_aws needs one of them"),
        };
        return Err(ConnectError::config(
            "Configure",
            format!("{given} select Amazon Connect on AWS, which needs an instance"),
            "pass --instance-id (an instance id or ARN) or set CONNECT_INSTANCE_ID; for the local \
             endpoint, leave out --profile and --region (or pass --endpoint-url)",
        ));
    }
    match (&endpoint, &instance) {
        (None, None) => {
            let db = opts.db.clone().unwrap_or_else(default_db_path);
            // Its ARNs name the region the client uses, as AWS's would.
            let config = crate::local::ServerConfig {
                region: region
                    .clone()
                    .unwrap_or_else(|| crate::local::DEFAULT_REGION.into()),
                ..Default::default()
            };
            let server = LocalServer::start_config(
                SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
                &db,
                config,
            )
            .await
                .map_err(|e| {
                    ConnectError::config(
                        "StartLocalEndpoint",
                        format!("{e:#}"),
                        "check that the data directory is writable, or point CONNECT_VIEWS_DB at a writable file",
                    )
                })?;
            let url = server.url();
            Ok(Resolved {
                sdk: aws_sdk_connect::Client::from_conf(local_config(&url, region, opts)),
                instance: LOCAL_INSTANCE_ID.to_string(),
                target: Target::Embedded {
                    url: url.clone(),
                    db,
                },
                endpoint: url,
                server: Some(server),
            })
        }
        (Some(url), _) if is_loopback_url(url) && opts.profile.is_none() => Ok(Resolved {
            sdk: aws_sdk_connect::Client::from_conf(local_config(url, region, opts)),
            instance: instance.unwrap_or_else(|| LOCAL_INSTANCE_ID.to_string()),
            target: Target::Endpoint { url: url.clone() },
            endpoint: url.clone(),
            server: None,
        }),
        (_, None) => Err(ConnectError::config(
            "Configure",
            "no Connect instance given",
            "pass --instance-id (an instance id or ARN) or set CONNECT_INSTANCE_ID",
        )),
        (_, Some(instance)) => {
            let mut loader = aws_config::defaults(BehaviorVersion::latest());
            if let Some(p) = &opts.profile {
                loader = loader.profile_name(p);
            }
            if let Some(r) = &region {
                loader = loader.region(Region::new(r.clone()));
            }
            let shared = loader.load().await;
            let region = shared.region().map(|r| r.to_string());
            let Some(region_name) = region else {
                return Err(ConnectError::config(
                    "Configure",
                    "no AWS region configured",
                    "pass --region, set AWS_REGION, or set a region in your AWS profile",
                ));
            };
            let mut builder = aws_sdk_connect::config::Builder::from(&shared)
                .retry_config(retries(opts))
                .timeout_config(timeouts(opts.deadline));
            if let Some(url) = &endpoint {
                builder = builder.endpoint_url(url);
            }
            let endpoint_desc = endpoint
                .clone()
                .unwrap_or_else(|| format!("https://connect.{region_name}.amazonaws.com"));
            let target = match &endpoint {
                Some(url) => Target::Endpoint { url: url.clone() },
                None => Target::Aws {
                    region: region_name,
                },
            };
            Ok(Resolved {
                sdk: aws_sdk_connect::Client::from_conf(builder.build()),
                instance: instance.clone(),
                target,
                endpoint: endpoint_desc,
                server: None,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_profile_or_region_means_aws_and_needs_an_instance() {
        for opts in [
            ConnectOptions {
                profile: Some("prod".into()),
                ..Default::default()
            },
            ConnectOptions {
                region: Some("eu-west-2".into()),
                ..Default::default()
            },
        ] {
            // An instance from the environment would make this an AWS target instead.
            if env("CONNECT_INSTANCE_ID").is_some() {
                return;
            }
            let Err(e) = resolve(&opts).await else {
                panic!("{opts:?} must not fall back to the local endpoint")
            };
            assert_eq!(e.kind, super::super::error::ErrorKind::Config);
            assert!(e.message.contains("select Amazon Connect on AWS"), "{e}");
            assert!(e.advice.contains("--instance-id"), "{e}");
        }
        // With an instance: AWS in that region (nothing is sent until an operation runs).
        let r = resolve(&ConnectOptions {
            region: Some("eu-west-2".into()),
            instance_id: Some("11111111-2222-3333-4444-555555555555".into()),
            ..Default::default()
        })
        .await
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            r.target,
            Target::Aws {
                region: "eu-west-2".into()
            }
        );
        assert_eq!(r.endpoint, "https://connect.eu-west-2.amazonaws.com");
        assert!(r.server.is_none());
    }

    #[test]
    fn loopback_urls() {
        assert!(super::is_loopback_url("http://127.0.0.1:8080"));
        assert!(super::is_loopback_url("http://localhost:1/x"));
        assert!(super::is_loopback_url("http://[::1]:80"));
        assert!(!super::is_loopback_url(
            "https://connect.us-east-1.amazonaws.com"
        ));
    }
}
