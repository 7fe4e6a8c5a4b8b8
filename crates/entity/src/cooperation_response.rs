//! An answer to a cooperation notice.

use sea_orm::entity::prelude::*;

/// An answer to a cooperation notice.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "cooperation_response")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The notice answered.
    pub offer_id: i32,
    /// The organisation answering.
    pub organisation_id: i32,
    /// The answer.
    pub message: String,
    /// The account that wrote it.
    pub created_by_user_id: Option<i32>,
    /// When the row was created.
    pub created_at: DateTimeUtc,
    /// When the row was last changed.
    pub updated_at: DateTimeUtc,
}

/// Relations are followed through loaders in the API, not through SeaORM joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
