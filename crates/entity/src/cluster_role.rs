//! A person's role in a cluster.

use sea_orm::entity::prelude::*;

/// A person's role in a cluster.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "cluster_role")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The cluster this fact is about.
    pub cluster_id: i32,
    /// The source document this fact was taken from.
    pub source_document_id: Option<i32>,
    /// The person.
    pub person_id: i32,
    /// The role.
    pub role: crate::ClusterRoleKind,
    /// The position as the source words it.
    pub position: Option<String>,
    /// Since when (partial date).
    pub since: Option<String>,
    /// Until when (partial date).
    pub until: Option<String>,
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
