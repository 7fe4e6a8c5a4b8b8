//! Signing up: the account signs in only once the link mailed to it is followed; the mail is in
//! the account's language; the answer is the same whether the address has an account or not;
//! a lost link is replaced on request (at most once a minute); a password the policy refuses is
//! a user error with its code.

use crate::common::{Backend, MEMBER, Over, code_of};
use crate::helpers::{
    OTHER_PASSWORD, PASSWORD, PUBLIC_URL, REQUEST_RESET, RESEND_VERIFICATION, SIGN_UP, VERIFY_EN,
    VERIFY_PL, a_few_minutes_pass_for_mail_to, mailing_app, me, mutate, operator, outbox_to,
    sign_in, sign_up, text, try_sign_in, user_error, user_errors, users_found, verify, write,
};
use crate::on_both_backends;
use serde_json::{Value, json};
use std::time::Duration;

async fn a_new_account_signs_in_only_after_following_the_mailed_link(backend: Backend) {
    let Some((app, sink)) = mailing_app(backend).await else {
        return;
    };
    let email = "ewa.nowak@example.org";
    let answer = sign_up(&app, email, PASSWORD, "Ewa Nowak", "EN").await;
    assert_eq!(answer, json!({ "ok": true, "userErrors": [] }));

    // Before the link is followed, the right password is told the address is not verified;
    // a wrong one learns only that the credentials are wrong.
    let early = try_sign_in(&app, email, PASSWORD).await;
    assert_eq!(code_of(&early), "EMAIL_NOT_VERIFIED", "{early}");
    let wrong = try_sign_in(&app, email, "nie-to-hasło-123").await;
    assert_eq!(code_of(&wrong), "UNAUTHENTICATED", "{wrong}");

    let mail = sink.wait_for(email, None).await;
    assert_eq!(mail.subject, VERIFY_EN);
    let link = mail.link("/verify-email");
    assert!(
        link.starts_with(&format!("{PUBLIC_URL}/verify-email?token=")),
        "{link}"
    );
    let verified = verify(&app, &mail.token("/verify-email")).await;
    assert_eq!(verified["userErrors"], json!([]), "{verified}");
    assert_eq!(verified["session"]["user"]["email"], email);

    // The session the link opened works, and so does the password from now on.
    let profile = me(&app, &text(&verified, "/session/accessToken")).await;
    assert_eq!(profile["user"]["email"], email);
    assert_eq!(profile["user"]["displayName"], "Ewa Nowak");
    assert_eq!(profile["roles"], json!([]), "a new account holds no role");
    let token = sign_in(&app, email, PASSWORD).await;
    assert_eq!(me(&app, &token).await["user"]["email"], email);

    // The link works once.
    let again = verify(&app, &mail.token("/verify-email")).await;
    assert_eq!(
        user_errors(&again),
        user_error("token", "EXPIRED"),
        "{again}"
    );
    assert_eq!(again["session"], Value::Null);
}

async fn the_mail_is_written_in_the_account_s_language(backend: Backend) {
    let Some((app, sink)) = mailing_app(backend).await else {
        return;
    };
    sign_up(&app, "ola@example.org", PASSWORD, "Ola", "PL").await;
    sign_up(&app, "tom@example.org", PASSWORD, "Tom", "EN").await;
    let polish = sink.wait_for("ola@example.org", None).await;
    let english = sink.wait_for("tom@example.org", None).await;
    assert_eq!(polish.subject, VERIFY_PL);
    assert!(polish.text.contains("Dzień dobry Ola,"), "{}", polish.text);
    assert_eq!(english.subject, VERIFY_EN);
    assert!(english.text.contains("Hello Tom,"), "{}", english.text);
    // Both carry the same kind of link, as text and as HTML.
    for mail in [&polish, &english] {
        let link = mail.link("/verify-email");
        assert!(
            mail.html.contains(&format!("href=\"{link}\"")),
            "{}",
            mail.html
        );
    }

    // An account that changes its language is written to in the new one.
    let ola = verify(&app, &polish.token("/verify-email")).await;
    let token = text(&ola, "/session/accessToken");
    let changed = write(
        &app,
        Some(&token),
        ("updateMyAccount", "UpdateMyAccountInput"),
        json!({ "language": "EN", "displayName": "Ola K." }),
        "user { displayName }",
    )
    .await;
    assert_eq!(changed["user"]["displayName"], "Ola K.");
    write(
        &app,
        None,
        REQUEST_RESET,
        json!({ "email": "ola@example.org" }),
        "ok",
    )
    .await;
    let reset = sink
        .wait_for("ola@example.org", Some("Set a new klastry password"))
        .await;
    assert!(reset.text.contains("Hello Ola K.,"), "{}", reset.text);
}

