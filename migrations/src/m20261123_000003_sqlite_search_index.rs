//! SQLite's equivalent of the PostgreSQL trigram index: FTS5 tables with the trigram tokenizer
//! over the folded search text of clusters and organisations, kept in step by triggers.
//! A substring search of three or more characters then reads the index instead of every row.
//! Nothing to do on PostgreSQL, which has its trigram index since the first migration.

use sea_orm_migration::prelude::*;

/// Creates the FTS5 search indexes on SQLite.
#[derive(DeriveMigrationName)]
pub struct Migration;

/// The tables with a `search_text` column to index.
const TABLES: [&str; 2] = ["cluster", "organisation"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != sea_orm::DatabaseBackend::Sqlite {
            return Ok(());
        }
        let db = manager.get_connection();
        for table in TABLES {
            let index = format!("{table}_search");
            db.execute_unprepared(&format!(
                "CREATE VIRTUAL TABLE {index} USING fts5(search_text, content='{table}', \
                 content_rowid='id', tokenize='trigram')"
            ))
            .await?;
            db.execute_unprepared(&format!(
                "CREATE TRIGGER {index}_insert AFTER INSERT ON {table} BEGIN \
                 INSERT INTO {index}(rowid, search_text) VALUES (new.id, new.search_text); END"
            ))
            .await?;
            db.execute_unprepared(&format!(
                "CREATE TRIGGER {index}_delete AFTER DELETE ON {table} BEGIN \
                 INSERT INTO {index}({index}, rowid, search_text) \
                 VALUES ('delete', old.id, old.search_text); END"
            ))
            .await?;
            db.execute_unprepared(&format!(
                "CREATE TRIGGER {index}_update AFTER UPDATE OF search_text ON {table} BEGIN \
                 INSERT INTO {index}({index}, rowid, search_text) \
                 VALUES ('delete', old.id, old.search_text); \
                 INSERT INTO {index}(rowid, search_text) VALUES (new.id, new.search_text); END"
            ))
            .await?;
            db.execute_unprepared(&format!("INSERT INTO {index}({index}) VALUES ('rebuild')"))
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != sea_orm::DatabaseBackend::Sqlite {
            return Ok(());
        }
        let db = manager.get_connection();
        for table in TABLES {
            let index = format!("{table}_search");
            for trigger in ["insert", "delete", "update"] {
                db.execute_unprepared(&format!("DROP TRIGGER IF EXISTS {index}_{trigger}"))
                    .await?;
            }
            db.execute_unprepared(&format!("DROP TABLE IF EXISTS {index}"))
                .await?;
        }
        Ok(())
    }
}
