//! An event's or a project's fields as the coordinator's forms show them (`ActivityFields`),
//! and the form that adds one under its list (`AddActivityForm`; the list and its edit forms
//! are `activity_list`). Their dates may be partial (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).

use super::super::{refused_field, settle};
use crate::api::{self, ApiError, FieldError};
use crate::components::*;
use crate::i18n::{M, use_i18n};
use crate::queries::*;
use crate::values::{given, text};
use leptos::prelude::*;
use serde_json::Value;

/// The fields of an event or a project as its forms edit them.
#[derive(Clone, Copy)]
pub struct Fields {
    pub name: RwSignal<String>,
    pub starts_on: RwSignal<String>,
    pub ends_on: RwSignal<String>,
    /// An event's place; a project's acronym.
    pub second: RwSignal<String>,
    /// An event's description; a project's programme.
    pub third: RwSignal<String>,
}

impl Fields {
    /// The fields of a stored event or project (read as JSON).
    pub fn of(row: &Value, events: bool) -> Self {
        let [second, third] = second_and_third(events).map(|(key, _)| key);
        Self {
            name: RwSignal::new(text(row, "name")),
            starts_on: RwSignal::new(text(row, "startsOn")),
            ends_on: RwSignal::new(text(row, "endsOn")),
            second: RwSignal::new(text(row, second)),
            third: RwSignal::new(text(row, third)),
        }
    }

    /// Empty fields, for a new one.
    fn empty() -> Self {
        Self::of(&Value::Null, true)
    }

    fn clear(self) {
        for field in [
            self.name,
            self.starts_on,
            self.ends_on,
            self.second,
            self.third,
        ] {
            field.set(String::new());
        }
    }
}

/// The API's names and the labels of the two fields that differ: an event's place and
/// description, a project's acronym and programme.
pub fn second_and_third(events: bool) -> [(&'static str, M); 2] {
    if events {
        [("location", M::Location), ("description", M::Description)]
    } else {
        [("acronym", M::Acronym), ("programme", M::Programme)]
    }
}

/// The form fields of an event or a project: its name, its dates, and the two fields that
/// differ (`second_and_third`).
#[component]
pub fn ActivityFields(
    fields: Fields,
    events: bool,
    errors: RwSignal<Vec<FieldError>>,
) -> impl IntoView {
    let [second, third] = second_and_third(events);
    let name_label = if events { M::EventName } else { M::ProjectName };
    view! {
        <Field name="name" label=name_label value=fields.name errors/>
        <div class="row">
            <PartialDateInput name="startsOn" label=M::PartialStartsOn value=fields.starts_on errors/>
            <PartialDateInput name="endsOn" label=M::PartialEndsOn value=fields.ends_on errors/>
        </div>
        <Field name=second.0 label=second.1 value=fields.second errors/>
        <Field name=third.0 label=third.1 value=fields.third errors multiline=events/>
    }
}

/// Adds an event to the cluster's calendar (`events`) or a project it runs; `reload` is bumped
/// when it is written, so the list above shows it.
#[component]
pub fn AddActivityForm(cluster_id: String, reload: RwSignal<u32>, events: bool) -> impl IntoView {
    let i18n = use_i18n();
    let fields = Fields::empty();
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let failure = RwSignal::new(None::<ApiError>);
    let added = RwSignal::new(false);
    let create = action(move |_: &()| {
        let cluster_id = cluster_id.clone();
        let name = Some(fields.name.get_untracked());
        let starts_on = given(fields.starts_on.get_untracked());
        let ends_on = given(fields.ends_on.get_untracked());
        let second = given(fields.second.get_untracked());
        let third = given(fields.third.get_untracked());
        async move {
            let result = if events {
                let input = create_event::CreateEventInput {
                    cluster_id,
                    name,
                    description: third,
                    starts_on,
                    ends_on,
                    location: second,
                };
                api::change::<CreateEvent>(create_event::Variables { input }).await
            } else {
                let input = create_project::CreateProjectInput {
                    cluster_id,
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
                api::change::<CreateProject>(create_project::Variables { input }).await
            };
            result.or_else(refused_field)
        }
    });
    Effect::new(move |_| {
        if let Some(result) = create.value().get()
            && settle(result, errors, failure)
        {
            added.set(true);
            fields.clear();
            reload.update(|r| *r += 1);
        }
    });
    let (title, test) = if events {
        (M::AddEvent, "event-form")
    } else {
        (M::AddProject, "project-form")
    };
    view! {
        <section>
            <h3>{move || i18n.t(title)}</h3>
            <form class="form" data-test=test on:submit=move |ev| { ev.prevent_default(); added.set(false); errors.set(vec![]); failure.set(None); create.dispatch(()); }>
                <ActivityFields fields events errors/>
                {move || failure.get().map(|error| view! { <ErrorNote error/> })}
                {move || added.get().then(|| view! { <p class="ok" role="status">{move || i18n.t(M::Added)}</p> })}
                <button type="submit" disabled=move || create.pending().get()>{move || i18n.t(title)}</button>
            </form>
        </section>
    }
}
