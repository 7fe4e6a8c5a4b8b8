//! Clusters: one by ID or slug, the filtered and ordered directory, and its facet counts.
//!
//! A new query about clusters goes here; a new field of a cluster goes in `types::cluster`.

use super::search_text;
use crate::context::{db, figures, loaders};
use crate::error::{ApiError, OrApi};
use crate::ids::{Cursor, NodeKind, parse_id_of};
use crate::paging::{keyset_connection, page_request};
use crate::scalars::Date;
use crate::types::cluster::{Cluster, ClusterTotals};
use crate::types::enums::{EscaLevel, SortDirection, VoivodeshipCode};
use crate::types::facets::ClusterFacets;
use crate::types::today;
use async_graphql::connection::Connection;
use async_graphql::{Context, Enum, ID, InputObject, Object, Result};
use klastry_domain::FieldErrorCode;
use klastry_domain::reads::clusters;
use klastry_entity as entity;

/// What a cluster list can be ordered by.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Default)]
pub enum ClusterOrderField {
    /// Name, ignoring case and diacritics.
    #[default]
    Name,
    /// When the cluster was added to the registry.
    CreatedAt,
}

/// How a cluster list is ordered.
#[derive(InputObject, Default)]
pub struct ClusterOrder {
    /// What the clusters are ordered by; NAME when not given.
    #[graphql(default)]
    pub field: ClusterOrderField,
    /// ASC or DESC; ASC when not given.
    #[graphql(default)]
    pub direction: SortDirection,
}

/// Which clusters a list holds; every given condition must hold.
#[derive(InputObject, Default)]
pub struct ClusterFilter {
    /// Seat in one of these voivodeships.
    pub voivodeships: Option<Vec<VoivodeshipCode>>,
    /// In one of these sectors (codes from the `sectors` query).
    pub sectors: Option<Vec<String>>,
    /// Holds a KKK status certainly active on this day.
    pub kkk_active_on: Option<Date>,
    /// Was certified in one of these KKK rounds (1 for round I).
    pub kkk_rounds: Option<Vec<i32>>,
    /// Holds an ESCA label of one of these levels (on `escaHeldOn` if given, else ever).
    pub esca_levels: Option<Vec<EscaLevel>>,
    /// Holds an ESCA label certainly valid on this day.
    pub esca_held_on: Option<Date>,
    /// Names, other names, acronym or city contain this text; case and Polish diacritics are
    /// ignored ("slaski" finds "Śląski").
    pub text: Option<String>,
}

impl ClusterFilter {
    fn into_domain(self) -> Result<clusters::ClusterFilter, ApiError> {
        Ok(clusters::ClusterFilter {
            voivodeships: VoivodeshipCode::teryts(self.voivodeships.unwrap_or_default()),
            sectors: self.sectors.unwrap_or_default(),
            kkk_active_on: self.kkk_active_on.map(|d| d.0),
            kkk_rounds: self.kkk_rounds.unwrap_or_default(),
            esca_levels: self
                .esca_levels
                .unwrap_or_default()
                .into_iter()
                .map(Into::into)
                .collect(),
            esca_held_on: self.esca_held_on.map(|d| d.0),
            text: search_text("filter.text", self.text)?,
        })
    }
}

/// Clusters: one by ID or slug, searchable, filterable lists, and their facet counts.
#[derive(Default)]
pub struct ClusterQuery;

