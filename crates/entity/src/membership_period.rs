//! One period of an organisation's membership of a cluster: from joining to leaving.

use sea_orm::entity::prelude::*;

/// One period of an organisation's membership of a cluster. A membership has one for each time
/// the organisation joined; the open one (no `left_on`) is the current period.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "membership_period")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The membership the period belongs to.
    pub membership_id: i32,
    /// The membership's cluster, repeated here for filtering by day.
    pub cluster_id: i32,
    /// The membership's organisation, repeated here for filtering.
    pub organisation_id: i32,
    /// When the organisation joined (partial date); unknown when null.
    pub joined_on: Option<String>,
    /// When the organisation left (partial date); null while the period is open.
    pub left_on: Option<String>,
    /// The first day the period may have started (`joined_on`'s first day); null when unknown.
    pub first_day: Option<Date>,
    /// The last day the period may have lasted (`left_on`'s last day); null while open.
    pub last_day: Option<Date>,
    /// The source document the period was taken from.
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
