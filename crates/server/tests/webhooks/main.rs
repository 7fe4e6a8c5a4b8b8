//! Webhooks: signed deliveries from the transactional outbox, retried with backoff, every try
//! visible through the API, nothing lost across a restart and nothing sent for a rollback.
//!
//! `endpoint` is the partner's side (a server that records what it receives, and a signature
//! check); `delivery` the outbox's promises; `failing_endpoints` endpoints that fail, hang up
//! or are slow; `registration` who may register which URL.

#[path = "../common/mod.rs"]
mod common;

mod delivery;
mod endpoint;
mod failing_endpoints;
mod registration;

use common::TestApp;
use serde_json::{Value, json};

const RECYCLING: &str = "klaster-gospodarki-odpadowej-i-recyklingu";

const CREATE: &str = "mutation ($i: CreateWebhookInput!) { createWebhook(input: $i) { secret webhook { id url events cluster { slug } } userErrors { field message } } }";

const DELIVERIES: &str = "query ($c: ID) { webhooks(clusterId: $c) { nodes { id deliveries(first: 10) { nodes { eventId status attempts { number statusCode error durationMs } } } } } }";

async fn create_webhook(app: &TestApp, session: &str, url: &str, events: Value) -> (String, Value) {
    let cluster_id = app.cluster_id(RECYCLING).await;
    let created = app
        .query_as(
            session,
            CREATE,
            json!({ "i": { "url": url, "events": events, "clusterId": cluster_id } }),
        )
        .await["createWebhook"]
        .clone();
    let secret = created["secret"]
        .as_str()
        .unwrap_or_else(|| panic!("a secret is shown: {created}"))
        .to_owned();
    (secret, created["webhook"].clone())
}

async fn update_acronym(app: &TestApp, session: &str, acronym: &str) {
    let cluster = app
        .query(
            "query ($s: String!) { cluster(slug: $s) { id version } }",
            json!({ "s": RECYCLING }),
        )
        .await["cluster"]
        .clone();
    let updated = app
        .query_as(
            session,
            "mutation ($i: UpdateClusterInput!) { updateCluster(input: $i) { cluster { acronym } } }",
            json!({ "i": { "id": cluster["id"], "version": cluster["version"], "acronym": acronym } }),
        )
        .await;
    assert_eq!(
        updated["updateCluster"]["cluster"]["acronym"], acronym,
        "{updated}"
    );
}

async fn deliveries(app: &TestApp, session: &str) -> Value {
    let cluster_id = app.cluster_id(RECYCLING).await;
    app.query_as(session, DELIVERIES, json!({ "c": cluster_id }))
        .await["webhooks"]["nodes"][0]["deliveries"]["nodes"]
        .clone()
}
