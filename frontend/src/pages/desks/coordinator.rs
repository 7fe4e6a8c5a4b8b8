//! The coordinator's desk (`/coordinator`): applications to decide, the members, editing the
//! cluster, adding events and projects, API tokens and the audit trail.

use super::audit::AuditTrailPanel;
use super::{Desk, refused_field, settle};
use crate::account::MeInfo;
use crate::api::{self, ApiError, FieldError};
use crate::components::{
    ErrorNote, Field, InvitationScope, Invitations, Loading, Members, action, title,
};
use crate::i18n::{M, date, use_i18n};
use crate::queries::*;
use crate::values::{code, enum_value, given};
use leptos::prelude::*;
use leptos_router::components::A;

/// The coordinator's desk: applications to decide, adding events, the audit trail.
#[component]
pub fn CoordinatorPage() -> impl IntoView {
    let i18n = use_i18n();
    title(
        move || i18n.t(M::CoordinatorTitle).to_owned(),
        move || i18n.t(M::DescCoordinator).to_owned(),
    );
    view! {
        <h1>{move || i18n.t(M::CoordinatorTitle)}</h1>
        <Desk children=move |me: MeInfo| match me.coordinates {
            Some((_, slug, _)) => view! { <CoordinatorDeskView slug me=me.id.clone()/> }.into_any(),
            None => view! { <p class="notice">{move || i18n.t(M::NotCoordinator)}</p> }.into_any(),
        }/>
    }
}

