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
    match crate::tui::run(args.file.clone(), args.pull.clone(), target.options()).await {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            FAILED
        }
    }
}
