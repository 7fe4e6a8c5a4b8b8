//! The membership workflow: applying to join a cluster, a coordinator's decision, leaving, and
//! members a coordinator records directly (the domain's `writes::memberships`).
//!
//! A new step of an organisation's part in a cluster goes here.

use super::outcome;
use super::support::{cluster_id, id_of, partial, payload};
use crate::context::{actor, db};
use crate::error::OrApi;
use crate::ids::{NodeKind, parse_id_of};
use crate::scalars::PartialDate;
use crate::types::enums::MembershipRole;
use crate::types::organisation::Membership;
use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object, Result};
use klastry_domain::writes::memberships;

payload!(MembershipPayload, membership: Membership, "A membership after a workflow step; null when a pending application was withdrawn (but for an organisation that was a member before, whose membership is LEFT again).");

/// An application to join a cluster.
#[derive(InputObject)]
pub struct ApplyForMembershipInput {
    /// The global ID of the cluster to join.
    pub cluster_id: ID,
    /// The global ID of the applying organisation (one you act for).
    pub organisation_id: ID,
    /// A word to the coordinator.
    pub message: Option<String>,
}

/// A coordinator's decision on an application.
#[derive(InputObject)]
pub struct DecideMembershipInput {
    /// The global ID of the pending membership (the application).
    pub id: ID,
    /// The version the decision is based on, as last read; a stale one is a CONFLICT error.
    pub version: i32,
    /// Why; required when rejecting, shown to the applicant.
    pub reason: Option<String>,
}

/// Leaving a cluster (or, for a coordinator, removing a member).
#[derive(InputObject)]
pub struct LeaveClusterInput {
    /// The global ID of the membership that ends.
    pub id: ID,
    /// The version it is based on, as last read; a stale one is a CONFLICT error.
    pub version: i32,
}

/// A member a coordinator records directly.
#[derive(InputObject)]
pub struct AddMemberInput {
    /// The global ID of the cluster.
    pub cluster_id: ID,
    /// The global ID of the member organisation.
    pub organisation_id: ID,
    /// Its part in the cluster.
    #[graphql(default_with = "MembershipRole::Member")]
    pub role: MembershipRole,
    /// When it joined (today when not given).
    pub joined_on: Option<PartialDate>,
}

/// A change to a membership's role or dates.
#[derive(InputObject)]
pub struct UpdateMembershipInput {
    /// The global ID of the membership to change.
    pub id: ID,
    /// The version the change is based on, as last read; a stale one is a CONFLICT error.
    pub version: i32,
    /// Its part in the cluster.
    pub role: Option<MembershipRole>,
    /// When it joined: the start of its latest period (`Membership.periods`), which may not
    /// begin before the period before it ended (a userError on `joinedOn`). An application's
    /// (PENDING or REJECTED) dates change no period.
    pub joined_on: MaybeUndefined<PartialDate>,
    /// When it left: the end of its latest period; null while it is a member.
    pub left_on: MaybeUndefined<PartialDate>,
}

fn organisation_id(id: &ID) -> Result<i32> {
    parse_id_of("organisationId", NodeKind::Organisation, id).or_api()
}

/// A coordinator's decision on an application: approve or reject.
async fn decide(
    ctx: &Context<'_>,
    input: DecideMembershipInput,
    approve: bool,
) -> Result<MembershipPayload> {
    let actor = actor(ctx)?;
    let id = id_of(NodeKind::Membership, &input.id)?;
    let result = memberships::decide(
        db(ctx),
        actor,
        id,
        input.version,
        approve,
        input.reason.as_deref(),
    )
    .await;
    MembershipPayload::from_outcome(result, Membership::new)
}

/// Applying, deciding, leaving, and members a coordinator records.
#[derive(Default)]
pub struct MembershipMutations;

/// Applying, deciding, leaving, and members a coordinator records.
#[Object]
impl MembershipMutations {
    /// Applies, for an organisation you act for, to join a cluster. The application is PENDING
    /// until a coordinator decides it.
    async fn apply_for_membership(
        &self,
        ctx: &Context<'_>,
        input: ApplyForMembershipInput,
    ) -> Result<MembershipPayload> {
        let actor = actor(ctx)?;
        let cluster = cluster_id(&input.cluster_id)?;
        let organisation = organisation_id(&input.organisation_id)?;
        let result = memberships::apply(
            db(ctx),
            actor,
            cluster,
            organisation,
            input.message.as_deref(),
        )
        .await;
        MembershipPayload::from_outcome(result, Membership::new)
    }

    /// Approves a pending application: the organisation is an ACTIVE member from today, in a
    /// new period (`Membership.periods`; an organisation that left and applied again keeps its
    /// earlier ones).
    async fn approve_membership(
        &self,
        ctx: &Context<'_>,
        input: DecideMembershipInput,
    ) -> Result<MembershipPayload> {
        decide(ctx, input, true).await
    }

    /// Rejects a pending application with a reason the applicant will read.
    async fn reject_membership(
        &self,
        ctx: &Context<'_>,
        input: DecideMembershipInput,
    ) -> Result<MembershipPayload> {
        decide(ctx, input, false).await
    }

    /// Leaves a cluster (the member) or removes a member (the coordinator): the membership is
    /// LEFT from today, which ends its current period. A pending application is withdrawn and
    /// the payload's membership is null; but an organisation that was a member before (it left
    /// and applied again) keeps its membership, LEFT again with its latest period's dates, and
    /// its periods.
    async fn leave_cluster(
        &self,
        ctx: &Context<'_>,
        input: LeaveClusterInput,
    ) -> Result<MembershipPayload> {
        let actor = actor(ctx)?;
        let id = id_of(NodeKind::Membership, &input.id)?;
        let (value, user_errors) =
            outcome(memberships::leave(db(ctx), actor, id, input.version).await)?;
        Ok(MembershipPayload {
            membership: value.flatten().map(Membership::new),
            user_errors,
        })
    }

    /// Records a member directly (the cluster's coordinators).
    async fn add_member(
        &self,
        ctx: &Context<'_>,
        input: AddMemberInput,
    ) -> Result<MembershipPayload> {
        let actor = actor(ctx)?;
        let cluster = cluster_id(&input.cluster_id)?;
        let organisation = organisation_id(&input.organisation_id)?;
        let joined = input.joined_on.map(|d| d.0.to_string());
        let result = memberships::add_member(
            db(ctx),
            actor,
            cluster,
            organisation,
            input.role.into(),
            joined.as_deref(),
        )
        .await;
        MembershipPayload::from_outcome(result, Membership::new)
    }

    /// Changes a member's role or dates (the cluster's coordinators).
    async fn update_membership(
        &self,
        ctx: &Context<'_>,
        input: UpdateMembershipInput,
    ) -> Result<MembershipPayload> {
        let actor = actor(ctx)?;
        let id = id_of(NodeKind::Membership, &input.id)?;
        let result = memberships::update(
            db(ctx),
            actor,
            id,
            input.version,
            input.role.map(Into::into),
            partial(input.joined_on),
            partial(input.left_on),
        )
        .await;
        MembershipPayload::from_outcome(result, Membership::new)
    }
}
