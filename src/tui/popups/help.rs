//! The help overlay: a section per keymap context, a row per command bound there, from the
//! command table (so it is right by construction).

use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use super::{Drawn, capitalized, wrap};
use crate::tui::action::Command;
use crate::tui::component::Msg;
use crate::tui::cx::Cx;
use crate::tui::keymap::Context;
use crate::tui::theme::Role;

pub(super) fn handle(scroll: &mut usize, command: Option<Command>, out: &mut Vec<Msg>) {
    match command {
        Some(Command::Down) => *scroll += 1,
        Some(Command::Up) => *scroll = scroll.saturating_sub(1),
        Some(Command::ScrollDown) => *scroll += 10,
        Some(Command::ScrollUp) => *scroll = scroll.saturating_sub(10),
        // Any other key closes the help.
        _ => out.push(Msg::Close),
    }
}

pub(super) fn draw(scroll: usize, app: &Cx, area: Rect) -> Drawn<'static> {
    let lines = help_lines(app, area).into_iter().skip(scroll).collect();
    Drawn::new("Help (Esc closes, arrows scroll)", lines, 100, 40).scrolling_itself()
}

/// The help overlay's lines: a section per context, a row per command there.
fn help_lines(state: &Cx, area: Rect) -> Vec<Line<'static>> {
    let t = &state.theme;
    let mut lines = vec![Line::from(Span::styled(
        "Keys (remap them in keymap.toml in the config directory: [keys] name = \"key\")",
        Style::default().add_modifier(Modifier::BOLD),
    ))];
    // A section per context, in the order the table first uses them; in each, a
    // row per command: its keys there, its name in keymap.toml, its help.
    let bold = Style::default().add_modifier(Modifier::BOLD);
    // The help column's width inside the 100-column overlay; longer help wraps
    // under itself.
    let width = 100usize
        .min((area.width as usize).saturating_sub(2))
        .saturating_sub(2 + 40)
        .max(20);
    for context in Context::all() {
        if !state.keymap.bindings.iter().any(|b| b.context == context) {
            continue;
        }
        lines.push(Line::raw(""));
        lines.push(Line::from(Span::styled(
            capitalized(context.name()),
            t.style(Role::Title).add_modifier(Modifier::BOLD),
        )));
        for c in Command::all() {
            let keys: Vec<String> = state
                .keymap
                .bindings
                .iter()
                .filter(|b| b.command == c && b.context == context)
                .map(|b| b.key.to_string())
                .collect();
            if keys.is_empty() {
                continue;
            }
            for (i, part) in wrap(c.help_in(context), width).into_iter().enumerate() {
                lines.push(if i == 0 {
                    Line::from(vec![
                        Span::styled(format!("  {:<18}", keys.join(", ")), bold),
                        Span::styled(format!("{:<20}", c.name()), t.style(Role::Muted)),
                        Span::raw(part),
                    ])
                } else {
                    Line::raw(format!("{:40}{part}", ""))
                });
            }
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::raw(
        "Prompts and the metadata dialog take what is typed; any key the help does not \
         list closes this overlay.",
    ));
    lines
}
