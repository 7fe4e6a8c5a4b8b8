//! Requests to act for an organisation or to coordinate a cluster that wait for the reader's
//! decision (`/requests`, and the operator's desk), and the decision itself, which a cluster
//! submission takes too.

use super::confirm::Confirm;
use super::feedback::{ErrorNote, Loading};
use super::form::{Outcome, Report, ReportView, act};
use crate::api;
use crate::i18n::{M, date, label, use_i18n};
use crate::queries::{AccessRequests, DecideAccessRequest, access_requests, decide_access_request};
use crate::values::{code, given};
use leptos::prelude::*;
use leptos_router::components::A;

/// A decision on one request: the id, approve or not, and the reason.
pub type Decided = (String, bool, Option<String>);

/// Every request waiting for the signed-in account's decision (an operator's: every one
/// waiting), each with who asks, the e-mail hint, and approve or reject with a reason.
#[component]
pub fn RequestsToDecide() -> impl IntoView {
    let i18n = use_i18n();
    let reload = RwSignal::new(0u32);
    let report = Report::new();
    let data = LocalResource::new(move || {
        reload.get();
        api::run::<AccessRequests>(access_requests::Variables {
            scope: access_requests::AccessRequestScope::TO_DECIDE,
        })
    });
    let decide = act(
        report,
        M::Decided,
        reload,
        |(id, approve, reason): &Decided| {
            let input = decide_access_request::DecideAccessRequestInput {
                request_id: id.clone(),
                approve: *approve,
                reason: reason.clone(),
            };
            async move {
                api::change::<DecideAccessRequest>(decide_access_request::Variables { input }).await
            }
        },
    );
    view! {
        <section data-test="requests-to-decide">
            <ReportView report/>
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(d) if d.access_requests.nodes.is_empty() => view! { <p class="empty">{move || i18n.t(M::NothingToDecide)}</p> }.into_any(),
                        Ok(d) => view! {
                            <ul class="plain">
                                {d.access_requests.nodes.into_iter().map(|r| view! { <RequestRow r decide/> }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(error) => view! { <ErrorNote error/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn RequestRow(
    r: access_requests::AccessRequestsAccessRequestsNodes,
    decide: Action<Decided, Outcome>,
) -> impl IntoView {
    let i18n = use_i18n();
    let requester = r
        .requester
        .as_ref()
        .map(|u| format!("{} <{}>", u.display_name, u.email))
        .unwrap_or_default();
    let kind = code(&r.kind);
    let target = match (r.organisation.clone(), r.cluster.clone()) {
        (Some(o), _) => {
            view! { <A href=format!("/organisations/{}", o.id)>{o.name}</A> }.into_any()
        }
        (None, Some(c)) => {
            view! { <A href=format!("/clusters/{}", c.slug)>{c.name}</A> }.into_any()
        }
        _ => ().into_any(),
    };
    let website = r.organisation.as_ref().and_then(|o| o.website.clone());
    let matches = r.email_matches_website;
    let at = r.created_at.clone();
    view! {
        <li class="request" data-test="request" data-requester=r.requester.as_ref().map(|u| u.email.clone())>
            <p><strong class="wrap">{requester}</strong>" · "<span class="meta">{move || date(i18n.lang(), &at)}</span></p>
            <p>{move || label(i18n.lang(), &kind)}": "{target}</p>
            {r.message.clone().map(|m| view! { <blockquote>{m}</blockquote> })}
            {r.organisation.is_some().then(|| view! {
                <p class="meta" data-test="email-hint">
                    {move || i18n.t(if matches { M::EmailMatchesWebsite } else { M::EmailDoesNotMatchWebsite })}
                    {website.clone().map(|w| view! { " (" <span class="wrap">{w}</span> ")" })}
                </p>
            })}
            <Decision id=r.id.clone() decide approve=M::Approve/>
        </li>
    }
}

/// Approve (or publish) and reject with a reason: the reason goes with either. A decision is
/// final, so each button asks before it is sent ([`Confirm`]).
#[component]
pub fn Decision(id: String, decide: Action<Decided, Outcome>, approve: M) -> impl IntoView {
    let i18n = use_i18n();
    let reason = RwSignal::new(String::new());
    let reason_id = format!("reason-{id}");
    let yes = id.clone();
    let pending = Signal::derive(move || decide.pending().get());
    let question = if approve == M::Publish {
        M::PublishQuestion
    } else {
        M::ApproveRequestQuestion
    };
    view! {
        <div class="actions">
            <Confirm label=approve question test="approve" mild=true disabled=pending confirm=approve
                on_confirm=Callback::new(move |_| { decide.dispatch((yes.clone(), true, given(reason.get_untracked()))); })/>
            <label for=reason_id.clone()>{move || i18n.t(M::DecisionReason)}</label>
            <input id=reason_id type="text" prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev))/>
            <Confirm label=M::Reject question=M::RejectRequestQuestion test="reject" disabled=pending confirm=M::Reject
                on_confirm=Callback::new(move |_| { decide.dispatch((id.clone(), false, given(reason.get_untracked()))); })/>
        </div>
    }
}
