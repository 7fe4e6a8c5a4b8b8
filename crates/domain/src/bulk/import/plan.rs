//! The checks of a row that need no database, made for every row before the import reads or
//! writes anything. Each check's outcome is kept, not raised, so that applying a row reports the
//! same first failure as the rules always did: a row's database checks (is its cluster known,
//! is it already registered) come between some of its pure ones.

use super::ImportRow;
use super::parse::{number, required, set, text, value_of};
use crate::rules::validation;
use crate::writes::organisations::{self, OrganisationFields};
use crate::{DomainError, DomainResult, FieldErrorCode};
use klastry_entity::{MembershipRole, MembershipStatus, OrganisationKind, organisation};

/// The identifiers an organisation is matched by, in the order they are tried.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Identifier {
    Nip,
    Regon,
    Krs,
}

impl Identifier {
    pub(super) const ALL: [Identifier; 3] = [Identifier::Nip, Identifier::Regon, Identifier::Krs];

    /// Its field in the import.
    pub(super) fn field(self) -> &'static str {
        match self {
            Identifier::Nip => "nip",
            Identifier::Regon => "regon",
            Identifier::Krs => "krs",
        }
    }

    pub(super) fn column(self) -> organisation::Column {
        match self {
            Identifier::Nip => organisation::Column::Nip,
            Identifier::Regon => organisation::Column::Regon,
            Identifier::Krs => organisation::Column::Krs,
        }
    }

    /// The value as stored: checked and normalised by the registry's rule.
    fn check(self, value: &str) -> DomainResult<String> {
        match self {
            Identifier::Nip => validation::nip("nip", value),
            Identifier::Regon => validation::regon("regon", value),
            Identifier::Krs => validation::krs("krs", value),
        }
    }
}

/// What a row is, as far as it can be told without the database.
pub(super) enum Plan {
    Organisation(Box<OrganisationPlan>),
    /// Clusters are few and checked as they are applied, one at a time.
    Cluster,
    Membership(Box<MembershipPlan>),
}

pub(super) struct OrganisationPlan {
    pub registry_id: Option<i32>,
    /// The identifiers given, in the order they are matched: stored form, or why not.
    pub identifiers: Vec<(Identifier, DomainResult<String>)>,
    /// The name it is matched by when it has no identifier.
    pub name: String,
    /// The new organisation, by the API's rules.
    pub row: DomainResult<organisation::ActiveModel>,
}

