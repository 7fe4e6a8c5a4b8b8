//! The cluster's events and projects on the coordinator's desk: each listed, to edit in place
//! or delete after a confirmation, with the form that adds one under its list.
//!
//! Every field the form shows is sent, so emptying one clears it (a date as null,
//! `api::update`).

use super::super::{refused_field, settle};
use super::activities::{ActivityFields, AddActivityForm, Fields, second_and_third};
use crate::api::{self, ApiError, FieldError};
use crate::components::{Confirm, ErrorNote, Loading, action};
use crate::format::period;
use crate::i18n::{M, use_i18n};
use crate::queries::*;
use crate::values::{given, items, text, text_at};
use leptos::prelude::*;
use serde_json::Value;

/// The events and the projects, each section with its list and its form for adding one. One
/// query reads both; a change reloads it (`reload`), and what the change came to stays above
/// the list it changed (`notice`), since the row itself is drawn anew.
#[component]
pub fn ActivitiesPanel(cluster_id: String) -> impl IntoView {
    let i18n = use_i18n();
    let reload = RwSignal::new(0u32);
    let event_notice = RwSignal::new(None::<M>);
    let project_notice = RwSignal::new(None::<M>);
    let id = cluster_id.clone();
    let data = LocalResource::new(move || {
        reload.get();
        let id = id.clone();
        async move { api::read::<CoordinatorActivities>(coordinator_activities::Variables { id }).await }
    });
    let list = move |events: bool| {
        Suspend::new(async move {
            match data.await {
                Ok(d) => {
                    let key = if events { "events" } else { "projects" };
                    let rows = items(&d["cluster"], key).to_vec();
                    if rows.is_empty() {
                        let empty = if events {
                            M::NoDeskEvents
                        } else {
                            M::NoProjects
                        };
                        return view! { <p class="empty">{move || i18n.t(empty)}</p> }.into_any();
                    }
                    let notice = if events { event_notice } else { project_notice };
                    view! {
                        <ul class="plain">
                            {rows.into_iter().map(|row| view! { <Activity row events reload notice/> }).collect_view()}
                        </ul>
                    }
                    .into_any()
                }
                Err(error) => view! { <ErrorNote error/> }.into_any(),
            }
        })
    };
    let shown = |notice: RwSignal<Option<M>>, test: &'static str| {
        move || {
            notice.get().map(
                |m| view! { <p class="ok" role="status" data-test=test>{move || i18n.t(m)}</p> },
            )
        }
    };
    view! {
        <section data-test="desk-events">
            <h2>{move || i18n.t(M::DeskEventsTitle)}</h2>
            {shown(event_notice, "events-notice")}
            <Transition fallback=Loading>{move || list(true)}</Transition>
            <AddActivityForm cluster_id=cluster_id.clone() reload events=true/>
        </section>
        <section data-test="desk-projects">
            <h2>{move || i18n.t(M::ProjectsTitle)}</h2>
            {shown(project_notice, "projects-notice")}
            <Transition fallback=Loading>{move || list(false)}</Transition>
            <AddActivityForm cluster_id reload events=false/>
        </section>
    }
}

/// The dates of an event's or a project's form: left empty, they are sent as null to clear them.
const DATES: &[&str] = &["startsOn", "endsOn"];

/// Sends an event's or a project's changes: every field the form shows, an empty one cleared.
async fn update(
    events: bool,
    id: String,
    version: i64,
    f: Fields,
) -> Result<(bool, Vec<FieldError>), ApiError> {
    let name = Some(f.name.get_untracked());
    let starts_on = given(f.starts_on.get_untracked());
    let ends_on = given(f.ends_on.get_untracked());
    let (second, third) = (
        Some(f.second.get_untracked()),
        Some(f.third.get_untracked()),
    );
    let result = if events {
        let input = update_event::UpdateEventInput {
            id,
            version,
            name,
            description: third,
            starts_on,
            ends_on,
            location: second,
        };
        api::update::<UpdateEvent>(update_event::Variables { input }, DATES).await
    } else {
        let input = update_project::UpdateProjectInput {
            id,
            version,
            name,
            acronym: second,
            programme: third,
            description: None,
            budget_amount: None,
            budget_currency: None,
            starts_on,
            ends_on,
            role: None,
            partners: None,
        };
        api::update::<UpdateProject>(update_project::Variables { input }, DATES).await
    };
    result.or_else(refused_field)
}

