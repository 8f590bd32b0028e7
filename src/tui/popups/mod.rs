//! Popups: one file each, with its state, its keys and its drawing. A popup never touches
//! the document or the editor: what it decides goes out as [`Msg`]s (gitui's popups queue
//! intents the same way), and one that needs a follow-up carries it (a [`Prompt`] carries
//! its answer, the protected environment's prompt the write it lets through).

pub mod asks;
pub mod condition;
mod conflict;
mod help;
pub mod line;
pub mod metadata;
pub mod page;
pub mod palette;
pub mod picker;
pub mod promote;
pub mod prompt;
mod quit;
mod recover;
pub mod submit;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use super::action::Command;
use super::component::Msg;
use super::cx::Cx;
use super::keymap::Context;
use super::theme::Role;
use super::update::{key_name, popup_commands};

pub use condition::ConditionPopup;
pub use metadata::{MetadataPopup, check_metadata};
pub use page::PagePopup;
pub use palette::{Inserted, PalettePopup, insert_entry};
pub use picker::{Pick, PickerPopup};
pub use promote::PromotePopup;
pub use prompt::Prompt;
pub use submit::{ConsumersState, RemoteState, SubmitPopup};

#[derive(Debug, Clone)]
pub enum Popup {
    Help {
        scroll: usize,
    },
    Palette(PalettePopup),
    Submit(SubmitPopup),
    Metadata(MetadataPopup),
    /// Page settings: the title and the view-wide columns.
    Page(PagePopup),
    /// The condition builder.
    Condition(ConditionPopup),
    /// A choice among the view's actions or inputs, or a new one.
    Picker(PickerPopup),
    ConfirmQuit,
    Prompt(Prompt),
    /// The file changed on disk since it was opened.
    Conflict {
        path: std::path::PathBuf,
    },
    /// A promotion's plan (or where it is), before anything is written.
    Promote(PromotePopup),
    /// A draft from a session that did not end cleanly.
    Recover {
        draft: Box<super::journal::Draft>,
        added: usize,
        removed: usize,
    },
}

impl Popup {
    /// The keymap context of its keys.
    pub fn context(&self) -> Context {
        match self {
            Popup::Help { .. } => Context::HelpPopup,
            Popup::Palette(_) => Context::PalettePopup,
            Popup::Submit(d) if d.confirm_anyway => Context::ConfirmSubmit,
            Popup::Submit(_) => Context::SubmitPopup,
            Popup::Metadata(_) => Context::MetadataPopup,
            Popup::Page(_) => Context::PagePopup,
            Popup::Condition(_) => Context::ConditionPopup,
            Popup::Picker(_) => Context::PickerPopup,
            Popup::ConfirmQuit => Context::QuitPopup,
            Popup::Prompt(_) => Context::PromptPopup,
            Popup::Conflict { .. } => Context::ConflictPopup,
            Popup::Recover { .. } => Context::RecoverPopup,
            Popup::Promote(_) => Context::PromotePopup,
        }
    }

    /// Takes a key: `command` is what the keymap found for it in [`Popup::context`].
    /// Pushes [`Msg::Close`] when the popup is done.
    pub fn handle(
        &mut self,
        command: Option<Command>,
        key: &KeyEvent,
        app: &Cx,
        out: &mut Vec<Msg>,
    ) {
        // Recovery takes the draft back or discards it, and Esc is a stray key there (the
        // draft is a person's unsaved work); a prompt says itself what Esc does.
        match self {
            Popup::Recover { draft, .. } => return recover::handle(draft, command, out),
            Popup::Prompt(p) => return p.handle(command, key, app, out),
            _ if command == Some(Command::Cancel) => return out.push(Msg::Close),
            _ => {}
        }
        match self {
            Popup::Palette(p) => p.handle(command, key, app, out),
            Popup::Help { scroll } => help::handle(scroll, command, out),
            Popup::Conflict { path } => conflict::handle(path, command, out),
            Popup::Promote(d) => d.handle(command, key, out),
            Popup::ConfirmQuit => quit::handle(command, out),
            Popup::Submit(d) => d.handle(command, app, out),
            Popup::Metadata(m) => m.handle(command, key, out),
            Popup::Page(p) => p.handle(command, key, app, out),
            Popup::Condition(c) => c.handle(command, key, app, out),
            Popup::Picker(p) => p.handle(command, key, app, out),
            Popup::Prompt(_) | Popup::Recover { .. } => {}
        }
    }

