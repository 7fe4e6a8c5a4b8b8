//! The account's notification settings: how each kind is mailed (at once, daily, weekly, not
//! at all), what it follows and the searches it saved, each of which it may drop.

use crate::api::{self, ApiError, FieldError};
use crate::components::{ErrorNote, Loading, Report, ReportView, act, action};
use crate::format::sector_name;
use crate::i18n::{M, date, label, use_i18n};
use crate::queries::*;
use crate::values::{enum_value, items, text, text_at};
use leptos::prelude::*;
use leptos_router::components::A;

/// How a kind may be mailed, in the order the choice offers them.
const FREQUENCIES: [&str; 4] = ["IMMEDIATE", "DAILY", "WEEKLY", "NONE"];

/// The section of "my account" with the notification settings.
#[component]
pub fn NotificationSettings() -> impl IntoView {
    let i18n = use_i18n();
    let data = LocalResource::new(move || {
        api::read::<crate::queries::NotificationSettings>(notification_settings::Variables {})
    });
    view! {
        <section id="notifications" data-test="notification-settings">
            <h2>{move || i18n.t(M::NotificationSettingsTitle)}</h2>
            <p class="meta">{move || i18n.t(M::NotificationSettingsLead)}</p>
            <h3>{move || i18n.t(M::EmailFrequencyTitle)}</h3>
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(d) => {
                            let voivodeships: Vec<(String, String)> = items(&d, "voivodeships").iter().map(|v| (text(v, "code"), text(v, "name"))).collect();
                            let sectors: Vec<(String, String, String)> = items(&d, "sectors").iter().map(|s| (text(s, "code"), text(s, "namePl"), text(s, "nameEn"))).collect();
                            let searches: Vec<SavedSearch> = items(&d, "savedSearches").iter().map(|s| SavedSearch {
                                id: text(s, "id"), name: text(s, "name"), scope: text(s, "scope"), created_at: text(s, "createdAt"),
                            }).collect();
                            view! {
                                <ul class="plain preferences">
                                    {items(&d, "notificationPreferences").iter().map(|p| view! {
                                        <Preference kind=text(p, "kind") email=text(p, "email") is_default=p["isDefault"].as_bool().unwrap_or(false)/>
                                    }).collect_view()}
                                </ul>
                                <Follows voivodeships sectors/>
                                <SavedSearches searches/>
                            }.into_any()
                        }
                        Err(error) => view! { <ErrorNote error/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

/// One kind's choice; saved as soon as it changes, and said so beside it.
#[component]
fn Preference(kind: String, email: String, is_default: bool) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("preference-{}", kind.to_lowercase());
    let chosen = RwSignal::new(email);
    let is_default = RwSignal::new(is_default);
    let saved = RwSignal::new(false);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let failure = RwSignal::new(None::<ApiError>);
    let save_kind = kind.clone();
    let save = action(move |email: &String| {
        let variables = set_notification_preference::Variables {
            kind: enum_value(&save_kind).unwrap_or(
                set_notification_preference::NotificationKind::Other(save_kind.clone()),
            ),
            email: enum_value(email).unwrap_or(set_notification_preference::EmailFrequency::Other(
                email.clone(),
            )),
        };
        async move { api::change::<SetNotificationPreference>(variables).await }
    });
    Effect::new(move |_| match save.value().get() {
        Some(Ok((true, _))) => {
            errors.set(vec![]);
            is_default.set(false);
            saved.set(true);
        }
        Some(Ok((false, refused))) => errors.set(refused),
        Some(Err(error)) => failure.set(Some(error)),
        None => {}
    });
    let options = FREQUENCIES
        .into_iter()
        .map(|f| {
            view! { <option value=f selected=move || chosen.get() == f>{move || label(i18n.lang(), f)}</option> }
        })
        .collect_view();
    let status_id = format!("{id}-status");
    view! {
        <li class="preference" data-test="preference" data-kind=kind.clone()>
            <label for=id.clone()>{let kind = kind.clone(); move || label(i18n.lang(), &kind)}</label>
            <select id=id aria-describedby=status_id.clone() on:change=move |ev| {
                let email = event_target_value(&ev);
                chosen.set(email.clone());
                saved.set(false);
                failure.set(None);
                save.dispatch(email);
            }>{options}</select>
            <span id=status_id class="meta" role="status">
                {move || saved.get().then(|| view! { <span class="ok" data-test="preference-saved">{move || i18n.t(M::Saved)}</span> })}
                {move || (is_default.get() && !saved.get()).then(|| i18n.t(M::DefaultSetting))}
            </span>
            <span class="error" role="alert">{move || FieldError::texts(&errors.get(), i18n.lang())}</span>
            {move || failure.get().map(|error| view! { <ErrorNote error/> })}
        </li>
    }
}

/// What the account follows, each with a button that stops following it.
#[component]
fn Follows(
    voivodeships: Vec<(String, String)>,
    sectors: Vec<(String, String, String)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let report = Report::new();
    let reload = RwSignal::new(0u32);
    let data = LocalResource::new(move || {
        reload.track();
        api::read::<crate::queries::Follows>(follows::Variables {})
    });
    let unfollow = act(report, M::Unfollowed, reload, |follow_id: &String| {
        let follow_id = follow_id.clone();
        async move { api::change::<Unfollow>(unfollow::Variables { follow_id }).await }
    });
    let voivodeships = StoredValue::new(voivodeships);
    let sectors = StoredValue::new(sectors);
    view! {
        <h3>{move || i18n.t(M::FollowsTitle)}</h3>
        <ReportView report/>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) if items(&d, "follows").is_empty() => view! { <p class="empty">{move || i18n.t(M::NoFollows)}</p> }.into_any(),
                    Ok(d) => view! {
                        <ul class="plain" data-test="follows">
                            {items(&d, "follows").iter().map(|f| {
                                let target = text(f, "target");
                                let (cluster, organisation) = (&f["cluster"], &f["organisation"]);
                                let what = if !cluster.is_null() {
                                    let (href, name) = (format!("/clusters/{}", text(cluster, "slug")), text(cluster, "name"));
                                    view! { <A href=href>{name}</A> }.into_any()
                                } else if !organisation.is_null() {
                                    let (href, name) = (format!("/organisations/{}", text(organisation, "id")), text(organisation, "name"));
                                    view! { <A href=href>{name}</A> }.into_any()
                                } else {
                                    {
                                        let sector = text_at(f, "sector");
                                        let voivodeship = text_at(f, "voivodeship");
                                        let board = move || {
                                            let lang = i18n.lang();
                                            let mut parts = vec![];
                                            if let Some(s) = &sector {
                                                parts.push(sectors.with_value(|all| all.iter().find(|(c, _, _)| c == s).map(|(_, pl, en)| sector_name(lang, pl, en)).unwrap_or_else(|| s.clone())));
                                            }
                                            if let Some(v) = &voivodeship {
                                                parts.push(voivodeships.with_value(|all| all.iter().find(|(c, _)| c == v).map(|(_, name)| name.clone()).unwrap_or_else(|| v.clone())));
                                            }
                                            parts.join(" · ")
                                        };
                                        view! { <A href="/cooperation">{board}</A> }.into_any()
                                    }
                                };
                                let id = text(f, "id");
                                view! {
                                    <li data-test="follow-entry">
                                        <span class="meta">{move || label(i18n.lang(), &target)}": "</span>{what}" "
                                        <button type="button" class="small secondary" data-test="unfollow"
                                            on:click=move |_| { report.clear(); unfollow.dispatch(id.clone()); }>{move || i18n.t(M::Unfollow)}</button>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(error) => view! { <ErrorNote error/> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// A saved search as the list shows it.
#[derive(Debug, Clone, PartialEq)]
struct SavedSearch {
    id: String,
    name: String,
    scope: String,
    created_at: String,
}

/// The searches the account saved, each with a button that deletes it.
#[component]
fn SavedSearches(searches: Vec<SavedSearch>) -> impl IntoView {
    let i18n = use_i18n();
    let report = Report::new();
    let list = RwSignal::new(searches);
    let delete = action(move |saved_search_id: &String| {
        let saved_search_id = saved_search_id.clone();
        async move {
            let variables = delete_saved_search::Variables {
                saved_search_id: saved_search_id.clone(),
            };
            let outcome = api::change::<DeleteSavedSearch>(variables).await;
            if let Ok((true, _)) = outcome {
                list.update(|all| all.retain(|s| s.id != saved_search_id));
            }
            outcome
        }
    });
    Effect::new(move |_| {
        if let Some(result) = delete.value().get() {
            report.settle(result, Some(M::SavedSearchDeleted));
        }
    });
    view! {
        <h3>{move || i18n.t(M::SavedSearchesTitle)}</h3>
        <ReportView report/>
        {move || list.with(Vec::is_empty).then(|| view! { <p class="empty">{move || i18n.t(M::NoSavedSearches)}</p> })}
        <ul class="plain" data-test="saved-searches">
            {move || list.get().into_iter().map(|s| {
                let scope = s.scope.clone();
                let created = s.created_at.clone();
                let id = s.id.clone();
                view! {
                    <li data-test="saved-search">
                        <strong>{s.name.clone()}</strong>" · "
                        <span class="meta">{move || format!("{} · {}", label(i18n.lang(), &scope), date(i18n.lang(), &created))}</span>" "
                        <button type="button" class="small secondary" data-test="delete-saved-search"
                            on:click=move |_| { report.clear(); delete.dispatch(id.clone()); }>{move || i18n.t(M::Delete)}</button>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}
