//! The webhook outbox: the deliveries each event owes, and the bookkeeping of every try at
//! sending one.
//!
//! Deliveries are written by [`enqueue`] in the transaction of the change (see `journal`), so a
//! change that rolls back owes nothing and one that commits is sent even if the server stops
//! before sending it. A sender claims due deliveries with a lease, so several servers on one
//! database never send the same one at once; a partner still de-duplicates by event id, since a
//! sender that stops after sending but before recording sends once more.

use crate::DomainResult;
use crate::db::transaction;
use crate::rules::retry;
use chrono::{Duration as Span, Utc};
use klastry_entity::{registry_event, webhook, webhook_attempt, webhook_delivery};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseTransaction, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect, Set, TransactionTrait,
};
use std::time::Duration;

/// Delivery states.
pub mod status {
    /// Waiting for its next try.
    pub const PENDING: &str = "PENDING";
    /// The partner answered 2xx.
    pub const DELIVERED: &str = "DELIVERED";
    /// Given up after a day of tries.
    pub const FAILED: &str = "FAILED";
}

/// Whether `webhook` is owed `event`: a kind it wants, in its cluster and voivodeship if it names
/// them, and private events only to a webhook of the event's own cluster.
pub fn wants(webhook: &webhook::Model, event: &registry_event::Model) -> bool {
    let kind_wanted = webhook.event_kinds.split(',').any(|k| k == event.kind);
    let cluster_matches = webhook
        .cluster_id
        .is_none_or(|c| event.cluster_id == Some(c));
    let voivodeship_matches = webhook
        .voivodeship_teryt
        .as_ref()
        .is_none_or(|v| event.voivodeship_teryt.as_ref() == Some(v));
    let may_see =
        event.is_public || (webhook.cluster_id.is_some() && webhook.cluster_id == event.cluster_id);
    kind_wanted && cluster_matches && voivodeship_matches && may_see
}

/// The webhooks that may be owed an event of `cluster_id`: every registry-wide one and the
/// cluster's own. The journal reads them before it writes the event, so that the lock the event
/// takes is not held for this read.
pub(crate) async fn candidates<C: ConnectionTrait>(
    db: &C,
    cluster_id: Option<i32>,
) -> DomainResult<Vec<webhook::Model>> {
    Ok(webhook::Entity::find()
        .filter(
            Condition::any()
                .add(webhook::Column::ClusterId.is_null())
                .add(webhook::Column::ClusterId.eq(cluster_id)),
        )
        .all(db)
        .await?)
}

/// Writes the deliveries `event` owes among `candidates` (read by [`candidates`] for the
/// event's cluster); runs in the transaction of the change.
pub(crate) async fn enqueue<C: ConnectionTrait>(
    db: &C,
    candidates: &[webhook::Model],
    event: &registry_event::Model,
) -> DomainResult<()> {
    let now = Utc::now();
    let owed: Vec<_> = candidates
        .iter()
        .filter(|w| wants(w, event))
        .map(|w| pending_delivery(w.id, event.id, now))
        .collect();
    if !owed.is_empty() {
        webhook_delivery::Entity::insert_many(owed).exec(db).await?;
    }
    Ok(())
}

/// [`enqueue`] for many events (a bulk import): the webhooks read once, the deliveries written
/// by multi-row INSERTs.
pub(crate) async fn enqueue_many<C: ConnectionTrait>(
    db: &C,
    events: &[&registry_event::Model],
) -> DomainResult<()> {
    if events.is_empty() {
        return Ok(());
    }
    let mut clusters: Vec<i32> = events.iter().filter_map(|e| e.cluster_id).collect();
    clusters.sort_unstable();
    clusters.dedup();
    let mut candidates = webhook::Entity::find()
        .filter(webhook::Column::ClusterId.is_null())
        .all(db)
        .await?;
    for chunk in clusters.chunks(crate::db::bulk::KEYS_PER_STATEMENT) {
        candidates.extend(
            webhook::Entity::find()
                .filter(webhook::Column::ClusterId.is_in(chunk.iter().copied()))
                .all(db)
                .await?,
        );
    }
    if candidates.is_empty() {
        return Ok(());
    }
    candidates.sort_by_key(|w| w.id);
    let now = Utc::now();
    let owed: Vec<_> = events
        .iter()
        .flat_map(|event| {
            candidates
                .iter()
                // As `enqueue` reads them: the registry's webhooks and the event's cluster's.
                .filter(|w| w.cluster_id.is_none() || w.cluster_id == event.cluster_id)
                .filter(|w| wants(w, event))
                .map(|w| pending_delivery(w.id, event.id, now))
        })
        .collect();
    crate::db::bulk::insert_all(db, owed).await
}

/// A delivery a sender holds, with what it needs to send it.
#[derive(Debug, Clone)]
pub struct ClaimedDelivery {
    /// The delivery.
    pub delivery: webhook_delivery::Model,
    /// Where it goes and its secret.
    pub webhook: webhook::Model,
    /// What it carries.
    pub event: registry_event::Model,
}

