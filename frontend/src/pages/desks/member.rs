//! "My organisation" (`/my-organisation`): the member's profile form, its clusters, applying
//! and leaving; for its managers, who acts for it and inviting colleagues.

use super::Desk;
use crate::account::MeInfo;
use crate::api::{self, ApiError, FieldError};
use crate::components::{
    Confirm, ErrorNote, Field, InvitationScope, Invitations, Loading, Report, ReportView, act,
    action, title,
};
use crate::i18n::{M, label, use_i18n};
use crate::queries::*;
use crate::values::code;
use leptos::prelude::*;
use leptos_router::components::A;

/// "My organisation": the member's profile form, its clusters, applying and leaving.
#[component]
pub fn MyOrganisationPage() -> impl IntoView {
    let i18n = use_i18n();
    title(
        move || i18n.t(M::MyOrgTitle).to_owned(),
        move || i18n.t(M::DescMyOrganisation).to_owned(),
    );
    view! {
        <h1>{move || i18n.t(M::MyOrgTitle)}</h1>
        <Desk children=move |me: MeInfo| match me.member_of.clone() {
            Some((id, _)) => view! {
                <OrganisationDesk id=id.clone()/>
                <Managers id mine=me.roles.iter().map(|r| r.id.clone()).collect()/>
            }.into_any(),
            None => view! { <p class="notice">{move || i18n.t(M::NoOrganisation)}</p> }.into_any(),
        }/>
    }
}

