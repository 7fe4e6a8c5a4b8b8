//! Requests an API token made in one minute, counted by every server together.

use sea_orm::entity::prelude::*;

/// Requests an API token made in the minute starting at `window_start`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "api_token_window")]
pub struct Model {
    /// The token.
    #[sea_orm(primary_key, auto_increment = false)]
    pub api_token_id: i32,
    /// The unix minute the window starts at.
    #[sea_orm(primary_key, auto_increment = false)]
    pub window_start: i64,
    /// Requests made in it so far.
    pub requests: i32,
}

/// Relations are followed through loaders in the API, not through SeaORM joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
