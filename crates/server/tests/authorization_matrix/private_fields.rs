//! Private fields: who sees them, and who gets null, an empty list or a refusal instead.

use crate::common::{Backend, Over, TestApp, code_of};
use crate::fixture::{Fixture, fixture};
use crate::on_both_backends;
use crate::{
    APPLICATION_DECIDERS, APPLICATION_READERS, CALLERS, CLUSTER_COORDINATORS, Caller, OPERATORS,
    ORGANISATION_MEMBERS, PEOPLE, PRIVATE_READERS, RECYCLING,
};
use serde_json::{Value, json};

/// How a private field shows in an answer.
#[derive(Debug, Clone, Copy)]
enum Shows {
    /// A string at this JSON pointer when seen; null or nothing when hidden.
    Text(&'static str),
    /// A list at this JSON pointer, not empty when seen; empty when hidden.
    List(&'static str),
    /// The answer itself: any answer but a refusal is seeing it.
    Answer,
}

/// A private field, how to reach the recycling cluster's instance of it, and who sees it.
struct PrivateField {
    field: &'static str,
    query: &'static str,
    variables: Value,
    shows: Shows,
    seen_by: &'static [Caller],
}

const PERSON_EMAIL: &str = "query ($id: ID!) { node(id: $id) { ... on Person { email } } }";
const PERSON_PHONE: &str = "query ($id: ID!) { node(id: $id) { ... on Person { phone } } }";
const APPLICATION_MESSAGE: &str =
    "query ($id: ID!) { node(id: $id) { ... on Membership { applicationMessage } } }";
const DECISION_REASON: &str =
    "query ($id: ID!) { node(id: $id) { ... on Membership { decisionReason } } }";
const APPLICATIONS: &str =
    "query ($s: String!) { cluster(slug: $s) { membershipApplications { id } } }";
const AUDIT_TRAIL: &str =
    "query ($c: ID) { auditTrail(clusterId: $c, first: 5) { nodes { action } } }";
const WEBHOOKS: &str = "query ($c: ID) { webhooks(clusterId: $c) { nodes { id } } }";
const INVITATIONS: &str = "query ($c: ID) { invitations(clusterId: $c) { nodes { id } } }";
const INVITATION_EMAIL: &str = "query ($id: ID!) { node(id: $id) { ... on Invitation { email } } }";
const REQUEST_MESSAGE: &str =
    "query ($id: ID!) { node(id: $id) { ... on AccessRequest { message } } }";
const SUBMISSION_NAME: &str =
    "query ($id: ID!) { node(id: $id) { ... on ClusterSubmission { name } } }";
const ORGANISATION_USERS: &str = "query ($o: ID!) { organisationUsers(organisationId: $o) { id } }";

fn private_fields(f: &Fixture) -> Vec<PrivateField> {
    let person = json!({ "id": f.person });
    let cluster = json!({ "c": f.cluster });
    vec![
        // Contacts: the cluster's private readers, and accounts of its current members (the
        // member organisation has only applied).
        PrivateField {
            field: "Person.email",
            query: PERSON_EMAIL,
            variables: person.clone(),
            shows: Shows::Text("/data/node/email"),
            seen_by: PRIVATE_READERS,
        },
        PrivateField {
            field: "Person.phone",
            query: PERSON_PHONE,
            variables: person,
            shows: Shows::Text("/data/node/phone"),
            seen_by: PRIVATE_READERS,
        },
        PrivateField {
            field: "Membership.applicationMessage",
            query: APPLICATION_MESSAGE,
            variables: json!({ "id": f.application }),
            shows: Shows::Text("/data/node/applicationMessage"),
            seen_by: APPLICATION_READERS,
        },
        // Of an organisation none of the callers acts for.
        PrivateField {
            field: "Membership.decisionReason",
            query: DECISION_REASON,
            variables: json!({ "id": f.membership }),
            shows: Shows::Text("/data/node/decisionReason"),
            seen_by: APPLICATION_DECIDERS,
        },
        PrivateField {
            field: "Cluster.membershipApplications",
            query: APPLICATIONS,
            variables: json!({ "s": RECYCLING }),
            shows: Shows::List("/data/cluster/membershipApplications"),
            seen_by: APPLICATION_DECIDERS,
        },
        PrivateField {
            field: "QueryRoot.auditTrail",
            query: AUDIT_TRAIL,
            variables: cluster.clone(),
            shows: Shows::List("/data/auditTrail/nodes"),
            seen_by: PRIVATE_READERS,
        },
        // Every person gets a list (their own tokens, perhaps none); no token does.
        PrivateField {
            field: "QueryRoot.apiTokens",
            query: "{ apiTokens { nodes { id } } }",
            variables: json!({}),
            shows: Shows::Answer,
            seen_by: PEOPLE,
        },
        PrivateField {
            field: "QueryRoot.webhooks",
            query: WEBHOOKS,
            variables: cluster.clone(),
            shows: Shows::List("/data/webhooks/nodes"),
            seen_by: PRIVATE_READERS,
        },
        // Self-service: the operators' lists, and what joining leaves behind.
        PrivateField {
            field: "QueryRoot.mailOutbox",
            query: "{ mailOutbox(first: 5) { nodes { id } } }",
            variables: json!({}),
            shows: Shows::List("/data/mailOutbox/nodes"),
            seen_by: OPERATORS,
        },
        PrivateField {
            field: "QueryRoot.users",
            query: "{ users(first: 5) { nodes { id } } }",
            variables: json!({}),
            shows: Shows::List("/data/users/nodes"),
            seen_by: OPERATORS,
        },
        // The deputy's request waits for the member organisation's manager.
        PrivateField {
            field: "QueryRoot.accessRequests(TO_DECIDE)",
            query: "{ accessRequests(scope: TO_DECIDE) { nodes { id } } }",
            variables: json!({}),
            shows: Shows::List("/data/accessRequests/nodes"),
            seen_by: ORGANISATION_MEMBERS,
        },
        PrivateField {
            field: "AccessRequest (a node)",
            query: REQUEST_MESSAGE,
            variables: json!({ "id": f.pending_request }),
            shows: Shows::Text("/data/node/message"),
            seen_by: ORGANISATION_MEMBERS,
        },
        PrivateField {
            field: "QueryRoot.invitations",
            query: INVITATIONS,
            variables: cluster,
            shows: Shows::List("/data/invitations/nodes"),
            seen_by: CLUSTER_COORDINATORS,
        },
        PrivateField {
            field: "Invitation (a node)",
            query: INVITATION_EMAIL,
            variables: json!({ "id": f.open_invitation }),
            shows: Shows::Text("/data/node/email"),
            seen_by: CLUSTER_COORDINATORS,
        },
        // Each person lists their own submissions; only the other coordinator has one.
        PrivateField {
            field: "QueryRoot.clusterSubmissions",
            query: "{ clusterSubmissions { nodes { id } } }",
            variables: json!({}),
            shows: Shows::List("/data/clusterSubmissions/nodes"),
            seen_by: &[Caller::OtherCoordinator, Caller::Operator],
        },
        PrivateField {
            field: "ClusterSubmission (a node)",
            query: SUBMISSION_NAME,
            variables: json!({ "id": f.submission }),
            shows: Shows::Text("/data/node/name"),
            seen_by: &[Caller::OtherCoordinator, Caller::Operator],
        },
        PrivateField {
            field: "QueryRoot.organisationUsers",
            query: ORGANISATION_USERS,
            variables: json!({ "o": f.member_organisation }),
            shows: Shows::List("/data/organisationUsers"),
            seen_by: ORGANISATION_MEMBERS,
        },
    ]
}

/// Whether `answer` shows the field, or why it neither shows nor hides it.
fn shown(answer: &Value, shows: Shows) -> Result<bool, String> {
    match code_of(answer).as_str() {
        "FORBIDDEN" | "UNAUTHENTICATED" => Ok(false),
        "" => Ok(match shows {
            Shows::Text(pointer) => answer.pointer(pointer).is_some_and(Value::is_string),
            Shows::List(pointer) => answer
                .pointer(pointer)
                .and_then(Value::as_array)
                .is_some_and(|list| !list.is_empty()),
            Shows::Answer => true,
        }),
        _ => Err(format!("neither shown nor refused: {answer}")),
    }
}

async fn private_fields_show_exactly_to_those_who_may_read_them(app: TestApp) {
    let f = fixture(&app).await;
    let mut mismatches = Vec::new();
    for field in private_fields(&f) {
        for caller in CALLERS {
            let expected = field.seen_by.contains(&caller);
            for over in Over::BOTH {
                let variables = field.variables.clone();
                let answer = app
                    .ask(over, f.credential(caller), field.query, variables)
                    .await;
                let wrong = match shown(&answer, field.shows) {
                    Ok(seen) if seen == expected => continue,
                    Ok(_) if expected => format!("should be seen, but got {answer}"),
                    Ok(_) => format!("should be hidden, but got {answer}"),
                    Err(why) => why,
                };
                let name = field.field;
                mismatches.push(format!("{name} as {caller:?} over {over:?}: {wrong}"));
            }
        }
    }
    assert!(
        mismatches.is_empty(),
        "{} mismatches:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
}

on_both_backends! {
    field_visibility => private_fields_show_exactly_to_those_who_may_read_them;
}
