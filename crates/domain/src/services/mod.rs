//! Services: the registry's reads, writes and imports over a SeaORM connection.

pub mod accounts;
pub mod api_tokens;
pub mod audit;
pub mod batch;
pub mod cluster_lists;
pub mod clusters;
pub mod demo;
pub mod demo_accounts;
pub mod events;
pub mod export;
pub mod import;
pub mod organisations;
pub mod pagination;
pub mod passwords;
pub mod reference;
pub mod rows;
pub mod secrets;
pub mod sessions;
pub mod sign_in_throttle;
pub mod statistics;
pub mod status_records;
pub mod synthetic;
pub mod webhooks;
pub mod writes;

/// What the services' own tests share: fresh, migrated databases.
#[cfg(test)]
pub(crate) mod testing {
    use klastry_migration::{Migrator, MigratorTrait};
    use sea_orm::{ConnectionTrait, Database, DatabaseConnection};

    fn unique_name() -> String {
        let run = std::env::var("KLASTRY_TEST_RUN_ID").unwrap_or_else(|_| "adhoc".into());
        format!(
            "klastry_test_{run}_domain_{}_{}",
            std::process::id(),
            chrono::Utc::now().timestamp_nanos_opt().unwrap_or_default()
        )
    }

    /// A new SQLite file under the temporary directory, with every migration applied.
    pub(crate) async fn migrated_database() -> DatabaseConnection {
        let path = std::env::temp_dir().join(format!("{}.db", unique_name()));
        let db = Database::connect(format!("sqlite://{}?mode=rwc", path.display()))
            .await
            .expect("open SQLite");
        Migrator::up(&db, None).await.expect("migrate");
        db
    }

    /// A migrated SQLite database, and a migrated PostgreSQL one when the test script names a
    /// server (KLASTRY_TEST_POSTGRES_URL; it drops the run's databases afterwards): what
    /// decodes rows must be proven on both.
    pub(crate) async fn migrated_databases() -> Vec<DatabaseConnection> {
        let mut databases = vec![migrated_database().await];
        let server = std::env::var("KLASTRY_TEST_POSTGRES_URL")
            .ok()
            .filter(|url| !url.trim().is_empty());
        if let Some(server) = server {
            let server = server.trim_end_matches('/');
            let name = unique_name();
            let admin = Database::connect(format!("{server}/postgres"))
                .await
                .expect("KLASTRY_TEST_POSTGRES_URL is set but PostgreSQL cannot be reached");
            admin
                .execute_unprepared(&format!("CREATE DATABASE {name}"))
                .await
                .expect("create the test database");
            admin.close().await.ok();
            let db = Database::connect(format!("{server}/{name}"))
                .await
                .expect("open the test database");
            Migrator::up(&db, None).await.expect("migrate");
            databases.push(db);
        }
        databases
    }
}
