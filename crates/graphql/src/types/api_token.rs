//! API tokens of partners' machines.

use super::cluster_by_id;
use crate::ids::{NodeKind, global_id};
use crate::types::cluster::Cluster;
use async_graphql::{Context, Enum, ID, Object, Result};
use chrono::{DateTime, Utc};
use klastry_domain::accounts::api_tokens::{self, ApiScope as DomainScope};
use klastry_entity::api_token;

/// What an API token may do.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
pub enum ApiScope {
    /// Read public data (every token may).
    ReadPublic,
    /// Also read the cluster's private data: contacts, applications, its audit trail.
    ReadClusterPrivate,
    /// Also run the cluster's membership workflow: addMember, updateMembership,
    /// approveMembership, rejectMembership. No other mutation.
    WriteClusterMembers,
}

impl From<ApiScope> for DomainScope {
    fn from(scope: ApiScope) -> Self {
        match scope {
            ApiScope::ReadPublic => DomainScope::ReadPublic,
            ApiScope::ReadClusterPrivate => DomainScope::ReadClusterPrivate,
            ApiScope::WriteClusterMembers => DomainScope::WriteClusterMembers,
        }
    }
}

impl From<DomainScope> for ApiScope {
    fn from(scope: DomainScope) -> Self {
        match scope {
            DomainScope::ReadPublic => ApiScope::ReadPublic,
            DomainScope::ReadClusterPrivate => ApiScope::ReadClusterPrivate,
            DomainScope::WriteClusterMembers => ApiScope::WriteClusterMembers,
        }
    }
}

/// A token a partner's system sends as `Authorization: Bearer klt_…`. The token itself is
/// shown once, when created; the registry keeps only its hash.
pub struct ApiToken(pub api_token::Model);

#[Object]
impl ApiToken {
    /// Global ID.
    pub async fn id(&self) -> ID {
        global_id(NodeKind::ApiToken, self.0.id)
    }
    /// What the token is for.
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// The token's first characters, to tell tokens apart.
    async fn prefix(&self) -> &str {
        &self.0.prefix
    }
    /// What the token may do.
    async fn scopes(&self) -> Vec<ApiScope> {
        api_tokens::scopes_of(&self.0)
            .into_iter()
            .map(ApiScope::from)
            .collect()
    }
    /// The cluster whose private data or members the token reaches.
    async fn cluster(&self, ctx: &Context<'_>) -> Result<Option<Cluster>> {
        match self.0.cluster_id {
            Some(id) => cluster_by_id(ctx, id).await,
            None => Ok(None),
        }
    }
    /// When it was created.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
    /// When it was last used, to the minute; null when never.
    async fn last_used_at(&self) -> Option<DateTime<Utc>> {
        self.0.last_used_at
    }
    /// When it was revoked; null while it works.
    async fn revoked_at(&self) -> Option<DateTime<Utc>> {
        self.0.revoked_at
    }
}
