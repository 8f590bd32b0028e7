//! Promotion of views from one environment to another: a plan read from both instances
//! (nothing written), then its writes in order, then a check that the target holds what
//! the plan said. A target view records where it came from in tags, so a re-run plans
//! nothing but skips and drift can tell the tool's writes from anyone else's:
//!
//! - `cv:from` = `ENV/SOURCE-VIEW-ID`
//! - `cv:source` = what of the source was promoted: `LATEST`, `SAVED` or a version number
//! - `cv:sha` = the content checksum the promotion made live (template and actions)
//! - `cv:versions` = `1=1 2=3`: each source version and the target version made from it
//!
//! Version numbers are never promised equal: the target numbers its own versions.

use std::collections::{BTreeMap, HashMap};

use indexmap::IndexMap;
use serde::Serialize;

use super::client::{ConnectClient, ViewSpec};
use super::error::{ConnectError, ErrorKind};
use super::types::{View, ViewSummary, ViewTypeFilter};
use crate::view::promote::{Refs, Unmapped, account_of, instance_id_of, rewrite};
use crate::view::status::{Qualifier, Status};

/// What a promotion from the environment `from` to `to` needs besides its source: the
/// target's connection options and the ARN map between them (`[arn_map.FROM.TO]`); refused
/// when both are one environment. The command and the designer's promotion both start here.
pub fn target_of(
    from: &str,
    to: &str,
) -> std::result::Result<(super::ConnectOptions, IndexMap<String, String>), String> {
    if from == to {
        return Err(format!("the source and the target are both {to}"));
    }
    let options = super::env::options(to)?;
    let map = super::env::arn_map(from, to)?;
    Ok((options, map))
}

pub const TAG_FROM: &str = "cv:from";
pub const TAG_SOURCE: &str = "cv:source";
pub const TAG_SHA: &str = "cv:sha";
pub const TAG_VERSIONS: &str = "cv:versions";

/// Connect's limit on a tag value.
const TAG_VALUE_MAX: usize = 256;

type Result<T> = std::result::Result<T, ConnectError>;

/// A view's content as it is written to the target.
#[derive(Debug, Clone, PartialEq)]
pub struct Content {
    pub template: String,
    pub actions: Vec<String>,
    pub sha: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StepKind {
    Create,
    UpdateContent,
    CreateVersion,
    Tags,
    Skip,
}

/// One write of the plan (or the reason there is none).
#[derive(Debug, Clone, Serialize)]
pub struct Step {
    pub kind: StepKind,
    /// What it does, for people: `content of version 2 (PUBLISHED)`.
    pub what: String,
    #[serde(skip)]
    content: Option<Content>,
    #[serde(skip)]
    status: Option<Status>,
    #[serde(skip)]
    source_version: Option<i64>,
}

impl Step {
    fn content(kind: StepKind, what: String, content: Content, status: Status) -> Step {
        Step {
            kind,
            what,
            content: Some(content),
            status: Some(status),
            source_version: None,
        }
    }

    fn plain(kind: StepKind, what: String) -> Step {
        Step {
            kind,
            what,
            content: None,
            status: None,
            source_version: None,
        }
    }
}

/// A reference to the source instance found in a template the promotion would write.
#[derive(Debug, Clone, Serialize)]
pub struct Blocker {
    /// Which content: `$LATEST`, `version 2`.
    pub content: String,
    #[serde(flatten)]
    pub unmapped: Unmapped,
}

/// The plan of one view.
#[derive(Debug, Clone, Serialize)]
pub struct ViewPlan {
    pub view: String,
    pub source_id: String,
    pub target_id: Option<String>,
    pub steps: Vec<Step>,
    /// References to the source with no entry in the ARN map: while any is left, nothing of
    /// this promotion is written.
    pub blockers: Vec<Blocker>,
    /// The source's own tags the target would refuse (rules of the model's `TagKey` and
    /// `TagValue`, 50 tags a view): while any is left, nothing of this promotion is written.
    pub tag_errors: Vec<String>,
    /// The source's own tags (not `cv:`), copied to the target: tag-based access control
    /// depends on them.
    pub user_tags: BTreeMap<String, String>,
    /// Source version → target version, as the target's tags record it.
    pub version_map: Vec<(i64, i64)>,
    /// The target's flows, modules and pages this promotion would break, each with why.
    pub breaks: Vec<String>,
    /// Kinds of the target's consumers the caller may not read (with the permission).
    pub consumers_unknown: Vec<String>,
    #[serde(skip)]
    target_arn: Option<String>,
    #[serde(skip)]
    description: Option<String>,
    #[serde(skip)]
    tags: BTreeMap<String, String>,
    #[serde(skip)]
    live: Option<Content>,
    #[serde(skip)]
    live_status: Status,
}

impl ViewPlan {
    /// The plan for `source`'s content `top` before its steps: what it is, where it goes,
    /// the source's own tags and the target's version map.
    fn of(
        source: &ViewSummary,
        target: Option<&ViewSummary>,
        top: &View,
        version_map: Vec<(i64, i64)>,
        live_status: Status,
    ) -> ViewPlan {
        ViewPlan {
            view: source.name.clone(),
            source_id: source.id.clone(),
            target_id: target.map(|t| t.id.clone()),
            steps: Vec::new(),
            blockers: Vec::new(),
            tag_errors: Vec::new(),
            user_tags: user_tags(top),
            version_map,
            breaks: Vec::new(),
            consumers_unknown: Vec::new(),
            target_arn: target.map(|t| t.arn.clone()),
            description: top.description.clone(),
            tags: BTreeMap::new(),
            live: None,
            live_status,
        }
    }

