//! `connect-views serve`: the local endpoint on its own.

use crate::cli::ServeArgs;
use crate::local::auth::Credentials;
use crate::local::faults::Faults;
use crate::local::{LOCAL_INSTANCE_ID, LocalServer, check_listen, default_db_path};

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
    let server = match LocalServer::start_full(args.listen, &db, faults, credentials).await {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e:#}");
            return FAILED;
        }
    };
    let url = server.url();
    println!("connect-views local endpoint listening on {url}");
    println!("database: {}", db.display());
    if signed {
        println!("every request must be SigV4-signed with the configured access key");
    }
    if let Some(f) = &args.faults {
        println!("injecting faults: {f}");
    }
    println!("any instance id works; the designer's default is {LOCAL_INSTANCE_ID}");
    println!();
    println!("try it with the AWS CLI (any credentials will do on loopback):");
    println!(
        "  AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local aws connect list-views \\\n    --endpoint-url {url} --region us-east-1 --instance-id {LOCAL_INSTANCE_ID}"
    );
    println!("or with connect-views:");
    println!("  connect-views list --endpoint-url {url}");
    let _ = tokio::signal::ctrl_c().await;
    eprintln!("stopping");
    server.stop().await;
    OK
}
