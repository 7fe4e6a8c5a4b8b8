//! Signing in, with the ways on from here: signing up, a forgotten password, and a new
//! verification link for an account whose address is not verified yet.

use crate::api::{self, FieldError};
use crate::components::{ErrorNote, Field, ResendVerification, title};
use crate::i18n::{M, api_error, use_i18n};
use crate::queries::{SignIn, UserErrorCode, sign_in};
use crate::session;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};

/// The sign-in form; after signing in it goes back to where the visitor came from.
#[component]
pub fn SignInPage() -> impl IntoView {
    let i18n = use_i18n();
    title(
        move || i18n.t(M::SignInTitle).to_owned(),
        move || i18n.t(M::DescSignIn).to_owned(),
    );
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let failure = RwSignal::new(None::<api::ApiError>);
    let unverified = RwSignal::new(false);
    let query = use_query_map();
    let navigate = use_navigate();
    let reset = query.get_untracked().get("reset").is_some();
    let submit = Action::new_local(move |_: &()| {
        let input = sign_in::SignInInput {
            email: email.get_untracked(),
            password: password.get_untracked(),
        };
        async move { api::mutate::<SignIn>(sign_in::Variables { input }).await }
    });
    Effect::new(move |_| {
        if let Some(result) = submit.value().get() {
            match result {
                Ok(answer) => match answer.session() {
                    Some(s) => {
                        i18n.adopt(&s.user.language);
                        session::keep!(s);
                        let back = query
                            .get_untracked()
                            .get("next")
                            .filter(|n| n.starts_with('/') && !n.starts_with("//"))
                            .unwrap_or_else(|| "/".into());
                        navigate(&back, Default::default());
                    }
                    None => errors.set(answer.errors),
                },
                // A wrong e-mail or password is refused as UNAUTHENTICATED, without saying
                // which; it is shown under the password, where WRONG_PASSWORD reads "wrong
                // e-mail or password".
                Err(api::ApiError::Graphql { code, .. }) if code == "UNAUTHENTICATED" => errors
                    .set(vec![FieldError::new(
                        "password",
                        UserErrorCode::WRONG_PASSWORD,
                    )]),
                Err(api::ApiError::Graphql { code, .. }) if code == "EMAIL_NOT_VERIFIED" => {
                    unverified.set(true)
                }
                Err(e) => failure.set(Some(e)),
            }
        }
    });
    view! {
        <h1>{move || i18n.t(M::SignInTitle)}</h1>
        {reset.then(|| view! { <p class="ok" role="status" data-test="password-set">{move || i18n.t(M::PasswordSetSignIn)}</p> })}
        <form class="form narrow" data-test="sign-in-form" on:submit=move |ev| {
            ev.prevent_default();
            errors.set(vec![]);
            failure.set(None);
            unverified.set(false);
            submit.dispatch(());
        }>
            <Field name="email" label=M::Email value=email errors kind="email" auto="username"/>
            <Field name="password" label=M::Password value=password errors kind="password" auto="current-password"/>
            {move || failure.get().map(|error| view! { <ErrorNote error/> })}
            <button type="submit" disabled=move || submit.pending().get()>{move || i18n.t(M::SignIn)}</button>
        </form>
        <Show when=move || unverified.get()>
            <div class="notice narrow" data-test="email-not-verified">
                <p role="alert">{move || api_error(i18n.lang(), "EMAIL_NOT_VERIFIED", None)}</p>
                <ResendVerification email/>
            </div>
        </Show>
        <p class="links">
            <A href="/forgot-password">{move || i18n.t(M::ForgotPassword)}</A>
            <span>{move || i18n.t(M::NoAccountYet)}" "<A href="/sign-up">{move || i18n.t(M::SignUp)}</A></span>
        </p>
    }
}
