//! The app's GraphQL operations, typed from `queries/*.graphql` against `../schema.graphql`.
#![allow(clippy::upper_case_acronyms)]

use graphql_client::GraphQLQuery;

// The custom scalars of the schema, as the app sees them; the generated code takes them from
// this module.
/// `Date`: `YYYY-MM-DD`.
pub type Date = String;
/// `DateTime`: RFC 3339.
pub type DateTime = String;
/// `PartialDate`: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
pub type PartialDate = String;

// One operation per file: graphql_client sends a file's whole text as the query document.
// rustfmt re-indents the attribute below on every run, so it is told to leave it alone.
//
// graphql_client generates a module's own copy of every enum its operation uses. The
// `UserErrorCode` of `userErrors` is generated once, by the sign-in operation (`defines`), and
// every other operation takes that one type (`extern_enums`), so a refusal's code is the same
// type whatever mutation it came from. It is generated from the schema with an `Other` variant
// for codes the schema may add later; the app's translation of it (`i18n::user_errors`)
// matches it without a wildcard, so a code added to the schema fails the build until it has
// words. The defining operation also derives Debug and PartialEq, which the app's refusals
// (`api::FieldError`) need of the code.
#[rustfmt::skip]
macro_rules! operation {
    ($name:ident, $file:tt) => {
        #[derive(GraphQLQuery)]
        #[graphql(
            schema_path = "../schema.graphql",
            query_path = $file,
            response_derives = "Clone",
            variables_derives = "Clone",
            extern_enums("UserErrorCode"),
            skip_serializing_none
        )]
        pub struct $name;
    };
    ($name:ident, $file:tt, defines UserErrorCode) => {
        #[derive(GraphQLQuery)]
        #[graphql(
            schema_path = "../schema.graphql",
            query_path = $file,
            response_derives = "Clone, Debug, PartialEq",
            variables_derives = "Clone",
            skip_serializing_none
        )]
        pub struct $name;
    };
}

/// Why the registry refused an input field (`UserError.code`, and `extensions.reason` of a
/// BAD_USER_INPUT error): the schema's closed list, plus `Other` for a code it adds later.
pub use sign_in::UserErrorCode;

