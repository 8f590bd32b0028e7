//! Workspaces as stored: their metadata, theme and visibility, their pages (each a view
//! with its `InputData`), and the users and routing profiles they are associated with.

use indexmap::IndexMap;
use rusqlite::{OptionalExtension, Row, params};
use serde_json::Value;

use super::store::{Store, StoreError, StoreResult};

/// Created with the other tables when the store opens.
pub(super) const WORKSPACE_SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS workspaces (
    instance_id TEXT NOT NULL,
    workspace_id TEXT NOT NULL,
    arn TEXT NOT NULL,
    name TEXT NOT NULL,
    description TEXT,
    title TEXT,
    visibility TEXT NOT NULL,
    theme TEXT,
    tags TEXT NOT NULL,
    created REAL NOT NULL,
    modified REAL NOT NULL,
    PRIMARY KEY (instance_id, workspace_id)
);
CREATE UNIQUE INDEX IF NOT EXISTS workspaces_by_name ON workspaces (instance_id, name);
CREATE TABLE IF NOT EXISTS workspace_pages (
    instance_id TEXT NOT NULL,
    workspace_id TEXT NOT NULL,
    page TEXT NOT NULL,
    slug TEXT,
    resource_arn TEXT NOT NULL,
    input_data TEXT,
    PRIMARY KEY (instance_id, workspace_id, page)
);
CREATE TABLE IF NOT EXISTS workspace_associations (
    instance_id TEXT NOT NULL,
    workspace_id TEXT NOT NULL,
    resource_arn TEXT NOT NULL,
    PRIMARY KEY (instance_id, workspace_id, resource_arn)
);
";

#[derive(Debug, Clone, PartialEq)]
pub struct WorkspaceRow {
    pub instance: String,
    pub id: String,
    pub arn: String,
    pub name: String,
    pub description: Option<String>,
    pub title: Option<String>,
    /// `ALL`, `ASSIGNED` or `NONE`.
    pub visibility: String,
    pub theme: Option<Value>,
    pub tags: IndexMap<String, String>,
    pub created: f64,
    pub modified: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PageRow {
    pub page: String,
    pub slug: Option<String>,
    pub resource_arn: String,
    pub input_data: Option<String>,
}

const COLUMNS: &str = "instance_id, workspace_id, arn, name, description, title, visibility, \
    theme, tags, created, modified";

fn row_of(r: &Row<'_>) -> rusqlite::Result<WorkspaceRow> {
    let theme: Option<String> = r.get(7)?;
    Ok(WorkspaceRow {
        instance: r.get(0)?,
        id: r.get(1)?,
        arn: r.get(2)?,
        name: r.get(3)?,
        description: r.get(4)?,
        title: r.get(5)?,
        visibility: r.get(6)?,
        theme: theme.and_then(|t| serde_json::from_str(&t).ok()),
        tags: serde_json::from_str(&r.get::<_, String>(8)?).unwrap_or_default(),
        created: r.get(9)?,
        modified: r.get(10)?,
    })
}

fn is_unique(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, _)
        if f.code == rusqlite::ErrorCode::ConstraintViolation)
}

fn read(conn: &rusqlite::Connection, inst: &str, id: &str) -> StoreResult<WorkspaceRow> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM workspaces WHERE instance_id = ?1 AND workspace_id = ?2"),
        params![inst, id],
        row_of,
    )
    .optional()?
    .ok_or_else(|| StoreError::Missing(format!("workspace {id} not found")))
}

fn write_row(conn: &rusqlite::Connection, w: &WorkspaceRow, insert: bool) -> StoreResult<()> {
    let sql = if insert {
        format!(
            "INSERT INTO workspaces ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
        )
    } else {
        "UPDATE workspaces SET arn = ?3, name = ?4, description = ?5, title = ?6, visibility = ?7, \
         theme = ?8, tags = ?9, created = ?10, modified = ?11 \
         WHERE instance_id = ?1 AND workspace_id = ?2"
            .to_string()
    };
    conn.execute(
        &sql,
        params![
            w.instance,
            w.id,
            w.arn,
            w.name,
            w.description,
            w.title,
            w.visibility,
            w.theme.as_ref().map(Value::to_string),
            serde_json::to_string(&w.tags).expect("strings serialize"),
            w.created,
            w.modified
        ],
    )
    .map_err(|e| {
        if is_unique(&e) {
            StoreError::Exists(format!(
                "a workspace named \"{}\" already exists in the instance",
                w.name
            ))
        } else {
            e.into()
        }
    })?;
    Ok(())
}

fn page_of(r: &Row<'_>) -> rusqlite::Result<PageRow> {
    Ok(PageRow {
        page: r.get(0)?,
        slug: r.get(1)?,
        resource_arn: r.get(2)?,
        input_data: r.get(3)?,
    })
}

impl Store {
    pub fn create_workspace(&self, w: WorkspaceRow) -> StoreResult<WorkspaceRow> {
        self.write(|tx| {
            write_row(tx, &w, true)?;
            Ok(w)
        })
    }

    pub fn workspace(&self, inst: &str, id: &str) -> StoreResult<WorkspaceRow> {
        self.with(|conn| read(conn, inst, id))
    }

    pub fn workspaces(&self, inst: &str) -> StoreResult<Vec<WorkspaceRow>> {
        self.with(|conn| {
            let mut st = conn.prepare(&format!(
                "SELECT {COLUMNS} FROM workspaces WHERE instance_id = ?1 ORDER BY name, workspace_id"
            ))?;
            let rows = st
                .query_map(params![inst], row_of)?
                .collect::<Result<Vec<_>, _>>()?;
            Ok(rows)
        })
    }

