//! Changing the registry operator's contact for the public (the domain's
//! `writes::operator_contact`).

use super::support::{payload, text};
use crate::context::{actor, db};
use crate::types::operator_contact::OperatorContact;
use async_graphql::{Context, InputObject, MaybeUndefined, Object, Result};
use klastry_domain::writes::operator_contact;

payload!(OperatorContactPayload, operator_contact: OperatorContact, "The operator's contact after a change.");

/// A change to the registry operator's contact. A field left out stays as it is; `null` or an
/// empty text clears it.
#[derive(InputObject)]
pub struct SetOperatorContactInput {
    /// The version the change is based on (`OperatorContact.version` as last read); a stale one
    /// is a CONFLICT error and nothing is written.
    pub version: i32,
    /// The name of the person to contact, at most 200 characters.
    pub contact_person: MaybeUndefined<String>,
    /// The e-mail address to write to (INVALID_FORMAT when it is not one).
    pub email: MaybeUndefined<String>,
    /// The telephone number: 7 to 15 digits, with an optional leading +, spaces, dashes and
    /// brackets (INVALID_FORMAT otherwise).
    pub phone: MaybeUndefined<String>,
    /// The postal address, lines separated by line breaks, at most 500 characters.
    pub postal_address: MaybeUndefined<String>,
}

/// Changing the registry operator's contact.
#[derive(Default)]
pub struct OperatorContactMutations;

/// Changing the registry operator's contact.
#[Object]
impl OperatorContactMutations {
    /// Changes the registry operator's contact shown on the contact page and in the
    /// accessibility statement (operators). Every refused field comes back in `userErrors` at
    /// once, with nothing written; the audit trail records the change as an UPDATE of
    /// `OperatorContact`.
    async fn set_operator_contact(
        &self,
        ctx: &Context<'_>,
        input: SetOperatorContactInput,
    ) -> Result<OperatorContactPayload> {
        let actor = actor(ctx)?;
        let fields = operator_contact::ContactFields {
            contact_person: text(input.contact_person),
            email: text(input.email),
            phone: text(input.phone),
            postal_address: text(input.postal_address),
        };
        OperatorContactPayload::from_outcome(
            operator_contact::set(db(ctx), actor, input.version, &fields).await,
            OperatorContact,
        )
    }
}