async fn a_new_link_is_mailed_on_request_and_the_lost_one_stops_working(backend: Backend) {
    let Some((app, sink)) = mailing_app(backend).await else {
        return;
    };
    let email = "zgubiony.link@example.org";
    sign_up(&app, email, PASSWORD, "Zgubiony", "PL").await;
    let lost = sink
        .wait_for(email, Some(VERIFY_PL))
        .await
        .token("/verify-email");
    let again = json!({ "email": email });
    // At most one link a minute: asked at once, the answer is the same and nothing is mailed.
    let soon = write(&app, None, RESEND_VERIFICATION, again.clone(), "ok").await;
    assert_eq!(soon["ok"], true);
    a_few_minutes_pass_for_mail_to(&app, email).await;
    write(&app, None, RESEND_VERIFICATION, again, "ok").await;
    let mails = sink.wait_for_count(email, 2).await;
    let fresh = mails[1].token("/verify-email");
    assert_ne!(fresh, lost);
    let old = verify(&app, &lost).await;
    assert_eq!(user_errors(&old), user_error("token", "EXPIRED"));
    let verified = verify(&app, &fresh).await;
    assert_eq!(verified["session"]["user"]["email"], email, "{verified}");
    // Answered alike for a verified account and an unknown address; neither is mailed.
    for address in [MEMBER.0, "nieznany@example.org"] {
        let answer = write(
            &app,
            None,
            RESEND_VERIFICATION,
            json!({ "email": address }),
            "ok",
        )
        .await;
        assert_eq!(answer["ok"], true);
    }
    write(&app, None, REQUEST_RESET, json!({ "email": email }), "ok").await;
    sink.wait_for(email, Some("Ustaw nowe hasło")).await;
    assert_eq!(
        sink.count_to(email),
        3,
        "two links and the reset: the request within the minute mailed nothing"
    );
    assert_eq!(sink.count_to(MEMBER.0), 0);
    assert_eq!(sink.count_to("nieznany@example.org"), 0);
}

