//! The layout as text for a terminal or a file: plain, or with SGR escapes for the roles.

use super::{Layout, Role};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorMode {
    /// Colour when standard output is a terminal and `NO_COLOR` is not set.
    Auto,
    Always,
    Never,
}

/// The lines as plain text, trailing spaces trimmed.
pub fn to_plain(layout: &Layout) -> String {
    let mut out = String::new();
    for l in &layout.lines {
        out.push_str(l.text().trim_end());
        out.push('\n');
    }
    out
}

/// The SGR parameters of a role: a modifier for every role that matters (so it reads
/// without colour) and a colour from the 16 ANSI ones.
fn sgr(role: Role) -> &'static str {
    match role {
        Role::Text => "",
        Role::Dim | Role::Placeholder => "2",
        Role::Strong => "1",
        Role::Heading => "1;4",
        Role::Border => "90",
        Role::Filled => "3;36",
        Role::Unfilled => "3;33",
        Role::Link => "4;34",
        Role::Primary => "1;7",
        Role::Button => "1",
        Role::Disabled => "2;9",
        Role::Field => "4",
        Role::Error => "1;31",
        Role::Success => "32",
        Role::Warning => "33",
        Role::Info => "34",
        Role::Unrendered => "2;3;35",
    }
}

/// The lines with escapes for each role.
pub fn to_ansi(layout: &Layout) -> String {
    let mut out = String::new();
    for l in &layout.lines {
        let mut line = String::new();
        for s in l.spans() {
            let code = sgr(s.role);
            if code.is_empty() {
                line.push_str(&s.text);
            } else {
                line.push_str(&format!("\x1b[{code}m{}\x1b[0m", s.text));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
