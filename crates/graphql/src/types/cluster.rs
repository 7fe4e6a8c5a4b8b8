//! The Cluster type and its connections.

use super::enums::{
    CertificationStatus, ClusterStatus, EscaLevel as GqlEscaLevel, MembershipRole, OrganisationKind,
};
use super::facts::{
    Award, ClusterPerson, Event, Indicator, Project, Service, Specialisation, StatedFigure,
    WorkingGroup,
};
use super::organisation::{Membership, Organisation, member_page_columns, source_document};
use super::reference::{Sector, SourceDocument, Voivodeship};
use super::status::{EscaLabel, KkkCertification};
use super::{organisation_by_id, sectors_by_ids, today};
use crate::context::loaders;
use crate::error::OrApi;
use crate::ids::{Cursor, NodeKind, decode_cursor, global_id};
use crate::paging::eager::EagerConnection;
use crate::paging::filter_totals;
use crate::scalars::{Date, PartialDate};
use async_graphql::connection::{Connection, Edge};
use async_graphql::{Context, ID, Object, Result, SimpleObject};
use klastry_domain::db::batch::MemberPageArgs;
use klastry_domain::db::cluster_lists::{ClusterList, ListRows};
use klastry_domain::db::rows::ColumnSet;
use klastry_domain::reads::clusters::ClusterFilter;
use klastry_domain::reads::status_records::{esca_bounds, kkk_bounds, kkk_first_award};
use klastry_domain::rules::status::{StatusOnDate, holder_status};
use klastry_entity::{cluster, cluster_sector};
use std::sync::Arc;

/// A cluster organisation: a network of companies, universities, research institutes,
/// support institutions and local governments, run by a coordinating organisation.
pub struct Cluster(pub cluster::Model);

/// A cluster's sector, with how the registry knows it.
pub struct SectorAssignment(cluster_sector::Model, Sector);

/// A cluster's sector, with how the registry knows it.
#[Object]
impl SectorAssignment {
    /// The sector (an EU industrial ecosystem).
    async fn sector(&self) -> &Sector {
        &self.1
    }
    /// The rule by which the registry inferred the sector where no source states it, in words
    /// (e.g. "from the name: 'Medyczny' (medical) → health"); null when it is stated, by a
    /// source or by the coordinator or an operator who set the cluster's sectors.
    async fn inferred_by(&self) -> Option<&str> {
        self.0.inferred_by.as_deref()
    }
    /// The document that states the sector, when one does.
    async fn source(&self, ctx: &Context<'_>) -> Result<Option<SourceDocument>> {
        source_document(ctx, self.0.source_document_id).await
    }
}

/// The years a cluster's development strategy covers.
#[derive(SimpleObject)]
pub struct StrategyPeriod {
    /// The first year the strategy covers; null when the source gives none.
    pub from: Option<i32>,
    /// The last year the strategy covers; null when the source gives none.
    pub to: Option<i32>,
}

impl Cluster {
    /// One of the cluster's lists, read in the same statement as every other list (of any
    /// cluster) that the request's level asks for.
    async fn list(&self, ctx: &Context<'_>, list: ClusterList) -> Result<Arc<ListRows>> {
        Ok(loaders(ctx)
            .cluster_lists
            .load_one((self.0.id, list))
            .await
            .or_api()?
            .unwrap_or_else(|| Arc::new(ListRows::empty(list))))
    }
}

