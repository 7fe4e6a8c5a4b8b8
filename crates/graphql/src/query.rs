//! The query root, assembled from one object per domain area.

use crate::error::{ApiError, OrApi};
use crate::ids::{Cursor, NodeKind, decode_cursor, parse_global_id, parse_id_of};
use crate::join::join_all;
use crate::scalars::Date;
use crate::types::cluster::{Cluster, ClusterTotals};
use crate::types::enums::{EscaLevel, OrganisationKind, SortDirection, VoivodeshipCode};
use crate::types::facets::ClusterFacets;
use crate::types::facts::{Event, Person, Project};
use crate::types::organisation::{
    Membership, Organisation, OrganisationTotals, organisation_page_columns,
};
use crate::types::reference::{Sector, SourceDocument, Voivodeship};
use crate::types::statistics::Statistics;
use crate::types::status::{EscaLabel, EscaLabelTotals, KkkCertification, KkkRound};
use crate::types::{loaders, today};
use async_graphql::connection::{Connection, Edge};
use async_graphql::{Context, Enum, ID, InputObject, Interface, MergedObject, Object, Result};
use klastry_domain::rules::validation;
use klastry_domain::services::pagination::{Keyset, Page, PageRequest};
use klastry_domain::services::{clusters, organisations, reference, statistics, status_records};
use klastry_domain::{DomainError, FieldError, FieldErrorCode};
use klastry_entity as entity;
use sea_orm::DatabaseConnection;

/// The longest search text accepted; longer input is a mistake, not a search.
const MAX_SEARCH_LENGTH: usize = 200;

fn db<'a>(ctx: &Context<'a>) -> &'a DatabaseConnection {
    ctx.data_unchecked::<DatabaseConnection>()
}

fn page_request(
    first: Option<i32>,
    after: Option<String>,
    last: Option<i32>,
    before: Option<String>,
) -> Result<PageRequest, ApiError> {
    Ok(PageRequest {
        first: first.map(i64::from),
        after: after
            .as_deref()
            .map(|c| decode_cursor("after", c))
            .transpose()?,
        last: last.map(i64::from),
        before: before
            .as_deref()
            .map(|c| decode_cursor("before", c))
            .transpose()?,
    })
}

/// A text argument a read looks things up by (a search, a slug): at most
/// `MAX_SEARCH_LENGTH` characters and no control characters, or BAD_USER_INPUT naming `field`.
/// A search is never silently cut or ignored.
pub(crate) fn search_text(field: &str, text: Option<String>) -> Result<Option<String>, ApiError> {
    match text {
        Some(t) if t.chars().count() > MAX_SEARCH_LENGTH => Err(ApiError::from(DomainError::from(
            validation::too_long(field, MAX_SEARCH_LENGTH, t.chars().count()),
        ))),
        Some(t) if t.chars().any(char::is_control) => {
            Err(ApiError::from(validation::control_characters(field)))
        }
        other => Ok(other),
    }
}

fn connection<M, N, T>(page: Page<M>, totals: T, node: impl Fn(M) -> N) -> Connection<Cursor, N, T>
where
    N: async_graphql::OutputType,
    T: async_graphql::ObjectType,
{
    let mut connection =
        Connection::with_additional_fields(page.has_previous_page, page.has_next_page, totals);
    connection.edges.extend(
        page.items
            .into_iter()
            .map(|(keyset, row): (Keyset, M)| Edge::new(Cursor(keyset), node(row))),
    );
    connection
}

/// Anything with a global ID.
#[derive(Interface)]
#[graphql(field(name = "id", ty = "ID", desc = "Global ID."))]
pub enum Node {
    /// A cluster.
    Cluster(Cluster),
    /// An organisation.
    Organisation(Organisation),
    /// A membership.
    Membership(Membership),
    /// A KKK certification.
    KkkCertification(KkkCertification),
    /// An ESCA label.
    EscaLabel(EscaLabel),
    /// A person.
    Person(Person),
    /// A project.
    Project(Project),
    /// An event.
    Event(Event),
}

