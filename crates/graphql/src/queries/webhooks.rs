//! Partners' webhooks: which ones the signed-in account may see (each with its deliveries).
//!
//! A new query about webhooks goes here; registering them is in `mutations::webhooks`.

use super::api_tokens::optional_cluster_id;
use crate::context::{actor, db};
use crate::error::OrApi;
use crate::ids::Cursor;
use crate::paging::{keyset_connection, page_request};
use crate::types::webhook::Webhook;
use async_graphql::connection::{Connection, EmptyFields};
use async_graphql::{Context, ID, Object, Result};

/// Partners' webhooks.
#[derive(Default)]
pub struct WebhookQuery;

/// Partners' webhooks.
#[Object]
impl WebhookQuery {
    /// Webhooks, newest first: an operator's (all, or one cluster's with `clusterId`), or the
    /// clusters' a coordinator coordinates.
    #[graphql(
        complexity = "first.or(last).unwrap_or(20).clamp(0, 100) as usize * child_complexity + 1"
    )]
    async fn webhooks(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only this cluster's webhooks.")] cluster_id: Option<ID>,
        #[graphql(desc = "Page size from the newest or after `after`, 0 to 100 (default 20).")]
        first: Option<i32>,
        #[graphql(desc = "Cursor of the webhook to continue after (towards older ones).")]
        after: Option<String>,
        #[graphql(desc = "Page size before `before`, 0 to 100.")] last: Option<i32>,
        #[graphql(desc = "Cursor of the webhook to continue before (towards newer ones).")]
        before: Option<String>,
    ) -> Result<Connection<Cursor, Webhook, EmptyFields>> {
        let actor = actor(ctx)?;
        let cluster_id = optional_cluster_id(cluster_id.as_ref())?;
        let request = page_request(first, after, last, before).or_api()?;
        let page = klastry_domain::platform::webhooks::list(db(ctx), actor, cluster_id, &request)
            .await
            .or_api()?;
        Ok(keyset_connection(page, EmptyFields, Webhook))
    }
}
