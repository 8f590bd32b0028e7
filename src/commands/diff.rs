//! `connect-views diff A B`: two views compared component by component.

use std::path::Path;

use super::{FAILED, OK, USAGE};
use crate::cli::{DiffArgs, DiffFormat, DriftArgs, FormatArg};
use crate::connect::ConnectClient;
use crate::view::diff::{Side, diff, render_text};
use crate::view::tree::Tree;
use crate::view::{Catalog, Template, ViewDocument};

/// A side read: where from (for messages), the template text and the actions.
struct Read {
    label: String,
    template: String,
    actions: Vec<String>,
}

/// The clients made so far: one for the command line's target, one per environment.
type Clients = Vec<(Option<String>, ConnectClient)>;

async fn read(side: &str, clients: &mut Clients, args: &DiffArgs) -> Result<Read, String> {
    use crate::connect::side::SideRef;
    let (env, view) = match SideRef::read(side) {
        SideRef::File(path) => {
            let doc = ViewDocument::load(&path).map_err(|e| format!("{side}: {e}"))?;
            return Ok(Read {
                label: side.to_string(),
                template: doc.template,
                actions: doc.actions,
            });
        }
        SideRef::View { env, view } if view.is_empty() => {
            return Err(format!(
                "{side}: the environment {} names no view; write {side}:VIEW",
                env.unwrap_or_default()
            ));
        }
        SideRef::View { env, view } => (env, view),
    };
    let view = view.as_str();
    if !clients.iter().any(|(e, _)| *e == env) {
        let mut target = args.target.clone();
        if env.is_some() {
            target.env = env.clone();
        }
        let c = ConnectClient::connect(&target.options())
            .await
            .map_err(|e| e.to_string())?;
        eprintln!("on {}", c.where_to());
        clients.push((env.clone(), c));
    }
    let c = &clients
        .iter()
        .find(|(e, _)| *e == env)
        .unwrap_or_else(|| unreachable!())
        .1;
    let v = super::service::describe_spec(c, view)
        .await
        .map_err(|e| format!("{side}: {e}"))?;
    Ok(Read {
        label: side.to_string(),
        template: v.template,
        actions: v.actions,
    })
}

pub async fn run(args: &DiffArgs) -> u8 {
    let mut clients: Clients = Vec::new();
    let (a, b) = match (
        read(&args.a, &mut clients, args).await,
        read(&args.b, &mut clients, args).await,
    ) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("error: {e}");
            return USAGE;
        }
    };
    let parse = |r: &Read| {
        Tree::parse(&r.template).ok_or_else(|| format!("{}: the template is not JSON", r.label))
    };
    let (ta, tb) = match (parse(&a), parse(&b)) {
        (Ok(x), Ok(y)) => (x, y),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("error: {e}");
            return USAGE;
        }
    };
    let d = diff(
        &Side {
            tree: &ta,
            actions: &a.actions,
        },
        &Side {
            tree: &tb,
            actions: &b.actions,
        },
        Catalog::builtin(),
    );
    match args.format {
        DiffFormat::Text => out!("{}", render_text(&d)),
        DiffFormat::Json => outln!("{}", serde_json::to_string_pretty(&d).unwrap_or_default()),
        DiffFormat::Unified => {
            let text = |r: &Read| {
                let pretty = Template::parse(&r.template)
                    .map(|t| t.to_pretty())
                    .unwrap_or_else(|_| r.template.clone());
                format!("{pretty}\nActions: {}\n", r.actions.join(", "))
            };
            out!("{}", unified(&text(&a), &text(&b), &a.label, &b.label));
        }
    }
    if d.is_empty() { OK } else { FAILED }
}

