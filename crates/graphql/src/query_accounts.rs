//! Queries about the signed-in account, the audit trail and the cooperation board.

use crate::error::{ApiError, OrApi};
use crate::ids::{NodeKind, global_id, parse_global_id, parse_id_of};
use crate::types::account::{AuditEntry, Me};
use crate::types::cooperation::CooperationOffer;
use crate::types::enums::{CooperationCategory, CooperationKind, VoivodeshipCode};
use crate::types::viewer;
use async_graphql::connection::{Connection, Edge, EmptyFields};
use async_graphql::{Context, ID, InputObject, Object, Result};
use klastry_domain::FieldErrorCode;
use klastry_domain::services::accounts;
use klastry_domain::services::audit::{self, AuditScope};
use klastry_domain::services::writes::cooperation::{self, OfferFilter};
use sea_orm::DatabaseConnection;

fn db<'a>(ctx: &Context<'a>) -> &'a DatabaseConnection {
    ctx.data_unchecked::<DatabaseConnection>()
}

/// Reads an `after` cursor of a list ordered by id, newest first: the global ID of the last
/// item seen.
pub(crate) fn after_id(after: Option<String>, kind: NodeKind) -> Result<Option<i32>> {
    after
        .map(|cursor| parse_id_of("after", kind, &ID(cursor)).or_api())
        .transpose()
}

/// Which notices a cooperation board shows.
#[derive(InputObject, Default)]
pub struct CooperationOfferFilter {
    /// Offers, requests or both.
    #[graphql(default)]
    pub kinds: Vec<CooperationKind>,
    /// Of these categories.
    #[graphql(default)]
    pub categories: Vec<CooperationCategory>,
    /// In these voivodeships.
    #[graphql(default)]
    pub voivodeships: Vec<VoivodeshipCode>,
    /// In at least one of these sectors (codes).
    #[graphql(default)]
    pub sectors: Vec<String>,
    /// Title or description contains this, ignoring case and diacritics; at most 200
    /// characters, or BAD_USER_INPUT.
    pub text: Option<String>,
    /// Posted by this organisation.
    pub organisation_id: Option<ID>,
    /// Include notices past their expiry date.
    #[graphql(default)]
    pub include_expired: bool,
}

/// The signed-in account, the audit trail and the cooperation board.
#[derive(Default)]
pub struct AccountQuery;

/// The signed-in account, the audit trail and the cooperation board.
#[Object]
impl AccountQuery {
    /// The signed-in account and its roles; null when nobody is signed in, and for a partner's
    /// API token, which acts for its cluster and not as the account that made it.
    async fn me(&self, ctx: &Context<'_>) -> Result<Option<Me>> {
        let Ok(actor) = viewer(ctx).account() else {
            return Ok(None);
        };
        let Some(user) = accounts::user(db(ctx), actor.user_id).await.or_api()? else {
            return Ok(None);
        };
        let roles = accounts::roles(db(ctx), actor.user_id).await.or_api()?;
        Ok(Some(Me { user, roles }))
    }

    /// API tokens, newest first: an operator's (all, or one cluster's with `clusterId`), a
    /// coordinator's clusters', and the signed-in account's own.
    async fn api_tokens(
        &self,
        ctx: &Context<'_>,
        cluster_id: Option<ID>,
    ) -> Result<Vec<crate::types::api_token::ApiToken>> {
        let actor = viewer(ctx).actor().or_api()?;
        let cluster_id = match &cluster_id {
            Some(id) => Some(parse_id_of("clusterId", NodeKind::Cluster, id).or_api()?),
            None => None,
        };
        let db = ctx.data::<DatabaseConnection>()?;
        Ok(
            klastry_domain::services::api_tokens::list(db, actor, cluster_id)
                .await
                .or_api()?
                .into_iter()
                .map(crate::types::api_token::ApiToken)
                .collect(),
        )
    }

