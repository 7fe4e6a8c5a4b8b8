//! Changes as partners hear of them, through subscriptions and webhooks.

use super::{cluster_by_id, organisation_by_id};
use crate::ids::{NodeKind, global_id};
use crate::types::cluster::Cluster;
use crate::types::enums::VoivodeshipCode;
use crate::types::organisation::Organisation;
use crate::types::reference::Voivodeship;
use async_graphql::{Context, Enum, ID, InputObject, Object, Result};
use chrono::{DateTime, Utc};
use klastry_domain::rules::events::EventKind as DomainKind;
use klastry_entity::registry_event;

/// The kinds of change partners hear of.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
pub enum EventKind {
    /// A cluster or what belongs to it: profile, services, events, projects, board, figures.
    ClusterChanged,
    /// A membership: an application and its decision, a member added, changed or leaving.
    /// Applications and rejections reach only the cluster's coordinators and the applicant.
    MembershipChanged,
    /// A KKK certification recorded, changed or withdrawn.
    CertificationChanged,
    /// An ESCA label recorded, changed or withdrawn.
    LabelChanged,
    /// A cooperation notice posted on the board.
    CooperationOfferPosted,
    /// An organisation's profile.
    OrganisationChanged,
    /// A KKK status ends in 180, 90, 30 or 7 days (counted to the first day it may end when
    /// its sources leave the end open), or lapsed in the last week. Once per threshold.
    CertificationExpiring,
    /// An ESCA label ends in 180, 90, 30 or 7 days, or lapsed in the last week. Once per
    /// threshold.
    LabelExpiring,
}

impl From<EventKind> for DomainKind {
    fn from(kind: EventKind) -> Self {
        match kind {
            EventKind::ClusterChanged => DomainKind::ClusterChanged,
            EventKind::MembershipChanged => DomainKind::MembershipChanged,
            EventKind::CertificationChanged => DomainKind::CertificationChanged,
            EventKind::LabelChanged => DomainKind::LabelChanged,
            EventKind::CooperationOfferPosted => DomainKind::CooperationOfferPosted,
            EventKind::OrganisationChanged => DomainKind::OrganisationChanged,
            EventKind::CertificationExpiring => DomainKind::CertificationExpiring,
            EventKind::LabelExpiring => DomainKind::LabelExpiring,
        }
    }
}

impl From<DomainKind> for EventKind {
    fn from(kind: DomainKind) -> Self {
        match kind {
            DomainKind::ClusterChanged => EventKind::ClusterChanged,
            DomainKind::MembershipChanged => EventKind::MembershipChanged,
            DomainKind::CertificationChanged => EventKind::CertificationChanged,
            DomainKind::LabelChanged => EventKind::LabelChanged,
            DomainKind::CooperationOfferPosted => EventKind::CooperationOfferPosted,
            DomainKind::OrganisationChanged => EventKind::OrganisationChanged,
            DomainKind::CertificationExpiring => EventKind::CertificationExpiring,
            DomainKind::LabelExpiring => EventKind::LabelExpiring,
        }
    }
}

/// Which changes a subscriber wants; both conditions must hold when both are given.
#[derive(InputObject, Default, Clone)]
pub struct EventFilter {
    /// Only changes concerning this cluster.
    pub cluster_id: Option<ID>,
    /// Only changes in this voivodeship (of the cluster's seat, the organisation or the notice).
    pub voivodeship: Option<VoivodeshipCode>,
}

/// A change to the registry. It says what changed and where, not the new values: select them
/// through `cluster`, `organisation` or `node(id: subjectId)`, read as they are now, with the
/// reader's own rights.
pub struct RegistryEvent(pub registry_event::Model);

#[Object]
impl RegistryEvent {
    /// Global ID; the same in every subscription and webhook delivery, for de-duplication.
    pub async fn id(&self) -> ID {
        global_id(NodeKind::RegistryEvent, self.0.id)
    }
    /// The event's number: increasing in the order events were written.
    async fn sequence(&self) -> i32 {
        self.0.id
    }
    /// What kind of change.
    async fn kind(&self) -> Option<EventKind> {
        DomainKind::parse(&self.0.kind).map(Into::into)
    }
    /// The step taken: CREATE, UPDATE, DELETE, or a membership's APPLY, APPROVE, REJECT,
    /// WITHDRAW, LEAVE.
    async fn action(&self) -> &str {
        &self.0.action
    }
    /// The type of the changed object (Cluster, Membership, KkkCertification, ...).
    async fn subject_type(&self) -> &str {
        &self.0.subject_type
    }
    /// The global ID of the changed object.
    async fn subject_id(&self) -> Option<ID> {
        NodeKind::from_name(&self.0.subject_type).map(|kind| global_id(kind, self.0.subject_id))
    }
    /// When the change was made.
    async fn occurred_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
    /// The ID of the cluster the change concerns, kept when the cluster is deleted.
    async fn cluster_id(&self) -> Option<ID> {
        self.0.cluster_id.map(|id| global_id(NodeKind::Cluster, id))
    }
    /// The cluster the change concerns, as it is now; null if it is gone.
    async fn cluster(&self, ctx: &Context<'_>) -> Result<Option<Cluster>> {
        match self.0.cluster_id {
            Some(id) => cluster_by_id(ctx, id).await,
            None => Ok(None),
        }
    }
    /// The ID of the organisation the change concerns, kept when it is deleted.
    async fn organisation_id(&self) -> Option<ID> {
        self.0
            .organisation_id
            .map(|id| global_id(NodeKind::Organisation, id))
    }
    /// The organisation the change concerns, as it is now; null if it is gone.
    async fn organisation(&self, ctx: &Context<'_>) -> Result<Option<Organisation>> {
        organisation_by_id(ctx, self.0.organisation_id).await
    }
    /// The voivodeship of the cluster's seat, the organisation or the notice.
    async fn voivodeship(&self) -> Option<Voivodeship> {
        self.0
            .voivodeship_teryt
            .as_deref()
            .and_then(Voivodeship::from_teryt)
    }
    /// False when only the cluster's coordinators and the organisation's members hear of it
    /// (applications and rejections).
    async fn is_public(&self) -> bool {
        self.0.is_public
    }
}
