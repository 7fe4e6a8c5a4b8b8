//! A figure a source states about a cluster, as it words it.
use sea_orm::entity::prelude::*;

/// A figure a source states about a cluster ("nearly 150 members"), kept apart from what the
/// registry counts.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "stated_figure")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The cluster this fact is about.
    pub cluster_id: i32,
    /// The source document this fact was taken from.
    pub source_document_id: Option<i32>,
    /// What the figure counts.
    pub kind: crate::StatedFigureKind,
    /// How exactly the source states it.
    pub qualifier: crate::FigureQualifier,
    /// The number as the source gives it.
    pub value: i32,
    /// The day, month or year the figure describes, as the source gives it (partial date).
    pub stated_on: Option<String>,
    /// The source's own words.
    pub quote: String,
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
