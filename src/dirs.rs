//! Where connect-views keeps its files: the user's data directory, shared by the local
//! endpoint's database, the designer's drafts and the log, so none of them reaches into
//! another layer for it.

use std::path::PathBuf;

/// The user's data directory for connect-views (`CONNECT_VIEWS_DATA_DIR` overrides it).
pub fn data_dir() -> PathBuf {
    if let Some(p) = std::env::var_os("CONNECT_VIEWS_DATA_DIR").filter(|p| !p.is_empty()) {
        return PathBuf::from(p);
    }
    match directories::ProjectDirs::from("", "", "connect-views") {
        Some(dirs) => dirs.data_dir().to_path_buf(),
        None => PathBuf::from(".connect-views"),
    }
}
