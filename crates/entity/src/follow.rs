//! Something an account follows: a cluster, an organisation, or a corner of the cooperation board.

use sea_orm::entity::prelude::*;

/// One follow.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "follow")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The account following.
    pub user_id: i32,
    /// What kind of thing it follows.
    pub target: crate::FollowTarget,
    /// The cluster followed (CLUSTER).
    pub cluster_id: Option<i32>,
    /// The organisation followed (ORGANISATION).
    pub organisation_id: Option<i32>,
    /// The sector of the notices followed (BOARD), if it names one.
    pub sector_code: Option<String>,
    /// The voivodeship of the notices followed (BOARD), if it names one.
    pub voivodeship_teryt: Option<String>,
    /// The target in one text, unique per account.
    pub target_key: String,
    /// When it was followed.
    pub created_at: DateTimeUtc,
    /// When it last changed.
    pub updated_at: DateTimeUtc,
}

/// Relations are followed through loaders in the API, not through SeaORM joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
