//! Registry statistics as of a day: counts by voivodeship, organisation kind, label level, and
//! KKK status, and the organisations that were members of a cluster on the day.

use crate::DomainResult;
use crate::rules::status::{StatusBounds, StatusOnDate, holder_status};
use chrono::NaiveDate;
use klastry_entity::{
    EscaLevel, OrganisationKind, cluster, esca_label, kkk_certification, membership_period,
    organisation,
};
use sea_orm::sea_query::{Expr, Func};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect,
};
use std::collections::HashMap;

/// How many clusters are in each status on the day.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StatusCounts {
    /// Clusters with a status certainly held.
    pub active: u64,
    /// Clusters whose every status is certainly over.
    pub expired: u64,
    /// Clusters whose status the sources do not settle.
    pub unknown: u64,
    /// Clusters whose first award (as its source says) is certainly still to come.
    pub not_yet_valid: u64,
}

impl StatusCounts {
    fn add(&mut self, status: StatusOnDate) {
        match status {
            StatusOnDate::Active => self.active += 1,
            StatusOnDate::Expired => self.expired += 1,
            StatusOnDate::Unknown => self.unknown += 1,
            StatusOnDate::NotYetValid => self.not_yet_valid += 1,
        }
    }
}

/// The registry's statistics on one day.
#[derive(Debug, Clone, Default)]
pub struct Statistics {
    /// The day the statuses are computed for.
    pub as_of: NaiveDate,
    /// Clusters in the registry.
    pub cluster_count: u64,
    /// Organisations in the registry.
    pub organisation_count: u64,
    /// Organisations with a membership period that may include the day (in any cluster).
    pub member_organisation_count: u64,
    /// Clusters per voivodeship (TERYT code; `None` where the seat is not known).
    pub clusters_by_voivodeship: Vec<(Option<String>, u64)>,
    /// Organisations per kind (`None` where the kind is not known).
    pub organisations_by_kind: Vec<(Option<OrganisationKind>, u64)>,
    /// Clusters by KKK status.
    pub kkk: StatusCounts,
    /// Clusters by ESCA label status, per level.
    pub esca: Vec<(EscaLevel, StatusCounts)>,
}

/// A record's cluster and bounds.
type Bounds = (
    i32,
    Option<NaiveDate>,
    Option<NaiveDate>,
    Option<NaiveDate>,
    Option<NaiveDate>,
);

/// A KKK certification's bounds and its renewal (0 for a first award).
type KkkBounds = (
    i32,
    Option<NaiveDate>,
    Option<NaiveDate>,
    Option<NaiveDate>,
    Option<NaiveDate>,
    Option<i32>,
);

/// A label's level with the bounds of its cluster's status.
type LevelBounds = (
    EscaLevel,
    i32,
    Option<NaiveDate>,
    Option<NaiveDate>,
    Option<NaiveDate>,
    Option<NaiveDate>,
);

/// Clusters by status on `day`, from their records' bounds, each with whether its source says
/// it is the first award.
fn per_cluster(rows: Vec<(Bounds, bool)>, day: NaiveDate) -> StatusCounts {
    let mut by_cluster: HashMap<i32, Vec<(StatusOnDate, bool)>> = HashMap::new();
    for ((cluster_id, held_from, held_until, earliest_start, latest_end), first_award) in rows {
        let bounds = StatusBounds {
            held_from,
            held_until,
            earliest_start,
            latest_end,
        };
        by_cluster
            .entry(cluster_id)
            .or_default()
            .push((bounds.on(day), first_award));
    }
    let mut counts = StatusCounts::default();
    for statuses in by_cluster.into_values() {
        if let Some(status) = holder_status(statuses) {
            counts.add(status);
        }
    }
    counts
}

/// Computes the statistics for `day`.
pub async fn compute<C: ConnectionTrait>(db: &C, day: NaiveDate) -> DomainResult<Statistics> {
    let cluster_count = cluster::Entity::find().count(db).await?;
    let organisation_count = organisation::Entity::find().count(db).await?;
    // A period with an unknown start or a running end may include the day, as
    // `members(asOf:)` reads it.
    let member_organisation_count: Option<i64> = membership_period::Entity::find()
        .select_only()
        .expr(Func::count_distinct(Expr::col(
            membership_period::Column::OrganisationId,
        )))
        .filter(
            Condition::all()
                .add(
                    Condition::any()
                        .add(membership_period::Column::FirstDay.is_null())
                        .add(membership_period::Column::FirstDay.lte(day)),
                )
                .add(
                    Condition::any()
                        .add(membership_period::Column::LastDay.is_null())
                        .add(membership_period::Column::LastDay.gte(day)),
                ),
        )
        .into_tuple()
        .one(db)
        .await?;
    let mut clusters_by_voivodeship: Vec<(Option<String>, i64)> = cluster::Entity::find()
        .select_only()
        .column(cluster::Column::VoivodeshipTeryt)
        .column_as(cluster::Column::Id.count(), "count")
        .group_by(cluster::Column::VoivodeshipTeryt)
        .into_tuple()
        .all(db)
        .await?;
    clusters_by_voivodeship.sort();
    let mut organisations_by_kind: Vec<(Option<OrganisationKind>, i64)> =
        organisation::Entity::find()
            .select_only()
            .column(organisation::Column::Kind)
            .column_as(organisation::Column::Id.count(), "count")
            .group_by(organisation::Column::Kind)
            .into_tuple()
            .all(db)
            .await?;
    organisations_by_kind.sort_by_key(|(kind, _)| kind.map(|k| k as u8));

    let kkk_rows: Vec<KkkBounds> = kkk_certification::Entity::find()
        .select_only()
        .columns([
            kkk_certification::Column::ClusterId,
            kkk_certification::Column::HeldFrom,
            kkk_certification::Column::HeldUntil,
            kkk_certification::Column::EarliestStart,
            kkk_certification::Column::LatestEnd,
            kkk_certification::Column::Renewal,
        ])
        .into_tuple()
        .all(db)
        .await?;
    let esca_rows: Vec<LevelBounds> = esca_label::Entity::find()
        .select_only()
        .columns([
            esca_label::Column::Level,
            esca_label::Column::ClusterId,
            esca_label::Column::HeldFrom,
            esca_label::Column::HeldUntil,
            esca_label::Column::EarliestStart,
            esca_label::Column::LatestEnd,
        ])
        .into_tuple()
        .all(db)
        .await?;
    let esca = [EscaLevel::Bronze, EscaLevel::Silver, EscaLevel::Gold]
        .into_iter()
        .map(|level| {
            let rows = esca_rows
                .iter()
                .filter(|r| r.0 == level)
                // No ESCA source here says a label is a cluster's first.
                .map(|r| ((r.1, r.2, r.3, r.4, r.5), false))
                .collect();
            (level, per_cluster(rows, day))
        })
        .collect();

    Ok(Statistics {
        as_of: day,
        cluster_count,
        organisation_count,
        member_organisation_count: member_organisation_count.unwrap_or(0).max(0) as u64,
        clusters_by_voivodeship: clusters_by_voivodeship
            .into_iter()
            .map(|(v, n)| (v, n.max(0) as u64))
            .collect(),
        organisations_by_kind: organisations_by_kind
            .into_iter()
            .map(|(k, n)| (k, n.max(0) as u64))
            .collect(),
        kkk: per_cluster(
            kkk_rows
                .into_iter()
                .map(|(c, f, u, s, e, renewal)| ((c, f, u, s, e), renewal == Some(0)))
                .collect(),
            day,
        ),
        esca,
    })
}
