//! The app's frame: the routes, the header with its navigation (folded behind a menu button on
//! narrow screens), the bell of unread notifications, language switch and sign-in or sign-out,
//! and the footer with the pages about the registry.

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
                    <Route path=path!("/organisations") view=pages::deferred::OrganisationsRoute/>
                    <Route path=path!("/organisations/:id") view=pages::organisation::OrganisationPage/>
                    <Route path=path!("/events") view=pages::deferred::EventsRoute/>
                    <Route path=path!("/projects") view=pages::deferred::ProjectsRoute/>
                    <Route path=path!("/kkk") view=pages::kkk::KkkPage/>
                    <Route path=path!("/esca") view=pages::deferred::EscaRoute/>
                    <Route path=path!("/cooperation") view=pages::deferred::CooperationRoute/>
                    <Route path=path!("/sources") view=pages::deferred::SourcesRoute/>
                    <Route path=path!("/about") view=pages::deferred::AboutRoute/>
                    <Route path=path!("/contact") view=pages::deferred::ContactRoute/>
                    <Route path=path!("/privacy") view=pages::deferred::PrivacyRoute/>
                    <Route path=path!("/accessibility") view=pages::deferred::AccessibilityRoute/>
                    <Route path=path!("/sign-in") view=pages::sign_in::SignInPage/>
                    <Route path=path!("/sign-up") view=pages::deferred::SignUpRoute/>
                    <Route path=path!("/verify-email") view=pages::deferred::VerifyEmailRoute/>
                    <Route path=path!("/forgot-password") view=pages::deferred::ForgotPasswordRoute/>
                    <Route path=path!("/reset-password") view=pages::deferred::ResetPasswordRoute/>
                    <Route path=path!("/confirm-email") view=pages::deferred::ConfirmEmailRoute/>
                    <Route path=path!("/invitation") view=pages::deferred::InvitationRoute/>
                    <Route path=path!("/unsubscribe") view=pages::deferred::UnsubscribeRoute/>
                    <Route path=path!("/inbox") view=pages::deferred::InboxRoute/>
                    <Route path=path!("/my-account") view=pages::deferred::MyAccountRoute/>
                    <Route path=path!("/requests") view=pages::deferred::RequestsRoute/>
                    <Route path=path!("/my-organisation") view=pages::deferred::MyOrganisationRoute/>
                    <Route path=path!("/coordinator") view=pages::deferred::CoordinatorRoute/>
                    <Route path=path!("/operator") view=pages::deferred::OperatorRoute/>
                </Routes>
            </main>
            <Footer/>
        </Router>
    }
}

/// The footer of every page: the pages about the registry, its source documents and the API.
#[component]
fn Footer() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <footer class="footer">
            <nav aria-label=move || i18n.t(M::FooterNavigation) data-test="footer">
                <A href="/about">{move || i18n.t(M::AboutTitle)}</A>
                <A href="/contact">{move || i18n.t(M::ContactTitle)}</A>
                <A href="/privacy">{move || i18n.t(M::PrivacyTitle)}</A>
                <A href="/accessibility">{move || i18n.t(M::A11yTitle)}</A>
                <A href="/sources">{move || i18n.t(M::SourcesPageTitle)}</A>
                // Not the router's link: GraphiQL is the server's page, not the app's.
                <a href="/graphql" rel="external">"GraphQL API"</a>
            </nav>
        </footer>
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
    // The menu matters only on narrow screens (style.css shows the navigation inline on wide
    // ones and hides the button). It is open at the address it was opened at: moving anywhere
    // else, by a link, the history or a redirect, closes it without an effect to run.
    let location = leptos_router::hooks::use_location();
    let here = move || format!("{}?{}", location.pathname.get(), location.search.get());
    let opened_at = RwSignal::new(None::<String>);
    let open = Signal::derive(move || opened_at.get().is_some_and(|at| at == here()));
    let toggle = move |_| opened_at.set((!open.get_untracked()).then(here));
    let button = NodeRef::<leptos::html::Button>::new();
    let close_on_escape = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" && open.get_untracked() {
            opened_at.set(None);
            if let Some(button) = button.get() {
                let _ = button.focus();
            }
        }
    };
    // A link to the page already shown changes no address, but is still a choice made.
    let close_on_link = move |ev: leptos::ev::MouseEvent| {
        use wasm_bindgen::JsCast;
        let on_link = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest("a").ok().flatten())
            .is_some();
        if on_link {
            opened_at.set(None);
        }
    };
    view! {
        <header class="header" on:keydown=close_on_escape>
            <A href="/" attr:class="brand">
                <span class="brand-mark" aria-hidden="true">"◆"</span>
                {move || i18n.t(M::AppName)}
            </A>
            // The bell stays in sight on a phone, outside the folded menu.
            {move || signed_in.get().is_some().then(|| view! { <Bell/> })}
            <button
                type="button"
                class="menu-button"
                data-test="menu-button"
                node_ref=button
                aria-expanded=move || open.get().to_string()
                aria-controls="site-menu"
                on:click=toggle
            >
                <span class="menu-icon" aria-hidden="true"></span>
                {move || i18n.t(M::Menu)}
            </button>
            <div id="site-menu" class="header-menu" class:open=move || open.get() on:click=close_on_link>
                <nav aria-label=move || i18n.t(M::MainNavigation)>
                    <A href="/clusters">{move || i18n.t(M::NavClusters)}</A>
                    <A href="/organisations">{move || i18n.t(M::NavOrganisations)}</A>
                    <A href="/events">{move || i18n.t(M::Events)}</A>
                    <A href="/projects">{move || i18n.t(M::Projects)}</A>
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
            </div>
        </header>
    }
}
