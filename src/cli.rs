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
    version = crate::VERSION,
    about = "Author, check and publish Amazon Connect views",
    long_about = "Author, check and publish Amazon Connect views.\n\n\
        A view file (*.view.json) holds Name, Description, Tags, Actions and the Template as a \
        JSON object. Commands also read AWS CLI create-view input and bare templates.",
    after_help = AFTER_HELP,
    args_conflicts_with_subcommands = true,
    max_term_width = 100
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    // With no command: where the designer sends its requests. A command takes these after
    // its name (`connect-views list --profile prod --instance-id ID`), and only a command that
    // reaches the instance takes them.
    #[command(
        flatten,
        next_help_heading = "Where requests go (the designer, when no command is given)"
    )]
    pub target: TargetArgs,
}

/// Where a command that talks to Connect sends its requests. With none of these, the embedded
/// local endpoint is used: no account and no set-up needed. Only the commands that reach the
/// instance take them, so an offline command's help lists none.
#[derive(Debug, Clone, Args, Default)]
pub struct TargetArgs {
    /// Use a named profile from your AWS config (as the AWS CLI does); means AWS unless
    /// --endpoint-url is given
    #[arg(long, value_name = "NAME")]
    pub profile: Option<String>,
    /// The AWS region (else AWS_REGION or the profile's region); means AWS unless
    /// --endpoint-url is given
    #[arg(long, value_name = "REGION")]
    pub region: Option<String>,
    /// Send requests to this URL, e.g. a running `connect-views serve`
    #[arg(long, value_name = "URL")]
    pub endpoint_url: Option<String>,
    /// The Connect instance: an id or an instance ARN (required for AWS)
    #[arg(
        long,
        value_name = "ID",
        env = "CONNECT_INSTANCE_ID",
        hide_env_values = true
    )]
    pub instance_id: Option<String>,
    /// An environment of connect-views.toml ([env.NAME]: profile, region, endpoint_url,
    /// instance_id, protected); the flags above override its values
    #[arg(long, value_name = "NAME", env = "CONNECT_VIEWS_ENV")]
    pub env: Option<String>,
    /// Confirm writes to a protected environment
    #[arg(long)]
    pub yes: bool,
}

impl TargetArgs {
    pub fn options(&self) -> crate::connect::ConnectOptions {
        let given = crate::connect::ConnectOptions {
            profile: self.profile.clone(),
            region: self.region.clone(),
            endpoint_url: self.endpoint_url.clone(),
            instance_id: self.instance_id.clone(),
            ..Default::default()
        };
        let Some(name) = &self.env else {
            return given;
        };
        match crate::connect::env::load(name) {
            Ok(env) => env.options(name, &given),
            Err(e) => crate::connect::ConnectOptions {
                env: Some(name.clone()),
                env_error: Some(e),
                ..given
            },
        }
    }

    /// Refuses a write to a protected environment unless `--yes` was given.
    pub fn confirm_write(&self, what: &str) -> Result<(), String> {
        let o = self.options();
        match (&o.env, o.protected, self.yes) {
            (Some(env), true, false) => Err(format!(
                "the environment {env} is protected: {what} was not done; add --yes to do it"
            )),
            _ => Ok(()),
        }
    }

    /// The options given on the command line (an instance id that only comes from
    /// CONNECT_INSTANCE_ID is not counted: the environment is not a request).
    pub fn given(&self) -> Vec<&'static str> {
        let from_env = std::env::var("CONNECT_INSTANCE_ID").ok();
        let mut out = Vec::new();
        if self.profile.is_some() {
            out.push("--profile");
        }
        if self.region.is_some() {
            out.push("--region");
        }
        if self.endpoint_url.is_some() {
            out.push("--endpoint-url");
        }
        if self.instance_id.is_some() && self.instance_id != from_env {
            out.push("--instance-id");
        }
        out
    }
}

