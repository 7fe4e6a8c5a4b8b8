//! The organisations' name index also holds their folded search text, so a search that walks
//! names in order checks each one in the index and reads from the table only the rows it
//! returns. A common term passes about one name in fifteen; reading every row walked past was
//! most of a search's cost in the database.

use sea_orm_migration::prelude::*;

/// Replaces `ix_organisation_sort_name_id` with an index that also covers `search_text`.
#[derive(DeriveMigrationName)]
pub struct Migration;

const OLD: &str = "ix_organisation_sort_name_id";
const NEW: &str = "ix_organisation_sort_name_id_search_text";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        // PostgreSQL keeps the text as a payload beside the key (INCLUDE), so the key stays the
        // order; SQLite has no INCLUDE, and a third key column orders nothing that (name, id)
        // has not already ordered.
        let create = match manager.get_database_backend() {
            sea_orm::DatabaseBackend::Postgres => {
                format!("CREATE INDEX {NEW} ON organisation (sort_name, id) INCLUDE (search_text)")
            }
            _ => format!("CREATE INDEX {NEW} ON organisation (sort_name, id, search_text)"),
        };
        db.execute_unprepared(&create).await?;
        db.execute_unprepared(&format!("DROP INDEX IF EXISTS {OLD}"))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(crate::builders::index("organisation", &["sort_name", "id"]))
            .await?;
        manager
            .get_connection()
            .execute_unprepared(&format!("DROP INDEX IF EXISTS {NEW}"))
            .await?;
        Ok(())
    }
}
