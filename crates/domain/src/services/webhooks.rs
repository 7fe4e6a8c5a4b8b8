//! Webhooks: partners' URLs registered for kinds of event, the deliveries each event owes them,
//! and the bookkeeping of every try at sending one.
//!
//! Deliveries are written by [`enqueue`] in the transaction of the change (the outbox), so a
//! change that rolls back owes nothing and one that commits is sent even if the server stops
//! before sending it. A sender claims due deliveries with a lease, so several servers on one
//! database never send the same one at once; a partner still de-duplicates by event id, since a
//! sender that stops after sending but before recording sends once more.

use crate::rules::access::Actor;
use crate::rules::events::EventKind;
use crate::rules::webhooks as rules;
use crate::services::pagination::page_size;
use crate::services::secrets::random_text;
use crate::services::writes;
use crate::{DomainError, DomainResult};
use crate::{FieldError, FieldErrorCode};
use chrono::{DateTime, Duration as Span, Utc};
use klastry_entity::{
    cluster, registry_event, voivodeship, webhook, webhook_attempt, webhook_delivery,
};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseTransaction, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set, TransactionTrait,
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

/// The most webhooks one cluster (or the registry-wide set) may have.
pub const MAX_WEBHOOKS_PER_SCOPE: u64 = 20;

/// What a webhook is registered for.
#[derive(Debug, Clone)]
pub struct NewWebhook {
    /// Where deliveries go.
    pub url: String,
    /// The kinds of event wanted; at least one.
    pub kinds: Vec<EventKind>,
    /// Only this cluster's changes (required of coordinators; private events need it).
    pub cluster_id: Option<i32>,
    /// Only changes in this voivodeship.
    pub voivodeship_teryt: Option<String>,
    /// Whether URLs on the registry's own machine and private networks are allowed
    /// (development and tests only).
    pub allow_private_networks: bool,
}

/// A webhook just registered, with its signing secret (shown this once).
#[derive(Debug, Clone)]
pub struct RegisteredWebhook {
    /// The stored webhook.
    pub webhook: webhook::Model,
    /// The key every delivery is signed with.
    pub secret: String,
}

/// The kinds a webhook wants.
pub fn kinds_of(webhook: &webhook::Model) -> Vec<EventKind> {
    webhook
        .event_kinds
        .split(',')
        .filter_map(EventKind::parse)
        .collect()
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

/// Registers a webhook. Operators may register any; a cluster's coordinators (and API tokens
/// reading its private data) only for their cluster.
pub async fn create<C: TransactionTrait<Transaction = DatabaseTransaction>>(
    db: &C,
    actor: &Actor,
    input: NewWebhook,
) -> DomainResult<RegisteredWebhook> {
    let url = input.url.trim().to_owned();
    rules::validate_url(&url, input.allow_private_networks)?;
    let mut kinds = input.kinds;
    kinds.sort_by_key(|k| k.as_str());
    kinds.dedup();
    if kinds.is_empty() {
        return Err(DomainError::invalid(
            "events",
            FieldErrorCode::Required,
            "name at least one kind of event",
        ));
    }
    match input.cluster_id {
        Some(id) => actor.require_coordinator(id)?,
        None if actor.is_operator => {}
        None => {
            return Err(DomainError::invalid(
                "clusterId",
                FieldErrorCode::Required,
                "name the cluster whose changes the webhook is for",
            ));
        }
    }
    let txn = writes::begin(db).await?;
    if let Some(id) = input.cluster_id {
        writes::require_exists::<cluster::Entity, _>(&txn, id, "cluster").await?;
    }
    if let Some(teryt) = &input.voivodeship_teryt
        && voivodeship::Entity::find_by_id(teryt.clone())
            .one(&txn)
            .await?
            .is_none()
    {
        return Err(DomainError::invalid(
            "voivodeship",
            FieldErrorCode::NotFound,
            format!("no voivodeship has the TERYT code '{teryt}'"),
        ));
    }
    let existing = webhook::Entity::find()
        .filter(match input.cluster_id {
            Some(id) => webhook::Column::ClusterId.eq(id),
            None => webhook::Column::ClusterId.is_null(),
        })
        .count(&txn)
        .await?;
    if existing >= MAX_WEBHOOKS_PER_SCOPE {
        return Err(FieldError::new(
            "clusterId",
            FieldErrorCode::NotAllowed,
            format!("at most {MAX_WEBHOOKS_PER_SCOPE} webhooks; delete one first"),
        )
        .max(MAX_WEBHOOKS_PER_SCOPE)
        .into());
    }
    let secret = format!("whsec_{}", random_text::<32>()?);
    let now = Utc::now();
    let created = webhook::ActiveModel {
        url: Set(url),
        event_kinds: Set(kinds
            .iter()
            .map(|k| k.as_str())
            .collect::<Vec<_>>()
            .join(",")),
        cluster_id: Set(input.cluster_id),
        voivodeship_teryt: Set(input.voivodeship_teryt),
        secret: Set(secret.clone()),
        created_by: Set(actor.user_id),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    crate::services::audit::record(
        &txn,
        Some(actor),
        crate::services::audit::Change::created("Webhook", created.id, &created)
            .scoped(created.cluster_id, None),
    )
    .await?;
    txn.commit().await?;
    Ok(RegisteredWebhook {
        webhook: created,
        secret,
    })
}

/// The webhook `id` if `actor` may manage it, else NOT_FOUND or FORBIDDEN.
pub async fn managed<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    id: i32,
) -> DomainResult<webhook::Model> {
    let found = webhook::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| DomainError::not_found("webhook", id))?;
    match found.cluster_id {
        Some(cluster_id) => actor.require_coordinator(cluster_id)?,
        None => actor.require_operator()?,
    }
    Ok(found)
}

