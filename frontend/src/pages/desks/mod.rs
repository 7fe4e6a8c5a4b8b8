//! The signed-in desks, each working through the same GraphQL mutations partners use: `account`
//! ("my account", `/my-account`), `inbox` (`/inbox`), `requests` (`/requests`), `member` ("my
//! organisation", `/my-organisation`), `coordinator` (`/coordinator`) and `operator`
//! (`/operator`); here, what they share: the sign-in gate and putting a mutation's answer into
//! its form.

pub mod account;
mod audit;
pub mod coordinator;
pub mod inbox;
pub mod member;
pub mod operator;
pub mod requests;

use crate::account::{MeInfo, use_me};
use crate::api::{ApiError, FieldError};
use crate::components::Loading;
use crate::i18n::{M, use_i18n};
use crate::queries::UserErrorCode;
use leptos::prelude::*;
use leptos_router::components::A;

/// Shows `signed_in` once the account is known, or a sign-in prompt.
#[component]
fn Desk<F, V>(children: F) -> impl IntoView
where
    F: Fn(MeInfo) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let i18n = use_i18n();
    let me = use_me();
    let children = std::sync::Arc::new(children);
    // Signing in from here comes back here.
    let sign_in = format!(
        "/sign-in?next={}",
        leptos_router::hooks::use_location()
            .pathname
            .get_untracked()
    );
    view! {
        <Transition fallback=Loading>
            {move || {
                let children = children.clone();
                let sign_in = sign_in.clone();
                Suspend::new(async move {
                    match me.await {
                        Some(info) => children(info).into_any(),
                        None => view! {
                            <p class="notice">{move || i18n.t(M::ErrorSignInNeeded)}" "
                                <A href=sign_in.clone()>{move || i18n.t(M::SignIn)}</A></p>
                        }.into_any(),
                    }
                })
            }}
        </Transition>
    }
}

/// Puts a mutation's answer where a form shows it: `userErrors` under their fields, anything
/// else in `failure`. True when the change was written.
fn settle(
    result: Result<(bool, Vec<FieldError>), ApiError>,
    errors: RwSignal<Vec<FieldError>>,
    failure: RwSignal<Option<ApiError>>,
) -> bool {
    match result {
        Ok((true, _)) => {
            errors.set(vec![]);
            true
        }
        Ok((false, found)) => {
            errors.set(found);
            false
        }
        Err(e) => {
            failure.set(Some(e));
            false
        }
    }
}

/// A value the API refused before running the mutation (a malformed date, say) as an
/// INVALID_FORMAT error of the input field it names (`Invalid value for argument
/// "input.startsOn"...`: such refusals carry no field of their own); other failures stay
/// failures.
fn refused_field(error: ApiError) -> Result<(bool, Vec<FieldError>), ApiError> {
    match &error {
        ApiError::Graphql { code, message, .. } if code == "GRAPHQL_VALIDATION_FAILED" => {
            match message
                .split("\"input.")
                .nth(1)
                .and_then(|rest| rest.split('"').next())
            {
                Some(field) => Ok((
                    false,
                    vec![FieldError::new(field, UserErrorCode::INVALID_FORMAT)],
                )),
                None => Err(error),
            }
        }
        _ => Err(error),
    }
}
