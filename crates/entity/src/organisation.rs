//! An organisation: a cluster member, coordinator or representative.

use sea_orm::entity::prelude::*;

/// An organisation: a cluster member, coordinator or representative.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "organisation")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Name as registered.
    pub name: String,
    /// Folded name used for ordering.
    pub sort_name: String,
    /// Folded text searched by the API (name and city).
    pub search_text: String,
    /// Kind of organisation, when known.
    pub kind: Option<crate::OrganisationKind>,
    /// The rule by which `kind` was inferred (e.g. from the legal form in the name), when no
    /// source states it; None when a source or a person stated it.
    pub kind_inferred_by: Option<String>,
    /// Polish tax number, 10 digits, checksum-valid.
    pub nip: Option<String>,
    /// REGON statistical number, 9 or 14 digits, checksum-valid.
    pub regon: Option<String>,
    /// National Court Register number, 10 digits.
    pub krs: Option<String>,
    /// ISO 3166-1 alpha-2 country code.
    pub country: String,
    /// Voivodeship, for Polish organisations.
    pub voivodeship_teryt: Option<String>,
    /// City.
    pub city: Option<String>,
    /// Street address.
    pub address: Option<String>,
    /// Polish postal code, NN-NNN.
    pub postal_code: Option<String>,
    /// Phone number.
    pub phone: Option<String>,
    /// E-mail address.
    pub email: Option<String>,
    /// Website.
    pub website: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// The source document the organisation was taken from.
    pub source_document_id: Option<i32>,
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