    /// Whether something stops this view's promotion (unmapped references, refused tags).
    pub fn blocked(&self) -> bool {
        !self.blockers.is_empty() || !self.tag_errors.is_empty()
    }

    /// How many writes it makes.
    pub fn writes(&self) -> usize {
        self.steps
            .iter()
            .filter(|s| s.kind != StepKind::Skip)
            .count()
    }

    fn skip(view: &str, source_id: &str, reason: String) -> ViewPlan {
        ViewPlan {
            view: view.to_string(),
            source_id: source_id.to_string(),
            target_id: None,
            steps: vec![Step::plain(StepKind::Skip, reason)],
            blockers: Vec::new(),
            tag_errors: Vec::new(),
            user_tags: BTreeMap::new(),
            version_map: Vec::new(),
            breaks: Vec::new(),
            consumers_unknown: Vec::new(),
            target_arn: None,
            description: None,
            tags: BTreeMap::new(),
            live: None,
            live_status: Status::Published,
        }
    }
}

/// What a promotion did to one view.
#[derive(Debug, Clone, Serialize)]
pub struct Applied {
    pub view: String,
    pub target_id: String,
    pub version_map: Vec<(i64, i64)>,
    pub writes: usize,
    /// The target holds the planned content and tags (read back after the writes).
    pub verified: bool,
    pub problems: Vec<String>,
}

/// A promotion between two instances.
pub struct Promotion<'a> {
    pub source: &'a ConnectClient,
    pub target: &'a ConnectClient,
    /// The source environment's name (recorded in `cv:from`).
    pub from: String,
    pub map: IndexMap<String, String>,
    pub history: bool,
}

fn sha(template: &str, actions: &[String]) -> String {
    crate::view::content_sha256(template, actions)
}

/// The content steps of a plan: the numbered versions not yet promoted (each replayed
/// content, then a version of it), then the shown content; `target`: whether the view
/// exists there and the checksum of what is live. True when versions are made.
fn content_steps(
    plan: &mut ViewPlan,
    target: (bool, Option<String>),
    version_contents: Vec<(i64, Option<Content>)>,
    existing: &[(i64, i64)],
    (q, status, top_content): (Qualifier, Status, &Content),
) -> bool {
    let (mut exists, mut live) = target;
    let mut new_versions = false;
    for (n, content) in version_contents {
        let content = content.unwrap_or_else(|| unreachable!("blockers were returned"));
        if existing.iter().any(|(s, _)| *s == n) {
            continue;
        }
        let what = format!("content of version {n} (PUBLISHED)");
        if !exists {
            plan.steps.push(Step::content(
                StepKind::Create,
                what,
                content.clone(),
                Status::Published,
            ));
            exists = true;
        } else if live.as_deref() != Some(&content.sha) {
            plan.steps.push(Step::content(
                StepKind::UpdateContent,
                what,
                content.clone(),
                Status::Published,
            ));
        }
        live = Some(content.sha.clone());
        let mut step = Step::plain(
            StepKind::CreateVersion,
            format!("a version from source version {n}"),
        );
        step.source_version = Some(n);
        plan.steps.push(step);
        new_versions = true;
    }
    let what = format!("content of {q} ({})", status.as_str());
    if !exists {
        plan.steps.push(Step::content(
            StepKind::Create,
            what,
            top_content.clone(),
            status,
        ));
    } else if live.as_deref() != Some(&top_content.sha) {
        plan.steps.push(Step::content(
            StepKind::UpdateContent,
            what,
            top_content.clone(),
            status,
        ));
    }
    new_versions
}

