//! The rule table: one rule per mutation of the API, saying who may run it and how to ask
//! without changing anything.

use crate::fixture::{Fixture, hook_input};
use crate::{
    ANYONE_BUT_TOKENS, CLUSTER_COORDINATORS, Caller, EITHER_SIDE, IMPORTERS, MEMBERSHIP_DECIDERS,
    OPEN_INVITEE, OPERATORS, ORGANISATION_MEMBERS, PEOPLE, PRIVATE_READERS, STALE,
    THE_ONE_WHO_ASKED,
};
use serde_json::{Value, json};

/// What a rule's variables need before each call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Prepare {
    /// The same variables every time.
    Same,
    /// An e-mail of no account, new for each call, so that no account's count of wrong
    /// passwords grows.
    UnknownEmail,
    /// Deleting a webhook has no version: each caller let through deletes one of its own.
    OwnWebhook,
    /// Taking a role away has no version: each caller let through takes away the deputy's
    /// role granted anew.
    OwnRole,
    /// Revoking an invitation has no version: each caller let through revokes one of its own.
    OwnInvitation,
    /// The mutation ends the caller's sessions: each caller let through signs in again after
    /// it.
    EndsSessions,
}

/// Who may run one mutation, and how to ask.
pub(crate) struct Rule {
    pub(crate) mutation: &'static str,
    pub(crate) document: String,
    pub(crate) variables: Value,
    pub(crate) allowed: &'static [Caller],
    /// Anyone but a token may run it, and UNAUTHENTICATED about the credential it carries is
    /// its normal answer: only FORBIDDEN is a refusal.
    pub(crate) public_credential: bool,
    /// Callers the mutation is not sent by (see `signIn`).
    pub(crate) not_sent_by: &'static [Caller],
    pub(crate) prepare: Prepare,
}

impl Rule {
    /// The rule for `mutation`, sent with `input` as `$i`, asking only for `__typename`.
    fn new(
        mutation: &'static str,
        input_type: &str,
        input: Value,
        allowed: &'static [Caller],
    ) -> Self {
        Self {
            mutation,
            document: format!(
                "mutation ($i: {input_type}!) {{ {mutation}(input: $i) {{ __typename }} }}"
            ),
            variables: json!({ "i": input }),
            allowed,
            public_credential: false,
            not_sent_by: &[],
            prepare: Prepare::Same,
        }
    }

    /// The rule for `mutation`, which takes no input, sent as `document`.
    fn without_input(mutation: &'static str, document: &str, allowed: &'static [Caller]) -> Self {
        Self {
            document: document.to_owned(),
            variables: json!({}),
            ..Self::new(mutation, "", json!({}), allowed)
        }
    }

    fn public_credential(mut self) -> Self {
        self.public_credential = true;
        self
    }

    fn not_sent_by(mut self, callers: &'static [Caller]) -> Self {
        self.not_sent_by = callers;
        self
    }

    fn prepared(mut self, prepare: Prepare) -> Self {
        self.prepare = prepare;
        self
    }
}

/// A change to `id` based on a stale version, with `change` besides.
fn stale(
    mutation: &'static str,
    input_type: &str,
    id: &str,
    change: Value,
    allowed: &'static [Caller],
) -> Rule {
    let mut input = change;
    input["id"] = json!(id);
    input["version"] = json!(STALE);
    Rule::new(mutation, input_type, input, allowed)
}

/// A deletion of `id` based on a stale version.
fn stale_deletion(
    mutation: &'static str,
    input_type: &str,
    id: &str,
    allowed: &'static [Caller],
) -> Rule {
    stale(mutation, input_type, id, json!({}), allowed)
}

/// One rule per mutation of the API; deletions last.
pub(crate) fn rules(f: &Fixture) -> Vec<Rule> {
    [
        account_rules(f),
        self_service_rules(f),
        notification_rules(),
        joining_rules(f),
        registry_rules(f),
        fact_rules(f),
        record_rules(f),
        cooperation_rules(f),
        webhook_rules(f),
        deletion_rules(f),
    ]
    .into_iter()
    .flatten()
    .collect()
}

