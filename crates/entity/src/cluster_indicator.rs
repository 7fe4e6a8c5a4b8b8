//! A cluster's yearly indicators.

use sea_orm::entity::prelude::*;

/// A cluster's yearly indicators.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "cluster_indicator")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The cluster this fact is about.
    pub cluster_id: i32,
    /// The source document this fact was taken from.
    pub source_document_id: Option<i32>,
    /// Year the figures are for.
    pub year: i32,
    /// Number of members.
    pub member_count: Option<i32>,
    /// Members' revenue in PLN.
    pub revenue_pln: Option<i64>,
    /// Members' employment.
    pub employment: Option<i32>,
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