pub(super) struct MembershipPlan {
    pub slug: DomainResult<String>,
    pub organisation: DomainResult<Option<i32>>,
    pub terms: DomainResult<Terms>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Terms {
    pub role: MembershipRole,
    pub status: MembershipStatus,
    pub joined_on: Option<String>,
    pub left_on: Option<String>,
}

/// The plan of a row, or the first rule it breaks before the database is asked anything.
pub(super) fn plan(row: &ImportRow) -> DomainResult<Plan> {
    match row.kind {
        "organisation" => Ok(Plan::Organisation(Box::new(organisation_plan(row)?))),
        "cluster" => Ok(Plan::Cluster),
        _ => Ok(Plan::Membership(Box::new(MembershipPlan {
            slug: required(&row.fields, "clusterSlug"),
            organisation: number(&row.fields, "organisationRegistryId"),
            terms: terms(row),
        }))),
    }
}

fn organisation_plan(row: &ImportRow) -> DomainResult<OrganisationPlan> {
    let f = &row.fields;
    let registry_id = number(f, "registryId")?;
    let name = required(f, "name")?;
    let fields = OrganisationFields {
        name: Some(name.clone()),
        kind: value_of::<OrganisationKind>(f, "kind", "the organisation kinds of the API")?
            .map(Some),
        nip: set(text(f, "nip")?),
        regon: set(text(f, "regon")?),
        krs: set(text(f, "krs")?),
        voivodeship_teryt: set(text(f, "voivodeshipTeryt")?),
        city: set(text(f, "city")?),
        address: set(text(f, "address")?),
        postal_code: set(text(f, "postalCode")?),
        phone: set(text(f, "phone")?),
        email: set(text(f, "email")?),
        website: set(text(f, "website")?),
        description: set(text(f, "description")?),
        sector_codes: None,
    };
    if let Some(country) = text(f, "country")?
        && country != "PL"
    {
        return Err(DomainError::invalid(
            "country",
            FieldErrorCode::NotAllowed,
            "only Polish organisations (PL) can be imported yet",
        ));
    }
    let mut identifiers = Vec::new();
    for identifier in Identifier::ALL {
        if let Some(value) = text(f, identifier.field())? {
            identifiers.push((identifier, identifier.check(&value)));
        }
    }
    Ok(OrganisationPlan {
        registry_id,
        identifiers,
        name: name.trim().to_owned(),
        row: organisations::prepare_new(&fields),
    })
}

fn terms(row: &ImportRow) -> DomainResult<Terms> {
    let f = &row.fields;
    let role = value_of::<MembershipRole>(f, "role", "COORDINATOR, MEMBER, STRATEGIC_PARTNER")?
        .unwrap_or(MembershipRole::Member);
    let status = value_of::<MembershipStatus>(f, "status", "ACTIVE, LEFT")?
        .unwrap_or(MembershipStatus::Active);
    if !matches!(status, MembershipStatus::Active | MembershipStatus::Left) {
        return Err(DomainError::invalid(
            "status",
            FieldErrorCode::NotAllowed,
            "must be ACTIVE or LEFT: applications go through applyForMembership",
        ));
    }
    let date = |name: &str| -> DomainResult<Option<String>> {
        text(f, name)?
            .map(|d| validation::partial_date(name, &d).map(|d| d.to_string()))
            .transpose()
    };
    let (joined_on, left_on) = (date("joinedOn")?, date("leftOn")?);
    if left_on.is_some() && status == MembershipStatus::Active {
        return Err(DomainError::invalid(
            "leftOn",
            FieldErrorCode::NotAllowed,
            "an ACTIVE membership has no leaving date",
        ));
    }
    Ok(Terms {
        role,
        status,
        joined_on,
        left_on,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    fn row(kind: &'static str, fields: Value) -> ImportRow {
        ImportRow {
            source: 0,
            line: 1,
            kind,
            fields: fields.as_object().cloned().unwrap_or_default(),
        }
    }

    fn field_of(error: &DomainError) -> String {
        match error {
            DomainError::Invalid(e) => e.field.clone(),
            DomainError::Rejected(list) => list[0].field.clone(),
            other => panic!("unexpected {other}"),
        }
    }

    #[test]
    fn an_organisation_keeps_each_identifier_checked_in_matching_order() {
        let Ok(Plan::Organisation(p)) = plan(&row(
            "organisation",
            json!({ "name": " Huta ", "regon": "123456786", "nip": "526-025-09-95", "registryId": "7" }),
        )) else {
            panic!("a plan");
        };
        assert_eq!(p.registry_id, Some(7));
        assert_eq!(p.name, "Huta");
        let ids: Vec<_> = p.identifiers.iter().map(|(i, _)| *i).collect();
        assert_eq!(ids, vec![Identifier::Nip, Identifier::Regon]);
        assert_eq!(p.identifiers[0].1.as_deref().ok(), Some("5260250995"));
        assert!(p.identifiers[1].1.is_err(), "a bad REGON checksum");
        // The new row is refused for the REGON too, but only if no match is found first.
        assert!(p.row.is_err());
    }

    #[test]
    fn an_organisation_fails_first_on_what_the_rules_check_first() {
        let error = plan(&row(
            "organisation",
            json!({ "name": "X", "country": "DE", "kind": "NOPE" }),
        ))
        .err()
        .expect("refused");
        assert_eq!(field_of(&error), "kind");
        let error = plan(&row(
            "organisation",
            json!({ "name": "X", "country": "DE" }),
        ))
        .err()
        .expect("refused");
        assert_eq!(field_of(&error), "country");
    }

    #[test]
    fn membership_terms_are_checked_apart_from_its_references() {
        let Ok(Plan::Membership(p)) = plan(&row(
            "membership",
            json!({ "organisationRegistryId": "x", "status": "ACTIVE", "leftOn": "2020" }),
        )) else {
            panic!("a plan");
        };
        assert_eq!(field_of(&p.slug.expect_err("no slug")), "clusterSlug");
        assert_eq!(
            field_of(&p.organisation.expect_err("not a number")),
            "organisationRegistryId"
        );
        assert_eq!(field_of(&p.terms.expect_err("left while active")), "leftOn");
        let Ok(Plan::Membership(p)) = plan(&row(
            "membership",
            json!({ "clusterSlug": "k", "organisationRegistryId": 3, "status": "LEFT", "joinedOn": "2019-03", "leftOn": "2023" }),
        )) else {
            panic!("a plan");
        };
        assert_eq!(
            p.terms.ok(),
            Some(Terms {
                role: MembershipRole::Member,
                status: MembershipStatus::Left,
                joined_on: Some("2019-03".into()),
                left_on: Some("2023".into()),
            })
        );
    }
}
