//! The rules of the registry's records: clusters and organisations, a cluster's facts, KKK
//! certifications and ESCA labels, cooperation, webhooks, and deletions (last).

use super::{Prepare, Rule, stale, stale_deletion};
use crate::fixture::{Fixture, hook_input};
use crate::{
    CLUSTER_COORDINATORS, EITHER_SIDE, IMPORTERS, MEMBERSHIP_DECIDERS, OPERATORS,
    ORGANISATION_MEMBERS, PRIVATE_READERS, STALE,
};
use serde_json::json;

pub(super) fn registry_rules(f: &Fixture) -> Vec<Rule> {
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
pub(super) fn fact_rules(f: &Fixture) -> Vec<Rule> {
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

/// KKK certifications, ESCA labels and the documents they name; new ones lack their award
/// date (or, for a document, its title).
pub(super) fn record_rules(f: &Fixture) -> Vec<Rule> {
    vec![
        Rule::new(
            "createSourceDocument",
            "NewSourceDocumentInput",
            json!({ "title": "", "publisher": "PARP", "url": "https://www.parp.gov.pl", "language": "pl" }),
            OPERATORS,
        ),
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

pub(super) fn cooperation_rules(f: &Fixture) -> Vec<Rule> {
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

pub(super) fn webhook_rules(f: &Fixture) -> Vec<Rule> {
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
pub(super) fn deletion_rules(f: &Fixture) -> Vec<Rule> {
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
