//! Asking for a new link that verifies an account's address, wherever a person may have lost
//! the first one: after signing up, when signing in before verifying, on a spent link.

use super::feedback::ErrorNote;
use super::form::action;
use crate::api::{self, ApiError};
use crate::i18n::{M, use_i18n};
use crate::queries::{ResendVerification as Resend, resend_verification};
use leptos::prelude::*;

/// A button that mails `email` a new verification link (the answer is the same for every
/// address; the registry sends at most one a minute).
#[component]
pub fn ResendVerification(#[prop(into)] email: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let sent = RwSignal::new(false);
    let failure = RwSignal::new(None::<ApiError>);
    let resend = action(move |_: &()| {
        let email = email.get_untracked();
        async move { api::change::<Resend>(resend_verification::Variables { email }).await }
    });
    Effect::new(move |_| match resend.value().get() {
        Some(Ok(_)) => sent.set(true),
        Some(Err(e)) => failure.set(Some(e)),
        None => {}
    });
    view! {
        <p>
            <button type="button" class="secondary" data-test="resend-verification"
                disabled=move || resend.pending().get() || email.get().trim().is_empty()
                on:click=move |_| { sent.set(false); failure.set(None); resend.dispatch(()); }>
                {move || i18n.t(M::ResendLink)}
            </button>
        </p>
        {move || sent.get().then(|| view! { <p class="ok" role="status" data-test="resent">{move || i18n.t(M::LinkResent)}</p> })}
        {move || failure.get().map(|error| view! { <ErrorNote error/> })}
    }
}