fn account_rules(f: &Fixture) -> Vec<Rule> {
    let unknown_refresh = json!({ "refreshToken": "nie-ma-takiego-tokenu" });
    vec![
        // Wrong credentials are signIn's normal answer, to anyone but a token. Each wrong
        // password counts against the client address (ten are free a quarter hour), so the
        // signed-in people are not sent it: anonymous and the operator over each transport make
        // four, and tokens are refused before anything runs.
        Rule::new(
            "signIn",
            "SignInInput",
            json!({ "email": "", "password": "nie-to-hasło-0" }),
            ANYONE_BUT_TOKENS,
        )
        .public_credential()
        .not_sent_by(&[
            Caller::Member,
            Caller::OtherCoordinator,
            Caller::Coordinator,
        ])
        .prepared(Prepare::UnknownEmail),
        Rule::new(
            "refreshSession",
            "RefreshTokenInput",
            unknown_refresh.clone(),
            ANYONE_BUT_TOKENS,
        )
        .public_credential(),
        // Signing out with an unknown refresh token is not an error.
        Rule::new(
            "signOut",
            "RefreshTokenInput",
            unknown_refresh,
            ANYONE_BUT_TOKENS,
        )
        .public_credential(),
        // The new password breaks the policy, checked before the current password, so nothing
        // changes and no failed sign-in is counted.
        Rule::new(
            "changePassword",
            "ChangePasswordInput",
            json!({ "currentPassword": "nie-to-hasło-0", "newPassword": "x" }),
            PEOPLE,
        ),
        Rule::new(
            "createUser",
            "CreateUserInput",
            json!({ "email": "", "password": "", "displayName": "" }),
            OPERATORS,
        ),
        // The deputy holds this role already: granting it again writes nothing.
        Rule::new(
            "grantRole",
            "GrantRoleInput",
            json!({ "userId": f.deputy, "role": "COORDINATOR", "clusterId": f.cluster }),
            CLUSTER_COORDINATORS,
        ),
        // createApiToken checks the name before the caller's rights, so the input is valid and
        // the callers let through do make a token (of no scope).
        Rule::new(
            "createApiToken",
            "CreateApiTokenInput",
            json!({ "name": "matryca", "clusterId": f.cluster, "scopes": [] }),
            CLUSTER_COORDINATORS,
        ),
    ]
}

/// An account's own life. Signing up and following a mailed link need no account (only tokens
/// are refused); the rest need a person, and operators manage accounts.
fn self_service_rules(f: &Fixture) -> Vec<Rule> {
    let unknown_link = json!({ "token": "nie-ma-takiego-linku" });
    let nobody = json!({ "email": "nikt-matrycy@example.pl" });
    vec![
        // A password the policy refuses: nothing is made, nobody mailed.
        Rule::new(
            "signUp",
            "SignUpInput",
            json!({ "email": "matryca@example.pl", "password": "x", "displayName": "Matryca" }),
            ANYONE_BUT_TOKENS,
        ),
        // A link never issued is a user error (EXPIRED).
        Rule::new(
            "verifyEmail",
            "LinkTokenInput",
            unknown_link.clone(),
            ANYONE_BUT_TOKENS,
        ),
        // An address of no account: `ok`, and nothing is mailed.
        Rule::new(
            "resendVerification",
            "EmailInput",
            nobody.clone(),
            ANYONE_BUT_TOKENS,
        ),
        Rule::new(
            "requestPasswordReset",
            "EmailInput",
            nobody,
            ANYONE_BUT_TOKENS,
        ),
        Rule::new(
            "resetPassword",
            "ResetPasswordInput",
            json!({ "token": "nie-ma-takiego-linku", "newPassword": "nowe-hasło-matrycy-1" }),
            ANYONE_BUT_TOKENS,
        ),
        Rule::new(
            "confirmEmailChange",
            "LinkTokenInput",
            unknown_link,
            ANYONE_BUT_TOKENS,
        ),
        // An empty name is refused as input.
        Rule::new(
            "updateMyAccount",
            "UpdateMyAccountInput",
            json!({ "displayName": "" }),
            PEOPLE,
        ),
        // An address that is not one is refused before the password is checked.
        Rule::new(
            "requestEmailChange",
            "RequestEmailChangeInput",
            json!({ "newEmail": "nie-adres", "currentPassword": "nie-to-hasło-0" }),
            PEOPLE,
        ),
        // A wrong password deletes nothing. It counts as a failed sign-in of the caller's
        // account, once per transport: two, under the three that are free.
        Rule::new(
            "deleteMyAccount",
            "DeleteMyAccountInput",
            json!({ "currentPassword": "nie-to-hasło-0" }),
            PEOPLE,
        ),
        // Ends the caller's sessions, the matrix's own among them; changes nothing else.
        Rule::without_input(
            "signOutEverywhere",
            "mutation { signOutEverywhere { __typename } }",
            PEOPLE,
        )
        .prepared(Prepare::EndsSessions),
        // An operator does not disable their own account.
        Rule::new(
            "setAccountDisabled",
            "SetAccountDisabledInput",
            json!({ "userId": f.operator_user, "disabled": true }),
            OPERATORS,
        ),
        // The deputy's address is verified already (an operator made the account).
        Rule::new(
            "resendVerificationFor",
            "UserIdInput",
            json!({ "userId": f.deputy }),
            OPERATORS,
        ),
        // The member is the organisation's only manager: it may not stop managing it.
        Rule::new(
            "setOrganisationManager",
            "SetOrganisationManagerInput",
            json!({ "roleId": f.member_role, "manages": false }),
            ORGANISATION_MEMBERS,
        ),
    ]
}

