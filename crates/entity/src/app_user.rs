//! A user account.

use sea_orm::entity::prelude::*;

/// A user account.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "app_user")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Sign-in e-mail address, lower-case.
    #[sea_orm(unique)]
    pub email: String,
    /// Argon2id hash of the password in PHC format.
    #[serde(skip)]
    pub password_hash: String,
    /// The name shown for the account.
    pub display_name: String,
    /// Whether the account operates the whole registry.
    pub is_operator: bool,
    /// When an operator disabled the account; its sessions and tokens stop working then.
    pub disabled_at: Option<DateTimeUtc>,
    /// The language the account reads mail and the web app in: `pl` or `en`.
    pub language: String,
    /// When the owner proved the e-mail address theirs by following a link; an account
    /// signs in only once it has.
    pub email_verified_at: Option<DateTimeUtc>,
    /// When the owner deleted the account; its personal data was anonymised then.
    pub deleted_at: Option<DateTimeUtc>,
    /// When the row was created.
    pub created_at: DateTimeUtc,
    /// When the row was last changed.
    pub updated_at: DateTimeUtc,
}

/// Relations are followed through loaders in the API, not through SeaORM joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