/// The tags the plan sets (the source's own and the promotion's `cv:` ones), and the step
/// that writes those the target does not hold yet, or a new version map.
fn tags_step(
    plan: &mut ViewPlan,
    from: String,
    q: Qualifier,
    sha: &str,
    target: &HashMap<String, String>,
    new_versions: bool,
) {
    let mut wanted: Vec<(String, String)> = plan
        .user_tags
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    wanted.extend([
        (TAG_FROM.to_string(), from),
        (TAG_SOURCE.to_string(), qualifier_tag(q)),
        (TAG_SHA.to_string(), sha.to_string()),
    ]);
    let mut keys: Vec<String> = wanted
        .iter()
        .filter(|(k, v)| target.get(k) != Some(v))
        .map(|(k, _)| k.clone())
        .collect();
    plan.tags = wanted.into_iter().collect();
    if new_versions {
        keys.push(TAG_VERSIONS.to_string());
    }
    if !keys.is_empty() {
        plan.steps.push(Step::plain(
            StepKind::Tags,
            format!("tags {}", keys.join(", ")),
        ));
    }
}

/// The tags a view carries of its own: all but the `cv:` provenance of a promotion.
fn user_tags(v: &View) -> BTreeMap<String, String> {
    v.tags
        .iter()
        .filter(|(k, _)| !k.starts_with("cv:"))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

/// The source's tags the target would refuse: the model's rules for a key and a value, and
/// Connect's 50 tags a view, counting the target's own tags that stay.
fn tag_errors(user: &BTreeMap<String, String>, target: &HashMap<String, String>) -> Vec<String> {
    use crate::view::validate::{tag_key_problem, tag_value_problem};
    let mut out = Vec::new();
    for (k, v) in user {
        if let Some(p) = tag_key_problem(k) {
            out.push(format!("{k}: {p}"));
        }
        if let Some(p) = tag_value_problem(k, v) {
            out.push(format!("{k}={v}: {p}"));
        }
    }
    let ours = [TAG_FROM, TAG_SOURCE, TAG_SHA, TAG_VERSIONS];
    let kept = target
        .keys()
        .filter(|k| !user.contains_key(*k) && !ours.contains(&k.as_str()))
        .count();
    let total = user.len() + ours.len() + kept;
    if total > 50 {
        out.push(format!(
            "the target view would carry {total} tags ({} of the source's, {} of the promotion's, \
             {kept} of its own): a view holds at most 50",
            user.len(),
            ours.len()
        ));
    }
    out
}

/// `1=1 2=3` read back.
pub fn parse_version_map(s: &str) -> Vec<(i64, i64)> {
    s.split_whitespace()
        .filter_map(|pair| {
            let (a, b) = pair.split_once('=')?;
            Some((a.parse().ok()?, b.parse().ok()?))
        })
        .collect()
}

/// The map as a tag value: the newest pairs that fit Connect's limit.
pub fn version_map_tag(map: &[(i64, i64)]) -> String {
    let mut pairs: Vec<String> = map.iter().map(|(a, b)| format!("{a}={b}")).collect();
    while pairs.join(" ").len() > TAG_VALUE_MAX {
        pairs.remove(0);
    }
    pairs.join(" ")
}

fn qualifier_tag(q: Qualifier) -> String {
    match q {
        Qualifier::Latest => "LATEST".into(),
        Qualifier::Saved => "SAVED".into(),
        Qualifier::Version(n) => n.to_string(),
    }
}

fn not_found(e: &ConnectError) -> bool {
    e.kind == ErrorKind::ViewNotFound
}

impl Promotion<'_> {
    /// The plan for `specs` (names, ids or ARNs with an optional qualifier; `$LATEST` when
    /// none), or for every customer view of the source when `specs` is empty. Reads only.
    pub async fn plan(&self, specs: &[ViewSpec]) -> Result<Vec<ViewPlan>> {
        // Listed once for every view. An error (access denied included) stops the plan:
        // never "missing, will create".
        let sources = self
            .source
            .list_views(Some(ViewTypeFilter::Customer))
            .await?;
        let targets = self
            .target
            .list_views(Some(ViewTypeFilter::Customer))
            .await?;
        let specs: Vec<ViewSpec> = if specs.is_empty() {
            sources
                .iter()
                .map(|v| ViewSpec {
                    view: v.id.clone(),
                    qualifier: None,
                })
                .collect()
        } else {
            specs.to_vec()
        };
        let refs = Refs {
            source_instance: instance_id_of(self.source.instance()),
            source_account: sources
                .first()
                .and_then(|v| account_of(&v.arn))
                .or_else(|| account_of(self.source.instance())),
            target_account: targets
                .first()
                .and_then(|v| account_of(&v.arn))
                .or_else(|| account_of(self.target.instance())),
        };
        let mut out = Vec::with_capacity(specs.len());
        for spec in &specs {
            let found = sources
                .iter()
                .find(|v| v.name == spec.view || v.id == spec.view || v.arn == spec.view);
            let Some(source) = found else {
                if let Some(m) = self.source.find_managed(&spec.view).await? {
                    out.push(ViewPlan::skip(
                        &m.name,
                        &m.arn,
                        "AWS-managed: every instance has it already".into(),
                    ));
                    continue;
                }
                return Err(ConnectError {
                    operation: "ListViews",
                    instance: self.source.instance().to_string(),
                    view: Some(spec.view.clone()),
                    kind: ErrorKind::ViewNotFound,
                    code: None,
                    message: format!("no view named \"{}\" in the source", spec.view),
                    request_id: None,
                    advice: "check the name with `connect-views list --env` on the source".into(),
                });
            };
            let target = targets.iter().find(|v| v.name == source.name);
            out.push(self.plan_one(source, target, spec, &refs).await?);
        }
        self.judge_consumers(&mut out).await?;
        Ok(out)
    }

    /// Names, in each plan that updates a view of the target, the target's flows, modules
    /// and pages the promoted content would break (its consumers read once for all plans;
    /// a kind the caller may not read is said once, as unknown).
    async fn judge_consumers(&self, plans: &mut [ViewPlan]) -> Result<()> {
        use crate::view::consumers::{Follows, judge_all, needed};
        let updates = |p: &ViewPlan| {
            p.target_arn.is_some()
                && p.live.is_some()
                && p.steps.iter().any(|s| s.kind == StepKind::UpdateContent)
        };
        if !plans.iter().any(updates) {
            return Ok(());
        }
        let (candidates, mut unknown) =
            super::consumers::read_candidates(self.target, &mut |_, _, _| {}).await?;
        let (pages, denied) = super::consumers::read_pages(self.target).await?;
        unknown.extend(denied);
        for p in plans.iter_mut().filter(|p| updates(p)) {
            let (Some(arn), Some(live), Some(id)) = (&p.target_arn, &p.live, &p.target_id) else {
                continue;
            };
            let arn = crate::view::flow::unqualified(arn).to_string();
            let mut doc = crate::view::ViewDocument::new(&p.view, live.template.clone());
            doc.actions = live.actions.clone();
            let publish = p.live_status == Status::Published;
            let follows = needed(&candidates, &pages, &arn);
            let facts =
                super::consumers::view_facts(self.target, id, &follows, Some((&doc, publish)))
                    .await?;
            let moved = Some(Follows::moved_by(publish));
            let report = judge_all(&p.view, &arn, (&candidates, &pages), &facts, moved);
            p.breaks = report
                .consumers
                .iter()
                .filter(|c| c.state == crate::view::consumers::State::Breaks)
                .map(|c| format!("{} {}: {}", c.kind, c.name, c.why().unwrap_or_default()))
                .collect();
            p.consumers_unknown = unknown
                .iter()
                .map(|u| format!("{}: unknown, needs {}", u.kind, u.permission))
                .collect();
        }
        Ok(())
    }

    /// The numbered versions replayed (with history), oldest first, up to the one asked
    /// for; without history, the version asked for alone.
    async fn versions_replayed(
        &self,
        source: &ViewSummary,
        q: Qualifier,
        top: &View,
    ) -> Result<Vec<View>> {
        let mut versions: Vec<View> = Vec::new();
        if self.history {
            let mut list = self.source.list_view_versions(&source.id).await?;
            list.sort_by_key(|v| v.version);
            for v in list {
                if let Qualifier::Version(n) = q
                    && i64::from(v.version) > n
                {
                    break;
                }
                versions.push(
                    self.source
                        .describe_view(&format!("{}:{}", source.id, v.version))
                        .await?,
                );
            }
        } else if let Qualifier::Version(_) = q {
            versions.push(top.clone());
        }
        Ok(versions)
    }

    async fn plan_one(
        &self,
        source: &ViewSummary,
        target: Option<&ViewSummary>,
        spec: &ViewSpec,
        refs: &Refs,
    ) -> Result<ViewPlan> {
        let q = spec.qualifier.unwrap_or(Qualifier::Latest);
        let top = match self
            .source
            .describe_view(&format!("{}:{q}", source.id))
            .await
        {
            Ok(v) => v,
            Err(e) if not_found(&e) && q == Qualifier::Latest => {
                return Ok(ViewPlan::skip(
                    &source.name,
                    &source.id,
                    format!(
                        "never published: promote \"{}:$SAVED\" to take its draft",
                        source.name
                    ),
                ));
            }
            Err(e) => return Err(e),
        };
        let versions = self.versions_replayed(source, q, &top).await?;
        let (tags, current) = match target {
            None => (HashMap::new(), None),
            Some(t) => {
                let tags = self.target.list_tags(&t.arn).await?;
                let current = Some(self.target.live_view(&t.id).await?.0);
                (tags, current)
            }
        };
        let existing = tags
            .get(TAG_VERSIONS)
            .map(|s| parse_version_map(s))
            .unwrap_or_default();
        let mut blockers = Vec::new();
        let mut rewritten = |label: String, v: &View| -> Option<Content> {
            match rewrite(&v.template, refs, &self.map) {
                Ok((template, _)) => Some(Content {
                    sha: sha(&template, &v.actions),
                    template,
                    actions: v.actions.clone(),
                }),
                Err(unmapped) => {
                    blockers.extend(unmapped.into_iter().map(|u| Blocker {
                        content: label.clone(),
                        unmapped: u,
                    }));
                    None
                }
            }
        };
        let top_content = rewritten(q.to_string(), &top);
        let version_contents: Vec<(i64, Option<Content>)> = versions
            .iter()
            .map(|v| {
                (
                    i64::from(v.version),
                    rewritten(format!("version {}", v.version), v),
                )
            })
            .collect();
        let status = if q == Qualifier::Saved {
            Status::Saved
        } else {
            Status::Published
        };
        let mut plan = ViewPlan::of(source, target, &top, existing.clone(), status);
        // Blockers found: no steps at all, so nothing of the view is written.
        blockers.dedup_by(|a, b| a.unmapped == b.unmapped);
        plan.tag_errors = tag_errors(&plan.user_tags, &tags);
        let Some(top_content) =
            top_content.filter(|_| blockers.is_empty() && plan.tag_errors.is_empty())
        else {
            plan.blockers = blockers;
            return Ok(plan);
        };
        let live = current.as_ref().map(|v| sha(&v.template, &v.actions));
        let new_versions = content_steps(
            &mut plan,
            (target.is_some(), live),
            version_contents,
            &existing,
            (q, status, &top_content),
        );
        let from = format!("{}/{}", self.from, source.id);
        tags_step(&mut plan, from, q, &top_content.sha, &tags, new_versions);
        if plan.steps.is_empty() {
            plan.steps.push(Step::plain(
                StepKind::Skip,
                "in sync: the target holds this content, its versions and tags".into(),
            ));
        }
        plan.live = Some(top_content);
        Ok(plan)
    }

    /// Makes the writes of a plan (one with blockers writes nothing), then reads the target
    /// back to check it.
    pub async fn apply(&self, plan: &ViewPlan) -> Result<Applied> {
        let mut applied = Applied {
            view: plan.view.clone(),
            target_id: plan.target_id.clone().unwrap_or_default(),
            version_map: plan.version_map.clone(),
            writes: 0,
            verified: false,
            problems: Vec::new(),
        };
        if !plan.blockers.is_empty() {
            applied
                .problems
                .push("unmapped references to the source: nothing was written".into());
            return Ok(applied);
        }
        if !plan.tag_errors.is_empty() {
            applied
                .problems
                .push("tags the target would refuse: nothing was written".into());
            return Ok(applied);
        }
        let mut arn = plan.target_arn.clone().unwrap_or_default();
        // The checksum of what was written last, as the service gave it: the precondition
        // of the version made from it.
        let mut last_sha: Option<String> = None;
        for step in &plan.steps {
            match step.kind {
                StepKind::Skip => continue,
                StepKind::Create => {
                    let c = step.content.as_ref().expect("a content step has content");
                    let v = self
                        .target
                        .create_view(
                            &plan.view,
                            plan.description.as_deref(),
                            &HashMap::new(),
                            step.status.unwrap_or(Status::Published),
                            &c.template,
                            &c.actions,
                            &uuid::Uuid::new_v4().to_string(),
                        )
                        .await?;
                    applied.target_id = v.id.clone();
                    arn = v.arn.clone();
                    last_sha = v.content_sha256.clone();
                }
                StepKind::UpdateContent => {
                    let c = step.content.as_ref().expect("a content step has content");
                    let v = self
                        .target
                        .update_view_content(
                            &applied.target_id,
                            step.status.unwrap_or(Status::Published),
                            &c.template,
                            &c.actions,
                        )
                        .await?;
                    last_sha = v.content_sha256.clone();
                }
                StepKind::CreateVersion => {
                    let n = step.source_version.unwrap_or_default();
                    let expect = match last_sha.take() {
                        Some(s) => Some(s),
                        None => {
                            self.target
                                .describe_view(&format!("{}:$LATEST", applied.target_id))
                                .await?
                                .content_sha256
                        }
                    };
                    let v = self
                        .target
                        .create_view_version(
                            &applied.target_id,
                            Some(&format!(
                                "promoted from {} version {n} ({})",
                                self.from, plan.source_id
                            )),
                            expect.as_deref(),
                        )
                        .await?;
                    applied.version_map.retain(|(s, _)| *s != n);
                    applied.version_map.push((n, i64::from(v.version)));
                }
                StepKind::Tags => {
                    let mut tags: HashMap<String, String> = plan.tags.clone().into_iter().collect();
                    if !applied.version_map.is_empty() {
                        tags.insert(TAG_VERSIONS.into(), version_map_tag(&applied.version_map));
                    }
                    self.target.tag_view(&arn, &tags).await?;
                }
            }
            applied.writes += 1;
        }
        self.read_back(plan, &mut applied).await?;
        Ok(applied)
    }

    /// Reads the target back after the writes: the content the plan made live, and its
    /// tags; what differs is a problem, and none is verified.
    async fn read_back(&self, plan: &ViewPlan, applied: &mut Applied) -> Result<()> {
        let q = match plan.live_status {
            Status::Saved => "$SAVED",
            Status::Published => "$LATEST",
        };
        let now = self
            .target
            .describe_view(&format!("{}:{q}", applied.target_id))
            .await?;
        if let Some(live) = &plan.live
            && sha(&now.template, &now.actions) != live.sha
        {
            applied
                .problems
                .push(format!("the target's {q} is not the promoted content"));
        }
        let tags = self.target.list_tags(&now.arn).await?;
        for (k, v) in &plan.tags {
            if tags.get(k) != Some(v) {
                applied.problems.push(format!("the tag {k} is not {v}"));
            }
        }
        applied.verified = applied.problems.is_empty();
        Ok(())
    }
}

