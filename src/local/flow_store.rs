//! Contact flows and flow modules as stored: their saved and published content (each kept
//! as given), numbered versions, and a module's aliases. Both kinds share one table, told
//! apart by `kind`.

use indexmap::IndexMap;
use rusqlite::{OptionalExtension, Row, params};

use super::store::{Store, StoreError, StoreResult};

/// Created with the other tables when the store opens.
pub(super) const FLOW_SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS flows (
    instance_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    flow_id TEXT NOT NULL,
    arn TEXT NOT NULL,
    name TEXT NOT NULL,
    description TEXT,
    flow_type TEXT,
    state TEXT NOT NULL,
    status TEXT NOT NULL,
    saved TEXT NOT NULL,
    published TEXT,
    tags TEXT NOT NULL,
    settings TEXT,
    modified REAL NOT NULL,
    next_version INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (instance_id, kind, flow_id)
);
CREATE UNIQUE INDEX IF NOT EXISTS flows_by_name ON flows (instance_id, kind, name);
CREATE TABLE IF NOT EXISTS flow_versions (
    instance_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    flow_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    content TEXT NOT NULL,
    description TEXT,
    created REAL NOT NULL,
    PRIMARY KEY (instance_id, kind, flow_id, version)
);
CREATE TABLE IF NOT EXISTS module_aliases (
    instance_id TEXT NOT NULL,
    flow_id TEXT NOT NULL,
    alias_id TEXT NOT NULL,
    name TEXT NOT NULL,
    description TEXT,
    version INTEGER NOT NULL,
    modified REAL NOT NULL,
    PRIMARY KEY (instance_id, flow_id, alias_id),
    UNIQUE (instance_id, flow_id, name)
);
";

/// A contact flow or a flow module.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Flow,
    Module,
}