#[component]
fn OrganisationDesk(id: String) -> impl IntoView {
    // The profile form loads once, so applying to or leaving a cluster (which reloads the
    // memberships) never throws away unsaved edits; the notices live above both.
    let profile_id = id.clone();
    let profile = LocalResource::new(move || {
        let id = profile_id.clone();
        async move { api::run::<MyOrganisation>(my_organisation::Variables { id }).await }
    });
    let reload = RwSignal::new(0u32);
    let memberships = LocalResource::new(move || {
        reload.get();
        let id = id.clone();
        async move { api::run::<MyOrganisation>(my_organisation::Variables { id }).await }
    });
    let notice = RwSignal::new(None::<M>);
    let failure = RwSignal::new(None::<ApiError>);
    let i18n = use_i18n();
    view! {
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match profile.await {
                    Ok(my_organisation::ResponseData { organisation: Some(org), .. }) => view! { <ProfileForm org/> }.into_any(),
                    Ok(_) => ().into_any(),
                    Err(error) => view! { <ErrorNote error/> }.into_any(),
                }
            })}
        </Transition>
        {move || notice.get().map(|m| view! { <p class="ok" role="status" data-test="membership-notice">{move || i18n.t(m)}</p> })}
        {move || failure.get().map(|error| view! { <ErrorNote error/> })}
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match memberships.await {
                    Ok(my_organisation::ResponseData { organisation: Some(org), clusters }) => {
                        view! { <MembershipsPanel org clusters=clusters.nodes reload notice failure/> }.into_any()
                    }
                    _ => ().into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn ProfileForm(org: my_organisation::MyOrganisationOrganisation) -> impl IntoView {
    let i18n = use_i18n();
    let text = |v: &Option<String>| RwSignal::new(v.clone().unwrap_or_default());
    let name = RwSignal::new(org.name.clone());
    let nip = text(&org.nip);
    let regon = text(&org.regon);
    let krs = text(&org.krs);
    let city = text(&org.city);
    let postal_code = text(&org.postal_code);
    let address = text(&org.address);
    let phone = text(&org.phone);
    let website = text(&org.website);
    let description = text(&org.description);
    let version = RwSignal::new(org.version);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let failure = RwSignal::new(None::<ApiError>);
    let saved = RwSignal::new(false);
    let id = org.id.clone();
    let save = Action::new_local(move |_: &()| {
        let input = update_organisation::UpdateOrganisationInput {
            id: id.clone(),
            version: version.get_untracked(),
            name: Some(name.get_untracked()),
            kind: None,
            nip: Some(nip.get_untracked()),
            regon: Some(regon.get_untracked()),
            krs: Some(krs.get_untracked()),
            voivodeship: None,
            city: Some(city.get_untracked()),
            address: Some(address.get_untracked()),
            postal_code: Some(postal_code.get_untracked()),
            phone: Some(phone.get_untracked()),
            email: None,
            website: Some(website.get_untracked()),
            description: Some(description.get_untracked()),
            sectors: None,
        };
        async move { api::mutate::<UpdateOrganisation>(update_organisation::Variables { input }).await }
    });
    Effect::new(move |_| {
        if let Some(result) = save.value().get() {
            match result {
                Ok(answer) => {
                    let written = answer
                        .fields
                        .get("organisation")
                        .and_then(|o| o.get("version"))
                        .and_then(serde_json::Value::as_i64);
                    match written {
                        Some(v) => {
                            version.set(v);
                            errors.set(vec![]);
                            saved.set(true);
                        }
                        None => errors.set(answer.errors),
                    }
                }
                Err(e) => failure.set(Some(e)),
            }
        }
    });
    view! {
        <form class="form" data-test="profile-form" on:submit=move |ev| {
            ev.prevent_default();
            saved.set(false);
            failure.set(None);
            save.dispatch(());
        }>
            <Field name="name" label=M::Name value=name errors/>
            <div class="row">
                <Field name="nip" label=M::Nip value=nip errors/>
                <Field name="regon" label=M::Regon value=regon errors/>
                <Field name="krs" label=M::Krs value=krs errors/>
            </div>
            <div class="row">
                <Field name="address" label=M::Address value=address errors/>
                <Field name="postalCode" label=M::PostalCode value=postal_code errors/>
                <Field name="city" label=M::City value=city errors/>
            </div>
            <div class="row">
                <Field name="phone" label=M::Phone value=phone errors kind="tel"/>
                <Field name="website" label=M::Website value=website errors kind="url"/>
            </div>
            <Field name="description" label=M::Description value=description errors multiline=true/>
            {move || (!errors.get().is_empty()).then(|| view! { <p class="error" role="alert">{move || i18n.t(M::FixErrors)}</p> })}
            {move || failure.get().map(|error| view! { <ErrorNote error/> })}
            {move || saved.get().then(|| view! { <p class="ok" role="status" data-test="saved">{move || i18n.t(M::Saved)}</p> })}
            <button type="submit" disabled=move || save.pending().get()>{move || i18n.t(M::Save)}</button>
        </form>
    }
}

#[component]
fn MembershipsPanel(
    org: my_organisation::MyOrganisationOrganisation,
    clusters: Vec<my_organisation::MyOrganisationClustersNodes>,
    reload: RwSignal<u32>,
    notice: RwSignal<Option<M>>,
    failure: RwSignal<Option<ApiError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let message = RwSignal::new(String::new());
    let chosen = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let org_id = org.id.clone();
    let apply = action(move |_: &()| {
        let input = apply_for_membership::ApplyForMembershipInput {
            cluster_id: chosen.get_untracked(),
            organisation_id: org_id.clone(),
            message: Some(message.get_untracked()),
        };
        async move { api::change::<ApplyForMembership>(apply_for_membership::Variables { input }).await }
    });
    Effect::new(move |_| {
        if let Some(result) = apply.value().get() {
            match result {
                Ok((true, _)) => {
                    notice.set(Some(M::Applied));
                    reload.update(|r| *r += 1);
                }
                Ok((false, refused)) => errors.set(refused),
                Err(e) => failure.set(Some(e)),
            }
        }
    });
    let leave = action(move |(id, version): &(String, i64)| {
        let input = leave_cluster::LeaveClusterInput {
            id: id.clone(),
            version: *version,
        };
        async move { api::change::<LeaveCluster>(leave_cluster::Variables { input }).await }
    });
    Effect::new(move |_| {
        if let Some(result) = leave.value().get() {
            match result {
                Ok(_) => {
                    notice.set(Some(M::Left));
                    reload.update(|r| *r += 1);
                }
                Err(e) => failure.set(Some(e)),
            }
        }
    });
    let current: Vec<_> = org
        .memberships
        .iter()
        .filter(|m| matches!(code(&m.status).as_str(), "ACTIVE" | "PENDING"))
        .cloned()
        .collect();
    let member_ids: Vec<String> = current
        .iter()
        .filter_map(|m| m.cluster.as_ref().map(|c| c.id.clone()))
        .collect();
    view! {
        <section data-test="my-clusters">
            <h2>{move || i18n.t(M::MemberOf)}</h2>
            <ul class="plain">
                {current.into_iter().filter_map(|m| {
                    let cluster = m.cluster.clone()?;
                    let status = code(&m.status);
                    let key = (m.id.clone(), m.version);
                    Some(view! {
                        <li>
                            <A href=format!("/clusters/{}", cluster.slug)>{cluster.name}</A>
                            " · "<span class="meta">{move || label(i18n.lang(), &status)}</span>" "
                            <Confirm label=M::Leave question=M::LeaveClusterQuestion test="leave"
                                disabled=Signal::derive(move || leave.pending().get())
                                on_confirm=Callback::new(move |_| { notice.set(None); failure.set(None); leave.dispatch(key.clone()); })/>
                        </li>
                    })
                }).collect_view()}
            </ul>
        </section>
        <section>
            <h2>{move || i18n.t(M::ApplyTitle)}</h2>
            <form class="form" data-test="apply-form" on:submit=move |ev| {
                ev.prevent_default();
                errors.set(vec![]);
                failure.set(None);
                notice.set(None);
                apply.dispatch(());
            }>
                <div class="field">
                    <label for="apply-cluster">{move || i18n.t(M::ChooseCluster)}</label>
                    <select id="apply-cluster" on:change=move |ev| chosen.set(event_target_value(&ev))>
                        <option value="">"—"</option>
                        {clusters.into_iter().filter(|c| !member_ids.contains(&c.id)).map(|c| view! { <option value=c.id>{c.name}</option> }).collect_view()}
                    </select>
                    <p class="field-error" role="alert">{move || errors.get().into_iter().find(|e| e.field.contains("cluster")).map(|e| e.text(i18n.lang()))}</p>
                </div>
                <Field name="message" label=M::ApplyMessage value=message errors multiline=true/>
                <button type="submit" disabled=move || apply.pending().get() || chosen.get().is_empty()>{move || i18n.t(M::Apply)}</button>
            </form>
        </section>
    }
}

/// For the organisation's managers: who acts for it, making one a manager or taking the role
/// away, and inviting colleagues. Others are not shown it (the list is refused to them).
#[component]
fn Managers(id: String, mine: Vec<String>) -> impl IntoView {
    let i18n = use_i18n();
    let reload = RwSignal::new(0u32);
    let report = Report::new();
    let list_id = id.clone();
    let users = LocalResource::new(move || {
        reload.get();
        let organisation_id = list_id.clone();
        async move {
            api::run::<OrganisationUsers>(organisation_users::Variables { organisation_id }).await
        }
    });
    let manage = act(
        report,
        M::Saved,
        reload,
        |(id, manages): &(String, bool)| {
            let input = set_organisation_manager::SetOrganisationManagerInput {
                role_id: id.clone(),
                manages: *manages,
            };
            async move {
                api::change::<SetOrganisationManager>(set_organisation_manager::Variables { input })
                    .await
            }
        },
    );
    let remove = act(report, M::RoleRemoved, reload, |id: &String| {
        let id = id.clone();
        async move { api::change::<RevokeRole>(revoke_role::Variables { id }).await }
    });
    view! {
        <Transition fallback=Loading>
            {move || {
                let (id, mine) = (id.clone(), mine.clone());
                Suspend::new(async move {
                    match users.await {
                        Ok(d) => view! {
                            <section data-test="organisation-users">
                                <h2>{move || i18n.t(M::OrganisationUsersTitle)}</h2>
                                <p class="meta">{move || i18n.t(M::OrganisationUsersLead)}</p>
                                <ReportView report/>
                                <ul class="plain">
                                    {d.organisation_users.into_iter().map(|role| {
                                        let me = mine.contains(&role.id);
                                        let manages = role.manages;
                                        let (toggle, gone) = (role.id.clone(), role.id.clone());
                                        let (name, email) = role.user.map(|u| (u.display_name, u.email)).unwrap_or_default();
                                        view! {
                                            <li data-test="organisation-user" data-email=email.clone()>
                                                <strong>{name}</strong>" "<span class="wrap">{format!("<{email}>")}</span>
                                                {me.then(|| view! { " " <span class="meta">{move || i18n.t(M::ThatIsYou)}</span> })}
                                                {manages.then(|| view! { " " <span class="badge">{move || i18n.t(M::Manager)}</span> })}
                                                <div class="actions">
                                                    <button type="button" class="small secondary" data-test="toggle-manager" on:click=move |_| { report.clear(); manage.dispatch((toggle.clone(), !manages)); }>
                                                        {move || i18n.t(if manages { M::StopManaging } else { M::MakeManager })}
                                                    </button>
                                                    {(!me).then(|| view! {
                                                        <Confirm label=M::RemoveUser question=M::RemoveUserQuestion test="remove-user"
                                                            on_confirm=Callback::new(move |_| { report.clear(); remove.dispatch(gone.clone()); })/>
                                                    })}
                                                </div>
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            </section>
                            <Invitations scope=InvitationScope::Organisation { id }/>
                        }.into_any(),
                        // Only managers may see who acts for the organisation.
                        Err(ApiError::Graphql { code, .. }) if code == "FORBIDDEN" => ().into_any(),
                        Err(error) => view! { <ErrorNote error/> }.into_any(),
                    }
                })
            }}
        </Transition>
    }
}
