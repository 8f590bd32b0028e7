//! A view in context: the flows and modules that show it, judged against one version of it.
//! A Show view block (`ShowView`) holds when it branches on every action the view raises
//! (a branch for an action the view no longer raises is dead, and said, but breaks nothing),
//! when its `ViewData` fits the view's input schema (keys and literal values: values that
//! are flow references are the flow's, resolved at run time), and when every
//! `$.Views.ViewResultData.NAME` the flow reads is a key the view submits.

use std::sync::OnceLock;

use regex::Regex;
use serde::Serialize;
use serde_json::Value;

use super::data::{DataSchema, SchemaSource, check_data};
use super::document::ViewDocument;
use super::flow::{ShowViewBlock, show_view_blocks, unqualified};
use super::template::Template;
use super::{Catalog, Code, Level, Severity};

/// What a consumer may rely on in one version of a view: the actions it raises, the keys of
/// its `ViewResultData`, and its input schema.
pub struct Facts {
    /// The view's `Actions` and every action a component raises, in order, each once.
    pub actions: Vec<String>,
    /// The `Name`s its fields and tables submit under.
    pub results: Vec<String>,
    pub schema: DataSchema,
}

impl Facts {
    /// The facts of a view file; `service_schema` is the service's own `InputSchema` for
    /// this version when it is known (else the schema derived here is used).
    pub fn of(doc: &ViewDocument, service_schema: Option<&str>) -> Result<Facts, String> {
        let checked = super::validate::check(doc, Level::Saved, Catalog::builtin());
        let tree = checked
            .tree
            .ok_or_else(|| format!("the template of {} does not parse", doc.name))?;
        let template = Template::parse(&doc.template)?;
        let schema = match service_schema {
            Some(text) => DataSchema::from_text(
                text,
                SchemaSource::Service {
                    view: doc.name.clone(),
                },
                Some(&template),
            )?,
            None => DataSchema::derived(&template),
        };
        let mut actions = doc.actions.clone();
        for a in checked.raised_actions {
            if !actions.contains(&a) {
                actions.push(a);
            }
        }
        Ok(Facts {
            actions,
            results: tree.field_names(),
            schema,
        })
    }
}

/// How a consumer refers to the view: the qualifier of the ARN it names.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Follows {
    /// `:$LATEST`, or no qualifier: the version published last.
    Latest,
    /// `:$SAVED`: what was saved last.
    Saved,
    /// `:N`: a numbered version, which no change to the view moves.
    Version(i64),
}

impl Follows {
    /// The qualifier of a view reference (an ARN or id, qualified or not).
    pub fn of(reference: &str) -> Follows {
        match reference.rsplit_once(':').map(|(_, q)| q) {
            Some("$SAVED") => Follows::Saved,
            Some(q) if !q.is_empty() && q.bytes().all(|b| b.is_ascii_digit()) => {
                q.parse().map_or(Follows::Latest, Follows::Version)
            }
            _ => Follows::Latest,
        }
    }

    /// How a flow writes it: `$LATEST`, `$SAVED` or `version N`.
    pub fn label(&self) -> String {
        match self {
            Follows::Latest => "$LATEST".into(),
            Follows::Saved => "$SAVED".into(),
            Follows::Version(n) => format!("version {n}"),
        }
    }

    /// What a change moves: `$SAVED`, and `$LATEST` too when it is published.
    pub fn moved_by(publish: bool) -> &'static [Follows] {
        if publish {
            &[Follows::Latest, Follows::Saved]
        } else {
            &[Follows::Saved]
        }
    }
}

/// A problem of a Show view block's `ViewData`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DataFinding {
    pub code: Code,
    /// Where in the `ViewData` (a JSON pointer).
    pub pointer: String,
    pub message: String,
}

impl DataFinding {
    /// Where, for a line: its pointer, or `/` for the whole data.
    pub fn at(&self) -> &str {
        if self.pointer.is_empty() {
            "/"
        } else {
            &self.pointer
        }
    }
}

