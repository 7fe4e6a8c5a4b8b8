//! Apollo's automatic persisted queries and cached GET reads: a document sent by its SHA-256
//! runs once the server holds its text, over POST, GET and the WebSocket alike, and is held to
//! every bound a text is; an anonymous GET read carries an ETag and a short public
//! Cache-Control, and a repeat the client already holds is answered 304.

mod common;

use common::socket;
use common::{Backend, OPERATOR, TestApp};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

fn sha256(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn extension(text: &str) -> Value {
    json!({ "persistedQuery": { "version": 1, "sha256Hash": sha256(text) } })
}

/// How a test sends a request.
#[derive(Debug, Clone, Copy)]
enum Via {
    Post,
    Get,
    Socket,
}

/// Sends `text` by hash (and with the text itself when `with_text`) and returns the answer,
/// with `httpStatus` for HTTP.
async fn send(app: &TestApp, via: Via, text: &str, with_text: bool) -> Value {
    let mut payload = json!({ "extensions": extension(text), "variables": {} });
    if with_text {
        payload["query"] = json!(text);
    }
    let url = format!("{}/graphql", app.url);
    let response = match via {
        Via::Socket => {
            let mut socket = socket::connect(app, None).await.expect("connected");
            return socket::run_payload(&mut socket, "1", payload).await;
        }
        Via::Post => app.client.post(url).json(&payload).send().await,
        Via::Get => {
            let mut query = vec![("extensions", payload["extensions"].to_string())];
            if with_text {
                query.push(("query", text.to_owned()));
            }
            app.client.get(url).query(&query).send().await
        }
    }
    .expect("request sent");
    let status = response.status().as_u16();
    let mut body: Value = response.json().await.expect("a JSON body");
    body["httpStatus"] = json!(status);
    body
}

fn code(answer: &Value) -> &str {
    answer["errors"][0]["extensions"]["code"]
        .as_str()
        .unwrap_or_default()
}

async fn a_document_sent_by_its_hash_runs_once_the_server_holds_it_over_every_transport(
    app: TestApp,
) {
    for via in [Via::Post, Via::Get, Via::Socket] {
        // A document of each transport's own, so each starts unknown to the server.
        let alias = format!("via{via:?}").to_ascii_lowercase();
        let text = format!("{{ {alias}: clusters(first: 2) {{ totalCount nodes {{ slug }} }} }}");
        let missing = send(&app, via, &text, false).await;
        assert_eq!(
            code(&missing),
            "PERSISTED_QUERY_NOT_FOUND",
            "{via:?}: {missing}"
        );
        assert_eq!(
            missing["errors"][0]["message"], "PersistedQueryNotFound",
            "Apollo's clients look for this message"
        );
        if !matches!(via, Via::Socket) {
            assert_eq!(
                missing["httpStatus"], 200,
                "{via:?}: a 400 makes some clients give up"
            );
        }
        let with_text = send(&app, via, &text, true).await;
        assert!(with_text.get("errors").is_none(), "{via:?}: {with_text}");
        let by_hash = send(&app, via, &text, false).await;
        assert_eq!(by_hash["data"], with_text["data"], "{via:?}");
        assert!(by_hash["data"].as_object().is_some_and(|d| !d.is_empty()));
    }
}

async fn a_document_sent_by_hash_is_held_to_every_bound_a_text_is(app: TestApp) {
    // A mutation's text, kept after a POST, is still a mutation when a GET names its hash.
    let mutation = "mutation { signOutEverywhere { ok } }";
    let posted = send(&app, Via::Post, mutation, true).await;
    assert_eq!(code(&posted), "UNAUTHENTICATED", "{posted}");
    let over_get = send(&app, Via::Get, mutation, false).await;
    assert_eq!(code(&over_get), "METHOD_NOT_ALLOWED", "{over_get}");
    assert_eq!(over_get["httpStatus"], 405);

    // A text refused by the guard is not kept: its hash stays unknown, on every transport.
    let deep = format!(
        "{{ a: __typename {}{} }}",
        "b { ".repeat(40),
        "}".repeat(40)
    );
    for via in [Via::Post, Via::Socket] {
        let refused = send(&app, via, &deep, true).await;
        assert_eq!(code(&refused), "QUERY_TOO_DEEP", "{via:?}: {refused}");
        let by_hash = send(&app, via, &deep, false).await;
        assert_eq!(
            code(&by_hash),
            "PERSISTED_QUERY_NOT_FOUND",
            "{via:?}: {by_hash}"
        );
    }

    // A hash that is not the text's changes nothing and says why, on every transport.
    let text = "{ clusters(first: 1) { totalCount } }";
    let wrong = extension("{ something else }");
    let url = format!("{}/graphql", app.url);
    let mut socket = socket::connect(&app, None).await.expect("connected");
    let over_socket = socket::run_payload(
        &mut socket,
        "1",
        json!({ "query": text, "extensions": wrong }),
    )
    .await;
    assert_eq!(
        code(&over_socket),
        "PERSISTED_QUERY_INVALID",
        "{over_socket}"
    );
    let over_post = app
        .client
        .post(&url)
        .json(&json!({ "query": text, "extensions": wrong }))
        .send()
        .await
        .expect("request sent");
    assert_eq!(over_post.status().as_u16(), 400);
    let over_post: Value = over_post.json().await.expect("JSON");
    assert_eq!(code(&over_post), "PERSISTED_QUERY_INVALID", "{over_post}");
    let over_get = app
        .client
        .get(&url)
        .query(&[
            ("query", text.to_owned()),
            ("extensions", wrong.to_string()),
        ])
        .send()
        .await
        .expect("request sent");
    assert_eq!(over_get.status().as_u16(), 400);
    // A malformed extension says what is wrong with it.
    let malformed: Value = app
        .client
        .post(&url)
        .json(&json!({ "extensions": { "persistedQuery": { "version": 1, "sha256Hash": "not hex" } } }))
        .send()
        .await
        .expect("request sent")
        .json()
        .await
        .expect("JSON");
    assert_eq!(code(&malformed), "PERSISTED_QUERY_INVALID");
    assert!(
        malformed["errors"][0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("sha256Hash")),
        "{malformed}"
    );
}

/// A GET of `query` with `headers`: status, headers and body text.
async fn get(
    app: &TestApp,
    query: &str,
    headers: &[(&str, &str)],
) -> (u16, reqwest::header::HeaderMap, String) {
    let mut request = app
        .client
        .get(format!("{}/graphql", app.url))
        .query(&[("query", query)]);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = request.send().await.expect("request sent");
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    (status, headers, response.text().await.unwrap_or_default())
}

fn header<'a>(headers: &'a reqwest::header::HeaderMap, name: &str) -> &'a str {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
}

