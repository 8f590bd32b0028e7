//! A promotion from the browser: planned in the background, shown, applied on Enter (a
//! protected target's name typed first).

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use super::{Drawn, key_line, typed};
use crate::tui::action::Command;
use crate::tui::component::Msg;
use crate::tui::cx::Cx;
use crate::tui::keymap::Context;
use crate::tui::theme::Role;

#[derive(Debug, Clone)]
pub struct PromotePopup {
    pub view: String,
    pub to: String,
    /// None while planning.
    pub plans: Option<Vec<crate::connect::promote::ViewPlan>>,
    pub protected: bool,
    /// The target's name typed, when it is protected.
    pub input: String,
    /// Planning failed, a refusal, or what the writes did.
    pub message: Option<String>,
    pub applying: bool,
    pub done: bool,
}

impl PromotePopup {
    /// The popup for promoting the view called `view` to `to`, while its plan is made.
    pub fn planning(view: String, to: String) -> PromotePopup {
        PromotePopup {
            view,
            to,
            plans: None,
            protected: false,
            input: String::new(),
            message: None,
            applying: false,
            done: false,
        }
    }

    pub(super) fn handle(&mut self, command: Option<Command>, key: &KeyEvent, out: &mut Vec<Msg>) {
        match (command, key.code, typed(key)) {
            (Some(Command::Promote), ..) => self.enter(out),
            (None, KeyCode::Backspace, _) => {
                self.input.pop();
            }
            (None, _, Some(c)) => self.input.push(c),
            _ => {}
        }
    }

    /// Enter: closes once done; else applies the plan, unless it cannot be written, writes
    /// nothing, or waits for the protected target's name.
    fn enter(&mut self, out: &mut Vec<Msg>) {
        if self.done {
            return out.push(Msg::Close);
        }
        if self.applying {
            return;
        }
        let to = &self.to;
        self.message = match &self.plans {
            None => Some("still planning…".into()),
            Some(plans) if plans.iter().any(|p| !p.tag_errors.is_empty()) => Some(
                "the target would refuse a tag of the source: nothing can be written; see the plan"
                    .into(),
            ),
            Some(plans) if plans.iter().any(|p| !p.blockers.is_empty()) => Some(format!(
                "unmapped references to the source: nothing can be written; map them in [arn_map] of connect-views.toml for {to}"
            )),
            Some(plans) if plans.iter().all(|p| p.writes() == 0) => {
                out.extend([
                    Msg::Close,
                    Msg::Notice(
                        format!("nothing to promote: {to} is in step"),
                        crate::view::Severity::Note,
                    ),
                ]);
                None
            }
            Some(_) if self.protected && self.input.trim() != to => {
                Some(format!("{to} is protected: type its name, then Enter"))
            }
            Some(plans) => {
                self.applying = true;
                out.push(Msg::Effect(crate::tui::effect::Effect::ApplyPromotion {
                    to: to.clone(),
                    plans: plans.clone(),
                }));
                Some("promoting…".into())
            }
        };
    }

    pub(super) fn draw(&self, app: &Cx, area: Rect) -> Drawn<'static> {
        let t = &app.theme;
        let mut lines: Vec<Line> = match &self.plans {
            None => vec![Line::raw(
                "planning: reading both instances, writing nothing…",
            )],
            Some(plans) => crate::connect::promote::render_plan(
                plans,
                app.session.env.as_deref().unwrap_or("default"),
                &self.to,
            )
            .lines()
            .map(|l| Line::raw(l.to_string()))
            .collect(),
        };
        lines.push(Line::raw(""));
        if self.protected && !self.done {
            lines.push(Line::from(vec![
                Span::raw(format!(
                    "{} is protected; type its name: > {}",
                    self.to, self.input
                )),
                Span::styled(" ", Style::default().add_modifier(Modifier::REVERSED)),
            ]));
        }
        if let Some(m) = &self.message {
            lines.push(Line::styled(m.clone(), t.style(Role::Warning)));
        }
        lines.push(Line::raw(if self.done {
            "Enter closes".to_string()
        } else {
            key_line(app, Context::PromotePopup)
        }));
        let h = (lines.len() as u16 + 2).min(area.height.saturating_sub(2));
        Drawn::new(
            format!("Promote \"{}\" to {}", self.view, self.to),
            lines,
            90,
            h,
        )
    }
}
