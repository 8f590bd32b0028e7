//! Where requests go, decided as the AWS CLI decides it, from the flags, the environment and
//! the shared config and credentials files, before anything is sent. Pure: the environment
//! and the files come in, a [`Decision`] comes out, so every row of the README's precedence
//! table is a test.
//!
//! - profile: `--profile`, else `AWS_PROFILE`, else `default`; a profile named by either that
//!   neither file has is an error naming it;
//! - endpoint: `--endpoint-url`, else (unless `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` or the
//!   profile's `ignore_configured_endpoint_urls` is true) `AWS_ENDPOINT_URL_CONNECT`,
//!   `AWS_ENDPOINT_URL`, the profile's `services` section's `connect.endpoint_url`, the
//!   profile's `endpoint_url`;
//! - region: `--region`, else `AWS_REGION`, else `AWS_DEFAULT_REGION`, else the profile's;
//! - keys: an explicit `--profile` uses that profile's, even with keys in the environment
//!   (botocore drops its environment provider then); against a loopback endpoint, the
//!   environment's or the profile's static keys when there are some, else built-in dummy ones.

use std::collections::HashMap;
use std::path::PathBuf;

/// One section of an AWS config or credentials file: its keys, and the sub-settings of a
/// key with an empty value (`connect =` then indented `endpoint_url = ...`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Section {
    pub values: HashMap<String, String>,
    pub nested: HashMap<String, HashMap<String, String>>,
}

/// The shared config and credentials files, parsed.
#[derive(Debug, Clone, Default)]
pub struct AwsFiles {
    /// `[default]` and `[profile NAME]` of the config file, by profile name.
    pub config: HashMap<String, Section>,
    /// `[services NAME]` of the config file.
    pub services: HashMap<String, Section>,
    /// `[NAME]` of the credentials file.
    pub credentials: HashMap<String, Section>,
    pub config_path: PathBuf,
    pub credentials_path: PathBuf,
}

/// Parses the INI dialect of the AWS files: `[section]`, `key = value`, `#`/`;` comments,
/// and indented sub-settings under a key with no value.
pub fn parse_ini(text: &str) -> Vec<(String, Section)> {
    let mut out: Vec<(String, Section)> = Vec::new();
    let mut parent: Option<String> = None;
    for raw in text.lines() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            out.push((name.trim().to_string(), Section::default()));
            parent = None;
            continue;
        }
        let Some((key, value)) = line.split_once('=') else {
            continue;
        };
        let (key, value) = (key.trim().to_string(), value.trim().to_string());
        let Some((_, section)) = out.last_mut() else {
            continue;
        };
        let indented = raw.starts_with([' ', '\t']);
        match &parent {
            Some(p) if indented => {
                section
                    .nested
                    .entry(p.clone())
                    .or_default()
                    .insert(key, value);
            }
            _ if value.is_empty() => parent = Some(key),
            _ => {
                parent = None;
                section.values.insert(key, value);
            }
        }
    }
    out
}

impl AwsFiles {
    /// Reads the files the environment points at (`AWS_CONFIG_FILE`,
    /// `AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/config` and `~/.aws/credentials`); a
    /// missing file is empty.
    pub fn load(env: &dyn Fn(&str) -> Option<String>) -> AwsFiles {
        let home = env("HOME").map(PathBuf::from).unwrap_or_default();
        let config_path = env("AWS_CONFIG_FILE")
            .map(PathBuf::from)
            .unwrap_or_else(|| home.join(".aws/config"));
        let credentials_path = env("AWS_SHARED_CREDENTIALS_FILE")
            .map(PathBuf::from)
            .unwrap_or_else(|| home.join(".aws/credentials"));
        let read = |p: &PathBuf| std::fs::read_to_string(p).unwrap_or_default();
        let mut files = AwsFiles::parse(&read(&config_path), &read(&credentials_path));
        files.config_path = config_path;
        files.credentials_path = credentials_path;
        files
    }

    pub fn parse(config: &str, credentials: &str) -> AwsFiles {
        let mut files = AwsFiles::default();
        for (name, section) in parse_ini(config) {
            if let Some(p) = name.strip_prefix("profile ") {
                files.config.insert(p.trim().to_string(), section);
            } else if let Some(s) = name.strip_prefix("services ") {
                files.services.insert(s.trim().to_string(), section);
            } else if name == "default" {
                files.config.insert(name, section);
            }
        }
        files.credentials = parse_ini(credentials).into_iter().collect();
        files
    }

    fn has_profile(&self, name: &str) -> bool {
        self.config.contains_key(name) || self.credentials.contains_key(name)
    }

