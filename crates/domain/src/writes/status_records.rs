//! Recording KKK certifications and ESCA labels (operators only), with the programmes' rules:
//! a valid-until date after the award, a confirmation within the period, no two KKK
//! certifications of one cluster held on the same day, and levels from the closed set. Each
//! record and each correction names its source (`sources`), so none is without one.

use super::sources::{self, SourceChoice};
use super::{Patch, patch_text};
use crate::db::transaction::begin;
use crate::db::versioned::{delete_versioned, load_versioned, require_exists, save_versioned};
use crate::platform::change::Change;
use crate::platform::journal;
use crate::reads::status_records::{
    derive_bounds, esca_bounds, esca_holder_record, kkk_bounds, kkk_holder_record, kkk_own_bounds,
};
use crate::rules::access::Actor;
use crate::rules::status::{
    KKK_TERM, RoundTerm, StatusBounds, StatusFacts, certainly_overlap, esca_term, settle_bounds,
};
use crate::rules::validation::Checks;
use crate::{DomainError, DomainResult};
use crate::{FieldError, FieldErrorCode};
use chrono::{NaiveDate, Utc};
use klastry_entity::{EscaLevel, cluster, esca_label, kkk_certification, kkk_round, organisation};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DatabaseTransaction, EntityTrait, NotSet,
    QueryFilter, Set,
};

/// The stated facts of a status record; each `None` leaves the fact as it is.
#[derive(Debug, Clone, Default)]
pub struct StatusFields {
    /// Award date (partial date); required for a new record.
    pub awarded_on: Patch<String>,
    /// Last day of validity (partial date); derived from the programme's term when not stated.
    pub valid_until: Patch<String>,
    /// Day a source confirmed the status.
    pub confirmed_on: Patch<NaiveDate>,
    /// Remarks.
    pub note: Patch<String>,
    /// The document the record or the correction is taken from; required.
    pub source: Option<SourceChoice>,
    /// Whether the source says the status has been held since the award date, continuously;
    /// `None` keeps it (false for a new record).
    pub held_since: Option<bool>,
}

/// Fields only a KKK certification has.
#[derive(Debug, Clone, Default)]
pub struct KkkFields {
    /// The common facts.
    pub status: StatusFields,
    /// The competition round.
    pub round_number: Patch<i32>,
    /// The organisation that represents the cluster (usually its coordinator).
    pub representative_id: Patch<i32>,
    /// Which renewal this is (1 for the first renewal).
    pub renewal: Patch<i32>,
}

/// The facts after a patch, checked, with their bounds.
struct Facts {
    awarded_on: Option<String>,
    valid_until: Option<String>,
    confirmed_on: Option<NaiveDate>,
    note: Option<String>,
    held_since: bool,
    /// The record's own bounds, from its dates alone (a held-since record's are settled among
    /// the cluster's records once written).
    bounds: StatusBounds,
}

/// The source a record or a correction names, added first if new, inside its transaction.
async fn source_of(
    txn: &DatabaseTransaction,
    actor: &Actor,
    cluster_id: i32,
    fields: &StatusFields,
) -> DomainResult<Option<i32>> {
    sources::resolve(txn, actor, cluster_id, fields.source.as_ref())
        .await
        .map(Some)
}

impl Facts {
    /// The stated facts again, for the rules that read them.
    fn stated(&self) -> StatusFacts {
        StatusFacts {
            awarded_on: self.awarded_on.as_deref().and_then(|d| d.parse().ok()),
            valid_until: self.valid_until.as_deref().and_then(|d| d.parse().ok()),
            confirmed_on: self.confirmed_on,
        }
    }
}

/// A round's term as its sources state it.
fn round_term(round: &kkk_round::Model) -> RoundTerm {
    RoundTerm {
        number: round.number,
        call_opened_on: round.call_opened_on.as_deref().and_then(|d| d.parse().ok()),
        valid_until: round.valid_until.as_deref().and_then(|d| d.parse().ok()),
    }
}

