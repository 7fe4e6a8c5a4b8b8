//! The app's frame: the routes, the header with its navigation, the bell of unread
//! notifications, language switch and sign-in or sign-out, and the footer.

use crate::account;
use crate::components::Bell;
use crate::i18n::{I18n, Lang, M, use_i18n};
use crate::live;
use crate::pages;
use crate::session;
use leptos::prelude::*;
use leptos_router::components::{A, Route, Router, Routes};
use leptos_router::path;

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let i18n = I18n::load();
    provide_context(i18n);
    account::provide_me();
    live::provide_unread();
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("lang", i18n.lang().tag());
    }
    view! {
        <Router>
            // rel="external" keeps the router from taking the click, so the browser moves focus to main.
            <a class="skip" href="#main" rel="external">{move || i18n.t(M::SkipToContent)}</a>
            <Header/>
            <main id="main" tabindex="-1">
                <Routes fallback=pages::not_found::NotFound>
                    <Route path=path!("/") view=pages::home::HomePage/>
                    <Route path=path!("/clusters") view=pages::directory::DirectoryPage/>
                    <Route path=path!("/clusters/:slug") view=pages::cluster::ClusterPage/>
                    <Route path=path!("/organisations/:id") view=pages::organisation::OrganisationPage/>
                    <Route path=path!("/kkk") view=pages::kkk::KkkPage/>
                    <Route path=path!("/esca") view=pages::esca::EscaPage/>
                    <Route path=path!("/cooperation") view=pages::cooperation::CooperationPage/>
                    <Route path=path!("/sign-in") view=pages::sign_in::SignInPage/>
                    <Route path=path!("/sign-up") view=pages::access::sign_up::SignUpPage/>
                    <Route path=path!("/verify-email") view=pages::access::verify_email::VerifyEmailPage/>
                    <Route path=path!("/forgot-password") view=pages::access::forgot_password::ForgotPasswordPage/>
                    <Route path=path!("/reset-password") view=pages::access::reset_password::ResetPasswordPage/>
                    <Route path=path!("/confirm-email") view=pages::access::confirm_email::ConfirmEmailPage/>
                    <Route path=path!("/invitation") view=pages::access::invitation::InvitationPage/>
                    <Route path=path!("/unsubscribe") view=pages::access::unsubscribe::UnsubscribePage/>
                    <Route path=path!("/inbox") view=pages::desks::inbox::InboxPage/>
                    <Route path=path!("/my-account") view=pages::desks::account::MyAccountPage/>
                    <Route path=path!("/requests") view=pages::desks::requests::RequestsPage/>
                    <Route path=path!("/my-organisation") view=pages::desks::member::MyOrganisationPage/>
                    <Route path=path!("/coordinator") view=pages::desks::coordinator::CoordinatorPage/>
                    <Route path=path!("/operator") view=pages::desks::operator::OperatorPage/>
                </Routes>
            </main>
            <footer class="footer">
                <span>"klastry · "</span>
                <a href="/graphql">"GraphQL API"</a>
            </footer>
        </Router>
    }
}

#[component]
fn Header() -> impl IntoView {
    let i18n = use_i18n();
    let signed_in = session::signal();
    let me = account::use_me();
    let sign_out = move |_| {
        if let Some(current) = session::current() {
            leptos::task::spawn_local(async move {
                let _ = crate::api::change::<crate::queries::SignOut>(
                    crate::queries::sign_out::Variables {
                        refresh_token: current.refresh_token,
                    },
                )
                .await;
            });
        }
        session::end();
    };
    let switch = move |_| {
        i18n.set(match i18n.lang() {
            Lang::Pl => Lang::En,
            Lang::En => Lang::Pl,
        })
    };
    view! {
        <header class="header">
            <A href="/" attr:class="brand">
                <span class="brand-mark" aria-hidden="true">"◆"</span>
                {move || i18n.t(M::AppName)}
            </A>
            <nav aria-label="main">
                <A href="/clusters">{move || i18n.t(M::NavClusters)}</A>
                <A href="/kkk">{move || i18n.t(M::NavKkk)}</A>
                <A href="/esca">{move || i18n.t(M::NavEsca)}</A>
                <A href="/cooperation">{move || i18n.t(M::NavCooperation)}</A>
                {move || signed_in.get().is_some().then(|| view! {
                    <A href="/my-account">{move || i18n.t(M::NavMyAccount)}</A>
                    <A href="/requests">{move || i18n.t(M::NavRequests)}</A>
                })}
                {move || {
                    me.get().flatten().map(|me| {
                        view! {
                            {me.member_of.is_some().then(|| view! { <A href="/my-organisation">{move || i18n.t(M::NavMyOrganisation)}</A> })}
                            {me.coordinates.is_some().then(|| view! { <A href="/coordinator">{move || i18n.t(M::NavCoordinator)}</A> })}
                            {me.is_operator.then(|| view! { <A href="/operator">{move || i18n.t(M::NavOperator)}</A> })}
                        }
                    })
                }}
            </nav>
            <div class="header-tools">
                <button
                    type="button"
                    class="lang"
                    data-test="switch-language"
                    aria-label=move || i18n.t(M::SwitchLanguageLabel)
                    on:click=switch
                >
                    {move || i18n.t(M::SwitchLanguage)}
                </button>
                {move || match signed_in.get() {
                    Some(s) => view! {
                        <Bell/>
                        // A plain link: the router's `A` left its `title` on the sign-in link that
                        // replaced it, naming the account after signing out.
                        <a href="/my-account" class="who" title=s.email.clone()>{s.display_name.clone()}</a>
                        <button type="button" data-test="sign-out" on:click=sign_out>{move || i18n.t(M::SignOut)}</button>
                    }.into_any(),
                    None => view! {
                        <A href="/sign-up">{move || i18n.t(M::SignUp)}</A>
                        <A href="/sign-in" attr:class="button">{move || i18n.t(M::SignIn)}</A>
                    }.into_any(),
                }}
            </div>
        </header>
    }
}
