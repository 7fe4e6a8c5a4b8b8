//! Following the "stop these e-mails" link of a notification mail (`/unsubscribe?token=…`),
//! without signing in: the page says what the link does and asks first (link checkers open
//! links too), then says which kinds are no longer mailed, or that the link no longer works.

use super::{link_token, spent_link};
use crate::api::{self, ApiError, FieldError};
use crate::components::{ErrorNote, title};
use crate::i18n::{M, label, use_i18n};
use crate::queries::{Unsubscribe, unsubscribe};
use leptos::prelude::*;
use leptos_router::components::A;

/// What following the link came to.
#[derive(Debug, Clone, PartialEq)]
enum Outcome {
    /// The kinds no longer mailed.
    Stopped(Vec<String>),
    /// Why the link did not work.
    Refused(Vec<FieldError>),
}

/// Asks, then stops the mail the link names.
#[component]
pub fn UnsubscribePage() -> impl IntoView {
    let i18n = use_i18n();
    title(
        move || i18n.t(M::UnsubscribeTitle).to_owned(),
        move || i18n.t(M::DescUnsubscribe).to_owned(),
    );
    let token = link_token();
    let outcome = RwSignal::new(token.is_empty().then(|| Outcome::Refused(spent_link())));
    let failure = RwSignal::new(None::<ApiError>);
    let stop = Action::new_local(move |token: &String| {
        let token = token.clone();
        async move { api::mutate::<Unsubscribe>(unsubscribe::Variables { token }).await }
    });
    Effect::new(move |_| match stop.value().get() {
        Some(Ok(answer)) => outcome.set(Some(match answer.texts("kinds") {
            Some(kinds) if answer.errors.is_empty() => Outcome::Stopped(kinds),
            _ if answer.errors.is_empty() => Outcome::Refused(spent_link()),
            _ => Outcome::Refused(answer.errors),
        })),
        Some(Err(error)) => failure.set(Some(error)),
        None => {}
    });
    let result = move || {
        outcome.get().map(|outcome| match outcome {
            Outcome::Stopped(kinds) if kinds.is_empty() => view! {
                <p class="ok" role="status" data-test="unsubscribed">{move || i18n.t(M::UnsubscribedNothing)}</p>
            }
            .into_any(),
            Outcome::Stopped(kinds) => view! {
                <div data-test="unsubscribed" role="status">
                    <p class="ok">{move || i18n.t(M::UnsubscribedKinds)}</p>
                    <ul>
                        {kinds.into_iter().map(|kind| {
                            let shown = kind.clone();
                            view! { <li data-test="unsubscribed-kind" data-kind=kind>{move || label(i18n.lang(), &shown)}</li> }
                        }).collect_view()}
                    </ul>
                </div>
            }
            .into_any(),
            Outcome::Refused(errors) => view! {
                <div class="notice" data-test="link-refused">
                    <p role="alert">{move || FieldError::texts(&errors, i18n.lang())}</p>
                    <p>{move || i18n.t(M::UnsubscribeRefusedHint)}</p>
                </div>
            }
            .into_any(),
        })
    };
    view! {
        <h1>{move || i18n.t(M::UnsubscribeTitle)}</h1>
        <p class="lead">{move || i18n.t(M::UnsubscribeLead)}</p>
        <Show when=move || outcome.with(Option::is_none)>
            <button type="button" data-test="unsubscribe" disabled=move || stop.pending().get()
                on:click={
                    let token = token.clone();
                    move |_| {
                        failure.set(None);
                        stop.dispatch(token.clone());
                    }
                }>{move || i18n.t(M::UnsubscribeButton)}</button>
        </Show>
        {move || failure.get().map(|error| view! { <ErrorNote error/> })}
        {result}
        <p class="links"><A href="/my-account">{move || i18n.t(M::NavMyAccount)}</A></p>
    }
}
