//! The status pane: validation state, the diagnostics list, the last submission and
//! service errors in full.

use crate::tui::cx::Cx;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::pane_block;
use crate::tui::action::Command;
use crate::tui::component::{Component, Msg};
use crate::tui::effect::Effect;
use crate::tui::state::{Flight, Pane, Tab};
use crate::tui::theme::Role;
use crate::view::time::rfc3339;
use crate::view::{Severity, Tally};

use crate::tui::action::{Command as C, CommandRow, row};

/// The commands this pane takes: its keymap context, its footer and its help section.
#[rustfmt::skip]
pub const COMMANDS: &[CommandRow] = &[
    row(C::Up, &["up"], 0),
    row(C::Down, &["down"], 0),
    row(C::Select, &["enter"], 10),
    row(C::ScrollUp, &["pageup"], 0),
    row(C::ScrollDown, &["pagedown"], 0),
    row(C::CopyChecksum, &["c"], 11),
    row(C::QuickFix, &["alt-enter"], 13),
];

const SPINNER: &[&str] = &["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/// The status pane: the selected diagnostic and the scroll are its own.
#[derive(Debug, Default)]
pub struct StatusPane {
    /// The selected row of the diagnostics list: the template's, then the sample data's.
    pub selected: usize,
    /// The first row shown, and whether to bring the last submission into view.
    pub scroll: usize,
    pub reveal_last: bool,
}

impl Component for StatusPane {
    fn pane(&self) -> Pane {
        Pane::Status
    }

    fn command(&mut self, command: Command, app: &Cx, out: &mut Vec<Msg>) -> bool {
        let v = &app.validation;
        let n = v.diagnostics.len();
        match command {
            Command::Up => self.selected = self.selected.saturating_sub(1),
            Command::Down if self.selected + 1 < n + v.data_diagnostics.len() => self.selected += 1,
            Command::Down => {}
            Command::Select => {
                let (tab, d) = if self.selected < n {
                    (Tab::Template, v.diagnostics.get(self.selected))
                } else {
                    (Tab::Data, v.data_diagnostics.get(self.selected - n))
                };
                if let Some(loc) = d.and_then(|d| d.location.as_ref()) {
                    out.push(Msg::Reveal {
                        tab,
                        row: loc.start.line - 1,
                        column: loc.start.column - 1,
                    });
                }
            }
            Command::QuickFix => match v.diagnostics.get(self.selected) {
                Some(d) => match crate::tui::update::fix_for(app, d) {
                    Ok(fix) => out.push(Msg::Fix(fix)),
                    Err(why) => out.push(Msg::Notice(why, Severity::Warning)),
                },
                None => out.push(Msg::Notice(
                    "quick fixes are for the template's diagnostics".into(),
                    Severity::Warning,
                )),
            },
            Command::ScrollUp => self.scroll = self.scroll.saturating_sub(5),
            Command::ScrollDown => self.scroll += 5,
            Command::CopyChecksum => {
                match app
                    .session
                    .last
                    .as_ref()
                    .and_then(|s| s.view.content_sha256.clone())
                {
                    Some(sha) => out.push(Msg::Effect(Effect::Copy(sha))),
                    None => out.push(Msg::Notice(
                        "no checksum to copy: nothing submitted yet (Ctrl-P)".into(),
                        Severity::Warning,
                    )),
                }
            }
            _ => return false,
        }
        true
    }

    fn render(&self, frame: &mut Frame, area: Rect, app: &Cx) {
        render(frame, area, app, self);
    }

    fn fit(&mut self, area: Rect, app: &Cx) {
        fit(area, app, self);
    }
}

/// The validation's state in one line: running, valid, or the tally (with how long it took).
pub fn headline(state: &Cx) -> Line<'static> {
    let t = &state.theme;
    let level = state.level.to_string();
    if !state.validation_current() {
        return Line::from(Span::styled(
            format!("validating ({level})…"),
            t.style(Role::Muted),
        ));
    }
    let v = &state.validation;
    let tally = Tally::of(&v.diagnostics);
    let ms = v.elapsed.as_secs_f64() * 1000.0;
    let (text, style) = if tally.errors == 0 && tally.warnings == 0 {
        (
            format!("valid ({level}) in {ms:.1} ms"),
            t.style(Role::Ok).add_modifier(Modifier::BOLD),
        )
    } else if tally.errors == 0 {
        (
            format!("valid with {tally} ({level}) in {ms:.1} ms"),
            t.style(Role::Warning),
        )
    } else {
        (
            format!("{tally} ({level}) in {ms:.1} ms"),
            t.style(Role::Error).add_modifier(Modifier::BOLD),
        )
    };
    Line::from(Span::styled(text, style))
}

