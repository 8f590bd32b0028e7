//! `connect-views serve`: the local endpoint on its own.

use crate::cli::ServeArgs;
use crate::local::auth::Credentials;
use crate::local::faults::Faults;
use crate::local::model::Scope;
use crate::local::{LOCAL_INSTANCE_ID, LocalServer, ServerConfig, check_listen, default_db_path};

use super::{FAILED, OK, USAGE};

pub async fn run(args: &ServeArgs) -> u8 {
    let credentials = match (&args.access_key_id, &args.secret_access_key) {
        (Some(id), Some(secret)) if !id.is_empty() && !secret.is_empty() => Some(Credentials {
            access_key_id: id.clone(),
            secret_access_key: secret.clone(),
        }),
        (None, None) => None,
        _ => {
            eprintln!("error: give both --access-key-id and --secret-access-key, or neither");
            return USAGE;
        }
    };
    if let Err(e) = check_listen(&args.listen, args.allow_remote, credentials.is_some()) {
        eprintln!("error: {e}");
        return USAGE;
    }
    let signed = credentials.is_some();
    let db = args.db.clone().unwrap_or_else(default_db_path);
    let faults = match Faults::parse(args.faults.as_deref().unwrap_or("")) {
        Ok(f) => std::sync::Arc::new(f),
        Err(e) => {
            eprintln!("error: --faults: {e}");
            return USAGE;
        }
    };
    let (instances, scope) = match held(args) {
        Ok(held) => held,
        Err(e) => {
            eprintln!("error: {e}");
            return USAGE;
        }
    };
    let config = ServerConfig {
        faults,
        auth: credentials,
        instances: instances.clone(),
        region: scope.region.clone(),
        account: scope.account.clone(),
        ..Default::default()
    };
    let server = match LocalServer::start_config(args.listen, &db, config).await {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e:#}");
            return FAILED;
        }
    };
    let url = server.url();
    outln!("connect-views local endpoint listening on {url}");
    outln!("database: {}", db.display());
    if signed {
        outln!("every request must be SigV4-signed with the configured access key");
    }
    if let Some(f) = &args.faults {
        outln!("injecting faults: {f}");
    }
    outln!(
        "instances: {} (ARNs in {}, account {})",
        std::iter::once(LOCAL_INSTANCE_ID.to_string())
            .chain(instances)
            .collect::<Vec<_>>()
            .join(", "),
        scope.region,
        scope.account
    );
    outln!();
    if signed {
        outln!("try it with the AWS CLI, signing with the endpoint's key:");
    } else {
        outln!("try it with the AWS CLI (any credentials will do on loopback):");
    }
    outln!(
        "  AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local aws connect list-views \\\n    --endpoint-url {url} --region {} --instance-id {LOCAL_INSTANCE_ID}",
        scope.region
    );
    outln!("or with connect-views:");
    outln!("  connect-views list --endpoint-url {url}");
    let _ = tokio::signal::ctrl_c().await;
    eprintln!("stopping");
    server.stop().await;
    OK
}

/// The instances `--instance` names (ids, from ids or instance ARNs of the endpoint's
/// region and account) and the scope of its ARNs, checked.
fn held(args: &ServeArgs) -> Result<(Vec<String>, Scope), String> {
    let region_ok = !args.region.is_empty()
        && args
            .region
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !region_ok {
        return Err(format!(
            "--region {:?} is not a region name (like us-east-1)",
            args.region
        ));
    }
    if args.account.len() != 12 || !args.account.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!(
            "--account {:?} is not an account id (12 digits)",
            args.account
        ));
    }
    let scope = Scope {
        region: args.region.clone(),
        account: args.account.clone(),
    };
    let mut ids = Vec::new();
    for raw in &args.instances {
        let id = scope
            .instance(raw)
            .map_err(|e| format!("--instance {raw}: {}", e.message))?;
        if id != LOCAL_INSTANCE_ID && !ids.contains(&id) {
            ids.push(id);
        }
    }
    Ok((ids, scope))
}
