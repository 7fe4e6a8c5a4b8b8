//! A change to the registry, as partners hear of it: the transactional outbox.

use sea_orm::entity::prelude::*;

/// A change to the registry, written in the transaction of the change.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "registry_event")]
pub struct Model {
    /// Row id; also the event's id for de-duplication.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// What kind of change (CLUSTER_CHANGED, MEMBERSHIP_CHANGED, ...).
    pub kind: String,
    /// The step taken (CREATE, UPDATE, DELETE, APPLY, APPROVE, ...).
    pub action: String,
    /// The type of the changed object, as the API names it.
    pub subject_type: String,
    /// The changed object's row id.
    pub subject_id: i32,
    /// The cluster the change concerns.
    pub cluster_id: Option<i32>,
    /// The organisation the change concerns.
    pub organisation_id: Option<i32>,
    /// The voivodeship of the cluster, organisation or notice.
    pub voivodeship_teryt: Option<String>,
    /// Whether anyone may hear of it; otherwise only the cluster's coordinators and the
    /// organisation's members.
    pub is_public: bool,
    /// When the change was made.
    pub created_at: DateTimeUtc,
    /// When the row was last changed.
    pub updated_at: DateTimeUtc,
}

/// Relations are followed through loaders in the API, not through SeaORM joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
