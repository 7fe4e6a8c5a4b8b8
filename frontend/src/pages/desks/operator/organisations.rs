//! Organisations made, changed and deleted from the operator's desk: a form for a new one, and
//! one found by name, city, NIP or REGON to change in place or delete after a confirmation.
//! Refusals (a NIP's check digit, a REGON already registered) show under their fields.

use super::super::refused_field;
use super::editor::{DeleteRecordButton, RecordLoader, keep_version};
use super::{Voivodeships, version_of};
use crate::api::{self, FieldError};
use crate::components::{Choice, Field, Form, OrganisationPicker, Report, action};
use crate::i18n::{M, use_i18n};
use crate::queries::*;
use crate::values::{ORGANISATION_KINDS, enum_value, given, text};
use leptos::prelude::*;
use serde_json::Value;

/// The choices of the form: left empty, they are sent as null to clear them.
const CLEARABLE: &[&str] = &["kind", "voivodeship"];

/// The fields an organisation form shows, as `userErrors` name them.
const FIELDS: &[&str] = &[
    "name",
    "kind",
    "nip",
    "regon",
    "krs",
    "voivodeship",
    "city",
    "address",
    "postalCode",
    "phone",
    "website",
    "description",
];

/// What an organisation form holds, as typed.
#[derive(Clone, Copy)]
struct OrganisationFields {
    name: RwSignal<String>,
    kind: RwSignal<String>,
    nip: RwSignal<String>,
    regon: RwSignal<String>,
    krs: RwSignal<String>,
    voivodeship: RwSignal<String>,
    city: RwSignal<String>,
    address: RwSignal<String>,
    postal_code: RwSignal<String>,
    phone: RwSignal<String>,
    website: RwSignal<String>,
    description: RwSignal<String>,
}

impl OrganisationFields {
    /// The fields of an organisation read with `OperatorOrganisation` (or empty ones).
    fn of(o: &Value) -> Self {
        let s = |key: &str| RwSignal::new(text(o, key));
        Self {
            name: s("name"),
            kind: s("kind"),
            nip: s("nip"),
            regon: s("regon"),
            krs: s("krs"),
            voivodeship: RwSignal::new(text(&o["voivodeship"], "code")),
            city: s("city"),
            address: s("address"),
            postal_code: s("postalCode"),
            phone: s("phone"),
            website: s("website"),
            description: s("description"),
        }
    }

    /// A new organisation: what was typed; empty fields are left out.
    fn create_input(self) -> create_organisation::CreateOrganisationInput {
        let g = |s: RwSignal<String>| given(s.get_untracked());
        create_organisation::CreateOrganisationInput {
            name: g(self.name),
            kind: enum_value(&self.kind.get_untracked()),
            nip: g(self.nip),
            regon: g(self.regon),
            krs: g(self.krs),
            voivodeship: enum_value(&self.voivodeship.get_untracked()),
            city: g(self.city),
            address: g(self.address),
            postal_code: g(self.postal_code),
            phone: g(self.phone),
            email: None,
            website: g(self.website),
            description: g(self.description),
            sectors: None,
        }
    }

    /// A change: every shown field is sent, so an emptied one clears its value (a text as "",
    /// a choice as null: `CLEARABLE`).
    fn update_input(
        self,
        id: String,
        version: i64,
    ) -> update_organisation::UpdateOrganisationInput {
        let t = |s: RwSignal<String>| Some(s.get_untracked().trim().to_owned());
        update_organisation::UpdateOrganisationInput {
            id,
            version,
            name: t(self.name),
            kind: enum_value(&self.kind.get_untracked()),
            nip: t(self.nip),
            regon: t(self.regon),
            krs: t(self.krs),
            voivodeship: enum_value(&self.voivodeship.get_untracked()),
            city: t(self.city),
            address: t(self.address),
            postal_code: t(self.postal_code),
            phone: t(self.phone),
            email: None,
            website: t(self.website),
            description: t(self.description),
            sectors: None,
        }
    }
}

/// The operator's organisations: a new one, and one found to change or delete.
#[component]
pub fn OrganisationsPanel(voivodeships: Voivodeships) -> impl IntoView {
    let i18n = use_i18n();
    let picked = RwSignal::new(None::<Value>);
    let deleted = RwSignal::new(None::<String>);
    let on_deleted = Callback::new(move |name: String| {
        picked.set(None);
        deleted.set(Some(name));
    });
    // A new pick forgets the last deletion.
    Effect::new(move |_| {
        if picked.get().is_some() {
            deleted.set(None);
        }
    });
    let shown = voivodeships.clone();
    view! {
        <section id="organisations" data-test="organisations">
            <h2>{move || i18n.t(M::OpOrganisationsTitle)}</h2>
            <p class="meta">{move || i18n.t(M::OpOrganisationsLead)}</p>
            <h3>{move || i18n.t(M::NewOrganisation)}</h3>
            <NewOrganisation voivodeships=shown/>
            <h3>{move || i18n.t(M::ChangeOrganisation)}</h3>
            <OrganisationPicker label=M::OpFindOrganisation chosen=picked test="organisation-find"/>
            {move || deleted.get().map(|name| view! {
                <p class="ok" role="status" data-test="organisation-deleted">{move || i18n.t(M::OrganisationDeleted)}" "{name}</p>
            })}
            {move || picked.get().map(|o| view! { <EditOrganisation id=text(&o, "id") voivodeships=voivodeships.clone() on_deleted/> })}
        </section>
    }
}

