//! A sector of the taxonomy (the EU industrial ecosystems).

use sea_orm::entity::prelude::*;

/// A sector of the taxonomy (the EU industrial ecosystems).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sector")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Stable code, e.g. `aerospace-defence`.
    pub code: String,
    /// Polish name.
    pub name_pl: String,
    /// English name.
    pub name_en: String,
    /// When the row was created.
    pub created_at: DateTimeUtc,
    /// When the row was last changed.
    pub updated_at: DateTimeUtc,
}

/// Relations are followed through loaders in the API, not through SeaORM joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
