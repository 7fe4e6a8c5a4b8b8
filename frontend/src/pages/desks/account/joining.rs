//! The account's roles, asking to act for an organisation (or registering a new one), and the
//! requests it made, with where each stands.

use crate::account::{MeInfo, use_me};
use crate::api::{self, renamed};
use crate::components::{
    Choice, Confirm, ErrorNote, Field, Form, Loading, Report, ReportView, act, action,
};
use crate::i18n::{M, date, label, use_i18n};
use crate::queries::*;
use crate::values::{ORGANISATION_KINDS, code, enum_value, given};
use leptos::prelude::*;
use leptos_router::components::A;

/// The roles the account holds; one may stop acting for an organisation.
#[component]
pub fn Roles(me: MeInfo) -> impl IntoView {
    let i18n = use_i18n();
    let account = use_me();
    let report = Report::new();
    let reload = RwSignal::new(0u32);
    Effect::new(move |seen: Option<()>| {
        reload.track();
        if seen.is_some() {
            account.refetch();
        }
    });
    let give_up = act(report, M::RoleGivenUp, reload, |id: &String| {
        let id = id.clone();
        async move { api::change::<RevokeRole>(revoke_role::Variables { id }).await }
    });
    let none = me.roles.is_empty() && !me.is_operator;
    view! {
        <section data-test="my-roles">
            <h2>{move || i18n.t(M::MyRolesTitle)}</h2>
            <ReportView report/>
            {none.then(|| view! { <p class="empty">{move || i18n.t(M::NoRoles)}</p> })}
            <ul class="plain">
                {me.is_operator.then(|| view! { <li><A href="/operator">{move || i18n.t(M::RoleOperator)}</A></li> })}
                {me.roles.into_iter().map(|r| match (r.cluster, r.organisation) {
                    (Some((_, slug, name)), _) => view! {
                        <li>{move || i18n.t(M::RoleCoordinatorOf)}" "<A href=format!("/clusters/{slug}")>{name}</A>
                            " · "<A href="/coordinator">{move || i18n.t(M::NavCoordinator)}</A></li>
                    }.into_any(),
                    (None, Some((id, name))) => view! {
                        <li>{move || i18n.t(M::RoleMemberOf)}" "<A href=format!("/organisations/{id}")>{name}</A>
                            " · "<A href="/my-organisation">{move || i18n.t(M::NavMyOrganisation)}</A>" "
                            <Confirm label=M::StopActing question=M::StopActingQuestion
                                on_confirm=Callback::new(move |_| { report.clear(); give_up.dispatch(r.id.clone()); })/>
                        </li>
                    }.into_any(),
                    _ => ().into_any(),
                }).collect_view()}
            </ul>
        </section>
    }
}

