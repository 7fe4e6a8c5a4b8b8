//! Finding clusters: by slug or id, filtered, ordered, keyset-paginated lists, and the facet
//! counts of a filter.

use super::reference;
use crate::db::contains_folded;
use crate::db::pagination::{
    Direction, Keyset, Ordering, Page, PagePlan, PageRequest, check_filter_list, fetch_page,
    text_key, timestamp_key,
};
use crate::db::rows::ColumnSet;
use crate::{DomainError, DomainResult};
use chrono::NaiveDate;
use klastry_entity::{
    EscaLevel, cluster, cluster_sector, esca_label, kkk_certification, organisation, sector,
};
use sea_orm::sea_query::{Expr, ExprTrait, Query, SelectStatement};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, JoinType, PaginatorTrait, QueryFilter,
    QuerySelect, RelationDef,
};

/// Which clusters a list holds. Empty lists and `None` mean "no restriction".
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct ClusterFilter {
    /// Seat in one of these voivodeships (TERYT codes).
    pub voivodeships: Vec<String>,
    /// In at least one of these sectors (sector codes).
    pub sectors: Vec<String>,
    /// Holds a KKK status certainly active on this day.
    pub kkk_active_on: Option<NaiveDate>,
    /// Was certified in one of these KKK rounds.
    pub kkk_rounds: Vec<i32>,
    /// Holds an ESCA label of one of these levels (on `esca_held_on` when given, else ever).
    pub esca_levels: Vec<EscaLevel>,
    /// Holds an ESCA label (of the levels above, if any) certainly active on this day.
    pub esca_held_on: Option<NaiveDate>,
    /// Names, aliases, acronym or city contain this text, ignoring case and diacritics.
    pub text: Option<String>,
}

/// How a cluster list is ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ClusterSort {
    /// By name, ignoring case and diacritics.
    #[default]
    Name,
    /// By when the cluster was added to the registry.
    CreatedAt,
}

fn ordering(sort: ClusterSort, direction: Direction) -> Ordering<cluster::Entity> {
    match sort {
        ClusterSort::Name => Ordering {
            column: cluster::Column::SortName,
            id: cluster::Column::Id,
            direction,
            parse_key: text_key,
            keyset_of: |c| Keyset {
                key: c.sort_name.clone(),
                id: c.id,
            },
        },
        ClusterSort::CreatedAt => Ordering {
            column: cluster::Column::CreatedAt,
            id: cluster::Column::Id,
            direction,
            parse_key: timestamp_key,
            keyset_of: |c| Keyset {
                key: c.created_at.to_rfc3339(),
                id: c.id,
            },
        },
    }
}

fn cluster_ids_where(
    table: impl sea_orm::Iden + 'static,
    column: impl sea_orm::Iden + 'static,
    condition: Condition,
) -> SelectStatement {
    Query::select()
        .column(column)
        .from(table)
        .cond_where(condition)
        .to_owned()
}

/// Refuses a filter with too many values in a list, naming the list.
fn check_lists(filter: &ClusterFilter) -> DomainResult<()> {
    check_filter_list("filter.voivodeships", filter.voivodeships.len())?;
    check_filter_list("filter.sectors", filter.sectors.len())?;
    check_filter_list("filter.kkkRounds", filter.kkk_rounds.len())?;
    check_filter_list("filter.escaLevels", filter.esca_levels.len())?;
    Ok(())
}

/// The ids of the filter's sectors (none when it names none); an unknown code is refused.
async fn filter_sector_ids<C: ConnectionTrait>(
    db: &C,
    filter: &ClusterFilter,
) -> DomainResult<Vec<i32>> {
    if filter.sectors.is_empty() {
        return Ok(Vec::new());
    }
    reference::sector_ids(db, "filter.sectors", &filter.sectors).await
}

/// The SQL condition a filter stands for. Unknown sector codes are refused, naming the code.
pub async fn condition<C: ConnectionTrait>(
    db: &C,
    filter: &ClusterFilter,
) -> DomainResult<Condition> {
    check_lists(filter)?;
    let sector_ids = filter_sector_ids(db, filter).await?;
    Ok(condition_with_sectors(filter, &sector_ids))
}

