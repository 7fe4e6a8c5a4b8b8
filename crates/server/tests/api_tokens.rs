//! API tokens for partners' machines: created by operators and coordinators, shown once and
//! stored as a hash, held to their scopes, rate-limited, revocable.

mod common;

use common::{Backend, COORDINATOR, MEMBER, OPERATOR, TestApp};
use sea_orm::{ConnectionTrait, Statement};
use serde_json::{Value, json};

const RECYCLING: &str = "klaster-gospodarki-odpadowej-i-recyklingu";

const CREATE: &str = "mutation ($i: CreateApiTokenInput!) { createApiToken(input: $i) { token apiToken { id name prefix scopes lastUsedAt } userErrors { field message } } }";

async fn create_token(app: &TestApp, as_whom: (&str, &str), input: Value) -> Value {
    app.create_token(as_whom, input).await
}

async fn a_coordinator_s_member_token_runs_the_membership_workflow_and_nothing_else(app: TestApp) {
    let cluster_id = app.cluster_id(RECYCLING).await;
    let created = create_token(
        &app,
        COORDINATOR,
        json!({ "name": "CRM sync", "clusterId": cluster_id, "scopes": ["WRITE_CLUSTER_MEMBERS"] }),
    )
    .await;
    let token = created["token"]
        .as_str()
        .expect("the token is shown once")
        .to_owned();
    assert!(token.starts_with("klt_"), "{token}");
    assert_eq!(
        created["apiToken"]["scopes"],
        json!(["READ_PUBLIC", "WRITE_CLUSTER_MEMBERS"])
    );
    assert!(token.starts_with(created["apiToken"]["prefix"].as_str().unwrap_or("-")));

    // Only the hash is stored.
    let rows = app
        .db
        .query_all_raw(Statement::from_string(
            app.db.get_database_backend(),
            "SELECT token_hash, prefix, name FROM api_token",
        ))
        .await
        .expect("read the table");
    for row in rows {
        let hash: String = row.try_get("", "token_hash").expect("hash");
        assert_eq!(hash.len(), 64);
        assert!(!token.contains(&hash) && !hash.contains(&token[4..]));
    }

    // A member applies; the token sees the application and approves it.
    let member = app.sign_in(MEMBER).await;
    let organisation = app.acting_organisation(&member).await;
    let applied = app
        .query_as(
            &member,
            "mutation ($i: ApplyForMembershipInput!) { applyForMembership(input: $i) { membership { id version } userErrors { message } } }",
            json!({ "i": { "clusterId": cluster_id, "organisationId": organisation } }),
        )
        .await;
    let membership = applied["applyForMembership"]["membership"].clone();
    assert!(membership.is_object(), "{applied}");
    let queue = app
        .query_as(
            &token,
            "query ($s: String!) { cluster(slug: $s) { membershipApplications { id } } }",
            json!({ "s": RECYCLING }),
        )
        .await;
    assert_eq!(
        queue["cluster"]["membershipApplications"][0]["id"],
        membership["id"]
    );
    let approved = app
        .query_as(
            &token,
            "mutation ($i: DecideMembershipInput!) { approveMembership(input: $i) { membership { status } userErrors { message } } }",
            json!({ "i": { "id": membership["id"], "version": membership["version"] } }),
        )
        .await;
    assert_eq!(
        approved["approveMembership"]["membership"]["status"],
        "ACTIVE"
    );

    // Anything beyond the membership workflow is refused before it runs.
    let version = app
        .query(
            "query ($s: String!) { cluster(slug: $s) { version } }",
            json!({ "s": RECYCLING }),
        )
        .await["cluster"]["version"]
        .clone();
    let (status, body) = app
        .post_as(
            &token,
            "mutation ($i: UpdateClusterInput!) { updateCluster(input: $i) { cluster { version } } }",
            json!({ "i": { "id": cluster_id, "version": version, "acronym": "X" } }),
        )
        .await;
    assert_eq!(status, 403, "{body}");
    assert_eq!(body["errors"][0]["extensions"]["code"], "FORBIDDEN");
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("updateCluster")
    );
    let (status, _) = app
        .post_as(
            &token,
            CREATE,
            json!({ "i": { "name": "more", "scopes": [] } }),
        )
        .await;
    assert_eq!(status, 403, "a token cannot make tokens");

    // The audit trail says the token did it.
    let session = app.sign_in(COORDINATOR).await;
    let trail = app
        .query_as(
            &session,
            "query ($c: ID) { auditTrail(clusterId: $c, first: 5) { nodes { action actorEmail } } }",
            json!({ "c": cluster_id }),
        )
        .await;
    let approve = trail["auditTrail"]["nodes"]
        .as_array()
        .and_then(|nodes| nodes.iter().find(|n| n["action"] == "APPROVE"))
        .cloned()
        .unwrap_or_default();
    assert!(
        approve["actorEmail"]
            .as_str()
            .unwrap_or_default()
            .contains("API token"),
        "{trail}"
    );
}

