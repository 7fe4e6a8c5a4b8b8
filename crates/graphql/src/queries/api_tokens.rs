//! Partners' API tokens: which ones the signed-in account may see.
//!
//! A new query about API tokens goes here; issuing and revoking them is in
//! `mutations::api_tokens`.

use crate::context::{actor, db};
use crate::error::OrApi;
use crate::ids::{Cursor, NodeKind, parse_id_of};
use crate::paging::{keyset_connection, page_request};
use crate::types::api_token::ApiToken;
use async_graphql::connection::{Connection, EmptyFields};
use async_graphql::{Context, ID, Object, Result};

/// The `clusterId` argument of a list that may be narrowed to one cluster.
pub(crate) fn optional_cluster_id(cluster_id: Option<&ID>) -> Result<Option<i32>> {
    cluster_id
        .map(|id| parse_id_of("clusterId", NodeKind::Cluster, id).or_api())
        .transpose()
}

/// Partners' API tokens.
#[derive(Default)]
pub struct ApiTokenQuery;

/// Partners' API tokens.
#[Object]
impl ApiTokenQuery {
    /// API tokens, newest first: an operator's (all, or one cluster's with `clusterId`), a
    /// coordinator's clusters', and the signed-in account's own.
    #[graphql(
        complexity = "first.or(last).unwrap_or(20).clamp(0, 100) as usize * child_complexity + 1"
    )]
    async fn api_tokens(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only this cluster's tokens.")] cluster_id: Option<ID>,
        #[graphql(desc = "Page size from the newest or after `after`, 0 to 100 (default 20).")]
        first: Option<i32>,
        #[graphql(desc = "Cursor of the token to continue after (towards older ones).")]
        after: Option<String>,
        #[graphql(desc = "Page size before `before`, 0 to 100.")] last: Option<i32>,
        #[graphql(desc = "Cursor of the token to continue before (towards newer ones).")]
        before: Option<String>,
    ) -> Result<Connection<Cursor, ApiToken, EmptyFields>> {
        let actor = actor(ctx)?;
        let cluster_id = optional_cluster_id(cluster_id.as_ref())?;
        let request = page_request(first, after, last, before).or_api()?;
        let page = klastry_domain::accounts::api_tokens::list(db(ctx), actor, cluster_id, &request)
            .await
            .or_api()?;
        Ok(keyset_connection(page, EmptyFields, ApiToken))
    }
}