    pub fn update_workspace(
        &self,
        inst: &str,
        id: &str,
        change: impl FnOnce(&mut WorkspaceRow),
    ) -> StoreResult<()> {
        self.write(|tx| {
            let mut w = read(tx, inst, id)?;
            change(&mut w);
            write_row(tx, &w, false)
        })
    }

    pub fn delete_workspace(&self, inst: &str, id: &str) -> StoreResult<()> {
        self.write(|tx| {
            read(tx, inst, id)?;
            for table in ["workspaces", "workspace_pages", "workspace_associations"] {
                tx.execute(
                    &format!("DELETE FROM {table} WHERE instance_id = ?1 AND workspace_id = ?2"),
                    params![inst, id],
                )?;
            }
            Ok(())
        })
    }

    pub fn pages(&self, inst: &str, workspace: &str) -> StoreResult<Vec<PageRow>> {
        self.with(|conn| {
            read(conn, inst, workspace)?;
            let mut st = conn.prepare(
                "SELECT page, slug, resource_arn, input_data FROM workspace_pages \
                 WHERE instance_id = ?1 AND workspace_id = ?2 ORDER BY page",
            )?;
            let rows = st
                .query_map(params![inst, workspace], page_of)?
                .collect::<Result<Vec<_>, _>>()?;
            Ok(rows)
        })
    }

    /// Every page of every workspace of the instance: (workspace id, name, page).
    pub fn all_pages(&self, inst: &str) -> StoreResult<Vec<(String, String, PageRow)>> {
        self.with(|conn| {
            let mut st = conn.prepare(
                "SELECT p.page, p.slug, p.resource_arn, p.input_data, w.workspace_id, w.name \
                 FROM workspace_pages p JOIN workspaces w \
                 ON p.instance_id = w.instance_id AND p.workspace_id = w.workspace_id \
                 WHERE p.instance_id = ?1 ORDER BY w.name, p.page",
            )?;
            let rows = st
                .query_map(params![inst], |r| Ok((r.get(4)?, r.get(5)?, page_of(r)?)))?
                .collect::<Result<Vec<_>, _>>()?;
            Ok(rows)
        })
    }

    /// Writes a page: `old` is the page it replaces (an update, maybe renamed), none for a new
    /// one; `custom_limit` bounds the instance's custom pages (`is_custom` tells them).
    pub fn put_page(
        &self,
        inst: &str,
        workspace: &str,
        old: Option<&str>,
        p: PageRow,
        custom_limit: (usize, fn(&str) -> bool),
    ) -> StoreResult<()> {
        self.write(|tx| {
            read(tx, inst, workspace)?;
            if let Some(old) = old {
                let n = tx.execute(
                    "DELETE FROM workspace_pages WHERE instance_id = ?1 AND workspace_id = ?2 AND page = ?3",
                    params![inst, workspace, old],
                )?;
                if n == 0 {
                    return Err(StoreError::Missing(format!(
                        "workspace {workspace} has no page \"{old}\""
                    )));
                }
            }
            let (limit, is_custom) = custom_limit;
            if is_custom(&p.page) && old.is_none_or(|o| !is_custom(o)) {
                let pages: Vec<String> = tx
                    .prepare("SELECT page FROM workspace_pages WHERE instance_id = ?1")?
                    .query_map(params![inst], |r| r.get(0))?
                    .collect::<Result<_, _>>()?;
                let custom = pages.iter().filter(|p| is_custom(p)).count();
                if custom >= limit {
                    return Err(StoreError::Quota(format!(
                        "the instance has {custom} custom pages, the most it may have ({limit})"
                    )));
                }
            }
            tx.execute(
                "INSERT INTO workspace_pages VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![inst, workspace, p.page, p.slug, p.resource_arn, p.input_data],
            )
            .map_err(|e| {
                if is_unique(&e) {
                    StoreError::Exists(format!(
                        "workspace {workspace} already has a page \"{}\"",
                        p.page
                    ))
                } else {
                    e.into()
                }
            })?;
            Ok(())
        })
    }

    pub fn delete_page(&self, inst: &str, workspace: &str, page: &str) -> StoreResult<()> {
        self.write(|tx| {
            read(tx, inst, workspace)?;
            let n = tx.execute(
                "DELETE FROM workspace_pages WHERE instance_id = ?1 AND workspace_id = ?2 AND page = ?3",
                params![inst, workspace, page],
            )?;
            if n == 0 {
                return Err(StoreError::Missing(format!(
                    "workspace {workspace} has no page \"{page}\""
                )));
            }
            Ok(())
        })
    }

    /// Associates (or, `associate` false, disassociates) users and routing profiles; the
    /// ARNs each took effect for.
    pub fn associate(
        &self,
        inst: &str,
        workspace: &str,
        arns: &[String],
        associate: bool,
    ) -> StoreResult<Vec<String>> {
        self.write(|tx| {
            read(tx, inst, workspace)?;
            let sql = if associate {
                "INSERT OR IGNORE INTO workspace_associations VALUES (?1, ?2, ?3)"
            } else {
                "DELETE FROM workspace_associations WHERE instance_id = ?1 AND workspace_id = ?2 AND resource_arn = ?3"
            };
            for a in arns {
                tx.execute(sql, params![inst, workspace, a])?;
            }
            Ok(arns.to_vec())
        })
    }

    /// Every association of the instance: (workspace id, resource ARN).
    pub fn associations(&self, inst: &str) -> StoreResult<Vec<(String, String)>> {
        self.with(|conn| {
            let mut st = conn.prepare(
                "SELECT workspace_id, resource_arn FROM workspace_associations \
                 WHERE instance_id = ?1 ORDER BY workspace_id, resource_arn",
            )?;
            let rows = st
                .query_map(params![inst], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<Result<Vec<_>, _>>()?;
            Ok(rows)
        })
    }
}
