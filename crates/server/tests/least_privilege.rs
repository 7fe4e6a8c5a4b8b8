//! Least privilege: an API token is its own kind of caller and lapses with its creator's role;
//! people's contacts reach only the cluster and its members; application messages reach only
//! the applicant and the cluster; an event's audience follows the state it leaves.

mod common;

use common::socket::{connect, silent_for, subscribe};
use common::{Backend, COORDINATOR, MEMBER, OPERATOR, TestApp, code_of};
use serde_json::{Value, json};
use std::time::Duration;

const RECYCLING: &str = "klaster-gospodarki-odpadowej-i-recyklingu";
const OTHER_CLUSTER: &str = "pomorski-klaster-ict-interizon";

async fn a_token_is_not_its_creator(app: TestApp) {
    let cluster = app.cluster_id(RECYCLING).await;
    let created = app
        .create_token(
            COORDINATOR,
            json!({ "name": "crm", "clusterId": cluster, "scopes": ["READ_CLUSTER_PRIVATE"] }),
        )
        .await;
    let token = created["token"].as_str().expect("token").to_owned();
    let me = app
        .query_as(&token, "{ me { user { email } } }", json!({}))
        .await;
    assert_eq!(me["me"], Value::Null, "a token has no account: {me}");
    let (_, body) = app
        .post_as(&token, "{ apiTokens { nodes { id } } }", json!({}))
        .await;
    assert_eq!(code_of(&body), "FORBIDDEN", "{body}");
}

async fn a_token_lapses_when_its_creator_loses_the_role(app: TestApp) {
    let cluster = app.cluster_id(RECYCLING).await;
    let created = app
        .create_token(
            COORDINATOR,
            json!({ "name": "crm", "clusterId": cluster, "scopes": ["WRITE_CLUSTER_MEMBERS"] }),
        )
        .await;
    let token = created["token"].as_str().expect("token").to_owned();
    app.query_as(&token, "{ statistics { clusterCount } }", json!({}))
        .await;
    let coordinator = app.sign_in(COORDINATOR).await;
    let role = app
        .query_as(&coordinator, "{ me { roles { id } } }", json!({}))
        .await["me"]["roles"][0]["id"]
        .clone();
    let operator = app.sign_in(OPERATOR).await;
    app.query_as(
        &operator,
        "mutation ($i: RevokeRoleInput!) { revokeRole(input: $i) { deletedId } }",
        json!({ "i": { "roleId": role } }),
    )
    .await;
    let (status, body) = app
        .post_as(&token, "{ statistics { clusterCount } }", json!({}))
        .await;
    assert_eq!(status, 401, "{body}");
}

/// Adds a person with contacts to `slug`'s office, as the operator, and returns the query that
/// reads them back.
async fn person_with_contacts(app: &TestApp, slug: &str) -> String {
    let operator = app.sign_in(OPERATOR).await;
    let cluster = app.cluster_id(slug).await;
    let added = app
        .query_as(
            &operator,
            "mutation ($i: AddClusterPersonInput!) { addClusterPerson(input: $i) { clusterPerson { id } userErrors { message } } }",
            json!({ "i": { "clusterId": cluster, "fullName": "Anna Kontaktowa", "email": "anna@example.pl", "phone": "+48 600 100 200", "role": "OFFICE" } }),
        )
        .await;
    assert!(
        added["addClusterPerson"]["clusterPerson"].is_object(),
        "{added}"
    );
    format!("{{ cluster(slug: \"{slug}\") {{ people {{ person {{ fullName email phone }} }} }} }}")
}

/// Makes `organisation` a current member of the recycling cluster, as its coordinator, and
/// returns the membership's id and version.
async fn added_to_recycling(app: &TestApp, coordinator: &str, organisation: &Value) -> Value {
    let recycling = app.cluster_id(RECYCLING).await;
    let added = app
        .query_as(
            coordinator,
            "mutation ($i: AddMemberInput!) { addMember(input: $i) { membership { id version status } userErrors { message } } }",
            json!({ "i": { "clusterId": recycling, "organisationId": organisation } }),
        )
        .await;
    let membership = added["addMember"]["membership"].clone();
    assert_eq!(membership["status"], "ACTIVE", "{added}");
    membership
}

