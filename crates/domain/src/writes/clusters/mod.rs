//! Creating, editing and deleting clusters.

mod lists;

use super::{Patch, patch_checked, patch_partial_date, patch_text};
use crate::db::transaction::begin;
use crate::db::versioned::{
    delete_versioned, load_versioned, replace_rows, require_exists, save_versioned,
};
use crate::platform::change::Change;
use crate::platform::journal;
use crate::reads::reference::sector_ids;
use crate::rules::access::Actor;
use crate::rules::text::fold;
use crate::rules::validation::{self, Checks};
use crate::{DomainError, DomainResult};
use crate::{FieldError, FieldErrorCode};
use chrono::Utc;
use klastry_entity::{ClusterStatus, cluster, cluster_alias, cluster_sector};
use lists::{check_lists, replace_lists};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, NotSet,
    QueryFilter, Set,
};

/// The editable fields of a cluster; each `None` leaves the field as it is.
#[derive(Debug, Clone, Default)]
pub struct ClusterFields {
    /// URL identifier.
    pub slug: Option<String>,
    /// Polish name.
    pub name_pl: Patch<String>,
    /// English name.
    pub name_en: Patch<String>,
    /// Acronym.
    pub acronym: Patch<String>,
    /// Description in Polish.
    pub description_pl: Patch<String>,
    /// Description in English.
    pub description_en: Patch<String>,
    /// Voivodeship of the seat (TERYT code).
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
    /// Founding date (partial date).
    pub founded_on: Patch<String>,
    /// First year of the development strategy.
    pub strategy_from: Patch<i32>,
    /// Last year of the development strategy.
    pub strategy_to: Patch<i32>,
    /// Whether the cluster operates.
    pub status: Option<ClusterStatus>,
    /// The coordinating organisation.
    pub coordinator_id: Patch<i32>,
    /// Sector codes, replacing the current ones.
    pub sector_codes: Option<Vec<String>>,
    /// Other names the cluster is known by, replacing the current ones (searched too).
    pub aliases: Option<Vec<String>>,
    /// Specialisations, replacing the current ones.
    pub specialisations: Option<Vec<String>>,
    /// Networks and programmes the cluster takes part in, replacing the current ones.
    pub participations: Option<Vec<String>>,
    /// Awards other than KKK and ESCA, replacing the current ones.
    pub awards: Option<Vec<AwardFields>>,
}

/// An award or distinction (other than KKK and ESCA).
#[derive(Debug, Clone, Default)]
pub struct AwardFields {
    /// Name of the award.
    pub name: String,
    /// Who awarded it.
    pub awarded_by: Option<String>,
    /// When (partial date).
    pub awarded_on: Option<String>,
}

/// The 16 voivodeships' TERYT codes.
pub const VOIVODESHIP_CODES: [&str; 16] = [
    "02", "04", "06", "08", "10", "12", "14", "16", "18", "20", "22", "24", "26", "28", "30", "32",
];

/// Checks a voivodeship TERYT code.
pub fn voivodeship(field: &str, value: &str) -> DomainResult<String> {
    if VOIVODESHIP_CODES.contains(&value) {
        Ok(value.to_string())
    } else {
        Err(DomainError::invalid(
            field,
            FieldErrorCode::InvalidFormat,
            format!("'{value}' is not a voivodeship code"),
        ))
    }
}

/// What a search of clusters matches: the names, acronym and city, and every alias, folded.
pub(crate) fn search_text(own: [Option<&str>; 4], aliases: &[String]) -> String {
    let mut searchable: Vec<&str> = own.into_iter().flatten().collect();
    searchable.extend(aliases.iter().map(String::as_str));
    fold(&searchable.join(" | "))
}

