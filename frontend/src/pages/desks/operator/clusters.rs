//! Clusters made, changed and deleted from the operator's desk: a form for a new one, and one
//! found by searching as one types to change in place, delete after a confirmation, or open
//! its coordinator's desk. Refusals show under their fields; every change says what came of it
//! and keeps saying it until the next one.

use super::super::refused_field;
use super::editor::{DeleteRecordButton, RecordLoader, keep_version};
use super::{Voivodeships, version_of};
use crate::api::{self, FieldError};
use crate::components::{
    Choice, ClusterPicker, Extra, Field, Form, OrganisationPicker, PartialDateInput, Report, action,
};
use crate::i18n::{M, use_i18n};
use crate::queries::*;
use crate::values::{enum_value, given, text};
use leptos::prelude::*;
use serde_json::Value;

/// The fields a cluster form shows, as `userErrors` name them (a refusal of any other is
/// shown above the button).
const FIELDS: &[&str] = &[
    "namePl",
    "nameEn",
    "slug",
    "acronym",
    "voivodeship",
    "city",
    "address",
    "postalCode",
    "phone",
    "email",
    "website",
    "foundedOn",
    "status",
    "coordinatorId",
    "descriptionPl",
    "descriptionEn",
];

/// The fields of the form that are not texts: left empty, they are sent as null to clear them.
const CLEARABLE: &[&str] = &["voivodeship", "foundedOn", "coordinatorId"];

/// What a cluster form holds, as typed.
#[derive(Clone, Copy)]
struct ClusterFields {
    name_pl: RwSignal<String>,
    name_en: RwSignal<String>,
    slug: RwSignal<String>,
    acronym: RwSignal<String>,
    voivodeship: RwSignal<String>,
    city: RwSignal<String>,
    address: RwSignal<String>,
    postal_code: RwSignal<String>,
    phone: RwSignal<String>,
    email: RwSignal<String>,
    website: RwSignal<String>,
    founded_on: RwSignal<String>,
    status: RwSignal<String>,
    description_pl: RwSignal<String>,
    description_en: RwSignal<String>,
    /// The coordinating organisation (`id name city nip`).
    coordinator: RwSignal<Option<Value>>,
}

impl ClusterFields {
    /// The fields of a cluster read with `OperatorCluster` (or empty ones, from `Value::Null`).
    fn of(c: &Value) -> Self {
        let s = |key: &str| RwSignal::new(text(c, key));
        let status = text(c, "status");
        Self {
            name_pl: s("namePl"),
            name_en: s("nameEn"),
            slug: s("slug"),
            acronym: s("acronym"),
            voivodeship: RwSignal::new(text(&c["voivodeship"], "code")),
            city: s("city"),
            address: s("address"),
            postal_code: s("postalCode"),
            phone: s("phone"),
            email: s("email"),
            website: s("website"),
            founded_on: s("foundedOn"),
            // A new cluster operates only where the operator says so.
            status: RwSignal::new(if status.is_empty() {
                "UNKNOWN".into()
            } else {
                status
            }),
            description_pl: s("descriptionPl"),
            description_en: s("descriptionEn"),
            coordinator: RwSignal::new(Some(c["coordinator"].clone()).filter(Value::is_object)),
        }
    }

    fn coordinator_id(self) -> Option<String> {
        self.coordinator.get_untracked().map(|o| text(&o, "id"))
    }

    /// A new cluster: what was typed; empty fields are left out.
    fn create_input(self) -> create_cluster::CreateClusterInput {
        let g = |s: RwSignal<String>| given(s.get_untracked());
        create_cluster::CreateClusterInput {
            slug: g(self.slug),
            name_pl: g(self.name_pl),
            name_en: g(self.name_en),
            acronym: g(self.acronym),
            description_pl: g(self.description_pl),
            description_en: g(self.description_en),
            voivodeship: enum_value(&self.voivodeship.get_untracked()),
            city: g(self.city),
            address: g(self.address),
            postal_code: g(self.postal_code),
            phone: g(self.phone),
            email: g(self.email),
            website: g(self.website),
            founded_on: g(self.founded_on),
            strategy_from: None,
            strategy_to: None,
            status: enum_value(&self.status.get_untracked()),
            coordinator_id: self.coordinator_id(),
            sectors: None,
            aliases: None,
            specialisations: None,
            participations: None,
            awards: None,
        }
    }

