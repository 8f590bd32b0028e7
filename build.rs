//! Records the commit the binary is built from, for `--version` and the language server's
//! `serverInfo`: `git rev-parse` of the checkout, or "unknown commit" outside one (a
//! source archive, `cargo install` from a registry).

use std::process::Command;

fn main() {
    let commit = Command::new("git")
        .args(["rev-parse", "--short=12", "HEAD"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "unknown commit".into());
    println!("cargo:rustc-env=CONNECT_VIEWS_COMMIT={commit}");
    // A new commit moves HEAD's branch (or HEAD itself, detached).
    for path in [".git/HEAD", ".git/refs/heads", ".git/packed-refs"] {
        println!("cargo:rerun-if-changed={path}");
    }
}
