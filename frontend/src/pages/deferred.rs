//! Routes whose code is fetched the first time they are shown. Each `#[lazy]` function below is
//! a split point: the build (`scripts/build-web.sh`, with `wasm-split`) moves the code only it
//! reaches into a `.wasm` of its own, so a visitor who reads the public pages never downloads the
//! desks. What most visitors open first (home, the directory, a cluster's or an organisation's
//! page, the KKK holders) stays in the main module.
//!
//! A new page joins here when it is large and most visitors never see it: add a `#[lazy]`
//! function that returns its view and a route component that calls `deferred` with it.

use crate::components::Loading;
use leptos::lazy;
use leptos::prelude::*;
use std::future::Future;

/// Shows the view `load` brings once its module has arrived, and "loading" until then.
fn deferred<F, Fut>(load: F) -> impl IntoView
where
    F: Fn() -> Fut + Copy + Send + Sync + 'static,
    Fut: Future<Output = AnyView> + 'static,
{
    // The loader's future holds no thread-bound state, but is not declared Send; the app runs on
    // the browser's one thread, which is what `SendWrapper` checks.
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(send_wrapper::SendWrapper::new(load()))}
        </Suspense>
    }
}

macro_rules! deferred_routes {
    ($($route:ident => $loader:ident => $page:path;)*) => {
        $(
            #[lazy]
            fn $loader() -> AnyView {
                view! { <$page/> }.into_any()
            }

            /// The route, its page loaded on first visit.
            #[component]
            pub fn $route() -> impl IntoView {
                deferred($loader)
            }
        )*
    };
}

deferred_routes! {
    OrganisationsRoute => organisations_page => super::organisations::OrganisationsPage;
    EventsRoute => events_page => super::events::EventsPage;
    ProjectsRoute => projects_page => super::projects::ProjectsPage;
    CooperationRoute => cooperation_page => super::cooperation::CooperationPage;
    SignUpRoute => sign_up_page => super::access::sign_up::SignUpPage;
    VerifyEmailRoute => verify_email_page => super::access::verify_email::VerifyEmailPage;
    ForgotPasswordRoute => forgot_password_page => super::access::forgot_password::ForgotPasswordPage;
    ResetPasswordRoute => reset_password_page => super::access::reset_password::ResetPasswordPage;
    ConfirmEmailRoute => confirm_email_page => super::access::confirm_email::ConfirmEmailPage;
    InvitationRoute => invitation_page => super::access::invitation::InvitationPage;
    UnsubscribeRoute => unsubscribe_page => super::access::unsubscribe::UnsubscribePage;
    InboxRoute => inbox_page => super::desks::inbox::InboxPage;
    MyAccountRoute => my_account_page => super::desks::account::MyAccountPage;
    RequestsRoute => requests_page => super::desks::requests::RequestsPage;
    MyOrganisationRoute => my_organisation_page => super::desks::member::MyOrganisationPage;
    CoordinatorRoute => coordinator_page => super::desks::coordinator::CoordinatorPage;
    OperatorRoute => operator_page => super::desks::operator::OperatorPage;
    EscaRoute => esca_page => super::esca::EscaPage;
    SourcesRoute => sources_page => super::sources::SourcesPage;
    AboutRoute => about_page => super::info::about::AboutPage;
    ContactRoute => contact_page => super::info::contact::ContactPage;
    PrivacyRoute => privacy_page => super::info::privacy::PrivacyPage;
    AccessibilityRoute => accessibility_page => super::info::accessibility::AccessibilityPage;
}
