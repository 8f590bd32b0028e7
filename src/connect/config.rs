//! Where the client talks to: AWS through aws-config's standard chain, an endpoint
//! the user names, or the embedded default (the local endpoint, in-process).

use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::time::Duration;

use aws_sdk_connect::config::retry::RetryConfig;
use aws_sdk_connect::config::timeout::TimeoutConfig;
use aws_sdk_connect::config::{BehaviorVersion, Credentials, Region};

use super::error::ConnectError;
use super::target::{self, AwsFiles, Decision, Given, Keys};
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
    /// An endpoint the user named, and where it was named (`--endpoint-url`,
    /// `AWS_ENDPOINT_URL`, a profile's `endpoint_url`...).
    Endpoint { url: String, from: String },
    /// AWS itself, in a region, at the URL the requests go to.
    Aws { region: String, url: String },
}

impl std::fmt::Display for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Target::Embedded { db, .. } => write!(f, "the local endpoint ({})", db.display()),
            Target::Endpoint { url, from } if from == "--endpoint-url" => write!(f, "{url}"),
            Target::Endpoint { url, from } => write!(f, "{url} (from {from})"),
            Target::Aws { region, url } => write!(f, "Amazon Connect in {region} ({url})"),
        }
    }
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
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

/// A client of a local endpoint: the keys decided (the environment's or a profile's
/// static keys, else built-in ones), no credential chain to wait on.
fn local_config(
    url: &str,
    region: Option<String>,
    keys: &Keys,
    opts: &ConnectOptions,
) -> aws_sdk_connect::Config {
    let credentials = match keys {
        Keys::Static {
            id, secret, token, ..
        } => Credentials::new(id, secret, token.clone(), None, "connect-views-static"),
        _ => Credentials::new("local", "local", None, None, "connect-views-local"),
    };
    aws_sdk_connect::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new(
            region.unwrap_or_else(|| crate::local::DEFAULT_REGION.into()),
        ))
        .credentials_provider(credentials)
        .http_client(super::http_client())
        .endpoint_url(url)
        .retry_config(retries(opts))
        .timeout_config(timeouts(opts.deadline))
        .build()
}

fn config_error(message: impl Into<String>, advice: impl Into<String>) -> ConnectError {
    ConnectError::config("Configure", message, advice)
}