async fn load_node(ctx: &Context<'_>, kind: NodeKind, id: i32) -> Result<Option<Node>> {
    let l = loaders(ctx);
    Ok(match kind {
        NodeKind::Cluster => l
            .clusters
            .load_one(id)
            .await
            .or_api()?
            .map(|m| Node::Cluster(Cluster(m))),
        NodeKind::Organisation => l
            .organisations
            .load_one(id)
            .await
            .or_api()?
            .map(|m| Node::Organisation(Organisation(m))),
        NodeKind::Person => l
            .people
            .load_one(id)
            .await
            .or_api()?
            .map(|m| Node::Person(Person(m, None))),
        NodeKind::Membership => l
            .memberships
            .load_one(id)
            .await
            .or_api()?
            .filter(|m| {
                crate::types::organisation::is_public(m)
                    || crate::types::viewer(ctx)
                        .sees_private_membership(m.cluster_id, m.organisation_id)
            })
            .map(|m| Node::Membership(Membership::new(m))),
        NodeKind::KkkCertification => l
            .kkk_certifications
            .load_one(id)
            .await
            .or_api()?
            .map(|m| Node::KkkCertification(KkkCertification(m))),
        NodeKind::EscaLabel => l
            .esca_labels
            .load_one(id)
            .await
            .or_api()?
            .map(|m| Node::EscaLabel(EscaLabel(m))),
        NodeKind::Project => l
            .projects_by_id
            .load_one(id)
            .await
            .or_api()?
            .map(|m| Node::Project(Project(m))),
        NodeKind::Event => l
            .events_by_id
            .load_one(id)
            .await
            .or_api()?
            .map(|m| Node::Event(Event(m))),
        // These are reached through their parents (a cluster's services, an account's roles);
        // their IDs name them in mutations but `node` does not fetch them.
        NodeKind::Service
        | NodeKind::WorkingGroup
        | NodeKind::Indicator
        | NodeKind::ClusterPerson
        | NodeKind::CooperationOffer
        | NodeKind::CooperationResponse
        | NodeKind::User
        | NodeKind::UserRole
        | NodeKind::AuditEntry
        | NodeKind::ApiToken
        | NodeKind::RegistryEvent
        | NodeKind::Webhook
        | NodeKind::WebhookDelivery => None,
    })
}

/// Fetching any object by its global ID.
#[derive(Default)]
pub struct NodeQuery;

/// Fetching any object by its global ID.
#[Object]
impl NodeQuery {
    /// The object with this global ID; null when it no longer exists.
    async fn node(&self, ctx: &Context<'_>, id: ID) -> Result<Option<Node>> {
        let (kind, number) = parse_global_id("id", &id).or_api()?;
        load_node(ctx, kind, number).await
    }

    /// The objects with these global IDs (at most 100), in the same order; null where one no
    /// longer exists.
    #[graphql(complexity = "ids.len() * child_complexity")]
    async fn nodes(&self, ctx: &Context<'_>, ids: Vec<ID>) -> Result<Vec<Option<Node>>> {
        if ids.len() > 100 {
            return Err(ApiError::from(DomainError::from(
                FieldError::new("ids", FieldErrorCode::TooLong, "at most 100 at a time")
                    .max(100)
                    .actual(ids.len()),
            )))
            .or_api();
        }
        let mut parsed = Vec::with_capacity(ids.len());
        for (i, id) in ids.iter().enumerate() {
            parsed.push(parse_global_id(&format!("ids[{i}]"), id).or_api()?);
        }
        // Resolved together, so the loaders see every id of a kind in one batch.
        join_all(
            parsed
                .into_iter()
                .map(|(kind, number)| load_node(ctx, kind, number)),
        )
        .await
        .into_iter()
        .collect()
    }
}

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
    /// The field.
    #[graphql(default)]
    pub field: ClusterOrderField,
    /// The direction.
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
            voivodeships: self
                .voivodeships
                .unwrap_or_default()
                .into_iter()
                .map(|v| v.teryt().to_string())
                .collect(),
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
        after: Option<String>,
        #[graphql(desc = "Page size before `before`, 0 to 100.")] last: Option<i32>,
        before: Option<String>,
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
        Ok(connection(page, ClusterTotals { filter }, Cluster))
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
        Ok(ClusterFacets(
            clusters::facets(db(ctx), &filter, day).await.or_api()?,
        ))
    }
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

    /// Organisations matching a filter, by name, in pages of at most 100.
    #[graphql(
        complexity = "first.or(last).unwrap_or(20).clamp(0, 100) as usize * child_complexity + 1"
    )]
    #[allow(clippy::too_many_arguments)]
    async fn organisations(
        &self,
        ctx: &Context<'_>,
        filter: Option<OrganisationFilter>,
        #[graphql(default)] direction: SortDirection,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Connection<Cursor, Organisation, OrganisationTotals>> {
        let filter = filter.unwrap_or_default();
        let filter = organisations::OrganisationFilter {
            kinds: filter
                .kinds
                .unwrap_or_default()
                .into_iter()
                .map(Into::into)
                .collect(),
            voivodeships: filter
                .voivodeships
                .unwrap_or_default()
                .into_iter()
                .map(|v| v.teryt().to_string())
                .collect(),
            sectors: filter.sectors.unwrap_or_default(),
            text: search_text("filter.text", filter.text).or_api()?,
            nip: filter.nip,
        };
        let request = page_request(first, after, last, before).or_api()?;
        // Only the columns the page's fields show: a search as you type asks for a name or two.
        let read = organisation_page_columns(ctx.field());
        let page = organisations::list(db(ctx), &filter, direction.into(), &request, read)
            .await
            .or_api()?;
        Ok(connection(
            page,
            OrganisationTotals { filter },
            Organisation,
        ))
    }
}