/// Applies `fields` to `current` (a new cluster when none), validating all of them.
fn apply(
    current: Option<&cluster::Model>,
    fields: &ClusterFields,
    aliases: &[String],
) -> DomainResult<cluster::ActiveModel> {
    let mut checks = Checks::default();
    let old = |f: fn(&cluster::Model) -> Option<String>| current.and_then(f);
    let slug = match (&fields.slug, current) {
        (Some(slug), _) => {
            checks.check(validation::slug("slug", slug.trim()).map(|_| slug.trim().to_string()))
        }
        (None, Some(c)) => Some(c.slug.clone()),
        (None, None) => {
            checks.fail(FieldError::new(
                "slug",
                FieldErrorCode::Required,
                "must be given for a new cluster",
            ));
            None
        }
    };
    let name_pl = patch_text(
        &mut checks,
        "namePl",
        old(|c| c.name_pl.clone()),
        &fields.name_pl,
        300,
    );
    let name_en = patch_text(
        &mut checks,
        "nameEn",
        old(|c| c.name_en.clone()),
        &fields.name_en,
        300,
    );
    if name_pl.is_none() && name_en.is_none() {
        checks.fail(FieldError::new(
            "namePl",
            FieldErrorCode::Required,
            "a cluster needs a Polish or an English name",
        ));
    }
    let acronym = patch_text(
        &mut checks,
        "acronym",
        old(|c| c.acronym.clone()),
        &fields.acronym,
        64,
    );
    let description_pl = patch_text(
        &mut checks,
        "descriptionPl",
        old(|c| c.description_pl.clone()),
        &fields.description_pl,
        20_000,
    );
    let description_en = patch_text(
        &mut checks,
        "descriptionEn",
        old(|c| c.description_en.clone()),
        &fields.description_en,
        20_000,
    );
    let voivodeship_teryt = patch_checked(
        &mut checks,
        "voivodeship",
        old(|c| c.voivodeship_teryt.clone()),
        &fields.voivodeship_teryt,
        voivodeship,
    );
    let city = patch_text(
        &mut checks,
        "city",
        old(|c| c.city.clone()),
        &fields.city,
        100,
    );
    let address = patch_text(
        &mut checks,
        "address",
        old(|c| c.address.clone()),
        &fields.address,
        300,
    );
    let postal_code = patch_checked(
        &mut checks,
        "postalCode",
        old(|c| c.postal_code.clone()),
        &fields.postal_code,
        |f, v| validation::postal_code(f, v.trim()).map(|_| v.trim().to_string()),
    );
    let phone = patch_checked(
        &mut checks,
        "phone",
        old(|c| c.phone.clone()),
        &fields.phone,
        validation::phone,
    );
    let email = patch_checked(
        &mut checks,
        "email",
        old(|c| c.email.clone()),
        &fields.email,
        validation::email,
    );
    let website = patch_checked(
        &mut checks,
        "website",
        old(|c| c.website.clone()),
        &fields.website,
        validation::url,
    );
    let founded_on = patch_partial_date(
        &mut checks,
        "foundedOn",
        old(|c| c.founded_on.clone()),
        &fields.founded_on,
    );
    let strategy_from = patch_year(current.and_then(|c| c.strategy_from), fields.strategy_from);
    let strategy_to = patch_year(current.and_then(|c| c.strategy_to), fields.strategy_to);
    checks.check(validation::strategy_period(strategy_from, strategy_to));
    checks.finish()?;
    let display = name_pl
        .as_deref()
        .or(name_en.as_deref())
        .unwrap_or_default();
    let searchable = search_text(
        [&name_pl, &name_en, &acronym, &city].map(|v| v.as_deref()),
        aliases,
    );
    let now = Utc::now();
    let mut row = match current {
        Some(c) => {
            let mut row: cluster::ActiveModel = c.clone().into();
            row.updated_at = Set(now);
            row
        }
        None => cluster::ActiveModel {
            id: NotSet,
            // Operating only where someone states it (a field left out says nothing).
            status: Set(ClusterStatus::Unknown),
            coordinator_id: Set(None),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        },
    };
    row.slug = Set(slug.unwrap_or_default());
    row.sort_name = Set(fold(display));
    row.search_text = Set(Some(searchable));
    row.name_pl = Set(name_pl);
    row.name_en = Set(name_en);
    row.acronym = Set(acronym);
    row.description_pl = Set(description_pl);
    row.description_en = Set(description_en);
    row.voivodeship_teryt = Set(voivodeship_teryt);
    row.city = Set(city);
    row.address = Set(address);
    row.postal_code = Set(postal_code);
    row.phone = Set(phone);
    row.email = Set(email);
    row.website = Set(website);
    row.founded_on = Set(founded_on);
    // Checked above to lie within `STRATEGY_YEARS`, so they fit the stored width.
    row.strategy_from = Set(strategy_from.and_then(|y| i16::try_from(y).ok()));
    row.strategy_to = Set(strategy_to.and_then(|y| i16::try_from(y).ok()));
    if let Some(status) = fields.status {
        row.status = Set(status);
    }
    if let Some(coordinator) = fields.coordinator_id {
        row.coordinator_id = Set(coordinator);
    }
    Ok(row)
}

/// A year after its patch: kept, cleared or set.
fn patch_year(current: Option<i16>, patch: Patch<i32>) -> Option<i32> {
    patch.unwrap_or(current.map(i32::from))
}

