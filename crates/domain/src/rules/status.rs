//! Whether a KKK certification or an ESCA label is held on a given day.
//!
//! The registry never stores "active": it stores what the source says (award date, valid-until
//! date, a day on which the status was confirmed, each with its own precision) and derives four
//! bounds from them with the programme's rules. On any day the status is then ACTIVE (certainly
//! held), EXPIRED (certainly over), NOT_YET_VALID (certainly not started) or UNKNOWN (the sources
//! do not settle it). The bounds are stored only so that SQL can filter by them.

use super::partial_date::PartialDate;
use chrono::NaiveDate;

/// How long a status lasts when the source does not say, in years.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Term {
    /// The status lasts this many years from the award.
    Years(u32),
    /// No rule is known (e.g. the ESCA gold label).
    Unknown,
}

/// KKK status is valid for three years from the minister's decision.
pub const KKK_TERM: Term = Term::Years(3);

/// ESCA bronze and silver labels are valid for two years on first award; gold is not documented.
pub fn esca_term(level: klastry_entity::EscaLevel) -> Term {
    match level {
        klastry_entity::EscaLevel::Bronze | klastry_entity::EscaLevel::Silver => Term::Years(2),
        klastry_entity::EscaLevel::Gold => Term::Unknown,
    }
}

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

/// Why a set of facts cannot describe a status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusFactsError(pub &'static str, pub String);

impl StatusFacts {
    /// Checks the facts agree with each other: valid-until after the award, a confirmation
    /// within the period.
    pub fn check(&self) -> Result<(), StatusFactsError> {
        if let (Some(awarded), Some(until)) = (self.awarded_on, self.valid_until)
            && until.last_day() < awarded.first_day()
        {
            return Err(StatusFactsError(
                "validUntil",
                format!("valid-until {until} is before the award date {awarded}"),
            ));
        }
        if let (Some(confirmed), Some(awarded)) = (self.confirmed_on, self.awarded_on)
            && confirmed < awarded.first_day()
        {
            return Err(StatusFactsError(
                "confirmedOn",
                format!("confirmed {confirmed} before the award date {awarded}"),
            ));
        }
        if let (Some(confirmed), Some(until)) = (self.confirmed_on, self.valid_until)
            && confirmed > until.last_day()
        {
            return Err(StatusFactsError(
                "confirmedOn",
                format!("confirmed {confirmed} after the valid-until date {until}"),
            ));
        }
        Ok(())
    }

    /// Derives the bounds with the programme's term rule.
    pub fn bounds(&self, term: Term) -> StatusBounds {
        let years = match term {
            Term::Years(y) => Some(y),
            Term::Unknown => None,
        };
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
            if end.is_none()
                && let Some(years) = years
            {
                // Held on that day means awarded no earlier than `term` before it, so it ends
                // no later than `term` after it.
                bounds.latest_end = confirmed.checked_add_months(chrono::Months::new(12 * years));
            }
            if bounds.earliest_start.is_none()
                && let Some(years) = years
                && self.valid_until.is_some()
            {
                bounds.earliest_start =
                    confirmed.checked_sub_months(chrono::Months::new(12 * years));
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
    fn bronze_label_confirmed_on_one_day_expires_two_years_later_at_the_latest() {
        let facts = StatusFacts {
            awarded_on: None,
            valid_until: None,
            confirmed_on: Some(day("2017-02-24")),
        };
        let bounds = facts.bounds(esca_term(klastry_entity::EscaLevel::Bronze));
        assert_eq!(bounds.on(day("2017-02-24")), StatusOnDate::Active);
        assert_eq!(bounds.on(day("2017-02-25")), StatusOnDate::Unknown);
        assert_eq!(bounds.on(day("2016-01-01")), StatusOnDate::Unknown);
        assert_eq!(bounds.on(day("2019-02-25")), StatusOnDate::Expired);
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
        let bounds = facts.bounds(Term::Years(2));
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
        assert_eq!(facts.check().map_err(|e| e.0), Err("validUntil"));
    }
}
