//! The operator's desk (`/operator`): the review queue of submitted clusters (`review`),
//! requests to decide, claims on clusters included, the accounts (`users`), the mail outbox
//! (`outbox`), recording and correcting KKK certifications and ESCA labels (`records`),
//! clusters and organisations made, changed and deleted (`clusters`, `organisations`), merging
//! duplicate organisations and clusters (`merge`), the operator's contact the public pages
//! show (`contact`) and the registry's audit trail.

mod clusters;
mod contact;
mod editor;
mod merge;
mod organisations;
mod outbox;
mod records;
mod review;
mod users;

use super::Desk;
use super::audit::AuditTrailPanel;
use crate::account::MeInfo;
use crate::api;
use crate::components::{ErrorNote, Loading, RequestsToDecide, title};
use crate::i18n::{M, use_i18n};
use crate::queries::{VoivodeshipChoices, voivodeship_choices};
use crate::values::{items, text};
use leptos::prelude::*;
use merge::{MergePanel, Merging};
use serde_json::Value;

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
            <a href="#clusters" rel="external">{move || i18n.t(M::OpClustersTitle)}</a>
            <a href="#organisations" rel="external">{move || i18n.t(M::OpOrganisationsTitle)}</a>
            <a href="#record" rel="external">{move || i18n.t(M::RecordTitle)}</a>
            <a href="#merge" rel="external">{move || i18n.t(M::MergeTitle)}</a>
            <a href="#merge-clusters" rel="external">{move || i18n.t(M::MergeClustersTitle)}</a>
            <a href="#operator-contact" rel="external">{move || i18n.t(M::OperatorContactTitle)}</a>
            <a href="#audit" rel="external">{move || i18n.t(M::AuditTrail)}</a>
        </nav>
        <review::ReviewQueue/>
        <section id="requests">
            <h2>{move || i18n.t(M::RequestsTitle)}</h2>
            <RequestsToDecide/>
        </section>
        <users::Users me=me.clone()/>
        <outbox::Outbox/>
        <RegistryRecords/>
        <section id="record">
            <h2>{move || i18n.t(M::RecordTitle)}</h2>
            <records::RecordForm/>
        </section>
        <MergePanel what=Merging::Organisations/>
        <MergePanel what=Merging::Clusters/>
        <contact::ContactPanel/>
        <AuditTrailPanel cluster_id=None me=me.id/>
    }
}

/// The clusters' and organisations' panels, once the voivodeships their forms offer are read.
#[component]
fn RegistryRecords() -> impl IntoView {
    let data =
        LocalResource::new(|| api::read::<VoivodeshipChoices>(voivodeship_choices::Variables {}));
    view! {
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => {
                        let voivodeships = Voivodeships::of(&d);
                        view! {
                            <clusters::ClustersPanel voivodeships=voivodeships.clone()/>
                            <organisations::OrganisationsPanel voivodeships/>
                        }.into_any()
                    }
                    Err(error) => view! { <ErrorNote error/> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// The voivodeships as a form's choice offers them: their codes and, in the same order, names.
#[derive(Clone, Default)]
struct Voivodeships {
    codes: Vec<String>,
    names: Vec<String>,
}

impl Voivodeships {
    fn of(data: &Value) -> Self {
        let list = items(data, "voivodeships");
        Self {
            codes: list.iter().map(|v| text(v, "code")).collect(),
            names: list.iter().map(|v| text(v, "name")).collect(),
        }
    }
}

/// The version a record was read at, to name when changing or deleting it.
fn version_of(record: &Value) -> i64 {
    record["version"].as_i64().unwrap_or_default()
}
