//! Private fields: who sees them, and who gets null, an empty list or a refusal instead.

use crate::common::{Backend, Over, TestApp, code_of};
use crate::fixture::{Fixture, fixture};
use crate::on_both_backends;
use crate::{
    APPLICATION_DECIDERS, APPLICATION_READERS, CALLERS, Caller, PEOPLE, PRIVATE_READERS, RECYCLING,
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
            variables: cluster,
            shows: Shows::List("/data/webhooks/nodes"),
            seen_by: PRIVATE_READERS,
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
