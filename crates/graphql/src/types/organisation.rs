//! Organisations and their memberships.

use super::cluster::Cluster;
use super::enums::{MembershipRole, MembershipStatus, OrganisationKind};
use super::reference::{Sector, SourceDocument, Voivodeship};
use super::{cluster_by_id, organisation_by_id, sectors_by_ids};
use crate::context::loaders;
use crate::error::OrApi;
use crate::ids::{NodeKind, global_id};
use crate::paging::eager::{EagerNode, NodeField, Plan, Selections, node_value};
use crate::paging::filter_totals;
use crate::scalars::{Date, PartialDate};
use async_graphql::parser::types::Field;
use async_graphql::{
    Context, ID, InputType as _, Object, Result, ScalarType, SelectionField, Value,
};
use klastry_domain::db::rows::ColumnSet;
use klastry_domain::reads::organisations::OrganisationFilter;
use klastry_domain::rules::membership_periods::PeriodDays;
use klastry_entity::{membership, membership_period, organisation};

/// An organisation: a company, university, institute, support institution, local government
/// or NGO that belongs to, coordinates or represents clusters.
pub struct Organisation(pub organisation::Model);

/// An organisation: a company, university, institute, support institution, local government
/// or NGO that belongs to, coordinates or represents clusters.
#[Object]
impl Organisation {
    /// The version to name when changing or deleting this object; raised by every change.
    async fn version(&self) -> i32 {
        self.0.version
    }
    /// Global ID.
    pub async fn id(&self) -> ID {
        global_id(NodeKind::Organisation, self.0.id)
    }
    /// Name as registered.
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// Kind of organisation, when known.
    async fn kind(&self) -> Option<OrganisationKind> {
        self.0.kind.map(Into::into)
    }
    /// The rule by which the registry inferred `kind` where no source states it, in words
    /// (e.g. "from the legal form 'Stowarzyszenie' (an association) → NGO"); null when the
    /// kind is stated or unknown. Setting the kind through the API states it and clears this.
    async fn kind_inferred_by(&self) -> Option<&str> {
        self.0.kind_inferred_by.as_deref()
    }
    /// Polish tax number (10 digits).
    async fn nip(&self) -> Option<&str> {
        self.0.nip.as_deref()
    }
    /// REGON statistical number (9 or 14 digits).
    async fn regon(&self) -> Option<&str> {
        self.0.regon.as_deref()
    }
    /// National Court Register number (10 digits).
    async fn krs(&self) -> Option<&str> {
        self.0.krs.as_deref()
    }
    /// ISO 3166-1 alpha-2 country code.
    async fn country(&self) -> &str {
        &self.0.country
    }
    /// Voivodeship, for Polish organisations, when known.
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
    /// The organisation's public phone number.
    async fn phone(&self) -> Option<&str> {
        self.0.phone.as_deref()
    }
    /// Web site address (http:// or https://).
    async fn website(&self) -> Option<&str> {
        self.0.website.as_deref()
    }
    /// Free-text description; null when none was given.
    async fn description(&self) -> Option<&str> {
        self.0.description.as_deref()
    }
    /// Sectors the organisation works in.
    async fn sectors(&self, ctx: &Context<'_>) -> Result<Vec<Sector>> {
        let links = loaders(ctx)
            .organisation_sectors
            .load_one(self.0.id)
            .await
            .or_api()?
            .unwrap_or_default();
        sectors_by_ids(ctx, links.iter().map(|l| l.sector_id).collect()).await
    }
    /// The organisation's memberships of clusters, whatever their status. Pending and rejected
    /// applications show only to the organisation's members, the cluster's coordinators and
    /// operators.
    async fn memberships(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only the memberships on this day: those with a period \
                    (`Membership.periods`) that may include the day, whatever their status now, \
                    as `Cluster.members(asOf:)` counts them. A period may include the day \
                    unless it certainly started after it (its `joinedOn` begins after the day) \
                    or certainly ended before it (its `leftOn` ends before the day): a period \
                    whose start is unknown counts as possibly current on any day before its \
                    end, and an open period on any day from its start. Without it, every \
                    membership, with or without periods.")]
        as_of: Option<Date>,
    ) -> Result<Vec<Membership>> {
        let rows = loaders(ctx)
            .memberships_by_organisation
            .load_one(self.0.id)
            .await
            .or_api()?;
        let viewer = crate::context::viewer(ctx);
        let visible: Vec<membership::Model> = rows
            .unwrap_or_default()
            .into_iter()
            .filter(|m| {
                is_public(m) || viewer.sees_private_membership(m.cluster_id, m.organisation_id)
            })
            .collect();
        let Some(day) = as_of else {
            return Ok(visible.into_iter().map(Membership::new).collect());
        };
        // Every membership's periods in one statement.
        let periods = loaders(ctx)
            .membership_periods
            .load_many(visible.iter().map(|m| m.id))
            .await
            .or_api()?;
        Ok(visible
            .into_iter()
            .filter(|m| {
                periods.get(&m.id).is_some_and(|periods| {
                    periods.iter().any(|p| {
                        PeriodDays {
                            first_day: p.first_day,
                            last_day: p.last_day,
                        }
                        .may_include(day.0)
                    })
                })
            })
            .map(Membership::new)
            .collect())
    }
    /// The document the organisation was taken from.
    async fn source(&self, ctx: &Context<'_>) -> Result<Option<SourceDocument>> {
        source_document(ctx, self.0.source_document_id).await
    }
    /// When the organisation was added to the registry.
    async fn created_at(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.created_at
    }
    /// When the organisation's record last changed.
    async fn updated_at(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.updated_at
    }
}

