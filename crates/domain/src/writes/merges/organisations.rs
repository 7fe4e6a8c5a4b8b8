//! Folding a duplicate organisation into the one the registry keeps: one organisation
//! recorded twice (a name variant, a record made before its NIP was known) becomes one, with
//! every link of both.
//!
//! In one transaction: the duplicate's memberships move to the kept organisation (where both
//! belong to a cluster, the kept membership stays and the duplicate's goes, its periods joining
//! the kept one's but one both record), each with its periods, as do the clusters
//! it coordinates, the KKK certifications it represents, its people, its cooperation notices
//! and answers, its users' roles, requests and invitations, and its followers; its sectors are
//! added; the kept organisation's empty fields are filled from the duplicate's (its own values
//! win); the duplicate is deleted. The journal records the kept organisation's update, each
//! membership that moved or went, and the duplicate's deletion with action MERGE.

use crate::DomainResult;
use crate::db::transaction::begin;
use crate::db::versioned::{load_versioned, save_versioned};
use crate::platform::change::Change;
use crate::platform::journal;
use crate::rules::access::Actor;
use crate::writes::membership_periods;
use chrono::Utc;
use klastry_entity::{
    access_request, cluster, cooperation_offer, cooperation_response, follow, invitation,
    kkk_certification, membership, organisation, organisation_sector, person, user_role,
};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DatabaseTransaction, EntityTrait,
    QueryFilter, Set,
};

/// The kept organisation's fields, each gap filled from the duplicate's.
pub fn fill_gaps(
    kept: &organisation::Model,
    duplicate: &organisation::Model,
) -> organisation::Model {
    let or = |kept: &Option<String>, other: &Option<String>| kept.clone().or(other.clone());
    organisation::Model {
        kind: kept.kind.or(duplicate.kind),
        // The kind comes with the rule it was inferred by, if it was.
        kind_inferred_by: if kept.kind.is_some() {
            kept.kind_inferred_by.clone()
        } else {
            duplicate.kind_inferred_by.clone()
        },
        nip: or(&kept.nip, &duplicate.nip),
        regon: or(&kept.regon, &duplicate.regon),
        krs: or(&kept.krs, &duplicate.krs),
        voivodeship_teryt: or(&kept.voivodeship_teryt, &duplicate.voivodeship_teryt),
        city: or(&kept.city, &duplicate.city),
        address: or(&kept.address, &duplicate.address),
        postal_code: or(&kept.postal_code, &duplicate.postal_code),
        phone: or(&kept.phone, &duplicate.phone),
        email: or(&kept.email, &duplicate.email),
        website: or(&kept.website, &duplicate.website),
        description: or(&kept.description, &duplicate.description),
        source_document_id: kept.source_document_id.or(duplicate.source_document_id),
        ..kept.clone()
    }
}

