//! A sector of a cooperation notice.

use sea_orm::entity::prelude::*;

/// A sector of a cooperation notice.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "cooperation_offer_sector")]
pub struct Model {
    /// The notice.
    #[sea_orm(primary_key, auto_increment = false)]
    pub offer_id: i32,
    /// The sector.
    #[sea_orm(primary_key, auto_increment = false)]
    pub sector_id: i32,
    /// When the row was created.
    pub created_at: DateTimeUtc,
    /// When the row was last changed.
    pub updated_at: DateTimeUtc,
}

/// Relations are followed through loaders in the API, not through SeaORM joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