/// The validation in one line, for when the Status pane is not on screen (below 160 columns
/// with the outline or the preview in the side column): the headline, or the tally and the
/// first problem's place and message.
pub fn line(state: &Cx) -> Line<'static> {
    let t = &state.theme;
    let tally = Tally::of(&state.validation.diagnostics);
    if !state.validation_current() || tally.errors + tally.warnings == 0 {
        return headline(state);
    }
    let role = if tally.errors > 0 {
        Role::Error
    } else {
        Role::Warning
    };
    let mut line = Line::from(Span::styled(
        tally.to_string(),
        t.style(role).add_modifier(Modifier::BOLD),
    ));
    let first = state
        .validation
        .diagnostics
        .iter()
        .find(|d| d.is_error())
        .or_else(|| state.validation.diagnostics.first());
    if let Some(d) = first {
        let place = d
            .location
            .as_ref()
            .map(|l| format!("{}:{}", l.start.line, l.start.column))
            .unwrap_or_else(|| d.pointer.clone());
        line.spans
            .push(Span::styled(format!(" · {place} "), t.style(Role::Muted)));
        line.spans.push(Span::raw(d.message.clone()));
    }
    line
}

/// The pane's lines, and where the last submission's start (to bring it into view).
fn lines(
    state: &Cx,
    pane: &StatusPane,
    inner_height: usize,
) -> (Vec<Line<'static>>, Option<usize>) {
    let t = &state.theme;
    let mut lines: Vec<Line> = vec![headline(state)];
    lines.extend(data_line(state));
    diagnostic_lines(state, pane.selected, inner_height, &mut lines);
    lines.push(Line::raw(""));
    lines.extend(flight_line(state));
    service_error_lines(state, &mut lines);
    let last_at = submission_lines(state, &mut lines);
    if !state.config_problems.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::from(Span::styled(
            "configuration (defaults used for these):",
            t.style(Role::Warning).add_modifier(Modifier::BOLD),
        )));
        for p in state.config_problems {
            lines.push(Line::from(Span::styled(p.clone(), t.style(Role::Warning))));
        }
    }
    (lines, last_at)
}

/// Rows a line takes as drawn (wrapped) in `area`, to scroll by.
fn rows_in(area: Rect) -> impl Fn(&Line) -> usize {
    let width = area.width.saturating_sub(2).max(1) as usize;
    move |l: &Line| l.width().div_ceil(width).max(1)
}

/// Brings a new submission into view, and keeps the scroll within the lines.
fn fit(area: Rect, state: &Cx, pane: &mut StatusPane) {
    if pane.scroll == 0 && !pane.reveal_last {
        // At the top, with nothing to bring into view: nothing to keep within the lines.
        return;
    }
    let inner_height = area.height.saturating_sub(2) as usize;
    let (lines, last_at) = lines(state, pane, inner_height);
    let rows_of = rows_in(area);
    let total: usize = lines.iter().map(&rows_of).sum();
    if pane.reveal_last
        && let Some(at) = last_at
    {
        pane.scroll = lines[..at].iter().map(&rows_of).sum();
        pane.reveal_last = false;
    }
    pane.scroll = pane.scroll.min(total.saturating_sub(inner_height));
}

fn render(frame: &mut Frame, area: Rect, state: &Cx, pane: &StatusPane) {
    let t = &state.theme;
    let block = pane_block(state, "Status", Some(Pane::Status));
    let inner_height = area.height.saturating_sub(2) as usize;
    let (lines, _) = lines(state, pane, inner_height);
    let total: usize = lines.iter().map(rows_in(area)).sum();
    let scroll = pane.scroll.min(total.saturating_sub(inner_height));
    let more = total > scroll + inner_height;
    let block = if scroll > 0 || more {
        block.title_bottom(Line::from(Span::styled(
            format!(
                " {}{} PgUp/PgDn ",
                if scroll > 0 { "↑" } else { "" },
                if more { "↓" } else { "" }
            ),
            t.style(Role::Muted),
        )))
    } else {
        block
    };
    let p = Paragraph::new(lines)
        .block(block)
        .wrap(Wrap { trim: false })
        .scroll((scroll.min(u16::MAX as usize) as u16, 0));
    frame.render_widget(p, area);
}

/// How the sample data set shown fits the inputs, when one is checked.
fn data_line(state: &Cx) -> Option<Line<'static>> {
    let t = &state.theme;
    let v = &state.validation;
    let set = v.data_set.as_ref().filter(|_| state.validation_current())?;
    let tally = Tally::of(&v.data_diagnostics);
    let (text, style) = if tally.errors == 0 {
        (
            format!("data `{set}` fits the inputs (approximate)"),
            t.style(Role::Ok),
        )
    } else {
        (
            format!("data `{set}`: {tally} (approximate)"),
            t.style(Role::Error).add_modifier(Modifier::BOLD),
        )
    };
    Some(Line::from(Span::styled(text, style)))
}

