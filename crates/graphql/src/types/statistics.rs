//! Registry statistics.

use super::enums::{EscaLevel, OrganisationKind};
use super::reference::Voivodeship;
use crate::scalars::Date;
use async_graphql::SimpleObject;
use klastry_domain::reads::statistics::{
    Statistics as DomainStatistics, StatusCounts as DomainCounts,
};

/// How many clusters are in each status on the day.
#[derive(SimpleObject)]
pub struct StatusCounts {
    /// Clusters whose status is certainly held.
    pub active: u64,
    /// Clusters whose every status is certainly over.
    pub expired: u64,
    /// Clusters whose status the sources leave open.
    pub unknown: u64,
    /// Clusters whose first award (renewal 0 in its source) is certainly still to come; a
    /// cluster known only from a renewal, or from a record that does not say, counts as unknown
    /// before it.
    pub not_yet_valid: u64,
}

impl From<DomainCounts> for StatusCounts {
    fn from(c: DomainCounts) -> Self {
        Self {
            active: c.active,
            expired: c.expired,
            unknown: c.unknown,
            not_yet_valid: c.not_yet_valid,
        }
    }
}

/// Clusters in one voivodeship.
#[derive(SimpleObject)]
pub struct VoivodeshipCount {
    /// The voivodeship; null counts clusters whose seat is not known.
    pub voivodeship: Option<Voivodeship>,
    /// Number of clusters counted here.
    pub count: u64,
}

/// Organisations of one kind.
#[derive(SimpleObject)]
pub struct KindCount {
    /// The kind; null counts organisations whose kind is not known.
    pub kind: Option<OrganisationKind>,
    /// Number of organisations.
    pub count: u64,
}

/// Clusters by ESCA label status, for one level.
#[derive(SimpleObject)]
pub struct EscaLevelCount {
    /// The ESCA level counted.
    pub level: EscaLevel,
    /// Clusters by status of their label of that level.
    pub clusters: StatusCounts,
}

/// The registry's statistics on one day.
#[derive(SimpleObject)]
pub struct Statistics {
    /// The day statuses are computed for.
    pub as_of: Date,
    /// Clusters in the registry.
    pub cluster_count: u64,
    /// Organisations in the registry, members or not.
    pub organisation_count: u64,
    /// Organisations that were members of at least one cluster on `asOf`: those with a
    /// membership period that may include the day (one whose start or end no source gives is
    /// counted), as `Cluster.members(asOf:)` lists them.
    pub member_organisation_count: u64,
    /// Clusters per voivodeship.
    pub clusters_by_voivodeship: Vec<VoivodeshipCount>,
    /// Organisations per kind.
    pub organisations_by_kind: Vec<KindCount>,
    /// Clusters by KKK status.
    pub kkk: StatusCounts,
    /// Clusters by ESCA label status, per level.
    pub esca: Vec<EscaLevelCount>,
}

impl From<DomainStatistics> for Statistics {
    fn from(s: DomainStatistics) -> Self {
        Self {
            as_of: Date(s.as_of),
            cluster_count: s.cluster_count,
            organisation_count: s.organisation_count,
            member_organisation_count: s.member_organisation_count,
            clusters_by_voivodeship: s
                .clusters_by_voivodeship
                .into_iter()
                .map(|(teryt, count)| VoivodeshipCount {
                    voivodeship: teryt.as_deref().and_then(Voivodeship::from_teryt),
                    count,
                })
                .collect(),
            organisations_by_kind: s
                .organisations_by_kind
                .into_iter()
                .map(|(kind, count)| KindCount {
                    kind: kind.map(Into::into),
                    count,
                })
                .collect(),
            kkk: s.kkk.into(),
            esca: s
                .esca
                .into_iter()
                .map(|(level, counts)| EscaLevelCount {
                    level: level.into(),
                    clusters: counts.into(),
                })
                .collect(),
        }
    }
}
