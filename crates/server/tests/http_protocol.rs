//! The endpoint follows GraphQL over HTTP: POST and GET, both response media types, and the
//! status codes the specification gives; plus GraphiQL and the health check.

mod common;

use common::{Backend, TestApp};
use serde_json::{Value, json};

const GQL_RESPONSE: &str = "application/graphql-response+json";

async fn send(app: &TestApp, request: reqwest::RequestBuilder) -> (u16, String, Value) {
    let _ = app;
    let response = request.send().await.expect("request sent");
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let text = response.text().await.unwrap_or_default();
    (
        status,
        content_type,
        serde_json::from_str(&text).unwrap_or(Value::Null),
    )
}

async fn post_and_get_both_answer_queries(app: TestApp) {
    let url = format!("{}/graphql", app.url);
    let (status, content_type, body) = send(
        &app,
        app.client
            .post(&url)
            .json(&json!({ "query": "{ statistics { clusterCount } }" })),
    )
    .await;
    assert_eq!(status, 200);
    assert!(
        content_type.starts_with("application/json"),
        "{content_type}"
    );
    assert!(
        body["data"]["statistics"]["clusterCount"]
            .as_u64()
            .unwrap_or(0)
            >= 60
    );

    let (status, content_type, body) = send(
        &app,
        app.client.get(&url).header("accept", GQL_RESPONSE).query(&[
            (
                "query",
                "query Q($s: String!) { cluster(slug: $s) { name } }",
            ),
            ("variables", r#"{"s":"klaster-obrobki-metali"}"#),
            ("operationName", "Q"),
        ]),
    )
    .await;
    assert_eq!(status, 200);
    assert!(content_type.starts_with(GQL_RESPONSE), "{content_type}");
    assert_eq!(body["data"]["cluster"]["name"], "Klaster Obróbki Metali");
}

async fn request_errors_get_400_with_graphql_response_json(app: TestApp) {
    let url = format!("{}/graphql", app.url);
    for (query, code) in [
        ("{ clusters { ", "GRAPHQL_PARSE_FAILED"),
        ("{ noSuchField }", "GRAPHQL_VALIDATION_FAILED"),
        (
            r#"{ statistics(asOf: "2025-02-30") { clusterCount } }"#,
            "GRAPHQL_VALIDATION_FAILED",
        ),
        (
            r#"{ cluster(slug: "x") { kkkStatus(on: "yesterday") } }"#,
            "GRAPHQL_VALIDATION_FAILED",
        ),
    ] {
        let (status, content_type, body) = send(
            &app,
            app.client
                .post(&url)
                .header("accept", GQL_RESPONSE)
                .json(&json!({ "query": query })),
        )
        .await;
        assert_eq!(status, 400, "{query}: {body}");
        assert!(content_type.starts_with(GQL_RESPONSE));
        assert_eq!(body["errors"][0]["extensions"]["code"], code, "{body}");
        assert!(
            body.get("data").is_none(),
            "a request error has no data entry: {body}"
        );

        // The legacy media type answers well-formed requests with 200.
        let (status, _, body) = send(
            &app,
            app.client
                .post(&url)
                .header("accept", "application/json")
                .json(&json!({ "query": query })),
        )
        .await;
        assert_eq!(status, 200, "{query}");
        assert_eq!(body["errors"][0]["extensions"]["code"], code);
    }
    // Variables that do not fit their type are a request error too.
    let (status, _, _) = send(
        &app,
        app.client
            .post(&url)
            .header("accept", GQL_RESPONSE)
            .json(&json!({
                "query": "query ($n: Int!) { kkkRound(number: $n) { name } }",
                "variables": { "n": "six" }
            })),
    )
    .await;
    assert_eq!(status, 400);
    // A field error during execution is not a request error.
    let (status, _, body) = send(
        &app,
        app.client
            .post(&url)
            .header("accept", GQL_RESPONSE)
            .json(&json!({
                "query": "{ clusters(first: 101) { totalCount } statistics { clusterCount } }"
            })),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert!(body["data"]["statistics"]["clusterCount"].is_number());
}

async fn malformed_http_requests_get_4xx(app: TestApp) {
    let url = format!("{}/graphql", app.url);
    let cases: Vec<(reqwest::RequestBuilder, u16)> = vec![
        (
            app.client
                .post(&url)
                .header("content-type", "application/json")
                .body("{not json"),
            400,
        ),
        (
            app.client
                .post(&url)
                .header("content-type", "application/json")
                .body("[]"),
            400,
        ),
        (app.client.post(&url).json(&json!({ "query": 42 })), 400),
        (app.client.post(&url).json(&json!({ "variables": {} })), 400),
        (
            app.client
                .post(&url)
                .json(&json!({ "query": "{ statistics { clusterCount } }", "variables": [1] })),
            400,
        ),
        (
            app.client
                .post(&url)
                .header("content-type", "text/plain")
                .body("{ statistics { clusterCount } }"),
            415,
        ),
        (
            app.client
                .post(&url)
                .header("accept", "text/csv")
                .json(&json!({ "query": "{ __typename }" })),
            406,
        ),
        (
            app.client
                .get(&url)
                .header("accept", "application/json")
                .query(&[("query", "mutation { x }")]),
            405,
        ),
        (
            app.client
                .get(&url)
                .header("accept", "application/json")
                .query(&[("query", "{ __typename }"), ("variables", "{oops")]),
            400,
        ),
        (
            app.client
                .put(&url)
                .json(&json!({ "query": "{ __typename }" })),
            405,
        ),
        (
            app.client
                .post(&url)
                .header("content-type", "application/json")
                .body(vec![b' '; 2 << 20]),
            413,
        ),
    ];
    for (request, expected) in cases {
        let response = request.send().await.expect("sent");
        let status = response.status().as_u16();
        let body = response.text().await.unwrap_or_default();
        assert_eq!(status, expected, "{body}");
    }
}

async fn graphiql_and_health_are_served(app: TestApp) {
    let page = app
        .client
        .get(format!("{}/graphql", app.url))
        .header("accept", "text/html")
        .send()
        .await
        .expect("sent");
    assert_eq!(page.status().as_u16(), 200);
    let html = page.text().await.unwrap_or_default();
    assert!(html.contains("GraphiQL") && html.contains("/graphiql/graphiql.min.js"));
    assert!(
        !html.contains("unpkg.com"),
        "GraphiQL must load without internet"
    );
    let script = app
        .client
        .get(format!("{}/graphiql/graphiql.min.js", app.url))
        .send()
        .await
        .expect("sent");
    assert_eq!(script.status().as_u16(), 200);
    // Subscriptions run over the WebSocket, with graphql-ws served from the binary too.
    assert!(html.contains("/graphiql/graphql-ws.min.js"));
    let ws_client = app
        .client
        .get(format!("{}/graphiql/graphql-ws.min.js", app.url))
        .send()
        .await
        .expect("sent");
    assert_eq!(ws_client.status().as_u16(), 200);
    let setup = app
        .client
        .get(format!("{}/graphiql/klastry.js", app.url))
        .send()
        .await
        .expect("sent")
        .text()
        .await
        .unwrap_or_default();
    assert!(
        setup.contains("/graphql/ws") && setup.contains("wsClient"),
        "{setup}"
    );

    let health = app
        .client
        .get(format!("{}/healthz", app.url))
        .send()
        .await
        .expect("sent");
    assert_eq!(health.status().as_u16(), 200);
    let body: Value = health.json().await.expect("json");
    assert_eq!(body["database"], "ok");
}

async fn metrics_count_requests_statements_and_connections(backend: Backend) {
    // Off the public listener unless configured: it tells operation names and load.
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let response = app
        .client
        .get(format!("{}/metrics", app.url))
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status().as_u16(), 404);
    let Some(app) = TestApp::spawn_configured(backend, |config| config.metrics_public = true).await
    else {
        return;
    };
    let response = app
        .client
        .post(format!("{}/graphql", app.url))
        .header("x-request-id", "test-123")
        .json(&json!({ "query": "query Stats { statistics { clusterCount } }", "operationName": "Stats" }))
        .send()
        .await
        .expect("sent");
    assert_eq!(
        response
            .headers()
            .get("x-request-id")
            .and_then(|v| v.to_str().ok()),
        Some("test-123")
    );
    let _ = app.post("{ nope }", json!({})).await;
    let text = app
        .client
        .get(format!("{}/metrics", app.url))
        .send()
        .await
        .expect("sent")
        .text()
        .await
        .unwrap_or_default();
    assert!(
        text.contains("klastry_graphql_requests_total{operation=\"Stats\"} 1"),
        "{text}"
    );
    assert!(
        text.contains("klastry_graphql_errors_total{operation=\"anonymous\"} 1"),
        "{text}"
    );
    assert!(
        text.contains("klastry_graphql_request_duration_seconds_count 2"),
        "{text}"
    );
    assert!(text.contains("klastry_sql_statements_total "), "{text}");
    assert!(
        text.contains("klastry_db_connections{state=\"in_use\"}"),
        "{text}"
    );
}

/// The web app's fingerprinted files are cached for a year without revalidation; the page
/// itself (and any route the app handles) is revalidated every time.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fingerprinted_assets_are_cached_for_good_and_the_page_is_revalidated() {
    let web = std::env::temp_dir().join(format!("klastry-web-{}", std::process::id()));
    std::fs::create_dir_all(&web).expect("a web folder");
    std::fs::write(web.join("index.html"), "<!DOCTYPE html><title>k</title>").expect("written");
    std::fs::write(web.join("app-0123456789ab.js"), "console.log(1)").expect("written");
    let Some(app) = TestApp::spawn_configured(Backend::Sqlite, |config| {
        config.web_dir = web.clone();
    })
    .await
    else {
        return;
    };
    let cache_of = |path: &'static str| {
        let app = &app;
        async move {
            let response = app
                .client
                .get(format!("{}{path}", app.url))
                .send()
                .await
                .expect("sent");
            assert_eq!(response.status().as_u16(), 200, "{path}");
            response
                .headers()
                .get("cache-control")
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_owned()
        }
    };
    assert_eq!(
        cache_of("/app-0123456789ab.js").await,
        "public, max-age=31536000, immutable"
    );
    assert_eq!(cache_of("/").await, "no-cache");
    assert_eq!(
        cache_of("/clusters/klaster-gospodarki-odpadowej-i-recyklingu").await,
        "no-cache"
    );
    assert_eq!(cache_of("/kkk").await, "no-cache");
    let _ = std::fs::remove_dir_all(&web);
}

