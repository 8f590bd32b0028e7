//! Logs go to `connect-views.log` in the data directory, never to the terminal. Nothing
//! sensitive is logged: no view names, templates, actions or credentials (the service model
//! marks names and actions as sensitive), only operations, statuses, ids and timings.
//! `CONNECT_VIEWS_LOG` sets the level (error, warn, info, debug; default info; off).

use std::fs::OpenOptions;
use std::sync::Mutex;

use tracing::Level;

/// Starts logging to the file; does nothing (and says nothing) if it cannot be opened.
pub fn init() {
    let level = match std::env::var("CONNECT_VIEWS_LOG")
        .unwrap_or_default()
        .to_ascii_lowercase()
        .as_str()
    {
        "off" | "none" => return,
        "error" => Level::ERROR,
        "warn" => Level::WARN,
        "debug" => Level::DEBUG,
        "trace" => Level::TRACE,
        _ => Level::INFO,
    };
    let dir = crate::dirs::data_dir();
    if std::fs::create_dir_all(&dir).is_err() {
        return;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700));
    }
    let mut options = OpenOptions::new();
    options.create(true).append(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let Ok(file) = options.open(dir.join("connect-views.log")) else {
        return;
    };
    let _ = tracing_subscriber::fmt()
        .with_max_level(level)
        .with_ansi(false)
        .with_target(false)
        .with_writer(Mutex::new(file))
        .try_init();
}
