//! KKK certifications and ESCA labels: turning stated facts into stored bounds, and the status
//! of a stored record on a day.

use crate::rules::partial_date::PartialDate;
use crate::rules::status::{
    HolderRecord, KKK_TERM, StatusBounds, StatusFacts, Term, esca_term, settle_bounds,
};
use crate::{DomainError, DomainResult, FieldErrorCode};
use chrono::NaiveDate;
use klastry_entity::{esca_label, kkk_certification};

/// Parses an optional partial date, naming `field` when it is malformed.
pub fn parse_partial(field: &str, value: Option<&str>) -> DomainResult<Option<PartialDate>> {
    value
        .map(|v| {
            v.parse::<PartialDate>().map_err(|e| {
                DomainError::invalid(field, FieldErrorCode::InvalidFormat, e.to_string())
            })
        })
        .transpose()
}

/// Checks stated facts and derives their bounds with the programme's term.
pub fn derive_bounds(
    awarded_on: Option<&str>,
    valid_until: Option<&str>,
    confirmed_on: Option<NaiveDate>,
    term: Term,
) -> DomainResult<StatusBounds> {
    let facts = StatusFacts {
        awarded_on: parse_partial("awardedOn", awarded_on)?,
        valid_until: parse_partial("validUntil", valid_until)?,
        confirmed_on,
    };
    facts.check()?;
    Ok(facts.bounds(term))
}

/// One record's stated facts as [`derive_holder_bounds`] takes them: award date, valid-until
/// date, confirmed day, the programme's term, and whether it is held since its award.
pub type StatedRecord<'a> = (
    Option<&'a str>,
    Option<&'a str>,
    Option<NaiveDate>,
    Term,
    bool,
);

/// Checks the stated facts of a holder's records of one kind and derives their bounds
/// together, a held-since record's among the others ([`settle_bounds`]).
pub fn derive_holder_bounds(records: &[StatedRecord<'_>]) -> DomainResult<Vec<StatusBounds>> {
    let mut read = Vec::with_capacity(records.len());
    for &(awarded_on, valid_until, confirmed_on, term, held_since) in records {
        let facts = StatusFacts {
            awarded_on: parse_partial("awardedOn", awarded_on)?,
            valid_until: parse_partial("validUntil", valid_until)?,
            confirmed_on,
        };
        facts.check()?;
        read.push(HolderRecord {
            facts,
            term,
            held_since,
        });
    }
    Ok(settle_bounds(&read))
}

/// The stored bounds of a KKK certification.
pub fn kkk_bounds(record: &kkk_certification::Model) -> StatusBounds {
    StatusBounds {
        held_from: record.held_from,
        held_until: record.held_until,
        earliest_start: record.earliest_start,
        latest_end: record.latest_end,
    }
}

/// The facts a stored record states (its dates were checked when written).
fn stored_facts(
    awarded_on: Option<&str>,
    valid_until: Option<&str>,
    confirmed_on: Option<NaiveDate>,
) -> StatusFacts {
    StatusFacts {
        awarded_on: awarded_on.and_then(|d| d.parse().ok()),
        valid_until: valid_until.and_then(|d| d.parse().ok()),
        confirmed_on,
    }
}

/// A stored KKK certification as the rule that settles a holder's bounds reads it.
pub fn kkk_holder_record(record: &kkk_certification::Model) -> HolderRecord {
    HolderRecord {
        facts: stored_facts(
            record.awarded_on.as_deref(),
            record.valid_until.as_deref(),
            record.confirmed_on,
        ),
        term: KKK_TERM,
        held_since: record.held_since,
    }
}

/// A stored ESCA label as the rule that settles a holder's bounds reads it.
pub fn esca_holder_record(record: &esca_label::Model) -> HolderRecord {
    HolderRecord {
        facts: stored_facts(
            record.awarded_on.as_deref(),
            record.valid_until.as_deref(),
            record.confirmed_on,
        ),
        term: esca_term(record.level),
        held_since: record.held_since,
    }
}

/// A KKK certification's own bounds, from its dates alone: its stored bounds, except that a
/// held-since record's reach into the next record is left out. Two records overlap, or not,
/// by these.
pub fn kkk_own_bounds(record: &kkk_certification::Model) -> StatusBounds {
    if record.held_since {
        kkk_holder_record(record).facts.bounds(KKK_TERM)
    } else {
        kkk_bounds(record)
    }
}

/// Whether a KKK certification is, as its source says, the cluster's first award (renewal 0).
pub fn kkk_first_award(record: &kkk_certification::Model) -> bool {
    record.renewal == Some(0)
}

/// The stored bounds of an ESCA label.
pub fn esca_bounds(record: &esca_label::Model) -> StatusBounds {
    StatusBounds {
        held_from: record.held_from,
        held_until: record.held_until,
        earliest_start: record.earliest_start,
        latest_end: record.latest_end,
    }
}

/// One page of ESCA labels, by id, optionally of some levels and certainly held on a day.
pub async fn esca_labels<C: sea_orm::ConnectionTrait>(
    db: &C,
    levels: &[klastry_entity::EscaLevel],
    held_on: Option<NaiveDate>,
    page: &crate::db::pagination::PageRequest,
) -> DomainResult<(crate::db::pagination::Page<esca_label::Model>, u64)> {
    use crate::db::pagination::{Direction, Keyset, Ordering, PagePlan, fetch_page};
    use crate::db::rows::ColumnSet;
    use sea_orm::{ColumnTrait, Condition, EntityTrait, PaginatorTrait, QueryFilter};
    let mut condition = Condition::all();
    if !levels.is_empty() {
        condition = condition.add(esca_label::Column::Level.is_in(levels.iter().copied()));
    }
    if let Some(day) = held_on {
        condition = condition
            .add(esca_label::Column::HeldFrom.lte(day))
            .add(esca_label::Column::HeldUntil.gte(day));
    }
    let ordering = Ordering {
        column: esca_label::Column::Id,
        id: esca_label::Column::Id,
        direction: Direction::Asc,
        parse_key: |key| key.parse::<i32>().ok().map(sea_orm::Value::from),
        keyset_of: |label: &esca_label::Model| Keyset {
            key: label.id.to_string(),
            id: label.id,
        },
    };
    let total = esca_label::Entity::find()
        .filter(condition.clone())
        .count(db)
        .await?;
    let page = fetch_page(
        db,
        esca_label::Entity::find().filter(condition),
        &ordering,
        page,
        PagePlan::Direct,
        ColumnSet::ALL,
    )
    .await?;
    Ok((page, total))
}