/// The `Organisation` fields a page answers straight from the row: the plain reads above, and
/// nothing that loads or checks who asks.
pub(crate) enum OrganisationField {
    Version,
    Id,
    Name,
    Kind,
    KindInferredBy,
    Nip,
    Regon,
    Krs,
    Country,
    City,
    Address,
    PostalCode,
    Phone,
    Website,
    Description,
    CreatedAt,
    UpdatedAt,
}

impl EagerNode for Organisation {
    type Field = OrganisationField;

    fn field(field: &Field, _: &Selections<'_>) -> Option<OrganisationField> {
        use OrganisationField as F;
        Some(match field.name.node.as_str() {
            "version" => F::Version,
            "id" => F::Id,
            "name" => F::Name,
            "kind" => F::Kind,
            "kindInferredBy" => F::KindInferredBy,
            "nip" => F::Nip,
            "regon" => F::Regon,
            "krs" => F::Krs,
            "country" => F::Country,
            "city" => F::City,
            "address" => F::Address,
            "postalCode" => F::PostalCode,
            "phone" => F::Phone,
            "website" => F::Website,
            "description" => F::Description,
            "createdAt" => F::CreatedAt,
            "updatedAt" => F::UpdatedAt,
            _ => return None,
        })
    }

    fn value(&self, field: &OrganisationField) -> Option<Value> {
        use OrganisationField as F;
        let o = &self.0;
        Some(match field {
            F::Version => Value::from(o.version),
            F::Id => Value::String(global_id(NodeKind::Organisation, o.id).0),
            F::Name => Value::String(o.name.clone()),
            F::Kind => o
                .kind
                .map_or(Value::Null, |kind| OrganisationKind::from(kind).to_value()),
            F::KindInferredBy => text(&o.kind_inferred_by),
            F::Nip => text(&o.nip),
            F::Regon => text(&o.regon),
            F::Krs => text(&o.krs),
            F::Country => Value::String(o.country.clone()),
            F::City => text(&o.city),
            F::Address => text(&o.address),
            F::PostalCode => text(&o.postal_code),
            F::Phone => text(&o.phone),
            F::Website => text(&o.website),
            F::Description => text(&o.description),
            F::CreatedAt => ScalarType::to_value(&o.created_at),
            F::UpdatedAt => ScalarType::to_value(&o.updated_at),
        })
    }
}