pub(crate) async fn resolve(opts: &ConnectOptions) -> Result<Resolved, ConnectError> {
    if let Some(e) = &opts.env_error {
        return Err(config_error(
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
    let files = AwsFiles::load(&env);
    let given = Given {
        profile: opts.profile.as_deref(),
        region: opts.region.as_deref(),
        endpoint_url: opts.endpoint_url.as_deref(),
    };
    let d = target::decide(&given, &env, &files).map_err(|e| {
        config_error(
            e,
            "check --profile, --endpoint-url, AWS_PROFILE, AWS_ENDPOINT_URL and your AWS config file",
        )
    })?;
    let region = d.region.as_ref().map(|(r, _)| r.clone());
    // A profile or a region named (flags or AWS_PROFILE, AWS_REGION, AWS_DEFAULT_REGION)
    // without an endpoint means AWS, as in the AWS CLI, never the embedded default: a user who
    // names prod must not be shown local views.
    if d.names_aws && instance.is_none() {
        return Err(config_error(
            format!(
                "{} select Amazon Connect on AWS, which needs an instance",
                named(&given, &d)
            ),
            "pass --instance-id (an instance id or ARN) or set CONNECT_INSTANCE_ID; for the local \
             endpoint, leave out --profile and --region and unset AWS_PROFILE, AWS_REGION and \
             AWS_DEFAULT_REGION (or pass --endpoint-url)",
        ));
    }
    match (&d.endpoint, &instance) {
        (None, None) => embedded(opts, region, &d.keys).await,
        (Some((url, from)), _) if url.loopback => Ok(Resolved {
            sdk: aws_sdk_connect::Client::from_conf(local_config(&url.text, region, &d.keys, opts)),
            instance: instance.unwrap_or_else(|| LOCAL_INSTANCE_ID.to_string()),
            target: Target::Endpoint {
                url: url.text.clone(),
                from: from.clone(),
            },
            endpoint: url.text.clone(),
            server: None,
        }),
        (_, None) => Err(config_error(
            "no Connect instance given",
            "pass --instance-id (an instance id or ARN) or set CONNECT_INSTANCE_ID",
        )),
        (_, Some(instance)) => aws(opts, &d, region, instance.clone()).await,
    }
}

/// What named AWS, in the words the user used.
fn named(given: &Given<'_>, d: &Decision) -> String {
    let mut parts = Vec::new();
    match given.profile {
        Some(p) => parts.push(format!("--profile {p}")),
        None if d.profile_named => parts.push(format!("AWS_PROFILE={}", d.profile)),
        None => {}
    }
    if let Some((r, from)) = &d.region
        && target::named_region(from)
    {
        parts.push(if from == "--region" {
            format!("--region {r}")
        } else {
            format!("{from}={r}")
        });
    }
    parts.join(" and ")
}

/// The local endpoint, started in this process.
async fn embedded(
    opts: &ConnectOptions,
    region: Option<String>,
    keys: &Keys,
) -> Result<Resolved, ConnectError> {
    let db = opts.db.clone().unwrap_or_else(default_db_path);
    // Its ARNs name the region the client uses, as AWS's would.
    let config = crate::local::ServerConfig {
        region: region
            .clone()
            .unwrap_or_else(|| crate::local::DEFAULT_REGION.into()),
        ..Default::default()
    };
    let server = LocalServer::start_config(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)), &db, config)
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
        sdk: aws_sdk_connect::Client::from_conf(local_config(&url, region, keys, opts)),
        instance: LOCAL_INSTANCE_ID.to_string(),
        target: Target::Embedded {
            url: url.clone(),
            db,
        },
        endpoint: url,
        server: Some(server),
    })
}

/// AWS, or an endpoint that is not on loopback: the SDK's credentials (an explicit profile's
/// own, else the default chain), the region decided, and the endpoint set explicitly, so the
/// target line names the URL the requests go to.
async fn aws(
    opts: &ConnectOptions,
    d: &Decision,
    region: Option<String>,
    instance: String,
) -> Result<Resolved, ConnectError> {
    let Some(region) = region else {
        return Err(config_error(
            "no AWS region configured",
            "pass --region, set AWS_REGION, or set a region in your AWS profile",
        ));
    };
    let mut loader = aws_config::defaults(BehaviorVersion::latest())
        .region(Region::new(region.clone()))
        .http_client(super::http_client());
    if d.profile_named {
        loader = loader.profile_name(&d.profile);
    }
    if let Keys::Profile(p) = &d.keys {
        // An explicit --profile uses that profile's keys, even with keys in the environment.
        loader = loader.credentials_provider(
            aws_config::profile::ProfileFileCredentialsProvider::builder()
                .profile_name(p)
                .build(),
        );
    }
    let shared = loader.load().await;
    let (url, target) = match &d.endpoint {
        Some((u, from)) => (
            u.text.clone(),
            Target::Endpoint {
                url: u.text.clone(),
                from: from.clone(),
            },
        ),
        None => {
            let url = format!("https://connect.{region}.amazonaws.com");
            (
                url.clone(),
                Target::Aws {
                    region: region.clone(),
                    url,
                },
            )
        }
    };
    let conf = aws_sdk_connect::config::Builder::from(&shared)
        .endpoint_url(&url)
        .retry_config(retries(opts))
        .timeout_config(timeouts(opts.deadline))
        .build();
    Ok(Resolved {
        sdk: aws_sdk_connect::Client::from_conf(conf),
        instance,
        target,
        endpoint: url,
        server: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_region_means_aws_and_needs_an_instance() {
        for opts in [ConnectOptions {
            region: Some("eu-west-2".into()),
            ..Default::default()
        }] {
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
                region: "eu-west-2".into(),
                url: "https://connect.eu-west-2.amazonaws.com".into()
            }
        );
        assert_eq!(r.endpoint, "https://connect.eu-west-2.amazonaws.com");
        assert!(r.server.is_none());
    }
}
