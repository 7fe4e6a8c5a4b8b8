//! Folding a duplicate cluster into the one the registry keeps: one cluster recorded twice
//! (under its Polish and its English name, or before and after a rename) becomes one.
//!
//! Its members move with their periods (an organisation in both stays once, its periods of
//! both kept but one both record), its KKK certifications and ESCA
//! labels move (a status recorded on both is kept once), its facts (services, groups, events,
//! projects, people, awards, programmes, specialisations, aliases, yearly figures but a year
//! both recorded), sectors and sources, coordinators, API tokens, webhooks, invitations,
//! requests and followers move; its names become the kept cluster's aliases, so a search for
//! them still finds it; the kept cluster's empty fields are filled from it.

use crate::DomainResult;
use crate::db::transaction::begin;
use crate::db::versioned::{load_versioned, save_versioned};
use crate::platform::change::Change;
use crate::platform::journal;
use crate::reads::status_records::kkk_own_bounds;
use crate::rules::access::Actor;
use crate::rules::status::certainly_overlap;
use crate::writes::clusters::search_text;
use crate::writes::membership_periods;
use crate::writes::status_records::{settle_esca, settle_kkk};
use chrono::Utc;
use klastry_entity::{
    access_request, api_token, cluster, cluster_alias, cluster_award, cluster_indicator,
    cluster_participation, cluster_role, cluster_sector, cluster_source, cluster_specialisation,
    cluster_submission, esca_label, event, follow, invitation, kkk_certification, membership,
    project, project_partner, service, user_role, webhook, working_group,
};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DatabaseTransaction, EntityTrait,
    QueryFilter, Set,
};

/// The kept cluster's profile, each gap filled from the duplicate's.
pub fn fill_cluster_gaps(kept: &cluster::Model, duplicate: &cluster::Model) -> cluster::Model {
    let or = |kept: &Option<String>, other: &Option<String>| kept.clone().or(other.clone());
    cluster::Model {
        name_pl: or(&kept.name_pl, &duplicate.name_pl),
        name_en: or(&kept.name_en, &duplicate.name_en),
        acronym: or(&kept.acronym, &duplicate.acronym),
        description_pl: or(&kept.description_pl, &duplicate.description_pl),
        description_en: or(&kept.description_en, &duplicate.description_en),
        voivodeship_teryt: or(&kept.voivodeship_teryt, &duplicate.voivodeship_teryt),
        city: or(&kept.city, &duplicate.city),
        address: or(&kept.address, &duplicate.address),
        postal_code: or(&kept.postal_code, &duplicate.postal_code),
        phone: or(&kept.phone, &duplicate.phone),
        email: or(&kept.email, &duplicate.email),
        website: or(&kept.website, &duplicate.website),
        founded_on: or(&kept.founded_on, &duplicate.founded_on),
        coordinator_id: kept.coordinator_id.or(duplicate.coordinator_id),
        strategy_from: kept.strategy_from.or(duplicate.strategy_from),
        strategy_to: kept.strategy_to.or(duplicate.strategy_to),
        ..kept.clone()
    }
}

/// The duplicate's names the kept cluster does not already go by, to keep as aliases.
pub fn names_to_keep(
    kept: &cluster::Model,
    kept_aliases: &[String],
    duplicate: &cluster::Model,
) -> Vec<String> {
    let known = |name: &str| {
        let folded = crate::rules::text::fold(name);
        [&kept.name_pl, &kept.name_en, &kept.acronym]
            .into_iter()
            .flatten()
            .chain(kept_aliases)
            .any(|k| crate::rules::text::fold(k) == folded)
    };
    let mut names: Vec<String> = Vec::new();
    for name in [&duplicate.name_pl, &duplicate.name_en, &duplicate.acronym]
        .into_iter()
        .flatten()
    {
        if !known(name) && !names.contains(name) {
            names.push(name.clone());
        }
    }
    names
}

