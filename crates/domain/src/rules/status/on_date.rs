//! What a source states of one status record, the four bounds derived from it with the
//! programme's term rule, and the status they give on a day.

use super::terms::Term;
use crate::rules::partial_date::PartialDate;
use crate::{FieldError, FieldErrorCode};
use chrono::NaiveDate;

/// What a source states about one status record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusFacts {
    /// When it was awarded, to the precision the source gives.
    pub awarded_on: Option<PartialDate>,
    /// Until when it is valid, as the source states it.
    pub valid_until: Option<PartialDate>,
    /// A day the source confirms it was held.
    pub confirmed_on: Option<NaiveDate>,
}

/// The bounds derived from [`StatusFacts`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct StatusBounds {
    /// Certainly held from this day (inclusive).
    pub held_from: Option<NaiveDate>,
    /// Certainly held until this day (inclusive).
    pub held_until: Option<NaiveDate>,
    /// Cannot have started before this day.
    pub earliest_start: Option<NaiveDate>,
    /// Cannot have lasted beyond this day.
    pub latest_end: Option<NaiveDate>,
}

/// A status on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StatusOnDate {
    /// Certainly held on that day.
    Active,
    /// Certainly over by that day.
    Expired,
    /// Certainly not yet started on that day.
    NotYetValid,
    /// The sources do not settle it.
    Unknown,
}

impl StatusFacts {
    /// Checks the facts agree with each other: valid-until after the award, a confirmation
    /// within the period.
    pub fn check(&self) -> Result<(), FieldError> {
        if let (Some(awarded), Some(until)) = (self.awarded_on, self.valid_until)
            && until.last_day() < awarded.first_day()
        {
            return Err(FieldError::new(
                "validUntil",
                FieldErrorCode::EndsBeforeStart,
                format!("valid-until {until} is before the award date {awarded}"),
            ));
        }
        if let (Some(confirmed), Some(awarded)) = (self.confirmed_on, self.awarded_on)
            && confirmed < awarded.first_day()
        {
            return Err(FieldError::new(
                "confirmedOn",
                FieldErrorCode::OutOfRange,
                format!("confirmed {confirmed} before the award date {awarded}"),
            ));
        }
        if let (Some(confirmed), Some(until)) = (self.confirmed_on, self.valid_until)
            && confirmed > until.last_day()
        {
            return Err(FieldError::new(
                "confirmedOn",
                FieldErrorCode::OutOfRange,
                format!("confirmed {confirmed} after the valid-until date {until}"),
            ));
        }
        Ok(())
    }

    /// Derives the bounds with the programme's term rule.
    pub fn bounds(&self, term: Term) -> StatusBounds {
        let years = term.award_years;
        // The end as stated, or as the term rule gives it from the award.
        let end = self
            .valid_until
            .or_else(|| Some(self.awarded_on?.plus_years(years?)));
        // The start as stated, or as the term rule gives it back from a stated end.
        let start_from_end = || -> Option<PartialDate> {
            let until = self.valid_until?;
            let years = years?;
            Some(match until {
                PartialDate::Day(d) => {
                    PartialDate::Day(d.checked_sub_months(chrono::Months::new(12 * years))?)
                }
                PartialDate::Month(y, m) => PartialDate::Month(y - years as i32, m),
                PartialDate::Year(y) => PartialDate::Year(y - years as i32),
            })
        };

        let mut bounds = StatusBounds {
            held_from: self.awarded_on.map(|a| a.last_day()),
            held_until: end.map(|e| e.first_day()),
            earliest_start: self
                .awarded_on
                .map(|a| a.first_day())
                .or_else(|| start_from_end().map(|s| s.first_day())),
            latest_end: end.map(|e| e.last_day()),
        };
        if let Some(confirmed) = self.confirmed_on {
            // Held on the confirmed day: the certain period stretches to include it.
            bounds.held_from = Some(bounds.held_from.map_or(confirmed, |f| f.min(confirmed)));
            bounds.held_until = Some(bounds.held_until.map_or(confirmed, |u| u.max(confirmed)));
            // Held on that day, the period around it is at most the longest term: it began no
            // earlier than that term before the day and ends no later than that term after it.
            if let Some(longest) = term.longest_years {
                let span = chrono::Months::new(12 * longest);
                if end.is_none() {
                    bounds.latest_end = confirmed.checked_add_months(span);
                }
                if bounds.earliest_start.is_none() {
                    bounds.earliest_start = confirmed.checked_sub_months(span);
                }
            }
        }
        // A certain period that is empty (e.g. a year-precise award and a year-precise end a
        // year later) says nothing certain.
        if let (Some(from), Some(until)) = (bounds.held_from, bounds.held_until)
            && from > until
        {
            bounds.held_from = None;
            bounds.held_until = None;
        }
        bounds
    }
}

