//! The operators' hand on accounts: a disabled account is refused at once and may be enabled
//! again; an account not yet verified can be mailed a new link; and the mail outbox and the
//! account list are the operators' alone.

use crate::common::{Backend, COORDINATOR, MEMBER, code_of};
use crate::helpers::{
    PASSWORD, REFRESH, SET_DISABLED, VERIFY_PL, a_few_minutes_pass_for_mail_to, ask, data,
    mailing_app, me, me_refusal, mutate, operator, refusal, refused, sign_in, sign_up, signed_up,
    text, try_sign_in, user_error, user_errors, users_found, verify, write,
};
use crate::on_both_backends;
use serde_json::{Value, json};

const RESEND_FOR: (&str, &str) = ("resendVerificationFor", "UserIdInput");

async fn a_disabled_account_is_refused_at_once(backend: Backend) {
    let Some((app, sink)) = mailing_app(backend).await else {
        return;
    };
    let account = signed_up(&app, &sink, "wylaczony@example.org", "Wyłączony", "PL").await;
    let operator = operator(&app).await;
    let found = users_found(&app, &operator, &account.email).await;
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["id"], account.id.as_str());
    let disable = json!({ "userId": account.id, "disabled": true });

    // Operators alone disable accounts, and not their own.
    let member = app.sign_in(MEMBER).await;
    assert_eq!(
        refused(&app, Some(&member), SET_DISABLED, disable.clone()).await,
        "FORBIDDEN"
    );
    let own = text(&me(&app, &operator).await, "/user/id");
    let itself = mutate(
        &app,
        Some(&operator),
        SET_DISABLED,
        json!({ "userId": own, "disabled": true }),
        "user { id }",
    )
    .await;
    assert_eq!(user_errors(&itself), user_error("userId", "NOT_ALLOWED"));

    assert_eq!(
        me_refusal(&app, &account.token).await,
        "",
        "it works before"
    );
    write(&app, Some(&operator), SET_DISABLED, disable, "user { id }").await;
    // Its access token stops at once, as do its refresh token and its password.
    assert_eq!(me_refusal(&app, &account.token).await, "UNAUTHENTICATED");
    assert_eq!(
        refused(
            &app,
            None,
            REFRESH,
            json!({ "refreshToken": account.refresh })
        )
        .await,
        "UNAUTHENTICATED"
    );
    let answer = try_sign_in(&app, &account.email, PASSWORD).await;
    assert_eq!(code_of(&answer), "UNAUTHENTICATED", "{answer}");

    // Enabled again, it signs in anew; the sessions it had stay ended.
    let enable = json!({ "userId": account.id, "disabled": false });
    write(&app, Some(&operator), SET_DISABLED, enable, "user { id }").await;
    let token = sign_in(&app, &account.email, PASSWORD).await;
    assert_eq!(me_refusal(&app, &token).await, "");
    assert_eq!(me_refusal(&app, &account.token).await, "UNAUTHENTICATED");
}

async fn an_operator_mails_an_unverified_account_a_new_link(backend: Backend) {
    let Some((app, sink)) = mailing_app(backend).await else {
        return;
    };
    let email = "bez.linku@example.org";
    sign_up(&app, email, PASSWORD, "Bez Linku", "PL").await;
    let lost = sink
        .wait_for(email, Some(VERIFY_PL))
        .await
        .token("/verify-email");
    let operator = operator(&app).await;
    let found = users_found(&app, &operator, email).await;
    let by_id = json!({ "userId": found[0]["id"] });

    let member = app.sign_in(MEMBER).await;
    assert_eq!(
        refused(&app, Some(&member), RESEND_FOR, by_id.clone()).await,
        "FORBIDDEN"
    );
    a_few_minutes_pass_for_mail_to(&app, email).await;
    let resent = write(&app, Some(&operator), RESEND_FOR, by_id, "user { email }").await;
    assert_eq!(resent["user"]["email"], email);
    let mails = sink.wait_for_count(email, 2).await;
    let fresh = mails[1].token("/verify-email");
    // The new link works; the lost one no longer does.
    let old = verify(&app, &lost).await;
    assert_eq!(user_errors(&old), user_error("token", "EXPIRED"));
    let verified = verify(&app, &fresh).await;
    assert_eq!(verified["session"]["user"]["email"], email, "{verified}");

    // An account verified already is not mailed a link.
    let member_id = text(&me(&app, &member).await, "/user/id");
    let verified_already = mutate(
        &app,
        Some(&operator),
        RESEND_FOR,
        json!({ "userId": member_id }),
        "user { id }",
    )
    .await;
    assert_eq!(
        user_errors(&verified_already),
        user_error("userId", "NOT_ALLOWED")
    );
}

const OUTBOX: &str = "{ mailOutbox(first: 5) { nodes { id recipient } } }";
const USERS: &str = "{ users(first: 5) { nodes { id email } } }";
const MAIL_NODE: &str = "query ($id: ID!) { node(id: $id) { ... on MailMessage { recipient } } }";

/// Who reads the outbox and the account list, and how everyone else is refused.
async fn the_outbox_and_the_account_list_are_for_operators_only(backend: Backend) {
    let Some((app, sink)) = mailing_app(backend).await else {
        return;
    };
    sign_up(&app, "ktokolwiek@example.org", PASSWORD, "Ktokolwiek", "PL").await;
    sink.wait_for("ktokolwiek@example.org", None).await;
    let member = app.sign_in(MEMBER).await;
    let coordinator = app.sign_in(COORDINATOR).await;
    let token = app
        .create_token(COORDINATOR, json!({ "name": "partner", "scopes": [] }))
        .await["token"]
        .as_str()
        .expect("a token's secret")
        .to_owned();
    for query in [OUTBOX, USERS] {
        for (caller, who, code) in [
            (None, "nobody", "UNAUTHENTICATED"),
            (Some(member.as_str()), "a member", "FORBIDDEN"),
            (Some(coordinator.as_str()), "a coordinator", "FORBIDDEN"),
            (Some(token.as_str()), "an API token", "FORBIDDEN"),
        ] {
            assert_eq!(
                refusal(&app, caller, query, json!({})).await,
                code,
                "{query} as {who}"
            );
        }
    }
    let operator = operator(&app).await;
    let mail =
        data(&app, Some(&operator), OUTBOX, json!({})).await["mailOutbox"]["nodes"][0].clone();
    assert_eq!(mail["recipient"], "ktokolwiek@example.org");
    let users = data(&app, Some(&operator), USERS, json!({})).await;
    assert_eq!(
        users["users"]["nodes"][0]["email"], "ktokolwiek@example.org",
        "newest first"
    );
    // A mail is a node for operators alone.
    let id = json!({ "id": mail["id"] });
    let seen = data(&app, Some(&operator), MAIL_NODE, id.clone()).await;
    assert_eq!(seen["node"]["recipient"], "ktokolwiek@example.org");
    for caller in [None, Some(member.as_str()), Some(coordinator.as_str())] {
        let answer = ask(&app, caller, MAIL_NODE, id.clone()).await;
        assert_eq!(answer["data"]["node"], Value::Null, "{answer}");
    }
}

on_both_backends! {
    backend =>
    disabled_account_refused_at_once => a_disabled_account_is_refused_at_once;
    unverified_account_mailed_a_new_link => an_operator_mails_an_unverified_account_a_new_link;
    outbox_and_account_list_for_operators_only => the_outbox_and_the_account_list_are_for_operators_only;
}
