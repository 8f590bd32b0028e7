//! Storage: one SQLite file (WAL), each mutating request one `BEGIN IMMEDIATE`
//! transaction committed before the response is sent. Several processes may share
//! the file; SQLite's locks serialize their writes.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use indexmap::IndexMap;
use rusqlite::{Connection, OptionalExtension, Row, TransactionBehavior, params};

use super::model::Status;
use crate::view::content_sha256;

/// Content as stored: the template string exactly as sent, its actions, checksum and schema.
#[derive(Debug, Clone, PartialEq)]
pub struct Content {
    pub template: String,
    pub actions: Vec<String>,
    pub sha256: String,
    pub input_schema: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ViewRow {
    pub instance: String,
    pub id: String,
    pub arn: String,
    pub name: String,
    pub description: Option<String>,
    pub status: Status,
    pub created: f64,
    pub modified: f64,
    pub saved: Content,
    pub latest: Option<Content>,
    pub tags: IndexMap<String, String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct VersionRow {
    pub version: i64,
    pub content: Content,
    pub description: Option<String>,
    pub created: f64,
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("a view named \"{0}\" already exists in the instance")]
    DuplicateName(String),
    #[error("view {0} not found")]
    ViewNotFound(String),
    #[error("version {1} of view {0} does not exist")]
    VersionNotFound(String, i64),
    #[error(
        "view {0} has no published content yet: publish it (Status PUBLISHED) before creating a version"
    )]
    NothingPublished(String),
    #[error(
        "ViewContentSha256 {given} does not match the $LATEST content ({actual}): the view changed since you read it; describe it again"
    )]
    ChecksumMismatch { given: String, actual: String },
    /// A resource other than a view that does not exist (the message says which).
    #[error("{0}")]
    Missing(String),
    /// A name or key taken already.
    #[error("{0}")]
    Exists(String),
    /// A request the state of the resource refuses.
    #[error("{0}")]
    Refused(String),
    /// A service quota reached.
    #[error("{0}")]
    Quota(String),
    #[error("storage: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("storage: {0}")]
    Io(#[from] std::io::Error),
}

pub type StoreResult<T> = Result<T, StoreError>;

/// What a CreateView stores.
pub struct NewView {
    pub instance: String,
    pub id: String,
    pub arn: String,
    pub name: String,
    pub description: Option<String>,
    pub status: Status,
    pub content: Content,
    pub tags: IndexMap<String, String>,
    pub client_token: Option<String>,
    pub now: f64,
}

