//! The lost-update check: what a write would replace that its writer has not seen.
//!
//! A buffer's *base* is the view's `$SAVED` (every write moves it) as it was when the buffer
//! was opened from the view or last submitted to it. A submission over anything else is an
//! overwrite the user must ask for: the designer's submit dialog and `push --expect-sha256`
//! both say it with [`Overwrite`].

use serde::{Deserialize, Serialize};

use super::View;

/// The remote content a buffer is based on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RemoteBase {
    pub view_id: String,
    /// The checksum of that content (template and actions).
    pub sha256: String,
    /// Its template, pretty-printed, and actions: to say what changed since.
    pub template: String,
    pub actions: Vec<String>,
    /// When the view was last written then (epoch seconds), if the service said.
    pub modified: Option<f64>,
}

impl RemoteBase {
    /// The base a view's content gives (as the service returned it).
    pub fn of(view: &View) -> RemoteBase {
        RemoteBase {
            view_id: view.id.clone(),
            sha256: crate::view::content_sha256(&view.template, &view.actions),
            template: crate::view::Template::parse(&view.template)
                .map(|t| t.to_pretty())
                .unwrap_or_else(|_| view.template.clone()),
            actions: view.actions.clone(),
            modified: view.modified,
        }
    }
}

/// A view opened for editing: `target` (an id or ARN, qualified or not) described, and the
/// base a submission would be checked against: the view's `$SAVED` as it is now (every
/// write moves it), or none for an AWS-managed view, which nothing writes.
pub async fn open_for_editing(
    client: &super::ConnectClient,
    target: &str,
) -> Result<(View, Option<RemoteBase>), super::ConnectError> {
    let view = client.describe_view(target).await?;
    let base = if view.view_type.is_aws_managed() {
        None
    } else if target.ends_with(":$SAVED") {
        Some(RemoteBase::of(&view))
    } else {
        let saved = client.describe_view(&format!("{}:$SAVED", view.id)).await?;
        Some(RemoteBase::of(&saved))
    };
    Ok((view, base))
}

/// The bases of one buffer, one per view it was opened from or submitted to (a file may be
/// submitted to a view in each environment), the most recent last. They are kept beside the
/// file's draft journal, so a file reopened later still knows what it was based on.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Bases {
    bases: Vec<RemoteBase>,
}

/// Where the bases of the file `file` are kept: beside its draft journal in `drafts`
/// (`<key>.bases.json`; `crate::dirs::drafts_dir` for push and the designer alike). Unlike
/// the draft they stay after a save or a clean quit.
pub fn kept_path(drafts: &std::path::Path, file: &std::path::Path) -> std::path::PathBuf {
    drafts.join(format!("{}.bases.json", crate::dirs::file_key(file)))
}

impl Bases {
    /// The bases kept at `path`; none when there are none or they cannot be read (they only
    /// spare a warning, so an unreadable file costs nothing but that).
    pub fn load(path: &std::path::Path) -> Bases {
        std::fs::read(path)
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default()
    }

    /// Keeps them at `path`, privately (0600, written whole or not at all).
    pub fn save(&self, path: &std::path::Path) -> std::io::Result<()> {
        let bytes = serde_json::to_vec(self).map_err(std::io::Error::other)?;
        crate::dirs::write_private(path, &bytes)
    }
}

/// At most this many views are remembered for one file.
const KEPT: usize = 16;

impl Bases {
    pub fn one(base: RemoteBase) -> Bases {
        Bases { bases: vec![base] }
    }

    /// The base for the view with this id.
    pub fn of(&self, view_id: &str) -> Option<&RemoteBase> {
        self.bases.iter().find(|b| b.view_id == view_id)
    }

    /// The view most recently opened or submitted to.
    pub fn latest(&self) -> Option<&RemoteBase> {
        self.bases.last()
    }

    /// Records a base, replacing that view's older one.
    pub fn put(&mut self, base: RemoteBase) {
        self.bases.retain(|b| b.view_id != base.view_id);
        self.bases.push(base);
        let over = self.bases.len().saturating_sub(KEPT);
        self.bases.drain(..over);
    }

    /// Takes in older bases (read back from disk): those of views not known here.
    pub fn merge_older(&mut self, older: Bases) {
        let mut all: Vec<RemoteBase> = older
            .bases
            .into_iter()
            .filter(|b| self.of(&b.view_id).is_none())
            .collect();
        all.append(&mut self.bases);
        self.bases = all;
    }

    /// Forgets a view (deleted from the instance); true when it was known.
    pub fn forget(&mut self, view_id: &str) -> bool {
        let before = self.bases.len();
        self.bases.retain(|b| b.view_id != view_id);
        self.bases.len() != before
    }

    pub fn is_empty(&self) -> bool {
        self.bases.is_empty()
    }
}

