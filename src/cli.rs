//! Command-line definitions.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

const AFTER_HELP: &str = "\
Examples:
  connect-views validate views/*.view.json --level published
  connect-views schema views/orders.view.json
  connect-views fmt --check views/*.view.json
  connect-views export views/orders.view.json > create-view.json";

#[derive(Debug, Parser)]
#[command(
    name = "connect-views",
    version,
    about = "Author, check and publish Amazon Connect views",
    long_about = "Author, check and publish Amazon Connect views.\n\n\
        A view file (*.view.json) holds Name, Description, Tags, Actions and the Template as a \
        JSON object. Commands also read AWS CLI create-view input and bare templates.",
    after_help = AFTER_HELP
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LevelArg {
    /// Basic validation, as the service does for Status SAVED.
    Saved,
    /// Full validation, as the service does for Status PUBLISHED.
    Published,
}

impl From<LevelArg> for crate::view::Level {
    fn from(l: LevelArg) -> Self {
        match l {
            LevelArg::Saved => crate::view::Level::Saved,
            LevelArg::Published => crate::view::Level::Published,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Text,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check view files for every mistake the service would reject
    #[command(after_help = "\
Exit status: 0 when no file has errors (warnings allowed), 1 when any has errors, 2 on usage or
I/O errors.

Examples:
  connect-views validate orders.view.json
  connect-views validate views/*.view.json --level saved
  connect-views validate orders.view.json --format json | jq '.[].code'")]
    Validate(ValidateArgs),
    /// Print the input schema the service derives from a view's $. references
    #[command(after_help = "\
Example:
  connect-views schema orders.view.json > orders.schema.json")]
    Schema(FileArg),
    /// Rewrite view files in canonical pretty form
    #[command(after_help = "\
Canonical form: 2-space indentation, the Template as a JSON object with its key order kept, members
in the order Name, Description, Tags, Actions, Template. Files with syntax errors are left alone.

Examples:
  connect-views fmt orders.view.json
  connect-views fmt --check views/*.view.json   # exit 1 when a file would change")]
    Fmt(FmtArgs),
    /// Print a view as input for `aws connect create-view --cli-input-json`
    #[command(after_help = "\
The template is written as the compact string that is sent; sample data is left out.

Example:
  connect-views export orders.view.json --instance-id $INSTANCE > in.json
  aws connect create-view --cli-input-json file://in.json")]
    Export(ExportArgs),
    /// List the component catalogue: every component Type and its props
    #[command(after_help = "\
Examples:
  connect-views components
  connect-views components Button")]
    Components(ComponentsArgs),
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// View files, AWS CLI create-view input files or bare templates
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Which of the service's validations to mirror
    #[arg(long, value_enum, default_value = "published")]
    pub level: LevelArg,
    /// Output format
    #[arg(long, value_enum, default_value = "text")]
    pub format: FormatArg,
}

#[derive(Debug, Args)]
pub struct FileArg {
    /// A view file, AWS CLI create-view input file or bare template
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
}

#[derive(Debug, Args)]
pub struct FmtArgs {
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Change nothing; exit 1 when a file is not in canonical form
    #[arg(long)]
    pub check: bool,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Add InstanceId to the output
    #[arg(long, value_name = "ID")]
    pub instance_id: Option<String>,
    /// The Status to create the view with
    #[arg(long, value_enum, default_value = "published")]
    pub status: LevelArg,
}

#[derive(Debug, Args)]
pub struct ComponentsArgs {
    /// Show one component's props
    pub component: Option<String>,
}
