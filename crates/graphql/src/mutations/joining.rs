//! Joining the registry: asking to act for an organisation or registering a new one, claiming
//! a cluster nobody coordinates here yet, deciding such requests, invitations by e-mail, and
//! clusters submitted for an operator's review (the domain's `joining`).
//!
//! A new way to join goes here; an account's own life is in `self_service`.

use super::organisations::{OrganisationFieldsInput, OrganisationPayload};
use super::support::{IntoDomain, payload};
use crate::context::{actor, db, token_keys, viewer};
use crate::error::OrApi;
use crate::ids::{NodeKind, parse_id_of};
use crate::types::account::Session;
use crate::types::enums::{InvitationRole, Language, OrganisationKind, VoivodeshipCode};
use crate::types::joining::{AccessRequest, ClusterSubmission, Invitation};
use crate::types::organisation::Organisation;
use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};
use klastry_domain::joining::acceptance::{self, Acceptor};
use klastry_domain::joining::access_requests;
use klastry_domain::joining::invitations::{self, NewInvitation};
use klastry_domain::joining::submissions::{self, SubmissionFields};
use klastry_domain::rules::joining::DeclaredMembers;

payload!(AccessRequestPayload, request: AccessRequest, "A request for access after a change.");
payload!(InvitationPayload, invitation: Invitation, "An invitation after a change.");
payload!(ClusterSubmissionPayload, submission: ClusterSubmission, "A cluster submission after a change.");

/// Asking to act for an organisation.
#[derive(InputObject)]
pub struct RequestToActInput {
    /// The organisation (find it by NIP, REGON, KRS or name with `organisations`).
    pub organisation_id: ID,
    /// A word to whoever decides, at most 2000 characters.
    pub message: Option<String>,
}

/// Claiming a cluster loaded from public lists that has no coordinator account yet.
#[derive(InputObject)]
pub struct ClaimClusterInput {
    /// The cluster.
    pub cluster_id: ID,
    /// Who you are in the cluster's coordinating organisation, for the operators.
    pub message: Option<String>,
}

/// A decision on a request.
#[derive(InputObject)]
pub struct DecideAccessRequestInput {
    /// The request.
    pub request_id: ID,
    /// True grants the role asked for; false rejects.
    pub approve: bool,
    /// Why, mailed to the one who asked.
    pub reason: Option<String>,
}

/// A request, by its global ID.
#[derive(InputObject)]
pub struct AccessRequestIdInput {
    /// The request.
    pub request_id: ID,
}

/// An invitation to send.
#[derive(InputObject)]
pub struct InviteInput {
    /// The address to invite.
    pub email: String,
    /// The role accepting grants.
    pub role: InvitationRole,
    /// COORDINATOR: the cluster to co-coordinate. MEMBER: the inviting coordinator's cluster,
    /// of which the organisation is a member (not needed by the organisation's managers).
    pub cluster_id: Option<ID>,
    /// MEMBER: the organisation to act for.
    pub organisation_id: Option<ID>,
    /// MEMBER, instead of `organisationId`: an organisation new to the registry, added by the
    /// coordinator of `clusterId` and recorded as a member of the cluster.
    pub new_organisation: Option<OrganisationFieldsInput>,
    /// The language of the mail.
    #[graphql(default)]
    pub language: Language,
}

/// An invitation, by its global ID.
#[derive(InputObject)]
pub struct InvitationIdInput {
    /// The invitation.
    pub invitation_id: ID,
}

/// Accepting an invitation. Signed in, the role goes to the signed-in account. Otherwise, when
/// an account signs in with the invited address, give its `password`; when none does, give a
/// new `password` and `displayName` to open one (the link proves the address).
#[derive(InputObject)]
pub struct AcceptInvitationInput {
    /// The `token` of the invitation's link.
    pub token: String,
    /// The password of the account with the invited address, or a new one.
    pub password: Option<String>,
    /// A new account's name.
    pub display_name: Option<String>,
    /// A new account's language.
    #[graphql(default)]
    pub language: Language,
}

