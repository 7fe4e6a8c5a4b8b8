//! Live changes over WebSocket (graphql-transport-ws), heard on every server of one database.

mod common;

use common::socket::{connect, receive, send, silent_for, subscribe};
use common::{Backend, COORDINATOR, MEMBER, TestApp};
use serde_json::json;
use std::time::Duration;

const RECYCLING: &str = "klaster-gospodarki-odpadowej-i-recyklingu";

async fn update_acronym(app: &TestApp, session: &str, slug: &str, acronym: &str) {
    let cluster = app
        .query(
            "query ($s: String!) { cluster(slug: $s) { id version } }",
            json!({ "s": slug }),
        )
        .await["cluster"]
        .clone();
    let updated = app
        .query_as(
            session,
            "mutation ($i: UpdateClusterInput!) { updateCluster(input: $i) { cluster { acronym } userErrors { message } } }",
            json!({ "i": { "id": cluster["id"], "version": cluster["version"], "acronym": acronym } }),
        )
        .await;
    assert_eq!(
        updated["updateCluster"]["cluster"]["acronym"], acronym,
        "{updated}"
    );
}

const CLUSTER_CHANGED: &str = "subscription ($f: EventFilter) { clusterChanged(filter: $f) { id sequence kind action subjectType subjectId clusterId cluster { slug acronym } isPublic } }";

async fn a_subscriber_hears_a_cluster_change_with_its_new_values(app: TestApp) {
    let cluster_id = app.cluster_id(RECYCLING).await;
    let mut socket = connect(&app, None)
        .await
        .expect("anonymous connections are accepted");
    subscribe(
        &mut socket,
        "1",
        CLUSTER_CHANGED,
        json!({ "f": { "clusterId": cluster_id } }),
    )
    .await;
    app.wait_for_subscribers(1).await;

    let coordinator = app.sign_in(COORDINATOR).await;
    update_acronym(&app, &coordinator, RECYCLING, "KGOR-1").await;
    let message = receive(&mut socket).await.expect("the change is heard");
    assert_eq!(message["type"], "next", "{message}");
    assert_eq!(message["id"], "1");
    let event = &message["payload"]["data"]["clusterChanged"];
    assert_eq!(event["kind"], "CLUSTER_CHANGED");
    assert_eq!(event["action"], "UPDATE");
    assert_eq!(event["subjectType"], "Cluster");
    assert_eq!(event["clusterId"], json!(cluster_id));
    assert_eq!(event["isPublic"], true);
    // Nested fields are read when the event arrives, not from a cache of the connection.
    assert_eq!(event["cluster"]["acronym"], "KGOR-1");

    update_acronym(&app, &coordinator, RECYCLING, "KGOR-2").await;
    let second = receive(&mut socket)
        .await
        .expect("the second change is heard");
    let event2 = &second["payload"]["data"]["clusterChanged"];
    assert_eq!(event2["cluster"]["acronym"], "KGOR-2");
    assert!(event2["sequence"].as_i64() > event["sequence"].as_i64());

    // The filter holds: another cluster's change is not sent.
    let other = app
        .query(
            "{ clusters(first: 1, filter: { text: \"ICT\" }) { nodes { slug } } }",
            json!({}),
        )
        .await["clusters"]["nodes"][0]["slug"]
        .as_str()
        .map(str::to_owned);
    if let Some(other) = other.filter(|s| s != RECYCLING) {
        let operator = app.sign_in(common::OPERATOR).await;
        update_acronym(&app, &operator, &other, "OTHER").await;
        assert!(silent_for(&mut socket, Duration::from_millis(600)).await);
    }

    // Completing the subscription ends it.
    send(&mut socket, json!({ "id": "1", "type": "complete" })).await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    update_acronym(&app, &coordinator, RECYCLING, "KGOR-3").await;
    assert!(silent_for(&mut socket, Duration::from_millis(600)).await);
}

const MEMBERSHIP_CHANGED: &str = "subscription ($f: EventFilter) { membershipChanged(filter: $f) { action isPublic organisation { name } } }";

