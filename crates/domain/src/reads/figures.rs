//! The home page's and the directories' figures, kept by the registry's revision: the
//! statistics of a day, the facet counts of a filter and the sectors they name, each computed
//! once per revision and served again until a change to a table they read raises it
//! (`revision`). Each method takes the revision its caller read with `revision::current`
//! before asking, once for all the figures of one request.

use super::clusters::{self, ClusterFacets, ClusterFilter};
use super::organisations::{self, OrganisationFacets, OrganisationFilter};
use super::reference;
use super::revision::KeptAnswers;
use super::statistics::{self, Statistics};
use crate::DomainResult;
use chrono::NaiveDate;
use klastry_entity::sector;
use sea_orm::ConnectionTrait;
use std::sync::Arc;

/// Most answers kept of each kind. An answer is a few hundred bytes: the statistics of a day,
/// or a filter's counts (the filter's lists are bounded by `check_filter_list`).
const CAPACITY: usize = 512;

/// The figures one server keeps; share one per process.
pub struct Figures {
    statistics: KeptAnswers<NaiveDate, Statistics>,
    cluster_facets: KeptAnswers<(ClusterFilter, NaiveDate), ClusterFacets>,
    organisation_facets: KeptAnswers<OrganisationFilter, OrganisationFacets>,
    sectors: KeptAnswers<(), Arc<Vec<sector::Model>>>,
}

impl Default for Figures {
    fn default() -> Self {
        Self {
            statistics: KeptAnswers::new(CAPACITY),
            cluster_facets: KeptAnswers::new(CAPACITY),
            organisation_facets: KeptAnswers::new(CAPACITY),
            sectors: KeptAnswers::new(1),
        }
    }
}

impl Figures {
    /// The statistics for `day` ([`statistics::compute`]).
    pub async fn statistics<C: ConnectionTrait>(
        &self,
        db: &C,
        revision: Option<i64>,
        day: NaiveDate,
    ) -> DomainResult<Statistics> {
        self.statistics
            .get_or_compute(revision, day, || statistics::compute(db, day))
            .await
    }

    /// The cluster directory's facet counts ([`clusters::facets`]).
    pub async fn cluster_facets<C: ConnectionTrait>(
        &self,
        db: &C,
        revision: Option<i64>,
        filter: &ClusterFilter,
        kkk_active_day: NaiveDate,
    ) -> DomainResult<ClusterFacets> {
        self.cluster_facets
            .get_or_compute(revision, (filter.clone(), kkk_active_day), || {
                clusters::facets(db, filter, kkk_active_day)
            })
            .await
    }

    /// The organisation directory's facet counts ([`organisations::facets`]).
    pub async fn organisation_facets<C: ConnectionTrait>(
        &self,
        db: &C,
        revision: Option<i64>,
        filter: &OrganisationFilter,
    ) -> DomainResult<OrganisationFacets> {
        self.organisation_facets
            .get_or_compute(revision, filter.clone(), || {
                organisations::facets(db, filter)
            })
            .await
    }

    /// The sector taxonomy ([`reference::sectors`]), for naming the sectors the facets count.
    pub async fn sectors<C: ConnectionTrait>(
        &self,
        db: &C,
        revision: Option<i64>,
    ) -> DomainResult<Arc<Vec<sector::Model>>> {
        self.sectors
            .get_or_compute(revision, (), || async {
                Ok(Arc::new(reference::sectors(db).await?))
            })
            .await
    }
}
