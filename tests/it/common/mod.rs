//! Harnesses shared by the integration tests.

#![allow(dead_code)]

pub mod tui;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use connect_views::view::source::{LineCol, LineIndex};
use connect_views::view::{Diagnostic, Level, LoadError, ViewDocument, validate};

/// The built binary. Its data directory (drafts, kept bases, the embedded endpoint's
/// database) is under the build's own temporary directory unless a test gives its own, so
/// no test writes to the user's.
pub fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_connect-views"));
    c.env("AWS_EC2_METADATA_DISABLED", "true")
        .env("NO_COLOR", "1")
        .env(
            "CONNECT_VIEWS_DATA_DIR",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/connect-views-data"),
        );
    c
}

pub fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("the binary runs")
}

/// Runs the binary against `url` off the async runtime, so the endpoint keeps answering.
pub async fn cli(url: &str, args: &[&str]) -> Output {
    let mut full: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    full.extend(["--endpoint-url".into(), url.into()]);
    tokio::task::spawn_blocking(move || {
        bin()
            .args(&full)
            .env_remove("CONNECT_INSTANCE_ID")
            .env_remove("AWS_ENDPOINT_URL")
            .env_remove("AWS_PROFILE")
            .output()
            .expect("the binary runs")
    })
    .await
    .unwrap()
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

    /// Serves `db` holding the instances the tests use ([`HELD`]).
    pub async fn serve(db: &Path) -> connect_views::local::LocalServer {
        let config = connect_views::local::ServerConfig {
            instances: HELD.iter().map(|s| s.to_string()).collect(),
            ..Default::default()
        };
        connect_views::local::LocalServer::start_config("127.0.0.1:0".parse().unwrap(), db, config)
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

/// The instances a test endpoint holds besides the default: [`INSTANCE`] and the two the
/// promotion tests use as source and target.
pub const HELD: &[&str] = &[
    INSTANCE,
    "aaaaaaaa-1111-4111-8111-111111111111",
    "bbbbbbbb-2222-4222-8222-222222222222",
];

pub fn sdk_for(url: &str) -> aws_sdk_connect::Client {
    use aws_sdk_connect::config::{BehaviorVersion, Credentials, Region, retry::RetryConfig};
    let conf = aws_sdk_connect::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .credentials_provider(Credentials::new("test", "test", None, None, "tests"))
        .http_client(connect_views::connect::http_client())
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

/// CreateView of a PUBLISHED view through the SDK; its id.
pub async fn create_published(
    sdk: &aws_sdk_connect::Client,
    instance: &str,
    name: &str,
    template: &str,
    actions: &[String],
) -> String {
    sdk.create_view()
        .instance_id(instance)
        .name(name)
        .status(aws_sdk_connect::types::ViewStatus::Published)
        .content(content(template, actions))
        .send()
        .await
        .unwrap()
        .view()
        .unwrap()
        .id()
        .unwrap()
        .to_string()
}

/// Someone else's write: UpdateViewContent of the view `id` with `status` (`SAVED` moves
/// only `$SAVED`), through the SDK.
pub async fn write_elsewhere(
    sdk: &aws_sdk_connect::Client,
    instance: &str,
    id: &str,
    status: aws_sdk_connect::types::ViewStatus,
    template: &str,
    actions: &[String],
) {
    sdk.update_view_content()
        .instance_id(instance)
        .view_id(id)
        .status(status)
        .content(content(template, actions))
        .send()
        .await
        .unwrap();
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

/// A command running under a real pseudo-terminal (`script` from util-linux), with its
/// output collected as it arrives.
pub struct Pty {
    child: std::process::Child,
    rx: std::sync::mpsc::Receiver<Vec<u8>>,
    out: Vec<u8>,
}

impl Pty {
    /// Runs `inner` (a shell command line) in a PTY with `env` added.
    pub fn spawn(inner: &str, env: &[(&str, &std::ffi::OsStr)]) -> Pty {
        use std::io::Read;
        use std::process::Stdio;
        let mut cmd = Command::new("script");
        cmd.args(["-qefc", inner, "/dev/null"])
            .env("TERM", "xterm-256color")
            .env_remove("CONNECT_INSTANCE_ID")
            .env_remove("AWS_ENDPOINT_URL")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().expect("script runs");
        let mut stdout = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel::<Vec<u8>>();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = stdout.read(&mut buf) {
                if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        Pty {
            child,
            rx,
            out: Vec::new(),
        }
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.out).into_owned()
    }

    /// Reads until the output holds `needle` (panics after 60 s with what was seen).
    pub fn wait_for(&mut self, needle: &str) {
        self.wait_until(needle, |p| p.text().contains(needle), Pty::text);
    }

    /// The screen's words as they were written: escape sequences dropped (a cursor move
    /// counts as a space, as the terminal skips over blanks it already shows), runs of
    /// spaces as one.
    pub fn words(&self) -> String {
        words(&self.text())
    }

    /// Reads until the words written hold `needle`'s (see [`Pty::words`]).
    pub fn wait_for_words(&mut self, needle: &str) {
        let needle = words(needle);
        self.wait_until(&needle, |p| p.words().contains(&needle), Pty::words);
    }

    /// Reads until `done` holds, panicking after 60 s with `shown` of what was seen.
    fn wait_until(&mut self, what: &str, done: impl Fn(&Pty) -> bool, shown: fn(&Pty) -> String) {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        while !done(self) {
            assert!(
                std::time::Instant::now() < deadline,
                "no {what:?} in:\n{}",
                shown(self)
            );
            match self.rx.recv_timeout(std::time::Duration::from_millis(100)) {
                Ok(chunk) => self.out.extend(chunk),
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {}
                Err(_) => panic!("the terminal closed before {what:?}:\n{}", shown(self)),
            }
        }
    }

    pub fn send(&mut self, bytes: &[u8]) {
        use std::io::Write;
        let stdin = self.child.stdin.as_mut().unwrap();
        stdin.write_all(bytes).unwrap();
        stdin.flush().unwrap();
    }

    /// Waits for the command to end; returns everything it printed.
    pub fn finish(mut self) -> String {
        drop(self.child.stdin.take());
        while let Ok(chunk) = self.rx.recv_timeout(std::time::Duration::from_secs(30)) {
            self.out.extend(chunk);
        }
        let _ = self.child.wait();
        self.text()
    }
}

fn words(text: &str) -> String {
    let csi = regex::Regex::new(r"\x1b\[[0-9;?]*([A-Za-z])").unwrap();
    let plain = csi.replace_all(
        text,
        |c: &regex::Captures| {
            if &c[1] == "H" { " " } else { "" }
        },
    );
    plain.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The pid of the process whose program is `program` and whose arguments include `args`.
pub fn find_process(program: &str, args: &[&str]) -> Option<u32> {
    for entry in std::fs::read_dir("/proc").ok()?.flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(cmdline) = std::fs::read(entry.path().join("cmdline")) else {
            continue;
        };
        let argv: Vec<String> = cmdline
            .split(|b| *b == 0)
            .map(|a| String::from_utf8_lossy(a).into_owned())
            .collect();
        if argv.first().is_some_and(|a| a.ends_with(program))
            && args.iter().all(|x| argv.iter().any(|a| a == x))
        {
            return Some(pid);
        }
    }
    None
}

/// Runs a script of `scripts/` with python3 from the repository's root and returns what it
/// printed; it must succeed. The scripts use boto3/botocore and the AWS CLI (clients nobody
/// here wrote), which the README's test command and `.ci/run` install.
pub fn python(args: &[&str]) -> String {
    let out = std::process::Command::new("python3")
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .output()
        .expect("python3 runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !err.contains("No module named"),
        "{err}\ninstall the clients the tests judge the endpoint with: \
         python3 -m pip install boto3 awscli (the README's test command does)"
    );
    assert!(out.status.success(), "{args:?} failed: {err}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}