    fn value(&self, profile: &str, key: &str) -> Option<&str> {
        self.config
            .get(profile)
            .and_then(|s| s.values.get(key))
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    /// A profile's static keys, from the credentials file, else the config file.
    fn static_keys(&self, profile: &str) -> Option<Keys> {
        for (file, section) in [
            ("credentials", self.credentials.get(profile)),
            ("config", self.config.get(profile)),
        ] {
            let Some(s) = section else { continue };
            if let (Some(id), Some(secret)) = (
                s.values.get("aws_access_key_id"),
                s.values.get("aws_secret_access_key"),
            ) {
                return Some(Keys::Static {
                    id: id.clone(),
                    secret: secret.clone(),
                    token: s.values.get("aws_session_token").cloned(),
                    from: format!("profile {profile} ({file} file)"),
                });
            }
        }
        None
    }
}

/// What was given explicitly (flags, or an environment of `connect-views.toml`).
#[derive(Debug, Clone, Default)]
pub struct Given<'a> {
    pub profile: Option<&'a str>,
    pub region: Option<&'a str>,
    pub endpoint_url: Option<&'a str>,
}

/// The credentials a client signs with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Keys {
    /// The named profile's own (the SDK's profile provider: static keys, SSO, roles...).
    Profile(String),
    /// The SDK's default chain (environment, then the profile, SSO, roles, IMDS...).
    Chain,
    /// Static keys read here.
    Static {
        id: String,
        secret: String,
        token: Option<String>,
        from: String,
    },
    /// The built-in keys for a local endpoint that checks none.
    Dummy,
}

/// An endpoint URL, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Url {
    pub text: String,
    pub scheme: String,
    pub host: String,
    pub loopback: bool,
}

/// Parses an endpoint URL: `http` or `https`, a host, no user name or password.
pub fn parse_url(text: &str) -> Result<Url, String> {
    let Some((scheme, rest)) = text.split_once("://") else {
        return Err(format!(
            "the endpoint URL \"{text}\" has no scheme: write http://{text} (or https://)"
        ));
    };
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return Err(format!(
            "the endpoint URL \"{text}\" is not http:// or https://"
        ));
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    if authority.contains('@') {
        return Err(format!(
            "the endpoint URL \"{text}\" carries a user name or password (before '@'): an \
             endpoint URL names only the host and port"
        ));
    }
    let host = match authority.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or("").to_string(),
        None => authority
            .rsplit_once(':')
            .map(|(h, _)| h)
            .unwrap_or(authority)
            .to_string(),
    };
    if host.is_empty() {
        return Err(format!("the endpoint URL \"{text}\" names no host"));
    }
    let loopback = crate::local::is_loopback_name(&host);
    Ok(Url {
        text: text.to_string(),
        scheme,
        host,
        loopback,
    })
}

/// Where requests go, with where each part came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    /// The profile used, and whether it was named (`--profile` or `AWS_PROFILE`).
    pub profile: String,
    pub profile_named: bool,
    pub endpoint: Option<(Url, String)>,
    pub region: Option<(String, String)>,
    /// A profile or a region was named (flags, `AWS_PROFILE`, `AWS_REGION`,
    /// `AWS_DEFAULT_REGION`) without an endpoint: AWS, never the embedded default.
    pub names_aws: bool,
    pub keys: Keys,
}

/// Whether a region came from a flag or the environment, not from a profile's `region`.
pub fn named_region(from: &str) -> bool {
    !from.starts_with("profile ")
}

fn truthy(v: Option<String>) -> bool {
    v.is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
}

/// Decides where requests go.
pub fn decide(
    given: &Given<'_>,
    env: &dyn Fn(&str) -> Option<String>,
    files: &AwsFiles,
) -> Result<Decision, String> {
    let (profile, from_flag, from_env) = match (given.profile, env("AWS_PROFILE")) {
        (Some(p), _) => (p.to_string(), true, false),
        (None, Some(p)) => (p, false, true),
        (None, None) => ("default".to_string(), false, false),
    };
    if (from_flag || from_env) && !files.has_profile(&profile) {
        let how = if from_flag {
            "--profile"
        } else {
            "AWS_PROFILE"
        };
        return Err(format!(
            "the profile \"{profile}\" ({how}) is in neither {} nor {}",
            files.config_path.display(),
            files.credentials_path.display()
        ));
    }
    let endpoint = endpoint(given, env, files, &profile)?;
    let region = given
        .region
        .map(|r| (r.to_string(), "--region".to_string()))
        .or_else(|| env("AWS_REGION").map(|r| (r, "AWS_REGION".into())))
        .or_else(|| env("AWS_DEFAULT_REGION").map(|r| (r, "AWS_DEFAULT_REGION".into())))
        .or_else(|| {
            files
                .value(&profile, "region")
                .map(|r| (r.to_string(), format!("profile {profile}")))
        });
    let region_named = region.as_ref().is_some_and(|(_, from)| named_region(from));
    let names_aws = endpoint.is_none() && (from_flag || from_env || region_named);
    let loopback = endpoint.as_ref().is_some_and(|(u, _)| u.loopback);
    let keys = if loopback {
        local_keys(env, files, &profile, from_flag)
    } else if from_flag {
        Keys::Profile(profile.clone())
    } else {
        Keys::Chain
    };
    Ok(Decision {
        profile,
        profile_named: from_flag || from_env,
        endpoint,
        region,
        names_aws,
        keys,
    })
}

