//! Notifications: each account's inbox, how it wants each kind mailed, what it follows and the
//! searches it saved, and the lapse warnings already given (so each is given once).
//!
//! `account_link.detail` is added for unsubscribe links, which name the kinds they switch off.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{
    integer, integer_null, string_len, string_len_null, text, text_null,
    timestamp_with_time_zone_null,
};

/// Adds `notification`, `notification_preference`, `follow`, `saved_search`, `lapse_warning`
/// and `account_link.detail`.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("account_link")
                    .add_column(text_null("detail"))
                    .to_owned(),
            )
            .await?;

        let mut notification = crate::builders::entity_table("notification");
        notification
            .col(integer("user_id"))
            // One of the NotificationKind names.
            .col(string_len("kind", 32))
            .col(integer_null("cluster_id"))
            .col(integer_null("organisation_id"))
            // What it is about (an object type and id), to open it from the inbox.
            .col(string_len_null("subject_type", 32))
            .col(integer_null("subject_id"))
            // The values it is written from (JSON), in no language.
            .col(text("params"))
            // Set when the same thing must reach an account once only (a saved search's hit).
            .col(string_len_null("dedupe_key", 120))
            // IMMEDIATE, DAILY, WEEKLY or NONE, as the account's preference was when it came.
            .col(string_len("email", 10))
            // When it is to be mailed; cleared once mailed (or never set when not by e-mail).
            .col(timestamp_with_time_zone_null("email_due_at"))
            .col(timestamp_with_time_zone_null("emailed_at"))
            .col(timestamp_with_time_zone_null("read_at"))
            .foreign_key(&mut crate::builders::cascade(
                "notification",
                "user_id",
                "app_user",
            ));
        manager.create_table(notification).await?;
        for columns in [
            // The inbox, newest first, and its unread count.
            &["user_id", "id"][..],
            &["user_id", "read_at"],
            // What the digest runner and the immediate mailer look for.
            &["email_due_at"],
            // The pipeline's counts for operators.
            &["created_at"],
        ] {
            manager
                .create_index(crate::builders::index("notification", columns))
                .await?;
        }
        manager
            .create_index(crate::builders::unique(
                "notification",
                &["user_id", "dedupe_key"],
            ))
            .await?;

        let mut preference = crate::builders::entity_table("notification_preference");
        preference
            .col(integer("user_id"))
            .col(string_len("kind", 32))
            .col(string_len("email", 10))
            .foreign_key(&mut crate::builders::cascade(
                "notification_preference",
                "user_id",
                "app_user",
            ));
        manager.create_table(preference).await?;
        manager
            .create_index(crate::builders::unique(
                "notification_preference",
                &["user_id", "kind"],
            ))
            .await?;

        let mut follow = crate::builders::entity_table("follow");
        follow
            .col(integer("user_id"))
            // CLUSTER, ORGANISATION or BOARD.
            .col(string_len("target", 16))
            .col(integer_null("cluster_id"))
            .col(integer_null("organisation_id"))
            // A BOARD follow: notices of this sector (code) and/or voivodeship (TERYT).
            .col(string_len_null("sector_code", 32))
            .col(string_len_null("voivodeship_teryt", 2))
            // The target in one text, so that an account follows each thing once.
            .col(string_len("target_key", 80))
            .foreign_key(&mut crate::builders::cascade(
                "follow", "user_id", "app_user",
            ))
            .foreign_key(&mut crate::builders::cascade(
                "follow",
                "cluster_id",
                "cluster",
            ))
            .foreign_key(&mut crate::builders::cascade(
                "follow",
                "organisation_id",
                "organisation",
            ));
        manager.create_table(follow).await?;
        manager
            .create_index(crate::builders::unique(
                "follow",
                &["user_id", "target_key"],
            ))
            .await?;
        for columns in [&["cluster_id"][..], &["organisation_id"], &["target"]] {
            manager
                .create_index(crate::builders::index("follow", columns))
                .await?;
        }

        let mut search = crate::builders::entity_table("saved_search");
        search
            .col(integer("user_id"))
            .col(string_len("name", 120))
            // DIRECTORY (clusters) or BOARD (cooperation notices).
            .col(string_len("scope", 16))
            // The filter (JSON).
            .col(text("filter"))
            .foreign_key(&mut crate::builders::cascade(
                "saved_search",
                "user_id",
                "app_user",
            ));
        manager.create_table(search).await?;
        for columns in [&["user_id"][..], &["scope"]] {
            manager
                .create_index(crate::builders::index("saved_search", columns))
                .await?;
        }

        let mut warning = crate::builders::entity_table("lapse_warning");
        warning
            // KkkCertification, EscaLabel or CooperationOffer.
            .col(string_len("subject_type", 32))
            .col(integer("subject_id"))
            // The end warned of, as the source gives it (a day, a month or a year).
            .col(string_len("ends_on", 10))
            // Days before the end: 180, 90, 30 or 7; 0 for "lapsed".
            .col(integer("threshold"));
        manager.create_table(warning).await?;
        manager
            .create_index(crate::builders::unique(
                "lapse_warning",
                &["subject_type", "subject_id", "ends_on", "threshold"],
            ))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "lapse_warning",
            "saved_search",
            "follow",
            "notification_preference",
            "notification",
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table("account_link")
                    .drop_column("detail")
                    .to_owned(),
            )
            .await?;
        Ok(())
    }
}
