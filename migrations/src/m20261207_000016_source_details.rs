//! What a client needs to find a source document again and judge it: who published it, when
//! and where it can be read. Every KKK certification and ESCA label recorded from now on names
//! its document, so a document added through the API carries these from the start; the demo
//! registry's five documents are given what they themselves state (none states an address).
//!
//! `search_text` is the folded text a search of the documents matches (code, title, publisher,
//! address); the domain writes it with every document. Here it is filled for the documents
//! already recorded (only ever the demo's) with `lower()`, which equals the fold for their
//! text but for punctuation, so a search by their words finds them.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{string_len_null, text_null};

/// Adds `source_document.publisher`, `published_on` (a partial date), `url` and `search_text`.
#[derive(DeriveMigrationName)]
pub struct Migration;

/// The demo documents' publishers and dates as each states them, matched by file name so a
/// registry that never loaded the demo is untouched.
const DEMO_DETAILS: [(&str, Option<&str>, Option<&str>); 4] = [
    (
        "001_83a6c6762e537aef.txt",
        Some("Klaster Gospodarki Odpadowej i Recyklingu"),
        None,
    ),
    (
        "002_b7e3dbde496b58b4.txt",
        Some("Klaster Obróbki Metali"),
        None,
    ),
    (
        "003_7374e6ddff77af6d.txt",
        Some("Polska Agencja Rozwoju Przedsiębiorczości"),
        Some("2017"),
    ),
    ("004_428a533428ebb9ac.txt", Some("Klaster LTPP"), None),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (column, length) in [("publisher", 300), ("published_on", 10), ("url", 2048)] {
            manager
                .alter_table(
                    Table::alter()
                        .table("source_document")
                        .add_column(string_len_null(column, length))
                        .to_owned(),
                )
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table("source_document")
                    .add_column(text_null("search_text"))
                    .to_owned(),
            )
            .await?;
        for (file, publisher, published_on) in DEMO_DETAILS {
            manager
                .exec_stmt(
                    Query::update()
                        .table("source_document")
                        .values([
                            (Alias::new("publisher"), Expr::val(publisher)),
                            (Alias::new("published_on"), Expr::val(published_on)),
                        ])
                        .and_where(Expr::col("file").eq(file))
                        .to_owned(),
                )
                .await?;
        }
        manager
            .get_connection()
            .execute_unprepared(
                "UPDATE source_document SET search_text = lower(code || ' ' || title || ' ' || \
                 coalesce(publisher, ''))",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in ["publisher", "published_on", "url", "search_text"] {
            manager
                .alter_table(
                    Table::alter()
                        .table("source_document")
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
