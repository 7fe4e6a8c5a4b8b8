//! Accepting an invitation (`/invitation?token=…`): what it offers, then accepting it as the
//! signed-in account, with the password of the account the address has, or by opening one.

use super::link_token;
use crate::account::use_me;
use crate::api::{self, ApiError};
use crate::components::{Choice, ErrorNote, Field, Form, Loading, Report, action, title};
use crate::i18n::{M, date, use_i18n};
use crate::queries::{AcceptInvitation, InvitationPreview, accept_invitation, invitation_preview};
use crate::session;
use crate::values::{code, enum_value, given};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

/// What the invitation offers, and accepting it.
#[component]
pub fn InvitationPage() -> impl IntoView {
    let i18n = use_i18n();
    title(
        move || i18n.t(M::InvitationTitle).to_owned(),
        move || i18n.t(M::DescInvitation).to_owned(),
    );
    let token = link_token();
    let asked = token.clone();
    let preview = LocalResource::new(move || {
        let token = asked.clone();
        async move { api::run::<InvitationPreview>(invitation_preview::Variables { token }).await }
    });
    view! {
        <h1>{move || i18n.t(M::InvitationTitle)}</h1>
        <Transition fallback=Loading>
            {move || {
                let token = token.clone();
                Suspend::new(async move {
                    match preview.await {
                        Ok(data) => view! { <Offer offer=data.invitation token/> }.into_any(),
                        // A link accepted, revoked, expired or never issued: its reason in words.
                        Err(ApiError::Graphql { refusal: Some(refusal), .. }) => view! {
                            <p class="notice" role="alert" data-test="link-refused">
                                {move || refusal.text(i18n.lang())}". "{move || i18n.t(M::AskForNewInvitation)}
                            </p>
                        }.into_any(),
                        Err(error) => view! { <ErrorNote error/> }.into_any(),
                    }
                })
            }}
        </Transition>
    }
}

#[component]
fn Offer(offer: invitation_preview::InvitationPreviewInvitation, token: String) -> impl IntoView {
    let i18n = use_i18n();
    let me = use_me();
    let signed_in = session::signal();
    let report = Report::new();
    let errors = report.errors;
    let password = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let language = RwSignal::new(i18n.lang().api().to_owned());
    let role = code(&offer.role);
    let exists = offer.account_exists;
    let accept = action(move |_: &()| {
        let anonymous = signed_in.get_untracked().is_none();
        let input = accept_invitation::AcceptInvitationInput {
            token: token.clone(),
            password: given(password.get_untracked()).filter(|_| anonymous),
            display_name: given(name.get_untracked()).filter(|_| anonymous && !exists),
            language: enum_value(&language.get_untracked())
                .unwrap_or(accept_invitation::Language::PL),
        };
        async move {
            let answer =
                api::mutate::<AcceptInvitation>(accept_invitation::Variables { input }).await?;
            match answer.session() {
                Some(s) => {
                    i18n.adopt(&s.user.language);
                    session::keep!(s)
                }
                None if answer.written => me.refetch(),
                None => {}
            }
            Ok((answer.written, answer.errors))
        }
    });
    let navigate = use_navigate();
    let destination = match role.as_str() {
        "COORDINATOR" => "/coordinator",
        "OPERATOR" => "/operator",
        _ => "/my-organisation",
    };
    let on_done = Callback::new(move |_| navigate(destination, Default::default()));
    let what = match (
        role.as_str(),
        offer.organisation_name.clone(),
        offer.cluster_name.clone(),
    ) {
        ("MEMBER", Some(o), _) => (M::InvitedToActFor, o),
        ("COORDINATOR", _, Some(c)) => (M::InvitedToCoordinate, c),
        _ => (M::InvitedToOperate, String::new()),
    };
    let (email, until) = (offer.email.clone(), offer.expires_at.clone());
    view! {
        <div class="notice" data-test="invitation-offer">
            <p>{move || i18n.t(what.0)}" "<strong>{what.1.clone()}</strong></p>
            <p class="meta">{move || i18n.t(M::InvitedAddress)}" "<span class="wrap">{email.clone()}</span>
                {move || format!(" · {} {}", i18n.t(M::ValidUntil), date(i18n.lang(), &until))}</p>
        </div>
        <Form action=accept report submit=M::AcceptInvitation on_done test="accept-form" narrow=true
            fields=&["password", "displayName", "language"]>
            {move || match (signed_in.get(), exists) {
                (Some(s), _) => view! { <p>{move || i18n.t(M::AcceptAs)}" "<strong class="wrap">{s.email.clone()}</strong></p> }.into_any(),
                (None, true) => view! {
                    <p>{move || i18n.t(M::AccountExistsEnterPassword)}</p>
                    <Field name="password" label=M::Password value=password errors kind="password" auto="current-password"/>
                }.into_any(),
                (None, false) => view! {
                    <p>{move || i18n.t(M::OpenAccountToAccept)}</p>
                    <Field name="password" label=M::NewPassword value=password errors kind="password" hint=M::PasswordPolicy auto="new-password"/>
                    <Field name="displayName" label=M::YourName value=name errors auto="name"/>
                    <Choice name="language" label=M::LanguageLabel value=language errors options=vec!["PL".into(), "EN".into()]
                        names=vec!["Polski".into(), "English".into()]/>
                }.into_any(),
            }}
        </Form>
    }
}
