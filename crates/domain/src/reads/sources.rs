//! Finding source documents: the registry's documents by code, filtered by a search of their
//! code, title, publisher and address, keyset-paginated.

use crate::DomainResult;
use crate::db::contains_folded;
use crate::db::pagination::{
    Direction, Keyset, Ordering, Page, PagePlan, PageRequest, fetch_page, text_key,
};
use crate::db::rows::ColumnSet;
use klastry_entity::source_document;
use sea_orm::{Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};

/// Which documents a list holds.
#[derive(Debug, Clone, Default)]
pub struct SourceFilter {
    /// Code, title, publisher or address contains this text, ignoring case and diacritics.
    pub text: Option<String>,
}

fn condition(filter: &SourceFilter) -> Condition {
    let mut all = Condition::all();
    if let Some(search) = contains_folded(
        (source_document::Entity, source_document::Column::SearchText),
        filter.text.as_deref(),
    ) {
        all = all.add(search);
    }
    all
}

/// One page of the documents matching `filter`, by code.
pub async fn list<C: ConnectionTrait>(
    db: &C,
    filter: &SourceFilter,
    page: &PageRequest,
) -> DomainResult<Page<source_document::Model>> {
    let ordering = Ordering {
        column: source_document::Column::Code,
        id: source_document::Column::Id,
        direction: Direction::Asc,
        parse_key: text_key,
        keyset_of: |d: &source_document::Model| Keyset {
            key: d.code.clone(),
            id: d.id,
        },
    };
    fetch_page(
        db,
        source_document::Entity::find().filter(condition(filter)),
        &ordering,
        page,
        PagePlan::Direct,
        ColumnSet::ALL,
    )
    .await
}

/// How many documents match `filter`.
pub async fn count<C: ConnectionTrait>(db: &C, filter: &SourceFilter) -> DomainResult<u64> {
    Ok(source_document::Entity::find()
        .filter(condition(filter))
        .count(db)
        .await?)
}