impl StatusBounds {
    /// The status on `day`.
    pub fn on(&self, day: NaiveDate) -> StatusOnDate {
        if self.latest_end.is_some_and(|end| day > end) {
            return StatusOnDate::Expired;
        }
        if self.earliest_start.is_some_and(|start| day < start) {
            return StatusOnDate::NotYetValid;
        }
        match (self.held_from, self.held_until) {
            (Some(from), Some(until)) if from <= day && day <= until => StatusOnDate::Active,
            _ => StatusOnDate::Unknown,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::status::{KKK_TERM, esca_term};

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("valid test date")
    }

    fn partial(text: &str) -> Option<PartialDate> {
        Some(text.parse().expect("valid test date"))
    }

    #[test]
    fn round_six_certificate_is_active_until_its_stated_end_and_expired_after() {
        let facts = StatusFacts {
            awarded_on: None,
            valid_until: partial("2025-12-17"),
            confirmed_on: Some(day("2023-01-23")),
        };
        let bounds = facts.bounds(KKK_TERM);
        assert_eq!(bounds.on(day("2023-01-23")), StatusOnDate::Active);
        assert_eq!(bounds.on(day("2025-12-17")), StatusOnDate::Active);
        assert_eq!(bounds.on(day("2025-12-18")), StatusOnDate::Expired);
        assert_eq!(bounds.on(day("2026-11-23")), StatusOnDate::Expired);
        // Three years before the stated end is the earliest the decision can have been.
        assert_eq!(bounds.on(day("2022-12-16")), StatusOnDate::NotYetValid);
        assert_eq!(bounds.on(day("2022-12-20")), StatusOnDate::Unknown);
    }

    #[test]
    fn year_precise_award_uses_the_three_year_term() {
        let facts = StatusFacts {
            awarded_on: partial("2015"),
            valid_until: None,
            confirmed_on: None,
        };
        let bounds = facts.bounds(KKK_TERM);
        assert_eq!(bounds.on(day("2014-12-31")), StatusOnDate::NotYetValid);
        assert_eq!(bounds.on(day("2015-06-01")), StatusOnDate::Unknown);
        assert_eq!(bounds.on(day("2016-06-01")), StatusOnDate::Active);
        assert_eq!(bounds.on(day("2018-06-01")), StatusOnDate::Unknown);
        assert_eq!(bounds.on(day("2019-01-01")), StatusOnDate::Expired);
    }

    #[test]
    fn bronze_label_confirmed_on_one_day_lasts_at_most_a_renewal_term_around_it() {
        let facts = StatusFacts {
            awarded_on: None,
            valid_until: None,
            confirmed_on: Some(day("2017-02-24")),
        };
        let bounds = facts.bounds(esca_term(klastry_entity::EscaLevel::Bronze));
        assert_eq!(bounds.on(day("2017-02-24")), StatusOnDate::Active);
        assert_eq!(bounds.on(day("2017-02-25")), StatusOnDate::Unknown);
        assert_eq!(bounds.on(day("2016-01-01")), StatusOnDate::Unknown);
        // A renewed bronze label runs three years, so only then is it certainly over.
        assert_eq!(bounds.on(day("2019-06-01")), StatusOnDate::Unknown);
        assert_eq!(bounds.on(day("2020-02-25")), StatusOnDate::Expired);
        assert_eq!(bounds.on(day("2014-02-23")), StatusOnDate::NotYetValid);
    }

    #[test]
    fn silver_label_confirmed_on_one_day_is_never_called_expired() {
        let facts = StatusFacts {
            awarded_on: None,
            valid_until: None,
            confirmed_on: Some(day("2017-02-24")),
        };
        let bounds = facts.bounds(esca_term(klastry_entity::EscaLevel::Silver));
        assert_eq!(bounds.on(day("2030-01-01")), StatusOnDate::Unknown);
    }

    #[test]
    fn gold_label_without_dates_is_never_called_expired() {
        let facts = StatusFacts {
            awarded_on: partial("2020-03"),
            valid_until: None,
            confirmed_on: None,
        };
        let bounds = facts.bounds(esca_term(klastry_entity::EscaLevel::Gold));
        assert_eq!(bounds.on(day("2030-01-01")), StatusOnDate::Unknown);
        assert_eq!(bounds.on(day("2020-02-01")), StatusOnDate::NotYetValid);
    }

    #[test]
    fn exact_dates_give_exact_status() {
        let facts = StatusFacts {
            awarded_on: partial("2019-07-25"),
            valid_until: partial("2021-07-25"),
            confirmed_on: None,
        };
        let bounds = facts.bounds(Term {
            award_years: Some(2),
            longest_years: Some(3),
        });
        assert_eq!(bounds.on(day("2019-07-24")), StatusOnDate::NotYetValid);
        assert_eq!(bounds.on(day("2019-07-25")), StatusOnDate::Active);
        assert_eq!(bounds.on(day("2021-07-25")), StatusOnDate::Active);
        assert_eq!(bounds.on(day("2021-07-26")), StatusOnDate::Expired);
    }

    #[test]
    fn valid_until_before_award_is_refused() {
        let facts = StatusFacts {
            awarded_on: partial("2020-05-01"),
            valid_until: partial("2019"),
            confirmed_on: None,
        };
        assert_eq!(
            facts.check().map_err(|e| e.field),
            Err("validUntil".to_string())
        );
    }
}