/// Finding one's organisation and asking to act for it, or registering a new one.
#[component]
pub fn ActForOrganisation(requests: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let search = RwSignal::new(String::new());
    let searched = RwSignal::new(None::<String>);
    let message = RwSignal::new(String::new());
    let report = Report::new();
    let found = LocalResource::new(move || {
        let text = searched.get();
        async move {
            let text = text?;
            let (nip, regon, krs) = identifier(&text);
            let filter = find_organisations::OrganisationFilter {
                kinds: None,
                voivodeships: None,
                sectors: None,
                text: (nip.is_none() && regon.is_none() && krs.is_none()).then(|| text.clone()),
                nip,
                regon,
                krs,
                clusters: None,
            };
            Some(api::run::<FindOrganisations>(find_organisations::Variables { filter }).await)
        }
    });
    let ask = act(report, M::RequestSent, requests, move |id: &String| {
        let input = request_to_act::RequestToActInput {
            organisation_id: id.clone(),
            message: given(message.get_untracked()),
        };
        async move {
            // Acting for it already is worded as such, not as the organisation field's rule.
            api::change::<RequestToAct>(request_to_act::Variables { input })
                .await
                .map(|(written, errors)| (written, renamed(errors, "organisationId", "actFor")))
        }
    });
    view! {
        <section id="organisation" data-test="act-for">
            <h2>{move || i18n.t(M::ActForTitle)}</h2>
            <p class="meta">{move || i18n.t(M::ActForLead)}</p>
            <form class="form" role="search" on:submit=move |ev| {
                ev.prevent_default();
                report.clear();
                searched.set(given(search.get_untracked()));
            }>
                <div class="field">
                    <label for="find-organisation">{move || i18n.t(M::FindOrganisation)}</label>
                    <input id="find-organisation" type="search" prop:value=move || search.get() on:input=move |ev| search.set(event_target_value(&ev))/>
                </div>
                <button type="submit">{move || i18n.t(M::Search)}</button>
            </form>
            <ReportView report/>
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match found.await {
                        None => ().into_any(),
                        Some(Ok(d)) if d.organisations.nodes.is_empty() => view! { <p class="empty">{move || i18n.t(M::NothingFound)}</p> }.into_any(),
                        Some(Ok(d)) => view! {
                            <div class="field">
                                <label for="act-message">{move || i18n.t(M::MessageToDecider)}</label>
                                <textarea id="act-message" prop:value=move || message.get() on:input=move |ev| message.set(event_target_value(&ev))></textarea>
                            </div>
                            <ul class="plain">
                                {d.organisations.nodes.into_iter().map(|o| {
                                    let ids = [("NIP", o.nip.clone()), ("REGON", o.regon.clone()), ("KRS", o.krs.clone())]
                                        .into_iter()
                                        .filter_map(|(k, v)| v.map(|v| format!("{k} {v}")))
                                        .chain(o.city.clone())
                                        .collect::<Vec<_>>()
                                        .join(" · ");
                                    let id = o.id.clone();
                                    view! {
                                        <li data-test="found-organisation">
                                            <A href=format!("/organisations/{}", o.id)>{o.name.clone()}</A>" "<span class="meta">{ids}</span>" "
                                            <button type="button" class="small" data-test="ask-to-act" on:click=move |_| { report.clear(); ask.dispatch(id.clone()); }>{move || i18n.t(M::AskToAct)}</button>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                        Some(Err(error)) => view! { <ErrorNote error/> }.into_any(),
                    }
                })}
            </Transition>
            <RegisterOrganisation/>
        </section>
    }
}

/// Registering an organisation the registry does not hold; the account acts for it and
/// manages it at once.
#[component]
fn RegisterOrganisation() -> impl IntoView {
    let i18n = use_i18n();
    let me = use_me();
    let open = RwSignal::new(false);
    let report = Report::new();
    let errors = report.errors;
    let [name, kind, nip, regon, krs, city, postal_code, website] =
        std::array::from_fn(|_| RwSignal::new(String::new()));
    let register = action(move |_: &()| {
        let text = |s: RwSignal<String>| given(s.get_untracked());
        let input = register_organisation::OrganisationFieldsInput {
            name: text(name),
            kind: enum_value(&kind.get_untracked()),
            nip: text(nip),
            regon: text(regon),
            krs: text(krs),
            voivodeship: None,
            city: text(city),
            address: None,
            postal_code: text(postal_code),
            phone: None,
            email: None,
            website: text(website),
            description: None,
            sectors: None,
        };
        async move {
            api::change::<RegisterOrganisation>(register_organisation::Variables { input }).await
        }
    });
    let navigate = leptos_router::hooks::use_navigate();
    let on_done = Callback::new(move |_| {
        me.refetch();
        navigate("/my-organisation", Default::default());
    });
    view! {
        <h3>{move || i18n.t(M::RegisterOrganisationTitle)}</h3>
        <Show when=move || open.get() fallback=move || view! {
            <p><button type="button" class="secondary" data-test="open-register" on:click=move |_| open.set(true)>{move || i18n.t(M::NotInRegistry)}</button></p>
        }>
            <Form action=register report submit=M::RegisterOrganisation done=M::OrganisationRegistered on_done test="register-form"
                fields=&["name", "kind", "nip", "regon", "krs", "city", "postalCode", "website"]>
                <Field name="name" label=M::Name value=name errors/>
                <Choice name="kind" label=M::Kind value=kind errors options=ORGANISATION_KINDS.map(String::from).to_vec() blank=true/>
                <div class="row">
                    <Field name="nip" label=M::Nip value=nip errors/>
                    <Field name="regon" label=M::Regon value=regon errors/>
                    <Field name="krs" label=M::Krs value=krs errors/>
                </div>
                <div class="row">
                    <Field name="city" label=M::City value=city errors/>
                    <Field name="postalCode" label=M::PostalCode value=postal_code errors/>
                    <Field name="website" label=M::Website value=website errors kind="url"/>
                </div>
            </Form>
        </Show>
    }
}

/// The account's own requests, newest first, with where each stands; a waiting one may be
/// taken back.
#[component]
pub fn MyRequests(reload: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let report = Report::new();
    let data = LocalResource::new(move || {
        reload.get();
        api::run::<AccessRequests>(access_requests::Variables {
            scope: access_requests::AccessRequestScope::MINE,
        })
    });
    let withdraw = act(report, M::Withdrawn, reload, |id: &String| {
        let id = id.clone();
        async move {
            api::change::<WithdrawAccessRequest>(withdraw_access_request::Variables { id }).await
        }
    });
    view! {
        <section data-test="my-requests">
            <h2>{move || i18n.t(M::MyRequestsTitle)}</h2>
            <ReportView report/>
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(d) if d.access_requests.nodes.is_empty() => view! { <p class="empty">{move || i18n.t(M::NoRequests)}</p> }.into_any(),
                        Ok(d) => view! {
                            <ul class="plain">
                                {d.access_requests.nodes.into_iter().map(|r| {
                                    let kind = code(&r.kind);
                                    let status = code(&r.status);
                                    let decider = code(&r.decider);
                                    let waiting = status == "PENDING";
                                    let target = r.organisation.as_ref().map(|o| o.name.clone())
                                        .or_else(|| r.cluster.as_ref().map(|c| c.name.clone()))
                                        .unwrap_or_default();
                                    let at = r.created_at.clone();
                                    let id = r.id.clone();
                                    view! {
                                        <li data-test="my-request" data-status=code(&r.status)>
                                            {move || label(i18n.lang(), &kind)}": "<strong>{target}</strong>
                                            " · "<span class="meta">{move || date(i18n.lang(), &at)}</span>
                                            " · "<span class="badge">{move || label(i18n.lang(), &status)}</span>
                                            {waiting.then(|| view! {
                                                <span class="meta">" · "{move || i18n.t(M::DecidedBy)}" "{move || label(i18n.lang(), &decider)}" "</span>
                                                <button type="button" class="small secondary" data-test="withdraw" on:click=move |_| { report.clear(); withdraw.dispatch(id.clone()); }>{move || i18n.t(M::Withdraw)}</button>
                                            })}
                                            {r.reason.clone().map(|why| view! { <blockquote>{why}</blockquote> })}
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(error) => view! { <ErrorNote error/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

/// What a search for an organisation names: digits only (spaces, dashes and a PL prefix
/// aside) are a NIP (ten, with a matching check digit), a KRS number (ten others) or a REGON
/// (nine or fourteen); anything else is a name or a city.
fn identifier(text: &str) -> (Option<String>, Option<String>, Option<String>) {
    let digits: String = text
        .trim()
        .trim_start_matches("PL")
        .chars()
        .filter(|c| !matches!(c, ' ' | '-'))
        .collect();
    let numbers: Vec<u32> = digits.chars().filter_map(|c| c.to_digit(10)).collect();
    if numbers.len() != digits.len() {
        return (None, None, None);
    }
    match numbers.len() {
        10 => {
            let sum: u32 = [6, 5, 7, 2, 3, 4, 5, 6, 7]
                .iter()
                .zip(&numbers)
                .map(|(w, d)| w * d)
                .sum();
            if sum % 11 == numbers[9] {
                (Some(digits), None, None)
            } else {
                (None, None, Some(digits))
            }
        }
        9 | 14 => (None, Some(digits), None),
        _ => (None, None, None),
    }
}

#[cfg(test)]
mod tests {
    use super::identifier;

    #[test]
    fn a_search_for_digits_names_the_identifier_they_are() {
        let some = |s: &str| Some(s.to_owned());
        assert_eq!(
            identifier("PL 526-025-09-95"),
            (some("5260250995"), None, None)
        );
        assert_eq!(identifier("0000123456"), (None, None, some("0000123456")));
        assert_eq!(identifier("012345678"), (None, some("012345678"), None));
        assert_eq!(identifier("Politechnika 2"), (None, None, None));
    }
}
