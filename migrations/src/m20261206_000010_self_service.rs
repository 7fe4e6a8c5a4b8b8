//! Self-service: accounts people open themselves, the single-use links e-mailed to them,
//! invitations, requests to act for an organisation or to coordinate a cluster, clusters
//! submitted for review, and the outbox of e-mail with every try at sending it.
//!
//! Accounts that exist already were made by an operator or the demo loader and count as
//! verified; the roles of members that exist already count as managing their organisation,
//! since an operator granted each of them.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{
    boolean, integer, integer_null, string_len, string_len_null, text, text_null,
    timestamp_with_time_zone, timestamp_with_time_zone_null,
};

/// Adds `account_link`, `invitation`, `access_request`, `cluster_submission`, `mail_message`,
/// `mail_attempt`, and `app_user.language`, `.email_verified_at`, `.deleted_at`,
/// `user_role.manages`.
#[derive(DeriveMigrationName)]
pub struct Migration;

const NEW_USER_COLUMNS: [&str; 3] = ["language", "email_verified_at", "deleted_at"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per ALTER TABLE.
        for column in [
            string_len("language", 2).default("pl").to_owned(),
            timestamp_with_time_zone_null("email_verified_at"),
            timestamp_with_time_zone_null("deleted_at"),
        ] {
            let mut column = column;
            manager
                .alter_table(
                    Table::alter()
                        .table("app_user")
                        .add_column(&mut column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .get_connection()
            .execute_unprepared("UPDATE app_user SET email_verified_at = created_at")
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("user_role")
                    .add_column(boolean("manages").default(false))
                    .to_owned(),
            )
            .await?;
        manager
            .get_connection()
            .execute_unprepared("UPDATE user_role SET manages = TRUE WHERE role = 'MEMBER'")
            .await?;

        let mut link = crate::builders::entity_table("account_link");
        link.col(integer("user_id"))
            // VERIFY_EMAIL, RESET_PASSWORD or CHANGE_EMAIL.
            .col(string_len("purpose", 24))
            // SHA-256 of the token mailed; the token itself is never stored.
            .col(string_len("token_hash", 64).unique_key())
            // The address a CHANGE_EMAIL link confirms.
            .col(string_len_null("new_email", 254))
            .col(timestamp_with_time_zone("expires_at"))
            .col(timestamp_with_time_zone_null("used_at"))
            .foreign_key(&mut crate::builders::cascade(
                "account_link",
                "user_id",
                "app_user",
            ));
        manager.create_table(link).await?;
        for columns in [
            &["user_id", "purpose"][..],
            // What the minutely clean-up deletes by.
            &["used_at"],
            &["expires_at"],
        ] {
            manager
                .create_index(crate::builders::index("account_link", columns))
                .await?;
        }

        let mut invitation = crate::builders::entity_table("invitation");
        invitation
            .col(string_len("email", 254))
            // MEMBER (act for organisation_id), COORDINATOR (of cluster_id) or OPERATOR.
            .col(string_len("role", 16))
            .col(integer_null("cluster_id"))
            .col(integer_null("organisation_id"))
            .col(integer_null("invited_by"))
            .col(string_len("language", 2))
            .col(string_len("token_hash", 64).unique_key())
            .col(timestamp_with_time_zone("expires_at"))
            .col(timestamp_with_time_zone_null("accepted_at"))
            .col(integer_null("accepted_by"))
            .col(timestamp_with_time_zone_null("revoked_at"))
            .col(integer("sent_count").default(1))
            .foreign_key(&mut crate::builders::cascade(
                "invitation",
                "cluster_id",
                "cluster",
            ))
            .foreign_key(&mut crate::builders::cascade(
                "invitation",
                "organisation_id",
                "organisation",
            ))
            .foreign_key(&mut crate::builders::set_null(
                "invitation",
                "invited_by",
                "app_user",
            ))
            .foreign_key(&mut crate::builders::set_null(
                "invitation",
                "accepted_by",
                "app_user",
            ));
        manager.create_table(invitation).await?;
        for columns in [&["cluster_id"][..], &["organisation_id"], &["email"]] {
            manager
                .create_index(crate::builders::index("invitation", columns))
                .await?;
        }

        let mut request = crate::builders::entity_table("access_request");
        request
            // ACT_FOR_ORGANISATION or CLAIM_CLUSTER.
            .col(string_len("kind", 24))
            .col(integer("user_id"))
            .col(integer_null("organisation_id"))
            .col(integer_null("cluster_id"))
            .col(text_null("message"))
            // PENDING, APPROVED, REJECTED or WITHDRAWN.
            .col(string_len("status", 16))
            .col(text_null("reason"))
            .col(integer_null("decided_by"))
            .col(timestamp_with_time_zone_null("decided_at"))
            .foreign_key(&mut crate::builders::cascade(
                "access_request",
                "user_id",
                "app_user",
            ))
            .foreign_key(&mut crate::builders::cascade(
                "access_request",
                "organisation_id",
                "organisation",
            ))
            .foreign_key(&mut crate::builders::cascade(
                "access_request",
                "cluster_id",
                "cluster",
            ))
            .foreign_key(&mut crate::builders::set_null(
                "access_request",
                "decided_by",
                "app_user",
            ));
        manager.create_table(request).await?;
        for columns in [
            &["status", "kind"][..],
            &["user_id"],
            &["organisation_id"],
            &["cluster_id"],
        ] {
            manager
                .create_index(crate::builders::index("access_request", columns))
                .await?;
        }

        let mut submission = crate::builders::entity_table("cluster_submission");
        submission
            .col(integer("submitted_by"))
            // PENDING, PUBLISHED, REJECTED or WITHDRAWN.
            .col(string_len("status", 16))
            .col(string_len("name", 300))
            .col(string_len_null("name_en", 300))
            .col(string_len_null("acronym", 40))
            .col(string_len_null("voivodeship_teryt", 2))
            .col(string_len_null("website", 500))
            .col(string_len_null("website_en", 500))
            .col(text("description"))
            // Sector codes, comma-separated.
            .col(text("sectors"))
            // JSON: [{"kind": "UNIVERSITY", "count": 3}, ...] as the submitter declared them.
            .col(text("declared_members"))
            .col(string_len("coordinator_name", 300))
            .col(string_len_null("coordinator_nip", 10))
            .col(string_len_null("coordinator_regon", 14))
            .col(string_len_null("coordinator_krs", 10))
            .col(text_null("reason"))
            .col(integer_null("cluster_id"))
            .col(integer_null("decided_by"))
            .col(timestamp_with_time_zone_null("decided_at"))
            .col(integer("version").default(1))
            .foreign_key(&mut crate::builders::cascade(
                "cluster_submission",
                "submitted_by",
                "app_user",
            ))
            .foreign_key(&mut crate::builders::set_null(
                "cluster_submission",
                "cluster_id",
                "cluster",
            ))
            .foreign_key(&mut crate::builders::set_null(
                "cluster_submission",
                "decided_by",
                "app_user",
            ));
        manager.create_table(submission).await?;
        for columns in [&["status"][..], &["submitted_by"]] {
            manager
                .create_index(crate::builders::index("cluster_submission", columns))
                .await?;
        }

        let mut mail = crate::builders::entity_table("mail_message");
        mail.col(string_len("recipient", 254))
            .col(integer_null("user_id"))
            .col(string_len("language", 2))
            // Which template: VERIFY_EMAIL, RESET_PASSWORD, INVITATION, ...
            .col(string_len("template", 40))
            // The template's values as JSON; emptied once sent, since they hold single-use links.
            .col(text_null("params"))
            // PENDING, SENT or FAILED.
            .col(string_len("status", 16))
            .col(integer("attempt_count").default(0))
            .col(timestamp_with_time_zone("next_attempt_at"))
            .col(timestamp_with_time_zone_null("claimed_until"))
            .col(timestamp_with_time_zone_null("sent_at"))
            .col(text_null("last_error"))
            .foreign_key(&mut crate::builders::set_null(
                "mail_message",
                "user_id",
                "app_user",
            ));
        manager.create_table(mail).await?;
        for columns in [
            &["status", "next_attempt_at"][..],
            &["status", "updated_at"],
            &["recipient", "template", "created_at"],
        ] {
            manager
                .create_index(crate::builders::index("mail_message", columns))
                .await?;
        }

        let mut attempt = crate::builders::entity_table("mail_attempt");
        attempt
            .col(integer("mail_id"))
            .col(integer("number"))
            .col(text_null("error"))
            .col(integer("duration_ms"))
            .foreign_key(&mut crate::builders::cascade(
                "mail_attempt",
                "mail_id",
                "mail_message",
            ));
        manager.create_table(attempt).await?;
        manager
            .create_index(crate::builders::index("mail_attempt", &["mail_id"]))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "mail_attempt",
            "mail_message",
            "cluster_submission",
            "access_request",
            "invitation",
            "account_link",
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table("user_role")
                    .drop_column("manages")
                    .to_owned(),
            )
            .await?;
        for column in NEW_USER_COLUMNS {
            manager
                .alter_table(
                    Table::alter()
                        .table("app_user")
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
