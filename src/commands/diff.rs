//! `connect-views diff A B`: two views compared component by component.

use std::path::Path;

use super::{FAILED, OK, USAGE};
use crate::cli::{DiffArgs, DiffFormat};
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
    let path = Path::new(side);
    if path.exists() {
        let doc = ViewDocument::load(path).map_err(|e| format!("{side}: {e}"))?;
        return Ok(Read {
            label: side.to_string(),
            template: doc.template,
            actions: doc.actions,
        });
    }
    // ENV:VIEW[:QUALIFIER] when ENV is an environment of connect-views.toml.
    let (env, view) = match side.split_once(':') {
        Some((env, rest)) if crate::connect::env::load(env).is_ok() => {
            (Some(env.to_string()), rest)
        }
        _ => (None, side),
    };
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
        DiffFormat::Text => print!("{}", render_text(&d)),
        DiffFormat::Json => println!("{}", serde_json::to_string_pretty(&d).unwrap_or_default()),
        DiffFormat::Unified => {
            let text = |r: &Read| {
                let pretty = Template::parse(&r.template)
                    .map(|t| t.to_pretty())
                    .unwrap_or_else(|_| r.template.clone());
                format!("{pretty}\nActions: {}\n", r.actions.join(", "))
            };
            print!("{}", unified(&text(&a), &text(&b), &a.label, &b.label));
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