/// The answer to accepting an invitation.
#[derive(SimpleObject)]
pub struct AcceptInvitationPayload {
    /// The invitation, accepted; null when nothing was done.
    pub invitation: Option<Invitation>,
    /// A new session, unless the person was signed in already.
    pub session: Option<Session>,
    /// What was wrong with the input.
    pub user_errors: Vec<super::UserError>,
}

/// Members of one kind, as declared.
#[derive(InputObject)]
pub struct DeclaredMembersInput {
    /// The kind of organisation.
    pub kind: OrganisationKind,
    /// How many, 0 to 1000000.
    pub count: i32,
}

/// A cluster submitted for listing.
#[derive(InputObject)]
pub struct SubmitClusterInput {
    /// Its name.
    pub name: String,
    /// Its name in English.
    pub name_en: Option<String>,
    /// Its acronym.
    pub acronym: Option<String>,
    /// The voivodeship of its seat.
    pub voivodeship: Option<VoivodeshipCode>,
    /// Its website.
    pub website: Option<String>,
    /// Its website in English (the EU platform asks for one).
    pub website_en: Option<String>,
    /// What it does.
    pub description: String,
    /// Sector codes (`sectors` lists them).
    #[graphql(default)]
    pub sectors: Vec<String>,
    /// Its members by kind, as the submitter counts them.
    #[graphql(default)]
    pub declared_members: Vec<DeclaredMembersInput>,
    /// The coordinating organisation's name.
    pub coordinator_name: String,
    /// Its NIP; an organisation already registered with it becomes the coordinator.
    pub coordinator_nip: Option<String>,
    /// Its REGON.
    pub coordinator_regon: Option<String>,
    /// Its KRS number.
    pub coordinator_krs: Option<String>,
}

/// An operator's decision on a submission.
#[derive(InputObject)]
pub struct DecideClusterSubmissionInput {
    /// The submission.
    pub submission_id: ID,
    /// True publishes it; false rejects it.
    pub publish: bool,
    /// Why it is rejected (required then), mailed to the submitter.
    pub reason: Option<String>,
}

/// A submission, by its global ID.
#[derive(InputObject)]
pub struct ClusterSubmissionIdInput {
    /// The submission.
    pub submission_id: ID,
}

/// Joining the registry.
#[derive(Default)]
pub struct JoiningMutations;

/// Joining the registry.
#[Object]
impl JoiningMutations {
    /// Asks to act for an organisation; its managers (else its clusters' coordinators, else the
    /// operators) are mailed and decide. A second request while one waits answers with it.
    async fn request_to_act_for_organisation(
        &self,
        ctx: &Context<'_>,
        input: RequestToActInput,
    ) -> Result<AccessRequestPayload> {
        let actor = actor(ctx)?;
        let organisation = parse_id_of(
            "organisationId",
            NodeKind::Organisation,
            &input.organisation_id,
        )
        .or_api()?;
        let result =
            access_requests::request_to_act(db(ctx), actor, organisation, input.message.as_deref())
                .await;
        AccessRequestPayload::from_outcome(result, AccessRequest)
    }

    /// Registers an organisation new to the registry (identifiers checked; a NIP registered
    /// already is NOT_UNIQUE: ask to act for that one instead). The signed-in account acts for
    /// it and manages it at once.
    async fn register_organisation(
        &self,
        ctx: &Context<'_>,
        input: OrganisationFieldsInput,
    ) -> Result<OrganisationPayload> {
        let actor = actor(ctx)?;
        let fields = input.into_domain()?;
        let result = access_requests::register_organisation(db(ctx), actor, &fields)
            .await
            .map(|(organisation, _)| organisation);
        OrganisationPayload::from_outcome(result, Organisation)
    }

