//! The submit popup (Ctrl-P): what a submission would do (create or update, against which
//! copy, what it changes component by component, what it would overwrite unseen), and the
//! keys that submit, submit despite local errors (asked again) or overwrite.

use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use super::Drawn;
use crate::tui::action::Command;
use crate::tui::component::Msg;
use crate::tui::cx::Cx;
use crate::tui::event::Remote;
use crate::tui::keymap::Context;
use crate::tui::theme::Role;
use crate::tui::update::{key_name, risk_of};
use crate::view::lines::diff_stat;
use crate::view::{Level, Tally};

#[derive(Debug, Clone)]
pub enum RemoteState {
    Checking,
    Known(Box<Remote>),
    Failed(String),
}

/// The flows, modules and pages that show the view, judged against the buffer.
#[derive(Debug, Clone)]
pub enum ConsumersState {
    Checking,
    /// None: no view has the buffer's name yet, so nothing shows it.
    Known(Option<Box<crate::view::consumers::Report>>),
    Failed(String),
}

#[derive(Debug, Clone)]
pub struct SubmitPopup {
    pub remote: RemoteState,
    pub consumers: ConsumersState,
    /// Breaking the consumers named was accepted (`b`), so an overwrite does not ask again.
    pub breaking_accepted: bool,
    /// Overwriting was asked for (`o`), so `b` after it does not ask again.
    pub overwrite_accepted: bool,
    /// Why Enter was refused, or what is still awaited.
    pub message: Option<String>,
    /// Asking whether to submit despite local errors (`a`, then `y`): the service decides.
    pub confirm_anyway: bool,
    /// The local errors were accepted (`a`, `y`), so an overwrite (`o`) does not ask again.
    pub errors_accepted: bool,
    /// What the submission changes, component by component, against the instance's copy:
    /// a line per change and the summary last (made once, when the look-up answers).
    pub changes: Option<Vec<String>>,
}

impl SubmitPopup {
    pub fn checking() -> SubmitPopup {
        SubmitPopup {
            remote: RemoteState::Checking,
            consumers: ConsumersState::Checking,
            breaking_accepted: false,
            overwrite_accepted: false,
            message: None,
            confirm_anyway: false,
            errors_accepted: false,
            changes: None,
        }
    }

    /// Whether the submission would break a consumer of the view, or they are still being
    /// judged.
    pub fn breaks_or_judging(&self) -> bool {
        match &self.consumers {
            ConsumersState::Checking => true,
            ConsumersState::Known(Some(r)) => r.breaks(),
            _ => false,
        }
    }

    pub(super) fn handle(&mut self, command: Option<Command>, app: &Cx, out: &mut Vec<Msg>) {
        use Command as C;
        let breaking = self.breaking_accepted;
        let submit = |anyway, overwrite| Msg::Submit {
            anyway,
            overwrite,
            breaking,
        };
        if self.confirm_anyway {
            self.confirm_anyway = false;
            self.message = None;
            if command == Some(C::Yes) {
                self.errors_accepted = true;
                out.push(submit(true, false));
            } else {
                self.message = Some("not submitted".into());
            }
            return;
        }
        match command {
            Some(C::SubmitNow) => out.push(submit(self.errors_accepted, false)),
            Some(C::Overwrite) if risk_of(app.session, self).is_some() => {
                self.overwrite_accepted = true;
                out.push(submit(self.errors_accepted, true))
            }
            Some(C::SubmitBreaking) => {
                self.breaking_accepted = true;
                out.push(Msg::Submit {
                    anyway: self.errors_accepted,
                    overwrite: self.overwrite_accepted,
                    breaking: true,
                })
            }
            Some(C::SubmitAnyway) => {
                let errors = app.errors();
                if !app.validation_current() || errors == 0 {
                    // Nothing to override: the same as Enter.
                    return out.push(submit(false, false));
                }
                let yes = key_name(app.keymap, Context::ConfirmSubmit, C::Yes);
                self.confirm_anyway = true;
                self.message = Some(format!(
                    "Submit with {errors} local error{} at the {} level? The service \
                     decides, and its answer is shown in full. {yes} submits; any other \
                     key goes back.",
                    if errors == 1 { "" } else { "s" },
                    app.level
                ));
            }
            Some(C::ToggleLevel) => {
                self.message = None;
                out.push(Msg::ToggleLevel);
            }
            _ => {}
        }
    }

    /// The operation, and the changes line: component by component (made when the look-up
    /// answered), or a line count when the instance's copy did not parse.
    fn operation(&self, app: &Cx) -> (String, String) {
        match &self.remote {
            RemoteState::Checking => ("checking the instance…".to_string(), String::new()),
            RemoteState::Failed(e) => (format!("cannot tell: {e} (Enter retries)"), String::new()),
            RemoteState::Known(r) => match &r.summary {
                None => (
                    "create (no view of this name yet)".to_string(),
                    "new view".to_string(),
                ),
                Some(s) => {
                    let diff = match (&self.changes, &r.template) {
                        (Some(changes), _) => format!(
                            "{} against {}",
                            changes.last().map(String::as_str).unwrap_or("no change"),
                            r.qualifier
                        ),
                        (None, Some(remote)) => {
                            let (added, removed) =
                                diff_stat(remote, &app.doc.template_editor().text());
                            format!("+{added} -{removed} lines against {}", r.qualifier)
                        }
                        (None, None) => "no content to compare".into(),
                    };
                    (format!("update view {}", s.id), diff)
                }
            },
        }
    }