/// One event or project: what it is and when, "edit" (its form in its place) and "delete"
/// (after asking).
#[component]
fn Activity(
    row: Value,
    events: bool,
    reload: RwSignal<u32>,
    notice: RwSignal<Option<M>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = text(&row, "id");
    let version = row["version"].as_i64().unwrap_or_default();
    let name = text(&row, "name");
    let starts = text_at(&row, "startsOn");
    let ends = text_at(&row, "endsOn");
    let detail = if events {
        text_at(&row, "location")
    } else {
        text_at(&row, "acronym")
    };
    let fields = Fields::of(&row, events);
    let editing = RwSignal::new(false);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let failure = RwSignal::new(None::<ApiError>);
    let update_id = id.clone();
    let save = action(move |_: &()| update(events, update_id.clone(), version, fields));
    let delete = action(move |_: &()| {
        let id = id.clone();
        async move {
            if events {
                let input = delete_event::DeleteInput { id, version };
                api::change::<DeleteEvent>(delete_event::Variables { input }).await
            } else {
                let input = delete_project::DeleteInput { id, version };
                api::change::<DeleteProject>(delete_project::Variables { input }).await
            }
        }
    });
    let (saved, deleted) = if events {
        (M::EventSaved, M::EventDeleted)
    } else {
        (M::ProjectSaved, M::ProjectDeleted)
    };
    for (act, done) in [(save, saved), (delete, deleted)] {
        Effect::new(move |_| {
            if let Some(result) = act.value().get()
                && settle(result, errors, failure)
            {
                notice.set(Some(done));
                reload.update(|n| *n += 1);
            }
        });
    }
    let question = if events {
        M::DeleteEventQuestion
    } else {
        M::DeleteProjectQuestion
    };
    let [second, third] = second_and_third(events);
    let when = move || period(i18n.lang(), starts.as_deref(), ends.as_deref());
    view! {
        <li class="activity" data-test=if events { "desk-event" } else { "desk-project" } data-name=name.clone()>
            <strong>{name.clone()}</strong>" · "<span data-test="when">{when}</span>
            {detail.map(|d| view! { " · "<span class="meta">{d}</span> })}" "
            <Show when=move || !editing.get()>
                <button type="button" class="small secondary" data-test="edit" on:click=move |_| {
                    errors.set(vec![]);
                    failure.set(None);
                    editing.set(true);
                }>{move || i18n.t(M::EditEntry)}</button>" "
                <Confirm label=M::Delete question test="delete"
                    on_confirm=Callback::new(move |_| { notice.set(None); failure.set(None); delete.dispatch(()); })/>
            </Show>
            <Show when=move || editing.get()>
                <form class="form" data-test="edit-form" on:submit=move |ev| {
                    ev.prevent_default();
                    errors.set(vec![]);
                    failure.set(None);
                    notice.set(None);
                    save.dispatch(());
                }>
                    <ActivityFields fields events errors/>
                    <button type="submit" disabled=move || save.pending().get()>{move || i18n.t(M::Save)}</button>" "
                    <button type="button" class="secondary" on:click=move |_| editing.set(false)>{move || i18n.t(M::Cancel)}</button>
                </form>
            </Show>
            // A refused deletion, or a refusal of a field the form does not show.
            <p class="error" role="alert">{move || {
                let shown = ["name", "startsOn", "endsOn", second.0, third.0];
                let editing = editing.get();
                let other: Vec<FieldError> = errors.get().into_iter().filter(|e| {
                    let field = e.field.rsplit('.').next().unwrap_or(&e.field);
                    !editing || !shown.contains(&field)
                }).collect();
                FieldError::texts(&other, i18n.lang())
            }}</p>
            {move || failure.get().map(|error| view! { <ErrorNote error/> })}
        </li>
    }
}
