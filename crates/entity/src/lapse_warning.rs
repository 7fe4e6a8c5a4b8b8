//! A warning already given that a status, label or notice ends soon, kept so that each is given once.

use sea_orm::entity::prelude::*;

/// One warning given.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "lapse_warning")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// KkkCertification, EscaLabel or CooperationOffer.
    pub subject_type: String,
    /// Its id.
    pub subject_id: i32,
    /// The end warned of, as precise as its source (a day, a month or a year).
    pub ends_on: String,
    /// Days before the end (180, 90, 30, 7), or 0 once lapsed.
    pub threshold: i32,
    /// When it was given.
    pub created_at: DateTimeUtc,
    /// When it last changed.
    pub updated_at: DateTimeUtc,
}

/// Relations are followed through loaders in the API, not through SeaORM joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
