//! The registry operator's contact for the public: operators set it (over HTTP and over the
//! WebSocket alike) and anyone reads it; nobody else may change it, bad values are refused with
//! codes naming their fields, an emptied field clears its value, a stale version changes
//! nothing, and each change leaves its audit entry.

mod common;

use common::{Backend, COORDINATOR, MEMBER, OPERATOR, Over, TestApp, code_of};
use serde_json::{Value, json};

const READ: &str =
    "{ operatorContact { contactPerson email phone postalAddress version updatedAt } }";

const SET: &str = "mutation ($i: SetOperatorContactInput!) { setOperatorContact(input: $i) { \
    operatorContact { contactPerson email phone postalAddress version updatedAt } \
    userErrors { field code max actual } } }";

/// The contact as anyone reads it, over `over`.
async fn contact(app: &TestApp, over: Over) -> Value {
    let answer = app.ask(over, None, READ, json!({})).await;
    assert!(answer.get("errors").is_none(), "{over:?}: {answer}");
    answer["data"]["operatorContact"].clone()
}

/// Sets the contact as the holder of `token` over `over` and returns the answer.
async fn set(app: &TestApp, over: Over, token: Option<&str>, input: Value) -> Value {
    app.ask(over, token, SET, json!({ "i": input })).await
}

