//! The preview pane's own state and behaviour: the field values and focus of the view as
//! the agent sees it, the layout cached per (tree, data, state, width), and what pressing
//! an element did. It never changes the template: typing goes into preview fields.

mod draw;

use crate::tui::cx::Cx;
use std::sync::Arc;

use serde_json::Value;

use crate::view::preview::{self, HotKind, Layout, Pressed, PreviewState, Resolver};
use crate::view::tree::{NodeId, Tree};

use crate::tui::action::Command;
use crate::tui::component::{Component, Msg};
use crate::tui::state::Pane;
use crate::view::Severity;

use crate::tui::action::{Command as C, CommandRow, row};

/// The commands this pane takes: its keymap context, its footer and its help section.
#[rustfmt::skip]
pub const COMMANDS: &[CommandRow] = &[
    row(C::Up, &["up"], 0),
    row(C::Down, &["down"], 0),
    row(C::Left, &["left"], 0),
    row(C::Right, &["right"], 0),
    row(C::Press, &["enter", "space"], 10),
    row(C::Reveal, &["ctrl-e"], 11),
    row(C::ResetPreview, &["ctrl-r"], 12),
    row(C::PreviewPage, &["alt-g"], 13),
];

impl Component for PreviewPane {
    fn pane(&self) -> Pane {
        Pane::Preview
    }

    /// A focused preview field takes what is typed (never the template).
    fn key(&mut self, key: &crossterm::event::KeyEvent, app: &Cx, _out: &mut Vec<Msg>) -> bool {
        use crossterm::event::{KeyCode, KeyModifiers};
        if !self.typing() {
            return false;
        }
        let plain = !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        let typed = match key.code {
            KeyCode::Char(c) if plain => Some(c),
            KeyCode::Backspace => None,
            _ => return false,
        };
        if let Some(tree) = app.validation.tree.clone() {
            let data = app.doc.preview_data();
            let r = Resolver {
                tree: &tree,
                data: &data,
            };
            self.type_char(&r, typed);
        }
        true
    }

    fn command(&mut self, command: Command, app: &Cx, out: &mut Vec<Msg>) -> bool {
        use Command as C;
        // Its own commands, and Esc (which clears a press's result first).
        if !command.belongs_to(Pane::Preview.context()) && command != C::Cancel {
            return false;
        }
        if command == C::PreviewPage {
            let current = app.doc.page_data.as_ref().map(|p| p.0.clone());
            out.push(page_prompt(current.unwrap_or_default()).open());
            return true;
        }
        let Some(tree) = app.validation.tree.clone() else {
            if command == C::Cancel {
                return false;
            }
            let why = if app.validation.revision.is_some() {
                "nothing to preview yet: the template has not parsed"
            } else {
                "the preview is still being drawn (the first check of the template is running)"
            };
            out.push(Msg::Notice(why.into(), Severity::Warning));
            return true;
        };
        let data = app.doc.preview_data();
        let r = Resolver {
            tree: &tree,
            data: &data,
        };
        let outcome = match command {
            C::Up | C::Down => self.focus_step(command == C::Down),
            C::Left | C::Right => self.step_choice(&r, command == C::Right),
            C::Press => self.activate(&r, &app.doc.meta.actions),
            C::ResetPreview => self.reset(),
            // Esc clears the press's result first; with none, it is the global Esc.
            C::Cancel => match self.clear() {
                Outcome::Nothing => return false,
                o => o,
            },
            _ => {
                if let Some(node) = self.focused_node() {
                    out.push(Msg::RevealOffset(tree.get(node).span.start));
                }
                return true;
            }
        };
        if outcome == Outcome::Pressed
            && let Some(p) = &self.pressed
        {
            let (text, severity) = match (&p.branch, p.errors.len()) {
                (_, n) if n > 0 => (
                    format!(
                        "the submit was refused: {n} field {} (shown beside the fields)",
                        if n == 1 { "error" } else { "errors" }
                    ),
                    Severity::Error,
                ),
                (Some(b), _) => (
                    format!("pressed: the flow takes the branch {b}"),
                    Severity::Note,
                ),
                (None, _) => ("pressed: nothing was raised".to_string(), Severity::Note),
            };
            out.push(Msg::Notice(text, severity));
        }
        true
    }

