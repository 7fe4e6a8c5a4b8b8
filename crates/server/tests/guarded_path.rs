//! One guarded path for every request: what HTTP refuses, the WebSocket refuses too, with the
//! same codes (scopes, rate, aliases, tokens, variables, directives, errors, size, time, deep
//! nesting), and an open socket is closed once its caller no longer holds.

mod common;

use common::socket::{self, connect, receive_within, subscribe};
use common::{Backend, COORDINATOR, MEMBER, OPERATOR, Over, TestApp, code_of};
use serde_json::{Value, json};
use std::time::Duration;

const RECYCLING: &str = "klaster-gospodarki-odpadowej-i-recyklingu";

async fn token_with(app: &TestApp, scopes: Value) -> String {
    let cluster = app.cluster_id(RECYCLING).await;
    let created = app
        .create_token(
            COORDINATOR,
            json!({ "name": "partner", "clusterId": cluster, "scopes": scopes }),
        )
        .await;
    created["token"]
        .as_str()
        .unwrap_or_else(|| panic!("a token: {created}"))
        .to_owned()
}

async fn a_token_s_scopes_hold_over_both_transports(app: TestApp) {
    let token = token_with(&app, json!(["READ_CLUSTER_PRIVATE"])).await;
    let cluster = app
        .query(
            "query ($s: String!) { cluster(slug: $s) { id version } }",
            json!({ "s": RECYCLING }),
        )
        .await["cluster"]
        .clone();
    let member = app.sign_in(MEMBER).await;
    let member_id = app
        .query_as(&member, "{ me { user { id } } }", json!({}))
        .await["me"]["user"]["id"]
        .clone();
    let writes = [
        (
            "mutation ($i: UpdateClusterInput!) { updateCluster(input: $i) { cluster { acronym } } }",
            json!({ "i": { "id": cluster["id"], "version": cluster["version"], "acronym": "X" } }),
        ),
        (
            "mutation ($i: CreateApiTokenInput!) { createApiToken(input: $i) { token } }",
            json!({ "i": { "name": "escalate", "clusterId": cluster["id"], "scopes": ["WRITE_CLUSTER_MEMBERS"] } }),
        ),
        (
            "mutation ($i: GrantRoleInput!) { grantRole(input: $i) { role { id } } }",
            json!({ "i": { "userId": member_id, "role": "COORDINATOR", "clusterId": cluster["id"] } }),
        ),
        // A fragment at the top of a mutation hides nothing.
        (
            "mutation ($i: UpdateClusterInput!) { ...w } fragment w on MutationRoot { updateCluster(input: $i) { cluster { acronym } } }",
            json!({ "i": { "id": cluster["id"], "version": cluster["version"], "acronym": "X" } }),
        ),
    ];
    for over in Over::BOTH {
        for (query, variables) in &writes {
            let answer = app.ask(over, Some(&token), query, variables.clone()).await;
            assert_eq!(code_of(&answer), "FORBIDDEN", "{over:?} {query}: {answer}");
        }
        let read = app
            .ask(
                over,
                Some(&token),
                "query ($s: String!) { cluster(slug: $s) { membershipApplications { id } } }",
                json!({ "s": RECYCLING }),
            )
            .await;
        assert!(
            read["data"]["cluster"]["membershipApplications"].is_array(),
            "{over:?}: {read}"
        );
    }
    let after = app
        .query(
            "query ($s: String!) { cluster(slug: $s) { version acronym } }",
            json!({ "s": RECYCLING }),
        )
        .await;
    assert_eq!(
        after["cluster"]["version"], cluster["version"],
        "nothing written"
    );
}

