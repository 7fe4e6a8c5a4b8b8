//! Finding organisations: filtered, ordered, keyset-paginated lists.

use super::{most_first, reference};
use crate::DomainResult;
use crate::db::contains_folded;
use crate::db::pagination::{
    Direction, Keyset, Ordering, Page, PagePlan, PageRequest, check_filter_list, fetch_page,
    text_key,
};
use crate::db::rows::ColumnSet;
use crate::rules::text::searched_text;
use crate::rules::validation;
use klastry_entity::{
    MembershipStatus, OrganisationKind, membership, organisation, organisation_sector, sector,
};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, JoinType, PaginatorTrait, QueryFilter,
    QuerySelect,
};

/// Which organisations a list holds. Empty lists and `None` mean "no restriction".
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
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
    /// A current member of one of these clusters (ids).
    pub clusters: Vec<i32>,
}

fn check_lists(filter: &OrganisationFilter) -> DomainResult<()> {
    check_filter_list("filter.kinds", filter.kinds.len())?;
    check_filter_list("filter.voivodeships", filter.voivodeships.len())?;
    check_filter_list("filter.sectors", filter.sectors.len())?;
    check_filter_list("filter.clusters", filter.clusters.len())
}

/// The ids of the filter's sectors; unknown codes are refused, naming the code.
async fn filter_sector_ids<C: ConnectionTrait>(
    db: &C,
    filter: &OrganisationFilter,
) -> DomainResult<Vec<i32>> {
    if filter.sectors.is_empty() {
        return Ok(Vec::new());
    }
    reference::sector_ids(db, "filter.sectors", &filter.sectors).await
}

async fn condition<C: ConnectionTrait>(
    db: &C,
    filter: &OrganisationFilter,
) -> DomainResult<Condition> {
    check_lists(filter)?;
    let sector_ids = filter_sector_ids(db, filter).await?;
    condition_with_sectors(filter, &sector_ids)
}

/// The filter's condition, its sectors resolved to `sector_ids` (empty when it names none).
fn condition_with_sectors(
    filter: &OrganisationFilter,
    sector_ids: &[i32],
) -> DomainResult<Condition> {
    let mut all = Condition::all();
    if !filter.kinds.is_empty() {
        all = all.add(organisation::Column::Kind.is_in(filter.kinds.clone()));
    }
    if !filter.voivodeships.is_empty() {
        all = all.add(organisation::Column::VoivodeshipTeryt.is_in(filter.voivodeships.clone()));
    }
    if !filter.sectors.is_empty() {
        all = all.add(
            organisation::Column::Id.in_subquery(
                Query::select()
                    .column(organisation_sector::Column::OrganisationId)
                    .from(organisation_sector::Entity)
                    .and_where(organisation_sector::Column::SectorId.is_in(sector_ids.to_vec()))
                    .to_owned(),
            ),
        );
    }
    if !filter.clusters.is_empty() {
        all = all.add(
            organisation::Column::Id.in_subquery(
                Query::select()
                    .column(membership::Column::OrganisationId)
                    .from(membership::Entity)
                    .and_where(membership::Column::ClusterId.is_in(filter.clusters.clone()))
                    .and_where(membership::Column::Status.eq(MembershipStatus::Active))
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
    if let Some(search) = contains_folded(
        (organisation::Entity, organisation::Column::SearchText),
        filter.text.as_deref(),
    ) {
        all = all.add(search);
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

/// How many organisations each option of the organisation directory's filter would hold,
/// each dimension counted with every condition of the filter except its own (as the cluster
/// directory's facets are). Options that count nothing are left out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OrganisationFacets {
    /// Organisations per kind, most first; those whose kind is not known are in none.
    pub kinds: Vec<(OrganisationKind, u64)>,
    /// Organisations per voivodeship (TERYT code), most first, then by code; those whose seat
    /// is not known are in none.
    pub voivodeships: Vec<(String, u64)>,
    /// Organisations per sector (sector code), most first, then by code.
    pub sectors: Vec<(String, u64)>,
    /// Current members per cluster (cluster id), most first, then by id.
    pub clusters: Vec<(i32, u64)>,
}

/// The facet counts of `filter`: one statement per dimension, plus one resolving the filter's
/// sector codes when it names any.
pub async fn facets<C: ConnectionTrait>(
    db: &C,
    filter: &OrganisationFilter,
) -> DomainResult<OrganisationFacets> {
    check_lists(filter)?;
    let sector_ids = filter_sector_ids(db, filter).await?;
    let without = |clear: fn(&mut OrganisationFilter)| {
        let mut others = filter.clone();
        clear(&mut others);
        condition_with_sectors(&others, &sector_ids)
    };
    let count = || Expr::col((organisation::Entity, organisation::Column::Id)).count_distinct();

    let kinds: Vec<(OrganisationKind, i64)> = organisation::Entity::find()
        .select_only()
        .column(organisation::Column::Kind)
        .column_as(count(), "count")
        .filter(without(|f| f.kinds.clear())?)
        .filter(organisation::Column::Kind.is_not_null())
        .group_by(organisation::Column::Kind)
        .into_tuple()
        .all(db)
        .await?;

    let voivodeships: Vec<(String, i64)> = organisation::Entity::find()
        .select_only()
        .column(organisation::Column::VoivodeshipTeryt)
        .column_as(count(), "count")
        .filter(without(|f| f.voivodeships.clear())?)
        .filter(organisation::Column::VoivodeshipTeryt.is_not_null())
        .group_by(organisation::Column::VoivodeshipTeryt)
        .into_tuple()
        .all(db)
        .await?;

    let sectors: Vec<(String, i64)> = organisation_sector::Entity::find()
        .select_only()
        .column(sector::Column::Code)
        .column_as(count(), "count")
        .join(
            JoinType::InnerJoin,
            organisation_sector::Entity::belongs_to(sector::Entity)
                .from(organisation_sector::Column::SectorId)
                .to(sector::Column::Id)
                .into(),
        )
        .join(
            JoinType::InnerJoin,
            organisation_sector::Entity::belongs_to(organisation::Entity)
                .from(organisation_sector::Column::OrganisationId)
                .to(organisation::Column::Id)
                .into(),
        )
        .filter(without(|f| f.sectors.clear())?)
        .group_by(sector::Column::Code)
        .into_tuple()
        .all(db)
        .await?;

    let clusters: Vec<(i32, i64)> = membership::Entity::find()
        .select_only()
        .column(membership::Column::ClusterId)
        .column_as(count(), "count")
        .join(
            JoinType::InnerJoin,
            membership::Entity::belongs_to(organisation::Entity)
                .from(membership::Column::OrganisationId)
                .to(organisation::Column::Id)
                .into(),
        )
        .filter(membership::Column::Status.eq(MembershipStatus::Active))
        .filter(without(|f| f.clusters.clear())?)
        .group_by(membership::Column::ClusterId)
        .into_tuple()
        .all(db)
        .await?;

    Ok(OrganisationFacets {
        kinds: most_first(kinds, |k| format!("{k:?}")),
        voivodeships: most_first(voivodeships, String::clone),
        sectors: most_first(sectors, String::clone),
        clusters: most_first(clusters, |id| *id),
    })
}
