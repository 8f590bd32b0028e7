//! The HTTP server: routes on the raw (still percent-encoded) path, decodes each
//! segment afterwards, and answers every request with `X-Amzn-RequestId`.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

mod flows;
mod workspaces;

use axum::Router;
use axum::body::Body as HttpBody;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};

use super::model::{self, ManagedView, Qualifier, Status, ViewRef, ViewType};
use super::store::{Content, NewView, Store, StoreError, ViewRow};
use super::wire::{ApiError, ApiResult, Body, ErrorKind, check_length, ok};
use crate::view::{Level, Template, ViewDocument, content_sha256, input_schema, validate};

/// The largest request body accepted (content is at most 400 kB; escaping can double it).
pub const MAX_BODY: usize = 4 * 1024 * 1024;

/// The most header bytes a request may carry (the SDK sends well under 2 KiB).
pub const MAX_HEADERS: usize = 64 * 1024;

pub(crate) struct App {
    pub store: Store,
    pub faults: Arc<super::faults::Faults>,
    pub auth: Option<super::auth::Credentials>,
    pub log: Arc<super::RequestLog>,
    /// The instances it holds, the default first.
    pub instances: Vec<String>,
    pub scope: model::Scope,
    pub body_timeout: std::time::Duration,
    /// The port it listens on when that is a loopback address: every request's `Host`
    /// must then be a loopback name or address with this port (no DNS rebinding).
    pub loopback_port: Option<u16>,
    /// Seals the pagination tokens it issues.
    pub tokens: super::tokens::Tokens,
}

impl App {
    pub fn new(
        store: Store,
        config: super::ServerConfig,
        log: Arc<super::RequestLog>,
        listening: Option<SocketAddr>,
    ) -> App {
        let mut instances = vec![super::LOCAL_INSTANCE_ID.to_string()];
        for i in config.instances {
            if !instances.contains(&i) {
                instances.push(i);
            }
        }
        App {
            store,
            faults: config.faults,
            auth: config.auth,
            log,
            instances,
            scope: model::Scope {
                region: config.region,
                account: config.account,
            },
            body_timeout: config.body_timeout,
            loopback_port: listening.filter(|a| a.ip().is_loopback()).map(|a| a.port()),
            tokens: super::tokens::Tokens::new(),
        }
    }
}

/// Whether a `Host` header names a loopback host (`localhost`, 127.0.0.0/8, `[::1]`) with
/// the port (80 when none is given).
pub fn is_loopback_host(host: &str, port: u16) -> bool {
    let (name, given) = match host.strip_prefix('[') {
        Some(rest) => match rest.split_once(']') {
            Some((name, tail)) => (name, tail.strip_prefix(':')),
            None => return false,
        },
        None => match host.rsplit_once(':') {
            Some((name, p)) => (name, Some(p)),
            None => (host, None),
        },
    };
    let port_ok = match given {
        None => port == 80,
        Some(p) => p.parse::<u16>() == Ok(port),
    };
    port_ok && super::is_loopback_name(name)
}

pub(crate) fn router(app: Arc<App>) -> Router {
    Router::new().fallback(handle).with_state(app)
}

/// The operation a request is for, by method and route shape only (no ids or names).
fn operation(method: &Method, path: &str) -> &'static str {
    let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    match (method.as_str(), segments.as_slice()) {
        ("PUT", ["views", _]) => "CreateView",
        ("GET", ["views", _]) => "ListViews",
        ("GET", ["views", _, _]) => "DescribeView",
        ("POST", ["views", _, _]) => "UpdateViewContent",
        ("DELETE", ["views", _, _]) => "DeleteView",
        ("POST", ["views", _, _, "metadata"]) => "UpdateViewMetadata",
        ("PUT", ["views", _, _, "versions"]) => "CreateViewVersion",
        ("GET", ["views", _, _, "versions"]) => "ListViewVersions",
        ("DELETE", ["views", _, _, "versions", _]) => "DeleteViewVersion",
        ("POST", ["tags", _]) => "TagResource",
        ("DELETE", ["tags", _]) => "UntagResource",
        ("GET", ["tags", _]) => "ListTagsForResource",
        ("POST", ["search-views"]) => "SearchViews",
        ("POST", ["search-contact-flows"]) => "SearchContactFlows",
        ("POST", ["search-contact-flow-modules"]) => "SearchContactFlowModules",
        ("GET", ["contact-flows-summary", _]) => "ListContactFlows",
        ("GET", ["contact-flow-modules-summary", _]) => "ListContactFlowModules",
        ("GET", ["contact-flows", _, _]) => "DescribeContactFlow",
        ("GET", ["contact-flow-modules", _, _]) => "DescribeContactFlowModule",
        ("GET", ["contact-flow-modules", _, _, "aliases"]) => "ListContactFlowModuleAliases",
        ("GET", ["workspaces", _]) => "ListWorkspaces",
        ("GET", ["workspaces", _, _, "pages"]) => "ListWorkspacePages",
        ("POST", ["search-workspaces"]) => "SearchWorkspaces",
        ("POST", ["search-workspace-associations"]) => "SearchWorkspaceAssociations",
        _ => "Unknown",
    }
}

async fn handle(State(app): State<Arc<App>>, req: Request) -> Response {
    let started = std::time::Instant::now();
    let op = operation(req.method(), req.uri().path());
    if let Some((key_id, region)) = super::auth::signer(req.headers()) {
        app.log.push_signer(key_id, region);
    }
    let response = answer(app.clone(), req).await;
    let status = response.status().as_u16();
    app.log.push(op, status);
    let request_id = response
        .headers()
        .get("x-amzn-requestid")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let error = response
        .headers()
        .get("x-amzn-errortype")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    tracing::info!(
        op,
        status,
        error,
        request_id,
        ms = started.elapsed().as_millis() as u64,
        "request"
    );
    response
}