    fn render(&self, frame: &mut ratatui::Frame, area: ratatui::layout::Rect, app: &Cx) {
        draw::render(frame, area, app, self);
    }

    fn fit(&mut self, area: ratatui::layout::Rect, app: &Cx) {
        draw::fit(area, app, self);
    }
}

impl PartialEq for CacheKey {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.tree, &other.tree)
            && self.data == other.data
            && self.version == other.version
            && self.width == other.width
    }
}

/// The columns from which the preview shows beside the editor on its own.
pub const WIDE: u16 = 160;

/// What a layout depends on. The tree is held (and compared by identity), so its address
/// cannot be reused by another tree while the layout is cached: a draft tree built and
/// dropped per key would otherwise hit a stale layout.
#[derive(Debug, Clone)]
struct CacheKey {
    tree: Arc<Tree>,
    /// The sample data drawn with (compared by value: typing in the template does not
    /// change it, so it does not re-lay the view out).
    data: Value,
    version: u64,
    width: usize,
}

#[derive(Debug, Default)]
pub struct PreviewPane {
    pub state: PreviewState,
    /// The focused element: an index into the layout's hotspots.
    pub focus: usize,
    /// The first line shown.
    pub scroll: usize,
    /// What the last press yielded.
    pub pressed: Option<Pressed>,
    /// Shown or hidden by F9; `None` follows the terminal's width.
    pub shown: Option<bool>,
    /// Bumped by every change of the preview's own state.
    version: u64,
    cache: Option<(CacheKey, Arc<Layout>)>,
    /// The width of the last drawing, so keys act on what is on screen.
    pub width: usize,
}

/// What a key did in the preview.
#[derive(Debug, PartialEq)]
pub enum Outcome {
    Nothing,
    /// The preview's state changed: redraw.
    Changed,
    /// An element was pressed.
    Pressed,
}

impl PreviewPane {
    /// Whether the pane is on screen at this terminal width.
    pub fn visible(&self, screen_width: u16) -> bool {
        self.shown.unwrap_or(screen_width >= WIDE)
    }

    /// The layout [`PreviewPane::layout`] kept, or one made afresh when nothing is kept
    /// for these.
    pub fn layout_seen(&self, tree: &Arc<Tree>, data: &Value, width: usize) -> Arc<Layout> {
        let key = CacheKey {
            tree: tree.clone(),
            data: data.clone(),
            version: self.version,
            width,
        };
        match &self.cache {
            Some((k, layout)) if *k == key => layout.clone(),
            _ => Arc::new(preview::layout(tree, data, &self.state, width)),
        }
    }

    /// The layout at `width`, from the cache when nothing it depends on changed.
    pub fn layout(&mut self, tree: &Arc<Tree>, data: &Value, width: usize) -> Arc<Layout> {
        let key = CacheKey {
            tree: tree.clone(),
            data: data.clone(),
            version: self.version,
            width,
        };
        if let Some((k, layout)) = &self.cache
            && *k == key
        {
            return layout.clone();
        }
        let layout = Arc::new(preview::layout(tree, data, &self.state, width));
        self.focus = self.focus.min(layout.hotspots.len().saturating_sub(1));
        self.cache = Some((key, layout.clone()));
        layout
    }

    /// The layout last drawn (none before the first drawing).
    pub fn last_layout(&self) -> Option<Arc<Layout>> {
        self.cache.as_ref().map(|(_, l)| l.clone())
    }

    fn changed(&mut self) -> Outcome {
        self.version += 1;
        Outcome::Changed
    }

    /// The focused element's component.
    pub fn focused_node(&self) -> Option<NodeId> {
        let layout = self.last_layout()?;
        layout.hotspots.get(self.focus).map(|h| h.node)
    }

    pub fn focus_step(&mut self, forward: bool) -> Outcome {
        let Some(layout) = self.last_layout() else {
            return Outcome::Nothing;
        };
        let n = layout.hotspots.len();
        if n == 0 {
            return Outcome::Nothing;
        }
        self.focus = if forward {
            (self.focus + 1) % n
        } else {
            (self.focus + n - 1) % n
        };
        Outcome::Changed
    }

