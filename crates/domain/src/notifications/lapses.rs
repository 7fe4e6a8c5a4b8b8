//! Warnings before a KKK status, an ESCA label or a cooperation notice ends: found once a day,
//! each given once per threshold however many servers run and however often they restart.
//!
//! One runner at a time: on PostgreSQL the pass holds an advisory lock for its transaction and
//! a server that cannot take it leaves the pass to the one that did; SQLite has one server. The
//! warnings given are kept (`lapse_warning`, unique per record, end and threshold), so a pass
//! after a restart gives only what is still owed. Each warning is recorded as a change (action
//! EXPIRING), so the journal turns it into the event partners hear of
//! (`CERTIFICATION_EXPIRING`, `LABEL_EXPIRING`) and the notifications of the cluster's
//! coordinators and the operators, in the same transaction as the warning's row.

use crate::DomainResult;
use crate::db::transaction;
use crate::platform::change::Change;
use crate::platform::journal;
use crate::rules::notifications::{
    EndBounds, LAPSED, NOTICE_THRESHOLDS, STATUS_THRESHOLDS, lapse_due,
};
use chrono::{Duration, NaiveDate, Utc};
use klastry_entity::{cooperation_offer, esca_label, kkk_certification, lapse_warning};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbBackend, EntityTrait, QueryFilter, Set, Statement,
    TransactionTrait,
};
use serde_json::json;
use std::collections::HashMap;

/// The advisory lock one lapse pass holds on PostgreSQL ("lapses" in ASCII).
const LAPSE_LOCK: i64 = 0x0000_6c61_7073_6573;

/// Something that may be owed a warning.
struct Ending {
    subject_type: &'static str,
    id: i32,
    cluster_id: Option<i32>,
    organisation_id: Option<i32>,
    label: Option<String>,
    /// The end as its source gives it.
    stated: String,
    bounds: EndBounds,
    thresholds: &'static [i32],
}

/// Gives the warnings owed on `today`; returns how many. A pass that finds another running
/// (PostgreSQL) gives none.
pub async fn check<
    C: TransactionTrait<Transaction = sea_orm::DatabaseTransaction> + ConnectionTrait,
