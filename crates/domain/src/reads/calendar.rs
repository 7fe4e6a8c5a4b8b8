//! The registry-wide calendar: every cluster's events, upcoming or past, by voivodeship, sector
//! and cluster, in date order and keyset-paginated; and a cluster's or the registry's events
//! for an iCalendar feed.
//!
//! Events are dated by partial dates; `event.first_day` and `event.last_day` (derived on every
//! write by `rules::partial_date::span`) hold the days they may span, so SQL filters and orders
//! them through their indexes. An event without a start is not in the calendar: nobody can put
//! it on a day.

use crate::DomainResult;
use crate::db::pagination::{
    Direction, Keyset, Ordering, Page, PagePlan, PageRequest, check_filter_list, fetch_page,
};
use crate::db::rows::ColumnSet;
use crate::reads::reference;
use chrono::NaiveDate;
use klastry_entity::{cluster, cluster_sector, event};
use sea_orm::sea_query::{Query, Value};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

/// Which events a calendar holds. Empty lists and `None` mean "no restriction".
#[derive(Debug, Clone, Default)]
pub struct EventFilter {
    /// Not over before this day: the last day the event may end is on or after it.
    pub from: Option<NaiveDate>,
    /// Started by this day: the first day the event may start is on or before it.
    pub until: Option<NaiveDate>,
    /// Held by one of these clusters (ids).
    pub clusters: Vec<i32>,
    /// Held by a cluster seated in one of these voivodeships (TERYT codes).
    pub voivodeships: Vec<String>,
    /// Held by a cluster in at least one of these sectors (sector codes).
    pub sectors: Vec<String>,
}

async fn condition<C: ConnectionTrait>(db: &C, filter: &EventFilter) -> DomainResult<Condition> {
    check_filter_list("filter.clusters", filter.clusters.len())?;
    check_filter_list("filter.voivodeships", filter.voivodeships.len())?;
    check_filter_list("filter.sectors", filter.sectors.len())?;
    let mut all = Condition::all().add(event::Column::FirstDay.is_not_null());
    if let Some(from) = filter.from {
        all = all.add(event::Column::LastDay.gte(from));
    }
    if let Some(until) = filter.until {
        all = all.add(event::Column::FirstDay.lte(until));
    }
    if !filter.clusters.is_empty() {
        all = all.add(event::Column::ClusterId.is_in(filter.clusters.clone()));
    }
    if !filter.voivodeships.is_empty() {
        all = all.add(
            event::Column::ClusterId.in_subquery(
                Query::select()
                    .column(cluster::Column::Id)
                    .from(cluster::Entity)
                    .and_where(cluster::Column::VoivodeshipTeryt.is_in(filter.voivodeships.clone()))
                    .to_owned(),
            ),
        );
    }
    if !filter.sectors.is_empty() {
        let ids = reference::sector_ids(db, "filter.sectors", &filter.sectors).await?;
        all = all.add(
            event::Column::ClusterId.in_subquery(
                Query::select()
                    .column(cluster_sector::Column::ClusterId)
                    .from(cluster_sector::Entity)
                    .and_where(cluster_sector::Column::SectorId.is_in(ids))
                    .to_owned(),
            ),
        );
    }
    Ok(all)
}

/// Parses a calendar cursor's key, the event's first day.
fn day_key(key: &str) -> Option<Value> {
    key.parse::<NaiveDate>().ok().map(Value::from)
}

fn ordering(direction: Direction) -> Ordering<event::Entity> {
    Ordering {
        column: event::Column::FirstDay,
        id: event::Column::Id,
        direction,
        parse_key: day_key,
        keyset_of: |e| Keyset {
            key: e.first_day.map(|d| d.to_string()).unwrap_or_default(),
            id: e.id,
        },
    }
}

/// One page of the events matching `filter`: soonest first (`Asc`, an upcoming calendar) or
/// latest first (`Desc`, an archive).
pub async fn list<C: ConnectionTrait>(
    db: &C,
    filter: &EventFilter,
    direction: Direction,
    page: &PageRequest,
) -> DomainResult<Page<event::Model>> {
    let condition = condition(db, filter).await?;
    fetch_page(
        db,
        event::Entity::find().filter(condition),
        &ordering(direction),
        page,
        PagePlan::Direct,
        ColumnSet::ALL,
    )
    .await
}

/// How many events match `filter`.
pub async fn count<C: ConnectionTrait>(db: &C, filter: &EventFilter) -> DomainResult<u64> {
    let condition = condition(db, filter).await?;
    Ok(event::Entity::find().filter(condition).count(db).await?)
}

/// The most events one iCalendar feed carries; a calendar application polls the feed, so it
/// holds what is near rather than everything ever recorded.
pub const FEED_LIMIT: u64 = 500;

/// The events of a feed: those not over before `from` (the registry's, or one cluster's), soonest
/// first, at most [`FEED_LIMIT`].
pub async fn feed<C: ConnectionTrait>(
    db: &C,
    cluster_id: Option<i32>,
    from: NaiveDate,
) -> DomainResult<Vec<event::Model>> {
    let mut select = event::Entity::find()
        .filter(event::Column::FirstDay.is_not_null())
        .filter(event::Column::LastDay.gte(from));
    if let Some(cluster_id) = cluster_id {
        select = select.filter(event::Column::ClusterId.eq(cluster_id));
    }
    Ok(select
        .order_by_asc(event::Column::FirstDay)
        .order_by_asc(event::Column::Id)
        .limit(FEED_LIMIT)
        .all(db)
        .await?)
}
