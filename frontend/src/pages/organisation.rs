//! An organisation's page with the clusters it belongs to; signed-in readers may follow it.

use crate::api;
use crate::components::{ErrorNote, FollowButton, FollowOf, Inferred, Loading, StatusBadge, title};
use crate::format::{excerpt, sector_name};
use crate::i18n::{Lang, M, date, label, use_i18n};
use crate::pages::not_found::{NotFound, is_missing};
use crate::queries::{OrganisationPage as OrganisationQuery, organisation_page};
use crate::values::code;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

/// An organisation's page, by global ID.
#[component]
pub fn OrganisationPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    let name = RwSignal::new(String::new());
    let about = RwSignal::new(None::<String>);
    title(
        move || {
            let n = name.get();
            if n.is_empty() {
                i18n.t(M::Organisation).to_owned()
            } else {
                n
            }
        },
        move || match about.get().filter(|d| !d.trim().is_empty()) {
            Some(text) => excerpt(&text, 160),
            None => format!("{}{}", name.get(), i18n.t(M::DescOrganisationAfterName)),
        },
    );
    let data = LocalResource::new(move || {
        let id = id.get();
        async move { api::run::<OrganisationQuery>(organisation_page::Variables { id }).await }
    });
    view! {
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(organisation_page::ResponseData { organisation: Some(o) }) => {
                        name.set(o.name.clone());
                        about.set(o.description.clone());
                        let kind = o.kind.as_ref().map(code);
                        let kind_rule = o.kind_inferred_by.clone();
                        let facts = [
                            (M::Nip, o.nip.clone()), (M::Regon, o.regon.clone()), (M::Krs, o.krs.clone()),
                            (M::Address, Some([o.address.clone(), o.postal_code.clone(), o.city.clone()].into_iter().flatten().collect::<Vec<_>>().join(", ")).filter(|a| !a.is_empty())),
                            (M::Phone, o.phone.clone()), (M::Website, o.website.clone()),
                        ].into_iter().filter_map(|(m, v)| v.map(|v| view! { <dt>{move || i18n.t(m)}</dt><dd>{v}</dd> })).collect_view();
                        let sectors = o.sectors.clone();
                        // Only an active membership makes the organisation a member; applications
                        // and memberships that ended are listed apart, each with where it stands.
                        let (memberships, others): (Vec<_>, Vec<_>) = o.memberships.iter().cloned()
                            .partition(|m| code(&m.status) == "ACTIVE");
                        let empty = memberships.is_empty();
                        view! {
                            <article data-test="organisation-page">
                                <h1>{o.name.clone()}</h1>
                                <FollowButton of=FollowOf::Organisation(o.id.clone())/>
                                <p class="meta"><span data-test="organisation-kind">{move || kind.as_deref().map(|k| view! { <Inferred text=label(i18n.lang(), k) inferred_by=kind_rule.clone()/> })}</span>{o.voivodeship.as_ref().map(|v| format!(" · {}", v.name))}</p>
                                {o.description.clone().map(|d| view! { <p class="description">{d}</p> })}
                                <dl class="facts">
                                    {facts}
                                    {(!sectors.is_empty()).then(|| view! {
                                        <dt>{move || i18n.t(M::Sectors)}</dt>
                                        <dd>{move || sectors.iter().map(|s| sector_name(i18n.lang(), &s.name_pl, &s.name_en)).collect::<Vec<_>>().join(", ")}</dd>
                                    })}
                                </dl>
                                <h2>{move || i18n.t(M::MemberOf)}</h2>
                                {empty.then(|| view! { <p class="empty">{move || i18n.t(M::NoClusters)}</p> })}
                                <ul class="plain" data-test="memberships">
                                    {memberships.into_iter().filter_map(membership_item).collect_view()}
                                </ul>
                                {(!others.is_empty()).then(|| view! {
                                    <h2>{move || i18n.t(M::OtherMemberships)}</h2>
                                    <ul class="plain" data-test="other-memberships">
                                        {others.into_iter().filter_map(membership_item).collect_view()}
                                    </ul>
                                })}
                            </article>
                        }.into_any()
                    }
                    Ok(_) => view! { <NotFound/> }.into_any(),
                    Err(error) if is_missing(&error) => view! { <NotFound/> }.into_any(),
                    Err(error) => view! { <ErrorNote error/> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// What a membership's state is called on the organisation's page: its role while active, else
/// the application's or the membership's state (an application waiting is not a membership).
fn membership_state(status: &str, role: &str, lang: Lang) -> String {
    match status {
        "ACTIVE" => label(lang, role),
        "PENDING" => M::MembershipStatePending.text(lang).to_owned(),
        "REJECTED" => M::MembershipStateRejected.text(lang).to_owned(),
        "LEFT" => M::MembershipStateLeft.text(lang).to_owned(),
        other => label(lang, other),
    }
}

/// One membership: the cluster, where the membership stands, when it began and the cluster's
/// KKK status; nothing when the cluster is not readable.
fn membership_item(
    m: organisation_page::OrganisationPageOrganisationMemberships,
) -> Option<impl IntoView> {
    let i18n = use_i18n();
    let cluster = m.cluster?;
    let (status, role) = (code(&m.status), code(&m.role));
    let active = status == "ACTIVE";
    let joined = m.joined_on.clone().filter(|_| active);
    let state = {
        let status = status.clone();
        move || membership_state(&status, &role, i18n.lang())
    };
    Some(view! {
        <li data-test="membership" data-status=status>
            <A href=format!("/clusters/{}", cluster.slug)>{cluster.name.clone()}</A>
            " · "<span class="meta" data-test="membership-state">{state}</span>
            {joined.map(|j| view! { " · "<span class="meta">{move || format!("{} {}", i18n.t(M::Joined), date(i18n.lang(), &j))}</span> })}
            {cluster.kkk_status.as_ref().map(|s| view! { " "<span class="badge-label">"KKK"</span><StatusBadge status=code(s)/> })}
        </li>
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_application_is_not_called_a_membership() {
        assert_eq!(membership_state("ACTIVE", "MEMBER", Lang::Pl), "członek");
        assert_eq!(
            membership_state("PENDING", "MEMBER", Lang::Pl),
            "wniosek oczekuje"
        );
        assert_eq!(
            membership_state("PENDING", "MEMBER", Lang::En),
            "application pending"
        );
        assert_eq!(
            membership_state("LEFT", "MEMBER", Lang::En),
            "has left the cluster"
        );
    }
}
