//! Unsubscribing from a mail: the one-click POST a mail program sends to the List-Unsubscribe
//! address works without signing in and stops mail of that kind, once; the page a person opens
//! is sent to the web app, which asks first; the `unsubscribe` mutation it calls works once too.
//! Every mail has a link of its own, and each works once, whatever its token is made of.

use crate::common::{Backend, COORDINATOR, MEMBER};
use crate::helpers::{
    apply, data, decide, inbox, kinds, mailing_app, one_click_token, people, preference,
    templates_to, text, user_errors,
};
use crate::on_both_backends;
use serde_json::{Value, json};

/// POSTs the one-click unsubscribe of RFC 8058 for `token`, as a mail program does: no sign-in,
/// the form body the RFC prescribes. Returns the status and the body.
async fn one_click(app: &crate::common::TestApp, token: &str) -> (u16, Value) {
    let response = app
        .client
        .post(format!("{}/unsubscribe/{token}", app.url))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .expect("request sent");
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

const UNSUBSCRIBE: &str =
    "mutation ($t: String!) { unsubscribe(token: $t) { kinds userErrors { field code } } }";

/// What opening the address in a browser does: the status and where it sends the browser.
async fn opened(app: &crate::common::TestApp, token: &str) -> (u16, String) {
    let no_redirects = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("a client");
    let response = no_redirects
        .get(format!("{}/unsubscribe/{token}", app.url))
        .send()
        .await
        .expect("request sent");
    let location = response
        .headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    (response.status().as_u16(), location)
}

async fn every_mail_s_one_click_unsubscribe_works_once_without_signing_in(backend: Backend) {
    let Some((app, sink)) = mailing_app(backend).await else {
        return;
    };
    let people = people(&app).await;
    // Four applications, each rejected: four mails to the coordinator and four to the member,
    // each with a link of its own.
    for _ in 0..4 {
        let application = apply(&app, &people).await;
        decide(&app, &people, &application, false).await;
    }
    let received = sink.wait_for_count(COORDINATOR.0, 4).await;
    let decided = sink.wait_for_count(MEMBER.0, 4).await;
    let tokens: Vec<String> = received.iter().map(one_click_token).collect();
    let mut every_token: Vec<String> = received
        .iter()
        .chain(&decided)
        .map(one_click_token)
        .collect();
    every_token.sort();
    every_token.dedup();
    assert_eq!(every_token.len(), 8, "every mail has a link of its own");

    // A person who opens the address is sent to the web app's page, which asks first; opening
    // it changes nothing.
    for token in &every_token {
        let (status, location) = opened(&app, token).await;
        assert!((300..400).contains(&status), "{status} for {token}");
        assert_eq!(location, format!("/unsubscribe?token={token}"));
    }
    assert_eq!(
        preference(&app, &people.coordinator, "APPLICATION_RECEIVED").await,
        ("IMMEDIATE".to_owned(), true)
    );

    // The mail program's POST, without signing in, stops that kind.
    let (status, body) = one_click(&app, &tokens[0]).await;
    assert_eq!(status, 200, "{body} for {}", tokens[0]);
    assert_eq!(body, json!({ "unsubscribed": ["APPLICATION_RECEIVED"] }));
    assert_eq!(
        preference(&app, &people.coordinator, "APPLICATION_RECEIVED").await,
        ("NONE".to_owned(), false)
    );
    assert_eq!(
        preference(&app, &people.coordinator, "LAPSE_WARNING").await,
        ("IMMEDIATE".to_owned(), true),
        "the other kinds stay as they were"
    );
    // Each link works once, whichever mail it came in.
    let (status, body) = one_click(&app, &tokens[0]).await;
    assert_eq!(status, 410, "{body}");
    for token in &tokens[1..] {
        let (status, body) = one_click(&app, token).await;
        assert_eq!(status, 200, "{body} for {token}");
        assert_eq!(body, json!({ "unsubscribed": ["APPLICATION_RECEIVED"] }));
        assert_eq!(one_click(&app, token).await.0, 410);
    }
    // The next application is in the inbox and not mailed.
    apply(&app, &people).await;
    let inboxed = inbox(&app, &people.coordinator).await;
    assert_eq!(kinds(&inboxed).len(), 5);
    assert_eq!(inboxed[0]["kind"], "APPLICATION_RECEIVED");
    assert_eq!(inboxed[0]["email"], "NONE");
    assert_eq!(
        templates_to(&app, &people.operator, COORDINATOR.0).await,
        ["NOTICE", "NOTICE", "NOTICE", "NOTICE"]
    );

    // The page's mutation, with the links in the bodies of the member's mails of the
    // rejections, works once for each too, signed in or not.
    assert_eq!(
        decided[0].subject,
        text(&inbox(&app, &people.member).await[3], "/headline")
    );
    for (n, mail) in decided.iter().enumerate() {
        let link_token = mail.token("/unsubscribe");
        assert_eq!(
            link_token,
            one_click_token(mail),
            "the body's link is the header's"
        );
        let done =
            data(&app, None, UNSUBSCRIBE, json!({ "t": link_token })).await["unsubscribe"].clone();
        assert_eq!(
            done,
            json!({ "kinds": ["APPLICATION_DECIDED"], "userErrors": [] }),
            "mail {n}"
        );
        let again =
            data(&app, None, UNSUBSCRIBE, json!({ "t": link_token })).await["unsubscribe"].clone();
        assert_eq!(again["kinds"], Value::Null, "{again}");
        let codes: Vec<String> = user_errors(&again).into_iter().map(|(_, c)| c).collect();
        assert_eq!(codes, ["EXPIRED"]);
    }
    assert_eq!(
        preference(&app, &people.member, "APPLICATION_DECIDED").await,
        ("NONE".to_owned(), false)
    );
    // A token spent by the POST is spent for the mutation as well; one never issued is
    // refused alike.
    for token in [
        tokens[0].as_str(),
        "nigdyNieWydany0123456789abcdefghijklmnopqrs",
    ] {
        let spent =
            data(&app, None, UNSUBSCRIBE, json!({ "t": token })).await["unsubscribe"].clone();
        let codes: Vec<String> = user_errors(&spent).into_iter().map(|(_, c)| c).collect();
        assert_eq!(codes, ["EXPIRED"], "{spent}");
    }
    assert_eq!(
        one_click(&app, "nigdyNieWydany0123456789abcdefghijklmnopqrs")
            .await
            .0,
        410
    );
}

on_both_backends! {
    backend =>
    every_mail_s_one_click_unsubscribe_works_once_without_signing_in =>
        every_mail_s_one_click_unsubscribe_works_once_without_signing_in;
}