operation!(Home, "queries/home.graphql");
operation!(Directory, "queries/directory.graphql");
operation!(DirectoryOptions, "queries/directory_options.graphql");
operation!(EventsCalendar, "queries/events_calendar.graphql");
operation!(
    OrganisationDirectory,
    "queries/organisation_directory.graphql"
);
operation!(ClusterPage, "queries/cluster_page.graphql");
operation!(ClusterMembers, "queries/cluster_members.graphql");
operation!(OrganisationPage, "queries/organisation_page.graphql");
operation!(KkkPage, "queries/kkk_page.graphql");
operation!(EscaPage, "queries/esca_page.graphql");
operation!(CooperationBoard, "queries/cooperation_board.graphql");
operation!(RespondToOffer, "queries/respond_to_offer.graphql");
operation!(
    PostCooperationOffer,
    "queries/post_cooperation_offer.graphql"
);
operation!(SignIn, "queries/sign_in.graphql", defines UserErrorCode);
operation!(RefreshSession, "queries/refresh_session.graphql");
operation!(SignOut, "queries/sign_out.graphql");
operation!(Me, "queries/me.graphql");
operation!(MyOrganisation, "queries/my_organisation.graphql");
operation!(UpdateOrganisation, "queries/update_organisation.graphql");
operation!(ApplyForMembership, "queries/apply_for_membership.graphql");
operation!(LeaveCluster, "queries/leave_cluster.graphql");
operation!(CoordinatorDesk, "queries/coordinator_desk.graphql");
operation!(ApproveMembership, "queries/approve_membership.graphql");
operation!(RejectMembership, "queries/reject_membership.graphql");
operation!(CreateEvent, "queries/create_event.graphql");
operation!(CreateProject, "queries/create_project.graphql");
operation!(UpdateCluster, "queries/update_cluster.graphql");
operation!(ApiTokens, "queries/api_tokens.graphql");
operation!(CreateApiToken, "queries/create_api_token.graphql");
operation!(RevokeApiToken, "queries/revoke_api_token.graphql");
operation!(ClusterChoices, "queries/cluster_choices.graphql");
operation!(SourceChoices, "queries/source_choices.graphql");
operation!(SourceDirectory, "queries/source_directory.graphql");
operation!(RecordKkk, "queries/record_kkk.graphql");
operation!(RecordEsca, "queries/record_esca.graphql");
operation!(AuditTrail, "queries/audit_trail.graphql");
operation!(KkkRoundChoices, "queries/kkk_round_choices.graphql");
operation!(ClusterStatuses, "queries/cluster_statuses.graphql");
operation!(UpdateKkk, "queries/update_kkk.graphql");
operation!(DeleteKkk, "queries/delete_kkk.graphql");
operation!(UpdateEsca, "queries/update_esca.graphql");
operation!(DeleteEsca, "queries/delete_esca.graphql");
operation!(MergeOrganisations, "queries/merge_organisations.graphql");
operation!(MergeCandidates, "queries/merge_candidates.graphql");
operation!(SignUp, "queries/sign_up.graphql");
operation!(ResendVerification, "queries/resend_verification.graphql");
operation!(VerifyEmail, "queries/verify_email.graphql");
operation!(
    RequestPasswordReset,
    "queries/request_password_reset.graphql"
);
operation!(ResetPassword, "queries/reset_password.graphql");
operation!(ConfirmEmailChange, "queries/confirm_email_change.graphql");
operation!(UpdateMyAccount, "queries/update_my_account.graphql");
operation!(RequestEmailChange, "queries/request_email_change.graphql");
operation!(ChangePassword, "queries/change_password.graphql");
operation!(SignOutEverywhere, "queries/sign_out_everywhere.graphql");
operation!(DeleteMyAccount, "queries/delete_my_account.graphql");
operation!(FindOrganisations, "queries/find_organisations.graphql");
operation!(RequestToAct, "queries/request_to_act.graphql");
operation!(
    RegisterOrganisation,
    "queries/register_organisation.graphql"
);
operation!(ClaimCluster, "queries/claim_cluster.graphql");
operation!(
    WithdrawAccessRequest,
    "queries/withdraw_access_request.graphql"
);
operation!(DecideAccessRequest, "queries/decide_access_request.graphql");
operation!(AccessRequests, "queries/access_requests.graphql");
operation!(ClusterSubmissions, "queries/cluster_submissions.graphql");
operation!(SubmitCluster, "queries/submit_cluster.graphql");
operation!(
    WithdrawClusterSubmission,
    "queries/withdraw_cluster_submission.graphql"
);
operation!(
    DecideClusterSubmission,
    "queries/decide_cluster_submission.graphql"
);
operation!(InvitationPreview, "queries/invitation_preview.graphql");
operation!(AcceptInvitation, "queries/accept_invitation.graphql");
operation!(Invitations, "queries/invitations.graphql");
operation!(Invite, "queries/invite.graphql");
operation!(ResendInvitation, "queries/resend_invitation.graphql");
operation!(RevokeInvitation, "queries/revoke_invitation.graphql");
operation!(OrganisationUsers, "queries/organisation_users.graphql");
operation!(
    SetOrganisationManager,
    "queries/set_organisation_manager.graphql"
);
operation!(RevokeRole, "queries/revoke_role.graphql");
operation!(Users, "queries/users.graphql");
operation!(SetAccountDisabled, "queries/set_account_disabled.graphql");
operation!(
    ResendVerificationFor,
    "queries/resend_verification_for.graphql"
);
operation!(MailOutbox, "queries/mail_outbox.graphql");
operation!(Notifications, "queries/notifications.graphql");
operation!(
    UnreadNotificationCount,
    "queries/unread_notification_count.graphql"
);
operation!(Inbox, "queries/inbox.graphql");
operation!(
    MarkNotificationsRead,
    "queries/mark_notifications_read.graphql"
);
operation!(
    MarkAllNotificationsRead,
    "queries/mark_all_notifications_read.graphql"
);
operation!(
    NotificationSettings,
    "queries/notification_settings.graphql"
);
operation!(Follows, "queries/follows.graphql");
operation!(
    SetNotificationPreference,
    "queries/set_notification_preference.graphql"
);
operation!(Follow, "queries/follow.graphql");
operation!(Unfollow, "queries/unfollow.graphql");
operation!(DeleteSavedSearch, "queries/delete_saved_search.graphql");
operation!(SaveSearch, "queries/save_search.graphql");
operation!(Unsubscribe, "queries/unsubscribe.graphql");
operation!(
    NotificationPipeline,
    "queries/notification_pipeline.graphql"
);

