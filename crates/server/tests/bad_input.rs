//! Client mistakes get a coded GraphQL error or the HTTP status GraphQL over HTTP gives for
//! them; none produces a panic or a 500, and none changes anything.

mod common;

use common::{Backend, OPERATOR, TestApp};
use serde_json::{Value, json};

async fn malformed_ids_and_cursors_are_bad_user_input(app: TestApp) {
    for (query, variables) in [
        (
            "query ($id: ID!) { cluster(id: $id) { name } }",
            json!({ "id": "not-an-id" }),
        ),
        (
            "query ($id: ID!) { node(id: $id) { id } }",
            json!({ "id": "Q2x1c3Rlcjox!" }),
        ),
        (
            "query ($id: ID!) { organisation(id: $id) { name } }",
            json!({ "id": "" }),
        ),
        (
            r#"{ clusters(after: "garbage") { totalCount } }"#,
            json!({}),
        ),
        (
            r#"{ clusters(before: "WyJ4Il0") { totalCount } }"#,
            json!({}),
        ),
        (
            r#"{ organisations(after: "%%%") { totalCount } }"#,
            json!({}),
        ),
    ] {
        assert_eq!(
            app.error_code(query, variables).await,
            "BAD_USER_INPUT",
            "{query}"
        );
    }
}

async fn an_id_of_another_kind_is_refused(app: TestApp) {
    let data = app
        .query(
            r#"{ cluster(slug: "klaster-obrobki-metali") { coordinator { id } } }"#,
            json!({}),
        )
        .await;
    let organisation_id = data["cluster"]["coordinator"]["id"].clone();
    let (_, body) = app
        .post(
            "query ($id: ID!) { cluster(id: $id) { name } }",
            json!({ "id": organisation_id }),
        )
        .await;
    assert_eq!(body["errors"][0]["extensions"]["code"], "BAD_USER_INPUT");
    assert_eq!(body["errors"][0]["extensions"]["field"], "id");
}

async fn pages_above_one_hundred_are_refused_with_a_clear_error(app: TestApp) {
    let (status, body) = app
        .post("{ clusters(first: 101) { totalCount } }", json!({}))
        .await;
    assert_eq!(status, 200);
    assert_eq!(body["errors"][0]["extensions"]["code"], "BAD_USER_INPUT");
    assert_eq!(body["errors"][0]["extensions"]["field"], "first");
    let message = body["errors"][0]["message"].as_str().unwrap_or_default();
    assert!(message.contains("100"), "{message}");
    for query in [
        "{ clusters(first: -1) { totalCount } }",
        "{ clusters(last: 1000) { totalCount } }",
        "{ clusters(first: 5, last: 5) { totalCount } }",
        "{ organisations(first: 101) { totalCount } }",
        r#"{ cluster(slug: "klaster-obrobki-metali") { members(first: 500) { totalCount } } }"#,
        "{ escaLabels(first: 101) { totalCount } }",
    ] {
        assert_eq!(
            app.error_code(query, json!({})).await,
            "BAD_USER_INPUT",
            "{query}"
        );
    }
}

async fn unknown_things_are_not_found(app: TestApp) {
    for query in [
        r#"{ cluster(slug: "no-such-cluster") { name } }"#,
        "{ kkkRound(number: 99) { name } }",
    ] {
        assert_eq!(
            app.error_code(query, json!({})).await,
            "NOT_FOUND",
            "{query}"
        );
    }
    let (_, body) = app
        .post(
            "query ($id: ID!) { node(id: $id) { id } }",
            json!({ "id": "Q2x1c3Rlcjo5OTk5OTk" }),
        )
        .await;
    assert_eq!(
        body["data"]["node"],
        Value::Null,
        "a missing node is null: {body}"
    );
}

async fn wrong_values_name_what_is_wrong(app: TestApp) {
    for (query, variables) in [
        ("{ cluster { name } }", json!({})),
        (
            r#"{ clusters(filter: { sectors: ["no-such-sector"] }) { totalCount } }"#,
            json!({}),
        ),
        (
            r#"{ organisations(filter: { nip: "1234567890" }) { totalCount } }"#,
            json!({}),
        ),
        (
            "query ($t: String) { clusters(filter: { text: $t }) { totalCount } }",
            json!({ "t": "x".repeat(201) }),
        ),
        (
            r#"{ clusters(filter: { kkkActiveOn: "2024-02-30" }) { totalCount } }"#,
            json!({}),
        ),
    ] {
        let (status, body) = app.post(query, variables).await;
        assert!(status < 500, "{query}: {status}");
        let code = body["errors"][0]["extensions"]["code"]
            .as_str()
            .unwrap_or_default();
        assert!(
            code == "BAD_USER_INPUT" || code == "GRAPHQL_VALIDATION_FAILED",
            "{query}: {body}"
        );
        assert!(
            body["errors"][0]["message"]
                .as_str()
                .is_some_and(|m| !m.is_empty())
        );
    }
    let (_, body) = app
        .post(
            r#"{ clusters(filter: { sectors: ["no-such-sector"] }) { totalCount } }"#,
            json!({}),
        )
        .await;
    let message = body["errors"][0]["message"].as_str().unwrap_or_default();
    assert!(message.contains("no-such-sector"), "{message}");
    // A valid NIP in any common spelling finds nothing here, without error.
    let none = app
        .query(
            r#"{ organisations(filter: { nip: "PL 856-734-62-15" }) { totalCount } }"#,
            json!({}),
        )
        .await;
    assert_eq!(none["organisations"]["totalCount"], 0);
}

