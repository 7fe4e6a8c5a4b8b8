//! An organisation applies and is approved; a rejection needs a reason the applicant can read.

use crate::common::{Backend, COORDINATOR, MEMBER, TestApp};
use crate::on_both_backends;
use crate::{RECYCLING, my_organisation};
use serde_json::{Value, json};

async fn an_organisation_applies_and_is_approved(app: TestApp) {
    let member = app.sign_in(MEMBER).await;
    let coordinator = app.sign_in(COORDINATOR).await;
    let cluster_id = app.cluster_id(RECYCLING).await;
    let (organisation, _) = my_organisation(&app, &member).await;
    let applied = app
        .query_as(
            &member,
            "mutation($input: ApplyForMembershipInput!) { applyForMembership(input: $input) { \
             membership { id version status } userErrors { field message } } }",
            json!({ "input": { "clusterId": cluster_id, "organisationId": organisation, "message": "Chcemy dołączyć." } }),
        )
        .await;
    let membership = applied["applyForMembership"]["membership"].clone();
    assert_eq!(membership["status"], "PENDING");

    // The application is not public.
    let memberships = "query($id: ID!) { node(id: $id) { ... on Organisation { memberships { status cluster { slug } } } } }";
    let public = app.query(memberships, json!({ "id": organisation })).await;
    assert!(!public.to_string().contains("PENDING"), "{public}");
    let seen = app
        .query_as(&coordinator, memberships, json!({ "id": organisation }))
        .await;
    assert!(seen.to_string().contains("PENDING"), "{seen}");

    let desk = "query($slug: String!) { cluster(slug: $slug) { membershipApplications { id applicationMessage } } }";
    let pending = app
        .query_as(&coordinator, desk, json!({ "slug": RECYCLING }))
        .await;
    assert_eq!(
        pending["cluster"]["membershipApplications"][0]["id"],
        membership["id"]
    );
    assert_eq!(
        pending["cluster"]["membershipApplications"][0]["applicationMessage"],
        "Chcemy dołączyć."
    );
    let hidden = app.query(desk, json!({ "slug": RECYCLING })).await;
    assert_eq!(hidden["cluster"]["membershipApplications"], json!([]));

    // Applying twice is refused.
    let again = app
        .query_as(
            &member,
            "mutation($input: ApplyForMembershipInput!) { applyForMembership(input: $input) { userErrors { field message } } }",
            json!({ "input": { "clusterId": cluster_id, "organisationId": organisation } }),
        )
        .await;
    assert_eq!(
        again["applyForMembership"]["userErrors"][0]["field"],
        "clusterId"
    );

    let approved = app
        .query_as(
            &coordinator,
            "mutation($input: DecideMembershipInput!) { approveMembership(input: $input) { \
             membership { id version status joinedOn } userErrors { field message } } }",
            json!({ "input": { "id": membership["id"], "version": membership["version"] } }),
        )
        .await;
    let membership = approved["approveMembership"]["membership"].clone();
    assert_eq!(membership["status"], "ACTIVE");
    assert!(membership["joinedOn"].is_string());

    let members = app
        .query(
            "query($slug: String!) { cluster(slug: $slug) { members { totalCount edges { node { organisation { id } } } } } }",
            json!({ "slug": RECYCLING }),
        )
        .await;
    assert!(members.to_string().contains(&organisation), "{members}");
    assert_eq!(members["cluster"]["members"]["totalCount"], 2);

    let left = app
        .query_as(
            &member,
            "mutation($input: LeaveClusterInput!) { leaveCluster(input: $input) { membership { status leftOn } userErrors { field message } } }",
            json!({ "input": { "id": membership["id"], "version": membership["version"] } }),
        )
        .await;
    assert_eq!(left["leaveCluster"]["membership"]["status"], "LEFT");
    let members = app
        .query(
            "query($slug: String!) { cluster(slug: $slug) { members { totalCount } } }",
            json!({ "slug": RECYCLING }),
        )
        .await;
    assert_eq!(members["cluster"]["members"]["totalCount"], 1);
}

async fn a_rejection_needs_a_reason_the_applicant_can_read(app: TestApp) {
    let member = app.sign_in(MEMBER).await;
    let coordinator = app.sign_in(COORDINATOR).await;
    let cluster_id = app.cluster_id(RECYCLING).await;
    let (organisation, _) = my_organisation(&app, &member).await;
    let applied = app
        .query_as(
            &member,
            "mutation($input: ApplyForMembershipInput!) { applyForMembership(input: $input) { membership { id version } } }",
            json!({ "input": { "clusterId": cluster_id, "organisationId": organisation } }),
        )
        .await;
    let membership = applied["applyForMembership"]["membership"].clone();
    let reject = "mutation($input: DecideMembershipInput!) { rejectMembership(input: $input) { \
                  membership { status decisionReason } userErrors { field message } } }";
    let without = app
        .query_as(
            &coordinator,
            reject,
            json!({ "input": { "id": membership["id"], "version": membership["version"] } }),
        )
        .await;
    assert_eq!(
        without["rejectMembership"]["userErrors"][0]["field"],
        "reason"
    );
    let with = app
        .query_as(
            &coordinator,
            reject,
            json!({ "input": { "id": membership["id"], "version": membership["version"], "reason": "Profil poza specjalizacją klastra." } }),
        )
        .await;
    assert_eq!(with["rejectMembership"]["membership"]["status"], "REJECTED");
    let seen = app
        .query_as(
            &member,
            "query($id: ID!) { node(id: $id) { ... on Membership { status decisionReason } } }",
            json!({ "id": membership["id"] }),
        )
        .await;
    assert_eq!(
        seen["node"]["decisionReason"],
        "Profil poza specjalizacją klastra."
    );
    let anonymous = app
        .query(
            "query($id: ID!) { node(id: $id) { id } }",
            json!({ "id": membership["id"] }),
        )
        .await;
    assert_eq!(anonymous["node"], Value::Null);
}

on_both_backends! {
    membership_workflow => an_organisation_applies_and_is_approved;
    rejection => a_rejection_needs_a_reason_the_applicant_can_read;
}
