use std::process::ExitCode;

use clap::Parser;
use connect_views::cli::{Cli, Command};
use connect_views::commands::{self, service};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let misplaced = e.kind() == clap::error::ErrorKind::ArgumentConflict
                && e.to_string().contains("the subcommand");
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            if misplaced {
                eprintln!(
                    "tip: options naming the target go after the command, as in \
                     `connect-views list --profile prod --instance-id ID`"
                );
            }
            return ExitCode::from(code);
        }
    };
    // SIGPIPE stays ignored, as Rust sets it: a socket closed under a TLS handshake (an
    // https:// URL against plain HTTP) is an error to report, not a signal that ends the
    // process. Printing into a closed pipe (`connect-views list | head`) ends quietly:
    // `commands::finish_output` says nothing about a broken pipe.
    connect_views::logging::init();
    let code = match &cli.command {
        Some(Command::Validate(args)) => commands::validate::run(args),
        Some(Command::Schema(args)) => commands::schema::run(args),
        Some(Command::Lsp(args)) => commands::tools::run(args),
        Some(Command::JsonSchema(args)) => commands::tools::json_schema(args),
        Some(Command::Completions(args)) => commands::tools::completions(args),
        Some(Command::Man) => commands::tools::man(),
        Some(Command::Fmt(args)) => commands::fmt::run(args),
        Some(Command::Export(args)) => commands::export::run(args),
        Some(Command::Components(args)) => commands::components::run(args),
        Some(Command::Preview(args)) => commands::preview::run(args),
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
                    Command::Push(a) => service::push(a, &a.service).await,
                    Command::Version(a) => service::version(a, &a.service).await,
                    Command::Pull(a) => service::pull(a, &a.service).await,
                    Command::List(a) => service::list(a, &a.service).await,
                    Command::Versions(a) => service::versions(a, &a.service).await,
                    Command::Describe(a) => service::describe(a, &a.service).await,
                    Command::Delete(a) => service::delete(a, &a.service).await,
                    Command::Rename(a) => service::rename(a, &a.service).await,
                    Command::Serve(a) => commands::serve::run(a).await,
                    Command::Edit(a) => commands::edit::run(a, &a.target).await,
                    Command::CheckData(a) => commands::data::check(a, &a.target).await,
                    Command::Diff(a) => commands::diff::run(a).await,
                    Command::Drift(a) => commands::diff::drift(a).await,
                    Command::Promote(a) => commands::promote::run(a).await,
                    Command::Skeleton(a) => commands::data::skeleton(a, &a.target).await,
                    Command::UsedBy(a) => commands::used_by::run(a).await,
                    _ => unreachable!("offline commands are handled above"),
                }
            })
        }
        None => match tokio::runtime::Runtime::new() {
            Ok(rt) => rt.block_on(commands::edit::run(&Default::default(), &cli.target)),
            Err(e) => {
                eprintln!("error: cannot start the async runtime: {e}");
                commands::USAGE
            }
        },
    };
    ExitCode::from(commands::finish_output(code))
}
