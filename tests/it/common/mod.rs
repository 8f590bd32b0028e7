//! Harnesses shared by the integration tests.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use connect_views::view::source::{LineCol, LineIndex};
use connect_views::view::{Diagnostic, Level, LoadError, ViewDocument, validate};

/// The built binary.
pub fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_connect-views"));
    c.env("AWS_EC2_METADATA_DISABLED", "true")
        .env("NO_COLOR", "1");
    c
}

pub fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("the binary runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The repository's example views.
pub fn examples() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("assets/examples exists")
        .map(|e| e.expect("readable").path())
        .filter(|p| p.to_string_lossy().ends_with(".view.json"))
        .collect();
    files.sort();
    files
}

pub fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/examples")
        .join(name)
}

/// Diagnostics for a document text: load errors or validation results, located.
pub fn diagnostics(text: &str, level: Level) -> Vec<Diagnostic> {
    match ViewDocument::from_text(text, Some(Path::new("test.view.json"))) {
        Ok(doc) => validate(&doc, level),
        Err(LoadError::Invalid { diagnostics, .. }) => diagnostics,
        Err(e) => panic!("unexpected load error: {e}"),
    }
}

/// The line:column of the first occurrence of `needle` in `text`.
pub fn at(text: &str, needle: &str) -> LineCol {
    let offset = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} is not in the text"));
    LineIndex::new(text).line_col(text, offset)
}

/// A view file with the given actions (a JSON array) and Body (a JSON array).
pub fn view(actions: &str, body: &str) -> String {
    format!(
        "{{\n  \"Name\": \"Test view\",\n  \"Actions\": {actions},\n  \"Template\": {{\n    \"Head\": \
         {{\"Title\": \"Test\", \"Configuration\": {{}}}},\n    \"Body\": {body}\n  }}\n}}\n"
    )
}

/// A view with one Container holding `children` (JSON objects separated by commas).
pub fn in_container(actions: &str, children: &str) -> String {
    view(
        actions,
        &format!(
            "[\n      {{\"_id\": \"root\", \"Type\": \"Container\", \"Props\": {{}}, \"Content\": [\n        {children}\n      ]}}\n    ]"
        ),
    )
}

pub fn temp_dir() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary directory")
}

/// The local endpoint on an ephemeral loopback port with a fresh SQLite file.
pub struct Endpoint {
    pub server: connect_views::local::LocalServer,
    pub dir: tempfile::TempDir,
}

impl Endpoint {
    pub async fn start() -> Endpoint {
        let dir = temp_dir();
        let server = Self::serve(&dir.path().join("views.sqlite3")).await;
        Endpoint { server, dir }
    }

    pub async fn serve(db: &Path) -> connect_views::local::LocalServer {
        connect_views::local::LocalServer::start("127.0.0.1:0".parse().unwrap(), db)
            .await
            .expect("the local endpoint starts")
    }

    pub fn db(&self) -> PathBuf {
        self.dir.path().join("views.sqlite3")
    }

    pub fn url(&self) -> String {
        self.server.url()
    }

    /// The real SDK client, retries off so each error is seen as the endpoint sent it.
    pub fn sdk(&self) -> aws_sdk_connect::Client {
        sdk_for(&self.url())
    }

    /// The project's Connect client pointed at this endpoint.
    pub async fn client(&self) -> connect_views::connect::ConnectClient {
        connect_views::connect::ConnectClient::connect(&connect_views::connect::ConnectOptions {
            endpoint_url: Some(self.url()),
            instance_id: Some(INSTANCE.into()),
            ..Default::default()
        })
        .await
        .expect("the client connects")
    }
}

pub const INSTANCE: &str = "11111111-2222-3333-4444-555555555555";

pub fn sdk_for(url: &str) -> aws_sdk_connect::Client {
    use aws_sdk_connect::config::{BehaviorVersion, Credentials, Region, retry::RetryConfig};
    let conf = aws_sdk_connect::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .credentials_provider(Credentials::new("test", "test", None, None, "tests"))
        .endpoint_url(url)
        .retry_config(RetryConfig::disabled())
        .build();
    aws_sdk_connect::Client::from_conf(conf)
}

/// An example's compact template and actions, as they are sent.
pub fn example_content(name: &str) -> (String, Vec<String>) {
    let doc = ViewDocument::load(&example(name)).expect("example loads");
    (doc.compact_template().expect("JSON"), doc.actions.clone())
}

pub fn content(template: &str, actions: &[String]) -> aws_sdk_connect::types::ViewInputContent {
    aws_sdk_connect::types::ViewInputContent::builder()
        .template(template)
        .set_actions(Some(actions.to_vec()))
        .build()
}

/// A minimal valid template with one button raising `action`.
pub fn tiny_template(title: &str, action: &str) -> String {
    format!(
        r#"{{"Head":{{"Title":"{title}","Configuration":{{}}}},"Body":[{{"_id":"b","Type":"Button","Props":{{"Action":"{action}"}},"Content":["Go"]}}]}}"#
    )
}

/// Sends raw bytes to `addr` and returns (status, headers, body).
pub fn raw_http(addr: std::net::SocketAddr, request: &[u8]) -> (u16, String, String) {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(addr).expect("connects");
    s.set_read_timeout(Some(std::time::Duration::from_secs(10)))
        .unwrap();
    let _ = s.write_all(request);
    let mut buf = Vec::new();
    let _ = s.read_to_end(&mut buf);
    let text = String::from_utf8_lossy(&buf).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, head.to_ascii_lowercase(), body.to_string())
}