async fn values_that_once_could_crash_or_overload_are_refused(app: TestApp) {
    // A multi-byte character where a "PL" prefix could stand.
    for nip in ["1ą", "–5260250274", "ąą"] {
        let code = app
            .error_code(
                "query ($nip: String) { organisations(filter: { nip: $nip }) { totalCount } }",
                json!({ "nip": nip }),
            )
            .await;
        assert_eq!(code, "BAD_USER_INPUT", "{nip}");
    }
    let many: Vec<i32> = (0..5_000).collect();
    let (_, body) = app
        .post(
            "query ($r: [Int!]) { clusters(filter: { kkkRounds: $r }) { totalCount } }",
            json!({ "r": many }),
        )
        .await;
    assert_eq!(
        body["errors"][0]["extensions"]["code"], "BAD_USER_INPUT",
        "{body}"
    );
    assert_eq!(body["errors"][0]["extensions"]["field"], "filter.kkkRounds");
    let code = app
        .error_code(
            r#"{ clusters(after: "WyJhIiwxXQ", before: "WyJ6IiwxXQ") { totalCount } }"#,
            json!({}),
        )
        .await;
    assert_eq!(code, "BAD_USER_INPUT");
}

async fn kkk_conditions_hold_each_on_their_own(app: TestApp) {
    // The Metal Processing Cluster was certified in round I (2015) and held the status in
    // 2023 through its round V certification.
    let data = app
        .query(
            r#"{ clusters(filter: { kkkRounds: [1], kkkActiveOn: "2023-06-01" }) { edges { node { name } } } }"#,
            json!({}),
        )
        .await;
    assert_eq!(
        data["clusters"]["edges"][0]["node"]["name"],
        "Klaster Obróbki Metali"
    );
}

async fn variables_of_the_wrong_type_are_refused_before_execution(app: TestApp) {
    let (status, body) = app
        .post(
            "query ($on: Date) { statistics(asOf: $on) { clusterCount } }",
            json!({ "on": 42 }),
        )
        .await;
    assert!(status < 500);
    assert!(body["errors"].is_array(), "{body}");
    let code = body["errors"][0]["extensions"]["code"]
        .as_str()
        .unwrap_or_default();
    assert!(!code.is_empty(), "{body}");
}

async fn over_deep_and_over_complex_queries_are_refused(app: TestApp) {
    // Cheap (one row a level) but deep, so it is the depth that refuses it.
    let deep = "{ clusters(first: 1) { edges { node { members(first: 1) { edges { node { organisation { memberships { cluster { members(first: 1) { edges { node { organisation { memberships { cluster { members(first: 1) { edges { node { organisation { name } } } } } } } } } } } } } } } } } } } }";
    let (status, body) = app.post(deep, json!({})).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["errors"][0]["extensions"]["code"], "QUERY_TOO_DEEP");
    let message = body["errors"][0]["message"].as_str().unwrap_or_default();
    assert!(message.contains("16"), "names the limit: {message}");
    let wide = "{ clusters(first: 100) { edges { node { members(first: 100) { edges { node { organisation { memberships { cluster { members(first: 100) { totalCount } } } } } } } } } } }";
    let (_, body) = app.post(wide, json!({})).await;
    assert_eq!(body["errors"][0]["extensions"]["code"], "QUERY_TOO_COMPLEX");
    let message = body["errors"][0]["message"].as_str().unwrap_or_default();
    assert!(message.contains("100000"), "names the limit: {message}");
    // What the web app and partners ask for stays well within both.
    let usual = "{ clusters(first: 20) { nodes { name members(first: 20) { nodes { organisation { name memberships { cluster { name } } } } } kkkCertifications { round { name } } } } }";
    let (_, body) = app.post(usual, json!({})).await;
    assert!(body["errors"].is_null(), "{body}");
}

