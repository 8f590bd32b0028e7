//! `connect-views lsp` driven through real LSP messages over the stdio of the built binary:
//! initialize, didOpen, didChange (incremental), each request the server answers, shutdown
//! and exit.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Stdio};
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::common::bin;

/// A client of the server: framed JSON-RPC over the child's stdin and stdout.
pub struct Client {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Value>,
    next_id: i64,
    /// Notifications read while waiting for responses.
    pub notifications: Vec<Value>,
}

impl Client {
    pub fn start(init_options: Value) -> Client {
        let mut child = bin()
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, incoming) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            loop {
                let mut len = 0usize;
                loop {
                    let mut line = String::new();
                    if r.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(v) = line.strip_prefix("Content-Length: ") {
                        len = v.parse().unwrap();
                    }
                }
                let mut body = vec![0; len];
                r.read_exact(&mut body).unwrap();
                if tx.send(serde_json::from_slice(&body).unwrap()).is_err() {
                    return;
                }
            }
        });
        let mut c = Client {
            child,
            stdin,
            incoming,
            next_id: 0,
            notifications: Vec::new(),
        };
        let init = c.request(
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": {},
                   "initializationOptions": init_options}),
        );
        assert!(init["capabilities"]["renameProvider"] == true, "{init}");
        c.notify("initialized", json!({}));
        c
    }

    fn send(&mut self, v: Value) {
        let body = v.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and waits for its response: the result, or the error object.
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let m = self
                .next(deadline)
                .unwrap_or_else(|| panic!("no answer to {method}"));
            if m["id"] == id {
                return m
                    .get("result")
                    .cloned()
                    .unwrap_or_else(|| m["error"].clone());
            }
            self.notifications.push(m);
        }
    }

    fn next(&mut self, deadline: Instant) -> Option<Value> {
        let left = deadline.saturating_duration_since(Instant::now());
        self.incoming.recv_timeout(left).ok()
    }

    /// Waits for the diagnostics of `uri` at `version`.
    pub fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let deadline = Instant::now() + Duration::from_secs(30);
        let is = |m: &Value| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == version
        };
        if let Some(m) = self.notifications.iter().find(|m| is(m)) {
            return m["params"]["diagnostics"].as_array().unwrap().clone();
        }
        loop {
            let m = self
                .next(deadline)
                .unwrap_or_else(|| panic!("no diagnostics for version {version}"));
            self.notifications.push(m.clone());
            if is(&m) {
                return m["params"]["diagnostics"].as_array().unwrap().clone();
            }
        }
    }

    pub fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "json", "version": 1, "text": text}}),
        );
    }

    /// Shuts down and exits; the process's status.
    pub fn stop(mut self) -> std::process::ExitStatus {
        let r = self.request("shutdown", Value::Null);
        assert_eq!(r, Value::Null);
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(s) = self.child.try_wait().unwrap() {
                return s;
            }
            assert!(Instant::now() < deadline, "the server did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// The (line, character) of the first `needle` in `text`, plus `shift` characters.
pub fn pos(text: &str, needle: &str, shift: usize) -> Value {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} not in the text"))
        + shift;
    let line = text[..at].matches('\n').count();
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    json!({"line": line, "character": text[start..at].encode_utf16().count()})
}

pub const URI: &str = "file:///work/views/refund.view.json";

/// A view with a typo'd prop, a Dropdown a condition reads, and an action (the same file
/// `scripts/nvim-lsp.sh` opens in Neovim).
pub fn refund() -> String {
    include_str!("../lsp/refund.view.json").to_string()
}

#[test]
fn the_server_answers_every_request_over_stdio() {
    let text = refund();
    let mut c = Client::start(json!({"level": "published"}));
    c.open(URI, &text);
    // Diagnostics: the typo, with its code, at its place.
    let d = c.diagnostics(URI, 1);
    let typo = d
        .iter()
        .find(|d| d["code"] == "CV041")
        .unwrap_or_else(|| panic!("{d:#?}"));
    assert_eq!(typo["range"]["start"], pos(&text, "\"HelpText\"", 0));
    assert_eq!(typo["severity"], 1, "an error at the published level");
    assert_eq!(typo["source"], "connect-views");
    assert!(
        typo["message"].as_str().unwrap().contains("HelperText"),
        "{typo}"
    );

    // A quick fix for it, whose edit renames the key.
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": URI}, "range": typo["range"], "context": {"diagnostics": [typo]}}),
    );
    let fix = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"].as_str().unwrap().contains("HelperText"))
        .unwrap_or_else(|| panic!("{actions:#}"));
    assert_eq!(fix["kind"], "quickfix");
    let edit = &fix["edit"]["changes"][URI][0];
    assert_eq!(edit["newText"], "\"HelperText\"");
    assert_eq!(edit["range"]["start"], pos(&text, "\"HelpText\"", 0));

    // Hover: a component, a prop, an input with its schema, an action with who raises it.
    let hover = |c: &mut Client, needle: &str, shift: usize| -> String {
        let h = c.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": URI}, "position": pos(&text, needle, shift)}),
        );
        h["contents"]["value"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    };
    assert!(hover(&mut c, "\"Label\": \"$.WhyLabel", 2).contains("**Label** of TextArea"));
    let input = hover(&mut c, "$.WhyLabel", 3);
    assert!(
        input.contains("input **WhyLabel**") && input.contains("\"type\""),
        "{input}"
    );
    let action = hover(&mut c, "\"Action\": \"Submit", 12);
    assert!(
        action.contains("action **Submit** (listed in Actions), raised by `send` (Button)"),
        "{action}"
    );
    assert!(hover(&mut c, "\"Type\": \"Dropdown", 0).contains("**Dropdown**"));

    // Document symbols: the component tree by _id.
    let symbols = c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": URI}}),
    );
    assert_eq!(symbols[0]["name"], "form");
    let kids: Vec<&str> = symbols[0]["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(kids, ["reason", "why", "send"]);

    // Go to definition: from the condition's ElementByKey to the field's Name.
    let def = c.request("textDocument/definition", json!({"textDocument": {"uri": URI}, "position": pos(&text, "\"ElementByKey\": \"reason", 17)}));
    assert_eq!(def["uri"], URI);
    assert_eq!(
        def["range"]["start"],
        pos(&text, "\"reason\", \"Label\"", 0)
    );

    // Rename the field: its Name and the condition reading it.
    let edit = c.request("textDocument/rename", json!({"textDocument": {"uri": URI}, "position": pos(&text, "\"reason\", \"Label\"", 2), "newName": "cause"}));
    let edits = edit["changes"][URI].as_array().unwrap();
    assert_eq!(edits.len(), 2, "{edits:#?}");
    assert!(edits.iter().all(|e| e["newText"] == "\"cause\""));
    // Rename the action: the prop that raises it and the Actions list.
    let edit = c.request("textDocument/rename", json!({"textDocument": {"uri": URI}, "position": pos(&text, "\"Submit\"]", 2), "newName": "Send"}));
    let mut at: Vec<Value> = edit["changes"][URI]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["range"]["start"].clone())
        .collect();
    at.sort_by_key(|p| p["line"].as_i64());
    assert_eq!(
        at,
        [pos(&text, "\"Submit\"]", 0), pos(&text, "\"Submit\"}", 0)]
    );
    // A rename onto a name taken is refused, with why.
    let refused = c.request("textDocument/rename", json!({"textDocument": {"uri": URI}, "position": pos(&text, "\"why\", \"Label", 2), "newName": "reason"}));
    assert!(
        refused["message"]
            .as_str()
            .unwrap()
            .contains("another field is named \"reason\""),
        "{refused}"
    );

    // Incremental change: the typo fixed by a ranged edit, the diagnostics follow.
    let range = typo["range"].clone();
    c.notify("textDocument/didChange", json!({"textDocument": {"uri": URI, "version": 2}, "contentChanges": [{"range": range, "text": "\"HelperText\""}]}));
    let d = c.diagnostics(URI, 2);
    assert!(d.iter().all(|d| d["code"] != "CV041"), "{d:#?}");
    // Formatting: the fixed text in canonical form, as `fmt` writes it.
    let fixed = text.replace("\"HelpText\"", "\"HelperText\"");
    let f = c.request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": URI}, "options": {"tabSize": 2, "insertSpaces": true}}),
    );
    let doc = connect_views::view::ViewDocument::from_text(&fixed, None).unwrap();
    assert_eq!(f[0]["newText"], doc.to_canonical_text().unwrap());
    // A request the server does not answer is MethodNotFound, not a hang.
    let unknown = c.request("workspace/symbol", json!({"query": "x"}));
    assert_eq!(unknown["code"], -32601, "{unknown}");
    assert_eq!(c.stop().code(), Some(0));
}

