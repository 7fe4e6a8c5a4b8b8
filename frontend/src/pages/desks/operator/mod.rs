//! The operator's desk (`/operator`): the review queue of submitted clusters (`review`),
//! requests to decide, claims on clusters included, the accounts (`users`), the mail outbox
//! (`outbox`), recording and correcting KKK certifications and ESCA labels (`records`),
//! merging duplicate organisations (`merge`) and the registry's audit trail.

mod merge;
mod outbox;
mod records;
mod review;
mod users;

use super::Desk;
use super::audit::AuditTrailPanel;
use crate::account::MeInfo;
use crate::components::{RequestsToDecide, title};
use crate::i18n::{M, use_i18n};
use leptos::prelude::*;

/// The operator's desk: reviews, requests, accounts, mail, certifications and labels.
#[component]
pub fn OperatorPage() -> impl IntoView {
    let i18n = use_i18n();
    title(
        move || i18n.t(M::OperatorTitle).to_owned(),
        move || i18n.t(M::DescOperator).to_owned(),
    );
    view! {
        <h1>{move || i18n.t(M::OperatorTitle)}</h1>
        <Desk children=move |me: MeInfo| if me.is_operator {
            view! { <OperatorDesk me/> }.into_any()
        } else {
            view! { <p class="notice">{move || i18n.t(M::NotOperator)}</p> }.into_any()
        }/>
    }
}

#[component]
fn OperatorDesk(me: MeInfo) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <nav class="toc" aria-label=move || i18n.t(M::OnThisPage)>
            <a href="#review" rel="external">{move || i18n.t(M::ReviewQueueTitle)}</a>
            <a href="#requests" rel="external">{move || i18n.t(M::RequestsTitle)}</a>
            <a href="#users" rel="external">{move || i18n.t(M::UsersTitle)}</a>
            <a href="#outbox" rel="external">{move || i18n.t(M::OutboxTitle)}</a>
            <a href="#record" rel="external">{move || i18n.t(M::RecordTitle)}</a>
            <a href="#merge" rel="external">{move || i18n.t(M::MergeTitle)}</a>
            <a href="#audit" rel="external">{move || i18n.t(M::AuditTrail)}</a>
        </nav>
        <review::ReviewQueue/>
        <section id="requests">
            <h2>{move || i18n.t(M::RequestsTitle)}</h2>
            <RequestsToDecide/>
        </section>
        <users::Users me=me.clone()/>
        <outbox::Outbox/>
        <section id="record">
            <h2>{move || i18n.t(M::RecordTitle)}</h2>
            <records::RecordForm/>
        </section>
        <merge::MergeOrganisationsPanel/>
        <AuditTrailPanel cluster_id=None me=me.id/>
    }
}