/// `n` aliased fields.
fn aliased_fields(n: usize) -> String {
    let fields: Vec<String> = (0..n)
        .map(|i| format!("a{i}: statistics {{ clusterCount }}"))
        .collect();
    fields.join(" ")
}

async fn too_many_aliases_are_refused_before_any_sql_runs(app: TestApp) {
    let before = app.statements("{ __typename }", json!({})).await;
    let (status, body) = app
        .post(&format!("{{ {} }}", aliased_fields(31)), json!({}))
        .await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(body["errors"][0]["extensions"]["code"], "TOO_MANY_ALIASES");
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("30"),
        "names the limit: {body}"
    );
    assert_eq!(app.statements("{ __typename }", json!({})).await, before);
    // Aliases inside fragments count too.
    let fragment = format!(
        "query {{ ...many }} fragment many on QueryRoot {{ {} }}",
        aliased_fields(31)
    );
    assert_eq!(
        app.error_code(&fragment, json!({})).await,
        "TOO_MANY_ALIASES"
    );
    let (_, body) = app
        .post(&format!("{{ {} }}", aliased_fields(30)), json!({}))
        .await;
    assert!(
        body["errors"].is_null(),
        "30 aliases are within the limit: {body}"
    );
    assert_eq!(
        body["data"]["a29"]["clusterCount"],
        body["data"]["a0"]["clusterCount"]
    );
}

async fn bodies_over_the_limit_get_413_naming_it(app: TestApp) {
    let padding = " ".repeat((1 << 20) + 1);
    let (status, body) = app
        .post(
            &format!("{{ statistics {{ clusterCount }} }}{padding}"),
            json!({}),
        )
        .await;
    assert_eq!(status, 413, "{body}");
    assert_eq!(body["errors"][0]["extensions"]["code"], "BODY_TOO_LARGE");
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("1048576"),
        "{body}"
    );
    let padding = " ".repeat((1 << 20) - 200);
    let (status, body) = app
        .post(
            &format!("{{ statistics {{ clusterCount }} }}{padding}"),
            json!({}),
        )
        .await;
    assert_eq!(status, 200, "just under the limit is served: {body}");
}

async fn bad_input_changes_nothing(app: TestApp) {
    let totals = "{ statistics { clusterCount organisationCount } }";
    let before = app.query(totals, json!({})).await;
    let _ = app.post("mutation { createCluster }", json!({})).await;
    let _ = app
        .post("{ clusters(first: 101) { totalCount } }", json!({}))
        .await;
    assert_eq!(app.query(totals, json!({})).await, before);
}

on_both_backends! {
    malformed_ids_and_cursors => malformed_ids_and_cursors_are_bad_user_input;
    id_of_another_kind => an_id_of_another_kind_is_refused;
    page_size_limit => pages_above_one_hundred_are_refused_with_a_clear_error;
    unknown_things => unknown_things_are_not_found;
    wrong_values => wrong_values_name_what_is_wrong;
    wrong_variable_types => variables_of_the_wrong_type_are_refused_before_execution;
    depth_and_complexity => over_deep_and_over_complex_queries_are_refused;
    aliases => too_many_aliases_are_refused_before_any_sql_runs;
    body_size => bodies_over_the_limit_get_413_naming_it;
    nothing_changes => bad_input_changes_nothing;
    crash_and_overload => values_that_once_could_crash_or_overload_are_refused;
    kkk_conditions => kkk_conditions_hold_each_on_their_own;
}

async fn a_request_over_the_time_limit_gets_503_naming_it(backend: Backend) {
    // With no time at all, a request runs out of it at its first wait once the timer has
    // ticked (about a millisecond); a request that is quick, or whose runtime is too busy to
    // turn the timer, can finish first. So the sign-in here waits for certain: another
    // connection holds the write lock its session needs until the request has been answered.
    let Some(app) =
        TestApp::spawn_configured(backend, |config| config.request_timeout_secs = 0).await
    else {
        return;
    };
    let lock = app.hold_the_sessions_lock(backend).await;
    let (status, body) = app
        .post(
            "mutation ($i: SignInInput!) { signIn(input: $i) { session { accessToken } } }",
            json!({ "i": { "email": OPERATOR.0, "password": OPERATOR.1 } }),
        )
        .await;
    lock.rollback().await.expect("release the lock");
    assert_eq!(status, 503, "{body}");
    assert_eq!(body["errors"][0]["extensions"]["code"], "TIMEOUT");
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("limit of 0 s"),
        "{body}"
    );
}

#[tokio::test]
async fn timeout_sqlite() {
    a_request_over_the_time_limit_gets_503_naming_it(Backend::Sqlite).await;
}

#[tokio::test]
async fn timeout_postgres() {
    a_request_over_the_time_limit_gets_503_naming_it(Backend::Postgres).await;
}
