//! The HTTP application: the router, and what every answer carries.
//!
//! `/graphql` (GraphQL over HTTP, `graphql_http`; GraphiQL for browsers), `/graphql/ws`
//! (GraphQL over WebSocket, `graphql_ws`), `/healthz`, `/export/…` (bulk exports), the web app
//! with its index fallback, and `/metrics` when configured. Every answer carries the security
//! headers; requests carry an id and a span.

use crate::config::Config;
use crate::refusal::error_response;
use crate::state::AppState;
use axum::Router;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderName, HeaderValue, Method, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use klastry_graphql::error::codes;
use serde_json::json;
use std::time::Duration;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::timeout::TimeoutLayer;

/// The policy for the web app and every other answer: scripts, styles and connections from
/// this origin only (WebAssembly compiled by the browser, no inline script), never framed.
const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
     style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; \
     object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// Adds the security headers to every answer (a handler that set its own policy keeps it).
async fn security_headers(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let defaults: [(HeaderName, &str); 6] = [
        (header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "no-referrer"),
        (
            HeaderName::from_static("cross-origin-opener-policy"),
            "same-origin",
        ),
        (
            HeaderName::from_static("permissions-policy"),
            "camera=(), microphone=(), geolocation=(), payment=()",
        ),
    ];
    for (name, value) in defaults {
        if !headers.contains_key(&name) {
            headers.insert(name, HeaderValue::from_static(value));
        }
    }
    response
}

async fn healthz(State(state): State<AppState>) -> Response {
    match state.db.ping().await {
        Ok(()) => (
            StatusCode::OK,
            axum::Json(json!({ "status": "ok", "database": "ok" })),
        )
            .into_response(),
        Err(error) => {
            tracing::warn!(%error, "health check: database unreachable");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                axum::Json(json!({ "status": "unavailable", "database": "unreachable" })),
            )
                .into_response()
        }
    }
}

async fn metrics(State(state): State<AppState>) -> Response {
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"),
        )],
        state.metrics.render(state.counter.get(), &state.db),
    )
        .into_response()
}

/// Gives every request an id (the caller's `x-request-id`, or a new one), a span carrying it,
/// and the id back in the response.
async fn request_span(request: axum::extract::Request, next: axum::middleware::Next) -> Response {
    use std::sync::atomic::{AtomicU64, Ordering};
    use tracing::Instrument;
    static NEXT_ID: AtomicU64 = AtomicU64::new(1);
    let id = request
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .filter(|v| !v.is_empty() && v.len() <= 64 && v.bytes().all(|b| b.is_ascii_graphic()))
        .map(String::from)
        .unwrap_or_else(|| {
            format!(
                "{:x}-{}",
                std::process::id(),
                NEXT_ID.fetch_add(1, Ordering::Relaxed)
            )
        });
    let span = tracing::info_span!("request", request_id = %id, method = %request.method(), path = %request.uri().path());
    let started = std::time::Instant::now();
    let mut response = next.run(request).instrument(span.clone()).await;
    span.in_scope(|| {
        tracing::debug!(
            status = response.status().as_u16(),
            elapsed_ms = started.elapsed().as_millis() as u64,
            "request done"
        );
    });
    if let Ok(value) = HeaderValue::from_str(&id) {
        response.headers_mut().insert("x-request-id", value);
    }
    response
}

const LANDING_HTML: &str = include_str!("../assets/landing.html");

/// `/metrics`, in the Prometheus text format.
pub fn metrics_router(state: AppState) -> Router {
    Router::new()
        .route("/metrics", get(metrics))
        .layer(axum::middleware::from_fn(security_headers))
        .with_state(state)
}

/// Whether `path` names a file the web app's build fingerprinted: `name-<12 hex>.<ext>`, whose
/// content never changes under that name.
fn is_fingerprinted(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or_default();
    let stem = file.split('.').next().unwrap_or_default();
    stem.rsplit_once('-').is_some_and(|(name, hash)| {
        !name.is_empty() && hash.len() == 12 && hash.bytes().all(|b| b.is_ascii_hexdigit())
    }) && file.contains('.')
}