/// An optional text column as the API shows it.
fn text(value: &Option<String>) -> Value {
    value.clone().map_or(Value::Null, Value::String)
}

/// The organisation columns an `Organisation` field shows; `None` for a field not listed here,
/// for which a read fills every column. A resolver that shows a column its field does not list
/// would show an empty value wherever a member page reads only the columns asked for.
fn organisation_columns(field: &str) -> Option<ColumnSet> {
    use organisation::Column as O;
    let columns: &[O] = match field {
        "__typename" | "id" | "sectors" | "memberships" => &[],
        "version" => &[O::Version],
        "name" => &[O::Name],
        "kind" => &[O::Kind],
        "kindInferredBy" => &[O::KindInferredBy],
        "nip" => &[O::Nip],
        "regon" => &[O::Regon],
        "krs" => &[O::Krs],
        "country" => &[O::Country],
        "voivodeship" => &[O::VoivodeshipTeryt],
        "city" => &[O::City],
        "address" => &[O::Address],
        "postalCode" => &[O::PostalCode],
        "phone" => &[O::Phone],
        "website" => &[O::Website],
        "description" => &[O::Description],
        "source" => &[O::SourceDocumentId],
        "createdAt" => &[O::CreatedAt],
        "updatedAt" => &[O::UpdatedAt],
        _ => return None,
    };
    Some(ColumnSet::of(columns.iter().copied()))
}

/// The membership columns a `Membership` field shows, as [`organisation_columns`]; the
/// organisation's own fields are counted apart.
fn membership_columns(field: &str) -> Option<ColumnSet> {
    use membership::Column as M;
    let columns: &[M] = match field {
        // Every page reads the membership's keys, role and status (`MemberPageArgs::reading`).
        "__typename" | "id" | "cluster" | "organisation" | "role" | "status" | "periods" => &[],
        "version" => &[M::Version],
        "applicationMessage" => &[M::ApplicationMessage],
        "decisionReason" => &[M::DecisionReason],
        "decidedAt" => &[M::DecidedAt],
        "joinedOn" => &[M::JoinedOn],
        "leftOn" => &[M::LeftOn],
        "source" => &[M::SourceDocumentId],
        _ => return None,
    };
    Some(ColumnSet::of(columns.iter().copied()))
}

/// The nodes a connection's selection shows: those under `edges { node }` and under `nodes`,
/// fragments included.
fn connection_nodes<'a>(page: SelectionField<'a>) -> Vec<SelectionField<'a>> {
    let mut nodes = Vec::new();
    for part in page.selection_set() {
        match part.name() {
            "edges" => nodes.extend(part.selection_set().filter(|field| field.name() == "node")),
            "nodes" => nodes.push(part),
            _ => {}
        }
    }
    nodes
}

/// The columns `fields` show, by the field-to-column table `columns`.
fn shown<'a>(
    fields: impl Iterator<Item = SelectionField<'a>>,
    columns: fn(&str) -> Option<ColumnSet>,
) -> ColumnSet {
    fields.fold(ColumnSet::NONE, |set, field| {
        set.union(columns(field.name()).unwrap_or(ColumnSet::ALL))
    })
}

/// The organisation columns a page of organisations shows.
pub(crate) fn organisation_page_columns(page: SelectionField<'_>) -> ColumnSet {
    connection_nodes(page)
        .into_iter()
        .fold(ColumnSet::NONE, |set, node| {
            set.union(shown(node.selection_set(), organisation_columns))
        })
}