#[component]
fn CoordinatorDeskView(slug: String, me: String) -> impl IntoView {
    let i18n = use_i18n();
    let reload = RwSignal::new(0u32);
    let notice = RwSignal::new(None::<M>);
    let failure = RwSignal::new(None::<ApiError>);
    let reasons = RwSignal::new(std::collections::HashMap::<String, String>::new());
    let reason_errors = RwSignal::new(std::collections::HashMap::<String, Vec<FieldError>>::new());
    let me = StoredValue::new(me);
    let saved = RwSignal::new(false);
    let data = LocalResource::new(move || {
        reload.get();
        let slug = slug.clone();
        async move { api::run::<CoordinatorDesk>(coordinator_desk::Variables { slug }).await }
    });
    let approve = Action::new_local(move |(id, version): &(String, i64)| {
        let input = approve_membership::DecideMembershipInput {
            id: id.clone(),
            version: *version,
            reason: None,
        };
        async move {
            api::change::<ApproveMembership>(approve_membership::Variables { input })
                .await
                .map(|(written, _)| (written, String::new(), Vec::<FieldError>::new()))
        }
    });
    let reject = Action::new_local(move |(id, version): &(String, i64)| {
        let reason = reasons.get_untracked().get(id).cloned();
        let input = reject_membership::DecideMembershipInput {
            id: id.clone(),
            version: *version,
            reason,
        };
        let id = id.clone();
        async move {
            api::change::<RejectMembership>(reject_membership::Variables { input })
                .await
                .map(|(written, refused)| (written, id, refused))
        }
    });
    Effect::new(move |_| {
        if let Some(result) = approve.value().get() {
            match result {
                Ok((true, _, _)) => {
                    notice.set(Some(M::Approved));
                    reload.update(|r| *r += 1);
                }
                Ok(_) => {}
                Err(e) => failure.set(Some(e)),
            }
        }
    });
    Effect::new(move |_| {
        if let Some(result) = reject.value().get() {
            match result {
                Ok((true, _, _)) => {
                    notice.set(Some(M::Rejected));
                    reload.update(|r| *r += 1);
                }
                Ok((false, id, refused)) => reason_errors.update(|m| {
                    m.insert(id, refused);
                }),
                Err(e) => failure.set(Some(e)),
            }
        }
    });
    view! {
        {move || notice.get().map(|m| view! { <p class="ok" role="status" data-test="desk-notice">{move || i18n.t(m)}</p> })}
        {move || failure.get().map(|error| view! { <ErrorNote error/> })}
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(coordinator_desk::ResponseData { cluster: Some(cluster), voivodeships }) => {
                        let empty = cluster.membership_applications.is_empty();
                        let members = cluster.members.total_count;
                        let applications = cluster.membership_applications.clone();
                        let (cluster_name, cluster_slug, cluster_id) = (cluster.name.clone(), cluster.slug.clone(), cluster.id.clone());
                        let cluster_slug_for_members = cluster.slug.clone();
                        view! {
                            <p class="lead"><A href=format!("/clusters/{cluster_slug}")>{cluster_name}</A>
                                {move || format!(" · {}", crate::i18n::count(i18n.lang(), members, crate::i18n::Noun::Member))}</p>
                            <section data-test="applications">
                                <h2>{move || i18n.t(M::Applications)}</h2>
                                {empty.then(|| view! { <p class="empty">{move || i18n.t(M::NoApplications)}</p> })}
                                <ul class="plain">
                                    {applications.into_iter().map(|a| {
                                        let key = (a.id.clone(), a.version);
                                        let reject_key = key.clone();
                                        let id = a.id.clone();
                                        let reason_id = format!("reason-{}", a.id);
                                        let error_id = a.id.clone();
                                        let org_name = a.organisation.as_ref().map(|o| o.name.clone()).unwrap_or_default();
                                        view! {
                                            <li class="application" data-test="application" data-organisation=org_name.clone()>
                                                <strong>{org_name.clone()}</strong>
                                                {a.application_message.clone().map(|m| view! { <blockquote>{m}</blockquote> })}
                                                <div class="actions">
                                                    <button type="button" data-test="approve" on:click=move |_| { approve.dispatch(key.clone()); }>{move || i18n.t(M::Approve)}</button>
                                                    <label for=reason_id.clone()>{move || i18n.t(M::RejectReason)}</label>
                                                    <input id=reason_id type="text" on:input=move |ev| { let v = event_target_value(&ev); let id = id.clone(); reasons.update(|r| { r.insert(id, v); }); }/>
                                                    <button type="button" class="danger" on:click=move |_| { reject.dispatch(reject_key.clone()); }>{move || i18n.t(M::Reject)}</button>
                                                    <p class="field-error" role="alert">{move || reason_errors.get().get(&error_id).map(|refused| FieldError::texts(refused, i18n.lang()))}</p>
                                                </div>
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            </section>
                            <Members slug=cluster_slug_for_members.clone()/>
                            <Invitations scope=InvitationScope::Cluster { id: cluster_id.clone(), slug: cluster_slug_for_members }/>
                            <EditClusterForm cluster=cluster.clone() voivodeships reload saved/>
                            <AddEventForm cluster_id=cluster_id.clone() reload/>
                            <AddProjectForm cluster_id=cluster_id.clone()/>
                            <ApiTokensPanel cluster_id/>
                            <AuditTrailPanel cluster_id=Some(cluster.id.clone()) me=me.get_value()/>
                        }.into_any()
                    }
                    Ok(_) => ().into_any(),
                    Err(error) => view! { <ErrorNote error/> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn AddEventForm(cluster_id: String, reload: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let name = RwSignal::new(String::new());
    let starts_on = RwSignal::new(String::new());
    let location = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let failure = RwSignal::new(None::<ApiError>);
    let added = RwSignal::new(false);
    let create = action(move |_: &()| {
        let input = create_event::CreateEventInput {
            cluster_id: cluster_id.clone(),
            name: Some(name.get_untracked()),
            description: None,
            starts_on: given(starts_on.get_untracked()),
            ends_on: None,
            location: given(location.get_untracked()),
        };
        async move {
            api::change::<CreateEvent>(create_event::Variables { input })
                .await
                .or_else(refused_field)
        }
    });
    Effect::new(move |_| {
        if let Some(result) = create.value().get()
            && settle(result, errors, failure)
        {
            added.set(true);
            for field in [name, starts_on, location] {
                field.set(String::new());
            }
            reload.update(|r| *r += 1);
        }
    });
    view! {
        <section>
            <h2>{move || i18n.t(M::AddEvent)}</h2>
            <form class="form" on:submit=move |ev| { ev.prevent_default(); added.set(false); errors.set(vec![]); failure.set(None); create.dispatch(()); }>
                <Field name="name" label=M::EventName value=name errors/>
                <div class="row">
                    <Field name="startsOn" label=M::StartsOn value=starts_on errors/>
                    <Field name="location" label=M::Location value=location errors/>
                </div>
                {move || failure.get().map(|error| view! { <ErrorNote error/> })}
                {move || added.get().then(|| view! { <p class="ok" role="status">{move || i18n.t(M::Added)}</p> })}
                <button type="submit" disabled=move || create.pending().get()>{move || i18n.t(M::AddEvent)}</button>
            </form>
        </section>
    }
}

#[component]
fn EditClusterForm(
    cluster: coordinator_desk::CoordinatorDeskCluster,
    voivodeships: Vec<coordinator_desk::CoordinatorDeskVoivodeships>,
    reload: RwSignal<u32>,
    /// Whether the last save was written: kept by the desk, as saving reloads the form.
    saved: RwSignal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let text = |v: &Option<String>| RwSignal::new(v.clone().unwrap_or_default());
    let acronym = text(&cluster.acronym);
    let description_pl = text(&cluster.description_pl);
    let description_en = text(&cluster.description_en);
    let city = text(&cluster.city);
    let address = text(&cluster.address);
    let postal_code = text(&cluster.postal_code);
    let phone = text(&cluster.phone);
    let email = text(&cluster.email);
    let website = text(&cluster.website);
    let voivodeship = RwSignal::new(
        cluster
            .voivodeship
            .as_ref()
            .map(|v| code(&v.code))
            .unwrap_or_default(),
    );
    let year = |y: Option<i64>| RwSignal::new(y.map(|y| y.to_string()).unwrap_or_default());
    let period = cluster.strategy_period.as_ref();
    let strategy_from = year(period.and_then(|p| p.from));
    let strategy_to = year(period.and_then(|p| p.to));
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let failure = RwSignal::new(None::<ApiError>);
    let (id, version) = (cluster.id.clone(), cluster.version);
    let save = action(move |_: &()| {
        // Every shown field is sent: an emptied field clears the value.
        let input = update_cluster::UpdateClusterInput {
            id: id.clone(),
            version,
            slug: None,
            name_pl: None,
            name_en: None,
            acronym: Some(acronym.get_untracked()),
            description_pl: Some(description_pl.get_untracked()),
            description_en: Some(description_en.get_untracked()),
            voivodeship: enum_value(&voivodeship.get_untracked()),
            city: Some(city.get_untracked()),
            address: Some(address.get_untracked()),
            postal_code: Some(postal_code.get_untracked()),
            phone: Some(phone.get_untracked()),
            email: Some(email.get_untracked()),
            website: Some(website.get_untracked()),
            founded_on: None,
            strategy_from: strategy_from.get_untracked().trim().parse().ok(),
            strategy_to: strategy_to.get_untracked().trim().parse().ok(),
            status: None,
            coordinator_id: None,
            sectors: None,
            aliases: None,
            specialisations: None,
            participations: None,
            awards: None,
        };
        async move { api::change::<UpdateCluster>(update_cluster::Variables { input }).await }
    });
    Effect::new(move |_| {
        if let Some(result) = save.value().get()
            && settle(result, errors, failure)
        {
            saved.set(true);
            reload.update(|r| *r += 1);
        }
    });
    view! {
        <section>
            <h2>{move || i18n.t(M::EditCluster)}</h2>
            <form class="form" data-test="cluster-form" on:submit=move |ev| { ev.prevent_default(); saved.set(false); errors.set(vec![]); failure.set(None); save.dispatch(()); }>
                <Field name="acronym" label=M::Acronym value=acronym errors/>
                <Field name="descriptionPl" label=M::DescriptionPl value=description_pl errors multiline=true/>
                <Field name="descriptionEn" label=M::DescriptionEn value=description_en errors multiline=true/>
                <div class="row">
                    <div class="field">
                        <label for="cluster-voivodeship">{move || i18n.t(M::FacetVoivodeship)}</label>
                        <select id="cluster-voivodeship" on:change=move |ev| voivodeship.set(event_target_value(&ev))>
                            <option value="">"—"</option>
                            {voivodeships.into_iter().map(|v| {
                                let value = code(&v.code);
                                let selected = value == voivodeship.get_untracked();
                                view! { <option value=value selected=selected>{v.name}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                    <Field name="city" label=M::City value=city errors/>
                </div>
                <div class="row">
                    <Field name="address" label=M::Address value=address errors/>
                    <Field name="postalCode" label=M::PostalCode value=postal_code errors/>
                </div>
                <div class="row">
                    <Field name="phone" label=M::Phone value=phone errors kind="tel"/>
                    <Field name="email" label=M::Email value=email errors kind="email"/>
                    <Field name="website" label=M::Website value=website errors kind="url"/>
                </div>
                <div class="row">
                    <Field name="strategyFrom" label=M::StrategyFrom value=strategy_from errors kind="number"/>
                    <Field name="strategyTo" label=M::StrategyTo value=strategy_to errors kind="number"/>
                </div>
                {move || failure.get().map(|error| view! { <ErrorNote error/> })}
                {move || saved.get().then(|| view! { <p class="ok" role="status" data-test="cluster-saved">{move || i18n.t(M::Saved)}</p> })}
                <button type="submit" disabled=move || save.pending().get()>{move || i18n.t(M::Save)}</button>
            </form>
        </section>
    }
}

#[component]
fn AddProjectForm(cluster_id: String) -> impl IntoView {
    let i18n = use_i18n();
    let name = RwSignal::new(String::new());
    let acronym = RwSignal::new(String::new());
    let programme = RwSignal::new(String::new());
    let starts_on = RwSignal::new(String::new());
    let ends_on = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let failure = RwSignal::new(None::<ApiError>);
    let added = RwSignal::new(false);
    let create = action(move |_: &()| {
        let input = create_project::CreateProjectInput {
            cluster_id: cluster_id.clone(),
            name: Some(name.get_untracked()),
            acronym: given(acronym.get_untracked()),
            programme: given(programme.get_untracked()),
            description: None,
            budget_amount: None,
            budget_currency: None,
            starts_on: given(starts_on.get_untracked()),
            ends_on: given(ends_on.get_untracked()),
            role: None,
            partners: None,
        };
        async move {
            api::change::<CreateProject>(create_project::Variables { input })
                .await
                .or_else(refused_field)
        }
    });
    Effect::new(move |_| {
        if let Some(result) = create.value().get()
            && settle(result, errors, failure)
        {
            added.set(true);
            for field in [name, acronym, programme, starts_on, ends_on] {
                field.set(String::new());
            }
        }
    });
    view! {
        <section>
            <h2>{move || i18n.t(M::AddProject)}</h2>
            <form class="form" data-test="project-form" on:submit=move |ev| { ev.prevent_default(); added.set(false); errors.set(vec![]); failure.set(None); create.dispatch(()); }>
                <div class="row">
                    <Field name="name" label=M::ProjectName value=name errors/>
                    <Field name="acronym" label=M::Acronym value=acronym errors/>
                    <Field name="programme" label=M::Programme value=programme errors/>
                </div>
                <div class="row">
                    <Field name="startsOn" label=M::StartsOn value=starts_on errors/>
                    <Field name="endsOn" label=M::EndsOn value=ends_on errors/>
                </div>
                {move || failure.get().map(|error| view! { <ErrorNote error/> })}
                {move || added.get().then(|| view! { <p class="ok" role="status">{move || i18n.t(M::Added)}</p> })}
                <button type="submit" disabled=move || create.pending().get()>{move || i18n.t(M::AddProject)}</button>
            </form>
        </section>
    }
}

/// The coordinator's API tokens: create one (shown once), see when each was last used, revoke.
#[component]
fn ApiTokensPanel(cluster_id: String) -> impl IntoView {
    let i18n = use_i18n();
    let reload = RwSignal::new(0u32);
    let list_cluster = cluster_id.clone();
    let tokens = LocalResource::new(move || {
        reload.get();
        let cluster_id = Some(list_cluster.clone());
        async move { api::run::<ApiTokens>(api_tokens::Variables { cluster_id }).await }
    });
    let name = RwSignal::new(String::new());
    let read_private = RwSignal::new(true);
    let write_members = RwSignal::new(false);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let failure = RwSignal::new(None::<ApiError>);
    let shown = RwSignal::new(None::<String>);
    let create = Action::new_local(move |_: &()| {
        let mut scopes = vec![create_api_token::ApiScope::READ_PUBLIC];
        if read_private.get_untracked() {
            scopes.push(create_api_token::ApiScope::READ_CLUSTER_PRIVATE);
        }
        if write_members.get_untracked() {
            scopes.push(create_api_token::ApiScope::WRITE_CLUSTER_MEMBERS);
        }
        let input = create_api_token::CreateApiTokenInput {
            name: name.get_untracked(),
            cluster_id: Some(cluster_id.clone()),
            scopes,
        };
        async move { api::mutate::<CreateApiToken>(create_api_token::Variables { input }).await }
    });
    Effect::new(move |_| {
        if let Some(result) = create.value().get() {
            match result {
                Ok(answer) => match answer.text(&["token"]) {
                    Some(token) => {
                        errors.set(vec![]);
                        shown.set(Some(token));
                        name.set(String::new());
                        reload.update(|r| *r += 1);
                    }
                    None => errors.set(answer.errors),
                },
                Err(e) => failure.set(Some(e)),
            }
        }
    });
    let revoke = Action::new_local(move |id: &String| {
        let input = revoke_api_token::RevokeApiTokenInput { id: id.clone() };
        async move { api::change::<RevokeApiToken>(revoke_api_token::Variables { input }).await }
    });
    Effect::new(move |_| {
        if let Some(result) = revoke.value().get() {
            match result {
                Ok(_) => reload.update(|r| *r += 1),
                Err(e) => failure.set(Some(e)),
            }
        }
    });
    view! {
        <section data-test="api-tokens">
            <h2>{move || i18n.t(M::ApiTokensTitle)}</h2>
            <p class="meta">{move || i18n.t(M::ApiTokensLead)}</p>
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match tokens.await {
                        Ok(data) if data.api_tokens.nodes.is_empty() => view! { <p class="empty">{move || i18n.t(M::NoTokens)}</p> }.into_any(),
                        Ok(data) => view! {
                            <ul class="plain">
                                {data.api_tokens.nodes.into_iter().map(|t| {
                                    let id = t.id.clone();
                                    let revoked = t.revoked_at.is_some();
                                    let used = t.last_used_at.clone();
                                    let scopes = t.scopes.iter().map(code).collect::<Vec<_>>().join(", ");
                                    view! {
                                        <li data-test="api-token">
                                            <strong>{t.name.clone()}</strong>" "<code>{format!("{}…", t.prefix)}</code>
                                            " · "<span class="meta">{scopes}</span>" · "
                                            <span class="meta">{move || match (&used, revoked) {
                                                (_, true) => i18n.t(M::Revoked).to_owned(),
                                                (Some(at), false) => format!("{} {}", i18n.t(M::LastUsed), date(i18n.lang(), at)),
                                                (None, false) => i18n.t(M::NeverUsed).to_owned(),
                                            }}</span>
                                            {(!revoked).then(|| view! {
                                                " "<button type="button" class="small danger" on:click=move |_| { revoke.dispatch(id.clone()); }>{move || i18n.t(M::Revoke)}</button>
                                            })}
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(error) => view! { <ErrorNote error/> }.into_any(),
                    }
                })}
            </Transition>
            {move || shown.get().map(|token| view! {
                <div class="notice" role="status">
                    <p>{move || i18n.t(M::TokenShownOnce)}</p>
                    <code data-test="new-token">{token}</code>
                </div>
            })}
            {move || failure.get().map(|error| view! { <ErrorNote error/> })}
            <form class="form" data-test="token-form" on:submit=move |ev| { ev.prevent_default(); shown.set(None); failure.set(None); create.dispatch(()); }>
                <Field name="name" label=M::TokenName value=name errors/>
                <fieldset class="choice">
                    <legend class="sr-only">{move || i18n.t(M::ApiTokensTitle)}</legend>
                    <label><input type="checkbox" prop:checked=move || read_private.get() on:change=move |_| read_private.update(|v| *v = !*v)/>{move || i18n.t(M::ScopeReadPrivate)}</label>
                    <label><input type="checkbox" prop:checked=move || write_members.get() on:change=move |_| write_members.update(|v| *v = !*v)/>{move || i18n.t(M::ScopeWriteMembers)}</label>
                </fieldset>
                <p class="field-error" role="alert">{move || errors.get().into_iter().find(|e| e.field == "clusterId" || e.field == "scopes").map(|e| e.text(i18n.lang()))}</p>
                <button type="submit" disabled=move || create.pending().get()>{move || i18n.t(M::CreateToken)}</button>
            </form>
        </section>
    }
}
