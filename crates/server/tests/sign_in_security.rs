//! Accounts that resist guessing: wrong passwords slow sign-in down and then lock it, per
//! account and per address, over every server; passwords must pass the policy; and a session
//! ended by signing out, a password change or a reused refresh token stops its tokens at once.

mod common;

use chrono::{Duration, Utc};
use common::{Backend, COORDINATOR, MEMBER, OPERATOR, TestApp, code_of};
use klastry_entity::sign_in_failure;
use sea_orm::{ActiveModelTrait, EntityTrait, Set};
use serde_json::{Value, json};

const SIGN_IN: &str =
    "mutation ($i: SignInInput!) { signIn(input: $i) { session { accessToken refreshToken } } }";

fn credentials(email: &str, password: &str) -> Value {
    json!({ "i": { "email": email, "password": password } })
}

/// Signs in over HTTP and returns the status, the `Retry-After` header and the body.
async fn try_sign_in(app: &TestApp, email: &str, password: &str) -> (u16, Option<u64>, Value) {
    let response = app
        .client
        .post(format!("{}/graphql", app.url))
        .json(&json!({ "query": SIGN_IN, "variables": credentials(email, password) }))
        .send()
        .await
        .expect("sent");
    let status = response.status().as_u16();
    let retry = response
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok());
    (status, retry, response.json().await.expect("JSON"))
}

/// Records `failures` wrong passwords for `key`, the last `ago` before now, as a guesser would
/// have left them.
async fn failures_recorded(app: &TestApp, key: &str, failures: i32, ago: Duration) {
    let row = sign_in_failure::ActiveModel {
        key: Set(key.to_owned()),
        failures: Set(failures),
        last_failed_at: Set(Utc::now() - ago),
        locked_until: Set(None),
    };
    match sign_in_failure::Entity::find_by_id(key.to_owned())
        .one(&app.db)
        .await
        .expect("read")
    {
        Some(_) => row.update(&app.db).await.map(|_| ()),
        None => row.insert(&app.db).await.map(|_| ()),
    }
    .expect("recorded");
}

async fn wrong_passwords_slow_sign_in_down_then_lock_it(app: TestApp) {
    for _ in 0..3 {
        let (_, _, body) = try_sign_in(&app, MEMBER.0, "not-the-password").await;
        assert_eq!(code_of(&body), "UNAUTHENTICATED", "{body}");
    }
    // The fourth try waits, even with the right password: it is not checked at all.
    let (status, retry, body) = try_sign_in(&app, MEMBER.0, MEMBER.1).await;
    assert_eq!(code_of(&body), "RATE_LIMITED", "{body}");
    assert_eq!(
        status, 200,
        "a GraphQL error, with the wait in a header too"
    );
    assert!(matches!(retry, Some(1..=2)), "{retry:?}");
    assert_eq!(
        body["errors"][0]["extensions"]["retryAfter"],
        json!(retry.unwrap_or(0))
    );

    // Nine failures a minute ago: the tenth is allowed, and locks the account.
    failures_recorded(
        &app,
        &format!("account:{}", MEMBER.0),
        9,
        Duration::seconds(70),
    )
    .await;
    let (_, _, body) = try_sign_in(&app, MEMBER.0, "still-not-the-password").await;
    assert_eq!(code_of(&body), "UNAUTHENTICATED", "{body}");
    let (_, retry, body) = try_sign_in(&app, MEMBER.0, MEMBER.1).await;
    assert_eq!(code_of(&body), "SIGN_IN_LOCKED", "{body}");
    assert!(matches!(retry, Some(890..=900)), "{retry:?}");
    // Another account from the same address is not held up by this one.
    app.sign_in(OPERATOR).await;
}

async fn a_right_password_forgets_the_account_s_failures(app: TestApp) {
    for _ in 0..2 {
        try_sign_in(&app, COORDINATOR.0, "wrong-wrong-wrong").await;
    }
    app.sign_in(COORDINATOR).await;
    for _ in 0..3 {
        let (_, _, body) = try_sign_in(&app, COORDINATOR.0, "wrong-wrong-wrong").await;
        assert_eq!(
            code_of(&body),
            "UNAUTHENTICATED",
            "three free again: {body}"
        );
    }
}

async fn an_address_that_guessed_too_much_is_locked_for_every_account(app: TestApp) {
    failures_recorded(&app, "address:127.0.0.1", 49, Duration::seconds(70)).await;
    let (_, _, body) = try_sign_in(&app, "nobody@example.pl", "guess-guess-guess").await;
    assert_eq!(code_of(&body), "UNAUTHENTICATED", "{body}");
    let (_, retry, body) = try_sign_in(&app, OPERATOR.0, OPERATOR.1).await;
    assert_eq!(code_of(&body), "SIGN_IN_LOCKED", "{body}");
    assert!(retry.is_some());
}

async fn unknown_accounts_are_answered_like_wrong_passwords(app: TestApp) {
    let (_, _, unknown) = try_sign_in(&app, "nobody@example.pl", "any-password-1").await;
    let (_, _, wrong) = try_sign_in(&app, MEMBER.0, "any-password-1").await;
    assert_eq!(
        unknown["errors"][0]["message"],
        wrong["errors"][0]["message"]
    );
    assert_eq!(code_of(&unknown), "UNAUTHENTICATED");
}

