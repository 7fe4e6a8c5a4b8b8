//! An API token of a partner's machine, stored as its hash.

use sea_orm::entity::prelude::*;

/// An API token of a partner's machine, stored as its hash.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "api_token")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// What the token is for, as its creator named it.
    pub name: String,
    /// SHA-256 of the token, hex; the token itself is never stored.
    #[sea_orm(unique)]
    #[serde(skip)]
    pub token_hash: String,
    /// The token's first characters, to tell tokens apart.
    pub prefix: String,
    /// Comma-separated scopes.
    pub scopes: String,
    /// The cluster whose private data or members the token may reach.
    pub cluster_id: Option<i32>,
    /// The account that created the token.
    pub created_by: i32,
    /// When the token was last used (to the minute).
    pub last_used_at: Option<DateTimeUtc>,
    /// When the token was revoked.
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