impl Kind {
    fn key(self) -> &'static str {
        match self {
            Kind::Flow => "flow",
            Kind::Module => "module",
        }
    }

    /// What messages call it.
    pub fn noun(self) -> &'static str {
        match self {
            Kind::Flow => "flow",
            Kind::Module => "flow module",
        }
    }

    /// Its resource type in an ARN (`instance/ID/contact-flow/FLOW`).
    pub fn arn_part(self) -> &'static str {
        match self {
            Kind::Flow => "contact-flow",
            Kind::Module => "flow-module",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct FlowRow {
    pub instance: String,
    pub kind: Kind,
    pub id: String,
    pub arn: String,
    pub name: String,
    pub description: Option<String>,
    /// A flow's `Type` (`CONTACT_FLOW`, ...); none for a module.
    pub flow_type: Option<String>,
    /// `ACTIVE` or `ARCHIVED`.
    pub state: String,
    /// `PUBLISHED` once published, else `SAVED`.
    pub status: String,
    /// The content last saved (what `:$SAVED` shows).
    pub saved: String,
    /// The content last published.
    pub published: Option<String>,
    pub tags: IndexMap<String, String>,
    /// A module's `Settings`, as given.
    pub settings: Option<String>,
    pub modified: f64,
}

impl FlowRow {
    /// What describing it unqualified shows: the published content, else the saved.
    pub fn current(&self) -> &str {
        self.published.as_deref().unwrap_or(&self.saved)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct FlowVersionRow {
    pub version: i64,
    pub content: String,
    pub description: Option<String>,
    pub created: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AliasRow {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    pub version: i64,
    pub modified: f64,
}

const COLUMNS: &str = "instance_id, kind, flow_id, arn, name, description, flow_type, state, \
    status, saved, published, tags, settings, modified";

fn row_of(r: &Row<'_>) -> rusqlite::Result<FlowRow> {
    let kind: String = r.get(1)?;
    Ok(FlowRow {
        instance: r.get(0)?,
        kind: if kind == "module" {
            Kind::Module
        } else {
            Kind::Flow
        },
        id: r.get(2)?,
        arn: r.get(3)?,
        name: r.get(4)?,
        description: r.get(5)?,
        flow_type: r.get(6)?,
        state: r.get(7)?,
        status: r.get(8)?,
        saved: r.get(9)?,
        published: r.get(10)?,
        tags: serde_json::from_str(&r.get::<_, String>(11)?).unwrap_or_default(),
        settings: r.get(12)?,
        modified: r.get(13)?,
    })
}

fn missing(kind: Kind, id: &str) -> StoreError {
    StoreError::Missing(format!("{} {id} not found", kind.noun()))
}

fn duplicate_name(kind: Kind, name: &str) -> StoreError {
    StoreError::Exists(format!(
        "a {} named \"{name}\" already exists in the instance",
        kind.noun()
    ))
}

fn is_unique(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, _)
        if f.code == rusqlite::ErrorCode::ConstraintViolation)
}

fn read(tx: &rusqlite::Connection, inst: &str, kind: Kind, id: &str) -> StoreResult<FlowRow> {
    tx.query_row(
        &format!(
            "SELECT {COLUMNS} FROM flows WHERE instance_id = ?1 AND kind = ?2 AND flow_id = ?3"
        ),
        params![inst, kind.key(), id],
        row_of,
    )
    .optional()?
    .ok_or_else(|| missing(kind, id))
}

fn write_row(tx: &rusqlite::Connection, f: &FlowRow, insert: bool) -> StoreResult<()> {
    let tags = serde_json::to_string(&f.tags).expect("strings serialize");
    let sql = if insert {
        format!(
            "INSERT INTO flows ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"
        )
    } else {
        "UPDATE flows SET arn = ?4, name = ?5, description = ?6, flow_type = ?7, state = ?8, \
         status = ?9, saved = ?10, published = ?11, tags = ?12, settings = ?13, modified = ?14 \
         WHERE instance_id = ?1 AND kind = ?2 AND flow_id = ?3"
            .to_string()
    };
    tx.execute(
        &sql,
        params![
            f.instance,
            f.kind.key(),
            f.id,
            f.arn,
            f.name,
            f.description,
            f.flow_type,
            f.state,
            f.status,
            f.saved,
            f.published,
            tags,
            f.settings,
            f.modified
        ],
    )
    .map_err(|e| {
        if is_unique(&e) {
            duplicate_name(f.kind, &f.name)
        } else {
            e.into()
        }
    })?;
    Ok(())
}

impl Store {
    pub fn create_flow(&self, f: FlowRow) -> StoreResult<FlowRow> {
        self.write(|tx| {
            write_row(tx, &f, true)?;
            Ok(f)
        })
    }

    pub fn flow(&self, inst: &str, kind: Kind, id: &str) -> StoreResult<FlowRow> {
        self.with(|conn| read(conn, inst, kind, id))
    }

    /// Every flow (or module) of the instance, by name.
    pub fn flows(&self, inst: &str, kind: Kind) -> StoreResult<Vec<FlowRow>> {
        self.with(|conn| {
            let mut st = conn.prepare(&format!(
                "SELECT {COLUMNS} FROM flows WHERE instance_id = ?1 AND kind = ?2 ORDER BY name, flow_id"
            ))?;
            let rows = st
                .query_map(params![inst, kind.key()], row_of)?
                .collect::<Result<Vec<_>, _>>()?;
            Ok(rows)
        })
    }

    /// Every flow (or module) of the instance, by name, without its content (empty): what a
    /// search filters on before it reads the content of the page it answers.
    pub fn flows_without_content(&self, inst: &str, kind: Kind) -> StoreResult<Vec<FlowRow>> {
        let columns = COLUMNS.replace("saved, published", "'' AS saved, NULL AS published");
        self.with(|conn| {
            let mut st = conn.prepare(&format!(
                "SELECT {columns} FROM flows WHERE instance_id = ?1 AND kind = ?2 ORDER BY name, flow_id"
            ))?;
            let rows = st
                .query_map(params![inst, kind.key()], row_of)?
                .collect::<Result<Vec<_>, _>>()?;
            Ok(rows)
        })
    }

    /// The flows (or modules) of these ids, whole, in the order given.
    pub fn flows_by_id(&self, inst: &str, kind: Kind, ids: &[String]) -> StoreResult<Vec<FlowRow>> {
        self.with(|conn| ids.iter().map(|id| read(conn, inst, kind, id)).collect())
    }

    /// Reads, changes and writes one flow in a transaction.
    pub fn update_flow(
        &self,
        inst: &str,
        kind: Kind,
        id: &str,
        change: impl FnOnce(&mut FlowRow) -> StoreResult<()>,
    ) -> StoreResult<FlowRow> {
        self.write(|tx| {
            let mut f = read(tx, inst, kind, id)?;
            change(&mut f)?;
            write_row(tx, &f, false)?;
            Ok(f)
        })
    }

    pub fn delete_flow(&self, inst: &str, kind: Kind, id: &str) -> StoreResult<()> {
        self.write(|tx| {
            read(tx, inst, kind, id)?;
            let key = params![inst, kind.key(), id];
            tx.execute(
                "DELETE FROM flows WHERE instance_id = ?1 AND kind = ?2 AND flow_id = ?3",
                key,
            )?;
            tx.execute(
                "DELETE FROM flow_versions WHERE instance_id = ?1 AND kind = ?2 AND flow_id = ?3",
                key,
            )?;
            tx.execute(
                "DELETE FROM module_aliases WHERE instance_id = ?1 AND flow_id = ?2",
                params![inst, id],
            )?;
            Ok(())
        })
    }

    /// A new numbered version of the published content; `check` sees the flow first (the
    /// checksum precondition).
    pub fn create_flow_version(
        &self,
        inst: &str,
        kind: Kind,
        id: &str,
        description: Option<String>,
        now: f64,
        check: impl FnOnce(&FlowRow) -> StoreResult<()>,
    ) -> StoreResult<(FlowRow, i64)> {
        self.write(|tx| {
            let f = read(tx, inst, kind, id)?;
            check(&f)?;
            let content = f.published.clone().ok_or_else(|| {
                StoreError::Refused(format!(
                    "{} {id} has no published content to make a version of",
                    kind.noun()
                ))
            })?;
            let key = params![inst, kind.key(), id];
            let version: i64 = tx.query_row(
                "SELECT next_version FROM flows WHERE instance_id = ?1 AND kind = ?2 AND flow_id = ?3",
                key,
                |r| r.get(0),
            )?;
            tx.execute(
                "UPDATE flows SET next_version = next_version + 1 WHERE instance_id = ?1 AND kind = ?2 AND flow_id = ?3",
                key,
            )?;
            tx.execute(
                "INSERT INTO flow_versions VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![inst, kind.key(), id, version, content, description, now],
            )?;
            Ok((f, version))
        })
    }

    pub fn flow_versions(
        &self,
        inst: &str,
        kind: Kind,
        id: &str,
    ) -> StoreResult<Vec<FlowVersionRow>> {
        self.with(|conn| {
            read(conn, inst, kind, id)?;
            let mut st = conn.prepare(
                "SELECT version, content, description, created FROM flow_versions \
                 WHERE instance_id = ?1 AND kind = ?2 AND flow_id = ?3 ORDER BY version",
            )?;
            let rows = st
                .query_map(params![inst, kind.key(), id], |r| {
                    Ok(FlowVersionRow {
                        version: r.get(0)?,
                        content: r.get(1)?,
                        description: r.get(2)?,
                        created: r.get(3)?,
                    })
                })?
                .collect::<Result<Vec<_>, _>>()?;
            Ok(rows)
        })
    }

    pub fn flow_version(
        &self,
        inst: &str,
        kind: Kind,
        id: &str,
        version: i64,
    ) -> StoreResult<(FlowRow, FlowVersionRow)> {
        let f = self.flow(inst, kind, id)?;
        let v = self
            .flow_versions(inst, kind, id)?
            .into_iter()
            .find(|v| v.version == version)
            .ok_or_else(|| {
                StoreError::Missing(format!(
                    "version {version} of {} {id} does not exist",
                    kind.noun()
                ))
            })?;
        Ok((f, v))
    }

    pub fn delete_flow_version(
        &self,
        inst: &str,
        kind: Kind,
        id: &str,
        version: i64,
    ) -> StoreResult<()> {
        self.write(|tx| {
            let n = tx.execute(
                "DELETE FROM flow_versions WHERE instance_id = ?1 AND kind = ?2 AND flow_id = ?3 AND version = ?4",
                params![inst, kind.key(), id, version],
            )?;
            if n == 0 {
                return Err(StoreError::Missing(format!(
                    "version {version} of {} {id} does not exist",
                    kind.noun()
                )));
            }
            Ok(())
        })
    }

    /// Writes a module alias (a new one, or changes to one), refusing a name taken by
    /// another alias and a version that does not exist.
    pub fn put_alias(&self, inst: &str, module: &str, a: AliasRow, new: bool) -> StoreResult<()> {
        self.write(|tx| {
            read(tx, inst, Kind::Module, module)?;
            let exists: Option<i64> = tx
                .query_row(
                    "SELECT version FROM flow_versions WHERE instance_id = ?1 AND kind = 'module' AND flow_id = ?2 AND version = ?3",
                    params![inst, module, a.version],
                    |r| r.get(0),
                )
                .optional()?;
            if exists.is_none() {
                return Err(StoreError::Missing(format!(
                    "version {} of flow module {module} does not exist",
                    a.version
                )));
            }
            let sql = if new {
                "INSERT INTO module_aliases VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
            } else {
                "UPDATE module_aliases SET name = ?4, description = ?5, version = ?6, modified = ?7 \
                 WHERE instance_id = ?1 AND flow_id = ?2 AND alias_id = ?3"
            };
            tx.execute(
                sql,
                params![inst, module, a.id, a.name, a.description, a.version, a.modified],
            )
            .map_err(|e| {
                if is_unique(&e) {
                    StoreError::Exists(format!(
                        "flow module {module} already has an alias named \"{}\"",
                        a.name
                    ))
                } else {
                    e.into()
                }
            })?;
            Ok(())
        })
    }

    pub fn aliases(&self, inst: &str, module: &str) -> StoreResult<Vec<AliasRow>> {
        self.with(|conn| {
            read(conn, inst, Kind::Module, module)?;
            let mut st = conn.prepare(
                "SELECT alias_id, name, description, version, modified FROM module_aliases \
                 WHERE instance_id = ?1 AND flow_id = ?2 ORDER BY name",
            )?;
            let rows = st
                .query_map(params![inst, module], |r| {
                    Ok(AliasRow {
                        id: r.get(0)?,
                        name: r.get(1)?,
                        description: r.get(2)?,
                        version: r.get(3)?,
                        modified: r.get(4)?,
                    })
                })?
                .collect::<Result<Vec<_>, _>>()?;
            Ok(rows)
        })
    }

    pub fn delete_alias(&self, inst: &str, module: &str, alias: &str) -> StoreResult<()> {
        self.write(|tx| {
            let n = tx.execute(
                "DELETE FROM module_aliases WHERE instance_id = ?1 AND flow_id = ?2 AND alias_id = ?3",
                params![inst, module, alias],
            )?;
            if n == 0 {
                return Err(StoreError::Missing(format!(
                    "flow module {module} has no alias {alias}"
                )));
            }
            Ok(())
        })
    }
}
