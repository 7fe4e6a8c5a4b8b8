//! The subscription root: live changes over WebSocket (graphql-transport-ws).
//!
//! The server feeds every committed event into the [`EventBus`] (from PostgreSQL's
//! LISTEN/NOTIFY or by polling SQLite), so a subscriber on any server hears of changes made
//! through any other. Each subscription filters the bus by kind, cluster, voivodeship and what
//! its viewer may see.

use crate::error::{ApiError, OrApi};
use crate::ids::{NodeKind, parse_id_of};
use crate::loaders::Loaders;
use crate::types::events::{EventFilter, EventKind, RegistryEvent};
use async_graphql::{Context, ErrorExtensions, Result, Subscription};
use futures_util::stream::{Stream, StreamExt};
use klastry_domain::rules::events::{EventKind as DomainKind, visible_to};
use klastry_entity::registry_event;
use std::sync::Arc;
use tokio::sync::broadcast;

/// How many events a slow subscriber may fall behind before it is told it lost some.
const BUS_CAPACITY: usize = 4096;

/// The process's fan-out of committed events to its subscriptions.
#[derive(Clone)]
pub struct EventBus(broadcast::Sender<Arc<registry_event::Model>>);

impl Default for EventBus {
    fn default() -> Self {
        Self(broadcast::channel(BUS_CAPACITY).0)
    }
}

impl EventBus {
    /// Hands a committed event to every subscription of this process.
    pub fn publish(&self, event: registry_event::Model) {
        // No receivers is the normal state of a server nobody subscribes to.
        let _ = self.0.send(Arc::new(event));
    }

    /// A receiver of every event published from now on.
    pub fn subscribe(&self) -> broadcast::Receiver<Arc<registry_event::Model>> {
        self.0.subscribe()
    }

    /// How many subscriptions are listening.
    pub fn subscribers(&self) -> usize {
        self.0.receiver_count()
    }
}

/// Every subscription.
#[derive(Default)]
pub struct SubscriptionRoot;

/// What one subscription listens for.
struct Wanted {
    kinds: Vec<DomainKind>,
    cluster_id: Option<i32>,
    voivodeship: Option<&'static str>,
}

impl Wanted {
    fn new(kinds: Vec<DomainKind>, filter: Option<EventFilter>) -> Result<Self> {
        let filter = filter.unwrap_or_default();
        let cluster_id = match &filter.cluster_id {
            Some(id) => Some(parse_id_of("filter.clusterId", NodeKind::Cluster, id).or_api()?),
            None => None,
        };
        Ok(Self {
            kinds,
            cluster_id,
            voivodeship: filter.voivodeship.map(|v| v.teryt()),
        })
    }

    fn matches(&self, event: &registry_event::Model) -> bool {
        DomainKind::parse(&event.kind).is_some_and(|k| self.kinds.contains(&k))
            && self.cluster_id.is_none_or(|c| event.cluster_id == Some(c))
            && self
                .voivodeship
                .is_none_or(|v| event.voivodeship_teryt.as_deref() == Some(v))
    }
}

/// The events `wanted` names that the subscriber may see, as they are committed.
fn events<'a>(
    ctx: &Context<'a>,
    wanted: Wanted,
) -> Result<impl Stream<Item = Result<RegistryEvent>> + 'a> {
    let bus = ctx.data::<EventBus>()?;
    let viewer = crate::types::viewer(ctx).clone();
    let loaders = ctx.data_opt::<Loaders>();
    let receiver = bus.subscribe();
    let stream = futures_util::stream::unfold(receiver, |mut receiver| async move {
        let item = match receiver.recv().await {
            Ok(event) => Ok(event),
            Err(broadcast::error::RecvError::Lagged(missed)) => Err(missed),
            Err(broadcast::error::RecvError::Closed) => return None,
        };
        Some((item, receiver))
    })
    .filter_map(move |item| {
        let keep = match &item {
            Ok(event) => {
                wanted.matches(event)
                    && visible_to(
                        &viewer,
                        event.is_public,
                        event.cluster_id,
                        event.organisation_id,
                    )
            }
            Err(_) => true,
        };
        async move { keep.then_some(item) }
    })
    .map(move |item| match item {
        Ok(event) => {
            // The connection's loaders outlive one event; what the event names is read fresh.
            if let Some(loaders) = loaders {
                loaders.forget();
            }
            Ok(RegistryEvent((*event).clone()))
        }
        Err(missed) => Err(ApiError::EventsMissed(missed).extend()),
    });
    Ok(stream)
}

#[Subscription]
impl SubscriptionRoot {
    /// A cluster or what belongs to it changed (profile, services, events, projects, board,
    /// figures).
    async fn cluster_changed<'a>(
        &self,
        ctx: &Context<'a>,
        filter: Option<EventFilter>,
    ) -> Result<impl Stream<Item = Result<RegistryEvent>> + 'a> {
        events(ctx, Wanted::new(vec![DomainKind::ClusterChanged], filter)?)
    }

    /// A membership changed: a member added, approved, changed or leaving. Applications and
    /// rejections reach only the cluster's coordinators and the applicant's members.
    async fn membership_changed<'a>(
        &self,
        ctx: &Context<'a>,
        filter: Option<EventFilter>,
    ) -> Result<impl Stream<Item = Result<RegistryEvent>> + 'a> {
        events(
            ctx,
            Wanted::new(vec![DomainKind::MembershipChanged], filter)?,
        )
    }

    /// A KKK certification was recorded, changed or withdrawn.
    async fn certification_changed<'a>(
        &self,
        ctx: &Context<'a>,
        filter: Option<EventFilter>,
    ) -> Result<impl Stream<Item = Result<RegistryEvent>> + 'a> {
        events(
            ctx,
            Wanted::new(vec![DomainKind::CertificationChanged], filter)?,
        )
    }

    /// An ESCA label was recorded, changed or withdrawn.
    async fn label_changed<'a>(
        &self,
        ctx: &Context<'a>,
        filter: Option<EventFilter>,
    ) -> Result<impl Stream<Item = Result<RegistryEvent>> + 'a> {
        events(ctx, Wanted::new(vec![DomainKind::LabelChanged], filter)?)
    }

    /// A cooperation notice was posted.
    async fn cooperation_offer_posted<'a>(
        &self,
        ctx: &Context<'a>,
        filter: Option<EventFilter>,
    ) -> Result<impl Stream<Item = Result<RegistryEvent>> + 'a> {
        events(
            ctx,
            Wanted::new(vec![DomainKind::CooperationOfferPosted], filter)?,
        )
    }

    /// An organisation's profile changed.
    async fn organisation_changed<'a>(
        &self,
        ctx: &Context<'a>,
        filter: Option<EventFilter>,
    ) -> Result<impl Stream<Item = Result<RegistryEvent>> + 'a> {
        events(
            ctx,
            Wanted::new(vec![DomainKind::OrganisationChanged], filter)?,
        )
    }

    /// Every change of the given kinds (all kinds when none are given): one connection to
    /// mirror the registry by.
    async fn registry_changed<'a>(
        &self,
        ctx: &Context<'a>,
        #[graphql(default)] kinds: Vec<EventKind>,
        filter: Option<EventFilter>,
    ) -> Result<impl Stream<Item = Result<RegistryEvent>> + 'a> {
        let kinds = if kinds.is_empty() {
            DomainKind::ALL.to_vec()
        } else {
            kinds.into_iter().map(Into::into).collect()
        };
        events(ctx, Wanted::new(kinds, filter)?)
    }
}
