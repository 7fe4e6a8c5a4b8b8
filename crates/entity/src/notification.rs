//! One notification in an account's inbox.

use sea_orm::entity::prelude::*;

/// A notification: what happened, for whom, and whether and when it was mailed and read.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "notification")]
pub struct Model {
    /// Row id; the inbox is ordered by it.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The account told.
    pub user_id: i32,
    /// What it tells of.
    pub kind: crate::NotificationKind,
    /// The cluster it concerns.
    pub cluster_id: Option<i32>,
    /// The organisation it concerns.
    pub organisation_id: Option<i32>,
    /// The type of the object it is about.
    pub subject_type: Option<String>,
    /// The id of the object it is about.
    pub subject_id: Option<i32>,
    /// The values it is written from (JSON).
    pub params: String,
    /// Set when the same thing must reach the account once only.
    pub dedupe_key: Option<String>,
    /// How it is mailed, as the account's preference was when it came.
    pub email: crate::EmailFrequency,
    /// When it is to be mailed; None once mailed, or when it is not mailed.
    pub email_due_at: Option<DateTimeUtc>,
    /// When it was mailed (at once or in a digest).
    pub emailed_at: Option<DateTimeUtc>,
    /// When the account read it.
    pub read_at: Option<DateTimeUtc>,
    /// When it was written.
    pub created_at: DateTimeUtc,
    /// When it last changed.
    pub updated_at: DateTimeUtc,
}

/// Relations are followed through loaders in the API, not through SeaORM joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
