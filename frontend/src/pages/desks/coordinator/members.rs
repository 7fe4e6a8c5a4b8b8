//! The cluster's members on the coordinator's desk, to keep: each current member with its role
//! (changed with `updateMembership`) and a way to end its membership (`leaveCluster`, after a
//! confirmation), and adding a member found by name as one types (`addMember`). The public
//! list is `components::Members`; this one edits.
//!
//! Ending a membership goes through `leaveCluster` rather than `updateMembership { leftOn }`:
//! the latter only records a date and leaves the membership ACTIVE (still listed as a member),
//! while `leaveCluster` makes it LEFT from today.

use super::super::{refused_field, settle};
use crate::api::{self, ApiError, FieldError};
use crate::components::{Choice, Confirm, ErrorNote, PartialDateInput, TableBox, action};
use crate::i18n::{M, date, label, number, use_i18n};
use crate::queries::*;
use crate::values::{enum_value, given, items, text, text_at};
use leptos::prelude::*;
use leptos_router::components::A;
use serde_json::Value;

/// The roles a member may have, in the order the choice offers them.
const ROLES: [&str; 3] = ["MEMBER", "STRATEGIC_PARTNER", "COORDINATOR"];

/// The current members, pages of 100 appended on demand, each to change or end, and the form
/// that adds one. What the last change came to stays above the list (`notice`).
#[component]
pub fn MemberDesk(cluster_id: String) -> impl IntoView {
    let i18n = use_i18n();
    let reload = RwSignal::new(0u32);
    let notice = RwSignal::new(None::<M>);
    let after = RwSignal::new(None::<String>);
    let rows = RwSignal::new(Vec::<Value>::new());
    let total = RwSignal::new(None::<i64>);
    let next = RwSignal::new(None::<String>);
    let failure = RwSignal::new(None::<ApiError>);
    let loaded = RwSignal::new(false);
    let id = cluster_id.clone();
    let page = LocalResource::new(move || {
        reload.get();
        let id = id.clone();
        let after = after.get();
        async move { api::read::<DeskMembers>(desk_members::Variables { id, after }).await }
    });
    Effect::new(move |_| match page.get() {
        Some(Ok(d)) => {
            let members = &d["cluster"]["members"];
            total.set(members["totalCount"].as_i64());
            let info = &members["pageInfo"];
            next.set(
                (info["hasNextPage"].as_bool() == Some(true))
                    .then(|| text_at(info, "endCursor"))
                    .flatten(),
            );
            let appending = after.get_untracked().is_some();
            let nodes = items(members, "nodes").to_vec();
            rows.update(|r| {
                if !appending {
                    r.clear();
                }
                r.extend(nodes);
            });
            loaded.set(true);
        }
        Some(Err(e)) => failure.set(Some(e)),
        None => {}
    });
    // After a change the list is read again from its first page.
    let changed = Callback::new(move |done: M| {
        notice.set(Some(done));
        after.set(None);
        reload.update(|n| *n += 1);
    });
    view! {
        <section data-test="desk-members">
            <h2>{move || i18n.t(M::DeskMembersTitle)}{move || total.get().map(|t| format!(" ({})", number(i18n.lang(), t)))}</h2>
            {move || notice.get().map(|m| view! { <p class="ok" role="status" data-test="members-notice">{move || i18n.t(m)}</p> })}
            {move || failure.get().map(|error| view! { <ErrorNote error/> })}
            {move || (loaded.get() && rows.with(Vec::is_empty)).then(|| view! { <p class="empty">{move || i18n.t(M::NoDeskMembers)}</p> })}
            <Show when=move || !rows.with(Vec::is_empty)>
                <TableBox label=Signal::derive(move || i18n.t(M::DeskMembersTitle).to_owned())>
                    <table class="members">
                        <thead><tr>
                            <th>{move || i18n.t(M::Name)}</th>
                            <th>{move || i18n.t(M::MemberSince)}</th>
                            <th>{move || i18n.t(M::Role)}</th>
                            <th>{move || i18n.t(M::MemberActions)}</th>
                        </tr></thead>
                        <tbody>
                            <For each=move || rows.get() key=|m| format!("{}@{}", text(m, "id"), m["version"]) let:member>
                                <MemberRow member changed notice/>
                            </For>
                        </tbody>
                    </table>
                </TableBox>
            </Show>
            {move || next.get().map(|cursor| view! {
                <button type="button" on:click=move |_| after.set(Some(cursor.clone()))>{move || i18n.t(M::MoreMembers)}</button>
            })}
            <AddMemberForm cluster_id changed/>
        </section>
    }
}

