//! `connect-views used-by`: who shows a view and whether they hold. Offline, against exported
//! flows (`--flow`); on an instance, against its flows, modules and workspace pages.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::cli::{FormatArg, UsedByArgs};
use crate::view::ViewDocument;
use crate::view::consumers::{
    BlockVerdict, Consumer, Facts, FlowVerdict, Match, Report, State, judge_flow, names_view,
    state_of,
};

use super::{FAILED, OK, USAGE, load_or_report};

pub async fn run(args: &UsedByArgs) -> u8 {
    if args.flows.is_empty() {
        return remote(args).await;
    }
    if args.file.is_some() {
        eprintln!(
            "error: --file judges a change against the instance's consumers; with --flow, give \
             the changed view file as VIEW"
        );
        return USAGE;
    }
    match offline(&args.view, &args.flows) {
        Ok(report) => print(&report, args.service.output),
        Err(code) => code,
    }
}

/// `used-by VIEW` on an instance: every flow and module that shows it, judged against the
/// version each follows, or, with `--file`, the ones following `$LATEST` or `$SAVED` against
/// the file (a change before it is published).
async fn remote(args: &UsedByArgs) -> u8 {
    use crate::connect::ConnectClient;
    use crate::connect::consumers::consumers_of;
    let change = match &args.file {
        Some(path) => match load_or_report(path) {
            Ok(doc) => Some(doc),
            Err(code) => return code,
        },
        None => None,
    };
    let output = args.service.output;
    let work = async |c: &ConnectClient| {
        let spec = crate::connect::ViewSpec::parse(&args.view);
        let id = c
            .resolve(&crate::connect::ViewSpec {
                qualifier: None,
                ..spec
            })
            .await?;
        let view = c.describe_view(&id).await?;
        let arn = crate::view::flow::unqualified(&view.arn).to_string();
        let label = match &change {
            Some(doc) => format!("{} ({arn}), changed as {}", view.name, doc.name),
            None => format!("{} ({arn})", view.name),
        };
        let mut bar = Progress::new(output);
        let report = consumers_of(
            c,
            (&id, &arn, label),
            change.as_ref().map(|d| (d, true)),
            &mut |what, n, of| bar.show(what, n, of),
        )
        .await?;
        bar.done();
        Ok(report)
    };
    match super::service::call(&args.service.target, output, work).await {
        Ok((_, report)) => print(&report, output),
        Err(code) => code,
    }
}

/// A progress line on a terminal's stderr while flows and modules are read.
struct Progress {
    on: bool,
}

impl Progress {
    fn new(output: FormatArg) -> Progress {
        use std::io::IsTerminal;
        Progress {
            on: output == FormatArg::Text && std::io::stderr().is_terminal(),
        }
    }

    fn show(&mut self, what: &str, n: usize, of: usize) {
        if self.on {
            let width = 30;
            let filled = (n * width).checked_div(of).unwrap_or(width).min(width);
            eprint!(
                "\r  reading {what:<7} [{}{}] {n}/{of}   ",
                "#".repeat(filled),
                " ".repeat(width - filled)
            );
        }
    }

    fn done(&mut self) {
        if self.on {
            eprint!("\r{}\r", " ".repeat(60));
        }
    }
}

/// The ARN a view file records: `PulledFrom.Arn` (what `pull --all` writes).
fn recorded_arn(doc: &ViewDocument) -> Option<String> {
    doc.extra
        .get("PulledFrom")
        .and_then(|p| p.get("Arn"))
        .and_then(Value::as_str)
        .map(str::to_string)
}

/// The view references a flow's Show view blocks name, unqualified, each once.
fn shown_views(flow: &Value) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for b in crate::view::flow::show_view_blocks(flow).unwrap_or_default() {
        let r = crate::view::flow::unqualified(b.view.as_deref().unwrap_or("")).to_string();
        if !out.contains(&r) {
            out.push(r);
        }
    }
    out
}

/// `used-by VIEW_FILE --flow FLOW.json...`: contacts nothing. A block is the view's when it
/// names the ARN the file records, or, without one, when its flow shows a single view.
fn offline(view: &str, flows: &[PathBuf]) -> Result<Report, u8> {
    let doc = load_or_report(Path::new(view))?;
    let facts = Facts::of(&doc, None).map_err(|e| {
        eprintln!("error: {view}: {e}");
        USAGE
    })?;
    let arn = recorded_arn(&doc);
    let mut consumers = Vec::new();
    for path in flows {
        let text = std::fs::read_to_string(path).map_err(|e| {
            eprintln!("error: cannot read the flow {}: {e}", path.display());
            USAGE
        })?;
        let flow: Value = serde_json::from_str(&text).map_err(|e| {
            eprintln!(
                "error: {}:{}:{}: the flow is not JSON: {e}",
                path.display(),
                e.line(),
                e.column()
            );
            USAGE
        })?;
        let single = shown_views(&flow).len() == 1;
        let which = |reference: &str| match &arn {
            Some(a) if names_view(reference, a) => Match::Ours(&facts),
            Some(_) => Match::Other,
            None if single => Match::Ours(&facts),
            None => Match::Unknown,
        };
        let verdict = judge_flow(&flow, which).map_err(|e| {
            eprintln!("error: {}: {e}", path.display());
            USAGE
        })?;
        let name = flow_name(&flow).unwrap_or_else(|| path.display().to_string());
        consumers.push(Consumer {
            kind: "flow",
            name,
            source: path.display().to_string(),
            version: None,
            aliases: Vec::new(),
            state: state_of(&verdict, None),
            verdict,
        });
    }
    Ok(Report {
        view: format!("{} ({view})", doc.name),
        consumers,
        unknown: Vec::new(),
        read_at: None,
    })
}

