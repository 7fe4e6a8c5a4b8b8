//! Changing the registry operator's contact for the public (operators): the contact person,
//! e-mail, telephone and postal address the contact page and the accessibility statement show.

use super::{Patch, patch_checked, patch_text};
use crate::DomainResult;
use crate::db::transaction::begin;
use crate::db::versioned::{load_versioned, save_versioned};
use crate::platform::change::Change;
use crate::platform::journal;
use crate::reads::operator_contact::ROW_ID;
use crate::rules::access::Actor;
use crate::rules::validation::{self, Checks};
use klastry_entity::operator_contact;
use sea_orm::{DatabaseConnection, Set};

/// The longest contact person's name.
pub const MAX_CONTACT_PERSON: usize = 200;
/// The longest postal address.
pub const MAX_POSTAL_ADDRESS: usize = 500;

/// The editable fields of the operator's contact; each `None` leaves the field as it is, and
/// `Some(None)` or an empty text clears it.
#[derive(Debug, Clone, Default)]
pub struct ContactFields {
    /// The contact person's name.
    pub contact_person: Patch<String>,
    /// The contact e-mail address.
    pub email: Patch<String>,
    /// The contact telephone number.
    pub phone: Patch<String>,
    /// The postal address.
    pub postal_address: Patch<String>,
}

/// Checks `fields` against the contact as it is (every failure at once) and returns the
/// columns to write.
pub fn apply(
    current: &operator_contact::Model,
    fields: &ContactFields,
) -> DomainResult<operator_contact::ActiveModel> {
    let mut checks = Checks::default();
    let contact_person = patch_text(
        &mut checks,
        "contactPerson",
        current.contact_person.clone(),
        &fields.contact_person,
        MAX_CONTACT_PERSON,
    );
    let email = patch_checked(
        &mut checks,
        "email",
        current.email.clone(),
        &fields.email,
        validation::email,
    );
    let phone = patch_checked(
        &mut checks,
        "phone",
        current.phone.clone(),
        &fields.phone,
        validation::phone,
    );
    let postal_address = patch_text(
        &mut checks,
        "postalAddress",
        current.postal_address.clone(),
        &fields.postal_address,
        MAX_POSTAL_ADDRESS,
    );
    checks.finish()?;
    Ok(operator_contact::ActiveModel {
        contact_person: Set(contact_person),
        email: Set(email),
        phone: Set(phone),
        postal_address: Set(postal_address),
        ..Default::default()
    })
}

/// Changes the operator's contact (operators), based on `version` as last read: a stale one is
/// `Conflict` and nothing is written. The audit trail records it as an UPDATE of
/// `OperatorContact` 1.
pub async fn set(
    db: &DatabaseConnection,
    actor: &Actor,
    version: i32,
    fields: &ContactFields,
) -> DomainResult<operator_contact::Model> {
    actor.require_operator()?;
    let txn = begin(db).await?;
    let before =
        load_versioned::<operator_contact::Entity, _>(&txn, ROW_ID, version, "operator contact")
            .await?;
    let row = apply(&before, fields)?;
    let after = save_versioned::<operator_contact::Entity, _>(
        &txn,
        ROW_ID,
        version,
        row,
        "operator contact",
    )
    .await?;
    journal::record(
        &txn,
        Some(actor),
        Change::updated("OperatorContact", ROW_ID, &before, &after),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{DomainError, FieldErrorCode};
    use chrono::Utc;

    fn stored() -> operator_contact::Model {
        operator_contact::Model {
            id: ROW_ID,
            contact_person: Some("Anna Nowak".into()),
            email: Some("kontakt@klastry.pl".into()),
            phone: Some("+48 22 123 45 67".into()),
            postal_address: Some("ul. Prosta 1\n00-001 Warszawa".into()),
            version: 3,
            created_at: Utc::now(),
            updated_at: Utc::now(),
        }
    }

    fn refused(fields: &ContactFields) -> Vec<(String, FieldErrorCode)> {
        match apply(&stored(), fields) {
            Err(DomainError::Rejected(errors)) => {
                errors.into_iter().map(|e| (e.field, e.code)).collect()
            }
            Err(DomainError::Invalid(e)) => vec![(e.field, e.code)],
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn values_are_trimmed_and_the_domain_lower_cased() {
        let fields = ContactFields {
            contact_person: Some(Some("  Jan Kowalski ".into())),
            email: Some(Some(" Dostepnosc@Klastry.PL ".into())),
            ..Default::default()
        };
        let row = apply(&stored(), &fields).expect("valid fields");
        assert_eq!(row.contact_person.as_ref().as_deref(), Some("Jan Kowalski"));
        assert_eq!(row.email.as_ref().as_deref(), Some("Dostepnosc@klastry.pl"));
        assert_eq!(
            row.phone.as_ref().as_deref(),
            Some("+48 22 123 45 67"),
            "a field left out stays"
        );
    }

    #[test]
    fn every_bad_field_is_refused_at_once_with_its_code() {
        let fields = ContactFields {
            contact_person: Some(Some("x".repeat(MAX_CONTACT_PERSON + 1))),
            email: Some(Some("not-an-address".into())),
            phone: Some(Some("12".into())),
            postal_address: Some(Some("y".repeat(MAX_POSTAL_ADDRESS + 1))),
        };
        assert_eq!(
            refused(&fields),
            vec![
                ("contactPerson".to_string(), FieldErrorCode::TooLong),
                ("email".to_string(), FieldErrorCode::InvalidFormat),
                ("phone".to_string(), FieldErrorCode::InvalidFormat),
                ("postalAddress".to_string(), FieldErrorCode::TooLong),
            ]
        );
    }

    #[test]
    fn an_empty_or_null_field_clears_the_value() {
        let fields = ContactFields {
            contact_person: Some(Some("   ".into())),
            email: Some(None),
            phone: Some(Some(String::new())),
            postal_address: Some(None),
        };
        let row = apply(&stored(), &fields).expect("clearing is allowed");
        assert_eq!(row.contact_person.as_ref(), &None);
        assert_eq!(row.email.as_ref(), &None);
        assert_eq!(row.phone.as_ref(), &None);
        assert_eq!(row.postal_address.as_ref(), &None);
    }

    #[test]
    fn control_characters_are_refused_but_line_breaks_kept() {
        let fields = ContactFields {
            contact_person: Some(Some("Anna\u{7}".into())),
            postal_address: Some(Some("ul. Prosta 1\r\n00-001 Warszawa".into())),
            ..Default::default()
        };
        assert_eq!(
            refused(&fields),
            vec![("contactPerson".to_string(), FieldErrorCode::InvalidFormat)]
        );
    }
}
