//! Accounts and rights: tokens that must be refused, sessions that must end, and the
//! authorization matrix: every role tries every kind of write on what is not theirs, and nothing
//! is ever written.

mod common;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use common::{Backend, COORDINATOR, MEMBER, OPERATOR, TEST_JWT_SECRET, TestApp};
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::{Value, json};

const OWN_CLUSTER: &str = "klaster-gospodarki-odpadowej-i-recyklingu";
const OTHER_CLUSTER: &str = "klaster-obrobki-metali";

fn forge(secret: &[u8], claims: Value) -> String {
    jsonwebtoken::encode(
        &jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256),
        &claims,
        &jsonwebtoken::EncodingKey::from_secret(secret),
    )
    .expect("a token")
}

async fn refused(app: &TestApp, authorization: &str) -> (u16, Value) {
    let response = app
        .client
        .post(format!("{}/graphql", app.url))
        .header("authorization", authorization)
        .json(&json!({ "query": "{ me { user { email } } }" }))
        .send()
        .await
        .expect("request sent");
    let status = response.status().as_u16();
    (status, response.json().await.expect("JSON body"))
}

async fn bad_tokens_are_refused_before_anything_runs(app: TestApp) {
    let now = chrono::Utc::now().timestamp();
    let genuine = app.sign_in(MEMBER).await;
    let me = app
        .query_as(&genuine, "{ me { user { email } } }", json!({}))
        .await;
    assert_eq!(me["me"]["user"]["email"], MEMBER.0);
    let expired = forge(
        TEST_JWT_SECRET.as_bytes(),
        json!({ "sub": "1", "iss": "klastry", "iat": now - 7200, "exp": now - 3600 }),
    );
    let foreign = forge(
        b"another-secret-another-secret-another!",
        json!({ "sub": "1", "iss": "klastry", "iat": now, "exp": now + 600 }),
    );
    let mut parts: Vec<String> = genuine.split('.').map(String::from).collect();
    parts[1] = URL_SAFE_NO_PAD
        .encode(json!({ "sub": "1", "iss": "klastry", "iat": now, "exp": now + 600 }).to_string());
    let tampered = parts.join(".");
    let none = format!(
        "{}.{}.",
        URL_SAFE_NO_PAD.encode(r#"{"alg":"none","typ":"JWT"}"#),
        parts[1]
    );
    for (what, header) in [
        ("expired", format!("Bearer {expired}")),
        ("signed with another key", format!("Bearer {foreign}")),
        ("tampered", format!("Bearer {tampered}")),
        ("alg none", format!("Bearer {none}")),
        ("garbage", "Bearer not-a-token".to_string()),
        ("not bearer", "Basic dXNlcjpwYXNz".to_string()),
    ] {
        let (status, body) = refused(&app, &header).await;
        assert_eq!(status, 401, "{what}: {body}");
        assert_eq!(
            body["errors"][0]["extensions"]["code"], "UNAUTHENTICATED",
            "{what}: {body}"
        );
        assert!(body.get("data").is_none(), "{what}");
    }
    // Anonymous is not an error: `me` is null.
    let anonymous = app.query("{ me { user { email } } }", json!({})).await;
    assert_eq!(anonymous["me"], Value::Null);
    let wrong = app
        .error_code(
            "mutation { signIn(input: { email: \"czlonek@klastry.demo\", password: \"wrong-password\" }) { session { accessToken } } }",
            json!({}),
        )
        .await;
    assert_eq!(wrong, "UNAUTHENTICATED");
}

const REFRESH: &str = "mutation($t: String!) { refreshSession(input: { refreshToken: $t }) { session { accessToken refreshToken } } }";
const SIGN_OUT: &str = "mutation($t: String!) { signOut(input: { refreshToken: $t }) { ok } }";

async fn refresh_tokens_work_once_and_die_with_sign_out_and_password_change(app: TestApp) {
    let session = app.session(COORDINATOR).await;
    let first = session["refreshToken"].as_str().expect("refresh token");
    let renewed = app.query(REFRESH, json!({ "t": first })).await;
    let second = renewed["refreshSession"]["session"]["refreshToken"]
        .as_str()
        .expect("new refresh token")
        .to_string();
    assert_eq!(
        app.error_code(REFRESH, json!({ "t": first })).await,
        "UNAUTHENTICATED",
        "a used refresh token"
    );
    app.query(SIGN_OUT, json!({ "t": second })).await;
    assert_eq!(
        app.error_code(REFRESH, json!({ "t": second })).await,
        "UNAUTHENTICATED",
        "a signed-out refresh token"
    );

    // Changing the password ends every other session at once; the one asking goes on.
    let other = app.session(COORDINATOR).await;
    let other_access = other["accessToken"].as_str().expect("access token");
    let other_refresh = other["refreshToken"].as_str().expect("refresh token");
    let session = app.session(COORDINATOR).await;
    let access = session["accessToken"].as_str().expect("access token");
    let refresh = session["refreshToken"].as_str().expect("refresh token");
    let changed = app
        .query_as(
            access,
            "mutation($i: ChangePasswordInput!) { changePassword(input: $i) { ok userErrors { field } } }",
            json!({ "i": { "currentPassword": COORDINATOR.1, "newPassword": "zielony-kamień-nad-rzeką" } }),
        )
        .await;
    assert_eq!(changed["changePassword"]["ok"], true, "{changed}");
    assert_eq!(
        app.error_code(REFRESH, json!({ "t": other_refresh })).await,
        "UNAUTHENTICATED",
        "another session's refresh token from before the change"
    );
    let (status, body) = app
        .post_as(other_access, "{ me { user { email } } }", json!({}))
        .await;
    assert_eq!(
        status, 401,
        "another session's access token stops at once: {body}"
    );
    app.query_as(access, "{ me { user { email } } }", json!({}))
        .await;
    app.query(REFRESH, json!({ "t": refresh })).await;
    let old = "mutation($i: SignInInput!) { signIn(input: $i) { session { accessToken } } }";
    assert_eq!(
        app.error_code(
            old,
            json!({ "i": { "email": COORDINATOR.0, "password": COORDINATOR.1 } })
        )
        .await,
        "UNAUTHENTICATED"
    );
    app.sign_in((COORDINATOR.0, "zielony-kamień-nad-rzeką"))
        .await;
}

/// IDs and versions of objects none of the test accounts but the operator owns.
struct Targets {
    own_cluster: String,
    other_cluster: String,
    other_cluster_version: i64,
    other_organisation: String,
    other_organisation_version: i64,
    own_organisation: String,
    own_organisation_version: i64,
    other_membership: String,
    other_kkk: String,
}

async fn targets(app: &TestApp, member: &str) -> Targets {
    let other = app
        .query(
            "query($slug: String!) { cluster(slug: $slug) { id version kkkCertifications { id } members { edges { node { id organisation { id version name } } } } } }",
            json!({ "slug": OTHER_CLUSTER }),
        )
        .await["cluster"]
        .clone();
    let member_edge = other["members"]["edges"]
        .as_array()
        .expect("members")
        .iter()
        .find(|e| {
            e["node"]["organisation"]["name"]
                .as_str()
                .is_some_and(|n| n.contains("Politechnika"))
        })
        .expect("the university is a member")
        .clone();
    let own = app
        .query_as(
            member,
            "{ me { roles { organisation { id version } } } }",
            json!({}),
        )
        .await["me"]["roles"][0]["organisation"]
        .clone();
    Targets {
        own_cluster: app.cluster_id(OWN_CLUSTER).await,
        other_cluster: other["id"].as_str().expect("id").into(),
        other_cluster_version: other["version"].as_i64().expect("version"),
        other_organisation: member_edge["node"]["organisation"]["id"]
            .as_str()
            .expect("id")
            .into(),
        other_organisation_version: member_edge["node"]["organisation"]["version"]
            .as_i64()
            .expect("version"),
        own_organisation: own["id"].as_str().expect("id").into(),
        own_organisation_version: own["version"].as_i64().expect("version"),
        other_membership: member_edge["node"]["id"].as_str().expect("id").into(),
        other_kkk: other["kkkCertifications"][0]["id"]
            .as_str()
            .expect("a certification")
            .into(),
    }
}

/// Every kind of write, aimed at something the coordinator and the member may not change.
fn matrix(t: &Targets) -> Vec<(&'static str, &'static str, Value)> {
    let c = &t.other_cluster;
    vec![
        (
            "updateCluster",
            "UpdateClusterInput",
            json!({ "id": c, "version": t.other_cluster_version, "acronym": "X" }),
        ),
        (
            "deleteCluster",
            "DeleteInput",
            json!({ "id": c, "version": t.other_cluster_version }),
        ),
        (
            "createCluster",
            "CreateClusterInput",
            json!({ "slug": "nowy-klaster", "namePl": "Nowy klaster" }),
        ),
        (
            "createEvent",
            "CreateEventInput",
            json!({ "clusterId": c, "name": "X" }),
        ),
        (
            "createService",
            "CreateNamedInput",
            json!({ "clusterId": c, "name": "X" }),
        ),
        (
            "createWorkingGroup",
            "CreateNamedInput",
            json!({ "clusterId": c, "name": "X" }),
        ),
        (
            "createProject",
            "CreateProjectInput",
            json!({ "clusterId": c, "name": "X" }),
        ),
        (
            "createIndicator",
            "CreateIndicatorInput",
            json!({ "clusterId": c, "year": 2024 }),
        ),
        (
            "addClusterPerson",
            "AddClusterPersonInput",
            json!({ "clusterId": c, "fullName": "X", "role": "OFFICE" }),
        ),
        (
            "addMember",
            "AddMemberInput",
            json!({ "clusterId": c, "organisationId": t.own_organisation }),
        ),
        (
            "updateOrganisation",
            "UpdateOrganisationInput",
            json!({ "id": t.other_organisation, "version": t.other_organisation_version, "city": "X" }),
        ),
        (
            "deleteOrganisation",
            "DeleteInput",
            json!({ "id": t.own_organisation, "version": t.own_organisation_version }),
        ),
        (
            "createOrganisation",
            "CreateOrganisationInput",
            json!({ "name": "Nowa spółka" }),
        ),
        (
            "applyForMembership",
            "ApplyForMembershipInput",
            json!({ "clusterId": t.own_cluster, "organisationId": t.other_organisation }),
        ),
        (
            "approveMembership",
            "DecideMembershipInput",
            json!({ "id": t.other_membership, "version": 1 }),
        ),
        (
            "rejectMembership",
            "DecideMembershipInput",
            json!({ "id": t.other_membership, "version": 1, "reason": "X" }),
        ),
        (
            "leaveCluster",
            "LeaveClusterInput",
            json!({ "id": t.other_membership, "version": 1 }),
        ),
        (
            "updateMembership",
            "UpdateMembershipInput",
            json!({ "id": t.other_membership, "version": 1, "role": "STRATEGIC_PARTNER" }),
        ),
        (
            "recordKkkCertification",
            "RecordKkkCertificationInput",
            json!({ "clusterId": t.own_cluster, "awardedOn": "2031" }),
        ),
        (
            "updateKkkCertification",
            "UpdateKkkCertificationInput",
            json!({ "id": t.other_kkk, "version": 1, "note": "X" }),
        ),
        (
            "deleteKkkCertification",
            "DeleteStatusInput",
            json!({ "id": t.other_kkk, "version": 1 }),
        ),
        (
            "recordEscaLabel",
            "RecordEscaLabelInput",
            json!({ "clusterId": t.own_cluster, "level": "GOLD", "awardedOn": "2031" }),
        ),
        (
            "postCooperationOffer",
            "PostCooperationOfferInput",
            json!({ "organisationId": t.other_organisation, "kind": "OFFER", "category": "OTHER", "title": "X", "description": "X" }),
        ),
        (
            "createUser",
            "CreateUserInput",
            json!({ "email": "nowy@example.pl", "password": "dlugie-haslo-123", "displayName": "X", "isOperator": true }),
        ),
        (
            "grantRole",
            "GrantRoleInput",
            json!({ "userId": "VXNlcjox", "role": "MEMBER", "organisationId": t.other_organisation }),
        ),
    ]
}

async fn audit_entries(app: &TestApp) -> u64 {
    klastry_entity::audit_entry::Entity::find()
        .count(&app.db)
        .await
        .expect("audit entries counted")
}

async fn nobody_can_touch_what_is_not_theirs(app: TestApp) {
    let member = app.sign_in(MEMBER).await;
    let coordinator = app.sign_in(COORDINATOR).await;
    let operator = app.sign_in(OPERATOR).await;
    let t = targets(&app, &member).await;
    let written = audit_entries(&app).await;
    for (mutation, input_type, input) in matrix(&t) {
        let query = format!(
            "mutation($input: {input_type}!) {{ {mutation}(input: $input) {{ userErrors {{ field message }} }} }}"
        );
        for (role, token, expected) in [
            ("anonymous", None, "UNAUTHENTICATED"),
            ("member", Some(&member), "FORBIDDEN"),
            ("coordinator", Some(&coordinator), "FORBIDDEN"),
        ] {
            let (status, body) = match token {
                Some(token) => app.post_as(token, &query, json!({ "input": input })).await,
                None => app.post(&query, json!({ "input": input })).await,
            };
            assert!(status < 500, "{mutation} as {role}: {status} {body}");
            assert_eq!(
                body["errors"][0]["extensions"]["code"], expected,
                "{mutation} as {role}: {body}"
            );
            assert_eq!(body["data"][mutation], Value::Null, "{mutation} as {role}");
        }
    }
    assert_eq!(
        audit_entries(&app).await,
        written,
        "a refused write left a trace"
    );
    let unchanged = app
        .query(
            "query($slug: String!) { cluster(slug: $slug) { version } }",
            json!({ "slug": OTHER_CLUSTER }),
        )
        .await;
    assert_eq!(
        unchanged["cluster"]["version"],
        json!(t.other_cluster_version)
    );

    // The operator may do what the others may not.
    let updated = app
        .query_as(
            &operator,
            "mutation($input: UpdateClusterInput!) { updateCluster(input: $input) { cluster { acronym } userErrors { field } } }",
            json!({ "input": { "id": t.other_cluster, "version": t.other_cluster_version, "acronym": "KOM" } }),
        )
        .await;
    assert_eq!(updated["updateCluster"]["cluster"]["acronym"], "KOM");
    // And each may change what is theirs.
    let own = app
        .query_as(
            &member,
            "mutation($input: UpdateOrganisationInput!) { updateOrganisation(input: $input) { organisation { city } userErrors { field } } }",
            json!({ "input": { "id": t.own_organisation, "version": t.own_organisation_version, "city": "Rzeszów" } }),
        )
        .await;
    assert_eq!(own["updateOrganisation"]["organisation"]["city"], "Rzeszów");
    assert_eq!(audit_entries(&app).await, written + 2);
}

async fn the_operator_appoints_a_coordinator_who_can_then_edit(app: TestApp) {
    let operator = app.sign_in(OPERATOR).await;
    let created = app
        .query_as(
            &operator,
            "mutation { createUser(input: { email: \"Nowa.Koordynatorka@Example.pl\", password: \"haslo-koordynatorki\", displayName: \"Nowa Koordynatorka\" }) { user { id email } userErrors { field message } } }",
            json!({}),
        )
        .await;
    let user = created["createUser"]["user"].clone();
    assert_eq!(user["email"], "nowa.koordynatorka@example.pl");
    let cluster = app.cluster_id(OTHER_CLUSTER).await;
    let granted = app
        .query_as(
            &operator,
            "mutation($input: GrantRoleInput!) { grantRole(input: $input) { role { role cluster { slug } } userErrors { field } } }",
            json!({ "input": { "userId": user["id"], "role": "COORDINATOR", "clusterId": cluster } }),
        )
        .await;
    assert_eq!(
        granted["grantRole"]["role"]["cluster"]["slug"],
        OTHER_CLUSTER
    );
    let token = app
        .sign_in(("nowa.koordynatorka@example.pl", "haslo-koordynatorki"))
        .await;
    let done = app
        .query_as(
            &token,
            "mutation($input: CreateEventInput!) { createEvent(input: $input) { event { name } userErrors { field } } }",
            json!({ "input": { "clusterId": cluster, "name": "Dzień otwarty" } }),
        )
        .await;
    assert_eq!(done["createEvent"]["event"]["name"], "Dzień otwarty");
    let duplicate = app
        .query_as(
            &operator,
            "mutation { createUser(input: { email: \"nowa.koordynatorka@example.pl\", password: \"x\", displayName: \"\" }) { userErrors { field } } }",
            json!({}),
        )
        .await;
    let fields: Vec<&str> = duplicate["createUser"]["userErrors"]
        .as_array()
        .expect("errors")
        .iter()
        .filter_map(|e| e["field"].as_str())
        .collect();
    assert_eq!(fields, ["password", "displayName"]);
}

on_both_backends! {
    bad_tokens => bad_tokens_are_refused_before_anything_runs;
    sessions => refresh_tokens_work_once_and_die_with_sign_out_and_password_change;
    authorization_matrix => nobody_can_touch_what_is_not_theirs;
    appointing => the_operator_appoints_a_coordinator_who_can_then_edit;
}