/// Completion on text that does not parse: a Type value, a prop key, an enum value, an
/// action, a field name.
#[test]
fn completion_works_on_text_that_does_not_parse() {
    let full = refund();
    // Cut after an unfinished prop key of the Button: the rest of the document is gone.
    let cut = full.find("\"Action\": \"Submit\"").unwrap();
    let text = format!("{}\"Act", &full[..cut]);
    let mut c = Client::start(json!({}));
    c.open(URI, &text);
    let d = c.diagnostics(URI, 1);
    assert!(d.iter().any(|d| d["code"] == "CV001"), "{d:#?}");
    let at_end = |t: &str| {
        let line = t.matches('\n').count();
        let col = t[t.rfind('\n').map_or(0, |i| i + 1)..]
            .encode_utf16()
            .count();
        json!({"line": line, "character": col})
    };
    let items = c.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": URI}, "position": at_end(&text)}),
    );
    let labels: Vec<&str> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels.first(), Some(&"Action"), "{labels:?}");
    let edit = &items[0]["textEdit"];
    assert_eq!(edit["newText"], "Action\": ");
    // A Type value.
    let text2 = format!(
        "{}\"Type\": \"Drop",
        &full[..full.find("\"Type\": \"Dropdown").unwrap()]
    );
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": URI, "version": 2}, "contentChanges": [{"text": text2}]}),
    );
    let items = c.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": URI}, "position": at_end(&text2)}),
    );
    assert_eq!(items[0]["label"], "Dropdown", "{items:#}");
    // An ElementByKey value: the fields of the view.
    let cut = full.find("\"ElementByKey\": \"reason").unwrap() + "\"ElementByKey\": \"".len();
    let text3 = format!("{}re", &full[..cut]);
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": URI, "version": 3}, "contentChanges": [{"text": text3}]}),
    );
    let items = c.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": URI}, "position": at_end(&text3)}),
    );
    assert_eq!(items[0]["label"], "reason", "{items:#}");
    assert_eq!(c.stop().code(), Some(0));
}