    /// Focuses the first element of a component (or inside it).
    pub fn focus_node(&mut self, tree: &Tree, id: NodeId) -> bool {
        match self.last_layout().and_then(|l| l.hotspot_in(tree, id)) {
            Some(i) => {
                self.focus = i;
                true
            }
            None => false,
        }
    }

    /// Enter (or Space) on the focused element: press a button, card or row; step a
    /// dropdown; choose an option; flip a toggle; open a section.
    pub fn activate(&mut self, r: &Resolver<'_>, actions: &[String]) -> Outcome {
        let Some(layout) = self.last_layout() else {
            return Outcome::Nothing;
        };
        let Some(h) = layout.hotspots.get(self.focus).cloned() else {
            return Outcome::Nothing;
        };
        match h.kind {
            HotKind::Button | HotKind::Submit | HotKind::Card | HotKind::Row => {
                let pressed = preview::press(r, &self.state, actions, &h);
                if let Some(p) = &pressed {
                    if p.errors.is_empty() {
                        self.state.clear_errors();
                    } else {
                        self.state.set_errors(r.tree, &p.errors);
                    }
                }
                self.pressed = pressed;
                self.version += 1;
                Outcome::Pressed
            }
            HotKind::Choice => {
                self.state.cycle(r, h.node, true);
                self.changed()
            }
            HotKind::Option => {
                self.state.choose(r, h.node, h.item.unwrap_or(0));
                self.changed()
            }
            HotKind::Toggle => {
                self.state.toggle(r, h.node);
                self.changed()
            }
            HotKind::Expand => {
                self.state.toggle_expanded(r.tree, h.node);
                self.changed()
            }
            HotKind::Text => Outcome::Nothing,
        }
    }

    /// Left/Right on a dropdown steps through its options.
    pub fn step_choice(&mut self, r: &Resolver<'_>, forward: bool) -> Outcome {
        match self.focused_hotspot() {
            Some((HotKind::Choice, node)) => {
                self.state.cycle(r, node, forward);
                self.changed()
            }
            _ => Outcome::Nothing,
        }
    }

    fn focused_hotspot(&self) -> Option<(HotKind, NodeId)> {
        let layout = self.last_layout()?;
        layout.hotspots.get(self.focus).map(|h| (h.kind, h.node))
    }

    /// Whether the focused element takes typing.
    pub fn typing(&self) -> bool {
        matches!(self.focused_hotspot(), Some((HotKind::Text, _)))
    }

    /// A character typed into the focused field (`None`: Backspace).
    pub fn type_char(&mut self, r: &Resolver<'_>, c: Option<char>) -> Outcome {
        match self.focused_hotspot() {
            Some((HotKind::Text, node)) => {
                self.state.type_char(r, node, c);
                self.changed()
            }
            _ => Outcome::Nothing,
        }
    }

    /// Forgets the press result (and the field errors it showed).
    pub fn clear(&mut self) -> Outcome {
        if self.pressed.take().is_some() {
            self.state.clear_errors();
            return self.changed();
        }
        Outcome::Nothing
    }

    /// Back to the fields' default values.
    pub fn reset(&mut self) -> Outcome {
        self.state.reset();
        self.pressed = None;
        self.changed()
    }
}

pub use crate::tui::editor::{offset_of, row_col_of};

/// The workspace page whose InputData the preview draws with (`WORKSPACE/PAGE`, the
/// workspace by name or id); empty goes back to the sample data.
fn page_prompt(current: String) -> crate::tui::popups::Prompt {
    crate::tui::popups::Prompt::new(
        "Draw with a workspace page's InputData (WORKSPACE/PAGE; empty: the sample data)",
        current,
        |_, input| {
            let spec = input.trim();
            if !spec.is_empty() && !spec.contains('/') {
                return Err(format!("\"{spec}\" is not WORKSPACE/PAGE"));
            }
            Ok(vec![Msg::PreviewPage(spec.to_string())])
        },
    )
}
