//! An organisation's membership of a cluster.

use sea_orm::entity::prelude::*;

/// An organisation's membership of a cluster.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "membership")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The cluster this fact is about.
    pub cluster_id: i32,
    /// The source document this fact was taken from.
    pub source_document_id: Option<i32>,
    /// The member organisation.
    pub organisation_id: i32,
    /// The member organisation's folded name, for paging members by name.
    pub member_sort_name: String,
    /// The part the organisation plays.
    pub role: crate::MembershipRole,
    /// Where the membership stands.
    pub status: crate::MembershipStatus,
    /// When the organisation joined (partial date).
    pub joined_on: Option<String>,
    /// When the organisation left (partial date).
    pub left_on: Option<String>,
    /// What the organisation wrote when it applied.
    pub application_message: Option<String>,
    /// Why the application was approved or rejected, as the coordinator wrote it.
    pub decision_reason: Option<String>,
    /// When the application was decided.
    pub decided_at: Option<DateTimeUtc>,
    /// Optimistic-lock version, raised by one on every write.
    pub version: i32,
    /// When the row was created.
    pub created_at: DateTimeUtc,
    /// When the row was last changed.
    pub updated_at: DateTimeUtc,
}

/// The member organisation, joined when members are paged by name.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The member organisation.
    #[sea_orm(
        belongs_to = "super::organisation::Entity",
        from = "Column::OrganisationId",
        to = "super::organisation::Column::Id"
    )]
    Organisation,
}

impl ActiveModelBehavior for ActiveModel {}
