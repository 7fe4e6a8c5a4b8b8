//! A role an account holds over a cluster or an organisation.

use sea_orm::entity::prelude::*;

/// A role an account holds over a cluster or an organisation.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "user_role")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The account holding the role.
    pub user_id: i32,
    /// Which role.
    pub role: crate::UserRoleKind,
    /// The cluster a coordinator coordinates.
    pub cluster_id: Option<i32>,
    /// The organisation a member acts for.
    pub organisation_id: Option<i32>,
    /// Whether a member also manages who else acts for the organisation and decides their
    /// requests.
    pub manages: bool,
    /// When the row was created.
    pub created_at: DateTimeUtc,
    /// When the row was last changed.
    pub updated_at: DateTimeUtc,
}

/// Relations are followed through loaders in the API, not through SeaORM joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
