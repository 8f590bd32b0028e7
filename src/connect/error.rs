//! SDK errors turned into one message a person can act on.

use std::fmt;

use aws_sdk_connect::error::{DisplayErrorContext, ProvideErrorMetadata, SdkError};
use aws_sdk_connect::operation::RequestId;

/// What kind of failure, for callers that branch on it (exit codes, the TUI).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ErrorKind {
    /// The name is taken.
    Duplicate,
    ViewNotFound,
    InstanceNotFound,
    AccessDenied,
    Throttled,
    /// The service rejected the input (validation, a bad member, a checksum precondition).
    Invalid,
    InUse,
    Quota,
    /// The service failed (5xx).
    Service,
    /// The endpoint could not be reached.
    Network,
    Timeout,
    /// Local configuration (no instance, no credentials, a bad option).
    Config,
    Other,
}

/// One failed call: what failed, where, what the service said, and what to do.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ConnectError {
    pub operation: &'static str,
    pub instance: String,
    pub view: Option<String>,
    pub kind: ErrorKind,
    /// The service's error code, such as `DuplicateResourceException`.
    pub code: Option<String>,
    /// The service's own message, in full.
    pub message: String,
    pub request_id: Option<String>,
    /// What to do next.
    pub advice: String,
}

impl ConnectError {
    pub fn config(
        operation: &'static str,
        message: impl Into<String>,
        advice: impl Into<String>,
    ) -> Self {
        ConnectError {
            operation,
            instance: String::new(),
            view: None,
            kind: ErrorKind::Config,
            code: None,
            message: message.into(),
            request_id: None,
            advice: advice.into(),
        }
    }

    pub fn from_sdk<E>(
        operation: &'static str,
        instance: &str,
        view: Option<&str>,
        endpoint: &str,
        err: SdkError<E>,
    ) -> ConnectError
    where
        E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    {
        let request_id = err.request_id().map(str::to_string).or_else(|| {
            err.raw_response()
                .and_then(|r| r.headers().get("x-amzn-requestid"))
                .map(str::to_string)
        });
        let (kind, code, message) = match &err {
            SdkError::ServiceError(se) => {
                let e = se.err();
                let code = e.code().map(str::to_string);
                let message = e.message().unwrap_or("").to_string();
                let status = se.raw().status().as_u16();
                (classify(code.as_deref(), status, &message), code, message)
            }
            SdkError::TimeoutError(_) => (
                ErrorKind::Timeout,
                None,
                format!("{}", DisplayErrorContext(&err)),
            ),
            SdkError::DispatchFailure(d) => {
                let kind = if d.is_timeout() {
                    ErrorKind::Timeout
                } else if d.is_io() {
                    ErrorKind::Network
                } else {
                    ErrorKind::Config
                };
                (kind, None, format!("{}", DisplayErrorContext(&err)))
            }
            SdkError::ConstructionFailure(_) => (
                ErrorKind::Config,
                None,
                format!("{}", DisplayErrorContext(&err)),
            ),
            _ => (
                ErrorKind::Other,
                None,
                format!("{}", DisplayErrorContext(&err)),
            ),
        };
        let text = format!("{}", DisplayErrorContext(&err));
        let (kind, message) = if kind == ErrorKind::Timeout || text.contains("timed out") {
            (
                ErrorKind::Timeout,
                "no answer within the deadline (retries included)".to_string(),
            )
        } else if kind == ErrorKind::Network {
            // The SDK's context is a debug dump; a person needs where and why.
            let why = if text.contains("Connection refused") {
                ": connection refused (nothing listens there)"
            } else if text.contains("InvalidContentType")
                || text.contains("corrupt message")
                || text.contains("HandshakeFailure")
                || text.to_ascii_lowercase().contains("tls")
            {
                ": the TLS handshake failed (does it speak plain HTTP? then use http://)"
            } else if text.contains("dns error") || text.contains("failed to lookup") {
                ": the host name does not resolve"
            } else {
                ""
            };
            tracing::debug!(detail = %text, "connection failure");
            (kind, format!("could not connect to {endpoint}{why}"))
        } else {
            (kind, message)
        };
        let advice = advice(kind, operation, instance, view, endpoint, &message);
        // No view names or messages (they can quote names): the operation, kind, code and id.
        tracing::warn!(
            operation,
            kind = ?kind,
            code = code.as_deref().unwrap_or(""),
            request_id = request_id.as_deref().unwrap_or(""),
            "call failed"
        );
        ConnectError {
            operation,
            instance: instance.to_string(),
            view: view.map(str::to_string),
            kind,
            code,
            message,
            request_id,
            advice,
        }
    }
}

