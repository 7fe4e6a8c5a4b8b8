//! Sign-in sessions, disabled accounts and the record of wrong passwords.
//!
//! An access token names its session; ending the session (signing out, changing the password,
//! a refresh token used twice) ends its tokens at once rather than when they lapse. Refresh
//! tokens from before sessions existed name none and are refused: their holders sign in again.
//! Wrong passwords are counted per account and per client address in the database, so that
//! every server of one registry throttles the same guesser.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{
    integer, integer_null, string_len, string_len_null, timestamp_with_time_zone,
    timestamp_with_time_zone_null,
};

/// Adds `user_session`, `sign_in_failure`, `refresh_token.session_id` and
/// `app_user.disabled_at`.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut session = crate::builders::entity_table("user_session");
        session
            .col(integer("user_id"))
            .col(timestamp_with_time_zone_null("ended_at"))
            // Why it ended: SIGN_OUT, PASSWORD_CHANGED, REFRESH_TOKEN_REUSED, ACCOUNT_DISABLED.
            .col(string_len_null("ended_reason", 32))
            .foreign_key(&mut crate::builders::cascade(
                "user_session",
                "user_id",
                "app_user",
            ));
        manager.create_table(session).await?;
        manager
            .create_index(crate::builders::index("user_session", &["user_id"]))
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("refresh_token")
                    .add_column(integer_null("session_id"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(crate::builders::index("refresh_token", &["session_id"]))
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("app_user")
                    .add_column(timestamp_with_time_zone_null("disabled_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("sign_in_failure")
                    // `account:<e-mail>` or `address:<ip>`.
                    .col(string_len("key", 400).primary_key())
                    .col(integer("failures"))
                    .col(timestamp_with_time_zone("last_failed_at"))
                    .col(timestamp_with_time_zone_null("locked_until"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(crate::builders::index(
                "sign_in_failure",
                &["last_failed_at"],
            ))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("sign_in_failure").to_owned())
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("ix_refresh_token_session_id")
                    .table("refresh_token")
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("refresh_token")
                    .drop_column("session_id")
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("app_user")
                    .drop_column("disabled_at")
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table("user_session").to_owned())
            .await
    }
}
