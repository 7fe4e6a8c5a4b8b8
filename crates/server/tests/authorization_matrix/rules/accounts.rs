//! The rules of accounts, self-service, notifications and joining (requests for access,
//! invitations, cluster submissions).

use super::{Prepare, Rule};
use crate::fixture::Fixture;
use crate::{
    ANYONE_BUT_TOKENS, CLUSTER_COORDINATORS, Caller, OPEN_INVITEE, OPERATORS, ORGANISATION_MEMBERS,
    PEOPLE, THE_ONE_WHO_ASKED,
};
use serde_json::json;

pub(super) fn account_rules(f: &Fixture) -> Vec<Rule> {
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
pub(super) fn self_service_rules(f: &Fixture) -> Vec<Rule> {
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
pub(super) fn notification_rules() -> Vec<Rule> {
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
pub(super) fn joining_rules(f: &Fixture) -> Vec<Rule> {
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