/// The newest revision wins: a burst of changes ends with the diagnostics of the last, and
/// no older revision is published after a newer one.
#[test]
fn the_newest_revision_wins() {
    let text = refund();
    let mut c = Client::start(json!({}));
    c.open(URI, &text);
    for v in 2..=30 {
        let t = text.replace("\"Refund\"}", &format!("\"Refund {v}\"}}"));
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": URI, "version": v}, "contentChanges": [{"text": t}]}),
        );
    }
    c.diagnostics(URI, 30);
    let versions: Vec<i64> = c
        .notifications
        .iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics")
        .map(|m| m["params"]["version"].as_i64().unwrap())
        .collect();
    assert!(versions.windows(2).all(|w| w[0] < w[1]), "{versions:?}");
    assert_eq!(versions.last(), Some(&30));
    assert_eq!(c.stop().code(), Some(0));
}

/// A client that attaches to every JSON file (VS Code's generic clients select by language
/// id) gets nothing about one that is not a view; a `*.view.json` file or a file holding a
/// template is still checked.
#[test]
fn other_json_files_are_left_alone() {
    let mut c = Client::start(json!({}));
    let package = "file:///work/app/package.json";
    c.open(package, "{\"name\": \"app\", \"version\": \"1.0.0\"}\n");
    assert_eq!(c.diagnostics(package, 1), Vec::<Value>::new());
    let items = c.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": package}, "position": {"line": 0, "character": 2}}),
    );
    assert_eq!(items, json!([]));
    let symbols = c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": package}}),
    );
    assert_eq!(symbols, Value::Null);
    let broken = "file:///work/app/tsconfig.json";
    c.open(broken, "{\"compilerOptions\": {,}}\n");
    assert_eq!(c.diagnostics(broken, 1), Vec::<Value>::new());
    // The same object named as a view file is an error.
    let named = "file:///work/views/empty.view.json";
    c.open(named, "{\"name\": \"app\"}\n");
    let d = c.diagnostics(named, 1);
    assert_eq!(d.len(), 1, "{d:#?}");
    assert_eq!(d[0]["code"], "CV010");
    // A bare template in a file of any name is a view.
    let bare = "file:///work/app/form.json";
    c.open(bare, "{\"Head\": {\"Title\": \"\"}, \"Body\": []}\n");
    let d = c.diagnostics(bare, 1);
    assert!(!d.is_empty(), "{d:#?}");
    assert_eq!(c.stop().code(), Some(0));
}