    /// Takes pasted text: a prompt or a metadata field, on one line.
    pub fn paste(&mut self, text: &str) {
        let text = text.replace(['\n', '\r'], " ");
        match self {
            Popup::Prompt(p) => p.paste(&text),
            Popup::Palette(p) => p.paste(&text),
            Popup::Metadata(m) => m.paste(&text),
            Popup::Page(p) => p.paste(&text),
            Popup::Condition(c) => c.paste(&text),
            Popup::Picker(p) => p.paste(&text),
            _ => {}
        }
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, app: &Cx) {
        let drawn = match self {
            Popup::Palette(p) => p.draw(app, area),
            Popup::Help { scroll } => help::draw(*scroll, app, area),
            Popup::Submit(d) => d.draw(app),
            Popup::Metadata(m) => m.draw(app),
            Popup::Page(p) => p.draw(app),
            Popup::Condition(c) => c.draw(app),
            Popup::Picker(p) => p.draw(app),
            Popup::Recover {
                draft,
                added,
                removed,
            } => recover::draw(draft, *added, *removed, app),
            Popup::Conflict { path } => conflict::draw(path, app),
            Popup::Promote(d) => d.draw(app, area),
            Popup::ConfirmQuit => quit::draw(app),
            Popup::Prompt(p) => p.draw(app),
        };
        drawn.render(frame, area, app);
    }
}

/// The popups open, bottom to top: the top one takes the keys, and closing it shows the
/// one below (the protected environment's prompt over the submit popup it confirms).
#[derive(Debug, Clone, Default)]
pub struct Popups(Vec<Popup>);

impl Popups {
    pub fn open(&mut self, popup: Popup) {
        self.0.push(popup);
    }

    pub fn top(&self) -> Option<&Popup> {
        self.0.last()
    }

    pub fn top_mut(&mut self) -> Option<&mut Popup> {
        self.0.last_mut()
    }

    /// Takes the top one out (to hand it a key; see `update::popups::popup_key`).
    pub fn take_top(&mut self) -> Option<Popup> {
        self.0.pop()
    }

    pub fn is_open(&self) -> bool {
        !self.0.is_empty()
    }

    pub fn clear(&mut self) {
        self.0.clear();
    }

    /// Bottom to top, as they are drawn.
    pub fn iter(&self) -> impl Iterator<Item = &Popup> {
        self.0.iter()
    }

    /// The submit popup, wherever it is in the stack (a result finds it under a prompt).
    pub fn submit(&self) -> Option<&SubmitPopup> {
        self.0.iter().rev().find_map(|p| match p {
            Popup::Submit(d) => Some(d),
            _ => None,
        })
    }

    pub fn submit_mut(&mut self) -> Option<&mut SubmitPopup> {
        self.0.iter_mut().rev().find_map(|p| match p {
            Popup::Submit(d) => Some(d),
            _ => None,
        })
    }

    pub fn promote_mut(&mut self) -> Option<&mut PromotePopup> {
        self.0.iter_mut().rev().find_map(|p| match p {
            Popup::Promote(d) => Some(d),
            _ => None,
        })
    }

    /// Closes the submit popup and what was opened over it.
    pub fn close_submit(&mut self) {
        if let Some(i) = self.0.iter().position(|p| matches!(p, Popup::Submit(_))) {
            self.0.truncate(i);
        }
    }
}

