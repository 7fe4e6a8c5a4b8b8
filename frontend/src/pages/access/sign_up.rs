//! Signing up (`/sign-up`): e-mail, password, name and language, then "check your mail" with a
//! way to have the link sent again.

use crate::api;
use crate::components::{Choice, Field, Form, Report, ResendVerification, action, title};
use crate::i18n::{M, use_i18n};
use crate::queries::{SignUp, sign_up};
use crate::values::enum_value;
use leptos::prelude::*;
use leptos_router::components::A;

/// The sign-up form, and after it the page that asks to follow the mailed link.
#[component]
pub fn SignUpPage() -> impl IntoView {
    let i18n = use_i18n();
    title(
        move || i18n.t(M::SignUpTitle).to_owned(),
        move || i18n.t(M::DescSignUp).to_owned(),
    );
    let report = Report::new();
    let errors = report.errors;
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let language = RwSignal::new(i18n.lang().api().to_owned());
    let sent = RwSignal::new(false);
    let submit = action(move |_: &()| {
        let input = sign_up::SignUpInput {
            email: email.get_untracked(),
            password: password.get_untracked(),
            display_name: name.get_untracked(),
            language: enum_value(&language.get_untracked()).unwrap_or(sign_up::Language::PL),
        };
        async move { api::change::<SignUp>(sign_up::Variables { input }).await }
    });
    let on_done = Callback::new(move |_| sent.set(true));
    view! {
        <Show when=move || sent.get() fallback=move || view! {
            <h1>{move || i18n.t(M::SignUpTitle)}</h1>
            <p class="lead">{move || i18n.t(M::SignUpLead)}</p>
            <Form action=submit report submit=M::SignUp on_done test="sign-up-form" narrow=true
                fields=&["email", "password", "displayName", "language"]>
                <Field name="email" label=M::Email value=email errors kind="email" auto="email"/>
                <Field name="password" label=M::Password value=password errors kind="password" hint=M::PasswordPolicy auto="new-password"/>
                <Field name="displayName" label=M::YourName value=name errors auto="name"/>
                <Choice name="language" label=M::LanguageLabel value=language errors options=vec!["PL".into(), "EN".into()]
                    names=vec!["Polski".into(), "English".into()]/>
            </Form>
            <p class="links">{move || i18n.t(M::HaveAccount)}" "<A href="/sign-in">{move || i18n.t(M::SignIn)}</A></p>
        }>
            <h1>{move || i18n.t(M::CheckMailTitle)}</h1>
            <div class="notice" data-test="check-mail">
                <p>{move || i18n.t(M::CheckMailText)}" "<strong class="wrap">{move || email.get()}</strong></p>
                <p class="meta">{move || i18n.t(M::CheckMailHint)}</p>
                <ResendVerification email/>
            </div>
        </Show>
    }
}
