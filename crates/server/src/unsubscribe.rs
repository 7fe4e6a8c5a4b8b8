//! The one-click unsubscribe of RFC 8058: every notification mail names
//! `POST /unsubscribe/<token>` in its List-Unsubscribe header, and mail programs post
//! `List-Unsubscribe=One-Click` there without the reader signing in. A GET of the same address
//! is sent on to the web app's page (`/unsubscribe?token=`), which asks before it unsubscribes:
//! link checkers follow GETs.

use crate::refusal::error_response;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use klastry_domain::DomainError;
use klastry_domain::notifications::preferences;
use klastry_graphql::error::codes;
use sea_orm::ActiveEnum;

/// Stops the mail the link names; the link works once.
pub async fn one_click(State(state): State<AppState>, Path(token): Path<String>) -> Response {
    if !looks_like_a_token(&token) {
        return error_response(
            StatusCode::BAD_REQUEST,
            codes::BAD_USER_INPUT,
            "token: not an unsubscribe token",
            None,
        );
    }
    match preferences::unsubscribe(&state.db, &token).await {
        Ok(kinds) => {
            let names: Vec<String> = kinds.iter().map(|k| k.to_value()).collect();
            (
                StatusCode::OK,
                axum::Json(serde_json::json!({ "unsubscribed": names })),
            )
                .into_response()
        }
        Err(DomainError::Invalid(error)) => error_response(
            StatusCode::GONE,
            codes::BAD_USER_INPUT,
            &error.message,
            None,
        ),
        Err(error) => {
            tracing::error!(%error, "unsubscribing failed");
            error_response(
                StatusCode::SERVICE_UNAVAILABLE,
                codes::INTERNAL_SERVER_ERROR,
                "the registry could not record this now; try again",
                Some(5),
            )
        }
    }
}

/// A person who opened the link: the web app's page, which asks first.
pub async fn page(Path(token): Path<String>) -> Response {
    if !looks_like_a_token(&token) {
        return Redirect::to("/unsubscribe").into_response();
    }
    Redirect::to(&format!("/unsubscribe?token={token}")).into_response()
}

/// Whether `token` could be one the registry issued: base64url (letters, digits, `-`, `_`),
/// not longer than any it issues. Anything else is refused before the database is asked.
fn looks_like_a_token(token: &str) -> bool {
    !token.is_empty()
        && token.len() <= 128
        && token
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_base64url_and_nothing_else() {
        assert!(looks_like_a_token("aZ09-_x"));
        assert!(!looks_like_a_token(""));
        assert!(!looks_like_a_token("a/b"));
        assert!(!looks_like_a_token("a%2Fb"));
        assert!(!looks_like_a_token(&"a".repeat(129)));
    }
}
