//! API tokens for partners' machines: created by an operator or a cluster's coordinator, shown
//! once, stored as a SHA-256 hash, scoped, revocable, with the time of last use.
//!
//! A token is its own kind of caller, confined to its cluster within its scopes: `READ_PUBLIC`
//! reads what anyone may; `READ_CLUSTER_PRIVATE` also reads the cluster's private data
//! (contacts, applications, its audit trail); `WRITE_CLUSTER_MEMBERS` may also run the
//! membership workflow of the cluster and nothing else. It never acts as the account that made
//! it, and stops working when that account no longer holds the role that let it make the token
//! (or is disabled).

use crate::FieldErrorCode;
use crate::db::pagination::{Keyset, Page, PagePlan, PageRequest, fetch_page, newest_first};
use crate::db::rows::ColumnSet;
use crate::db::transaction;
use crate::db::versioned;
use crate::platform::change::Change;
use crate::platform::journal;
use crate::platform::secrets::{hash_token, random_text};
use crate::rules::access::{Actor, TokenGrant};
use crate::rules::validation;
use crate::{DomainError, DomainResult};
use chrono::{Duration, Utc};
use klastry_entity::{api_token, cluster};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseTransaction, EntityTrait,
    QueryFilter, Set, TransactionTrait,
};

/// What every token starts with, so a token is told from an access token at a glance.
pub const TOKEN_PREFIX: &str = "klt_";

/// What a token may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ApiScope {
    /// Read public data.
    ReadPublic,
    /// Read the cluster's private data too.
    ReadClusterPrivate,
    /// Run the cluster's membership workflow (add, update, approve, reject members).
    WriteClusterMembers,
}

impl ApiScope {
    /// The scope's name, as stored and as the API spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            ApiScope::ReadPublic => "READ_PUBLIC",
            ApiScope::ReadClusterPrivate => "READ_CLUSTER_PRIVATE",
            ApiScope::WriteClusterMembers => "WRITE_CLUSTER_MEMBERS",
        }
    }

    fn parse(name: &str) -> Option<ApiScope> {
        [
            ApiScope::ReadPublic,
            ApiScope::ReadClusterPrivate,
            ApiScope::WriteClusterMembers,
        ]
        .into_iter()
        .find(|s| s.as_str() == name)
    }

    /// Whether the scope reaches one cluster's data, and so needs a cluster.
    pub fn needs_cluster(self) -> bool {
        self != ApiScope::ReadPublic
    }
}

/// The scopes stored on a token.
pub fn scopes_of(token: &api_token::Model) -> Vec<ApiScope> {
    token
        .scopes
        .split(',')
        .filter_map(ApiScope::parse)
        .collect()
}

/// The mutations a token with `scopes` may run; every other mutation is refused.
pub fn allows_mutation(scopes: &[ApiScope], mutation: &str) -> bool {
    let membership = scopes.contains(&ApiScope::WriteClusterMembers)
        && matches!(
            mutation,
            "addMember"
                | "updateMembership"
                | "approveMembership"
                | "rejectMembership"
                | "importRecords"
        );
    // A partner that reads the cluster's private data may have it sent to its own endpoint.
    let webhooks = scopes.contains(&ApiScope::ReadClusterPrivate)
        && matches!(
            mutation,
            "createWebhook" | "deleteWebhook" | "redeliverWebhookDelivery"
        );
    membership || webhooks
}

/// A token just created, with its secret (shown this once).
#[derive(Debug, Clone)]
pub struct IssuedToken {
    /// The stored token.
    pub token: api_token::Model,
    /// The token to send as `Authorization: Bearer <secret>`.
    pub secret: String,
}

