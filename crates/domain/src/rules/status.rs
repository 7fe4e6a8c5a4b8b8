//! Whether a KKK certification or an ESCA label is held on a given day.
//!
//! The registry never stores "active": it stores what the source says (award date, valid-until
//! date, a day on which the status was confirmed, each with its own precision) and derives four
//! bounds from them with the programme's rules. On any day the status is then ACTIVE (certainly
//! held), EXPIRED (certainly over), NOT_YET_VALID (certainly not started) or UNKNOWN (the sources
//! do not settle it). The bounds are stored only so that SQL can filter by them.

use super::partial_date::PartialDate;
use crate::{FieldError, FieldErrorCode};
use chrono::NaiveDate;

/// How long a status lasts when the source does not say, in years.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Term {
    /// Validity of an award, counted from its date; `None` when no rule is known.
    pub award_years: Option<u32>,
    /// The longest one period of validity can be (a renewal may run longer than a first
    /// award); bounds a status known only to have been held on some day.
    pub longest_years: Option<u32>,
}

/// KKK status is valid for three years from the minister's decision.
pub const KKK_TERM: Term = Term {
    award_years: Some(3),
    longest_years: Some(3),
};

/// ESCA labels: bronze is valid two years from the interview and a renewal extends it by
/// three; silver is valid two years on first award, its renewal term is not documented; gold's
/// validity is not documented at all.
pub fn esca_term(level: klastry_entity::EscaLevel) -> Term {
    match level {
        klastry_entity::EscaLevel::Bronze => Term {
            award_years: Some(2),
            longest_years: Some(3),
        },
        klastry_entity::EscaLevel::Silver => Term {
            award_years: Some(2),
            longest_years: None,
        },
        klastry_entity::EscaLevel::Gold => Term {
            award_years: None,
            longest_years: None,
        },
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

/// A holder's status on a day from its records of one kind, each with its status that day and
/// whether its source says it is the holder's first award: ACTIVE if any record is; else
/// NOT_YET_VALID if the day is before a first award (nothing can have been held before it);
/// else UNKNOWN if any record leaves the day open or the day is before a record that is a
/// renewal or does not say (it may follow holdings the registry has no record of); else
/// EXPIRED. None for a holder without records.
pub fn holder_status(
    records: impl IntoIterator<Item = (StatusOnDate, bool)>,
) -> Option<StatusOnDate> {
    let mut any = false;
    let (mut active, mut before_first, mut open) = (false, false, false);
    for (status, first_award) in records {
        any = true;
        match status {
            StatusOnDate::Active => active = true,
            StatusOnDate::NotYetValid if first_award => before_first = true,
            StatusOnDate::NotYetValid | StatusOnDate::Unknown => open = true,
            StatusOnDate::Expired => {}
        }
    }
    any.then_some(if active {
        StatusOnDate::Active
    } else if before_first {
        StatusOnDate::NotYetValid
    } else if open {
        StatusOnDate::Unknown
    } else {
        StatusOnDate::Expired
    })
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

/// One record of a holder, as [`settle_bounds`] reads it: its stated facts, its programme's
/// term, and whether its source says the status has been held since its award, continuously.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HolderRecord {
    /// What the source states.
    pub facts: StatusFacts,
    /// The programme's term for it.
    pub term: Term,
    /// The source says the status has been held since `awarded_on`, continuously.
    pub held_since: bool,
}

impl StatusBounds {
    /// Where a record starts for ordering a holder's records: the day it is certainly held
    /// from, else the earliest day it can have started.
    fn start(&self) -> Option<NaiveDate> {
        self.held_from.or(self.earliest_start)
    }
}

impl StatusFacts {
    /// The bounds of a record whose source says the status has been held since its award,
    /// continuously, among the holder's other records of the same kind (`others`: their
    /// bounds).
    ///
    /// It is certainly held from the award's last day until the day before the certain start
    /// (`held_from`) of the holder's next record, the earliest record starting (by `held_from`,
    /// else `earliest_start`) after that day: the holding ran into it, and, one held at a time,
    /// ended when it began, so that day is also its latest end. Without a next record with a
    /// certain start it is certainly held as its own dates say (its award period by the term
    /// rule, stretched to the day a source confirmed it), and it does not lapse by the term
    /// rule: no latest end is derived from the term, so after that span the status is UNKNOWN,
    /// not EXPIRED. A stated valid-until date stays its latest end.
    pub fn held_since_bounds(
        &self,
        term: Term,
        others: impl IntoIterator<Item = StatusBounds>,
    ) -> StatusBounds {
        let own = self.bounds(term);
        let stated_end = self.valid_until.map(|u| u.last_day());
        let Some(from) = self.awarded_on.map(|a| a.last_day()).or(own.held_from) else {
            return own;
        };
        let next = others
            .into_iter()
            .filter(|b| b.start().is_some_and(|s| s > from))
            .min_by_key(|b| b.start());
        let next_from = next.and_then(|n| n.held_from).and_then(|d| d.pred_opt());
        let mut bounds = StatusBounds {
            held_from: own.held_from.or(Some(from)),
            held_until: own.held_until,
            earliest_start: own.earliest_start,
            latest_end: stated_end,
        };
        if let Some(until) = next_from {
            bounds.held_until = Some(bounds.held_until.map_or(until, |u| u.max(until)));
            bounds.latest_end = bounds.held_until.max(stated_end);
        }
        if let (Some(from), Some(until)) = (bounds.held_from, bounds.held_until)
            && from > until
        {
            bounds.held_from = None;
            bounds.held_until = None;
        }
        bounds
    }
}

/// The bounds of each of a holder's records of one kind, in their order: a record its source
/// does not say is held since its award has its own ([`StatusFacts::bounds`]); one it does
/// has [`StatusFacts::held_since_bounds`] among the others.
pub fn settle_bounds(records: &[HolderRecord]) -> Vec<StatusBounds> {
    let own: Vec<StatusBounds> = records.iter().map(|r| r.facts.bounds(r.term)).collect();
    records
        .iter()
        .enumerate()
        .map(|(i, r)| {
            if r.held_since {
                let others = own
                    .iter()
                    .enumerate()
                    .filter(|(j, _)| *j != i)
                    .map(|(_, b)| *b);
                r.facts.held_since_bounds(r.term, others)
            } else {
                own[i]
            }
        })
        .collect()
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

/// Whether two records were certainly held on a common day: both certain periods are known
/// and meet. Records whose sources leave a bound open are not taken to overlap.
pub fn certainly_overlap(a: &StatusBounds, b: &StatusBounds) -> bool {
    match (a.held_from, a.held_until, b.held_from, b.held_until) {
        (Some(a_from), Some(a_until), Some(b_from), Some(b_until)) => {
            a_from <= b_until && b_from <= a_until
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
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

    #[test]
    fn periods_that_meet_overlap_and_consecutive_ones_do_not() {
        let d = |s: &str| s.parse::<NaiveDate>().ok();
        let period = |from: &str, until: &str| StatusBounds {
            held_from: d(from),
            held_until: d(until),
            ..Default::default()
        };
        let first = period("2021-01-01", "2023-12-31");
        assert!(certainly_overlap(
            &first,
            &period("2023-12-31", "2026-12-31")
        ));
        assert!(!certainly_overlap(
            &first,
            &period("2024-01-01", "2026-12-31")
        ));
        assert!(!certainly_overlap(&first, &StatusBounds::default()));
    }

    use super::*;

    /// The Waste Management and Recycling Cluster: KKK "from 2016" (seed 001), and round VI
    /// valid until 17 Dec 2025, confirmed on 23 Jan 2023 (seed 004).
    fn waste_management() -> [HolderRecord; 2] {
        [
            HolderRecord {
                facts: StatusFacts {
                    awarded_on: partial("2016"),
                    valid_until: None,
                    confirmed_on: None,
                },
                term: KKK_TERM,
                held_since: true,
            },
            HolderRecord {
                facts: StatusFacts {
                    awarded_on: None,
                    valid_until: partial("2025-12-17"),
                    confirmed_on: Some(day("2023-01-23")),
                },
                term: KKK_TERM,
                held_since: false,
            },
        ]
    }

    fn holder_on(records: &[HolderRecord], first_award: &[bool], on: &str) -> StatusOnDate {
        let bounds = settle_bounds(records);
        holder_status(
            bounds
                .iter()
                .zip(first_award)
                .map(|(b, first)| (b.on(day(on)), *first)),
        )
        .expect("records")
    }

    #[test]
    fn a_status_held_since_its_award_runs_until_the_next_record_begins() {
        use StatusOnDate::*;
        let records = waste_management();
        let bounds = settle_bounds(&records);
        assert_eq!(bounds[0].held_from, Some(day("2016-12-31")));
        assert_eq!(bounds[0].held_until, Some(day("2023-01-22")));
        assert_eq!(bounds[0].latest_end, Some(day("2023-01-22")));
        // The next record keeps its own bounds.
        assert_eq!(bounds[1], records[1].facts.bounds(KKK_TERM));
        let first = [true, false];
        for on in [
            "2017-01-01",
            "2019-06-01",
            "2020-06-01",
            "2022-12-31",
            "2023-01-22",
        ] {
            assert_eq!(bounds[0].on(day(on)), Active, "{on}");
        }
        for year in 2017..=2025 {
            for on in [
                format!("{year}-01-01"),
                format!("{year}-06-01"),
                format!("{year}-12-17"),
            ] {
                assert_eq!(holder_on(&records, &first, &on), Active, "{on}");
            }
        }
        assert_eq!(bounds[0].on(day("2023-01-23")), Expired);
        assert_eq!(holder_on(&records, &first, "2026-06-01"), Expired);
        assert_eq!(holder_on(&records, &first, "2015-06-01"), NotYetValid);
        // Without the flag the term rule ends it, and the years between are not certain.
        let mut plain = waste_management();
        plain[0].held_since = false;
        assert_eq!(settle_bounds(&plain)[0].on(day("2020-06-01")), Expired);
        assert_eq!(holder_on(&plain, &first, "2020-06-01"), Unknown);
    }

    #[test]
    fn a_status_held_since_its_award_without_a_next_record_is_unknown_after_its_span() {
        use StatusOnDate::*;
        let alone = [waste_management()[0]];
        let bounds = settle_bounds(&alone);
        assert_eq!(bounds[0].latest_end, None);
        assert_eq!(bounds[0].on(day("2016-12-31")), Active);
        assert_eq!(bounds[0].on(day("2018-06-01")), Active);
        assert_eq!(bounds[0].on(day("2020-06-01")), Unknown);
        assert_eq!(bounds[0].on(day("2030-06-01")), Unknown);
        assert_eq!(bounds[0].on(day("2015-12-31")), NotYetValid);
        // A day a source confirmed it stretches the certain span to that day.
        let mut confirmed = alone;
        confirmed[0].facts.confirmed_on = Some(day("2021-03-01"));
        let bounds = settle_bounds(&confirmed);
        assert_eq!(bounds[0].held_until, Some(day("2021-03-01")));
        assert_eq!(bounds[0].on(day("2021-03-02")), Unknown);
        // A stated end stays its latest end.
        let mut stated = alone;
        stated[0].facts.valid_until = partial("2020-05");
        assert_eq!(settle_bounds(&stated)[0].on(day("2020-06-01")), Expired);
    }

    #[test]
    fn a_next_record_is_the_earliest_later_one_and_an_earlier_one_does_not_count() {
        let record = |awarded: &str| HolderRecord {
            facts: StatusFacts {
                awarded_on: partial(awarded),
                valid_until: None,
                confirmed_on: None,
            },
            term: KKK_TERM,
            held_since: false,
        };
        let mut since = record("2016");
        since.held_since = true;
        let records = [
            record("2022-06-01"),
            record("2012"),
            since,
            record("2019-03-01"),
        ];
        let bounds = settle_bounds(&records);
        assert_eq!(bounds[2].held_until, Some(day("2019-02-28")));
        assert_eq!(bounds[2].latest_end, Some(day("2019-02-28")));
        // A next record without a certain start (only its end is stated) leaves only its own
        // span, with no term end.
        let open_next = HolderRecord {
            facts: StatusFacts {
                awarded_on: None,
                valid_until: partial("2024"),
                confirmed_on: None,
            },
            term: KKK_TERM,
            held_since: false,
        };
        let bounds = settle_bounds(&[since, open_next]);
        assert_eq!(
            bounds[0].held_until,
            since.facts.bounds(KKK_TERM).held_until
        );
        assert_eq!(bounds[0].latest_end, None);
    }

    #[test]
    fn a_holder_is_certainly_not_yet_certified_only_before_a_first_award() {
        use StatusOnDate::*;
        let awarded_2023 = StatusFacts {
            awarded_on: "2023-01".parse().ok(),
            valid_until: None,
            confirmed_on: None,
        }
        .bounds(KKK_TERM);
        let before = awarded_2023.on(day("2020-06-01"));
        assert_eq!(before, NotYetValid, "the record's own period");
        assert_eq!(holder_status([(before, true)]), Some(NotYetValid));
        // A renewal, or a record that does not say, may follow earlier holdings.
        assert_eq!(holder_status([(before, false)]), Some(Unknown));
        assert_eq!(
            holder_status([(Expired, false), (before, false)]),
            Some(Unknown)
        );
        // Before the first award nothing was held, whatever later records say.
        assert_eq!(
            holder_status([(before, true), (NotYetValid, false)]),
            Some(NotYetValid)
        );
        assert_eq!(
            holder_status([(Active, false), (Unknown, false)]),
            Some(Active)
        );
        assert_eq!(
            holder_status([(Expired, true), (Expired, false)]),
            Some(Expired)
        );
        assert_eq!(holder_status([]), None);
    }

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
