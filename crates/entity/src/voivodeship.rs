//! A voivodeship (województwo), identified by its TERYT code.

use sea_orm::entity::prelude::*;

/// A voivodeship (województwo), identified by its TERYT code.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "voivodeship")]
pub struct Model {
    /// Two-digit TERYT code.
    #[sea_orm(primary_key, auto_increment = false)]
    pub teryt: String,
    /// Polish name, lower case as in official use.
    pub name: String,
    /// ISO 3166-2 code.
    pub iso_code: String,
    /// When the row was created.
    pub created_at: DateTimeUtc,
    /// When the row was last changed.
    pub updated_at: DateTimeUtc,
}

/// Relations are followed through loaders in the API, not through SeaORM joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