    /// Asks to coordinate a cluster that has no coordinator account in the registry yet; the
    /// operators decide.
    async fn claim_cluster(
        &self,
        ctx: &Context<'_>,
        input: ClaimClusterInput,
    ) -> Result<AccessRequestPayload> {
        let actor = actor(ctx)?;
        let cluster = parse_id_of("clusterId", NodeKind::Cluster, &input.cluster_id).or_api()?;
        let result =
            access_requests::claim_cluster(db(ctx), actor, cluster, input.message.as_deref()).await;
        AccessRequestPayload::from_outcome(result, AccessRequest)
    }

    /// Approves (granting the role) or rejects a waiting request; the one who asked is mailed.
    async fn decide_access_request(
        &self,
        ctx: &Context<'_>,
        input: DecideAccessRequestInput,
    ) -> Result<AccessRequestPayload> {
        let actor = actor(ctx)?;
        let id = parse_id_of("requestId", NodeKind::AccessRequest, &input.request_id).or_api()?;
        let result =
            access_requests::decide(db(ctx), actor, id, input.approve, input.reason.as_deref())
                .await;
        AccessRequestPayload::from_outcome(result, AccessRequest)
    }

    /// Takes back one's own waiting request.
    async fn withdraw_access_request(
        &self,
        ctx: &Context<'_>,
        input: AccessRequestIdInput,
    ) -> Result<AccessRequestPayload> {
        let actor = actor(ctx)?;
        let id = parse_id_of("requestId", NodeKind::AccessRequest, &input.request_id).or_api()?;
        let result = access_requests::withdraw(db(ctx), actor, id).await;
        AccessRequestPayload::from_outcome(result, AccessRequest)
    }

    /// Invites someone by e-mail, with a link that works once, for 7 days: to act for an
    /// organisation (its managers; the coordinators of a cluster it belongs to, who may also
    /// add a new organisation to the cluster with `newOrganisation`), to
    /// co-coordinate a cluster (its coordinators), or to operate the registry (operators).
    async fn invite(&self, ctx: &Context<'_>, input: InviteInput) -> Result<InvitationPayload> {
        let actor = actor(ctx)?;
        let cluster_id = input
            .cluster_id
            .map(|id| parse_id_of("clusterId", NodeKind::Cluster, &id).or_api())
            .transpose()?;
        let organisation_id = input
            .organisation_id
            .map(|id| parse_id_of("organisationId", NodeKind::Organisation, &id).or_api())
            .transpose()?;
        let result = invitations::invite(
            db(ctx),
            actor,
            &NewInvitation {
                email: input.email,
                role: input.role.into(),
                cluster_id,
                organisation_id,
                new_organisation: input
                    .new_organisation
                    .map(IntoDomain::into_domain)
                    .transpose()?,
                language: input.language.into(),
            },
        )
        .await;
        InvitationPayload::from_outcome(result, Invitation)
    }

    /// Mails an open invitation again with a new link (the old one stops working), for
    /// another 7 days; one address gets at most one invitation a minute and five a day
    /// (RATE_LIMITED, with `extensions.retryAfter`).
    async fn resend_invitation(
        &self,
        ctx: &Context<'_>,
        input: InvitationIdInput,
    ) -> Result<InvitationPayload> {
        let actor = actor(ctx)?;
        let id =
            parse_id_of("invitationId", NodeKind::Invitation, &input.invitation_id).or_api()?;
        let result = invitations::resend(db(ctx), actor, id).await;
        InvitationPayload::from_outcome(result, Invitation)
    }

    /// Revokes an open invitation: its link stops working.
    async fn revoke_invitation(
        &self,
        ctx: &Context<'_>,
        input: InvitationIdInput,
    ) -> Result<InvitationPayload> {
        let actor = actor(ctx)?;
        let id =
            parse_id_of("invitationId", NodeKind::Invitation, &input.invitation_id).or_api()?;
        let result = invitations::revoke(db(ctx), actor, id).await;
        InvitationPayload::from_outcome(result, Invitation)
    }

