//! `connect-views lsp`: a language server over stdio for view files and bare templates.
//!
//! The request loop only keeps the open texts (incremental sync) and hands work out:
//! diagnostics go to one worker that analyses the newest revision of each document and
//! drops the ones a newer revision has overtaken; every other request is answered on a
//! thread of its own from a snapshot (the worker's, when it is of the current revision).
//! Framing and the initialize handshake are rust-analyzer's `lsp-server`.

mod edits;
pub mod features;
mod snapshot;
mod text;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use crossbeam_channel::Sender;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, Notification as _,
    PublishDiagnostics,
};
use lsp_types::request::{
    CodeActionRequest, Completion, DocumentSymbolRequest, Formatting, GotoDefinition, HoverRequest,
    Rename, Request as _,
};
use lsp_types::{
    CodeActionProviderCapability, CompletionOptions, HoverProviderCapability, OneOf,
    PublishDiagnosticsParams, ServerCapabilities, ServerInfo, TextDocumentSyncCapability,
    TextDocumentSyncKind, Uri,
};

pub use snapshot::Snapshot;
pub use text::Text;

use crate::view::Level;

/// What the server tells the client it does.
pub fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Kind(
            TextDocumentSyncKind::INCREMENTAL,
        )),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec!["\"".into(), ".".into(), "$".into()]),
            ..Default::default()
        }),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        document_formatting_provider: Some(OneOf::Left(true)),
        rename_provider: Some(OneOf::Left(true)),
        definition_provider: Some(OneOf::Left(true)),
        ..Default::default()
    }
}

/// An open document: its text and the client's version of it.
struct Open {
    text: Text,
    version: i32,
}

/// The newest snapshot of each document the worker analysed.
type Snapshots = Arc<Mutex<HashMap<String, (i32, Arc<Snapshot>)>>>;
/// The newest version of each open document (the worker drops older ones).
type Versions = Arc<Mutex<HashMap<String, i32>>>;

struct Server {
    sender: Sender<Message>,
    level: Level,
    open: HashMap<String, (Uri, Open)>,
    versions: Versions,
    snapshots: Snapshots,
    work: Sender<(Uri, i32, Text)>,
}

/// Runs the server on stdin and stdout until the client says exit. `level` is the
/// validator's level unless the client's `initializationOptions.level` says otherwise.
pub fn run(level: Level) -> anyhow::Result<()> {
    let (connection, io) = Connection::stdio();
    let caps = serde_json::to_value(capabilities())?;
    let init = serde_json::json!({
        "capabilities": caps,
        "serverInfo": ServerInfo {
            name: "connect-views".into(),
            version: Some(crate::VERSION.into()),
        },
    });
    let (id, params) = connection.initialize_start()?;
    let level = match params
        .pointer("/initializationOptions/level")
        .and_then(|l| l.as_str())
    {
        Some("saved") => Level::Saved,
        Some("published") => Level::Published,
        _ => level,
    };
    connection.initialize_finish(id, init)?;
    let (versions, snapshots) = (Versions::default(), Snapshots::default());
    let work = worker(connection.sender.clone(), level, &versions, &snapshots);
    let mut server = Server {
        sender: connection.sender.clone(),
        level,
        open: HashMap::new(),
        versions,
        snapshots,
        work,
    };
    for message in &connection.receiver {
        match message {
            Message::Request(req) => {
                if connection.handle_shutdown(&req)? {
                    break;
                }
                server.request(req);
            }
            Message::Notification(n) => server.notify(n),
            Message::Response(_) => {}
        }
    }
    drop(server);
    drop(connection);
    io.join()?;
    Ok(())
}