>(
    db: &C,
    today: NaiveDate,
) -> DomainResult<u64> {
    let txn = transaction::begin(db).await?;
    if txn.get_database_backend() == DbBackend::Postgres {
        let locked = txn
            .query_one_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "SELECT pg_try_advisory_xact_lock($1) AS locked",
                [LAPSE_LOCK.into()],
            ))
            .await?
            .map(|row| row.try_get::<bool>("", "locked"))
            .transpose()?
            .unwrap_or(false);
        if !locked {
            txn.rollback().await?;
            return Ok(0);
        }
    }
    let endings = endings(&txn, today).await?;
    let given = given(&txn, &endings).await?;
    let mut warned = 0;
    for ending in endings {
        let key = (
            ending.subject_type,
            ending.id,
            ending.bounds.latest.to_string(),
        );
        let already = given.get(&key).map(Vec::as_slice).unwrap_or_default();
        let Some(threshold) = lapse_due(ending.bounds, today, ending.thresholds, already) else {
            continue;
        };
        let now = Utc::now();
        let inserted = lapse_warning::Entity::insert(lapse_warning::ActiveModel {
            subject_type: Set(ending.subject_type.to_owned()),
            subject_id: Set(ending.id),
            ends_on: Set(key.2.clone()),
            threshold: Set(threshold),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        })
        .on_conflict(
            OnConflict::columns([
                lapse_warning::Column::SubjectType,
                lapse_warning::Column::SubjectId,
                lapse_warning::Column::EndsOn,
                lapse_warning::Column::Threshold,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(&txn)
        .await?;
        if inserted == 0 {
            continue;
        }
        let days = if threshold == LAPSED {
            0
        } else {
            (ending.bounds.certain - today).num_days().max(0)
        };
        let warning = json!({
            "days": days,
            "threshold": threshold,
            "lapsed": threshold == LAPSED,
            "endsOn": ending.stated,
            "endsLatest": ending.bounds.latest.to_string(),
            "uncertain": ending.bounds.is_uncertain(),
            "level": ending.label,
        });
        journal::record(
            &txn,
            None,
            Change::action("EXPIRING", ending.subject_type, ending.id)
                .after(&warning)
                .scoped(ending.cluster_id, ending.organisation_id),
        )
        .await?;
        warned += 1;
    }
    txn.commit().await?;
    Ok(warned)
}

/// The records and notices whose end falls within the furthest threshold of `today`, or
/// passed within the week.
async fn endings<C: ConnectionTrait>(db: &C, today: NaiveDate) -> DomainResult<Vec<Ending>> {
    let horizon = today + Duration::days(i64::from(STATUS_THRESHOLDS[0]));
    let week_ago = today - Duration::days(7);
    // Certainly held until no later than the horizon, and possibly held a week ago.
    fn window<K: ColumnTrait>(
        held_until: K,
        latest_end: K,
        week_ago: NaiveDate,
        horizon: NaiveDate,
    ) -> Condition {
        Condition::all()
            .add(
                Condition::any()
                    .add(latest_end.gte(week_ago))
                    .add(held_until.gte(week_ago)),
            )
            .add(
                Condition::any().add(held_until.lte(horizon)).add(
                    Condition::all()
                        .add(held_until.is_null())
                        .add(latest_end.lte(horizon)),
                ),
            )
    }
    let mut out = Vec::new();
    for record in kkk_certification::Entity::find()
        .filter(window(
            kkk_certification::Column::HeldUntil,
            kkk_certification::Column::LatestEnd,
            week_ago,
            horizon,
        ))
        .all(db)
        .await?
    {
        if let Some(bounds) = EndBounds::of(record.held_until, record.latest_end) {
            out.push(Ending {
                subject_type: "KkkCertification",
                id: record.id,
                cluster_id: Some(record.cluster_id),
                organisation_id: None,
                label: None,
                stated: record
                    .valid_until
                    .unwrap_or_else(|| bounds.latest.to_string()),
                bounds,
                thresholds: &STATUS_THRESHOLDS,
            });
        }
    }
    for label in esca_label::Entity::find()
        .filter(window(
            esca_label::Column::HeldUntil,
            esca_label::Column::LatestEnd,
            week_ago,
            horizon,
        ))
        .all(db)
        .await?
    {
        if let Some(bounds) = EndBounds::of(label.held_until, label.latest_end) {
            out.push(Ending {
                subject_type: "EscaLabel",
                id: label.id,
                cluster_id: Some(label.cluster_id),
                organisation_id: None,
                label: Some(sea_orm::ActiveEnum::to_value(&label.level)),
                stated: label
                    .valid_until
                    .unwrap_or_else(|| bounds.latest.to_string()),
                bounds,
                thresholds: &STATUS_THRESHOLDS,
            });
        }
    }
    let notice_horizon = today + Duration::days(i64::from(NOTICE_THRESHOLDS[0]));
    for offer in cooperation_offer::Entity::find()
        .filter(cooperation_offer::Column::ExpiresOn.gte(week_ago))
        .filter(cooperation_offer::Column::ExpiresOn.lte(notice_horizon))
        .all(db)
        .await?
    {
        out.push(Ending {
            subject_type: "CooperationOffer",
            id: offer.id,
            cluster_id: None,
            organisation_id: Some(offer.organisation_id),
            label: None,
            stated: offer.expires_on.to_string(),
            bounds: EndBounds {
                certain: offer.expires_on,
                latest: offer.expires_on,
            },
            thresholds: &NOTICE_THRESHOLDS,
        });
    }
    Ok(out)
}

/// The thresholds already warned of, per record and end.
async fn given<C: ConnectionTrait>(
    db: &C,
    endings: &[Ending],
) -> DomainResult<HashMap<(&'static str, i32, String), Vec<i32>>> {
    let mut out: HashMap<(&'static str, i32, String), Vec<i32>> = HashMap::new();
    for subject_type in ["KkkCertification", "EscaLabel", "CooperationOffer"] {
        let ids: Vec<i32> = endings
            .iter()
            .filter(|e| e.subject_type == subject_type)
            .map(|e| e.id)
            .collect();
        if ids.is_empty() {
            continue;
        }
        for row in lapse_warning::Entity::find()
            .filter(lapse_warning::Column::SubjectType.eq(subject_type))
            .filter(lapse_warning::Column::SubjectId.is_in(ids))
            .all(db)
            .await?
        {
            out.entry((subject_type, row.subject_id, row.ends_on))
                .or_default()
                .push(row.threshold);
        }
    }
    Ok(out)
}