/// A form of labelled one-line fields (the metadata and page settings popups): each label
/// over its field (the focused one bold, with its cursor), then "valid" or the problems,
/// then the keys of `context`.
pub(crate) fn field_form(
    app: &Cx,
    fields: &[(&str, &str, Option<usize>)],
    focus: usize,
    problems: &[String],
    context: Context,
) -> Vec<Line<'static>> {
    let t = &app.theme;
    let mut lines = Vec::new();
    for (i, (label, value, cursor)) in fields.iter().enumerate() {
        let focused = focus == i;
        lines.push(Line::from(Span::styled(
            label.to_string(),
            if focused {
                Style::default().add_modifier(Modifier::BOLD)
            } else {
                t.style(Role::Muted)
            },
        )));
        let mut spans = vec![Span::raw("  ")];
        spans.extend(line::spans(value, *cursor, focused));
        lines.push(Line::from(spans));
    }
    lines.push(Line::raw(""));
    if problems.is_empty() {
        lines.push(Line::from(Span::styled("valid", t.style(Role::Ok))));
    }
    for p in problems {
        lines.push(Line::from(Span::styled(
            p.clone(),
            t.style(Role::Error).add_modifier(Modifier::BOLD),
        )));
    }
    lines.push(Line::from(Span::styled(
        key_line(app, context),
        t.style(Role::Muted),
    )));
    lines
}

/// The character a key types, if it types one.
pub(crate) fn typed(key: &KeyEvent) -> Option<char> {
    match key.code {
        KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => Some(c),
        _ => None,
    }
}

/// A popup's content, about to be framed: its title and lines, the size it asks for, and
/// whether it scrolls itself (else content taller than the screen is scrolled to its end).
pub struct Drawn<'a> {
    title: String,
    lines: Vec<Line<'a>>,
    w: u16,
    h: u16,
    scrolls_itself: bool,
}

impl<'a> Drawn<'a> {
    pub fn new(title: impl Into<String>, lines: Vec<Line<'a>>, w: u16, h: u16) -> Drawn<'a> {
        Drawn {
            title: title.into(),
            lines,
            w,
            h,
            scrolls_itself: false,
        }
    }

    fn scrolling_itself(mut self) -> Drawn<'a> {
        self.scrolls_itself = true;
        self
    }

    fn render(self, frame: &mut Frame, area: Rect, state: &Cx) {
        let t = &state.theme;
        let scrolls_itself = self.scrolls_itself;
        let (title, lines, rect, scroll) = fit(area, self.title, self.lines, self.w, self.h);
        let scroll = if scrolls_itself { 0 } else { scroll };
        frame.render_widget(Clear, rect);
        let block = super::panes::pane_block(state, title, None)
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
}

/// Words into lines of at most `width` characters (a longer word has a line of its own).
pub(crate) fn wrap(text: &str, width: usize) -> Vec<String> {
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

pub(crate) fn capitalized(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// A popup's keys on one line, from the command table: `Enter submit · Esc cancel`.
pub(crate) fn key_line(state: &Cx, context: Context) -> String {
    key_line_at(state, context, false)
}

/// The same, when a submission now would overwrite something unseen (`risk`).
pub(crate) fn key_line_at(state: &Cx, context: Context, risk: bool) -> String {
    popup_commands(state, risk, context)
        .into_iter()
        .map(|c| format!("{} {}", key_name(state.keymap, context, c), c.label()))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// A popup's keys one per line, from the command table: `o  overwrite it with yours`.
pub(crate) fn key_rows(state: &Cx, context: Context) -> Vec<Line<'static>> {
    popup_commands(state, false, context)
        .into_iter()
        .map(|c| {
            Line::from(Span::styled(
                format!("{}  {}", key_name(state.keymap, context, c), c.label()),
                Style::default().add_modifier(Modifier::BOLD),
            ))
        })
        .collect()
}

/// Rows a line takes wrapped to `width` columns.
fn rows(line: &Line, width: u16) -> u16 {
    let w = line.width().max(1);
    w.div_ceil(usize::from(width.max(1)))
        .min(usize::from(u16::MAX)) as u16
}

/// A popup sized to its content and the screen: at least the size asked for, wider for a
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
    (
        title,
        lines,
        super::panes::centered(area, width, height),
        scroll,
    )
}