fn contacts_seen(answer: &Value) -> Option<String> {
    answer["cluster"]["people"]
        .as_array()?
        .iter()
        .find(|p| p["person"]["fullName"] == "Anna Kontaktowa")
        .and_then(|p| p["person"]["email"].as_str())
        .map(str::to_owned)
}

async fn contacts_reach_the_cluster_and_its_members_only(app: TestApp) {
    let query = person_with_contacts(&app, RECYCLING).await;
    let recycling = app.cluster_id(RECYCLING).await;
    // The member's organisation joins the cluster.
    let member = app.sign_in(MEMBER).await;
    let organisation = app.acting_organisation(&member).await;
    let coordinator = app.sign_in(COORDINATOR).await;
    added_to_recycling(&app, &coordinator, &organisation).await;

    let private_token = app
        .create_token(
            COORDINATOR,
            json!({ "name": "p", "clusterId": recycling, "scopes": ["READ_CLUSTER_PRIVATE"] }),
        )
        .await["token"]
        .as_str()
        .expect("token")
        .to_owned();
    let public_token = app
        .create_token(COORDINATOR, json!({ "name": "q", "scopes": [] }))
        .await["token"]
        .as_str()
        .expect("token")
        .to_owned();
    let other_coordinator = {
        let operator = app.sign_in(OPERATOR).await;
        let other = app.cluster_id(OTHER_CLUSTER).await;
        let user = app
            .query_as(
                &operator,
                "mutation { createUser(input: { email: \"inny@example.pl\", password: \"zupełnie-obce-hasło-77\", displayName: \"Inny\" }) { user { id } } }",
                json!({}),
            )
            .await["createUser"]["user"]["id"]
            .clone();
        app.query_as(
            &operator,
            "mutation ($i: GrantRoleInput!) { grantRole(input: $i) { role { id } } }",
            json!({ "i": { "userId": user, "role": "COORDINATOR", "clusterId": other } }),
        )
        .await;
        app.sign_in(("inny@example.pl", "zupełnie-obce-hasło-77"))
            .await
    };
    let operator = app.sign_in(OPERATOR).await;
    let sees = [
        (Some(operator.as_str()), true, "the operator"),
        (
            Some(coordinator.as_str()),
            true,
            "the cluster's coordinator",
        ),
        (
            Some(member.as_str()),
            true,
            "a member organisation's account",
        ),
        (
            Some(private_token.as_str()),
            true,
            "the cluster's private token",
        ),
        (None, false, "anonymous"),
        (
            Some(other_coordinator.as_str()),
            false,
            "another cluster's coordinator",
        ),
        (Some(public_token.as_str()), false, "a public token"),
    ];
    for (token, visible, who) in sees {
        let answer = match token {
            Some(token) => app.query_as(token, &query, json!({})).await,
            None => app.query(&query, json!({})).await,
        };
        assert_eq!(contacts_seen(&answer).is_some(), visible, "{who}: {answer}");
    }
}

