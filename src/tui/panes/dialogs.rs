//! Dialogs: help, submit, metadata, confirm quit and one-line prompts.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use super::{centered, pane_block};
use crate::tui::action::Command;
use crate::tui::keymap::Context;
use crate::tui::state::{AppState, Dialog, RemoteState};
use crate::tui::theme::Role;
use crate::tui::update::{dialog_commands, key_name};
use crate::view::lines::diff_stat;
use crate::view::{Level, Tally};

/// Words into lines of at most `width` characters (a longer word has a line of its own).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            out.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() || out.is_empty() {
        out.push(line);
    }
    out
}

fn capitalized(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// A dialog's keys on one line, from the command table: `Enter submit · Esc cancel`.
fn key_line(state: &AppState, context: Context) -> String {
    dialog_commands(state, context)
        .into_iter()
        .map(|c| format!("{} {}", key_name(state, context, c), c.label()))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// A dialog's keys one per line, from the command table: `o  overwrite it with yours`.
fn key_rows(state: &AppState, context: Context) -> Vec<Line<'static>> {
    dialog_commands(state, context)
        .into_iter()
        .map(|c| {
            Line::from(Span::styled(
                format!("{}  {}", key_name(state, context, c), c.label()),
                Style::default().add_modifier(Modifier::BOLD),
            ))
        })
        .collect()
}

/// The help overlay's lines: a section per context, a row per command there.
fn help_lines(state: &AppState, area: Rect) -> Vec<Line<'static>> {
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
    for &context in Context::ALL {
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
            for (i, part) in wrap(c.help(), width).into_iter().enumerate() {
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

pub fn render(frame: &mut Frame, area: Rect, state: &AppState, dialog: &Dialog) {
    let t = &state.theme;
    let (title, lines, w, h): (String, Vec<Line>, u16, u16) = match dialog {
        Dialog::Palette(p) => {
            let entries = crate::view::palette::entries(crate::view::Catalog::builtin());
            let ranked = crate::view::palette::rank(&p.query, &entries);
            let h = area.height.saturating_sub(4).min(24);
            let room = (h as usize).saturating_sub(6).max(3);
            let start = p.selected.saturating_sub(room.saturating_sub(1));
            let mut lines = vec![Line::from(vec![
                Span::raw(format!("> {}", p.query)),
                Span::styled(" ", Style::default().add_modifier(Modifier::REVERSED)),
                Span::styled(
                    format!("   {} of {}", ranked.len(), entries.len()),
                    t.style(Role::Muted),
                ),
            ])];
            if let Some(e) = &p.error {
                lines.push(Line::from(Span::styled(
                    e.clone(),
                    t.style(Role::Error).add_modifier(Modifier::BOLD),
                )));
            }
            for (i, e) in ranked.iter().enumerate().skip(start).take(room) {
                let name = Span::styled(
                    format!("{:<26}", e.name),
                    if e.pattern.is_some() {
                        t.style(Role::String)
                    } else {
                        t.style(Role::Key)
                    },
                );
                let help: String = e.help.chars().take(60).collect();
                let mut spans = vec![name, Span::styled(help, t.style(Role::Muted))];
                if i == p.selected {
                    spans = super::reversed(spans);
                }
                lines.push(Line::from(spans));
            }
            lines.push(Line::raw(""));
            lines.push(Line::from(Span::styled(
                key_line(state, dialog.context()),
                t.style(Role::Muted),
            )));
            ("Component palette".to_string(), lines, 96, h)
        }
        Dialog::Help { scroll } => {
            let lines = help_lines(state, area).into_iter().skip(*scroll).collect();
            (
                "Help (Esc closes, arrows scroll)".to_string(),
                lines,
                100,
                40,
            )
        }
        Dialog::Submit(d) => {
            let level = state.level;
            let status = match level {
                Level::Published => "PUBLISHED (moves $SAVED and $LATEST)",
                Level::Saved => "SAVED (moves $SAVED only)",
            };
            let mut lines = Vec::new();
            let row = |k: &str, v: String| {
                Line::from(vec![
                    Span::styled(format!("{k:<12}"), t.style(Role::Muted)),
                    Span::raw(v),
                ])
            };
            let (op, diff) = match &d.remote {
                RemoteState::Checking => ("checking the instance…".to_string(), String::new()),
                RemoteState::Failed(e) => {
                    (format!("cannot tell: {e} (Enter retries)"), String::new())
                }
                RemoteState::Known(r) => match &r.summary {
                    None => (
                        "create (no view of this name yet)".to_string(),
                        "new view".to_string(),
                    ),
                    Some(s) => {
                        // The component diff (made when the look-up answered); a line
                        // count only when the instance's copy did not parse.
                        let diff = match (&d.changes, &r.template) {
                            (Some(changes), _) => format!(
                                "{} against {}",
                                changes.last().map(String::as_str).unwrap_or("no change"),
                                r.qualifier
                            ),
                            (None, Some(remote)) => {
                                let (added, removed) =
                                    diff_stat(remote, &state.template_editor().text());
                                format!("+{added} -{removed} lines against {}", r.qualifier)
                            }
                            (None, None) => "no content to compare".into(),
                        };
                        (format!("update view {}", s.id), diff)
                    }
                },
            };
            lines.push(row("operation", op));
            lines.push(row(
                "instance",
                state
                    .instance
                    .clone()
                    .unwrap_or_else(|| "connecting…".into()),
            ));
            lines.push(row("target", state.target.clone().unwrap_or_default()));
            lines.push(row("view name", state.meta.name.clone()));
            lines.push(Line::from(vec![
                Span::styled(format!("{:<12}", "status"), t.style(Role::Muted)),
                Span::styled(status, Style::default().add_modifier(Modifier::BOLD)),
                Span::styled(
                    format!(
                        "  ({} switches)",
                        key_name(state, Context::SubmitDialog, Command::ToggleLevel)
                    ),
                    t.style(Role::Muted),
                ),
            ]));
            let diagnostics = if state.validation_current() {
                Tally::of(&state.validation.diagnostics).to_string()
            } else {
                "validating…".into()
            };
            lines.push(row("diagnostics", diagnostics));
            lines.push(row("changes", diff));
            // The first changes, component by component.
            let shown_changes: Vec<String> = d
                .changes
                .as_ref()
                .map(|c| {
                    let body = &c[..c.len().saturating_sub(1)];
                    let mut v: Vec<String> = body.iter().take(5).cloned().collect();
                    if body.len() > 5 {
                        v.push(format!(
                            "… {} more (connect-views diff shows all)",
                            body.len() - 5
                        ));
                    }
                    v
                })
                .unwrap_or_default();
            for c in &shown_changes {
                let style = if c.ends_with("[breaking]") {
                    t.style(Role::Warning).add_modifier(Modifier::BOLD)
                } else {
                    Style::default()
                };
                lines.push(Line::from(vec![
                    Span::raw(format!("{:<12}", "")),
                    Span::styled(c.clone(), style),
                ]));
            }
            if let Some(risk) = crate::tui::update::overwrite_risk(state) {
                lines.push(Line::from(vec![
                    Span::styled(format!("{:<12}", "overwrites"), t.style(Role::Muted)),
                    Span::styled(
                        risk.describe(&state.meta.name),
                        t.style(Role::Warning).add_modifier(Modifier::BOLD),
                    ),
                ]));
            }
            lines.push(Line::raw(""));
            if let Some(m) = &d.message {
                lines.push(Line::from(Span::styled(
                    m.clone(),
                    t.style(Role::Error).add_modifier(Modifier::BOLD),
                )));
                lines.push(Line::raw(""));
            }
            let footer = key_line(state, dialog.context());
            lines.push(Line::from(Span::styled(footer, t.style(Role::Muted))));
            // Room for the overwrite warning, which wraps.
            let h = if crate::tui::update::overwrite_risk(state).is_some() {
                19
            } else {
                16
            } + shown_changes.len() as u16;
            ("Submit".to_string(), lines, 76, h)
        }
        Dialog::Metadata(m) => {
            let labels = ["Name", "Description", "Tags (key=value, …)"];
            let mut lines = Vec::new();
            for (i, label) in labels.iter().enumerate() {
                let focused = m.focus == i;
                lines.push(Line::from(Span::styled(
                    label.to_string(),
                    if focused {
                        Style::default().add_modifier(Modifier::BOLD)
                    } else {
                        t.style(Role::Muted)
                    },
                )));
                let mut value = vec![Span::raw(format!("  {}", m.fields[i]))];
                if focused {
                    value.push(Span::styled(
                        " ",
                        Style::default().add_modifier(Modifier::REVERSED),
                    ));
                }
                lines.push(Line::from(value));
            }
            lines.push(Line::raw(""));
            if m.problems.is_empty() {
                lines.push(Line::from(Span::styled("valid", t.style(Role::Ok))));
            }
            for p in &m.problems {
                lines.push(Line::from(Span::styled(
                    p.clone(),
                    t.style(Role::Error).add_modifier(Modifier::BOLD),
                )));
            }
            lines.push(Line::from(Span::styled(
                key_line(state, dialog.context()),
                t.style(Role::Muted),
            )));
            ("Metadata".to_string(), lines, 76, 16)
        }
        Dialog::Recover {
            draft,
            added,
            removed,
        } => (
            "Recover unsaved changes".to_string(),
            vec![
                Line::raw("An earlier session ended without saving these changes."),
                Line::raw(""),
                Line::raw(format!(
                    "made      {}",
                    crate::view::time::rfc3339(draft.at)
                )),
                Line::raw(format!("view      {}", draft.name)),
                Line::raw(format!(
                    "changes   +{added} -{removed} lines against what is open"
                )),
                Line::raw(""),
            ]
            .into_iter()
            .chain(key_rows(state, dialog.context()))
            .collect(),
            64,
            12,
        ),
        Dialog::Conflict { path } => (
            "Changed on disk".to_string(),
            vec![
                Line::raw(format!("{} changed since you opened it.", path.display())),
                Line::raw("Nothing was written; your changes are still here."),
                Line::raw(""),
            ]
            .into_iter()
            .chain(key_rows(state, dialog.context()))
            .collect(),
            70,
            10,
        ),
        Dialog::Promote(d) => {
            let mut lines: Vec<Line> = match &d.plans {
                None => vec![Line::raw(
                    "planning: reading both instances, writing nothing…",
                )],
                Some(plans) => crate::connect::promote::render_plan(
                    plans,
                    state.env.as_deref().unwrap_or("default"),
                    &d.to,
                )
                .lines()
                .map(|l| Line::raw(l.to_string()))
                .collect(),
            };
            lines.push(Line::raw(""));
            if d.protected && !d.done {
                lines.push(Line::from(vec![
                    Span::raw(format!(
                        "{} is protected; type its name: > {}",
                        d.to, d.input
                    )),
                    Span::styled(" ", Style::default().add_modifier(Modifier::REVERSED)),
                ]));
            }
            if let Some(m) = &d.message {
                lines.push(Line::styled(m.clone(), t.style(Role::Warning)));
            }
            lines.push(Line::raw(if d.done {
                "Enter closes".to_string()
            } else {
                key_line(state, dialog.context())
            }));
            let h = (lines.len() as u16 + 2).min(area.height.saturating_sub(2));
            (format!("Promote \"{}\" to {}", d.view, d.to), lines, 90, h)
        }
        Dialog::ConfirmQuit => (
            "Unsaved changes".to_string(),
            vec![
                Line::raw("The view has changes that are not saved."),
                Line::raw(""),
            ]
            .into_iter()
            .chain(key_rows(state, dialog.context()))
            .collect(),
            50,
            9,
        ),
        Dialog::Prompt(p) => {
            let mut lines = vec![Line::from(vec![
                Span::raw(format!("> {}", p.input)),
                Span::styled(" ", Style::default().add_modifier(Modifier::REVERSED)),
            ])];
            if let Some(e) = &p.error {
                lines.push(Line::from(Span::styled(
                    e.clone(),
                    t.style(Role::Error).add_modifier(Modifier::BOLD),
                )));
            }
            let title = match (p.kind, &state.browser.pending_delete) {
                (crate::tui::state::PromptKind::DeleteView, Some(v)) if state.protected => format!(
                    "Protected environment: type {} to delete the view and its versions (Esc keeps it)",
                    crate::tui::update::delete_confirmation(state, &v.name)
                ),
                _ => p.kind.title().to_string(),
            };
            (title, lines, 60, 5)
        }
    };
    let (title, lines, rect, scroll) = fit(area, title, lines, w, h);
    // The help and the palette scroll themselves, from the top.
    let scroll = if matches!(dialog, Dialog::Help { .. } | Dialog::Palette(_)) {
        0
    } else {
        scroll
    };
    frame.render_widget(Clear, rect);
    let block = pane_block(state, title, None)
        .border_style(t.style(Role::FocusBorder))
        .border_type(ratatui::widgets::BorderType::Double);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        rect,
    );
}

/// Rows a line takes wrapped to `width` columns.
fn rows(line: &Line, width: u16) -> u16 {
    let w = line.width().max(1);
    w.div_ceil(usize::from(width.max(1)))
        .min(usize::from(u16::MAX)) as u16
}

/// A dialog sized to its content and the screen: at least the size asked for, wider for a
/// long line or title, taller for what it holds, never beyond the screen. A title too long
/// for the screen is also put first in the body, so what it asks (a name to type) shows
/// whole; content taller than the screen is scrolled to its end, where the keys are.
fn fit<'a>(
    area: Rect,
    title: String,
    mut lines: Vec<Line<'a>>,
    w: u16,
    h: u16,
) -> (String, Vec<Line<'a>>, Rect, u16) {
    let max_w = area.width.saturating_sub(2);
    let max_h = area.height.saturating_sub(2);
    let title_w = u16::try_from(unicode_width::UnicodeWidthStr::width(title.as_str()) + 4)
        .unwrap_or(u16::MAX);
    let content_w = lines
        .iter()
        .map(|l| u16::try_from(l.width() + 2).unwrap_or(u16::MAX))
        .max()
        .unwrap_or(0);
    let width = w.max(title_w).max(content_w).min(max_w);
    if title_w > width {
        lines.insert(0, Line::from(title.clone()));
    }
    let inner = width.saturating_sub(2);
    let needed: u16 = lines.iter().map(|l| rows(l, inner)).sum::<u16>() + 2;
    let height = h.max(needed).min(max_h);
    let scroll = needed.saturating_sub(height);
    (title, lines, centered(area, width, height), scroll)
}
