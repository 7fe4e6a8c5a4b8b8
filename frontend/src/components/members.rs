//! A cluster's member list, on its page and on the coordinator's desk.

use super::feedback::ErrorNote;
use super::table_box::TableBox;
use crate::api;
use crate::i18n::{M, label, number, use_i18n};
use crate::queries::{ClusterMembers, cluster_members};
use crate::values::{ORGANISATION_KINDS, code, enum_value};
use leptos::prelude::*;
use leptos_router::components::A;

/// The member list: pages of 20 appended on demand, filterable by kind.
#[component]
pub fn Members(slug: String) -> impl IntoView {
    let i18n = use_i18n();
    let kind = RwSignal::new(String::new());
    let after = RwSignal::new(None::<String>);
    let rows = RwSignal::new(Vec::<cluster_members::ClusterMembersClusterMembersNodes>::new());
    let total = RwSignal::new(None::<i64>);
    let next = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<api::ApiError>);
    let page = LocalResource::new(move || {
        let slug = slug.clone();
        let kind = kind.get();
        let after = after.get();
        async move {
            api::run::<ClusterMembers>(cluster_members::Variables {
                slug,
                first: 20,
                after,
                kinds: enum_value(&kind).map(|k| vec![k]),
            })
            .await
        }
    });
    Effect::new(move |_| {
        if let Some(result) = page.get() {
            match result {
                Ok(data) => {
                    if let Some(cluster) = data.cluster {
                        let members = cluster.members;
                        total.set(Some(members.total_count));
                        next.set(
                            members
                                .page_info
                                .has_next_page
                                .then_some(members.page_info.end_cursor)
                                .flatten(),
                        );
                        let appending = after.get_untracked().is_some();
                        rows.update(|r| {
                            if !appending {
                                r.clear();
                            }
                            r.extend(members.nodes);
                        });
                    }
                }
                Err(e) => error.set(Some(e)),
            }
        }
    });
    let on_kind = move |ev| {
        after.set(None);
        kind.set(event_target_value(&ev));
    };
    view! {
        <section data-test="members">
            <h2>{move || i18n.t(M::Members)}{move || total.get().map(|t| format!(" ({})", number(i18n.lang(), t)))}</h2>
            <label for="member-kind">{move || i18n.t(M::FilterByKind)}</label>" "
            <select id="member-kind" on:change=on_kind>
                <option value="">{move || i18n.t(M::AllKinds)}</option>
                {ORGANISATION_KINDS.iter().map(|k| view! { <option value=*k>{move || label(i18n.lang(), k)}</option> }).collect_view()}
            </select>
            {move || error.get().map(|error| view! { <ErrorNote error/> })}
            <TableBox label=Signal::derive(move || i18n.t(M::Members).to_owned())>
                <table class="members">
                    <thead><tr><th>{move || i18n.t(M::Name)}</th><th>{move || i18n.t(M::Kind)}</th><th>{move || i18n.t(M::City)}</th><th>{move || i18n.t(M::Role)}</th></tr></thead>
                    <tbody>
                        <For each=move || rows.get() key=|m| m.id.clone() let:member>
                            {
                                let org = member.organisation.clone();
                                let role = code(&member.role);
                                view! {
                                    <tr data-test="member-row">
                                        <td>{org.clone().map(|o| view! { <A href=format!("/organisations/{}", o.id)>{o.name}</A> })}</td>
                                        <td>{move || org.as_ref().and_then(|o| o.kind.as_ref()).map(|k| label(i18n.lang(), &code(k)))}</td>
                                        <td>{member.organisation.as_ref().and_then(|o| o.city.clone())}</td>
                                        <td>{move || label(i18n.lang(), &role)}</td>
                                    </tr>
                                }
                            }
                        </For>
                    </tbody>
                </table>
            </TableBox>
            {move || next.get().map(|cursor| view! {
                <button type="button" on:click=move |_| after.set(Some(cursor.clone()))>{move || i18n.t(M::MoreMembers)}</button>
            })}
        </section>
    }
}
