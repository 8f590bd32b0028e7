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

pub async fn run(args: &PromoteArgs) -> u8 {
    let output = args.output;
    let say = |text: &str| {
        if output == FormatArg::Text {
            eprintln!("{text}");
        }
    };
    let setup = env::options(&args.from).and_then(|from| {
        Ok((
            from,
            crate::connect::promote::target_of(&args.from, &args.to)?,
        ))
    });
    let (from, (to, map)) = match setup {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return USAGE;
        }
    };
    let source = match ConnectClient::connect(&from).await {
        Ok(c) => c,
        Err(e) => return fail(&e, output),
    };
    let target = match ConnectClient::connect(&to).await {
        Ok(c) => c,
        Err(e) => return fail(&e, output),
    };
    say(&format!(
        "from {}\nto   {}",
        source.where_to(),
        target.where_to()
    ));
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
    if blocked > 0 {
        let note = format!(
            "{blocked} view{} hold references to the source instance with no entry in \
             [arn_map.{}.{}] of connect-views.toml: nothing was written",
            if blocked == 1 { "" } else { "s" },
            args.from,
            args.to
        );
        match output {
            FormatArg::Json => print_json(None, &note),
            FormatArg::Text => eprintln!("error: {note}"),
        }
        return USAGE;
    }
    if writes == 0 || args.dry_run {
        let note = if writes == 0 {
            "nothing to do: the target is in step".to_string()
        } else {
            format!("dry run: {writes} writes planned, none made")
        };
        match output {
            FormatArg::Json => print_json(None, &note),
            FormatArg::Text => outln!("{note}"),
        }
        return OK;
    }
    if !args.yes {
        let confirmed = if target.protected() {
            ask(
                &format!(
                    "{} is protected: type its name to make {writes} writes:",
                    args.to
                ),
                &args.to,
            )
        } else {
            ask(&format!("make {writes} writes to {}? [y/N]", args.to), "y")
        };
        if !confirmed {
            let note = "not confirmed: nothing was written (--yes writes without asking)";
            match output {
                FormatArg::Json => print_json(None, note),
                FormatArg::Text => eprintln!("error: {note}"),
            }
            return USAGE;
        }
    }
    let mut applied = Vec::new();
    for p in &plans {
        if p.writes() == 0 {
            continue;
        }
        match promotion.apply(p).await {
            Ok(a) => {
                if output == FormatArg::Text {
                    let map: Vec<String> = a
                        .version_map
                        .iter()
                        .map(|(s, t)| format!("{s}→{t}"))
                        .collect();
                    outln!(
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
                    );
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