async fn the_operator_sets_the_contact_and_anyone_reads_it(app: TestApp) {
    let operator = app.sign_in(OPERATOR).await;
    for over in Over::BOTH {
        let before = contact(&app, over).await;
        assert_eq!(
            before,
            json!({ "contactPerson": null, "email": null, "phone": null, "postalAddress": null,
                    "version": 1, "updatedAt": null }),
            "{over:?}: nothing is set in a new registry"
        );
    }

    let answer = set(
        &app,
        Over::Http,
        Some(&operator),
        json!({ "version": 1, "contactPerson": " Anna Nowak ", "email": "Dostepnosc@Klastry.PL",
                "phone": "+48 22 123 45 67", "postalAddress": "ul. Prosta 1\n00-001 Warszawa" }),
    )
    .await;
    let payload = &answer["data"]["setOperatorContact"];
    assert_eq!(payload["userErrors"], json!([]), "{answer}");
    let written = &payload["operatorContact"];
    assert_eq!(written["contactPerson"], "Anna Nowak", "trimmed");
    assert_eq!(
        written["email"], "Dostepnosc@klastry.pl",
        "the domain lower-cased"
    );
    assert_eq!(written["version"], 2);
    assert!(written["updatedAt"].is_string(), "{written}");
    for over in Over::BOTH {
        assert_eq!(&contact(&app, over).await, written, "{over:?}");
    }

    // Over the socket, the same mutation through the same path: a field left out stays, an
    // emptied one and a null one clear their values.
    let answer = set(
        &app,
        Over::Socket,
        Some(&operator),
        json!({ "version": 2, "phone": "", "postalAddress": null, "contactPerson": "Jan Kowalski" }),
    )
    .await;
    let payload = &answer["data"]["setOperatorContact"];
    assert_eq!(payload["userErrors"], json!([]), "{answer}");
    for over in Over::BOTH {
        let now = contact(&app, over).await;
        assert_eq!(now["contactPerson"], "Jan Kowalski", "{over:?}");
        assert_eq!(
            now["email"], "Dostepnosc@klastry.pl",
            "{over:?}: left out, kept"
        );
        assert_eq!(now["phone"], Value::Null, "{over:?}: emptied, cleared");
        assert_eq!(now["postalAddress"], Value::Null, "{over:?}: null, cleared");
        assert_eq!(now["version"], 3, "{over:?}");
    }

    // The audit trail records both changes, by the operator.
    let trail = app
        .query_as(
            &operator,
            "query ($f: AuditFilter) { auditTrail(filter: $f, first: 5) { edges { node { \
             action objectType actorEmail changes { field before after } } } } }",
            json!({ "f": { "objectTypes": ["OperatorContact"] } }),
        )
        .await;
    let entries = trail["auditTrail"]["edges"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(entries.len(), 2, "{trail}");
    for entry in &entries {
        assert_eq!(entry["node"]["action"], "UPDATE", "{trail}");
        assert_eq!(entry["node"]["actorEmail"], OPERATOR.0, "{trail}");
    }
    let fields: Vec<&str> = entries[0]["node"]["changes"]
        .as_array()
        .map(|changes| changes.iter().filter_map(|c| c["field"].as_str()).collect())
        .unwrap_or_default();
    assert!(
        fields.contains(&"phone") && fields.contains(&"contact_person"),
        "the newest entry names what changed: {trail}"
    );
}

async fn nobody_but_an_operator_may_change_it(app: TestApp) {
    let operator = app.sign_in(OPERATOR).await;
    let first = set(
        &app,
        Over::Http,
        Some(&operator),
        json!({ "version": 1, "email": "kontakt@klastry.pl" }),
    )
    .await;
    assert_eq!(
        first["data"]["setOperatorContact"]["userErrors"],
        json!([]),
        "{first}"
    );
    let kept = contact(&app, Over::Http).await;

    let member = app.sign_in(MEMBER).await;
    let coordinator = app.sign_in(COORDINATOR).await;
    let operator_token = app
        .create_token(
            OPERATOR,
            json!({ "name": "Operator's script", "scopes": ["READ_PUBLIC"] }),
        )
        .await["token"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(!operator_token.is_empty(), "no API token was made");
    let refused = [
        (None, "UNAUTHENTICATED"),
        (Some(member.as_str()), "FORBIDDEN"),
        (Some(coordinator.as_str()), "FORBIDDEN"),
        // An operator's API token never acts as the operator.
        (Some(operator_token.as_str()), "FORBIDDEN"),
    ];
    for (token, code) in refused {
        for over in Over::BOTH {
            let answer = set(
                &app,
                over,
                token,
                json!({ "version": 2, "email": "atak@example.pl", "phone": "" }),
            )
            .await;
            assert_eq!(code_of(&answer), code, "{over:?} {token:?}: {answer}");
            assert_eq!(
                answer["data"]["setOperatorContact"],
                Value::Null,
                "{answer}"
            );
        }
    }
    assert_eq!(
        contact(&app, Over::Http).await,
        kept,
        "a refused caller changed nothing"
    );
}

async fn bad_values_are_refused_with_their_codes_and_change_nothing(app: TestApp) {
    let operator = app.sign_in(OPERATOR).await;
    let first = set(
        &app,
        Over::Http,
        Some(&operator),
        json!({ "version": 1, "contactPerson": "Anna Nowak", "email": "kontakt@klastry.pl",
                "phone": "22 123 45 67" }),
    )
    .await;
    assert_eq!(
        first["data"]["setOperatorContact"]["userErrors"],
        json!([]),
        "{first}"
    );
    let kept = contact(&app, Over::Http).await;

    for over in Over::BOTH {
        let answer = set(
            &app,
            over,
            Some(&operator),
            json!({ "version": 2, "contactPerson": "x".repeat(201), "email": "nie-adres",
                    "phone": "12-34", "postalAddress": "y".repeat(501) }),
        )
        .await;
        let payload = &answer["data"]["setOperatorContact"];
        assert_eq!(payload["operatorContact"], Value::Null, "{answer}");
        assert_eq!(
            payload["userErrors"],
            json!([
                { "field": "contactPerson", "code": "TOO_LONG", "max": 200, "actual": 201 },
                { "field": "email", "code": "INVALID_FORMAT", "max": null, "actual": null },
                { "field": "phone", "code": "INVALID_FORMAT", "max": null, "actual": null },
                { "field": "postalAddress", "code": "TOO_LONG", "max": 500, "actual": 501 },
            ]),
            "{over:?}: every bad field at once, each named"
        );
        // One bad field refuses the whole change: the good one is not written either.
        let answer = set(
            &app,
            over,
            Some(&operator),
            json!({ "version": 2, "contactPerson": "Jan Kowalski", "phone": "abc" }),
        )
        .await;
        assert_eq!(
            answer["data"]["setOperatorContact"]["userErrors"],
            json!([{ "field": "phone", "code": "INVALID_FORMAT", "max": null, "actual": null }]),
            "{over:?}: {answer}"
        );
        // A stale version is refused like every other record's.
        let answer = set(
            &app,
            over,
            Some(&operator),
            json!({ "version": 1, "contactPerson": "Jan Kowalski" }),
        )
        .await;
        assert_eq!(code_of(&answer), "CONFLICT", "{over:?}: {answer}");
    }
    assert_eq!(
        contact(&app, Over::Http).await,
        kept,
        "nothing refused was written"
    );
}

on_both_backends! {
    set_and_read => the_operator_sets_the_contact_and_anyone_reads_it;
    operators_only => nobody_but_an_operator_may_change_it;
    bad_values => bad_values_are_refused_with_their_codes_and_change_nothing;
}