async fn an_application_reaches_only_the_cluster_s_coordinators_and_its_approval_everyone(
    app: TestApp,
) {
    let cluster_id = app.cluster_id(RECYCLING).await;
    let coordinator = app.sign_in(COORDINATOR).await;
    let mut public = connect(&app, None).await.expect("connected");
    let mut private = connect(&app, Some(&coordinator)).await.expect("connected");
    let filter = json!({ "f": { "clusterId": cluster_id } });
    subscribe(&mut public, "p", MEMBERSHIP_CHANGED, filter.clone()).await;
    subscribe(&mut private, "c", MEMBERSHIP_CHANGED, filter).await;
    app.wait_for_subscribers(2).await;

    let member = app.sign_in(MEMBER).await;
    let organisation = app.acting_organisation(&member).await;
    let applied = app
        .query_as(
            &member,
            "mutation ($i: ApplyForMembershipInput!) { applyForMembership(input: $i) { membership { id version } userErrors { message } } }",
            json!({ "i": { "clusterId": cluster_id, "organisationId": organisation } }),
        )
        .await["applyForMembership"]["membership"]
        .clone();
    assert!(applied.is_object());

    let heard = receive(&mut private)
        .await
        .expect("the coordinator hears the application");
    assert_eq!(
        heard["payload"]["data"]["membershipChanged"]["action"],
        "APPLY"
    );
    assert_eq!(
        heard["payload"]["data"]["membershipChanged"]["isPublic"],
        false
    );
    assert!(
        silent_for(&mut public, Duration::from_millis(600)).await,
        "the public hears nothing"
    );

    app.query_as(
        &coordinator,
        "mutation ($i: DecideMembershipInput!) { approveMembership(input: $i) { membership { status } } }",
        json!({ "i": { "id": applied["id"], "version": applied["version"] } }),
    )
    .await;
    for socket in [&mut public, &mut private] {
        let heard = receive(socket).await.expect("the approval is heard");
        assert_eq!(
            heard["payload"]["data"]["membershipChanged"]["action"], "APPROVE",
            "{heard}"
        );
        assert_eq!(
            heard["payload"]["data"]["membershipChanged"]["isPublic"],
            true
        );
    }
}

async fn a_change_made_through_one_server_reaches_subscribers_of_another(app: TestApp) {
    let other = app.spawn_beside(|_| {}).await;
    let mut socket = connect(&other, None).await.expect("connected");
    subscribe(
        &mut socket,
        "all",
        "subscription { registryChanged { kind cluster { slug } } }",
        json!({}),
    )
    .await;
    other.wait_for_subscribers(1).await;
    let coordinator = app.sign_in(COORDINATOR).await;
    update_acronym(&app, &coordinator, RECYCLING, "VIA-A").await;
    let heard = receive(&mut socket)
        .await
        .expect("the other server hears it");
    assert_eq!(
        heard["payload"]["data"]["registryChanged"]["kind"], "CLUSTER_CHANGED",
        "{heard}"
    );
    assert_eq!(
        heard["payload"]["data"]["registryChanged"]["cluster"]["slug"],
        RECYCLING
    );
    // Exactly once.
    assert!(silent_for(&mut socket, Duration::from_millis(600)).await);
}

