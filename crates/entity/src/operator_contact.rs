//! The registry operator's contact for the public: one row (id 1), made by the migrations with
//! every field empty.

use sea_orm::entity::prelude::*;

/// The registry operator's contact for the public.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "operator_contact")]
pub struct Model {
    /// Row id; always 1.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The contact person's name.
    pub contact_person: Option<String>,
    /// The contact e-mail address.
    pub email: Option<String>,
    /// The contact telephone number.
    pub phone: Option<String>,
    /// The postal address, line breaks kept.
    pub postal_address: Option<String>,
    /// Optimistic-lock version, raised by one on every write.
    pub version: i32,
    /// When the row was created.
    pub created_at: DateTimeUtc,
    /// When the row was last changed.
    pub updated_at: DateTimeUtc,
}

/// The row stands alone.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
