//! The panes: which there are, the commands each declares, which are on screen at a width,
//! and the frame they are drawn in. A pane is one file here (its state, keys and drawing);
//! adding one is its file, its rows below, and the command that shows it.

pub mod actions;
pub mod browser;
pub mod diff;
pub mod editor;
pub mod inspector;
pub mod outline;
pub mod preview;
pub mod status;
pub mod used_by;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::action::CommandRow;
use super::component::Component;
use super::cx::Cx;
use super::keymap::Context;
use super::state::AppState;
use super::theme::Role;
use crate::view::Severity;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    Outline,
    Inspector,
    Editor,
    Preview,
    Actions,
    Status,
    /// The views of the instance (it takes the whole screen while shown).
    Browser,
    /// The buffer against another copy of the view (in the actions' place while shown).
    Diff,
    /// The flows, modules and pages that show the view (in the actions' place while shown).
    UsedBy,
}

impl Pane {
    /// Every pane, in the order the help shows them.
    pub const ALL: &'static [Pane] = &[
        Pane::Editor,
        Pane::Preview,
        Pane::Outline,
        Pane::Inspector,
        Pane::Actions,
        Pane::Status,
        Pane::Browser,
        Pane::Diff,
        Pane::UsedBy,
    ];

    pub fn context(self) -> Context {
        Context::Pane(self)
    }

    /// Its name in the help.
    pub fn name(self) -> &'static str {
        match self {
            Pane::Outline => "outline",
            Pane::Inspector => "inspector",
            Pane::Editor => "editor",
            Pane::Preview => "preview",
            Pane::Actions => "actions",
            Pane::Status => "status",
            Pane::Browser => "browser",
            Pane::Diff => "diff",
            Pane::UsedBy => "used by",
        }
    }

    /// The commands it takes, with their keys and footer places: its keymap context.
    pub fn commands(self) -> &'static [CommandRow] {
        match self {
            Pane::Outline => outline::COMMANDS,
            Pane::Inspector => inspector::COMMANDS,
            Pane::Editor => editor::COMMANDS,
            Pane::Preview => preview::COMMANDS,
            Pane::Actions => actions::COMMANDS,
            Pane::Status => status::COMMANDS,
            Pane::Browser => browser::COMMANDS,
            Pane::Diff => diff::COMMANDS,
            Pane::UsedBy => used_by::COMMANDS,
        }
    }
}

/// The panes' components, each with its own state (the editor's is the document's).
#[derive(Default)]
pub struct Panes {
    pub actions: actions::ActionsPane,
    pub status: status::StatusPane,
    pub outline: outline::OutlinePane,
    pub inspector: inspector::InspectorPane,
    /// The view as the agent sees it.
    pub preview: preview::PreviewPane,
    pub browser: browser::BrowserPane,
    /// The buffer against another copy of the view, component by component.
    pub diff: diff::DiffPane,
    /// The flows, modules and pages that show the view, against the buffer.
    pub used_by: used_by::UsedByPane,
}

impl Panes {
    /// The panes on screen at `width`, in focus order. The browser takes the whole screen.
    /// At 160 columns and more: [outline, inspector] editor [preview] side pane, status.
    /// Below, the side column takes turns: the outline (with the inspector) while shown,
    /// else the preview while shown, else the side pane above the status; the status line
    /// stays under the first two (see `body`).
    pub fn on_screen(&self, width: u16) -> Vec<Pane> {
        if self.browser.shown {
            return vec![Pane::Browser];
        }
        let preview = self.preview.visible(width);
        let outline = self.outline.shown;
        if width >= preview::WIDE {
            let mut v = Vec::with_capacity(5);
            if outline {
                v.extend([Pane::Outline, Pane::Inspector]);
            }
            v.push(Pane::Editor);
            if preview {
                v.push(Pane::Preview);
            }
            v.extend([self.side(), Pane::Status]);
            return v;
        }
        match (outline, preview) {
            (true, _) => vec![Pane::Outline, Pane::Inspector, Pane::Editor],
            (false, true) => vec![Pane::Editor, Pane::Preview],
            (false, false) => vec![Pane::Editor, self.side(), Pane::Status],
        }
    }

    /// The component of `pane`, to draw (the editor has none: the document is its state).
    pub fn get(&self, pane: Pane) -> Option<&dyn Component> {
        Some(match pane {
            Pane::Editor => return None,
            Pane::Outline => &self.outline,
            Pane::Inspector => &self.inspector,
            Pane::Preview => &self.preview,
            Pane::Actions => &self.actions,
            Pane::Status => &self.status,
            Pane::Browser => &self.browser,
            Pane::Diff => &self.diff,
            Pane::UsedBy => &self.used_by,
        })
    }