async fn bad_subscriptions_and_tokens_are_refused_with_codes(app: TestApp) {
    // A forged token closes the connection at connection_init, saying why.
    let refused = connect(&app, Some("not-a-token")).await;
    let refused = refused.expect_err("refused");
    assert_eq!(refused["type"], "close", "{refused}");
    assert!(
        refused["reason"]
            .as_str()
            .unwrap_or_default()
            .contains("not valid"),
        "{refused}"
    );

    let mut socket = connect(&app, None).await.expect("connected");
    subscribe(
        &mut socket,
        "bad",
        CLUSTER_CHANGED,
        json!({ "f": { "clusterId": "garbage" } }),
    )
    .await;
    let answer = receive(&mut socket).await.expect("an answer");
    assert_eq!(answer["type"], "next", "{answer}");
    assert_eq!(
        answer["payload"]["errors"][0]["extensions"]["code"],
        "BAD_USER_INPUT"
    );
    subscribe(
        &mut socket,
        "typo",
        "subscription { clusterChangd { id } }",
        json!({}),
    )
    .await;
    let answer = loop {
        let message = receive(&mut socket).await.expect("an answer");
        if message["id"] == "typo" {
            break message;
        }
    };
    assert!(
        answer["payload"]["errors"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("Did you mean \"clusterChanged\""),
        "{answer}"
    );
    assert_eq!(
        answer["payload"]["errors"][0]["extensions"]["code"],
        "GRAPHQL_VALIDATION_FAILED"
    );
}

async fn a_subscriber_resuming_after_a_sequence_hears_what_it_missed_then_goes_live(app: TestApp) {
    let coordinator = app.sign_in(COORDINATOR).await;
    // Three changes while nobody listens.
    update_acronym(&app, &coordinator, RECYCLING, "MISS-1").await;
    update_acronym(&app, &coordinator, RECYCLING, "MISS-2").await;
    update_acronym(&app, &coordinator, RECYCLING, "MISS-3").await;
    // The partner last saw the first; it resumes after it.
    let mut socket = connect(&app, None).await.expect("connected");
    subscribe(
        &mut socket,
        "1",
        "subscription ($after: Int) { clusterChanged(after: $after) { sequence action } }",
        json!({ "after": 0 }),
    )
    .await;
    let mut sequences = Vec::new();
    for _ in 0..3 {
        let message = receive(&mut socket).await.expect("a stored event");
        sequences.push(
            message["payload"]["data"]["clusterChanged"]["sequence"]
                .as_i64()
                .expect("sequence"),
        );
    }
    assert!(sequences.windows(2).all(|w| w[0] < w[1]), "{sequences:?}");
    send(&mut socket, json!({ "id": "1", "type": "complete" })).await;

    let mut resumed = connect(&app, None).await.expect("connected");
    subscribe(
        &mut resumed,
        "2",
        "subscription ($after: Int) { clusterChanged(after: $after) { sequence cluster { acronym } } }",
        json!({ "after": sequences[0] }),
    )
    .await;
    app.wait_for_subscribers(1).await;
    let mut heard = Vec::new();
    for _ in 0..2 {
        let message = receive(&mut resumed).await.expect("a missed event");
        heard.push(message["payload"]["data"]["clusterChanged"]["sequence"].clone());
    }
    assert_eq!(heard, vec![json!(sequences[1]), json!(sequences[2])]);
    // Then it goes on live, each event once.
    update_acronym(&app, &coordinator, RECYCLING, "LIVE").await;
    let live = receive(&mut resumed).await.expect("the live event");
    assert_eq!(
        live["payload"]["data"]["clusterChanged"]["cluster"]["acronym"],
        "LIVE"
    );
    assert!(live["payload"]["data"]["clusterChanged"]["sequence"].as_i64() > Some(sequences[2]));
    assert!(silent_for(&mut resumed, Duration::from_millis(600)).await);
}

on_both_backends! {
    resume => a_subscriber_resuming_after_a_sequence_hears_what_it_missed_then_goes_live;
    cluster_change => a_subscriber_hears_a_cluster_change_with_its_new_values;
    private_events => an_application_reaches_only_the_cluster_s_coordinators_and_its_approval_everyone;
    two_servers => a_change_made_through_one_server_reaches_subscribers_of_another;
    refusals => bad_subscriptions_and_tokens_are_refused_with_codes;
}

/// On PostgreSQL a transaction could once take an event id, another a later one and commit
/// first: a subscriber that heard the later one and resumed after it never heard the earlier.
/// Event ids now follow commit order: the later writer waits for the earlier to end, and every
/// subscriber hears events in the order of their sequence.
async fn events_arrive_in_sequence_order_across_concurrent_writers(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let mut socket = connect(&app, None).await.expect("connected");
    subscribe(
        &mut socket,
        "1",
        "subscription { clusterChanged { sequence } }",
        json!({}),
    )
    .await;
    app.wait_for_subscribers(1).await;
    // What the second writer needs, read before the first holds SQLite's write lock.
    let operator = app.sign_in(common::OPERATOR).await;
    let other = app
        .query(
            "{ cluster(slug: \"pomorski-klaster-ict-interizon\") { id version } }",
            json!({}),
        )
        .await["cluster"]
        .clone();
    // A write that took its event and has not committed yet.
    let slow = app.uncommitted_event(RECYCLING).await;
    // Another write, through the API, meanwhile.
    let writer = {
        let url = app.url.clone();
        let client = app.client.clone();
        tokio::spawn(async move {
            client
                .post(format!("{url}/graphql"))
                .bearer_auth(operator)
                .json(&json!({
                    "query": "mutation ($i: UpdateClusterInput!) { updateCluster(input: $i) { cluster { acronym } } }",
                    "variables": { "i": { "id": other["id"], "version": other["version"], "acronym": "LATER" } },
                }))
                .send()
                .await
                .expect("sent")
                .status()
        })
    };
    tokio::time::sleep(Duration::from_millis(500)).await;
    slow.commit().await.expect("committed");
    assert!(writer.await.expect("joined").is_success());
    let mut heard = Vec::new();
    for _ in 0..2 {
        let message = receive(&mut socket).await.expect("an event");
        heard.push(
            message["payload"]["data"]["clusterChanged"]["sequence"]
                .as_i64()
                .expect("a sequence"),
        );
    }
    assert!(
        heard[0] < heard[1],
        "heard out of sequence order: {heard:?}"
    );
}

mod commit_order {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        events_arrive_in_sequence_order_across_concurrent_writers(Backend::Sqlite).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        events_arrive_in_sequence_order_across_concurrent_writers(Backend::Postgres).await;
    }
}
