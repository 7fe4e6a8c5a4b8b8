//! The operator's desk (`/operator`): the review queue of submitted clusters (`review`),
//! requests to decide, claims on clusters included, the accounts (`users`), the mail outbox
//! (`outbox`), and recording KKK certifications and ESCA labels.

mod outbox;
mod review;
mod users;

use super::{Desk, refused_field, settle};
use crate::account::MeInfo;
use crate::api::{self, ApiError, FieldError};
use crate::components::{ErrorNote, Field, RequestsToDecide, action, title};
use crate::i18n::{M, label, use_i18n};
use crate::queries::*;
use crate::values::{enum_value, given};
use leptos::prelude::*;

/// The operator's desk: reviews, requests, accounts, mail, certifications and labels.
#[component]
pub fn OperatorPage() -> impl IntoView {
    let i18n = use_i18n();
    title(move || i18n.t(M::OperatorTitle).to_owned());
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
        </nav>
        <review::ReviewQueue/>
        <section id="requests">
            <h2>{move || i18n.t(M::RequestsTitle)}</h2>
            <RequestsToDecide/>
        </section>
        <users::Users me/>
        <outbox::Outbox/>
        <section id="record">
            <h2>{move || i18n.t(M::RecordTitle)}</h2>
            <RecordForm/>
        </section>
    }
}

/// Recording a KKK certification or an ESCA label.
#[component]
fn RecordForm() -> impl IntoView {
    let i18n = use_i18n();
    let clusters = LocalResource::new(|| api::run::<ClusterChoices>(cluster_choices::Variables {}));
    let kind = RwSignal::new("KKK".to_owned());
    let cluster = RwSignal::new(String::new());
    let round = RwSignal::new(String::new());
    let level = RwSignal::new("BRONZE".to_owned());
    let awarded_on = RwSignal::new(String::new());
    let valid_until = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let failure = RwSignal::new(None::<ApiError>);
    let done = RwSignal::new(false);
    let record = action(move |_: &()| {
        let kkk = kind.get_untracked() == "KKK";
        let cluster_id = cluster.get_untracked();
        let awarded = given(awarded_on.get_untracked());
        let until = given(valid_until.get_untracked());
        let round_number = round.get_untracked().trim().parse::<i64>().ok();
        let level = enum_value::<record_esca::EscaLevel>(&level.get_untracked());
        async move {
            if kkk {
                let input = record_kkk::RecordKkkCertificationInput {
                    cluster_id,
                    round_number,
                    representative_id: None,
                    renewal: None,
                    awarded_on: awarded,
                    valid_until: until,
                    confirmed_on: None,
                    note: None,
                };
                api::change::<RecordKkk>(record_kkk::Variables { input })
                    .await
                    .or_else(refused_field)
            } else {
                let input = record_esca::RecordEscaLabelInput {
                    cluster_id,
                    level: level.unwrap_or(record_esca::EscaLevel::BRONZE),
                    awarded_on: awarded,
                    valid_until: until,
                    confirmed_on: None,
                    note: None,
                };
                api::change::<RecordEsca>(record_esca::Variables { input })
                    .await
                    .or_else(refused_field)
            }
        }
    });
    Effect::new(move |_| {
        if let Some(result) = record.value().get()
            && settle(result, errors, failure)
        {
            done.set(true);
        }
    });
    view! {
        <form class="form" data-test="record-form" on:submit=move |ev| { ev.prevent_default(); done.set(false); errors.set(vec![]); failure.set(None); record.dispatch(()); }>
            <fieldset class="choice">
                <legend class="sr-only">{move || i18n.t(M::RecordKkk)}</legend>
                <label><input type="radio" name="kind" value="KKK" prop:checked=move || kind.get() == "KKK" on:change=move |_| kind.set("KKK".into())/>{move || i18n.t(M::RecordKkk)}</label>
                <label><input type="radio" name="kind" value="ESCA" prop:checked=move || kind.get() == "ESCA" on:change=move |_| kind.set("ESCA".into())/>{move || i18n.t(M::RecordEsca)}</label>
            </fieldset>
            <div class="field">
                <label for="record-cluster">{move || i18n.t(M::ChooseCluster)}</label>
                <select id="record-cluster" on:change=move |ev| cluster.set(event_target_value(&ev))>
                    <option value="">"—"</option>
                    <Transition fallback=|| ()>
                        {move || Suspend::new(async move {
                            clusters.await.map(|d| d.clusters.nodes.into_iter().map(|c| view! { <option value=c.id>{c.name}</option> }).collect_view()).ok()
                        })}
                    </Transition>
                </select>
                <p class="field-error" role="alert">{move || errors.get().into_iter().find(|e| e.field.contains("cluster")).map(|e| e.text(i18n.lang()))}</p>
            </div>
            <Show when=move || kind.get() == "KKK" fallback=move || view! {
                <div class="field">
                    <label for="record-level">{move || i18n.t(M::Level)}</label>
                    <select id="record-level" on:change=move |ev| level.set(event_target_value(&ev))>
                        {["BRONZE", "SILVER", "GOLD"].into_iter().map(|l| view! { <option value=l>{move || label(i18n.lang(), l)}</option> }).collect_view()}
                    </select>
                </div>
            }>
                <Field name="roundNumber" label=M::FacetRound value=round errors kind="number"/>
            </Show>
            <div class="row">
                <Field name="awardedOn" label=M::AwardedOn value=awarded_on errors/>
                <Field name="validUntil" label=M::ValidUntilField value=valid_until errors/>
            </div>
            {move || failure.get().map(|error| view! { <ErrorNote error/> })}
            {move || done.get().then(|| view! { <p class="ok" role="status">{move || i18n.t(M::Recorded)}</p> })}
            <button type="submit" disabled=move || record.pending().get() || cluster.get().is_empty()>{move || i18n.t(M::Save)}</button>
        </form>
    }
}