/// Caching of the web app's files: a fingerprinted asset for a year and never revalidated
/// (a new build has new names); anything else, the page itself above all, revalidated each
/// time, so a new build is seen at once.
async fn cache_for_good_when_hashed(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let fingerprinted = is_fingerprinted(request.uri().path());
    let mut response = next.run(request).await;
    if response.status().is_success() && !response.headers().contains_key(header::CACHE_CONTROL) {
        let value = if fingerprinted {
            "public, max-age=31536000, immutable"
        } else {
            "no-cache"
        };
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    }
    response
}

/// The whole HTTP application. `/metrics` is on it only when `KLASTRY_METRICS_PUBLIC` says so;
/// otherwise it is served on `KLASTRY_METRICS_BIND`, if set, and nowhere else.
pub fn router(state: AppState, config: &Config) -> Router {
    let index = config.web_dir.join("index.html");
    let web_app = if index.is_file() {
        // The web app routes on the client: unknown paths get index.html. The build writes a
        // brotli and a gzip copy of each asset beside it, served to clients that accept them.
        let pages = match std::fs::read_to_string(&index) {
            Ok(shell) => Router::new()
                .route("/clusters", get(crate::pages::directory))
                .route("/clusters/{slug}", get(crate::pages::cluster))
                .route("/organisations/{id}", get(crate::pages::organisation))
                .layer(axum::Extension(crate::pages::Shell(shell.into()))),
            Err(error) => {
                tracing::warn!(%error, "the web app's index.html cannot be read: record pages are sent as files");
                Router::new()
            }
        };
        Router::new()
            .merge(pages)
            .fallback_service(
                ServeDir::new(&config.web_dir)
                    .precompressed_br()
                    .precompressed_gzip()
                    .fallback(
                        ServeFile::new(index)
                            .precompressed_br()
                            .precompressed_gzip(),
                    ),
            )
            .layer(axum::middleware::from_fn(cache_for_good_when_hashed))
    } else {
        Router::new()
            .route("/", get(|| async { Html(LANDING_HTML) }))
            .route(
                "/landing.css",
                get(|| async {
                    crate::graphiql::asset("text/css", include_bytes!("../assets/landing.css"))
                }),
            )
            .fallback(|| async {
                error_response(
                    StatusCode::NOT_FOUND,
                    codes::NOT_FOUND,
                    "no such page",
                    None,
                )
            })
    };
    let mut app = Router::new()
        .route(
            "/graphql",
            get(crate::graphql_http::get)
                .post(crate::graphql_http::post)
                .fallback(|method: Method| async move {
                    crate::refusal::Refusal::new(
                        StatusCode::METHOD_NOT_ALLOWED,
                        codes::METHOD_NOT_ALLOWED,
                        format!("{method} is not supported here; use GET or POST"),
                    )
                    .into_http()
                }),
        )
        .route("/graphql/ws", get(crate::graphql_ws::upgrade))
        .route("/healthz", get(healthz))
        .route(
            "/unsubscribe/{token}",
            post(crate::unsubscribe::one_click).get(crate::unsubscribe::page),
        )
        .route("/export/{file}", get(crate::export::download))
        .route("/calendar.ics", get(crate::calendar::registry))
        .route(
            "/clusters/{slug}/calendar.ics",
            get(crate::calendar::cluster),
        )
        .route(
            "/export/clusters/{slug}/{file}",
            get(crate::export::download_cluster),
        )
        .merge(crate::graphiql::assets())
        .merge(web_app);
    if config.metrics_public {
        app = app.route("/metrics", get(metrics));
    }
    app.layer(DefaultBodyLimit::max(config.max_body_bytes))
        // A backstop: GraphQL requests are timed out inside with a coded answer first.
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            Duration::from_secs(config.request_timeout_secs + 5),
        ))
        .layer(CatchPanicLayer::new())
        .layer(axum::middleware::from_fn(security_headers))
        .layer(axum::middleware::from_fn(request_span))
        .with_state(state)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_fingerprinted_files_are_cached_for_good() {
        assert!(is_fingerprinted("/app-5e7c6cc0754b.wasm"));
        assert!(is_fingerprinted("/style-8e02d09843b8.css"));
        assert!(is_fingerprinted("/boot-91aaff6b05d1.js.gz"));
        assert!(!is_fingerprinted("/"));
        assert!(!is_fingerprinted("/index.html"));
        assert!(!is_fingerprinted("/clusters/klaster-5e7c6cc0754b"));
        assert!(!is_fingerprinted("/app-5e7c6cc0754.wasm"));
        assert!(!is_fingerprinted("/app-5e7c6cc0754g.wasm"));
    }
}
