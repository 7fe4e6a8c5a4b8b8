//! Setting a new password through the mailed link (`/reset-password?token=…`), then signing in
//! with it.

use super::link_token;
use crate::api;
use crate::components::{Field, Form, Report, action, title};
use crate::i18n::{M, use_i18n};
use crate::queries::{ResetPassword, reset_password};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

/// The new password; once set, the sign-in page.
#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    title(
        move || i18n.t(M::ResetTitle).to_owned(),
        move || i18n.t(M::DescResetPassword).to_owned(),
    );
    let token = link_token();
    let report = Report::new();
    let errors = report.errors;
    let password = RwSignal::new(String::new());
    let set = action(move |_: &()| {
        let input = reset_password::ResetPasswordInput {
            token: token.clone(),
            new_password: password.get_untracked(),
        };
        async move { api::change::<ResetPassword>(reset_password::Variables { input }).await }
    });
    let navigate = use_navigate();
    let on_done = Callback::new(move |_| navigate("/sign-in?reset=1", Default::default()));
    view! {
        <h1>{move || i18n.t(M::ResetTitle)}</h1>
        <Form action=set report submit=M::SetPassword on_done test="reset-form" narrow=true fields=&["newPassword"]>
            <Field name="newPassword" label=M::NewPassword value=password errors kind="password" hint=M::PasswordPolicy auto="new-password"/>
        </Form>
        <p class="links"><A href="/forgot-password">{move || i18n.t(M::AskNewResetLink)}</A></p>
    }
}
