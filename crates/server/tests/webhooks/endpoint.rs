//! A partner's endpoint for the tests: it records what it receives, can fail or be slow, and
//! checks a signature the way a partner would.

use axum::http::{HeaderMap, StatusCode};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// One request the partner's endpoint received.
#[derive(Clone, Debug)]
pub(crate) struct Received {
    pub(crate) headers: HeaderMap,
    pub(crate) body: String,
}

/// A partner's endpoint on a random port that fails its first `failures` requests with 500.
#[derive(Clone)]
pub(crate) struct Endpoint {
    pub(crate) url: String,
    received: Arc<Mutex<Vec<Received>>>,
}

impl Endpoint {
    pub(crate) async fn start(failures: usize) -> Self {
        Self::answering(failures, Duration::ZERO).await
    }

    /// An endpoint that takes `delay` to answer each request.
    pub(crate) async fn slow(delay: Duration) -> Self {
        Self::answering(0, delay).await
    }

    async fn answering(failures: usize, delay: Duration) -> Self {
        let received: Arc<Mutex<Vec<Received>>> = Arc::default();
        let log = received.clone();
        let app = axum::Router::new().route(
            "/hook",
            axum::routing::post(move |headers: HeaderMap, body: String| {
                let log = log.clone();
                async move {
                    let count = {
                        let mut log = log.lock().expect("lock");
                        log.push(Received { headers, body });
                        log.len()
                    };
                    tokio::time::sleep(delay).await;
                    if count <= failures {
                        StatusCode::INTERNAL_SERVER_ERROR
                    } else {
                        StatusCode::NO_CONTENT
                    }
                }
            }),
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let url = format!("http://{}/hook", listener.local_addr().expect("address"));
        tokio::spawn(async move { axum::serve(listener, app).await.expect("endpoint runs") });
        Self { url, received }
    }

    pub(crate) fn received(&self) -> Vec<Received> {
        self.received.lock().expect("lock").clone()
    }

    /// Waits until `n` requests have arrived (at most 10 s).
    pub(crate) async fn wait_for(&self, n: usize) -> Vec<Received> {
        for _ in 0..500 {
            let received = self.received();
            if received.len() >= n {
                return received;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        panic!("expected {n} deliveries, got {}", self.received().len());
    }
}

/// Checks a `Klastry-Signature` header the way a partner would.
pub(crate) fn signature_is_valid(secret: &str, header: &str, body: &str) -> bool {
    let mut parts = header.split(',');
    let timestamp = parts
        .next()
        .and_then(|p| p.strip_prefix("t="))
        .unwrap_or("");
    let given = parts
        .next()
        .and_then(|p| p.strip_prefix("v1="))
        .unwrap_or("");
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("key");
    mac.update(format!("{timestamp}.{body}").as_bytes());
    let expected: String = mac
        .finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    !timestamp.is_empty() && expected == given
}
