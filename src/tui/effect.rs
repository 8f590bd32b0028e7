//! What `update` asks the runtime to do. `update` itself does no I/O.

use std::path::PathBuf;

use crate::connect::Submission;
use crate::view::{Level, ViewDocument};

#[derive(Debug)]
pub enum Effect {
    /// Validate this revision (debounced; a newer request replaces an older one).
    Validate {
        revision: u64,
        doc: Box<ViewDocument>,
        level: Level,
        /// The sample data set shown, by name, and the data editor's text.
        data: Option<(String, String)>,
        /// What the diff pane compares the buffer with: the tree is diffed against it.
        compare: Option<crate::tui::panes::diff::Against>,
    },
    /// Look the view up by name in the instance (create or update? what is there now?).
    /// The component diff of `buffer` (with `actions`) against what is there is made with
    /// it, off the UI task.
    FetchRemote {
        name: String,
        buffer: String,
        actions: Vec<String>,
    },
    /// Judge every flow, module and page that shows the view called `name` against the
    /// buffer (`doc`), as submitting it at `publish` (or save) would change them.
    FetchConsumers {
        name: String,
        doc: Box<crate::view::ViewDocument>,
        publish: bool,
        /// For the Used-by pane (else the submit popup).
        to_pane: bool,
        /// Read the instance again (else judge against the last reading of this view's
        /// consumers, when there is one).
        fresh: bool,
    },
    /// Read a workspace page (`WORKSPACE/PAGE`) for its InputData.
    FetchPage {
        spec: String,
    },
    /// Create or update the view.
    Submit {
        submission: Box<Submission>,
        existing: Option<Option<crate::connect::ViewSummary>>,
    },
    CancelSubmit,
    /// CreateViewVersion with the checksum the user published as precondition.
    CreateVersion {
        view_id: String,
        sha256: Option<String>,
        description: Option<String>,
    },
    /// Hand the template to an external editor; the result comes back as `Edited`.
    ExternalEdit {
        text: String,
        /// The command (`$VISUAL`, `$EDITOR`, else `vi`).
        command: String,
        revision: u64,
    },
    Save {
        path: PathBuf,
        text: String,
        revision: u64,
        /// What the file held when it was opened or last saved; a file that holds something
        /// else now was changed by someone else, and the user chooses. None: write regardless.
        expect: Option<String>,
    },
    /// Journal the draft (debounced; a newer one replaces an older one).
    Journal {
        path: PathBuf,
        draft: Box<super::journal::Draft>,
    },
    /// Keep the file's bases beside its journal (see `connect::base::kept_path`).
    KeepBases {
        path: PathBuf,
        bases: Box<crate::connect::base::Bases>,
    },
    /// The draft is safe elsewhere (saved, or discarded by the user): remove its journal.
    DiscardJournal {
        path: PathBuf,
    },
    Copy(String),
    /// List the instance's views page by page (SearchViews when `query` is not empty); a
    /// newer listing replaces an older one, and `debounce` waits for typing to pause.
    Browse {
        generation: u64,
        query: String,
        debounce: bool,
    },
    /// ListViewVersions of a view (its id, or an AWS-managed view's ARN).
    BrowseVersions {
        view: String,
    },
    /// DescribeView of what the browser selected, for the editor (with the base a
    /// submission checks).
    OpenView {
        request: crate::tui::panes::browser::OpenRequest,
    },
    DeleteView {
        id: String,
        name: String,
    },
    /// Read what the diff pane compares the buffer with: `$SAVED`, `$LATEST` or `N` of the
    /// buffer's view (`view_id`, else the view named `name`), `VIEW[:Q]`, `ENV:VIEW[:Q]`
    /// (`ENV` alone: the buffer's view there) or a file.
    FetchCompare {
        what: String,
        /// What the diff pane calls it.
        label: String,
        name: String,
        view_id: Option<String>,
        /// The buffer's last tree, its revision and actions, to diff the other side against.
        buffer: Option<(std::sync::Arc<crate::view::tree::Tree>, u64, Vec<String>)>,
    },
    /// Plan the promotion of a view of this instance to the environment `to` (reads only).
    PlanPromotion {
        view: String,
        to: String,
    },
    ApplyPromotion {
        to: String,
        plans: Vec<crate::connect::promote::ViewPlan>,
    },
    /// Clear and redraw the whole screen.
    Redraw,
}
