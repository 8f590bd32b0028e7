//! The language server on a 400 kB view file: the diagnostics of a change (the text edited,
//! loaded, validated at the published level and turned into the protocol's diagnostics),
//! completion at a prop key near the end of the file, and the memory of the server process
//! with ten such files open (printed: the resident set after their diagnostics, and its
//! peak).

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};

use connect_views::lsp::{Snapshot, Text, features};
use connect_views::view::Level;
use connect_views::view::generate::large_view_file;
use criterion::{Criterion, criterion_group, criterion_main};
use lsp_types::{Position, Range, TextDocumentContentChangeEvent, Uri};

/// A change of one character inside the Head's Title, put back by the next.
fn title_change(text: &Text, to: &str) -> TextDocumentContentChangeEvent {
    let at = text.text.find("\"Title\": \"").unwrap() + "\"Title\": \"".len();
    let p = text.position(at);
    TextDocumentContentChangeEvent {
        range: Some(Range::new(p, Position::new(p.line, p.character + 1))),
        range_length: None,
        text: to.into(),
    }
}

fn bench(c: &mut Criterion) {
    let source = large_view_file(400_000);
    eprintln!("the view file: {} bytes", source.len());
    let uri: Uri = "file:///bench/large.view.json".parse().unwrap();
    let mut group = c.benchmark_group("lsp");
    group.sample_size(20);
    group.bench_function("diagnostics_after_a_change_400kB", |b| {
        let mut text = Text::new(source.clone());
        let mut flip = false;
        b.iter(|| {
            flip = !flip;
            let change = title_change(&text, if flip { "g" } else { "G" });
            text.apply(change);
            let s = Snapshot::analyse(text.clone(), None, Level::Published);
            features::diagnostics(&s, &uri)
        })
    });
    let text = Text::new(source.clone());
    let snapshot = Snapshot::analyse(text.clone(), None, Level::Published);
    // Inside the last Props object, where a key goes: the scanner reads the whole file.
    let at = text.text.rfind("\"Props\": {").unwrap() + "\"Props\": {".len();
    let pos = text.position(at);
    assert!(!features::completion(&text, snapshot.doc.as_ref(), pos).is_empty());
    group.bench_function("completion_at_the_end_of_400kB", |b| {
        b.iter(|| features::completion(&text, snapshot.doc.as_ref(), pos))
    });
    group.finish();
    server_memory(&source);
}

/// Starts `connect-views lsp`, opens ten 400 kB files and waits for their diagnostics; prints
/// the server's resident set and its peak.
fn server_memory(source: &str) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_connect-views"))
        .arg("lsp")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut send = |v: serde_json::Value| {
        let body = v.to_string();
        write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        stdin.flush().unwrap();
    };
    send(
        serde_json::json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
        "params": {"processId": null, "rootUri": null, "capabilities": {}}}),
    );
    send(serde_json::json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
    for i in 0..10 {
        send(
            serde_json::json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
            "textDocument": {"uri": format!("file:///bench/v{i}.view.json"), "languageId": "json",
                "version": 1, "text": source}}}),
        );
    }
    let mut published = 0;
    while published < 10 {
        let mut len = 0usize;
        loop {
            let mut line = String::new();
            out.read_line(&mut line).unwrap();
            if line.trim().is_empty() {
                break;
            }
            if let Some(v) = line.trim().strip_prefix("Content-Length: ") {
                len = v.parse().unwrap();
            }
        }
        let mut body = vec![0; len];
        out.read_exact(&mut body).unwrap();
        let m: serde_json::Value = serde_json::from_slice(&body).unwrap();
        if m["method"] == "textDocument/publishDiagnostics" {
            published += 1;
        }
    }
    let status = std::fs::read_to_string(format!("/proc/{}/status", child.id())).unwrap();
    let kib = |key: &str| -> u64 {
        let line = status.lines().find(|l| l.starts_with(key)).unwrap();
        line.split_whitespace().nth(1).unwrap().parse().unwrap()
    };
    println!(
        "lsp/memory_ten_400kB_files_open: resident {:.1} MB, peak {:.1} MB",
        kib("VmRSS:") as f64 / 1024.0,
        kib("VmHWM:") as f64 / 1024.0
    );
    let _ = child.kill();
    let _ = child.wait();
}

criterion_group!(benches, bench);
criterion_main!(benches);
