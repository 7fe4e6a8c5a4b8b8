//! What a source says and what the registry inferred.
//!
//! `held_since` on KKK certifications and ESCA labels: the source says the status has been held
//! since the award date, continuously (e.g. "From 2016 is one of the Key National Clusters"), so
//! the domain derives its bounds from the holder's next record rather than from the term rule.
//! Existing records are not held-since (false), so their derived bounds stand.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::boolean;

/// Adds `held_since` to `kkk_certification` and `esca_label`.
#[derive(DeriveMigrationName)]
pub struct Migration;

const STATUS_TABLES: [&str; 2] = ["kkk_certification", "esca_label"];

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
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
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
