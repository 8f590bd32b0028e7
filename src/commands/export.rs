//! `connect-views export FILE`: the AWS CLI create-view input shape.

use crate::cli::{ExportArgs, LevelArg};

use super::{FAILED, OK, load_or_report};

pub fn run(args: &ExportArgs) -> u8 {
    let doc = match load_or_report(&args.file) {
        Ok(doc) => doc,
        Err(code) => return code,
    };
    let status = match args.status {
        LevelArg::Saved => "SAVED",
        LevelArg::Published => "PUBLISHED",
    };
    match doc.to_cli_input(args.instance_id.as_deref(), Some(status)) {
        Ok(value) => {
            outln!(
                "{}",
                serde_json::to_string_pretty(&value).expect("serializable")
            );
            OK
        }
        Err(e) => {
            eprintln!("error: {}: {e}", args.file.display());
            FAILED
        }
    }
}
