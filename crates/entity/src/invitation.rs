//! An invitation mailed to someone to act for an organisation, co-coordinate a cluster or
//! operate the registry.

use sea_orm::entity::prelude::*;

/// An invitation: accepting its single-use link signs the person up or in and grants the role.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "invitation")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The address invited, lower-case.
    pub email: String,
    /// The role granted on acceptance.
    pub role: crate::InvitationRole,
    /// The cluster to co-coordinate (COORDINATOR), or whose coordinator invited (MEMBER).
    pub cluster_id: Option<i32>,
    /// The organisation to act for (MEMBER).
    pub organisation_id: Option<i32>,
    /// Who invited.
    pub invited_by: Option<i32>,
    /// The language of the mail: `pl` or `en`.
    pub language: String,
    /// SHA-256 of the token in the link.
    #[serde(skip)]
    pub token_hash: String,
    /// When the link stops working.
    pub expires_at: DateTimeUtc,
    /// When it was accepted.
    pub accepted_at: Option<DateTimeUtc>,
    /// The account that accepted it.
    pub accepted_by: Option<i32>,
    /// When it was revoked.
    pub revoked_at: Option<DateTimeUtc>,
    /// How many times it was mailed.
    pub sent_count: i32,
    /// When the row was created.
    pub created_at: DateTimeUtc,
    /// When the row was last changed.
    pub updated_at: DateTimeUtc,
}

/// Relations are followed through loaders in the API, not through SeaORM joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