/// Each asset is sent as the build compressed it, brotli or gzip, as the client accepts:
/// brotli when it takes both, the file itself when it takes neither.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn assets_are_sent_brotli_or_gzip_compressed_as_the_client_accepts() {
    let web = std::env::temp_dir().join(format!("klastry-encodings-{}", std::process::id()));
    std::fs::create_dir_all(&web).expect("a web folder");
    for (name, body) in [
        ("index.html", "page"),
        ("index.html.br", "page in brotli"),
        ("index.html.gz", "page in gzip"),
        ("app-0123456789ab.wasm", "module"),
        ("app-0123456789ab.wasm.br", "module in brotli"),
        ("app-0123456789ab.wasm.gz", "module in gzip"),
    ] {
        std::fs::write(web.join(name), body).expect("written");
    }
    let Some(app) = TestApp::spawn_configured(Backend::Sqlite, |config| {
        config.web_dir = web.clone();
    })
    .await
    else {
        return;
    };
    for path in ["/app-0123456789ab.wasm", "/directory"] {
        let what = if path == "/directory" {
            "page"
        } else {
            "module"
        };
        for (accepts, encoding, body) in [
            ("br", "br", format!("{what} in brotli")),
            ("gzip, deflate, br, zstd", "br", format!("{what} in brotli")),
            ("gzip", "gzip", format!("{what} in gzip")),
            ("identity", "", what.to_owned()),
        ] {
            let response = app
                .client
                .get(format!("{}{path}", app.url))
                .header("accept-encoding", accepts)
                .send()
                .await
                .expect("sent");
            assert_eq!(response.status().as_u16(), 200, "{path}");
            let sent = response
                .headers()
                .get("content-encoding")
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_owned();
            assert_eq!(sent, encoding, "{path} for {accepts}");
            assert_eq!(response.text().await.unwrap_or_default(), body);
        }
    }
    let _ = std::fs::remove_dir_all(&web);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metrics_sqlite() {
    metrics_count_requests_statements_and_connections(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metrics_postgres() {
    metrics_count_requests_statements_and_connections(Backend::Postgres).await;
}

on_both_backends! {
    post_and_get => post_and_get_both_answer_queries;
    request_errors => request_errors_get_400_with_graphql_response_json;
    malformed_http => malformed_http_requests_get_4xx;
    graphiql_and_health => graphiql_and_health_are_served;
}