/// The SQL condition of a checked filter whose sector codes are already resolved to
/// `sector_ids`; the sector condition applies only when `filter.sectors` is not empty.
fn condition_with_sectors(filter: &ClusterFilter, sector_ids: &[i32]) -> Condition {
    let mut all = Condition::all();
    if !filter.voivodeships.is_empty() {
        all = all.add(cluster::Column::VoivodeshipTeryt.is_in(filter.voivodeships.clone()));
    }
    if !filter.sectors.is_empty() {
        all = all.add(cluster::Column::Id.in_subquery(cluster_ids_where(
            cluster_sector::Entity,
            cluster_sector::Column::ClusterId,
            Condition::all().add(cluster_sector::Column::SectorId.is_in(sector_ids.to_vec())),
        )));
    }
    // Each KKK condition stands on its own: "certified in round I" and "active on a day" may
    // be met by different certifications of the same cluster.
    if let Some(day) = filter.kkk_active_on {
        all = all.add(
            cluster::Column::Id.in_subquery(cluster_ids_where(
                kkk_certification::Entity,
                kkk_certification::Column::ClusterId,
                Condition::all()
                    .add(kkk_certification::Column::HeldFrom.lte(day))
                    .add(kkk_certification::Column::HeldUntil.gte(day)),
            )),
        );
    }
    if !filter.kkk_rounds.is_empty() {
        all = all.add(
            cluster::Column::Id.in_subquery(cluster_ids_where(
                kkk_certification::Entity,
                kkk_certification::Column::ClusterId,
                Condition::all()
                    .add(kkk_certification::Column::RoundNumber.is_in(filter.kkk_rounds.clone())),
            )),
        );
    }
    if filter.esca_held_on.is_some() || !filter.esca_levels.is_empty() {
        let mut esca = Condition::all();
        if let Some(day) = filter.esca_held_on {
            esca = esca
                .add(esca_label::Column::HeldFrom.lte(day))
                .add(esca_label::Column::HeldUntil.gte(day));
        }
        if !filter.esca_levels.is_empty() {
            esca = esca.add(esca_label::Column::Level.is_in(filter.esca_levels.clone()));
        }
        all = all.add(cluster::Column::Id.in_subquery(cluster_ids_where(
            esca_label::Entity,
            esca_label::Column::ClusterId,
            esca,
        )));
    }
    if let Some(search) = contains_folded(
        (cluster::Entity, cluster::Column::SearchText),
        filter.text.as_deref(),
    ) {
        all = all.add(search);
    }
    all
}

/// One page of the clusters matching `filter`.
pub async fn list<C: ConnectionTrait>(
    db: &C,
    filter: &ClusterFilter,
    sort: ClusterSort,
    direction: Direction,
    page: &PageRequest,
) -> DomainResult<Page<cluster::Model>> {
    let condition = condition(db, filter).await?;
    fetch_page(
        db,
        cluster::Entity::find().filter(condition),
        &ordering(sort, direction),
        page,
        PagePlan::Direct,
        ColumnSet::ALL,
    )
    .await
}

/// How many clusters match `filter`.
pub async fn count<C: ConnectionTrait>(db: &C, filter: &ClusterFilter) -> DomainResult<u64> {
    let condition = condition(db, filter).await?;
    Ok(cluster::Entity::find().filter(condition).count(db).await?)
}

/// How many clusters each option of the directory's filter would hold (faceted counts).
///
/// Each dimension is counted over the clusters matching every condition of the filter except
/// that dimension's own, so choosing one voivodeship still shows how many clusters the other
/// voivodeships hold, while the other dimensions narrow to the chosen one. Counts are of
/// distinct clusters; options no cluster would match are left out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClusterFacets {
    /// Clusters per voivodeship of the seat (TERYT code), most first, then by code. Clusters
    /// whose seat is not known are in no voivodeship.
    pub voivodeships: Vec<(String, u64)>,
    /// Clusters per sector (sector code), most first, then by code.
    pub sectors: Vec<(String, u64)>,
    /// Clusters certified in each KKK round (round number), by round.
    pub kkk_rounds: Vec<(i32, u64)>,
    /// Clusters holding a KKK status certainly active on the day asked for.
    pub kkk_active: u64,
    /// Clusters holding an ESCA label of each level (one certainly held on the filter's
    /// `esca_held_on`, when it gives one), from bronze to gold.
    pub esca_levels: Vec<(EscaLevel, u64)>,
}