/// A service command's target and output format.
#[derive(Debug, Clone, Args, Default)]
pub struct ServiceArgs {
    /// Output format
    #[arg(long, value_enum, default_value = "text")]
    pub output: FormatArg,
    #[command(flatten, next_help_heading = "Where requests go")]
    pub target: TargetArgs,
}

impl ServiceArgs {
    pub fn options(&self) -> crate::connect::ConnectOptions {
        self.target.options()
    }
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum FormatArg {
    #[default]
    Text,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the designer (what runs when no command is given)
    #[command(after_help = "\
FILE is a view file, AWS CLI create-view input or a bare template; a FILE that does not exist yet
starts a new view saved there. With no FILE, a new view from a starter template.

Keys: F1 lists every binding. Tab/Shift-Tab move between panes, Ctrl-S saves, Ctrl-P submits, F8
goes to the next diagnostic, Ctrl-Q quits.

Examples:
  connect-views edit orders.view.json
  connect-views edit --pull 'Order actions:$SAVED'
  connect-views edit orders.view.json --instance-id $INSTANCE --profile prod")]
    Edit(EditArgs),
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
    /// Run the language server (LSP over stdio) for view files and bare templates
    #[command(after_help = "\
Diagnostics (the validator's, at --level unless the client's initializationOptions.level says
saved or published), completion, hover, quick fixes, document symbols, formatting, rename of an
action or a field's Name, and go to definition from a condition's ElementByKey to its field.
The README shows the set-up for Neovim, Helix and VS Code.

Example (any editor's LSP client):
  command: connect-views lsp
  filetypes: json (files ending in .view.json)")]
    Lsp(LspArgs),
    /// Print a JSON Schema (2020-12) of the view-file format, generated from the catalogue
    #[command(after_help = "\
The schema refuses exactly what the validator is sure the service refuses, and nothing it only
warns about. Point an editor's JSON support at it, or put \"$schema\" in a view file.

Example:
  connect-views json-schema > connect-view.schema.json")]
    JsonSchema(JsonSchemaArgs),
    /// Print a shell completion script
    #[command(after_help = "\
Examples:
  source <(connect-views completions bash)        # in ~/.bashrc
  connect-views completions zsh > ~/.zfunc/_connect-views
  connect-views completions fish > ~/.config/fish/completions/connect-views.fish")]
    Completions(CompletionsArgs),
    /// Print the man page of every command (roff)
    #[command(after_help = "\
Example:
  connect-views man > connect-views.1 && man -l connect-views.1")]
    Man,
    /// Rewrite view files in canonical pretty form
    #[command(after_help = "\
Canonical form: 2-space indentation, the Template as a JSON object with its key order kept, members
in the order Name, Description, Tags, Actions, Template. Files with syntax errors are left alone.

Examples:
  connect-views fmt orders.view.json
  connect-views fmt --check views/*.view.json   # exit 1 if one would change")]
    Fmt(FmtArgs),
    /// Print a view as input for `aws connect create-view --cli-input-json`
    #[command(after_help = "\
The template is written as the compact string that is sent; sample data is left out.

Example:
  connect-views export orders.view.json --instance-id $INSTANCE > in.json
  aws connect create-view --cli-input-json file://in.json")]
    Export(ExportArgs),
    /// Create or update a view from a file (validated locally first)
    #[command(after_help = "\
Creates the view when the instance has none of that name, otherwise updates its content. Without
--publish the content is SAVED (moves $SAVED); with it, PUBLISHED (moves $SAVED and $LATEST).

Examples:
  connect-views push orders.view.json
  connect-views push orders.view.json --publish --output json \\
      --profile prod --instance-id $INSTANCE")]
    Push(PushArgs),
    /// Create a numbered version from the view's $LATEST content
    #[command(after_help = "\
Uses the ViewContentSha256 of $LATEST as a precondition, so a version is never made of content you
have not seen.

Example:
  connect-views version \"Order actions\" --description \"Reviewed by ops\"")]
    Version(VersionArgs),
    /// Write a view from the instance to a view file
    #[command(after_help = "\
VIEW is a view id, ARN or name, optionally with :$SAVED, :$LATEST or :N.

Examples:
  connect-views pull \"Order actions\" -o orders.view.json
  connect-views pull '0f8fad5b-d9cb-469f-a165-70867728950e:$SAVED'
  connect-views pull --all --dir views/ --env prod   # a backup, or views in git")]
    Pull(PullArgs),
    /// List the views of the instance
    #[command(after_help = "\
Examples:
  connect-views list
  connect-views list --type aws --output json
  connect-views list --search order   # name or description contains \"order\"")]
    List(ListArgs),
    /// List a view's numbered versions, highest first
    #[command(after_help = "\
Example:
  connect-views versions \"Order actions\"")]
    Versions(ViewArg),
    /// Show a view: metadata, actions, tags, checksum and template
    #[command(after_help = "\
Examples:
  connect-views describe \"Order actions\"
  connect-views describe 'Order actions:$SAVED' --output json")]
    Describe(ViewArg),
    /// Delete a view, or one numbered version of it
    #[command(after_help = "\
Examples:
  connect-views delete \"Order actions\" --version 2
  connect-views delete \"Order actions\"")]
    Delete(DeleteArgs),
    /// Rename a view or change its description
    #[command(after_help = "\
Example:
  connect-views rename \"Order actions\" --name \"Order choices\"")]
    Rename(RenameArgs),
    /// Run the local Connect endpoint
    #[command(after_help = "\
Point the AWS CLI, boto3 or any SDK at it with --endpoint-url and any credentials. On loopback
signatures are not checked unless credentials are given; another address needs --allow-remote and
credentials, and then every request must be SigV4-signed with them.

Examples:
  connect-views serve --listen 127.0.0.1:8787 --db ./views.sqlite3
  CONNECT_VIEWS_SECRET_ACCESS_KEY=... connect-views serve --allow-remote \\
      --listen 0.0.0.0:8787 --access-key-id team")]
    Serve(ServeArgs),
    /// Check sample ViewData against a view's input schema before a flow passes it
    #[command(after_help = "\
The data comes from --data, from a Show view block of an exported flow (--flow, --block), or else
from the view file's SampleData sets. A view file's schema is derived offline (results labelled
approximate); --remote uses the instance's view and the service's own InputSchema. With --flow and
no view, the block's ViewResource.Id names the view in the instance.

Flow references in the data ($.Attributes.x, $.External.x, $.Customer.x...) are resolved by Connect
at run time: --context fills them, else they are noted and not checked.

Exit status: 0 when the data fits (warnings allowed), 1 when it does not, 2 on usage or I/O errors.

Examples:
  connect-views check-data orders.view.json --data order.json
  connect-views check-data orders.view.json   # every SampleData set
  connect-views check-data --remote 'Order cards:$LATEST' --data order.json \\
      --format json
  connect-views check-data orders.view.json --flow inbound.json \\
      --block \"Show orders\" --context ctx.json")]
    CheckData(CheckDataArgs),
    /// Who shows a view (flows, modules, workspace pages) and whether each still holds
    #[command(after_help = "\
For each Show view block that shows the view: the actions it handles and does not (an action the
view raises with no branch breaks the flow), dead branches (an action the view no longer raises),
its ViewData against the view's input schema (keys and literal values; flow references such as
$.External.x are resolved at run time), and every $.Views.ViewResultData.NAME the flow reads
against the names the view submits.

On an instance, VIEW is an id, ARN or name: every contact flow and flow module (each module's
current content, and each numbered version one of its aliases points at) that shows the view is
judged against the version its block names (:$LATEST, :$SAVED, :N, or unqualified). --file judges
a change first. A kind of consumer the caller may not read is reported as unknown, with the
permission it needs.

Offline, with --flow: VIEW is a view file and each FLOW.json an exported flow (or
describe-contact-flow output); nothing is contacted. A block is the view's when it names the ARN
the view file records (PulledFrom.Arn, which pull --all writes), or, without one, when its flow shows a
single view.

Exit status: 0 when every consumer holds, 1 when any breaks, 2 on usage or I/O errors.

Examples:
  connect-views used-by \"Callback request\" --env prod
  connect-views used-by \"Callback request\" --file callback.view.json
  connect-views used-by callback.view.json --flow flows/callback.json
  connect-views used-by callback.view.json --flow flows/*.json --output json")]
    UsedBy(UsedByArgs),
    /// Print a ViewData skeleton and a ready-to-paste ShowView flow action for a view
    #[command(after_help = "\
The skeleton has every input of the view with a placeholder of its type; the ShowView action
references the view's ARN qualified :$LATEST, passes the skeleton as ViewData, and has the three
error branches (NoMatchingCondition, NoMatchingError, TimeLimitExceeded) and one condition per
action. For a view file the ARN is looked up by name in the instance; --view-arn sets it.

Examples:
  connect-views skeleton orders.view.json
  connect-views skeleton orders.view.json --part data > sample.json
  connect-views skeleton --remote \"Order cards\" --part action")]
    Skeleton(SkeletonArgs),
    /// Draw a view as the agent workspace shows it, or press one of its elements
    #[command(after_help = "\
The view is drawn with a SampleData set of the file (--set NAME, else the first) or --data; a $.
reference nothing fills shows as ‹$.Name›, and UI conditions are evaluated with the field values.
--press ID presses the component with that _id (ID/N: the Nth item of a ButtonGroup or row of a
Table, from 0) and prints the action, the Show view branch, $.Views.ViewResultData and the paths
a flow reads, as JSON; a submit whose fields fail Required or ValidationPattern prints the field
errors and exits 1. --input NAME=VALUE sets a field first.

Examples:
  connect-views preview orders.view.json --width 100
  connect-views preview orders.view.json --press refund_card
  connect-views preview callback.view.json --press send \\
      --input phone=+15550100 --input reason=billing")]
    Preview(PreviewArgs),
    /// Compare two views component by component
    #[command(after_help = "\
A side is a view file, VIEW[:QUALIFIER] on the instance (a name, id or ARN; :$SAVED, :$LATEST or
:N), or ENV:VIEW[:QUALIFIER] in an environment of connect-views.toml, each read as it is. Components are matched by _id across the whole tree: added, removed,
props changed (old -> new), Content changed, moved among siblings or to another parent; Actions
and $. inputs added and removed. Changes that break the flows using the view are marked: an action
removed, an input added or removed, a field's Name changed. A reformat or a key reorder is no
change.

Exit status: 0 when the views are the same, 1 when they differ, 2 on usage, I/O or service
errors.

Examples:
  connect-views diff orders.view.json \"Order actions\"
  connect-views diff 'Order actions:1' 'Order actions:$LATEST' --format json
  connect-views diff old.view.json new.view.json --format unified")]
    Diff(DiffArgs),
    /// Compare the view files of a directory with what is live, component by component
    #[command(after_help = "\
For each view file of DIR (or only the VIEW names given), the view of its name on the instance (or
--env): what people see of it ($LATEST once published, else $SAVED) against the file, component by
component. A view missing from the instance is drift. Without --dir, the views `promote` made there
(their cv: tags): what is live against what was promoted (changed outside the tool), and against
the source as it is now when its environment is defined (the source ahead). $SAVED content that
differs from $LATEST (a draft saved but not published) is reported as its own kind. An access
denied is an error, never \"missing\".

Exit status: 0 when everything is in sync (drafts allowed), 1 on drift, 2 on usage, I/O or
service errors.

Examples:
  connect-views pull --all --dir views/ --env prod   # then keep views/ in git
  connect-views drift --dir views/ --env prod
  connect-views drift --env prod     # the views promote made in prod")]
    Drift(DriftArgs),
    /// Copy views from one environment to another: plan, confirm, apply, verify
    #[command(after_help = "\
Plans first, reading both instances and writing nothing: create the view, update its content,
create versions, set tags, or skip. ARNs and ids of the source instance inside a template (flow
ARNs, ContactFlowId, resource ids) are rewritten through [arn_map.FROM.TO] in connect-views.toml;
one left unmapped stops the plan, naming where it is, and nothing is written. --history replays
the numbered versions in order and records source version = target version in the view's tags
(cv:versions), with cv:from, cv:source and cv:sha. A re-run plans only skips. AWS-managed views
are skipped. Writes ask for a confirmation (a protected target's name), or --yes.

Exit status: 0 when promoted (or nothing to do), 1 on a service error or when the check after
the writes fails, 2 on usage errors, unmapped references or a write not confirmed.

Examples:
  connect-views promote \"Order actions\" --from test --to prod --dry-run
  connect-views promote \"Order actions\":3 --from test --to prod --history --yes
  connect-views promote --all --from test --to prod --output json")]
    Promote(PromoteArgs),
    /// List the component catalogue: every component Type and its props
    #[command(after_help = "\
Examples:
  connect-views components
  connect-views components Button
  connect-views components --output json | jq '.components[].type'")]
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
pub struct LspArgs {
    /// Which of the service's validations the diagnostics mirror
    #[arg(long, value_enum, default_value = "published")]
    pub level: LevelArg,
    /// Accepted for clients that pass it (the server always speaks over stdio)
    #[arg(long, hide = true)]
    pub stdio: bool,
}

#[derive(Debug, Args)]
pub struct JsonSchemaArgs {
    /// Which of the service's validations the schema mirrors
    #[arg(long, value_enum, default_value = "published")]
    pub level: LevelArg,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct FileArg {
    /// A view file, AWS CLI create-view input file or bare template
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
}

#[derive(Debug, Args)]
pub struct FmtArgs {
    /// View files to rewrite (or, with --check, to check)
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Change nothing; exit 1 when a file is not in canonical form
    #[arg(long)]
    pub check: bool,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// A view file, AWS CLI create-view input file or bare template
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
    /// A component Type (e.g. Button): show its props, where each is known from, and what
    /// it raises
    #[arg(value_name = "TYPE")]
    pub component: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value = "text", alias = "format")]
    pub output: FormatArg,
}

#[derive(Debug, Args)]
pub struct PushArgs {
    /// The view file to send (its Name says which view it creates or updates)
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Publish (full validation; moves $SAVED and $LATEST) instead of saving
    #[arg(long)]
    pub publish: bool,
    /// Send it even when the local checks find errors: the service decides (its refusal is
    /// shown in full, with the places it names)
    #[arg(long)]
    pub no_verify: bool,
    /// Push only if the view's $LATEST still has this ViewContentSha256 (as `describe` or a
    /// previous push printed it); otherwise refuse, exit 1, and overwrite nothing
    #[arg(long, value_name = "SHA")]
    pub expect_sha256: Option<String>,
    #[command(flatten)]
    pub service: ServiceArgs,
}

#[derive(Debug, Args)]
pub struct VersionArgs {
    /// A view id, ARN or name
    #[arg(value_name = "VIEW")]
    pub view: String,
    /// The version's description
    #[arg(long, value_name = "TEXT")]
    pub description: Option<String>,
    #[command(flatten)]
    pub service: ServiceArgs,
}

#[derive(Debug, Args)]
pub struct PullArgs {
    /// A view id, ARN or name, optionally with :$SAVED, :$LATEST or :N
    #[arg(value_name = "VIEW[:QUALIFIER]", required_unless_present = "all")]
    pub view: Option<String>,
    /// Write to this file instead of standard output
    #[arg(short = 'o', long = "out", value_name = "FILE", conflicts_with = "all")]
    pub out: Option<PathBuf>,
    /// Every customer view of the instance, each as a view file in --dir (what people see of
    /// it: $LATEST once published, else $SAVED)
    #[arg(long, conflicts_with = "view")]
    pub all: bool,
    /// Where --all writes the view files (created when missing)
    #[arg(long, value_name = "DIR", default_value = ".", requires = "all")]
    pub dir: PathBuf,
    /// With --all: overwrite view files pulled from another environment or instance
    #[arg(long, requires = "all")]
    pub force: bool,
    #[command(flatten)]
    pub service: ServiceArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TypeArg {
    Customer,
    Aws,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only customer-managed or only AWS-managed views
    #[arg(long = "type", value_enum)]
    pub view_type: Option<TypeArg>,
    /// Only the views whose name or description contains TEXT (SearchViews; case ignored)
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,
    /// Only the names, a line each, quietly and within 3 s: what shell completion asks for
    /// (exit 1 and nothing printed when the instance cannot be read)
    #[arg(long, conflicts_with = "search")]
    pub names: bool,
    #[command(flatten)]
    pub service: ServiceArgs,
}

#[derive(Debug, Args)]
pub struct ViewArg {
    /// A view id, ARN or name (describe also takes :$SAVED, :$LATEST or :N)
    #[arg(value_name = "VIEW")]
    pub view: String,
    #[command(flatten)]
    pub service: ServiceArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum DiffFormat {
    /// A line per change, grouped by component, and a summary
    #[default]
    Text,
    /// {changes, summary, ambiguous_ids}
    Json,
    /// A unified line diff of the pretty templates and the actions
    Unified,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The old side: a view file, VIEW[:QUALIFIER] on the instance, or ENV:VIEW[:QUALIFIER]
    #[arg(value_name = "A")]
    pub a: String,
    /// The new side
    #[arg(value_name = "B")]
    pub b: String,
    #[arg(long, value_enum, default_value = "text")]
    pub format: DiffFormat,
    #[command(flatten, next_help_heading = "Where requests go")]
    pub target: TargetArgs,
}

#[derive(Debug, Args)]
pub struct PromoteArgs {
    /// Views of the source: a name, id or ARN, with :$SAVED, :$LATEST (the default) or :N
    #[arg(value_name = "VIEW[:QUALIFIER]", required_unless_present = "all")]
    pub views: Vec<String>,
    /// Every customer view of the source
    #[arg(long, conflicts_with = "views")]
    pub all: bool,
    /// The source environment ([env.NAME] in connect-views.toml)
    #[arg(long, value_name = "ENV")]
    pub from: String,
    /// The target environment
    #[arg(long, value_name = "ENV")]
    pub to: String,
    /// Replay the source's numbered versions in order
    #[arg(long)]
    pub history: bool,
    /// Print the plan and write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Write without asking (a protected target included)
    #[arg(long)]
    pub yes: bool,
    /// Output format
    #[arg(long, value_enum, default_value = "text")]
    pub output: FormatArg,
}

#[derive(Debug, Args)]
pub struct DriftArgs {
    /// Only the view files of these view names
    #[arg(value_name = "VIEW")]
    pub views: Vec<String>,
    /// The directory of view files (*.view.json); without it, the views promoted to the
    /// environment (their cv: tags)
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
    #[command(flatten)]
    pub service: ServiceArgs,
}

#[derive(Debug, Args)]
pub struct DeleteArgs {
    /// A view id, ARN or name
    #[arg(value_name = "VIEW")]
    pub view: String,
    /// Delete only this numbered version
    #[arg(long, value_name = "N")]
    pub version: Option<i32>,
    #[command(flatten)]
    pub service: ServiceArgs,
}

#[derive(Debug, Args)]
pub struct RenameArgs {
    /// A view id, ARN or name
    #[arg(value_name = "VIEW")]
    pub view: String,
    /// The new name
    #[arg(long, value_name = "NAME", required_unless_present = "description")]
    pub name: Option<String>,
    /// The new description
    #[arg(long, value_name = "TEXT")]
    pub description: Option<String>,
    #[command(flatten)]
    pub service: ServiceArgs,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The address to listen on
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8787")]
    pub listen: std::net::SocketAddr,
    /// The SQLite database (else CONNECT_VIEWS_DB, else the user's data directory)
    #[arg(long, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Allow listening on an address other than loopback (requires credentials)
    #[arg(long)]
    pub allow_remote: bool,
    /// Require requests signed (SigV4) with this access key id
    #[arg(
        long,
        value_name = "ID",
        env = "CONNECT_VIEWS_ACCESS_KEY_ID",
        hide_env_values = true
    )]
    pub access_key_id: Option<String>,
    /// ...and this secret access key
    #[arg(
        long,
        value_name = "SECRET",
        env = "CONNECT_VIEWS_SECRET_ACCESS_KEY",
        hide_env_values = true
    )]
    pub secret_access_key: Option<String>,
    /// Inject faults, e.g. "throttle=0.3,error=0.1,latency=200ms,hang=2x,drop=0.2,seed=7"
    /// (rates from 0 to 1, or Nx for the next N requests)
    #[arg(long, value_name = "SPEC")]
    pub faults: Option<String>,
    /// Hold this instance too (an id or an instance ARN; repeatable). The default instance
    /// is always held; every other is ResourceNotFoundException
    #[arg(long = "instance", value_name = "ID")]
    pub instances: Vec<String>,
    /// The region the endpoint's ARNs name
    #[arg(long, value_name = "REGION", default_value = crate::local::DEFAULT_REGION)]
    pub region: String,
    /// The account the endpoint's ARNs name (12 digits)
    #[arg(long, value_name = "ACCOUNT", default_value = crate::local::model::LOCAL_ACCOUNT)]
    pub account: String,
}

#[derive(Debug, Args, Default)]
pub struct EditArgs {
    /// The file to open (or to create)
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Open a view from the instance: an id, ARN or name, optionally with :$SAVED, :$LATEST or :N
    #[arg(long, value_name = "VIEW[:QUALIFIER]")]
    pub pull: Option<String>,
    /// Begin a new view from a starter (saved to FILE when given, which must not exist yet):
    /// guide, detail, cards, confirmation, table, sections
    #[arg(long, value_name = "NAME", conflicts_with = "pull", value_parser = starter_name)]
    pub starter: Option<String>,
    #[command(flatten, next_help_heading = "Where requests go")]
    pub target: TargetArgs,
}

/// A starter's name, or what the starters are.
fn starter_name(s: &str) -> Result<String, String> {
    match crate::view::starters::starter(s) {
        Some(_) => Ok(s.to_string()),
        None => Err(format!(
            "no starter is named \"{s}\"; the starters: {}",
            crate::view::starters::STARTERS
                .iter()
                .map(|(n, help, _)| format!("{n} ({help})"))
                .collect::<Vec<_>>()
                .join("; ")
        )),
    }
}

#[derive(Debug, Args)]
pub struct UsedByArgs {
    /// The view: an id, ARN or name on the instance, or a view file with --flow
    #[arg(value_name = "VIEW")]
    pub view: String,
    /// An exported flow to judge (repeatable); nothing is contacted
    #[arg(long = "flow", value_name = "FLOW.json")]
    pub flows: Vec<PathBuf>,
    /// Judge a change before it is published: the consumers that follow $LATEST or $SAVED (or
    /// name the view unqualified) against this view file; those pinned to a version are
    /// listed as unaffected
    #[arg(long, value_name = "FILE")]
    pub file: Option<PathBuf>,
    #[command(flatten)]
    pub service: ServiceArgs,
}

#[derive(Debug, Args, Default)]
pub struct CheckDataArgs {
    /// A view file (its input schema is derived offline: approximate)
    #[arg(value_name = "VIEW", conflicts_with = "remote")]
    pub view: Option<PathBuf>,
    /// A view in the instance (id, ARN or name, optionally :$SAVED, :$LATEST or :N); its
    /// InputSchema is the service's own
    #[arg(long, value_name = "VIEW[:QUALIFIER]")]
    pub remote: Option<String>,
    /// The ViewData to check: a JSON file
    #[arg(long, value_name = "DATA.json", conflicts_with_all = ["flow", "set"])]
    pub data: Option<PathBuf>,
    /// Take the ViewData from a Show view block of an exported flow
    #[arg(long, value_name = "FLOW.json", conflicts_with = "set")]
    pub flow: Option<PathBuf>,
    /// Take the data from a workspace page's InputData on the instance (the workspace's name
    /// or id, then the page); without a view file, the page's view is the instance's
    #[arg(long, value_name = "WORKSPACE/PAGE", conflicts_with_all = ["set", "flow", "data"])]
    pub page: Option<String>,
    /// The Show view block: its identifier (or friendly name), or the name of the view it shows
    #[arg(long, value_name = "NAME", requires = "flow")]
    pub block: Option<String>,
    /// Check only this SampleData set of the view file
    #[arg(long, value_name = "NAME")]
    pub set: Option<String>,
    /// Values for flow references: {"Attributes": {...}, "External": {...}, "Customer": {...}}
    #[arg(long, value_name = "CONTEXT.json")]
    pub context: Option<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value = "text")]
    pub format: FormatArg,
    #[command(
        flatten,
        next_help_heading = "Where requests go (with --remote, or --flow and no view file)"
    )]
    pub target: TargetArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ColorArg {
    /// Colour when standard output is a terminal and NO_COLOR is not set
    #[default]
    Auto,
    Always,
    Never,
}

#[derive(Debug, Args)]
pub struct PreviewArgs {
    /// A view file, AWS CLI create-view input file or bare template
    #[arg(value_name = "VIEW")]
    pub view: PathBuf,
    /// Draw it with this SampleData set of the view file
    #[arg(long, value_name = "NAME", conflicts_with = "data")]
    pub set: Option<String>,
    /// Draw it with this ViewData (a JSON file)
    #[arg(long, value_name = "DATA.json")]
    pub data: Option<PathBuf>,
    /// Draw it with the InputData of this workspace page on the instance (the workspace's
    /// name or id, then the page)
    #[arg(long, value_name = "WORKSPACE/PAGE", conflicts_with_all = ["set", "data"])]
    pub page: Option<String>,
    /// The width to draw at, in columns
    #[arg(long, value_name = "N")]
    pub width: Option<usize>,
    /// Whether to colour the rendering
    #[arg(long, value_enum, default_value = "auto")]
    pub color: ColorArg,
    /// Press the element with this _id (ID/N for the Nth item or row) and print the result
    #[arg(long, value_name = "ID")]
    pub press: Option<String>,
    /// Set a field (by its Name) before pressing; repeat for several
    #[arg(long = "input", value_name = "NAME=VALUE")]
    pub inputs: Vec<String>,
    #[command(flatten, next_help_heading = "Where requests go (with --page)")]
    pub target: TargetArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum PartArg {
    /// The ViewData skeleton only (JSON)
    Data,
    /// The ShowView flow action only (JSON)
    Action,
    /// Both, each under a heading
    #[default]
    Both,
}

#[derive(Debug, Args)]
pub struct SkeletonArgs {
    /// A view file
    #[arg(
        value_name = "VIEW",
        conflicts_with = "remote",
        required_unless_present = "remote"
    )]
    pub view: Option<PathBuf>,
    /// A view in the instance (id, ARN or name, optionally with a qualifier)
    #[arg(long, value_name = "VIEW[:QUALIFIER]")]
    pub remote: Option<String>,
    /// What to print
    #[arg(long, value_enum, default_value = "both")]
    pub part: PartArg,
    /// The view ARN for the ShowView action (else looked up by name in the instance)
    #[arg(long, value_name = "ARN")]
    pub view_arn: Option<String>,
    #[command(
        flatten,
        next_help_heading = "Where requests go (with --remote, or to look up a view file's ARN)"
    )]
    pub target: TargetArgs,
}
