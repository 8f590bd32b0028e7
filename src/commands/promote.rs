//! `connect-views promote`: plan, confirm, apply, verify.

use std::io::{BufRead, IsTerminal, Write};

use serde_json::json;

use super::service::fail;
use super::{FAILED, OK, USAGE};
use crate::cli::{FormatArg, PromoteArgs};
use crate::connect::promote::{Promotion, ViewPlan, render_plan};
use crate::connect::{ConnectClient, ViewSpec, env};

/// Asks on the terminal; false when there is none to ask on.
fn ask(question: &str, answer: &str) -> bool {
    if !std::io::stdin().is_terminal() {
        return false;
    }
    eprint!("{question} ");
    let _ = std::io::stderr().flush();
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line).is_ok() && line.trim() == answer
}

/// Asks before the writes: a protected target's name typed, else y.
fn confirm(to: &str, protected: bool, writes: usize) -> bool {
    if protected {
        ask(
            &format!("{to} is protected: type its name to make {writes} writes:"),
            to,
        )
    } else {
        ask(&format!("make {writes} writes to {to}? [y/N]"), "y")
    }
}

/// What a view's promotion did, on a line: its writes, the target, the version map, and
/// whether reading it back found it as planned.
fn applied_line(a: &crate::connect::promote::Applied) -> String {
    let map: Vec<String> = a
        .version_map
        .iter()
        .map(|(s, t)| format!("{s}→{t}"))
        .collect();
    format!(
        "\"{}\": {} write{} to {}{}; {}",
        a.view,
        a.writes,
        if a.writes == 1 { "" } else { "s" },
        a.target_id,
        if map.is_empty() {
            String::new()
        } else {
            format!(", versions {}", map.join(" "))
        },
        if a.verified {
            "verified".to_string()
        } else {
            format!("NOT as planned: {}", a.problems.join("; "))
        }
    )
}

/// Why nothing is written, and the exit status, when nothing is: references to the source
/// with no ARN map entry (`blocked` views), nothing to do, or a dry run.
fn stop_before_writing(args: &PromoteArgs, blocked: usize, writes: usize) -> Option<(u8, String)> {
    if blocked > 0 {
        let note = format!(
            "{blocked} view{} hold references to the source instance with no entry in \
             [arn_map.{}.{}] of connect-views.toml: nothing was written",
            if blocked == 1 { "" } else { "s" },
            args.from,
            args.to
        );
        return Some((USAGE, note));
    }
    if writes == 0 {
        return Some((OK, "nothing to do: the target is in step".to_string()));
    }
    args.dry_run
        .then(|| (OK, format!("dry run: {writes} writes planned, none made")))
}

/// Both ends of the promotion, connected, and the ARN map between them (the exit status
/// when they cannot be had).
async fn ends(
    args: &PromoteArgs,
) -> Result<
    (
        ConnectClient,
        ConnectClient,
        indexmap::IndexMap<String, String>,
    ),
    u8,
> {
    let setup = env::options(&args.from).and_then(|from| {
        Ok((
            from,
            crate::connect::promote::target_of(&args.from, &args.to)?,
        ))
    });
    let (from, (to, map)) = setup.map_err(|e| {
        eprintln!("error: {e}");
        USAGE
    })?;
    let source = ConnectClient::connect(&from)
        .await
        .map_err(|e| fail(&e, args.output))?;
    let target = ConnectClient::connect(&to)
        .await
        .map_err(|e| fail(&e, args.output))?;
    if args.output == FormatArg::Text {
        eprintln!("from {}\nto   {}", source.where_to(), target.where_to());
    }
    Ok((source, target, map))
}

pub async fn run(args: &PromoteArgs) -> u8 {
    let output = args.output;
    let (source, target, map) = match ends(args).await {
        Ok(e) => e,
        Err(code) => return code,
    };
    let promotion = Promotion {
        source: &source,
        target: &target,
        from: args.from.clone(),
        map,
        history: args.history,
    };
    let specs: Vec<ViewSpec> = args.views.iter().map(|v| ViewSpec::parse(v)).collect();
    let plans = match promotion.plan(&specs).await {
        Ok(p) => p,
        Err(e) => return fail(&e, output),
    };
    let writes: usize = plans.iter().map(ViewPlan::writes).sum();
    let blocked = plans.iter().filter(|p| p.blocked()).count();
    let print_json = |applied: Option<&[crate::connect::promote::Applied]>, note: &str| {
        outln!(
            "{}",
            serde_json::to_string_pretty(&json!({
                "from": args.from,
                "to": args.to,
                "plan": plans,
                "writes": writes,
                "applied": applied,
                "note": note,
            }))
            .unwrap_or_default()
        );
    };
    if output == FormatArg::Text {
        out!("{}", render_plan(&plans, &args.from, &args.to));
    }
    let stop = stop_before_writing(args, blocked, writes).or_else(|| {
        let confirmed = args.yes || confirm(&args.to, target.protected(), writes);
        let note = "not confirmed: nothing was written (--yes writes without asking)";
        (!confirmed).then(|| (USAGE, note.to_string()))
    });
    if let Some((code, note)) = stop {
        match output {
            FormatArg::Json => print_json(None, &note),
            FormatArg::Text if code == OK => outln!("{note}"),
            FormatArg::Text => eprintln!("error: {note}"),
        }
        return code;
    }
    let mut applied = Vec::new();
    for p in &plans {
        if p.writes() == 0 {
            continue;
        }
        match promotion.apply(p).await {
            Ok(a) => {
                if output == FormatArg::Text {
                    outln!("{}", applied_line(&a));
                }
                applied.push(a);
            }
            Err(e) => {
                if output == FormatArg::Json {
                    print_json(Some(&applied), "stopped by a service error");
                }
                eprintln!(
                    "error: \"{}\" stopped after {} views promoted: {e}",
                    p.view,
                    applied.len()
                );
                return FAILED;
            }
        }
    }
    let ok = applied.iter().all(|a| a.verified);
    if output == FormatArg::Json {
        print_json(
            Some(&applied),
            if ok {
                "promoted and verified"
            } else {
                "the check after the writes failed"
            },
        );
    }
    if ok { OK } else { FAILED }
}