/// Joins the cluster a row of `E` belongs to through its `cluster_id` column.
fn with_cluster<E: EntityTrait>(cluster_id: E::Column) -> RelationDef {
    E::belongs_to(cluster::Entity)
        .from(cluster_id)
        .to(cluster::Column::Id)
        .into()
}

/// Counts as unsigned numbers, leaving out options that count nothing.
fn counted<K>(rows: Vec<(K, i64)>) -> Vec<(K, u64)> {
    rows.into_iter()
        .filter_map(|(key, n)| u64::try_from(n).ok().filter(|n| *n > 0).map(|n| (key, n)))
        .collect()
}

/// Orders options by count, most first, then by code.
fn most_first(mut rows: Vec<(String, u64)>) -> Vec<(String, u64)> {
    rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    rows
}

/// The facet counts of `filter`: per voivodeship, sector, KKK round and ESCA level, each
/// without that dimension's own condition, and the clusters whose KKK status is certainly
/// active on `kkk_active_day` (in place of the filter's `kkk_active_on`).
///
/// Costs one statement per dimension, plus one resolving the filter's sector codes when it
/// names any; unknown sector codes are refused, naming the code, as by [`condition`].
pub async fn facets<C: ConnectionTrait>(
    db: &C,
    filter: &ClusterFilter,
    kkk_active_day: NaiveDate,
) -> DomainResult<ClusterFacets> {
    check_lists(filter)?;
    let sector_ids = filter_sector_ids(db, filter).await?;
    // The filter's condition with one dimension's own condition taken out.
    let without = |clear: fn(&mut ClusterFilter)| {
        let mut others = filter.clone();
        clear(&mut others);
        condition_with_sectors(&others, &sector_ids)
    };

    let voivodeships: Vec<(String, i64)> = cluster::Entity::find()
        .select_only()
        .column(cluster::Column::VoivodeshipTeryt)
        .column_as(cluster::Column::Id.count(), "count")
        .filter(without(|f| f.voivodeships.clear()))
        .filter(cluster::Column::VoivodeshipTeryt.is_not_null())
        .group_by(cluster::Column::VoivodeshipTeryt)
        .into_tuple()
        .all(db)
        .await?;

    let sectors: Vec<(String, i64)> = cluster_sector::Entity::find()
        .select_only()
        .column(sector::Column::Code)
        .column_as(
            Expr::col((cluster_sector::Entity, cluster_sector::Column::ClusterId)).count_distinct(),
            "count",
        )
        .join(
            JoinType::InnerJoin,
            cluster_sector::Entity::belongs_to(sector::Entity)
                .from(cluster_sector::Column::SectorId)
                .to(sector::Column::Id)
                .into(),
        )
        .join(
            JoinType::InnerJoin,
            with_cluster::<cluster_sector::Entity>(cluster_sector::Column::ClusterId),
        )
        .filter(without(|f| f.sectors.clear()))
        .group_by(sector::Column::Code)
        .into_tuple()
        .all(db)
        .await?;

    let mut kkk_rounds: Vec<(i32, i64)> = kkk_certification::Entity::find()
        .select_only()
        .column(kkk_certification::Column::RoundNumber)
        .column_as(
            Expr::col((
                kkk_certification::Entity,
                kkk_certification::Column::ClusterId,
            ))
            .count_distinct(),
            "count",
        )
        .join(
            JoinType::InnerJoin,
            with_cluster::<kkk_certification::Entity>(kkk_certification::Column::ClusterId),
        )
        .filter(without(|f| f.kkk_rounds.clear()))
        .filter(kkk_certification::Column::RoundNumber.is_not_null())
        .group_by(kkk_certification::Column::RoundNumber)
        .into_tuple()
        .all(db)
        .await?;
    kkk_rounds.sort_by_key(|(round, _)| *round);

    let mut active = filter.clone();
    active.kkk_active_on = Some(kkk_active_day);
    let kkk_active = cluster::Entity::find()
        .filter(condition_with_sectors(&active, &sector_ids))
        .count(db)
        .await?;

    let mut labels = esca_label::Entity::find()
        .select_only()
        .column(esca_label::Column::Level)
        .column_as(
            Expr::col((esca_label::Entity, esca_label::Column::ClusterId)).count_distinct(),
            "count",
        )
        .join(
            JoinType::InnerJoin,
            with_cluster::<esca_label::Entity>(esca_label::Column::ClusterId),
        )
        .filter(without(|f| f.esca_levels.clear()));
    if let Some(day) = filter.esca_held_on {
        // The label counted must itself be held on the day, not just some label of the cluster.
        labels = labels
            .filter(esca_label::Column::HeldFrom.lte(day))
            .filter(esca_label::Column::HeldUntil.gte(day));
    }
    let mut esca_levels: Vec<(EscaLevel, i64)> = labels
        .group_by(esca_label::Column::Level)
        .into_tuple()
        .all(db)
        .await?;
    esca_levels.sort_by_key(|(level, _)| *level as u8);

    Ok(ClusterFacets {
        voivodeships: most_first(counted(voivodeships)),
        sectors: most_first(counted(sectors)),
        kkk_rounds: counted(kkk_rounds),
        kkk_active,
        esca_levels: counted(esca_levels),
    })
}