/// One Show view block that shows the view, judged.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BlockVerdict {
    pub identifier: String,
    /// The view reference as the flow writes it.
    pub view: String,
    pub follows: Follows,
    /// Actions the view raises that the block branches on.
    pub handled: Vec<String>,
    /// Actions the view raises that the block has no branch for.
    pub unhandled: Vec<String>,
    /// Branches for actions the view does not raise.
    pub dead: Vec<String>,
    /// Its error branches.
    pub errors: Vec<String>,
    /// What the view's input schema refuses in the `ViewData`.
    pub data: Vec<DataFinding>,
    /// What the `ViewData` check is unsure of (a member the view does not read, a value it
    /// reads that is not passed): said, never counted as a break.
    pub warnings: Vec<DataFinding>,
}

impl BlockVerdict {
    /// Its data findings as lines are written: (where, "warning: " or nothing, the finding);
    /// what the schema refuses first, then what it only warns of.
    pub fn data_findings(&self) -> impl Iterator<Item = (&str, &'static str, &DataFinding)> {
        let refused = self.data.iter().map(|d| (d.at(), "", d));
        refused.chain(self.warnings.iter().map(|d| (d.at(), "warning: ", d)))
    }

    pub fn breaks(&self) -> bool {
        !self.unhandled.is_empty() || !self.data.is_empty()
    }
}

/// A `$.Views.ViewResultData.NAME` the flow reads.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReadVerdict {
    /// The reference as written (`$.Views.ViewResultData.whatsapp`).
    pub read: String,
    /// The key it reads (`whatsapp`).
    pub name: String,
    /// Where in the flow (a JSON pointer).
    pub pointer: String,
    /// Whether a view the flow shows submits under that key.
    pub known: bool,
}

/// A flow (or module) judged against the view.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FlowVerdict {
    pub blocks: Vec<BlockVerdict>,
    pub reads: Vec<ReadVerdict>,
    /// Show view blocks whose view could not be told (listed by identifier and reference).
    pub unmatched: Vec<String>,
}

impl FlowVerdict {
    pub fn breaks(&self) -> bool {
        self.blocks.iter().any(BlockVerdict::breaks) || self.reads.iter().any(|r| !r.known)
    }

    /// Whether the flow shows the view at all.
    pub fn shows(&self) -> bool {
        !self.blocks.is_empty()
    }

    /// Whether no block showing the view follows what a change moves (`moved`: `$LATEST`
    /// and `$SAVED` for a publish, `$SAVED` alone for a save).
    pub fn untouched_by(&self, moved: &[Follows]) -> bool {
        self.shows() && self.blocks.iter().all(|b| !moved.contains(&b.follows))
    }
}

/// Which view a block shows, as far as the caller can tell.
pub enum Match<'f> {
    /// This view, judged against these facts.
    Ours(&'f Facts),
    /// Another view.
    Other,
    /// Cannot tell (an offline file without an ARN, say).
    Unknown,
}

/// Judges a flow's content (flow language `2019-10-30`, or `describe-contact-flow` output)
/// against the view: `which` says which view each block's reference names.
pub fn judge_flow<'f>(
    flow: &Value,
    which: impl Fn(&str) -> Match<'f>,
) -> Result<FlowVerdict, String> {
    let blocks = show_view_blocks(flow)?;
    let mut verdict = FlowVerdict::default();
    let mut shown: Vec<&Facts> = Vec::new();
    for b in &blocks {
        let reference = b.view.clone().unwrap_or_default();
        match which(&reference) {
            Match::Ours(facts) => {
                verdict.blocks.push(judge_block(b, &reference, facts));
                shown.push(facts);
            }
            Match::Other => {}
            Match::Unknown => verdict
                .unmatched
                .push(format!("{} ({reference})", b.identifier)),
        }
    }
    if verdict.shows() {
        let inner = inner_flow(flow);
        let mut reads = Vec::new();
        results_read(
            inner.as_ref().unwrap_or(flow),
            &mut String::new(),
            &mut reads,
        );
        verdict.reads = reads
            .into_iter()
            .map(|(read, name, pointer)| ReadVerdict {
                known: shown.iter().any(|f| f.results.contains(&name)),
                read,
                name,
                pointer,
            })
            .collect();
    }
    Ok(verdict)
}

