//! The Used-by pane (F11): every flow, module and workspace page that shows the view, and
//! how each stands against the buffer as submitting it would change them, judged off the UI
//! task (when the pane is shown, after each new revision, and with `r`). Enter opens a
//! consumer into its details: each block's branches, its data's problems, the reads.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::tui::action::{Command, Command as C, CommandRow, row};
use crate::tui::component::{Component, Msg};
use crate::tui::cx::Cx;
use crate::tui::state::Pane;
use crate::tui::theme::Role;
use crate::view::consumers::{Consumer, Report, State};

/// The commands this pane takes: its keymap context, its footer and its help section.
#[rustfmt::skip]
pub const COMMANDS: &[CommandRow] = &[
    row(C::Up, &["up"], 0),
    row(C::Down, &["down"], 0),
    row(C::Select, &["enter"], 10).meaning("open the consumer into its blocks, branches, data and reads"),
    row(C::RefreshConsumers, &["r"], 11),
];

/// What the pane knows of the view's consumers.
#[derive(Debug, Default)]
pub enum Known {
    /// Not asked yet (the pane was never shown).
    #[default]
    Nothing,
    Judging,
    /// None: no view of the buffer's name on the instance, so nothing shows it.
    Report(Option<Box<Report>>),
    Failed(String),
}

#[derive(Debug, Default)]
pub struct UsedByPane {
    pub shown: bool,
    pub known: Known,
    /// A judgement is in flight (another waits until it answers).
    pub in_flight: bool,
    /// The buffer revision the last judgement was asked for.
    pub asked_for: Option<u64>,
    pub selected: usize,
    /// The consumer opened into its details.
    pub open: Option<usize>,
    pub scroll: usize,
}

impl UsedByPane {
    /// The consumers listed (none before the first judgement).
    pub fn consumers(&self) -> &[Consumer] {
        match &self.known {
            Known::Report(Some(r)) => &r.consumers,
            _ => &[],
        }
    }

    /// Whether a judgement should be asked for the buffer's `revision` now.
    pub fn wants(&self, revision: u64) -> bool {
        self.shown && !self.in_flight && self.asked_for != Some(revision)
    }
}

impl Component for UsedByPane {
    fn pane(&self) -> Pane {
        Pane::UsedBy
    }

    fn command(&mut self, command: Command, _app: &Cx, out: &mut Vec<Msg>) -> bool {
        let n = self.consumers().len();
        match command {
            C::Up => self.selected = self.selected.saturating_sub(1),
            C::Down if self.selected + 1 < n => self.selected += 1,
            C::Down => {}
            C::Select if n > 0 => {
                self.open = if self.open == Some(self.selected) {
                    None
                } else {
                    Some(self.selected)
                };
            }
            C::Select => {}
            C::RefreshConsumers => out.push(Msg::RefreshConsumers),
            _ => return false,
        }
        true
    }

    fn fit(&mut self, area: Rect, _app: &Cx) {
        let height = area.height.saturating_sub(2) as usize;
        let at = self.line_of(self.selected);
        let len = self.consumers().len()
            + self
                .open
                .and_then(|o| self.consumers().get(o))
                .map_or(0, |c| details(c).len());
        self.scroll = super::follow(self.scroll, Some(at), len, height);
    }

    fn render(&self, frame: &mut Frame, area: Rect, app: &Cx) {
        let title = match &self.known {
            Known::Report(Some(r)) => {
                let (holds, breaks, unaffected, _) = r.tally();
                format!("Used by ({holds} hold, {breaks} break, {unaffected} unaffected)")
            }
            Known::Judging if self.consumers().is_empty() => "Used by · judging…".into(),
            _ => "Used by".into(),
        };
        let title = if self.in_flight && !self.consumers().is_empty() {
            format!("{title} · judging…")
        } else {
            title
        };
        let block = super::pane_block(app, title, Some(Pane::UsedBy));
        let lines: Vec<Line> = self.lines(app).into_iter().skip(self.scroll).collect();
        frame.render_widget(Paragraph::new(lines).block(block), area);
    }
}

impl UsedByPane {
    /// The line the consumer `i` starts on (the details of the one open take lines).
    fn line_of(&self, i: usize) -> usize {
        match (self.open, self.consumers().get(self.open.unwrap_or(0))) {
            (Some(o), Some(c)) if o < i => i + details(c).len(),
            _ => i,
        }
    }

