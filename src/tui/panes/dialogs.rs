//! Dialogs: help, submit, metadata, confirm quit and one-line prompts.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use super::{centered, pane_block};
use crate::tui::action::Command;
use crate::tui::diff::diff_stat;
use crate::tui::state::{AppState, Dialog, RemoteState};
use crate::tui::theme::Role;
use crate::view::{Level, Tally};

pub fn render(frame: &mut Frame, area: Rect, state: &AppState) {
    let Some(dialog) = &state.dialog else { return };
    let t = &state.theme;
    let (title, lines, w, h): (String, Vec<Line>, u16, u16) = match dialog {
        Dialog::Help { scroll } => {
            let mut lines = vec![Line::from(Span::styled(
                "Keys (remap them in keymap.toml in the config directory: [keys] name = \"key\")",
                Style::default().add_modifier(Modifier::BOLD),
            ))];
            for c in Command::ALL {
                // One entry per key, with every context it has there.
                let mut keys: Vec<(String, Vec<&str>)> = Vec::new();
                for b in state.keymap.bindings.iter().filter(|b| b.command == *c) {
                    let k = b.key.to_string();
                    match keys.iter_mut().find(|(key, _)| *key == k) {
                        Some((_, contexts)) => contexts.push(b.context.name()),
                        None => keys.push((k, vec![b.context.name()])),
                    }
                }
                if keys.is_empty() {
                    continue;
                }
                let keys = keys
                    .iter()
                    .map(|(k, c)| format!("{k} ({})", c.join(", ")))
                    .collect::<Vec<_>>()
                    .join(", ");
                let bold = Style::default().add_modifier(Modifier::BOLD);
                let name = Span::styled(format!("{:<20}", c.name()), t.style(Role::Muted));
                if keys.chars().count() < 30 {
                    lines.push(Line::from(vec![
                        Span::styled(format!("{keys:<30}"), bold),
                        name,
                        Span::raw(c.help()),
                    ]));
                } else {
                    lines.push(Line::from(Span::styled(keys, bold)));
                    lines.push(Line::from(vec![
                        Span::raw(format!("{:<30}", "")),
                        name,
                        Span::raw(c.help()),
                    ]));
                }
            }
            lines.push(Line::raw(""));
            lines.push(Line::raw(
                "In dialogs: Enter confirms, Esc closes, Tab moves between fields.",
            ));
            lines.push(Line::raw(format!(
                "In the submit dialog: s switches PUBLISHED / SAVED; {} submits despite local \
                 errors (y confirms): the service decides.",
                crate::tui::update::SUBMIT_ANYWAY_KEY
            )));
            let lines = lines.into_iter().skip(*scroll).collect();
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
                        let diff = match &r.template {
                            Some(remote) => {
                                let (added, removed) =
                                    diff_stat(remote, &state.template_editor().text());
                                format!("+{added} -{removed} lines against {}", r.qualifier)
                            }
                            None => "no content to compare".into(),
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
                Span::styled("  (s switches)", t.style(Role::Muted)),
            ]));
            let diagnostics = if state.validation_current() {
                Tally::of(&state.validation.diagnostics).to_string()
            } else {
                "validating…".into()
            };
            lines.push(row("diagnostics", diagnostics));
            lines.push(row("changes", diff));
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
            let footer = if d.confirm_anyway {
                "y submits despite the errors · any other key goes back".to_string()
            } else if crate::tui::update::overwrite_risk(state).is_some() {
                format!(
                    "Enter refuses to overwrite · {} overwrites · s switches status · Esc cancels",
                    crate::tui::update::OVERWRITE_KEY
                )
            } else if state.validation_current() && state.errors() > 0 {
                format!(
                    "Enter submits · {} submits anyway (the service decides) · s switches status · Esc cancels",
                    crate::tui::update::SUBMIT_ANYWAY_KEY
                )
            } else {
                "Enter submits · s switches status · Esc cancels".to_string()
            };
            lines.push(Line::from(Span::styled(footer, t.style(Role::Muted))));
            // Room for the overwrite warning, which wraps.
            let h = if crate::tui::update::overwrite_risk(state).is_some() {
                19
            } else {
                16
            };
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
                "Tab moves · Enter applies · Esc cancels",
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
                Line::from(Span::styled(
                    "Enter  recover them",
                    Style::default().add_modifier(Modifier::BOLD),
                )),
                Line::from(Span::styled(
                    format!(
                        "{}      discard them (other keys do nothing)",
                        crate::tui::update::DISCARD_DRAFT_KEY
                    ),
                    Style::default().add_modifier(Modifier::BOLD),
                )),
            ],
            64,
            12,
        ),
        Dialog::Conflict { path } => (
            "Changed on disk".to_string(),
            vec![
                Line::raw(format!("{} changed since you opened it.", path.display())),
                Line::raw("Nothing was written; your changes are still here."),
                Line::raw(""),
                Line::from(Span::styled(
                    "o  overwrite it with yours",
                    Style::default().add_modifier(Modifier::BOLD),
                )),
                Line::from(Span::styled(
                    "c  save yours as a copy",
                    Style::default().add_modifier(Modifier::BOLD),
                )),
                Line::from(Span::styled(
                    "Esc  keep editing",
                    Style::default().add_modifier(Modifier::BOLD),
                )),
            ],
            70,
            10,
        ),
        Dialog::ConfirmQuit => (
            "Unsaved changes".to_string(),
            vec![
                Line::raw("The view has changes that are not saved."),
                Line::raw(""),
                Line::from(Span::styled(
                    "s  save and quit",
                    Style::default().add_modifier(Modifier::BOLD),
                )),
                Line::from(Span::styled(
                    "q  quit without saving",
                    Style::default().add_modifier(Modifier::BOLD),
                )),
                Line::from(Span::styled(
                    "Esc  keep editing",
                    Style::default().add_modifier(Modifier::BOLD),
                )),
            ],
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
            (p.kind.title().to_string(), lines, 60, 5)
        }
    };
    let rect = centered(area, w, h);
    frame.render_widget(Clear, rect);
    let block = pane_block(state, title, None)
        .border_style(t.style(Role::FocusBorder))
        .border_type(ratatui::widgets::BorderType::Double);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        rect,
    );
}
