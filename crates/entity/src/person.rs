//! A person named in a cluster's governance.

use sea_orm::entity::prelude::*;

/// A person named in a cluster's governance.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "person")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Full name without titles.
    pub full_name: String,
    /// Academic or professional title, e.g. `Prof.`.
    pub title: Option<String>,
    /// The organisation the person represents.
    pub organisation_id: Option<i32>,
    /// E-mail address (not public).
    pub email: Option<String>,
    /// Phone number (not public).
    pub phone: Option<String>,
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