    /// A change: every shown field is sent, so an emptied one clears its value (a text as "",
    /// the rest as null: `CLEARABLE`).
    fn update_input(self, id: String, version: i64) -> update_cluster::UpdateClusterInput {
        let t = |s: RwSignal<String>| Some(s.get_untracked().trim().to_owned());
        update_cluster::UpdateClusterInput {
            id,
            version,
            slug: t(self.slug),
            name_pl: t(self.name_pl),
            name_en: t(self.name_en),
            acronym: t(self.acronym),
            description_pl: t(self.description_pl),
            description_en: t(self.description_en),
            voivodeship: enum_value(&self.voivodeship.get_untracked()),
            city: t(self.city),
            address: t(self.address),
            postal_code: t(self.postal_code),
            phone: t(self.phone),
            email: t(self.email),
            website: t(self.website),
            founded_on: given(self.founded_on.get_untracked()),
            strategy_from: None,
            strategy_to: None,
            status: enum_value(&self.status.get_untracked()),
            coordinator_id: self.coordinator_id(),
            sectors: None,
            aliases: None,
            specialisations: None,
            participations: None,
            awards: None,
        }
    }
}

/// The operator's clusters: a new one, and one found to change, delete or open the desk of.
#[component]
pub fn ClustersPanel(voivodeships: Voivodeships) -> impl IntoView {
    let i18n = use_i18n();
    let picked = RwSignal::new(None::<Value>);
    // The last cluster deleted, by name: said until another is picked.
    let deleted = RwSignal::new(None::<String>);
    let on_deleted = Callback::new(move |name: String| {
        picked.set(None);
        deleted.set(Some(name));
    });
    let shown = voivodeships.clone();
    view! {
        <section id="clusters" data-test="clusters">
            <h2>{move || i18n.t(M::OpClustersTitle)}</h2>
            <p class="meta">{move || i18n.t(M::OpClustersLead)}</p>
            <h3>{move || i18n.t(M::NewCluster)}</h3>
            <NewCluster voivodeships=shown/>
            <h3>{move || i18n.t(M::ChangeCluster)}</h3>
            <ClusterPicker label=M::OpFindCluster chosen=picked test="cluster-find" extra=Some(desk_link as Extra)
                on_pick=Some(Callback::new(move |_| deleted.set(None)))/>
            {move || deleted.get().map(|name| view! {
                <p class="ok" role="status" data-test="cluster-deleted">{move || i18n.t(M::ClusterDeleted)}" "{name}</p>
            })}
            {move || picked.get().map(|c| view! { <EditCluster id=text(&c, "id") voivodeships=voivodeships.clone() on_deleted/> })}
        </section>
    }
}

/// A link to a found cluster's coordinator's desk, as the cluster picker offers it.
fn desk_link(c: &Value) -> AnyView {
    let i18n = use_i18n();
    let href = format!("/coordinator?cluster={}", text(c, "slug"));
    let name = text(c, "name");
    view! {
        <a href=href class="small" data-test="open-desk">{move || i18n.t(M::OpenItsDesk)}<span class="sr-only">{format!(": {name}")}</span></a>
    }
    .into_any()
}

/// A new cluster; once it is added, a link to its page and desk, and an empty form.
#[component]
fn NewCluster(voivodeships: Voivodeships) -> impl IntoView {
    let i18n = use_i18n();
    // Each new cluster starts from empty fields.
    let fields = StoredValue::new(ClusterFields::of(&Value::Null));
    let report = Report::new();
    let created = RwSignal::new(None::<(String, String)>);
    let round = RwSignal::new(0u32);
    let create = action(move |_: &()| {
        created.set(None);
        let input = fields.get_value().create_input();
        async move {
            let answer = api::mutate::<CreateCluster>(create_cluster::Variables { input }).await;
            if let Ok(a) = &answer
                && a.written
            {
                let slug = a.text(&["cluster", "slug"]).unwrap_or_default();
                created.set(Some((
                    slug,
                    a.text(&["cluster", "name"]).unwrap_or_default(),
                )));
            }
            answer.map(|a| (a.written, a.errors)).or_else(refused_field)
        }
    });
    let on_done = Callback::new(move |_| {
        fields.set_value(ClusterFields::of(&Value::Null));
        round.update(|n| *n += 1);
    });
    view! {
        <Form action=create report submit=M::AddCluster fields=FIELDS on_done test="cluster-create">
            {move || { round.get(); view! { <ClusterFieldsView fields=fields.get_value() errors=report.errors voivodeships=voivodeships.clone()/> } }}
        </Form>
        {move || created.get().map(|(slug, name)| view! {
            <p class="ok" role="status" data-test="cluster-created">{move || i18n.t(M::ClusterAdded)}" "
                <a href=format!("/clusters/{slug}")>{name}</a>" · "
                <a href=format!("/coordinator?cluster={slug}")>{move || i18n.t(M::OpenItsDesk)}</a></p>
        })}
    }
}

