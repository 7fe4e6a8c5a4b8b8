//! A refresh token, stored as its hash.

use sea_orm::entity::prelude::*;

/// A refresh token, stored as its hash.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "refresh_token")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The account the token signs in.
    pub user_id: i32,
    /// SHA-256 of the token, hex; the token itself is never stored.
    #[sea_orm(unique)]
    pub token_hash: String,
    /// The sign-in session the token belongs to; None for tokens from before sessions, which
    /// are refused.
    pub session_id: Option<i32>,
    /// When the token stops working.
    pub expires_at: DateTimeUtc,
    /// When the token was revoked (used, or its session ended).
    pub revoked_at: Option<DateTimeUtc>,
    /// When the row was created.
    pub created_at: DateTimeUtc,
    /// When the row was last changed.
    pub updated_at: DateTimeUtc,
}

/// Relations are followed through loaders in the API, not through SeaORM joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
