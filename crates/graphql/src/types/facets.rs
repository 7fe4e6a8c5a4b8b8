//! Facet counts of the cluster and organisation directories: how many clusters or
//! organisations each filter option would hold.

use super::cluster::Cluster;
use super::enums::{EscaLevel, OrganisationKind};
use super::reference::{Sector, Voivodeship};
use crate::error::OrApi;
use async_graphql::{Context, Object, Result, SimpleObject};
use klastry_domain::reads::clusters::ClusterFacets as DomainFacets;
use klastry_domain::reads::organisations::OrganisationFacets as OrganisationCounts;

/// Clusters or organisations in one voivodeship.
#[derive(SimpleObject)]
pub struct VoivodeshipFacet {
    /// The voivodeship of the seat.
    pub voivodeship: Voivodeship,
    /// Number of clusters or organisations counted here.
    pub count: u64,
}

/// Clusters or organisations in one sector.
#[derive(SimpleObject)]
pub struct SectorFacet {
    /// The sector counted.
    pub sector: Sector,
    /// Number of clusters or organisations counted here.
    pub count: u64,
}

/// The voivodeship counts as the schema's facets; unknown codes are left out.
fn voivodeship_facets(counts: &[(String, u64)]) -> Vec<VoivodeshipFacet> {
    counts
        .iter()
        .filter_map(|(teryt, count)| {
            Voivodeship::from_teryt(teryt).map(|voivodeship| VoivodeshipFacet {
                voivodeship,
                count: *count,
            })
        })
        .collect()
}

/// The sector counts as the schema's facets, in their order, naming them from the sectors kept
/// with the figures.
async fn sector_facets(ctx: &Context<'_>, counts: &[(String, u64)]) -> Result<Vec<SectorFacet>> {
    if counts.is_empty() {
        return Ok(Vec::new());
    }
    let (figures, revision) = crate::context::figures(ctx).await?;
    let all = figures
        .sectors(crate::context::db(ctx), revision)
        .await
        .or_api()?;
    Ok(counts
        .iter()
        .filter_map(|(code, count)| {
            let sector = all.iter().find(|s| &s.code == code)?;
            Some(SectorFacet {
                sector: Sector(sector.clone()),
                count: *count,
            })
        })
        .collect())
}

/// Clusters certified in one KKK round.
#[derive(SimpleObject)]
pub struct KkkRoundFacet {
    /// The round's number (1 for round I).
    pub round: i32,
    /// Number of clusters counted here.
    pub count: u64,
}

/// Clusters holding an ESCA label of one level.
#[derive(SimpleObject)]
pub struct EscaLevelFacet {
    /// The ESCA level counted.
    pub level: EscaLevel,
    /// Number of clusters counted here.
    pub count: u64,
}

/// How many clusters each option of a cluster filter would hold. Each dimension is counted
/// with every condition of the filter except its own, so the options of a dimension stay
/// visible once one is chosen. Options that would hold no cluster are left out.
pub struct ClusterFacets(pub DomainFacets);

/// How many clusters each option of a cluster filter would hold. Each dimension is counted
/// with every condition of the filter except its own, so the options of a dimension stay
/// visible once one is chosen. Options that would hold no cluster are left out.
#[Object]
impl ClusterFacets {
    /// Clusters per voivodeship of the seat, most first (clusters whose seat is not known are
    /// in none), ignoring the filter's `voivodeships`.
    async fn voivodeships(&self) -> Vec<VoivodeshipFacet> {
        voivodeship_facets(&self.0.voivodeships)
    }

    /// Clusters per sector, most first, ignoring the filter's `sectors`.
    async fn sectors(&self, ctx: &Context<'_>) -> Result<Vec<SectorFacet>> {
        sector_facets(ctx, &self.0.sectors).await
    }

    /// Clusters certified in each KKK round, by round, ignoring the filter's `kkkRounds`.
    async fn kkk_rounds(&self) -> Vec<KkkRoundFacet> {
        self.0
            .kkk_rounds
            .iter()
            .map(|(round, count)| KkkRoundFacet {
                round: *round,
                count: *count,
            })
            .collect()
    }

    /// Clusters whose KKK status is certainly active on `kkkActiveOn`, counted in place of the
    /// filter's own `kkkActiveOn`.
    async fn kkk_active(&self) -> u64 {
        self.0.kkk_active
    }

    /// Clusters holding an ESCA label of each level (one certainly valid on the filter's
    /// `escaHeldOn`, if given), from bronze to gold, ignoring the filter's `escaLevels`.
    async fn esca_levels(&self) -> Vec<EscaLevelFacet> {
        self.0
            .esca_levels
            .iter()
            .map(|(level, count)| EscaLevelFacet {
                level: (*level).into(),
                count: *count,
            })
            .collect()
    }
}

/// Organisations of one kind.
#[derive(SimpleObject)]
pub struct OrganisationKindFacet {
    /// The kind counted.
    pub kind: OrganisationKind,
    /// Number of organisations counted here.
    pub count: u64,
}

/// Current members of one cluster.
pub struct ClusterFacet {
    cluster_id: i32,
    count: u64,
}

/// Current members of one cluster.
#[Object]
impl ClusterFacet {
    /// The cluster counted.
    async fn cluster(&self, ctx: &Context<'_>) -> Result<Option<Cluster>> {
        super::cluster_by_id(ctx, self.cluster_id).await
    }
    /// Number of its current members the filter would hold.
    async fn count(&self) -> u64 {
        self.count
    }
}

/// How many organisations each option of an organisation filter would hold. Each dimension is
/// counted with every condition of the filter except its own, so the options of a dimension
/// stay visible once one is chosen. Options that would hold no organisation are left out.
pub struct OrganisationFacets(pub OrganisationCounts);

/// How many organisations each option of an organisation filter would hold. Each dimension is
/// counted with every condition of the filter except its own, so the options of a dimension
/// stay visible once one is chosen. Options that would hold no organisation are left out.
#[Object]
impl OrganisationFacets {
    /// Organisations per kind, most first (those whose kind is not known are in none),
    /// ignoring the filter's `kinds`.
    async fn kinds(&self) -> Vec<OrganisationKindFacet> {
        self.0
            .kinds
            .iter()
            .map(|(kind, count)| OrganisationKindFacet {
                kind: (*kind).into(),
                count: *count,
            })
            .collect()
    }

    /// Organisations per voivodeship of the seat, most first (those whose seat is not known are
    /// in none), ignoring the filter's `voivodeships`.
    async fn voivodeships(&self) -> Vec<VoivodeshipFacet> {
        voivodeship_facets(&self.0.voivodeships)
    }

    /// Organisations per sector, most first, ignoring the filter's `sectors`.
    async fn sectors(&self, ctx: &Context<'_>) -> Result<Vec<SectorFacet>> {
        sector_facets(ctx, &self.0.sectors).await
    }

    /// Current members per cluster, most first, ignoring the filter's `clusters`. The clusters
    /// are read together, in one statement.
    async fn clusters(&self) -> Vec<ClusterFacet> {
        self.0
            .clusters
            .iter()
            .map(|(cluster_id, count)| ClusterFacet {
                cluster_id: *cluster_id,
                count: *count,
            })
            .collect()
    }
}