async fn answer(app: Arc<App>, req: Request) -> Response {
    use super::faults::Fault;
    let request_id = uuid::Uuid::new_v4().to_string();
    let op = operation(req.method(), req.uri().path());
    let (latency, fault) = app.faults.next(writes_content(&req));
    if !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }
    // Tagging and SearchViews throttle with ThrottlingException, the other view operations
    // with TooManyRequestsException, as the model lists them.
    let tagging = req.uri().path().starts_with("/tags/") || req.uri().path() == "/search-views";
    let mut response = match fault {
        _ if app.faults.denied(op) => ApiError::new(
            ErrorKind::AccessDenied,
            format!("User is not authorized to perform connect:{op} (injected fault)"),
        )
        .into_response(),
        Some(Fault::Throttle) if tagging => {
            ApiError::new(ErrorKind::Throttling, "Rate exceeded (injected fault)").into_response()
        }
        Some(Fault::Throttle) => {
            ApiError::new(ErrorKind::TooManyRequests, "Rate exceeded (injected fault)")
                .into_response()
        }
        Some(Fault::Error) => {
            ApiError::internal("Internal service error (injected fault)").into_response()
        }
        Some(Fault::Hang) => {
            // Hold the connection open without answering until the client gives up.
            tokio::time::sleep(std::time::Duration::from_secs(3600)).await;
            ApiError::internal("hung (injected fault)").into_response()
        }
        Some(Fault::Refuse) => {
            // In the words of the service's validator (AJV): the instance path, from the
            // template's root, and what is wrong there.
            let path = app.faults.refuse_path();
            ApiError::invalid(format!(
                "Invalid view content: {path} must be equal to one of the allowed values \
                 (injected fault)"
            ))
            .into_response()
        }
        Some(Fault::Drop) => {
            let answer = route(app, req).await;
            if answer.is_ok() {
                // Done (and committed, for a write): now lose the answer. Unwinding ends this connection's task, so the
                // socket closes without a response; resume_unwind skips the panic hook.
                std::panic::resume_unwind(Box::new("commit then drop (injected fault)"));
            }
            answer.unwrap_or_else(|e| e.into_response())
        }
        None => match route(app, req).await {
            Ok(r) => r,
            Err(e) => e.into_response(),
        },
    };
    if let Ok(v) = HeaderValue::from_str(&request_id) {
        response.headers_mut().insert("x-amzn-requestid", v);
    }
    response
}

/// Whether a request writes view content: CreateView (`PUT /views/{instance}`) or
/// UpdateViewContent (`POST /views/{instance}/{view}`).
fn writes_content(req: &Request) -> bool {
    let segments: Vec<&str> = req
        .uri()
        .path()
        .trim_matches('/')
        .split('/')
        .filter(|s| !s.is_empty())
        .collect();
    matches!(
        (req.method().as_str(), segments.as_slice()),
        ("PUT", ["views", _]) | ("POST", ["views", _, _])
    )
}

fn now() -> f64 {
    let d = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    (d.as_millis() as f64) / 1000.0
}

/// Percent-decodes one path segment or query component.
pub fn percent_decode(raw: &str, plus_is_space: bool) -> ApiResult<String> {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = raw
                    .get(i + 1..i + 3)
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                    .ok_or_else(|| {
                        ApiError::new(
                            ErrorKind::InvalidRequest,
                            format!("bad percent-encoding in \"{raw}\""),
                        )
                    })?;
                out.push(hex);
                i += 3;
            }
            b'+' if plus_is_space => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).map_err(|_| {
        ApiError::new(
            ErrorKind::InvalidRequest,
            format!("\"{raw}\" does not decode to UTF-8"),
        )
    })
}

fn query_pairs(query: Option<&str>) -> ApiResult<Vec<(String, String)>> {
    let mut out = Vec::new();
    for pair in query.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        out.push((percent_decode(k, true)?, percent_decode(v, true)?));
    }
    Ok(out)
}

fn query_one<'a>(pairs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

async fn blocking<T: Send + 'static>(
    app: &Arc<App>,
    f: impl FnOnce(&Store) -> Result<T, StoreError> + Send + 'static,
) -> ApiResult<T> {
    let app = app.clone();
    tokio::task::spawn_blocking(move || f(&app.store))
        .await
        .map_err(|e| ApiError::internal(format!("the request failed inside the endpoint: {e}")))?
        .map_err(store_error)
}

fn store_error(e: StoreError) -> ApiError {
    match &e {
        StoreError::DuplicateName(_) => ApiError::new(
            ErrorKind::DuplicateResource,
            format!("View name already exists for the instance: {e}"),
        ),
        StoreError::ViewNotFound(_) | StoreError::VersionNotFound(..) => {
            ApiError::not_found(e.to_string())
        }
        StoreError::NothingPublished(_) | StoreError::Missing(_) => {
            ApiError::not_found(e.to_string())
        }
        StoreError::Exists(_) => ApiError::new(ErrorKind::DuplicateResource, e.to_string()),
        StoreError::Refused(_) => ApiError::new(ErrorKind::InvalidRequest, e.to_string()),
        StoreError::Quota(_) => ApiError::new(ErrorKind::ServiceQuotaExceeded, e.to_string()),
        StoreError::ChecksumMismatch { .. } => ApiError::invalid(e.to_string()),
        StoreError::Sqlite(_) | StoreError::Io(_) => ApiError::internal(e.to_string()),
    }
}

async fn route(app: Arc<App>, req: Request) -> ApiResult<Response> {
    let (parts, body) = req.into_parts();
    check_head(&app, &parts)?;
    let denied = |why| ApiError::new(ErrorKind::AccessDenied, why);
    let signed = super::auth::Signed {
        method: parts.method.as_str(),
        raw_path: parts.uri.path(),
        raw_query: parts.uri.query(),
        headers: &parts.headers,
    };
    let claim = match &app.auth {
        Some(creds) => {
            let claim = super::auth::Claim::check_headers(creds, &parts.headers, SystemTime::now())
                .map_err(denied)?;
            // With the payload hash stated, the signature is checked before the body is read.
            if let Some(stated) = &claim.stated_payload {
                claim
                    .check_signature(creds, signed, stated)
                    .map_err(denied)?;
            }
            Some((creds, claim))
        }
        None => None,
    };
    let method = parts.method.clone();
    let raw_path = parts.uri.path().to_string();
    let query = query_pairs(parts.uri.query())?;
    let bytes = read_body(&app, body).await?;
    if let Some((creds, claim)) = claim {
        claim.check_body(creds, signed, &bytes).map_err(denied)?;
    }
    let raw: Vec<&str> = raw_path.trim_start_matches('/').split('/').collect();
    let segs = raw
        .iter()
        .map(|s| percent_decode(s, false))
        .collect::<ApiResult<Vec<String>>>()?;
    let s: Vec<&str> = segs.iter().map(String::as_str).collect();
    let ctx = Ctx {
        app,
        query,
        body: bytes.to_vec(),
    };
    dispatch(&ctx, &method, &s, &raw_path).await
}

