//! What a source says and what the registry inferred.
//!
//! `held_since` on KKK certifications and ESCA labels: the source says the status has been held
//! since the award date, continuously (e.g. "From 2016 is one of the Key National Clusters"), so
//! the domain derives its bounds from the holder's next record rather than from the term rule.
//! Existing records are not held-since (false), so their derived bounds stand.
//!
//! `cluster_sector.inferred_by` and `organisation.kind_inferred_by`: the rule by which the
//! registry inferred a cluster's sector or an organisation's kind where no source states it
//! (NULL: stated, by a source or by a person); `cluster_sector.source_document_id`: the
//! document that states the sector. On PostgreSQL the document is a foreign key cleared with
//! the document; SQLite cannot add one to an existing table (nor drop a column one names), so
//! there it is a plain column (documents are never deleted).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{boolean, integer_null, text_null};

/// Adds `held_since` to `kkk_certification` and `esca_label`, `inferred_by` and
/// `source_document_id` to `cluster_sector`, and `kind_inferred_by` to `organisation`.
#[derive(DeriveMigrationName)]
pub struct Migration;

const STATUS_TABLES: [&str; 2] = ["kkk_certification", "esca_label"];

/// The foreign key of a sector's stating document (PostgreSQL only).
const SECTOR_SOURCE_KEY: &str = "fk_cluster_sector_source_document_id";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in STATUS_TABLES {
            manager
                .alter_table(
                    Table::alter()
                        .table(table)
                        .add_column(boolean("held_since").default(false))
                        .to_owned(),
                )
                .await?;
        }
        // SQLite adds one column per ALTER TABLE.
        for (table, mut column) in [
            ("cluster_sector", text_null("inferred_by")),
            ("cluster_sector", integer_null("source_document_id")),
            ("organisation", text_null("kind_inferred_by")),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(table)
                        .add_column(&mut column)
                        .to_owned(),
                )
                .await?;
        }
        if manager.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
            // Named SECTOR_SOURCE_KEY, as every foreign key is: fk_<table>_<column>.
            manager
                .create_foreign_key(crate::builders::set_null(
                    "cluster_sector",
                    "source_document_id",
                    "source_document",
                ))
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
            manager
                .drop_foreign_key(
                    ForeignKey::drop()
                        .name(SECTOR_SOURCE_KEY)
                        .table("cluster_sector")
                        .to_owned(),
                )
                .await?;
        }
        for (table, column) in [
            ("cluster_sector", "inferred_by"),
            ("cluster_sector", "source_document_id"),
            ("organisation", "kind_inferred_by"),
        ] {
            manager
                .alter_table(Table::alter().table(table).drop_column(column).to_owned())
                .await?;
        }
        for table in STATUS_TABLES {
            manager
                .alter_table(
                    Table::alter()
                        .table(table)
                        .drop_column("held_since")
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
