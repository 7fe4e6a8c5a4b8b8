//! The notification pipeline as operators watch it: notifications written, unread and mailed,
//! mails sent; nobody else may read it.

use crate::common::{Backend, COORDINATOR, Over, TestApp};
use crate::helpers::{RECYCLING, apply, data, eventually, mailing_app, people, refusal};
use crate::on_both_backends;
use serde_json::{Value, json};

const PIPELINE: &str = "{ notificationPipeline { notificationsLastDay unread awaitingDigest \
                        mailed notMailed mailsPending mailsSent mailsFailed mailsRetried } }";

async fn pipeline(app: &TestApp, operator: &str) -> Value {
    data(app, Some(operator), PIPELINE, json!({})).await["notificationPipeline"].clone()
}

fn count(pipeline: &Value, name: &str) -> i64 {
    pipeline[name]
        .as_i64()
        .unwrap_or_else(|| panic!("no {name} in {pipeline}"))
}

async fn operators_watch_the_pipeline_move_and_nobody_else_sees_it(backend: Backend) {
    let Some((app, sink)) = mailing_app(backend).await else {
        return;
    };
    let people = people(&app).await;
    let before = pipeline(&app, &people.operator).await;

    apply(&app, &people).await;
    let written = pipeline(&app, &people.operator).await;
    assert_eq!(
        count(&written, "notificationsLastDay"),
        count(&before, "notificationsLastDay") + 1,
        "{written}"
    );
    assert_eq!(count(&written, "unread"), count(&before, "unread") + 1);
    // Mailed at once: counted as mailed when written, and the mail is sent.
    assert_eq!(count(&written, "mailed"), count(&before, "mailed") + 1);
    assert_eq!(
        count(&written, "awaitingDigest"),
        count(&before, "awaitingDigest")
    );
    sink.wait_for(COORDINATOR.0, None).await;
    let sent = eventually("the mail counted as sent", async || {
        let now = pipeline(&app, &people.operator).await;
        (count(&now, "mailsSent") > count(&before, "mailsSent")).then_some(now)
    })
    .await;
    assert_eq!(count(&sent, "mailsSent"), count(&before, "mailsSent") + 1);
    assert_eq!(count(&sent, "mailsPending"), 0, "{sent}");
    assert_eq!(count(&sent, "mailsFailed"), 0, "{sent}");

    // Reading it lowers the unread count.
    data(
        &app,
        Some(&people.coordinator),
        "mutation { markAllNotificationsRead { marked } }",
        json!({}),
    )
    .await;
    assert_eq!(
        count(&pipeline(&app, &people.operator).await, "unread"),
        count(&before, "unread")
    );

    // Nobody else reads it, over either transport.
    let cluster = app.cluster_id(RECYCLING).await;
    let created = app
        .create_token(
            COORDINATOR,
            json!({ "name": "partner", "clusterId": cluster, "scopes": ["READ_CLUSTER_PRIVATE"] }),
        )
        .await;
    let api_token = created["token"].as_str().expect("a token").to_owned();
    for over in Over::BOTH {
        for (who, token, code) in [
            (
                "the coordinator",
                Some(people.coordinator.as_str()),
                "FORBIDDEN",
            ),
            ("the member", Some(people.member.as_str()), "FORBIDDEN"),
            ("an API token", Some(api_token.as_str()), "FORBIDDEN"),
            ("nobody", None, "UNAUTHENTICATED"),
        ] {
            assert_eq!(
                refusal(&app, over, token, PIPELINE, json!({})).await,
                code,
                "{over:?}: {who}"
            );
        }
    }
}

on_both_backends! {
    backend =>
    operators_watch_the_pipeline_move_and_nobody_else_sees_it =>
        operators_watch_the_pipeline_move_and_nobody_else_sees_it;
}
