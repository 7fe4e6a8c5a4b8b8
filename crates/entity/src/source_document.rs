//! A document facts in the registry were taken from.

use sea_orm::entity::prelude::*;

/// A document facts in the registry were taken from.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "source_document")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Short code, e.g. `004`.
    pub code: String,
    /// File name of the document.
    pub file: String,
    /// What the document is.
    pub title: String,
    /// Language of the document (`pl`, `en`).
    pub language: String,
    /// When the row was created.
    pub created_at: DateTimeUtc,
    /// When the row was last changed.
    pub updated_at: DateTimeUtc,
}

/// Relations are followed through loaders in the API, not through SeaORM joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