/// The signed-in account's notifications: every input below is refused as input (or, for
/// marking read, changes no versioned object), so a caller let through changes nothing.
fn notification_rules() -> Vec<Rule> {
    vec![
        Rule::without_input(
            "markNotificationsRead",
            "mutation { markNotificationsRead(ids: [\"nie-id\"]) { __typename } }",
            PEOPLE,
        ),
        Rule::without_input(
            "markAllNotificationsRead",
            "mutation { markAllNotificationsRead { __typename } }",
            PEOPLE,
        ),
        // An invitation's mail carries its link: it cannot be switched off.
        Rule::without_input(
            "setNotificationPreference",
            "mutation { setNotificationPreference(kind: INVITATION, email: NONE) { __typename } }",
            PEOPLE,
        ),
        // A link never issued is a user error (EXPIRED); the link needs no sign-in.
        Rule::without_input(
            "unsubscribe",
            "mutation { unsubscribe(token: \"niemataki\") { __typename } }",
            ANYONE_BUT_TOKENS,
        ),
        // Following the whole board is refused: name a sector or a voivodeship.
        Rule::new("follow", "FollowInput", json!({}), PEOPLE),
        Rule::without_input(
            "unfollow",
            "mutation { unfollow(followId: \"nie-id\") { __typename } }",
            PEOPLE,
        ),
        // A search needs a name.
        Rule::new(
            "saveSearch",
            "SaveSearchInput",
            json!({ "name": "", "scope": "BOARD" }),
            PEOPLE,
        ),
        Rule::without_input(
            "deleteSavedSearch",
            "mutation { deleteSavedSearch(savedSearchId: \"nie-id\") { __typename } }",
            PEOPLE,
        ),
    ]
}

