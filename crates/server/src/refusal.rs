//! Why a request was turned away before (or instead of) running, and how each transport says
//! so: an HTTP status with a JSON error body, a GraphQL error on a WebSocket, or a close code
//! when the socket itself must end.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use klastry_graphql::error::codes;
use serde_json::json;

/// A request turned away, with the code and the words that say why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// The HTTP status it is answered with over HTTP.
    pub status: StatusCode,
    /// The code in `extensions.code`.
    pub code: &'static str,
    /// What is wrong, naming the limit where there is one.
    pub message: String,
    /// Seconds to wait before trying again, for rate limits and locks.
    pub retry_after: Option<u64>,
}

impl Refusal {
    /// A refusal with `status`, `code` and `message`.
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        Self {
            status,
            code,
            message: message.into(),
            retry_after: None,
        }
    }

    /// The credential is missing, malformed, expired, forged or revoked.
    pub fn unauthenticated(message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, codes::UNAUTHENTICATED, message)
    }

    /// The caller may not do this.
    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, codes::FORBIDDEN, message)
    }

    /// A client mistake in the request itself.
    pub fn bad_request(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, code, message)
    }

    /// The server failed while `doing` something; the cause is logged, never sent.
    pub fn internal(doing: &str, error: &dyn std::fmt::Display) -> Self {
        tracing::error!(%error, "{doing} failed");
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            codes::INTERNAL_SERVER_ERROR,
            "internal error",
        )
    }

    /// Wait `seconds` before the next try.
    pub fn retry_after(mut self, seconds: u64) -> Self {
        self.retry_after = Some(seconds);
        self
    }

    /// The refusal as an HTTP response: its status, a GraphQL-shaped JSON body, and the
    /// headers that go with the status.
    pub fn into_http(self) -> Response {
        let mut response = error_response(self.status, self.code, &self.message, self.retry_after);
        let headers = response.headers_mut();
        if self.status == StatusCode::UNAUTHORIZED {
            headers.insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"klastry\""),
            );
        }
        if self.status == StatusCode::METHOD_NOT_ALLOWED {
            headers.insert(header::ALLOW, HeaderValue::from_static("GET, POST"));
        }
        response
    }

    /// The refusal as a GraphQL response (what a WebSocket client receives for an operation).
    pub fn into_graphql(self) -> async_graphql::Response {
        let mut error = async_graphql::ServerError::new(self.message, None);
        let mut extensions = async_graphql::ErrorExtensionValues::default();
        extensions.set("code", self.code);
        if let Some(seconds) = self.retry_after {
            extensions.set("retryAfter", seconds);
        }
        error.extensions = Some(extensions);
        async_graphql::Response::from_errors(vec![error])
    }

    /// The WebSocket close code for a refusal that ends the connection (graphql-transport-ws:
    /// 4401 unauthorised, 4403 forbidden, 4429 too many requests, 4400 anything else the
    /// client did, 4500 the server's fault).
    pub fn close_code(&self) -> u16 {
        match self.status {
            StatusCode::UNAUTHORIZED => 4401,
            StatusCode::FORBIDDEN => 4403,
            StatusCode::TOO_MANY_REQUESTS => 4429,
            status if status.is_server_error() => 4500,
            _ => 4400,
        }
    }

    /// The reason sent with a close frame: the code, then the message, cut to the 123 bytes a
    /// close frame holds.
    pub fn close_reason(&self) -> String {
        let mut reason = format!("{}: {}", self.code, self.message);
        if reason.len() > 123 {
            let mut end = 120;
            while !reason.is_char_boundary(end) {
                end -= 1;
            }
            reason.truncate(end);
            reason.push_str("...");
        }
        reason
    }
}

/// A JSON error response for a request that never reached GraphQL.
pub fn error_response(
    status: StatusCode,
    code: &str,
    message: &str,
    retry_after: Option<u64>,
) -> Response {
    let mut extensions = json!({ "code": code });
    if let Some(seconds) = retry_after {
        extensions["retryAfter"] = json!(seconds);
    }
    let body = json!({ "errors": [{ "message": message, "extensions": extensions }] });
    let mut response = (status, axum::Json(body)).into_response();
    if let Some(value) = retry_after.and_then(|s| HeaderValue::from_str(&s.to_string()).ok()) {
        response.headers_mut().insert(header::RETRY_AFTER, value);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn close_reasons_fit_a_close_frame_on_a_character_boundary() {
        let refusal = Refusal::unauthenticated("ż".repeat(100));
        let reason = refusal.close_reason();
        assert!(reason.len() <= 123, "{}", reason.len());
        assert!(reason.starts_with("UNAUTHENTICATED: ż"));
        assert_eq!(refusal.close_code(), 4401);
        assert_eq!(Refusal::forbidden("x").close_code(), 4403);
    }

    #[test]
    fn a_refusal_over_a_socket_carries_its_code_and_wait() {
        let response = Refusal::new(StatusCode::TOO_MANY_REQUESTS, codes::RATE_LIMITED, "slow")
            .retry_after(7)
            .into_graphql();
        let value = serde_json::to_value(&response).expect("serialises");
        assert_eq!(value["errors"][0]["extensions"]["code"], "RATE_LIMITED");
        assert_eq!(value["errors"][0]["extensions"]["retryAfter"], 7);
    }
}
