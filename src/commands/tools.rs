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
    if args.shell == clap_complete::Shell::Bash {
        // clap_complete spells a hyphenated binary's states two ways (the loop
        // `connect__views__subcmd__x`, the case arms `connect__subcmd__views__subcmd__x`), so
        // nothing past the command would complete: clap-rs/clap#6421 and #6529, open. The
        // arms are spelled as the loop spells them.
        script = script.replace("connect__subcmd__views", "connect__views");
    }
    out!("{script}");
    OK
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
