//! An ESCA cluster-management excellence label of a cluster.

use sea_orm::entity::prelude::*;

/// An ESCA cluster-management excellence label of a cluster.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "esca_label")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The cluster this fact is about.
    pub cluster_id: i32,
    /// The source document this fact was taken from.
    pub source_document_id: Option<i32>,
    /// Label level.
    pub level: crate::EscaLevel,
    /// Award date with the precision the source gives.
    pub awarded_on: Option<String>,
    /// Valid-until date as the source states it.
    pub valid_until: Option<String>,
    /// A day on which the source confirms the status was held.
    pub confirmed_on: Option<Date>,
    /// How the record was read from its source.
    pub note: Option<String>,
    /// The source says the status has been held since `awarded_on`, continuously: it runs
    /// into the cluster's next record of the same kind and does not lapse by the term rule.
    pub held_since: bool,
    /// Derived: the status was certainly held from this day.
    pub held_from: Option<Date>,
    /// Derived: the status was certainly held until this day.
    pub held_until: Option<Date>,
    /// Derived: the status cannot have started before this day.
    pub earliest_start: Option<Date>,
    /// Derived: the status cannot have lasted beyond this day.
    pub latest_end: Option<Date>,
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