async fn an_anonymous_get_read_is_cacheable_and_revalidated_by_its_etag(app: TestApp) {
    let query = "{ statistics { clusterCount organisationCount } }";
    let (status, headers, body) = get(&app, query, &[]).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(header(&headers, "cache-control"), "public, max-age=10");
    assert!(header(&headers, "vary").contains("Authorization"));
    let etag = header(&headers, "etag").to_owned();
    assert!(etag.starts_with('"') && etag.len() > 10, "{etag}");

    // The client holds it: 304 without a body.
    let (status, headers, body) = get(&app, query, &[("If-None-Match", &etag)]).await;
    assert_eq!(status, 304);
    assert_eq!(body, "");
    assert_eq!(header(&headers, "etag"), etag);

    // After a change, the same read is a new answer with a new ETag.
    let operator = app.sign_in(OPERATOR).await;
    let created = app
        .query_as(
            &operator,
            r#"mutation { createOrganisation(input: { name: "Firma Nowa w Rejestrze" }) { userErrors { field } } }"#,
            json!({}),
        )
        .await;
    assert_eq!(created["createOrganisation"]["userErrors"], json!([]));
    let (status, headers, _) = get(&app, query, &[("If-None-Match", &etag)]).await;
    assert_eq!(status, 200);
    assert_ne!(header(&headers, "etag"), etag);

    // A signed-in caller's read is never shared; a POST carries no caching headers; an
    // answer with errors is never shared either.
    let bearer = format!("Bearer {operator}");
    let (_, headers, _) = get(&app, query, &[("Authorization", &bearer)]).await;
    assert_eq!(header(&headers, "cache-control"), "private, no-cache");
    assert_eq!(header(&headers, "etag"), "");
    let (_, headers, _) = get(&app, "{ cluster(slug: \"no-such-cluster\") { nope } }", &[]).await;
    assert_eq!(header(&headers, "cache-control"), "private, no-cache");
    let posted = app
        .client
        .post(format!("{}/graphql", app.url))
        .json(&json!({ "query": query }))
        .send()
        .await
        .expect("request sent");
    assert!(posted.headers().get("cache-control").is_none());
}

on_both_backends! {
    persisted_over_every_transport => a_document_sent_by_its_hash_runs_once_the_server_holds_it_over_every_transport;
    persisted_held_to_bounds => a_document_sent_by_hash_is_held_to_every_bound_a_text_is;
    get_cached_by_etag => an_anonymous_get_read_is_cacheable_and_revalidated_by_its_etag;
}