async fn application_messages_stay_between_the_applicant_and_the_cluster(app: TestApp) {
    let recycling = app.cluster_id(RECYCLING).await;
    let member = app.sign_in(MEMBER).await;
    let organisation = app.acting_organisation(&member).await;
    let applied = app
        .query_as(
            &member,
            "mutation ($i: ApplyForMembershipInput!) { applyForMembership(input: $i) { membership { id version } } }",
            json!({ "i": { "clusterId": recycling, "organisationId": organisation, "message": "Prosimy o przyjęcie, tel. 600 100 200" } }),
        )
        .await["applyForMembership"]["membership"]
        .clone();
    let coordinator = app.sign_in(COORDINATOR).await;
    app.query_as(
        &coordinator,
        "mutation ($i: DecideMembershipInput!) { approveMembership(input: $i) { membership { status } } }",
        json!({ "i": { "id": applied["id"], "version": applied["version"] } }),
    )
    .await;
    let query =
        "query ($id: ID!) { node(id: $id) { ... on Membership { status applicationMessage } } }";
    let variables = json!({ "id": applied["id"] });
    let anonymous = app.query(query, variables.clone()).await;
    assert_eq!(anonymous["node"]["status"], "ACTIVE", "{anonymous}");
    assert_eq!(anonymous["node"]["applicationMessage"], Value::Null);
    for token in [&member, &coordinator] {
        let seen = app.query_as(token, query, variables.clone()).await;
        assert!(
            seen["node"]["applicationMessage"]
                .as_str()
                .is_some_and(|m| m.starts_with("Prosimy")),
            "{seen}"
        );
    }
}

async fn a_reapplication_after_leaving_is_not_announced_to_the_public(app: TestApp) {
    let recycling = app.cluster_id(RECYCLING).await;
    let member = app.sign_in(MEMBER).await;
    let organisation = app.acting_organisation(&member).await;
    let coordinator = app.sign_in(COORDINATOR).await;
    let added = added_to_recycling(&app, &coordinator, &organisation).await;
    // The subscriber is there before the member leaves and hears the leaving first: on
    // PostgreSQL events travel through NOTIFY, so one published just before a subscription
    // can still arrive after it, and only a heard leaving shows nothing earlier is in flight.
    let mut public = connect(&app, None).await.expect("connected");
    subscribe(
        &mut public,
        "1",
        "subscription { membershipChanged { action } }",
        json!({}),
    )
    .await;
    app.wait_for_subscribers(1).await;
    let left = app
        .query_as(
            &member,
            "mutation ($i: LeaveClusterInput!) { leaveCluster(input: $i) { membership { status } userErrors { message } } }",
            json!({ "i": { "id": added["id"], "version": added["version"] } }),
        )
        .await;
    assert_eq!(
        left["leaveCluster"]["membership"]["status"], "LEFT",
        "{left}"
    );
    // The member's addition, published before the subscription, may still come first.
    let mut heard = Vec::new();
    while !heard.contains(&json!("LEAVE")) && heard.len() < 3 {
        let event = common::socket::receive(&mut public)
            .await
            .expect("the leaving");
        heard.push(event["payload"]["data"]["membershipChanged"]["action"].clone());
    }
    assert!(heard.contains(&json!("LEAVE")), "{heard:?}");
    let again = app
        .query_as(
            &member,
            "mutation ($i: ApplyForMembershipInput!) { applyForMembership(input: $i) { membership { id version status } userErrors { message } } }",
            json!({ "i": { "clusterId": recycling, "organisationId": organisation } }),
        )
        .await;
    let application = again["applyForMembership"]["membership"].clone();
    assert_eq!(application["status"], "PENDING", "{again}");
    assert!(
        silent_for(&mut public, Duration::from_millis(800)).await,
        "the public heard of an application"
    );
    // The subscriber does hear what is public: the application approved.
    app.query_as(
        &coordinator,
        "mutation ($i: DecideMembershipInput!) { approveMembership(input: $i) { membership { status } } }",
        json!({ "i": { "id": application["id"], "version": application["version"] } }),
    )
    .await;
    let heard = common::socket::receive(&mut public)
        .await
        .expect("an event");
    assert_eq!(
        heard["payload"]["data"]["membershipChanged"]["action"], "APPROVE",
        "{heard}"
    );
}

on_both_backends! {
    token_is_not_its_creator => a_token_is_not_its_creator;
    token_lapses_with_role => a_token_lapses_when_its_creator_loses_the_role;
    contacts => contacts_reach_the_cluster_and_its_members_only;
    application_messages => application_messages_stay_between_the_applicant_and_the_cluster;
    reapplication => a_reapplication_after_leaving_is_not_announced_to_the_public;
}