/// A request's answer without `extensions`, where test servers expose their statement counts.
async fn answer_to_sign_up(app: &crate::common::TestApp, email: &str, password: &str) -> Value {
    let (status, mut body) = app
        .post(
            "mutation ($i: SignUpInput!) { signUp(input: $i) { ok userErrors { field code } } }",
            json!({ "i": { "email": email, "password": password, "displayName": "Ktoś" } }),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    if let Some(body) = body.as_object_mut() {
        body.remove("extensions");
    }
    body
}

async fn sign_up_answers_alike_for_known_and_unknown_addresses(backend: Backend) {
    let Some((app, sink)) = mailing_app(backend).await else {
        return;
    };
    let stranger = "nikt@example.org";
    let known = answer_to_sign_up(&app, MEMBER.0, PASSWORD).await;
    let unknown = answer_to_sign_up(&app, stranger, PASSWORD).await;
    assert_eq!(known, unknown, "the answer tells nobody who has an account");
    assert_eq!(known["data"]["signUp"]["ok"], true, "{known}");

    // The owner of the known address is told, in their language, that someone tried; the
    // new address gets its link.
    let warned = sink.wait_for(MEMBER.0, None).await;
    assert_eq!(warned.subject, "Próba założenia konta na Twój adres");
    warned.link("/forgot-password");
    assert!(!warned.text.contains("/verify-email"), "{}", warned.text);
    let welcomed = sink.wait_for(stranger, Some(VERIFY_PL)).await;
    let operator = operator(&app).await;
    let templates = |mails: Vec<Value>| -> Vec<Value> {
        mails.into_iter().map(|m| m["template"].clone()).collect()
    };
    assert_eq!(
        templates(outbox_to(&app, &operator, MEMBER.0).await),
        [json!("SIGN_UP_ATTEMPTED")]
    );
    assert_eq!(
        templates(outbox_to(&app, &operator, stranger).await),
        [json!("VERIFY_EMAIL")]
    );

    // No account was made twice, and the known account's password is still its own.
    assert_eq!(users_found(&app, &operator, MEMBER.0).await.len(), 1);
    assert_eq!(users_found(&app, &operator, stranger).await.len(), 1);
    sign_in(&app, MEMBER.0, MEMBER.1).await;
    let taken_over = try_sign_in(&app, MEMBER.0, PASSWORD).await;
    assert_eq!(code_of(&taken_over), "UNAUTHENTICATED", "{taken_over}");

    // Signing up again with the address not yet verified answers alike, makes no second
    // account and keeps the first password: nobody sets a password for an address they do
    // not hold. (Within a minute of the first, no second link is mailed.)
    let again = answer_to_sign_up(&app, stranger, OTHER_PASSWORD).await;
    assert_eq!(again, unknown);
    assert_eq!(users_found(&app, &operator, stranger).await.len(), 1);
    let verified = verify(&app, &welcomed.token("/verify-email")).await;
    assert_eq!(verified["userErrors"], json!([]), "{verified}");
    sign_in(&app, stranger, PASSWORD).await;
    let second = try_sign_in(&app, stranger, OTHER_PASSWORD).await;
    assert_eq!(code_of(&second), "UNAUTHENTICATED", "{second}");
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(sink.count_to(stranger), 1, "one link a minute");
}

async fn a_password_the_policy_refuses_is_a_user_error_with_its_code(backend: Backend) {
    let Some((app, sink)) = mailing_app(backend).await else {
        return;
    };
    let email = "slabe.haslo@example.org";
    for (password, code) in [
        ("krótkie-1", "TOO_SHORT"),
        ("abababababab", "TOO_SIMPLE"),
        ("password1234", "TOO_COMMON"),
        ("moje-slabe.haslo-2024", "NOT_ALLOWED"),
    ] {
        let input = json!({ "email": email, "password": password, "displayName": "Słabe" });
        let payload = mutate(&app, None, SIGN_UP, input, "ok").await;
        assert_eq!(payload["ok"], false, "{password}: {payload}");
        assert_eq!(
            user_errors(&payload),
            user_error("password", code),
            "{password}: {payload}"
        );
    }
    // Bounds come with the code that has them.
    let input = json!({ "email": email, "password": "krótkie-1", "displayName": "Słabe" });
    let short = mutate(&app, None, SIGN_UP, input, "ok userErrors { min actual }").await;
    assert_eq!(short["userErrors"][0]["min"], 10, "{short}");
    assert_eq!(short["userErrors"][0]["actual"], 9, "{short}");
    // Every broken rule of the input at once; nothing made, nothing mailed.
    let input = json!({ "email": "nie-adres", "password": "abc", "displayName": " " });
    let all = mutate(&app, None, SIGN_UP, input, "ok").await;
    let fields: Vec<String> = user_errors(&all).into_iter().map(|(f, _)| f).collect();
    assert_eq!(fields, ["email", "password", "displayName"], "{all}");
    let operator = operator(&app).await;
    assert!(users_found(&app, &operator, email).await.is_empty());
    assert!(outbox_to(&app, &operator, email).await.is_empty());
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(sink.count_to(email), 0);
}

/// Twenty requests that mail an address from one client go through, over either transport;
/// the next is slowed down, over either transport, whoever it mails.
async fn requests_that_mail_strangers_are_slowed_per_client_address(backend: Backend) {
    let Some(app) = crate::common::TestApp::spawn(backend).await else {
        return;
    };
    let reset = "mutation ($i: EmailInput!) { requestPasswordReset(input: $i) { ok } }";
    for n in 0..20 {
        let over = if n % 2 == 0 { Over::Http } else { Over::Socket };
        let email = format!("nikt-{n}@example.org");
        let answer = app
            .ask(over, None, reset, json!({ "i": { "email": email } }))
            .await;
        assert_eq!(
            answer["data"]["requestPasswordReset"]["ok"], true,
            "{answer}"
        );
    }
    let sign_up = "mutation ($i: SignUpInput!) { signUp(input: $i) { ok } }";
    for over in Over::BOTH {
        let input = json!({ "i": {
            "email": "jeszcze-jeden@example.org",
            "password": PASSWORD,
            "displayName": "Jeszcze Jeden",
        } });
        let answer = app.ask(over, None, sign_up, input).await;
        assert_eq!(code_of(&answer), "RATE_LIMITED", "{over:?}: {answer}");
        assert!(
            answer["errors"][0]["extensions"]["retryAfter"].as_u64() >= Some(1),
            "{answer}"
        );
    }
}

on_both_backends! {
    backend =>
    mail_requests_slowed_per_client_address => requests_that_mail_strangers_are_slowed_per_client_address;
    signs_in_only_after_following_the_mailed_link => a_new_account_signs_in_only_after_following_the_mailed_link;
    mail_in_the_account_s_language => the_mail_is_written_in_the_account_s_language;
    new_link_on_request_ends_the_lost_one => a_new_link_is_mailed_on_request_and_the_lost_one_stops_working;
    answers_alike_for_known_and_unknown_addresses => sign_up_answers_alike_for_known_and_unknown_addresses;
    refused_password_is_a_user_error_with_its_code => a_password_the_policy_refuses_is_a_user_error_with_its_code;
}
