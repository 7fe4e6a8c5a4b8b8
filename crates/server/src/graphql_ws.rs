//! GraphQL over WebSocket at `/graphql/ws` (graphql-transport-ws, and the older graphql-ws).
//!
//! Every operation a socket carries goes through the guarded path (`guard`) exactly as an HTTP
//! request does: the same authentication, scopes, rate limits, document limits, time-out and
//! bound on executing work. Messages are bounded like bodies. The caller is known from the
//! upgrade's `Authorization` header or, since browsers cannot set headers on a WebSocket, from
//! `{"authorization": "Bearer …"}` in `connection_init`; it is checked again before each
//! operation and every `KLASTRY_SOCKET_RECHECK_SECS` while the socket is open, and a caller
//! whose token was revoked, whose session ended, whose access token expired or whose role was
//! taken away is disconnected with a close code (4401 or 4403) and a reason naming the code.

use crate::auth::{self, Caller};
use crate::guard::{self, Transport};
use crate::refusal::Refusal;
use crate::state::AppState;
use async_graphql::http::{
    ALL_WEBSOCKET_PROTOCOLS, WebSocket as Protocol, WebSocketProtocols as Protocols, WsMessage,
};
use async_graphql::{Data, Executor, Request, Response};
use axum::extract::State;
use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade};
use axum::http::{Extensions, HeaderMap, StatusCode, header};
use axum::response::Response as HttpResponse;
use futures_util::stream::{self, BoxStream, StreamExt};
use futures_util::{SinkExt, future};
use klastry_graphql::error::codes;
use std::net::IpAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// How long a client has to send `connection_init` (graphql-transport-ws closes with 4408).
const INIT_TIMEOUT: Duration = Duration::from_secs(10);

/// `GET /graphql/ws`: upgrades to a WebSocket whose messages are bounded like request bodies.
pub async fn upgrade(
    State(state): State<AppState>,
    headers: HeaderMap,
    extensions: Extensions,
    upgrade: WebSocketUpgrade,
) -> HttpResponse {
    let protocol = headers
        .get(header::SEC_WEBSOCKET_PROTOCOL)
        .and_then(|value| value.to_str().ok())
        .and_then(|offered| {
            offered
                .split(',')
                .find_map(|p| p.trim().parse::<Protocols>().ok())
        });
    let Some(protocol) = protocol else {
        return Refusal::bad_request(
            codes::BAD_REQUEST,
            "ask for the graphql-transport-ws (or graphql-ws) subprotocol",
        )
        .into_http();
    };
    let address = auth::client_address(&state, &extensions, &headers);
    let header_authorization = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let Ok(open) = state.sockets.clone().try_acquire_owned() else {
        return Refusal::new(
            StatusCode::SERVICE_UNAVAILABLE,
            codes::TOO_MANY_CONNECTIONS,
            "the server holds as many WebSockets as it allows; try again later",
        )
        .retry_after(5)
        .into_http();
    };
    let limit = state.limits.max_body_bytes;
    upgrade
        .max_message_size(limit)
        .max_frame_size(limit)
        .protocols(ALL_WEBSOCKET_PROTOCOLS)
        .on_upgrade(move |socket| async move {
            serve(state, socket, protocol, header_authorization, address).await;
            drop(open);
        })
}

/// One socket's state: its caller, why it must close, and its running operations.
struct Connection {
    address: Option<IpAddr>,
    caller: tokio::sync::Mutex<Option<Caller>>,
    /// The refusal the socket closes with, once one is decided.
    refusal: std::sync::Mutex<Option<Refusal>>,
    closing: tokio::sync::Notify,
    operations: AtomicUsize,
}

impl Connection {
    fn refusal(&self) -> std::sync::MutexGuard<'_, Option<Refusal>> {
        // Nothing half-written can be left behind by a panic while holding this.
        self.refusal
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Closes the socket with `refusal` (the first one decided wins).
    fn close_with(&self, refusal: Refusal) {
        self.refusal().get_or_insert(refusal);
        self.closing.notify_one();
    }

    async fn initialised(&self) -> bool {
        self.caller.lock().await.is_some()
    }

    /// The caller as it stands now; a caller that no longer holds closes the socket.
    async fn checked_caller(&self, state: &AppState) -> Result<Caller, Refusal> {
        let mut current = self.caller.lock().await;
        let Some(caller) = current.as_ref() else {
            return Err(Refusal::unauthenticated("send connection_init first"));
        };
        match auth::recheck(state, caller).await {
            Ok(fresh) => {
                *current = Some(fresh.clone());
                Ok(fresh)
            }
            Err(refusal) => {
                self.close_with(refusal.clone());
                Err(refusal)
            }
        }
    }
}

/// A running operation's place among the socket's, given back when the operation ends.
struct OperationSlot(Arc<Connection>);

impl OperationSlot {
    fn take(connection: &Arc<Connection>, most: usize) -> Option<Self> {
        let taken = connection
            .operations
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |running| {
                (running < most).then_some(running + 1)
            })
            .is_ok();
        taken.then(|| Self(connection.clone()))
    }
}

