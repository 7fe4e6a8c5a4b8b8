//! A partner of a project, another cluster or a named partner.

use sea_orm::entity::prelude::*;

/// A partner of a project, another cluster or a named partner.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "project_partner")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The project.
    pub project_id: i32,
    /// The partner cluster, when it is in the registry.
    pub partner_cluster_id: Option<i32>,
    /// The partner as named.
    pub partner_name: String,
    /// When the row was created.
    pub created_at: DateTimeUtc,
    /// When the row was last changed.
    pub updated_at: DateTimeUtc,
}

/// Relations are followed through loaders in the API, not through SeaORM joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
