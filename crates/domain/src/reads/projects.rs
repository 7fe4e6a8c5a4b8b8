//! The registry-wide list of projects: every cluster's projects by name, filtered by funding
//! programme, cluster and voivodeship, keyset-paginated; and how many projects each programme
//! funds, for the list's facet.
//!
//! A programme is the text the cluster or its source gave (`COSME`, `Horyzont 2020`...): the
//! registry keeps no list of programmes, so the facet offers exactly the texts recorded.

use super::most_first;
use crate::DomainResult;
use crate::db::pagination::{
    Direction, Keyset, Ordering, Page, PagePlan, PageRequest, check_filter_list, fetch_page,
    text_key,
};
use crate::db::rows::ColumnSet;
use klastry_entity::{cluster, project};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

/// The most programmes the facet lists; a registry with more names them in the list's filter.
pub const PROGRAMME_LIMIT: u64 = 100;

/// Which projects a list holds. Empty lists mean "no restriction".
#[derive(Debug, Clone, Default)]
pub struct ProjectFilter {
    /// Funded by one of these programmes, named exactly as recorded.
    pub programmes: Vec<String>,
    /// Run by one of these clusters (ids).
    pub clusters: Vec<i32>,
    /// Run by a cluster seated in one of these voivodeships (TERYT codes).
    pub voivodeships: Vec<String>,
}

fn condition(filter: &ProjectFilter) -> DomainResult<Condition> {
    check_filter_list("filter.programmes", filter.programmes.len())?;
    check_filter_list("filter.clusters", filter.clusters.len())?;
    check_filter_list("filter.voivodeships", filter.voivodeships.len())?;
    let mut all = Condition::all();
    if !filter.programmes.is_empty() {
        all = all.add(project::Column::Programme.is_in(filter.programmes.clone()));
    }
    if !filter.clusters.is_empty() {
        all = all.add(project::Column::ClusterId.is_in(filter.clusters.clone()));
    }
    if !filter.voivodeships.is_empty() {
        all = all.add(
            project::Column::ClusterId.in_subquery(
                Query::select()
                    .column(cluster::Column::Id)
                    .from(cluster::Entity)
                    .and_where(cluster::Column::VoivodeshipTeryt.is_in(filter.voivodeships.clone()))
                    .to_owned(),
            ),
        );
    }
    Ok(all)
}

fn ordering() -> Ordering<project::Entity> {
    Ordering {
        column: project::Column::Name,
        id: project::Column::Id,
        direction: Direction::Asc,
        parse_key: text_key,
        keyset_of: |p| Keyset {
            key: p.name.clone(),
            id: p.id,
        },
    }
}

/// One page of the projects matching `filter`, by name.
pub async fn list<C: ConnectionTrait>(
    db: &C,
    filter: &ProjectFilter,
    page: &PageRequest,
) -> DomainResult<Page<project::Model>> {
    fetch_page(
        db,
        project::Entity::find().filter(condition(filter)?),
        &ordering(),
        page,
        PagePlan::Direct,
        ColumnSet::ALL,
    )
    .await
}

/// How many projects match `filter`.
pub async fn count<C: ConnectionTrait>(db: &C, filter: &ProjectFilter) -> DomainResult<u64> {
    Ok(project::Entity::find()
        .filter(condition(filter)?)
        .count(db)
        .await?)
}

/// How many of the projects matching `filter` (its programmes aside, so a reader sees every
/// choice) each programme funds: most first, then by name, at most [`PROGRAMME_LIMIT`]. Projects
/// with no programme recorded count in none. One statement.
pub async fn programmes<C: ConnectionTrait>(
    db: &C,
    filter: &ProjectFilter,
) -> DomainResult<Vec<(String, u64)>> {
    let others = ProjectFilter {
        programmes: Vec::new(),
        ..filter.clone()
    };
    check_filter_list("filter.programmes", filter.programmes.len())?;
    let count = Expr::col((project::Entity, project::Column::Id)).count();
    let rows: Vec<(String, i64)> = project::Entity::find()
        .select_only()
        .column(project::Column::Programme)
        .column_as(count.clone(), "count")
        .filter(condition(&others)?)
        .filter(project::Column::Programme.is_not_null())
        .group_by(project::Column::Programme)
        .order_by_desc(count)
        .order_by_asc(project::Column::Programme)
        .limit(PROGRAMME_LIMIT)
        .into_tuple()
        .all(db)
        .await?;
    Ok(most_first(rows, String::clone))
}
