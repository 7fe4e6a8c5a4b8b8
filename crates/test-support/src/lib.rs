//! What the domain's and the server's tests share: a fresh database per test, on SQLite (a file
//! of its own under the temporary directory) or on PostgreSQL (a database of its own on the
//! server KLASTRY_TEST_POSTGRES_URL names, e.g. `postgres://postgres@127.0.0.1:5432`).
//!
//! Every database is named `klastry_test_<run>_…`, where `<run>` is KLASTRY_TEST_RUN_ID, so
//! that scripts/test.sh can drop exactly its run's PostgreSQL databases afterwards.

use klastry_migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, Database, DatabaseConnection};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

/// Which database a test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// An SQLite file.
    Sqlite,
    /// A PostgreSQL database.
    Postgres,
}

static NEXT: AtomicU32 = AtomicU32::new(0);

/// A name no other test of any run uses, for a database or a temporary file.
pub fn unique_name() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    // The test script sets a run id so that it can drop exactly this run's databases.
    let run = std::env::var("KLASTRY_TEST_RUN_ID").unwrap_or_else(|_| "adhoc".into());
    format!(
        "klastry_test_{run}_{}_{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed),
        nanos
    )
}

/// The PostgreSQL server to test against, without a trailing slash, if any.
pub fn postgres_url() -> Option<String> {
    std::env::var("KLASTRY_TEST_POSTGRES_URL")
        .ok()
        .filter(|u| !u.trim().is_empty())
        .map(|u| u.trim_end_matches('/').to_string())
}

/// A fresh, empty database: its URL, and for SQLite its file, which the test removes
/// ([`remove_sqlite_file`]); a PostgreSQL database is left to the test script to drop.
#[derive(Debug, Clone)]
pub struct FreshDatabase {
    /// The URL to connect to.
    pub url: String,
    /// The SQLite file, if the database is one.
    pub sqlite_file: Option<PathBuf>,
}

/// A fresh, empty (unmigrated) database on `backend`; None when that is PostgreSQL and no
/// server is named.
///
/// # Panics
/// When KLASTRY_TEST_POSTGRES_URL names a server that cannot be reached or refuses to create
/// the database: a configured suite must not silently skip.
pub async fn fresh_database(backend: Backend) -> Option<FreshDatabase> {
    let name = unique_name();
    match backend {
        Backend::Sqlite => {
            let path = std::env::temp_dir().join(format!("{name}.db"));
            Some(FreshDatabase {
                url: format!("sqlite://{}?mode=rwc", path.display()),
                sqlite_file: Some(path),
            })
        }
        Backend::Postgres => {
            let Some(server) = postgres_url() else {
                eprintln!("PostgreSQL test skipped: KLASTRY_TEST_POSTGRES_URL is not set");
                return None;
            };
            let admin = Database::connect(format!("{server}/postgres"))
                .await
                .expect("KLASTRY_TEST_POSTGRES_URL is set but PostgreSQL cannot be reached");
            admin
                .execute_unprepared(&format!("CREATE DATABASE {name}"))
                .await
                .expect("create the test database");
            admin.close().await.ok();
            Some(FreshDatabase {
                url: format!("{server}/{name}"),
                sqlite_file: None,
            })
        }
    }
}

/// A fresh database on `backend` with every migration applied; None as [`fresh_database`].
pub async fn migrated(backend: Backend) -> Option<DatabaseConnection> {
    let fresh = fresh_database(backend).await?;
    let db = Database::connect(&fresh.url)
        .await
        .expect("open the test database");
    Migrator::up(&db, None).await.expect("migrate");
    Some(db)
}

/// A fresh SQLite database with every migration applied.
pub async fn migrated_database() -> DatabaseConnection {
    migrated(Backend::Sqlite)
        .await
        .expect("SQLite is always at hand")
}

/// A migrated SQLite database, and a migrated PostgreSQL one when a server is named: what
/// decodes rows must be proven on both.
pub async fn migrated_databases() -> Vec<DatabaseConnection> {
    let mut databases = vec![migrated_database().await];
    if postgres_url().is_some() {
        databases.extend(migrated(Backend::Postgres).await);
    }
    databases
}

/// Removes an SQLite database file and its write-ahead log and shared-memory files.
pub fn remove_sqlite_file(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut file = path.as_os_str().to_owned();
        file.push(suffix);
        let _ = std::fs::remove_file(file);
    }
}
