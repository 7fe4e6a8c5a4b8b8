//! One try at sending a delivery.

use sea_orm::entity::prelude::*;

/// One try at sending a delivery, with what the partner answered.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "webhook_attempt")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The delivery tried.
    pub delivery_id: i32,
    /// 1 for the first try.
    pub number: i32,
    /// The HTTP status answered, if any.
    pub status_code: Option<i32>,
    /// Why the try failed (connection refused, time-out, non-2xx), if it did.
    pub error: Option<String>,
    /// How long the try took.
    pub duration_ms: i32,
    /// When the try was made.
    pub created_at: DateTimeUtc,
    /// When the row was last changed.
    pub updated_at: DateTimeUtc,
}

/// Relations are followed through loaders in the API, not through SeaORM joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
