//! The cluster's board and office on the coordinator's desk: each person with their part in
//! the cluster (`addClusterPerson`, `updateClusterPerson`, `removeClusterPerson`), listed to
//! edit in place or remove after asking, and a form that adds one.

use super::fact_row::{FactNotice, FactRow, or_refused};
use crate::api::{self, FieldError};
use crate::components::{Choice, ErrorNote, Field, Form, Loading, Report, action};
use crate::format::period;
use crate::i18n::{M, label, use_i18n};
use crate::queries::*;
use crate::values::{enum_value, given, items, text, text_at};
use leptos::prelude::*;
use serde_json::Value;

/// The API's parts in a cluster (`ClusterRoleKind`), in the order forms offer them.
const ROLES: [&str; 4] = ["CHAIR", "VICE_CHAIR", "BOARD_MEMBER", "OFFICE"];

/// The fields the forms show under their inputs.
const FIELDS: &[&str] = &[
    "fullName", "title", "email", "phone", "role", "position", "since", "until",
];

/// A person's fields as a form holds them.
#[derive(Clone, Copy)]
struct PersonFields {
    full_name: RwSignal<String>,
    title: RwSignal<String>,
    email: RwSignal<String>,
    phone: RwSignal<String>,
    role: RwSignal<String>,
    position: RwSignal<String>,
    since: RwSignal<String>,
    until: RwSignal<String>,
}

impl PersonFields {
    /// The fields of a person as read (`people` of the cluster), or empty for a new one.
    fn of(row: Option<&Value>) -> Self {
        let at = |v: Option<&Value>, key: &str| {
            RwSignal::new(v.map(|v| text(v, key)).unwrap_or_default())
        };
        let person = row.map(|r| &r["person"]);
        Self {
            full_name: at(person, "fullName"),
            title: at(person, "title"),
            email: at(person, "email"),
            phone: at(person, "phone"),
            role: RwSignal::new(
                row.and_then(|r| text_at(r, "role"))
                    .unwrap_or_else(|| "BOARD_MEMBER".to_owned()),
            ),
            position: at(row, "position"),
            since: at(row, "since"),
            until: at(row, "until"),
        }
    }

    /// Empties the form after a person was added.
    fn clear(self) {
        for field in [
            self.full_name,
            self.title,
            self.email,
            self.phone,
            self.position,
            self.since,
            self.until,
        ] {
            field.set(String::new());
        }
    }
}

/// The inputs of a person's fields; `editing` hints that an empty date keeps the stored one.
#[component]
fn PersonInputs(
    fields: PersonFields,
    errors: RwSignal<Vec<FieldError>>,
    editing: bool,
) -> impl IntoView {
    let kept = editing.then_some(M::ProfileEmptyKeeps);
    let options: Vec<String> = ROLES.iter().map(|r| (*r).to_owned()).collect();
    view! {
        <div class="row">
            <Field name="fullName" label=M::PersonFullName value=fields.full_name errors auto="name"/>
            <Field name="title" label=M::PersonTitle value=fields.title errors/>
        </div>
        <div class="row">
            <Choice name="role" label=M::Role value=fields.role errors options/>
            <Field name="position" label=M::PersonPosition value=fields.position errors/>
        </div>
        <div class="row">
            <Field name="email" label=M::Email value=fields.email errors kind="email"/>
            <Field name="phone" label=M::Phone value=fields.phone errors kind="tel"/>
        </div>
        <div class="row">
            {match kept {
                Some(hint) => view! {
                    <Field name="since" label=M::PersonSince value=fields.since errors hint/>
                    <Field name="until" label=M::PersonUntil value=fields.until errors hint/>
                }.into_any(),
                None => view! {
                    <Field name="since" label=M::PersonSince value=fields.since errors/>
                    <Field name="until" label=M::PersonUntil value=fields.until errors/>
                }.into_any(),
            }}
        </div>
    }
}

/// The cluster's board and office.
#[component]
pub fn BoardPanel(cluster_id: String) -> impl IntoView {
    let i18n = use_i18n();
    let reload = RwSignal::new(0u32);
    let notice = RwSignal::new(None::<M>);
    let read_id = cluster_id.clone();
    let data = LocalResource::new(move || {
        reload.get();
        let id = read_id.clone();
        async move { api::read::<CoordinatorBoard>(coordinator_board::Variables { id }).await }
    });
    view! {
        <section data-test="board">
            <h2>{move || i18n.t(M::Board)}</h2>
            <p class="hint">{move || i18n.t(M::BoardPrivacyHint)}</p>
            <FactNotice notice/>
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(d) => {
                            let people = items(&d["cluster"], "people").to_vec();
                            if people.is_empty() {
                                return view! { <p class="empty">{move || i18n.t(M::NoPeople)}</p> }.into_any();
                            }
                            view! {
                                <ul class="plain">
                                    {people.into_iter().map(|row| view! { <PersonRow row reload notice/> }).collect_view()}
                                </ul>
                            }.into_any()
                        }
                        Err(error) => view! { <ErrorNote error/> }.into_any(),
                    }
                })}
            </Transition>
            <AddPerson cluster_id reload notice/>
        </section>
    }
}