fn endpoint(
    given: &Given<'_>,
    env: &dyn Fn(&str) -> Option<String>,
    files: &AwsFiles,
    profile: &str,
) -> Result<Option<(Url, String)>, String> {
    let parsed = |text: String, from: String| -> Result<Option<(Url, String)>, String> {
        parse_url(&text)
            .map(|u| Some((u, from.clone())))
            .map_err(|e| format!("{e} (from {from})"))
    };
    if let Some(url) = given.endpoint_url {
        return parsed(url.to_string(), "--endpoint-url".into());
    }
    if truthy(env("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"))
        || truthy(
            files
                .value(profile, "ignore_configured_endpoint_urls")
                .map(str::to_string),
        )
    {
        return Ok(None);
    }
    for var in ["AWS_ENDPOINT_URL_CONNECT", "AWS_ENDPOINT_URL"] {
        if let Some(url) = env(var) {
            return parsed(url, var.into());
        }
    }
    if let Some(name) = files.value(profile, "services") {
        let section = files.services.get(name).ok_or_else(|| {
            format!(
                "profile {profile} uses the services section \"{name}\", which {} does not have",
                files.config_path.display()
            )
        })?;
        if let Some(url) = section
            .nested
            .get("connect")
            .and_then(|c| c.get("endpoint_url"))
        {
            return parsed(
                url.clone(),
                format!("[services {name}] connect.endpoint_url of profile {profile}"),
            );
        }
    }
    match files.value(profile, "endpoint_url") {
        Some(url) => parsed(
            url.to_string(),
            format!("endpoint_url of profile {profile}"),
        ),
        None => Ok(None),
    }
}

fn local_keys(
    env: &dyn Fn(&str) -> Option<String>,
    files: &AwsFiles,
    profile: &str,
    explicit: bool,
) -> Keys {
    if explicit {
        return files.static_keys(profile).unwrap_or(Keys::Dummy);
    }
    if let (Some(id), Some(secret)) = (env("AWS_ACCESS_KEY_ID"), env("AWS_SECRET_ACCESS_KEY")) {
        return Keys::Static {
            id,
            secret,
            token: env("AWS_SESSION_TOKEN"),
            from: "the environment (AWS_ACCESS_KEY_ID)".into(),
        };
    }
    files.static_keys(profile).unwrap_or(Keys::Dummy)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_parsed_not_matched() {
        assert!(parse_url("http://127.0.0.1:8787").unwrap().loopback);
        assert!(parse_url("http://[::1]:80/x").unwrap().loopback);
        assert!(parse_url("http://LOCALHOST:1").unwrap().loopback);
        assert!(
            !parse_url("https://connect.us-east-1.amazonaws.com")
                .unwrap()
                .loopback
        );
        assert!(
            !parse_url("http://localhost.example.com:1")
                .unwrap()
                .loopback
        );
        let e = parse_url("127.0.0.1:8787").unwrap_err();
        assert!(
            e.contains("no scheme") && e.contains("http://127.0.0.1:8787"),
            "{e}"
        );
        let e = parse_url("http://localhost:1@example.com").unwrap_err();
        assert!(e.contains("user name or password"), "{e}");
        assert!(parse_url("ftp://x").is_err());
    }

    #[test]
    fn services_sections_nest() {
        let files = AwsFiles::parse(
            "[profile dev]\nservices = local\nregion = eu-west-2\n\n[services local]\nconnect =\n  endpoint_url = http://127.0.0.1:9\ns3 =\n  endpoint_url = http://x\n",
            "",
        );
        assert_eq!(
            files.services["local"].nested["connect"]["endpoint_url"],
            "http://127.0.0.1:9"
        );
        assert_eq!(files.config["dev"].values["region"], "eu-west-2");
    }
}
