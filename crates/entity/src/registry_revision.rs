//! The registry's revision, raised by the database's own triggers.
use sea_orm::entity::prelude::*;

/// The one row holding the registry's revision: a number the database raises whenever a table
/// that the statistics or the facet counts read changes (migration 20 names the tables), so an
/// answer kept with the revision it was computed at still holds while the number is the same.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "registry_revision")]
pub struct Model {
    /// Always 1.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: i32,
    /// Raised by at least one in every transaction that changes a tracked table.
    pub revision: i64,
}

/// No relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
