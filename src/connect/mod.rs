//! The Connect client: one type with a method per view operation, configured
//! from aws-config's chain or the embedded local endpoint.

pub mod base;
pub mod client;
pub mod config;
pub mod consumers;
pub mod env;
pub mod error;
pub mod http;
pub mod promote;
pub mod side;
pub mod target;
pub mod types;

pub use client::{ConnectClient, Submission, Versioned, ViewSpec};
pub use config::{ConnectOptions, Target};
pub use error::{ConnectError, ErrorKind};
pub use http::http_client;
pub use types::{Status, VersionSummary, View, ViewKind, ViewSummary, ViewTypeFilter};
