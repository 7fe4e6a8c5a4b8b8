//! Importing organisations, clusters and memberships in bulk, from JSON Lines or CSV in the
//! export's own format, so that an export imported into an empty registry gives it back.
//!
//! Every row is checked by the same rules as the API's mutations, inside one transaction: rows
//! that break a rule are reported with their line and field, and then nothing is applied at
//! all. The checks that need no database run first for every row, what the registry holds of
//! the rows' records is read in batches, and new records are written by multi-row INSERTs. Only a run in which every row passes commits. Records
//! already present are matched, not changed: an organisation by NIP, REGON or KRS (by its name
//! when it has none), a cluster by slug, a membership by its cluster and organisation. Within one import, `registryId` names
//! an organisation for the records after it (the export's numbering, not this registry's).

mod apply;
mod lookup;
mod matching;
mod parse;
mod plan;
mod writing;

use apply::apply;
pub use parse::parse;

use crate::DomainResult;
use crate::FieldErrorCode;
use crate::rules::access::Actor;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend};
use serde_json::{Map, Value};

/// The file format of an import.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportFormat {
    /// One JSON object per line with a `type`: `organisation`, `cluster` or `membership`.
    JsonLines,
    /// A header row naming the export's columns, then one record per row; one kind per file,
    /// told by its columns.
    Csv,
}

/// Most rows one import may hold.
pub const MAX_ROWS: usize = 100_000;

/// One record read from the input, with the line it starts on.
#[derive(Debug, Clone)]
pub struct ImportRow {
    /// Which of several inputs it came from (0 for the first).
    pub source: usize,
    /// The line of the input it came from (1 for the first).
    pub line: usize,
    /// `organisation`, `cluster` or `membership`.
    pub kind: &'static str,
    /// Its fields, as the export names them.
    pub fields: Map<String, Value>,
}

/// What is wrong with one row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// Which of several inputs it came from (0 for the first).
    pub source: usize,
    /// The line of the input.
    pub line: usize,
    /// The record's kind, when it could be read.
    pub kind: String,
    /// The record's key (an organisation's name, a cluster's slug, a membership's cluster and
    /// organisation), when it could be read.
    pub key: String,
    /// The field concerned, as the export names it; empty for the row as a whole.
    pub field: String,
    /// Why, for a client to translate.
    pub code: FieldErrorCode,
    /// What is wrong.
    pub message: String,
}

/// How many records of each kind an import created and matched.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Organisations.
    pub organisations: usize,
    /// Clusters.
    pub clusters: usize,
    /// Memberships.
    pub memberships: usize,
}

/// The outcome of an import.
#[derive(Debug, Clone, Default)]
pub struct ImportReport {
    /// Whether the rows were applied (every row passed and it was not a dry run).
    pub applied: bool,
    /// Rows read.
    pub rows: usize,
    /// Records that were (or, in a dry run or a refused import, would have been) created.
    pub created: Counts,
    /// Records already in the registry, left as they are.
    pub matched: Counts,
    /// Every row that breaks a rule; empty when all passed.
    pub errors: Vec<RowError>,
}

/// What an account that is not an operator may import (its API tokens count as the account
/// that made them): a bound on one import's rows, and on the organisations its imports create
/// in any 24 hours. Operators and the command line are not bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportQuota {
    /// Most rows in one import.
    pub max_rows: usize,
    /// Most organisations created by imports in any 24 hours.
    pub organisations_per_day: u64,
}

impl Default for ImportQuota {
    fn default() -> Self {
        Self {
            max_rows: 2_000,
            organisations_per_day: 500,
        }
    }
}

/// Imports `rows` as `actor` (None: the system, as `klastry import` runs). With `dry_run`, or
/// when any row breaks a rule, nothing is applied. Database failures end the import with an
/// error and apply nothing either.
///
/// A dry run checks every row exactly as the import would apply it, in a transaction that is
/// rolled back, without holding up anyone's writes: no events are written (on PostgreSQL their
/// commit-order lock would hold up every writer of events until the dry run ends), and on SQLite
/// it runs against a private copy of the database made with `VACUUM INTO` (a read that blocks
/// no one), since SQLite has one writer at a time and a dry run of a few thousand rows held it
/// for seconds.
pub async fn import(
    db: &DatabaseConnection,
    actor: Option<&Actor>,
    rows: Vec<ImportRow>,
    errors: Vec<RowError>,
    dry_run: bool,
    quota: ImportQuota,
) -> DomainResult<ImportReport> {
    if !dry_run {
        return apply(db, actor, rows, errors, false, quota).await;
    }
    crate::platform::events::without_events(async {
        if db.get_database_backend() != DbBackend::Sqlite {
            return apply(db, actor, rows, errors, true, quota).await;
        }
        let copy = PrivateCopy::of(db).await?;
        let report = apply(&copy.db, actor, rows, errors, true, quota).await;
        copy.remove().await;
        report
    })
    .await
}

/// A private copy of an SQLite database, for work that must not hold its write lock.
struct PrivateCopy {
    db: DatabaseConnection,
    path: std::path::PathBuf,
}

impl PrivateCopy {
    async fn of(db: &DatabaseConnection) -> DomainResult<Self> {
        let path = std::env::temp_dir().join(format!(
            "klastry-dry-run-{}-{}.db",
            std::process::id(),
            crate::platform::secrets::random_text::<9>()?
        ));
        let quoted = path.display().to_string().replace('\'', "''");
        db.execute_unprepared(&format!("VACUUM INTO '{quoted}'"))
            .await?;
        let mut options =
            sea_orm::ConnectOptions::new(format!("sqlite://{}?mode=rw", path.display()));
        options.max_connections(1).sqlx_logging(false);
        let copy = match sea_orm::Database::connect(options).await {
            Ok(copy) => copy,
            Err(error) => {
                let _ = std::fs::remove_file(&path);
                return Err(error.into());
            }
        };
        copy.execute_unprepared("PRAGMA foreign_keys = ON").await?;
        Ok(Self { db: copy, path })
    }

    async fn remove(self) {
        let _ = self.db.close().await;
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", self.path.display()));
        }
    }
}