/// The membership and organisation columns a page of members shows.
pub(crate) fn member_page_columns(page: SelectionField<'_>) -> (ColumnSet, ColumnSet) {
    let mut memberships = ColumnSet::NONE;
    let mut organisations = ColumnSet::NONE;
    for node in connection_nodes(page) {
        memberships = memberships.union(shown(node.selection_set(), membership_columns));
        for organisation in node
            .selection_set()
            .filter(|field| field.name() == "organisation")
        {
            organisations =
                organisations.union(shown(organisation.selection_set(), organisation_columns));
        }
    }
    (memberships, organisations)
}

/// Loads a source document through the request's loader.
pub(crate) async fn source_document(
    ctx: &Context<'_>,
    id: Option<i32>,
) -> Result<Option<SourceDocument>> {
    let Some(id) = id else { return Ok(None) };
    Ok(loaders(ctx)
        .source_documents
        .load_one(id)
        .await
        .or_api()?
        .map(SourceDocument))
}

/// An organisation's membership of a cluster.
pub struct Membership(pub membership::Model, pub Option<Organisation>);

impl Membership {
    /// A membership whose organisation is read through the request's loader.
    pub fn new(membership: membership::Model) -> Self {
        Self(membership, None)
    }
}

/// Whether anyone may see a membership: applications (pending or rejected) are private.
pub(crate) fn is_public(m: &membership::Model) -> bool {
    matches!(
        m.status,
        klastry_entity::MembershipStatus::Active | klastry_entity::MembershipStatus::Left
    )
}

/// An organisation's membership of a cluster.
#[Object]
impl Membership {
    /// The version to name when changing or deleting this object; raised by every change.
    async fn version(&self) -> i32 {
        self.0.version
    }
    /// What the organisation wrote when it applied. Private: null except for the applicant's
    /// accounts, the cluster's coordinators, its API tokens with a cluster scope, and operators.
    async fn application_message(&self, ctx: &Context<'_>) -> Option<&str> {
        crate::context::viewer(ctx)
            .sees_private_membership(self.0.cluster_id, self.0.organisation_id)
            .then_some(self.0.application_message.as_deref())
            .flatten()
    }
    /// Why the application was approved or rejected. Private, as `applicationMessage`.
    async fn decision_reason(&self, ctx: &Context<'_>) -> Option<&str> {
        crate::context::viewer(ctx)
            .sees_private_membership(self.0.cluster_id, self.0.organisation_id)
            .then_some(self.0.decision_reason.as_deref())
            .flatten()
    }
    /// When the application was decided.
    async fn decided_at(&self) -> Option<chrono::DateTime<chrono::Utc>> {
        self.0.decided_at
    }
    /// Global ID.
    pub async fn id(&self) -> ID {
        global_id(NodeKind::Membership, self.0.id)
    }
    /// The cluster.
    async fn cluster(&self, ctx: &Context<'_>) -> Result<Option<Cluster>> {
        cluster_by_id(ctx, self.0.cluster_id).await
    }
    /// The member organisation.
    async fn organisation(&self, ctx: &Context<'_>) -> Result<Option<Organisation>> {
        if let Some(organisation) = &self.1 {
            return Ok(Some(Organisation(organisation.0.clone())));
        }
        organisation_by_id(ctx, Some(self.0.organisation_id)).await
    }
    /// The part the organisation plays.
    async fn role(&self) -> MembershipRole {
        self.0.role.into()
    }
    /// Where the membership stands.
    async fn status(&self) -> MembershipStatus {
        self.0.status.into()
    }
    /// When the organisation joined.
    async fn joined_on(&self) -> Option<PartialDate> {
        PartialDate::from_stored(self.0.joined_on.as_deref())
    }
    /// When the organisation left.
    async fn left_on(&self) -> Option<PartialDate> {
        PartialDate::from_stored(self.0.left_on.as_deref())
    }
    /// The document the membership was taken from.
    async fn source(&self, ctx: &Context<'_>) -> Result<Option<SourceDocument>> {
        source_document(ctx, self.0.source_document_id).await
    }
    /// Every period the organisation was a member of the cluster, in the order they were
    /// recorded (the earliest first): one for each time it joined, the earlier ones kept when
    /// it left and joined again. The latest period's dates are the membership's `joinedOn` and
    /// `leftOn` (but while an organisation that left has applied again, or its new application
    /// was rejected, the membership's `joinedOn` and `leftOn` are null and its periods still
    /// show). Empty for an application never approved.
    async fn periods(&self, ctx: &Context<'_>) -> Result<Vec<MembershipPeriod>> {
        Ok(loaders(ctx)
            .membership_periods
            .load_one(self.0.id)
            .await
            .or_api()?
            .unwrap_or_default()
            .into_iter()
            .map(MembershipPeriod)
            .collect())
    }
}