/// The diagnostics worker: the newest revision of each document wins; a revision
/// overtaken before or while it is analysed is never published.
fn worker(
    sender: Sender<Message>,
    level: Level,
    versions: &Versions,
    snapshots: &Snapshots,
) -> Sender<(Uri, i32, Text)> {
    let (tx, rx) = crossbeam_channel::unbounded::<(Uri, i32, Text)>();
    let (versions, snapshots) = (versions.clone(), snapshots.clone());
    std::thread::spawn(move || {
        let current = |uri: &Uri, v: i32| {
            versions
                .lock()
                .map(|m| m.get(uri.as_str()) == Some(&v))
                .unwrap_or(false)
        };
        while let Ok(first) = rx.recv() {
            let mut newest: HashMap<String, (Uri, i32, Text)> = HashMap::new();
            for (uri, v, text) in std::iter::once(first).chain(rx.try_iter()) {
                newest.insert(uri.as_str().to_string(), (uri, v, text));
            }
            for (key, (uri, v, text)) in newest {
                if !current(&uri, v) {
                    continue;
                }
                let snap = Arc::new(Snapshot::analyse(text, path_of(&uri).as_deref(), level));
                if !current(&uri, v) {
                    continue;
                }
                let params = PublishDiagnosticsParams {
                    diagnostics: features::diagnostics(&snap, &uri),
                    uri,
                    version: Some(v),
                };
                if let Ok(mut m) = snapshots.lock() {
                    m.insert(key, (v, snap));
                }
                let n = Notification::new(PublishDiagnostics::METHOD.into(), params);
                if sender.send(n.into()).is_err() {
                    return;
                }
            }
        }
    });
    tx
}

