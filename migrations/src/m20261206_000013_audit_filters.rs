//! Indexes for the audit trail's filters by kind of change and kind of object, newest first
//! (filters by account, by object, by cluster and by organisation have theirs already).

use sea_orm_migration::prelude::*;

/// Adds `ix_audit_entry_action_id` and `ix_audit_entry_object_type_id`.
#[derive(DeriveMigrationName)]
pub struct Migration;

const INDEXES: [&[&str]; 2] = [&["action", "id"], &["object_type", "id"]];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for columns in INDEXES {
            manager
                .create_index(crate::builders::index("audit_entry", columns))
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for name in ["ix_audit_entry_action_id", "ix_audit_entry_object_type_id"] {
            manager
                .drop_index(Index::drop().name(name).table("audit_entry").to_owned())
                .await?;
        }
        Ok(())
    }
}
