//! A cluster submitted to the registry by an account, waiting for an operator's review.

use sea_orm::entity::prelude::*;

/// A cluster submitted for listing: seen only by its submitter and operators until it is
/// published (it then becomes a cluster, and the submitter its coordinator) or rejected.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "cluster_submission")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The account that submitted it.
    pub submitted_by: i32,
    /// PENDING, APPROVED (published), REJECTED or WITHDRAWN.
    pub status: crate::ReviewStatus,
    /// The cluster's name.
    pub name: String,
    /// The name in English.
    pub name_en: Option<String>,
    /// The acronym.
    pub acronym: Option<String>,
    /// The voivodeship of its seat (TERYT code).
    pub voivodeship_teryt: Option<String>,
    /// Its website.
    pub website: Option<String>,
    /// Its website in English.
    pub website_en: Option<String>,
    /// What it does.
    pub description: String,
    /// Sector codes, comma-separated.
    pub sectors: String,
    /// The members declared by kind, as JSON `[{"kind":…,"count":…}]`.
    pub declared_members: String,
    /// The coordinating organisation's name.
    pub coordinator_name: String,
    /// Its NIP.
    pub coordinator_nip: Option<String>,
    /// Its REGON.
    pub coordinator_regon: Option<String>,
    /// Its KRS number.
    pub coordinator_krs: Option<String>,
    /// Why it was rejected.
    pub reason: Option<String>,
    /// The cluster it became.
    pub cluster_id: Option<i32>,
    /// The operator who decided.
    pub decided_by: Option<i32>,
    /// When it was decided.
    pub decided_at: Option<DateTimeUtc>,
    /// Optimistic-lock version.
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
