//! Finding organisations: filtered, ordered, keyset-paginated lists.

use super::reference;
use crate::DomainResult;
use crate::db::pagination::{
    Direction, Keyset, Ordering, Page, PagePlan, PageRequest, check_filter_list, fetch_page,
    text_key,
};
use crate::db::rows::ColumnSet;
use crate::rules::text::{escape_like, searched_text};
use crate::rules::validation;
use klastry_entity::{OrganisationKind, organisation, organisation_sector};
use sea_orm::sea_query::{Expr, ExprTrait, LikeExpr, Query};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};

/// Which organisations a list holds. Empty lists and `None` mean "no restriction".
#[derive(Debug, Clone, Default)]
pub struct OrganisationFilter {
    /// Of one of these kinds.
    pub kinds: Vec<OrganisationKind>,
    /// In one of these voivodeships (TERYT codes).
    pub voivodeships: Vec<String>,
    /// In at least one of these sectors (sector codes).
    pub sectors: Vec<String>,
    /// Name or city contains this text, ignoring case and diacritics.
    pub text: Option<String>,
    /// With this NIP (any common spelling: spaces, dashes, a PL prefix).
    pub nip: Option<String>,
    /// With this REGON (9 or 14 digits).
    pub regon: Option<String>,
    /// With this KRS number.
    pub krs: Option<String>,
}

async fn condition<C: ConnectionTrait>(
    db: &C,
    filter: &OrganisationFilter,
) -> DomainResult<Condition> {
    check_filter_list("filter.kinds", filter.kinds.len())?;
    check_filter_list("filter.voivodeships", filter.voivodeships.len())?;
    check_filter_list("filter.sectors", filter.sectors.len())?;
    let mut all = Condition::all();
    if !filter.kinds.is_empty() {
        all = all.add(organisation::Column::Kind.is_in(filter.kinds.clone()));
    }
    if !filter.voivodeships.is_empty() {
        all = all.add(organisation::Column::VoivodeshipTeryt.is_in(filter.voivodeships.clone()));
    }
    if !filter.sectors.is_empty() {
        let ids = reference::sector_ids(db, "filter.sectors", &filter.sectors).await?;
        all = all.add(
            organisation::Column::Id.in_subquery(
                Query::select()
                    .column(organisation_sector::Column::OrganisationId)
                    .from(organisation_sector::Entity)
                    .and_where(organisation_sector::Column::SectorId.is_in(ids))
                    .to_owned(),
            ),
        );
    }
    if let Some(nip) = filter.nip.as_deref() {
        let nip = validation::nip("filter.nip", nip)?;
        all = all.add(organisation::Column::Nip.eq(nip));
    }
    if let Some(regon) = filter.regon.as_deref() {
        let regon = validation::regon("filter.regon", regon)?;
        all = all.add(organisation::Column::Regon.eq(regon));
    }
    if let Some(krs) = filter.krs.as_deref() {
        let krs = validation::krs("filter.krs", krs)?;
        all = all.add(organisation::Column::Krs.eq(krs));
    }
    if let Some(folded) = searched_text(filter.text.as_deref()) {
        all = all.add(
            Expr::col((organisation::Entity, organisation::Column::SearchText))
                .like(LikeExpr::new(format!("%{}%", escape_like(&folded))).escape('\\')),
        );
    }
    Ok(all)
}

fn ordering(direction: Direction) -> Ordering<organisation::Entity> {
    Ordering {
        column: organisation::Column::SortName,
        id: organisation::Column::Id,
        direction,
        parse_key: text_key,
        keyset_of: |o| Keyset {
            key: o.sort_name.clone(),
            id: o.id,
        },
    }
}

/// One page of the organisations matching `filter`, by name, reading the columns in `read`
/// (the others hold empty values; `ColumnSet::ALL` for whole organisations).
pub async fn list<C: ConnectionTrait>(
    db: &C,
    filter: &OrganisationFilter,
    direction: Direction,
    page: &PageRequest,
    read: ColumnSet,
) -> DomainResult<Page<organisation::Model>> {
    let condition = condition(db, filter).await?;
    // The folded text is kept beside the name in the name index, so a search walks names in
    // order through the index alone and reads only the page's rows (a common term passes one
    // name in fifteen; reading each row it walks past cost five times as much).
    let plan = if searched_text(filter.text.as_deref()).is_some() {
        PagePlan::IdsFirst
    } else {
        PagePlan::Direct
    };
    fetch_page(
        db,
        organisation::Entity::find().filter(condition),
        &ordering(direction),
        page,
        plan,
        read,
    )
    .await
}

/// How many organisations match `filter`.
pub async fn count<C: ConnectionTrait>(db: &C, filter: &OrganisationFilter) -> DomainResult<u64> {
    let condition = condition(db, filter).await?;
    Ok(organisation::Entity::find()
        .filter(condition)
        .count(db)
        .await?)
}

/// The organisation with this id.
pub async fn by_id<C: ConnectionTrait>(db: &C, id: i32) -> DomainResult<organisation::Model> {
    organisation::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| crate::DomainError::not_found("organisation", id))
}
