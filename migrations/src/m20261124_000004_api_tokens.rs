//! API tokens for partners' machines: named, scoped to one cluster or to public data, stored
//! only as a hash, revocable, with the time of last use.

use crate::builders::{cascade, entity_table, index};
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{integer, integer_null, string_len, timestamp_with_time_zone_null};

/// Adds `api_token`.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut api_token = entity_table("api_token");
        api_token
            .col(string_len("name", 200))
            // SHA-256 of the token, hex: the token itself is shown once and never stored.
            .col(string_len("token_hash", 64).unique_key())
            // The token's first characters, so people can tell their tokens apart.
            .col(string_len("prefix", 16))
            // Comma-separated scopes (READ_PUBLIC, READ_CLUSTER_PRIVATE, WRITE_CLUSTER_MEMBERS).
            .col(string_len("scopes", 200))
            .col(integer_null("cluster_id"))
            .col(integer("created_by"))
            .col(timestamp_with_time_zone_null("last_used_at"))
            .col(timestamp_with_time_zone_null("revoked_at"))
            .foreign_key(&mut cascade("api_token", "cluster_id", "cluster"))
            .foreign_key(&mut cascade("api_token", "created_by", "app_user"));
        manager.create_table(api_token).await?;
        manager
            .create_index(index("api_token", &["cluster_id"]))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("api_token").if_exists().to_owned())
            .await
    }
}