async fn a_read_private_token_reads_the_cluster_s_queue_but_writes_nothing(app: TestApp) {
    let cluster_id = app.cluster_id(RECYCLING).await;
    let created = create_token(
        &app,
        OPERATOR,
        json!({ "name": "analytics", "clusterId": cluster_id, "scopes": ["READ_CLUSTER_PRIVATE"] }),
    )
    .await;
    let token = created["token"].as_str().unwrap_or_default().to_owned();
    let data = app
        .query_as(
            &token,
            "query ($s: String!) { cluster(slug: $s) { membershipApplications { id } } }",
            json!({ "s": RECYCLING }),
        )
        .await;
    assert!(data["cluster"]["membershipApplications"].is_array());
    let (status, body) = app
        .post_as(
            &token,
            "mutation ($i: DecideMembershipInput!) { approveMembership(input: $i) { userErrors { message } } }",
            json!({ "i": { "id": "TWVtYmVyc2hpcDox", "version": 1 } }),
        )
        .await;
    assert_eq!(status, 403, "{body}");
}

async fn a_revoked_token_stops_working_and_last_use_is_recorded(app: TestApp) {
    let created = create_token(
        &app,
        OPERATOR,
        json!({ "name": "portal", "scopes": ["READ_PUBLIC"] }),
    )
    .await;
    let token = created["token"].as_str().unwrap_or_default().to_owned();
    assert!(created["apiToken"]["lastUsedAt"].is_null());
    let data = app
        .query_as(&token, "{ statistics { clusterCount } }", json!({}))
        .await;
    assert!(
        data["statistics"]["clusterCount"]
            .as_i64()
            .unwrap_or_default()
            > 0
    );

    let operator = app.sign_in(OPERATOR).await;
    let listed = app
        .query_as(
            &operator,
            "{ apiTokens { nodes { id name lastUsedAt revokedAt } } }",
            json!({}),
        )
        .await;
    assert!(
        !listed["apiTokens"]["nodes"][0]["lastUsedAt"].is_null(),
        "{listed}"
    );

    let revoked = app
        .query_as(
            &operator,
            "mutation ($i: RevokeApiTokenInput!) { revokeApiToken(input: $i) { apiToken { revokedAt } } }",
            json!({ "i": { "id": created["apiToken"]["id"] } }),
        )
        .await;
    assert!(!revoked["revokeApiToken"]["apiToken"]["revokedAt"].is_null());
    let (status, body) = app
        .post_as(&token, "{ statistics { clusterCount } }", json!({}))
        .await;
    assert_eq!(status, 401, "{body}");
    assert_eq!(body["errors"][0]["extensions"]["code"], "UNAUTHENTICATED");
    let (status, _) = app
        .post_as("klt_made-up", "{ statistics { clusterCount } }", json!({}))
        .await;
    assert_eq!(status, 401);
}

