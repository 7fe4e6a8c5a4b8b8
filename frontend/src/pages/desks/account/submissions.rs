//! The clusters the account submitted for listing, and the form that submits one.

use crate::api;
use crate::components::{
    Choice, ErrorNote, Field, Form, Loading, Report, ReportView, SubmissionCard, act, action,
};
use crate::format::sector_name;
use crate::i18n::{M, label, use_i18n};
use crate::queries::*;
use crate::values::{ORGANISATION_KINDS, code, enum_value, given};
use leptos::prelude::*;

/// The account's submissions (`email` is the account's: an operator reads every one), and a
/// new one.
#[component]
pub fn MySubmissions(email: String) -> impl IntoView {
    let i18n = use_i18n();
    let reload = RwSignal::new(0u32);
    let report = Report::new();
    let data = LocalResource::new(move || {
        reload.get();
        api::run::<ClusterSubmissions>(cluster_submissions::Variables { status: None })
    });
    let withdraw = act(report, M::Withdrawn, reload, |id: &String| {
        let id = id.clone();
        async move {
            api::change::<WithdrawClusterSubmission>(withdraw_cluster_submission::Variables { id })
                .await
        }
    });
    view! {
        <section id="submissions" data-test="my-submissions">
            <h2>{move || i18n.t(M::SubmissionsTitle)}</h2>
            <p class="meta">{move || i18n.t(M::SubmissionsLead)}</p>
            <ReportView report/>
            <Transition fallback=Loading>
                {move || {
                    let email = email.clone();
                    Suspend::new(async move {
                        match data.await {
                            Ok(d) => {
                                let mine: Vec<_> = d.cluster_submissions.nodes.into_iter()
                                    .filter(|s| s.submitter.as_ref().is_some_and(|u| u.email == email))
                                    .collect();
                                if mine.is_empty() {
                                    return view! { <p class="empty">{move || i18n.t(M::NoSubmissions)}</p> }.into_any();
                                }
                                mine.into_iter().map(|s| {
                                    let waiting = code(&s.status) == "PENDING";
                                    let id = s.id.clone();
                                    view! {
                                        <SubmissionCard s>
                                            {waiting.then(|| view! {
                                                <button type="button" class="small secondary" data-test="withdraw" on:click=move |_| { report.clear(); withdraw.dispatch(id.clone()); }>{move || i18n.t(M::Withdraw)}</button>
                                            })}
                                        </SubmissionCard>
                                    }
                                }).collect_view().into_any()
                            }
                            Err(error) => view! { <ErrorNote error/> }.into_any(),
                        }
                    })
                }}
            </Transition>
            <SubmitCluster reload/>
        </section>
    }
}

