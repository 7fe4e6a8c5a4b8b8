//! Facet counts of the cluster directory: how many clusters each filter option would hold.

use super::enums::EscaLevel;
use super::reference::{Sector, Voivodeship};
use crate::error::OrApi;
use async_graphql::{Context, Object, Result, SimpleObject};
use klastry_domain::reads::clusters::ClusterFacets as DomainFacets;
use klastry_domain::reads::reference;

/// Clusters in one voivodeship.
#[derive(SimpleObject)]
pub struct VoivodeshipFacet {
    /// The voivodeship of the seat.
    pub voivodeship: Voivodeship,
    /// Number of clusters counted here.
    pub count: u64,
}

/// Clusters in one sector.
#[derive(SimpleObject)]
pub struct SectorFacet {
    /// The sector counted.
    pub sector: Sector,
    /// Number of clusters counted here.
    pub count: u64,
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
        self.0
            .voivodeships
            .iter()
            .filter_map(|(teryt, count)| {
                Voivodeship::from_teryt(teryt).map(|voivodeship| VoivodeshipFacet {
                    voivodeship,
                    count: *count,
                })
            })
            .collect()
    }

    /// Clusters per sector, most first, ignoring the filter's `sectors`.
    async fn sectors(&self, ctx: &Context<'_>) -> Result<Vec<SectorFacet>> {
        if self.0.sectors.is_empty() {
            return Ok(Vec::new());
        }
        let db = crate::context::db(ctx);
        let mut all = reference::sectors(db).await.or_api()?;
        Ok(self
            .0
            .sectors
            .iter()
            .filter_map(|(code, count)| {
                let at = all.iter().position(|s| &s.code == code)?;
                Some(SectorFacet {
                    sector: Sector(all.swap_remove(at)),
                    count: *count,
                })
            })
            .collect())
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
