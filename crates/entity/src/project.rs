//! A project or initiative a cluster runs or takes part in.

use sea_orm::entity::prelude::*;

/// A project or initiative a cluster runs or takes part in.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "project")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The cluster this fact is about.
    pub cluster_id: i32,
    /// The source document this fact was taken from.
    pub source_document_id: Option<i32>,
    /// Name.
    pub name: String,
    /// Acronym.
    pub acronym: Option<String>,
    /// Funding programme.
    pub programme: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Budget in whole units of the currency.
    pub budget_amount: Option<i64>,
    /// ISO 4217 currency of the budget.
    pub budget_currency: Option<String>,
    /// Start (partial date).
    pub starts_on: Option<String>,
    /// End (partial date).
    pub ends_on: Option<String>,
    /// The cluster's role in the project.
    pub role: Option<String>,
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
