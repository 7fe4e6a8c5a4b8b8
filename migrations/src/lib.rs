//! Database migrations of the klastry registry.
//!
//! One set of migrations runs unchanged on SQLite (the embedded default) and PostgreSQL.
//! Run them with `klastry migrate` or let `klastry serve` apply them at start.

pub use sea_orm_migration::prelude::*;

mod builders;
mod m20261123_000001_create_registry;
mod m20261123_000002_reference_data;
mod m20261123_000003_accounts_and_writes;
mod m20261124_000004_api_tokens;
mod m20261124_000005_events_and_webhooks;
mod m20261124_000006_api_token_windows;
mod m20261124_000007_organisation_name_index_with_search_text;
mod m20261206_000008_sessions_and_sign_in_failures;
mod m20261206_000009_fold_spaces_after_quotes;
mod m20261206_000010_self_service;
mod m20261206_000011_notifications;
mod m20261206_000012_event_days;
mod m20261206_000013_audit_filters;
mod m20261207_000014_project_list;
mod m20261207_000015_operator_contact;
mod m20261207_000016_source_details;
mod m20261207_000017_membership_periods;
mod m20261207_000018_held_since;
mod m20261207_000019_stated_figures;
mod m20261207_000020_registry_revision;

/// Every migration of the registry, oldest first.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261123_000001_create_registry::Migration),
            Box::new(m20261123_000002_reference_data::Migration),
            Box::new(m20261123_000003_accounts_and_writes::Migration),
            Box::new(m20261124_000004_api_tokens::Migration),
            Box::new(m20261124_000005_events_and_webhooks::Migration),
            Box::new(m20261124_000006_api_token_windows::Migration),
            Box::new(m20261124_000007_organisation_name_index_with_search_text::Migration),
            Box::new(m20261206_000008_sessions_and_sign_in_failures::Migration),
            Box::new(m20261206_000009_fold_spaces_after_quotes::Migration),
            Box::new(m20261206_000010_self_service::Migration),
            Box::new(m20261206_000011_notifications::Migration),
            Box::new(m20261206_000012_event_days::Migration),
            Box::new(m20261206_000013_audit_filters::Migration),
            Box::new(m20261207_000014_project_list::Migration),
            Box::new(m20261207_000015_operator_contact::Migration),
            Box::new(m20261207_000016_source_details::Migration),
            Box::new(m20261207_000017_membership_periods::Migration),
            Box::new(m20261207_000018_held_since::Migration),
            Box::new(m20261207_000019_stated_figures::Migration),
            Box::new(m20261207_000020_registry_revision::Migration),
        ]
    }
}
