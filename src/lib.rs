//! connect-views: author, check and publish Amazon Connect views.
//!
//! Layers, with arrows pointing down only: `tui` and `commands` use `connect`
//! (the one client of Amazon Connect), which may start `local` (the local
//! endpoint); `connect` and `local` use `view` (the domain).

pub mod cli;
pub mod commands;
pub mod connect;
pub mod dirs;
#[doc(hidden)]
pub mod fuzzing;
pub mod local;
pub mod logging;
pub mod lsp;
pub mod tui;
pub mod view;

/// The version and the commit the binary was built from (`--version`).
pub const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (",
    env!("CONNECT_VIEWS_COMMIT"),
    ")"
);
