//! The coordinator's desk (`/coordinator`): applications to decide, the members, editing the
//! cluster, adding events and projects, API tokens and the audit trail.

mod activities;
mod activity_list;
mod decided;
mod members;
mod profile;
mod webhooks;
// The whole profile: lists in the profile form, then services, groups, board, indicators.
mod board;
mod fact_row;
mod facts;
mod indicators;
mod lists;
mod named;
mod tokens;

use super::Desk;
use super::audit::AuditTrailPanel;
use crate::account::MeInfo;
use crate::api::{self, ApiError, FieldError};
use crate::components::{ErrorNote, InvitationScope, Invitations, Loading, title};
use crate::i18n::{M, use_i18n};
use crate::queries::*;
use activity_list::ActivitiesPanel;
use decided::DecidedApplicationsPanel;
use facts::ProfileFacts;
use leptos::prelude::*;
use leptos_router::components::A;
use members::MemberDesk;
use profile::EditClusterForm;
use tokens::ApiTokensPanel;
use webhooks::WebhooksPanel;

/// The coordinator's desk: applications to decide, adding events, the audit trail. An operator
/// opens any cluster's (`?cluster=<slug>`, or the one picked here), as the API lets operators do
/// all a coordinator does; a coordinator of several clusters opens each the same way.
#[component]
pub fn CoordinatorPage() -> impl IntoView {
    use crate::components::ClusterPicker;
    let i18n = use_i18n();
    title(
        move || i18n.t(M::CoordinatorTitle).to_owned(),
        move || i18n.t(M::DescCoordinator).to_owned(),
    );
    let asked = leptos_router::hooks::use_query_map();
    let navigate = leptos_router::hooks::use_navigate();
    view! {
        <h1>{move || i18n.t(M::CoordinatorTitle)}</h1>
        <Desk children=move |me: MeInfo| {
            let navigate = navigate.clone();
            move || {
                let coordinates = |slug: &String| me.roles.iter().any(|r| {
                    r.kind == "COORDINATOR" && r.cluster.as_ref().is_some_and(|c| &c.1 == slug)
                });
                let slug = asked
                    .with(|q| q.get("cluster"))
                    .filter(|slug| me.is_operator || coordinates(slug))
                    .or_else(|| me.coordinates.clone().map(|(_, slug, _)| slug));
                let navigate = navigate.clone();
                let open = Callback::new(move |c: serde_json::Value| {
                    let slug = crate::values::text(&c, "slug");
                    navigate(&format!("/coordinator?cluster={slug}"), Default::default());
                });
                let picker = me.is_operator.then(|| view! {
                    <section data-test="any-cluster-desk">
                        <h2>{move || i18n.t(M::AnyClusterDesk)}</h2>
                        <p class="meta">{move || i18n.t(M::AnyClusterDeskLead)}</p>
                        <ClusterPicker label=M::ClusterDeskToOpen chosen=RwSignal::new(None) test="desk-cluster" on_pick=Some(open)/>
                    </section>
                });
                match slug {
                    Some(slug) => view! { {picker} <CoordinatorDeskView slug me=me.id.clone()/> }.into_any(),
                    None if me.is_operator => picker.into_any(),
                    None => view! { <p class="notice">{move || i18n.t(M::NotCoordinator)}</p> }.into_any(),
                }
            }
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
                            <DecidedApplicationsPanel cluster_id=cluster_id.clone()/>
                            <MemberDesk cluster_id=cluster_id.clone()/>
                            <Invitations scope=InvitationScope::Cluster { id: cluster_id.clone(), slug: cluster_slug_for_members }/>
                            <EditClusterForm cluster=cluster.clone() voivodeships reload saved/>
                            <ProfileFacts cluster_id=cluster.id.clone()/>
                            <ActivitiesPanel cluster_id=cluster_id.clone()/>
                            <ApiTokensPanel cluster_id=cluster_id.clone()/>
                            <WebhooksPanel cluster_id/>
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