    /// The pane above the status: the diff while comparing, else the used-by pane while
    /// shown, else the actions.
    pub fn side(&self) -> Pane {
        if self.diff.shown() {
            Pane::Diff
        } else if self.used_by.shown {
            Pane::UsedBy
        } else {
            Pane::Actions
        }
    }
}

/// Runs `f` on the component of `pane` with what it may read (its [`Cx`]): the component is
/// taken out of the state for the call and put back after.
pub fn with<R>(
    state: &mut AppState,
    pane: Pane,
    f: impl FnOnce(&mut dyn Component, &Cx) -> R,
) -> Option<R> {
    macro_rules! take {
        ($field:ident) => {{
            let mut c = std::mem::take(&mut state.panes.$field);
            let r = f(&mut c, &state.cx());
            state.panes.$field = c;
            Some(r)
        }};
    }
    match pane {
        Pane::Editor => None,
        Pane::Outline => take!(outline),
        Pane::Inspector => take!(inspector),
        Pane::Preview => take!(preview),
        Pane::Actions => take!(actions),
        Pane::Status => take!(status),
        Pane::Browser => take!(browser),
        Pane::Diff => take!(diff),
        Pane::UsedBy => take!(used_by),
    }
}

pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// Where everything goes on a screen of a size: the bars, each pane shown, and the status
/// line that keeps validation in sight while the side column shows the outline or the
/// preview. One pure function, so fitting the panes and drawing them agree.
pub struct Screen {
    pub title: Rect,
    pub notice: Rect,
    pub footer: Rect,
    /// The panes on screen with their areas (the editor's included).
    pub panes: Vec<(Pane, Rect)>,
    pub status_line: Option<Rect>,
    /// Below the smallest size the designer takes (then only a message is drawn).
    pub too_small: bool,
}

impl Screen {
    pub fn of(state: &AppState, area: Rect) -> Screen {
        let [title, body, notice, footer] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(10),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(area);
        let mut screen = Screen {
            title,
            notice,
            footer,
            panes: Vec::new(),
            status_line: None,
            too_small: area.width < MIN_WIDTH || area.height < MIN_HEIGHT,
        };
        if screen.too_small {
        } else if state.panes.browser.shown {
            screen.panes.push((Pane::Browser, body));
        } else {
            screen.body(state, area.width, body);
        }
        screen
    }

    /// The designer's panes: the editor, and around it what is shown.
    fn body(&mut self, state: &AppState, width: u16, body: Rect) {
        let on = state.panes();
        let has = |p: Pane| on.contains(&p);
        let side = (width / 3).clamp(32, 60);
        let (editor, side_area) = if width >= preview::WIDE {
            // Wide: [outline] editor [preview] side column.
            let outline = if has(Pane::Outline) {
                (width / 5).clamp(30, 48)
            } else {
                0
            };
            let rest = width.saturating_sub(side + outline);
            let preview = if has(Pane::Preview) { rest / 2 } else { 0 };
            let [o, e, p, s] = Layout::horizontal([
                Constraint::Length(outline),
                Constraint::Min(40),
                Constraint::Length(preview),
                Constraint::Length(side),
            ])
            .areas(body);
            if outline > 0 {
                self.outline_column(o);
            }
            if preview > 0 {
                self.panes.push((Pane::Preview, p));
            }
            (e, Some(s))
        } else {
            let [e, s] =
                Layout::horizontal([Constraint::Min(40), Constraint::Length(side)]).areas(body);
            if has(Pane::Outline) || has(Pane::Preview) {
                // The side column's turn is the outline's or the preview's; its last line
                // keeps the validation in sight.
                let [top, bottom] =
                    Layout::vertical([Constraint::Min(6), Constraint::Length(1)]).areas(s);
                if has(Pane::Outline) {
                    self.outline_column(top);
                } else {
                    self.panes.push((Pane::Preview, top));
                }
                self.status_line = Some(bottom);
                (e, None)
            } else {
                (e, Some(s))
            }
        };
        self.panes.push((Pane::Editor, editor));
        if let Some(side_area) = side_area {
            let [top, bottom] =
                Layout::vertical([Constraint::Percentage(35), Constraint::Percentage(65)])
                    .areas(side_area);
            self.panes.push((state.panes.side(), top));
            self.panes.push((Pane::Status, bottom));
        }
    }