fn classify(code: Option<&str>, status: u16, message: &str) -> ErrorKind {
    match code.unwrap_or("") {
        "DuplicateResourceException" => ErrorKind::Duplicate,
        "ResourceNotFoundException"
            if message.to_ascii_lowercase().contains("instance") && !message.contains("view") =>
        {
            ErrorKind::InstanceNotFound
        }
        "ResourceNotFoundException" => ErrorKind::ViewNotFound,
        "AccessDeniedException" | "UnrecognizedClientException" | "InvalidSignatureException" => {
            ErrorKind::AccessDenied
        }
        "TooManyRequestsException" | "ThrottlingException" => ErrorKind::Throttled,
        "InvalidParameterException" | "InvalidRequestException" => ErrorKind::Invalid,
        "ResourceInUseException" => ErrorKind::InUse,
        "ServiceQuotaExceededException" => ErrorKind::Quota,
        "InternalServiceException" => ErrorKind::Service,
        _ if status == 429 => ErrorKind::Throttled,
        _ if status >= 500 => ErrorKind::Service,
        _ if status == 403 => ErrorKind::AccessDenied,
        _ if status == 404 => ErrorKind::ViewNotFound,
        _ => ErrorKind::Other,
    }
}

fn advice(
    kind: ErrorKind,
    operation: &str,
    instance: &str,
    view: Option<&str>,
    endpoint: &str,
    message: &str,
) -> String {
    let view = view.unwrap_or("the view");
    match kind {
        ErrorKind::Duplicate => format!(
            "the name is taken in instance {instance}: pull that view (`connect-views pull \"{view}\"`) and \
             edit it, or rename yours"
        ),
        ErrorKind::ViewNotFound if message.contains("version") && message.contains("does not exist") => {
            format!(
                "that version of {view} does not exist in instance {instance}: \
                 `connect-views versions VIEW` lists the ones that do"
            )
        }
        ErrorKind::ViewNotFound if message.contains("never been published") => format!(
            "{view} has never been published, so it has no $LATEST: read VIEW:$SAVED, or publish it"
        ),
        ErrorKind::ViewNotFound => format!(
            "{view} was not found in instance {instance}: check the id or name with `connect-views list`"
        ),
        ErrorKind::Invalid if message.contains("read-only") => "AWS-managed views are read-only: \
             pull one into a view file, rename it, and push it as a view of your own"
            .into(),
        ErrorKind::InstanceNotFound => format!(
            "instance {instance} was not found: check --instance-id (or CONNECT_INSTANCE_ID) and --region"
        ),
        ErrorKind::AccessDenied
            if super::target::parse_url(endpoint).is_ok_and(|u| u.loopback) =>
        {
            format!(
                "{endpoint} is a local endpoint that checks SigV4 signatures against the key it \
                 was started with (`serve --access-key-id`): sign with that access key id and \
                 secret (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or a --profile that holds \
                 them); the reason it gave is above"
            )
        }
        ErrorKind::AccessDenied => format!(
            "access denied: your IAM identity needs the action connect:{operation} on the instance's views"
        ),
        ErrorKind::Throttled => "the service is throttling requests and the retries ran out: wait a minute and try again".into(),
        ErrorKind::Invalid if message.contains("ViewContentSha256") => {
            "the view changed since you read it: describe it again (or pull) and retry".into()
        }
        ErrorKind::Invalid => "fix what the service names above; `connect-views validate` finds most of it offline".into(),
        ErrorKind::InUse => "something still uses the view (a flow, or another change in flight): try again, or remove the reference first".into(),
        ErrorKind::Quota => "a service quota was reached: delete unused views or versions, or ask AWS for a higher quota".into(),
        ErrorKind::Service => "the service failed; the retries ran out: try again, and quote the request id if it persists".into(),
        ErrorKind::Network => format!(
            "cannot reach {endpoint}: check the network and --endpoint-url (is `connect-views serve` running?)"
        ),
        ErrorKind::Timeout => format!("{endpoint} did not answer in time: check the network, then try again"),
        ErrorKind::Config => "check --profile, --region, --endpoint-url and your credentials".into(),
        ErrorKind::Other => "see the details above".into(),
    }
}

impl fmt::Display for ConnectError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} failed", self.operation)?;
        if !self.instance.is_empty() {
            write!(f, " on instance {}", self.instance)?;
        }
        if let Some(v) = &self.view {
            write!(f, " for view {v}")?;
        }
        if let Some(code) = &self.code {
            write!(f, ": {code}")?;
        }
        if !self.message.is_empty() {
            write!(f, ": {}", self.message)?;
        }
        write!(f, "\n  what to do: {}", self.advice)?;
        if let Some(id) = &self.request_id {
            write!(f, "\n  request id: {id}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ConnectError {}
