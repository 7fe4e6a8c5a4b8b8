//! A document facts in the registry were taken from.

use sea_orm::entity::prelude::*;

/// A document facts in the registry were taken from.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "source_document")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Short code, e.g. `004`.
    pub code: String,
    /// File name of the registry's copy of the document; empty when it keeps none (documents
    /// added through the API are named by their address instead).
    pub file: String,
    /// What the document is.
    pub title: String,
    /// Language of the document (`pl`, `en`).
    pub language: String,
    /// Who published it, as the document states it.
    pub publisher: Option<String>,
    /// When it was published, to the precision it states (partial date).
    pub published_on: Option<String>,
    /// Where it can be read.
    pub url: Option<String>,
    /// Folded code, title, publisher and address, which a search of the documents matches.
    pub search_text: Option<String>,
    /// When the row was created.
    pub created_at: DateTimeUtc,
    /// When the row was last changed.
    pub updated_at: DateTimeUtc,
}

/// Relations are followed through loaders in the API, not through SeaORM joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
