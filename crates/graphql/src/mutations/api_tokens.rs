//! Creating and revoking API tokens.

use super::support::payload;
use crate::context::{actor, db};
use crate::error::OrApi;
use crate::ids::{NodeKind, parse_id_of};
use crate::types::api_token::{ApiScope, ApiToken};
use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};
use klastry_domain::accounts::api_tokens;

payload!(ApiTokenPayload, api_token: ApiToken, "An API token after a change.");

/// A new API token.
#[derive(InputObject)]
pub struct CreateApiTokenInput {
    /// What the token is for, e.g. "CRM of the Pomeranian ICT cluster".
    pub name: String,
    /// The cluster whose private data or members it reaches; needed by every scope beyond
    /// READ_PUBLIC.
    pub cluster_id: Option<ID>,
    /// What it may do (READ_PUBLIC is always included).
    pub scopes: Vec<ApiScope>,
}

/// A token to revoke.
#[derive(InputObject)]
pub struct RevokeApiTokenInput {
    /// The token's global ID.
    pub id: ID,
}

/// A token just created: the only time its secret is shown.
#[derive(SimpleObject)]
pub struct CreateApiTokenPayload {
    /// The token's record; null when nothing was created.
    pub api_token: Option<ApiToken>,
    /// The token to send as `Authorization: Bearer <token>`. Shown this once: the registry
    /// keeps only its hash.
    pub token: Option<String>,
    /// What was wrong with the input; empty when it was created.
    pub user_errors: Vec<super::UserError>,
}

/// Mutations on API tokens.
#[derive(Default)]
pub struct ApiTokenMutations;

#[Object]
impl ApiTokenMutations {
    /// Creates an API token for a partner's system. Operators may create any; a cluster's
    /// coordinators, tokens for their cluster.
    async fn create_api_token(
        &self,
        ctx: &Context<'_>,
        input: CreateApiTokenInput,
    ) -> Result<CreateApiTokenPayload> {
        let actor = actor(ctx)?;
        let cluster_id = match &input.cluster_id {
            Some(id) => Some(parse_id_of("clusterId", NodeKind::Cluster, id).or_api()?),
            None => None,
        };
        let scopes: Vec<_> = input.scopes.into_iter().map(Into::into).collect();
        let result = api_tokens::create(db(ctx), actor, &input.name, cluster_id, &scopes).await;
        let (issued, user_errors) = super::outcome(result)?;
        Ok(match issued {
            Some(issued) => CreateApiTokenPayload {
                api_token: Some(ApiToken(issued.token)),
                token: Some(issued.secret),
                user_errors,
            },
            None => CreateApiTokenPayload {
                api_token: None,
                token: None,
                user_errors,
            },
        })
    }

    /// Revokes an API token: it stops working at once.
    async fn revoke_api_token(
        &self,
        ctx: &Context<'_>,
        input: RevokeApiTokenInput,
    ) -> Result<ApiTokenPayload> {
        let actor = actor(ctx)?;
        let id = parse_id_of("id", NodeKind::ApiToken, &input.id).or_api()?;
        let result = api_tokens::revoke(db(ctx), actor, id).await;
        ApiTokenPayload::from_outcome(result, ApiToken)
    }
}
