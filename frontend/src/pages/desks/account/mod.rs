//! "My account" (`/my-account`): name and language, roles, acting for an organisation and the
//! requests made for it, cluster submissions, notification settings, and the account's
//! security (address, password, sessions, deleting it). `profile` holds the account's own
//! settings, `joining` roles and requests, `submissions` the clusters submitted for listing,
//! `notifications` how notifications are mailed, what the account follows and the searches it
//! saved.

mod joining;
mod notifications;
mod profile;
mod submissions;

use super::Desk;
use crate::account::MeInfo;
use crate::components::title;
use crate::i18n::{M, use_i18n};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The signed-in account's own page.
#[component]
pub fn MyAccountPage() -> impl IntoView {
    let i18n = use_i18n();
    title(
        move || i18n.t(M::MyAccountTitle).to_owned(),
        move || i18n.t(M::DescMyAccount).to_owned(),
    );
    let deleted = RwSignal::new(false);
    let welcome = use_query_map().get_untracked().get("welcome").is_some();
    view! {
        <h1>{move || i18n.t(M::MyAccountTitle)}</h1>
        <Show when=move || !deleted.get() fallback=move || view! {
            <p class="notice" role="status" data-test="account-deleted">{move || i18n.t(M::AccountDeleted)}</p>
        }>
            {welcome.then(|| view! { <p class="ok" role="status" data-test="welcome">{move || i18n.t(M::Welcome)}</p> })}
            <Desk children=move |me: MeInfo| view! { <AccountDesk me deleted/> }/>
        </Show>
    }
}

#[component]
fn AccountDesk(me: MeInfo, deleted: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    // Asking to act for an organisation shows up in "my requests" at once.
    let requests = RwSignal::new(0u32);
    let email = me.email.clone();
    view! {
        <nav class="toc" aria-label=move || i18n.t(M::OnThisPage)>
            <a href="#profile" rel="external">{move || i18n.t(M::ProfileTitle)}</a>
            <a href="#organisation" rel="external">{move || i18n.t(M::ActForTitle)}</a>
            <a href="#submissions" rel="external">{move || i18n.t(M::SubmissionsTitle)}</a>
            <a href="#notifications" rel="external">{move || i18n.t(M::NotificationSettingsTitle)}</a>
            <a href="#security" rel="external">{move || i18n.t(M::SecurityTitle)}</a>
        </nav>
        <profile::ProfileForm language=me.language.clone()/>
        <joining::Roles me=me.clone()/>
        <joining::ActForOrganisation requests/>
        <joining::MyRequests reload=requests/>
        <submissions::MySubmissions email/>
        <notifications::NotificationSettings/>
        <profile::Security me deleted/>
    }
}
