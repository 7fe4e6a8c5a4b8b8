//! The registry operator's contact: whom the public may write or call about the registry (the
//! contact page and the accessibility statement name them). One row, id 1, made here with every
//! contact field empty and changed only by operators, so the row always exists and carries a
//! version like every other editable record.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{integer, string_len_null, text_null};

/// Adds `operator_contact` and its one row.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut table = crate::builders::entity_table("operator_contact");
        table
            // The contact person's name, as the accessibility statement names them.
            .col(string_len_null("contact_person", 200))
            .col(string_len_null("email", 254))
            .col(string_len_null("phone", 32))
            // The postal address, lines kept.
            .col(text_null("postal_address"))
            .col(integer("version").default(1))
            // One row only: the registry has one operator.
            .check(Expr::col("id").eq(1));
        manager.create_table(table).await?;
        manager
            .exec_stmt(
                Query::insert()
                    .into_table("operator_contact")
                    .columns(["id", "version"])
                    .values_panic([1.into(), 1.into()])
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("operator_contact").to_owned())
            .await
    }
}
