//! Endpoints that fail, hang up or are slow: a slow one delays only its own deliveries, and a
//! closed port and one that hangs up read alike in the trail.

use crate::common::{self, Backend, TestApp};
use crate::endpoint::Endpoint;
use crate::on_both_backends;
use crate::{CREATE, DELIVERIES, RECYCLING, create_webhook, update_acronym};
use serde_json::json;
use std::time::Duration;

async fn a_slow_endpoint_delays_only_its_own_deliveries(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let slow = Endpoint::slow(Duration::from_secs(4)).await;
    let fast = Endpoint::start(0).await;
    let operator = app.sign_in(common::OPERATOR).await;
    create_webhook(&app, &operator, &slow.url, json!(["CLUSTER_CHANGED"])).await;
    let other = app.cluster_id(OTHER_CLUSTER).await;
    app.query_as(
        &operator,
        CREATE,
        json!({ "i": { "url": fast.url, "events": ["CLUSTER_CHANGED"], "clusterId": other } }),
    )
    .await;
    for n in 0..6 {
        update_acronym(&app, &operator, &format!("SLOW-{n}")).await;
    }
    slow.wait_for(1).await;
    // The slow endpoint's sends are under way; another partner's delivery does not wait for
    // them.
    let started = std::time::Instant::now();
    update_other_acronym(&app, &operator, "FAST").await;
    fast.wait_for(1).await;
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "the other partner waited {:?} behind a slow endpoint",
        started.elapsed()
    );
    // Per-endpoint concurrency: the slow one is sent at most two at a time.
    assert!(slow.received().len() <= 2, "{}", slow.received().len());
}

const OTHER_CLUSTER: &str = "pomorski-klaster-ict-interizon";

async fn update_other_acronym(app: &TestApp, session: &str, acronym: &str) {
    let cluster = app
        .query(
            "query ($s: String!) { cluster(slug: $s) { id version } }",
            json!({ "s": OTHER_CLUSTER }),
        )
        .await["cluster"]
        .clone();
    app.query_as(
        session,
        "mutation ($i: UpdateClusterInput!) { updateCluster(input: $i) { cluster { acronym } } }",
        json!({ "i": { "id": cluster["id"], "version": cluster["version"], "acronym": acronym } }),
    )
    .await;
}

/// A port that accepts a connection and closes it at once, without an HTTP answer.
async fn hanging_up_port() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let address = listener.local_addr().expect("address");
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            drop(stream);
        }
    });
    format!("http://{address}/hook")
}

async fn failures_without_an_answer_read_alike(app: TestApp) {
    // A closed port and a port that hangs up look the same in the trail: no port map.
    let closed = {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let url = format!("http://{}/hook", listener.local_addr().expect("address"));
        drop(listener);
        url
    };
    let hanging_up = hanging_up_port().await;
    let answering = Endpoint::start(usize::MAX).await;
    let operator = app.sign_in(common::OPERATOR).await;
    for url in [&closed, &hanging_up, &answering.url] {
        create_webhook(&app, &operator, url, json!(["CLUSTER_CHANGED"])).await;
    }
    update_acronym(&app, &operator, "TRAIL").await;
    let cluster_id = app.cluster_id(RECYCLING).await;
    let mut errors = Vec::new();
    for _ in 0..200 {
        let hooks = app
            .query_as(&operator, DELIVERIES, json!({ "c": cluster_id }))
            .await["webhooks"]["nodes"]
            .clone();
        errors = hooks
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|h| h["deliveries"]["nodes"][0]["attempts"][0]["error"].as_str())
            .map(str::to_owned)
            .collect();
        if errors.len() == 3 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(errors.len(), 3, "{errors:?}");
    let unanswered: Vec<&String> = errors.iter().filter(|e| !e.contains("HTTP")).collect();
    assert_eq!(unanswered.len(), 2, "{errors:?}");
    assert_eq!(unanswered[0], unanswered[1], "{errors:?}");
    assert!(errors.iter().any(|e| e.contains("HTTP 500")), "{errors:?}");
}

mod fairness {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        a_slow_endpoint_delays_only_its_own_deliveries(Backend::Sqlite).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        a_slow_endpoint_delays_only_its_own_deliveries(Backend::Postgres).await;
    }
}

on_both_backends! {
    errors_alike => failures_without_an_answer_read_alike;
}
