//! Recording, correcting and deleting a cluster's ESCA labels.

use super::checks::facts;
use super::settling::{settle_esca, settled};
use super::{StatusFields, source_of};
use crate::DomainResult;
use crate::db::transaction::begin;
use crate::db::versioned::{delete_versioned, load_versioned, require_exists, save_versioned};
use crate::platform::change::Change;
use crate::platform::journal;
use crate::rules::access::Actor;
use crate::rules::status::esca_term;
use chrono::Utc;
use klastry_entity::{EscaLevel, cluster, esca_label};
use sea_orm::{ActiveModelTrait, DatabaseConnection, NotSet, Set};

/// Records an ESCA label of a cluster.
pub async fn record_esca(
    db: &DatabaseConnection,
    actor: &Actor,
    cluster_id: i32,
    level: EscaLevel,
    fields: &StatusFields,
) -> DomainResult<esca_label::Model> {
    actor.require_operator()?;
    let facts = facts((None, None, None, None, false), fields, esca_term(level))?;
    let txn = begin(db).await?;
    require_exists::<cluster::Entity, _>(&txn, cluster_id, "cluster").await?;
    let source = source_of(&txn, actor, cluster_id, fields).await?;
    let now = Utc::now();
    let b = facts.bounds;
    let created = esca_label::ActiveModel {
        id: NotSet,
        cluster_id: Set(cluster_id),
        source_document_id: Set(source),
        level: Set(level),
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
    let created = settled(settle_esca(&txn, cluster_id).await?, created, |m| m.id);
    journal::record(
        &txn,
        Some(actor),
        Change::created("EscaLabel", created.id, &created).scoped(Some(cluster_id), None),
    )
    .await?;
    txn.commit().await?;
    Ok(created)
}

/// Corrects an ESCA label.
pub async fn update_esca(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    version: i32,
    level: Option<EscaLevel>,
    fields: &StatusFields,
) -> DomainResult<esca_label::Model> {
    actor.require_operator()?;
    let txn = begin(db).await?;
    let before = load_versioned::<esca_label::Entity, _>(&txn, id, version, "ESCA label").await?;
    let level = level.unwrap_or(before.level);
    let facts = facts(
        (
            before.awarded_on.clone(),
            before.valid_until.clone(),
            before.confirmed_on,
            before.note.clone(),
            before.held_since,
        ),
        fields,
        esca_term(level),
    )?;
    let source = source_of(&txn, actor, before.cluster_id, fields).await?;
    let mut row: esca_label::ActiveModel = before.clone().into();
    row.source_document_id = Set(source);
    row.level = Set(level);
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
        save_versioned::<esca_label::Entity, _>(&txn, id, version, row, "ESCA label").await?;
    let after = settled(settle_esca(&txn, after.cluster_id).await?, after, |m| m.id);
    journal::record(
        &txn,
        Some(actor),
        Change::updated("EscaLabel", id, &before, &after).scoped(Some(after.cluster_id), None),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// Deletes an ESCA label recorded in error.
pub async fn delete_esca(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    version: i32,
) -> DomainResult<esca_label::Model> {
    actor.require_operator()?;
    let txn = begin(db).await?;
    let current = require_exists::<esca_label::Entity, _>(&txn, id, "ESCA label").await?;
    let before =
        delete_versioned::<esca_label::Entity>(&txn, current, version, "ESCA label").await?;
    settle_esca(&txn, before.cluster_id).await?;
    journal::record(
        &txn,
        Some(actor),
        Change::deleted("EscaLabel", id, &before).scoped(Some(before.cluster_id), None),
    )
    .await?;
    txn.commit().await?;
    Ok(before)
}