/// Joining: requests for access, invitations, cluster submissions.
fn joining_rules(f: &Fixture) -> Vec<Rule> {
    let too_long = "x".repeat(2_500);
    vec![
        // Any person may ask, register or claim; a message over 2,000 characters, or no name,
        // is refused as input.
        Rule::new(
            "requestToActForOrganisation",
            "RequestToActInput",
            json!({ "organisationId": f.member_organisation, "message": too_long }),
            PEOPLE,
        ),
        Rule::new(
            "registerOrganisation",
            "OrganisationFieldsInput",
            json!({}),
            PEOPLE,
        ),
        Rule::new(
            "claimCluster",
            "ClaimClusterInput",
            json!({ "clusterId": f.cluster, "message": too_long }),
            PEOPLE,
        ),
        // Decided already: whoever decides it (the organisation's manager, operators) gets
        // NOT_ALLOWED, the rest FORBIDDEN.
        Rule::new(
            "decideAccessRequest",
            "DecideAccessRequestInput",
            json!({ "requestId": f.decided_request, "approve": true }),
            ORGANISATION_MEMBERS,
        ),
        Rule::new(
            "withdrawAccessRequest",
            "AccessRequestIdInput",
            json!({ "requestId": f.decided_request }),
            THE_ONE_WHO_ASKED,
        ),
        // The address has an open invitation to the same role: NOT_UNIQUE, after the rights.
        Rule::new(
            "invite",
            "InviteInput",
            json!({ "email": OPEN_INVITEE, "role": "COORDINATOR", "clusterId": f.cluster }),
            CLUSTER_COORDINATORS,
        ),
        // A revoked invitation is not resent.
        Rule::new(
            "resendInvitation",
            "InvitationIdInput",
            json!({ "invitationId": f.revoked_invitation }),
            CLUSTER_COORDINATORS,
        ),
        // Each caller let through revokes an invitation of its own; the rest are refused the
        // open one.
        Rule::new(
            "revokeInvitation",
            "InvitationIdInput",
            json!({ "invitationId": f.open_invitation }),
            CLUSTER_COORDINATORS,
        )
        .prepared(Prepare::OwnInvitation),
        // A link never issued: a user error for anyone, signed in or not.
        Rule::new(
            "acceptInvitation",
            "AcceptInvitationInput",
            json!({ "token": "nie-ma-takiego-zaproszenia" }),
            ANYONE_BUT_TOKENS,
        ),
        // No name, description or coordinating organisation.
        Rule::new(
            "submitCluster",
            "SubmitClusterInput",
            json!({ "name": "", "description": "", "coordinatorName": "" }),
            PEOPLE,
        ),
        // A rejection without a reason is refused as input, after the rights.
        Rule::new(
            "decideClusterSubmission",
            "DecideClusterSubmissionInput",
            json!({ "submissionId": f.submission, "publish": false }),
            OPERATORS,
        ),
        // Withdrawn already.
        Rule::new(
            "withdrawClusterSubmission",
            "ClusterSubmissionIdInput",
            json!({ "submissionId": f.submission }),
            THE_ONE_WHO_ASKED,
        ),
    ]
}

fn registry_rules(f: &Fixture) -> Vec<Rule> {
    let (cluster, organisation) = (&f.cluster, &f.member_organisation);
    vec![
        // Without a slug and a name: let through, then refused by validation.
        Rule::new("createCluster", "CreateClusterInput", json!({}), OPERATORS),
        // The operator's contact is one row, made at version 1: version 0 is stale.
        Rule::new(
            "setOperatorContact",
            "SetOperatorContactInput",
            json!({ "version": STALE, "email": "matryca@example.pl" }),
            OPERATORS,
        ),
        stale(
            "updateCluster",
            "UpdateClusterInput",
            cluster,
            json!({ "acronym": "X" }),
            CLUSTER_COORDINATORS,
        ),
        // Without a name.
        Rule::new(
            "createOrganisation",
            "CreateOrganisationInput",
            json!({}),
            OPERATORS,
        ),
        stale(
            "updateOrganisation",
            "UpdateOrganisationInput",
            organisation,
            json!({ "city": "X" }),
            ORGANISATION_MEMBERS,
        ),
        // Folding a cluster or an organisation into itself is refused after the rights check.
        Rule::new(
            "mergeClusters",
            "MergeClustersInput",
            json!({ "keptId": cluster, "keptVersion": STALE,
                    "duplicateId": cluster, "duplicateVersion": STALE }),
            OPERATORS,
        ),
        Rule::new(
            "mergeOrganisations",
            "MergeOrganisationsInput",
            json!({ "keptId": organisation, "keptVersion": STALE,
                    "duplicateId": organisation, "duplicateVersion": STALE }),
            OPERATORS,
        ),
        // A message over 2,000 characters fails validation, which follows the rights check (and
        // the organisation has applied already).
        Rule::new(
            "applyForMembership",
            "ApplyForMembershipInput",
            json!({
                "clusterId": cluster,
                "organisationId": organisation,
                "message": "x".repeat(2_500)
            }),
            ORGANISATION_MEMBERS,
        ),
        stale(
            "approveMembership",
            "DecideMembershipInput",
            &f.application,
            json!({}),
            MEMBERSHIP_DECIDERS,
        ),
        stale(
            "rejectMembership",
            "DecideMembershipInput",
            &f.application,
            json!({ "reason": "X" }),
            MEMBERSHIP_DECIDERS,
        ),
        // The organisation has a membership (its application) already: refused as input.
        Rule::new(
            "addMember",
            "AddMemberInput",
            json!({ "clusterId": cluster, "organisationId": organisation }),
            MEMBERSHIP_DECIDERS,
        ),
        stale(
            "updateMembership",
            "UpdateMembershipInput",
            &f.membership,
            json!({ "role": "STRATEGIC_PARTNER" }),
            MEMBERSHIP_DECIDERS,
        ),
        // An import is refused as a whole only to a person who coordinates no cluster; whether
        // each row is the caller's to import is answered row by row in the payload's `errors`.
        // So another cluster's coordinator is let through; an empty dry run writes nothing.
        Rule::new(
            "importRecords",
            "ImportRecordsInput",
            json!({ "format": "JSON_LINES", "data": "", "dryRun": true }),
            IMPORTERS,
        ),
    ]
}