/// Creates a token. Operators may create any; a cluster's coordinators, tokens for their
/// cluster. Cluster scopes need a cluster; every token holds READ_PUBLIC.
pub async fn create<C: TransactionTrait<Transaction = DatabaseTransaction>>(
    db: &C,
    actor: &Actor,
    name: &str,
    cluster_id: Option<i32>,
    scopes: &[ApiScope],
) -> DomainResult<IssuedToken> {
    actor.require_account()?;
    let name = validation::required_text("name", name, 200)?;
    if scopes.iter().any(|s| s.needs_cluster()) && cluster_id.is_none() {
        return Err(DomainError::invalid(
            "clusterId",
            FieldErrorCode::Required,
            "scopes beyond READ_PUBLIC need the cluster they concern",
        ));
    }
    match cluster_id {
        Some(id) => actor.require_coordinator(id)?,
        None if actor.is_operator || !actor.coordinated_clusters.is_empty() => {}
        None => actor.require_operator()?,
    }
    let mut all = scopes.to_vec();
    all.push(ApiScope::ReadPublic);
    all.sort();
    all.dedup();
    let secret = format!("{TOKEN_PREFIX}{}", random_text::<32>()?);
    let txn = transaction::begin(db).await?;
    if let Some(id) = cluster_id {
        versioned::require_exists::<cluster::Entity, _>(&txn, id, "cluster").await?;
    }
    let now = Utc::now();
    let token = api_token::ActiveModel {
        name: Set(name),
        token_hash: Set(hash_token(&secret)),
        prefix: Set(secret.chars().take(12).collect()),
        scopes: Set(all.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(",")),
        cluster_id: Set(cluster_id),
        created_by: Set(actor.user_id),
        last_used_at: Set(None),
        revoked_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    journal::record(
        &txn,
        Some(actor),
        Change::created("ApiToken", token.id, &token).scoped(cluster_id, None),
    )
    .await?;
    txn.commit().await?;
    Ok(IssuedToken { token, secret })
}

/// Revokes a token; it stops working at once. Its creator's peers (the cluster's coordinators)
/// and operators may revoke it.
pub async fn revoke<C: TransactionTrait<Transaction = DatabaseTransaction>>(
    db: &C,
    actor: &Actor,
    id: i32,
) -> DomainResult<api_token::Model> {
    actor.require_account()?;
    let txn = transaction::begin(db).await?;
    let token = api_token::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or_else(|| DomainError::not_found("API token", id))?;
    may_manage(actor, &token)?;
    if token.revoked_at.is_some() {
        txn.commit().await?;
        return Ok(token);
    }
    let mut active: api_token::ActiveModel = token.clone().into();
    let now = Utc::now();
    active.revoked_at = Set(Some(now));
    active.updated_at = Set(now);
    let revoked = active.update(&txn).await?;
    journal::record(
        &txn,
        Some(actor),
        Change::action("REVOKE", "ApiToken", id)
            .before(&token)
            .after(&revoked)
            .scoped(token.cluster_id, None),
    )
    .await?;
    txn.commit().await?;
    Ok(revoked)
}

fn may_manage(actor: &Actor, token: &api_token::Model) -> DomainResult<()> {
    match token.cluster_id {
        _ if actor.is_operator || token.created_by == actor.user_id => Ok(()),
        Some(cluster_id) => actor.require_coordinator(cluster_id),
        None => actor.require_operator(),
    }
}

/// The tokens an actor may see: an operator's choice of all or one cluster's, a coordinator's
/// of their clusters, and anyone's own; a page of them, newest first.
pub async fn list<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    cluster_id: Option<i32>,
    request: &PageRequest,
) -> DomainResult<Page<api_token::Model>> {
    actor.require_account()?;
    if let Some(id) = cluster_id {
        actor.require_coordinator(id)?;
    }
    let mut query = api_token::Entity::find();
    if let Some(id) = cluster_id {
        query = query.filter(api_token::Column::ClusterId.eq(id));
    } else if !actor.is_operator {
        // The same reach as `may_manage`, asked of the database instead of read row by row.
        query = query.filter(
            Condition::any()
                .add(api_token::Column::CreatedBy.eq(actor.user_id))
                .add(
                    api_token::Column::ClusterId.is_in(
                        actor
                            .coordinated_clusters
                            .iter()
                            .copied()
                            .collect::<Vec<_>>(),
                    ),
                ),
        );
    }
    let order =
        newest_first::<api_token::Entity>(api_token::Column::Id, |row| Keyset::of_id(row.id));
    fetch_page(db, query, &order, request, PagePlan::Direct, ColumnSet::ALL).await
}

/// A live token, as the caller of a request.
#[derive(Debug, Clone)]
pub struct TokenCaller {
    /// The token's row.
    pub token_id: i32,
    /// What it may do.
    pub scopes: Vec<ApiScope>,
    /// Its rights, confined to its cluster.
    pub actor: Actor,
}

/// Whether the account that made a token still holds a role that lets it make one: an
/// operator, or a coordinator of the token's cluster (of any cluster, for a token without one).
pub fn creator_still_entitled(creator: &Actor, cluster_id: Option<i32>) -> bool {
    match cluster_id {
        Some(cluster) => creator.coordinates(cluster),
        None => creator.is_operator || !creator.coordinated_clusters.is_empty(),
    }
}