/// The cluster picked, read afresh, in a form to change it, with its deletion.
#[component]
fn EditCluster(
    id: String,
    voivodeships: Voivodeships,
    on_deleted: Callback<String>,
) -> impl IntoView {
    let read = move || {
        let id = id.clone();
        async move { api::read::<OperatorCluster>(operator_cluster::Variables { id }).await }
    };
    let editor = move |cluster| {
        let voivodeships = voivodeships.clone();
        view! { <ClusterEditor cluster voivodeships on_deleted/> }.into_any()
    };
    view! { <RecordLoader read key="cluster" editor/> }
}

/// The form changing a cluster, the version it names kept up to date by each save (so saves
/// follow one another without reading it again), and its deletion.
#[component]
fn ClusterEditor(
    cluster: Value,
    voivodeships: Voivodeships,
    on_deleted: Callback<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = text(&cluster, "id");
    let name = RwSignal::new(text(&cluster, "name"));
    let slug = RwSignal::new(text(&cluster, "slug"));
    let version = RwSignal::new(version_of(&cluster));
    let fields = ClusterFields::of(&cluster);
    let report = Report::new();
    let update_id = id.clone();
    let save = action(move |_: &()| {
        let input = fields.update_input(update_id.clone(), version.get_untracked());
        async move {
            let answer =
                api::mutate_shown::<UpdateCluster>(update_cluster::Variables { input }, CLEARABLE)
                    .await;
            keep_version(&answer, "cluster", version);
            answer.map(|a| (a.written, a.errors)).or_else(refused_field)
        }
    });
    // The links follow the saved slug and name.
    let on_saved = Callback::new(move |_| {
        slug.set(fields.slug.get_untracked().trim().to_owned());
        let pl = fields.name_pl.get_untracked().trim().to_owned();
        name.set(if pl.is_empty() {
            fields.name_en.get_untracked().trim().to_owned()
        } else {
            pl
        });
    });
    let delete = action(move |_: &()| {
        let input = delete_cluster::DeleteInput {
            id: id.clone(),
            version: version.get_untracked(),
        };
        async move { api::change::<DeleteCluster>(delete_cluster::Variables { input }).await }
    });
    view! {
        <div class="editing" data-test="cluster-edit">
            <p class="lead">{move || i18n.t(M::Editing)}" "<strong>{move || name.get()}</strong>" · "
                <a href=move || format!("/clusters/{}", slug.get()) data-test="cluster-page-link">{move || i18n.t(M::ItsPage)}</a>" · "
                <a href=move || format!("/coordinator?cluster={}", slug.get())>{move || i18n.t(M::OpenItsDesk)}</a></p>
            <Form action=save report submit=M::Save fields=FIELDS done=M::Saved on_done=on_saved test="cluster-edit-form">
                <ClusterFieldsView fields errors=report.errors voivodeships/>
            </Form>
            <DeleteRecordButton label=M::DeleteCluster question=M::DeleteClusterQuestion
                test="cluster-delete" delete name on_deleted/>
        </div>
    }
}

/// A cluster form's fields, each with its refusal under it.
#[component]
fn ClusterFieldsView(
    fields: ClusterFields,
    errors: RwSignal<Vec<FieldError>>,
    voivodeships: Voivodeships,
) -> impl IntoView {
    let Voivodeships { codes, names } = voivodeships;
    let statuses = ["UNKNOWN", "ACTIVE", "INACTIVE", "DISSOLVED"]
        .map(str::to_owned)
        .to_vec();
    view! {
        <div class="row">
            <Field name="namePl" label=M::NamePl value=fields.name_pl errors/>
            <Field name="nameEn" label=M::NameEn value=fields.name_en errors/>
        </div>
        <div class="row">
            <Field name="slug" label=M::Slug value=fields.slug errors hint=M::SlugHint/>
            <Field name="acronym" label=M::Acronym value=fields.acronym errors/>
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
            <Field name="email" label=M::Email value=fields.email errors kind="email"/>
            <Field name="website" label=M::Website value=fields.website errors kind="url"/>
        </div>
        <div class="row">
            <PartialDateInput name="foundedOn" label=M::FoundedOnField value=fields.founded_on errors/>
            <Choice name="status" label=M::ClusterStatusField value=fields.status errors options=statuses/>
        </div>
        <OrganisationPicker label=M::CoordinatorName chosen=fields.coordinator errors=Some(errors) name="coordinatorId" clearable=true/>
        <Field name="descriptionPl" label=M::DescriptionPl value=fields.description_pl errors multiline=true/>
        <Field name="descriptionEn" label=M::DescriptionEn value=fields.description_en errors multiline=true/>
    }
}
