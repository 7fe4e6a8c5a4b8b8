//! The home page's and the directories' figures, kept by the registry's revision: the
//! statistics of a day and the facet counts of a filter, each computed once per revision and
//! served again until a change to a table they read raises it (`revision`).

use super::clusters::{self, ClusterFacets, ClusterFilter};
use super::organisations::{self, OrganisationFacets, OrganisationFilter};
use super::revision::KeptAnswers;
use super::statistics::{self, Statistics};
use crate::DomainResult;
use chrono::NaiveDate;
use sea_orm::ConnectionTrait;

/// Most answers kept of each kind. An answer is a few hundred bytes: the statistics of a day,
/// or a filter's counts (the filter's lists are bounded by `check_filter_list`).
const CAPACITY: usize = 512;

/// The figures one server keeps; share one per process.
pub struct Figures {
    statistics: KeptAnswers<NaiveDate, Statistics>,
    cluster_facets: KeptAnswers<(ClusterFilter, NaiveDate), ClusterFacets>,
    organisation_facets: KeptAnswers<OrganisationFilter, OrganisationFacets>,
}

impl Default for Figures {
    fn default() -> Self {
        Self {
            statistics: KeptAnswers::new(CAPACITY),
            cluster_facets: KeptAnswers::new(CAPACITY),
            organisation_facets: KeptAnswers::new(CAPACITY),
        }
    }
}

impl Figures {
    /// The statistics for `day` ([`statistics::compute`]).
    pub async fn statistics<C: ConnectionTrait>(
        &self,
        db: &C,
        day: NaiveDate,
    ) -> DomainResult<Statistics> {
        self.statistics
            .get_or_compute(db, day, || statistics::compute(db, day))
            .await
    }

    /// The cluster directory's facet counts ([`clusters::facets`]).
    pub async fn cluster_facets<C: ConnectionTrait>(
        &self,
        db: &C,
        filter: &ClusterFilter,
        kkk_active_day: NaiveDate,
    ) -> DomainResult<ClusterFacets> {
        self.cluster_facets
            .get_or_compute(db, (filter.clone(), kkk_active_day), || {
                clusters::facets(db, filter, kkk_active_day)
            })
            .await
    }

    /// The organisation directory's facet counts ([`organisations::facets`]).
    pub async fn organisation_facets<C: ConnectionTrait>(
        &self,
        db: &C,
        filter: &OrganisationFilter,
    ) -> DomainResult<OrganisationFacets> {
        self.organisation_facets
            .get_or_compute(db, filter.clone(), || organisations::facets(db, filter))
            .await
    }
}