/// A new organisation; once it is added, a link to its page, and an empty form.
#[component]
fn NewOrganisation(voivodeships: Voivodeships) -> impl IntoView {
    let i18n = use_i18n();
    // Each new organisation starts from empty fields.
    let fields = StoredValue::new(OrganisationFields::of(&Value::Null));
    let report = Report::new();
    let created = RwSignal::new(None::<(String, String)>);
    let round = RwSignal::new(0u32);
    let create = action(move |_: &()| {
        created.set(None);
        let input = fields.get_value().create_input();
        async move {
            let answer =
                api::mutate::<CreateOrganisation>(create_organisation::Variables { input }).await;
            if let Ok(a) = &answer
                && a.written
            {
                let id = a.text(&["organisation", "id"]).unwrap_or_default();
                created.set(Some((
                    id,
                    a.text(&["organisation", "name"]).unwrap_or_default(),
                )));
            }
            answer.map(|a| (a.written, a.errors)).or_else(refused_field)
        }
    });
    let on_done = Callback::new(move |_| {
        fields.set_value(OrganisationFields::of(&Value::Null));
        round.update(|n| *n += 1);
    });
    view! {
        <Form action=create report submit=M::AddOrganisation fields=FIELDS on_done test="organisation-create">
            {move || { round.get(); view! { <OrganisationFieldsView fields=fields.get_value() errors=report.errors voivodeships=voivodeships.clone()/> } }}
        </Form>
        {move || created.get().map(|(id, name)| view! {
            <p class="ok" role="status" data-test="organisation-created">{move || i18n.t(M::OrganisationAdded)}" "
                <a href=format!("/organisations/{id}")>{name}</a></p>
        })}
    }
}

/// The organisation picked, read afresh, in a form to change it, with its deletion.
#[component]
fn EditOrganisation(
    id: String,
    voivodeships: Voivodeships,
    on_deleted: Callback<String>,
) -> impl IntoView {
    let read = move || {
        let id = id.clone();
        async move { api::read::<OperatorOrganisation>(operator_organisation::Variables { id }).await }
    };
    let editor = move |organisation| {
        let voivodeships = voivodeships.clone();
        view! { <OrganisationEditor organisation voivodeships on_deleted/> }.into_any()
    };
    view! { <RecordLoader read key="organisation" editor/> }
}

/// The form changing an organisation, the version it names kept up to date by each save, and
/// its deletion.
#[component]
fn OrganisationEditor(
    organisation: Value,
    voivodeships: Voivodeships,
    on_deleted: Callback<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = text(&organisation, "id");
    let name = RwSignal::new(text(&organisation, "name"));
    let version = RwSignal::new(version_of(&organisation));
    let fields = OrganisationFields::of(&organisation);
    let report = Report::new();
    let update_id = id.clone();
    let save = action(move |_: &()| {
        let input = fields.update_input(update_id.clone(), version.get_untracked());
        async move {
            let answer = api::mutate_shown::<UpdateOrganisation>(
                update_organisation::Variables { input },
                CLEARABLE,
            )
            .await;
            keep_version(&answer, "organisation", version);
            answer.map(|a| (a.written, a.errors)).or_else(refused_field)
        }
    });
    let on_saved = Callback::new(move |_| name.set(fields.name.get_untracked().trim().to_owned()));
    let page = format!("/organisations/{id}");
    let delete = action(move |_: &()| {
        let input = delete_organisation::DeleteInput {
            id: id.clone(),
            version: version.get_untracked(),
        };
        async move { api::change::<DeleteOrganisation>(delete_organisation::Variables { input }).await }
    });
    view! {
        <div class="editing" data-test="organisation-edit">
            <p class="lead">{move || i18n.t(M::Editing)}" "<strong>{move || name.get()}</strong>" · "
                <a href=page>{move || i18n.t(M::ItsPage)}</a></p>
            <Form action=save report submit=M::Save fields=FIELDS done=M::Saved on_done=on_saved test="organisation-edit-form">
                <OrganisationFieldsView fields errors=report.errors voivodeships/>
            </Form>
            <DeleteRecordButton label=M::DeleteOrganisation question=M::DeleteOrganisationQuestion
                test="organisation-delete" delete name on_deleted/>
        </div>
    }
}

/// An organisation form's fields, each with its refusal under it.
#[component]
fn OrganisationFieldsView(
    fields: OrganisationFields,
    errors: RwSignal<Vec<FieldError>>,
    voivodeships: Voivodeships,
) -> impl IntoView {
    let Voivodeships { codes, names } = voivodeships;
    let kinds = ORGANISATION_KINDS.map(str::to_owned).to_vec();
    view! {
        <div class="row">
            <Field name="name" label=M::Name value=fields.name errors/>
            <Choice name="kind" label=M::Kind value=fields.kind errors options=kinds blank=true/>
        </div>
        <div class="row">
            <Field name="nip" label=M::Nip value=fields.nip errors/>
            <Field name="regon" label=M::Regon value=fields.regon errors/>
            <Field name="krs" label=M::Krs value=fields.krs errors/>
        </div>
        <div class="row">
            <Choice name="voivodeship" label=M::FacetVoivodeship value=fields.voivodeship errors options=codes names blank=true/>
            <Field name="city" label=M::City value=fields.city errors/>
        </div>
        <div class="row">
            <Field name="address" label=M::Address value=fields.address errors/>
            <Field name="postalCode" label=M::PostalCode value=fields.postal_code errors/>
        </div>
        <div class="row">
            <Field name="phone" label=M::Phone value=fields.phone errors kind="tel"/>
            <Field name="website" label=M::Website value=fields.website errors kind="url"/>
        </div>
        <Field name="description" label=M::Description value=fields.description errors multiline=true/>
    }
}
