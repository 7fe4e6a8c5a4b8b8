//! The registry-wide calendar: every cluster's events, upcoming or past, filtered by day,
//! voivodeship, sector and cluster (the domain's `reads::calendar`). The same events as an
//! iCalendar feed are served by the server at `/calendar.ics` and `/clusters/<slug>/calendar.ics`.

use crate::context::db;
use crate::error::{ApiError, OrApi};
use crate::ids::{Cursor, NodeKind, parse_ids_of};
use crate::paging::{filter_totals, keyset_connection, page_request};
use crate::scalars::Date;
use crate::types::enums::VoivodeshipCode;
use crate::types::facts::Event;
use async_graphql::connection::Connection;
use async_graphql::{Context, Enum, ID, InputObject, Object, Result};
use klastry_domain::db::pagination::Direction;
use klastry_domain::reads::calendar;

/// Which events the calendar holds; every given condition must hold. Events without a start
/// date are never in it.
#[derive(InputObject, Default)]
pub struct CalendarFilter {
    /// Not over before this day (an upcoming calendar gives today): the last day the event may
    /// end, as precisely as its dates are known, is on or after it.
    pub from: Option<Date>,
    /// Started by this day (an archive gives yesterday): the first day the event may start is on
    /// or before it.
    pub until: Option<Date>,
    /// Held by one of these clusters (global IDs), at most 100.
    pub clusters: Option<Vec<ID>>,
    /// Held by a cluster seated in one of these voivodeships.
    pub voivodeships: Option<Vec<VoivodeshipCode>>,
    /// Held by a cluster in at least one of these sectors (codes from the `sectors` query).
    pub sectors: Option<Vec<String>>,
}

impl CalendarFilter {
    fn into_domain(self) -> Result<calendar::EventFilter, ApiError> {
        Ok(calendar::EventFilter {
            from: self.from.map(|d| d.0),
            until: self.until.map(|d| d.0),
            clusters: parse_ids_of("filter.clusters", NodeKind::Cluster, self.clusters)?,
            voivodeships: VoivodeshipCode::teryts(self.voivodeships.unwrap_or_default()),
            sectors: self.sectors.unwrap_or_default(),
        })
    }
}

/// The order of the calendar.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Default)]
pub enum CalendarOrder {
    /// By the first day each event may start, soonest first: what is coming.
    #[default]
    SoonestFirst,
    /// By the first day each event may start, latest first: what has been.
    LatestFirst,
}

filter_totals! {
    /// Totals of the calendar.
    pub struct CalendarTotals(calendar::EventFilter) => calendar::count;
    /// How many events match, on all pages.
    total_count;
}

/// The registry-wide calendar of events.
#[derive(Default)]
pub struct CalendarQuery;

/// The registry-wide calendar of events.
#[Object]
impl CalendarQuery {
    /// Every cluster's events matching a filter, in date order, in pages of at most 100. An
    /// event dated only by a year or a month is placed on the first day it may start, and
    /// counts as upcoming until the last day it may end.
    #[graphql(
        complexity = "first.or(last).unwrap_or(20).clamp(0, 100) as usize * child_complexity + 1"
    )]
    #[allow(clippy::too_many_arguments)]
    async fn events(
        &self,
        ctx: &Context<'_>,
        filter: Option<CalendarFilter>,
        #[graphql(desc = "SOONEST_FIRST when not given.")] order: Option<CalendarOrder>,
        #[graphql(desc = "Page size from the start or after `after`, 0 to 100 (default 20).")]
        first: Option<i32>,
        #[graphql(desc = "Cursor of the event to continue after.")] after: Option<String>,
        #[graphql(desc = "Page size before `before`, 0 to 100.")] last: Option<i32>,
        #[graphql(desc = "Cursor of the event to continue before.")] before: Option<String>,
    ) -> Result<Connection<Cursor, Event, CalendarTotals>> {
        let filter = filter.unwrap_or_default().into_domain().or_api()?;
        let request = page_request(first, after, last, before).or_api()?;
        let direction = match order.unwrap_or_default() {
            CalendarOrder::SoonestFirst => Direction::Asc,
            CalendarOrder::LatestFirst => Direction::Desc,
        };
        let page = calendar::list(db(ctx), &filter, direction, &request)
            .await
            .or_api()?;
        Ok(keyset_connection(page, CalendarTotals { filter }, Event))
    }
}
