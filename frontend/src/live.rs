//! The signed-in account's unread notifications, kept live for the header's bell and the inbox.
//!
//! While someone is signed in, a WebSocket to `/graphql/ws` (graphql-transport-ws) runs the
//! `inbox` subscription: `connection_init` carries the session's access token as
//! `{"authorization": "Bearer …"}` (browsers cannot set headers on a WebSocket), and the server
//! sends the unread count at once and again whenever it changes. When the socket fails or the
//! server closes it, the count is read over HTTP (`unreadNotificationCount`) at once and every
//! 30 s until a socket works again; reconnecting waits 1 s, then twice as long after each
//! failure, up to a minute. A close for an access token that ran out (4401) is followed by that
//! HTTP read, which renews the session (or ends it) before the next socket opens with the new
//! token. Signing out closes the socket and stops everything.

use crate::api;
use crate::queries::{Inbox, UnreadNotificationCount, inbox, unread_notification_count};
use crate::session;
use crate::values::text;
use graphql_client::GraphQLQuery;
use leptos::prelude::*;
use serde_json::{Value, json};
use std::cell::RefCell;
use std::time::Duration;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{MessageEvent, WebSocket};

/// How often the count is read over HTTP while no socket works.
const POLL: Duration = Duration::from_secs(30);
/// The pause before reconnecting after the first failure; it doubles after each one.
const FIRST_PAUSE_MS: u64 = 1_000;
/// The longest pause before reconnecting.
const LONGEST_PAUSE_MS: u64 = 60_000;
/// The subprotocol the server speaks.
const PROTOCOL: &str = "graphql-transport-ws";
/// The one subscription a socket runs.
const SUBSCRIPTION_ID: &str = "inbox";

/// What the app knows of the inbox: the unread count (None while not known or signed out),
/// and the headline of a notification that came while the page was open (for a live region).
#[derive(Clone, Copy)]
pub struct Unread {
    pub count: RwSignal<Option<i64>>,
    pub arrived: RwSignal<Option<String>>,
}

/// Provides the live unread count to the whole app, following the session: a socket opens when
/// someone signs in and closes when they sign out.
pub fn provide_unread() {
    let unread = Unread {
        count: RwSignal::new(None),
        arrived: RwSignal::new(None),
    };
    provide_context(unread);
    let session = session::signal();
    let signed_in = Memo::new(move |_| session.with(Option::is_some));
    Effect::new(move |_| {
        if signed_in.get() {
            start(unread);
        } else {
            stop();
            unread.count.set(None);
            unread.arrived.set(None);
        }
    });
}

/// The live inbox state provided at the app's root.
pub fn use_unread() -> Unread {
    expect_context::<Unread>()
}

/// The socket and timers of the signed-in account's inbox.
#[derive(Default)]
struct Live {
    /// Bumped whenever the inbox starts or stops: callbacks of an older one do nothing.
    generation: u32,
    unread: Option<Unread>,
    socket: Option<WebSocket>,
    /// The socket's handlers, kept alive while it may call them; dropped when the next socket
    /// opens or the inbox stops (never from inside one of them).
    on_open: Option<Closure<dyn FnMut()>>,
    on_message: Option<Closure<dyn FnMut(MessageEvent)>>,
    on_close: Option<Closure<dyn FnMut()>>,
    /// Sockets that failed in a row.
    failures: u32,
    /// The newest notification the subscription told of (Some(None) when there was none),
    /// so that only a newer one is announced; None until it has told.
    latest: Option<Option<String>>,
    poll: Option<IntervalHandle>,
    retry: Option<TimeoutHandle>,
}

thread_local! {
    static LIVE: RefCell<Live> = RefCell::new(Live::default());
}

/// Whether callbacks of `generation` still belong to the running inbox.
fn current(generation: u32) -> bool {
    LIVE.with_borrow(|live| live.generation == generation && live.unread.is_some())
}

fn start(unread: Unread) {
    stop();
    LIVE.with_borrow_mut(|live| live.unread = Some(unread));
    connect();
}

/// Closes the socket and clears the timers.
fn stop() {
    let old = LIVE.with_borrow_mut(|live| {
        let generation = live.generation.wrapping_add(1);
        std::mem::replace(
            live,
            Live {
                generation,
                ..Live::default()
            },
        )
    });
    if let Some(socket) = old.socket {
        socket.set_onopen(None);
        socket.set_onmessage(None);
        socket.set_onclose(None);
        let _ = socket.close_with_code(1000);
    }
    if let Some(poll) = old.poll {
        poll.clear();
    }
    if let Some(retry) = old.retry {
        retry.clear();
    }
}

/// `ws://` or `wss://` and this page's host, at `/graphql/ws`.
fn socket_url() -> Option<String> {
    let location = window().location();
    let scheme = match location.protocol().ok()?.as_str() {
        "https:" => "wss",
        _ => "ws",
    };
    Some(format!("{scheme}://{}/graphql/ws", location.host().ok()?))
}

fn send(socket: &WebSocket, message: &Value) {
    let _ = socket.send_with_str(&message.to_string());
}