/// What the request line and headers alone decide: the `Host` on loopback, the size of
/// the headers, the media type.
fn check_head(app: &App, parts: &axum::http::request::Parts) -> ApiResult<()> {
    if let Some(port) = app.loopback_port {
        let host = parts
            .headers
            .get("host")
            .and_then(|v| v.to_str().ok())
            .or_else(|| parts.uri.authority().map(|a| a.as_str()))
            .unwrap_or("");
        if !is_loopback_host(host, port) {
            return Err(ApiError::new(
                ErrorKind::AccessDenied,
                format!(
                    "the Host \"{host}\" is not this endpoint: it listens on loopback port {port}, \
                     so requests must name localhost:{port} or 127.0.0.1:{port} (a page that \
                     rebinds its own name to 127.0.0.1 is refused)"
                ),
            ));
        }
    }
    let header_bytes: usize = parts
        .headers
        .iter()
        .map(|(k, v)| k.as_str().len() + v.len() + 4)
        .sum();
    if header_bytes > MAX_HEADERS {
        return Err(ApiError::new(
            ErrorKind::HeadersTooLarge,
            format!("the request headers are {header_bytes} bytes; the limit is {MAX_HEADERS}"),
        ));
    }
    if let Some(ct) = parts.headers.get("content-type") {
        let ct = ct.to_str().unwrap_or("").to_ascii_lowercase();
        let media = ct.split(';').next().unwrap_or("").trim();
        if !media.is_empty()
            && media != "application/json"
            && !media.starts_with("application/x-amz-json")
        {
            return Err(ApiError::new(
                ErrorKind::UnsupportedMediaType,
                format!("Content-Type {media} is not accepted: send application/json"),
            ));
        }
    }
    Ok(())
}

/// The body, at most [`MAX_BODY`] bytes, within the endpoint's body timeout.
async fn read_body(app: &App, body: axum::body::Body) -> ApiResult<axum::body::Bytes> {
    let read = axum::body::to_bytes(HttpBody::new(body), MAX_BODY);
    match tokio::time::timeout(app.body_timeout, read).await {
        Err(_) => Err(ApiError::new(
            ErrorKind::InvalidRequest,
            format!(
                "the request body did not arrive within {} s",
                app.body_timeout.as_secs()
            ),
        )),
        Ok(Err(_)) => Err(ApiError::new(
            ErrorKind::PayloadTooLarge,
            format!("the request body is over {MAX_BODY} bytes; view content is at most 400,000"),
        )),
        Ok(Ok(bytes)) => Ok(bytes),
    }
}

async fn dispatch(ctx: &Ctx, method: &Method, s: &[&str], raw_path: &str) -> ApiResult<Response> {
    match (method, s) {
        (&Method::PUT, ["views", inst]) => ctx.create_view(inst).await,
        (&Method::GET, ["views", inst]) => ctx.list_views(inst).await,
        (&Method::GET, ["views", inst, view]) => ctx.describe_view(inst, view).await,
        (&Method::POST, ["views", inst, view]) => ctx.update_content(inst, view).await,
        (&Method::DELETE, ["views", inst, view]) => ctx.delete_view(inst, view).await,
        (&Method::POST, ["views", inst, view, "metadata"]) => ctx.update_metadata(inst, view).await,
        (&Method::PUT, ["views", inst, view, "versions"]) => ctx.create_version(inst, view).await,
        (&Method::GET, ["views", inst, view, "versions"]) => ctx.list_versions(inst, view).await,
        (&Method::DELETE, ["views", inst, view, "versions", n]) => {
            ctx.delete_version(inst, view, n).await
        }
        (&Method::POST, ["search-views"]) => ctx.search_views().await,
        (
            _,
            [
                "contact-flows" | "contact-flows-summary" | "search-contact-flows",
                ..,
            ],
        )
        | (_, ["contact-flow-modules" | "contact-flow-modules-summary", ..])
        | (_, ["search-contact-flow-modules"]) => flow_dispatch(ctx, method, s, raw_path).await,
        (_, ["workspaces", ..] | ["search-workspaces" | "search-workspace-associations"]) => {
            workspace_dispatch(ctx, method, s, raw_path).await
        }
        (&Method::POST, ["tags", arn]) => ctx.tag(arn).await,
        (&Method::DELETE, ["tags", arn]) => ctx.untag(arn).await,
        (&Method::GET, ["tags", arn]) => ctx.list_tags(arn).await,
        _ => Err(ApiError::new(
            ErrorKind::UnknownOperation,
            format!("no views operation answers {method} {raw_path}"),
        )),
    }
}

/// The workspace operations.
async fn workspace_dispatch(
    ctx: &Ctx,
    method: &Method,
    s: &[&str],
    raw_path: &str,
) -> ApiResult<Response> {
    match (method, s) {
        (&Method::PUT, ["workspaces", i]) => ctx.create_workspace(i).await,
        (&Method::GET, ["workspaces", i]) => ctx.list_workspaces(i).await,
        (&Method::POST, ["search-workspaces"]) => ctx.search_workspaces().await,
        (&Method::POST, ["search-workspace-associations"]) => {
            ctx.search_workspace_associations().await
        }
        (&Method::GET, ["workspaces", i, w]) => ctx.describe_workspace(i, w).await,
        (&Method::DELETE, ["workspaces", i, w]) => ctx.delete_workspace(i, w).await,
        (
            &Method::POST,
            [
                "workspaces",
                i,
                w,
                what @ ("metadata" | "visibility" | "theme"),
            ],
        ) => ctx.update_workspace(i, w, what).await,
        (&Method::PUT, ["workspaces", i, w, "pages"]) => ctx.put_page(i, w, None).await,
        (&Method::GET, ["workspaces", i, w, "pages"]) => ctx.list_pages(i, w).await,
        (&Method::POST, ["workspaces", i, w, "pages", p]) => ctx.put_page(i, w, Some(p)).await,
        (&Method::DELETE, ["workspaces", i, w, "pages", p]) => ctx.delete_page(i, w, p).await,
        (&Method::POST, ["workspaces", i, w, "associate"]) => {
            ctx.associate_workspace(i, w, true).await
        }
        (&Method::POST, ["workspaces", i, w, "disassociate"]) => {
            ctx.associate_workspace(i, w, false).await
        }
        _ => Err(ApiError::new(
            ErrorKind::UnknownOperation,
            format!("no workspace operation answers {method} {raw_path}"),
        )),
    }
}

