//! Following the link mailed to a new address (`/confirm-email?token=…`): the account signs in
//! with that address from now on.

use super::{link_token, spent_link};
use crate::api::{self, FieldError};
use crate::components::{ErrorNote, Loading, title};
use crate::i18n::{M, use_i18n};
use crate::queries::{ConfirmEmailChange, confirm_email_change};
use crate::session;
use leptos::prelude::*;
use leptos_router::components::A;

/// Confirms the new address as soon as the page opens.
#[component]
pub fn ConfirmEmailPage() -> impl IntoView {
    let i18n = use_i18n();
    title(
        move || i18n.t(M::ConfirmEmailTitle).to_owned(),
        move || i18n.t(M::DescConfirmEmail).to_owned(),
    );
    let token = link_token();
    let refused = RwSignal::new(Vec::<FieldError>::new());
    let failure = RwSignal::new(None::<api::ApiError>);
    let confirmed = RwSignal::new(None::<String>);
    let confirm = Action::new_local(move |token: &String| {
        let token = token.clone();
        async move { api::mutate::<ConfirmEmailChange>(confirm_email_change::Variables { token }).await }
    });
    Effect::new(move |_| match confirm.value().get() {
        Some(Ok(answer)) => match answer.text(&["user", "email"]) {
            Some(email) => {
                // A session kept here goes on under the new address.
                if let Some(mut s) = session::current() {
                    s.email = email.clone();
                    session::store(s);
                }
                confirmed.set(Some(email));
            }
            None => refused.set(answer.errors),
        },
        Some(Err(e)) => failure.set(Some(e)),
        None => {}
    });
    if token.is_empty() {
        refused.set(spent_link());
    } else {
        confirm.dispatch(token);
    }
    view! {
        <h1>{move || i18n.t(M::ConfirmEmailTitle)}</h1>
        {move || confirm.pending().get().then(|| view! { <Loading/> })}
        {move || failure.get().map(|error| view! { <ErrorNote error/> })}
        {move || confirmed.get().map(|email| view! {
            <p class="ok" role="status" data-test="email-confirmed">{move || i18n.t(M::EmailChanged)}" "<strong class="wrap">{email.clone()}</strong></p>
        })}
        <Show when=move || !refused.get().is_empty()>
            <p class="error" role="alert" data-test="link-refused">{move || FieldError::texts(&refused.get(), i18n.lang())}</p>
        </Show>
        <p class="links"><A href="/my-account">{move || i18n.t(M::NavMyAccount)}</A></p>
    }
}