fn facts(
    current: (
        Option<String>,
        Option<String>,
        Option<NaiveDate>,
        Option<String>,
        bool,
    ),
    fields: &StatusFields,
    term: crate::rules::status::Term,
) -> DomainResult<Facts> {
    let mut checks = Checks::default();
    let awarded_on =
        super::patch_partial_date(&mut checks, "awardedOn", current.0, &fields.awarded_on);
    let valid_until =
        super::patch_partial_date(&mut checks, "validUntil", current.1, &fields.valid_until);
    let confirmed_on = match fields.confirmed_on {
        None => current.2,
        Some(day) => day,
    };
    let note = patch_text(&mut checks, "note", current.3, &fields.note, 2_000);
    if awarded_on.is_none() {
        checks.fail(FieldError::new(
            "awardedOn",
            FieldErrorCode::Required,
            "the award date is required (a year is enough)",
        ));
    }
    checks.check(sources::check_choice(fields.source.as_ref()));
    checks.finish()?;
    let bounds = derive_bounds(
        awarded_on.as_deref(),
        valid_until.as_deref(),
        confirmed_on,
        term,
    )?;
    Ok(Facts {
        awarded_on,
        valid_until,
        confirmed_on,
        note,
        held_since: fields.held_since.unwrap_or(current.4),
        bounds,
    })
}

/// Checks the organisation and round a KKK certification names exist, and that its dates fit
/// the round's term; `round` is the round after the change.
async fn check_kkk_references(
    txn: &DatabaseTransaction,
    fields: &KkkFields,
    round: Option<i32>,
    facts: &Facts,
) -> DomainResult<()> {
    let mut checks = Checks::default();
    if let Some(number) = round {
        match kkk_round::Entity::find_by_id(number).one(txn).await? {
            None => checks.fail(FieldError::new(
                "roundNumber",
                FieldErrorCode::NotFound,
                format!("there is no KKK round {number}"),
            )),
            Some(round) => {
                for refused in facts.stated().check_within_round(&round_term(&round)) {
                    checks.fail(refused);
                }
            }
        }
    }
    if let Some(Some(representative)) = fields.representative_id
        && organisation::Entity::find_by_id(representative)
            .one(txn)
            .await?
            .is_none()
    {
        checks.fail(FieldError::new(
            "representativeId",
            FieldErrorCode::NotFound,
            "no such organisation",
        ));
    }
    if let Some(Some(renewal)) = fields.renewal
        && !(0..=20).contains(&renewal)
    {
        checks.fail(
            FieldError::new(
                "renewal",
                FieldErrorCode::OutOfRange,
                "must be between 0 and 20",
            )
            .min(0)
            .max(20)
            .actual(renewal),
        );
    }
    checks.finish()
}

async fn check_no_overlap(
    txn: &DatabaseTransaction,
    cluster_id: i32,
    own: Option<i32>,
    bounds: &StatusBounds,
) -> DomainResult<()> {
    let others = kkk_certification::Entity::find()
        .filter(kkk_certification::Column::ClusterId.eq(cluster_id))
        .all(txn)
        .await?;
    if let Some(other) = others
        .iter()
        .filter(|o| Some(o.id) != own)
        .map(kkk_own_bounds)
        .find(|o| certainly_overlap(bounds, o))
    {
        return Err(DomainError::invalid(
            "awardedOn",
            FieldErrorCode::Overlaps,
            format!(
                "overlaps the cluster's KKK certification held {} to {}; a cluster holds one at a time",
                other.held_from.map(|d| d.to_string()).unwrap_or_default(),
                other.held_until.map(|d| d.to_string()).unwrap_or_default(),
            ),
        ));
    }
    Ok(())
}

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
fn settled<M>(changed: Vec<M>, written: M, id: impl Fn(&M) -> i32) -> M {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_until_must_follow_the_award() {
        let fields = StatusFields {
            awarded_on: Some(Some("2024-05-01".into())),
            valid_until: Some(Some("2023-12-31".into())),
            source: Some(SourceChoice::Existing(1)),
            ..Default::default()
        };
        let Err(DomainError::Invalid(error)) =
            facts((None, None, None, None, false), &fields, KKK_TERM)
        else {
            panic!("a certification ending before its award was accepted");
        };
        assert_eq!(error.field, "validUntil");
        assert_eq!(error.code, FieldErrorCode::EndsBeforeStart);
    }

    #[test]
    fn the_award_date_is_required() {
        let Err(DomainError::Rejected(errors)) = facts(
            (None, None, None, None, false),
            &StatusFields::default(),
            KKK_TERM,
        ) else {
            panic!("a certification without an award date was accepted");
        };
        assert_eq!(errors[0].field, "awardedOn");
        assert_eq!(
            errors[1].field, "sourceId",
            "the missing source is named too"
        );
    }

    #[test]
    fn a_kkk_term_is_derived_when_not_stated() {
        let fields = StatusFields {
            awarded_on: Some(Some("2024-05-01".into())),
            source: Some(SourceChoice::Existing(1)),
            ..Default::default()
        };
        let facts = facts((None, None, None, None, false), &fields, KKK_TERM).expect("valid facts");
        assert!(facts.bounds.latest_end.is_some());
    }
}