    /// The consumers line and, for each one the submission breaks (five at most), why.
    fn consumer_lines(&self) -> (String, Vec<String>) {
        let r = match &self.consumers {
            ConsumersState::Checking => {
                return (
                    "judging the flows, modules and pages that show it…".into(),
                    Vec::new(),
                );
            }
            ConsumersState::Failed(e) => return (format!("cannot tell: {e}"), Vec::new()),
            ConsumersState::Known(None) => {
                return ("none (no view of this name yet)".into(), Vec::new());
            }
            ConsumersState::Known(Some(r)) => r,
        };
        let (holds, breaks, unaffected, unmatched) = r.tally();
        let mut summary = if r.consumers.is_empty() {
            "no flow, module or page shows it".to_string()
        } else {
            format!("{holds} hold, {breaks} break, {unaffected} unaffected")
        };
        if unmatched > 0 {
            summary.push_str(&format!(", {unmatched} cannot be told"));
        }
        for u in &r.unknown {
            summary.push_str(&format!("; {} unknown (needs {})", u.kind, u.permission));
        }
        let broken: Vec<&crate::view::consumers::Consumer> = r
            .consumers
            .iter()
            .filter(|c| c.state == crate::view::consumers::State::Breaks)
            .collect();
        let mut lines: Vec<String> = broken
            .iter()
            .take(5)
            .map(|c| {
                format!(
                    "breaks {} {}: {}",
                    c.kind,
                    c.name,
                    c.why().unwrap_or_default()
                )
            })
            .collect();
        if broken.len() > 5 {
            lines.push(format!(
                "… {} more (connect-views used-by shows all)",
                broken.len() - 5
            ));
        }
        (summary, lines)
    }

    /// The first changes, component by component (five, then how many more).
    fn shown_changes(&self) -> Vec<String> {
        let Some(c) = &self.changes else {
            return Vec::new();
        };
        let body = &c[..c.len().saturating_sub(1)];
        let mut v: Vec<String> = body.iter().take(5).cloned().collect();
        if body.len() > 5 {
            v.push(format!(
                "… {} more (connect-views diff shows all)",
                body.len() - 5
            ));
        }
        v
    }

    pub(super) fn draw(&self, app: &Cx) -> Drawn<'static> {
        let t = &app.theme;
        let status = match app.level {
            Level::Published => "PUBLISHED (moves $SAVED and $LATEST)",
            Level::Saved => "SAVED (moves $SAVED only)",
        };
        let row = |k: &str, v: String| {
            Line::from(vec![
                Span::styled(format!("{k:<12}"), t.style(Role::Muted)),
                Span::raw(v),
            ])
        };
        let (op, diff) = self.operation(app);
        let mut lines = vec![
            row("operation", op),
            row(
                "instance",
                app.session
                    .instance
                    .clone()
                    .unwrap_or_else(|| "connecting…".into()),
            ),
            row("target", app.session.target.clone().unwrap_or_default()),
            row("view name", app.doc.meta.name.clone()),
            Line::from(vec![
                Span::styled(format!("{:<12}", "status"), t.style(Role::Muted)),
                Span::styled(status, Style::default().add_modifier(Modifier::BOLD)),
                Span::styled(
                    format!(
                        "  ({} switches)",
                        key_name(app.keymap, Context::SubmitPopup, Command::ToggleLevel)
                    ),
                    t.style(Role::Muted),
                ),
            ]),
        ];
        let diagnostics = if app.validation_current() {
            Tally::of(&app.validation.diagnostics).to_string()
        } else {
            "validating…".into()
        };
        lines.push(row("diagnostics", diagnostics));
        lines.push(row("changes", diff));
        let shown_changes = self.shown_changes();
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
        let (consumers, broken) = self.consumer_lines();
        lines.push(row("consumers", consumers));
        for b in &broken {
            lines.push(Line::from(vec![
                Span::raw(format!("{:<12}", "")),
                Span::styled(b.clone(), t.style(Role::Error).add_modifier(Modifier::BOLD)),
            ]));
        }
        let risk = risk_of(app.session, self);
        if let Some(risk) = &risk {
            lines.push(Line::from(vec![
                Span::styled(format!("{:<12}", "overwrites"), t.style(Role::Muted)),
                Span::styled(
                    risk.describe(&app.doc.meta.name),
                    t.style(Role::Warning).add_modifier(Modifier::BOLD),
                ),
            ]));
        }
        lines.push(Line::raw(""));
        if let Some(m) = &self.message {
            lines.push(Line::from(Span::styled(
                m.clone(),
                t.style(Role::Error).add_modifier(Modifier::BOLD),
            )));
            lines.push(Line::raw(""));
        }
        let context = if self.confirm_anyway {
            Context::ConfirmSubmit
        } else {
            Context::SubmitPopup
        };
        lines.push(Line::from(Span::styled(
            super::key_line_at(app, context, risk.is_some()),
            t.style(Role::Muted),
        )));
        // Room for the overwrite warning, which wraps.
        let h =
            if risk.is_some() { 19 } else { 16 } + (shown_changes.len() + broken.len() + 1) as u16;
        Drawn::new("Submit", lines, 76, h)
    }
}
