//! Accounts, roles, refresh tokens, the audit trail, versions for optimistic locking, the
//! membership workflow's columns and the cooperation board.
//!
//! Every editable table gains `version`, raised by one on every write, so an update that names
//! a version someone else has already moved past is refused instead of applied over their change.

use crate::builders::{cascade, entity_table, index, link_table, set_null, unique};
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{
    boolean, date, integer, integer_null, string, string_len, string_null, text, text_null,
    timestamp_with_time_zone, timestamp_with_time_zone_null,
};

/// Adds accounts, the audit trail, versions and the cooperation board.
#[derive(DeriveMigrationName)]
pub struct Migration;

/// Tables in creation order; dropped in reverse.
const TABLES: &[&str] = &[
    "app_user",
    "user_role",
    "refresh_token",
    "audit_entry",
    "cooperation_offer",
    "cooperation_offer_sector",
    "cooperation_response",
];

/// Tables whose rows users edit, and so carry a version.
pub const VERSIONED: &[&str] = &[
    "cluster",
    "organisation",
    "membership",
    "person",
    "cluster_role",
    "kkk_certification",
    "esca_label",
    "project",
    "service",
    "event",
    "working_group",
    "cluster_indicator",
];

fn tables() -> Vec<TableCreateStatement> {
    let mut app_user = entity_table("app_user");
    app_user
        .col(string_len("email", 254).unique_key())
        .col(string("password_hash"))
        .col(string_len("display_name", 200))
        .col(boolean("is_operator").default(false));

    // A grant of a role over one cluster (COORDINATOR) or one organisation (MEMBER).
    let mut user_role = entity_table("user_role");
    user_role
        .col(integer("user_id"))
        .col(string_len("role", 16))
        .col(integer_null("cluster_id"))
        .col(integer_null("organisation_id"))
        .foreign_key(&mut cascade("user_role", "user_id", "app_user"))
        .foreign_key(&mut cascade("user_role", "cluster_id", "cluster"))
        .foreign_key(&mut cascade("user_role", "organisation_id", "organisation"));

    let mut refresh_token = entity_table("refresh_token");
    refresh_token
        .col(integer("user_id"))
        // SHA-256 of the token, hex: the token itself is never stored.
        .col(string_len("token_hash", 64).unique_key())
        .col(timestamp_with_time_zone("expires_at"))
        .col(timestamp_with_time_zone_null("revoked_at"))
        .foreign_key(&mut cascade("refresh_token", "user_id", "app_user"));

    // No foreign keys to the changed object: the trail outlives what it describes.
    let mut audit_entry = entity_table("audit_entry");
    audit_entry
        .col(integer_null("actor_user_id"))
        .col(string_null("actor_email"))
        .col(string_len("action", 32))
        .col(string_len("object_type", 32))
        .col(integer("object_id"))
        .col(integer_null("cluster_id"))
        .col(integer_null("organisation_id"))
        .col(text_null("before_json"))
        .col(text_null("after_json"))
        .foreign_key(&mut set_null("audit_entry", "actor_user_id", "app_user"));

    let mut cooperation_offer = entity_table("cooperation_offer");
    cooperation_offer
        .col(integer("organisation_id"))
        .col(string_len("kind", 16))
        .col(string_len("category", 32))
        .col(string("title"))
        .col(text("description"))
        .col(ColumnDef::new("voivodeship_teryt").char_len(2).null())
        .col(date("expires_on"))
        .col(string("search_text"))
        .col(integer_null("created_by_user_id"))
        .col(integer("version").default(1))
        .foreign_key(&mut cascade(
            "cooperation_offer",
            "organisation_id",
            "organisation",
        ))
        .foreign_key(&mut set_null(
            "cooperation_offer",
            "voivodeship_teryt",
            "voivodeship",
        ))
        .foreign_key(&mut set_null(
            "cooperation_offer",
            "created_by_user_id",
            "app_user",
        ));

    let cooperation_offer_sector = link_table(
        "cooperation_offer_sector",
        ("offer_id", "cooperation_offer"),
        ("sector_id", "sector"),
    );

    let mut cooperation_response = entity_table("cooperation_response");
    cooperation_response
        .col(integer("offer_id"))
        .col(integer("organisation_id"))
        .col(text("message"))
        .col(integer_null("created_by_user_id"))
        .foreign_key(&mut cascade(
            "cooperation_response",
            "offer_id",
            "cooperation_offer",
        ))
        .foreign_key(&mut cascade(
            "cooperation_response",
            "organisation_id",
            "organisation",
        ))
        .foreign_key(&mut set_null(
            "cooperation_response",
            "created_by_user_id",
            "app_user",
        ));

    vec![
        app_user,
        user_role,
        refresh_token,
        audit_entry,
        cooperation_offer,
        cooperation_offer_sector,
        cooperation_response,
    ]
}

fn indexes() -> Vec<IndexCreateStatement> {
    vec![
        unique("user_role", &["user_id", "role", "cluster_id"]),
        unique("user_role", &["user_id", "role", "organisation_id"]),
        index("user_role", &["cluster_id"]),
        index("user_role", &["organisation_id"]),
        index("refresh_token", &["user_id"]),
        index("audit_entry", &["cluster_id", "id"]),
        index("audit_entry", &["organisation_id", "id"]),
        index("audit_entry", &["object_type", "object_id", "id"]),
        index("audit_entry", &["actor_user_id", "id"]),
        index("cooperation_offer", &["expires_on", "id"]),
        index("cooperation_offer", &["organisation_id"]),
        index("cooperation_offer", &["voivodeship_teryt"]),
        index("cooperation_offer", &["kind", "category"]),
        index("cooperation_offer", &["search_text"]),
        index("cooperation_offer_sector", &["sector_id"]),
        index("cooperation_response", &["offer_id", "id"]),
        index("cooperation_response", &["organisation_id"]),
    ]
}

/// Columns the membership workflow adds: what the applicant wrote, why it was decided so, when.
const MEMBERSHIP_COLUMNS: &[&str] = &["application_message", "decision_reason", "decided_at"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in VERSIONED {
            manager
                .alter_table(
                    Table::alter()
                        .table(*table)
                        .add_column(integer("version").default(1))
                        .to_owned(),
                )
                .await?;
        }
        // SQLite alters one column per statement.
        for column in [
            text_null("application_message"),
            text_null("decision_reason"),
            timestamp_with_time_zone_null("decided_at"),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table("membership")
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        for table in tables() {
            manager.create_table(table).await?;
        }
        for index in indexes() {
            manager.create_index(index).await?;
        }
        if manager.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
            manager
                .get_connection()
                .execute_unprepared(
                    "CREATE INDEX IF NOT EXISTS ix_cooperation_offer_search_trgm \
                     ON cooperation_offer USING gin (search_text gin_trgm_ops)",
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in TABLES.iter().rev() {
            manager
                .drop_table(Table::drop().table(*table).if_exists().to_owned())
                .await?;
        }
        for column in MEMBERSHIP_COLUMNS {
            manager
                .alter_table(
                    Table::alter()
                        .table("membership")
                        .drop_column(*column)
                        .to_owned(),
                )
                .await?;
        }
        for table in VERSIONED {
            manager
                .alter_table(
                    Table::alter()
                        .table(*table)
                        .drop_column("version")
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_created_table_is_dropped() {
        let created = tables();
        assert_eq!(created.len(), TABLES.len());
        for (table, name) in created.iter().zip(TABLES) {
            let debug = format!("{:?}", table.get_table_name());
            assert!(
                debug.contains(&format!("\"{name}\"")),
                "{debug} is not {name}"
            );
        }
    }
}
