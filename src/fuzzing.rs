//! The fuzz targets' bodies, here so the ordinary tests run the same code on the kept
//! corpora and regression cases (`tests/it/fuzz_regressions.rs`).

use std::sync::OnceLock;

use crate::view::{Level, Template, ViewDocument, input_schema, validate};

/// Loads bytes as a view document and validates it at both levels; derives the schema when
/// the template parses. Panics only if something inside does.
pub fn load_and_validate(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(doc) = ViewDocument::from_text(text, None) {
        for level in [Level::Saved, Level::Published] {
            let diagnostics = validate(&doc, level);
            for d in &diagnostics {
                if let Some(r) = &d.range {
                    assert!(
                        r.start <= r.end && r.end <= doc.origin.source.len(),
                        "{d:?}"
                    );
                }
            }
        }
        if let Ok(t) = Template::parse(&doc.template) {
            let _ = input_schema(&t);
            // Sample data against the derived schema: the schema must always compile, and
            // every finding must locate inside the file.
            let schema = crate::view::data::DataSchema::derived(&t);
            let _ = crate::view::data::skeleton(&schema);
            if let Some(serde_json::Value::Object(sets)) = doc.extra.get("SampleData") {
                for (name, data) in sets {
                    let mut found = crate::view::data::check_data(&schema, data, None);
                    let base = format!("/SampleData/{}", crate::view::path::token(name));
                    crate::view::data::locate(&mut found, &doc.origin.source, &base);
                    for d in &found {
                        if let Some(r) = &d.range {
                            assert!(r.end <= doc.origin.source.len(), "{d:?}");
                        }
                    }
                }
            }
        }
        let _ = doc.to_view_file(false);
        let _ = doc.to_canonical_text();
    }
}

struct Endpoint {
    runtime: tokio::runtime::Runtime,
    endpoint: crate::local::InProcess,
    _dir: tempfile_dir::Dir,
}

mod tempfile_dir {
    /// The fuzzer's store: one directory per process under the system temporary directory.
    pub struct Dir(pub std::path::PathBuf);

    impl Dir {
        pub fn new() -> Dir {
            let p = std::env::temp_dir().join(format!("connect-views-fuzz-{}", std::process::id()));
            let _ = std::fs::create_dir_all(&p);
            Dir(p)
        }
    }
}

fn endpoint() -> &'static Endpoint {
    static E: OnceLock<Endpoint> = OnceLock::new();
    E.get_or_init(|| {
        let dir = tempfile_dir::Dir::new();
        let endpoint =
            crate::local::InProcess::open(&dir.0.join("fuzz.sqlite3")).expect("the store opens");
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        Endpoint {
            runtime,
            endpoint,
            _dir: dir,
        }
    })
}

/// Turns bytes into a request (first byte: method; up to the first newline: path and query;
/// then `Header: value` lines up to an empty line; the rest: body) and checks the answer is
/// not a server error.
pub fn endpoint_request(data: &[u8]) {
    let methods = ["GET", "PUT", "POST", "DELETE", "PATCH"];
    let Some((&m, rest)) = data.split_first() else {
        return;
    };
    let method = methods[m as usize % methods.len()];
    let text = String::from_utf8_lossy(rest);
    let (path, rest) = text.split_once('\n').unwrap_or((&text, ""));
    let (head, body) = rest.split_once("\n\n").unwrap_or(("", rest));
    let uri = format!("/{}", path.trim_start_matches('/'));
    let mut builder = axum::http::Request::builder()
        .method(method)
        .uri(uri.as_str());
    for line in head.lines() {
        if let Some((k, v)) = line.split_once(':') {
            builder = builder.header(k.trim(), v.trim());
        }
    }
    let Ok(request) = builder.body(axum::body::Body::from(body.as_bytes().to_vec())) else {
        return;
    };
    let e = endpoint();
    let response = e.runtime.block_on(e.endpoint.call(request));
    let status = response.status().as_u16();
    assert!(status < 500, "{method} {uri} got {status}");
    assert!(response.headers().contains_key("x-amzn-requestid"));
}