pub struct Store {
    path: PathBuf,
    idle: Mutex<Vec<Connection>>,
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS views (
    instance_id TEXT NOT NULL,
    view_id TEXT NOT NULL,
    arn TEXT NOT NULL,
    name TEXT NOT NULL,
    description TEXT,
    status TEXT NOT NULL,
    created REAL NOT NULL,
    modified REAL NOT NULL,
    next_version INTEGER NOT NULL DEFAULT 1,
    saved_template TEXT NOT NULL,
    saved_actions TEXT NOT NULL,
    saved_sha TEXT NOT NULL,
    saved_schema TEXT NOT NULL,
    latest_template TEXT,
    latest_actions TEXT,
    latest_sha TEXT,
    latest_schema TEXT,
    tags TEXT NOT NULL DEFAULT '{}',
    client_token TEXT,
    PRIMARY KEY (instance_id, view_id)
);
CREATE UNIQUE INDEX IF NOT EXISTS views_by_name ON views (instance_id, name);
CREATE UNIQUE INDEX IF NOT EXISTS views_by_token ON views (instance_id, client_token)
    WHERE client_token IS NOT NULL;
CREATE TABLE IF NOT EXISTS versions (
    instance_id TEXT NOT NULL,
    view_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    template TEXT NOT NULL,
    actions TEXT NOT NULL,
    sha TEXT NOT NULL,
    schema TEXT NOT NULL,
    description TEXT,
    created REAL NOT NULL,
    PRIMARY KEY (instance_id, view_id, version)
);
";

const VIEW_COLUMNS: &str = "instance_id, view_id, arn, name, description, status, created, modified, \
    saved_template, saved_actions, saved_sha, saved_schema, \
    latest_template, latest_actions, latest_sha, latest_schema, tags";

fn actions_json(actions: &[String]) -> String {
    serde_json::to_string(actions).expect("strings serialize")
}

fn parse_actions(text: &str) -> Vec<String> {
    serde_json::from_str(text).unwrap_or_default()
}

fn tags_json(tags: &IndexMap<String, String>) -> String {
    serde_json::to_string(tags).expect("strings serialize")
}

fn view_from_row(row: &Row<'_>) -> rusqlite::Result<ViewRow> {
    let status: String = row.get(5)?;
    let latest_template: Option<String> = row.get(12)?;
    let latest = match latest_template {
        Some(template) => Some(Content {
            template,
            actions: parse_actions(&row.get::<_, String>(13)?),
            sha256: row.get(14)?,
            input_schema: row.get(15)?,
        }),
        None => None,
    };
    Ok(ViewRow {
        instance: row.get(0)?,
        id: row.get(1)?,
        arn: row.get(2)?,
        name: row.get(3)?,
        description: row.get(4)?,
        status: Status::parse(&status).unwrap_or(Status::Saved),
        created: row.get(6)?,
        modified: row.get(7)?,
        saved: Content {
            template: row.get(8)?,
            actions: parse_actions(&row.get::<_, String>(9)?),
            sha256: row.get(10)?,
            input_schema: row.get(11)?,
        },
        latest,
        tags: serde_json::from_str(&row.get::<_, String>(16)?).unwrap_or_default(),
    })
}

fn version_from_row(row: &Row<'_>) -> rusqlite::Result<VersionRow> {
    Ok(VersionRow {
        version: row.get(0)?,
        content: Content {
            template: row.get(1)?,
            actions: parse_actions(&row.get::<_, String>(2)?),
            sha256: row.get(3)?,
            input_schema: row.get(4)?,
        },
        description: row.get(5)?,
        created: row.get(6)?,
    })
}

fn is_unique_violation(e: &rusqlite::Error) -> bool {
    matches!(
        e,
        rusqlite::Error::SqliteFailure(f, _) if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE
            || f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY
    )
}

impl Store {
    /// Opens (creating when needed) the database at `path`.
    pub fn open(path: &Path) -> StoreResult<Store> {
        if let Some(dir) = path.parent()
            && !dir.as_os_str().is_empty()
            && !dir.exists()
        {
            std::fs::create_dir_all(dir)?;
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700));
            }
        }
        let store = Store {
            path: path.to_path_buf(),
            idle: Mutex::new(Vec::new()),
        };
        let mut conn = store.connect()?;
        conn.execute_batch(SCHEMA)?;
        conn.execute_batch(super::flow_store::FLOW_SCHEMA)?;
        conn.execute_batch(super::workspace_store::WORKSPACE_SCHEMA)?;
        migrate(&mut conn)?;
        store.give_back(conn);
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn connect(&self) -> StoreResult<Connection> {
        let conn = Connection::open(&self.path)?;
        conn.busy_timeout(Duration::from_secs(15))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        // FULL: a commit is on disk before the response is sent.
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        Ok(conn)
    }

    fn take(&self) -> StoreResult<Connection> {
        let conn = self.idle.lock().unwrap_or_else(|e| e.into_inner()).pop();
        match conn {
            Some(c) => Ok(c),
            None => self.connect(),
        }
    }

    fn give_back(&self, conn: Connection) {
        let mut idle = self.idle.lock().unwrap_or_else(|e| e.into_inner());
        if idle.len() < 8 {
            idle.push(conn);
        }
    }

    pub(super) fn with<T>(
        &self,
        f: impl FnOnce(&mut Connection) -> StoreResult<T>,
    ) -> StoreResult<T> {
        let mut conn = self.take()?;
        let result = f(&mut conn);
        // A connection that failed mid-transaction is dropped rather than reused.
        if conn.is_autocommit() {
            self.give_back(conn);
        }
        result
    }

    pub(super) fn write<T>(
        &self,
        f: impl FnOnce(&rusqlite::Transaction<'_>) -> StoreResult<T>,
    ) -> StoreResult<T> {
        self.with(|conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let value = f(&tx)?;
            tx.commit()?;
            Ok(value)
        })
    }

    pub fn create_view(&self, v: NewView) -> StoreResult<ViewRow> {
        self.write(|tx| {
            if let Some(token) = &v.client_token
                && let Some(existing) = tx
                    .query_row(
                        &format!("SELECT {VIEW_COLUMNS} FROM views WHERE instance_id = ?1 AND client_token = ?2"),
                        params![v.instance, token],
                        view_from_row,
                    )
                    .optional()?
            {
                return Ok(existing);
            }
            let taken: bool = tx.query_row(
                "SELECT EXISTS(SELECT 1 FROM views WHERE instance_id = ?1 AND name = ?2)",
                params![v.instance, v.name],
                |r| r.get(0),
            )?;
            if taken {
                return Err(StoreError::DuplicateName(v.name.clone()));
            }
            let published = v.status == Status::Published;
            let latest = published.then_some(&v.content);
            let result = tx.execute(
                "INSERT INTO views (instance_id, view_id, arn, name, description, status, created, modified, \
                 saved_template, saved_actions, saved_sha, saved_schema, \
                 latest_template, latest_actions, latest_sha, latest_schema, tags, client_token) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
                params![
                    v.instance,
                    v.id,
                    v.arn,
                    v.name,
                    v.description,
                    v.status.as_str(),
                    v.now,
                    v.content.template,
                    actions_json(&v.content.actions),
                    v.content.sha256,
                    v.content.input_schema,
                    latest.map(|c| &c.template),
                    latest.map(|c| actions_json(&c.actions)),
                    latest.map(|c| &c.sha256),
                    latest.map(|c| &c.input_schema),
                    tags_json(&v.tags),
                    v.client_token,
                ],
            );
            match result {
                Err(e) if is_unique_violation(&e) => Err(StoreError::DuplicateName(v.name.clone())),
                Err(e) => Err(e.into()),
                Ok(_) => Ok(ViewRow {
                    instance: v.instance.clone(),
                    id: v.id.clone(),
                    arn: v.arn.clone(),
                    name: v.name.clone(),
                    description: v.description.clone(),
                    status: v.status,
                    created: v.now,
                    modified: v.now,
                    saved: v.content.clone(),
                    latest: latest.cloned(),
                    tags: v.tags.clone(),
                }),
            }
        })
    }

    pub fn view(&self, instance: &str, id: &str) -> StoreResult<ViewRow> {
        self.with(|conn| get_view(conn, instance, id))
    }

    pub fn version(
        &self,
        instance: &str,
        id: &str,
        version: i64,
    ) -> StoreResult<(ViewRow, VersionRow)> {
        self.with(|conn| {
            let view = get_view(conn, instance, id)?;
            let v = conn
                .query_row(
                    "SELECT version, template, actions, sha, schema, description, created FROM versions \
                     WHERE instance_id = ?1 AND view_id = ?2 AND version = ?3",
                    params![instance, id, version],
                    version_from_row,
                )
                .optional()?
                .ok_or_else(|| StoreError::VersionNotFound(id.to_string(), version))?;
            Ok((view, v))
        })
    }

    /// Customer-managed views ordered by name, after `after` (exclusive), at most `limit`.
    pub fn list_views(
        &self,
        instance: &str,
        after: Option<&str>,
        limit: usize,
    ) -> StoreResult<Vec<ViewRow>> {
        self.with(|conn| {
            let mut stmt = conn.prepare_cached(&format!(
                "SELECT {VIEW_COLUMNS} FROM views WHERE instance_id = ?1 AND name > ?2 ORDER BY name LIMIT ?3"
            ))?;
            let rows = stmt
                .query_map(params![instance, after.unwrap_or(""), limit as i64], view_from_row)?
                .collect::<Result<Vec<_>, _>>()?;
            Ok(rows)
        })
    }

    /// Versions highest first, below `before` (exclusive), at most `limit`.
    pub fn list_versions(
        &self,
        instance: &str,
        id: &str,
        before: Option<i64>,
        limit: usize,
    ) -> StoreResult<(ViewRow, Vec<VersionRow>)> {
        self.with(|conn| {
            let view = get_view(conn, instance, id)?;
            let mut stmt = conn.prepare_cached(
                "SELECT version, template, actions, sha, schema, description, created FROM versions \
                 WHERE instance_id = ?1 AND view_id = ?2 AND version < ?3 ORDER BY version DESC LIMIT ?4",
            )?;
            let rows = stmt
                .query_map(
                    params![instance, id, before.unwrap_or(i64::MAX), limit as i64],
                    version_from_row,
                )?
                .collect::<Result<Vec<_>, _>>()?;
            Ok((view, rows))
        })
    }

    pub fn update_content(
        &self,
        instance: &str,
        id: &str,
        status: Status,
        content: &Content,
        now: f64,
    ) -> StoreResult<ViewRow> {
        self.write(|tx| {
            let mut view = get_view(tx, instance, id)?;
            let actions = actions_json(&content.actions);
            if status == Status::Published {
                tx.execute(
                    "UPDATE views SET status = ?3, modified = ?4, saved_template = ?5, saved_actions = ?6, \
                     saved_sha = ?7, saved_schema = ?8, latest_template = ?5, latest_actions = ?6, \
                     latest_sha = ?7, latest_schema = ?8 WHERE instance_id = ?1 AND view_id = ?2",
                    params![instance, id, status.as_str(), now, content.template, actions, content.sha256, content.input_schema],
                )?;
                view.latest = Some(content.clone());
            } else {
                tx.execute(
                    "UPDATE views SET status = ?3, modified = ?4, saved_template = ?5, saved_actions = ?6, \
                     saved_sha = ?7, saved_schema = ?8 WHERE instance_id = ?1 AND view_id = ?2",
                    params![instance, id, status.as_str(), now, content.template, actions, content.sha256, content.input_schema],
                )?;
            }
            view.saved = content.clone();
            view.status = status;
            view.modified = now;
            Ok(view)
        })
    }

    pub fn update_metadata(
        &self,
        instance: &str,
        id: &str,
        name: Option<&str>,
        description: Option<&str>,
    ) -> StoreResult<()> {
        self.write(|tx| {
            get_view(tx, instance, id)?;
            if let Some(name) = name {
                let clash: bool = tx.query_row(
                    "SELECT EXISTS(SELECT 1 FROM views WHERE instance_id = ?1 AND name = ?2 AND view_id <> ?3)",
                    params![instance, name, id],
                    |r| r.get(0),
                )?;
                if clash {
                    return Err(StoreError::DuplicateName(name.to_string()));
                }
                tx.execute(
                    "UPDATE views SET name = ?3 WHERE instance_id = ?1 AND view_id = ?2",
                    params![instance, id, name],
                )?;
            }
            if let Some(d) = description {
                tx.execute(
                    "UPDATE views SET description = ?3 WHERE instance_id = ?1 AND view_id = ?2",
                    params![instance, id, d],
                )?;
            }
            Ok(())
        })
    }

    /// Snapshots `$LATEST` as a new numbered version, or returns the highest version when
    /// `$LATEST` has not changed since it.
    pub fn create_version(
        &self,
        instance: &str,
        id: &str,
        description: Option<&str>,
        expected_sha: Option<&str>,
        now: f64,
    ) -> StoreResult<(ViewRow, VersionRow)> {
        self.write(|tx| {
            let mut view = get_view(tx, instance, id)?;
            let latest = view
                .latest
                .clone()
                .ok_or_else(|| StoreError::NothingPublished(id.to_string()))?;
            if let Some(given) = expected_sha
                && given != latest.sha256
            {
                return Err(StoreError::ChecksumMismatch {
                    given: given.to_string(),
                    actual: latest.sha256.clone(),
                });
            }
            let highest = tx
                .query_row(
                    "SELECT version, template, actions, sha, schema, description, created FROM versions \
                     WHERE instance_id = ?1 AND view_id = ?2 ORDER BY version DESC LIMIT 1",
                    params![instance, id],
                    version_from_row,
                )
                .optional()?;
            if let Some(h) = highest
                && h.content.sha256 == latest.sha256
                && h.content.actions == latest.actions
            {
                return Ok((view, h));
            }
            let number: i64 = tx.query_row(
                "SELECT next_version FROM views WHERE instance_id = ?1 AND view_id = ?2",
                params![instance, id],
                |r| r.get(0),
            )?;
            tx.execute(
                "INSERT INTO versions (instance_id, view_id, version, template, actions, sha, schema, description, created) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    instance,
                    id,
                    number,
                    latest.template,
                    actions_json(&latest.actions),
                    latest.sha256,
                    latest.input_schema,
                    description,
                    now
                ],
            )?;
            tx.execute(
                "UPDATE views SET next_version = ?3, modified = ?4 WHERE instance_id = ?1 AND view_id = ?2",
                params![instance, id, number + 1, now],
            )?;
            view.modified = now;
            Ok((
                view,
                VersionRow {
                    version: number,
                    content: latest,
                    description: description.map(str::to_string),
                    created: now,
                },
            ))
        })
    }

    pub fn delete_view(&self, instance: &str, id: &str) -> StoreResult<()> {
        self.write(|tx| {
            get_view(tx, instance, id)?;
            tx.execute(
                "DELETE FROM versions WHERE instance_id = ?1 AND view_id = ?2",
                params![instance, id],
            )?;
            tx.execute(
                "DELETE FROM views WHERE instance_id = ?1 AND view_id = ?2",
                params![instance, id],
            )?;
            Ok(())
        })
    }

    pub fn delete_version(&self, instance: &str, id: &str, version: i64) -> StoreResult<()> {
        self.write(|tx| {
            get_view(tx, instance, id)?;
            let n = tx.execute(
                "DELETE FROM versions WHERE instance_id = ?1 AND view_id = ?2 AND version = ?3",
                params![instance, id, version],
            )?;
            if n == 0 {
                return Err(StoreError::VersionNotFound(id.to_string(), version));
            }
            Ok(())
        })
    }

    /// Finds a view by its ARN (for the tagging operations).
    pub fn view_by_arn(&self, arn: &str) -> StoreResult<Option<ViewRow>> {
        self.with(|conn| {
            Ok(conn
                .query_row(
                    &format!("SELECT {VIEW_COLUMNS} FROM views WHERE arn = ?1"),
                    params![arn],
                    view_from_row,
                )
                .optional()?)
        })
    }

    /// Adds `add` to the view's tags and removes `remove`; returns the result.
    pub fn change_tags(
        &self,
        instance: &str,
        id: &str,
        add: &IndexMap<String, String>,
        remove: &[String],
    ) -> StoreResult<IndexMap<String, String>> {
        self.write(|tx| {
            let mut view = get_view(tx, instance, id)?;
            for (k, v) in add {
                view.tags.insert(k.clone(), v.clone());
            }
            for k in remove {
                view.tags.shift_remove(k);
            }
            tx.execute(
                "UPDATE views SET tags = ?3 WHERE instance_id = ?1 AND view_id = ?2",
                params![instance, id, tags_json(&view.tags)],
            )?;
            Ok(view.tags)
        })
    }
}

