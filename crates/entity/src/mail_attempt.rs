//! One try at sending an e-mail.

use sea_orm::entity::prelude::*;

/// One try at handing an e-mail to the SMTP server (or writing it to the mail folder).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "mail_attempt")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The e-mail.
    pub mail_id: i32,
    /// 1 for the first try.
    pub number: i32,
    /// Why it failed; None when it was accepted.
    pub error: Option<String>,
    /// How long it took.
    pub duration_ms: i32,
    /// When the row was created.
    pub created_at: DateTimeUtc,
    /// When the row was last changed.
    pub updated_at: DateTimeUtc,
}

/// Relations are followed through loaders in the API, not through SeaORM joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
