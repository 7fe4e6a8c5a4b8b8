//! A partner's URL that is sent the registry's changes.

use sea_orm::entity::prelude::*;

/// A partner's URL that is sent the registry's changes, signed with its secret.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "webhook")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Where deliveries are sent: HTTPS, or HTTP on the loopback interface.
    pub url: String,
    /// Comma-separated event kinds the webhook wants.
    pub event_kinds: String,
    /// Only changes of this cluster, when set.
    pub cluster_id: Option<i32>,
    /// Only changes in this voivodeship, when set.
    pub voivodeship_teryt: Option<String>,
    /// The key deliveries are signed with.
    #[serde(skip)]
    pub secret: String,
    /// The account that registered the webhook.
    pub created_by: i32,
    /// When the row was created.
    pub created_at: DateTimeUtc,
    /// When the row was last changed.
    pub updated_at: DateTimeUtc,
}

/// Relations are followed through loaders in the API, not through SeaORM joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
