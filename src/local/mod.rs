//! The local Connect endpoint: the views API over HTTP, stored in SQLite. It is
//! what `connect-views serve` runs and what the app starts in-process by default.

pub mod auth;
pub mod faults;
pub mod flow_store;
pub mod model;
pub mod search;
pub mod server;
pub mod store;
mod tokens;
pub mod wire;
pub mod workspace_store;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Context;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub use server::check_listen;
pub use store::Store;

/// The instance id the embedded default uses.
pub const LOCAL_INSTANCE_ID: &str = "00000000-0000-4000-8000-000000000000";

/// Where the local endpoint keeps its data unless told otherwise: `CONNECT_VIEWS_DB`, else
/// `views.sqlite3` in the user's data directory.
pub fn default_db_path() -> PathBuf {
    if let Some(p) = std::env::var_os("CONNECT_VIEWS_DB").filter(|p| !p.is_empty()) {
        return PathBuf::from(p);
    }
    data_dir().join("views.sqlite3")
}

pub use crate::dirs::data_dir;

/// Whether a host name is this machine's: `localhost` or a loopback address (127.0.0.0/8,
/// `::1`), without brackets. The endpoint's `Host` check and the client's choice of keys
/// for an endpoint URL both ask it.
pub fn is_loopback_name(name: &str) -> bool {
    name.eq_ignore_ascii_case("localhost")
        || name
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// The endpoint's request handling without a socket: for fuzzing and for tests that want
/// to call it directly. Each call runs exactly what a request over HTTP runs.
pub struct InProcess {
    router: axum::Router,
}

impl InProcess {
    pub fn open(db: &Path) -> anyhow::Result<InProcess> {
        let store = Store::open(db)
            .with_context(|| format!("cannot open the database {}", db.display()))?;
        let app = Arc::new(server::App::new(
            store,
            ServerConfig::default(),
            Default::default(),
            None,
        ));
        Ok(InProcess {
            router: server::router(app),
        })
    }

    /// Answers one request.
    pub async fn call(
        &self,
        request: axum::http::Request<axum::body::Body>,
    ) -> axum::response::Response {
        use tower_service::Service;
        let mut router = self.router.clone();
        match router.call(request).await {
            Ok(response) => response,
            Err(never) => match never {},
        }
    }
}

/// The operations the endpoint answered, oldest first (the last [`RequestLog::KEEP`]): what
/// a test reads to know which calls a command made, writes above all.
#[derive(Debug, Default)]
pub struct RequestLog {
    entries: std::sync::Mutex<std::collections::VecDeque<(&'static str, u16)>>,
    /// The access key id and region of each signed request's credential scope.
    signers: std::sync::Mutex<std::collections::VecDeque<(String, String)>>,
}

impl RequestLog {
    pub const KEEP: usize = 100_000;

    pub(crate) fn push(&self, op: &'static str, status: u16) {
        let mut e = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        if e.len() == Self::KEEP {
            e.pop_front();
        }
        e.push_back((op, status));
    }

    pub(crate) fn push_signer(&self, key_id: &str, region: &str) {
        let mut e = self.signers.lock().unwrap_or_else(|e| e.into_inner());
        if e.len() == Self::KEEP {
            e.pop_front();
        }
        e.push_back((key_id.to_string(), region.to_string()));
    }

    /// The access key id and region each signed request was signed with, oldest first
    /// (never a secret): what a test reads to know which keys a client chose.
    pub fn signers(&self) -> Vec<(String, String)> {
        let e = self.signers.lock().unwrap_or_else(|e| e.into_inner());
        e.iter().cloned().collect()
    }

    /// Every (operation, HTTP status) answered, oldest first.
    pub fn entries(&self) -> Vec<(&'static str, u16)> {
        let e = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        e.iter().copied().collect()
    }

    /// The operations answered that change something (whatever their status).
    pub fn writes(&self) -> Vec<&'static str> {
        self.entries()
            .into_iter()
            .map(|(op, _)| op)
            .filter(|op| is_write(op))
            .collect()
    }
}

/// Whether an operation of the views API changes anything.
pub fn is_write(op: &str) -> bool {
    !(op.starts_with("Describe")
        || op.starts_with("List")
        || op.starts_with("Search")
        || op == "Unknown")
}

/// How a local endpoint is set up beyond its address and database.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// The faults in force (changeable while it runs).
    pub faults: Arc<faults::Faults>,
    /// Given credentials, every request must be SigV4-signed with them.
    pub auth: Option<auth::Credentials>,
    /// The instances it holds besides [`LOCAL_INSTANCE_ID`] (ids; `serve --instance`).
    pub instances: Vec<String>,
    /// The region and account its ARNs name.
    pub region: String,
    pub account: String,
    /// How long a client may take to send a request's headers, and then its body.
    pub header_timeout: std::time::Duration,
    pub body_timeout: std::time::Duration,
}

