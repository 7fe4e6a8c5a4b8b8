//! What the suites that send mail share: a server that mails through a real SMTP sink
//! (`smtp`), and the small readers of answers they all use.

use super::smtp::SmtpSink;
use super::{Backend, TestApp};
use klastry::config::Config;
use serde_json::Value;
use std::time::Duration;

/// Where mailed links point in the suites that mail.
pub const PUBLIC_URL: &str = "http://klastry.test";

/// A password that passes the policy for every address the suite uses.
pub const PASSWORD: &str = "zielona-łąka-nad-Wartą-42";

/// Whether `backend` runs here (PostgreSQL only when KLASTRY_TEST_POSTGRES_URL is set), so
/// that no SMTP sink is started for a test that will not run.
pub fn configured(backend: Backend) -> bool {
    backend == Backend::Sqlite || klastry_test_support::postgres_url().is_some()
}

/// Asks `probe` every 50 ms, for up to 20 s, until it answers Some; panics naming `what`
/// otherwise.
pub async fn eventually<T>(what: &str, mut probe: impl AsyncFnMut() -> Option<T>) -> T {
    for _ in 0..400 {
        if let Some(found) = probe().await {
            return found;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("{what} did not happen within 20 s");
}

/// Sends a server's mail to `sink`, with links under [`PUBLIC_URL`].
pub fn mail_through(config: &mut Config, sink: &SmtpSink) {
    config.smtp_url = Some(sink.url());
    config.public_url = Some(PUBLIC_URL.into());
}

/// A server with the demo registry that mails through a new SMTP sink; None when `backend`
/// is not configured.
pub async fn mailing_app(backend: Backend) -> Option<(TestApp, SmtpSink)> {
    if !configured(backend) {
        return None;
    }
    let sink = SmtpSink::start().await;
    let app = TestApp::spawn_configured(backend, |c| mail_through(c, &sink)).await?;
    Some((app, sink))
}

/// The string at `pointer` in `value`.
pub fn text(value: &Value, pointer: &str) -> String {
    value
        .pointer(pointer)
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("no text at {pointer} in {value}"))
        .to_owned()
}

/// A payload's user errors as (field, code).
pub fn user_errors(payload: &Value) -> Vec<(String, String)> {
    payload["userErrors"]
        .as_array()
        .unwrap_or_else(|| panic!("no userErrors in {payload}"))
        .iter()
        .map(|e| {
            let text = |name: &str| e[name].as_str().unwrap_or_default().to_owned();
            (text("field"), text("code"))
        })
        .collect()
}
