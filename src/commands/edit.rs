//! `connect-views edit [FILE] [--pull VIEW]`: the designer.

use std::io::IsTerminal;

use crate::cli::{EditArgs, TargetArgs};

use super::{FAILED, USAGE};

pub async fn run(args: &EditArgs, target: &TargetArgs) -> u8 {
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        eprintln!(
            "error: the designer needs a terminal; in scripts use validate, push, pull and the other commands \
             (connect-views --help)"
        );
        return USAGE;
    }
    if let (Some(_), Some(path)) = (&args.starter, &args.file)
        && path.exists()
    {
        eprintln!(
            "error: {} exists; --starter begins a new view (give a file that does not exist yet, \
             or none)",
            path.display()
        );
        return USAGE;
    }
    let open = crate::tui::Open {
        file: args.file.clone(),
        pull: args.pull.clone(),
        starter: args.starter.clone(),
    };
    match crate::tui::run(open, target.options()).await {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            FAILED
        }
    }
}
