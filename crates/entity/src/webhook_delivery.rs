//! One event on its way to one webhook.

use sea_orm::entity::prelude::*;

/// One event on its way to one webhook, retried until delivered or a day has passed.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "webhook_delivery")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The webhook it goes to.
    pub webhook_id: i32,
    /// The event it carries.
    pub event_id: i32,
    /// PENDING, DELIVERED or FAILED.
    pub status: String,
    /// Tries so far.
    pub attempt_count: i32,
    /// When the next try is due.
    pub next_attempt_at: DateTimeUtc,
    /// Until when a sender holds it.
    pub claimed_until: Option<DateTimeUtc>,
    /// When the partner acknowledged it.
    pub delivered_at: Option<DateTimeUtc>,
    /// When the row was created.
    pub created_at: DateTimeUtc,
    /// When the row was last changed.
    pub updated_at: DateTimeUtc,
}

/// Relations are followed through loaders in the API, not through SeaORM joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