/// A unified diff of two texts by lines (three lines of context). The common start and end
/// are matched first; the rest by longest common subsequence, or shown whole when too long
/// for that.
pub fn unified(old: &str, new: &str, old_name: &str, new_name: &str) -> String {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    let pre = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suf = a[pre..]
        .iter()
        .rev()
        .zip(b[pre..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (am, bm) = (&a[pre..a.len() - suf], &b[pre..b.len() - suf]);
    // (tag, line): ' ' same, '-' old only, '+' new only.
    let mut ops: Vec<(char, &str)> = a[..pre].iter().map(|l| (' ', *l)).collect();
    if am.len() * bm.len() <= 4_000_000 {
        let (n, m) = (am.len(), bm.len());
        let t = crate::view::diff::lcs_table(am, bm);
        let (mut i, mut j) = (0, 0);
        while i < n || j < m {
            if i < n && j < m && am[i] == bm[j] {
                ops.push((' ', am[i]));
                i += 1;
                j += 1;
            } else if j < m && (i == n || t[i][j + 1] >= t[i + 1][j]) {
                ops.push(('+', bm[j]));
                j += 1;
            } else {
                ops.push(('-', am[i]));
                i += 1;
            }
        }
    } else {
        ops.extend(am.iter().map(|l| ('-', *l)));
        ops.extend(bm.iter().map(|l| ('+', *l)));
    }
    ops.extend(a[a.len() - suf..].iter().map(|l| (' ', *l)));
    if ops.iter().all(|(t, _)| *t == ' ') {
        return String::new();
    }
    let mut out = format!("--- {old_name}\n+++ {new_name}\n");
    // Hunks: changes with three lines of context around them.
    let changed: Vec<usize> = ops
        .iter()
        .enumerate()
        .filter(|(_, (t, _))| *t != ' ')
        .map(|(i, _)| i)
        .collect();
    let mut k = 0;
    while k < changed.len() {
        let start = changed[k].saturating_sub(3);
        let mut end = changed[k];
        while k + 1 < changed.len() && changed[k + 1] <= end + 7 {
            k += 1;
            end = changed[k];
        }
        let end = (end + 4).min(ops.len());
        let old_start = ops[..start].iter().filter(|(t, _)| *t != '+').count() + 1;
        let new_start = ops[..start].iter().filter(|(t, _)| *t != '-').count() + 1;
        let old_len = ops[start..end].iter().filter(|(t, _)| *t != '+').count();
        let new_len = ops[start..end].iter().filter(|(t, _)| *t != '-').count();
        out.push_str(&format!(
            "@@ -{old_start},{old_len} +{new_start},{new_len} @@\n"
        ));
        for (t, l) in &ops[start..end] {
            out.push(*t);
            out.push_str(l);
            out.push('\n');
        }
        k += 1;
    }
    out
}

/// How one view file stands against the instance.
#[derive(serde::Serialize)]
struct Standing {
    /// The view file, or the source a promoted view came from (`ENV/VIEW-ID`).
    file: String,
    view: String,
    /// in_sync, drift, missing, unreadable (the file could not be read: `note` says why);
    /// for promoted views: edited (changed on the target outside the tool), source_ahead
    /// (the source changed since the promotion)
    state: &'static str,
    /// `$SAVED` differs from `$LATEST`: a draft saved and not published.
    draft: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    changes: Option<crate::view::diff::Diff>,
    /// What could not be compared, and why.
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<String>,
}

/// What is live of a view ($LATEST once it was ever published, a later SAVED write leaving
/// it; else $SAVED), and whether a $SAVED draft differs from it.
async fn live_of(
    c: &ConnectClient,
    id: &str,
) -> Result<(crate::connect::View, bool), crate::connect::ConnectError> {
    let (live, q) = c.live_view(id).await?;
    if q == crate::view::status::Qualifier::Saved {
        return Ok((live, false));
    }
    let saved = c.describe_view(&format!("{id}:$SAVED")).await?;
    let draft = checksum(&saved) != checksum(&live);
    Ok((live, draft))
}

fn checksum(v: &crate::connect::View) -> String {
    crate::view::content_sha256(&v.template, &v.actions)
}

/// A promoted view's changes, old to new in the direction of time: the live view was
/// promoted from the source, so when the source moved on (`source_ahead`) the live view is
/// the old side; otherwise what was promoted is.
fn in_time_order(
    state: &str,
    source: (&str, &[String]),
    live: (&str, &[String]),
) -> Option<crate::view::diff::Diff> {
    let d = if state == "source_ahead" {
        components(live, source)
    } else {
        components(source, live)
    };
    d.filter(|d| !d.is_empty())
}

/// The component diff of two contents, when both parse.
fn components(old: (&str, &[String]), new: (&str, &[String])) -> Option<crate::view::diff::Diff> {
    let (a, b) = (Tree::parse(old.0)?, Tree::parse(new.0)?);
    Some(diff(
        &Side {
            tree: &a,
            actions: old.1,
        },
        &Side {
            tree: &b,
            actions: new.1,
        },
        Catalog::builtin(),
    ))
}

/// `connect-views drift`: the view files of a directory, or the views promoted to the
/// environment, against what is live.
pub async fn drift(args: &DriftArgs) -> u8 {
    let standings = match &args.dir {
        Some(dir) => drift_files(args, dir).await,
        None => drift_promoted(args).await,
    };
    let standings = match standings {
        Ok(s) => s,
        Err(code) => return code,
    };
    let unreadable = standings.iter().filter(|s| s.state == "unreadable").count();
    let drifted = standings
        .iter()
        .filter(|s| s.state != "in_sync" && s.state != "unreadable")
        .count();
    match args.service.output {
        FormatArg::Json => outln!(
            "{}",
            serde_json::to_string_pretty(&standings).unwrap_or_default()
        ),
        FormatArg::Text => {
            for s in &standings {
                let draft = if s.draft {
                    "; a $SAVED draft differs from $LATEST (saved, not published)"
                } else {
                    ""
                };
                let what = match s.state {
                    "in_sync" => "in sync",
                    "missing" => "missing on the instance",
                    "edited" => {
                        "changed on the instance outside the tool (it is not what was promoted)"
                    }
                    "source_ahead" => "the source changed since it was promoted",
                    "unreadable" => "not checked: the file cannot be read as a view",
                    _ => "drift",
                };
                if s.state == "unreadable" {
                    outln!("{}: {what}", s.file);
                } else {
                    outln!("{} → \"{}\": {what}{draft}", s.file, s.view);
                }
                if let Some(n) = &s.note {
                    outln!("  ({n})");
                }
                if let Some(d) = &s.changes {
                    for line in render_text(d).lines() {
                        outln!("  {line}");
                    }
                }
            }
            let checked = standings.len() - unreadable;
            out!(
                "{checked} view{} checked: {} in sync, {drifted} drifted",
                if checked == 1 { "" } else { "s" },
                checked - drifted
            );
            if unreadable > 0 {
                out!(
                    "; {unreadable} file{} unreadable",
                    if unreadable == 1 { "" } else { "s" }
                );
            }
            outln!();
        }
    }
    if unreadable > 0 {
        USAGE
    } else if drifted > 0 {
        FAILED
    } else {
        OK
    }
}

async fn drift_files(args: &DriftArgs, dir: &Path) -> Result<Vec<Standing>, u8> {
    let mut files: Vec<std::path::PathBuf> = match std::fs::read_dir(dir) {
        Ok(entries) => entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.to_string_lossy().ends_with(".view.json"))
            .collect(),
        Err(e) => {
            eprintln!("error: cannot read {}: {e}", dir.display());
            return Err(USAGE);
        }
    };
    files.sort();
    let mut docs = Vec::new();
    // A file that cannot be read or parsed is reported and the others are checked.
    let mut unreadable = Vec::new();
    for f in &files {
        match ViewDocument::load(f) {
            Ok(d) if args.views.is_empty() || args.views.contains(&d.name) => {
                docs.push((f.clone(), d))
            }
            Ok(_) => {}
            Err(e) => unreadable.push(Standing {
                file: f.display().to_string(),
                view: String::new(),
                state: "unreadable",
                draft: false,
                changes: None,
                note: Some(e.to_string()),
            }),
        }
    }
    for v in &args.views {
        if !docs.iter().any(|(_, d)| d.name == *v) {
            eprintln!("error: no view file in {} is named \"{v}\"", dir.display());
            return Err(USAGE);
        }
    }
    let work = async |c: &ConnectClient| {
        let mut out = Vec::new();
        // The instance's customer views, listed once for every file. An error here (access
        // denied included) stops the command: never "missing".
        let listed = c
            .list_views(Some(crate::connect::types::ViewTypeFilter::Customer))
            .await?;
        for (file, doc) in &docs {
            let Some(summary) = listed.iter().find(|v| v.name == doc.name) else {
                out.push(Standing {
                    file: file.display().to_string(),
                    view: doc.name.clone(),
                    state: "missing",
                    draft: false,
                    changes: None,
                    note: None,
                });
                continue;
            };
            let (live, draft) = live_of(c, &summary.id).await?;
            let d = components(
                (&live.template, &live.actions),
                (&doc.template, &doc.actions),
            );
            out.push(Standing {
                file: file.display().to_string(),
                view: doc.name.clone(),
                state: match &d {
                    Some(d) if d.is_empty() => "in_sync",
                    _ => "drift",
                },
                draft,
                changes: d.filter(|d| !d.is_empty()),
                note: None,
            });
        }
        Ok(out)
    };
    super::service::call(&args.service.target, args.service.output, work)
        .await
        .map(|(_, mut s)| {
            s.extend(unreadable);
            s
        })
}

/// The views of the environment that a promotion made (their `cv:` tags): what is live
/// against what was promoted, and against the source as it is now when its environment is
/// defined here.
async fn drift_promoted(args: &DriftArgs) -> Result<Vec<Standing>, u8> {
    use crate::connect::promote::{TAG_FROM, TAG_SHA, TAG_SOURCE};
    let to = args.service.target.env.clone().unwrap_or_default();
    let work = async |c: &ConnectClient| {
        let mut out = Vec::new();
        let mut sources: Vec<(String, Option<ConnectClient>)> = Vec::new();
        let listed = c
            .list_views(Some(crate::connect::types::ViewTypeFilter::Customer))
            .await?;
        for v in &listed {
            if !args.views.is_empty() && !args.views.contains(&v.name) {
                continue;
            }
            let tags = c.list_tags(&v.arn).await?;
            let Some(from) = tags.get(TAG_FROM) else {
                continue;
            };
            let (live, draft) = live_of(c, &v.id).await?;
            let live_sha = checksum(&live);
            let edited = tags.get(TAG_SHA) != Some(&live_sha);
            // The source as it is now, through the same ARN map.
            let (env, source_id) = from.split_once('/').unwrap_or((from.as_str(), ""));
            if !sources.iter().any(|(e, _)| e == env) {
                let client = match crate::connect::env::options(env) {
                    Ok(o) => crate::connect::ConnectClient::connect(&o).await.ok(),
                    Err(_) => None,
                };
                sources.push((env.to_string(), client));
            }
            let source = sources
                .iter()
                .find(|(e, _)| e == env)
                .and_then(|(_, c)| c.as_ref());
            let q = match tags.get(TAG_SOURCE).map(String::as_str) {
                Some("SAVED") => "$SAVED".to_string(),
                Some(n) if n.bytes().all(|b| b.is_ascii_digit()) && !n.is_empty() => n.into(),
                _ => "$LATEST".to_string(),
            };
            let mut note = None;
            let mut expected = None;
            match source {
                None => {
                    note = Some(format!(
                        "the source environment {env} is not defined here: compared with the checksum recorded at the promotion only"
                    ))
                }
                Some(s) => match s.describe_view(&format!("{source_id}:{q}")).await {
                    Ok(src) => {
                        let refs = crate::view::promote::Refs {
                            source_instance: crate::view::promote::instance_id_of(s.instance()),
                            source_account: crate::view::promote::account_of(&src.arn),
                            target_account: crate::view::promote::account_of(&v.arn),
                        };
                        let map = crate::connect::env::arn_map(env, &to).unwrap_or_default();
                        match crate::view::promote::rewrite(&src.template, &refs, &map) {
                            Ok((t, _)) => expected = Some((t, src.actions.clone())),
                            Err(u) => {
                                note = Some(format!(
                                    "the source now holds {} unmapped reference(s) to its instance",
                                    u.len()
                                ))
                            }
                        }
                    }
                    Err(e) => note = Some(format!("the source could not be read: {e}")),
                },
            }
            let source_sha = expected
                .as_ref()
                .map(|(t, a)| crate::view::content_sha256(t, a));
            let state = if edited {
                "edited"
            } else if source_sha.is_some() && source_sha.as_ref() != tags.get(TAG_SHA) {
                "source_ahead"
            } else {
                "in_sync"
            };
            let changes = expected
                .as_ref()
                .and_then(|(t, a)| in_time_order(state, (t, a), (&live.template, &live.actions)));
            out.push(Standing {
                file: from.clone(),
                view: v.name.clone(),
                state,
                draft,
                changes,
                note,
            });
        }
        Ok(out)
    };
    super::service::call(&args.service.target, args.service.output, work)
        .await
        .map(|(_, s)| s)
}
