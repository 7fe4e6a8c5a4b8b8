//! Asking for a link that sets a new password (`/forgot-password`): the answer is the same
//! whatever the address, so it tells nobody who has an account.

use crate::api;
use crate::components::{Field, Form, Report, action, title};
use crate::i18n::{M, use_i18n};
use crate::queries::{RequestPasswordReset, request_password_reset};
use leptos::prelude::*;
use leptos_router::components::A;

/// The address to mail a reset link to.
#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    title(
        move || i18n.t(M::ForgotTitle).to_owned(),
        move || i18n.t(M::DescForgotPassword).to_owned(),
    );
    let report = Report::new();
    let errors = report.errors;
    let email = RwSignal::new(String::new());
    let ask = action(move |_: &()| {
        let email = email.get_untracked();
        async move {
            api::change::<RequestPasswordReset>(request_password_reset::Variables { email }).await
        }
    });
    view! {
        <h1>{move || i18n.t(M::ForgotTitle)}</h1>
        <p class="lead">{move || i18n.t(M::ForgotLead)}</p>
        <Form action=ask report submit=M::SendResetLink done=M::ResetLinkSent test="forgot-form" narrow=true fields=&["email"]>
            <Field name="email" label=M::Email value=email errors kind="email" auto="email"/>
        </Form>
        <p class="links"><A href="/sign-in">{move || i18n.t(M::SignIn)}</A></p>
    }
}
