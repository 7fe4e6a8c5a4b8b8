//! A sign-in session: what one sign-in's access and refresh tokens belong to.

use sea_orm::entity::prelude::*;

/// A sign-in session; its tokens work while it has not ended.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "user_session")]
pub struct Model {
    /// Row id, named in the session's access tokens (`sid`).
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The account signed in.
    pub user_id: i32,
    /// When the session ended; its tokens stopped working then.
    pub ended_at: Option<DateTimeUtc>,
    /// Why it ended: SIGN_OUT, PASSWORD_CHANGED, REFRESH_TOKEN_REUSED or ACCOUNT_DISABLED.
    pub ended_reason: Option<String>,
    /// When the session started.
    pub created_at: DateTimeUtc,
    /// When the row was last changed.
    pub updated_at: DateTimeUtc,
}

/// Relations are followed through loaders in the API, not through SeaORM joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
