//! The mail outbox: a mail is written in the transaction of the change that owes it, so one
//! committed before its server stopped is sent, exactly once, by the next; a refused change
//! queues none; a mail the SMTP server refuses at first is retried, every try visible; and an
//! SMTP server that asks for a login gets the one in the URL.

use crate::common::smtp::SmtpSink;
use crate::common::{Backend, COORDINATOR, MEMBER, TestApp};
use crate::helpers::{
    PASSWORD, REGISTER_ORGANISATION, REQUEST_RESET, VERIFY_PL, configured, eventually,
    mail_through, mailing_app, mutate, nip, operator, outbox, outbox_to, sign_up, signed_up, text,
    user_error, user_errors, verify, write,
};
use crate::on_both_backends;
use serde_json::{Value, json};
use std::time::Duration;

/// The outbox's last mail to `to` once it is SENT.
async fn sent_mail(app: &TestApp, operator: &str, to: &str) -> Value {
    eventually(&format!("the mail to {to} recorded as sent"), async || {
        outbox_to(app, operator, to)
            .await
            .pop()
            .filter(|mail| mail["status"] == "SENT")
    })
    .await
}

async fn mail_committed_before_its_server_stopped_is_sent_once_by_the_next(backend: Backend) {
    if !configured(backend) {
        return;
    }
    let sink = SmtpSink::start().await;
    // This server writes the mail with the sign-up but never sends it.
    let Some(first) = TestApp::spawn_configured(backend, |c| {
        mail_through(c, &sink);
        c.send_mail = false;
    })
    .await
    else {
        return;
    };
    let email = "po.restarcie@example.org";
    let answer = sign_up(&first, email, PASSWORD, "Po Restarcie", "PL").await;
    assert_eq!(answer["ok"], true, "{answer}");
    let operator = operator(&first).await;
    let queued = outbox_to(&first, &operator, email).await;
    assert_eq!(queued.len(), 1, "{queued:?}");
    assert_eq!(queued[0]["status"], "PENDING");
    assert_eq!(queued[0]["attemptCount"], 0);
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(sink.count_to(email), 0, "nothing was sent yet");
    first.stop();

    // Two servers on the same database take over; the mail goes out once.
    let next = first
        .spawn_beside(|c| {
            mail_through(c, &sink);
            c.send_mail = true;
        })
        .await;
    let another = first
        .spawn_beside(|c| {
            mail_through(c, &sink);
            c.send_mail = true;
        })
        .await;
    let mail = sink.wait_for(email, Some(VERIFY_PL)).await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert_eq!(sink.count_to(email), 1, "sent exactly once");
    let sent = sent_mail(&next, &operator, email).await;
    assert_eq!(sent["attemptCount"], 1, "{sent}");
    // Its link is the one that works.
    let verified = verify(&another, &mail.token("/verify-email")).await;
    assert_eq!(verified["session"]["user"]["email"], email, "{verified}");
}

async fn a_refused_change_queues_no_mail(backend: Backend) {
    let Some((app, sink)) = mailing_app(backend).await else {
        return;
    };
    let operator = operator(&app).await;
    assert_eq!(outbox(&app, &operator).await, Vec::<Value>::new());

    // A sign-up the policy refuses: the owner of the known address is not warned.
    let weak = sign_up(&app, MEMBER.0, "abababababab", "Ktoś", "PL").await;
    assert_eq!(user_errors(&weak), user_error("password", "TOO_SIMPLE"));
    // An organisation with a NIP registered already.
    let account = signed_up(
        &app,
        &sink,
        "rejestrujacy@example.org",
        "Rejestrujący",
        "PL",
    )
    .await;
    let first = json!({ "name": "Pierwsza Firma", "nip": nip(7) });
    write(
        &app,
        Some(&account.token),
        REGISTER_ORGANISATION,
        first,
        "organisation { id }",
    )
    .await;
    let second = json!({ "name": "Druga Firma", "nip": nip(7) });
    let duplicate = mutate(
        &app,
        Some(&account.token),
        REGISTER_ORGANISATION,
        second,
        "organisation { id }",
    )
    .await;
    assert_eq!(user_errors(&duplicate), user_error("nip", "NOT_UNIQUE"));
    assert_eq!(duplicate["organisation"], Value::Null);
    // An address change to an address another account signs in with.
    let taken = json!({ "newEmail": COORDINATOR.0, "currentPassword": PASSWORD });
    let change = ("requestEmailChange", "RequestEmailChangeInput");
    let refused = mutate(&app, Some(&account.token), change, taken, "ok").await;
    assert_eq!(user_errors(&refused), user_error("newEmail", "NOT_UNIQUE"));

    // One more mail, owed after them all: mail goes out in order, so once it is in, anything
    // queued before it would be too.
    write(
        &app,
        None,
        REQUEST_RESET,
        json!({ "email": account.email }),
        "ok",
    )
    .await;
    sink.wait_for(&account.email, Some("Ustaw nowe hasło"))
        .await;
    assert_eq!(sink.count_to(MEMBER.0), 0);
    assert_eq!(sink.count_to(COORDINATOR.0), 0);
    let queued: Vec<(String, String)> = outbox(&app, &operator)
        .await
        .iter()
        .rev()
        .map(|mail| (text(mail, "/recipient"), text(mail, "/template")))
        .collect();
    let owed = |template: &str| (account.email.clone(), template.to_owned());
    assert_eq!(queued, [owed("VERIFY_EMAIL"), owed("RESET_PASSWORD")]);
}

