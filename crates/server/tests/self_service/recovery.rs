//! Getting back in and letting go: a password reset by a mailed link that works once and ends
//! every session; an address change confirmed at the new address; signing out everywhere; and
//! deleting an account, which anonymises it.

use crate::common::{Backend, MEMBER, TestApp, code_of};
use crate::helpers::{
    OTHER_PASSWORD, PASSWORD, REFRESH, REGISTER_ORGANISATION, REQUEST_RESET, REQUEST_TO_ACT,
    RESET_PASSWORD, data, mailing_app, me, me_refusal, mutate, nip, operator, outbox_to, refused,
    sign_in, signed_up, text, try_sign_in, user_error, user_errors, users_found, write,
};
use crate::on_both_backends;
use serde_json::{Value, json};

const CHANGE_EMAIL: (&str, &str) = ("requestEmailChange", "RequestEmailChangeInput");
const CONFIRM_EMAIL: (&str, &str) = ("confirmEmailChange", "LinkTokenInput");
const DELETE_ACCOUNT: (&str, &str) = ("deleteMyAccount", "DeleteMyAccountInput");
const UPDATE_ACCOUNT: (&str, &str) = ("updateMyAccount", "UpdateMyAccountInput");
const SIGN_OUT_EVERYWHERE: &str = "mutation { signOutEverywhere { ok userErrors { field code } } }";

/// The code a refresh token is refused with.
async fn refresh_refusal(app: &TestApp, refresh: &str) -> String {
    refused(app, None, REFRESH, json!({ "refreshToken": refresh })).await
}

async fn a_reset_link_sets_a_new_password_once_and_ends_every_session(backend: Backend) {
    let Some((app, sink)) = mailing_app(backend).await else {
        return;
    };
    let account = signed_up(&app, &sink, "anna.kowalska@example.org", "Anna", "PL").await;
    let elsewhere = sign_in(&app, &account.email, PASSWORD).await;

    let asked = mutate(
        &app,
        None,
        REQUEST_RESET,
        json!({ "email": account.email }),
        "ok",
    )
    .await;
    assert_eq!(asked["ok"], true, "{asked}");
    let mail = sink
        .wait_for(&account.email, Some("Ustaw nowe hasło"))
        .await;
    let token = mail.token("/reset-password");

    // A new password the policy refuses leaves the link unused.
    let weak = json!({ "token": token, "newPassword": "abababababab" });
    let refused_password = mutate(&app, None, RESET_PASSWORD, weak, "ok").await;
    assert_eq!(
        user_errors(&refused_password),
        user_error("newPassword", "TOO_SIMPLE")
    );
    assert_eq!(
        me_refusal(&app, &account.token).await,
        "",
        "nothing ended yet"
    );

    let reset = json!({ "token": token, "newPassword": OTHER_PASSWORD });
    let done = mutate(&app, None, RESET_PASSWORD, reset, "ok").await;
    assert_eq!(done, json!({ "ok": true, "userErrors": [] }));

    // Every session ends at once: access tokens and refresh tokens alike.
    assert_eq!(me_refusal(&app, &account.token).await, "UNAUTHENTICATED");
    assert_eq!(me_refusal(&app, &elsewhere).await, "UNAUTHENTICATED");
    assert_eq!(
        refresh_refusal(&app, &account.refresh).await,
        "UNAUTHENTICATED"
    );
    // The old password is refused, the new one signs in.
    let old = try_sign_in(&app, &account.email, PASSWORD).await;
    assert_eq!(code_of(&old), "UNAUTHENTICATED", "{old}");
    let token_now = sign_in(&app, &account.email, OTHER_PASSWORD).await;
    assert_eq!(
        me(&app, &token_now).await["user"]["email"],
        account.email.as_str()
    );

    // The owner is told, in their language.
    let notice = sink
        .wait_for(&account.email, Some("Hasło zostało zmienione"))
        .await;
    notice.link("/forgot-password");
    let operator = operator(&app).await;
    let templates: Vec<Value> = outbox_to(&app, &operator, &account.email)
        .await
        .into_iter()
        .map(|m| m["template"].clone())
        .collect();
    assert_eq!(
        templates,
        [
            json!("VERIFY_EMAIL"),
            json!("RESET_PASSWORD"),
            json!("PASSWORD_CHANGED")
        ]
    );

    // The link works once.
    let again = json!({ "token": token, "newPassword": "trzecie-hasło-do-konta-9" });
    let second = mutate(&app, None, RESET_PASSWORD, again, "ok").await;
    assert_eq!(second["ok"], false, "{second}");
    assert_eq!(user_errors(&second), user_error("token", "EXPIRED"));
    sign_in(&app, &account.email, OTHER_PASSWORD).await;
}

