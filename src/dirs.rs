//! Where connect-views keeps its files: the user's data directory, shared by the local
//! endpoint's database, the designer's drafts and the log, so none of them reaches into
//! another layer for it.

use std::path::{Path, PathBuf};

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

/// Where the designer's drafts and the files' kept bases are.
pub fn drafts_dir() -> PathBuf {
    data_dir().join("drafts")
}

/// A file's key among the drafts and kept bases: its name and a digest of its absolute
/// path (`orders.view.json-0123456789abcdef`), so two files of one name do not meet.
pub fn file_key(p: &Path) -> String {
    let absolute = std::fs::canonicalize(p)
        .or_else(|_| std::env::current_dir().map(|d| d.join(p)))
        .unwrap_or_else(|_| p.to_path_buf());
    let digest = crate::view::checksum::sha256_hex(&absolute.to_string_lossy());
    let stem: String = p
        .file_name()
        .map(|f| {
            f.to_string_lossy()
                .chars()
                .filter(|c| c.is_alphanumeric() || *c == '.')
                .collect()
        })
        .unwrap_or_default();
    format!("{stem}-{}", &digest[..16])
}

fn private_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

/// Writes `bytes` to `path` privately: its directory 0700, a temporary file 0600 beside it,
/// fsync, rename (a crash leaves the old file or the new one, never half of one).
pub fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let dir = path.parent().unwrap_or(Path::new("."));
    private_dir(dir)?;
    let temp = path.with_extension(format!("tmp{}", std::process::id()));
    let result = (|| {
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let mut f = options.open(&temp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&temp, path)?;
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}
