//! The live inbox: a WebSocket subscription that sends the signed-in account's unread count at
//! once and again with every notification and every marking read; the inbox is a person's
//! own, refused alike over both transports to nobody and to an API token.

use crate::common::socket::{self, connect, receive, subscribe};
use crate::common::{Backend, COORDINATOR, Over, TestApp};
use crate::helpers::{RECYCLING, apply, data, decide, inbox, people, refusal, unread};
use crate::on_both_backends;
use serde_json::{Value, json};

const INBOX: &str =
    "subscription { inbox { unreadCount latest { id kind params { organisation } } } }";

/// The next inbox state the socket sends.
async fn next_state(socket: &mut socket::Socket) -> Value {
    let message = receive(socket).await.expect("an inbox state");
    assert_eq!(message["type"], "next", "{message}");
    message["payload"]["data"]["inbox"].clone()
}

async fn the_live_inbox_counts_new_notifications_and_those_marked_read(app: TestApp) {
    let people = people(&app).await;
    let mut socket = connect(&app, Some(&people.coordinator))
        .await
        .expect("connected");
    subscribe(&mut socket, "inbox", INBOX, json!({})).await;
    assert_eq!(
        next_state(&mut socket).await,
        json!({ "unreadCount": 0, "latest": null })
    );

    // An application for the coordinator's cluster: a new state, counted.
    let application = apply(&app, &people).await;
    let state = next_state(&mut socket).await;
    assert_eq!(state["unreadCount"], 1, "{state}");
    assert_eq!(state["latest"]["kind"], "APPLICATION_RECEIVED");
    assert_eq!(
        state["latest"]["params"]["organisation"],
        people.organisation_name.as_str()
    );
    let first_id = state["latest"]["id"].clone();
    // Its rejection tells the applicant, not the coordinator; the next application does.
    decide(&app, &people, &application, false).await;
    apply(&app, &people).await;
    let state = next_state(&mut socket).await;
    assert_eq!(state["unreadCount"], 2, "{state}");
    assert_ne!(state["latest"]["id"], first_id);

    // Marking one read, then all.
    let marked = data(
        &app,
        Some(&people.coordinator),
        "mutation ($ids: [ID!]!) { markNotificationsRead(ids: $ids) { marked unreadCount } }",
        json!({ "ids": [first_id] }),
    )
    .await;
    assert_eq!(
        marked["markNotificationsRead"],
        json!({ "marked": 1, "unreadCount": 1 })
    );
    assert_eq!(next_state(&mut socket).await["unreadCount"], 1);
    let marked = data(
        &app,
        Some(&people.coordinator),
        "mutation { markAllNotificationsRead { marked unreadCount } }",
        json!({}),
    )
    .await;
    assert_eq!(
        marked["markAllNotificationsRead"],
        json!({ "marked": 1, "unreadCount": 0 })
    );
    assert_eq!(next_state(&mut socket).await["unreadCount"], 0);
    assert_eq!(unread(&app, &people.coordinator).await, 0);
    let read = inbox(&app, &people.coordinator).await;
    assert!(read.iter().all(|n| n["readAt"].is_string()), "{read:?}");
    // Another account's notifications cannot be marked: the member's stay unread.
    let members = inbox(&app, &people.member).await;
    let marked = data(
        &app,
        Some(&people.coordinator),
        "mutation ($ids: [ID!]!) { markNotificationsRead(ids: $ids) { marked } }",
        json!({ "ids": [members[0]["id"]] }),
    )
    .await;
    assert_eq!(marked["markNotificationsRead"]["marked"], 0);
    assert_eq!(unread(&app, &people.member).await, 1);
}

async fn the_inbox_is_refused_to_nobody_and_to_api_tokens_over_both_transports(app: TestApp) {
    let cluster = app.cluster_id(RECYCLING).await;
    let created = app
        .create_token(
            COORDINATOR,
            json!({ "name": "partner", "clusterId": cluster, "scopes": ["READ_CLUSTER_PRIVATE"] }),
        )
        .await;
    let api_token = created["token"]
        .as_str()
        .unwrap_or_else(|| panic!("a token: {created}"))
        .to_owned();
    let notifications = "{ notifications(first: 5) { nodes { id kind } } }";
    for over in Over::BOTH {
        assert_eq!(
            refusal(&app, over, None, notifications, json!({})).await,
            "UNAUTHENTICATED",
            "{over:?}"
        );
        assert_eq!(
            refusal(&app, over, Some(&api_token), notifications, json!({})).await,
            "FORBIDDEN",
            "{over:?}"
        );
        for write in [
            "mutation { markAllNotificationsRead { marked } }",
            "mutation { setNotificationPreference(kind: NEW_MATCH, email: NONE) { userErrors { code } } }",
        ] {
            assert_eq!(
                refusal(&app, over, None, write, json!({})).await,
                "UNAUTHENTICATED",
                "{over:?} {write}"
            );
            assert_eq!(
                refusal(&app, over, Some(&api_token), write, json!({})).await,
                "FORBIDDEN",
                "{over:?} {write}"
            );
        }
    }
    // Nobody has no unread notifications.
    assert_eq!(
        data(&app, None, "{ unreadNotificationCount }", json!({})).await,
        json!({ "unreadNotificationCount": 0 })
    );

    // The live inbox: refused to a socket signed in as nobody and to one with an API token.
    for (token, code) in [
        (None, "UNAUTHENTICATED"),
        (Some(api_token.as_str()), "FORBIDDEN"),
    ] {
        let mut socket = connect(&app, token).await.expect("connected");
        let answer = socket::run(&mut socket, "inbox", INBOX, json!({})).await;
        assert_eq!(crate::common::code_of(&answer), code, "{answer}");
    }
    // A person's socket is answered.
    let coordinator = app.sign_in(COORDINATOR).await;
    let mut socket = connect(&app, Some(&coordinator)).await.expect("connected");
    subscribe(&mut socket, "inbox", INBOX, json!({})).await;
    assert_eq!(next_state(&mut socket).await["unreadCount"], 0);
}

on_both_backends! {
    the_live_inbox_counts_new_notifications_and_those_marked_read =>
        the_live_inbox_counts_new_notifications_and_those_marked_read;
    the_inbox_is_refused_to_nobody_and_to_api_tokens_over_both_transports =>
        the_inbox_is_refused_to_nobody_and_to_api_tokens_over_both_transports;
}
