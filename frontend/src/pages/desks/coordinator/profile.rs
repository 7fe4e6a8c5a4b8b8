//! The cluster's profile as its coordinator edits it: names, founding date, descriptions,
//! address, contacts, strategy period and the lists (`lists`), all in one `updateCluster`.

use super::super::{refused_field, settle};
use super::lists::{ListsFields, ProfileLists, is_list_field};
use crate::api::{self, ApiError, FieldError};
use crate::components::*;
use crate::i18n::{M, use_i18n};
use crate::queries::*;
use crate::values::{code, enum_value, given};
use leptos::prelude::*;

/// The fields of the form that are not texts: left empty, they are sent as null to clear them.
const CLEARABLE: &[&str] = &["foundedOn", "voivodeship", "strategyFrom", "strategyTo"];

/// The cluster's profile: names, founding date, descriptions, address, contacts, strategy
/// period and lists.
#[component]
pub fn EditClusterForm(
    cluster: coordinator_desk::CoordinatorDeskCluster,
    voivodeships: Vec<coordinator_desk::CoordinatorDeskVoivodeships>,
    reload: RwSignal<u32>,
    /// Whether the last save was written: kept by the desk, as saving reloads the form.
    saved: RwSignal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let text = |v: &Option<String>| RwSignal::new(v.clone().unwrap_or_default());
    let name_pl = text(&cluster.name_pl);
    let name_en = text(&cluster.name_en);
    let founded_on = text(&cluster.founded_on);
    let lists = ProfileLists::of(&cluster);
    let acronym = text(&cluster.acronym);
    let description_pl = text(&cluster.description_pl);
    let description_en = text(&cluster.description_en);
    let city = text(&cluster.city);
    let address = text(&cluster.address);
    let postal_code = text(&cluster.postal_code);
    let phone = text(&cluster.phone);
    let email = text(&cluster.email);
    let website = text(&cluster.website);
    let voivodeship = RwSignal::new(
        cluster
            .voivodeship
            .as_ref()
            .map(|v| code(&v.code))
            .unwrap_or_default(),
    );
    let year = |y: Option<i64>| RwSignal::new(y.map(|y| y.to_string()).unwrap_or_default());
    let period = cluster.strategy_period.as_ref();
    let strategy_from = year(period.and_then(|p| p.from));
    let strategy_to = year(period.and_then(|p| p.to));
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let failure = RwSignal::new(None::<ApiError>);
    let (id, version) = (cluster.id.clone(), cluster.version);
    let save = action(move |_: &()| {
        // Every shown field is sent: an emptied field clears the value (texts as "", the
        // rest as null: `CLEARABLE`).
        let input = update_cluster::UpdateClusterInput {
            id: id.clone(),
            version,
            slug: None,
            name_pl: Some(name_pl.get_untracked()),
            name_en: Some(name_en.get_untracked()),
            acronym: Some(acronym.get_untracked()),
            description_pl: Some(description_pl.get_untracked()),
            description_en: Some(description_en.get_untracked()),
            voivodeship: enum_value(&voivodeship.get_untracked()),
            city: Some(city.get_untracked()),
            address: Some(address.get_untracked()),
            postal_code: Some(postal_code.get_untracked()),
            phone: Some(phone.get_untracked()),
            email: Some(email.get_untracked()),
            website: Some(website.get_untracked()),
            founded_on: given(founded_on.get_untracked()),
            strategy_from: strategy_from.get_untracked().trim().parse().ok(),
            strategy_to: strategy_to.get_untracked().trim().parse().ok(),
            status: None,
            coordinator_id: None,
            sectors: Some(lists.sectors()),
            aliases: Some(lists.aliases()),
            specialisations: Some(lists.specialisations()),
            participations: Some(lists.participations()),
            awards: Some(lists.awards()),
        };
        async move {
            api::update::<UpdateCluster>(update_cluster::Variables { input }, CLEARABLE)
                .await
                .or_else(refused_field)
        }
    });
    Effect::new(move |_| {
        if let Some(result) = save.value().get()
            && settle(result, errors, failure)
        {
            saved.set(true);
            reload.update(|r| *r += 1);
        }
    });
    // A refusal no field or list shows (the input as a whole, say) is still said, in words.
    let unshown = move || {
        let rest: Vec<FieldError> = errors
            .get()
            .into_iter()
            .filter(|e| !SHOWN.contains(&e.field.as_str()) && !is_list_field(&e.field))
            .collect();
        (!rest.is_empty()).then(|| {
            format!(
                "{} {}",
                i18n.t(M::FixErrors),
                FieldError::texts(&rest, i18n.lang())
            )
        })
    };
    view! {
        <section>
            <h2>{move || i18n.t(M::EditCluster)}</h2>
            <form class="form" data-test="cluster-form" on:submit=move |ev| { ev.prevent_default(); saved.set(false); errors.set(vec![]); failure.set(None); save.dispatch(()); }>
                <div class="row">
                    <Field name="namePl" label=M::ProfileNamePl value=name_pl errors/>
                    <Field name="nameEn" label=M::ProfileNameEn value=name_en errors/>
                </div>
                <div class="row">
                    <Field name="acronym" label=M::Acronym value=acronym errors/>
                    <PartialDateInput name="foundedOn" label=M::ProfileFoundedOn value=founded_on errors/>
                </div>
                <Field name="descriptionPl" label=M::DescriptionPl value=description_pl errors multiline=true/>
                <Field name="descriptionEn" label=M::DescriptionEn value=description_en errors multiline=true/>
                <div class="row">
                    <div class="field">
                        <label for="cluster-voivodeship">{move || i18n.t(M::FacetVoivodeship)}</label>
                        <select id="cluster-voivodeship" on:change=move |ev| voivodeship.set(event_target_value(&ev))>
                            <option value="">"—"</option>
                            {voivodeships.into_iter().map(|v| {
                                let value = code(&v.code);
                                let selected = value == voivodeship.get_untracked();
                                view! { <option value=value selected=selected>{v.name}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                    <Field name="city" label=M::City value=city errors/>
                </div>
                <div class="row">
                    <Field name="address" label=M::Address value=address errors/>
                    <Field name="postalCode" label=M::PostalCode value=postal_code errors/>
                </div>
                <div class="row">
                    <Field name="phone" label=M::Phone value=phone errors kind="tel"/>
                    <Field name="email" label=M::Email value=email errors kind="email"/>
                    <Field name="website" label=M::Website value=website errors kind="url"/>
                </div>
                <div class="row">
                    <Field name="strategyFrom" label=M::StrategyFrom value=strategy_from errors kind="number"/>
                    <Field name="strategyTo" label=M::StrategyTo value=strategy_to errors kind="number"/>
                </div>
                <ListsFields lists errors/>
                <p class="error" role="alert" data-test="cluster-form-other">{unshown}</p>
                {move || failure.get().map(|error| view! { <ErrorNote error/> })}
                {move || saved.get().then(|| view! { <p class="ok" role="status" data-test="cluster-saved">{move || i18n.t(M::Saved)}</p> })}
                <button type="submit" disabled=move || save.pending().get()>{move || i18n.t(M::Save)}</button>
            </form>
        </section>
    }
}

/// The fields the form shows under their inputs.
const SHOWN: [&str; 14] = [
    "namePl",
    "nameEn",
    "acronym",
    "foundedOn",
    "descriptionPl",
    "descriptionEn",
    "city",
    "address",
    "postalCode",
    "phone",
    "email",
    "website",
    "strategyFrom",
    "strategyTo",
];
