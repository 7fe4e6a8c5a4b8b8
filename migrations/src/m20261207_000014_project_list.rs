//! Indexes for the registry-wide list of projects: by name, and by programme then name (the
//! list filtered by programme, and the programmes' counts). Projects by cluster have theirs.

use sea_orm_migration::prelude::*;

/// Adds `ix_project_name_id` and `ix_project_programme_name_id`.
#[derive(DeriveMigrationName)]
pub struct Migration;

const INDEXES: [&[&str]; 2] = [&["name", "id"], &["programme", "name", "id"]];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for columns in INDEXES {
            manager
                .create_index(crate::builders::index("project", columns))
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for name in ["ix_project_name_id", "ix_project_programme_name_id"] {
            manager
                .drop_index(Index::drop().name(name).table("project").to_owned())
                .await?;
        }
        Ok(())
    }
}
