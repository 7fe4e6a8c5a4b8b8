//! A KKK round's term as its sources state it, and the check that a certification fits the
//! term of the round that awarded it.

use super::on_date::StatusFacts;
use crate::rules::partial_date::PartialDate;
use crate::{FieldError, FieldErrorCode};

/// What the sources say of a KKK round's term: the call opened on one day, and the statuses it
/// awarded are valid until another. Either may be unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoundTerm {
    /// The round's number (6 for round VI).
    pub number: i32,
    /// When its call for applications opened.
    pub call_opened_on: Option<PartialDate>,
    /// The last day its statuses are valid.
    pub valid_until: Option<PartialDate>,
}

impl StatusFacts {
    /// Checks a KKK certification fits the term of the round that awarded it: not awarded
    /// before the round's call opened nor after its statuses ended, not valid beyond them, and
    /// not confirmed after them. Where the dates' precision leaves room, the record is taken
    /// to fit.
    pub fn check_within_round(&self, round: &RoundTerm) -> Vec<FieldError> {
        let mut refused = Vec::new();
        let n = round.number;
        let out = |field: &str, message: String| {
            FieldError::new(field, FieldErrorCode::OutOfRange, message)
        };
        if let (Some(awarded), Some(opened)) = (self.awarded_on, round.call_opened_on)
            && awarded.last_day() < opened.first_day()
        {
            refused.push(out(
                "awardedOn",
                format!("awarded {awarded}, before round {n}'s call opened ({opened})"),
            ));
        }
        if let Some(ends) = round.valid_until {
            if let Some(awarded) = self.awarded_on
                && awarded.first_day() > ends.last_day()
            {
                refused.push(out(
                    "awardedOn",
                    format!("awarded {awarded}, after round {n}'s statuses ended ({ends})"),
                ));
            }
            if let Some(until) = self.valid_until
                && until.first_day() > ends.last_day()
            {
                refused.push(out(
                    "validUntil",
                    format!("valid until {until}, beyond round {n}'s term, which ends {ends}"),
                ));
            }
            if let Some(confirmed) = self.confirmed_on
                && confirmed > ends.last_day()
            {
                refused.push(out(
                    "confirmedOn",
                    format!("confirmed {confirmed}, after round {n}'s statuses ended ({ends})"),
                ));
            }
        }
        refused
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_status_outside_its_rounds_term_is_refused() {
        let p = |s: &str| s.parse::<PartialDate>().ok();
        let round_vi = RoundTerm {
            number: 6,
            call_opened_on: p("2022"),
            valid_until: p("2025-12-17"),
        };
        let facts = |awarded: &str, until: Option<&str>, confirmed: Option<&str>| StatusFacts {
            awarded_on: p(awarded),
            valid_until: until.and_then(p),
            confirmed_on: confirmed.and_then(|c| c.parse().ok()),
        };
        let fields = |f: StatusFacts| {
            f.check_within_round(&round_vi)
                .into_iter()
                .map(|e| (e.field, e.code))
                .collect::<Vec<_>>()
        };
        assert!(fields(facts("2023-01-23", Some("2025-12-17"), Some("2024-05-01"))).is_empty());
        // A year or month that reaches into the term is taken to fit.
        assert!(fields(facts("2022", Some("2025-12"), None)).is_empty());
        let out = FieldErrorCode::OutOfRange;
        assert_eq!(
            fields(facts("2023-01-23", Some("2028-01-23"), None)),
            [("validUntil".to_string(), out)]
        );
        assert_eq!(
            fields(facts("2021-06", None, Some("2026-01-05"))),
            [
                ("awardedOn".to_string(), out),
                ("confirmedOn".to_string(), out)
            ]
        );
        assert_eq!(
            fields(facts("2026", None, None)),
            [("awardedOn".to_string(), out)]
        );
    }
}
