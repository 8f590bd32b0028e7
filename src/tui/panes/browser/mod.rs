//! The browser: the views of the instance, paged in the background and filtered as you
//! type (SearchViews), a view's qualifiers and numbered versions, and opening any of them
//! into the editor. It shows only what it has: scrolling moves over the loaded rows and
//! never waits on the network, while the pages after the first keep arriving.

mod draw;

use crate::tui::cx::Cx;
use std::collections::HashMap;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};

use crate::connect::{VersionSummary, ViewSummary};
use crate::tui::action::Command;
use crate::tui::component::{Component, Msg};
use crate::tui::effect::Effect;
use crate::tui::state::{Pane, Popup, PromotePopup, Prompt};
use crate::view::Severity;

use crate::tui::action::{Command as C, CommandRow, row};

/// The commands this pane takes: its keymap context, its footer and its help section.
#[rustfmt::skip]
pub const COMMANDS: &[CommandRow] = &[
    row(C::Up, &["up"], 0),
    row(C::Down, &["down"], 0),
    row(C::Left, &["left"], 0),
    row(C::Right, &["right"], 0),
    row(C::ScrollUp, &["pageup"], 0),
    row(C::ScrollDown, &["pagedown"], 0),
    row(C::OpenView, &["enter"], 10),
    row(C::DeleteView, &["ctrl-d", "delete"], 12),
    row(C::Refresh, &["ctrl-r"], 13),
    row(C::Promote, &["ctrl-t"], 14),
    row(C::CompareSelected, &["ctrl-k"], 15),
];

/// What a view's second column offers to open.
#[derive(Debug, Clone, PartialEq)]
pub enum Entry {
    /// The view as DescribeView gives it unqualified (an AWS-managed view's only way in).
    Current,
    Latest,
    Saved,
    Version(VersionSummary),
}

impl Entry {
    /// The qualifier a DescribeView of it takes.
    pub fn qualifier(&self) -> Option<String> {
        match self {
            Entry::Current => None,
            Entry::Latest => Some("$LATEST".into()),
            Entry::Saved => Some("$SAVED".into()),
            Entry::Version(v) => Some(v.version.to_string()),
        }
    }

