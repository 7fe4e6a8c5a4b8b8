//! How an account wants one kind of notification mailed (kinds without a row use the default).

use sea_orm::entity::prelude::*;

/// One account's choice for one kind.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "notification_preference")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The account.
    pub user_id: i32,
    /// The kind of notification.
    pub kind: crate::NotificationKind,
    /// How it is mailed.
    pub email: crate::EmailFrequency,
    /// When it was chosen first.
    pub created_at: DateTimeUtc,
    /// When it was last changed.
    pub updated_at: DateTimeUtc,
}

/// Relations are followed through loaders in the API, not through SeaORM joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
