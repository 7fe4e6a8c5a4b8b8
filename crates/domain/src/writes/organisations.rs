//! Creating, editing and deleting organisations.

use super::clusters::voivodeship;
use super::{Patch, patch_checked, patch_text};
use crate::DomainResult;
use crate::db::transaction::begin;
use crate::db::versioned::{
    self, delete_versioned, load_versioned, require_exists, save_versioned,
};
use crate::platform::change::Change;
use crate::platform::journal;
use crate::reads::reference::sector_ids;
use crate::rules::access::Actor;
use crate::rules::text::fold;
use crate::rules::validation::{self, Checks};
use crate::{FieldError, FieldErrorCode};
use chrono::Utc;
use klastry_entity::{OrganisationKind, membership, organisation, organisation_sector};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, NotSet,
    QueryFilter, Set,
};

/// What a search of organisations matches: the name and city, folded.
pub(crate) fn search_text(name: &str, city: Option<&str>) -> String {
    fold(&format!("{name} {}", city.unwrap_or_default()))
}

/// The editable fields of an organisation; each `None` leaves the field as it is.
#[derive(Debug, Clone, Default)]
pub struct OrganisationFields {
    /// Name.
    pub name: Option<String>,
    /// Kind.
    pub kind: Patch<OrganisationKind>,
    /// NIP (tax number).
    pub nip: Patch<String>,
    /// REGON (9 or 14 digits).
    pub regon: Patch<String>,
    /// KRS number.
    pub krs: Patch<String>,
    /// Voivodeship (TERYT code).
    pub voivodeship_teryt: Patch<String>,
    /// City.
    pub city: Patch<String>,
    /// Street address.
    pub address: Patch<String>,
    /// Postal code (NN-NNN).
    pub postal_code: Patch<String>,
    /// Telephone.
    pub phone: Patch<String>,
    /// Contact e-mail.
    pub email: Patch<String>,
    /// Web site.
    pub website: Patch<String>,
    /// What the organisation does.
    pub description: Patch<String>,
    /// Sector codes, replacing the current ones.
    pub sector_codes: Option<Vec<String>>,
}

fn apply(
    current: Option<&organisation::Model>,
    fields: &OrganisationFields,
) -> DomainResult<organisation::ActiveModel> {
    let mut checks = Checks::default();
    let old = |f: fn(&organisation::Model) -> Option<String>| current.and_then(f);
    let name = match (&fields.name, current) {
        (Some(name), _) => checks.check(validation::required_text("name", name, 300)),
        (None, Some(o)) => Some(o.name.clone()),
        (None, None) => {
            checks.fail(FieldError::new(
                "name",
                FieldErrorCode::Required,
                "must be given for a new organisation",
            ));
            None
        }
    };
    let nip = patch_checked(
        &mut checks,
        "nip",
        old(|o| o.nip.clone()),
        &fields.nip,
        validation::nip,
    );
    let regon = patch_checked(
        &mut checks,
        "regon",
        old(|o| o.regon.clone()),
        &fields.regon,
        validation::regon,
    );
    let krs = patch_checked(
        &mut checks,
        "krs",
        old(|o| o.krs.clone()),
        &fields.krs,
        validation::krs,
    );
    let voivodeship_teryt = patch_checked(
        &mut checks,
        "voivodeship",
        old(|o| o.voivodeship_teryt.clone()),
        &fields.voivodeship_teryt,
        voivodeship,
    );
    let city = patch_text(
        &mut checks,
        "city",
        old(|o| o.city.clone()),
        &fields.city,
        100,
    );
    let address = patch_text(
        &mut checks,
        "address",
        old(|o| o.address.clone()),
        &fields.address,
        300,
    );
    let postal_code = patch_checked(
        &mut checks,
        "postalCode",
        old(|o| o.postal_code.clone()),
        &fields.postal_code,
        |f, v| validation::postal_code(f, v.trim()).map(|_| v.trim().to_string()),
    );
    let phone = patch_checked(
        &mut checks,
        "phone",
        old(|o| o.phone.clone()),
        &fields.phone,
        validation::phone,
    );
    let email = patch_checked(
        &mut checks,
        "email",
        old(|o| o.email.clone()),
        &fields.email,
        validation::email,
    );
    let website = patch_checked(
        &mut checks,
        "website",
        old(|o| o.website.clone()),
        &fields.website,
        validation::url,
    );
    let description = patch_text(
        &mut checks,
        "description",
        old(|o| o.description.clone()),
        &fields.description,
        20_000,
    );
    checks.finish()?;
    let name = name.unwrap_or_default();
    let now = Utc::now();
    let mut row = match current {
        Some(o) => {
            let mut row: organisation::ActiveModel = o.clone().into();
            row.updated_at = Set(now);
            row
        }
        None => organisation::ActiveModel {
            id: NotSet,
            kind: Set(None),
            country: Set("PL".into()),
            source_document_id: Set(None),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        },
    };
    row.sort_name = Set(fold(&name));
    row.search_text = Set(search_text(&name, city.as_deref()));
    row.name = Set(name);
    if let Some(kind) = fields.kind {
        // A kind set through the API is stated: whatever rule had inferred it no longer does.
        row.kind = Set(kind);
        row.kind_inferred_by = Set(None);
    }
    row.nip = Set(nip);
    row.regon = Set(regon);
    row.krs = Set(krs);
    row.voivodeship_teryt = Set(voivodeship_teryt);
    row.city = Set(city);
    row.address = Set(address);
    row.postal_code = Set(postal_code);
    row.phone = Set(phone);
    row.email = Set(email);
    row.website = Set(website);
    row.description = Set(description);
    Ok(row)
}

