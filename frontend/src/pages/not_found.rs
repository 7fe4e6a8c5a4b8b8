//! The page for an address no route knows, or for a record's address that leads to no record.

use crate::api::ApiError;
use crate::components::title;
use crate::i18n::{M, use_i18n};
use leptos::prelude::*;

/// What an unknown address shows.
#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    title(
        move || i18n.t(M::NotFoundTitle).to_owned(),
        move || i18n.t(M::NotFoundText).to_owned(),
    );
    view! {
        <h1>{move || i18n.t(M::NotFoundTitle)}</h1>
        <p>{move || i18n.t(M::NotFoundText)}</p>
    }
}

/// Whether a record page's request failed only because its address names no record: the API
/// says NOT_FOUND, or refuses the identifier in the address (a global ID that does not decode).
/// Such a page shows [`NotFound`] rather than an error, as an unknown route does.
pub fn is_missing(error: &ApiError) -> bool {
    match error {
        ApiError::Graphql { code, refusal, .. } => {
            code == "NOT_FOUND"
                || (code == "BAD_USER_INPUT"
                    && refusal
                        .as_ref()
                        .is_some_and(|r| matches!(r.field.as_str(), "id" | "slug")))
        }
        _ => false,
    }
}