/// Why a write would overwrite something the user has not seen.
#[derive(Debug, Clone, PartialEq)]
pub enum Overwrite {
    /// The view changed on the instance since the base: when, and what changed.
    ChangedSince { when: Option<f64>, what: String },
    /// A view of this name exists, and the writer never opened it or wrote to it.
    NotOpened { when: Option<f64> },
}

impl Overwrite {
    /// What a write to the view `view_id`, whose content is `now` (its `$SAVED`, when it
    /// could be read), would overwrite unseen, given the writer's base for that view.
    pub fn check(base: Option<&RemoteBase>, now: Option<&RemoteBase>) -> Option<Overwrite> {
        let when = now.and_then(|n| n.modified);
        match (base, now) {
            (Some(base), Some(now)) if base.view_id == now.view_id => (base.sha256 != now.sha256)
                .then(|| Overwrite::ChangedSince {
                    when,
                    what: what_changed(base, now),
                }),
            _ => Some(Overwrite::NotOpened { when }),
        }
    }

    pub fn describe(&self, name: &str) -> String {
        let when = |t: &Option<f64>| {
            t.map(|t| format!(" at {}", crate::view::time::rfc3339(t)))
                .unwrap_or_default()
        };
        match self {
            Overwrite::ChangedSince { when: t, what } => format!(
                "\"{name}\" changed on the instance{} after you opened it ({what}): submitting \
                 replaces that change",
                when(t)
            ),
            Overwrite::NotOpened { when: t } => format!(
                "this replaces a view you did not open: \"{name}\" already exists on the \
                 instance (last written{}), and this buffer was not opened from it",
                when(t)
            ),
        }
    }
}

/// What changed from `base` to `now`: lines of the template, actions added and removed.
pub fn what_changed(base: &RemoteBase, now: &RemoteBase) -> String {
    let (added, removed) = crate::view::lines::diff_stat(&base.template, &now.template);
    let mut parts = Vec::new();
    if added + removed > 0 {
        parts.push(format!("+{added} -{removed} lines of the template"));
    }
    let missing = |of: &[String], from: &[String]| -> Vec<String> {
        of.iter().filter(|a| !from.contains(a)).cloned().collect()
    };
    let new = missing(&now.actions, &base.actions);
    let gone = missing(&base.actions, &now.actions);
    if !new.is_empty() {
        parts.push(format!("actions added: {}", new.join(", ")));
    }
    if !gone.is_empty() {
        parts.push(format!("actions removed: {}", gone.join(", ")));
    }
    if parts.is_empty() {
        parts.push("the same text written again".into());
    }
    parts.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base(id: &str, template: &str, actions: &[&str]) -> RemoteBase {
        RemoteBase {
            view_id: id.into(),
            sha256: crate::view::checksum::sha256_hex(&format!("{template}{actions:?}")),
            template: template.into(),
            actions: actions.iter().map(|a| a.to_string()).collect(),
            modified: Some(0.0),
        }
    }

    #[test]
    fn a_change_since_the_base_says_what_changed_and_another_view_was_not_opened() {
        let was = base("v1", "a\nb", &["Go"]);
        let now = base("v1", "a\nc", &["Go", "Stop"]);
        let Some(Overwrite::ChangedSince { what, .. }) = Overwrite::check(Some(&was), Some(&now))
        else {
            panic!("a changed view is ChangedSince");
        };
        assert_eq!(what, "+1 -1 lines of the template; actions added: Stop");
        assert_eq!(Overwrite::check(Some(&was), Some(&was)), None);
        let other = base("v2", "a\nb", &["Go"]);
        assert!(matches!(
            Overwrite::check(Some(&was), Some(&other)),
            Some(Overwrite::NotOpened { .. })
        ));
        assert!(matches!(
            Overwrite::check(None, Some(&was)),
            Some(Overwrite::NotOpened { .. })
        ));
    }

    #[test]
    fn bases_keep_one_per_view_the_latest_last_and_older_ones_merge_under() {
        let mut b = Bases::one(base("v1", "a", &[]));
        b.put(base("v2", "b", &[]));
        b.put(base("v1", "c", &[]));
        assert_eq!(b.latest().unwrap().template, "c");
        assert_eq!(b.of("v2").unwrap().template, "b");
        let mut fresh = Bases::one(base("v2", "new", &[]));
        fresh.merge_older(b);
        assert_eq!(fresh.of("v2").unwrap().template, "new");
        assert_eq!(fresh.latest().unwrap().view_id, "v2");
        assert!(fresh.forget("v1"));
        assert!(!fresh.forget("v1"));
        for i in 0..40 {
            fresh.put(base(&format!("x{i}"), "", &[]));
        }
        assert_eq!(fresh.bases.len(), KEPT);
        assert_eq!(fresh.latest().unwrap().view_id, "x39");
    }
}
