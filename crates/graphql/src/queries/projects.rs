//! The registry-wide list of projects: every cluster's projects by name, filtered by funding
//! programme, cluster and voivodeship, with how many each programme funds (the domain's
//! `reads::projects`).

use crate::context::db;
use crate::error::{ApiError, OrApi};
use crate::ids::{Cursor, NodeKind, parse_ids_of};
use crate::paging::{filter_totals, keyset_connection, page_request};
use crate::types::enums::VoivodeshipCode;
use crate::types::facts::Project;
use async_graphql::connection::Connection;
use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};
use klastry_domain::reads::projects;

/// Which projects the list holds; every given condition must hold.
#[derive(InputObject, Default)]
pub struct ProjectFilter {
    /// Funded by one of these programmes, named exactly as `projectProgrammes` gives them; at
    /// most 100.
    pub programmes: Option<Vec<String>>,
    /// Run by one of these clusters (global IDs), at most 100.
    pub clusters: Option<Vec<ID>>,
    /// Run by a cluster seated in one of these voivodeships.
    pub voivodeships: Option<Vec<VoivodeshipCode>>,
}

impl ProjectFilter {
    fn into_domain(self) -> Result<projects::ProjectFilter, ApiError> {
        Ok(projects::ProjectFilter {
            programmes: self.programmes.unwrap_or_default(),
            clusters: parse_ids_of("filter.clusters", NodeKind::Cluster, self.clusters)?,
            voivodeships: VoivodeshipCode::teryts(self.voivodeships.unwrap_or_default()),
        })
    }
}

/// How many of the listed projects one programme funds.
#[derive(SimpleObject)]
pub struct ProgrammeFacet {
    /// The programme, as recorded.
    pub programme: String,
    /// Projects it funds among those the filter holds (its programmes aside).
    pub count: u64,
}

filter_totals! {
    /// Totals of the list of projects.
    pub struct ProjectTotals(projects::ProjectFilter) => projects::count;
    /// How many projects match, on all pages.
    total_count;
}

/// The registry-wide list of projects.
#[derive(Default)]
pub struct ProjectQuery;

/// The registry-wide list of projects.
#[Object]
impl ProjectQuery {
    /// Every cluster's projects matching a filter, by name, in pages of at most 100.
    #[graphql(
        complexity = "first.or(last).unwrap_or(20).clamp(0, 100) as usize * child_complexity + 1"
    )]
    async fn projects(
        &self,
        ctx: &Context<'_>,
        filter: Option<ProjectFilter>,
        #[graphql(desc = "Page size from the start or after `after`, 0 to 100 (default 20).")]
        first: Option<i32>,
        #[graphql(desc = "Cursor of the project to continue after.")] after: Option<String>,
        #[graphql(desc = "Page size before `before`, 0 to 100.")] last: Option<i32>,
        #[graphql(desc = "Cursor of the project to continue before.")] before: Option<String>,
    ) -> Result<Connection<Cursor, Project, ProjectTotals>> {
        let filter = filter.unwrap_or_default().into_domain().or_api()?;
        let request = page_request(first, after, last, before).or_api()?;
        let page = projects::list(db(ctx), &filter, &request).await.or_api()?;
        Ok(keyset_connection(page, ProjectTotals { filter }, Project))
    }

    /// The funding programmes of the projects a filter holds (its `programmes` aside, so every
    /// choice stays visible once one is made), with how many projects each funds: most first,
    /// then by name, at most 100. Projects with no programme recorded count in none.
    async fn project_programmes(
        &self,
        ctx: &Context<'_>,
        filter: Option<ProjectFilter>,
    ) -> Result<Vec<ProgrammeFacet>> {
        let filter = filter.unwrap_or_default().into_domain().or_api()?;
        Ok(projects::programmes(db(ctx), &filter)
            .await
            .or_api()?
            .into_iter()
            .map(|(programme, count)| ProgrammeFacet { programme, count })
            .collect())
    }
}