/// What a coordinator keeps about their cluster. Creations lack what they require (a name; a
/// year; a full name and a role): the rights come first, then validation refuses.
fn fact_rules(f: &Fixture) -> Vec<Rule> {
    let new = json!({ "clusterId": f.cluster });
    let renamed = json!({ "name": "X" });
    let allowed = CLUSTER_COORDINATORS;
    vec![
        Rule::new("createService", "CreateNamedInput", new.clone(), allowed),
        stale(
            "updateService",
            "UpdateNamedInput",
            &f.service,
            renamed.clone(),
            allowed,
        ),
        Rule::new(
            "createWorkingGroup",
            "CreateNamedInput",
            new.clone(),
            allowed,
        ),
        stale(
            "updateWorkingGroup",
            "UpdateNamedInput",
            &f.working_group,
            renamed.clone(),
            allowed,
        ),
        Rule::new("createEvent", "CreateEventInput", new.clone(), allowed),
        stale(
            "updateEvent",
            "UpdateEventInput",
            &f.event,
            renamed.clone(),
            allowed,
        ),
        Rule::new("createProject", "CreateProjectInput", new.clone(), allowed),
        stale(
            "updateProject",
            "UpdateProjectInput",
            &f.project,
            renamed,
            allowed,
        ),
        Rule::new(
            "createIndicator",
            "CreateIndicatorInput",
            new.clone(),
            allowed,
        ),
        stale(
            "updateIndicator",
            "UpdateIndicatorInput",
            &f.indicator,
            json!({ "memberCount": 1 }),
            allowed,
        ),
        Rule::new("addClusterPerson", "AddClusterPersonInput", new, allowed),
        stale(
            "updateClusterPerson",
            "UpdateClusterPersonInput",
            &f.cluster_person,
            json!({ "fullName": "X" }),
            allowed,
        ),
    ]
}

/// KKK certifications and ESCA labels; new ones lack their award date.
fn record_rules(f: &Fixture) -> Vec<Rule> {
    vec![
        Rule::new(
            "recordKkkCertification",
            "RecordKkkCertificationInput",
            json!({ "clusterId": f.cluster }),
            OPERATORS,
        ),
        stale(
            "updateKkkCertification",
            "UpdateKkkCertificationInput",
            &f.kkk,
            json!({ "note": "X" }),
            OPERATORS,
        ),
        Rule::new(
            "recordEscaLabel",
            "RecordEscaLabelInput",
            json!({ "clusterId": f.cluster, "level": "BRONZE" }),
            OPERATORS,
        ),
        stale(
            "updateEscaLabel",
            "UpdateEscaLabelInput",
            &f.esca,
            json!({ "note": "X" }),
            OPERATORS,
        ),
    ]
}