/// The contact flow and flow module operations.
async fn flow_dispatch(
    ctx: &Ctx,
    method: &Method,
    s: &[&str],
    raw_path: &str,
) -> ApiResult<Response> {
    use crate::local::flow_store::Kind::{Flow, Module};
    match (method, s) {
        (&Method::PUT, ["contact-flows", i]) => ctx.create_flow(i, Flow).await,
        (&Method::GET, ["contact-flows-summary", i]) => ctx.list_flows(i, Flow).await,
        (&Method::POST, ["search-contact-flows"]) => ctx.search_flows(Flow).await,
        (&Method::GET, ["contact-flows", i, f]) => ctx.describe_flow(i, f, Flow).await,
        (&Method::DELETE, ["contact-flows", i, f]) => ctx.delete_flow(i, f, Flow).await,
        (&Method::POST, ["contact-flows", i, f, "content"]) => {
            ctx.update_flow_content(i, f, Flow).await
        }
        (&Method::POST, ["contact-flows", i, f, "metadata"]) => {
            ctx.update_flow_metadata(i, f, Flow, true).await
        }
        (&Method::POST, ["contact-flows", i, f, "name"]) => {
            ctx.update_flow_metadata(i, f, Flow, false).await
        }
        (&Method::PUT, ["contact-flows", i, f, "version"]) => {
            ctx.create_flow_version(i, f, Flow).await
        }
        (&Method::GET, ["contact-flows", i, f, "versions"]) => {
            ctx.list_flow_versions(i, f, Flow).await
        }
        (&Method::DELETE, ["contact-flows", i, f, "version", n]) => {
            ctx.delete_flow_version(i, f, n, Flow).await
        }
        (&Method::PUT, ["contact-flow-modules", i]) => ctx.create_flow(i, Module).await,
        (&Method::GET, ["contact-flow-modules-summary", i]) => ctx.list_flows(i, Module).await,
        (&Method::POST, ["search-contact-flow-modules"]) => ctx.search_flows(Module).await,
        (&Method::GET, ["contact-flow-modules", i, m]) => ctx.describe_flow(i, m, Module).await,
        (&Method::DELETE, ["contact-flow-modules", i, m]) => ctx.delete_flow(i, m, Module).await,
        (&Method::POST, ["contact-flow-modules", i, m, "content"]) => {
            ctx.update_flow_content(i, m, Module).await
        }
        (&Method::POST, ["contact-flow-modules", i, m, "metadata"]) => {
            ctx.update_flow_metadata(i, m, Module, true).await
        }
        (&Method::PUT, ["contact-flow-modules", i, m, "version"]) => {
            ctx.create_flow_version(i, m, Module).await
        }
        (&Method::GET, ["contact-flow-modules", i, m, "versions"]) => {
            ctx.list_flow_versions(i, m, Module).await
        }
        (&Method::DELETE, ["contact-flow-modules", i, m, "version", n]) => {
            ctx.delete_flow_version(i, m, n, Module).await
        }
        (&Method::PUT, ["contact-flow-modules", i, m, "alias"]) => ctx.create_alias(i, m).await,
        (&Method::GET, ["contact-flow-modules", i, m, "aliases"]) => ctx.list_aliases(i, m).await,
        (&Method::GET, ["contact-flow-modules", i, m, "alias", a]) => {
            ctx.describe_alias(i, m, a).await
        }
        (&Method::POST, ["contact-flow-modules", i, m, "alias", a]) => {
            ctx.update_alias(i, m, a).await
        }
        (&Method::DELETE, ["contact-flow-modules", i, m, "alias", a]) => {
            ctx.delete_alias(i, m, a).await
        }
        _ => Err(ApiError::new(
            ErrorKind::UnknownOperation,
            format!("no flow operation answers {method} {raw_path}"),
        )),
    }
}

struct Ctx {
    app: Arc<App>,
    query: Vec<(String, String)>,
    body: Vec<u8>,
}

/// A customer view; AWS-managed views are read-only.
fn customer_view(r: ViewRef, action: &str) -> ApiResult<ViewRef> {
    match r {
        ViewRef::AwsManaged { name, .. } => Err(ApiError::new(
            ErrorKind::InvalidRequest,
            format!(
                "AWS-managed views are read-only: \"{name}\" cannot be {action}; copy it into a \
                 view of your own"
            ),
        )),
        customer => Ok(customer),
    }
}

/// The id of a customer view named without a qualifier: an operation that acts on the whole
/// view takes no `:$SAVED`, `:$LATEST` or `:N` (the service's `ViewId` for it is the view).
fn unqualified(r: ViewRef, raw: &str, operation: &str) -> ApiResult<String> {
    match r {
        ViewRef::Customer {
            id,
            qualifier: None,
        } => Ok(id),
        ViewRef::Customer {
            qualifier: Some(_), ..
        } => Err(ApiError::invalid(format!(
            "{operation} takes a view id or ARN without a qualifier, not \"{raw}\": name the view \
             itself"
        ))),
        ViewRef::AwsManaged { name, .. } => Err(ApiError::new(
            ErrorKind::InvalidRequest,
            format!("AWS-managed views are read-only: \"{name}\""),
        )),
    }
}

/// Which content of a view a response shows, and so which status it reports: `$LATEST`
/// and numbered versions are published content; `$SAVED` has the status of the last write.
#[derive(Clone, Copy)]
enum Shown {
    Saved,
    Published,
}