/// A stalled client is cut off after this long without its headers...
pub const HEADER_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);
/// ...or its whole body (4 MiB at most).
pub const BODY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            faults: Arc::new(faults::Faults::default()),
            auth: None,
            instances: Vec::new(),
            region: DEFAULT_REGION.to_string(),
            account: model::LOCAL_ACCOUNT.to_string(),
            header_timeout: HEADER_TIMEOUT,
            body_timeout: BODY_TIMEOUT,
        }
    }
}

/// The region a local endpoint's ARNs name unless told otherwise.
pub const DEFAULT_REGION: &str = "us-east-1";

/// A running local endpoint. Dropping it stops the server.
pub struct LocalServer {
    pub addr: SocketAddr,
    /// The faults in force; change them with `faults.set("throttle=2x")`.
    pub faults: Arc<faults::Faults>,
    /// What it answered.
    pub log: Arc<RequestLog>,
    db: PathBuf,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

impl LocalServer {
    /// Opens the store and starts serving on `listen` (port 0 picks a free port).
    pub async fn start(listen: SocketAddr, db: &Path) -> anyhow::Result<LocalServer> {
        Self::start_config(listen, db, ServerConfig::default()).await
    }

    /// Starts with fault injection; the faults can be changed while the server runs.
    pub async fn start_with(
        listen: SocketAddr,
        db: &Path,
        faults: Arc<faults::Faults>,
    ) -> anyhow::Result<LocalServer> {
        let config = ServerConfig {
            faults,
            ..Default::default()
        };
        Self::start_config(listen, db, config).await
    }

    /// Starts with fault injection and, given credentials, SigV4 verification of every request.
    pub async fn start_full(
        listen: SocketAddr,
        db: &Path,
        faults: Arc<faults::Faults>,
        auth: Option<auth::Credentials>,
    ) -> anyhow::Result<LocalServer> {
        let config = ServerConfig {
            faults,
            auth,
            ..Default::default()
        };
        Self::start_config(listen, db, config).await
    }

    /// Starts as `config` says.
    pub async fn start_config(
        listen: SocketAddr,
        db: &Path,
        config: ServerConfig,
    ) -> anyhow::Result<LocalServer> {
        let store = Store::open(db)
            .with_context(|| format!("cannot open the database {}", db.display()))?;
        let listener = tokio::net::TcpListener::bind(listen)
            .await
            .with_context(|| format!("cannot listen on {listen}"))?;
        let addr = listener.local_addr()?;
        let log = Arc::new(RequestLog::default());
        let faults = config.faults.clone();
        let header_timeout = config.header_timeout;
        let app = Arc::new(server::App::new(store, config, log.clone(), Some(addr)));
        let (tx, rx) = oneshot::channel::<()>();
        let task = tokio::spawn(accept_loop(
            listener,
            server::router(app),
            header_timeout,
            rx,
        ));
        Ok(LocalServer {
            addr,
            faults,
            log,
            db: db.to_path_buf(),
            shutdown: Some(tx),
            task: Some(task),
        })
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn db(&self) -> &Path {
        &self.db
    }

    /// Stops accepting requests and waits for the server task.
    pub async fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for LocalServer {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }
}

/// Accepts connections until told to stop: HTTP/1.1 with a deadline for each request's
/// headers (hyper's header read timeout), so a client that sends half a request and stalls
/// holds nothing for long, and each connection on a task of its own, so it holds no one
/// else either. On stop, connections still open get a few seconds to finish.
async fn accept_loop(
    listener: tokio::net::TcpListener,
    router: axum::Router,
    header_timeout: std::time::Duration,
    mut stop: oneshot::Receiver<()>,
) {
    use hyper_util::rt::{TokioIo, TokioTimer};
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    loop {
        let accepted = tokio::select! {
            a = listener.accept() => a,
            _ = &mut stop => break,
        };
        let stream = match accepted {
            Ok((stream, _)) => stream,
            Err(e) => {
                // Out of file descriptors and the like: wait a little rather than spin.
                tracing::warn!(error = %e, "accept failed");
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                continue;
            }
        };
        let service = hyper_util::service::TowerToHyperService::new(router.clone());
        let conn = hyper::server::conn::http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(header_timeout)
            .serve_connection(TokioIo::new(stream), service);
        let conn = graceful.watch(conn);
        tokio::spawn(async move {
            let _ = conn.await;
        });
    }
    drop(listener);
    let _ = tokio::time::timeout(std::time::Duration::from_secs(5), graceful.shutdown()).await;
}
