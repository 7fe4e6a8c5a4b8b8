//! Signing in.

use crate::api::{self, FieldError, user_errors};
use crate::components::{ErrorNote, Field, title};
use crate::i18n::{M, use_i18n};
use crate::queries::{SignIn, UserErrorCode, sign_in};
use crate::session;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

/// The sign-in form; after signing in it goes back to where the visitor came from.
#[component]
pub fn SignInPage() -> impl IntoView {
    let i18n = use_i18n();
    title(move || i18n.t(M::SignInTitle).to_owned());
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let failure = RwSignal::new(None::<api::ApiError>);
    let query = use_query_map();
    let navigate = use_navigate();
    let submit = Action::new_local(move |_: &()| {
        let input = sign_in::SignInInput {
            email: email.get_untracked(),
            password: password.get_untracked(),
        };
        async move { api::run::<SignIn>(sign_in::Variables { input }).await }
    });
    Effect::new(move |_| {
        if let Some(result) = submit.value().get() {
            match result {
                Ok(data) => match data.sign_in.session {
                    Some(s) => {
                        session::store(session::Session {
                            access_token: s.access_token,
                            refresh_token: s.refresh_token,
                            email: s.user.email,
                            display_name: s.user.display_name,
                        });
                        let back = query
                            .get_untracked()
                            .get("next")
                            .filter(|n| n.starts_with('/'))
                            .unwrap_or_else(|| "/".into());
                        navigate(&back, Default::default());
                    }
                    None => errors.set(user_errors!(data.sign_in.user_errors)),
                },
                // A wrong e-mail or password is refused as UNAUTHENTICATED, without saying
                // which; it is shown under the password, where WRONG_PASSWORD reads "wrong
                // e-mail or password".
                Err(api::ApiError::Graphql { code, .. }) if code == "UNAUTHENTICATED" => errors
                    .set(vec![FieldError::new(
                        "password",
                        UserErrorCode::WRONG_PASSWORD,
                    )]),
                Err(e) => failure.set(Some(e)),
            }
        }
    });
    view! {
        <h1>{move || i18n.t(M::SignInTitle)}</h1>
        <form class="form narrow" data-test="sign-in-form" on:submit=move |ev| {
            ev.prevent_default();
            errors.set(vec![]);
            failure.set(None);
            submit.dispatch(());
        }>
            <Field name="email" label=M::Email value=email errors kind="email"/>
            <Field name="password" label=M::Password value=password errors kind="password"/>
            {move || failure.get().map(|error| view! { <ErrorNote error/> })}
            <button type="submit" disabled=move || submit.pending().get()>{move || i18n.t(M::SignIn)}</button>
        </form>
    }
}
