//! Webhooks: signed deliveries from the transactional outbox, retried with backoff, every try
//! visible through the API, nothing lost across a restart and nothing sent for a rollback.

mod common;

use axum::http::{HeaderMap, StatusCode};
use common::{Backend, COORDINATOR, MEMBER, TestApp};
use hmac::{Hmac, Mac};
use serde_json::{Value, json};
use sha2::Sha256;
use std::sync::{Arc, Mutex};
use std::time::Duration;

const RECYCLING: &str = "klaster-gospodarki-odpadowej-i-recyklingu";

/// One request the partner's endpoint received.
#[derive(Clone, Debug)]
struct Received {
    headers: HeaderMap,
    body: String,
}

/// A partner's endpoint on a random port that fails its first `failures` requests with 500.
#[derive(Clone)]
struct Endpoint {
    url: String,
    received: Arc<Mutex<Vec<Received>>>,
}

impl Endpoint {
    async fn start(failures: usize) -> Self {
        Self::answering(failures, Duration::ZERO).await
    }

    /// An endpoint that takes `delay` to answer each request.
    async fn slow(delay: Duration) -> Self {
        Self::answering(0, delay).await
    }

    async fn answering(failures: usize, delay: Duration) -> Self {
        let received: Arc<Mutex<Vec<Received>>> = Arc::default();
        let log = received.clone();
        let app = axum::Router::new().route(
            "/hook",
            axum::routing::post(move |headers: HeaderMap, body: String| {
                let log = log.clone();
                async move {
                    let count = {
                        let mut log = log.lock().expect("lock");
                        log.push(Received { headers, body });
                        log.len()
                    };
                    tokio::time::sleep(delay).await;
                    if count <= failures {
                        StatusCode::INTERNAL_SERVER_ERROR
                    } else {
                        StatusCode::NO_CONTENT
                    }
                }
            }),
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let url = format!("http://{}/hook", listener.local_addr().expect("address"));
        tokio::spawn(async move { axum::serve(listener, app).await.expect("endpoint runs") });
        Self { url, received }
    }

    fn received(&self) -> Vec<Received> {
        self.received.lock().expect("lock").clone()
    }

    /// Waits until `n` requests have arrived (at most 10 s).
    async fn wait_for(&self, n: usize) -> Vec<Received> {
        for _ in 0..500 {
            let received = self.received();
            if received.len() >= n {
                return received;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        panic!("expected {n} deliveries, got {}", self.received().len());
    }
}

/// Checks a `Klastry-Signature` header the way a partner would.
fn signature_is_valid(secret: &str, header: &str, body: &str) -> bool {
    let mut parts = header.split(',');
    let timestamp = parts
        .next()
        .and_then(|p| p.strip_prefix("t="))
        .unwrap_or("");
    let given = parts
        .next()
        .and_then(|p| p.strip_prefix("v1="))
        .unwrap_or("");
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("key");
    mac.update(format!("{timestamp}.{body}").as_bytes());
    let expected: String = mac
        .finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    !timestamp.is_empty() && expected == given
}

const CREATE: &str = "mutation ($i: CreateWebhookInput!) { createWebhook(input: $i) { secret webhook { id url events cluster { slug } } userErrors { field message } } }";

const DELIVERIES: &str = "query ($c: ID) { webhooks(clusterId: $c) { id deliveries(first: 10) { nodes { eventId status attempts { number statusCode error durationMs } } } } }";

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
        .await["webhooks"][0]["deliveries"]["nodes"]
        .clone()
}

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
    use klastry_domain::services::audit::{self, Change};
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
    audit::record(
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
            "query ($c: ID) { webhooks(clusterId: $c) { id } }",
            json!({ "c": cluster_id }),
        )
        .await;
    assert_eq!(listed["webhooks"], json!([]));

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

on_both_backends! {
    errors_alike => failures_without_an_answer_read_alike;
    rollback => a_rolled_back_change_writes_no_event_and_owes_no_delivery;
    registration => only_https_or_loopback_urls_and_only_the_cluster_s_managers_register;
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
            .await["webhooks"]
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
