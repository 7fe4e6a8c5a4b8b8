//! The registry's revision: one number the database itself raises whenever a table that the
//! statistics or the directories' facet counts read is changed, so a server can keep those
//! answers and know, with one read of a primary key, whether they still hold. Every writer is
//! covered, whichever server or tool it runs in, because the triggers live in the database.
//!
//! On PostgreSQL the triggers are deferred to commit and raise the number once per transaction:
//! the row is locked only while a transaction commits, so writers do not queue behind each other
//! for their whole transaction, nor deadlock on it. On SQLite, where one writer holds the
//! database anyway, each changed row raises it.

use sea_orm_migration::prelude::*;

/// The tables the statistics and the facet counts read (their filters included).
pub const TRACKED_TABLES: &[&str] = &[
    "cluster",
    "cluster_alias",
    "cluster_sector",
    "sector",
    "kkk_round",
    "kkk_certification",
    "esca_label",
    "organisation",
    "organisation_sector",
    "membership",
    "membership_period",
];

const POSTGRES_FUNCTION: &str = "
CREATE FUNCTION bump_registry_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Once per transaction: a transaction-local setting remembers it was done.
    IF coalesce(current_setting('klastry.revision_bumped', true), '') <> 'on' THEN
        PERFORM set_config('klastry.revision_bumped', 'on', true);
        UPDATE registry_revision SET revision = revision + 1 WHERE id = 1;
    END IF;
    RETURN NULL;
END
$$";

/// Adds `registry_revision` and the triggers that raise it.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        db.execute_unprepared(
            "CREATE TABLE registry_revision (id INTEGER PRIMARY KEY, revision BIGINT NOT NULL)",
        )
        .await?;
        db.execute_unprepared("INSERT INTO registry_revision (id, revision) VALUES (1, 0)")
            .await?;
        if manager.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
            db.execute_unprepared(POSTGRES_FUNCTION).await?;
            for table in TRACKED_TABLES {
                db.execute_unprepared(&format!(
                    "CREATE CONSTRAINT TRIGGER registry_revision_{table} \
                     AFTER INSERT OR UPDATE OR DELETE ON {table} \
                     DEFERRABLE INITIALLY DEFERRED FOR EACH ROW \
                     EXECUTE FUNCTION bump_registry_revision()"
                ))
                .await?;
            }
        } else {
            for table in TRACKED_TABLES {
                for event in ["INSERT", "UPDATE", "DELETE"] {
                    db.execute_unprepared(&format!(
                        "CREATE TRIGGER registry_revision_{table}_{} AFTER {event} ON {table} \
                         BEGIN UPDATE registry_revision SET revision = revision + 1 WHERE id = 1; END",
                        event.to_ascii_lowercase()
                    ))
                    .await?;
                }
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        if manager.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
            for table in TRACKED_TABLES {
                db.execute_unprepared(&format!(
                    "DROP TRIGGER registry_revision_{table} ON {table}"
                ))
                .await?;
            }
            db.execute_unprepared("DROP FUNCTION bump_registry_revision()")
                .await?;
        } else {
            for table in TRACKED_TABLES {
                for event in ["insert", "update", "delete"] {
                    db.execute_unprepared(&format!(
                        "DROP TRIGGER registry_revision_{table}_{event}"
                    ))
                    .await?;
                }
            }
        }
        manager
            .drop_table(Table::drop().table("registry_revision").to_owned())
            .await
    }
}
