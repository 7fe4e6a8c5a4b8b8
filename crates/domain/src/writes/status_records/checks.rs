//! The checks a status record passes before it is written: its facts after a patch agree with
//! each other and give its bounds; a KKK certification's round and representative exist and
//! its dates fit the round's term; no two KKK certifications of a cluster overlap.

use super::{KkkFields, StatusFields};
use crate::reads::status_records::{derive_bounds, kkk_own_bounds};
use crate::rules::status::{RoundTerm, StatusBounds, StatusFacts, certainly_overlap};
use crate::rules::validation::Checks;
use crate::writes::{patch_partial_date, patch_text, sources};
use crate::{DomainError, DomainResult};
use crate::{FieldError, FieldErrorCode};
use chrono::NaiveDate;
use klastry_entity::{kkk_certification, kkk_round, organisation};
use sea_orm::{ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter};

/// The facts after a patch, checked, with their bounds.
pub(super) struct Facts {
    pub(super) awarded_on: Option<String>,
    pub(super) valid_until: Option<String>,
    pub(super) confirmed_on: Option<NaiveDate>,
    pub(super) note: Option<String>,
    pub(super) held_since: bool,
    /// The record's own bounds, from its dates alone (a held-since record's are settled among
    /// the cluster's records once written).
    pub(super) bounds: StatusBounds,
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

pub(super) fn facts(
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
    let awarded_on = patch_partial_date(&mut checks, "awardedOn", current.0, &fields.awarded_on);
    let valid_until = patch_partial_date(&mut checks, "validUntil", current.1, &fields.valid_until);
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
pub(super) async fn check_kkk_references(
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

pub(super) async fn check_no_overlap(
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::status::KKK_TERM;
    use crate::writes::sources::SourceChoice;

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
