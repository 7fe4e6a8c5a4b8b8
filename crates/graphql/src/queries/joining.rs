//! Self-service joining: requests for access, invitations, cluster submissions, who acts for
//! an organisation, and what an invitation's link offers.
//!
//! A new query about how people, organisations and clusters join goes here; the changes are in
//! `mutations::joining`.

use super::api_tokens::optional_cluster_id;
use crate::context::{actor, db};
use crate::error::{ApiError, OrApi};
use crate::ids::{Cursor, NodeKind, parse_id_of};
use crate::paging::{keyset_connection, page_request};
use crate::types::account::UserRole;
use crate::types::enums::ReviewStatus;
use crate::types::joining::{AccessRequest, ClusterSubmission, Invitation, InvitationPreview};
use async_graphql::connection::{Connection, EmptyFields};
use async_graphql::{Context, Enum, ID, Object, Result};
use klastry_domain::FieldErrorCode;
use klastry_domain::accounts::users;
use klastry_domain::joining::access_requests::{self, RequestScope};
use klastry_domain::joining::invitations::{self, InvitationScope};
use klastry_domain::joining::submissions;

/// Which requests `accessRequests` lists.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
pub enum AccessRequestScope {
    /// The signed-in account's own, in every state.
    Mine,
    /// Those waiting for the signed-in account's decision (an operator: every one waiting).
    ToDecide,
}

/// Self-service joining.
#[derive(Default)]
pub struct JoiningQuery;

/// Self-service joining.
#[Object]
impl JoiningQuery {
    /// Requests to act for an organisation or to coordinate a cluster, newest first: the
    /// signed-in account's own (MINE), or those waiting for its decision (TO_DECIDE).
    #[graphql(
        complexity = "first.or(last).unwrap_or(20).clamp(0, 100) as usize * child_complexity + 1"
    )]
    async fn access_requests(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Whose requests.")] scope: AccessRequestScope,
        #[graphql(desc = "Page size from the newest or after `after`, 0 to 100 (default 20).")]
        first: Option<i32>,
        #[graphql(desc = "Cursor to continue after (towards older ones).")] after: Option<String>,
        #[graphql(desc = "Page size before `before`, 0 to 100.")] last: Option<i32>,
        #[graphql(desc = "Cursor to continue before (towards newer ones).")] before: Option<String>,
    ) -> Result<Connection<Cursor, AccessRequest, EmptyFields>> {
        let actor = actor(ctx)?;
        let request = page_request(first, after, last, before).or_api()?;
        let scope = match scope {
            AccessRequestScope::Mine => RequestScope::Mine,
            AccessRequestScope::ToDecide => RequestScope::ToDecide,
        };
        let page = access_requests::page(db(ctx), actor, scope, &request)
            .await
            .or_api()?;
        Ok(keyset_connection(page, EmptyFields, AccessRequest))
    }

    /// Invitations, newest first: a cluster's (its coordinators), an organisation's (its
    /// managers), or with neither, every one (operators).
    #[graphql(
        complexity = "first.or(last).unwrap_or(20).clamp(0, 100) as usize * child_complexity + 1"
    )]
    #[allow(clippy::too_many_arguments)]
    async fn invitations(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only this cluster's invitations.")] cluster_id: Option<ID>,
        #[graphql(desc = "Only this organisation's invitations.")] organisation_id: Option<ID>,
        #[graphql(desc = "Page size from the newest or after `after`, 0 to 100 (default 20).")]
        first: Option<i32>,
        #[graphql(desc = "Cursor to continue after (towards older ones).")] after: Option<String>,
        #[graphql(desc = "Page size before `before`, 0 to 100.")] last: Option<i32>,
        #[graphql(desc = "Cursor to continue before (towards newer ones).")] before: Option<String>,
    ) -> Result<Connection<Cursor, Invitation, EmptyFields>> {
        let actor = actor(ctx)?;
        let cluster = optional_cluster_id(cluster_id.as_ref())?;
        let organisation = organisation_id
            .map(|id| parse_id_of("organisationId", NodeKind::Organisation, &id).or_api())
            .transpose()?;
        let scope = match (cluster, organisation) {
            (Some(_), Some(_)) => {
                return Err(ApiError::bad_input(
                    "organisationId",
                    FieldErrorCode::MutuallyExclusive,
                    "give either `clusterId` or `organisationId`, not both",
                )
                .into());
            }
            (Some(cluster), None) => InvitationScope::Cluster(cluster),
            (None, Some(organisation)) => InvitationScope::Organisation(organisation),
            (None, None) => InvitationScope::All,
        };
        let request = page_request(first, after, last, before).or_api()?;
        let page = invitations::page(db(ctx), actor, scope, &request)
            .await
            .or_api()?;
        Ok(keyset_connection(page, EmptyFields, Invitation))
    }

    /// What the invitation with this link's `token` offers, while its link works; one that was
    /// accepted, revoked, expired or never issued is a BAD_USER_INPUT error (`token`, EXPIRED).
    /// Needs no sign-in: the token is the invitee's.
    async fn invitation(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The `token` of the invitation's link.")] token: String,
    ) -> Result<InvitationPreview> {
        let found = invitations::by_token(db(ctx), &token).await.or_api()?;
        InvitationPreview::of(ctx, found).await
    }

    /// Clusters submitted for listing, newest first: every one for operators (those in
    /// `status` when given), the signed-in account's own for anyone else.
    #[graphql(
        complexity = "first.or(last).unwrap_or(20).clamp(0, 100) as usize * child_complexity + 1"
    )]
    async fn cluster_submissions(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only those in this state.")] status: Option<ReviewStatus>,
        #[graphql(desc = "Page size from the newest or after `after`, 0 to 100 (default 20).")]
        first: Option<i32>,
        #[graphql(desc = "Cursor to continue after (towards older ones).")] after: Option<String>,
        #[graphql(desc = "Page size before `before`, 0 to 100.")] last: Option<i32>,
        #[graphql(desc = "Cursor to continue before (towards newer ones).")] before: Option<String>,
    ) -> Result<Connection<Cursor, ClusterSubmission, EmptyFields>> {
        let actor = actor(ctx)?;
        let request = page_request(first, after, last, before).or_api()?;
        let page = submissions::page(db(ctx), actor, status.map(Into::into), &request)
            .await
            .or_api()?;
        Ok(keyset_connection(page, EmptyFields, ClusterSubmission))
    }

    /// The accounts acting for an organisation, with whether each manages it: for its
    /// managers and operators.
    async fn organisation_users(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The organisation.")] organisation_id: ID,
    ) -> Result<Vec<UserRole>> {
        let actor = actor(ctx)?;
        let organisation =
            parse_id_of("organisationId", NodeKind::Organisation, &organisation_id).or_api()?;
        Ok(users::organisation_roles(db(ctx), actor, organisation)
            .await
            .or_api()?
            .into_iter()
            .map(UserRole)
            .collect())
    }
}
