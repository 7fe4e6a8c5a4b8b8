//! A single-use link mailed to an account: to verify its address, reset its password or
//! confirm a new address.

use sea_orm::entity::prelude::*;

/// A single-use link mailed to an account; only the SHA-256 of its token is kept.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "account_link")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The account it was mailed for.
    pub user_id: i32,
    /// VERIFY_EMAIL, RESET_PASSWORD or CHANGE_EMAIL.
    pub purpose: String,
    /// SHA-256 of the token in the link.
    #[serde(skip)]
    pub token_hash: String,
    /// The new address a CHANGE_EMAIL link confirms.
    pub new_email: Option<String>,
    /// What an UNSUBSCRIBE link switches off: the notification kinds, comma-separated.
    pub detail: Option<String>,
    /// When the link stops working.
    pub expires_at: DateTimeUtc,
    /// When it was followed; a link works once.
    pub used_at: Option<DateTimeUtc>,
    /// When the row was created.
    pub created_at: DateTimeUtc,
    /// When the row was last changed.
    pub updated_at: DateTimeUtc,
}

/// Relations are followed through loaders in the API, not through SeaORM joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