async fn a_mail_refused_at_first_is_retried_and_every_try_is_visible(backend: Backend) {
    if !configured(backend) {
        return;
    }
    // The SMTP server answers the first message's DATA with 451, "try again later".
    let sink = SmtpSink::start_with(None, 1).await;
    let Some(app) = TestApp::spawn_configured(backend, |c| {
        mail_through(c, &sink);
        c.mail_retry_base_ms = 200;
    })
    .await
    else {
        return;
    };
    let email = "ponownie@example.org";
    sign_up(&app, email, PASSWORD, "Ponownie", "PL").await;
    let mail = sink.wait_for(email, Some(VERIFY_PL)).await;
    let operator = operator(&app).await;
    let sent = sent_mail(&app, &operator, email).await;
    assert_eq!(sent["template"], "VERIFY_EMAIL");
    assert_eq!(sent["attemptCount"], 2, "{sent}");
    assert_eq!(sent["lastError"], Value::Null, "{sent}");
    assert!(sent["sentAt"].is_string(), "{sent}");
    let attempts = sent["attempts"].as_array().cloned().unwrap_or_default();
    assert_eq!(attempts.len(), 2, "{sent}");
    assert_eq!(attempts[0]["number"], 1);
    let first_error = attempts[0]["error"].as_str().unwrap_or_default();
    assert!(first_error.contains("451"), "{sent}");
    assert_eq!(attempts[1]["number"], 2);
    assert_eq!(attempts[1]["error"], Value::Null, "{sent}");
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(sink.count_to(email), 1, "delivered once");
    // The retried mail's link works.
    let verified = verify(&app, &mail.token("/verify-email")).await;
    assert_eq!(verified["userErrors"], json!([]), "{verified}");
}

async fn mail_goes_through_an_smtp_server_that_asks_for_a_login(backend: Backend) {
    if !configured(backend) {
        return;
    }
    let sink = SmtpSink::start_with(Some(("klastry", "secret")), 0).await;
    assert!(sink.url().starts_with("smtp://klastry:secret@127.0.0.1:"));
    let Some(app) = TestApp::spawn_configured(backend, |c| mail_through(c, &sink)).await else {
        return;
    };
    let email = "z.logowaniem@example.org";
    sign_up(&app, email, PASSWORD, "Z Logowaniem", "PL").await;
    sink.wait_for(email, Some(VERIFY_PL)).await;
    let operator = operator(&app).await;
    let sent = sent_mail(&app, &operator, email).await;
    assert_eq!(sent["attemptCount"], 1, "{sent}");

    // With a wrong password in the URL the SMTP server takes nothing, and the outbox says so.
    let wrong = sink.url().replace(":secret@", ":not-the-secret@");
    let Some(refused) = TestApp::spawn_configured(backend, |c| {
        mail_through(c, &sink);
        c.smtp_url = Some(wrong);
        c.mail_retry_base_ms = 60_000;
    })
    .await
    else {
        return;
    };
    let stranger = "bez.dostepu@example.org";
    sign_up(&refused, stranger, PASSWORD, "Bez Dostępu", "PL").await;
    let operator = crate::helpers::operator(&refused).await;
    let tried = eventually("a refused try recorded", async || {
        outbox_to(&refused, &operator, stranger)
            .await
            .pop()
            .filter(|mail| mail["attemptCount"] == 1)
    })
    .await;
    assert_ne!(tried["status"], "SENT", "{tried}");
    assert!(tried["attempts"][0]["error"].is_string(), "{tried}");
    assert_eq!(sink.count_to(stranger), 0);
}

on_both_backends! {
    backend =>
    committed_mail_sent_once_after_a_restart => mail_committed_before_its_server_stopped_is_sent_once_by_the_next;
    refused_change_queues_no_mail => a_refused_change_queues_no_mail;
    refused_mail_retried_every_try_visible => a_mail_refused_at_first_is_retried_and_every_try_is_visible;
    smtp_login_from_the_url => mail_goes_through_an_smtp_server_that_asks_for_a_login;
}
