//! A cluster's member list, on its page: today's members, or those of a day its URL names
//! (`?asOf=`), each with its membership periods; the count is what the registry has recorded.
//! The list itself is fetched with its code the first time it is shown (`#[lazy]`, its own
//! `.wasm`, as a deferred route's): it sits below the fold of a page most visitors open.

use super::as_of::{AsOfPicker, use_as_of};
use super::feedback::{ErrorNote, Loading};
use super::sources::{Source, SourceRef};
use super::table_box::TableBox;
use crate::api;
use crate::format::membership_periods;
use crate::i18n::{M, Noun, count, label, use_i18n};
use crate::queries::{ClusterMembers, cluster_members};
use crate::values::{ORGANISATION_KINDS, code, enum_value};
use leptos::lazy;
use leptos::prelude::*;
use leptos_router::components::A;

/// The member list as of the URL's day (today without one), under the count the registry has
/// recorded; a day chosen starts the list again.
#[component]
pub fn Members(slug: String) -> impl IntoView {
    let i18n = use_i18n();
    let as_of = use_as_of();
    let total = RwSignal::new(None::<i64>);
    view! {
        <section data-test="members">
            <h2>{move || i18n.t(M::Members)}</h2>
            <p data-test="recorded-members">{move || total.get().map(|t| format!("{}: {}", i18n.t(M::RecordedInRegistry), count(i18n.lang(), t, Noun::Member)))}</p>
            <AsOfPicker as_of label=M::MembersOnDay/>
            <Suspense fallback=Loading>
                {move || {
                    let list = member_list(slug.clone(), as_of.get(), total);
                    Suspend::new(send_wrapper::SendWrapper::new(list))
                }}
            </Suspense>
        </section>
    }
}

/// The member list's module, loaded when first shown.
#[lazy]
fn member_list(slug: String, day: Option<String>, total: RwSignal<Option<i64>>) -> AnyView {
    view! { <MemberList slug day total/> }.into_any()
}

/// The members on `day` (today when None): pages of 20 appended on demand, filterable by kind.
#[component]
fn MemberList(slug: String, day: Option<String>, total: RwSignal<Option<i64>>) -> impl IntoView {
    let i18n = use_i18n();
    let kind = RwSignal::new(String::new());
    let after = RwSignal::new(None::<String>);
    let rows = RwSignal::new(Vec::<cluster_members::ClusterMembersClusterMembersNodes>::new());
    let next = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<api::ApiError>);
    let page = LocalResource::new(move || {
        let slug = slug.clone();
        let as_of = day.clone();
        let kind = kind.get();
        let after = after.get();
        async move {
            api::run::<ClusterMembers>(cluster_members::Variables {
                slug,
                first: 20,
                after,
                kinds: enum_value(&kind).map(|k| vec![k]),
                as_of,
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
        <label for="member-kind">{move || i18n.t(M::FilterByKind)}</label>" "
        <select id="member-kind" on:change=on_kind>
            <option value="">{move || i18n.t(M::AllKinds)}</option>
            {ORGANISATION_KINDS.iter().map(|k| view! { <option value=*k>{move || label(i18n.lang(), k)}</option> }).collect_view()}
        </select>
        {move || error.get().map(|error| view! { <ErrorNote error/> })}
        <TableBox label=Signal::derive(move || i18n.t(M::Members).to_owned())>
            <table class="members">
                <thead><tr><th>{move || i18n.t(M::Name)}</th><th>{move || i18n.t(M::Kind)}</th><th>{move || i18n.t(M::City)}</th><th>{move || i18n.t(M::Role)}</th><th>{move || i18n.t(M::MemberPeriods)}</th></tr></thead>
                <tbody>
                    <For each=move || rows.get() key=|m| m.id.clone() let:member>
                        {
                            let org = member.organisation.clone();
                            let role = code(&member.role);
                            let periods: Vec<_> = member.periods.iter().map(|p| (p.joined_on.clone(), p.left_on.clone())).collect();
                            // The document that names the membership, cited as the page cites its other facts.
                            let source = member.source.as_ref().map(|s| Source {
                                code: s.code.clone(),
                                title: s.title.clone(),
                                publisher: s.publisher.clone(),
                                published_on: s.published_on.clone(),
                                url: s.url.clone(),
                            });
                            view! {
                                <tr data-test="member-row">
                                    <td>{org.clone().map(|o| view! { <A href=format!("/organisations/{}", o.id)>{o.name}</A> })}{source.map(|source| view! { " "<SourceRef source/> })}</td>
                                    <td>{move || org.as_ref().and_then(|o| o.kind.as_ref()).map(|k| label(i18n.lang(), &code(k)))}</td>
                                    <td>{member.organisation.as_ref().and_then(|o| o.city.clone())}</td>
                                    <td>{move || label(i18n.lang(), &role)}</td>
                                    <td data-test="member-periods">{move || membership_periods(i18n.lang(), &periods)}</td>
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
    }
}
