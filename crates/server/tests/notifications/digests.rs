//! How each kind is mailed is the account's choice: NONE keeps it in the inbox only, DAILY
//! gathers it into the next morning's digest, which a server whose clock has reached that
//! morning mails once, in the account's language; nobody gets a digest of nothing.

use crate::common::{Backend, COORDINATOR, MEMBER};
use crate::helpers::{
    a_few_notifier_passes, apply, data, decide, inbox, kinds, mail_through, mailing_app,
    notifier_at, one_click_token, people, prefer, preference, templates_to, text,
};
use crate::on_both_backends;
use serde_json::json;

async fn a_kind_set_to_none_stays_in_the_inbox_and_a_daily_one_comes_in_one_digest(
    backend: Backend,
) {
    let Some((app, sink)) = mailing_app(backend).await else {
        return;
    };
    let people = people(&app).await;
    assert_eq!(
        preference(&app, &people.coordinator, "APPLICATION_RECEIVED").await,
        ("IMMEDIATE".to_owned(), true)
    );

    // NONE: the application is in the inbox, and no mail is queued for it.
    prefer(&app, &people.coordinator, "APPLICATION_RECEIVED", "NONE").await;
    let first = apply(&app, &people).await;
    let received = inbox(&app, &people.coordinator).await;
    assert_eq!(kinds(&received), ["APPLICATION_RECEIVED"]);
    assert_eq!(received[0]["email"], "NONE");
    assert_eq!(received[0]["emailedAt"], json!(null));
    decide(&app, &people, &first, false).await;
    // The applicant's mail of the rejection is sent: the outbox has had its turn.
    sink.wait_for(MEMBER.0, None).await;
    assert_eq!(
        templates_to(&app, &people.operator, COORDINATOR.0).await,
        Vec::<String>::new()
    );

    // DAILY, for a coordinator who reads in English: nothing is mailed at once.
    prefer(&app, &people.coordinator, "APPLICATION_RECEIVED", "DAILY").await;
    let english = data(
        &app,
        Some(&people.coordinator),
        "mutation { updateMyAccount(input: { language: EN }) { userErrors { field code } } }",
        json!({}),
    )
    .await;
    assert_eq!(english["updateMyAccount"]["userErrors"], json!([]));
    apply(&app, &people).await;
    let waiting = inbox(&app, &people.coordinator).await;
    assert_eq!(
        kinds(&waiting),
        ["APPLICATION_RECEIVED", "APPLICATION_RECEIVED"]
    );
    assert_eq!(waiting[0]["email"], "DAILY");
    assert_eq!(waiting[0]["emailedAt"], json!(null));
    let headline = text(&waiting[0], "/headline");
    assert!(
        headline.contains("applied to join"),
        "in English: {headline}"
    );
    let pipeline = data(
        &app,
        Some(&people.operator),
        "{ notificationPipeline { awaitingDigest } }",
        json!({}),
    )
    .await;
    assert_eq!(pipeline["notificationPipeline"]["awaitingDigest"], 1);
    assert_eq!(
        templates_to(&app, &people.operator, COORDINATOR.0).await,
        Vec::<String>::new()
    );
    let mails_to_member = sink.count_to(MEMBER.0);

    // Two days later (a server whose clock says so), the digest goes out: once, in English,
    // listing the one notification that waited and not the one chosen not to be mailed.
    app.stop();
    let two_days_later = (chrono::Utc::now() + chrono::Duration::days(2)).to_rfc3339();
    let later = app
        .spawn_beside(|c| {
            mail_through(c, &sink);
            notifier_at(c, &two_days_later);
        })
        .await;
    let digest = sink
        .wait_for(COORDINATOR.0, Some("new notifications"))
        .await;
    assert_eq!(digest.subject, "klastry: 1 new notifications");
    assert!(digest.text.contains(&headline), "{}", digest.text);
    assert_eq!(
        digest.text.matches("applied to join").count(),
        1,
        "{}",
        digest.text
    );
    one_click_token(&digest);
    let mailed = inbox(&later, &people.coordinator).await;
    assert!(mailed[0]["emailedAt"].is_string(), "{mailed:?}");
    assert_eq!(
        mailed[1]["emailedAt"],
        json!(null),
        "the NONE one is never mailed"
    );

    // Nothing more is due: no second digest, and none to the member, whose mail went at once.
    a_few_notifier_passes().await;
    assert_eq!(sink.count_to(COORDINATOR.0), 1);
    assert_eq!(sink.count_to(MEMBER.0), mails_to_member);
    assert_eq!(
        templates_to(&later, &people.operator, COORDINATOR.0).await,
        ["DIGEST"]
    );
}

on_both_backends! {
    backend =>
    a_kind_set_to_none_stays_in_the_inbox_and_a_daily_one_comes_in_one_digest =>
        a_kind_set_to_none_stays_in_the_inbox_and_a_daily_one_comes_in_one_digest;
}
