//! Recording, correcting and deleting a cluster's KKK certifications.

use super::checks::{check_kkk_references, check_no_overlap, facts};
use super::settling::{settle_kkk, settled};
use super::{KkkFields, source_of};
use crate::DomainResult;
use crate::db::transaction::begin;
use crate::db::versioned::{delete_versioned, load_versioned, require_exists, save_versioned};
use crate::platform::change::Change;
use crate::platform::journal;
use crate::rules::access::Actor;
use crate::rules::status::KKK_TERM;
use chrono::Utc;
use klastry_entity::{cluster, kkk_certification};
use sea_orm::{ActiveModelTrait, DatabaseConnection, NotSet, Set};

/// Records a KKK certification of a cluster.
pub async fn record_kkk(
    db: &DatabaseConnection,
    actor: &Actor,
    cluster_id: i32,
    fields: &KkkFields,
) -> DomainResult<kkk_certification::Model> {
    actor.require_operator()?;
    let facts = facts((None, None, None, None, false), &fields.status, KKK_TERM)?;
    let txn = begin(db).await?;
    require_exists::<cluster::Entity, _>(&txn, cluster_id, "cluster").await?;
    check_kkk_references(&txn, fields, fields.round_number.flatten(), &facts).await?;
    check_no_overlap(&txn, cluster_id, None, &facts.bounds).await?;
    let source = source_of(&txn, actor, cluster_id, &fields.status).await?;
    let now = Utc::now();
    let b = facts.bounds;
    let created = kkk_certification::ActiveModel {
        id: NotSet,
        cluster_id: Set(cluster_id),
        source_document_id: Set(source),
        round_number: Set(fields.round_number.flatten()),
        representative_id: Set(fields.representative_id.flatten()),
        renewal: Set(fields.renewal.flatten()),
        awarded_on: Set(facts.awarded_on),
        valid_until: Set(facts.valid_until),
        confirmed_on: Set(facts.confirmed_on),
        note: Set(facts.note),
        held_since: Set(facts.held_since),
        held_from: Set(b.held_from),
        held_until: Set(b.held_until),
        earliest_start: Set(b.earliest_start),
        latest_end: Set(b.latest_end),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await?;
    let created = settled(settle_kkk(&txn, cluster_id).await?, created, |m| m.id);
    journal::record(
        &txn,
        Some(actor),
        Change::created("KkkCertification", created.id, &created).scoped(Some(cluster_id), None),
    )
    .await?;
    txn.commit().await?;
    Ok(created)
}

/// Corrects a KKK certification.
pub async fn update_kkk(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    version: i32,
    fields: &KkkFields,
) -> DomainResult<kkk_certification::Model> {
    actor.require_operator()?;
    let txn = begin(db).await?;
    let before =
        load_versioned::<kkk_certification::Entity, _>(&txn, id, version, "KKK certification")
            .await?;
    let facts = facts(
        (
            before.awarded_on.clone(),
            before.valid_until.clone(),
            before.confirmed_on,
            before.note.clone(),
            before.held_since,
        ),
        &fields.status,
        KKK_TERM,
    )?;
    let round = fields.round_number.unwrap_or(before.round_number);
    check_kkk_references(&txn, fields, round, &facts).await?;
    check_no_overlap(&txn, before.cluster_id, Some(id), &facts.bounds).await?;
    let source = source_of(&txn, actor, before.cluster_id, &fields.status).await?;
    let mut row: kkk_certification::ActiveModel = before.clone().into();
    row.source_document_id = Set(source);
    if let Some(round) = fields.round_number {
        row.round_number = Set(round);
    }
    if let Some(representative) = fields.representative_id {
        row.representative_id = Set(representative);
    }
    if let Some(renewal) = fields.renewal {
        row.renewal = Set(renewal);
    }
    row.awarded_on = Set(facts.awarded_on);
    row.valid_until = Set(facts.valid_until);
    row.confirmed_on = Set(facts.confirmed_on);
    row.note = Set(facts.note);
    row.held_since = Set(facts.held_since);
    row.held_from = Set(facts.bounds.held_from);
    row.held_until = Set(facts.bounds.held_until);
    row.earliest_start = Set(facts.bounds.earliest_start);
    row.latest_end = Set(facts.bounds.latest_end);
    let after =
        save_versioned::<kkk_certification::Entity, _>(&txn, id, version, row, "KKK certification")
            .await?;
    let after = settled(settle_kkk(&txn, after.cluster_id).await?, after, |m| m.id);
    journal::record(
        &txn,
        Some(actor),
        Change::updated("KkkCertification", id, &before, &after)
            .scoped(Some(after.cluster_id), None),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// Deletes a KKK certification recorded in error.
pub async fn delete_kkk(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    version: i32,
) -> DomainResult<kkk_certification::Model> {
    actor.require_operator()?;
    let txn = begin(db).await?;
    let current =
        require_exists::<kkk_certification::Entity, _>(&txn, id, "KKK certification").await?;
    let before =
        delete_versioned::<kkk_certification::Entity>(&txn, current, version, "KKK certification")
            .await?;
    settle_kkk(&txn, before.cluster_id).await?;
    journal::record(
        &txn,
        Some(actor),
        Change::deleted("KkkCertification", id, &before).scoped(Some(before.cluster_id), None),
    )
    .await?;
    txn.commit().await?;
    Ok(before)
}