/// A new organisation's row, checked by the rules of [`create`] that need no database (a bulk
/// import matches identifiers itself, in batches, and writes many rows at once).
/// Every new row sets the same columns (a kind's rule is cleared even when no kind is given),
/// so that rows with and without a kind are written by the same multi-row INSERT.
pub(crate) fn prepare_new(fields: &OrganisationFields) -> DomainResult<organisation::ActiveModel> {
    let mut row = apply(None, fields)?;
    if row.kind_inferred_by.is_not_set() {
        row.kind_inferred_by = Set(None);
    }
    Ok(row)
}

/// Refuses identifiers another organisation already has, and resolves sector codes.
async fn check_references<C: ConnectionTrait>(
    db: &C,
    row: &organisation::ActiveModel,
    fields: &OrganisationFields,
    own_id: Option<i32>,
) -> DomainResult<Option<Vec<i32>>> {
    let mut checks = Checks::default();
    let identifiers = [
        (
            "nip",
            "NIP",
            organisation::Column::Nip,
            row.nip.clone().take().flatten(),
            fields.nip.is_some(),
        ),
        (
            "regon",
            "REGON",
            organisation::Column::Regon,
            row.regon.clone().take().flatten(),
            fields.regon.is_some(),
        ),
        (
            "krs",
            "KRS",
            organisation::Column::Krs,
            row.krs.clone().take().flatten(),
            fields.krs.is_some(),
        ),
    ];
    for (field, name, column, value, changed) in identifiers {
        let Some(value) = value.filter(|_| changed) else {
            continue;
        };
        let holder = organisation::Entity::find()
            .filter(column.eq(value))
            .one(db)
            .await?;
        if let Some(holder) = holder.filter(|h| Some(h.id) != own_id) {
            checks.fail(FieldError::new(
                field,
                FieldErrorCode::NotUnique,
                format!("this {name} is already registered for '{}'", holder.name),
            ));
        }
    }
    let sectors = match &fields.sector_codes {
        Some(codes) => checks.check(sector_ids(db, "sectors", codes).await),
        None => None,
    };
    checks.finish()?;
    Ok(sectors)
}

async fn replace_sectors<C: ConnectionTrait>(
    db: &C,
    organisation_id: i32,
    sectors: &[i32],
) -> DomainResult<()> {
    let now = Utc::now();
    let rows = sectors
        .iter()
        .map(|sector| organisation_sector::ActiveModel {
            organisation_id: Set(organisation_id),
            sector_id: Set(*sector),
            created_at: Set(now),
            updated_at: Set(now),
        });
    versioned::replace_rows::<organisation_sector::Entity, _>(
        db,
        organisation_sector::Column::OrganisationId,
        organisation_id,
        rows.collect(),
    )
    .await
}

/// Adds an organisation to the registry (operators).
pub async fn create(
    db: &DatabaseConnection,
    actor: &Actor,
    fields: &OrganisationFields,
) -> DomainResult<organisation::Model> {
    actor.require_operator()?;
    let txn = begin(db).await?;
    let created = insert(&txn, Some(actor), fields).await?;
    txn.commit().await?;
    Ok(created)
}

