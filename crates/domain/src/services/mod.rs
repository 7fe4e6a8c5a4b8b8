//! Services: the registry's reads, writes and imports over a SeaORM connection.

pub mod accounts;
pub mod api_tokens;
pub mod audit;
pub mod batch;
pub mod clusters;
pub mod demo;
pub mod events;
pub mod export;
pub mod import;
pub mod organisations;
pub mod pagination;
pub mod reference;
pub mod rows;
pub mod statistics;
pub mod status_records;
pub mod synthetic;
pub mod webhooks;
pub mod writes;

/// What the services' own tests share: a fresh, migrated SQLite database.
#[cfg(test)]
pub(crate) mod testing {
    use klastry_migration::{Migrator, MigratorTrait};
    use sea_orm::{Database, DatabaseConnection};

    /// A new SQLite file under the temporary directory, with every migration applied.
    pub(crate) async fn migrated_database() -> DatabaseConnection {
        let path = std::env::temp_dir().join(format!(
            "klastry-services-{}-{}.db",
            std::process::id(),
            chrono::Utc::now().timestamp_nanos_opt().unwrap_or_default()
        ));
        let db = Database::connect(format!("sqlite://{}?mode=rwc", path.display()))
            .await
            .expect("open SQLite");
        Migrator::up(&db, None).await.expect("migrate");
        db
    }
}
