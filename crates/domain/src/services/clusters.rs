//! Finding clusters: by slug or id, and filtered, ordered, keyset-paginated lists.

use super::pagination::{
    Direction, Keyset, Ordering, Page, PageRequest, check_filter_list, fetch_page, text_key,
    timestamp_key,
};
use super::reference;
use crate::rules::text::{escape_like, fold};
use crate::{DomainError, DomainResult};
use chrono::NaiveDate;
use klastry_entity::{EscaLevel, cluster, cluster_sector, esca_label, kkk_certification};
use sea_orm::sea_query::{Expr, ExprTrait, LikeExpr, Query, SelectStatement};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};

/// Which clusters a list holds. Empty lists and `None` mean "no restriction".
#[derive(Debug, Clone, Default)]
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

/// The SQL condition a filter stands for. Unknown sector codes are refused, naming the code.
pub async fn condition<C: ConnectionTrait>(
    db: &C,
    filter: &ClusterFilter,
) -> DomainResult<Condition> {
    check_filter_list("filter.voivodeships", filter.voivodeships.len())?;
    check_filter_list("filter.sectors", filter.sectors.len())?;
    check_filter_list("filter.kkkRounds", filter.kkk_rounds.len())?;
    check_filter_list("filter.escaLevels", filter.esca_levels.len())?;
    let mut all = Condition::all();
    if !filter.voivodeships.is_empty() {
        all = all.add(cluster::Column::VoivodeshipTeryt.is_in(filter.voivodeships.clone()));
    }
    if !filter.sectors.is_empty() {
        let ids = reference::sector_ids(db, "filter.sectors", &filter.sectors).await?;
        all = all.add(cluster::Column::Id.in_subquery(cluster_ids_where(
            cluster_sector::Entity,
            cluster_sector::Column::ClusterId,
            Condition::all().add(cluster_sector::Column::SectorId.is_in(ids)),
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
    if let Some(text) = filter.text.as_deref() {
        let folded = fold(text);
        if !folded.is_empty() {
            all = all.add(
                Expr::col((cluster::Entity, cluster::Column::SearchText))
                    .like(LikeExpr::new(format!("%{}%", escape_like(&folded))).escape('\\')),
            );
        }
    }
    Ok(all)
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
    )
    .await
}

/// How many clusters match `filter`.
pub async fn count<C: ConnectionTrait>(db: &C, filter: &ClusterFilter) -> DomainResult<u64> {
    let condition = condition(db, filter).await?;
    Ok(cluster::Entity::find().filter(condition).count(db).await?)
}

/// The cluster with this slug.
pub async fn by_slug<C: ConnectionTrait>(db: &C, slug: &str) -> DomainResult<cluster::Model> {
    cluster::Entity::find()
        .filter(cluster::Column::Slug.eq(slug))
        .one(db)
        .await?
        .ok_or_else(|| DomainError::NotFound {
            entity: "cluster",
            key: format!("slug '{slug}'"),
        })
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
