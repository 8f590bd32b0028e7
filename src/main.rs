use std::process::ExitCode;

use clap::Parser;
use connect_views::cli::{Cli, Command};
use connect_views::commands::{self, service};

fn main() -> ExitCode {
    let cli = Cli::parse();
    connect_views::logging::init();
    let s = &cli.service;
    let code = match &cli.command {
        Some(Command::Validate(args)) => commands::validate::run(args),
        Some(Command::Schema(args)) => commands::schema::run(args),
        Some(Command::Fmt(args)) => commands::fmt::run(args),
        Some(Command::Export(args)) => commands::export::run(args),
        Some(Command::Components(args)) => commands::components::run(args),
        Some(cmd) => {
            let runtime = match tokio::runtime::Runtime::new() {
                Ok(r) => r,
                Err(e) => {
                    eprintln!("error: cannot start the async runtime: {e}");
                    return ExitCode::from(commands::USAGE);
                }
            };
            runtime.block_on(async {
                match cmd {
                    Command::Push(a) => service::push(a, s).await,
                    Command::Version(a) => service::version(a, s).await,
                    Command::Pull(a) => service::pull(a, s).await,
                    Command::List(a) => service::list(a, s).await,
                    Command::Versions(a) => service::versions(a, s).await,
                    Command::Describe(a) => service::describe(a, s).await,
                    Command::Delete(a) => service::delete(a, s).await,
                    Command::Rename(a) => service::rename(a, s).await,
                    Command::Serve(a) => commands::serve::run(a).await,
                    Command::Edit(a) => commands::edit::run(a, s).await,
                    Command::CheckData(a) => commands::data::check(a, s).await,
                    Command::Skeleton(a) => commands::data::skeleton(a, s).await,
                    _ => unreachable!("offline commands are handled above"),
                }
            })
        }
        None => match tokio::runtime::Runtime::new() {
            Ok(rt) => rt.block_on(commands::edit::run(&Default::default(), s)),
            Err(e) => {
                eprintln!("error: cannot start the async runtime: {e}");
                commands::USAGE
            }
        },
    };
    ExitCode::from(code)
}
