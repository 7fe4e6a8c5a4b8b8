//! Adding, changing and deleting organisations: their profile, identifiers and sectors (the
//! domain's `writes::organisations`).
//!
//! A new mutation of an organisation's own profile goes here; its part in clusters is in
//! `memberships`.

use super::support::{IntoDomain, patch, payload, text, versioned_mutations};
use crate::types::enums::{OrganisationKind, VoivodeshipCode};
use crate::types::organisation::Organisation;
use async_graphql::{ID, InputObject, MaybeUndefined, Result};
use klastry_domain::writes::organisations;

payload!(OrganisationPayload, organisation: Organisation, "An organisation after a change.");

/// An organisation's profile. On update, a field left out stays as it is and `null` clears it.
#[derive(InputObject, Default)]
pub struct OrganisationFieldsInput {
    /// Registered name.
    pub name: Option<String>,
    /// What kind of organisation it is: an enterprise of a size class, a university, ….
    pub kind: MaybeUndefined<OrganisationKind>,
    /// NIP, 10 digits with a check digit (spaces, dashes and a PL prefix are accepted).
    pub nip: MaybeUndefined<String>,
    /// REGON, 9 or 14 digits with a check digit.
    pub regon: MaybeUndefined<String>,
    /// KRS number, 10 digits.
    pub krs: MaybeUndefined<String>,
    /// Voivodeship of the seat.
    pub voivodeship: MaybeUndefined<VoivodeshipCode>,
    /// City of the seat.
    pub city: MaybeUndefined<String>,
    /// Street address of the seat.
    pub address: MaybeUndefined<String>,
    /// Postal code, NN-NNN.
    pub postal_code: MaybeUndefined<String>,
    /// Contact telephone number.
    pub phone: MaybeUndefined<String>,
    /// Contact e-mail.
    pub email: MaybeUndefined<String>,
    /// Web site, http:// or https://.
    pub website: MaybeUndefined<String>,
    /// What the organisation does.
    pub description: MaybeUndefined<String>,
    /// Sector codes, replacing the current ones.
    pub sectors: Option<Vec<String>>,
}

impl IntoDomain for OrganisationFieldsInput {
    type Domain = organisations::OrganisationFields;

    fn into_domain(self) -> Result<organisations::OrganisationFields> {
        Ok(organisations::OrganisationFields {
            name: self.name,
            kind: patch(self.kind, Into::into),
            nip: text(self.nip),
            regon: text(self.regon),
            krs: text(self.krs),
            voivodeship_teryt: patch(self.voivodeship, |v| v.teryt().to_string()),
            city: text(self.city),
            address: text(self.address),
            postal_code: text(self.postal_code),
            phone: text(self.phone),
            email: text(self.email),
            website: text(self.website),
            description: text(self.description),
            sector_codes: self.sectors,
        })
    }
}

/// A new organisation.
#[derive(InputObject)]
pub struct CreateOrganisationInput {
    /// The profile; `name` is required.
    #[graphql(flatten)]
    pub fields: OrganisationFieldsInput,
}

/// A change to an organisation's profile.
#[derive(InputObject)]
pub struct UpdateOrganisationInput {
    /// The global ID of the organisation to change.
    pub id: ID,
    /// The version the change is based on, as last read; a stale one is a CONFLICT error and
    /// nothing is written.
    pub version: i32,
    /// The fields to change; those left out stay as they are.
    #[graphql(flatten)]
    pub fields: OrganisationFieldsInput,
}

versioned_mutations! {
    /// Adding, changing and deleting organisations.
    pub struct OrganisationMutations;
    node: Organisation, payload: OrganisationPayload(Organisation);
    /// Adds an organisation (operators).
    create_organisation(CreateOrganisationInput) => organisations::create;
    /// Changes an organisation's profile (its members and operators).
    update_organisation(UpdateOrganisationInput) => organisations::update;
    /// Deletes an organisation and its memberships (operators).
    delete_organisation => organisations::delete;
}
