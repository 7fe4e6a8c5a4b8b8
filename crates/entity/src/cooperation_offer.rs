//! A cooperation offer or request posted by a member organisation.

use sea_orm::entity::prelude::*;

/// A cooperation offer or request posted by a member organisation.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "cooperation_offer")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The organisation that posted the notice.
    pub organisation_id: i32,
    /// Offer or request.
    pub kind: crate::CooperationKind,
    /// What the notice is about.
    pub category: crate::CooperationCategory,
    /// Headline.
    pub title: String,
    /// Details.
    pub description: String,
    /// Where the cooperation would take place.
    pub voivodeship_teryt: Option<String>,
    /// Last day the notice is shown.
    pub expires_on: Date,
    /// Folded text searched by the API (title, description).
    pub search_text: String,
    /// The account that posted it.
    pub created_by_user_id: Option<i32>,
    /// Optimistic-lock version, raised by one on every write.
    pub version: i32,
    /// When the row was created.
    pub created_at: DateTimeUtc,
    /// When the row was last changed.
    pub updated_at: DateTimeUtc,
}

/// Relations are followed through loaders in the API, not through SeaORM joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