/// Clusters: one by ID or slug, searchable, filterable lists, and their facet counts.
#[Object]
impl ClusterQuery {
    /// One cluster, by global ID or by slug (give exactly one).
    async fn cluster(
        &self,
        ctx: &Context<'_>,
        id: Option<ID>,
        slug: Option<String>,
    ) -> Result<Option<Cluster>> {
        // A profile asks for the coordinator too: read it in the cluster's statement, and let
        // `coordinator` find it in the organisations' loader.
        let with_coordinator = ctx.look_ahead().field("coordinator").exists();
        let with_its = |(cluster, coordinator): (_, Option<entity::organisation::Model>)| {
            loaders(ctx)
                .organisations
                .prime(coordinator.map(|o| (o.id, o)));
            Cluster(cluster)
        };
        match (id, slug) {
            (Some(id), None) => {
                let number = parse_id_of("id", NodeKind::Cluster, &id).or_api()?;
                let found = if with_coordinator {
                    clusters::with_coordinator(db(ctx), entity::cluster::Column::Id, number)
                        .await
                        .or_api()?
                        .map(with_its)
                } else {
                    let found = loaders(ctx).clusters.load_one(number).await.or_api()?;
                    found.map(Cluster)
                };
                match found {
                    Some(c) => Ok(Some(c)),
                    None => Err(ApiError::NotFound(format!(
                        "no cluster with id '{}'",
                        id.as_str()
                    )))
                    .or_api(),
                }
            }
            (None, Some(slug)) if search_text("slug", Some(slug.clone())).is_err() => {
                search_text("slug", Some(slug)).or_api().map(|_| None)
            }
            (None, Some(slug)) if with_coordinator => Ok(Some(with_its(
                clusters::by_slug_with_coordinator(db(ctx), &slug)
                    .await
                    .or_api()?,
            ))),
            (None, Some(slug)) => Ok(Some(Cluster(
                clusters::by_slug(db(ctx), &slug).await.or_api()?,
            ))),
            _ => Err(ApiError::bad_input(
                "id",
                FieldErrorCode::MutuallyExclusive,
                "give exactly one of `id` and `slug`",
            ))
            .or_api(),
        }
    }

    /// Clusters matching a filter, in pages of at most 100.
    #[graphql(
        complexity = "first.or(last).unwrap_or(20).clamp(0, 100) as usize * child_complexity + 1"
    )]
    #[allow(clippy::too_many_arguments)]
    async fn clusters(
        &self,
        ctx: &Context<'_>,
        filter: Option<ClusterFilter>,
        order_by: Option<ClusterOrder>,
        #[graphql(desc = "Page size from the start or after `after`, 0 to 100 (default 20).")]
        first: Option<i32>,
        #[graphql(desc = "Cursor of the cluster to continue after.")] after: Option<String>,
        #[graphql(desc = "Page size before `before`, 0 to 100.")] last: Option<i32>,
        #[graphql(desc = "Cursor of the cluster to continue before.")] before: Option<String>,
    ) -> Result<Connection<Cursor, Cluster, ClusterTotals>> {
        let filter = filter.unwrap_or_default().into_domain().or_api()?;
        let order = order_by.unwrap_or_default();
        let sort = match order.field {
            ClusterOrderField::Name => clusters::ClusterSort::Name,
            ClusterOrderField::CreatedAt => clusters::ClusterSort::CreatedAt,
        };
        let request = page_request(first, after, last, before).or_api()?;
        let page = clusters::list(db(ctx), &filter, sort, order.direction.into(), &request)
            .await
            .or_api()?;
        Ok(keyset_connection(page, ClusterTotals { filter }, Cluster))
    }

    /// How many clusters each option of `filter` would hold, for showing counts next to the
    /// options of a cluster directory: per voivodeship, sector, KKK round and ESCA level, each
    /// counted with every condition of the filter except that dimension's own, and the clusters
    /// whose KKK status is certainly active on a day.
    async fn cluster_facets(
        &self,
        ctx: &Context<'_>,
        filter: Option<ClusterFilter>,
        #[graphql(
            desc = "The day `kkkActive` counts KKK statuses on (today when not given); it \
                    replaces the filter's own `kkkActiveOn` there."
        )]
        kkk_active_on: Option<Date>,
    ) -> Result<ClusterFacets> {
        let filter = filter.unwrap_or_default().into_domain().or_api()?;
        let day = kkk_active_on.map_or_else(today, |d| d.0);
        let (figures, revision) = figures(ctx).await?;
        Ok(ClusterFacets(
            figures
                .cluster_facets(db(ctx), revision, &filter, day)
                .await
                .or_api()?,
        ))
    }
}
