//! The registry's change feed and partners' webhooks.
//!
//! `registry_event` is the transactional outbox: a row is written in the transaction of the
//! change it reports, so a change that rolls back reports nothing and one that commits is never
//! lost. Subscriptions and webhooks both read it. `webhook_delivery` holds one row per event a
//! webhook wants, written in the same transaction, and `webhook_attempt` every try at sending it.

use crate::builders::{cascade, entity_table, index};
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{
    boolean, integer, integer_null, string_len, string_len_null, text_null,
    timestamp_with_time_zone, timestamp_with_time_zone_null,
};

/// Adds `registry_event`, `webhook`, `webhook_delivery` and `webhook_attempt`.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut event = entity_table("registry_event");
        event
            .col(string_len("kind", 40))
            .col(string_len("action", 20))
            .col(string_len("subject_type", 40))
            .col(integer("subject_id"))
            // No foreign keys: an event outlives a deleted cluster or organisation.
            .col(integer_null("cluster_id"))
            .col(integer_null("organisation_id"))
            .col(string_len_null("voivodeship_teryt", 2))
            // False for what only the cluster's coordinators and the applicant may see.
            .col(boolean("is_public"));
        manager.create_table(event).await?;
        // Events past their retention are deleted by age.
        manager
            .create_index(index("registry_event", &["created_at"]))
            .await?;

        let mut webhook = entity_table("webhook");
        webhook
            .col(string_len("url", 2000))
            // Comma-separated event kinds.
            .col(string_len("event_kinds", 300))
            .col(integer_null("cluster_id"))
            .col(string_len_null("voivodeship_teryt", 2))
            // Kept in the clear: it signs every delivery. Shown once, when the webhook is made.
            .col(string_len("secret", 80))
            .col(integer("created_by"))
            .foreign_key(&mut cascade("webhook", "cluster_id", "cluster"))
            .foreign_key(&mut cascade("webhook", "created_by", "app_user"));
        manager.create_table(webhook).await?;
        manager
            .create_index(index("webhook", &["cluster_id"]))
            .await?;

        let mut delivery = entity_table("webhook_delivery");
        delivery
            .col(integer("webhook_id"))
            .col(integer("event_id"))
            // PENDING, DELIVERED or FAILED (gave up after a day).
            .col(string_len("status", 20))
            .col(integer("attempt_count").default(0))
            .col(timestamp_with_time_zone("next_attempt_at"))
            // A sender's lease, so two servers never send the same delivery at once.
            .col(timestamp_with_time_zone_null("claimed_until"))
            .col(timestamp_with_time_zone_null("delivered_at"))
            .foreign_key(&mut cascade("webhook_delivery", "webhook_id", "webhook"))
            .foreign_key(&mut cascade(
                "webhook_delivery",
                "event_id",
                "registry_event",
            ));
        manager.create_table(delivery).await?;
        manager
            .create_index(index("webhook_delivery", &["status", "next_attempt_at"]))
            .await?;
        manager
            .create_index(index("webhook_delivery", &["webhook_id", "id"]))
            .await?;
        manager
            .create_index(index("webhook_delivery", &["event_id"]))
            .await?;

        let mut attempt = entity_table("webhook_attempt");
        attempt
            .col(integer("delivery_id"))
            .col(integer("number"))
            .col(integer_null("status_code"))
            .col(text_null("error"))
            .col(integer("duration_ms"))
            .foreign_key(&mut cascade(
                "webhook_attempt",
                "delivery_id",
                "webhook_delivery",
            ));
        manager.create_table(attempt).await?;
        manager
            .create_index(index("webhook_attempt", &["delivery_id", "number"]))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "webhook_attempt",
            "webhook_delivery",
            "webhook",
            "registry_event",
        ] {
            manager
                .drop_table(Table::drop().table(table).if_exists().to_owned())
                .await?;
        }
        Ok(())
    }
}
