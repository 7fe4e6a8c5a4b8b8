//! An event a cluster organises or takes part in.

use sea_orm::entity::prelude::*;

/// An event a cluster organises or takes part in.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "event")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The cluster this fact is about.
    pub cluster_id: i32,
    /// The source document this fact was taken from.
    pub source_document_id: Option<i32>,
    /// Name.
    pub name: String,
    /// Description.
    pub description: Option<String>,
    /// Start (partial date).
    pub starts_on: Option<String>,
    /// End (partial date).
    pub ends_on: Option<String>,
    /// Where it takes place.
    pub location: Option<String>,
    /// The earliest day it may start, derived from `starts_on` for the calendar's order.
    pub first_day: Option<Date>,
    /// The latest day it may end (its end, else its start), derived for the calendar's filters.
    pub last_day: Option<Date>,
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