/// The flow inside `describe-contact-flow` output (its `Content` string), if it is that.
fn inner_flow(flow: &Value) -> Option<Value> {
    let content = flow.pointer("/ContactFlow/Content")?.as_str()?;
    serde_json::from_str(content).ok()
}

fn judge_block(b: &ShowViewBlock, reference: &str, facts: &Facts) -> BlockVerdict {
    let handled = facts
        .actions
        .iter()
        .filter(|a| b.branches.contains(a))
        .cloned()
        .collect();
    let unhandled = facts
        .actions
        .iter()
        .filter(|a| !b.branches.contains(a))
        .cloned()
        .collect();
    let dead = b
        .branches
        .iter()
        .filter(|a| !facts.actions.contains(a))
        .cloned()
        .collect();
    let (data, warnings) = data_findings(&facts.schema, &b.data);
    BlockVerdict {
        identifier: b.identifier.clone(),
        view: reference.to_string(),
        follows: Follows::of(reference),
        handled,
        unhandled,
        dead,
        errors: b.errors.clone(),
        data,
        warnings,
    }
}

/// The `ViewData` (or a page's `InputData`) checked against the schema: what it refuses,
/// and what it warns of.
fn data_findings(schema: &DataSchema, data: &Value) -> (Vec<DataFinding>, Vec<DataFinding>) {
    let (mut refused, mut warned) = (Vec::new(), Vec::new());
    for d in check_data(schema, data, None) {
        let to = match d.severity {
            Severity::Error => &mut refused,
            Severity::Warning => &mut warned,
            _ => continue,
        };
        to.push(DataFinding {
            code: d.code,
            pointer: d.pointer,
            message: d.message,
        });
    }
    (refused, warned)
}

/// Every `$.Views.ViewResultData.NAME` in the strings of `value`: the reference, the name and
/// where it is.
fn results_read(value: &Value, at: &mut String, out: &mut Vec<(String, String, String)>) {
    static READ: OnceLock<Regex> = OnceLock::new();
    let read = READ.get_or_init(|| {
        Regex::new(r"\$\.Views\.ViewResultData\.([A-Za-z0-9_\-]+)").expect("valid regex")
    });
    match value {
        Value::String(s) => {
            for c in read.captures_iter(s) {
                out.push((c[0].to_string(), c[1].to_string(), at.clone()));
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                let len = at.len();
                at.push_str(&format!("/{i}"));
                results_read(v, at, out);
                at.truncate(len);
            }
        }
        Value::Object(members) => {
            for (k, v) in members {
                let len = at.len();
                at.push('/');
                at.push_str(&k.replace('~', "~0").replace('/', "~1"));
                results_read(v, at, out);
                at.truncate(len);
            }
        }
        _ => {}
    }
}

/// Whether a view reference a flow writes names the view `arn` (qualified or not; an id
/// alone matches the ARN's last part).
pub fn names_view(reference: &str, arn: &str) -> bool {
    let r = unqualified(reference);
    let a = unqualified(arn);
    r == a || a.rsplit('/').next() == Some(r)
}

/// How a consumer stands against the view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    Holds,
    Breaks,
    /// Pinned to a numbered version: a change to the view does not reach it.
    Unaffected,
    /// It shows a view that could not be told apart from this one.
    Unmatched,
}

/// One consumer: a flow, a module or a workspace page.
#[derive(Debug, Clone, Serialize)]
pub struct Consumer {
    pub kind: &'static str,
    pub name: String,
    /// Where it was read: a file, or the resource's ARN (with `:N` for a version).
    pub source: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<i64>,
    /// The aliases under which this version is live.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    pub state: State,
    #[serde(flatten)]
    pub verdict: FlowVerdict,
}