const CHANGE: &str = "mutation ($i: ChangePasswordInput!) { changePassword(input: $i) { ok userErrors { field message } } }";

async fn new_passwords_must_pass_the_policy(app: TestApp) {
    let session = app.sign_in(MEMBER).await;
    for weak in [
        "aaaaaaaaaa",
        "short",
        "1234567890",
        "Password1234",
        "czlonek-in-the-password",
    ] {
        let data = app
            .query_as(
                &session,
                CHANGE,
                json!({ "i": { "currentPassword": MEMBER.1, "newPassword": weak } }),
            )
            .await;
        assert_eq!(data["changePassword"]["ok"], false, "{weak}: {data}");
        assert_eq!(
            data["changePassword"]["userErrors"][0]["field"], "newPassword",
            "{weak}: {data}"
        );
    }
    let operator = app.sign_in(OPERATOR).await;
    let data = app
        .query_as(
            &operator,
            "mutation { createUser(input: { email: \"n@example.pl\", password: \"qwertyuiop\", displayName: \"N\" }) { user { id } userErrors { field } } }",
            json!({}),
        )
        .await;
    assert_eq!(data["createUser"]["userErrors"][0]["field"], "password");
    // The web app's and the CLI's example passes.
    let data = app
        .query_as(
            &session,
            CHANGE,
            json!({ "i": { "currentPassword": MEMBER.1, "newPassword": "kto-pyta-nie-błądzi-42" } }),
        )
        .await;
    assert_eq!(data["changePassword"]["ok"], true, "{data}");
}

const REFRESH: &str = "mutation ($t: String!) { refreshSession(input: { refreshToken: $t }) { session { accessToken refreshToken } } }";

async fn a_signed_out_session_s_access_token_stops_at_once(app: TestApp) {
    let session = app.session(MEMBER).await;
    let access = session["accessToken"].as_str().expect("access token");
    app.query_as(access, "{ me { user { email } } }", json!({}))
        .await;
    app.query(
        "mutation ($t: String!) { signOut(input: { refreshToken: $t }) { ok } }",
        json!({ "t": session["refreshToken"] }),
    )
    .await;
    let (status, body) = app
        .post_as(access, "{ me { user { email } } }", json!({}))
        .await;
    assert_eq!(status, 401, "{body}");
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("ended"),
        "{body}"
    );
}

async fn a_reused_refresh_token_ends_the_whole_chain(app: TestApp) {
    let first = app.session(COORDINATOR).await;
    let stolen = first["refreshToken"].as_str().expect("refresh token");
    let next =
        app.query(REFRESH, json!({ "t": stolen })).await["refreshSession"]["session"].clone();
    // The thief replays the spent token: refused, and the owner's newer tokens end with it.
    assert_eq!(
        app.error_code(REFRESH, json!({ "t": stolen })).await,
        "UNAUTHENTICATED"
    );
    assert_eq!(
        app.error_code(REFRESH, json!({ "t": next["refreshToken"] }))
            .await,
        "UNAUTHENTICATED"
    );
    let (status, _) = app
        .post_as(
            next["accessToken"].as_str().expect("access token"),
            "{ me { user { email } } }",
            json!({}),
        )
        .await;
    assert_eq!(status, 401);
    // Other sessions of the account go on.
    app.sign_in(COORDINATOR).await;
}

on_both_backends! {
    throttle_and_lock => wrong_passwords_slow_sign_in_down_then_lock_it;
    success_forgets => a_right_password_forgets_the_account_s_failures;
    address_lock => an_address_that_guessed_too_much_is_locked_for_every_account;
    unknown_accounts => unknown_accounts_are_answered_like_wrong_passwords;
    password_policy => new_passwords_must_pass_the_policy;
    sign_out => a_signed_out_session_s_access_token_stops_at_once;
    refresh_reuse => a_reused_refresh_token_ends_the_whole_chain;
    disabled => a_disabled_account_is_refused_at_once_with_its_tokens;
}

async fn a_disabled_account_is_refused_at_once_with_its_tokens(app: TestApp) {
    let coordinator = app.sign_in(COORDINATOR).await;
    let cluster = app
        .cluster_id("klaster-gospodarki-odpadowej-i-recyklingu")
        .await;
    let token = app
        .create_token(
            COORDINATOR,
            json!({ "name": "crm", "clusterId": cluster, "scopes": ["READ_CLUSTER_PRIVATE"] }),
        )
        .await["token"]
        .as_str()
        .expect("a token")
        .to_owned();
    let klastry = |action: &str| {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_klastry"))
            .args(["user", action, "--email", COORDINATOR.0])
            .env("DATABASE_URL", &app.database_url)
            .output()
            .expect("klastry runs");
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    };
    klastry("disable");
    for credential in [&coordinator, &token] {
        let (status, body) = app
            .post_as(credential, "{ statistics { clusterCount } }", json!({}))
            .await;
        assert_eq!(status, 401, "{body}");
    }
    let (_, _, body) = try_sign_in(&app, COORDINATOR.0, COORDINATOR.1).await;
    assert_eq!(code_of(&body), "UNAUTHENTICATED", "{body}");
    klastry("enable");
    app.sign_in(COORDINATOR).await;
}
