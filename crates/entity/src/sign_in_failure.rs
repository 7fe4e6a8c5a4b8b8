//! Recent wrong passwords for one account or one client address, shared by every server.

use sea_orm::entity::prelude::*;

/// Recent wrong passwords for one key.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sign_in_failure")]
pub struct Model {
    /// `account:<e-mail>` or `address:<ip>`.
    #[sea_orm(primary_key, auto_increment = false)]
    pub key: String,
    /// Wrong passwords since they were last forgotten.
    pub failures: i32,
    /// When the last one was tried.
    pub last_failed_at: DateTimeUtc,
    /// Until when sign-in for this key is locked.
    pub locked_until: Option<DateTimeUtc>,
}

/// Relations are followed through loaders in the API, not through SeaORM joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
