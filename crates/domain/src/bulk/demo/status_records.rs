//! A demo cluster's KKK certifications and ESCA labels, each with the bounds its holder's
//! records settle.

use super::document::{Cluster, Lookup, checked_partial};
use crate::DomainResult;
use crate::reads::status_records::{StatedRecord, derive_holder_bounds};
use crate::rules::status::{KKK_TERM, esca_term};
use chrono::Utc;
use klastry_entity::*;
use sea_orm::{ActiveModelTrait, ActiveValue::NotSet, ConnectionTrait, Set};

/// Its KKK certifications and ESCA labels.
pub(super) async fn write_status_records<C: ConnectionTrait>(
    db: &C,
    c: &Cluster,
    id: i32,
    lookup: &Lookup,
    now: chrono::DateTime<Utc>,
) -> DomainResult<()> {
    let stated: Vec<StatedRecord<'_>> = c
        .kkk
        .iter()
        .map(|k| {
            (
                k.awarded_on.as_deref(),
                k.valid_until.as_deref(),
                k.confirmed_on,
                KKK_TERM,
                k.held_since,
            )
        })
        .collect();
    for (k, bounds) in c.kkk.iter().zip(derive_holder_bounds(&stated)?) {
        kkk_certification::ActiveModel {
            version: Set(1),
            id: NotSet,
            cluster_id: Set(id),
            source_document_id: Set(lookup.source(&k.source)?),
            round_number: Set(k.round),
            representative_id: Set(k
                .representative
                .as_deref()
                .map(|r| lookup.organisation(r))
                .transpose()?),
            renewal: Set(k.renewal),
            awarded_on: Set(checked_partial("awardedOn", &k.awarded_on)?),
            valid_until: Set(checked_partial("validUntil", &k.valid_until)?),
            confirmed_on: Set(k.confirmed_on),
            note: Set(k.note.clone()),
            held_since: Set(k.held_since),
            held_from: Set(bounds.held_from),
            held_until: Set(bounds.held_until),
            earliest_start: Set(bounds.earliest_start),
            latest_end: Set(bounds.latest_end),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(db)
        .await?;
    }
    let stated: Vec<StatedRecord<'_>> = c
        .esca
        .iter()
        .map(|e| {
            (
                e.awarded_on.as_deref(),
                e.valid_until.as_deref(),
                e.confirmed_on,
                esca_term(e.level),
                e.held_since,
            )
        })
        .collect();
    for (e, bounds) in c.esca.iter().zip(derive_holder_bounds(&stated)?) {
        esca_label::ActiveModel {
            version: Set(1),
            id: NotSet,
            cluster_id: Set(id),
            source_document_id: Set(lookup.source(&e.source)?),
            level: Set(e.level),
            awarded_on: Set(checked_partial("awardedOn", &e.awarded_on)?),
            valid_until: Set(checked_partial("validUntil", &e.valid_until)?),
            confirmed_on: Set(e.confirmed_on),
            note: Set(e.note.clone()),
            held_since: Set(e.held_since),
            held_from: Set(bounds.held_from),
            held_until: Set(bounds.held_until),
            earliest_start: Set(bounds.earliest_start),
            latest_end: Set(bounds.latest_end),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(db)
        .await?;
    }
    Ok(())
}
