//! The days an event may span, so the registry-wide calendar filters and orders events in SQL.
//!
//! An event's dates are partial (`2027`, `2027-03`, `2027-03-10`). `first_day` is the earliest
//! day it may start and `last_day` the latest day it may end (its end, or its start when it
//! names no end), as the domain's `rules::partial_date::span` derives them on every write;
//! here they are derived once for the events already recorded.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::date_null;

/// Adds `event.first_day` and `event.last_day`, filled for existing rows, with their indexes.
#[derive(DeriveMigrationName)]
pub struct Migration;

const SQLITE_FILL: &str = "UPDATE event SET \
    first_day = CASE length(starts_on) \
        WHEN 4 THEN starts_on || '-01-01' \
        WHEN 7 THEN starts_on || '-01' \
        ELSE starts_on END, \
    last_day = CASE length(coalesce(ends_on, starts_on)) \
        WHEN 4 THEN coalesce(ends_on, starts_on) || '-12-31' \
        WHEN 7 THEN date(coalesce(ends_on, starts_on) || '-01', '+1 month', '-1 day') \
        ELSE coalesce(ends_on, starts_on) END \
    WHERE starts_on IS NOT NULL OR ends_on IS NOT NULL";

const POSTGRES_FILL: &str = "UPDATE event SET \
    first_day = CASE length(starts_on) \
        WHEN 4 THEN (starts_on || '-01-01')::date \
        WHEN 7 THEN (starts_on || '-01')::date \
        ELSE starts_on::date END, \
    last_day = CASE length(coalesce(ends_on, starts_on)) \
        WHEN 4 THEN (coalesce(ends_on, starts_on) || '-12-31')::date \
        WHEN 7 THEN ((coalesce(ends_on, starts_on) || '-01')::date + interval '1 month' - interval '1 day')::date \
        ELSE coalesce(ends_on, starts_on)::date END \
    WHERE starts_on IS NOT NULL OR ends_on IS NOT NULL";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in ["first_day", "last_day"] {
            manager
                .alter_table(
                    Table::alter()
                        .table("event")
                        .add_column(date_null(column))
                        .to_owned(),
                )
                .await?;
        }
        let fill = match manager.get_database_backend() {
            sea_orm::DatabaseBackend::Postgres => POSTGRES_FILL,
            _ => SQLITE_FILL,
        };
        manager.get_connection().execute_unprepared(fill).await?;
        // The calendar in date order (upcoming soonest first, past latest first), and "not
        // over before" a day.
        for columns in [&["first_day", "id"][..], &["last_day"]] {
            manager
                .create_index(crate::builders::index("event", columns))
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for name in ["ix_event_first_day_id", "ix_event_last_day"] {
            manager
                .drop_index(Index::drop().name(name).table("event").to_owned())
                .await?;
        }
        for column in ["first_day", "last_day"] {
            manager
                .alter_table(Table::alter().table("event").drop_column(column).to_owned())
                .await?;
        }
        Ok(())
    }
}
