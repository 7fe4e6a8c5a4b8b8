//! Warnings before a KKK status ends: the notifier gives each threshold (180, 90, 30, 7 days)
//! once, to the cluster's coordinators and the operators, with a CERTIFICATION_EXPIRING event,
//! however often its server restarts and however many servers run on the database; an end the
//! sources give only as a year is warned of as uncertain, counted to its first possible day.
//!
//! The servers here run their notifier on a test clock set years ahead, so that the demo
//! registry's own statuses (long over by then) never come into it.

use crate::common::smtp::SmtpSink;
use crate::common::socket::{connect, receive_within, subscribe};
use crate::common::{Backend, COORDINATOR, TestApp};
use crate::helpers::{
    UNCLAIMED, a_few_notifier_passes, configured, data, eventually, inbox, mail_through, notified,
    notifier_at, people, text,
};
use crate::on_both_backends;
use serde_json::{Value, json};
use std::time::Duration;

/// The stated end of the certification the main test follows.
const ENDS_ON: &str = "2042-06-30";
/// 180 days before [`ENDS_ON`].
const DAY_180_BEFORE: &str = "2042-01-01";
/// 90 days before [`ENDS_ON`].
const DAY_90_BEFORE: &str = "2042-04-01";

/// Records a KKK certification of `cluster` as the operator; returns its global ID.
async fn record_kkk(
    app: &TestApp,
    operator: &str,
    cluster: &str,
    awarded_on: &str,
    valid_until: &str,
) -> String {
    let source = app.source_id("004").await;
    let payload = data(
        app,
        Some(operator),
        "mutation ($i: RecordKkkCertificationInput!) { recordKkkCertification(input: $i) { \
         certification { id validUntil } userErrors { field code message } } }",
        json!({ "i": { "clusterId": cluster, "awardedOn": awarded_on, "validUntil": valid_until, "sourceId": source } }),
    )
    .await["recordKkkCertification"]
        .clone();
    assert_eq!(payload["userErrors"], json!([]), "{payload}");
    text(&payload, "/certification/id")
}

/// The lapse warnings in the inbox of the holder of `token` about `cluster`, newest first.
async fn warnings(app: &TestApp, token: &str, cluster: &str) -> Vec<Value> {
    inbox(app, token)
        .await
        .into_iter()
        .filter(|n| n["kind"] == "LAPSE_WARNING" && n["clusterId"] == cluster)
        .collect()
}

/// Waits until the holder of `token` has `n` lapse warnings about `cluster`; returns them.
async fn warned(app: &TestApp, token: &str, cluster: &str, n: usize) -> Vec<Value> {
    eventually(&format!("{n} lapse warnings"), async || {
        let found = warnings(app, token, cluster).await;
        (found.len() >= n).then_some(found)
    })
    .await
}

/// The CERTIFICATION_EXPIRING events about `cluster`, replayed from the first to a subscriber
/// who signed in as nobody: they are public.
async fn expiring_events(app: &TestApp, cluster: &str) -> Vec<Value> {
    let mut socket = connect(app, None).await.expect("connected");
    subscribe(
        &mut socket,
        "expiring",
        "subscription ($f: EventFilter) { certificationExpiring(after: 0, filter: $f) { \
         sequence action subjectType subjectId clusterId isPublic } }",
        json!({ "f": { "clusterId": cluster } }),
    )
    .await;
    // Until the replay is over and nothing more comes; a server that kept writing events
    // would never fall silent, so at most a few dozen are read.
    let mut events = Vec::new();
    while events.len() < 30
        && let Some(message) = receive_within(&mut socket, Duration::from_millis(700)).await
    {
        assert_eq!(message["type"], "next", "{message}");
        events.push(message["payload"]["data"]["certificationExpiring"].clone());
    }
    events
}

