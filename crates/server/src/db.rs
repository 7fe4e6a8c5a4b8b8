//! Opening, migrating and seeding the database.

use crate::config::Config;
use crate::error::ServerError;
use klastry_migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// Counts every SQL statement the connection runs (a diagnostic for tests and benchmarks).
#[derive(Debug, Clone, Default)]
pub struct StatementCounter(Arc<AtomicU64>);

impl StatementCounter {
    /// Statements run so far.
    pub fn get(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }
}

/// Creates the directory of an SQLite file, so the default needs nothing set up.
fn prepare_sqlite_path(url: &str) -> Result<(), ServerError> {
    let path = url
        .trim_start_matches("sqlite://")
        .trim_start_matches("sqlite:")
        .split('?')
        .next()
        .unwrap_or_default();
    if path.is_empty() || path.starts_with(":memory:") {
        return Ok(());
    }
    if let Some(dir) = std::path::Path::new(path).parent()
        && !dir.as_os_str().is_empty()
    {
        std::fs::create_dir_all(dir)
            .map_err(|e| ServerError::io(format!("creating {}", dir.display()), e))?;
    }
    Ok(())
}

/// Opens the database named in the configuration, counting statements.
pub async fn connect(
    config: &Config,
) -> Result<(DatabaseConnection, StatementCounter), ServerError> {
    let (db, _, counter) = connect_split(config).await?;
    Ok((db, counter))
}

/// Opens the database and returns two handles on one pool: one that counts its statements
/// (for requests), and one that does not (for background work such as the event pump, which
/// must not show up in a request's count).
pub async fn connect_split(
    config: &Config,
) -> Result<(DatabaseConnection, DatabaseConnection, StatementCounter), ServerError> {
    if config.is_sqlite() {
        prepare_sqlite_path(&config.database_url)?;
    }
    let mut options = ConnectOptions::new(config.database_url.clone());
    options
        .max_connections(config.db_pool_size())
        .min_connections(1)
        .connect_timeout(Duration::from_secs(10))
        .acquire_timeout(Duration::from_secs(10))
        .sqlx_logging(false);
    let mut db = Database::connect(options).await?;
    if config.is_sqlite() {
        // WAL lets readers work while a write is in progress; foreign keys are on by default
        // in sqlx but are stated here so the guarantee does not depend on a driver default.
        db.execute_unprepared("PRAGMA journal_mode = WAL").await?;
        db.execute_unprepared("PRAGMA foreign_keys = ON").await?;
    }
    let quiet = db.clone();
    let counter = StatementCounter::default();
    let count = counter.0.clone();
    db.set_metric_callback(move |info| {
        count.fetch_add(1, Ordering::Relaxed);
        // One event per statement, inside the span of the request that caused it.
        tracing::debug!(
            target: "klastry::sql",
            elapsed_us = info.elapsed.as_micros() as u64,
            failed = info.failed,
            sql = %info.statement.sql,
            "sql statement"
        );
    });
    Ok((db, quiet, counter))
}

/// Applies pending migrations.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), ServerError> {
    Migrator::up(db, None).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use sea_orm::{ConnectionTrait, Database, DbBackend, Statement};

    /// Every page binds its LIMIT. Without the planner's stability guarantee SQLite plans with
    /// the bound value, and so parses and plans such a statement again on every run; the build
    /// turns it on (`.cargo/config.toml`, docs/performance.md).
    #[tokio::test]
    async fn sqlite_keeps_a_statements_plan_whatever_values_are_bound() {
        let db = Database::connect("sqlite::memory:")
            .await
            .expect("in-memory SQLite");
        let rows = db
            .query_all_raw(Statement::from_string(
                DbBackend::Sqlite,
                "PRAGMA compile_options",
            ))
            .await
            .expect("compile options");
        let options: Vec<String> = rows
            .iter()
            .filter_map(|row| row.try_get_by_index(0).ok())
            .collect();
        assert!(
            options.iter().any(|option| option == "ENABLE_QPSG"),
            "SQLite was built without ENABLE_QPSG: {options:?}"
        );
    }
}
