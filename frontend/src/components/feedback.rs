//! What a section shows while it loads or when its request failed.

use crate::api::ApiError;
use crate::i18n::{M, api_error, use_i18n};
use leptos::prelude::*;

/// What a failed request shows: a sentence for its code, in the page's language (a refused
/// argument with its reason in words), never the server's English message.
#[component]
pub fn ErrorNote(error: ApiError) -> impl IntoView {
    let i18n = use_i18n();
    let text = move || {
        let lang = i18n.lang();
        match &error {
            ApiError::Network(_) => i18n.t(M::ErrorNetwork).to_owned(),
            ApiError::Unauthenticated => i18n.t(M::ErrorSignInNeeded).to_owned(),
            ApiError::Graphql { code, refusal, .. } => {
                let why = refusal.as_ref().map(|r| r.text(lang));
                api_error(lang, code, why.as_deref())
            }
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