/// Folds organisation `duplicate` into `kept`, each at the version the operator last read.
/// Returns the kept organisation as it is after.
pub async fn merge_organisations(
    db: &DatabaseConnection,
    actor: &Actor,
    kept_id: i32,
    kept_version: i32,
    duplicate_id: i32,
    duplicate_version: i32,
) -> DomainResult<organisation::Model> {
    actor.require_operator()?;
    super::distinct(kept_id, duplicate_id, "an organisation")?;
    let txn = begin(db).await?;
    let kept =
        load_versioned::<organisation::Entity, _>(&txn, kept_id, kept_version, "organisation")
            .await?;
    let duplicate = load_versioned::<organisation::Entity, _>(
        &txn,
        duplicate_id,
        duplicate_version,
        "organisation",
    )
    .await?;
    move_memberships(&txn, actor, &kept, &duplicate).await?;
    move_links(&txn, kept.id, duplicate.id).await?;
    // The duplicate goes before the kept organisation takes its identifiers, which are unique.
    organisation::Entity::delete_by_id(duplicate.id)
        .exec(&txn)
        .await?;
    journal::record(
        &txn,
        Some(actor),
        Change::action("MERGE", "Organisation", duplicate.id)
            .before(&duplicate)
            .scoped(None, Some(kept.id)),
    )
    .await?;
    let filled = fill_gaps(&kept, &duplicate);
    // Every field set as filled: an update writes only the fields marked set.
    let row = mark_all(filled.clone().into(), &filled);
    let after =
        save_versioned::<organisation::Entity, _>(&txn, kept.id, kept_version, row, "organisation")
            .await?;
    journal::record(
        &txn,
        Some(actor),
        Change::updated("Organisation", kept.id, &kept, &after).scoped(None, Some(kept.id)),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

fn mark_all(
    mut row: organisation::ActiveModel,
    m: &organisation::Model,
) -> organisation::ActiveModel {
    row.kind = Set(m.kind);
    row.kind_inferred_by = Set(m.kind_inferred_by.clone());
    row.nip = Set(m.nip.clone());
    row.regon = Set(m.regon.clone());
    row.krs = Set(m.krs.clone());
    row.voivodeship_teryt = Set(m.voivodeship_teryt.clone());
    row.city = Set(m.city.clone());
    row.address = Set(m.address.clone());
    row.postal_code = Set(m.postal_code.clone());
    row.phone = Set(m.phone.clone());
    row.email = Set(m.email.clone());
    row.website = Set(m.website.clone());
    row.description = Set(m.description.clone());
    row.source_document_id = Set(m.source_document_id);
    row.search_text = Set(crate::writes::organisations::search_text(
        &m.name,
        m.city.as_deref(),
    ));
    row
}

/// Moves the duplicate's memberships to the kept organisation, or drops them where the kept
/// one already belongs to the cluster, each with its journal entry.
async fn move_memberships(
    txn: &DatabaseTransaction,
    actor: &Actor,
    kept: &organisation::Model,
    duplicate: &organisation::Model,
) -> DomainResult<()> {
    let kept_memberships = membership::Entity::find()
        .filter(membership::Column::OrganisationId.eq(kept.id))
        .all(txn)
        .await?;
    let moving = membership::Entity::find()
        .filter(membership::Column::OrganisationId.eq(duplicate.id))
        .all(txn)
        .await?;
    for before in moving {
        if let Some(kept_membership) = kept_memberships
            .iter()
            .find(|m| m.cluster_id == before.cluster_id)
        {
            // Its periods are the organisation's history in the cluster: they join the kept
            // membership's.
            membership_periods::fold_into(txn, before.id, kept_membership).await?;
            membership::Entity::delete_by_id(before.id)
                .exec(txn)
                .await?;
            journal::record(
                txn,
                Some(actor),
                Change::action("MERGE", "Membership", before.id)
                    .before(&before)
                    .scoped(Some(before.cluster_id), Some(kept.id)),
            )
            .await?;
        } else {
            let mut row: membership::ActiveModel = before.clone().into();
            row.organisation_id = Set(kept.id);
            row.member_sort_name = Set(kept.sort_name.clone());
            row.version = Set(before.version + 1);
            row.updated_at = Set(Utc::now());
            let after = row.update(txn).await?;
            membership_periods::follow(txn, &after).await?;
            journal::record(
                txn,
                Some(actor),
                Change::action("MERGE", "Membership", before.id)
                    .before(&before)
                    .after(&after)
                    .scoped(Some(before.cluster_id), Some(kept.id)),
            )
            .await?;
        }
    }
    Ok(())
}

/// Points every other link to the duplicate at the kept organisation. Links that would then
/// be doubled (a role, a follow or a sector both had) are dropped first.
async fn move_links(txn: &DatabaseTransaction, kept: i32, duplicate: i32) -> DomainResult<()> {
    let kept_value = Expr::value(kept);
    cluster::Entity::update_many()
        .col_expr(cluster::Column::CoordinatorId, kept_value.clone())
        .filter(cluster::Column::CoordinatorId.eq(duplicate))
        .exec(txn)
        .await?;
    kkk_certification::Entity::update_many()
        .col_expr(
            kkk_certification::Column::RepresentativeId,
            kept_value.clone(),
        )
        .filter(kkk_certification::Column::RepresentativeId.eq(duplicate))
        .exec(txn)
        .await?;
    person::Entity::update_many()
        .col_expr(person::Column::OrganisationId, kept_value.clone())
        .filter(person::Column::OrganisationId.eq(duplicate))
        .exec(txn)
        .await?;
    cooperation_offer::Entity::update_many()
        .col_expr(
            cooperation_offer::Column::OrganisationId,
            kept_value.clone(),
        )
        .filter(cooperation_offer::Column::OrganisationId.eq(duplicate))
        .exec(txn)
        .await?;
    cooperation_response::Entity::update_many()
        .col_expr(
            cooperation_response::Column::OrganisationId,
            kept_value.clone(),
        )
        .filter(cooperation_response::Column::OrganisationId.eq(duplicate))
        .exec(txn)
        .await?;
    access_request::Entity::update_many()
        .col_expr(access_request::Column::OrganisationId, kept_value.clone())
        .filter(access_request::Column::OrganisationId.eq(duplicate))
        .exec(txn)
        .await?;
    invitation::Entity::update_many()
        .col_expr(invitation::Column::OrganisationId, kept_value.clone())
        .filter(invitation::Column::OrganisationId.eq(duplicate))
        .exec(txn)
        .await?;

    super::move_roles(
        txn,
        user_role::Column::OrganisationId,
        kept,
        duplicate,
        |row, kept| row.organisation_id = Set(Some(kept)),
    )
    .await?;
    super::move_follows(
        txn,
        follow::Column::OrganisationId,
        "organisation",
        kept,
        duplicate,
        |row, kept| row.organisation_id = Set(Some(kept)),
    )
    .await?;

    // The kept organisation takes the sectors it lacks.
    let kept_sectors: Vec<i32> = organisation_sector::Entity::find()
        .filter(organisation_sector::Column::OrganisationId.eq(kept))
        .all(txn)
        .await?
        .into_iter()
        .map(|s| s.sector_id)
        .collect();
    let now = Utc::now();
    for s in organisation_sector::Entity::find()
        .filter(organisation_sector::Column::OrganisationId.eq(duplicate))
        .all(txn)
        .await?
    {
        if !kept_sectors.contains(&s.sector_id) {
            organisation_sector::ActiveModel {
                organisation_id: Set(kept),
                sector_id: Set(s.sector_id),
                created_at: Set(now),
                updated_at: Set(now),
            }
            .insert(txn)
            .await?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::text::fold;

    fn organisation(id: i32, name: &str) -> organisation::Model {
        let now = Utc::now();
        organisation::Model {
            id,
            name: name.into(),
            sort_name: fold(name),
            search_text: fold(name),
            kind: None,
            kind_inferred_by: None,
            nip: None,
            regon: None,
            krs: None,
            country: "PL".into(),
            voivodeship_teryt: None,
            city: None,
            address: None,
            postal_code: None,
            phone: None,
            email: None,
            website: None,
            description: None,
            source_document_id: None,
            version: 1,
            created_at: now,
            updated_at: now,
        }
    }

    #[test]
    fn the_kept_organisations_values_win_and_its_gaps_are_filled() {
        let kept = organisation::Model {
            website: Some("https://kept.pl".into()),
            ..organisation(1, "Politechnika Rzeszowska")
        };
        let duplicate = organisation::Model {
            website: Some("https://dup.pl".into()),
            nip: Some("8130000000".into()),
            city: Some("Rzeszów".into()),
            ..organisation(2, "Politechnika Rzeszowska im. I. Łukasiewicza")
        };
        let filled = fill_gaps(&kept, &duplicate);
        assert_eq!(filled.id, 1);
        assert_eq!(filled.name, "Politechnika Rzeszowska");
        assert_eq!(filled.website.as_deref(), Some("https://kept.pl"));
        assert_eq!(filled.nip.as_deref(), Some("8130000000"));
        assert_eq!(filled.city.as_deref(), Some("Rzeszów"));
    }
}
