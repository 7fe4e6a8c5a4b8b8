//! Reference data: voivodeships, sectors, KKK rounds, source documents.

use crate::DomainResult;
use crate::FieldErrorCode;
use klastry_entity::{kkk_round, sector, voivodeship};
use sea_orm::{ConnectionTrait, EntityTrait, QueryOrder};

/// All voivodeships by TERYT code.
pub async fn voivodeships<C: ConnectionTrait>(db: &C) -> DomainResult<Vec<voivodeship::Model>> {
    Ok(voivodeship::Entity::find()
        .order_by_asc(voivodeship::Column::Teryt)
        .all(db)
        .await?)
}

/// All sectors by code.
pub async fn sectors<C: ConnectionTrait>(db: &C) -> DomainResult<Vec<sector::Model>> {
    Ok(sector::Entity::find()
        .order_by_asc(sector::Column::Code)
        .all(db)
        .await?)
}

/// All KKK rounds, oldest first.
pub async fn kkk_rounds<C: ConnectionTrait>(db: &C) -> DomainResult<Vec<kkk_round::Model>> {
    Ok(kkk_round::Entity::find()
        .order_by_asc(kkk_round::Column::Number)
        .all(db)
        .await?)
}

/// One KKK round.
pub async fn kkk_round<C: ConnectionTrait>(
    db: &C,
    number: i32,
) -> DomainResult<Option<kkk_round::Model>> {
    Ok(kkk_round::Entity::find_by_id(number).one(db).await?)
}

/// All source documents by code.
pub async fn source_documents<C: ConnectionTrait>(
    db: &C,
) -> DomainResult<Vec<klastry_entity::source_document::Model>> {
    use klastry_entity::source_document;
    Ok(source_document::Entity::find()
        .order_by_asc(source_document::Column::Code)
        .all(db)
        .await?)
}

/// The ids of the sectors with these codes; an unknown code is refused, naming it.
pub async fn sector_ids<C: ConnectionTrait>(
    db: &C,
    field: &str,
    codes: &[String],
) -> DomainResult<Vec<i32>> {
    use sea_orm::{ColumnTrait, QueryFilter, QuerySelect};
    let known: Vec<(i32, String)> = sector::Entity::find()
        .select_only()
        .column(sector::Column::Id)
        .column(sector::Column::Code)
        .filter(sector::Column::Code.is_in(codes.iter().cloned()))
        .into_tuple()
        .all(db)
        .await?;
    if let Some(unknown) = codes
        .iter()
        .find(|code| !known.iter().any(|(_, k)| k == *code))
    {
        return Err(crate::DomainError::invalid(
            field,
            FieldErrorCode::NotFound,
            format!("unknown sector code '{unknown}'; see the `sectors` query"),
        ));
    }
    Ok(known.into_iter().map(|(id, _)| id).collect())
}
