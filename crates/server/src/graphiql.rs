//! GraphiQL: its page, under a content security policy of its own, and its compiled-in assets
//! (and the helper that serves any compiled-in file).

use crate::state::AppState;
use axum::Router;
use axum::http::{HeaderValue, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;

/// GraphiQL's page: its editor sets styles inline and loads fonts and images as data URLs.
const GRAPHIQL_CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; \
     style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; \
     connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; \
     frame-ancestors 'none'";

/// GraphiQL's page.
const GRAPHIQL_HTML: &str = include_str!("../assets/graphiql.html");

/// GraphiQL's page with its own content security policy.
pub(crate) fn page() -> Response {
    (
        [(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(GRAPHIQL_CONTENT_SECURITY_POLICY),
        )],
        Html(GRAPHIQL_HTML),
    )
        .into_response()
}

/// A compiled-in file, cached for a day.
pub(crate) fn asset(content_type: &'static str, body: &'static [u8]) -> Response {
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=86400"),
            ),
        ],
        body,
    )
        .into_response()
}

/// GraphiQL's script and style files.
pub(crate) fn assets() -> Router<AppState> {
    // Each file is compiled in; the page's own script and style are files too, so that the
    // page runs under a policy without inline script.
    macro_rules! file {
        ($path:literal, $type:literal) => {
            get(|| async { asset($type, include_bytes!(concat!("../assets/graphiql/", $path))) })
        };
    }
    Router::new()
        .route(
            "/graphiql/graphiql.min.js",
            file!("graphiql.min.js", "text/javascript"),
        )
        .route(
            "/graphiql/graphiql.min.css",
            file!("graphiql.min.css", "text/css"),
        )
        .route(
            "/graphiql/react.production.min.js",
            file!("react.production.min.js", "text/javascript"),
        )
        .route(
            "/graphiql/react-dom.production.min.js",
            file!("react-dom.production.min.js", "text/javascript"),
        )
        .route(
            "/graphiql/graphql-ws.min.js",
            file!("graphql-ws.min.js", "text/javascript"),
        )
        .route(
            "/graphiql/klastry.js",
            file!("klastry.js", "text/javascript"),
        )
        .route("/graphiql/klastry.css", file!("klastry.css", "text/css"))
}