/// Key National Cluster rounds and ESCA labels.
#[derive(Default)]
pub struct CertificationQuery;

/// Key National Cluster rounds and ESCA labels.
#[Object]
impl CertificationQuery {
    /// All KKK rounds, oldest first.
    async fn kkk_rounds(&self, ctx: &Context<'_>) -> Result<Vec<KkkRound>> {
        Ok(reference::kkk_rounds(db(ctx))
            .await
            .or_api()?
            .into_iter()
            .map(KkkRound)
            .collect())
    }

    /// One KKK round by number (1 for round I).
    async fn kkk_round(&self, ctx: &Context<'_>, number: i32) -> Result<Option<KkkRound>> {
        match reference::kkk_round(db(ctx), number).await.or_api()? {
            Some(round) => Ok(Some(KkkRound(round))),
            None => Err(ApiError::NotFound(format!("no KKK round {number}"))).or_api(),
        }
    }

    /// ESCA labels, optionally of some levels and certainly held on a day, in pages.
    #[graphql(complexity = "first.unwrap_or(20).clamp(0, 100) as usize * child_complexity + 1")]
    async fn esca_labels(
        &self,
        ctx: &Context<'_>,
        levels: Option<Vec<EscaLevel>>,
        held_on: Option<Date>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Connection<Cursor, EscaLabel, EscaLabelTotals>> {
        let levels: Vec<entity::EscaLevel> = levels
            .unwrap_or_default()
            .into_iter()
            .map(Into::into)
            .collect();
        let request = page_request(first, after, None, None).or_api()?;
        let (page, total_count) =
            status_records::esca_labels(db(ctx), &levels, held_on.map(|d| d.0), &request)
                .await
                .or_api()?;
        Ok(connection(page, EscaLabelTotals { total_count }, EscaLabel))
    }
}

/// Statistics of the registry.
#[derive(Default)]
pub struct StatisticsQuery;

/// Statistics of the registry.
#[Object]
impl StatisticsQuery {
    /// Counts by voivodeship, organisation kind, ESCA level and KKK status, as of a day
    /// (today when not given).
    async fn statistics(&self, ctx: &Context<'_>, as_of: Option<Date>) -> Result<Statistics> {
        let day = as_of.map_or_else(today, |d| d.0);
        Ok(statistics::compute(db(ctx), day).await.or_api()?.into())
    }
}

/// Reference data.
#[derive(Default)]
pub struct ReferenceQuery;

/// Reference data.
#[Object]
impl ReferenceQuery {
    /// The 16 voivodeships.
    async fn voivodeships(&self) -> Vec<Voivodeship> {
        Voivodeship::all()
    }

    /// The sector taxonomy (the EU's 14 industrial ecosystems).
    async fn sectors(&self, ctx: &Context<'_>) -> Result<Vec<Sector>> {
        Ok(reference::sectors(db(ctx))
            .await
            .or_api()?
            .into_iter()
            .map(Sector)
            .collect())
    }

    /// The documents the registry's facts were taken from.
    async fn source_documents(&self, ctx: &Context<'_>) -> Result<Vec<SourceDocument>> {
        Ok(reference::source_documents(db(ctx))
            .await
            .or_api()?
            .into_iter()
            .map(SourceDocument)
            .collect())
    }
}

/// The query root.
///
/// Limits on every request, over HTTP and WebSocket alike (defaults; the operator may change
/// them), each refused before any SQL runs with a code naming it: fields nested at most 16 deep,
/// and brackets of argument values 16 more (QUERY_TOO_DEEP); complexity at most 100000, where a
/// connection costs its page size times its fields (QUERY_TOO_COMPLEX); at most 30 aliased
/// fields (TOO_MANY_ALIASES), 10000 tokens (TOO_MANY_TOKENS), 50 directives
/// (TOO_MANY_DIRECTIVES), 100 variables (TOO_MANY_VARIABLES) and one field that checks a
/// password (TOO_MANY_CREDENTIAL_CHECKS); a body or WebSocket message of at most 1 MiB
/// (BODY_TOO_LARGE, HTTP 413). A request still running after 30 s is stopped (TIMEOUT, HTTP
/// 503). An API token makes at most 600 requests a minute (RATE_LIMITED, HTTP 429). Pages hold
/// at most 100 items; a response carries at most 50 errors (TOO_MANY_ERRORS).
#[derive(MergedObject, Default)]
pub struct QueryRoot(
    NodeQuery,
    crate::query_accounts::AccountQuery,
    ClusterQuery,
    OrganisationQuery,
    CertificationQuery,
    StatisticsQuery,
    ReferenceQuery,
);