async fn a_token_s_rate_is_one_count_over_both_transports(backend: Backend) {
    let Some(app) =
        TestApp::spawn_configured(backend, |config| config.token_requests_per_minute = 4).await
    else {
        return;
    };
    let token = token_with(&app, json!([])).await;
    let query = "{ statistics { clusterCount } }";
    let mut socket = connect(&app, Some(&token)).await.expect("connected");
    for id in ["1", "2"] {
        let answer = socket::run(&mut socket, id, query, json!({})).await;
        assert!(answer["errors"].is_null(), "{answer}");
    }
    for _ in 0..2 {
        let answer = app.ask(Over::Http, Some(&token), query, json!({})).await;
        assert!(answer["errors"].is_null(), "{answer}");
    }
    let answer = socket::run(&mut socket, "3", query, json!({})).await;
    assert_eq!(code_of(&answer), "RATE_LIMITED", "{answer}");
    let wait = answer["errors"][0]["extensions"]["retryAfter"]
        .as_u64()
        .expect("retryAfter in seconds");
    assert!((1..=60).contains(&wait), "{wait}");
    let answer = app.ask(Over::Http, Some(&token), query, json!({})).await;
    assert_eq!(answer["httpStatus"], 429, "{answer}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn token_rate_sqlite() {
    a_token_s_rate_is_one_count_over_both_transports(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn token_rate_postgres() {
    a_token_s_rate_is_one_count_over_both_transports(Backend::Postgres).await;
}

/// `n` aliased fields.
fn aliased(n: usize) -> String {
    (0..n)
        .map(|i| format!("a{i}: statistics {{ clusterCount }}"))
        .collect::<Vec<_>>()
        .join(" ")
}

async fn document_limits_hold_over_both_transports(app: TestApp) {
    let declared: String = (0..101).map(|i| format!("$v{i}: Int ")).collect();
    let unused: String = (0..60).map(|i| format!("$u{i}: Int ")).collect();
    let tokens = format!("{{ {} }}", "__typename ".repeat(10_001));
    let directives = format!("{{ __typename {} }}", "@include(if: true) ".repeat(51));
    let sent: serde_json::Map<String, Value> =
        (0..101).map(|i| (format!("x{i}"), json!(i))).collect();
    let cases = [
        (format!("{{ {} }}", aliased(31)), json!({}), "TOO_MANY_ALIASES"),
        (tokens, json!({}), "TOO_MANY_TOKENS"),
        (directives, json!({}), "TOO_MANY_DIRECTIVES"),
        (
            format!("query ({declared}) {{ __typename }}"),
            json!({}),
            "TOO_MANY_VARIABLES",
        ),
        ("{ __typename }".to_string(), Value::Object(sent), "TOO_MANY_VARIABLES"),
        (
            "mutation { a: signIn(input: {email: \"x@y.pl\", password: \"p\"}) { __typename } b: signIn(input: {email: \"x@y.pl\", password: \"q\"}) { __typename } }".to_string(),
            json!({}),
            "TOO_MANY_CREDENTIAL_CHECKS",
        ),
        (
            "{ cluster(slug: \"a\\u0000b\") { name } }".to_string(),
            json!({}),
            "BAD_USER_INPUT",
        ),
        (
            "query ($s: String!) { cluster(slug: $s) { name } }".to_string(),
            json!({ "s": "recykling\u{0}" }),
            "BAD_USER_INPUT",
        ),
    ];
    for over in Over::BOTH {
        for (query, variables, code) in &cases {
            let answer = app.ask(over, None, query, variables.clone()).await;
            assert_eq!(code_of(&answer), *code, "{over:?}: {answer}");
        }
        // Sixty unused variables make sixty errors; fifty are sent and the rest summed up.
        let answer = app
            .ask(
                over,
                None,
                &format!("query ({unused}) {{ __typename }}"),
                json!({}),
            )
            .await;
        let errors = answer["errors"].as_array().expect("errors");
        assert_eq!(errors.len(), 51, "{over:?}");
        assert_eq!(errors[50]["extensions"]["code"], "TOO_MANY_ERRORS");
        // Within every limit is served.
        let answer = app
            .ask(over, None, &format!("{{ {} }}", aliased(30)), json!({}))
            .await;
        assert!(answer["errors"].is_null(), "{over:?}: {answer}");
    }
}

/// A list literal nested `depth` deep.
fn nested_list(depth: usize) -> String {
    format!("{}1{}", "[".repeat(depth), "]".repeat(depth))
}

async fn deep_nesting_anywhere_is_refused_and_the_server_lives(app: TestApp) {
    let deep = nested_list(1_600);
    let object = format!("{}1{}", "{a: ".repeat(1_600), "}".repeat(1_600));
    let documents = [
        format!("{{ nodes(ids: {deep}) {{ id }} }}"),
        format!("query ($v: [ID!]! = {deep}) {{ nodes(ids: $v) {{ id }} }}"),
        format!("{{ __typename @include(if: {deep}) }}"),
        format!("{{ clusters(filter: {object}) {{ totalCount }} }}"),
        format!(
            "{{ {}__typename{} }}",
            "a { ".repeat(1_600),
            " }".repeat(1_600)
        ),
    ];
    for document in &documents {
        for over in Over::BOTH {
            let answer = app.ask(over, None, document, json!({})).await;
            assert_eq!(code_of(&answer), "QUERY_TOO_DEEP", "{over:?}: {answer}");
        }
        let response = app
            .client
            .get(format!("{}/graphql", app.url))
            .query(&[("query", document.as_str())])
            .send()
            .await
            .expect("sent");
        assert_eq!(response.status().as_u16(), 400);
        let body: Value = response.json().await.expect("JSON");
        assert_eq!(code_of(&body), "QUERY_TOO_DEEP", "GET: {body}");
    }
    // Variables nested past JSON's own bound are a malformed body, not a crash.
    let variables = format!(
        "{{\"query\": \"{{ __typename }}\", \"variables\": {{\"v\": {}}}}}",
        nested_list(5_000)
    );
    let response = app
        .client
        .post(format!("{}/graphql", app.url))
        .header("content-type", "application/json")
        .body(variables)
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status().as_u16(), 400);
    let data = app
        .query("{ statistics { clusterCount } }", json!({}))
        .await;
    assert!(
        data["statistics"]["clusterCount"]
            .as_i64()
            .unwrap_or_default()
            > 0
    );
}

async fn a_socket_message_over_the_body_limit_ends_the_socket(backend: Backend) {
    let Some(app) =
        TestApp::spawn_configured(backend, |config| config.max_body_bytes = 64 * 1024).await
    else {
        return;
    };
    let mut socket = connect(&app, None).await.expect("connected");
    let padding = " ".repeat(70 * 1024);
    subscribe(
        &mut socket,
        "1",
        &format!("{{ __typename }}{padding}"),
        json!({}),
    )
    .await;
    let ended = receive_within(&mut socket, Duration::from_secs(10)).await;
    assert!(
        ended.is_none() || ended.as_ref().is_some_and(|m| m["type"] == "close"),
        "{ended:?}"
    );
    let (status, body) = app
        .post(&format!("{{ __typename }}{padding}"), json!({}))
        .await;
    assert_eq!(status, 413, "{body}");
    let answer = socket::run_once(&app, None, "{ __typename }", json!({})).await;
    assert_eq!(answer["data"]["__typename"], "QueryRoot");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn message_size_sqlite() {
    a_socket_message_over_the_body_limit_ends_the_socket(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn message_size_postgres() {
    a_socket_message_over_the_body_limit_ends_the_socket(Backend::Postgres).await;
}

async fn the_time_limit_holds_over_the_socket(backend: Backend) {
    let Some(app) =
        TestApp::spawn_configured(backend, |config| config.request_timeout_secs = 0).await
    else {
        return;
    };
    // As in the HTTP test: another connection holds the lock the sign-in's session needs.
    let lock = app.hold_the_sessions_lock(backend).await;
    let answer = socket::run_once(
        &app,
        None,
        "mutation ($i: SignInInput!) { signIn(input: $i) { session { accessToken } } }",
        json!({ "i": { "email": OPERATOR.0, "password": OPERATOR.1 } }),
    )
    .await;
    lock.rollback().await.expect("release the lock");
    assert_eq!(code_of(&answer), "TIMEOUT", "{answer}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn socket_timeout_sqlite() {
    the_time_limit_holds_over_the_socket(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn socket_timeout_postgres() {
    the_time_limit_holds_over_the_socket(Backend::Postgres).await;
}

/// Waits for the server to close `socket` and returns the close message.
async fn closed(socket: &mut socket::Socket) -> Value {
    loop {
        match receive_within(socket, Duration::from_secs(15)).await {
            Some(message) if message["type"] == "close" => return message,
            Some(_) => continue,
            None => panic!("the socket was not closed with a reason"),
        }
    }
}

const MEMBERSHIPS: &str = "subscription { membershipChanged { id } }";

async fn an_open_socket_is_closed_once_its_caller_no_longer_holds(backend: Backend) {
    let Some(app) =
        TestApp::spawn_configured(backend, |config| config.socket_recheck_secs = 1).await
    else {
        return;
    };
    let operator = app.sign_in(OPERATOR).await;

    // A revoked API token: the running subscription's socket is closed within the recheck.
    let created = app
        .create_token(
            COORDINATOR,
            json!({ "name": "sync", "clusterId": app.cluster_id(RECYCLING).await, "scopes": ["READ_CLUSTER_PRIVATE"] }),
        )
        .await;
    let token = created["token"].as_str().expect("token").to_owned();
    let mut socket = connect(&app, Some(&token)).await.expect("connected");
    subscribe(&mut socket, "1", MEMBERSHIPS, json!({})).await;
    app.query_as(
        &operator,
        "mutation ($i: RevokeApiTokenInput!) { revokeApiToken(input: $i) { apiToken { revokedAt } } }",
        json!({ "i": { "id": created["apiToken"]["id"] } }),
    )
    .await;
    let close = closed(&mut socket).await;
    assert_eq!(close["code"], 4401, "{close}");
    assert!(code_of(&close) == "UNAUTHENTICATED", "{close}");

    // A session signed out.
    let session = app.session(MEMBER).await;
    let mut socket = connect(&app, session["accessToken"].as_str())
        .await
        .expect("connected");
    subscribe(&mut socket, "1", MEMBERSHIPS, json!({})).await;
    app.query(
        "mutation ($t: String!) { signOut(input: { refreshToken: $t }) { ok } }",
        json!({ "t": session["refreshToken"] }),
    )
    .await;
    let close = closed(&mut socket).await;
    assert_eq!(close["code"], 4401, "{close}");

    // A role taken away: the coordinator's socket is closed as forbidden.
    let coordinator = app.sign_in(COORDINATOR).await;
    let role = app
        .query_as(&coordinator, "{ me { roles { id role } } }", json!({}))
        .await["me"]["roles"][0]["id"]
        .clone();
    let mut socket = connect(&app, Some(&coordinator)).await.expect("connected");
    subscribe(&mut socket, "1", MEMBERSHIPS, json!({})).await;
    app.query_as(
        &operator,
        "mutation ($i: RevokeRoleInput!) { revokeRole(input: $i) { deletedId } }",
        json!({ "i": { "roleId": role } }),
    )
    .await;
    let close = closed(&mut socket).await;
    assert_eq!(close["code"], 4403, "{close}");

    // An access token that expires while the socket is open.
    let short = common::forge_access_token(&app.sign_in(OPERATOR).await, 2);
    let mut socket = connect(&app, Some(&short)).await.expect("connected");
    subscribe(&mut socket, "1", MEMBERSHIPS, json!({})).await;
    let close = closed(&mut socket).await;
    assert_eq!(close["code"], 4401, "{close}");
    assert!(
        close["reason"]
            .as_str()
            .unwrap_or_default()
            .contains("expired"),
        "{close}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn socket_recheck_sqlite() {
    an_open_socket_is_closed_once_its_caller_no_longer_holds(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn socket_recheck_postgres() {
    an_open_socket_is_closed_once_its_caller_no_longer_holds(Backend::Postgres).await;
}

async fn the_caller_is_checked_before_every_operation(app: TestApp) {
    // The default recheck is a minute away; the next operation does not wait for it.
    let session = app.session(MEMBER).await;
    let mut socket = connect(&app, session["accessToken"].as_str())
        .await
        .expect("connected");
    let answer = socket::run(&mut socket, "1", "{ me { user { email } } }", json!({})).await;
    assert_eq!(answer["data"]["me"]["user"]["email"], MEMBER.0, "{answer}");
    app.query(
        "mutation ($t: String!) { signOut(input: { refreshToken: $t }) { ok } }",
        json!({ "t": session["refreshToken"] }),
    )
    .await;
    let answer = socket::run(&mut socket, "2", "{ me { user { email } } }", json!({})).await;
    assert!(
        code_of(&answer) == "UNAUTHENTICATED",
        "refused, then closed: {answer}"
    );
}

async fn a_socket_runs_a_bounded_number_of_operations(backend: Backend) {
    let Some(app) =
        TestApp::spawn_configured(backend, |config| config.max_socket_operations = 3).await
    else {
        return;
    };
    let mut socket = connect(&app, None).await.expect("connected");
    for id in ["1", "2", "3"] {
        subscribe(&mut socket, id, MEMBERSHIPS, json!({})).await;
    }
    app.wait_for_subscribers(3).await;
    let answer = socket::run(&mut socket, "4", "{ __typename }", json!({})).await;
    assert_eq!(code_of(&answer), "TOO_MANY_OPERATIONS", "{answer}");
    socket::send(&mut socket, json!({ "id": "1", "type": "complete" })).await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    let answer = socket::run(&mut socket, "5", "{ __typename }", json!({})).await;
    assert_eq!(answer["data"]["__typename"], "QueryRoot", "{answer}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn socket_operations_sqlite() {
    a_socket_runs_a_bounded_number_of_operations(Backend::Sqlite).await;
}

on_both_backends! {
    scopes => a_token_s_scopes_hold_over_both_transports;
    document_limits => document_limits_hold_over_both_transports;
    deep_nesting => deep_nesting_anywhere_is_refused_and_the_server_lives;
    checked_before_each_operation => the_caller_is_checked_before_every_operation;
}