    fn lines(&self, app: &Cx) -> Vec<Line<'static>> {
        let t = &app.theme;
        let muted = t.style(Role::Muted);
        let message = |m: String| vec![Line::from(Span::styled(m, muted))];
        let report = match &self.known {
            Known::Nothing | Known::Judging => {
                return message("reading the flows, modules and pages that show the view…".into());
            }
            Known::Failed(e) => return message(format!("cannot tell: {e} (r tries again)")),
            Known::Report(None) => {
                return message("no view of this name on the instance yet".into());
            }
            Known::Report(Some(r)) => r,
        };
        let mut out = Vec::new();
        if report.consumers.is_empty() {
            out.extend(message("no flow, module or page shows the view".into()));
        }
        for (i, c) in report.consumers.iter().enumerate() {
            let (mark, style) = match c.state {
                State::Holds => ("✓", t.style(Role::Ok)),
                State::Breaks => ("✗", t.style(Role::Error).add_modifier(Modifier::BOLD)),
                State::Unaffected => ("·", muted),
                State::Unmatched => ("?", t.style(Role::Warning)),
            };
            let version = c.version.map(|v| format!(":{v}")).unwrap_or_default();
            let why = c.why().map(|w| format!("  {w}")).unwrap_or_default();
            let mut line = Line::from(vec![
                Span::styled(format!("{mark} "), style),
                Span::raw(format!("{} {}{version}", c.kind, c.name)),
                Span::styled(why, muted),
            ]);
            if i == self.selected && app.focus == Pane::UsedBy && !app.popup_open {
                line = line.style(t.style(Role::Highlight));
            }
            out.push(line);
            if self.open == Some(i) {
                out.extend(details(c).into_iter().map(|d| Line::from(Span::raw(d))));
            }
        }
        for u in &report.unknown {
            out.push(Line::from(Span::styled(
                format!("? {}: unknown (needs {})", u.kind, u.permission),
                t.style(Role::Warning),
            )));
        }
        if let Some(at) = report.read_at {
            out.extend(message(format!(
                "flows, modules and pages read {}; each change is judged against that \
                 reading, r reads them again",
                age(at)
            )));
        }
        out
    }
}

/// A consumer's details: each block (or page) with its branches, its data's problems, and
/// the reads of the view's results.
pub fn details(c: &Consumer) -> Vec<String> {
    let list = |items: &[String]| {
        if items.is_empty() {
            "none".to_string()
        } else {
            items.join(", ")
        }
    };
    let mut out = vec![format!("    {}", c.source)];
    for b in &c.verdict.blocks {
        out.push(format!(
            "    {} shows {} ({})",
            b.identifier,
            b.view,
            b.follows.label()
        ));
        if c.kind != "page" {
            out.push(format!("      branches on: {}", list(&b.handled)));
            if !b.unhandled.is_empty() {
                out.push(format!("      no branch for: {}", b.unhandled.join(", ")));
            }
            if !b.dead.is_empty() {
                out.push(format!("      dead branches: {}", b.dead.join(", ")));
            }
            out.push(format!("      error branches: {}", list(&b.errors)));
        }
        let what = if c.kind == "page" {
            "InputData"
        } else {
            "ViewData"
        };
        if b.data.is_empty() {
            out.push(format!("      {what} fits the input schema"));
        }
        for (at, kind, d) in b.data_findings() {
            out.push(format!("      {what} {at}: {kind}{}", d.message));
        }
    }
    for r in &c.verdict.reads {
        let (mark, state) = if r.known {
            ("✓", "")
        } else {
            ("✗", ", not submitted")
        };
        out.push(format!(
            "    {mark} reads {}{state} (at {})",
            r.name, r.pointer
        ));
    }
    for u in &c.verdict.unmatched {
        out.push(format!("    cannot tell which view {u} shows"));
    }
    out
}

/// How long ago `at` was, coarsely ("just now", "3 min ago").
fn age(at: std::time::SystemTime) -> String {
    let secs = at.elapsed().map_or(0, |d| d.as_secs());
    match secs {
        0..60 => "just now".into(),
        60..3600 => format!("{} min ago", secs / 60),
        _ => format!("{} h ago", secs / 3600),
    }
}
