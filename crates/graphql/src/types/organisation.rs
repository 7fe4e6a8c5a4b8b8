//! Organisations and their memberships.

use super::cluster::Cluster;
use super::enums::{MembershipRole, MembershipStatus, OrganisationKind};
use super::reference::{Sector, SourceDocument, Voivodeship};
use super::{cluster_by_id, loaders, organisation_by_id, sectors_by_ids};
use crate::error::OrApi;
use crate::ids::{NodeKind, global_id};
use crate::scalars::PartialDate;
use async_graphql::{Context, ID, Object, Result};
use klastry_domain::services::organisations::OrganisationFilter;
use klastry_entity::{membership, organisation};

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
    /// City.
    async fn city(&self) -> Option<&str> {
        self.0.city.as_deref()
    }
    /// Street address.
    async fn address(&self) -> Option<&str> {
        self.0.address.as_deref()
    }
    /// Postal code.
    async fn postal_code(&self) -> Option<&str> {
        self.0.postal_code.as_deref()
    }
    /// The organisation's public phone number.
    async fn phone(&self) -> Option<&str> {
        self.0.phone.as_deref()
    }
    /// Website.
    async fn website(&self) -> Option<&str> {
        self.0.website.as_deref()
    }
    /// Description.
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
    /// The organisation's memberships of clusters. Pending and rejected applications show only
    /// to the organisation's members, the cluster's coordinators and operators.
    async fn memberships(&self, ctx: &Context<'_>) -> Result<Vec<Membership>> {
        let rows = loaders(ctx)
            .memberships_by_organisation
            .load_one(self.0.id)
            .await
            .or_api()?;
        let viewer = super::viewer(ctx);
        Ok(rows
            .unwrap_or_default()
            .into_iter()
            .filter(|m| {
                is_public(m) || viewer.sees_private_membership(m.cluster_id, m.organisation_id)
            })
            .map(Membership)
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
pub struct Membership(pub membership::Model);

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
    /// What the organisation wrote when it applied.
    async fn application_message(&self) -> Option<&str> {
        self.0.application_message.as_deref()
    }
    /// Why the application was approved or rejected.
    async fn decision_reason(&self) -> Option<&str> {
        self.0.decision_reason.as_deref()
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
}

/// Totals of an organisation list.
pub struct OrganisationTotals {
    /// The list's filter, counted only when a client asks.
    pub filter: OrganisationFilter,
}

/// Totals of an organisation list.
#[Object]
impl OrganisationTotals {
    /// How many organisations match, on all pages.
    async fn total_count(&self, ctx: &Context<'_>) -> Result<u64> {
        let db = ctx.data_unchecked::<sea_orm::DatabaseConnection>();
        klastry_domain::services::organisations::count(db, &self.filter)
            .await
            .or_api()
    }
}
