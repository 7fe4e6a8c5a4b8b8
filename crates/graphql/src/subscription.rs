//! The subscription root: live changes over WebSocket (graphql-transport-ws).
//!
//! The server feeds every committed event into the [`EventBus`](crate::EventBus) (from PostgreSQL's
//! LISTEN/NOTIFY or by polling SQLite), so a subscriber on any server hears of changes made
//! through any other. Each subscription filters the bus by kind, cluster, voivodeship and what
//! its viewer may see.

use crate::error::{ApiError, OrApi};
use crate::ids::{NodeKind, parse_id_of};
use crate::types::events::{EventFilter, EventKind, RegistryEvent};
use crate::types::notifications::{InboxState, Notification};
use async_graphql::{Context, ErrorExtensions, Result, Subscription};
use futures_util::stream::{Stream, StreamExt};
use klastry_domain::FieldErrorCode;
use klastry_domain::rules::events::{EventKind as DomainKind, visible_to};
use klastry_entity::registry_event;
use std::collections::HashSet;
use std::sync::Arc;
use std::sync::Mutex;
use tokio::sync::broadcast;

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

/// What a subscription's stream carries before filtering.
enum Item {
    /// An event.
    Event(Arc<registry_event::Model>),
    /// The subscriber fell behind and this many events were dropped.
    Missed(u64),
    /// Replaying stored events failed.
    Failed,
}

/// Most stored events read at once when replaying.
const REPLAY_BATCH: u64 = 500;