/// Claims up to `limit` due deliveries for `lease`, at most `room(webhook)` of each webhook
/// (none of a webhook with no room: its endpoint is busy with this sender's earlier tries).
/// Each is taken by one conditional update, so of several servers exactly one gets it.
pub async fn claim_due<C: ConnectionTrait>(
    db: &C,
    lease: Duration,
    limit: u64,
    room: impl Fn(i32) -> usize,
    busy: &[i32],
) -> DomainResult<Vec<ClaimedDelivery>> {
    if limit == 0 {
        return Ok(Vec::new());
    }
    let now = Utc::now();
    let free = Condition::any()
        .add(webhook_delivery::Column::ClaimedUntil.is_null())
        .add(webhook_delivery::Column::ClaimedUntil.lt(now));
    // More than `limit` are read, so that a webhook with many due deliveries and little room
    // does not keep the others' out of this round.
    let candidates = webhook_delivery::Entity::find()
        .filter(webhook_delivery::Column::Status.eq(status::PENDING))
        .filter(webhook_delivery::Column::NextAttemptAt.lte(now))
        .filter(webhook_delivery::Column::WebhookId.is_not_in(busy.iter().copied()))
        .filter(free.clone())
        .order_by_asc(webhook_delivery::Column::NextAttemptAt)
        .limit(limit.saturating_mul(4))
        .all(db)
        .await?;
    let mut taken_per_webhook: std::collections::HashMap<i32, usize> = Default::default();
    let mut due = Vec::new();
    for delivery in candidates {
        let taken = taken_per_webhook.entry(delivery.webhook_id).or_default();
        if *taken < room(delivery.webhook_id) && (due.len() as u64) < limit {
            *taken += 1;
            due.push(delivery);
        }
    }
    if due.is_empty() {
        return Ok(Vec::new());
    }
    let until = now + Span::from_std(lease).unwrap_or_else(|_| Span::seconds(60));
    let mut claimed = Vec::with_capacity(due.len());
    for delivery in due {
        let taken = webhook_delivery::Entity::update_many()
            .col_expr(webhook_delivery::Column::ClaimedUntil, Expr::value(until))
            .filter(webhook_delivery::Column::Id.eq(delivery.id))
            .filter(webhook_delivery::Column::Status.eq(status::PENDING))
            .filter(free.clone())
            .exec(db)
            .await?;
        if taken.rows_affected == 1 {
            claimed.push(delivery);
        }
    }
    let webhooks = webhook::Entity::find()
        .filter(webhook::Column::Id.is_in(claimed.iter().map(|d| d.webhook_id)))
        .all(db)
        .await?;
    let events = registry_event::Entity::find()
        .filter(registry_event::Column::Id.is_in(claimed.iter().map(|d| d.event_id)))
        .all(db)
        .await?;
    Ok(claimed
        .into_iter()
        .filter_map(|delivery| {
            let webhook = webhooks
                .iter()
                .find(|w| w.id == delivery.webhook_id)?
                .clone();
            let event = events.iter().find(|e| e.id == delivery.event_id)?.clone();
            Some(ClaimedDelivery {
                delivery,
                webhook,
                event,
            })
        })
        .collect())
}

/// How one try went.
#[derive(Debug, Clone)]
pub struct AttemptOutcome {
    /// The HTTP status answered, if the partner answered.
    pub status_code: Option<u16>,
    /// Why it failed; None when the partner answered 2xx.
    pub error: Option<String>,
    /// How long it took.
    pub duration: Duration,
}

/// Records a try and schedules the next one: delivered on 2xx, else after a backoff of
/// `base` doubled per try with `jitter` (0–1), or given up once a day has passed since the
/// event. Returns the delivery as it now stands.
pub async fn record_attempt<C: TransactionTrait<Transaction = DatabaseTransaction>>(
    db: &C,
    delivery: &webhook_delivery::Model,
    outcome: AttemptOutcome,
    base: Duration,
    jitter: f64,
) -> DomainResult<webhook_delivery::Model> {
    let txn = transaction::begin(db).await?;
    let now = Utc::now();
    let number = delivery.attempt_count + 1;
    let duration_ms = i32::try_from(outcome.duration.as_millis()).unwrap_or(i32::MAX);
    let succeeded = outcome.error.is_none();
    webhook_attempt::ActiveModel {
        delivery_id: Set(delivery.id),
        number: Set(number),
        status_code: Set(outcome.status_code.map(i32::from)),
        error: Set(outcome.error),
        duration_ms: Set(duration_ms),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let mut next: webhook_delivery::ActiveModel = delivery.clone().into();
    next.attempt_count = Set(number);
    next.claimed_until = Set(None);
    next.updated_at = Set(now);
    if succeeded {
        next.status = Set(status::DELIVERED.into());
        next.delivered_at = Set(Some(now));
    } else {
        let attempt = u32::try_from(number).unwrap_or(u32::MAX);
        match retry::next_try(delivery.created_at, now, base, attempt, jitter) {
            Some(at) => next.next_attempt_at = Set(at),
            None => next.status = Set(status::FAILED.into()),
        }
    }
    let saved = next.update(&txn).await?;
    txn.commit().await?;
    Ok(saved)
}

/// A delivery of `event_id` to `webhook_id`, owed from `now` and not yet tried.
fn pending_delivery(
    webhook_id: i32,
    event_id: i32,
    now: chrono::DateTime<Utc>,
) -> webhook_delivery::ActiveModel {
    webhook_delivery::ActiveModel {
        webhook_id: Set(webhook_id),
        event_id: Set(event_id),
        status: Set(status::PENDING.into()),
        attempt_count: Set(0),
        next_attempt_at: Set(now),
        claimed_until: Set(None),
        delivered_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
}