/// One member: its organisation, since when, its role to change, and ending its membership.
#[component]
fn MemberRow(member: Value, changed: Callback<M>, notice: RwSignal<Option<M>>) -> impl IntoView {
    let i18n = use_i18n();
    let id = text(&member, "id");
    let version = member["version"].as_i64().unwrap_or_default();
    let organisation = member["organisation"].clone();
    let name = text(&organisation, "name");
    let org_id = text(&organisation, "id");
    let joined = text_at(&member, "joinedOn");
    let current = text(&member, "role");
    let role = RwSignal::new(current.clone());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let failure = RwSignal::new(None::<ApiError>);
    let update_id = id.clone();
    let change_role = action(move |_: &()| {
        let input = update_membership::UpdateMembershipInput {
            id: update_id.clone(),
            version,
            role: enum_value(&role.get_untracked()),
            joined_on: None,
            left_on: None,
        };
        async move {
            api::change::<UpdateMembership>(update_membership::Variables { input })
                .await
                .or_else(refused_field)
        }
    });
    let end = action(move |_: &()| {
        let input = leave_cluster::LeaveClusterInput {
            id: id.clone(),
            version,
        };
        async move { api::change::<LeaveCluster>(leave_cluster::Variables { input }).await }
    });
    for (act, done) in [(change_role, M::RoleChanged), (end, M::MembershipEnded)] {
        Effect::new(move |_| {
            if let Some(result) = act.value().get()
                && settle(result, errors, failure)
            {
                changed.run(done);
            }
        });
    }
    let select_id = format!("role-{org_id}");
    let error_id = format!("{select_id}-error");
    let role_label = name.clone();
    let shown_name = name.clone();
    view! {
        <tr data-test="desk-member" data-organisation=name>
            <td><A href=format!("/organisations/{org_id}")>{shown_name}</A></td>
            <td>{move || joined.as_deref().map(|d| date(i18n.lang(), d))}</td>
            <td>
                <form class="inline" data-test="role-form" on:submit=move |ev| {
                    ev.prevent_default();
                    notice.set(None);
                    failure.set(None);
                    change_role.dispatch(());
                }>
                    <label class="sr-only" for=select_id.clone()>{move || format!("{} {}", i18n.t(M::RoleOf), role_label)}</label>
                    <select id=select_id aria-describedby=error_id.clone() on:change=move |ev| role.set(event_target_value(&ev))>
                        {ROLES.iter().map(|r| view! { <option value=*r selected=*r == current>{move || label(i18n.lang(), r)}</option> }).collect_view()}
                    </select>" "
                    <button type="submit" class="small secondary" data-test="change-role" disabled=move || change_role.pending().get()>{move || i18n.t(M::ChangeRole)}</button>
                </form>
                <p class="field-error" id=error_id role="alert">{move || FieldError::texts(&errors.get(), i18n.lang())}</p>
                {move || failure.get().map(|error| view! { <ErrorNote error/> })}
            </td>
            <td>
                <Confirm label=M::EndMembership question=M::EndMembershipQuestion test="end-membership"
                    on_confirm=Callback::new(move |_| { notice.set(None); failure.set(None); end.dispatch(()); })/>
            </td>
        </tr>
    }
}

