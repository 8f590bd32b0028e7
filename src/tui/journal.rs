//! Crash-safe drafts: the buffer and metadata journaled to the data directory within a
//! second of the last edit (temporary file, fsync, rename; files 0600, directories 0700),
//! offered back after a crash, a `kill -9` or a dropped SSH link, and removed on a clean
//! quit or a save.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::state::Meta;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    /// The file being edited, if it has one.
    pub path: Option<PathBuf>,
    /// When the draft was written, in seconds since the epoch.
    pub at: f64,
    pub name: String,
    pub description: Option<String>,
    pub tags: Vec<(String, String)>,
    pub actions: Vec<String>,
    pub template: String,
    /// The document's sample data sets, when it has any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sample_data: Option<serde_json::Value>,
    /// The set being edited and its text, when that text is not valid JSON yet (so
    /// `sample_data` holds its last valid value).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_text: Option<(String, String)>,
}

impl Draft {
    /// The draft of a document as it stands.
    pub fn of(doc: &crate::view::ViewDocument, path: Option<PathBuf>, at: f64) -> Draft {
        Draft {
            path,
            at,
            name: doc.name.clone(),
            description: doc.description.clone(),
            tags: doc.tags.clone().into_iter().collect(),
            actions: doc.actions.clone(),
            template: doc.template.clone(),
            sample_data: doc.extra.get("SampleData").cloned(),
            data_text: None,
        }
    }

    pub fn meta(&self) -> Meta {
        Meta {
            name: self.name.clone(),
            description: self.description.clone(),
            tags: self.tags.iter().cloned().collect(),
            actions: self.actions.clone(),
        }
    }
}

pub fn drafts_dir() -> PathBuf {
    crate::dirs::drafts_dir()
}

/// The journal file for a document: one per file path, and one for a new, never-saved view.
pub fn journal_path(dir: &Path, file: Option<&Path>) -> PathBuf {
    let key = file.map_or_else(|| "new-view".to_string(), crate::dirs::file_key);
    dir.join(format!("{key}.draft.json"))
}

/// Writes a draft: temporary file (0600), fsync, rename.
pub fn write(journal: &Path, draft: &Draft) -> std::io::Result<()> {
    crate::dirs::write_private(
        journal,
        &serde_json::to_vec(draft).map_err(std::io::Error::other)?,
    )
}

/// The draft in `journal`, if there is a readable one.
pub fn read(journal: &Path) -> Option<Draft> {
    let bytes = std::fs::read(journal).ok()?;
    serde_json::from_slice(&bytes).ok()
}

pub fn remove(journal: &Path) {
    let _ = std::fs::remove_file(journal);
}

/// Removes the temporary files a process killed mid-write left beside `journal` (named
/// `<journal>.tmp<PID>` for a process that no longer runs), so a `kill -9` leaves no copy
/// of a buffer behind. A live process's file is its write in progress and stays.
pub fn sweep(journal: &Path) {
    let (Some(dir), Some(stem)) = (journal.parent(), journal.file_stem()) else {
        return;
    };
    let prefix = format!("{}.tmp", stem.to_string_lossy());
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = name
            .strip_prefix(&prefix)
            .and_then(|p| p.parse::<u32>().ok())
        else {
            continue;
        };
        if pid != std::process::id() && !alive(pid) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(unix)]
fn alive(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    // SAFETY: signal 0 only checks that the process exists; nothing is sent.
    let r = unsafe { libc::kill(pid, 0) };
    r == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

#[cfg(not(unix))]
fn alive(_pid: u32) -> bool {
    // No portable check: keep the file (it is private to the user).
    true
}

#[cfg(test)]
mod tests {
    #[test]
    fn sweep_removes_what_a_dead_writer_left_and_keeps_a_live_one() {
        let dir = tempfile::tempdir().unwrap();
        let journal = dir
            .path()
            .join("orders.view.json-0123456789abcdef.draft.json");
        // Well above any pid_max: no such process.
        let dead = journal.with_extension("tmp4294967");
        let live = journal.with_extension(format!("tmp{}", std::process::id()));
        let other = dir.path().join("other.draft.tmp4294967");
        for f in [&dead, &live, &other] {
            std::fs::write(f, "{}").unwrap();
        }
        sweep(&journal);
        assert!(!dead.exists(), "a dead writer's file is removed");
        assert!(live.exists(), "this process's write in progress stays");
        assert!(other.exists(), "another journal's files are not touched");
    }

    use super::*;

    #[test]
    fn drafts_round_trip_privately() {
        let dir = tempfile::tempdir().unwrap();
        let drafts = dir.path().join("drafts");
        let j = journal_path(&drafts, Some(Path::new("a/orders.view.json")));
        assert!(
            j.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("orders.view.json-")
        );
        let draft = Draft {
            path: None,
            at: 1.5,
            name: "n".into(),
            description: None,
            tags: vec![("k".into(), "v".into())],
            actions: vec!["Go".into()],
            template: "{}".into(),
            sample_data: Some(serde_json::json!({"default": {"A": "x"}})),
            data_text: Some(("default".into(), "{\"A\": ".into())),
        };
        write(&j, &draft).unwrap();
        assert_eq!(read(&j), Some(draft));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                std::fs::metadata(&j).unwrap().permissions().mode() & 0o777,
                0o600
            );
            assert_eq!(
                std::fs::metadata(&drafts).unwrap().permissions().mode() & 0o777,
                0o700
            );
        }
        remove(&j);
        assert_eq!(read(&j), None);
        assert_eq!(
            journal_path(&drafts, None).file_name().unwrap(),
            "new-view.draft.json"
        );
    }
}