/// Opens a socket with the session's access token and subscribes once the server accepts it.
fn connect() {
    let Some(token) = session::access_token() else {
        return;
    };
    let generation = LIVE.with_borrow(|live| live.generation);
    let Some(socket) = socket_url().and_then(|url| WebSocket::new_with_str(&url, PROTOCOL).ok())
    else {
        failed(generation);
        return;
    };
    let on_open = {
        let socket = socket.clone();
        Closure::<dyn FnMut()>::new(move || {
            let init = json!({
                "type": "connection_init",
                "payload": { "authorization": format!("Bearer {token}") },
            });
            send(&socket, &init);
        })
    };
    let on_message = {
        let socket = socket.clone();
        Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            if let Some(text) = event.data().as_string()
                && current(generation)
            {
                received(&socket, generation, &text);
            }
        })
    };
    // Whatever the close code says (4401: the access token ran out or the session ended), the
    // count is read over HTTP next, which renews the session or ends it.
    let on_close = Closure::<dyn FnMut()>::new(move || {
        if current(generation) {
            failed(generation);
        }
    });
    socket.set_onopen(Some(on_open.as_ref().unchecked_ref()));
    socket.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    socket.set_onclose(Some(on_close.as_ref().unchecked_ref()));
    // The previous socket's handlers go once it can no longer call them.
    let _previous = LIVE.with_borrow_mut(|live| {
        live.socket = Some(socket);
        (
            live.on_open.replace(on_open),
            live.on_message.replace(on_message),
            live.on_close.replace(on_close),
        )
    });
}

/// One message of graphql-transport-ws.
fn received(socket: &WebSocket, generation: u32, raw: &str) {
    let Ok(message) = serde_json::from_str::<Value>(raw) else {
        return;
    };
    match message.get("type").and_then(Value::as_str) {
        Some("connection_ack") => {
            let subscribe = json!({
                "id": SUBSCRIPTION_ID,
                "type": "subscribe",
                "payload": Inbox::build_query(inbox::Variables {}),
            });
            send(socket, &subscribe);
            // A socket that works: no more polling, and the next failure starts the pauses anew.
            let poll = LIVE.with_borrow_mut(|live| {
                live.failures = 0;
                live.poll.take()
            });
            if let Some(poll) = poll {
                poll.clear();
            }
        }
        Some("next") => {
            let payload = &message["payload"];
            let state = &payload["data"]["inbox"];
            match state["unreadCount"].as_i64() {
                Some(count) if payload.get("errors").is_none() => {
                    let latest = &state["latest"];
                    let latest =
                        (!latest.is_null()).then(|| (text(latest, "id"), text(latest, "headline")));
                    show(generation, count, Some(latest));
                }
                // The subscription was refused: the socket goes, polling takes over.
                _ => {
                    let _ = socket.close();
                }
            }
        }
        Some("ping") => send(socket, &json!({ "type": "pong" })),
        Some("error" | "complete") => {
            let _ = socket.close();
        }
        _ => {}
    }
}

/// Shows a count, and announces a notification newer than the newest one the subscription
/// told of before. `latest` is the subscription's newest notification (id, headline), None
/// when the count came over HTTP, which does not say.
fn show(generation: u32, count: i64, latest: Option<Option<(String, String)>>) {
    let Some((unread, announce)) = LIVE.with_borrow_mut(|live| {
        if live.generation != generation {
            return None;
        }
        let unread = live.unread?;
        let mut announce = None;
        if let Some(latest) = latest {
            let id = latest.as_ref().map(|(id, _)| id.clone());
            if let Some(seen) = &live.latest
                && id.is_some()
                && id != *seen
            {
                announce = latest.map(|(_, headline)| headline);
            }
            live.latest = Some(id);
        }
        Some((unread, announce))
    }) else {
        return;
    };
    unread.count.set(Some(count));
    if announce.is_some() {
        unread.arrived.set(announce);
    }
}

/// The socket failed or was closed: read the count over HTTP now (renewing the session if its
/// access token ran out) and every 30 s, and try another socket after a pause.
fn failed(generation: u32) {
    let failures = LIVE.with_borrow_mut(|live| {
        live.socket = None;
        live.failures = live.failures.saturating_add(1);
        live.failures
    });
    let poll = set_interval_with_handle(
        move || leptos::task::spawn_local(read_count(generation)),
        POLL,
    )
    .ok();
    let old_poll = LIVE.with_borrow_mut(|live| {
        if live.poll.is_some() {
            poll
        } else {
            live.poll = poll;
            None
        }
    });
    if let Some(extra) = old_poll {
        extra.clear();
    }
    leptos::task::spawn_local(async move {
        read_count(generation).await;
        if !current(generation) {
            return;
        }
        let retry = set_timeout_with_handle(
            move || {
                if current(generation) {
                    connect();
                }
            },
            pause(failures),
        )
        .ok();
        LIVE.with_borrow_mut(|live| live.retry = retry);
    });
}

/// How long to wait before the next socket after `failures` in a row: 1 s, 2 s, 4 s… up to a
/// minute, with up to a fifth more at random so that many pages do not reconnect at once.
fn pause(failures: u32) -> Duration {
    let doubled = FIRST_PAUSE_MS.saturating_mul(1 << failures.saturating_sub(1).min(16));
    let base = doubled.min(LONGEST_PAUSE_MS);
    let jitter = (js_sys::Math::random() * base as f64 / 5.0) as u64;
    Duration::from_millis(base + jitter)
}

/// Reads the unread count over HTTP.
async fn read_count(generation: u32) {
    if !current(generation) {
        return;
    }
    let answer = api::read::<UnreadNotificationCount>(unread_notification_count::Variables {});
    if let Some(count) = answer
        .await
        .ok()
        .and_then(|d| d["unreadNotificationCount"].as_i64())
    {
        show(generation, count, None);
    }
}
