//! The registry operator's contact for the public: whom to write or call about the registry.

use crate::DomainResult;
use klastry_entity::operator_contact;
use sea_orm::{ConnectionTrait, EntityTrait};

/// The id of the one row the migrations make.
pub const ROW_ID: i32 = 1;

/// The operator's contact; None only on a database whose row has been removed by hand. Its
/// fields are None when the operator has not given them.
pub async fn get<C: ConnectionTrait>(db: &C) -> DomainResult<Option<operator_contact::Model>> {
    Ok(operator_contact::Entity::find_by_id(ROW_ID).one(db).await?)
}
