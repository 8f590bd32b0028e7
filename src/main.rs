use std::process::ExitCode;

use clap::Parser;
use connect_views::cli::{Cli, Command};
use connect_views::commands;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Some(Command::Validate(args)) => commands::validate::run(&args),
        Some(Command::Schema(args)) => commands::schema::run(&args),
        Some(Command::Fmt(args)) => commands::fmt::run(&args),
        Some(Command::Export(args)) => commands::export::run(&args),
        Some(Command::Components(args)) => commands::components::run(&args),
        None => {
            use clap::CommandFactory;
            let _ = Cli::command().print_help();
            2
        }
    };
    ExitCode::from(code)
}