/// Events in a line each: what a failing count shows.
fn summary(events: &[Value]) -> String {
    events
        .iter()
        .map(|e| format!("\n  #{} {} {}", e["sequence"], e["action"], e["subjectId"]))
        .collect()
}

/// The days each warning counts, newest first.
fn days(warnings: &[Value]) -> Vec<i64> {
    warnings
        .iter()
        .map(|w| w["params"]["days"].as_i64().unwrap_or(-1))
        .collect()
}

async fn a_status_about_to_end_is_warned_of_once_per_threshold_across_restarts_and_servers(
    backend: Backend,
) {
    if !configured(backend) {
        return;
    }
    let sink = SmtpSink::start().await;
    let Some(first) = TestApp::spawn_configured(backend, |c| {
        mail_through(c, &sink);
        notifier_at(c, DAY_180_BEFORE);
    })
    .await
    else {
        return;
    };
    let people = people(&first).await;
    let cluster = people.cluster.clone();
    let record = record_kkk(&first, &people.operator, &cluster, "2039-07-01", ENDS_ON).await;

    // The coordinator and the operator are warned 180 days before, each once.
    let to_coordinator = warned(&first, &people.coordinator, &cluster, 1).await;
    let warning = &to_coordinator[0];
    assert_eq!(
        warning["params"],
        json!({
            "cluster": warning["params"]["cluster"], "organisation": null, "title": null,
            "label": "KKK", "action": "EXPIRING", "approved": null, "days": 180,
            "endsOn": ENDS_ON, "endsLatest": ENDS_ON, "uncertain": false,
            "person": null, "reason": null
        }),
        "{warning}"
    );
    assert_eq!(
        warning["details"],
        json!([]),
        "a certain end needs no explaining"
    );
    assert_eq!(warning["email"], "IMMEDIATE");
    warned(&first, &people.operator, &cluster, 1).await;
    let headline = text(warning, "/headline");
    assert!(
        headline.contains("180") && headline.contains(ENDS_ON),
        "{headline}"
    );
    let mail = sink.wait_for(COORDINATOR.0, Some(&headline)).await;
    assert!(mail.text.contains(&headline), "{}", mail.text);
    a_few_notifier_passes().await;
    assert_eq!(
        warnings(&first, &people.coordinator, &cluster).await.len(),
        1
    );
    assert_eq!(warnings(&first, &people.operator, &cluster).await.len(), 1);
    let events = expiring_events(&first, &cluster).await;
    assert_eq!(events.len(), 1, "{}", summary(&events));
    assert_eq!(events[0]["action"], "EXPIRING");
    assert_eq!(events[0]["subjectType"], "KkkCertification");
    assert_eq!(events[0]["subjectId"], record.as_str());
    assert_eq!(events[0]["isPublic"], true);

    // Restarted on the same day, the server warns of what is newly owed and of nothing again.
    first.stop();
    let restarted = first
        .spawn_beside(|c| {
            mail_through(c, &sink);
            notifier_at(c, DAY_180_BEFORE);
        })
        .await;
    // A certification of another cluster, ending within 180 days as well: its warning shows a
    // pass of the restarted server has run.
    let unclaimed = restarted.cluster_id(UNCLAIMED).await;
    record_kkk(
        &restarted,
        &people.operator,
        &unclaimed,
        "2039-05-16",
        "2042-05-15",
    )
    .await;
    let other = warned(&restarted, &people.operator, &unclaimed, 1).await;
    assert_eq!(days(&other), [134]);
    assert_eq!(
        warnings(&restarted, &people.coordinator, &cluster)
            .await
            .len(),
        1
    );
    assert_eq!(
        warnings(&restarted, &people.operator, &cluster).await.len(),
        1
    );
    assert_eq!(expiring_events(&restarted, &cluster).await.len(), 1);

    // Ninety days before, two servers at once: the 90-day warning, given once.
    restarted.stop();
    let (one, another) = tokio::join!(
        first.spawn_beside(|c| {
            mail_through(c, &sink);
            notifier_at(c, DAY_90_BEFORE);
        }),
        first.spawn_beside(|c| {
            mail_through(c, &sink);
            notifier_at(c, DAY_90_BEFORE);
        })
    );
    let to_coordinator = warned(&one, &people.coordinator, &cluster, 2).await;
    assert_eq!(days(&to_coordinator), [90, 180]);
    warned(&another, &people.operator, &cluster, 2).await;
    a_few_notifier_passes().await;
    assert_eq!(
        days(&warnings(&another, &people.coordinator, &cluster).await),
        [90, 180]
    );
    assert_eq!(
        days(&warnings(&one, &people.operator, &cluster).await),
        [90, 180]
    );
    assert_eq!(expiring_events(&one, &cluster).await.len(), 2);
    // One mail for each warning.
    sink.wait_for(COORDINATOR.0, Some("za 90 dni")).await;
    let warning_mails: Vec<String> = sink
        .mails()
        .into_iter()
        .filter(|m| m.is_to(COORDINATOR.0) && m.subject.contains(ENDS_ON))
        .map(|m| m.subject)
        .collect();
    assert_eq!(warning_mails.len(), 2, "{warning_mails:?}");
}