/// Validates and inserts an organisation inside the caller's transaction, recording it as done
/// by `actor` (None: the system). Whoever calls it has checked that the actor may.
pub(crate) async fn insert(
    txn: &sea_orm::DatabaseTransaction,
    actor: Option<&Actor>,
    fields: &OrganisationFields,
) -> DomainResult<organisation::Model> {
    let row = apply(None, fields)?;
    let sectors = check_references(txn, &row, fields, None).await?;
    let created = row.insert(txn).await?;
    if let Some(sectors) = sectors {
        replace_sectors(txn, created.id, &sectors).await?;
    }
    journal::record(
        txn,
        actor,
        Change::created("Organisation", created.id, &created).scoped(None, Some(created.id)),
    )
    .await?;
    Ok(created)
}

/// Changes an organisation's profile (its members and operators). A new name is carried to
/// its memberships, which page by it.
pub async fn update(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    version: i32,
    fields: &OrganisationFields,
) -> DomainResult<organisation::Model> {
    actor.require_member(id)?;
    let txn = begin(db).await?;
    let before =
        load_versioned::<organisation::Entity, _>(&txn, id, version, "organisation").await?;
    let row = apply(Some(&before), fields)?;
    let sectors = check_references(&txn, &row, fields, Some(id)).await?;
    let after =
        save_versioned::<organisation::Entity, _>(&txn, id, version, row, "organisation").await?;
    if after.sort_name != before.sort_name {
        membership::Entity::update_many()
            .col_expr(
                membership::Column::MemberSortName,
                Expr::value(after.sort_name.clone()),
            )
            .filter(membership::Column::OrganisationId.eq(id))
            .exec(&txn)
            .await?;
    }
    if let Some(sectors) = sectors {
        replace_sectors(&txn, id, &sectors).await?;
    }
    journal::record(
        &txn,
        Some(actor),
        Change::updated("Organisation", id, &before, &after).scoped(None, Some(id)),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// Removes an organisation and its memberships (operators).
pub async fn delete(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    version: i32,
) -> DomainResult<organisation::Model> {
    actor.require_operator()?;
    let txn = begin(db).await?;
    let current = require_exists::<organisation::Entity, _>(&txn, id, "organisation").await?;
    let before =
        delete_versioned::<organisation::Entity>(&txn, current, version, "organisation").await?;
    journal::record(
        &txn,
        Some(actor),
        Change::deleted("Organisation", id, &before).scoped(None, Some(id)),
    )
    .await?;
    txn.commit().await?;
    Ok(before)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::DomainError;

    #[test]
    fn identifiers_are_checked_and_normalised() {
        let fields = OrganisationFields {
            name: Some("Huta Łabędy".into()),
            nip: Some(Some("PL 526-025-09-95".into())),
            regon: Some(Some("123456786".into())),
            ..Default::default()
        };
        let Err(DomainError::Rejected(errors)) = apply(None, &fields) else {
            panic!("a bad REGON was accepted");
        };
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, "regon");
        let fields = OrganisationFields {
            regon: Some(Some("123456785".into())),
            ..fields
        };
        let row = apply(None, &fields).expect("valid fields");
        assert_eq!(row.nip.as_ref().as_deref(), Some("5260250995"));
        assert_eq!(row.sort_name.as_ref(), "huta labedy");
    }

    #[test]
    fn new_rows_set_the_same_columns_with_or_without_a_kind() {
        use sea_orm::Iterable;
        let columns = |fields: &OrganisationFields| {
            let row = prepare_new(fields).expect("valid fields");
            organisation::Column::iter()
                .map(|c| row.get(c).is_set())
                .collect::<Vec<_>>()
        };
        let plain = OrganisationFields {
            name: Some("A".into()),
            ..Default::default()
        };
        let kind = OrganisationFields {
            kind: Some(Some(OrganisationKind::SmallEnterprise)),
            ..plain.clone()
        };
        assert_eq!(columns(&plain), columns(&kind));
    }

    #[test]
    fn clearing_an_identifier_is_allowed() {
        let fields = OrganisationFields {
            name: Some("X".into()),
            nip: Some(None),
            ..Default::default()
        };
        let row = apply(None, &fields).expect("valid fields");
        assert_eq!(row.nip.as_ref(), &None);
    }
}