async fn check_references<C: ConnectionTrait>(
    db: &C,
    fields: &ClusterFields,
    own_id: Option<i32>,
) -> DomainResult<Option<Vec<i32>>> {
    let mut checks = Checks::default();
    if let Some(slug) = &fields.slug {
        let taken = cluster::Entity::find()
            .filter(cluster::Column::Slug.eq(slug.trim()))
            .one(db)
            .await?;
        if taken.is_some_and(|c| Some(c.id) != own_id) {
            checks.fail(FieldError::new(
                "slug",
                FieldErrorCode::NotUnique,
                format!("'{}' is already used by another cluster", slug.trim()),
            ));
        }
    }
    if let Some(Some(coordinator)) = fields.coordinator_id
        && klastry_entity::organisation::Entity::find_by_id(coordinator)
            .one(db)
            .await?
            .is_none()
    {
        checks.fail(FieldError::new(
            "coordinatorId",
            FieldErrorCode::NotFound,
            "no such organisation",
        ));
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
    cluster_id: i32,
    sectors: &[i32],
) -> DomainResult<()> {
    let now = Utc::now();
    // Sectors set through the API are stated by the person who set them: none is inferred.
    let rows = sectors.iter().map(|sector| cluster_sector::ActiveModel {
        cluster_id: Set(cluster_id),
        sector_id: Set(*sector),
        inferred_by: Set(None),
        source_document_id: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    });
    replace_rows::<cluster_sector::Entity, _>(
        db,
        cluster_sector::Column::ClusterId,
        cluster_id,
        rows.collect(),
    )
    .await
}

/// Adds a cluster to the registry (operators).
pub async fn create(
    db: &DatabaseConnection,
    actor: &Actor,
    fields: &ClusterFields,
) -> DomainResult<cluster::Model> {
    actor.require_operator()?;
    let txn = begin(db).await?;
    let created = insert(&txn, Some(actor), fields).await?;
    txn.commit().await?;
    Ok(created)
}

/// Validates and inserts a cluster inside the caller's transaction, recording it as done by
/// `actor` (None: the system). Whoever calls it has checked that the actor may.
pub(crate) async fn insert(
    txn: &sea_orm::DatabaseTransaction,
    actor: Option<&Actor>,
    fields: &ClusterFields,
) -> DomainResult<cluster::Model> {
    let lists = check_lists(fields)?;
    let row = apply(None, fields, lists.aliases.as_deref().unwrap_or_default())?;
    let sectors = check_references(txn, fields, None).await?;
    let created = row.insert(txn).await?;
    if let Some(sectors) = sectors {
        replace_sectors(txn, created.id, &sectors).await?;
    }
    replace_lists(txn, created.id, lists).await?;
    journal::record(
        txn,
        actor,
        Change::created("Cluster", created.id, &created).scoped(Some(created.id), None),
    )
    .await?;
    Ok(created)
}

/// Changes a cluster's profile (its coordinators and operators).
pub async fn update(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    version: i32,
    fields: &ClusterFields,
) -> DomainResult<cluster::Model> {
    actor.require_coordinator(id)?;
    let txn = begin(db).await?;
    let before = load_versioned::<cluster::Entity, _>(&txn, id, version, "cluster").await?;
    let aliases: Vec<String> = cluster_alias::Entity::find()
        .filter(cluster_alias::Column::ClusterId.eq(id))
        .all(&txn)
        .await?
        .into_iter()
        .map(|a| a.name)
        .collect();
    let lists = check_lists(fields)?;
    let aliases = lists.aliases.clone().unwrap_or(aliases);
    let row = apply(Some(&before), fields, &aliases)?;
    let sectors = check_references(&txn, fields, Some(id)).await?;
    let after = save_versioned::<cluster::Entity, _>(&txn, id, version, row, "cluster").await?;
    if let Some(sectors) = sectors {
        replace_sectors(&txn, id, &sectors).await?;
    }
    replace_lists(&txn, id, lists).await?;
    journal::record(
        &txn,
        Some(actor),
        Change::updated("Cluster", id, &before, &after).scoped(Some(id), None),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// Removes a cluster with everything recorded about it (operators).
pub async fn delete(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    version: i32,
) -> DomainResult<cluster::Model> {
    actor.require_operator()?;
    let txn = begin(db).await?;
    let current = require_exists::<cluster::Entity, _>(&txn, id, "cluster").await?;
    let before = delete_versioned::<cluster::Entity>(&txn, current, version, "cluster").await?;
    journal::record(
        &txn,
        Some(actor),
        Change::deleted("Cluster", id, &before).scoped(Some(id), None),
    )
    .await?;
    txn.commit().await?;
    Ok(before)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_cluster_needs_a_slug_and_a_name() {
        let Err(DomainError::Rejected(errors)) = apply(None, &ClusterFields::default(), &[]) else {
            panic!("an empty cluster was accepted");
        };
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["slug", "namePl"]);
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let fields = ClusterFields {
            slug: Some("Zły slug".into()),
            name_pl: Some(Some("Klaster".into())),
            postal_code: Some(Some("00000".into())),
            email: Some(Some("biuro".into())),
            website: Some(Some("klaster.pl".into())),
            voivodeship_teryt: Some(Some("99".into())),
            ..Default::default()
        };
        let Err(DomainError::Rejected(errors)) = apply(None, &fields, &[]) else {
            panic!("bad fields were accepted");
        };
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            ["slug", "voivodeship", "postalCode", "email", "website"]
        );
    }

    #[test]
    fn names_are_folded_for_sorting_and_search() {
        let fields = ClusterFields {
            slug: Some("lodzki-klaster".into()),
            name_pl: Some(Some("Łódzki Klaster".into())),
            city: Some(Some("Łódź".into())),
            ..Default::default()
        };
        let row = apply(None, &fields, &["ŁK".into()]).expect("valid fields");
        assert_eq!(row.sort_name.as_ref(), "lodzki klaster");
        assert_eq!(
            row.search_text.as_ref().as_deref(),
            Some("lodzki klaster | lodz | lk")
        );
    }
}