    /// Accepts an invitation and grants its role: to the signed-in account, or to the account
    /// with the invited address (its password), or to a new one opened with it. Counts as a
    /// password check.
    async fn accept_invitation(
        &self,
        ctx: &Context<'_>,
        input: AcceptInvitationInput,
    ) -> Result<AcceptInvitationPayload> {
        let keys = token_keys(ctx)?;
        let acceptor = match viewer(ctx).account() {
            Ok(actor) => Acceptor::SignedIn(actor),
            Err(_) => {
                let found = invitations::by_token(db(ctx), &input.token).await;
                let exists = match &found {
                    Ok(found) => invitations::has_account(db(ctx), &found.email)
                        .await
                        .or_api()?,
                    Err(_) => false,
                };
                let password = input.password.unwrap_or_default();
                if exists {
                    Acceptor::Existing { password }
                } else {
                    Acceptor::New {
                        password,
                        display_name: input.display_name.unwrap_or_default(),
                        language: input.language.into(),
                    }
                }
            }
        };
        let result = acceptance::accept(db(ctx), keys, &input.token, acceptor).await;
        let (accepted, user_errors) = super::outcome(result)?;
        let (invitation, session) = match accepted {
            Some((invitation, session)) => {
                (Some(Invitation(invitation)), session.map(Session::from))
            }
            None => (None, None),
        };
        Ok(AcceptInvitationPayload {
            invitation,
            session,
            user_errors,
        })
    }

    /// Submits a cluster for listing; the operators are mailed and review it. It is seen only
    /// by the submitter and operators until published.
    async fn submit_cluster(
        &self,
        ctx: &Context<'_>,
        input: SubmitClusterInput,
    ) -> Result<ClusterSubmissionPayload> {
        let actor = actor(ctx)?;
        let fields = SubmissionFields {
            name: input.name,
            name_en: input.name_en,
            acronym: input.acronym,
            voivodeship_teryt: input.voivodeship.map(|v| v.teryt().to_owned()),
            website: input.website,
            website_en: input.website_en,
            description: input.description,
            sector_codes: input.sectors,
            declared_members: input
                .declared_members
                .into_iter()
                .map(|d| DeclaredMembers {
                    kind: d.kind.into(),
                    count: u32::try_from(d.count).unwrap_or(u32::MAX),
                })
                .collect(),
            coordinator_name: input.coordinator_name,
            coordinator_nip: input.coordinator_nip,
            coordinator_regon: input.coordinator_regon,
            coordinator_krs: input.coordinator_krs,
        };
        let result = submissions::submit(db(ctx), actor, &fields).await;
        ClusterSubmissionPayload::from_outcome(result, ClusterSubmission)
    }

    /// Publishes a waiting submission (it becomes a cluster, with its coordinating
    /// organisation as a member and the submitter as coordinator) or rejects it with a reason;
    /// the submitter is mailed (operators).
    async fn decide_cluster_submission(
        &self,
        ctx: &Context<'_>,
        input: DecideClusterSubmissionInput,
    ) -> Result<ClusterSubmissionPayload> {
        let actor = actor(ctx)?;
        let id = parse_id_of(
            "submissionId",
            NodeKind::ClusterSubmission,
            &input.submission_id,
        )
        .or_api()?;
        let result =
            submissions::decide(db(ctx), actor, id, input.publish, input.reason.as_deref()).await;
        ClusterSubmissionPayload::from_outcome(result, ClusterSubmission)
    }

    /// Takes back one's own waiting submission.
    async fn withdraw_cluster_submission(
        &self,
        ctx: &Context<'_>,
        input: ClusterSubmissionIdInput,
    ) -> Result<ClusterSubmissionPayload> {
        let actor = actor(ctx)?;
        let id = parse_id_of(
            "submissionId",
            NodeKind::ClusterSubmission,
            &input.submission_id,
        )
        .or_api()?;
        let result = submissions::withdraw(db(ctx), actor, id).await;
        ClusterSubmissionPayload::from_outcome(result, ClusterSubmission)
    }
}