// Coordinator's desk: the whole profile.
operation!(CoordinatorServices, "queries/coordinator_services.graphql");
operation!(CoordinatorGroups, "queries/coordinator_groups.graphql");
operation!(CoordinatorBoard, "queries/coordinator_board.graphql");
operation!(
    CoordinatorIndicators,
    "queries/coordinator_indicators.graphql"
);
operation!(CreateService, "queries/create_service.graphql");
operation!(UpdateService, "queries/update_service.graphql");
operation!(DeleteService, "queries/delete_service.graphql");
operation!(CreateWorkingGroup, "queries/create_working_group.graphql");
operation!(UpdateWorkingGroup, "queries/update_working_group.graphql");
operation!(DeleteWorkingGroup, "queries/delete_working_group.graphql");
operation!(AddClusterPerson, "queries/add_cluster_person.graphql");
operation!(UpdateClusterPerson, "queries/update_cluster_person.graphql");
operation!(RemoveClusterPerson, "queries/remove_cluster_person.graphql");
operation!(CreateIndicator, "queries/create_indicator.graphql");
operation!(UpdateIndicator, "queries/update_indicator.graphql");
operation!(DeleteIndicator, "queries/delete_indicator.graphql");
// Coordinator's desk: events, projects, members, decided applications, webhooks.
operation!(
    CoordinatorActivities,
    "queries/coordinator_activities.graphql"
);
operation!(UpdateEvent, "queries/update_event.graphql");
operation!(DeleteEvent, "queries/delete_event.graphql");
operation!(UpdateProject, "queries/update_project.graphql");
operation!(DeleteProject, "queries/delete_project.graphql");
operation!(DeskMembers, "queries/desk_members.graphql");
operation!(AddMember, "queries/add_member.graphql");
operation!(UpdateMembership, "queries/update_membership.graphql");
operation!(DecidedApplications, "queries/decided_applications.graphql");
operation!(DecidedMemberships, "queries/decided_memberships.graphql");
operation!(Webhooks, "queries/webhooks.graphql");
operation!(CreateWebhook, "queries/create_webhook.graphql");
operation!(DeleteWebhook, "queries/delete_webhook.graphql");
operation!(
    RedeliverWebhookDelivery,
    "queries/redeliver_webhook_delivery.graphql"
);
// Operator's back office.
operation!(CreateCluster, "queries/create_cluster.graphql");
operation!(DeleteCluster, "queries/delete_cluster.graphql");
operation!(MergeClusters, "queries/merge_clusters.graphql");
operation!(CreateOrganisation, "queries/create_organisation.graphql");
operation!(DeleteOrganisation, "queries/delete_organisation.graphql");
operation!(OperatorCluster, "queries/operator_cluster.graphql");
operation!(
    OperatorOrganisation,
    "queries/operator_organisation.graphql"
);
operation!(VoivodeshipChoices, "queries/voivodeship_choices.graphql");
// Forms and directories.
operation!(EventClusters, "queries/event_clusters.graphql");
// Projects by programme.
operation!(ProjectsList, "queries/projects_list.graphql");
// KKK page.
operation!(KkkHolders, "queries/kkk_holders.graphql");
// Operator contact.
operation!(OperatorContact, "queries/operator_contact.graphql");
operation!(SetOperatorContact, "queries/set_operator_contact.graphql");
