//! The cluster's board and office on the coordinator's desk: each person with their part in
//! the cluster (`addClusterPerson`, `updateClusterPerson`, `removeClusterPerson`), listed to
//! edit in place or remove after asking, and a form that adds one.

use super::fact_row::{FactRow, FactsSection, Section, or_refused};
use crate::api::{self, FieldError};
use crate::components::{Choice, Field, Form, PartialDateInput, Report, action};
use crate::format::period;
use crate::i18n::{M, label, use_i18n};
use crate::queries::*;
use crate::values::{enum_value, given, text, text_at};
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

/// The dates of a person's part: left empty, they are sent as null to clear them.
const DATES: &[&str] = &["since", "until"];

/// The inputs of a person's fields.
#[component]
fn PersonInputs(fields: PersonFields, errors: RwSignal<Vec<FieldError>>) -> impl IntoView {
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
            <PartialDateInput name="since" label=M::PersonSince value=fields.since errors/>
            <PartialDateInput name="until" label=M::PersonUntil value=fields.until errors/>
        </div>
    }
}

/// The cluster's board and office.
#[component]
pub fn BoardPanel(cluster_id: String) -> impl IntoView {
    let read = |id| api::read::<CoordinatorBoard>(coordinator_board::Variables { id });
    let row = |row, Section { reload, notice }| view! { <PersonRow row reload notice/> }.into_any();
    let add = |cluster_id, Section { reload, notice }| {
        view! { <AddPerson cluster_id reload notice/> }.into_any()
    };
    view! {
        <FactsSection test="board" title=M::Board hint=M::BoardPrivacyHint empty=M::NoPeople
            list="people" cluster_id
            read row add/>
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
        // Every shown field is sent: an emptied text as "", an emptied date as null
        // (`DATES`), both clearing what was stored.
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
                api::update::<UpdateClusterPerson>(
                    update_cluster_person::Variables { input },
                    DATES,
                )
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
            <PersonInputs fields errors/>
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
            <PersonInputs fields errors=report.errors/>
        </Form>
    }
}
