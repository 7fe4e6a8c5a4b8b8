//! Partners' webhooks: which ones the signed-in account may see (each with its deliveries).
//!
//! A new query about webhooks goes here; registering them is in `mutations::webhooks`.

use super::api_tokens::optional_cluster_id;
use crate::context::{actor, db};
use crate::error::OrApi;
use crate::types::webhook::Webhook;
use async_graphql::{Context, ID, Object, Result};

/// Partners' webhooks.
#[derive(Default)]
pub struct WebhookQuery;

/// Partners' webhooks.
#[Object]
impl WebhookQuery {
    /// Webhooks, newest first: an operator's (all, or one cluster's with `clusterId`), or the
    /// clusters' a coordinator coordinates.
    async fn webhooks(&self, ctx: &Context<'_>, cluster_id: Option<ID>) -> Result<Vec<Webhook>> {
        let actor = actor(ctx)?;
        let cluster_id = optional_cluster_id(cluster_id.as_ref())?;
        Ok(
            klastry_domain::platform::webhooks::list(db(ctx), actor, cluster_id)
                .await
                .or_api()?
                .into_iter()
                .map(Webhook)
                .collect(),
        )
    }
}
