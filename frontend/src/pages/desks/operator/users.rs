//! The accounts: finding one by e-mail or name, disabling or enabling it, and mailing it a new
//! verification link.

use crate::account::MeInfo;
use crate::api;
use crate::components::{Confirm, ErrorNote, Loading, Report, ReportView, act};
use crate::i18n::{M, date, use_i18n};
use crate::queries::*;
use crate::values::given;
use leptos::prelude::*;

/// Accounts, newest first, or those whose e-mail or name holds the search.
#[component]
pub fn Users(me: MeInfo) -> impl IntoView {
    let i18n = use_i18n();
    let reload = RwSignal::new(0u32);
    let report = Report::new();
    let search = RwSignal::new(String::new());
    let searched = RwSignal::new(None::<String>);
    let data = LocalResource::new(move || {
        reload.get();
        let search = searched.get();
        async move { api::run::<crate::queries::Users>(users::Variables { search }).await }
    });
    let set = act(
        report,
        M::Saved,
        reload,
        |(id, disabled): &(String, bool)| {
            let input = set_account_disabled::SetAccountDisabledInput {
                user_id: id.clone(),
                disabled: *disabled,
            };
            async move {
                api::change::<SetAccountDisabled>(set_account_disabled::Variables { input }).await
            }
        },
    );
    let resend = act(report, M::LinkResentTo, reload, |id: &String| {
        let id = id.clone();
        async move {
            api::change::<ResendVerificationFor>(resend_verification_for::Variables { id }).await
        }
    });
    view! {
        <section id="users" data-test="users">
            <h2>{move || i18n.t(M::UsersTitle)}</h2>
            <form class="form" role="search" on:submit=move |ev| { ev.prevent_default(); searched.set(given(search.get_untracked())); }>
                <div class="field">
                    <label for="user-search">{move || i18n.t(M::UserSearch)}</label>
                    <input id="user-search" type="search" prop:value=move || search.get() on:input=move |ev| search.set(event_target_value(&ev))/>
                </div>
                <button type="submit">{move || i18n.t(M::Search)}</button>
            </form>
            <ReportView report/>
            <Transition fallback=Loading>
                {move || {
                    let own = me.id.clone();
                    Suspend::new(async move {
                        match data.await {
                            Ok(d) if d.users.nodes.is_empty() => view! { <p class="empty">{move || i18n.t(M::NothingFound)}</p> }.into_any(),
                            Ok(d) => view! {
                                <ul class="plain">
                                    {d.users.nodes.into_iter().map(|u| {
                                        let at = u.created_at.clone();
                                        let mine = u.id == own;
                                        let (off, on, again) = (u.id.clone(), u.id.clone(), u.id.clone());
                                        let (verified, disabled, deleted) = (u.email_verified, u.disabled_at.is_some(), u.deleted_at.is_some());
                                        let state = if deleted { M::AccountStateDeleted } else if disabled { M::AccountStateDisabled } else if !verified { M::AccountStateUnverified } else { M::AccountStateActive };
                                        view! {
                                            <li data-test="user" data-email=u.email.clone()>
                                                <strong>{u.display_name.clone()}</strong>" "<span class="wrap">{format!("<{}>", u.email)}</span>
                                                <span class="meta">{move || format!(" · {}", date(i18n.lang(), &at))}
                                                    {u.is_operator.then(|| view! { " · " {move || i18n.t(M::RoleOperator)} })}</span>
                                                " "<span class="badge" data-test="account-state">{move || i18n.t(state)}</span>
                                                <ul class="plain meta" data-test="user-roles">{u.roles.iter().map(|r| {
                                                    let (what, whom) = match (&r.cluster, &r.organisation) {
                                                        (Some(c), _) => (M::RoleCoordinatorOf, c.name.clone()),
                                                        (None, Some(o)) => (M::RoleMemberOf, o.name.clone()),
                                                        (None, None) => (M::RoleMemberOf, String::new()),
                                                    };
                                                    view! { <li>{move || i18n.t(what)}" "{whom}</li> }
                                                }).collect_view()}</ul>
                                                {(!mine && !deleted).then(|| view! {
                                                    <div class="actions">
                                                        {if disabled {
                                                            view! { <Confirm label=M::Enable question=M::EnableQuestion test="enable" mild=true undoable=true
                                                                on_confirm=Callback::new(move |_| { report.clear(); set.dispatch((on.clone(), false)); })/> }.into_any()
                                                        } else {
                                                            view! { <Confirm label=M::Disable question=M::DisableQuestion test="disable" undoable=true
                                                                on_confirm=Callback::new(move |_| { report.clear(); set.dispatch((off.clone(), true)); })/> }.into_any()
                                                        }}
                                                        {(!verified && !disabled).then(|| view! {
                                                            <button type="button" class="small secondary" data-test="resend-verification-for" on:click=move |_| { report.clear(); resend.dispatch(again.clone()); }>{move || i18n.t(M::ResendLink)}</button>
                                                        })}
                                                    </div>
                                                })}
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            }.into_any(),
                            Err(error) => view! { <ErrorNote error/> }.into_any(),
                        }
                    })
                }}
            </Transition>
        </section>
    }
}
