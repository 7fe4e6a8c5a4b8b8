//! A round of the Key National Cluster (KKK) competition.

use sea_orm::entity::prelude::*;

/// A round of the Key National Cluster (KKK) competition.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "kkk_round")]
pub struct Model {
    /// Round number, 1 for round I.
    #[sea_orm(primary_key, auto_increment = false)]
    pub number: i32,
    /// Roman numeral.
    pub name: String,
    /// When the call opened (partial date).
    pub call_opened_on: Option<String>,
    /// When the results were announced or handed over (partial date).
    pub announced_on: Option<String>,
    /// Until when the statuses of this round are valid (partial date).
    pub valid_until: Option<String>,
    /// How many clusters the round was announced to have certified.
    pub announced_cluster_count: Option<i32>,
    /// What the sources say about the round.
    pub note: Option<String>,
    /// When the row was created.
    pub created_at: DateTimeUtc,
    /// When the row was last changed.
    pub updated_at: DateTimeUtc,
}

/// Relations are followed through loaders in the API, not through SeaORM joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