/// The plan as people read it.
pub fn render_plan(plans: &[ViewPlan], from: &str, to: &str) -> String {
    let writes: usize = plans.iter().map(ViewPlan::writes).sum();
    let mut out = format!(
        "plan: {from} → {to}: {} view{}, {writes} write{}\n",
        plans.len(),
        if plans.len() == 1 { "" } else { "s" },
        if writes == 1 { "" } else { "s" }
    );
    for p in plans {
        let target = match &p.target_id {
            Some(id) => format!("target {id}"),
            None => "new in the target".into(),
        };
        out.push_str(&format!(
            "\"{}\" (source {}, {target})\n",
            p.view, p.source_id
        ));
        for b in &p.blockers {
            out.push_str(&format!(
                "  ! unmapped    {} at {}{} in {}: {}\n",
                b.unmapped.text,
                b.unmapped.pointer,
                b.unmapped
                    .component
                    .as_ref()
                    .map(|c| format!(" (component {c})"))
                    .unwrap_or_default(),
                b.content,
                b.unmapped.why
            ));
        }
        for e in &p.tag_errors {
            out.push_str(&format!("  ! tag         {e}\n"));
        }
        for b in &p.breaks {
            out.push_str(&format!("  ! breaks      {b}\n"));
        }
        for u in &p.consumers_unknown {
            out.push_str(&format!("  ? consumers   {u}\n"));
        }
        for s in &p.steps {
            let (mark, word) = match s.kind {
                StepKind::Create => ("+", "create"),
                StepKind::UpdateContent => ("~", "update"),
                StepKind::CreateVersion => ("+", "version"),
                StepKind::Tags => ("#", "tags"),
                StepKind::Skip => ("=", "skip"),
            };
            out.push_str(&format!("  {mark} {word:<11} {}\n", s.what));
        }
    }
    out
}
