//! `node(id:)` and `nodes(ids:)` fetch every public object by the global ID the API gave it,
//! and a private one only for those who may read it where it is listed.

mod common;

use common::{Backend, COORDINATOR, MEMBER, OPERATOR, Over, TestApp};
use serde_json::{Value, json};

const RECYCLING: &str = "klaster-gospodarki-odpadowej-i-recyklingu";

const NODE: &str = "query ($id: ID!) { node(id: $id) { __typename id } }";

async fn every_public_object_is_a_node(app: TestApp) {
    let cluster = app
        .query(
            "query ($slug: String) { cluster(slug: $slug) { services { id } workingGroups { id } } }",
            json!({ "slug": RECYCLING }),
        )
        .await;
    let member = app.sign_in(MEMBER).await;
    let organisation = app.acting_organisation(&member).await;
    let notice = app
        .query_as(
            &member,
            "mutation ($i: PostCooperationOfferInput!) { postCooperationOffer(input: $i) { offer { id } } }",
            json!({ "i": { "organisationId": organisation, "kind": "OFFER", "category": "OTHER", "title": "Frezarka", "description": "Wolne moce" } }),
        )
        .await["postCooperationOffer"]["offer"]["id"]
        .clone();
    // The demo cluster has services and working groups; figures and people are added here.
    let coordinator = app.sign_in(COORDINATOR).await;
    let recycling = app.cluster_id(RECYCLING).await;
    let indicator = app
        .query_as(
            &coordinator,
            "mutation ($i: CreateIndicatorInput!) { createIndicator(input: $i) { indicator { id } userErrors { message } } }",
            json!({ "i": { "clusterId": recycling, "year": 2024, "memberCount": 150 } }),
        )
        .await["createIndicator"]["indicator"]["id"]
        .clone();
    let person = app
        .query_as(
            &coordinator,
            "mutation ($i: AddClusterPersonInput!) { addClusterPerson(input: $i) { clusterPerson { id } userErrors { message } } }",
            json!({ "i": { "clusterId": recycling, "fullName": "Anna Nowak", "role": "BOARD_MEMBER" } }),
        )
        .await["addClusterPerson"]["clusterPerson"]["id"]
        .clone();
    let mut expected = vec![
        (notice, "CooperationOffer"),
        (indicator, "Indicator"),
        (person, "ClusterPerson"),
    ];
    for (list, kind) in [("services", "Service"), ("workingGroups", "WorkingGroup")] {
        let first = cluster["cluster"][list][0]["id"].clone();
        assert!(
            first.is_string(),
            "the demo cluster has no {list}: {cluster}"
        );
        expected.push((first, kind));
    }
    for (id, kind) in &expected {
        let found = app.query(NODE, json!({ "id": id })).await;
        assert_eq!(found["node"]["__typename"], *kind, "{found}");
        assert_eq!(found["node"]["id"], *id, "{found}");
    }
    // All of them at once, in the order asked.
    let ids: Vec<&Value> = expected.iter().map(|(id, _)| id).collect();
    let all = app
        .query(
            "query ($ids: [ID!]!) { nodes(ids: $ids) { __typename } }",
            json!({ "ids": ids }),
        )
        .await;
    let kinds: Vec<&str> = expected.iter().map(|(_, kind)| *kind).collect();
    assert_eq!(
        all["nodes"],
        json!(
            kinds
                .iter()
                .map(|k| json!({ "__typename": k }))
                .collect::<Vec<_>>()
        )
    );
}

async fn an_answer_is_a_node_only_for_the_two_organisations(app: TestApp) {
    let member = app.sign_in(MEMBER).await;
    let own = app.acting_organisation(&member).await;
    let notice = app
        .query_as(
            &member,
            "mutation ($i: PostCooperationOfferInput!) { postCooperationOffer(input: $i) { offer { id } } }",
            json!({ "i": { "organisationId": own, "kind": "REQUEST", "category": "OTHER", "title": "Szukamy partnera", "description": "Do projektu" } }),
        )
        .await["postCooperationOffer"]["offer"]["id"]
        .clone();
    let other = app
        .query("{ organisations(first: 5) { nodes { id } } }", json!({}))
        .await["organisations"]["nodes"]
        .as_array()
        .expect("organisations")
        .iter()
        .map(|o| o["id"].clone())
        .find(|id| *id != own)
        .expect("another organisation");
    let operator = app.sign_in(OPERATOR).await;
    let answer = app
        .query_as(
            &operator,
            "mutation ($i: RespondToCooperationOfferInput!) { respondToCooperationOffer(input: $i) { response { id } userErrors { message } } }",
            json!({ "i": { "offerId": notice, "organisationId": other, "message": "Chętnie porozmawiamy" } }),
        )
        .await["respondToCooperationOffer"]["response"]["id"]
        .clone();
    assert!(answer.is_string(), "no answer was written");
    let variables = json!({ "id": answer });
    assert_eq!(
        app.query(NODE, variables.clone()).await["node"],
        Value::Null
    );
    let coordinator = app.sign_in(COORDINATOR).await;
    assert_eq!(
        app.query_as(&coordinator, NODE, variables.clone()).await["node"],
        Value::Null,
        "an outsider read an answer"
    );
    for reader in [&member, &operator] {
        let seen = app.query_as(reader, NODE, variables.clone()).await;
        assert_eq!(seen["node"]["__typename"], "CooperationResponse", "{seen}");
    }
}

