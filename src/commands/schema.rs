//! `connect-views schema FILE`

use crate::cli::FileArg;
use crate::view::{Template, input_schema};

use super::{FAILED, OK, load_or_report};

pub fn run(args: &FileArg) -> u8 {
    let doc = match load_or_report(&args.file) {
        Ok(doc) => doc,
        Err(code) => return code,
    };
    match Template::parse(&doc.template) {
        Ok(template) => {
            let schema = input_schema(&template);
            outln!(
                "{}",
                serde_json::to_string_pretty(&schema).expect("serializable")
            );
            OK
        }
        Err(e) => {
            eprintln!(
                "error: {}: {e}; run `connect-views validate {}` for the details",
                args.file.display(),
                args.file.display()
            );
            FAILED
        }
    }
}
