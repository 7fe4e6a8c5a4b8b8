//! A cluster organisation.

use sea_orm::entity::prelude::*;

/// A cluster organisation.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "cluster")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// URL-safe unique identifier.
    #[sea_orm(unique)]
    pub slug: String,
    /// Polish name.
    pub name_pl: Option<String>,
    /// English name.
    pub name_en: Option<String>,
    /// Folded name used for ordering.
    pub sort_name: String,
    /// Folded text searched by the API (names, aliases, acronym, city).
    pub search_text: Option<String>,
    /// Acronym.
    pub acronym: Option<String>,
    /// Description in Polish.
    pub description_pl: Option<String>,
    /// Description in English.
    pub description_en: Option<String>,
    /// Voivodeship of the seat.
    pub voivodeship_teryt: Option<String>,
    /// City of the seat.
    pub city: Option<String>,
    /// Street address.
    pub address: Option<String>,
    /// Polish postal code.
    pub postal_code: Option<String>,
    /// Phone number.
    pub phone: Option<String>,
    /// E-mail address.
    pub email: Option<String>,
    /// Website.
    pub website: Option<String>,
    /// Founding date with the precision the source gives.
    pub founded_on: Option<String>,
    /// The coordinating organisation.
    pub coordinator_id: Option<i32>,
    /// First year of the current development strategy.
    pub strategy_from: Option<i16>,
    /// Last year of the current development strategy.
    pub strategy_to: Option<i16>,
    /// Whether the cluster operates.
    pub status: crate::ClusterStatus,
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