/// Deletes a webhook with its deliveries; deliveries under way are not sent again.
pub async fn delete<C: TransactionTrait<Transaction = DatabaseTransaction>>(
    db: &C,
    actor: &Actor,
    id: i32,
) -> DomainResult<webhook::Model> {
    let txn = writes::begin(db).await?;
    let found = managed(&txn, actor, id).await?;
    webhook::Entity::delete_by_id(id).exec(&txn).await?;
    crate::services::audit::record(
        &txn,
        Some(actor),
        crate::services::audit::Change::deleted("Webhook", id, &found)
            .scoped(found.cluster_id, None),
    )
    .await?;
    txn.commit().await?;
    Ok(found)
}

/// The webhooks `actor` manages: one cluster's, or (operators) all of them.
pub async fn list<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    cluster_id: Option<i32>,
) -> DomainResult<Vec<webhook::Model>> {
    let mut query = webhook::Entity::find().order_by_desc(webhook::Column::Id);
    match cluster_id {
        Some(id) => {
            actor.require_private_reader(id)?;
            query = query.filter(webhook::Column::ClusterId.eq(id));
        }
        None if actor.is_operator => {}
        None => {
            let readable = actor
                .coordinated_clusters
                .iter()
                .copied()
                .filter(|c| actor.reads_private_of(*c));
            query = query.filter(webhook::Column::ClusterId.is_in(readable));
        }
    }
    Ok(query.all(db).await?)
}

/// A page of a webhook's deliveries, newest first: ids below `before_id`, at most `first`.
/// Returns the deliveries and whether more follow.
pub async fn deliveries<C: ConnectionTrait>(
    db: &C,
    webhook_id: i32,
    first: Option<i64>,
    before_id: Option<i32>,
) -> DomainResult<(Vec<webhook_delivery::Model>, bool)> {
    let first = page_size("first", first)?;
    let mut query =
        webhook_delivery::Entity::find().filter(webhook_delivery::Column::WebhookId.eq(webhook_id));
    if let Some(before) = before_id {
        query = query.filter(webhook_delivery::Column::Id.lt(before));
    }
    let mut rows = query
        .order_by_desc(webhook_delivery::Column::Id)
        .limit(first + 1)
        .all(db)
        .await?;
    let has_more = rows.len() as u64 > first;
    rows.truncate(first as usize);
    Ok((rows, has_more))
}

/// Every try of these deliveries, in order, in one statement.
pub async fn attempts_of<C: ConnectionTrait>(
    db: &C,
    delivery_ids: &[i32],
) -> DomainResult<Vec<webhook_attempt::Model>> {
    if delivery_ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(webhook_attempt::Entity::find()
        .filter(webhook_attempt::Column::DeliveryId.is_in(delivery_ids.iter().copied()))
        .order_by_asc(webhook_attempt::Column::DeliveryId)
        .order_by_asc(webhook_attempt::Column::Number)
        .all(db)
        .await?)
}

/// Writes the deliveries `event` owes; runs in the transaction of the change.
pub async fn enqueue<C: ConnectionTrait>(
    db: &C,
    event: &registry_event::Model,
) -> DomainResult<()> {
    let candidates = webhook::Entity::find()
        .filter(
            Condition::any()
                .add(webhook::Column::ClusterId.is_null())
                .add(webhook::Column::ClusterId.eq(event.cluster_id)),
        )
        .all(db)
        .await?;
    let now = Utc::now();
    let owed: Vec<_> = candidates
        .iter()
        .filter(|w| wants(w, event))
        .map(|w| webhook_delivery::ActiveModel {
            webhook_id: Set(w.id),
            event_id: Set(event.id),
            status: Set(status::PENDING.into()),
            attempt_count: Set(0),
            next_attempt_at: Set(now),
            claimed_until: Set(None),
            delivered_at: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        })
        .collect();
    if !owed.is_empty() {
        webhook_delivery::Entity::insert_many(owed).exec(db).await?;
    }
    Ok(())
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
    let txn = writes::begin(db).await?;
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
        let wait = rules::backoff(base, u32::try_from(number).unwrap_or(u32::MAX), jitter);
        let at = now + Span::from_std(wait).unwrap_or_else(|_| Span::hours(1));
        let give_up_at: DateTime<Utc> = delivery.created_at
            + Span::from_std(rules::RETRY_FOR).unwrap_or_else(|_| Span::days(1));
        if at > give_up_at {
            next.status = Set(status::FAILED.into());
        } else {
            next.next_attempt_at = Set(at);
        }
    }
    let saved = next.update(&txn).await?;
    txn.commit().await?;
    Ok(saved)
}

/// Puts a failed delivery back in the queue, due now (a partner fixed its endpoint).
pub async fn redeliver<C: TransactionTrait<Transaction = DatabaseTransaction>>(
    db: &C,
    actor: &Actor,
    delivery_id: i32,
) -> DomainResult<webhook_delivery::Model> {
    let txn = writes::begin(db).await?;
    let delivery = webhook_delivery::Entity::find_by_id(delivery_id)
        .one(&txn)
        .await?
        .ok_or_else(|| DomainError::not_found("webhook delivery", delivery_id))?;
    managed(&txn, actor, delivery.webhook_id).await?;
    let now = Utc::now();
    let mut next: webhook_delivery::ActiveModel = delivery.into();
    next.status = Set(status::PENDING.into());
    next.next_attempt_at = Set(now);
    next.claimed_until = Set(None);
    next.updated_at = Set(now);
    let saved = next.update(&txn).await?;
    txn.commit().await?;
    Ok(saved)
}
