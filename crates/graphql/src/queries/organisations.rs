//! Organisations: one by ID, and the filtered directory.
//!
//! A new query about organisations goes here; a new field of an organisation goes in
//! `types::organisation`.

use super::search_text;
use crate::context::{db, figures, loaders};
use crate::error::{ApiError, OrApi};
use crate::ids::{NodeKind, parse_id_of, parse_ids_of};
use crate::paging::eager::EagerConnection;
use crate::paging::{keyset_connection, page_request};
use crate::types::enums::{OrganisationKind, SortDirection, VoivodeshipCode};
use crate::types::facets::OrganisationFacets;
use crate::types::organisation::{Organisation, OrganisationTotals, organisation_page_columns};
use async_graphql::{Context, Enum, ID, InputObject, Object, Result};
use klastry_domain::reads::organisations;

/// What an organisation list can be ordered by.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Default)]
pub enum OrganisationOrderField {
    /// The name, compared as the registry folds it (case and Polish diacritics aside).
    #[default]
    Name,
}

/// How an organisation list is ordered, as `clusters(orderBy:)` takes it.
#[derive(InputObject, Default)]
pub struct OrganisationOrder {
    /// What the organisations are ordered by; NAME when not given.
    #[graphql(default)]
    pub field: OrganisationOrderField,
    /// ASC (A to Z) or DESC; ASC when not given.
    #[graphql(default)]
    pub direction: SortDirection,
}

/// Which organisations a list holds; every given condition must hold.
#[derive(InputObject, Default)]
pub struct OrganisationFilter {
    /// Of one of these kinds.
    pub kinds: Option<Vec<OrganisationKind>>,
    /// In one of these voivodeships.
    pub voivodeships: Option<Vec<VoivodeshipCode>>,
    /// In one of these sectors (codes from the `sectors` query).
    pub sectors: Option<Vec<String>>,
    /// Name or city contains this text, ignoring case and Polish diacritics.
    pub text: Option<String>,
    /// With this NIP; spaces, dashes and a `PL` prefix are accepted, the checksum is checked.
    pub nip: Option<String>,
    /// With this REGON (9 or 14 digits); the checksum is checked.
    pub regon: Option<String>,
    /// With this KRS number (10 digits).
    pub krs: Option<String>,
    /// A current member of one of these clusters (global IDs), at most 100.
    pub clusters: Option<Vec<ID>>,
}

impl OrganisationFilter {
    fn into_domain(self) -> Result<organisations::OrganisationFilter, ApiError> {
        Ok(organisations::OrganisationFilter {
            clusters: parse_ids_of("filter.clusters", NodeKind::Cluster, self.clusters)?,
            kinds: self
                .kinds
                .unwrap_or_default()
                .into_iter()
                .map(Into::into)
                .collect(),
            voivodeships: VoivodeshipCode::teryts(self.voivodeships.unwrap_or_default()),
            sectors: self.sectors.unwrap_or_default(),
            text: search_text("filter.text", self.text)?,
            nip: self.nip,
            regon: self.regon,
            krs: self.krs,
        })
    }
}

/// Organisations: one by ID, and searchable, filterable lists.
#[derive(Default)]
pub struct OrganisationQuery;

/// Organisations: one by ID, and searchable, filterable lists.
#[Object]
impl OrganisationQuery {
    /// One organisation by global ID.
    async fn organisation(&self, ctx: &Context<'_>, id: ID) -> Result<Option<Organisation>> {
        let number = parse_id_of("id", NodeKind::Organisation, &id).or_api()?;
        match loaders(ctx).organisations.load_one(number).await.or_api()? {
            Some(o) => Ok(Some(Organisation(o))),
            None => Err(ApiError::NotFound(format!(
                "no organisation with id '{}'",
                id.as_str()
            )))
            .or_api(),
        }
    }

    /// How many organisations each option of `filter` would hold, for counts next to the
    /// options of an organisation directory: per kind, voivodeship, sector and cluster, each
    /// counted with every condition of the filter except that dimension's own.
    async fn organisation_facets(
        &self,
        ctx: &Context<'_>,
        filter: Option<OrganisationFilter>,
    ) -> Result<OrganisationFacets> {
        let filter = filter.unwrap_or_default().into_domain().or_api()?;
        let (figures, revision) = figures(ctx).await?;
        Ok(OrganisationFacets(
            figures
                .organisation_facets(db(ctx), revision, &filter)
                .await
                .or_api()?,
        ))
    }

    /// Organisations matching a filter, by name, in pages of at most 100.
    #[graphql(
        complexity = "first.or(last).unwrap_or(20).clamp(0, 100) as usize * child_complexity + 1"
    )]
    #[allow(clippy::too_many_arguments)]
    async fn organisations(
        &self,
        ctx: &Context<'_>,
        filter: Option<OrganisationFilter>,
        #[graphql(desc = "The order of the list; by name A to Z when not given.")] order_by: Option<
            OrganisationOrder,
        >,
        #[graphql(desc = "Page size from the start or after `after`, 0 to 100 (default 20).")]
        first: Option<i32>,
        #[graphql(desc = "Cursor of the organisation to continue after.")] after: Option<String>,
        #[graphql(desc = "Page size before `before`, 0 to 100.")] last: Option<i32>,
        #[graphql(desc = "Cursor of the organisation to continue before.")] before: Option<String>,
    ) -> Result<EagerConnection<Organisation, OrganisationTotals>> {
        let filter = filter.unwrap_or_default().into_domain().or_api()?;
        let request = page_request(first, after, last, before).or_api()?;
        // Only the columns the page's fields show: a search as you type asks for a name or two.
        let read = organisation_page_columns(ctx.field());
        let direction = order_by.unwrap_or_default().direction;
        let page = organisations::list(db(ctx), &filter, direction.into(), &request, read)
            .await
            .or_api()?;
        Ok(EagerConnection(keyset_connection(
            page,
            OrganisationTotals { filter },
            Organisation,
        )))
    }
}