/// A kind of consumer that could not be read.
#[derive(Debug, Clone, Serialize)]
pub struct Unknown {
    pub kind: &'static str,
    /// The permission reading it needs.
    pub permission: String,
    pub message: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub view: String,
    pub consumers: Vec<Consumer>,
    pub unknown: Vec<Unknown>,
    /// When the instance was read (none offline).
    #[serde(skip)]
    pub read_at: Option<std::time::SystemTime>,
}

impl Consumer {
    /// Why it breaks, in a line: the first unhandled action, ViewData problem or read.
    pub fn why(&self) -> Option<String> {
        let v = &self.verdict;
        for b in &v.blocks {
            if let Some(a) = b.unhandled.first() {
                return Some(format!("no branch for the action {a}"));
            }
            if let Some(d) = b.data.first() {
                let at = if d.pointer.is_empty() {
                    "/"
                } else {
                    &d.pointer
                };
                return Some(format!("its data at {at}: {}", d.message));
            }
        }
        v.reads
            .iter()
            .find(|r| !r.known)
            .map(|r| format!("reads {}, which the view no longer submits", r.read))
    }
}

impl Report {
    /// How many consumers are in each state: (hold, break, unaffected, unmatched).
    pub fn tally(&self) -> (usize, usize, usize, usize) {
        let n = |s: State| self.consumers.iter().filter(|c| c.state == s).count();
        (
            n(State::Holds),
            n(State::Breaks),
            n(State::Unaffected),
            n(State::Unmatched),
        )
    }

    pub fn breaks(&self) -> bool {
        self.consumers.iter().any(|c| c.state == State::Breaks)
    }
}

/// The state of a judged flow: when a change is judged, `moved` says what it moves, and a
/// consumer none of whose blocks follows any of that is unaffected.
pub fn state_of(v: &FlowVerdict, moved: Option<&[Follows]>) -> State {
    if moved.is_some_and(|m| v.untouched_by(m)) {
        State::Unaffected
    } else if v.breaks() {
        State::Breaks
    } else if !v.shows() && !v.unmatched.is_empty() {
        State::Unmatched
    } else {
        State::Holds
    }
}

/// A flow or module as read from an instance, to be judged: its content and, for a
/// module's numbered version, the version and the aliases under which it is live.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub kind: &'static str,
    pub name: String,
    /// Its ARN (with `:N` for a version).
    pub source: String,
    pub version: Option<i64>,
    pub aliases: Vec<String>,
    pub content: String,
}

/// A workspace page, as read from an instance: the view it shows and the `InputData` it
/// passes.
#[derive(Debug, Clone)]
pub struct PageCandidate {
    pub workspace: String,
    pub page: String,
    /// The page's `ResourceArn`: the view's ARN, maybe qualified.
    pub view: String,
    pub input_data: Option<String>,
    /// The workspace's ARN.
    pub source: String,
}

/// A page judged: its `InputData` against the input schema of the version it shows (a page
/// raises no actions and reads no results, so only its data can break).
pub fn judge_page(p: &PageCandidate, facts: &Facts) -> BlockVerdict {
    let (data, warnings) = match p.input_data.as_deref().filter(|d| !d.trim().is_empty()) {
        None => (Vec::new(), Vec::new()),
        Some(text) => match serde_json::from_str::<Value>(text) {
            Err(e) => (
                vec![DataFinding {
                    code: Code::DataShape,
                    pointer: String::new(),
                    message: format!("the page's InputData is not JSON: {e}"),
                }],
                Vec::new(),
            ),
            Ok(data) => data_findings(&facts.schema, &data),
        },
    };
    BlockVerdict {
        identifier: p.page.clone(),
        view: p.view.clone(),
        follows: Follows::of(&p.view),
        handled: Vec::new(),
        unhandled: Vec::new(),
        dead: Vec::new(),
        errors: Vec::new(),
        data,
        warnings,
    }
}

/// The last part of a view ARN (its id, or an AWS-managed view's name): what a flow that
/// shows the view must hold somewhere in its text.
fn view_key(view_arn: &str) -> &str {
    let unq = unqualified(view_arn);
    unq.rsplit('/').next().unwrap_or(unq)
}

