//! Environments: named targets in `connect-views.toml` (the working directory's, else the
//! config directory's), so `--env prod` means one instance, the same way every time.
//!
//! ```toml
//! [env.test]
//! endpoint_url = "http://127.0.0.1:8787"
//! instance_id = "11111111-2222-3333-4444-555555555555"
//!
//! [env.prod]
//! profile = "prod"
//! region = "eu-west-2"
//! instance_id = "arn:aws:connect:eu-west-2:123456789012:instance/..."
//! protected = true
//! ```

use std::path::{Path, PathBuf};

use indexmap::IndexMap;
use serde::Deserialize;

use super::config::ConnectOptions;

pub const FILE_NAME: &str = "connect-views.toml";

#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Environment {
    #[serde(default)]
    pub profile: Option<String>,
    #[serde(default)]
    pub region: Option<String>,
    #[serde(default)]
    pub endpoint_url: Option<String>,
    #[serde(default)]
    pub instance_id: Option<String>,
    /// Writes take a confirmation (a typed one in the designer, `--yes` headless).
    #[serde(default)]
    pub protected: bool,
}

#[derive(Debug, Deserialize)]
struct File {
    #[serde(default)]
    env: IndexMap<String, Environment>,
    /// `[arn_map.FROM.TO]`: what a promotion from FROM to TO writes in place of each
    /// source-instance reference (an ARN or an id) of a template.
    #[serde(default)]
    arn_map: IndexMap<String, IndexMap<String, IndexMap<String, String>>>,
    /// Other tables are not this module's.
    #[serde(flatten)]
    _rest: toml::Table,
}

/// The config directory (`CONNECT_VIEWS_CONFIG_DIR`, else the platform's).
pub fn config_dir() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("CONNECT_VIEWS_CONFIG_DIR").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    directories::ProjectDirs::from("", "", "connect-views").map(|d| d.config_dir().to_path_buf())
}

/// The file environments are read from: the working directory's, else the config
/// directory's.
pub fn file() -> Option<PathBuf> {
    let here = Path::new(FILE_NAME);
    if here.exists() {
        return Some(here.to_path_buf());
    }
    config_dir()
        .map(|d| d.join(FILE_NAME))
        .filter(|p| p.exists())
}

/// Every environment of a file's text, in file order; a bad file says where it is wrong.
pub fn parse(text: &str, path: &Path) -> Result<IndexMap<String, Environment>, String> {
    parse_file(text, path).map(|f| f.env)
}

/// The ARN map of a promotion from `from` to `to` (`[arn_map.FROM.TO]`), empty when the
/// file has none (or there is no file).
pub fn arn_map(from: &str, to: &str) -> Result<IndexMap<String, String>, String> {
    let Some(path) = file() else {
        return Ok(IndexMap::new());
    };
    let text = std::fs::read_to_string(&path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut f = parse_file(&text, &path)?;
    Ok(f.arn_map
        .get_mut(from)
        .and_then(|m| m.shift_remove(to))
        .unwrap_or_default())
}

fn parse_file(text: &str, path: &Path) -> Result<File, String> {
    toml::from_str::<File>(text).map_err(|e| {
        let at = e
            .span()
            .map(|s| {
                let before = &text[..s.start.min(text.len())];
                let line = before.matches('\n').count() + 1;
                let col = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
                format!(":{line}:{col}")
            })
            .unwrap_or_default();
        format!("{}{at}: {}", path.display(), e.message())
    })
}

/// The environment `name`, from the file found by [`file`].
pub fn load(name: &str) -> Result<Environment, String> {
    let path = file().ok_or_else(|| {
        format!(
            "--env {name}: no {FILE_NAME} in the working directory or the config directory \
             ({}) defines environments",
            config_dir()
                .map(|d| d.display().to_string())
                .unwrap_or_else(|| "none".into())
        )
    })?;
    let text = std::fs::read_to_string(&path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let envs = parse(&text, &path)?;
    envs.get(name).cloned().ok_or_else(|| {
        let known: Vec<&str> = envs.keys().map(String::as_str).collect();
        format!(
            "--env {name}: {} defines no [env.{name}] (it defines {})",
            path.display(),
            if known.is_empty() {
                "none".to_string()
            } else {
                known.join(", ")
            }
        )
    })
}

/// The options of the environment `name` with nothing given on the command line.
pub fn options(name: &str) -> Result<ConnectOptions, String> {
    Ok(load(name)?.options(name, &ConnectOptions::default()))
}

impl Environment {
    /// The options of this environment, named `name`, under what was given: its target, its
    /// name and whether its writes need a confirmation.
    pub fn options(&self, name: &str, given: &ConnectOptions) -> ConnectOptions {
        ConnectOptions {
            env: Some(name.to_string()),
            protected: self.protected,
            ..self.under(given)
        }
    }

    /// The options of this environment under what was given on the command line: a flag
    /// given wins over the environment's value.
    pub fn under(&self, given: &ConnectOptions) -> ConnectOptions {
        ConnectOptions {
            profile: given.profile.clone().or_else(|| self.profile.clone()),
            region: given.region.clone().or_else(|| self.region.clone()),
            endpoint_url: given
                .endpoint_url
                .clone()
                .or_else(|| self.endpoint_url.clone()),
            instance_id: given
                .instance_id
                .clone()
                .or_else(|| self.instance_id.clone()),
            ..given.clone()
        }
    }
}
