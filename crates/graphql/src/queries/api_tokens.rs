//! Partners' API tokens: which ones the signed-in account may see.
//!
//! A new query about API tokens goes here; issuing and revoking them is in
//! `mutations::api_tokens`.

use crate::context::{actor, db};
use crate::error::OrApi;
use crate::ids::{NodeKind, parse_id_of};
use crate::types::api_token::ApiToken;
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
    async fn api_tokens(&self, ctx: &Context<'_>, cluster_id: Option<ID>) -> Result<Vec<ApiToken>> {
        let actor = actor(ctx)?;
        let cluster_id = optional_cluster_id(cluster_id.as_ref())?;
        Ok(
            klastry_domain::accounts::api_tokens::list(db(ctx), actor, cluster_id)
                .await
                .or_api()?
                .into_iter()
                .map(ApiToken)
                .collect(),
        )
    }
}