/// A flow's name where the file has it (`describe-contact-flow` output).
fn flow_name(flow: &Value) -> Option<String> {
    flow.pointer("/ContactFlow/Name")
        .and_then(Value::as_str)
        .map(str::to_string)
}

/// Prints the report; exit 0 when every consumer holds, 1 when any breaks.
pub fn print(report: &Report, output: FormatArg) -> u8 {
    match output {
        FormatArg::Json => println!(
            "{}",
            serde_json::to_string_pretty(report).unwrap_or_default()
        ),
        FormatArg::Text => print!("{}", text(report)),
    }
    if report.breaks() { FAILED } else { OK }
}

/// The report for a terminal: a line per consumer, then what each block and read found.
pub fn text(report: &Report) -> String {
    let mut out = format!("{}\n", report.view);
    let shown: Vec<&Consumer> = report
        .consumers
        .iter()
        .filter(|c| c.verdict.shows() || !c.verdict.unmatched.is_empty())
        .collect();
    if shown.is_empty() && report.unknown.is_empty() {
        out.push_str("  no flow or module shows it\n");
    }
    for c in shown {
        let version = c
            .version
            .map(|v| format!(" version {v}"))
            .unwrap_or_default();
        let aliases = if c.aliases.is_empty() {
            String::new()
        } else {
            format!(" (alias {})", c.aliases.join(", "))
        };
        let state = match c.state {
            State::Holds => "holds",
            State::Breaks => "BREAKS",
            State::Unaffected => "unaffected (it follows a version the change does not move)",
            State::Unmatched => "shows a view it cannot tell apart",
        };
        out.push_str(&format!(
            "  {} {}{version}{aliases}: {state}\n",
            c.kind, c.name
        ));
        if c.source != c.name {
            out.push_str(&format!("    {}\n", c.source));
        }
        consumer_lines(&c.verdict, c.kind == "page", &mut out);
    }
    for u in &report.unknown {
        out.push_str(&format!(
            "  {}: unknown, {} (needs {})\n",
            u.kind, u.message, u.permission
        ));
    }
    out
}

fn consumer_lines(v: &FlowVerdict, page: bool, out: &mut String) {
    let list = |items: &[String]| {
        if items.is_empty() {
            "none".to_string()
        } else {
            items.join(", ")
        }
    };
    for b in v.blocks.iter().filter(|_| page) {
        out.push_str(&format!("    shows {} ({})\n", b.view, b.follows.label()));
        if b.data.is_empty() {
            out.push_str("      InputData fits the view's input schema\n");
        }
        data_lines("InputData", b, out);
    }
    for b in v.blocks.iter().filter(|_| !page) {
        out.push_str(&format!(
            "    block {} shows {} ({})\n      handled: {}\n",
            b.identifier,
            b.view,
            b.follows.label(),
            list(&b.handled)
        ));
        if !b.unhandled.is_empty() {
            out.push_str(&format!(
                "      NOT HANDLED: {} (the view raises it; the block has no branch for it)\n",
                b.unhandled.join(", ")
            ));
        }
        if !b.dead.is_empty() {
            out.push_str(&format!(
                "      dead branch: {} (the view does not raise it)\n",
                b.dead.join(", ")
            ));
        }
        data_lines("ViewData", b, out);
    }
    let known = v.reads.iter().filter(|r| r.known).count();
    if known > 0 {
        out.push_str(&format!(
            "    reads {known} $.Views.ViewResultData names the view submits\n"
        ));
    }
    for r in v.reads.iter().filter(|r| !r.known) {
        out.push_str(&format!(
            "    reads {} at {}: the view submits no \"{}\"\n",
            r.read, r.pointer, r.name
        ));
    }
    for u in &v.unmatched {
        out.push_str(&format!(
            "    block {u}: cannot tell which view it shows (pull the view file to record its ARN)\n"
        ));
    }
}

/// A block's data findings: what the schema refuses, then what it only warns of.
fn data_lines(what: &str, b: &BlockVerdict, out: &mut String) {
    for (at, kind, d) in b.data_findings() {
        out.push_str(&format!(
            "      {what} {at}: {kind}{} [{}]\n",
            d.message, d.code
        ));
    }
}
