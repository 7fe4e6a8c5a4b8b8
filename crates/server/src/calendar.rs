//! `GET /calendar.ics` and `GET /clusters/<slug>/calendar.ics`: the registry's and one
//! cluster's events as iCalendar feeds (the domain's `bulk::icalendar`), public as the events
//! are in the API, for calendar applications to subscribe to.

use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use klastry_domain::DomainError;
use klastry_domain::bulk::icalendar::{self, FeedScope};
use klastry_domain::rules::calendar::polish_today;
use klastry_graphql::error::codes;

/// `GET /calendar.ics`: every cluster's events.
pub async fn registry(State(state): State<AppState>) -> Response {
    let feed = icalendar::feed(
        &state.db,
        FeedScope::Registry,
        polish_today(),
        &state.public_address,
    )
    .await;
    respond(feed, "klastry")
}

/// `GET /clusters/<slug>/calendar.ics`: one cluster's events.
pub async fn cluster(State(state): State<AppState>, Path(slug): Path<String>) -> Response {
    let found = match klastry_domain::reads::clusters::by_slug(&state.db, &slug).await {
        Ok(found) => found,
        Err(DomainError::NotFound { .. }) => {
            return crate::refusal::error_response(
                StatusCode::NOT_FOUND,
                codes::NOT_FOUND,
                &format!("no cluster has the slug '{slug}'"),
                None,
            );
        }
        Err(error) => return respond(Err(error), &slug),
    };
    let feed = icalendar::feed(
        &state.db,
        FeedScope::Cluster(&found),
        polish_today(),
        &state.public_address,
    )
    .await;
    respond(feed, &found.slug)
}

fn respond(feed: Result<String, DomainError>, name: &str) -> Response {
    match feed {
        Ok(text) => {
            let mut response = text.into_response();
            let headers = response.headers_mut();
            headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/calendar; charset=utf-8"),
            );
            // Calendar applications poll; an hour old is fresh enough for a registry's events.
            headers.insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=3600"),
            );
            if let Ok(value) =
                HeaderValue::from_str(&format!("inline; filename=\"{name}-calendar.ics\""))
            {
                headers.insert(header::CONTENT_DISPOSITION, value);
            }
            response
        }
        Err(error) => {
            tracing::error!(%error, "writing a calendar feed failed");
            crate::refusal::error_response(
                StatusCode::INTERNAL_SERVER_ERROR,
                codes::INTERNAL_SERVER_ERROR,
                "internal error",
                None,
            )
        }
    }
}