fn view_json(
    v: &ViewRow,
    content: &Content,
    shown: Shown,
    version: i64,
    version_description: Option<&str>,
    arn: &str,
) -> Value {
    let status = match shown {
        Shown::Saved => v.status,
        Shown::Published => Status::Published,
    };
    let mut m = Map::new();
    m.insert("Id".into(), json!(v.id));
    m.insert("Arn".into(), json!(arn));
    m.insert("Name".into(), json!(v.name));
    m.insert("Status".into(), json!(status.as_str()));
    m.insert("Type".into(), json!(ViewType::CustomerManaged.as_str()));
    if let Some(d) = &v.description {
        m.insert("Description".into(), json!(d));
    }
    m.insert("Version".into(), json!(version));
    if let Some(d) = version_description {
        m.insert("VersionDescription".into(), json!(d));
    }
    m.insert(
        "Content".into(),
        json!({"InputSchema": content.input_schema, "Template": content.template, "Actions": content.actions}),
    );
    if !v.tags.is_empty() {
        m.insert("Tags".into(), json!(v.tags));
    }
    m.insert("CreatedTime".into(), json!(v.created));
    m.insert("LastModifiedTime".into(), json!(v.modified));
    // "The checksum value of the latest published view content", whatever content is shown;
    // none before anything is published.
    if let Some(latest) = &v.latest {
        m.insert("ViewContentSha256".into(), json!(latest.sha256));
    }
    json!({ "View": m })
}

/// When the AWS-managed views came to be, as every response about them says.
const MANAGED_CREATED: f64 = 1_693_526_400.0; // 2023-09-01, when views appeared in the model

/// An AWS-managed view: its ARN as it was named (`:1` when asked for version 1, else
/// unqualified, as ListViews gives it), version 1, and the same times everywhere.
fn managed_json(m: &ManagedView, scope: &model::Scope, version: Option<i64>) -> Value {
    let template = m.template();
    let actions: Vec<String> = m.actions.iter().map(|a| a.to_string()).collect();
    let schema = m.input_schema();
    let arn = match version {
        Some(n) => format!("{}:{n}", m.arn(scope)),
        None => m.arn(scope),
    };
    json!({"View": {
        "Id": m.name,
        "Arn": arn,
        "Name": m.title,
        "Status": "PUBLISHED",
        "Type": ViewType::AwsManaged.as_str(),
        "Version": 1,
        "Content": {"InputSchema": schema, "Template": template, "Actions": m.actions},
        "CreatedTime": MANAGED_CREATED,
        "LastModifiedTime": MANAGED_CREATED,
        "ViewContentSha256": content_sha256(&template, &actions)
    }})
}

/// Validates content at the level its status asks for and derives what is stored with it.
fn checked_content(
    name: &str,
    status: Status,
    template: String,
    actions: Vec<String>,
) -> ApiResult<Content> {
    let level: Level = status;
    let mut doc = ViewDocument::new(name, template);
    doc.actions = actions;
    let errors: Vec<_> = validate(&doc, level)
        .into_iter()
        .filter(|d| d.is_error())
        .collect();
    if !errors.is_empty() {
        let kind = match level {
            Level::Saved => "basic validation (Status SAVED)",
            Level::Published => "full validation (Status PUBLISHED)",
        };
        let mut message = format!(
            "Content failed {kind} with {} error{}:",
            errors.len(),
            if errors.len() == 1 { "" } else { "s" }
        );
        for d in &errors {
            let at = d
                .location
                .as_ref()
                .map(|l| format!(" at {}:{}", l.start.line, l.start.column))
                .unwrap_or_default();
            message.push_str(&format!("\n{}{at}: {} {}", d.pointer, d.code, d.message));
        }
        return Err(ApiError::invalid(message));
    }
    let parsed = Template::parse(&doc.template).map_err(ApiError::invalid)?;
    Ok(Content {
        sha256: content_sha256(&doc.template, &doc.actions),
        input_schema: input_schema(&parsed).to_string(),
        template: doc.template,
        actions: doc.actions,
    })
}

/// A JSON value as text with every object's keys sorted (absent: `null`).
fn canonical(v: Option<&Value>) -> String {
    fn sorted(v: &Value) -> Value {
        match v {
            Value::Object(m) => {
                let mut keys: Vec<&String> = m.keys().collect();
                keys.sort();
                Value::Object(
                    keys.into_iter()
                        .map(|k| (k.clone(), sorted(&m[k])))
                        .collect(),
                )
            }
            Value::Array(a) => Value::Array(a.iter().map(sorted).collect()),
            other => other.clone(),
        }
    }
    v.map(sorted).unwrap_or(Value::Null).to_string()
}

fn bad_token(name: &str) -> ApiError {
    ApiError::invalid(format!(
        "{name} is not a token this endpoint issued; start again without it"
    ))
}

impl Ctx {
    /// The instance an `InstanceId` names, when this endpoint holds it.
    fn instance(&self, raw: &str) -> ApiResult<String> {
        let id = self.app.scope.instance(raw)?;
        if self.app.instances.contains(&id) {
            Ok(id)
        } else {
            Err(ApiError::not_found(format!(
                "instance {id} not found: this endpoint holds {} (serve --instance ID adds one)",
                self.app.instances.join(", ")
            )))
        }
    }

    /// A customer view's ARN, in this endpoint's region and account.
    fn arn(&self, v: &ViewRow) -> String {
        self.app.scope.view_arn(&v.instance, &v.id)
    }

    fn body(&self) -> ApiResult<Body> {
        Body::parse(&self.body)
    }

    fn max_results(&self) -> ApiResult<usize> {
        match query_one(&self.query, "maxResults") {
            None => Ok(100),
            Some(v) => match v.parse::<i64>() {
                Ok(n @ 1..=100) => Ok(n as usize),
                _ => Err(ApiError::invalid(format!(
                    "maxResults must be a whole number from 1 to 100, not \"{v}\""
                ))),
            },
        }
    }

    fn next_token(&self) -> ApiResult<Option<String>> {
        match query_one(&self.query, "nextToken") {
            None => Ok(None),
            Some(t) => {
                check_length("nextToken", t, 1, 4096)?;
                Ok(Some(t.to_string()))
            }
        }
    }