/// The rights of a token: its cluster's, for cluster scopes; none beyond anyone's for
/// READ_PUBLIC alone.
pub fn actor_of(token: &api_token::Model) -> Actor {
    let scopes = scopes_of(token);
    let cluster_scoped = scopes.iter().any(|s| s.needs_cluster());
    Actor {
        user_id: token.created_by,
        email: format!("API token {} ({})", token.prefix, token.name),
        coordinated_clusters: match token.cluster_id {
            Some(cluster) if cluster_scoped => [cluster].into(),
            _ => Default::default(),
        },
        api_token: Some(TokenGrant {
            token_id: token.id,
            reads_private: scopes.contains(&ApiScope::ReadClusterPrivate),
        }),
        ..Actor::default()
    }
}

/// The live token with this secret as a caller, noting its use (to the minute, so a busy token
/// does not write on every request); None when no live token has it, or when its creator no
/// longer holds the role that made it.
pub async fn authenticate<C: ConnectionTrait>(
    db: &C,
    secret: &str,
) -> DomainResult<Option<TokenCaller>> {
    let Some(token) = api_token::Entity::find()
        .filter(api_token::Column::TokenHash.eq(hash_token(secret)))
        .filter(api_token::Column::RevokedAt.is_null())
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let entitled = crate::accounts::actors::load_actor(db, token.created_by)
        .await?
        .is_some_and(|creator| creator_still_entitled(&creator, token.cluster_id));
    if !entitled {
        return Ok(None);
    }
    let now = Utc::now();
    if token
        .last_used_at
        .is_none_or(|at| now - at > Duration::minutes(1))
    {
        let mut active: api_token::ActiveModel = token.clone().into();
        active.last_used_at = Set(Some(now));
        active.update(db).await?;
    }
    Ok(Some(TokenCaller {
        token_id: token.id,
        scopes: scopes_of(&token),
        actor: actor_of(&token),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_member_scope_opens_mutations_and_only_the_membership_ones() {
        let members = [ApiScope::ReadPublic, ApiScope::WriteClusterMembers];
        assert!(allows_mutation(&members, "approveMembership"));
        assert!(allows_mutation(&members, "addMember"));
        assert!(allows_mutation(&members, "importRecords"));
        assert!(!allows_mutation(&members, "updateCluster"));
        assert!(!allows_mutation(&members, "createApiToken"));
        assert!(!allows_mutation(
            &[ApiScope::ReadClusterPrivate],
            "addMember"
        ));
        assert!(allows_mutation(
            &[ApiScope::ReadClusterPrivate],
            "createWebhook"
        ));
        assert!(!allows_mutation(&members, "createWebhook"));
    }

    #[test]
    fn a_token_is_confined_to_its_cluster_and_reads_private_data_only_with_that_scope() {
        let token = |scopes: &str| api_token::Model {
            id: 3,
            name: "CRM".into(),
            token_hash: String::new(),
            prefix: "klt_abcdefgh".into(),
            scopes: scopes.into(),
            cluster_id: Some(7),
            created_by: 1,
            last_used_at: None,
            revoked_at: None,
            created_at: Utc::now(),
            updated_at: Utc::now(),
        };
        let public = actor_of(&token("READ_PUBLIC"));
        assert!(public.coordinated_clusters.is_empty());
        assert!(!public.reads_private_of(7));
        let reader = actor_of(&token("READ_PUBLIC,READ_CLUSTER_PRIVATE"));
        assert!(reader.reads_private_of(7) && !reader.reads_private_of(8));
        assert!(reader.require_account().is_err(), "never acts as a person");
        let writer = actor_of(&token("READ_PUBLIC,WRITE_CLUSTER_MEMBERS"));
        assert!(writer.coordinates(7) && !writer.reads_private_of(7));
    }

    #[test]
    fn a_token_lapses_with_its_creators_role() {
        let coordinator = Actor {
            coordinated_clusters: [7].into(),
            ..Actor::default()
        };
        assert!(creator_still_entitled(&coordinator, Some(7)));
        assert!(!creator_still_entitled(&coordinator, Some(8)));
        assert!(creator_still_entitled(&coordinator, None));
        assert!(!creator_still_entitled(&Actor::default(), None));
        let operator = Actor {
            is_operator: true,
            ..Actor::default()
        };
        assert!(creator_still_entitled(&operator, Some(8)));
    }

    #[test]
    fn scope_names_read_back() {
        for scope in [
            ApiScope::ReadPublic,
            ApiScope::ReadClusterPrivate,
            ApiScope::WriteClusterMembers,
        ] {
            assert_eq!(ApiScope::parse(scope.as_str()), Some(scope));
        }
        assert_eq!(ApiScope::parse("ADMIN"), None);
    }
}

/// Whether a token's request may run under its limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RateDecision {
    /// Within the limit.
    Allowed,
    /// Over it: retry after this many seconds.
    Limited {
        /// Seconds until the token is under its limit again.
        retry_after_secs: u64,
    },
}

/// The requests a token is reckoned to have made in the last minute: this minute's count plus
/// the previous minute's, weighted by how much of it still lies within the last 60 s. Unlike a
/// plain count per minute, a burst across the turn of a minute cannot pass twice the limit.
pub fn sliding_requests(previous: u32, current: u32, seconds_into_minute: f64) -> f64 {
    let left_of_previous = (1.0 - seconds_into_minute.clamp(0.0, 60.0) / 60.0).max(0.0);
    f64::from(previous) * left_of_previous + f64::from(current)
}

/// What a token that has made `previous` and `current` requests (this one counted) may do under
/// `per_minute`, `seconds_into_minute` into the current minute.
pub fn rate_decision(
    per_minute: u32,
    previous: u32,
    current: u32,
    seconds_into_minute: f64,
) -> RateDecision {
    let limit = f64::from(per_minute.max(1));
    if sliding_requests(previous, current, seconds_into_minute) <= limit {
        return RateDecision::Allowed;
    }
    // When this minute alone is over the limit, only the next minute helps; otherwise the
    // previous minute's share fades until the total is under it.
    let wait = if f64::from(current) >= limit || previous == 0 {
        60.0 - seconds_into_minute
    } else {
        let share_allowed = (limit - f64::from(current)) / f64::from(previous);
        (60.0 * (1.0 - share_allowed) - seconds_into_minute).max(0.0)
    };
    RateDecision::Limited {
        retry_after_secs: (wait.ceil() as u64).clamp(1, 60),
    }
}

/// Counts one request of token `token_id` in the database, where every server counts, and says
/// whether it may run under `per_minute`. Two statements: an upsert of this minute's count and
/// a read of the previous minute's.
pub async fn count_request<C: ConnectionTrait>(
    db: &C,
    token_id: i32,
    per_minute: u32,
    now: chrono::DateTime<Utc>,
) -> DomainResult<RateDecision> {
    use klastry_entity::api_token_window;
    use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
    let minute = now.timestamp().div_euclid(60);
    let seconds_into_minute =
        (now.timestamp().rem_euclid(60)) as f64 + f64::from(now.timestamp_subsec_millis()) / 1000.0;
    let counted = api_token_window::Entity::insert(api_token_window::ActiveModel {
        api_token_id: Set(token_id),
        window_start: Set(minute),
        requests: Set(1),
    })
    .on_conflict(
        OnConflict::columns([
            api_token_window::Column::ApiTokenId,
            api_token_window::Column::WindowStart,
        ])
        .value(
            api_token_window::Column::Requests,
            Expr::col((api_token_window::Entity, api_token_window::Column::Requests)).add(1),
        )
        .to_owned(),
    )
    .exec_with_returning(db)
    .await?;
    let previous = api_token_window::Entity::find_by_id((token_id, minute - 1))
        .one(db)
        .await?
        .map_or(0, |w| w.requests);
    let count = |n: i32| u32::try_from(n).unwrap_or(0);
    Ok(rate_decision(
        per_minute,
        count(previous),
        count(counted.requests),
        seconds_into_minute,
    ))
}

/// Deletes request counts older than the previous minute (run once a minute).
pub async fn forget_old_windows<C: ConnectionTrait>(
    db: &C,
    now: chrono::DateTime<Utc>,
) -> DomainResult<u64> {
    use klastry_entity::api_token_window;
    let minute = now.timestamp().div_euclid(60);
    Ok(api_token_window::Entity::delete_many()
        .filter(api_token_window::Column::WindowStart.lt(minute - 1))
        .exec(db)
        .await?
        .rows_affected)
}

#[cfg(test)]
mod rate_tests {
    use super::*;

    #[test]
    fn the_previous_minute_counts_by_the_share_still_within_the_last_sixty_seconds() {
        assert_eq!(sliding_requests(60, 0, 0.0), 60.0);
        assert_eq!(sliding_requests(60, 10, 30.0), 40.0);
        assert_eq!(sliding_requests(60, 10, 60.0), 10.0);
    }

    #[test]
    fn a_burst_at_the_turn_of_a_minute_is_still_limited() {
        // 600 requests at the end of one minute, then 20 more at the start of the next.
        assert_eq!(
            rate_decision(600, 600, 20, 1.0),
            RateDecision::Limited {
                retry_after_secs: 1
            }
        );
        assert_eq!(rate_decision(600, 0, 600, 59.0), RateDecision::Allowed);
        assert!(matches!(
            rate_decision(600, 0, 601, 10.0),
            RateDecision::Limited {
                retry_after_secs: 50
            }
        ));
        assert_eq!(rate_decision(600, 300, 100, 45.0), RateDecision::Allowed);
    }
}
