//! Partners' webhooks and the record of every delivery.

use super::cluster_by_id;
use crate::context::db;
use crate::error::OrApi;
use crate::ids::{Cursor, NodeKind, global_id};
use crate::paging::{keyset_connection, page_request};
use crate::types::cluster::Cluster;
use crate::types::enums::VoivodeshipCode;
use crate::types::events::EventKind;
use crate::types::reference::Voivodeship;
use async_graphql::connection::{Connection, EmptyFields};
use async_graphql::{Context, Enum, ID, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};
use klastry_domain::platform::{outbox, webhooks};
use klastry_entity::{webhook, webhook_attempt, webhook_delivery};

/// A partner's URL that is sent, as signed JSON, every change of the kinds it wants.
pub struct Webhook(pub webhook::Model);

/// Where a delivery stands.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
pub enum WebhookDeliveryStatus {
    /// Waiting for its next try.
    Pending,
    /// The partner answered 2xx.
    Delivered,
    /// Given up after a day of tries (`redeliverWebhookDelivery` queues it again).
    Failed,
}

#[Object]
impl Webhook {
    /// Global ID.
    pub async fn id(&self) -> ID {
        global_id(NodeKind::Webhook, self.0.id)
    }
    /// Where deliveries are sent.
    async fn url(&self) -> &str {
        &self.0.url
    }
    /// The kinds of change it is sent.
    async fn events(&self) -> Vec<EventKind> {
        webhooks::kinds_of(&self.0)
            .into_iter()
            .map(Into::into)
            .collect()
    }
    /// Only this cluster's changes, when set; a cluster's webhook also hears of its private
    /// changes (applications and rejections).
    async fn cluster(&self, ctx: &Context<'_>) -> Result<Option<Cluster>> {
        match self.0.cluster_id {
            Some(id) => cluster_by_id(ctx, id).await,
            None => Ok(None),
        }
    }
    /// Only changes in this voivodeship, when set.
    async fn voivodeship(&self) -> Option<Voivodeship> {
        self.0
            .voivodeship_teryt
            .as_deref()
            .and_then(Voivodeship::from_teryt)
    }
    /// When it was registered.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
    /// Its deliveries, newest first, each with every try.
    #[graphql(
        complexity = "first.or(last).unwrap_or(20).clamp(0, 100) as usize * child_complexity + 1"
    )]
    async fn deliveries(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Page size from the newest or after `after`, 0 to 100 (default 20).")]
        first: Option<i32>,
        #[graphql(desc = "Cursor of the delivery to continue after (towards older ones).")]
        after: Option<String>,
        #[graphql(desc = "Page size before `before`, 0 to 100.")] last: Option<i32>,
        #[graphql(desc = "Cursor of the delivery to continue before (towards newer ones).")]
        before: Option<String>,
    ) -> Result<Connection<Cursor, WebhookDelivery, EmptyFields>> {
        let request = page_request(first, after, last, before).or_api()?;
        let db = db(ctx);
        let page = webhooks::deliveries(db, self.0.id, &request)
            .await
            .or_api()?;
        let ids: Vec<i32> = page.items.iter().map(|(_, d)| d.id).collect();
        let attempts = webhooks::attempts_of(db, &ids).await.or_api()?;
        Ok(keyset_connection(page, EmptyFields, |delivery| {
            let tries = attempts
                .iter()
                .filter(|a| a.delivery_id == delivery.id)
                .cloned()
                .map(WebhookAttempt::from)
                .collect();
            WebhookDelivery(delivery, tries)
        }))
    }
}

/// One event on its way to one webhook.
pub struct WebhookDelivery(pub webhook_delivery::Model, pub Vec<WebhookAttempt>);

#[Object]
impl WebhookDelivery {
    /// Global ID.
    pub async fn id(&self) -> ID {
        global_id(NodeKind::WebhookDelivery, self.0.id)
    }
    /// The event's global ID, sent as the `Klastry-Event-Id` header and `id` in the body.
    async fn event_id(&self) -> ID {
        global_id(NodeKind::RegistryEvent, self.0.event_id)
    }
    /// Where it stands.
    async fn status(&self) -> WebhookDeliveryStatus {
        match self.0.status.as_str() {
            outbox::status::DELIVERED => WebhookDeliveryStatus::Delivered,
            outbox::status::FAILED => WebhookDeliveryStatus::Failed,
            _ => WebhookDeliveryStatus::Pending,
        }
    }
    /// When the next try is due (while pending).
    async fn next_attempt_at(&self) -> Option<DateTime<Utc>> {
        (self.0.status == outbox::status::PENDING).then_some(self.0.next_attempt_at)
    }
    /// When the partner acknowledged it.
    async fn delivered_at(&self) -> Option<DateTime<Utc>> {
        self.0.delivered_at
    }
    /// When the event was written.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
    /// Every try, first first.
    async fn attempts(&self) -> &[WebhookAttempt] {
        &self.1
    }
}

/// One try at sending a delivery.
#[derive(SimpleObject, Clone)]
pub struct WebhookAttempt {
    /// 1 for the first try.
    pub number: i32,
    /// When it was made.
    pub attempted_at: DateTime<Utc>,
    /// The HTTP status the partner answered, if it answered.
    pub status_code: Option<i32>,
    /// Why it failed (connection refused, time-out, a non-2xx answer); null when it succeeded.
    pub error: Option<String>,
    /// How long it took, in milliseconds.
    pub duration_ms: i32,
}

impl From<webhook_attempt::Model> for WebhookAttempt {
    fn from(a: webhook_attempt::Model) -> Self {
        Self {
            number: a.number,
            attempted_at: a.created_at,
            status_code: a.status_code,
            error: a.error,
            duration_ms: a.duration_ms,
        }
    }
}

/// A voivodeship enum value as its TERYT code.
pub(crate) fn teryt_of(code: VoivodeshipCode) -> String {
    code.teryt().to_owned()
}