    /// Webhooks, newest first: an operator's (all, or one cluster's with `clusterId`), or the
    /// clusters' a coordinator coordinates.
    async fn webhooks(
        &self,
        ctx: &Context<'_>,
        cluster_id: Option<ID>,
    ) -> Result<Vec<crate::types::webhook::Webhook>> {
        let actor = viewer(ctx).actor().or_api()?;
        let cluster_id = match &cluster_id {
            Some(id) => Some(parse_id_of("clusterId", NodeKind::Cluster, id).or_api()?),
            None => None,
        };
        let db = ctx.data::<DatabaseConnection>()?;
        Ok(
            klastry_domain::services::webhooks::list(db, actor, cluster_id)
                .await
                .or_api()?
                .into_iter()
                .map(crate::types::webhook::Webhook)
                .collect(),
        )
    }

    /// Recorded changes, newest first. Operators read all of them; a cluster's coordinators read
    /// the cluster's (`clusterId`); an organisation's members read the organisation's
    /// (`organisationId`).
    async fn audit_trail(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only changes concerning this cluster.")] cluster_id: Option<ID>,
        #[graphql(desc = "Only changes concerning this organisation.")] organisation_id: Option<ID>,
        #[graphql(desc = "Page size, 0 to 100 (default 20).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the entry to continue after.")] after: Option<String>,
    ) -> Result<Connection<String, AuditEntry, EmptyFields>> {
        let actor = viewer(ctx).actor().or_api()?;
        let scope = match (cluster_id, organisation_id) {
            (Some(_), Some(_)) => {
                return Err(ApiError::bad_input(
                    "clusterId",
                    FieldErrorCode::MutuallyExclusive,
                    "give clusterId or organisationId, not both",
                ))
                .or_api();
            }
            (Some(c), None) => {
                AuditScope::Cluster(parse_id_of("clusterId", NodeKind::Cluster, &c).or_api()?)
            }
            (None, Some(o)) => AuditScope::Organisation(
                parse_id_of("organisationId", NodeKind::Organisation, &o).or_api()?,
            ),
            (None, None) => AuditScope::All,
        };
        let first = first.map(i64::from);
        let after = after_id(after, NodeKind::AuditEntry)?;
        let (rows, more) = audit::page(db(ctx), actor, scope, first, after)
            .await
            .or_api()?;
        let mut connection = Connection::new(after.is_some(), more);
        connection.edges.extend(rows.into_iter().map(|row| {
            Edge::new(
                global_id(NodeKind::AuditEntry, row.id).to_string(),
                AuditEntry(row),
            )
        }));
        Ok(connection)
    }

    /// The cooperation board: current offers and requests, newest first.
    #[graphql(complexity = "first.unwrap_or(20).max(0) as usize * child_complexity")]
    async fn cooperation_offers(
        &self,
        ctx: &Context<'_>,
        #[graphql(default)] filter: CooperationOfferFilter,
        #[graphql(desc = "Page size, 0 to 100 (default 20).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the notice to continue after.")] after: Option<String>,
    ) -> Result<Connection<String, CooperationOffer, EmptyFields>> {
        let first = first.map(i64::from);
        let after = after_id(after, NodeKind::CooperationOffer)?;
        let organisation_id = filter
            .organisation_id
            .as_ref()
            .map(|id| parse_global_id("filter.organisationId", id).map(|(_, n)| n))
            .transpose()
            .or_api()?;
        let text = crate::query::search_text("filter.text", filter.text).or_api()?;
        let domain_filter = OfferFilter {
            kinds: filter.kinds.into_iter().map(Into::into).collect(),
            categories: filter.categories.into_iter().map(Into::into).collect(),
            voivodeships: filter
                .voivodeships
                .into_iter()
                .map(|v| v.teryt().to_string())
                .collect(),
            sectors: filter.sectors,
            text,
            organisation_id,
            include_expired: filter.include_expired,
        };
        let (rows, more) = cooperation::page(db(ctx), &domain_filter, first, after)
            .await
            .or_api()?;
        let mut connection = Connection::new(after.is_some(), more);
        connection.edges.extend(rows.into_iter().map(|row| {
            Edge::new(
                global_id(NodeKind::CooperationOffer, row.id).to_string(),
                CooperationOffer(row),
            )
        }));
        Ok(connection)
    }
}