/// Adding a member: the organisation found by name or city as one types (two characters or
/// more) and chosen from the list, its role, and when it joined (today when left empty).
#[component]
fn AddMemberForm(cluster_id: String, changed: Callback<M>) -> impl IntoView {
    let i18n = use_i18n();
    let search = RwSignal::new(String::new());
    let chosen = RwSignal::new(None::<(String, String)>);
    let role = RwSignal::new(ROLES[0].to_owned());
    let joined_on = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let failure = RwSignal::new(None::<ApiError>);
    let found = LocalResource::new(move || {
        let typed = search.get();
        async move {
            let text = given(typed).filter(|t| t.chars().count() >= 2)?;
            let filter = find_organisations::OrganisationFilter {
                kinds: None,
                voivodeships: None,
                sectors: None,
                text: Some(text),
                nip: None,
                regon: None,
                krs: None,
                clusters: None,
            };
            Some(api::run::<FindOrganisations>(find_organisations::Variables { filter }).await)
        }
    });
    let add = action(move |_: &()| {
        let organisation_id = chosen.get_untracked().map(|(id, _)| id).unwrap_or_default();
        let input = add_member::AddMemberInput {
            cluster_id: cluster_id.clone(),
            organisation_id,
            role: enum_value(&role.get_untracked()).unwrap_or(add_member::MembershipRole::MEMBER),
            joined_on: given(joined_on.get_untracked()),
        };
        async move {
            api::change::<AddMember>(add_member::Variables { input })
                .await
                .or_else(refused_field)
        }
    });
    Effect::new(move |_| {
        if let Some(result) = add.value().get()
            && settle(result, errors, failure)
        {
            search.set(String::new());
            chosen.set(None);
            joined_on.set(String::new());
            changed.run(M::MemberAdded);
        }
    });
    let organisation_error = move || {
        errors
            .get()
            .into_iter()
            .find(|e| e.field.ends_with("organisationId") || e.field.ends_with("clusterId"))
            .map(|e| e.text(i18n.lang()))
    };
    view! {
        <form class="form" data-test="add-member" on:submit=move |ev| {
            ev.prevent_default();
            errors.set(vec![]);
            failure.set(None);
            add.dispatch(());
        }>
            <h3>{move || i18n.t(M::AddMemberTitle)}</h3>
            <div class="field" class:has-error=move || organisation_error().is_some()>
                <label for="member-search">{move || i18n.t(M::FindMemberOrganisation)}</label>
                <p class="hint" id="member-search-hint">{move || i18n.t(M::FindOrganisationHint)}</p>
                <input id="member-search" type="search" autocomplete="off" aria-describedby="member-search-hint member-search-error"
                    aria-invalid=move || organisation_error().is_some().then_some("true")
                    prop:value=move || search.get() on:input=move |ev| search.set(event_target_value(&ev))/>
                <p class="field-error" id="member-search-error" data-test="error-organisationId" role="alert">{organisation_error}</p>
            </div>
            <div aria-live="polite">
                <Transition fallback=|| ()>
                    {move || Suspend::new(async move {
                        match found.await {
                            None => ().into_any(),
                            Some(Ok(d)) if d.organisations.nodes.is_empty() => view! { <p class="empty">{move || i18n.t(M::NoOrganisationFound)}</p> }.into_any(),
                            Some(Ok(d)) => view! {
                                <ul class="plain">
                                    {d.organisations.nodes.into_iter().map(|o| {
                                        let pick = (o.id.clone(), o.name.clone());
                                        let city = o.city.clone().map(|c| format!(" · {c}"));
                                        view! {
                                            <li data-test="member-candidate">
                                                {o.name.clone()}<span class="meta">{city}</span>" "
                                                <button type="button" class="small secondary" data-test="choose-organisation" on:click=move |_| chosen.set(Some(pick.clone()))>
                                                    {move || i18n.t(M::ChooseThis)}<span class="sr-only">{format!(" {}", o.name)}</span>
                                                </button>
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            }.into_any(),
                            Some(Err(error)) => view! { <ErrorNote error/> }.into_any(),
                        }
                    })}
                </Transition>
            </div>
            <p data-test="chosen-organisation" role="status">{move || match chosen.get() {
                Some((_, name)) => format!("{} {name}", i18n.t(M::ChosenOrganisation)),
                None => i18n.t(M::NoOrganisationChosen).to_owned(),
            }}</p>
            <div class="row">
                <Choice name="role" label=M::Role value=role errors options=ROLES.iter().map(|r| r.to_string()).collect()/>
                <PartialDateInput name="joinedOn" label=M::MemberJoinedOn value=joined_on errors/>
            </div>
            {move || failure.get().map(|error| view! { <ErrorNote error/> })}
            <button type="submit" disabled=move || add.pending().get() || chosen.with(Option::is_none)>{move || i18n.t(M::AddMember)}</button>
        </form>
    }
}