/// The schema's version (`PRAGMA user_version`): 2 when every stored checksum covers the
/// template and the actions.
const USER_VERSION: i64 = 2;

/// Brings a database written by an earlier version up to date, in one transaction (two
/// processes opening it at once serialize on it).
fn migrate(conn: &mut Connection) -> StoreResult<()> {
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version < USER_VERSION {
        // Version 1 hashed the template alone.
        let sha = |template: &str, actions: &str| content_sha256(template, &parse_actions(actions));
        /// (instance, view, saved checksum, latest checksum)
        type Sums = (String, String, String, Option<String>);
        let views: Vec<Sums> = tx
            .prepare("SELECT instance_id, view_id, saved_template, saved_actions, latest_template, latest_actions FROM views")?
            .query_map([], |r| {
                let (st, sa): (String, String) = (r.get(2)?, r.get(3)?);
                let (lt, la): (Option<String>, Option<String>) = (r.get(4)?, r.get(5)?);
                let latest = match (lt, la) {
                    (Some(t), Some(a)) => Some(sha(&t, &a)),
                    _ => None,
                };
                Ok((r.get(0)?, r.get(1)?, sha(&st, &sa), latest))
            })?
            .collect::<Result<_, _>>()?;
        for (instance, id, saved, latest) in views {
            tx.execute(
                "UPDATE views SET saved_sha = ?3, latest_sha = ?4 WHERE instance_id = ?1 AND view_id = ?2",
                params![instance, id, saved, latest],
            )?;
        }
        let versions: Vec<(String, String, i64, String, String)> = tx
            .prepare("SELECT instance_id, view_id, version, template, actions FROM versions")?
            .query_map([], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })?
            .collect::<Result<_, _>>()?;
        for (instance, id, n, t, a) in versions {
            tx.execute(
                "UPDATE versions SET sha = ?4 WHERE instance_id = ?1 AND view_id = ?2 AND version = ?3",
                params![instance, id, n, sha(&t, &a)],
            )?;
        }
        tx.pragma_update(None, "user_version", USER_VERSION)?;
    }
    tx.commit()?;
    Ok(())
}

fn get_view(conn: &Connection, instance: &str, id: &str) -> StoreResult<ViewRow> {
    conn.query_row(
        &format!("SELECT {VIEW_COLUMNS} FROM views WHERE instance_id = ?1 AND view_id = ?2"),
        params![instance, id],
        view_from_row,
    )
    .optional()?
    .ok_or_else(|| StoreError::ViewNotFound(id.to_string()))
}