impl Drop for OperationSlot {
    fn drop(&mut self) {
        self.0.operations.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Runs a socket's operations through the guarded path.
#[derive(Clone)]
struct SocketExecutor {
    state: AppState,
    connection: Arc<Connection>,
}

impl SocketExecutor {
    async fn run(self, request: Request) -> BoxStream<'static, Response> {
        let refused =
            |refusal: Refusal| stream::once(future::ready(refusal.into_graphql())).boxed();
        let most = self.state.max_socket_operations;
        let Some(slot) = OperationSlot::take(&self.connection, most) else {
            return refused(Refusal::bad_request(
                codes::TOO_MANY_OPERATIONS,
                format!("this socket already runs {most} operations, the limit; stop one first"),
            ));
        };
        let caller = match self.connection.checked_caller(&self.state).await {
            Ok(caller) => caller,
            Err(refusal) => return refused(refusal),
        };
        let address = self.connection.address;
        let admitted =
            match guard::admit(&self.state, &caller, Transport::Socket, address, request).await {
                Ok(admitted) => admitted,
                Err(refusal) => return refused(refusal),
            };
        if admitted.is_subscription() {
            return guard::subscribe(&self.state, admitted)
                .map(move |response| {
                    // The slot is given back when the subscription's stream is dropped.
                    let _running = &slot;
                    response
                })
                .boxed();
        }
        let response = guard::execute(&self.state, admitted)
            .await
            .unwrap_or_else(Refusal::into_graphql);
        drop(slot);
        stream::once(future::ready(response)).boxed()
    }
}

impl Executor for SocketExecutor {
    async fn execute(&self, request: Request) -> Response {
        self.clone()
            .run(request)
            .await
            .next()
            .await
            .unwrap_or_default()
    }

    fn execute_stream(
        &self,
        request: Request,
        _session_data: Option<Arc<Data>>,
    ) -> BoxStream<'static, Response> {
        let this = self.clone();
        stream::once(this.run(request)).flatten().boxed()
    }
}

fn close_frame(code: u16, reason: String) -> Message {
    Message::Close(Some(CloseFrame {
        code,
        reason: reason.into(),
    }))
}

async fn serve(
    state: AppState,
    socket: WebSocket,
    protocol: Protocols,
    header_authorization: Option<String>,
    address: Option<IpAddr>,
) {
    let connection = Arc::new(Connection {
        address,
        caller: tokio::sync::Mutex::new(None),
        refusal: std::sync::Mutex::new(None),
        closing: tokio::sync::Notify::new(),
        operations: AtomicUsize::new(0),
    });
    let executor = SocketExecutor {
        state: state.clone(),
        connection: connection.clone(),
    };
    let (mut sink, incoming) = socket.split();
    let incoming = incoming
        .take_while(|message| future::ready(message.is_ok()))
        .filter_map(|message| {
            future::ready(match message {
                Ok(message @ (Message::Text(_) | Message::Binary(_))) => Some(message.into_data()),
                _ => None,
            })
        });
    let init_connection = connection.clone();
    let init_state = state.clone();
    let messages = Protocol::new(executor, incoming, protocol).on_connection_init(
        move |payload: serde_json::Value| async move {
            let from_payload = payload
                .get("authorization")
                .or_else(|| payload.get("Authorization"))
                .and_then(serde_json::Value::as_str)
                .map(str::to_owned);
            let authorization = from_payload.or(header_authorization);
            match auth::authenticate(&init_state, authorization.as_deref()).await {
                Ok(caller) => {
                    *init_connection.caller.lock().await = Some(caller);
                    Ok(Data::default())
                }
                Err(refusal) => {
                    let reason = refusal.close_reason();
                    // Kept for the close frame; the protocol itself would say only 1002.
                    init_connection.refusal().get_or_insert(refusal);
                    Err(async_graphql::Error::new(reason))
                }
            }
        },
    );
    let mut messages = std::pin::pin!(messages);
    let recheck = state.socket_recheck.max(Duration::from_millis(100));
    let mut ticker = tokio::time::interval_at(tokio::time::Instant::now() + recheck, recheck);
    let init_deadline = tokio::time::sleep(INIT_TIMEOUT);
    let mut init_deadline = std::pin::pin!(init_deadline);
    let mut initialised = false;
    let close = loop {
        tokio::select! {
            message = messages.next() => match message {
                Some(WsMessage::Text(text)) => {
                    if sink.send(Message::Text(text.into())).await.is_err() {
                        break None;
                    }
                }
                Some(WsMessage::Close(code, reason)) => {
                    break Some(match connection.refusal().take() {
                        Some(refusal) => (refusal.close_code(), refusal.close_reason()),
                        None => (code, reason),
                    });
                }
                None => break None,
            },
            () = connection.closing.notified() => {
                let refusal = connection.refusal().take().unwrap_or_else(|| {
                    Refusal::unauthenticated("the connection's caller no longer holds")
                });
                break Some((refusal.close_code(), refusal.close_reason()));
            }
            _ = ticker.tick() => {
                if connection.initialised().await
                    && let Err(refusal) = connection.checked_caller(&state).await
                {
                    break Some((refusal.close_code(), refusal.close_reason()));
                }
            }
            () = &mut init_deadline, if !initialised => {
                initialised = connection.initialised().await;
                if !initialised {
                    let refusal = Refusal::new(
                        StatusCode::REQUEST_TIMEOUT,
                        codes::TIMEOUT,
                        format!("connection_init did not come within {} s", INIT_TIMEOUT.as_secs()),
                    );
                    break Some((4408, refusal.close_reason()));
                }
            }
        }
    };
    if let Some((code, reason)) = close {
        let _ = sink.send(close_frame(code, reason)).await;
    }
    let _ = sink.close().await;
}
