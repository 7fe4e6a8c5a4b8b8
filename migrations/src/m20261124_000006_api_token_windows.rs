//! Requests each API token made per minute, shared by every server on the database, so that a
//! token's limit holds however many servers answer it.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{big_integer, integer};

/// Adds `api_token_window`.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("api_token_window")
                    .col(integer("api_token_id"))
                    // Unix minute the window starts at.
                    .col(big_integer("window_start"))
                    .col(integer("requests").default(0))
                    .primary_key(Index::create().col("api_token_id").col("window_start"))
                    .foreign_key(&mut crate::builders::cascade(
                        "api_token_window",
                        "api_token_id",
                        "api_token",
                    ))
                    .to_owned(),
            )
            .await?;
        // Old windows are deleted by minute.
        manager
            .create_index(crate::builders::index(
                "api_token_window",
                &["window_start"],
            ))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(
                Table::drop()
                    .table("api_token_window")
                    .if_exists()
                    .to_owned(),
            )
            .await
    }
}