/// Submitting a cluster: what the operators review, with its members declared by kind.
#[component]
fn SubmitCluster(reload: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let report = Report::new();
    let errors = report.errors;
    let [
        name,
        name_en,
        acronym,
        voivodeship,
        website,
        website_en,
        description,
    ] = std::array::from_fn(|_| RwSignal::new(String::new()));
    let [coordinator, nip, regon, krs] = std::array::from_fn(|_| RwSignal::new(String::new()));
    let counts: [RwSignal<String>; ORGANISATION_KINDS.len()] =
        std::array::from_fn(|_| RwSignal::new(String::new()));
    let sectors = RwSignal::new(Vec::<String>::new());
    let options =
        LocalResource::new(|| api::run::<DirectoryOptions>(directory_options::Variables {}));
    let submit = action(move |_: &()| {
        let text = |s: RwSignal<String>| given(s.get_untracked());
        let input = submit_cluster::SubmitClusterInput {
            name: name.get_untracked(),
            name_en: text(name_en),
            acronym: text(acronym),
            voivodeship: enum_value(&voivodeship.get_untracked()),
            website: text(website),
            website_en: text(website_en),
            description: description.get_untracked(),
            sectors: sectors.get_untracked(),
            declared_members: ORGANISATION_KINDS
                .iter()
                .zip(counts)
                .filter_map(|(kind, count)| {
                    let count = count.get_untracked().trim().parse::<i64>().ok()?;
                    Some(submit_cluster::DeclaredMembersInput {
                        kind: enum_value(kind)?,
                        count,
                    })
                })
                .collect(),
            coordinator_name: coordinator.get_untracked(),
            coordinator_nip: text(nip),
            coordinator_regon: text(regon),
            coordinator_krs: text(krs),
        };
        async move { api::change::<SubmitCluster>(submit_cluster::Variables { input }).await }
    });
    let on_done = Callback::new(move |_| reload.update(|n| *n += 1));
    view! {
        <h3>{move || i18n.t(M::SubmitClusterTitle)}</h3>
        <Form action=submit report submit=M::SubmitCluster done=M::ClusterSubmitted on_done test="submit-cluster-form"
            fields=&["name", "nameEn", "acronym", "voivodeship", "website", "websiteEn", "description", "coordinatorName", "coordinatorNip", "coordinatorRegon", "coordinatorKrs"]>
            <div class="row">
                <Field name="name" label=M::ClusterName value=name errors/>
                <Field name="nameEn" label=M::ClusterNameEn value=name_en errors/>
                <Field name="acronym" label=M::Acronym value=acronym errors/>
            </div>
            <Field name="description" label=M::Description value=description errors multiline=true/>
            <div class="row">
                <Transition fallback=Loading>
                    {move || Suspend::new(async move {
                        let (codes, names): (Vec<String>, Vec<String>) = options.await.map(|d| d.voivodeships.into_iter().map(|v| (code(&v.code), v.name)).unzip()).unwrap_or_default();
                        view! { <Choice name="voivodeship" label=M::FacetVoivodeship value=voivodeship errors options=codes names blank=true/> }
                    })}
                </Transition>
                <Field name="website" label=M::Website value=website errors kind="url"/>
                <Field name="websiteEn" label=M::WebsiteEn value=website_en errors kind="url"/>
            </div>
            <fieldset class="counts">
                <legend>{move || i18n.t(M::DeclaredMembers)}</legend>
                <p class="hint">{move || i18n.t(M::DeclaredMembersHint)}</p>
                {ORGANISATION_KINDS.iter().zip(counts).map(|(kind, count)| view! {
                    <label>
                        <span>{move || label(i18n.lang(), kind)}</span>
                        <input type="number" min="0" inputmode="numeric" data-kind=*kind prop:value=move || count.get() on:input=move |ev| count.set(event_target_value(&ev))/>
                    </label>
                }).collect_view()}
            </fieldset>
            <fieldset class="counts">
                <legend>{move || i18n.t(M::Sectors)}</legend>
                <Transition fallback=Loading>
                    {move || Suspend::new(async move {
                        options.await.map(|d| d.sectors.into_iter().map(|s| {
                            let (shown, toggled) = (s.code.clone(), s.code.clone());
                            view! {
                                <label>
                                    <input type="checkbox" prop:checked=move || sectors.get().contains(&shown)
                                        on:change=move |_| sectors.update(|all| if let Some(i) = all.iter().position(|c| *c == toggled) { all.remove(i); } else { all.push(toggled.clone()); })/>
                                    <span>{move || sector_name(i18n.lang(), &s.name_pl, &s.name_en)}</span>
                                </label>
                            }
                        }).collect_view()).ok()
                    })}
                </Transition>
            </fieldset>
            <div class="row">
                <Field name="coordinatorName" label=M::CoordinatorName value=coordinator errors/>
                <Field name="coordinatorNip" label=M::Nip value=nip errors/>
                <Field name="coordinatorRegon" label=M::Regon value=regon errors/>
                <Field name="coordinatorKrs" label=M::Krs value=krs errors/>
            </div>
        </Form>
    }
}