    async fn create_view(&self, inst: &str) -> ApiResult<Response> {
        let instance = self.instance(inst)?;
        let body = self.body()?;
        let name = body.required_string("Name")?;
        model::check_name(&name)?;
        let status = model::parse_status(&body.required_string("Status")?)?;
        let description = body.string("Description")?;
        if let Some(d) = &description {
            model::check_description("Description", d)?;
        }
        let tags = match body.object("Tags")? {
            Some(t) => model::tags("Tags", t)?,
            None => Default::default(),
        };
        let client_token = body.string("ClientToken")?;
        if let Some(t) = &client_token {
            model::check_client_token(t)?;
        }
        let content = body
            .object("Content")?
            .ok_or_else(|| ApiError::invalid("Content is required"))?;
        let (template, actions) = model::content(content)?;
        let content = checked_content(&name, status, template, actions)?;
        let id = uuid::Uuid::new_v4().to_string();
        let arn = self.app.scope.view_arn(&instance, &id);
        let new = NewView {
            instance,
            id,
            arn,
            name,
            description,
            status,
            content,
            tags,
            client_token: client_token.filter(|t| !t.is_empty()),
            now: now(),
        };
        let view = blocking(&self.app, move |s| s.create_view(new)).await?;
        Ok(ok(view_json(
            &view,
            &view.saved,
            Shown::Saved,
            0,
            None,
            &self.arn(&view),
        )))
    }

    async fn describe_view(&self, inst: &str, raw: &str) -> ApiResult<Response> {
        let instance = self.instance(inst)?;
        match model::view_ref(raw, &instance, &self.app.scope)? {
            ViewRef::AwsManaged { name, version } => match ManagedView::find(&name) {
                Some(m) if version.is_none_or(|v| v == 1) => {
                    Ok(ok(managed_json(m, &self.app.scope, version)))
                }
                _ => Err(ApiError::not_found(format!(
                    "no AWS-managed view \"{raw}\""
                ))),
            },
            ViewRef::Customer { id, qualifier } => match qualifier.unwrap_or(Qualifier::Latest) {
                Qualifier::Version(n) => {
                    let (i, vid) = (instance.clone(), id.clone());
                    let (view, version) =
                        blocking(&self.app, move |s| s.version(&i, &vid, n)).await?;
                    let arn = format!("{}:{n}", self.arn(&view));
                    Ok(ok(view_json(
                        &view,
                        &version.content,
                        Shown::Published,
                        n,
                        version.description.as_deref(),
                        &arn,
                    )))
                }
                q => {
                    let (i, vid) = (instance.clone(), id.clone());
                    let view = blocking(&self.app, move |s| s.view(&i, &vid)).await?;
                    let (content, shown) = match q {
                        Qualifier::Saved => (view.saved.clone(), Shown::Saved),
                        _ => (
                            view.latest.clone().ok_or_else(|| {
                                ApiError::not_found(format!(
                                    "view {id} has never been published, so it has no $LATEST \
                                     content; describe {id}:$SAVED to read its saved content"
                                ))
                            })?,
                            Shown::Published,
                        ),
                    };
                    Ok(ok(view_json(
                        &view,
                        &content,
                        shown,
                        0,
                        None,
                        &self.arn(&view),
                    )))
                }
            },
        }
    }

    async fn list_views(&self, inst: &str) -> ApiResult<Response> {
        let instance = self.instance(inst)?;
        let filter = query_one(&self.query, "type")
            .map(ViewType::parse)
            .transpose()?;
        let limit = self.max_results()?;
        let scope = format!(
            "ListViews\0{instance}\0{}",
            filter.map(ViewType::as_str).unwrap_or("all")
        );
        let after = match self.next_token()? {
            None => None,
            Some(t) => {
                let decoded = self.app.tokens.read(&t, &scope, "nextToken")?;
                let (ty, name) = decoded
                    .split_once('|')
                    .ok_or_else(|| bad_token("nextToken"))?;
                Some((
                    ViewType::parse(ty).map_err(|_| bad_token("nextToken"))?,
                    name.to_string(),
                ))
            }
        };
        let wants = |t: ViewType| filter.is_none_or(|f| f == t);
        let mut items: Vec<(ViewType, String, Value)> = Vec::new();
        if wants(ViewType::AwsManaged) {
            let mut managed: Vec<&ManagedView> = model::MANAGED_VIEWS.iter().collect();
            managed.sort_by_key(|m| m.title);
            for m in managed {
                let key = (ViewType::AwsManaged, m.title.to_string());
                if after.as_ref().is_none_or(|a| key > *a) {
                    items.push((
                        key.0,
                        key.1,
                        json!({"Id": m.name, "Arn": m.arn(&self.app.scope), "Name": m.title,
                               "Type": "AWS_MANAGED", "Status": "PUBLISHED"}),
                    ));
                }
            }
        }
        if wants(ViewType::CustomerManaged) && items.len() <= limit {
            let from = match &after {
                Some((ViewType::CustomerManaged, name)) => Some(name.clone()),
                _ => None,
            };
            let i = instance.clone();
            let take = limit + 1 - items.len();
            let rows =
                blocking(&self.app, move |s| s.list_views(&i, from.as_deref(), take)).await?;
            for v in rows {
                let mut summary = json!({"Id": v.id, "Arn": self.arn(&v), "Name": v.name,
                                         "Type": "CUSTOMER_MANAGED", "Status": v.status.as_str()});
                if let Some(d) = &v.description {
                    summary["Description"] = json!(d);
                }
                items.push((ViewType::CustomerManaged, v.name.clone(), summary));
            }
        }
        let more = items.len() > limit;
        items.truncate(limit);
        let mut out =
            json!({"ViewsSummaryList": items.iter().map(|i| i.2.clone()).collect::<Vec<_>>()});
        if more && let Some((t, name, _)) = items.last() {
            out["NextToken"] = json!(
                self.app
                    .tokens
                    .issue(&scope, &format!("{}|{name}", t.as_str()))
            );
        }
        Ok(ok(out))
    }