/// The `Membership` fields a page answers straight from the row and the organisation it
/// carries; the private ones, which check who asks, and those that load go to the executor.
pub(crate) enum MembershipField {
    Version,
    Id,
    Role,
    Status,
    JoinedOn,
    LeftOn,
    DecidedAt,
    Organisation(Plan<NodeField<OrganisationField>>),
}

impl EagerNode for Membership {
    type Field = MembershipField;

    fn field(field: &Field, selections: &Selections<'_>) -> Option<MembershipField> {
        use MembershipField as F;
        Some(match field.name.node.as_str() {
            "version" => F::Version,
            "id" => F::Id,
            "role" => F::Role,
            "status" => F::Status,
            "joinedOn" => F::JoinedOn,
            "leftOn" => F::LeftOn,
            "decidedAt" => F::DecidedAt,
            "organisation" => F::Organisation(selections.node_plan::<Organisation>()?),
            _ => return None,
        })
    }

    fn value(&self, field: &MembershipField) -> Option<Value> {
        use MembershipField as F;
        let m = &self.0;
        let date = |stored: &Option<String>| {
            PartialDate::from_stored(stored.as_deref())
                .map_or(Value::Null, |d| ScalarType::to_value(&d))
        };
        Some(match field {
            F::Version => Value::from(m.version),
            F::Id => Value::String(global_id(NodeKind::Membership, m.id).0),
            F::Role => MembershipRole::from(m.role).to_value(),
            F::Status => MembershipStatus::from(m.status).to_value(),
            F::JoinedOn => date(&m.joined_on),
            F::LeftOn => date(&m.left_on),
            F::DecidedAt => m
                .decided_at
                .map_or(Value::Null, |at| ScalarType::to_value(&at)),
            // Only a membership that carries its organisation answers without a load.
            F::Organisation(plan) => node_value(self.1.as_ref()?, plan)?,
        })
    }
}

/// One period of an organisation's membership of a cluster: from the day it joined to the day
/// it left.
pub struct MembershipPeriod(pub membership_period::Model);

/// One period of an organisation's membership of a cluster: from the day it joined to the day
/// it left, each as precisely as the source gives it.
#[Object]
impl MembershipPeriod {
    /// When the organisation joined, to the year, month or day the source gives; null when no
    /// source says (the period may then have begun any day before it ended).
    async fn joined_on(&self) -> Option<PartialDate> {
        PartialDate::from_stored(self.0.joined_on.as_deref())
    }
    /// When the organisation left, to the year, month or day the source gives; null while the
    /// period is open (the organisation is a member still, or no source says when it left).
    async fn left_on(&self) -> Option<PartialDate> {
        PartialDate::from_stored(self.0.left_on.as_deref())
    }
    /// The document the period was taken from; null when it was recorded in the registry
    /// itself (an approval, a member a coordinator added) or no source was named.
    async fn source(&self, ctx: &Context<'_>) -> Result<Option<SourceDocument>> {
        source_document(ctx, self.0.source_document_id).await
    }
}

filter_totals! {
    /// Totals of an organisation list.
    pub struct OrganisationTotals(OrganisationFilter) => klastry_domain::reads::organisations::count;
    /// How many organisations match, on all pages.
    total_count;
}