/// One person of the board or office, edited in place.
#[component]
fn PersonRow(row: Value, reload: RwSignal<u32>, notice: RwSignal<Option<M>>) -> impl IntoView {
    let i18n = use_i18n();
    let id = text(&row, "id");
    let version = row["version"].as_i64().unwrap_or_default();
    let fields = PersonFields::of(Some(&row));
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let update_id = id.clone();
    let update = action(move |_: &()| {
        let f = fields;
        // Texts go as typed (empty clears them); an empty date is left out, as the API takes
        // no empty date.
        let input = update_cluster_person::UpdateClusterPersonInput {
            id: update_id.clone(),
            version,
            full_name: Some(f.full_name.get_untracked()),
            title: Some(f.title.get_untracked()),
            organisation_id: None,
            email: Some(f.email.get_untracked()),
            phone: Some(f.phone.get_untracked()),
            role: enum_value(&f.role.get_untracked()),
            position: Some(f.position.get_untracked()),
            since: given(f.since.get_untracked()),
            until: given(f.until.get_untracked()),
        };
        async move {
            or_refused(
                api::change::<UpdateClusterPerson>(update_cluster_person::Variables { input })
                    .await,
            )
        }
    });
    let delete = action(move |_: &()| {
        let input = remove_cluster_person::DeleteInput {
            id: id.clone(),
            version,
        };
        async move {
            api::change::<RemoveClusterPerson>(remove_cluster_person::Variables { input }).await
        }
    });
    let person = &row["person"];
    let name = text(person, "fullName");
    let title = text_at(person, "title");
    let role = text(&row, "role");
    let position = text_at(&row, "position");
    let (since, until) = (text_at(&row, "since"), text_at(&row, "until"));
    let contact: Vec<String> = [text_at(person, "email"), text_at(person, "phone")]
        .into_iter()
        .flatten()
        .collect();
    let shown_name = name.clone();
    let summary = move || {
        let role = role.clone();
        let (since, until) = (since.clone(), until.clone());
        let when = move || period(i18n.lang(), since.as_deref(), until.as_deref());
        view! {
            <strong data-test="fact-name">{title.clone().map(|t| format!("{t} ")).unwrap_or_default()}{shown_name.clone()}</strong>
            " · "<span data-test="person-role">{move || label(i18n.lang(), &role)}</span>
            {position.clone().map(|p| view! { " · "<span>{p}</span> })}
            <br/><span class="meta">{when}</span>
            {(!contact.is_empty()).then(|| view! { " "<span class="meta">{contact.join(", ")}</span> })}
        }
    };
    view! {
        <FactRow test="person" name update delete errors notice reload summary>
            <PersonInputs fields errors editing=true/>
        </FactRow>
    }
}

/// The form that adds a person to the board or office.
#[component]
fn AddPerson(
    cluster_id: String,
    reload: RwSignal<u32>,
    notice: RwSignal<Option<M>>,
) -> impl IntoView {
    let report = Report::new();
    let fields = PersonFields::of(None);
    let create = action(move |_: &()| {
        let f = fields;
        let input = add_cluster_person::AddClusterPersonInput {
            cluster_id: cluster_id.clone(),
            full_name: given(f.full_name.get_untracked()),
            title: given(f.title.get_untracked()),
            organisation_id: None,
            email: given(f.email.get_untracked()),
            phone: given(f.phone.get_untracked()),
            role: enum_value(&f.role.get_untracked()),
            position: given(f.position.get_untracked()),
            since: given(f.since.get_untracked()),
            until: given(f.until.get_untracked()),
        };
        async move {
            or_refused(
                api::change::<AddClusterPerson>(add_cluster_person::Variables { input }).await,
            )
        }
    });
    let on_done = Callback::new(move |_| {
        fields.clear();
        notice.set(None);
        reload.update(|n| *n += 1);
    });
    view! {
        <Form action=create report submit=M::AddPerson fields=FIELDS done=M::Added on_done test="add-person">
            <PersonInputs fields errors=report.errors editing=false/>
        </Form>
    }
}
