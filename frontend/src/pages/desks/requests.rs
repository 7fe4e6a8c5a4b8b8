//! Requests waiting for the reader's decision (`/requests`): to act for an organisation they
//! manage or whose cluster they coordinate, and, for operators, every one (claims on clusters
//! included).

use super::Desk;
use crate::account::MeInfo;
use crate::components::{RequestsToDecide, title};
use crate::i18n::{M, use_i18n};
use leptos::prelude::*;

/// The requests the signed-in account decides.
#[component]
pub fn RequestsPage() -> impl IntoView {
    let i18n = use_i18n();
    title(
        move || i18n.t(M::RequestsTitle).to_owned(),
        move || i18n.t(M::DescRequests).to_owned(),
    );
    view! {
        <h1>{move || i18n.t(M::RequestsTitle)}</h1>
        <p class="lead">{move || i18n.t(M::RequestsLead)}</p>
        <Desk children=move |_: MeInfo| view! { <RequestsToDecide/> }/>
    }
}
