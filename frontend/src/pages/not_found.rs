//! The page for an address no route knows.

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