/// The events `wanted` names that the subscriber may see: first those stored after `after`
/// (when given), then each as it is committed.
fn events<'a>(
    ctx: &Context<'a>,
    wanted: Wanted,
    after: Option<i32>,
) -> Result<impl Stream<Item = Result<RegistryEvent>> + 'a> {
    if after.is_some_and(|a| a < 0) {
        return Err(ApiError::bad_input(
            "after",
            FieldErrorCode::OutOfRange,
            "must be a sequence number, 0 or more",
        ))
        .or_api();
    }
    let bus = crate::context::event_bus(ctx)?;
    let db = crate::context::db(ctx).clone();
    let viewer = crate::context::viewer(ctx).clone();
    let loaders = crate::context::loaders_if_any(ctx);
    // Listening starts before the replay reads, so an event committed in between is not lost;
    // one that arrives both ways is sent once.
    let receiver = bus.subscribe();
    let replayed: Arc<Mutex<HashSet<i32>>> = Arc::default();
    let replay = match after {
        None => futures_util::stream::empty().boxed(),
        Some(after) => {
            let replayed = replayed.clone();
            futures_util::stream::unfold(Some(after), move |cursor| {
                let db = db.clone();
                let replayed = replayed.clone();
                async move {
                    let cursor = cursor?;
                    match klastry_domain::platform::events::after(&db, cursor, REPLAY_BATCH).await {
                        Ok(batch) => {
                            let last = batch.last()?.id;
                            replayed
                                .lock()
                                .unwrap_or_else(|p| p.into_inner())
                                .extend(batch.iter().map(|e| e.id));
                            let items: Vec<Item> = batch
                                .into_iter()
                                .map(|e| Item::Event(Arc::new(e)))
                                .collect();
                            Some((futures_util::stream::iter(items), Some(last)))
                        }
                        Err(error) => {
                            tracing::error!(%error, "replaying events failed");
                            Some((futures_util::stream::iter(vec![Item::Failed]), None))
                        }
                    }
                }
            })
            .flatten()
            .boxed()
        }
    };
    let live = futures_util::stream::unfold(receiver, |mut receiver| async move {
        let item = match receiver.recv().await {
            Ok(event) => Item::Event(event),
            Err(broadcast::error::RecvError::Lagged(missed)) => Item::Missed(missed),
            Err(broadcast::error::RecvError::Closed) => return None,
        };
        Some((item, receiver))
    })
    .filter(move |item| {
        // A live event the subscriber has seen: one it named by `after` or one replayed to it
        // (a busy server's pump may hand out an event after a replay already sent it).
        let fresh = match item {
            Item::Event(event) => {
                after.is_none_or(|a| event.id > a)
                    && !replayed
                        .lock()
                        .unwrap_or_else(|p| p.into_inner())
                        .contains(&event.id)
            }
            _ => true,
        };
        async move { fresh }
    });
    let stream = replay
        .chain(live)
        .filter(move |item| {
            let keep = match item {
                Item::Event(event) => {
                    wanted.matches(event)
                        && visible_to(
                            &viewer,
                            event.is_public,
                            event.cluster_id,
                            event.organisation_id,
                        )
                }
                _ => true,
            };
            async move { keep }
        })
        .map(move |item| match item {
            Item::Event(event) => {
                // The connection's loaders outlive one event; what the event names is read
                // fresh.
                if let Some(loaders) = loaders {
                    loaders.forget();
                }
                Ok(RegistryEvent((*event).clone()))
            }
            Item::Missed(missed) => Err(ApiError::EventsMissed(missed).extend()),
            Item::Failed => Err(ApiError::Internal.extend()),
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
        #[graphql(
            desc = "Replay the stored events after this `sequence` first (the last one you saw), then go on live; events are kept for 30 days by default."
        )]
        after: Option<i32>,
    ) -> Result<impl Stream<Item = Result<RegistryEvent>> + 'a> {
        events(
            ctx,
            Wanted::new(vec![DomainKind::ClusterChanged], filter)?,
            after,
        )
    }

    /// A membership changed: a member added, approved, changed or leaving. Applications and
    /// rejections reach only the cluster's coordinators and the applicant's members.
    async fn membership_changed<'a>(
        &self,
        ctx: &Context<'a>,
        filter: Option<EventFilter>,
        #[graphql(
            desc = "Replay the stored events after this `sequence` first (the last one you saw), then go on live; events are kept for 30 days by default."
        )]
        after: Option<i32>,
    ) -> Result<impl Stream<Item = Result<RegistryEvent>> + 'a> {
        events(
            ctx,
            Wanted::new(vec![DomainKind::MembershipChanged], filter)?,
            after,
        )
    }

    /// A KKK certification was recorded, changed or withdrawn.
    async fn certification_changed<'a>(
        &self,
        ctx: &Context<'a>,
        filter: Option<EventFilter>,
        #[graphql(
            desc = "Replay the stored events after this `sequence` first (the last one you saw), then go on live; events are kept for 30 days by default."
        )]
        after: Option<i32>,
    ) -> Result<impl Stream<Item = Result<RegistryEvent>> + 'a> {
        events(
            ctx,
            Wanted::new(vec![DomainKind::CertificationChanged], filter)?,
            after,
        )
    }

    /// An ESCA label was recorded, changed or withdrawn.
    async fn label_changed<'a>(
        &self,
        ctx: &Context<'a>,
        filter: Option<EventFilter>,
        #[graphql(
            desc = "Replay the stored events after this `sequence` first (the last one you saw), then go on live; events are kept for 30 days by default."
        )]
        after: Option<i32>,
    ) -> Result<impl Stream<Item = Result<RegistryEvent>> + 'a> {
        events(
            ctx,
            Wanted::new(vec![DomainKind::LabelChanged], filter)?,
            after,
        )
    }

    /// A cooperation notice was posted.
    async fn cooperation_offer_posted<'a>(
        &self,
        ctx: &Context<'a>,
        filter: Option<EventFilter>,
        #[graphql(
            desc = "Replay the stored events after this `sequence` first (the last one you saw), then go on live; events are kept for 30 days by default."
        )]
        after: Option<i32>,
    ) -> Result<impl Stream<Item = Result<RegistryEvent>> + 'a> {
        events(
            ctx,
            Wanted::new(vec![DomainKind::CooperationOfferPosted], filter)?,
            after,
        )
    }

    /// An organisation's profile changed.
    async fn organisation_changed<'a>(
        &self,
        ctx: &Context<'a>,
        filter: Option<EventFilter>,
        #[graphql(
            desc = "Replay the stored events after this `sequence` first (the last one you saw), then go on live; events are kept for 30 days by default."
        )]
        after: Option<i32>,
    ) -> Result<impl Stream<Item = Result<RegistryEvent>> + 'a> {
        events(
            ctx,
            Wanted::new(vec![DomainKind::OrganisationChanged], filter)?,
            after,
        )
    }

    /// A KKK status ends in 180, 90, 30 or 7 days (counted to the first day it may end when its
    /// sources leave the end open), or lapsed in the last week: once per threshold, whatever
    /// number of servers runs.
    async fn certification_expiring<'a>(
        &self,
        ctx: &Context<'a>,
        filter: Option<EventFilter>,
        #[graphql(
            desc = "Replay the stored events after this `sequence` first (the last one you saw), then go on live; events are kept for 30 days by default."
        )]
        after: Option<i32>,
    ) -> Result<impl Stream<Item = Result<RegistryEvent>> + 'a> {
        events(
            ctx,
            Wanted::new(vec![DomainKind::CertificationExpiring], filter)?,
            after,
        )
    }

    /// An ESCA label ends in 180, 90, 30 or 7 days, or lapsed in the last week: once per
    /// threshold.
    async fn label_expiring<'a>(
        &self,
        ctx: &Context<'a>,
        filter: Option<EventFilter>,
        #[graphql(
            desc = "Replay the stored events after this `sequence` first (the last one you saw), then go on live; events are kept for 30 days by default."
        )]
        after: Option<i32>,
    ) -> Result<impl Stream<Item = Result<RegistryEvent>> + 'a> {
        events(
            ctx,
            Wanted::new(vec![DomainKind::LabelExpiring], filter)?,
            after,
        )
    }

    /// The signed-in account's inbox: its unread count and newest notification at once, then
    /// again whenever a notification comes or some are marked read, through any server. For
    /// people only (an API token is FORBIDDEN).
    async fn inbox<'a>(
        &self,
        ctx: &Context<'a>,
    ) -> Result<impl Stream<Item = Result<InboxState>> + 'a> {
        let user_id = crate::context::viewer(ctx).account().or_api()?.user_id;
        let bus = crate::context::event_bus(ctx)?;
        let db = crate::context::db(ctx).clone();
        let receiver = bus.subscribe_inbox();
        let first = futures_util::stream::once(async {});
        let changes = futures_util::stream::unfold(receiver, move |mut receiver| async move {
            loop {
                match receiver.recv().await {
                    Ok(ids) if ids.contains(&user_id) => return Some(((), receiver)),
                    Ok(_) => {}
                    // Fallen behind: read the count again rather than guess.
                    Err(broadcast::error::RecvError::Lagged(_)) => return Some(((), receiver)),
                    Err(broadcast::error::RecvError::Closed) => return None,
                }
            }
        });
        Ok(first.chain(changes).then(move |()| {
            let db = db.clone();
            async move { inbox_state(&db, user_id).await }
        }))
    }

    /// Every change of the given kinds (all kinds when none are given): one connection to
    /// mirror the registry by.
    async fn registry_changed<'a>(
        &self,
        ctx: &Context<'a>,
        #[graphql(default)] kinds: Vec<EventKind>,
        filter: Option<EventFilter>,
        #[graphql(
            desc = "Replay the stored events after this `sequence` first (the last one you saw), then go on live; events are kept for 30 days by default."
        )]
        after: Option<i32>,
    ) -> Result<impl Stream<Item = Result<RegistryEvent>> + 'a> {
        let kinds = if kinds.is_empty() {
            DomainKind::ALL.to_vec()
        } else {
            kinds.into_iter().map(Into::into).collect()
        };
        events(ctx, Wanted::new(kinds, filter)?, after)
    }
}

/// The inbox of `user_id` as it is now.
async fn inbox_state(db: &sea_orm::DatabaseConnection, user_id: i32) -> Result<InboxState> {
    use klastry_domain::notifications::inbox;
    let unread = inbox::unread_count(db, user_id).await.or_api()?;
    let latest = inbox::latest_of(db, user_id).await.or_api()?;
    Ok(InboxState {
        unread_count: i32::try_from(unread).unwrap_or(i32::MAX),
        latest: latest.map(Notification),
    })
}
