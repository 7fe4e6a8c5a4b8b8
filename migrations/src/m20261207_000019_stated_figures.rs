//! Figures a source states about a cluster ("nearly 150 members", "more than 80 companies"),
//! kept as the source words them: a number with its qualifier, the date it describes as far as
//! the source gives one, the source's own words and the document. They stay apart from what
//! the registry counts (its recorded memberships) and from the yearly figures a coordinator
//! enters, so neither is read as the other.

use crate::builders::{cascade, entity_table, index, set_null};
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{integer, integer_null, string_len, string_len_null, text};

/// Adds `stated_figure`.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let name = "stated_figure";
        let mut table = entity_table(name);
        table
            .col(integer("cluster_id"))
            .col(integer_null("source_document_id"))
            // MEMBERS, COMPANIES, STRATEGIC_PARTNERS, EMPLOYEES.
            .col(string_len("kind", 32))
            // EXACTLY, ABOUT, NEARLY, MORE_THAN, AT_LEAST, FEWER_THAN.
            .col(string_len("qualifier", 16))
            .col(integer("value"))
            // The day, month or year the figure describes, when the source gives one.
            .col(string_len_null("stated_on", 10))
            .col(text("quote"))
            .col(integer("version").default(1))
            .foreign_key(&mut cascade(name, "cluster_id", "cluster"))
            .foreign_key(&mut set_null(name, "source_document_id", "source_document"));
        manager.create_table(table).await?;
        // A cluster's figures are read with its other lists, by cluster.
        manager
            .create_index(index(name, &["cluster_id", "id"]))
            .await?;
        manager
            .create_index(index(name, &["source_document_id"]))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("stated_figure").to_owned())
            .await
    }
}
