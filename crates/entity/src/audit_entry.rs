//! One recorded change: who, when, what, before and after.

use sea_orm::entity::prelude::*;

/// One recorded change: who, when, what, before and after.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "audit_entry")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The account that made the change.
    pub actor_user_id: Option<i32>,
    /// The e-mail of that account at the time, kept if the account goes.
    pub actor_email: Option<String>,
    /// What was done (CREATE, UPDATE, DELETE or a workflow step such as APPROVE).
    pub action: String,
    /// The kind of object changed.
    pub object_type: String,
    /// The row id of the object changed.
    pub object_id: i32,
    /// The cluster the change concerns, for coordinators reading their trail.
    pub cluster_id: Option<i32>,
    /// The organisation the change concerns.
    pub organisation_id: Option<i32>,
    /// The object before the change, as JSON.
    pub before_json: Option<String>,
    /// The object after the change, as JSON.
    pub after_json: Option<String>,
    /// When the row was created.
    pub created_at: DateTimeUtc,
    /// When the row was last changed.
    pub updated_at: DateTimeUtc,
}

/// Relations are followed through loaders in the API, not through SeaORM joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