    fn label(&self) -> (String, String) {
        match self {
            Entry::Current => (
                "current".into(),
                "the view as the instance serves it".into(),
            ),
            Entry::Latest => ("$LATEST".into(), "the last publish: what agents see".into()),
            Entry::Saved => (
                "$SAVED".into(),
                "the last write, published or saved as a draft".into(),
            ),
            Entry::Version(v) => (
                format!("version {}", v.version),
                v.version_description.clone().unwrap_or_default(),
            ),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Versions {
    Loading,
    Loaded(Vec<VersionSummary>),
    Failed(String),
}

/// What Enter asked to open, held while the user says whether unsaved changes may go.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenRequest {
    pub view: ViewSummary,
    pub qualifier: Option<String>,
}

impl OpenRequest {
    /// What DescribeView takes for it: `ID`, `ID:$SAVED`, `ARN:1` (an AWS-managed view's).
    pub fn target(&self) -> String {
        match &self.qualifier {
            None => view_ref(&self.view),
            Some(q) => format!("{}:{q}", view_ref(&self.view)),
        }
    }

    /// `Name`, `Name:$SAVED`, `Name:3`.
    pub fn label(&self) -> String {
        match &self.qualifier {
            None => self.view.name.clone(),
            Some(q) => format!("{}:{q}", self.view.name),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Column {
    #[default]
    Views,
    Entries,
}

#[derive(Debug, Default)]
pub struct BrowserPane {
    pub shown: bool,
    /// The filter typed (SearchViews over name and description when not empty).
    pub query: String,
    /// Which listing the rows belong to: a page of an older one is dropped.
    pub generation: u64,
    pub views: Vec<ViewSummary>,
    /// Pages are still coming.
    pub loading: bool,
    /// Whether any listing answered since the browser opened.
    pub listed: bool,
    pub error: Option<String>,
    pub selected: usize,
    pub offset: usize,
    pub column: Column,
    pub entry: usize,
    /// Versions per view id (or ARN), as ListViewVersions answered.
    pub versions: HashMap<String, Versions>,
    /// Rows of the list when last drawn (a page for PageUp and PageDown).
    height: usize,
}

/// How AWS-managed views are told apart.
pub fn is_managed(v: &ViewSummary) -> bool {
    v.view_type.is_aws_managed()
}

/// What ListViewVersions and DescribeView take for a view (an AWS-managed one only by ARN).
pub fn view_ref(v: &ViewSummary) -> String {
    if is_managed(v) && !v.arn.is_empty() {
        v.arn.clone()
    } else {
        v.id.clone()
    }
}

impl BrowserPane {
    /// A new listing of what the filter says; `debounce` while typing.
    pub fn relist(&mut self, debounce: bool) -> Effect {
        self.generation += 1;
        self.loading = true;
        self.error = None;
        Effect::Browse {
            generation: self.generation,
            query: self.query.trim().to_string(),
            debounce,
        }
    }

    /// A page of listing `generation`: the first replaces the rows, the next extend them.
    pub fn page(&mut self, generation: u64, first: bool, views: Vec<ViewSummary>, more: bool) {
        if generation != self.generation {
            return;
        }
        let keep = self.views.get(self.selected).map(|v| v.id.clone());
        if first {
            self.views = views;
        } else {
            self.views.extend(views);
        }
        self.loading = more;
        self.listed = true;
        // The selection stays on its view when a new listing still has it.
        if first {
            self.selected = keep
                .and_then(|id| self.views.iter().position(|v| v.id == id))
                .unwrap_or(0);
            self.offset = 0;
            self.entry = 0;
        }
    }

    pub fn failed(&mut self, generation: u64, error: String) {
        if generation == self.generation {
            self.loading = false;
            self.error = Some(error);
        }
    }

    pub fn selected_view(&self) -> Option<&ViewSummary> {
        self.views.get(self.selected)
    }

    /// The second column's rows for a view.
    pub fn entries(&self, v: &ViewSummary) -> Vec<Entry> {
        let mut out = if is_managed(v) {
            vec![Entry::Current]
        } else {
            vec![Entry::Latest, Entry::Saved]
        };
        if let Some(Versions::Loaded(list)) = self.versions.get(&view_ref(v)) {
            out.extend(list.iter().cloned().map(Entry::Version));
        }
        out
    }

    /// The versions of the selected view, once per view.
    pub fn want_versions(&mut self, out: &mut Vec<Msg>) {
        if let Some(v) = self.selected_view() {
            let key = view_ref(v);
            if !self.versions.contains_key(&key) {
                self.versions.insert(key.clone(), Versions::Loading);
                out.push(Msg::Effect(Effect::BrowseVersions { view: key }));
            }
        }
    }

    fn select(&mut self, to: usize, out: &mut Vec<Msg>) {
        let last = self.views.len().saturating_sub(1);
        let to = to.min(last);
        if to != self.selected {
            self.selected = to;
            self.entry = 0;
            // A listing still in flight is for a view passed over: the runner drops it for
            // the newer one, so it is asked again when that view is selected again.
            self.versions.retain(|_, v| *v != Versions::Loading);
        }
        self.want_versions(out);
    }

    /// The view was deleted: its row goes.
    pub fn deleted(&mut self, id: &str) {
        self.views.retain(|v| v.id != id);
        self.versions.remove(id);
        self.selected = self.selected.min(self.views.len().saturating_sub(1));
        self.entry = 0;
    }

    /// The selected view, and in its second column the selected qualifier or version.
    fn selection(&self) -> Option<OpenRequest> {
        let view = self.selected_view()?.clone();
        let qualifier = match self.column {
            Column::Views => None,
            Column::Entries => self
                .entries(&view)
                .get(self.entry)
                .and_then(Entry::qualifier),
        };
        Some(OpenRequest { view, qualifier })
    }

    fn open(&mut self, app: &Cx, out: &mut Vec<Msg>) {
        let Some(request) = self.selection() else {
            return;
        };
        if app.doc.dirty() {
            out.push(discard_and_open(request).open());
        } else {
            out.push(Msg::Notice(
                format!("opening {}…", request.label()),
                Severity::Note,
            ));
            out.push(Msg::Effect(Effect::OpenView { request }));
        }
    }

    fn delete(&mut self, app: &Cx, out: &mut Vec<Msg>) {
        let Some(view) = self.selected_view().cloned() else {
            return;
        };
        if is_managed(&view) {
            out.push(Msg::Notice(
                format!(
                    "\"{}\" is AWS-managed: the service keeps it, nothing can delete it",
                    view.name
                ),
                Severity::Warning,
            ));
            return;
        }
        out.push(delete_view(app, view).open());
    }
}

/// Enter on a view while the buffer has unsaved changes: discard them and open it?
fn discard_and_open(request: OpenRequest) -> Prompt {
    Prompt::new(
        "Unsaved changes: Enter discards them and opens this view, Esc keeps them",
        request.label(),
        move |_, _| Ok(vec![Msg::DiscardAndOpen(request.clone())]),
    )
}

/// Deleting a view takes its name typed (the environment's before it when protected).
fn delete_view(app: &Cx, view: ViewSummary) -> Prompt {
    let expected = crate::tui::update::delete_confirmation(app.session, &view.name);
    let title = if app.session.protected {
        format!(
            "Protected environment: type {expected} to delete the view and its versions (Esc keeps it)"
        )
    } else {
        "Delete the view from the instance, its versions too: type its name (Esc keeps it)".into()
    };
    Prompt::new(title, "", move |_, input| {
        if input != expected {
            return Err(format!("that is not \"{expected}\": nothing was deleted"));
        }
        Ok(vec![
            Msg::Notice(format!("deleting \"{}\"…", view.name), Severity::Warning),
            Msg::Effect(Effect::DeleteView {
                id: view.id.clone(),
                name: view.name.clone(),
            }),
        ])
    })
}

/// The environment a view is promoted to; the plan follows, before anything is written.
fn promote_to(view: ViewSummary) -> Prompt {
    Prompt::new(
        "Promote to the environment (an [env.NAME] of connect-views.toml): its name",
        "",
        move |_, input| {
            if input.is_empty() {
                return Err("name the environment".into());
            }
            Ok(vec![
                Msg::Open(Popup::Promote(PromotePopup::planning(
                    view.name.clone(),
                    input.to_string(),
                ))),
                Msg::Effect(Effect::PlanPromotion {
                    view: view.id.clone(),
                    to: input.to_string(),
                }),
            ])
        },
    )
}

impl Component for BrowserPane {
    fn pane(&self) -> Pane {
        Pane::Browser
    }

    fn command(&mut self, command: Command, app: &Cx, out: &mut Vec<Msg>) -> bool {
        use Command as C;
        let page = self.height.max(1);
        match (command, self.column) {
            (C::Up, Column::Views) => self.select(self.selected.saturating_sub(1), out),
            (C::Down, Column::Views) => self.select(self.selected + 1, out),
            (C::ScrollUp, Column::Views) => self.select(self.selected.saturating_sub(page), out),
            (C::ScrollDown, Column::Views) => self.select(self.selected + page, out),
            (C::Up | C::ScrollUp, Column::Entries) => self.entry = self.entry.saturating_sub(1),
            (C::Down | C::ScrollDown, Column::Entries) => {
                let n = self
                    .selected_view()
                    .map(|v| self.entries(v).len())
                    .unwrap_or(0);
                self.entry = (self.entry + 1).min(n.saturating_sub(1));
            }
            (C::Right, _) if self.selected_view().is_some() => {
                self.column = Column::Entries;
                self.want_versions(out);
            }
            (C::Left, _) => self.column = Column::Views,
            (C::OpenView, _) => self.open(app, out),
            (C::DeleteView, _) => self.delete(app, out),
            (C::CompareSelected, _) => {
                if let Some(request) = self.selection() {
                    self.shown = false;
                    out.extend([
                        Msg::Compare {
                            what: request.target(),
                            label: request.label(),
                        },
                        Msg::Focus(Pane::Diff),
                    ]);
                }
            }
            (C::Promote, _) => match self.selected_view().cloned() {
                Some(v) if is_managed(&v) => out.push(Msg::Notice(
                    format!(
                        "\"{}\" is AWS-managed: every instance has it already",
                        v.name
                    ),
                    Severity::Note,
                )),
                Some(v) => out.push(promote_to(v).open()),
                None => {}
            },
            (C::Refresh, _) => {
                self.versions.clear();
                out.push(Msg::Effect(self.relist(false)));
            }
            (C::Cancel, _) if !self.query.is_empty() => {
                self.query.clear();
                out.push(Msg::Effect(self.relist(false)));
            }
            (C::Cancel | C::ToggleBrowser, _) => {
                self.shown = false;
                out.push(Msg::Focus(Pane::Editor));
            }
            _ => return false,
        }
        true
    }

    /// Typing filters the list (SearchViews once typing pauses).
    fn key(&mut self, key: &KeyEvent, _app: &Cx, out: &mut Vec<Msg>) -> bool {
        if key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
        {
            return false;
        }
        match key.code {
            KeyCode::Char(c) => self.query.push(c),
            KeyCode::Backspace if !self.query.is_empty() => {
                self.query.pop();
            }
            _ => return false,
        }
        self.column = Column::Views;
        out.push(Msg::Effect(self.relist(true)));
        true
    }

    /// Keeps the selected view in view of the list's rows in `area`.
    fn fit(&mut self, area: Rect, _app: &Cx) {
        let [list, _] =
            Layout::horizontal([Constraint::Percentage(60), Constraint::Percentage(40)])
                .areas(area);
        // The list's inside, below the filter line (and the error's, when there is one).
        let header = 1 + usize::from(self.error.is_some());
        let rows = (list.height.saturating_sub(2) as usize).saturating_sub(header);
        self.height = rows;
        self.offset =
            crate::tui::panes::follow(self.offset, Some(self.selected), self.views.len(), rows);
    }

    fn render(&self, frame: &mut Frame, area: Rect, app: &Cx) {
        draw::render(self, frame, area, app);
    }
}
