//! What makes the binary an installed tool and an editor's companion: `lsp`,
//! `json-schema`, `completions SHELL` and `man`.

use clap::CommandFactory;

use super::{OK, USAGE};
use crate::cli::{Cli, CompletionsArgs, JsonSchemaArgs, LspArgs};

/// `connect-views lsp`: the language server on stdin and stdout.
pub fn run(args: &LspArgs) -> u8 {
    match crate::lsp::run(args.level.into()) {
        Ok(()) => OK,
        Err(e) => {
            eprintln!("error: the language server stopped: {e}");
            USAGE
        }
    }
}

/// `connect-views json-schema`: the view-file format as a JSON Schema.
pub fn json_schema(args: &JsonSchemaArgs) -> u8 {
    let schema = crate::view::json_schema::of(crate::view::Catalog::builtin(), args.level.into());
    outln!(
        "{}",
        serde_json::to_string_pretty(&schema).unwrap_or_default()
    );
    OK
}

/// `connect-views completions SHELL`.
pub fn completions(args: &CompletionsArgs) -> u8 {
    let mut cmd = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "connect-views", &mut out);
    let mut script = String::from_utf8_lossy(&out).into_owned();
    let views = view_commands(&cmd);
    match args.shell {
        clap_complete::Shell::Bash => {
            // clap_complete spells a hyphenated binary's states two ways (the loop
            // `connect__views__subcmd__x`, the case arms `connect__subcmd__views__subcmd__x`), so
            // nothing past the command would complete: clap-rs/clap#6421 and #6529, open. The
            // arms are spelled as the loop spells them.
            script = script.replace("connect__subcmd__views", "connect__views");
            script = bash_view_names(&script, &views);
        }
        clap_complete::Shell::Zsh => script = zsh_view_names(&script, &views),
        clap_complete::Shell::Fish => script.push_str(&fish_view_names(&views)),
        _ => {}
    }
    out!("{script}");
    OK
}

/// The commands whose positional argument is a view on the instance (`VIEW`,
/// `VIEW[:QUALIFIER]`), with that argument's id: the ones whose VIEW a shell completes with
/// the instance's view names (`list --names`).
fn view_commands(cmd: &clap::Command) -> Vec<(String, String)> {
    cmd.get_subcommands()
        .filter_map(|sub| {
            let arg = sub.get_positionals().find(|a| {
                a.get_value_names()
                    .is_some_and(|n| n.iter().any(|v| v.starts_with("VIEW")))
            })?;
            Some((sub.get_name().to_string(), arg.get_id().to_string()))
        })
        .collect()
}

const NAMES: &str = "connect-views list --names 2>/dev/null";

/// Bash: the words of each view command's arm end with the instance's view names, read only
/// when the word being completed is not an option.
fn bash_view_names(script: &str, views: &[(String, String)]) -> String {
    let mut out =
        format!("__connect_views_names() {{\n    [[ ${{cur}} == -* ]] || {NAMES}\n}}\n\n{script}");
    for (name, _) in views {
        let arm = format!(
            "connect__views__subcmd__{})\n            opts=\"",
            name.replace('-', "__subcmd__")
        );
        let Some(at) = out.find(&arm) else { continue };
        let start = at + arm.len();
        if let Some(end) = out[start..].find('"') {
            out.insert_str(start + end, " $(__connect_views_names)");
        }
    }
    out
}

/// Zsh: each view command's VIEW argument completes with the instance's view names.
fn zsh_view_names(script: &str, views: &[(String, String)]) -> String {
    let mut out = script.replacen(
        "autoload -U is-at-least\n",
        &format!(
            "autoload -U is-at-least\n\n_connect_views_names() {{\n    local -a names\n    \
             names=(${{(f)\"$({NAMES})\"}})\n    compadd -a names\n}}\n"
        ),
        1,
    );
    for (name, id) in views {
        let Some(arm) = out.find(&format!("\n({name})\n")) else {
            continue;
        };
        let spec = format!("\n':{id} -- ");
        let Some(at) = out[arm..].find(&spec).map(|i| arm + i) else {
            continue;
        };
        let line_end = at + 1 + out[at + 1..].find('\n').unwrap_or(0);
        let line = &out[at..line_end];
        if line.ends_with(":_default' \\") {
            let fixed = line.replace(":_default' \\", ":_connect_views_names' \\");
            out.replace_range(at..line_end, &fixed);
        }
    }
    out
}

/// Fish: each view command also completes with the instance's view names.
fn fish_view_names(views: &[(String, String)]) -> String {
    views
        .iter()
        .map(|(name, _)| {
            format!(
                "complete -c connect-views -n \"__fish_connect_views_using_subcommand {name}\" \
                 -a \"({NAMES})\"\n"
            )
        })
        .collect()
}

/// `connect-views man`: one page, every command in it.
pub fn man() -> u8 {
    let cmd = Cli::command();
    let mut out = Vec::new();
    let page = clap_mangen::Man::new(cmd.clone());
    if let Err(e) = page.render(&mut out) {
        eprintln!("error: cannot render the man page: {e}");
        return USAGE;
    }
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        let name = sub.get_name();
        out.extend_from_slice(format!(".SH \"COMMAND: {}\"\n", name.to_uppercase()).as_bytes());
        let full: &'static str = Box::leak(format!("connect-views {name}").into_boxed_str());
        let section = clap_mangen::Man::new(sub.clone().name(full));
        let mut body = Vec::new();
        // The subcommand's synopsis, options and examples; its own .TH header is dropped.
        if section.render_synopsis_section(&mut body).is_ok()
            && section.render_description_section(&mut body).is_ok()
            && section.render_options_section(&mut body).is_ok()
            && section.render_extra_section(&mut body).is_ok()
        {
            let text = String::from_utf8_lossy(&body).replace(".SH ", ".SS ");
            out.extend_from_slice(text.as_bytes());
        }
    }
    out!("{}", String::from_utf8_lossy(&out));
    OK
}