/// `node(id:)` as each caller, over HTTP and over the socket alike: the type name, or null.
async fn seen_by(app: &TestApp, id: &Value, callers: &[Option<&str>]) -> Vec<Value> {
    let mut seen = Vec::new();
    for caller in callers {
        let mut answers = Vec::new();
        for over in Over::BOTH {
            let answer = app.ask(over, *caller, NODE, json!({ "id": id })).await;
            assert!(answer.get("errors").is_none(), "{over:?}: {answer}");
            answers.push(answer["data"]["node"]["__typename"].clone());
        }
        assert_eq!(
            answers[0], answers[1],
            "the socket answered otherwise than HTTP"
        );
        seen.push(answers.swap_remove(0));
    }
    seen
}

async fn a_private_object_is_a_node_for_those_who_find_it_in_its_list(app: TestApp) {
    let operator = app.sign_in(OPERATOR).await;
    let coordinator = app.sign_in(COORDINATOR).await;
    let member = app.sign_in(MEMBER).await;
    let cluster = app.cluster_id(RECYCLING).await;
    let hook = app
        .query_as(
            &coordinator,
            "mutation ($i: CreateWebhookInput!) { createWebhook(input: $i) { webhook { id } userErrors { message } } }",
            json!({ "i": { "url": "https://partner.example/hooks", "events": ["CLUSTER_CHANGED"], "clusterId": cluster } }),
        )
        .await["createWebhook"]["webhook"]["id"]
        .clone();
    assert!(hook.is_string(), "no webhook was made");
    let version = app
        .query(
            "query ($slug: String) { cluster(slug: $slug) { version } }",
            json!({ "slug": RECYCLING }),
        )
        .await["cluster"]["version"]
        .clone();
    app.query_as(
        &coordinator,
        "mutation ($i: UpdateClusterInput!) { updateCluster(input: $i) { userErrors { message } } }",
        json!({ "i": { "id": cluster, "version": version, "acronym": "KGOR-N" } }),
    )
    .await;
    let delivery = app
        .query_as(
            &coordinator,
            "query ($id: ID!) { node(id: $id) { ... on Webhook { deliveries(first: 1) { edges { node { id eventId } } } } } }",
            json!({ "id": hook }),
        )
        .await["node"]["deliveries"]["edges"][0]["node"]
        .clone();
    let entry = app
        .query_as(
            &coordinator,
            "query ($c: ID) { auditTrail(clusterId: $c, first: 1) { edges { node { id } } } }",
            json!({ "c": cluster }),
        )
        .await["auditTrail"]["edges"][0]["node"]["id"]
        .clone();
    let token = app
        .create_token(
            COORDINATOR,
            json!({ "name": "Partner", "clusterId": cluster, "scopes": ["READ_PUBLIC"] }),
        )
        .await["apiToken"]["id"]
        .clone();
    let me = app
        .query_as(&member, "{ me { user { id } roles { id } } }", json!({}))
        .await["me"]
        .clone();

    let everyone = [
        None,
        Some(member.as_str()),
        Some(coordinator.as_str()),
        Some(operator.as_str()),
    ];
    let null = Value::Null;
    // (the ID, its type, and who of anonymous, member, coordinator, operator sees it)
    let cases = [
        (&me["user"]["id"], "User", [false, true, false, true]),
        (
            &me["roles"][0]["id"],
            "UserRole",
            [false, true, false, true],
        ),
        (&entry, "AuditEntry", [false, false, true, true]),
        (&token, "ApiToken", [false, false, true, true]),
        (&hook, "Webhook", [false, false, true, true]),
        (
            &delivery["id"],
            "WebhookDelivery",
            [false, false, true, true],
        ),
        // A cluster's change is public.
        (
            &delivery["eventId"],
            "RegistryEvent",
            [true, true, true, true],
        ),
    ];
    for (id, kind, sees) in cases {
        assert!(id.is_string(), "{kind} has no ID to ask for");
        let expected: Vec<Value> = sees
            .iter()
            .map(|s| if *s { json!(kind) } else { null.clone() })
            .collect();
        assert_eq!(seen_by(&app, id, &everyone).await, expected, "{kind}");
    }
}

on_both_backends! {
    public_objects => every_public_object_is_a_node;
    answers => an_answer_is_a_node_only_for_the_two_organisations;
    private_objects => a_private_object_is_a_node_for_those_who_find_it_in_its_list;
}
