//! A search of the directory or the board an account saved, to hear of what newly matches it.

use sea_orm::entity::prelude::*;

/// One saved search.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "saved_search")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The account that saved it.
    pub user_id: i32,
    /// The name the account gave it.
    pub name: String,
    /// Where it looks.
    pub scope: crate::SearchScope,
    /// The filter (JSON).
    pub filter: String,
    /// When it was saved.
    pub created_at: DateTimeUtc,
    /// When it last changed.
    pub updated_at: DateTimeUtc,
}

/// Relations are followed through loaders in the API, not through SeaORM joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
