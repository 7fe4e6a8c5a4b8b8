//! Following the link that verifies an account's address (`/verify-email?token=…`): it signs
//! the person in, as signing in does, and goes on to their account.

use super::{link_token, spent_link};
use crate::api::{self, FieldError};
use crate::components::{ErrorNote, Field, Loading, ResendVerification, title};
use crate::i18n::{M, use_i18n};
use crate::queries::{VerifyEmail, verify_email};
use crate::session;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

/// Verifies the address as soon as the page opens; a link that no longer works offers a new one.
#[component]
pub fn VerifyEmailPage() -> impl IntoView {
    let i18n = use_i18n();
    title(
        move || i18n.t(M::VerifyTitle).to_owned(),
        move || i18n.t(M::DescVerifyEmail).to_owned(),
    );
    let token = link_token();
    let refused = RwSignal::new(Vec::<FieldError>::new());
    let failure = RwSignal::new(None::<api::ApiError>);
    let email = RwSignal::new(String::new());
    let navigate = use_navigate();
    let verify = Action::new_local(move |token: &String| {
        let token = token.clone();
        async move { api::mutate::<VerifyEmail>(verify_email::Variables { token }).await }
    });
    Effect::new(move |_| match verify.value().get() {
        Some(Ok(answer)) => match answer.session() {
            Some(s) => {
                i18n.adopt(&s.user.language);
                session::keep!(s);
                navigate("/my-account?welcome=1", Default::default());
            }
            None => refused.set(answer.errors),
        },
        Some(Err(e)) => failure.set(Some(e)),
        None => {}
    });
    if token.is_empty() {
        refused.set(spent_link());
    } else {
        verify.dispatch(token);
    }
    view! {
        <h1>{move || i18n.t(M::VerifyTitle)}</h1>
        {move || verify.pending().get().then(|| view! { <Loading/> })}
        {move || failure.get().map(|error| view! { <ErrorNote error/> })}
        <Show when=move || !refused.get().is_empty()>
            <div class="notice" data-test="link-refused">
                <p role="alert">{move || FieldError::texts(&refused.get(), i18n.lang())}</p>
                <p>{move || i18n.t(M::AskNewVerification)}</p>
                <Field name="email" label=M::Email value=email errors=RwSignal::new(vec![]) kind="email"/>
                <ResendVerification email/>
            </div>
        </Show>
    }
}
