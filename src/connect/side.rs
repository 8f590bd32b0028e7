//! What a diff compares, as written on the command line or in the diff pane's prompt: a
//! file when one of that name exists, else a view, in an environment of
//! `connect-views.toml` when the text starts `ENV:` (or is `ENV` alone), else on the
//! target. One reading for `connect-views diff` and the designer's diff pane.

use std::path::PathBuf;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SideRef {
    File(PathBuf),
    /// A view: `VIEW[:QUALIFIER]`, or a qualifier alone, or nothing (the buffer's view in
    /// the pane; the command needs a view), in `env` when one is named.
    View {
        env: Option<String>,
        view: String,
    },
}

impl SideRef {
    /// Reads `what`; `is_env` says whether a name is an environment of connect-views.toml.
    pub fn parse(what: &str, is_env: impl Fn(&str) -> bool) -> SideRef {
        let path = PathBuf::from(what);
        if path.exists() {
            return SideRef::File(path);
        }
        let (env, view) = match what.split_once(':') {
            Some((env, rest)) if is_env(env) => (Some(env.to_string()), rest),
            None if is_env(what) => (Some(what.to_string()), ""),
            _ => (None, what),
        };
        SideRef::View {
            env,
            view: view.to_string(),
        }
    }

    /// As [`SideRef::parse`], with the environments of connect-views.toml.
    pub fn read(what: &str) -> SideRef {
        SideRef::parse(what, |e| super::env::load(e).is_ok())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_environments_and_views_are_told_apart() {
        let is_env = |e: &str| e == "prod";
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.view.json");
        std::fs::write(&file, "{}").unwrap();
        assert_eq!(
            SideRef::parse(file.to_str().unwrap(), is_env),
            SideRef::File(file.clone())
        );
        let view = |env: Option<&str>, view: &str| SideRef::View {
            env: env.map(str::to_string),
            view: view.to_string(),
        };
        assert_eq!(
            SideRef::parse("prod:Orders:$LATEST", is_env),
            view(Some("prod"), "Orders:$LATEST")
        );
        assert_eq!(SideRef::parse("prod", is_env), view(Some("prod"), ""));
        assert_eq!(SideRef::parse("Orders:2", is_env), view(None, "Orders:2"));
        assert_eq!(SideRef::parse("$SAVED", is_env), view(None, "$SAVED"));
    }
}