/// The file a `file:` URI names (percent-decoded), for a bare template's name.
pub fn path_of(uri: &Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    let bytes = rest.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
            (b'%', Some(&h), Some(&l)) if hex(h).is_some() && hex(l).is_some() => {
                out.push((hex(h)? * 16 + hex(l)?) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    Some(PathBuf::from(String::from_utf8(out).ok()?))
}

impl Server {
    fn notify(&mut self, n: Notification) {
        match n.method.as_str() {
            DidOpenTextDocument::METHOD => {
                let Ok(p) =
                    serde_json::from_value::<lsp_types::DidOpenTextDocumentParams>(n.params)
                else {
                    return;
                };
                let d = p.text_document;
                let open = Open {
                    text: Text::new(d.text),
                    version: d.version,
                };
                self.changed(d.uri.clone(), open);
            }
            DidChangeTextDocument::METHOD => {
                let Ok(p) =
                    serde_json::from_value::<lsp_types::DidChangeTextDocumentParams>(n.params)
                else {
                    return;
                };
                let key = p.text_document.uri.as_str().to_string();
                let Some((_, mut open)) = self.open.remove(&key) else {
                    return;
                };
                for change in p.content_changes {
                    open.text.apply(change);
                }
                open.version = p.text_document.version;
                self.changed(p.text_document.uri, open);
            }
            DidCloseTextDocument::METHOD => {
                let Ok(p) =
                    serde_json::from_value::<lsp_types::DidCloseTextDocumentParams>(n.params)
                else {
                    return;
                };
                let key = p.text_document.uri.as_str();
                self.open.remove(key);
                if let Ok(mut v) = self.versions.lock() {
                    v.remove(key);
                }
                if let Ok(mut s) = self.snapshots.lock() {
                    s.remove(key);
                }
                let clear = PublishDiagnosticsParams::new(p.text_document.uri, Vec::new(), None);
                let n = Notification::new(PublishDiagnostics::METHOD.into(), clear);
                let _ = self.sender.send(n.into());
            }
            _ => {}
        }
    }

    /// A new revision: recorded as the newest, and sent to the diagnostics worker.
    fn changed(&mut self, uri: Uri, open: Open) {
        let key = uri.as_str().to_string();
        if let Ok(mut v) = self.versions.lock() {
            v.insert(key.clone(), open.version);
        }
        let _ = self
            .work
            .send((uri.clone(), open.version, open.text.clone()));
        self.open.insert(key, (uri, open));
    }

    /// The snapshot of the document's current revision: the worker's when it has it, else
    /// one made now (on the request's thread).
    fn snapshot_for(&self, uri: &Uri) -> Option<Box<dyn FnOnce() -> Arc<Snapshot> + Send>> {
        let (_, open) = self.open.get(uri.as_str())?;
        if let Some((v, snap)) = self
            .snapshots
            .lock()
            .ok()
            .and_then(|m| m.get(uri.as_str()).cloned())
            && v == open.version
        {
            return Some(Box::new(move || snap));
        }
        let (text, level, path) = (open.text.clone(), self.level, path_of(uri));
        Some(Box::new(move || {
            Arc::new(Snapshot::analyse(text, path.as_deref(), level))
        }))
    }

    fn request(&mut self, req: Request) {
        const ANSWERED: &[&str] = &[
            Completion::METHOD,
            HoverRequest::METHOD,
            DocumentSymbolRequest::METHOD,
            GotoDefinition::METHOD,
            CodeActionRequest::METHOD,
            Formatting::METHOD,
            Rename::METHOD,
        ];
        if !ANSWERED.contains(&req.method.as_str()) {
            let message = format!("{} is not a request this server answers", req.method);
            let r = Response::new_err(req.id, ErrorCode::MethodNotFound as i32, message);
            let _ = self.sender.send(r.into());
            return;
        }
        let uri = req
            .params
            .pointer("/textDocument/uri")
            .and_then(|u| serde_json::from_value::<Uri>(u.clone()).ok());
        let Some(snapshot) = uri.as_ref().and_then(|u| self.snapshot_for(u)) else {
            let message = format!("{}: the document is not open", req.method);
            let r = Response::new_err(req.id, ErrorCode::InvalidParams as i32, message);
            let _ = self.sender.send(r.into());
            return;
        };
        let uri = uri.expect("checked above");
        // Completion reads the text as it is now; it need not wait for an analysis.
        if req.method == Completion::METHOD
            && let Some((_, open)) = self.open.get(uri.as_str())
        {
            let text = open.text.clone();
            let last = self
                .snapshots
                .lock()
                .ok()
                .and_then(|m| m.get(uri.as_str()).map(|(_, s)| s.clone()));
            let sender = self.sender.clone();
            std::thread::spawn(move || {
                let r = answer_completion(req, text, last);
                let _ = sender.send(r.into());
            });
            return;
        }
        let sender = self.sender.clone();
        std::thread::spawn(move || {
            let r = answer(req, &uri, &snapshot());
            let _ = sender.send(r.into());
        });
    }
}

fn answer_completion(req: Request, text: Text, last: Option<Arc<Snapshot>>) -> Response {
    let Ok(p) = serde_json::from_value::<lsp_types::CompletionParams>(req.params) else {
        return Response::new_err(req.id, ErrorCode::InvalidParams as i32, "bad params".into());
    };
    if last.as_ref().is_some_and(|s| s.foreign) {
        return Response::new_ok(req.id, Vec::<lsp_types::CompletionItem>::new());
    }
    let doc = last.as_ref().and_then(|s| s.doc.as_ref());
    let items = features::completion(&text, doc, p.text_document_position.position);
    Response::new_ok(req.id, items)
}

/// Answers a request from a snapshot of the current revision.
fn answer(req: Request, uri: &Uri, s: &Snapshot) -> Response {
    let id = req.id.clone();
    if s.foreign {
        return respond(id, Ok(serde_json::Value::Null));
    }
    let result = match req.method.as_str() {
        HoverRequest::METHOD => parse::<lsp_types::HoverParams>(&req)
            .map(|p| json(features::hover(s, p.text_document_position_params.position))),
        DocumentSymbolRequest::METHOD => Ok(json(features::symbols(s))),
        GotoDefinition::METHOD => parse::<lsp_types::GotoDefinitionParams>(&req).map(|p| {
            json(
                features::definition(s, p.text_document_position_params.position)
                    .map(|r| lsp_types::Location::new(uri.clone(), r)),
            )
        }),
        CodeActionRequest::METHOD => parse::<lsp_types::CodeActionParams>(&req).map(|p| {
            let r = s.text.offset(p.range.start)..s.text.offset(p.range.end);
            json(edits::code_actions(s, uri, r))
        }),
        Formatting::METHOD => edits::format(s).map(json),
        Rename::METHOD => parse::<lsp_types::RenameParams>(&req).and_then(|p| {
            let at = s.text.offset(p.text_document_position.position);
            edits::rename(s, uri, at, &p.new_name).map(json)
        }),
        other => Err(format!("{other} is not a request this server answers")),
    };
    respond(id, result)
}

fn respond(id: RequestId, result: Result<serde_json::Value, String>) -> Response {
    match result {
        Ok(v) => Response::new_ok(id, v),
        Err(message) => Response::new_err(id, ErrorCode::RequestFailed as i32, message),
    }
}

fn parse<P: serde::de::DeserializeOwned>(req: &Request) -> Result<P, String> {
    serde_json::from_value(req.params.clone()).map_err(|e| format!("{}: {e}", req.method))
}

fn json(v: impl serde::Serialize) -> serde_json::Value {
    serde_json::to_value(v).unwrap_or(serde_json::Value::Null)
}