/// The diagnostics (a window around the selection): the template's, then the data's.
fn diagnostic_lines(
    state: &Cx,
    selected: usize,
    inner_height: usize,
    lines: &mut Vec<Line<'static>>,
) {
    let t = &state.theme;
    let v = &state.validation;
    let list_room = inner_height.saturating_sub(9).max(3);
    let start = selected.saturating_sub(list_room.saturating_sub(1));
    let all = v
        .diagnostics
        .iter()
        .map(|d| (false, d))
        .chain(v.data_diagnostics.iter().map(|d| (true, d)));
    let total = v.diagnostics.len() + v.data_diagnostics.len();
    for (i, (is_data, d)) in all.enumerate().skip(start).take(list_room) {
        let place = d
            .location
            .as_ref()
            .map(|l| format!("{}:{}", l.start.line, l.start.column))
            .unwrap_or_else(|| d.pointer.clone());
        let (at, message) = if is_data {
            (format!("data {place}"), crate::view::data::headline(d))
        } else {
            (place, d.message.clone())
        };
        let sev = match d.severity {
            Severity::Error => t.style(Role::Error).add_modifier(Modifier::BOLD),
            Severity::Warning => t.style(Role::Warning),
            Severity::Note => t.style(Role::Muted),
        };
        let mut spans = vec![
            Span::styled(format!("{} ", d.code), sev),
            Span::styled(format!("{at} "), t.style(Role::Muted)),
            Span::raw(message),
        ];
        if i == selected && state.focus == Pane::Status {
            spans = super::reversed(spans);
        }
        lines.push(Line::from(spans));
    }
    if total > start + list_room {
        lines.push(Line::from(Span::styled(
            format!("… {} more (F8)", total - start - list_room),
            t.style(Role::Muted),
        )));
    }
}

/// The request in flight, with the spinner.
fn flight_line(state: &Cx) -> Option<Line<'static>> {
    let what = match state.session.flight {
        Flight::Submitting => "submitting",
        Flight::Versioning => "creating a version",
        Flight::Idle => return None,
    };
    Some(Line::from(Span::styled(
        format!(
            "{} {what}… (Esc cancels)",
            SPINNER[state.session.spinner % SPINNER.len()]
        ),
        Style::default().add_modifier(Modifier::BOLD),
    )))
}

/// The service's last refusal in full, with what to do.
fn service_error_lines(state: &Cx, lines: &mut Vec<Line<'static>>) {
    let t = &state.theme;
    let Some(e) = &state.session.service_error else {
        return;
    };
    lines.push(Line::from(Span::styled(
        format!("{} failed", e.operation),
        t.style(Role::Error).add_modifier(Modifier::BOLD),
    )));
    if let Some(code) = &e.code {
        lines.push(Line::raw(code.clone()));
    }
    for l in e.message.lines() {
        lines.push(Line::raw(l.to_string()));
    }
    lines.push(Line::from(Span::styled(
        format!("what to do: {}", e.advice),
        t.style(Role::Warning),
    )));
    if let Some(id) = &e.request_id {
        lines.push(Line::from(Span::styled(
            format!("request id {id}"),
            t.style(Role::Muted),
        )));
    }
}

/// The last submission (what a person checks first, then the identifiers); the line it
/// starts at.
fn submission_lines(state: &Cx, lines: &mut Vec<Line<'static>>) -> Option<usize> {
    let t = &state.theme;
    let Some(s) = &state.session.last else {
        if state.session.service_error.is_none() && state.session.flight == Flight::Idle {
            lines.push(Line::from(Span::styled(
                "nothing submitted yet (Ctrl-P)",
                t.style(Role::Muted),
            )));
        }
        return None;
    };
    let view = &s.view;
    let field = |k: &str, v: String| {
        Line::from(vec![
            Span::styled(format!("{k:<9}"), t.style(Role::Muted)),
            Span::raw(v),
        ])
    };
    let at = lines.len();
    lines.push(Line::from(Span::styled(
        format!("last: {}", s.operation),
        Style::default().add_modifier(Modifier::BOLD),
    )));
    lines.push(field("status", view.status.clone()));
    lines.push(field("version", view.version.to_string()));
    lines.push(field("moved", view.qualifiers_moved().join(" ")));
    // The checksum on a line of its own, so it stays whole where the pane is wide enough
    // (and `c` copies it where it is not).
    let copy = state
        .keymap
        .key_for(crate::tui::action::Command::CopyChecksum);
    lines.push(Line::from(vec![
        Span::styled(format!("{:<9}", "sha256"), t.style(Role::Muted)),
        Span::styled(format!("({copy} copies)"), t.style(Role::Muted)),
    ]));
    lines.push(Line::raw(view.content_sha256.clone().unwrap_or_default()));
    lines.push(field("view id", view.id.clone()));
    lines.push(field("arn", view.arn.clone()));
    lines.push(field(
        "request",
        view.request_id.clone().unwrap_or_default(),
    ));
    lines.push(field("at", rfc3339(s.at)));
    if let Some(version) = &state.session.last_version {
        lines.push(field("version", format!("{} created", version.version)));
    }
    Some(at)
}
