//! One e-mail in the outbox.

use sea_orm::entity::prelude::*;

/// One e-mail owed, written in the transaction of the change that owes it and sent after
/// commit, retried until sent or a day has passed.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "mail_message")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The address it goes to.
    pub recipient: String,
    /// The account it concerns, if any.
    pub user_id: Option<i32>,
    /// The language it is written in: `pl` or `en`.
    pub language: String,
    /// Which template.
    pub template: String,
    /// The template's values as JSON; emptied once sent, since they may hold single-use links.
    #[serde(skip)]
    pub params: Option<String>,
    /// PENDING, SENT or FAILED.
    pub status: String,
    /// Tries so far.
    pub attempt_count: i32,
    /// When the next try is due.
    pub next_attempt_at: DateTimeUtc,
    /// Until when a sender holds it.
    pub claimed_until: Option<DateTimeUtc>,
    /// When the SMTP server accepted it.
    pub sent_at: Option<DateTimeUtc>,
    /// Why the last try failed.
    pub last_error: Option<String>,
    /// When the row was created.
    pub created_at: DateTimeUtc,
    /// When the row was last changed.
    pub updated_at: DateTimeUtc,
}

/// Relations are followed through loaders in the API, not through SeaORM joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