    /// The outline above the inspector.
    fn outline_column(&mut self, area: Rect) {
        let [o, i] =
            Layout::vertical([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(area);
        self.panes.push((Pane::Outline, o));
        self.panes.push((Pane::Inspector, i));
    }
}

/// Readies the panes for a frame of `area`: which are on screen depends on its width (a
/// focused pane that left the screen gives the focus to the editor), and each pane keeps
/// its selection in view of the area it will get. Drawing ([`render`]) then changes
/// nothing.
pub fn fit_to(state: &mut AppState, area: Rect) {
    state.screen_width = area.width;
    if !state.panes().contains(&state.focus) {
        state.focus = Pane::Editor;
    }
    let screen = Screen::of(state, area);
    for (pane, rect) in screen.panes {
        match pane {
            Pane::Editor => editor::fit(state, rect),
            _ => {
                with(state, pane, |c, cx| c.fit(rect, cx));
            }
        }
    }
}

/// Draws a frame, after [`fit_to`] its size.
pub fn render(frame: &mut Frame, state: &AppState) {
    let area = frame.area();
    let screen = Screen::of(state, area);
    if screen.too_small {
        let text = format!(
            "connect-views needs at least {MIN_WIDTH}x{MIN_HEIGHT}; this terminal is {}x{}.\nEnlarge it (Ctrl-Q quits).",
            area.width, area.height
        );
        frame.render_widget(Clear, area);
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
        return;
    }
    title(frame, screen.title, state);
    let cx = state.cx();
    for &(pane, rect) in &screen.panes {
        match state.panes.get(pane) {
            Some(component) => component.render(frame, rect, &cx),
            None => editor::render(frame, rect, state),
        }
    }
    if let Some(line) = screen.status_line {
        frame.render_widget(Paragraph::new(status::line(&cx)), line);
    }
    notice(frame, screen.notice, state);
    footer(frame, screen.footer, state);
    for popup in state.popups.iter() {
        popup.render(frame, area, &cx);
    }
}

/// The first of `height` rows shown, moved as little as possible from `scroll` so row
/// `at` (if any) is among them, and no further than `len` rows allow.
pub fn follow(scroll: usize, at: Option<usize>, len: usize, height: usize) -> usize {
    let height = height.max(1);
    let scroll = match at {
        Some(i) if i < scroll => i,
        Some(i) if i >= scroll + height => i + 1 - height,
        _ => scroll,
    };
    scroll.min(len.saturating_sub(height))
}

/// A bordered block whose border shows focus by colour and by weight.
pub fn pane_block<'a>(
    state: &crate::tui::cx::Cx,
    title: impl Into<Line<'a>>,
    pane: Option<Pane>,
) -> Block<'a> {
    let focused = pane.is_some_and(|p| p == state.focus) && !state.popup_open;
    let (border, title_style) = if focused {
        (
            state.theme.style(Role::FocusBorder),
            state
                .theme
                .style(Role::FocusBorder)
                .add_modifier(Modifier::REVERSED),
        )
    } else {
        (
            state.theme.style(Role::Border),
            state.theme.style(Role::Title),
        )
    };
    Block::default()
        .borders(Borders::ALL)
        .border_type(if focused {
            ratatui::widgets::BorderType::Thick
        } else {
            ratatui::widgets::BorderType::Plain
        })
        .border_style(border)
        .title(Span::styled(format!(" {} ", title.into()), title_style))
}

