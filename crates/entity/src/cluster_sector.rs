//! A cluster's sector.

use sea_orm::entity::prelude::*;

/// A cluster's sector.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "cluster_sector")]
pub struct Model {
    /// The cluster.
    #[sea_orm(primary_key, auto_increment = false)]
    pub cluster_id: i32,
    /// The sector.
    #[sea_orm(primary_key, auto_increment = false)]
    pub sector_id: i32,
    /// The rule by which the sector was inferred (e.g. from the cluster's name), when no source
    /// states it; None when a source, the cluster's coordinator or an operator stated it.
    pub inferred_by: Option<String>,
    /// The source document that states the sector, when one does.
    pub source_document_id: Option<i32>,
    /// When the row was created.
    pub created_at: DateTimeUtc,
    /// When the row was last changed.
    pub updated_at: DateTimeUtc,
}

/// Relations are followed through loaders in the API, not through SeaORM joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