/// Folds cluster `duplicate` into `kept`, each at the version the operator last read. Returns
/// the kept cluster as it is after.
pub async fn merge_clusters(
    db: &DatabaseConnection,
    actor: &Actor,
    kept_id: i32,
    kept_version: i32,
    duplicate_id: i32,
    duplicate_version: i32,
) -> DomainResult<cluster::Model> {
    actor.require_operator()?;
    super::distinct(kept_id, duplicate_id, "a cluster")?;
    let txn = begin(db).await?;
    let kept = load_versioned::<cluster::Entity, _>(&txn, kept_id, kept_version, "cluster").await?;
    let duplicate =
        load_versioned::<cluster::Entity, _>(&txn, duplicate_id, duplicate_version, "cluster")
            .await?;
    move_members(&txn, actor, &kept, &duplicate).await?;
    move_statuses(&txn, actor, kept.id, duplicate.id).await?;
    move_facts(&txn, kept.id, duplicate.id).await?;
    move_access(&txn, kept.id, duplicate.id).await?;

    let mut aliases: Vec<String> = cluster_alias::Entity::find()
        .filter(cluster_alias::Column::ClusterId.eq(kept.id))
        .all(&txn)
        .await?
        .into_iter()
        .map(|a| a.name)
        .collect();
    let now = Utc::now();
    for name in names_to_keep(&kept, &aliases, &duplicate) {
        cluster_alias::ActiveModel {
            cluster_id: Set(kept.id),
            name: Set(name.clone()),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        aliases.push(name);
    }

    cluster::Entity::delete_by_id(duplicate.id)
        .exec(&txn)
        .await?;
    journal::record(
        &txn,
        Some(actor),
        Change::action("MERGE", "Cluster", duplicate.id)
            .before(&duplicate)
            .scoped(Some(kept.id), None),
    )
    .await?;

    let filled = fill_cluster_gaps(&kept, &duplicate);
    let mut row: cluster::ActiveModel = filled.clone().into();
    row.name_pl = Set(filled.name_pl.clone());
    row.name_en = Set(filled.name_en.clone());
    row.acronym = Set(filled.acronym.clone());
    row.description_pl = Set(filled.description_pl.clone());
    row.description_en = Set(filled.description_en.clone());
    row.voivodeship_teryt = Set(filled.voivodeship_teryt.clone());
    row.city = Set(filled.city.clone());
    row.address = Set(filled.address.clone());
    row.postal_code = Set(filled.postal_code.clone());
    row.phone = Set(filled.phone.clone());
    row.email = Set(filled.email.clone());
    row.website = Set(filled.website.clone());
    row.founded_on = Set(filled.founded_on.clone());
    row.coordinator_id = Set(filled.coordinator_id);
    row.strategy_from = Set(filled.strategy_from);
    row.strategy_to = Set(filled.strategy_to);
    row.search_text = Set(Some(search_text(
        [
            filled.name_pl.as_deref(),
            filled.name_en.as_deref(),
            filled.acronym.as_deref(),
            filled.city.as_deref(),
        ],
        &aliases,
    )));
    let after =
        save_versioned::<cluster::Entity, _>(&txn, kept.id, kept_version, row, "cluster").await?;
    journal::record(
        &txn,
        Some(actor),
        Change::updated("Cluster", kept.id, &kept, &after).scoped(Some(kept.id), None),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// Moves the duplicate's memberships, or drops them where the organisation is a member of the
/// kept cluster already, each with its journal entry.
async fn move_members(
    txn: &DatabaseTransaction,
    actor: &Actor,
    kept: &cluster::Model,
    duplicate: &cluster::Model,
) -> DomainResult<()> {
    let kept_members = membership::Entity::find()
        .filter(membership::Column::ClusterId.eq(kept.id))
        .all(txn)
        .await?;
    for before in membership::Entity::find()
        .filter(membership::Column::ClusterId.eq(duplicate.id))
        .all(txn)
        .await?
    {
        let change = Change::action("MERGE", "Membership", before.id)
            .before(&before)
            .scoped(Some(kept.id), Some(before.organisation_id));
        if let Some(kept_member) = kept_members
            .iter()
            .find(|m| m.organisation_id == before.organisation_id)
        {
            // Its periods are the organisation's history in the cluster: they join the kept
            // membership's.
            membership_periods::fold_into(txn, before.id, kept_member).await?;
            membership::Entity::delete_by_id(before.id)
                .exec(txn)
                .await?;
            journal::record(txn, Some(actor), change).await?;
        } else {
            let mut row: membership::ActiveModel = before.clone().into();
            row.cluster_id = Set(kept.id);
            row.version = Set(before.version + 1);
            row.updated_at = Set(Utc::now());
            let after = row.update(txn).await?;
            membership_periods::follow(txn, &after).await?;
            journal::record(txn, Some(actor), change.after(&after)).await?;
        }
    }
    Ok(())
}

/// Moves the duplicate's KKK certifications and ESCA labels; one that records a status the
/// kept cluster holds already (a KKK period certainly overlapping one of its own, an ESCA
/// label of the same level awarded the same day) is dropped instead.
async fn move_statuses(
    txn: &DatabaseTransaction,
    actor: &Actor,
    kept: i32,
    duplicate: i32,
) -> DomainResult<()> {
    let kept_kkk = kkk_certification::Entity::find()
        .filter(kkk_certification::Column::ClusterId.eq(kept))
        .all(txn)
        .await?;
    for before in kkk_certification::Entity::find()
        .filter(kkk_certification::Column::ClusterId.eq(duplicate))
        .all(txn)
        .await?
    {
        let change = Change::action("MERGE", "KkkCertification", before.id)
            .before(&before)
            .scoped(Some(kept), None);
        let bounds = kkk_own_bounds(&before);
        if kept_kkk
            .iter()
            .any(|k| certainly_overlap(&kkk_own_bounds(k), &bounds))
        {
            kkk_certification::Entity::delete_by_id(before.id)
                .exec(txn)
                .await?;
            journal::record(txn, Some(actor), change).await?;
        } else {
            let mut row: kkk_certification::ActiveModel = before.clone().into();
            row.cluster_id = Set(kept);
            row.version = Set(before.version + 1);
            let after = row.update(txn).await?;
            journal::record(txn, Some(actor), change.after(&after)).await?;
        }
    }
    let kept_labels = esca_label::Entity::find()
        .filter(esca_label::Column::ClusterId.eq(kept))
        .all(txn)
        .await?;
    for before in esca_label::Entity::find()
        .filter(esca_label::Column::ClusterId.eq(duplicate))
        .all(txn)
        .await?
    {
        let change = Change::action("MERGE", "EscaLabel", before.id)
            .before(&before)
            .scoped(Some(kept), None);
        if kept_labels
            .iter()
            .any(|l| l.level == before.level && l.awarded_on == before.awarded_on)
        {
            esca_label::Entity::delete_by_id(before.id)
                .exec(txn)
                .await?;
            journal::record(txn, Some(actor), change).await?;
        } else {
            let mut row: esca_label::ActiveModel = before.clone().into();
            row.cluster_id = Set(kept);
            row.version = Set(before.version + 1);
            let after = row.update(txn).await?;
            journal::record(txn, Some(actor), change.after(&after)).await?;
        }
    }
    // The moved records join the kept cluster's: its held-since records' reach is settled
    // again among them all.
    settle_kkk(txn, kept).await?;
    settle_esca(txn, kept).await?;
    Ok(())
}

/// Points every fact of the duplicate at the kept cluster: a year's figures both recorded, and
/// a sector or source both name, are kept once.
async fn move_facts(txn: &DatabaseTransaction, kept: i32, duplicate: i32) -> DomainResult<()> {
    macro_rules! repoint {
        ($($entity:ident),* $(,)?) => {
            $(
                $entity::Entity::update_many()
                    .col_expr($entity::Column::ClusterId, Expr::value(kept))
                    .filter($entity::Column::ClusterId.eq(duplicate))
                    .exec(txn)
                    .await?;
            )*
        };
    }
    let kept_years: Vec<i32> = cluster_indicator::Entity::find()
        .filter(cluster_indicator::Column::ClusterId.eq(kept))
        .all(txn)
        .await?
        .into_iter()
        .map(|i| i.year)
        .collect();
    cluster_indicator::Entity::delete_many()
        .filter(cluster_indicator::Column::ClusterId.eq(duplicate))
        .filter(cluster_indicator::Column::Year.is_in(kept_years))
        .exec(txn)
        .await?;
    repoint!(
        service,
        working_group,
        event,
        project,
        cluster_role,
        cluster_award,
        cluster_participation,
        cluster_specialisation,
        cluster_alias,
        cluster_indicator,
    );
    project_partner::Entity::update_many()
        .col_expr(project_partner::Column::PartnerClusterId, Expr::value(kept))
        .filter(project_partner::Column::PartnerClusterId.eq(duplicate))
        .exec(txn)
        .await?;
    let now = Utc::now();
    let kept_sectors: Vec<i32> = cluster_sector::Entity::find()
        .filter(cluster_sector::Column::ClusterId.eq(kept))
        .all(txn)
        .await?
        .into_iter()
        .map(|s| s.sector_id)
        .collect();
    for s in cluster_sector::Entity::find()
        .filter(cluster_sector::Column::ClusterId.eq(duplicate))
        .all(txn)
        .await?
    {
        if !kept_sectors.contains(&s.sector_id) {
            cluster_sector::ActiveModel {
                cluster_id: Set(kept),
                sector_id: Set(s.sector_id),
                inferred_by: Set(s.inferred_by),
                source_document_id: Set(s.source_document_id),
                created_at: Set(now),
                updated_at: Set(now),
            }
            .insert(txn)
            .await?;
        }
    }
    let kept_sources: Vec<i32> = cluster_source::Entity::find()
        .filter(cluster_source::Column::ClusterId.eq(kept))
        .all(txn)
        .await?
        .into_iter()
        .map(|s| s.source_document_id)
        .collect();
    for s in cluster_source::Entity::find()
        .filter(cluster_source::Column::ClusterId.eq(duplicate))
        .all(txn)
        .await?
    {
        if !kept_sources.contains(&s.source_document_id) {
            cluster_source::ActiveModel {
                cluster_id: Set(kept),
                source_document_id: Set(s.source_document_id),
                created_at: Set(now),
                updated_at: Set(now),
            }
            .insert(txn)
            .await?;
        }
    }
    Ok(())
}

/// Moves who acts for the duplicate: its coordinators (a coordinator of both keeps one role),
/// its API tokens and webhooks, invitations, requests, the submission that published it, and
/// its followers (one follow each).
async fn move_access(txn: &DatabaseTransaction, kept: i32, duplicate: i32) -> DomainResult<()> {
    super::move_roles(
        txn,
        user_role::Column::ClusterId,
        kept,
        duplicate,
        |row, kept| {
            row.cluster_id = Set(Some(kept));
        },
    )
    .await?;
    api_token::Entity::update_many()
        .col_expr(api_token::Column::ClusterId, Expr::value(kept))
        .filter(api_token::Column::ClusterId.eq(duplicate))
        .exec(txn)
        .await?;
    webhook::Entity::update_many()
        .col_expr(webhook::Column::ClusterId, Expr::value(kept))
        .filter(webhook::Column::ClusterId.eq(duplicate))
        .exec(txn)
        .await?;
    invitation::Entity::update_many()
        .col_expr(invitation::Column::ClusterId, Expr::value(kept))
        .filter(invitation::Column::ClusterId.eq(duplicate))
        .exec(txn)
        .await?;
    access_request::Entity::update_many()
        .col_expr(access_request::Column::ClusterId, Expr::value(kept))
        .filter(access_request::Column::ClusterId.eq(duplicate))
        .exec(txn)
        .await?;
    cluster_submission::Entity::update_many()
        .col_expr(cluster_submission::Column::ClusterId, Expr::value(kept))
        .filter(cluster_submission::Column::ClusterId.eq(duplicate))
        .exec(txn)
        .await?;
    super::move_follows(
        txn,
        follow::Column::ClusterId,
        "cluster",
        kept,
        duplicate,
        |row, kept| row.cluster_id = Set(Some(kept)),
    )
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cluster(id: i32, name_pl: Option<&str>, name_en: Option<&str>) -> cluster::Model {
        let now = Utc::now();
        cluster::Model {
            id,
            slug: format!("k{id}"),
            name_pl: name_pl.map(Into::into),
            name_en: name_en.map(Into::into),
            sort_name: String::new(),
            search_text: None,
            acronym: None,
            description_pl: None,
            description_en: None,
            voivodeship_teryt: None,
            city: None,
            address: None,
            postal_code: None,
            phone: None,
            email: None,
            website: None,
            founded_on: None,
            coordinator_id: None,
            strategy_from: None,
            strategy_to: None,
            status: klastry_entity::ClusterStatus::Active,
            version: 1,
            created_at: now,
            updated_at: now,
        }
    }

    #[test]
    fn the_duplicates_other_names_become_aliases_once() {
        let kept = cluster(1, Some("Klaster Metali"), None);
        let duplicate = cluster::Model {
            acronym: Some("KM".into()),
            ..cluster(2, Some("klaster  METALI"), Some("Metal Cluster"))
        };
        assert_eq!(
            names_to_keep(&kept, &["Metal Cluster".into()], &duplicate),
            ["KM"]
        );
        assert_eq!(
            names_to_keep(&kept, &[], &duplicate),
            ["Metal Cluster", "KM"]
        );
        let filled = fill_cluster_gaps(&kept, &duplicate);
        assert_eq!(filled.name_pl.as_deref(), Some("Klaster Metali"));
        assert_eq!(filled.name_en.as_deref(), Some("Metal Cluster"));
    }
}