fn title(frame: &mut Frame, area: Rect, state: &AppState) {
    let t = &state.theme;
    let file = state
        .doc
        .path
        .as_ref()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| "(not saved yet)".into());
    let dirty = if state.doc.dirty() { " [+]" } else { "" };
    let target = match (&state.session.target, &state.session.connect_error) {
        (Some(target), _) => match &state.session.env {
            Some(env) => format!("env {env} · {target}"),
            None => target.clone(),
        },
        (None, Some(_)) => "not connected".into(),
        (None, None) => "connecting…".into(),
    };
    // The environment, the badge and the target matter more than the path:
    // when the bar is too narrow the path loses its start first, then the
    // badge its explanation.
    let mut badge = if state.read_only.is_some() {
        " READ-ONLY: AWS-managed "
    } else if state.session.protected {
        " READ-ONLY: writes ask for the environment's name "
    } else {
        ""
    };
    let fixed = |badge: &str| {
        [
            " connect-views ",
            " ",
            &state.doc.meta.name,
            " — ",
            dirty,
            "  │ ",
            state.level.as_str(),
            " │ ",
            badge,
            &target,
        ]
        .iter()
        .map(|s| s.chars().count())
        .sum::<usize>()
    };
    let width = area.width as usize;
    if !badge.is_empty() && fixed(badge) + 8 > width {
        badge = " READ-ONLY ";
    }
    let room = width.saturating_sub(fixed(badge));
    let line = Line::from(vec![
        Span::styled(
            " connect-views ",
            t.style(Role::Title).add_modifier(Modifier::REVERSED),
        ),
        Span::raw(" "),
        Span::styled(
            state.doc.meta.name.clone(),
            Style::default().add_modifier(Modifier::BOLD),
        ),
        Span::raw(" — "),
        Span::raw(keep_end(&file, room)),
        Span::styled(dirty, t.style(Role::Warning).add_modifier(Modifier::BOLD)),
        Span::raw("  │ "),
        Span::styled(
            state.level.as_str(),
            Style::default().add_modifier(Modifier::BOLD),
        ),
        Span::raw(" │ "),
        Span::styled(
            badge,
            t.style(if state.read_only.is_some() {
                Role::Warning
            } else {
                Role::Error
            })
            .add_modifier(Modifier::REVERSED | Modifier::BOLD),
        ),
        Span::styled(target, t.style(Role::Muted)),
    ]);
    frame.render_widget(Paragraph::new(line), area);
}

/// `text` cut to its last `room` characters behind an ellipsis when it is
/// longer (a path keeps its file name).
fn keep_end(text: &str, room: usize) -> String {
    let n = text.chars().count();
    if n <= room {
        return text.to_string();
    }
    if room == 0 {
        return String::new();
    }
    let tail: String = text.chars().skip(n - (room - 1)).collect();
    format!("…{tail}")
}

fn notice(frame: &mut Frame, area: Rect, state: &AppState) {
    let line = match &state.notice {
        Some((text, severity)) => {
            let style = match severity {
                Severity::Error => state.theme.style(Role::Error).add_modifier(Modifier::BOLD),
                Severity::Warning | Severity::Note => Style::default(),
            };
            Line::from(Span::styled(format!(" {text}"), style))
        }
        None => match state.config_problems.first() {
            Some(p) => Line::from(Span::styled(
                format!(" {p}"),
                state.theme.style(Role::Warning),
            )),
            None => Line::raw(""),
        },
    };
    frame.render_widget(Paragraph::new(line), area);
}

/// The focused pane's keys and the global ones, from the command table in its footer
/// order; what does not fit the width is left out, and what would do nothing now too.
fn footer(frame: &mut Frame, area: Rect, state: &AppState) {
    let context = state.focus.context();
    let (cx, risk) = (state.cx(), super::update::overwrite_risk(state).is_some());
    let mut spans = Vec::new();
    let mut used = 0usize;
    for command in super::action::Command::in_footer(context) {
        if !super::update::available(&cx, risk, command) {
            continue;
        }
        let Some(key) = state.keymap.key_in(context, command) else {
            continue;
        };
        let k = format!(" {key} ");
        let l = format!(" {} ", command.label());
        let width = k.chars().count() + l.chars().count();
        if used + width > area.width as usize {
            continue;
        }
        used += width;
        spans.push(Span::styled(
            k,
            Style::default().add_modifier(Modifier::REVERSED),
        ));
        spans.push(Span::raw(l));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// A selected row: every span reversed.
pub fn reversed(spans: Vec<Span<'_>>) -> Vec<Span<'_>> {
    spans
        .into_iter()
        .map(|s| {
            let style = s.style.add_modifier(Modifier::REVERSED);
            s.style(style)
        })
        .collect()
}

/// A rectangle of at most `w`x`h` centred in `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width.saturating_sub(2));
    let h = h.min(area.height.saturating_sub(2));
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

#[cfg(test)]
mod tests {
    use super::follow;

    #[test]
    fn the_scroll_follows_the_selection_by_as_little_as_it_can() {
        // In view: it stays.
        assert_eq!(follow(3, Some(5), 100, 10), 3);
        // Below: the selection becomes the last row shown.
        assert_eq!(follow(3, Some(20), 100, 10), 11);
        // Above: the first.
        assert_eq!(follow(12, Some(4), 100, 10), 4);
        // Never past the end, nor with nothing selected.
        assert_eq!(follow(95, None, 100, 10), 90);
        assert_eq!(follow(5, Some(2), 4, 10), 0);
    }
}
