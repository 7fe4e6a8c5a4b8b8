//! What a section shows while it loads or when its request failed.

use crate::api::ApiError;
use crate::i18n::{M, use_i18n};
use leptos::prelude::*;

/// What a failed request shows.
#[component]
pub fn ErrorNote(error: ApiError) -> impl IntoView {
    let i18n = use_i18n();
    let text = move || match &error {
        ApiError::Network(_) => i18n.t(M::ErrorNetwork).to_owned(),
        ApiError::Unauthenticated => i18n.t(M::ErrorSignInNeeded).to_owned(),
        ApiError::Graphql { code, .. } if code == "UNAUTHENTICATED" => {
            i18n.t(M::ErrorSignInNeeded).to_owned()
        }
        ApiError::Graphql { code, .. } if code == "FORBIDDEN" => {
            i18n.t(M::ErrorForbidden).to_owned()
        }
        ApiError::Graphql { code, .. } if code == "CONFLICT" => i18n.t(M::ErrorConflict).to_owned(),
        ApiError::Graphql { code, message } => {
            format!("{} ({code}): {message}", i18n.t(M::ErrorOther))
        }
    };
    view! { <p class="error" role="alert">{text}</p> }
}

/// The loading state of a section.
#[component]
pub fn Loading() -> impl IntoView {
    let i18n = use_i18n();
    view! { <p class="loading" role="status" aria-live="polite">{move || i18n.t(M::Loading)}</p> }
}
