//! A graphql-transport-ws client for tests: connect (optionally signed in), subscribe, read
//! the next message, and run one operation to its end, as a partner's client would.

use super::TestApp;
use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use std::time::Duration;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;

/// An open WebSocket to a test server.
pub type Socket =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// Opens a graphql-transport-ws connection without sending `connection_init`.
pub async fn open(app: &TestApp) -> Socket {
    let url = format!("{}/graphql/ws", app.url.replacen("http://", "ws://", 1));
    let mut request = url.into_client_request().expect("a WebSocket request");
    request.headers_mut().insert(
        "Sec-WebSocket-Protocol",
        "graphql-transport-ws".parse().expect("header"),
    );
    let (socket, response) = tokio_tungstenite::connect_async(request)
        .await
        .expect("the WebSocket upgrade succeeds");
    assert_eq!(
        response
            .headers()
            .get("sec-websocket-protocol")
            .and_then(|v| v.to_str().ok()),
        Some("graphql-transport-ws")
    );
    socket
}

/// Opens a connection, optionally signed in with `authorization` (an access or API token), and
/// waits for its acknowledgement; the refusal (a close message) when it is refused.
pub async fn connect(app: &TestApp, authorization: Option<&str>) -> Result<Socket, Value> {
    let mut socket = open(app).await;
    let payload = match authorization {
        Some(token) => json!({ "authorization": format!("Bearer {token}") }),
        None => json!({}),
    };
    send(
        &mut socket,
        json!({ "type": "connection_init", "payload": payload }),
    )
    .await;
    match receive(&mut socket).await {
        Some(message) if message["type"] == "connection_ack" => Ok(socket),
        other => Err(other.unwrap_or(Value::Null)),
    }
}

/// Sends one protocol message.
pub async fn send(socket: &mut Socket, message: Value) {
    socket
        .send(Message::Text(message.to_string().into()))
        .await
        .expect("send");
}

/// The next protocol message (pings answered), a close as `{"type": "close", "code", "reason"}`,
/// or None when the connection ends or nothing comes within 10 s.
pub async fn receive(socket: &mut Socket) -> Option<Value> {
    receive_within(socket, Duration::from_secs(10)).await
}

/// [`receive`] with a wait of one's own.
pub async fn receive_within(socket: &mut Socket, wait: Duration) -> Option<Value> {
    loop {
        let message = tokio::time::timeout(wait, socket.next()).await.ok()??;
        match message {
            Ok(Message::Text(text)) => {
                let value: Value = serde_json::from_str(&text).expect("JSON message");
                if value["type"] == "ping" {
                    send(socket, json!({ "type": "pong" })).await;
                    continue;
                }
                return Some(value);
            }
            Ok(Message::Close(frame)) => {
                return Some(json!({
                    "type": "close",
                    "code": frame.as_ref().map(|f| u16::from(f.code)),
                    "reason": frame.as_ref().map(|f| f.reason.to_string()),
                }));
            }
            Ok(_) => continue,
            Err(_) => return None,
        }
    }
}

/// Whether no event (`next`) arrives within `wait`; other messages, such as the server's
/// `complete` after the client's, are passed over.
pub async fn silent_for(socket: &mut Socket, wait: Duration) -> bool {
    let deadline = tokio::time::Instant::now() + wait;
    loop {
        let left = deadline.saturating_duration_since(tokio::time::Instant::now());
        match tokio::time::timeout(left, socket.next()).await {
            Err(_) | Ok(None) => return true,
            Ok(Some(Ok(Message::Text(text)))) if text.contains("\"next\"") => return false,
            Ok(Some(_)) => continue,
        }
    }
}

/// Starts operation `id` (a subscription, query or mutation).
pub async fn subscribe(socket: &mut Socket, id: &str, query: &str, variables: Value) {
    send(
        socket,
        json!({ "id": id, "type": "subscribe", "payload": { "query": query, "variables": variables } }),
    )
    .await;
}

/// Runs one query or mutation on `socket` and returns its answer as a GraphQL response
/// (`data`, `errors`), or the close message when the server closes the socket instead.
pub async fn run(socket: &mut Socket, id: &str, query: &str, variables: Value) -> Value {
    run_payload(
        socket,
        id,
        json!({ "query": query, "variables": variables }),
    )
    .await
}

/// [`run`] with a subscribe message's whole payload (with `extensions`, say).
pub async fn run_payload(socket: &mut Socket, id: &str, payload: Value) -> Value {
    send(
        socket,
        json!({ "id": id, "type": "subscribe", "payload": payload }),
    )
    .await;
    let mut answer = Value::Null;
    loop {
        match receive(socket).await {
            Some(message) if message["type"] == "next" && message["id"] == id => {
                answer = message["payload"].clone();
            }
            Some(message) if message["type"] == "error" && message["id"] == id => {
                return json!({ "errors": message["payload"] });
            }
            Some(message) if message["type"] == "complete" && message["id"] == id => {
                return answer;
            }
            Some(message) if message["type"] == "close" => return message,
            Some(_) => continue,
            None => panic!("operation {id} got no answer; the last answer was {answer}"),
        }
    }
}

/// Runs one operation on a fresh connection made with `authorization`.
pub async fn run_once(
    app: &TestApp,
    authorization: Option<&str>,
    query: &str,
    variables: Value,
) -> Value {
    let mut socket = connect(app, authorization)
        .await
        .unwrap_or_else(|refused| panic!("the connection was refused: {refused}"));
    run(&mut socket, "1", query, variables).await
}