/// The cluster with this slug.
pub async fn by_slug<C: ConnectionTrait>(db: &C, slug: &str) -> DomainResult<cluster::Model> {
    cluster::Entity::find()
        .filter(cluster::Column::Slug.eq(slug))
        .one(db)
        .await?
        .ok_or_else(|| no_cluster_with_slug(slug))
}

/// The cluster with this slug and its coordinating organisation, in one statement.
pub async fn by_slug_with_coordinator<C: ConnectionTrait>(
    db: &C,
    slug: &str,
) -> DomainResult<(cluster::Model, Option<organisation::Model>)> {
    with_coordinator(db, cluster::Column::Slug, slug)
        .await?
        .ok_or_else(|| no_cluster_with_slug(slug))
}

fn no_cluster_with_slug(slug: &str) -> DomainError {
    DomainError::NotFound {
        entity: "cluster",
        key: format!("slug '{slug}'"),
    }
}

/// The cluster whose `column` holds `value`, with its coordinating organisation (None where it
/// names none) read in the same statement: a profile asks for both at once.
pub async fn with_coordinator<C: ConnectionTrait>(
    db: &C,
    column: cluster::Column,
    value: impl Into<sea_orm::Value>,
) -> DomainResult<Option<(cluster::Model, Option<organisation::Model>)>> {
    use crate::db::rows::{Check, Columns, is_null};
    use sea_orm::Iterable;
    let mut select = Query::select();
    for c in cluster::Column::iter() {
        select.column((cluster::Entity, c));
    }
    for c in organisation::Column::iter() {
        select.column((organisation::Entity, c));
    }
    select
        .from(cluster::Entity)
        .left_join(
            organisation::Entity,
            Expr::col((organisation::Entity, organisation::Column::Id))
                .equals((cluster::Entity, cluster::Column::CoordinatorId)),
        )
        .and_where(Expr::col((cluster::Entity, column)).eq(value.into()))
        .limit(1);
    let Some(row) = db.query_one(&select).await? else {
        return Ok(None);
    };
    let clusters = Columns::<cluster::Entity>::at(0);
    let organisations = Columns::<organisation::Entity>::at(clusters.end());
    let cluster = clusters.decode(&row, Check::Types)?;
    let coordinator = if is_null(&row, organisations.position_of(organisation::Column::Id)) {
        None
    } else {
        Some(organisations.decode(&row, Check::Types)?)
    };
    Ok(Some((cluster, coordinator)))
}

/// A cluster's applications waiting for a decision, oldest first.
pub async fn pending_applications<C: ConnectionTrait>(
    db: &C,
    cluster_id: i32,
) -> DomainResult<Vec<klastry_entity::membership::Model>> {
    use klastry_entity::{MembershipStatus, membership};
    use sea_orm::QueryOrder;
    Ok(membership::Entity::find()
        .filter(membership::Column::ClusterId.eq(cluster_id))
        .filter(membership::Column::Status.eq(MembershipStatus::Pending))
        .order_by_asc(membership::Column::CreatedAt)
        .order_by_asc(membership::Column::Id)
        .all(db)
        .await?)
}

/// The clusters in whose governance the person `person_id` has a role.
pub async fn clusters_of_person<C: ConnectionTrait>(
    db: &C,
    person_id: i32,
) -> DomainResult<Vec<i32>> {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};
    Ok(klastry_entity::cluster_role::Entity::find()
        .select_only()
        .column(klastry_entity::cluster_role::Column::ClusterId)
        .filter(klastry_entity::cluster_role::Column::PersonId.eq(person_id))
        .into_tuple::<i32>()
        .all(db)
        .await?)
}