async fn an_end_given_only_as_a_year_is_warned_of_as_uncertain(backend: Backend) {
    if !configured(backend) {
        return;
    }
    let sink = SmtpSink::start().await;
    // 180 days before 1 January 2043, the first day a status "valid until 2043" may end.
    let Some(app) = TestApp::spawn_configured(backend, |c| {
        mail_through(c, &sink);
        notifier_at(c, "2042-07-05");
    })
    .await
    else {
        return;
    };
    let people = people(&app).await;
    let record = record_kkk(&app, &people.operator, &people.cluster, "2040", "2043").await;

    let warning = notified(&app, &people.coordinator, "the uncertain warning", |n| {
        n["kind"] == "LAPSE_WARNING"
    })
    .await;
    let params = &warning["params"];
    assert_eq!(params["uncertain"], true, "{warning}");
    assert_eq!(params["days"], 180);
    assert_eq!(params["endsOn"], "2043");
    assert_eq!(params["endsLatest"], "2043-12-31");
    let details: Vec<String> = serde_json::from_value(warning["details"].clone()).expect("lines");
    assert_eq!(details.len(), 1, "{details:?}");
    assert!(details[0].contains("2043-12-31"), "{details:?}");
    let in_english = data(
        &app,
        Some(&people.coordinator),
        "{ notifications(first: 10) { nodes { kind headline(language: EN) details(language: EN) } } }",
        json!({}),
    )
    .await;
    let english = in_english["notifications"]["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .find(|n| n["kind"] == "LAPSE_WARNING")
        .expect("the warning")
        .clone();
    assert!(
        text(&english, "/headline").ends_with("ends in 180 days (2043)"),
        "{english}"
    );
    let line = text(&english, "/details/0");
    assert!(
        line.contains("do not give the day") && line.contains("2043-12-31"),
        "{line}"
    );

    // The mail says so too, and the event is there for partners.
    let mail = sink
        .wait_for(COORDINATOR.0, Some(&text(&warning, "/headline")))
        .await;
    assert!(mail.text.contains(&details[0]), "{}", mail.text);
    let events = expiring_events(&app, &people.cluster).await;
    assert_eq!(events.len(), 1, "{}", summary(&events));
    assert_eq!(events[0]["subjectId"], record.as_str());
}

on_both_backends! {
    backend =>
    a_status_about_to_end_is_warned_of_once_per_threshold_across_restarts_and_servers =>
        a_status_about_to_end_is_warned_of_once_per_threshold_across_restarts_and_servers;
    an_end_given_only_as_a_year_is_warned_of_as_uncertain =>
        an_end_given_only_as_a_year_is_warned_of_as_uncertain;
}
