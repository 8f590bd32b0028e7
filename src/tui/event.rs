//! What the loop receives: input, and reports from background work.

use std::path::PathBuf;
use std::time::Duration;

use crate::connect::{ConnectError, View, ViewSummary};

#[derive(Debug)]
pub enum AppEvent {
    Input(crossterm::event::Event),
    Task(Box<TaskEvent>),
    /// A timer tick (the spinner while a submission is in flight).
    Tick,
    /// The process was told to end (SIGTERM, SIGHUP, or SIGINT outside raw mode): the draft
    /// is kept, the terminal restored, and the exit status is 128 + the signal's number.
    Signal(i32),
}

/// The instance's current copy of the view, for the submit popup.
#[derive(Debug, Clone)]
pub struct Remote {
    pub summary: Option<ViewSummary>,
    /// The template of `$LATEST` (or `$SAVED` when never published), pretty-printed.
    pub template: Option<String>,
    pub qualifier: crate::view::status::Qualifier,
    /// The view's `$SAVED` as it is now (every write moves it): what a submission replaces.
    pub saved: Option<Box<crate::connect::base::RemoteBase>>,
    /// The actions of the content shown (`template`).
    pub actions: Vec<String>,
    /// What the submission changes against `template`, component by component: a line per
    /// change and the summary last (made with the look-up, off the UI task).
    pub changes: Option<Vec<String>>,
}

#[derive(Debug)]
pub enum TaskEvent {
    /// A workspace page's InputData, for the preview.
    Page {
        spec: String,
        result: Result<serde_json::Value, String>,
    },
    /// The consumers of the view called `name`, judged against the buffer (none: no view of
    /// that name yet).
    Consumers {
        name: String,
        /// For the Used-by pane (else the submit popup).
        to_pane: bool,
        result: Result<Option<Box<crate::view::consumers::Report>>, crate::connect::ConnectError>,
    },
    Connected {
        target: String,
        instance: String,
        /// The environment (`--env`), and whether its writes need a typed confirmation.
        env: Option<String>,
        protected: bool,
    },
    ConnectFailed(ConnectError),
    /// The analysis of a revision (`view::analyze`: one parse, everything read from it).
    Validated {
        revision: u64,
        analysis: Box<crate::view::Analysis>,
        elapsed: Duration,
        /// The diff pane's diff of this tree: what it is against (its label), and the diff.
        compared: Option<(String, crate::view::diff::Diff)>,
    },
    Remote {
        name: String,
        result: Result<Remote, ConnectError>,
    },
    Submitted {
        result: Result<(&'static str, View), ConnectError>,
    },
    Versioned {
        result: Result<crate::connect::Versioned, ConnectError>,
    },
    Saved {
        path: PathBuf,
        revision: u64,
        result: Result<String, String>,
    },
    /// The file changed on disk since it was opened; nothing was written.
    SaveConflict {
        path: PathBuf,
    },
    Copied {
        chars: usize,
        how: &'static str,
    },
    /// A page of the browser's listing `generation`.
    ViewsPage {
        generation: u64,
        first: bool,
        views: Vec<ViewSummary>,
        more: bool,
    },
    ViewsFailed {
        generation: u64,
        error: ConnectError,
    },
    Versions {
        view: String,
        result: Result<Vec<crate::connect::VersionSummary>, ConnectError>,
    },
    Opened {
        request: crate::tui::panes::browser::OpenRequest,
        result: Result<Box<Opened>, ConnectError>,
    },
    Deleted {
        id: String,
        name: String,
        result: Result<(), ConnectError>,
    },
    /// What the diff pane compares with: its tree and actions, and the first diff.
    Compared {
        label: String,
        result: Result<crate::tui::panes::diff::Fetched, String>,
    },
    /// The plan, and whether the target is protected.
    PromotionPlanned {
        result: Result<(Vec<crate::connect::promote::ViewPlan>, bool), String>,
    },
    Promoted {
        result: Result<Vec<crate::connect::promote::Applied>, String>,
    },
}

/// A view DescribeView returned for the editor, and the base a submission is checked
/// against (its `$SAVED`; none for an AWS-managed view, which nothing replaces).
#[derive(Debug)]
pub struct Opened {
    pub view: View,
    pub saved: Option<crate::connect::base::RemoteBase>,
}
