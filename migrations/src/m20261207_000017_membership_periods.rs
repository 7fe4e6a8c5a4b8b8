//! Every period of a membership kept: an organisation that leaves a cluster and joins it again
//! has two periods, and the registry can say who was a member on any past day.
//!
//! A membership (one row per cluster and organisation) keeps only its latest dates. Its
//! periods live in `membership_period`, one row each, with the partial dates as the source
//! states them (`2012`, `2012-05`, `2012-05-14`) and the days they may mean: `first_day`, the
//! first day the period may have started (its joining date's first day; NULL when unknown),
//! and `last_day`, the last day it may have lasted (its leaving date's last day; NULL while it
//! is open), as the domain's `rules::membership_periods::days` derives them on every write.
//! `cluster_id` and `organisation_id` repeat the membership's, so "members of a cluster on a
//! day" and "an organisation's memberships on a day" filter off their own indexes.
//!
//! Backfill: one period for each membership that is ACTIVE or LEFT or names a joining or
//! leaving date, with its dates and source; the days are derived here in SQL, as
//! `m20261206_000012_event_days` derived an event's.

use crate::builders::{cascade, entity_table, index, set_null};
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{date_null, integer, integer_null, string_len_null};

/// Adds `membership_period`, one period for each membership that has one, and its indexes.
#[derive(DeriveMigrationName)]
pub struct Migration;

const TABLE: &str = "membership_period";

/// The memberships that were or are a member, with their dates, as periods.
const SQLITE_FILL: &str = "INSERT INTO membership_period \
    (membership_id, cluster_id, organisation_id, joined_on, left_on, first_day, last_day, \
     source_document_id, created_at, updated_at) \
    SELECT id, cluster_id, organisation_id, joined_on, left_on, \
    CASE length(joined_on) \
        WHEN 4 THEN joined_on || '-01-01' \
        WHEN 7 THEN joined_on || '-01' \
        ELSE joined_on END, \
    CASE length(left_on) \
        WHEN 4 THEN left_on || '-12-31' \
        WHEN 7 THEN date(left_on || '-01', '+1 month', '-1 day') \
        ELSE left_on END, \
    source_document_id, created_at, updated_at \
    FROM membership \
    WHERE status IN ('ACTIVE', 'LEFT') OR joined_on IS NOT NULL OR left_on IS NOT NULL";

const POSTGRES_FILL: &str = "INSERT INTO membership_period \
    (membership_id, cluster_id, organisation_id, joined_on, left_on, first_day, last_day, \
     source_document_id, created_at, updated_at) \
    SELECT id, cluster_id, organisation_id, joined_on, left_on, \
    CASE length(joined_on) \
        WHEN 4 THEN (joined_on || '-01-01')::date \
        WHEN 7 THEN (joined_on || '-01')::date \
        ELSE joined_on::date END, \
    CASE length(left_on) \
        WHEN 4 THEN (left_on || '-12-31')::date \
        WHEN 7 THEN ((left_on || '-01')::date + interval '1 month' - interval '1 day')::date \
        ELSE left_on::date END, \
    source_document_id, created_at, updated_at \
    FROM membership \
    WHERE status IN ('ACTIVE', 'LEFT') OR joined_on IS NOT NULL OR left_on IS NOT NULL";

/// The indexes: a cluster's members on a day (by the day a period may start, and by the day
/// it may end), an organisation's memberships, and a membership's own periods.
const INDEXES: [&[&str]; 4] = [
    &["cluster_id", "first_day"],
    &["cluster_id", "last_day"],
    &["organisation_id"],
    &["membership_id"],
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut table = entity_table(TABLE);
        table
            .col(integer("membership_id"))
            .col(integer("cluster_id"))
            .col(integer("organisation_id"))
            .col(string_len_null("joined_on", 10))
            .col(string_len_null("left_on", 10))
            .col(date_null("first_day"))
            .col(date_null("last_day"))
            .col(integer_null("source_document_id"))
            .foreign_key(&mut cascade(TABLE, "membership_id", "membership"))
            .foreign_key(&mut cascade(TABLE, "cluster_id", "cluster"))
            .foreign_key(&mut cascade(TABLE, "organisation_id", "organisation"))
            .foreign_key(&mut set_null(
                TABLE,
                "source_document_id",
                "source_document",
            ));
        manager.create_table(table).await?;
        for columns in INDEXES {
            manager.create_index(index(TABLE, columns)).await?;
        }
        let fill = match manager.get_database_backend() {
            sea_orm::DatabaseBackend::Postgres => POSTGRES_FILL,
            _ => SQLITE_FILL,
        };
        manager.get_connection().execute_unprepared(fill).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(TABLE).to_owned())
            .await
    }
}
