//! The account's own settings: name and language, address, password, sessions, deleting it.

use crate::account::MeInfo;
use crate::api;
use crate::components::{Choice, Confirm, ErrorNote, Field, Form, Report, action};
use crate::i18n::{Lang, M, use_i18n};
use crate::queries::*;
use crate::session;
use crate::values::{enum_value, given};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

/// Name and language; the language switches the app too.
#[component]
pub fn ProfileForm(language: String) -> impl IntoView {
    let i18n = use_i18n();
    let report = Report::new();
    let errors = report.errors;
    let name = RwSignal::new(
        session::current()
            .map(|s| s.display_name)
            .unwrap_or_default(),
    );
    let language = RwSignal::new(language);
    let save = action(move |_: &()| {
        let input = update_my_account::UpdateMyAccountInput {
            display_name: given(name.get_untracked()),
            language: enum_value(&language.get_untracked()),
        };
        async move {
            let answer =
                api::mutate::<UpdateMyAccount>(update_my_account::Variables { input }).await?;
            // The header shows the new name at once.
            if let (Some(shown), Some(mut s)) =
                (answer.text(&["user", "displayName"]), session::current())
            {
                s.display_name = shown;
                session::store(s);
            }
            Ok((answer.written, answer.errors))
        }
    });
    let on_done = Callback::new(move |_| {
        if let Some(lang) = Lang::from_api(&language.get_untracked()) {
            i18n.set(lang);
        }
    });
    view! {
        <section id="profile">
            <h2>{move || i18n.t(M::ProfileTitle)}</h2>
            <Form action=save report submit=M::Save done=M::Saved on_done test="profile-form" fields=&["displayName", "language"]>
                <div class="row">
                    <Field name="displayName" label=M::YourName value=name errors auto="name"/>
                    <Choice name="language" label=M::LanguageLabel value=language errors options=vec!["PL".into(), "EN".into()]
                        names=vec!["Polski".into(), "English".into()]/>
                </div>
            </Form>
        </section>
    }
}

/// The address, the password, every session, and deleting the account.
#[component]
pub fn Security(me: MeInfo, deleted: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section id="security">
            <h2>{move || i18n.t(M::SecurityTitle)}</h2>
            <p>{move || i18n.t(M::SignsInWith)}" "<strong class="wrap" data-test="account-email">{me.email.clone()}</strong></p>
            <EmailChange/>
            <PasswordChange/>
            <SignOutEverywhere/>
            <DeleteAccount deleted/>
        </section>
    }
}

#[component]
fn EmailChange() -> impl IntoView {
    let i18n = use_i18n();
    let report = Report::new();
    let errors = report.errors;
    let new_email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let ask = action(move |_: &()| {
        let input = request_email_change::RequestEmailChangeInput {
            new_email: new_email.get_untracked(),
            current_password: password.get_untracked(),
        };
        async move { api::change::<RequestEmailChange>(request_email_change::Variables { input }).await }
    });
    let on_done = Callback::new(move |_| password.set(String::new()));
    view! {
        <h3>{move || i18n.t(M::ChangeEmailTitle)}</h3>
        <Form action=ask report submit=M::ChangeEmail done=M::EmailChangeSent on_done test="email-form" fields=&["newEmail", "currentPassword"]>
            <div class="row">
                <Field name="newEmail" label=M::NewEmail value=new_email errors kind="email" auto="email"/>
                <Field name="currentPassword" label=M::CurrentPassword value=password errors kind="password" auto="current-password"/>
            </div>
        </Form>
    }
}

#[component]
fn PasswordChange() -> impl IntoView {
    let i18n = use_i18n();
    let report = Report::new();
    let errors = report.errors;
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let change = action(move |_: &()| {
        let input = change_password::ChangePasswordInput {
            current_password: current.get_untracked(),
            new_password: new.get_untracked(),
        };
        async move { api::change::<ChangePassword>(change_password::Variables { input }).await }
    });
    let on_done = Callback::new(move |_| {
        current.set(String::new());
        new.set(String::new());
    });
    view! {
        <h3>{move || i18n.t(M::ChangePasswordTitle)}</h3>
        <Form action=change report submit=M::ChangePassword done=M::PasswordChanged on_done test="password-form" fields=&["currentPassword", "newPassword"]>
            <div class="row">
                <Field name="currentPassword" label=M::CurrentPassword value=current errors kind="password" auto="current-password"/>
                <Field name="newPassword" label=M::NewPassword value=new errors kind="password" hint=M::PasswordPolicy auto="new-password"/>
            </div>
        </Form>
    }
}

#[component]
fn SignOutEverywhere() -> impl IntoView {
    let i18n = use_i18n();
    let failure = RwSignal::new(None::<api::ApiError>);
    let navigate = use_navigate();
    let end = action(|_: &()| async move {
        api::change::<crate::queries::SignOutEverywhere>(sign_out_everywhere::Variables {}).await
    });
    Effect::new(move |_| match end.value().get() {
        Some(Ok((true, _))) => {
            session::end();
            navigate("/sign-in", Default::default());
        }
        Some(Err(e)) => failure.set(Some(e)),
        _ => {}
    });
    view! {
        <h3>{move || i18n.t(M::SessionsTitle)}</h3>
        <p class="meta">{move || i18n.t(M::SignOutEverywhereLead)}</p>
        <Confirm label=M::SignOutEverywhere question=M::SignOutEverywhereQuestion test="sign-out-everywhere"
            on_confirm=Callback::new(move |_| { end.dispatch(()); })/>
        {move || failure.get().map(|error| view! { <ErrorNote error/> })}
    }
}

#[component]
fn DeleteAccount(deleted: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let asking = RwSignal::new(false);
    let report = Report::new();
    let errors = report.errors;
    let password = RwSignal::new(String::new());
    let delete = action(move |_: &()| {
        let input = delete_my_account::DeleteMyAccountInput {
            current_password: password.get_untracked(),
        };
        async move { api::change::<DeleteMyAccount>(delete_my_account::Variables { input }).await }
    });
    let on_done = Callback::new(move |_| {
        session::end();
        deleted.set(true);
    });
    view! {
        <h3>{move || i18n.t(M::DeleteAccountTitle)}</h3>
        <p class="meta">{move || i18n.t(M::DeleteAccountLead)}</p>
        <Show when=move || asking.get() fallback=move || view! {
            <button type="button" class="danger" data-test="delete-account" on:click=move |_| asking.set(true)>{move || i18n.t(M::DeleteAccount)}</button>
        }>
            <Form action=delete report submit=M::DeleteForGood on_done test="delete-form" danger=true fields=&["currentPassword"]>
                <p role="alert">{move || i18n.t(M::DeleteAccountQuestion)}</p>
                <Field name="currentPassword" label=M::CurrentPassword value=password errors kind="password" auto="current-password"/>
            </Form>
            <button type="button" class="secondary" on:click=move |_| asking.set(false)>{move || i18n.t(M::Cancel)}</button>
        </Show>
    }
}