fn cooperation_rules(f: &Fixture) -> Vec<Rule> {
    let organisation = &f.member_organisation;
    vec![
        // No kind, category, title or description.
        Rule::new(
            "postCooperationOffer",
            "PostCooperationOfferInput",
            json!({ "organisationId": organisation }),
            ORGANISATION_MEMBERS,
        ),
        stale(
            "updateCooperationOffer",
            "UpdateCooperationOfferInput",
            &f.offer,
            json!({ "title": "X" }),
            ORGANISATION_MEMBERS,
        ),
        // An empty answer.
        Rule::new(
            "respondToCooperationOffer",
            "RespondToCooperationOfferInput",
            json!({ "offerId": f.offer, "organisationId": organisation, "message": "" }),
            ORGANISATION_MEMBERS,
        ),
    ]
}

fn webhook_rules(f: &Fixture) -> Vec<Rule> {
    vec![
        // createWebhook checks the URL and the kinds before the caller's rights, so the input
        // is valid and the callers let through do register a webhook (of the cluster, whose
        // limit of 20 this stays well within).
        Rule::new(
            "createWebhook",
            "CreateWebhookInput",
            hook_input(&f.cluster),
            PRIVATE_READERS,
        ),
        // Puts the delivery back in the queue: no harm done.
        Rule::new(
            "redeliverWebhookDelivery",
            "RedeliverWebhookDeliveryInput",
            json!({ "id": f.delivery }),
            PRIVATE_READERS,
        ),
    ]
}

/// Deletions last, though callers let through name stale versions or targets of their own.
fn deletion_rules(f: &Fixture) -> Vec<Rule> {
    let allowed = CLUSTER_COORDINATORS;
    vec![
        // Revoking has no version: the callers let through do revoke this token, which the
        // fixture made for nothing else; revoking it again is not an error.
        Rule::new(
            "revokeApiToken",
            "RevokeApiTokenInput",
            json!({ "id": f.revocable_token }),
            allowed,
        ),
        Rule::new(
            "revokeRole",
            "RevokeRoleInput",
            json!({ "roleId": f.deputy_role }),
            allowed,
        )
        .prepared(Prepare::OwnRole),
        Rule::new(
            "deleteWebhook",
            "DeleteWebhookInput",
            json!({ "id": f.webhook }),
            PRIVATE_READERS,
        )
        .prepared(Prepare::OwnWebhook),
        // Would withdraw the application, were the version current.
        stale_deletion(
            "leaveCluster",
            "LeaveClusterInput",
            &f.application,
            EITHER_SIDE,
        ),
        stale_deletion(
            "withdrawCooperationOffer",
            "WithdrawCooperationOfferInput",
            &f.offer,
            ORGANISATION_MEMBERS,
        ),
        stale_deletion("deleteService", "DeleteInput", &f.service, allowed),
        stale_deletion(
            "deleteWorkingGroup",
            "DeleteInput",
            &f.working_group,
            allowed,
        ),
        stale_deletion("deleteEvent", "DeleteInput", &f.event, allowed),
        stale_deletion("deleteProject", "DeleteInput", &f.project, allowed),
        stale_deletion("deleteIndicator", "DeleteInput", &f.indicator, allowed),
        stale_deletion(
            "removeClusterPerson",
            "DeleteInput",
            &f.cluster_person,
            allowed,
        ),
        stale_deletion(
            "deleteKkkCertification",
            "DeleteStatusInput",
            &f.kkk,
            OPERATORS,
        ),
        stale_deletion("deleteEscaLabel", "DeleteStatusInput", &f.esca, OPERATORS),
        stale_deletion(
            "deleteOrganisation",
            "DeleteInput",
            &f.member_organisation,
            OPERATORS,
        ),
        stale_deletion("deleteCluster", "DeleteInput", &f.cluster, OPERATORS),
    ]
}
