//! Webhooks: partners' URLs registered for kinds of event, and what an operator or coordinator
//! sees and does with their deliveries. The deliveries themselves are queued and tried in
//! `outbox`.

use super::change::Change;
use super::journal;
use super::outbox::status;
use crate::db::pagination::{Keyset, Page, PagePlan, PageRequest, fetch_page, newest_first};
use crate::db::rows::ColumnSet;
use crate::db::transaction;
use crate::db::versioned;
use crate::platform::secrets::random_text;
use crate::rules::access::Actor;
use crate::rules::events::EventKind;
use crate::rules::webhooks as rules;
use crate::{DomainError, DomainResult};
use crate::{FieldError, FieldErrorCode};
use chrono::Utc;
use klastry_entity::{cluster, voivodeship, webhook, webhook_attempt, webhook_delivery};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, Set, TransactionTrait,
};

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
    let txn = transaction::begin(db).await?;
    if let Some(id) = input.cluster_id {
        versioned::require_exists::<cluster::Entity, _>(&txn, id, "cluster").await?;
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
    journal::record(
        &txn,
        Some(actor),
        Change::created("Webhook", created.id, &created).scoped(created.cluster_id, None),
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
    let txn = transaction::begin(db).await?;
    let found = managed(&txn, actor, id).await?;
    webhook::Entity::delete_by_id(id).exec(&txn).await?;
    journal::record(
        &txn,
        Some(actor),
        Change::deleted("Webhook", id, &found).scoped(found.cluster_id, None),
    )
    .await?;
    txn.commit().await?;
    Ok(found)
}

/// The webhooks `actor` manages: one cluster's, or (operators) all of them; a page of them,
/// newest first.
pub async fn list<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    cluster_id: Option<i32>,
    request: &PageRequest,
) -> DomainResult<Page<webhook::Model>> {
    let mut query = webhook::Entity::find();
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
    let order = newest_first::<webhook::Entity>(webhook::Column::Id, |row| Keyset::of_id(row.id));
    fetch_page(db, query, &order, request, PagePlan::Direct, ColumnSet::ALL).await
}

/// A page of a webhook's deliveries, newest first, either way from a cursor.
pub async fn deliveries<C: ConnectionTrait>(
    db: &C,
    webhook_id: i32,
    request: &PageRequest,
) -> DomainResult<Page<webhook_delivery::Model>> {
    let query =
        webhook_delivery::Entity::find().filter(webhook_delivery::Column::WebhookId.eq(webhook_id));
    let order = newest_first::<webhook_delivery::Entity>(webhook_delivery::Column::Id, |row| {
        Keyset::of_id(row.id)
    });
    fetch_page(db, query, &order, request, PagePlan::Direct, ColumnSet::ALL).await
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

/// Puts a failed delivery back in the queue, due now (a partner fixed its endpoint).
pub async fn redeliver<C: TransactionTrait<Transaction = DatabaseTransaction>>(
    db: &C,
    actor: &Actor,
    delivery_id: i32,
) -> DomainResult<webhook_delivery::Model> {
    let txn = transaction::begin(db).await?;
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
