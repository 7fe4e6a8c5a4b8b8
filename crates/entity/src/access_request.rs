//! A request by an account to act for an organisation or to coordinate a cluster.

use sea_orm::entity::prelude::*;

/// A request by an account for access, waiting for whoever may decide it.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "access_request")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// What is asked for.
    pub kind: crate::AccessRequestKind,
    /// The account asking.
    pub user_id: i32,
    /// The organisation to act for (ACT_FOR_ORGANISATION).
    pub organisation_id: Option<i32>,
    /// The cluster to coordinate (CLAIM_CLUSTER).
    pub cluster_id: Option<i32>,
    /// What the account wrote to whoever decides.
    pub message: Option<String>,
    /// Where it stands.
    pub status: crate::ReviewStatus,
    /// Why it was rejected.
    pub reason: Option<String>,
    /// Who decided.
    pub decided_by: Option<i32>,
    /// When it was decided.
    pub decided_at: Option<DateTimeUtc>,
    /// When the row was created.
    pub created_at: DateTimeUtc,
    /// When the row was last changed.
    pub updated_at: DateTimeUtc,
}

/// Relations are followed through loaders in the API, not through SeaORM joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
