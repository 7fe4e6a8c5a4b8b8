//! Safe defaults: a server reachable beyond this machine makes no demo accounts and calls no
//! private address; connections are bounded in number and in how long their headers may take;
//! every answer carries the security headers; filters are refused rather than silently cut.

mod common;

use common::{Backend, COORDINATOR, OPERATOR, TestApp, code_of};
use serde_json::json;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

async fn a_server_listening_beyond_loopback_makes_no_demo_accounts(backend: Backend) {
    // Bound, as the Docker image is, to every address (the test still talks to it on loopback).
    let Some(app) = TestApp::spawn_configured(backend, |config| {
        config.bind = "0.0.0.0:8080".parse().expect("an address");
        config.webhooks_allow_private_networks = None;
    })
    .await
    else {
        return;
    };
    for (email, password) in [OPERATOR, COORDINATOR] {
        let code = app
            .error_code(
                "mutation ($i: SignInInput!) { signIn(input: $i) { session { accessToken } } }",
                json!({ "i": { "email": email, "password": password } }),
            )
            .await;
        assert_eq!(code, "UNAUTHENTICATED", "{email} exists");
    }
    // The demo registry itself is there.
    let data = app
        .query("{ statistics { clusterCount } }", json!({}))
        .await;
    assert!(data["statistics"]["clusterCount"].as_i64() > Some(0));
}

async fn a_half_sent_request_is_dropped_and_frees_its_place(backend: Backend) {
    let Some(app) = TestApp::spawn_configured(backend, |config| {
        config.header_read_timeout_secs = 1;
        config.max_connections = 2;
    })
    .await
    else {
        return;
    };
    let address = app.url.trim_start_matches("http://").to_owned();
    // Two clients take both places and send half a request each.
    let mut slow = Vec::new();
    for _ in 0..2 {
        let mut stream = tokio::net::TcpStream::connect(&address)
            .await
            .expect("connected");
        stream
            .write_all(b"POST /graphql HTTP/1.1\r\nHost: x\r\nContent-")
            .await
            .expect("half a request");
        slow.push(stream);
    }
    // A third client waits for a place; it is served once the slow ones are dropped.
    let answered = tokio::time::timeout(
        Duration::from_secs(20),
        app.client.get(format!("{}/healthz", app.url)).send(),
    )
    .await
    .expect("served within 20 s")
    .expect("answered");
    assert_eq!(answered.status().as_u16(), 200);
    for mut stream in slow {
        let mut buffer = Vec::new();
        let read = tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut buffer))
            .await
            .expect("the server closed the half-sent connection");
        assert!(read.is_ok());
        let text = String::from_utf8_lossy(&buffer);
        assert!(
            text.is_empty() || text.starts_with("HTTP/1.1 408"),
            "closed without serving it: {text}"
        );
    }
}

async fn every_answer_carries_the_security_headers(app: TestApp) {
    let answers = [
        app.client.get(format!("{}/healthz", app.url)).send().await,
        app.client
            .post(format!("{}/graphql", app.url))
            .json(&json!({ "query": "{ __typename }" }))
            .send()
            .await,
        app.client
            .get(format!("{}/no-such-page", app.url))
            .send()
            .await,
        app.client
            .get(format!("{}/graphql", app.url))
            .header("accept", "text/html")
            .send()
            .await,
    ];
    for answer in answers {
        let answer = answer.expect("answered");
        let headers = answer.headers();
        let header = |name: &str| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_owned()
        };
        let url = answer.url().to_string();
        assert!(
            header("content-security-policy").contains("frame-ancestors 'none'"),
            "{url}"
        );
        assert!(
            !header("content-security-policy").contains("script-src 'self' 'unsafe-inline'"),
            "{url}"
        );
        assert_eq!(header("x-content-type-options"), "nosniff", "{url}");
        assert_eq!(header("x-frame-options"), "DENY", "{url}");
        assert_eq!(header("referrer-policy"), "no-referrer", "{url}");
    }
}

async fn filters_are_refused_rather_than_cut(app: TestApp) {
    let long = "a".repeat(201);
    for (query, variables) in [
        (
            "query ($t: String) { cooperationOffers(filter: { text: $t }) { nodes { id } } }",
            json!({ "t": long }),
        ),
        (
            "query ($t: String) { clusters(filter: { text: $t }) { totalCount } }",
            json!({ "t": "klaster\u{7}" }),
        ),
        (
            "query ($s: String) { cluster(slug: $s) { name } }",
            json!({ "s": "recykling\r\nX-Header: 1" }),
        ),
    ] {
        let (status, body) = app.post(query, variables).await;
        assert!(status < 500, "{body}");
        assert_eq!(code_of(&body), "BAD_USER_INPUT", "{query}: {body}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_demo_accounts_beyond_loopback_sqlite() {
    a_server_listening_beyond_loopback_makes_no_demo_accounts(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_demo_accounts_beyond_loopback_postgres() {
    a_server_listening_beyond_loopback_makes_no_demo_accounts(Backend::Postgres).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn half_sent_requests_sqlite() {
    a_half_sent_request_is_dropped_and_frees_its_place(Backend::Sqlite).await;
}

on_both_backends! {
    security_headers => every_answer_carries_the_security_headers;
    filters => filters_are_refused_rather_than_cut;
}
