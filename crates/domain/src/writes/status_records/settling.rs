//! Settling the stored bounds of a cluster's records held since their award among its other
//! records, in the write's transaction, after any of them changes.

use crate::DomainResult;
use crate::reads::status_records::{
    esca_bounds, esca_holder_record, kkk_bounds, kkk_holder_record,
};
use crate::rules::status::{StatusBounds, settle_bounds};
use klastry_entity::{esca_label, kkk_certification};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, Set};

/// Sets the four derived bounds of a status record's active model.
macro_rules! set_bounds {
    ($row:expr, $bounds:expr) => {{
        let b: StatusBounds = $bounds;
        $row.held_from = Set(b.held_from);
        $row.held_until = Set(b.held_until);
        $row.earliest_start = Set(b.earliest_start);
        $row.latest_end = Set(b.latest_end);
    }};
}

/// The written record as settled: its row again when settling changed its bounds.
pub(super) fn settled<M>(changed: Vec<M>, written: M, id: impl Fn(&M) -> i32) -> M {
    let written_id = id(&written);
    changed
        .into_iter()
        .find(|m| id(m) == written_id)
        .unwrap_or(written)
}

/// Settles the derived bounds of a cluster's held-since KKK certifications among its others
/// ([`settle_bounds`]), in the write's transaction, so the stored bounds SQL filters by agree
/// with the rule after any of the cluster's certifications is recorded, corrected, deleted or
/// moved. Returns the rows whose bounds changed; a cluster without held-since records costs
/// one query.
pub(crate) async fn settle_kkk(
    txn: &DatabaseTransaction,
    cluster_id: i32,
) -> DomainResult<Vec<kkk_certification::Model>> {
    let rows = kkk_certification::Entity::find()
        .filter(kkk_certification::Column::ClusterId.eq(cluster_id))
        .all(txn)
        .await?;
    if !rows.iter().any(|r| r.held_since) {
        return Ok(Vec::new());
    }
    let records: Vec<_> = rows.iter().map(kkk_holder_record).collect();
    let mut changed = Vec::new();
    for (row, bounds) in rows.into_iter().zip(settle_bounds(&records)) {
        if !row.held_since || kkk_bounds(&row) == bounds {
            continue;
        }
        let mut update: kkk_certification::ActiveModel = row.into();
        set_bounds!(update, bounds);
        changed.push(update.update(txn).await?);
    }
    Ok(changed)
}

/// Settles the derived bounds of a cluster's held-since ESCA labels among its labels, as
/// [`settle_kkk`] does for KKK certifications.
pub(crate) async fn settle_esca(
    txn: &DatabaseTransaction,
    cluster_id: i32,
) -> DomainResult<Vec<esca_label::Model>> {
    let rows = esca_label::Entity::find()
        .filter(esca_label::Column::ClusterId.eq(cluster_id))
        .all(txn)
        .await?;
    if !rows.iter().any(|r| r.held_since) {
        return Ok(Vec::new());
    }
    let records: Vec<_> = rows.iter().map(esca_holder_record).collect();
    let mut changed = Vec::new();
    for (row, bounds) in rows.into_iter().zip(settle_bounds(&records)) {
        if !row.held_since || esca_bounds(&row) == bounds {
            continue;
        }
        let mut update: esca_label::ActiveModel = row.into();
        set_bounds!(update, bounds);
        changed.push(update.update(txn).await?);
    }
    Ok(changed)
}
