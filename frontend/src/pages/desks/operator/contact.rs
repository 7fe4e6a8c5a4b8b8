//! The registry operator's contact, changed from the operator's desk: the contact person,
//! e-mail, phone and postal address the contact page and the accessibility statement show.
//! An emptied field clears its value; refusals show under their fields, and a save says so.

use super::super::refused_field;
use super::editor::{RecordLoader, keep_version};
use super::version_of;
use crate::api;
use crate::components::{Field, Form, Report, action};
use crate::i18n::{M, use_i18n};
use crate::queries::*;
use crate::values::text;
use leptos::prelude::*;
use serde_json::Value;

/// The fields the form shows, as `userErrors` name them.
const FIELDS: &[&str] = &["contactPerson", "email", "phone", "postalAddress"];

/// The operator's contact, read afresh, in a form to change it.
#[component]
pub fn ContactPanel() -> impl IntoView {
    let i18n = use_i18n();
    let read = || api::read::<OperatorContact>(operator_contact::Variables {});
    let editor = |contact| view! { <ContactEditor contact/> }.into_any();
    view! {
        <section id="operator-contact" data-test="operator-contact-desk">
            <h2>{move || i18n.t(M::OperatorContactTitle)}</h2>
            <p class="meta">{move || i18n.t(M::OperatorContactLead)}</p>
            <RecordLoader read key="operatorContact" editor/>
        </section>
    }
}

/// The form, the version it names kept up to date by each save (so saves follow one another
/// without reading the contact again).
#[component]
fn ContactEditor(contact: Value) -> impl IntoView {
    let s = |key: &str| RwSignal::new(text(&contact, key));
    let person = s("contactPerson");
    let email = s("email");
    let phone = s("phone");
    let address = s("postalAddress");
    let version = RwSignal::new(version_of(&contact));
    let report = Report::new();
    let save = action(move |_: &()| {
        // Every field is sent: an emptied one ("") clears its value.
        let t = |v: RwSignal<String>| Some(v.get_untracked().trim().to_owned());
        let input = set_operator_contact::SetOperatorContactInput {
            version: version.get_untracked(),
            contact_person: t(person),
            email: t(email),
            phone: t(phone),
            postal_address: t(address),
        };
        async move {
            let answer =
                api::mutate::<SetOperatorContact>(set_operator_contact::Variables { input }).await;
            keep_version(&answer, "operatorContact", version);
            answer.map(|a| (a.written, a.errors)).or_else(refused_field)
        }
    });
    let errors = report.errors;
    view! {
        <Form action=save report submit=M::Save fields=FIELDS done=M::Saved test="operator-contact-form">
            <Field name="contactPerson" label=M::ContactPerson value=person errors/>
            <div class="row">
                <Field name="email" label=M::Email value=email errors kind="email"/>
                <Field name="phone" label=M::Phone value=phone errors kind="tel"/>
            </div>
            <Field name="postalAddress" label=M::PostalAddress value=address errors multiline=true/>
        </Form>
    }
}
