//! The registry operator's contact as the text pages show it (`Block::OperatorContact`): read
//! from the registry when the page opens; nothing while it is read, when it cannot be, or when
//! no field of it is set, so the page then reads as it does without it.

use crate::api;
use crate::i18n::{Lang, M};
use crate::queries::{OperatorContact, operator_contact};
use crate::values::text_at;
use leptos::prelude::*;

/// How a text page shows the operator's contact.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContactLayout {
    /// A sentence, then each field given under its name: the person, the e-mail as a mailto
    /// link, the phone as a tel link, the postal address (the contact page).
    Details,
    /// The accessibility statement's sentences: who the contact person is, their e-mail
    /// address and phone number.
    Statement,
}

/// The operator's contact laid out as `layout` says, in `lang`.
#[component]
pub fn OperatorContactView(layout: ContactLayout, lang: Lang) -> impl IntoView {
    let data = LocalResource::new(|| api::read::<OperatorContact>(operator_contact::Variables {}));
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let contact = data.await.map(|d| d["operatorContact"].clone()).unwrap_or_default();
                let given = |key| text_at(&contact, key).filter(|v| !v.trim().is_empty());
                let fields = Fields {
                    person: given("contactPerson"),
                    email: given("email"),
                    phone: given("phone"),
                    address: given("postalAddress"),
                };
                match layout {
                    ContactLayout::Details => details(fields, lang),
                    ContactLayout::Statement => statement(fields, lang),
                }
            })}
        </Transition>
    }
}

/// The fields of the contact that are set.
struct Fields {
    person: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    address: Option<String>,
}

/// A mailto link to `email`.
fn mail_link(email: String) -> AnyView {
    let href = format!("mailto:{email}");
    view! { <a href=href>{email}</a> }.into_any()
}

/// A tel link to `phone`, dialled as its digits (and a leading +).
fn phone_link(phone: String) -> AnyView {
    let dialled: String = phone
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    let href = format!("tel:{dialled}");
    view! { <a href=href>{phone}</a> }.into_any()
}

fn details(f: Fields, lang: Lang) -> AnyView {
    if f.person.is_none() && f.email.is_none() && f.phone.is_none() && f.address.is_none() {
        return ().into_any();
    }
    let row = |name: M, value: Option<AnyView>, test: &'static str| {
        value.map(|v| view! { <dt>{name.text(lang)}</dt><dd data-test=test>{v}</dd> })
    };
    let address = f.address.map(|a| {
        a.lines()
            .enumerate()
            .map(|(i, line)| view! { {(i > 0).then(|| view! { <br/> })}{line.to_owned()} })
            .collect_view()
            .into_any()
    });
    view! {
        <div data-test="operator-contact">
            <p>{M::ContactOperatorDirect.text(lang)}</p>
            <dl class="facts">
                {row(M::ContactPerson, f.person.map(|p| p.into_any()), "operator-contact-person")}
                {row(M::Email, f.email.map(mail_link), "operator-contact-email")}
                {row(M::Phone, f.phone.map(phone_link), "operator-contact-phone")}
                {row(M::PostalAddress, address, "operator-contact-address")}
            </dl>
        </div>
    }
    .into_any()
}

fn statement(f: Fields, lang: Lang) -> AnyView {
    if f.person.is_none() && f.email.is_none() && f.phone.is_none() {
        return ().into_any();
    }
    view! {
        <p data-test="a11y-contact-person">
            {f.person.map(|p| view! { {M::A11yContactPerson.text(lang)}" "<strong>{p}</strong>". " })}
            {f.email.map(|e| view! { {M::A11yContactEmail.text(lang)}" "{mail_link(e)}". " })}
            {f.phone.map(|p| view! { {M::A11yContactPhone.text(lang)}" "{phone_link(p)}"." })}
        </p>
    }
    .into_any()
}