/// Which versions of the view the candidates that show it follow, each once.
pub fn needed(candidates: &[Candidate], pages: &[PageCandidate], view_arn: &str) -> Vec<Follows> {
    let key = view_key(view_arn);
    let mut out: Vec<Follows> = Vec::new();
    for p in pages.iter().filter(|p| names_view(&p.view, view_arn)) {
        let f = Follows::of(&p.view);
        if !out.contains(&f) {
            out.push(f);
        }
    }
    for c in candidates.iter().filter(|c| c.content.contains(key)) {
        let Ok(flow) = serde_json::from_str::<Value>(&c.content) else {
            continue;
        };
        for b in show_view_blocks(&flow).unwrap_or_default() {
            let r = b.view.unwrap_or_default();
            let f = Follows::of(&r);
            if names_view(&r, view_arn) && !out.contains(&f) {
                out.push(f);
            }
        }
    }
    out
}

/// Judges every candidate that shows the view (`view_arn`) against the facts of the version
/// each block follows; a block whose version has no facts (deleted, say) is unmatched.
/// `moved`: when a change is judged, what it moves (the facts of those are the change's);
/// a consumer following none of it is unaffected.
pub fn judge_all(
    view: &str,
    view_arn: &str,
    (candidates, pages): (&[Candidate], &[PageCandidate]),
    facts: &std::collections::HashMap<Follows, Facts>,
    moved: Option<&[Follows]>,
) -> Report {
    let key = view_key(view_arn);
    let mut consumers = Vec::new();
    for c in candidates.iter().filter(|c| c.content.contains(key)) {
        let verdict = match serde_json::from_str::<Value>(&c.content) {
            Ok(flow) => judge_flow(&flow, |r| {
                if !names_view(r, view_arn) {
                    return Match::Other;
                }
                match facts.get(&Follows::of(r)) {
                    Some(f) => Match::Ours(f),
                    None => Match::Unknown,
                }
            })
            .unwrap_or_default(),
            Err(e) => FlowVerdict {
                unmatched: vec![format!("its content is not JSON ({e})")],
                ..Default::default()
            },
        };
        if !verdict.shows() && verdict.unmatched.is_empty() {
            continue;
        }
        consumers.push(Consumer {
            kind: c.kind,
            name: c.name.clone(),
            source: c.source.clone(),
            version: c.version,
            aliases: c.aliases.clone(),
            state: state_of(&verdict, moved),
            verdict,
        });
    }
    for p in pages.iter().filter(|p| names_view(&p.view, view_arn)) {
        let verdict = match facts.get(&Follows::of(&p.view)) {
            Some(f) => FlowVerdict {
                blocks: vec![judge_page(p, f)],
                ..Default::default()
            },
            None => FlowVerdict {
                unmatched: vec![format!("{} ({})", p.page, p.view)],
                ..Default::default()
            },
        };
        consumers.push(Consumer {
            kind: "page",
            name: format!("{}/{}", p.workspace, p.page),
            source: p.source.clone(),
            version: None,
            aliases: Vec::new(),
            state: state_of(&verdict, moved),
            verdict,
        });
    }
    Report {
        view: view.to_string(),
        consumers,
        unknown: Vec::new(),
        read_at: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qualifiers_say_what_a_consumer_follows() {
        let arn = "arn:aws:connect:us-east-1:1:instance/i/view/v";
        assert_eq!(Follows::of(arn), Follows::Latest);
        assert_eq!(Follows::of(&format!("{arn}:$LATEST")), Follows::Latest);
        assert_eq!(Follows::of(&format!("{arn}:$SAVED")), Follows::Saved);
        assert_eq!(Follows::of(&format!("{arn}:7")), Follows::Version(7));
        assert!(names_view(&format!("{arn}:7"), arn));
        assert!(names_view("v", &format!("{arn}:$LATEST")));
        assert!(!names_view("w", arn));
    }
}
