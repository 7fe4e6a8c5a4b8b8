//! A source document that mentions a cluster.

use sea_orm::entity::prelude::*;

/// A source document that mentions a cluster.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "cluster_source")]
pub struct Model {
    /// The cluster.
    #[sea_orm(primary_key, auto_increment = false)]
    pub cluster_id: i32,
    /// The source document.
    #[sea_orm(primary_key, auto_increment = false)]
    pub source_document_id: i32,
    /// When the row was created.
    pub created_at: DateTimeUtc,
    /// When the row was last changed.
    pub updated_at: DateTimeUtc,
}

/// Relations are followed through loaders in the API, not through SeaORM joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
