//! Adding an event or a project on the coordinator's desk (under their lists, in
//! `activity_list`); their dates may be partial (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).

use super::super::{refused_field, settle};
use crate::api::{self, ApiError, FieldError};
use crate::components::*;
use crate::i18n::{M, use_i18n};
use crate::queries::*;
use crate::values::given;
use leptos::prelude::*;

/// Adds an event to the cluster's calendar; `reload` is bumped when it is written, so the list
/// above shows it.
#[component]
pub fn AddEventForm(cluster_id: String, reload: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let name = RwSignal::new(String::new());
    let starts_on = RwSignal::new(String::new());
    let ends_on = RwSignal::new(String::new());
    let location = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let failure = RwSignal::new(None::<ApiError>);
    let added = RwSignal::new(false);
    let create = action(move |_: &()| {
        let input = create_event::CreateEventInput {
            cluster_id: cluster_id.clone(),
            name: Some(name.get_untracked()),
            description: None,
            starts_on: given(starts_on.get_untracked()),
            ends_on: given(ends_on.get_untracked()),
            location: given(location.get_untracked()),
        };
        async move {
            api::change::<CreateEvent>(create_event::Variables { input })
                .await
                .or_else(refused_field)
        }
    });
    Effect::new(move |_| {
        if let Some(result) = create.value().get()
            && settle(result, errors, failure)
        {
            added.set(true);
            for field in [name, starts_on, ends_on, location] {
                field.set(String::new());
            }
            reload.update(|r| *r += 1);
        }
    });
    view! {
        <section>
            <h3>{move || i18n.t(M::AddEvent)}</h3>
            <form class="form" data-test="event-form" on:submit=move |ev| { ev.prevent_default(); added.set(false); errors.set(vec![]); failure.set(None); create.dispatch(()); }>
                <Field name="name" label=M::EventName value=name errors/>
                <div class="row">
                    <Field name="startsOn" label=M::PartialStartsOn value=starts_on errors/>
                    <Field name="endsOn" label=M::PartialEndsOn value=ends_on errors/>
                </div>
                <Field name="location" label=M::Location value=location errors/>
                {move || failure.get().map(|error| view! { <ErrorNote error/> })}
                {move || added.get().then(|| view! { <p class="ok" role="status">{move || i18n.t(M::Added)}</p> })}
                <button type="submit" disabled=move || create.pending().get()>{move || i18n.t(M::AddEvent)}</button>
            </form>
        </section>
    }
}

/// Adds a project the cluster runs; `reload` is bumped when it is written.
#[component]
pub fn AddProjectForm(cluster_id: String, reload: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let name = RwSignal::new(String::new());
    let acronym = RwSignal::new(String::new());
    let programme = RwSignal::new(String::new());
    let starts_on = RwSignal::new(String::new());
    let ends_on = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let failure = RwSignal::new(None::<ApiError>);
    let added = RwSignal::new(false);
    let create = action(move |_: &()| {
        let input = create_project::CreateProjectInput {
            cluster_id: cluster_id.clone(),
            name: Some(name.get_untracked()),
            acronym: given(acronym.get_untracked()),
            programme: given(programme.get_untracked()),
            description: None,
            budget_amount: None,
            budget_currency: None,
            starts_on: given(starts_on.get_untracked()),
            ends_on: given(ends_on.get_untracked()),
            role: None,
            partners: None,
        };
        async move {
            api::change::<CreateProject>(create_project::Variables { input })
                .await
                .or_else(refused_field)
        }
    });
    Effect::new(move |_| {
        if let Some(result) = create.value().get()
            && settle(result, errors, failure)
        {
            added.set(true);
            for field in [name, acronym, programme, starts_on, ends_on] {
                field.set(String::new());
            }
            reload.update(|r| *r += 1);
        }
    });
    view! {
        <section>
            <h3>{move || i18n.t(M::AddProject)}</h3>
            <form class="form" data-test="project-form" on:submit=move |ev| { ev.prevent_default(); added.set(false); errors.set(vec![]); failure.set(None); create.dispatch(()); }>
                <div class="row">
                    <Field name="name" label=M::ProjectName value=name errors/>
                    <Field name="acronym" label=M::Acronym value=acronym errors/>
                    <Field name="programme" label=M::Programme value=programme errors/>
                </div>
                <div class="row">
                    <Field name="startsOn" label=M::PartialStartsOn value=starts_on errors/>
                    <Field name="endsOn" label=M::PartialEndsOn value=ends_on errors/>
                </div>
                {move || failure.get().map(|error| view! { <ErrorNote error/> })}
                {move || added.get().then(|| view! { <p class="ok" role="status">{move || i18n.t(M::Added)}</p> })}
                <button type="submit" disabled=move || create.pending().get()>{move || i18n.t(M::AddProject)}</button>
            </form>
        </section>
    }
}
