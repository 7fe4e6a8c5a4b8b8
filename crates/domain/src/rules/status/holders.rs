//! A holder's records of one kind together: its status on a day from all of them, the bounds
//! of a record held since its award among the others, and whether two records overlap.

use super::on_date::{StatusBounds, StatusFacts, StatusOnDate};
use super::terms::Term;
use chrono::NaiveDate;

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
    use super::*;
    use crate::rules::partial_date::PartialDate;
    use crate::rules::status::KKK_TERM;

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
}
