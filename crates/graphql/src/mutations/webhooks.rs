//! Registering, deleting and redelivering webhooks.

use super::support::payload;
use crate::context::{actor, db, webhook_policy};
use crate::error::OrApi;
use crate::ids::{NodeKind, parse_id_of};
use crate::types::enums::VoivodeshipCode;
use crate::types::events::EventKind;
use crate::types::webhook::{Webhook, WebhookDelivery, teryt_of};
use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};
use klastry_domain::platform::webhooks::{self, NewWebhook};

payload!(WebhookDeliveryPayload, delivery: WebhookDelivery, "A webhook delivery after a change.");

/// A webhook to register.
#[derive(InputObject)]
pub struct CreateWebhookInput {
    /// Where to send deliveries: https (plain http only to localhost on development servers).
    pub url: String,
    /// The kinds of change to send; at least one.
    pub events: Vec<EventKind>,
    /// Only this cluster's changes. Required of coordinators and API tokens; a cluster's
    /// webhook also hears of the cluster's applications and rejections.
    pub cluster_id: Option<ID>,
    /// Only changes in this voivodeship.
    pub voivodeship: Option<VoivodeshipCode>,
}

/// A webhook to delete.
#[derive(InputObject)]
pub struct DeleteWebhookInput {
    /// The webhook's global ID.
    pub id: ID,
}

/// A delivery to queue again.
#[derive(InputObject)]
pub struct RedeliverWebhookDeliveryInput {
    /// The delivery's global ID.
    pub id: ID,
}

/// A webhook just registered: the only time its secret is shown.
#[derive(SimpleObject)]
pub struct CreateWebhookPayload {
    /// The webhook; null when nothing was registered.
    pub webhook: Option<Webhook>,
    /// The key every delivery is signed with (`Klastry-Signature`). Shown this once.
    pub secret: Option<String>,
    /// What was wrong with the input; empty when it was registered.
    pub user_errors: Vec<super::UserError>,
}

/// The answer to deleting a webhook.
#[derive(SimpleObject)]
pub struct DeleteWebhookPayload {
    /// The ID of the deleted webhook; null when nothing was deleted.
    pub deleted_id: Option<ID>,
    /// What was wrong with the input.
    pub user_errors: Vec<super::UserError>,
}

/// Mutations on webhooks.
#[derive(Default)]
pub struct WebhookMutations;

#[Object]
impl WebhookMutations {
    /// Registers a webhook: every change of the kinds named is sent to `url` as JSON, signed
    /// with HMAC-SHA256 of the secret this answer shows once, and retried with growing waits
    /// for a day until the URL answers 2xx. Operators may register any; a cluster's
    /// coordinators, and API tokens with READ_CLUSTER_PRIVATE, for their cluster.
    async fn create_webhook(
        &self,
        ctx: &Context<'_>,
        input: CreateWebhookInput,
    ) -> Result<CreateWebhookPayload> {
        let actor = actor(ctx)?;
        let cluster_id = match &input.cluster_id {
            Some(id) => Some(parse_id_of("clusterId", NodeKind::Cluster, id).or_api()?),
            None => None,
        };
        let result = webhooks::create(
            db(ctx),
            actor,
            NewWebhook {
                url: input.url,
                kinds: input.events.into_iter().map(Into::into).collect(),
                cluster_id,
                voivodeship_teryt: input.voivodeship.map(teryt_of),
                allow_private_networks: webhook_policy(ctx).allow_private_networks,
            },
        )
        .await;
        let (registered, user_errors) = super::outcome(result)?;
        Ok(match registered {
            Some(r) => CreateWebhookPayload {
                webhook: Some(Webhook(r.webhook)),
                secret: Some(r.secret),
                user_errors,
            },
            None => CreateWebhookPayload {
                webhook: None,
                secret: None,
                user_errors,
            },
        })
    }

    /// Deletes a webhook; nothing more is sent to it.
    async fn delete_webhook(
        &self,
        ctx: &Context<'_>,
        input: DeleteWebhookInput,
    ) -> Result<DeleteWebhookPayload> {
        let actor = actor(ctx)?;
        let id = parse_id_of("id", NodeKind::Webhook, &input.id).or_api()?;
        let (deleted, user_errors) = super::outcome(webhooks::delete(db(ctx), actor, id).await)?;
        Ok(DeleteWebhookPayload {
            deleted_id: deleted.map(|_| input.id),
            user_errors,
        })
    }

    /// Queues a delivery again, due now (after the partner fixed its endpoint).
    async fn redeliver_webhook_delivery(
        &self,
        ctx: &Context<'_>,
        input: RedeliverWebhookDeliveryInput,
    ) -> Result<WebhookDeliveryPayload> {
        let actor = actor(ctx)?;
        let id = parse_id_of("id", NodeKind::WebhookDelivery, &input.id).or_api()?;
        let result = webhooks::redeliver(db(ctx), actor, id).await;
        WebhookDeliveryPayload::from_outcome(result, |d| WebhookDelivery(d, Vec::new()))
    }
}