    async fn list_versions(&self, inst: &str, raw: &str) -> ApiResult<Response> {
        let instance = self.instance(inst)?;
        let r = model::view_ref(raw, &instance, &self.app.scope)?;
        if let ViewRef::AwsManaged { name, version } = &r {
            // An AWS-managed view has one version, 1, and listing it is a read.
            let m = ManagedView::find(name)
                .filter(|_| version.is_none())
                .ok_or_else(|| ApiError::not_found(format!("no AWS-managed view \"{raw}\"")))?;
            return Ok(ok(json!({"ViewVersionSummaryList": [{
                "Id": m.name, "Arn": format!("{}:1", m.arn(&self.app.scope)), "Name": m.title,
                "Type": ViewType::AwsManaged.as_str(), "Version": 1
            }]})));
        }
        let id = unqualified(r, raw, "ListViewVersions")?;
        let limit = self.max_results()?;
        let scope = format!("ListViewVersions\0{instance}\0{id}");
        let before = match self.next_token()? {
            None => None,
            Some(t) => Some(
                self.app
                    .tokens
                    .read(&t, &scope, "nextToken")?
                    .strip_prefix('v')
                    .and_then(|n| n.parse::<i64>().ok())
                    .ok_or_else(|| bad_token("nextToken"))?,
            ),
        };
        let (i, vid) = (instance, id);
        let (view, mut rows) = blocking(&self.app, move |s| {
            s.list_versions(&i, &vid, before, limit + 1)
        })
        .await?;
        let more = rows.len() > limit;
        rows.truncate(limit);
        let list: Vec<Value> = rows
            .iter()
            .map(|r| {
                let mut s = json!({"Id": view.id, "Arn": format!("{}:{}", self.arn(&view), r.version), "Name": view.name,
                                   "Type": "CUSTOMER_MANAGED", "Version": r.version});
                if let Some(d) = &view.description {
                    s["Description"] = json!(d);
                }
                if let Some(d) = &r.description {
                    s["VersionDescription"] = json!(d);
                }
                s
            })
            .collect();
        let mut out = json!({ "ViewVersionSummaryList": list });
        if more && let Some(last) = rows.last() {
            out["NextToken"] = json!(self.app.tokens.issue(&scope, &format!("v{}", last.version)));
        }
        Ok(ok(out))
    }

    async fn update_content(&self, inst: &str, raw: &str) -> ApiResult<Response> {
        let instance = self.instance(inst)?;
        let id = unqualified(
            customer_view(model::view_ref(raw, &instance, &self.app.scope)?, "updated")?,
            raw,
            "UpdateViewContent",
        )?;
        let body = self.body()?;
        let status = model::parse_status(&body.required_string("Status")?)?;
        let content = body
            .object("Content")?
            .ok_or_else(|| ApiError::invalid("Content is required"))?;
        let (template, actions) = model::content(content)?;
        let (i, vid) = (instance.clone(), id.clone());
        let current = blocking(&self.app, move |s| s.view(&i, &vid)).await?;
        let content = checked_content(&current.name, status, template, actions)?;
        let stored = content.clone();
        let view = blocking(&self.app, move |s| {
            s.update_content(&instance, &id, status, &stored, now())
        })
        .await?;
        Ok(ok(view_json(
            &view,
            &content,
            Shown::Saved,
            0,
            None,
            &self.arn(&view),
        )))
    }

    async fn update_metadata(&self, inst: &str, raw: &str) -> ApiResult<Response> {
        let instance = self.instance(inst)?;
        let id = unqualified(
            customer_view(model::view_ref(raw, &instance, &self.app.scope)?, "renamed")?,
            raw,
            "UpdateViewMetadata",
        )?;
        let body = self.body()?;
        let name = body.string("Name")?;
        let description = body.string("Description")?;
        if name.is_none() && description.is_none() {
            return Err(ApiError::invalid("give Name, Description or both"));
        }
        if let Some(n) = &name {
            model::check_name(n)?;
        }
        if let Some(d) = &description {
            model::check_description("Description", d)?;
        }
        blocking(&self.app, move |s| {
            s.update_metadata(&instance, &id, name.as_deref(), description.as_deref())
        })
        .await?;
        Ok(ok(json!({})))
    }

    async fn create_version(&self, inst: &str, raw: &str) -> ApiResult<Response> {
        let instance = self.instance(inst)?;
        let id = unqualified(
            customer_view(
                model::view_ref(raw, &instance, &self.app.scope)?,
                "versioned",
            )?,
            raw,
            "CreateViewVersion",
        )?;
        let body = self.body()?;
        let description = body.string("VersionDescription")?;
        if let Some(d) = &description {
            model::check_description("VersionDescription", d)?;
        }
        let sha = body.string("ViewContentSha256")?;
        if let Some(s) = &sha {
            model::check_sha256(s)?;
        }
        let (view, version) = blocking(&self.app, move |s| {
            s.create_version(
                &instance,
                &id,
                description.as_deref(),
                sha.as_deref(),
                now(),
            )
        })
        .await?;
        let arn = format!("{}:{}", self.arn(&view), version.version);
        Ok(ok(view_json(
            &view,
            &version.content,
            Shown::Published,
            version.version,
            version.description.as_deref(),
            &arn,
        )))
    }

    async fn delete_view(&self, inst: &str, raw: &str) -> ApiResult<Response> {
        let instance = self.instance(inst)?;
        let id = unqualified(
            customer_view(model::view_ref(raw, &instance, &self.app.scope)?, "deleted")?,
            raw,
            "DeleteView",
        )?;
        blocking(&self.app, move |s| s.delete_view(&instance, &id)).await?;
        Ok(ok(json!({})))
    }

    async fn delete_version(&self, inst: &str, raw: &str, n: &str) -> ApiResult<Response> {
        let instance = self.instance(inst)?;
        let id = unqualified(
            customer_view(model::view_ref(raw, &instance, &self.app.scope)?, "deleted")?,
            raw,
            "DeleteViewVersion",
        )?;
        let version: i64 = n.parse().map_err(|_| {
            ApiError::invalid(format!("ViewVersion must be a whole number, not \"{n}\""))
        })?;
        blocking(&self.app, move |s| {
            s.delete_version(&instance, &id, version)
        })
        .await?;
        Ok(ok(json!({})))
    }