/// A cluster organisation: a network of companies, universities, research institutes,
/// support institutions and local governments, run by a coordinating organisation.
#[Object]
impl Cluster {
    /// The version to name when changing or deleting this object; raised by every change.
    async fn version(&self) -> i32 {
        self.0.version
    }
    /// Global ID.
    pub async fn id(&self) -> ID {
        global_id(NodeKind::Cluster, self.0.id)
    }
    /// URL-safe unique identifier, e.g. `klaster-obrobki-metali`.
    async fn slug(&self) -> &str {
        &self.0.slug
    }
    /// Name to show: the Polish name, or the English one where only that is known.
    async fn name(&self) -> &str {
        self.0
            .name_pl
            .as_deref()
            .or(self.0.name_en.as_deref())
            .unwrap_or(&self.0.slug)
    }
    /// Polish name.
    async fn name_pl(&self) -> Option<&str> {
        self.0.name_pl.as_deref()
    }
    /// English name.
    async fn name_en(&self) -> Option<&str> {
        self.0.name_en.as_deref()
    }
    /// Short name or acronym it is known by.
    async fn acronym(&self) -> Option<&str> {
        self.0.acronym.as_deref()
    }
    /// Other names under which the sources mention the cluster.
    async fn aliases(&self, ctx: &Context<'_>) -> Result<Vec<String>> {
        let rows = self.list(ctx, ClusterList::Aliases).await?;
        Ok(rows.aliases().iter().map(|a| a.name.clone()).collect())
    }
    /// Description in Polish.
    async fn description_pl(&self) -> Option<&str> {
        self.0.description_pl.as_deref()
    }
    /// Description in English.
    async fn description_en(&self) -> Option<&str> {
        self.0.description_en.as_deref()
    }
    /// Voivodeship of the seat, when known.
    async fn voivodeship(&self) -> Option<Voivodeship> {
        self.0
            .voivodeship_teryt
            .as_deref()
            .and_then(Voivodeship::from_teryt)
    }
    /// City of the seat.
    async fn city(&self) -> Option<&str> {
        self.0.city.as_deref()
    }
    /// Street address of the seat.
    async fn address(&self) -> Option<&str> {
        self.0.address.as_deref()
    }
    /// Postal code of the seat, NN-NNN.
    async fn postal_code(&self) -> Option<&str> {
        self.0.postal_code.as_deref()
    }
    /// The cluster's public phone number.
    async fn phone(&self) -> Option<&str> {
        self.0.phone.as_deref()
    }
    /// The cluster's public e-mail address.
    async fn email(&self) -> Option<&str> {
        self.0.email.as_deref()
    }
    /// Web site address (http:// or https://).
    async fn website(&self) -> Option<&str> {
        self.0.website.as_deref()
    }
    /// When the cluster was founded, with the precision the source gives.
    async fn founded_on(&self) -> Option<PartialDate> {
        PartialDate::from_stored(self.0.founded_on.as_deref())
    }
    /// The years its development strategy covers.
    async fn strategy_period(&self) -> Option<StrategyPeriod> {
        (self.0.strategy_from.is_some() || self.0.strategy_to.is_some()).then(|| StrategyPeriod {
            from: self.0.strategy_from.map(i32::from),
            to: self.0.strategy_to.map(i32::from),
        })
    }
    /// Whether an account in the registry coordinates the cluster. One that none does (most
    /// clusters loaded from public lists) can be claimed with `claimCluster`.
    async fn has_coordinator_account(&self, ctx: &Context<'_>) -> Result<bool> {
        Ok(loaders(ctx)
            .nodes()
            .cluster_coordinators
            .load_one(self.0.id)
            .await
            .or_api()?
            .is_some_and(|roles| !roles.is_empty()))
    }
    /// Whether the cluster operates, as a source states it; UNKNOWN where none does.
    async fn status(&self) -> ClusterStatus {
        self.0.status.into()
    }
    /// The coordinating organisation.
    async fn coordinator(&self, ctx: &Context<'_>) -> Result<Option<Organisation>> {
        organisation_by_id(ctx, self.0.coordinator_id).await
    }
    /// Sectors (EU industrial ecosystems) the cluster works in.
    async fn sectors(&self, ctx: &Context<'_>) -> Result<Vec<Sector>> {
        let rows = self.list(ctx, ClusterList::Sectors).await?;
        let links = rows.sectors();
        // The links brought their sectors along: reading them is free.
        loaders(ctx).sectors.prime(
            links
                .iter()
                .filter_map(|(_, sector)| sector.clone().map(|s| (s.id, s))),
        );
        sectors_by_ids(ctx, links.iter().map(|(l, _)| l.sector_id).collect()).await
    }
    /// The cluster's sectors, each with how the registry knows it: stated (by a source, or by
    /// the coordinator or an operator who set it) or inferred by a rule, such as a word of the
    /// cluster's name. The same sectors as `sectors`, in the same order.
    async fn sector_assignments(&self, ctx: &Context<'_>) -> Result<Vec<SectorAssignment>> {
        let rows = self.list(ctx, ClusterList::Sectors).await?;
        let links = rows.sectors();
        // The links brought their sectors along: reading them is free.
        loaders(ctx).sectors.prime(
            links
                .iter()
                .filter_map(|(_, sector)| sector.clone().map(|s| (s.id, s))),
        );
        Ok(links
            .iter()
            .filter_map(|(link, sector)| {
                sector
                    .clone()
                    .map(|s| SectorAssignment(link.clone(), Sector(s)))
            })
            .collect())
    }
    /// Specialisations the cluster names for itself.
    async fn specialisations(&self, ctx: &Context<'_>) -> Result<Vec<String>> {
        let rows = self.list(ctx, ClusterList::Specialisations).await?;
        Ok(rows
            .specialisations()
            .iter()
            .map(|s| s.name.clone())
            .collect())
    }
    /// Specialisations the cluster names for itself, each with the document that names it
    /// (`specialisations` gives the names alone).
    async fn specialisation_records(&self, ctx: &Context<'_>) -> Result<Vec<Specialisation>> {
        let rows = self.list(ctx, ClusterList::Specialisations).await?;
        Ok(rows
            .specialisations()
            .iter()
            .cloned()
            .map(Specialisation)
            .collect())
    }
    /// The documents that mention the cluster.
    async fn sources(&self, ctx: &Context<'_>) -> Result<Vec<SourceDocument>> {
        let rows = self.list(ctx, ClusterList::Sources).await?;
        let links = rows.sources();
        // The links brought their documents along: other fields that name them read them free.
        loaders(ctx).source_documents.prime(
            links
                .iter()
                .filter_map(|(_, document)| document.clone().map(|d| (d.id, d))),
        );
        Ok(links
            .iter()
            .filter_map(|(_, document)| document.clone().map(SourceDocument))
            .collect())
    }
    /// Members by name, one page at a time: without `asOf`, the ACTIVE members; with it, the
    /// members on that day (see `asOf`).
    #[graphql(complexity = "first.unwrap_or(20).clamp(0, 100) as usize * child_complexity + 1")]
    async fn members(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Page size, 0 to 100 (default 20).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the member to start after.")] after: Option<String>,
        #[graphql(desc = "Only members of these kinds.")] kinds: Option<Vec<OrganisationKind>>,
        #[graphql(desc = "Only members in these roles.")] roles: Option<Vec<MembershipRole>>,
        #[graphql(
            desc = "The members on this day instead of the ACTIVE ones: every membership with a \
                    period (`Membership.periods`) that may include the day, whatever its status \
                    now. A period may include the day unless it certainly started after it \
                    (its `joinedOn` begins after the day) or certainly ended before it (its \
                    `leftOn` ends before the day); so a period whose start is unknown counts as \
                    possibly current on any day before its end, and an open period on any day \
                    from its start. A membership that is now an application (PENDING or \
                    REJECTED) after earlier periods is listed only to those who see the \
                    cluster's applications. `role` and `status` are as they are now; \
                    `totalCount` counts the same members."
        )]
        as_of: Option<Date>,
    ) -> Result<EagerConnection<Membership, MemberTotals>> {
        let after = after
            .as_deref()
            .map(|c| decode_cursor("after", c))
            .transpose()
            .or_api()?;
        let args = MemberPageArgs::new(
            first.map(i64::from),
            after,
            kinds
                .unwrap_or_default()
                .into_iter()
                .map(Into::into)
                .collect(),
            roles
                .unwrap_or_default()
                .into_iter()
                .map(Into::into)
                .collect(),
        )
        .or_api()?;
        let args = match as_of {
            Some(day) => args.as_of(
                day.0,
                crate::context::viewer(ctx).sees_applications_of(self.0.id),
            ),
            None => args,
        };
        // Asked for the total too: the page's statement counts it, rather than a statement of
        // its own one nesting level further down.
        let args = if ctx.look_ahead().field("totalCount").exists() {
            args.counted()
        } else {
            args
        };
        let (membership_columns, organisation_columns) = member_page_columns(ctx.field());
        let args = args.reading(membership_columns, organisation_columns);
        let whole_organisations = args.organisation_columns == ColumnSet::ALL;
        let has_previous_page = args.after.is_some();
        let page = loaders(ctx)
            .member_pages
            .load_one((self.0.id, args.clone()))
            .await
            .or_api()?
            .unwrap_or_default();
        // Whole organisations serve the rest of the request too; partial ones only these
        // members, who carry them.
        if whole_organisations {
            loaders(ctx).organisations.prime(
                page.items
                    .iter()
                    .map(|(_, _, organisation)| (organisation.id, organisation.clone())),
            );
        }
        let mut connection = Connection::with_additional_fields(
            has_previous_page,
            page.has_next_page,
            MemberTotals {
                cluster_id: self.0.id,
                counted: page.total,
                args,
            },
        );
        connection
            .edges
            .extend(page.items.iter().map(|(keyset, m, organisation)| {
                let member = Membership(m.clone(), Some(Organisation(organisation.clone())));
                Edge::new(Cursor(keyset.clone()), member)
            }));
        Ok(EagerConnection(connection))
    }
    /// Applications waiting for the coordinator's decision, oldest first. Only the cluster's
    /// coordinators, its API tokens with a cluster scope and operators see them; for everyone
    /// else the list is empty.
    async fn membership_applications(&self, ctx: &Context<'_>) -> Result<Vec<Membership>> {
        if !crate::context::viewer(ctx).sees_applications_of(self.0.id) {
            return Ok(Vec::new());
        }
        let db = crate::context::db(ctx);
        Ok(
            klastry_domain::reads::clusters::pending_applications(db, self.0.id)
                .await
                .or_api()?
                .into_iter()
                .map(Membership::new)
                .collect(),
        )
    }
    /// KKK certifications, oldest first.
    async fn kkk_certifications(&self, ctx: &Context<'_>) -> Result<Vec<KkkCertification>> {
        let rows = self.list(ctx, ClusterList::KkkCertifications).await?;
        let rows = rows.kkk_certifications();
        // The certifications brought their rounds along: resolving `round` is free.
        loaders(ctx).kkk_rounds.prime(
            rows.iter()
                .filter_map(|(_, round)| round.clone().map(|r| (r.number, r))),
        );
        Ok(rows
            .iter()
            .map(|(certification, _)| KkkCertification(certification.clone()))
            .collect())
    }
    /// The cluster's KKK status on a day (today when not given): ACTIVE if any certification
    /// is certainly held; else NOT_YET_VALID if the day is before the cluster's first award
    /// (a certification whose source says renewal 0); else UNKNOWN if the sources leave one
    /// open, or the day is before a certification that is a renewal or does not say it is the
    /// first; else EXPIRED; null when the cluster was never certified.
    async fn kkk_status(
        &self,
        ctx: &Context<'_>,
        on: Option<Date>,
    ) -> Result<Option<CertificationStatus>> {
        let day = on.map_or_else(today, |d| d.0);
        let rows = self.list(ctx, ClusterList::KkkCertifications).await?;
        Ok(holder_status(
            rows.kkk_certifications()
                .iter()
                .map(|(r, _)| (kkk_bounds(r).on(day), kkk_first_award(r))),
        )
        .map(Into::into))
    }
    /// ESCA labels, oldest first.
    async fn esca_labels(&self, ctx: &Context<'_>) -> Result<Vec<EscaLabel>> {
        let rows = self.list(ctx, ClusterList::EscaLabels).await?;
        Ok(rows.esca_labels().iter().cloned().map(EscaLabel).collect())
    }
    /// The cluster's ESCA label status on a day (today when not given), for one level or
    /// any: ACTIVE if a label is certainly held; else UNKNOWN if the sources leave one open or
    /// the day is before a label (no source says a label is a cluster's first); else EXPIRED;
    /// never NOT_YET_VALID; null when it never held such a label.
    async fn esca_status(
        &self,
        ctx: &Context<'_>,
        on: Option<Date>,
        level: Option<GqlEscaLevel>,
    ) -> Result<Option<CertificationStatus>> {
        let day = on.map_or_else(today, |d| d.0);
        let level: Option<klastry_entity::EscaLevel> = level.map(Into::into);
        let rows = self.list(ctx, ClusterList::EscaLabels).await?;
        let statuses: Vec<(StatusOnDate, bool)> = rows
            .esca_labels()
            .iter()
            .filter(|r| level.is_none_or(|l| r.level == l))
            // No ESCA source says a label is a cluster's first: before one, its status is open.
            .map(|r| (esca_bounds(r).on(day), false))
            .collect();
        Ok(holder_status(statuses).map(Into::into))
    }
    /// People in the cluster's governance and office.
    async fn people(&self, ctx: &Context<'_>) -> Result<Vec<ClusterPerson>> {
        let rows = self.list(ctx, ClusterList::People).await?;
        let rows = rows.people();
        // The roles brought their people along: resolving `person` is free.
        loaders(ctx).people.prime(
            rows.iter()
                .filter_map(|(_, person)| person.clone().map(|p| (p.id, p))),
        );
        Ok(rows
            .iter()
            .map(|(role, _)| ClusterPerson(role.clone()))
            .collect())
    }
    /// Services the cluster offers.
    async fn services(&self, ctx: &Context<'_>) -> Result<Vec<Service>> {
        let rows = self.list(ctx, ClusterList::Services).await?;
        Ok(rows.services().iter().cloned().map(Service).collect())
    }
    /// Projects and initiatives.
    async fn projects(&self, ctx: &Context<'_>) -> Result<Vec<Project>> {
        let rows = self.list(ctx, ClusterList::Projects).await?;
        Ok(rows.projects().iter().cloned().map(Project).collect())
    }
    /// Events.
    async fn events(&self, ctx: &Context<'_>) -> Result<Vec<Event>> {
        let rows = self.list(ctx, ClusterList::Events).await?;
        Ok(rows.events().iter().cloned().map(Event).collect())
    }
    /// Working groups, departments and advisory bodies.
    async fn working_groups(&self, ctx: &Context<'_>) -> Result<Vec<WorkingGroup>> {
        let rows = self.list(ctx, ClusterList::WorkingGroups).await?;
        Ok(rows
            .working_groups()
            .iter()
            .cloned()
            .map(WorkingGroup)
            .collect())
    }
    /// Awards and distinctions other than KKK and ESCA.
    async fn awards(&self, ctx: &Context<'_>) -> Result<Vec<Award>> {
        let rows = self.list(ctx, ClusterList::Awards).await?;
        Ok(rows.awards().iter().cloned().map(Award).collect())
    }
    /// Programmes and events the cluster took part in (e.g. PARP's standards workshops).
    async fn participations(&self, ctx: &Context<'_>) -> Result<Vec<String>> {
        let rows = self.list(ctx, ClusterList::Participations).await?;
        Ok(rows
            .participations()
            .iter()
            .map(|p| p.name.clone())
            .collect())
    }
    /// Figures sources state about the cluster ("nearly 150 members"), each with its
    /// qualifier, date and document, in the order they were recorded. They are what each
    /// source says, not what the registry counts (that is `members { totalCount }`), and are
    /// never added to it.
    async fn stated_figures(&self, ctx: &Context<'_>) -> Result<Vec<StatedFigure>> {
        let rows = self.list(ctx, ClusterList::StatedFigures).await?;
        let rows = rows.stated_figures();
        // The figures brought their documents along: `source` reads them free.
        loaders(ctx).source_documents.prime(
            rows.iter()
                .filter_map(|(_, document)| document.clone().map(|d| (d.id, d))),
        );
        Ok(rows
            .iter()
            .map(|(figure, _)| StatedFigure(figure.clone()))
            .collect())
    }
    /// Yearly indicators, oldest year first.
    async fn indicators(&self, ctx: &Context<'_>) -> Result<Vec<Indicator>> {
        let rows = self.list(ctx, ClusterList::Indicators).await?;
        Ok(rows.indicators().iter().cloned().map(Indicator).collect())
    }
    /// When the cluster was added to the registry.
    async fn created_at(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.created_at
    }
    /// When the cluster's record last changed.
    async fn updated_at(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.updated_at
    }
}

/// Totals of a cluster's member list.
pub struct MemberTotals {
    cluster_id: i32,
    /// The total the page's statement counted, if it was asked to.
    counted: Option<u64>,
    args: MemberPageArgs,
}

/// Totals of a cluster's member list.
#[Object]
impl MemberTotals {
    /// How many members match, on all pages.
    async fn total_count(&self, ctx: &Context<'_>) -> Result<u64> {
        if let Some(total) = self.counted {
            return Ok(total);
        }
        Ok(loaders(ctx)
            .member_counts
            .load_one((self.cluster_id, self.args.clone()))
            .await
            .or_api()?
            .unwrap_or(0))
    }
}

filter_totals! {
    /// Totals of a cluster list.
    pub struct ClusterTotals(ClusterFilter) => klastry_domain::reads::clusters::count;
    /// How many clusters match, on all pages.
    total_count;
}