/// The answer to asking for a reset link, without the test server's `extensions`.
async fn answer_to_reset_request(app: &TestApp, email: &str) -> Value {
    let (status, mut body) = app
        .post(
            "mutation ($i: EmailInput!) { requestPasswordReset(input: $i) { ok userErrors { field code } } }",
            json!({ "i": { "email": email } }),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    if let Some(body) = body.as_object_mut() {
        body.remove("extensions");
    }
    body
}

async fn a_reset_request_answers_alike_for_known_and_unknown_addresses(backend: Backend) {
    let Some((app, sink)) = mailing_app(backend).await else {
        return;
    };
    let stranger = "nikt.taki@example.org";
    let unknown = answer_to_reset_request(&app, stranger).await;
    let known = answer_to_reset_request(&app, MEMBER.0).await;
    assert_eq!(known, unknown, "the answer tells nobody who has an account");
    assert_eq!(known["data"]["requestPasswordReset"]["ok"], true);
    // Only the account's owner is mailed; mail goes out in order, so once that one is in, the
    // stranger's would be too.
    sink.wait_for(MEMBER.0, Some("Ustaw nowe hasło")).await;
    assert_eq!(sink.count_to(stranger), 0);
    let operator = operator(&app).await;
    assert!(outbox_to(&app, &operator, stranger).await.is_empty());
}

async fn an_address_change_is_confirmed_by_a_link_to_the_new_address(backend: Backend) {
    let Some((app, sink)) = mailing_app(backend).await else {
        return;
    };
    let account = signed_up(&app, &sink, "stary.adres@example.org", "Piotr", "EN").await;
    let new_email = "nowy.adres@example.org";

    let wrong = json!({ "newEmail": new_email, "currentPassword": "nie-to-hasło-123" });
    let refused_change = mutate(&app, account.bearer(), CHANGE_EMAIL, wrong, "ok").await;
    assert_eq!(
        user_errors(&refused_change),
        user_error("currentPassword", "WRONG_PASSWORD")
    );
    let taken = json!({ "newEmail": MEMBER.0, "currentPassword": PASSWORD });
    let refused_taken = mutate(&app, account.bearer(), CHANGE_EMAIL, taken, "ok").await;
    assert_eq!(
        user_errors(&refused_taken),
        user_error("newEmail", "NOT_UNIQUE")
    );

    let asked = json!({ "newEmail": new_email, "currentPassword": PASSWORD });
    let done = mutate(&app, account.bearer(), CHANGE_EMAIL, asked, "ok").await;
    assert_eq!(done, json!({ "ok": true, "userErrors": [] }));
    let mail = sink
        .wait_for(new_email, Some("Confirm your new e-mail address"))
        .await;
    // Until the link is followed, the account signs in with its old address.
    sign_in(&app, &account.email, PASSWORD).await;
    let early = try_sign_in(&app, new_email, PASSWORD).await;
    assert_eq!(code_of(&early), "UNAUTHENTICATED", "{early}");

    let confirm = json!({ "token": mail.token("/confirm-email") });
    let confirmed = write(
        &app,
        None,
        CONFIRM_EMAIL,
        confirm.clone(),
        "user { id email }",
    )
    .await;
    assert_eq!(confirmed["user"]["email"], new_email);
    assert_eq!(confirmed["user"]["id"], account.id.as_str());
    sign_in(&app, new_email, PASSWORD).await;
    let old = try_sign_in(&app, &account.email, PASSWORD).await;
    assert_eq!(code_of(&old), "UNAUTHENTICATED", "{old}");
    // The old address is told where the account went.
    let notice = sink
        .wait_for(&account.email, Some("e-mail address was changed"))
        .await;
    assert!(notice.text.contains(new_email), "{}", notice.text);
    // The link works once.
    let again = mutate(&app, None, CONFIRM_EMAIL, confirm, "user { id }").await;
    assert_eq!(user_errors(&again), user_error("token", "EXPIRED"));
}

async fn signing_out_everywhere_ends_this_session_too(backend: Backend) {
    let Some((app, sink)) = mailing_app(backend).await else {
        return;
    };
    let account = signed_up(&app, &sink, "wszedzie@example.org", "Marek", "PL").await;
    let elsewhere = sign_in(&app, &account.email, PASSWORD).await;
    let done = data(&app, account.bearer(), SIGN_OUT_EVERYWHERE, json!({})).await;
    assert_eq!(
        done["signOutEverywhere"],
        json!({ "ok": true, "userErrors": [] })
    );
    assert_eq!(me_refusal(&app, &account.token).await, "UNAUTHENTICATED");
    assert_eq!(me_refusal(&app, &elsewhere).await, "UNAUTHENTICATED");
    assert_eq!(
        refresh_refusal(&app, &account.refresh).await,
        "UNAUTHENTICATED"
    );
    // The password still signs in; nobody signed in may sign out everywhere.
    sign_in(&app, &account.email, PASSWORD).await;
    let anonymous = crate::helpers::refusal(&app, None, SIGN_OUT_EVERYWHERE, json!({})).await;
    assert_eq!(anonymous, "UNAUTHENTICATED");
}

const TRAIL: &str =
    "{ auditTrail(first: 100) { nodes { actorEmail action objectType objectId before after } } }";
const NODE_STATUS: &str = "query ($id: ID!) { node(id: $id) { ... on AccessRequest { status } } }";

async fn a_deleted_account_is_anonymised_and_cannot_sign_in(backend: Backend) {
    let Some((app, sink)) = mailing_app(backend).await else {
        return;
    };
    let account = signed_up(&app, &sink, "do.usuniecia@example.org", "Zofia", "PL").await;
    // What the account did, with its address in the trail: a new name, an organisation it
    // registered, a request that waits.
    let renamed = json!({ "displayName": "Zofia Usuwana", "language": "EN" });
    write(
        &app,
        account.bearer(),
        UPDATE_ACCOUNT,
        renamed,
        "user { displayName }",
    )
    .await;
    let registered = write(
        &app,
        account.bearer(),
        REGISTER_ORGANISATION,
        json!({ "name": "Usuwana Spółka sp. z o.o.", "nip": nip(1) }),
        "organisation { id }",
    )
    .await;
    let organisation = text(&registered, "/organisation/id");
    let member = app.sign_in(MEMBER).await;
    let technology = app.acting_organisation(&member).await;
    let asked = write(
        &app,
        account.bearer(),
        REQUEST_TO_ACT,
        json!({ "organisationId": technology }),
        "request { id }",
    )
    .await;
    let request = text(&asked, "/request/id");
    let operator = operator(&app).await;
    let trail = data(&app, Some(&operator), TRAIL, json!({})).await;
    assert!(
        trail.to_string().contains(&account.email),
        "the trail names the account before: {trail}"
    );

    // A wrong password deletes nothing.
    let wrong = json!({ "currentPassword": "nie-to-hasło-123" });
    let kept = mutate(&app, account.bearer(), DELETE_ACCOUNT, wrong, "ok").await;
    assert_eq!(
        user_errors(&kept),
        user_error("currentPassword", "WRONG_PASSWORD")
    );
    assert_eq!(me_refusal(&app, &account.token).await, "");

    let right = json!({ "currentPassword": PASSWORD });
    let deleted = mutate(&app, account.bearer(), DELETE_ACCOUNT, right, "ok").await;
    assert_eq!(deleted, json!({ "ok": true, "userErrors": [] }));

    // The account is gone for its owner: its session ends and the old address no longer
    // signs in.
    assert_eq!(me_refusal(&app, &account.token).await, "UNAUTHENTICATED");
    let again = try_sign_in(&app, &account.email, PASSWORD).await;
    assert_eq!(code_of(&again), "UNAUTHENTICATED", "{again}");
    // Nobody finds the person: not by address, not by name.
    assert!(
        users_found(&app, &operator, &account.email)
            .await
            .is_empty()
    );
    assert!(users_found(&app, &operator, "Zofia").await.is_empty());
    // The trail keeps what was done, without who did it.
    let trail = data(&app, Some(&operator), TRAIL, json!({})).await;
    let text_of_trail = trail.to_string();
    assert!(
        !text_of_trail.contains(&account.email) && !text_of_trail.contains("Zofia"),
        "the trail still names the person: {trail}"
    );
    let entries = trail["auditTrail"]["nodes"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let about_organisation: Vec<&Value> = entries
        .iter()
        .filter(|e| e["objectId"] == organisation.as_str())
        .collect();
    assert!(!about_organisation.is_empty(), "{trail}");
    for entry in about_organisation {
        assert_eq!(entry["actorEmail"], Value::Null, "{entry}");
    }
    // Its own entries keep what happened to the account, not what it held.
    let about_account: Vec<&Value> = entries
        .iter()
        .filter(|e| e["objectType"] == "User" && e["objectId"] == account.id.as_str())
        .collect();
    let actions: Vec<&Value> = about_account.iter().map(|e| &e["action"]).collect();
    assert!(actions.contains(&&json!("DELETE_ACCOUNT")), "{actions:?}");
    assert!(actions.contains(&&json!("UPDATE")), "{actions:?}");
    for entry in about_account {
        assert_eq!(entry["actorEmail"], Value::Null, "{entry}");
        assert_eq!(entry["before"], Value::Null, "{entry}");
        assert_eq!(entry["after"], Value::Null, "{entry}");
    }
    // Its roles are taken away and its waiting request withdrawn.
    let users = data(
        &app,
        Some(&operator),
        "query ($o: ID!) { organisationUsers(organisationId: $o) { id } }",
        json!({ "o": organisation }),
    )
    .await;
    assert_eq!(users["organisationUsers"], json!([]));
    let status = data(&app, Some(&operator), NODE_STATUS, json!({ "id": request })).await;
    assert_eq!(status["node"]["status"], "WITHDRAWN");
    // A token of the deleted account does nothing.
    let code = refused(
        &app,
        account.bearer(),
        UPDATE_ACCOUNT,
        json!({ "displayName": "Wraca" }),
    )
    .await;
    assert_eq!(code, "UNAUTHENTICATED");
}

on_both_backends! {
    backend =>
    reset_link_works_once_and_ends_every_session => a_reset_link_sets_a_new_password_once_and_ends_every_session;
    reset_request_answers_alike => a_reset_request_answers_alike_for_known_and_unknown_addresses;
    address_change_confirmed_at_the_new_address => an_address_change_is_confirmed_by_a_link_to_the_new_address;
    sign_out_everywhere_ends_this_session_too => signing_out_everywhere_ends_this_session_too;
    deleted_account_is_anonymised => a_deleted_account_is_anonymised_and_cannot_sign_in;
}
