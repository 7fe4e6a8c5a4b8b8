//! Who may register a webhook to which URL: only HTTPS or loopback URLs, only by the cluster's
//! managers, and on a production server never to its own machine or a private address.

use crate::common::{Backend, COORDINATOR, MEMBER, TestApp};
use crate::endpoint::Endpoint;
use crate::on_both_backends;
use crate::{CREATE, RECYCLING, create_webhook, deliveries, update_acronym};
use serde_json::{Value, json};
use std::time::Duration;

async fn only_https_or_loopback_urls_and_only_the_cluster_s_managers_register(app: TestApp) {
    let coordinator = app.sign_in(COORDINATOR).await;
    let cluster_id = app.cluster_id(RECYCLING).await;
    let refused = app
        .query_as(
            &coordinator,
            CREATE,
            json!({ "i": { "url": "http://partner.example/hook", "events": ["LABEL_CHANGED"], "clusterId": cluster_id } }),
        )
        .await;
    assert_eq!(refused["createWebhook"]["webhook"], Value::Null);
    assert_eq!(refused["createWebhook"]["userErrors"][0]["field"], "url");
    let none = app
        .query_as(
            &coordinator,
            CREATE,
            json!({ "i": { "url": "https://partner.example/hook", "events": [], "clusterId": cluster_id } }),
        )
        .await;
    assert_eq!(none["createWebhook"]["userErrors"][0]["field"], "events");
    // A member of an organisation is not the cluster's coordinator.
    let member = app.sign_in(MEMBER).await;
    let (_, body) = app
        .post_as(
            &member,
            CREATE,
            json!({ "i": { "url": "https://partner.example/hook", "events": ["LABEL_CHANGED"], "clusterId": cluster_id } }),
        )
        .await;
    assert_eq!(
        body["errors"][0]["extensions"]["code"], "FORBIDDEN",
        "{body}"
    );
    // Nothing was registered.
    let listed = app
        .query_as(
            &coordinator,
            "query ($c: ID) { webhooks(clusterId: $c) { nodes { id } } }",
            json!({ "c": cluster_id }),
        )
        .await;
    assert_eq!(listed["webhooks"]["nodes"], json!([]));

    // A partner's token that reads the cluster's private data registers its own webhook.
    let token = app
        .query_as(
            &coordinator,
            "mutation ($i: CreateApiTokenInput!) { createApiToken(input: $i) { token } }",
            json!({ "i": { "name": "CRM", "clusterId": cluster_id, "scopes": ["READ_CLUSTER_PRIVATE"] } }),
        )
        .await["createApiToken"]["token"]
        .as_str()
        .expect("token")
        .to_owned();
    let by_token = app
        .query_as(
            &token,
            CREATE,
            json!({ "i": { "url": "https://crm.partner.example/klastry", "events": ["MEMBERSHIP_CHANGED"], "clusterId": cluster_id } }),
        )
        .await;
    assert!(
        by_token["createWebhook"]["secret"].is_string(),
        "{by_token}"
    );
    let id = by_token["createWebhook"]["webhook"]["id"].clone();
    let deleted = app
        .query_as(
            &token,
            "mutation ($i: DeleteWebhookInput!) { deleteWebhook(input: $i) { deletedId } }",
            json!({ "i": { "id": id } }),
        )
        .await;
    assert_eq!(deleted["deleteWebhook"]["deletedId"], id);
}

async fn a_production_server_refuses_webhooks_to_its_own_machine(backend: Backend) {
    let Some(app) =
        TestApp::spawn_configured(backend, |c| c.webhooks_allow_private_networks = Some(false))
            .await
    else {
        return;
    };
    let coordinator = app.sign_in(COORDINATOR).await;
    let cluster_id = app.cluster_id(RECYCLING).await;
    for url in ["http://127.0.0.1:9/hook", "https://localhost/admin"] {
        let refused = app
            .query_as(
                &coordinator,
                CREATE,
                json!({ "i": { "url": url, "events": ["LABEL_CHANGED"], "clusterId": cluster_id } }),
            )
            .await;
        assert_eq!(
            refused["createWebhook"]["webhook"],
            Value::Null,
            "{refused}"
        );
        assert_eq!(refused["createWebhook"]["userErrors"][0]["field"], "url");
    }
}

async fn a_production_server_never_calls_a_private_address(backend: Backend) {
    // Registered on a development server; sent from a production one on the same database.
    let Some(development) =
        TestApp::spawn_configured(backend, |c| c.deliver_webhooks = false).await
    else {
        return;
    };
    let endpoint = Endpoint::start(0).await;
    let coordinator = development.sign_in(COORDINATOR).await;
    create_webhook(
        &development,
        &coordinator,
        &endpoint.url,
        json!(["CLUSTER_CHANGED"]),
    )
    .await;
    update_acronym(&development, &coordinator, "PRIVATE").await;
    development.stop();
    let production = development
        .spawn_beside(|c| {
            c.webhooks_allow_private_networks = Some(false);
            c.webhook_retry_base_ms = 60_000;
        })
        .await;
    let session = production.sign_in(COORDINATOR).await;
    let mut shown = Value::Null;
    for _ in 0..100 {
        shown = deliveries(&production, &session).await;
        if shown[0]["attempts"]
            .as_array()
            .is_some_and(|a| !a.is_empty())
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let error = shown[0]["attempts"][0]["error"]
        .as_str()
        .unwrap_or_default();
    assert!(error.contains("not a public internet address"), "{shown}");
    assert_eq!(shown[0]["status"], "PENDING");
    assert!(
        endpoint.received().is_empty(),
        "the private endpoint was not called"
    );
}

mod private_address {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        a_production_server_never_calls_a_private_address(Backend::Sqlite).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        a_production_server_never_calls_a_private_address(Backend::Postgres).await;
    }
}

mod own_machine {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        a_production_server_refuses_webhooks_to_its_own_machine(Backend::Sqlite).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        a_production_server_refuses_webhooks_to_its_own_machine(Backend::Postgres).await;
    }
}

on_both_backends! {
    registration => only_https_or_loopback_urls_and_only_the_cluster_s_managers_register;
}