    /// SearchViews: everything in the body; criteria and a tag filter over the instance's
    /// views (AWS-managed ones included), ordered as ListViews orders them, paged.
    async fn search_views(&self) -> ApiResult<Response> {
        use super::search::{Candidate, Criteria, TagFilter};
        let body = self.body()?;
        let raw = body.required_string("InstanceId")?;
        check_length("InstanceId", &raw, 1, 250)?;
        if !model::is_instance_id_or_arn(&raw) {
            return Err(ApiError::invalid(format!(
                "InstanceId \"{raw}\" is neither an instance id (a UUID) nor an instance ARN"
            )));
        }
        let instance = self.instance(&raw)?;
        let limit = Self::body_page_size(&body, 100)?;
        // Bound to the instance and the criteria, whatever order their members came in.
        let scope = format!(
            "SearchViews\0{instance}\0{}\0{}",
            canonical(body.0.get("SearchCriteria")),
            canonical(body.0.get("SearchFilter"))
        );
        let offset = match body.string("NextToken")? {
            None => 0,
            Some(t) => {
                check_length("NextToken", &t, 1, 2500)?;
                self.app
                    .tokens
                    .read(&t, &scope, "NextToken")?
                    .strip_prefix("search:")
                    .and_then(|n| n.parse().ok())
                    .ok_or_else(|| bad_token("NextToken"))?
            }
        };
        let criteria = match body.0.get("SearchCriteria") {
            None | Some(Value::Null) => Criteria::default(),
            Some(v) => Criteria::parse(v, "SearchCriteria")?,
        };
        let filter = match body.0.get("SearchFilter") {
            None | Some(Value::Null) => TagFilter::default(),
            Some(v) => TagFilter::parse(v)?,
        };
        let mut hits: Vec<Value> = Vec::new();
        let mut managed: Vec<&ManagedView> = model::MANAGED_VIEWS.iter().collect();
        managed.sort_by_key(|m| m.title);
        for m in managed {
            let c = Candidate {
                name: m.title,
                description: None,
                view_type: ViewType::AwsManaged,
                status: Status::Published,
                tags: None,
            };
            if criteria.matches(&c) && filter.matches(None) {
                hits.push(managed_json(m, &self.app.scope, None)["View"].take());
            }
        }
        let i = instance.clone();
        let rows = blocking(&self.app, move |s| s.list_views(&i, None, 1_000_000)).await?;
        for v in &rows {
            let c = Candidate {
                name: &v.name,
                description: v.description.as_deref(),
                view_type: ViewType::CustomerManaged,
                status: v.status,
                tags: Some(&v.tags),
            };
            if criteria.matches(&c) && filter.matches(Some(&v.tags)) {
                hits.push(
                    view_json(v, &v.saved, Shown::Saved, 0, None, &self.arn(v))["View"].take(),
                );
            }
        }
        let total = hits.len();
        let page: Vec<Value> = hits.into_iter().skip(offset).take(limit).collect();
        let mut out = json!({"Views": page, "ApproximateTotalCount": total});
        if offset + limit < total {
            out["NextToken"] = json!(
                self.app
                    .tokens
                    .issue(&scope, &format!("search:{}", offset + limit))
            );
        }
        Ok(ok(out))
    }

    /// The customer view a tagging operation's `resourceArn` names: a view ARN of this
    /// endpoint's scope and one of its instances, without a qualifier.
    async fn tagged_view(&self, arn: &str) -> ApiResult<ViewRow> {
        let not_found = || ApiError::not_found(format!("no view has the ARN {arn}"));
        let instance = arn
            .split_once(":instance/")
            .and_then(|(_, rest)| rest.split_once("/view/"))
            .map(|(i, _)| i.to_string())
            .filter(|_| arn.starts_with("arn:"))
            .ok_or_else(not_found)?;
        let instance = self.instance(&instance)?;
        let id = match model::view_ref(arn, &instance, &self.app.scope)? {
            ViewRef::Customer {
                id,
                qualifier: None,
            } => id,
            _ => return Err(not_found()),
        };
        blocking(&self.app, move |s| s.view(&instance, &id)).await
    }

    async fn tag(&self, arn: &str) -> ApiResult<Response> {
        let body = self.body()?;
        let tags = model::tags(
            "tags",
            body.object("tags")?
                .ok_or_else(|| ApiError::invalid("tags is required"))?,
        )?;
        let view = self.tagged_view(arn).await?;
        let existing =
            view.tags.len() + tags.keys().filter(|k| !view.tags.contains_key(*k)).count();
        if existing > 50 {
            return Err(ApiError::invalid(format!(
                "a view holds at most 50 tags; this would make {existing}"
            )));
        }
        blocking(&self.app, move |s| {
            s.change_tags(&view.instance, &view.id, &tags, &[])
        })
        .await?;
        Ok(ok(json!({})))
    }

    async fn untag(&self, arn: &str) -> ApiResult<Response> {
        let keys: Vec<String> = self
            .query
            .iter()
            .filter(|(k, _)| k == "tagKeys")
            .map(|(_, v)| v.clone())
            .collect();
        if keys.is_empty() || keys.len() > 50 {
            return Err(ApiError::invalid(format!(
                "tagKeys must hold 1 to 50 keys, not {}",
                keys.len()
            )));
        }
        // The same rules as the keys of TagResource (the model's TagKey).
        for k in &keys {
            if let Some(p) = model::tag_key_rule(k) {
                return Err(ApiError::invalid(format!("tagKeys: {p}")));
            }
        }
        let view = self.tagged_view(arn).await?;
        blocking(&self.app, move |s| {
            s.change_tags(&view.instance, &view.id, &Default::default(), &keys)
        })
        .await?;
        Ok(ok(json!({})))
    }

    async fn list_tags(&self, arn: &str) -> ApiResult<Response> {
        let view = self.tagged_view(arn).await?;
        Ok(ok(json!({ "tags": view.tags })))
    }
}

/// The address to listen on must be loopback unless remote access is allowed, and remote
/// access needs credentials to check signatures with.
pub fn check_listen(
    addr: &SocketAddr,
    allow_remote: bool,
    has_credentials: bool,
) -> Result<(), String> {
    if addr.ip().is_loopback() {
        Ok(())
    } else if !allow_remote {
        Err(format!(
            "refusing to listen on {addr}: it is not a loopback address; listen on 127.0.0.1, or pass \
             --allow-remote with --access-key-id and --secret-access-key to require signed requests"
        ))
    } else if !has_credentials {
        Err(format!(
            "refusing to listen on {addr} without credentials: --allow-remote needs --access-key-id and \
             --secret-access-key (or CONNECT_VIEWS_ACCESS_KEY_ID / CONNECT_VIEWS_SECRET_ACCESS_KEY), and \
             then every request must be SigV4-signed with them"
        ))
    } else {
        Ok(())
    }
}