async fn only_operators_and_the_cluster_s_coordinators_create_tokens(app: TestApp) {
    let recycling = app.cluster_id(RECYCLING).await;
    let other = app.cluster_id("pomorski-klaster-ict-interizon").await;
    let member = app.sign_in(MEMBER).await;
    let (_, body) = app
        .post_as(&member, CREATE, json!({ "i": { "name": "x", "clusterId": recycling, "scopes": ["READ_CLUSTER_PRIVATE"] } }))
        .await;
    assert_eq!(
        body["errors"][0]["extensions"]["code"], "FORBIDDEN",
        "{body}"
    );
    let coordinator = app.sign_in(COORDINATOR).await;
    let (_, body) = app
        .post_as(&coordinator, CREATE, json!({ "i": { "name": "x", "clusterId": other, "scopes": ["WRITE_CLUSTER_MEMBERS"] } }))
        .await;
    assert_eq!(
        body["errors"][0]["extensions"]["code"], "FORBIDDEN",
        "{body}"
    );
    let refused = app
        .query_as(
            &coordinator,
            CREATE,
            json!({ "i": { "name": "x", "scopes": ["WRITE_CLUSTER_MEMBERS"] } }),
        )
        .await;
    assert_eq!(
        refused["createApiToken"]["userErrors"][0]["field"],
        "clusterId"
    );
    assert!(refused["createApiToken"]["token"].is_null());
    let refused = app
        .query_as(
            &coordinator,
            CREATE,
            json!({ "i": { "name": "  ", "clusterId": recycling, "scopes": [] } }),
        )
        .await;
    assert_eq!(refused["createApiToken"]["userErrors"][0]["field"], "name");
}

on_both_backends! {
    member_scope => a_coordinator_s_member_token_runs_the_membership_workflow_and_nothing_else;
    read_private => a_read_private_token_reads_the_cluster_s_queue_but_writes_nothing;
    revocation => a_revoked_token_stops_working_and_last_use_is_recorded;
    who_creates => only_operators_and_the_cluster_s_coordinators_create_tokens;
}

async fn a_token_over_its_rate_on_any_server_gets_429_with_retry_after(backend: Backend) {
    let Some(app) =
        TestApp::spawn_configured(backend, |config| config.token_requests_per_minute = 3).await
    else {
        return;
    };
    let created = create_token(&app, OPERATOR, json!({ "name": "busy", "scopes": [] })).await;
    let token = created["token"].as_str().unwrap_or_default().to_owned();
    // Two servers on one database share the token's limit: two requests here, one there...
    let other = app
        .spawn_beside(|config| config.token_requests_per_minute = 3)
        .await;
    for server in [&app, &app, &other] {
        let (status, _) = server
            .post_as(&token, "{ statistics { clusterCount } }", json!({}))
            .await;
        assert_eq!(status, 200);
    }
    // ...and the fourth is refused wherever it arrives.
    let response = other
        .client
        .post(format!("{}/graphql", other.url))
        .bearer_auth(&token)
        .json(&json!({ "query": "{ statistics { clusterCount } }" }))
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status().as_u16(), 429);
    let retry: u64 = response
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .expect("Retry-After in seconds");
    assert!((1..=60).contains(&retry), "{retry}");
    let body: Value = response.json().await.expect("JSON");
    assert_eq!(body["errors"][0]["extensions"]["code"], "RATE_LIMITED");
    // People signed in are not held to tokens' limits.
    let operator = app.sign_in(OPERATOR).await;
    let (status, _) = app
        .post_as(&operator, "{ statistics { clusterCount } }", json!({}))
        .await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn rate_limit_sqlite() {
    a_token_over_its_rate_on_any_server_gets_429_with_retry_after(Backend::Sqlite).await;
}

#[tokio::test]
async fn rate_limit_postgres() {
    a_token_over_its_rate_on_any_server_gets_429_with_retry_after(Backend::Postgres).await;
}
