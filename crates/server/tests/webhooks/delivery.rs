//! What the outbox promises: a failed delivery retried, signed, every try visible; a change
//! committed before a crash delivered once after a restart; nothing for a rolled-back change.

use crate::common::{Backend, COORDINATOR, TestApp};
use crate::endpoint::{Endpoint, Received, signature_is_valid};
use crate::on_both_backends;
use crate::{RECYCLING, create_webhook, deliveries, update_acronym};
use serde_json::{Value, json};
use std::time::Duration;

async fn a_failed_delivery_is_retried_signed_and_every_try_is_visible(backend: Backend) {
    let Some(app) = TestApp::spawn_configured(backend, |c| c.webhook_retry_base_ms = 100).await
    else {
        return;
    };
    let endpoint = Endpoint::start(1).await;
    let coordinator = app.sign_in(COORDINATOR).await;
    let (secret, webhook) = create_webhook(
        &app,
        &coordinator,
        &endpoint.url,
        json!(["CLUSTER_CHANGED"]),
    )
    .await;
    assert!(secret.starts_with("whsec_"));
    assert_eq!(webhook["events"], json!(["CLUSTER_CHANGED"]));
    assert_eq!(webhook["cluster"]["slug"], RECYCLING);

    update_acronym(&app, &coordinator, "HOOK-1").await;
    let received = endpoint.wait_for(2).await;
    let (first, second) = (&received[0], &received[1]);
    let header = |r: &Received, name: &str| {
        r.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    // The same event, with the same id, both times; signed with the webhook's secret.
    assert_eq!(first.body, second.body);
    assert_eq!(
        header(first, "klastry-event-id"),
        header(second, "klastry-event-id")
    );
    assert_eq!(header(first, "klastry-event-kind"), "CLUSTER_CHANGED");
    for r in &received {
        assert!(signature_is_valid(
            &secret,
            &header(r, "klastry-signature"),
            &r.body
        ));
        assert!(!signature_is_valid(
            "whsec_wrong",
            &header(r, "klastry-signature"),
            &r.body
        ));
    }
    let body: Value = serde_json::from_str(&first.body).expect("JSON body");
    assert_eq!(body["kind"], "CLUSTER_CHANGED");
    assert_eq!(body["action"], "UPDATE");
    assert_eq!(
        body["id"].as_str(),
        Some(header(first, "klastry-event-id").as_str())
    );
    assert_eq!(body["clusterId"], json!(app.cluster_id(RECYCLING).await));

    // Both tries are visible, the failed one with its reason.
    let mut shown = Value::Null;
    for _ in 0..100 {
        shown = deliveries(&app, &coordinator).await;
        if shown[0]["status"] == "DELIVERED" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(shown[0]["status"], "DELIVERED", "{shown}");
    assert_eq!(shown[0]["eventId"], body["id"]);
    let attempts = shown[0]["attempts"].as_array().expect("attempts");
    assert_eq!(attempts.len(), 2, "{shown}");
    assert_eq!(attempts[0]["statusCode"], 500);
    assert!(
        attempts[0]["error"]
            .as_str()
            .unwrap_or_default()
            .contains("500")
    );
    assert_eq!(attempts[1]["statusCode"], 204);
    assert_eq!(attempts[1]["error"], Value::Null);
    assert_eq!(endpoint.received().len(), 2);
}

async fn a_change_committed_before_a_crash_is_delivered_once_after_restart(backend: Backend) {
    // The first server writes the change and its outbox row but dies before sending.
    let Some(first) = TestApp::spawn_configured(backend, |c| c.deliver_webhooks = false).await
    else {
        return;
    };
    let endpoint = Endpoint::start(0).await;
    let coordinator = first.sign_in(COORDINATOR).await;
    create_webhook(
        &first,
        &coordinator,
        &endpoint.url,
        json!(["CLUSTER_CHANGED"]),
    )
    .await;
    update_acronym(&first, &coordinator, "CRASH").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(endpoint.received().is_empty(), "nothing was sent yet");
    first.stop();

    // Its successor on the same database sends it, once.
    let second = first.spawn_beside(|_| {}).await;
    let received = endpoint.wait_for(1).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(endpoint.received().len(), 1, "delivered exactly once");
    let body: Value = serde_json::from_str(&received[0].body).expect("JSON body");
    assert_eq!(body["kind"], "CLUSTER_CHANGED");
    let session = second.sign_in(COORDINATOR).await;
    let mut shown = Value::Null;
    for _ in 0..100 {
        shown = deliveries(&second, &session).await;
        if shown[0]["status"] == "DELIVERED" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(shown[0]["status"], "DELIVERED", "{shown}");
}

async fn a_rolled_back_change_writes_no_event_and_owes_no_delivery(app: TestApp) {
    use klastry_domain::platform::change::Change;
    use klastry_domain::platform::journal;
    use sea_orm::{ConnectionTrait, Statement, TransactionTrait};
    let endpoint = Endpoint::start(0).await;
    let coordinator = app.sign_in(COORDINATOR).await;
    create_webhook(
        &app,
        &coordinator,
        &endpoint.url,
        json!(["CLUSTER_CHANGED"]),
    )
    .await;
    let count = |table: &'static str| {
        let db = app.db.clone();
        async move {
            let row = db
                .query_one_raw(Statement::from_string(
                    db.get_database_backend(),
                    format!("SELECT COUNT(*) AS n FROM {table}"),
                ))
                .await
                .expect("count")
                .expect("a row");
            row.try_get::<i64>("", "n").expect("n")
        }
    };
    let (events, owed) = (
        count("registry_event").await,
        count("webhook_delivery").await,
    );
    let txn = app.db.begin().await.expect("begin");
    let snapshot = json!({ "voivodeship_teryt": "24" });
    journal::record(
        &txn,
        None,
        Change::updated("Cluster", 1, &snapshot, &snapshot).scoped(Some(1), None),
    )
    .await
    .expect("recorded inside the transaction");
    txn.rollback().await.expect("rollback");
    assert_eq!(count("registry_event").await, events);
    assert_eq!(count("webhook_delivery").await, owed);
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(endpoint.received().is_empty());
}

mod retries {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        a_failed_delivery_is_retried_signed_and_every_try_is_visible(Backend::Sqlite).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        a_failed_delivery_is_retried_signed_and_every_try_is_visible(Backend::Postgres).await;
    }
}

mod restart {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        a_change_committed_before_a_crash_is_delivered_once_after_restart(Backend::Sqlite).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        a_change_committed_before_a_crash_is_delivered_once_after_restart(Backend::Postgres).await;
    }
}

on_both_backends! {
    rollback => a_rolled_back_change_writes_no_event_and_owes_no_delivery;
}
