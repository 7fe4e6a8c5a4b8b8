//! The periods of a membership: from joining a cluster to leaving it, each date partial.
//!
//! An organisation may join a cluster, leave, and join again; each time is a period. A period's
//! dates are partial (`2012`, `2012-05`, `2012-05-14`) and either may be unknown, so whether an
//! organisation was a member on a day is answered as certainly, possibly or not, through the
//! days the dates may mean.

use super::partial_date::PartialDate;
use chrono::NaiveDate;

/// The days a period may span, stored beside its dates so that "a member on a day" filters in
/// SQL.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PeriodDays {
    /// The first day the period may have started: the joining date's first day; `None` when
    /// the joining date is unknown.
    pub first_day: Option<NaiveDate>,
    /// The last day the period may have lasted: the leaving date's last day; `None` while the
    /// period is open.
    pub last_day: Option<NaiveDate>,
}

impl PeriodDays {
    /// Whether the period may include `day`: it may have started by then (or its start is
    /// unknown) and may not have ended before (or it is open). The same test as the registry's
    /// "members as of a day" in SQL.
    pub fn may_include(&self, day: NaiveDate) -> bool {
        self.first_day.is_none_or(|first| first <= day)
            && self.last_day.is_none_or(|last| day <= last)
    }
}

/// The days a period with these dates may span. A text that is not a partial date counts as
/// unknown.
pub fn days(joined_on: Option<&str>, left_on: Option<&str>) -> PeriodDays {
    PeriodDays {
        first_day: parse(joined_on).map(|d| d.first_day()),
        last_day: parse(left_on).map(|d| d.last_day()),
    }
}

fn parse(text: Option<&str>) -> Option<PartialDate> {
    text.and_then(|t| t.parse::<PartialDate>().ok())
}

/// Whether an organisation was a member on a day, by one period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnDay {
    /// Whatever day the dates mean, the period includes the day: it had certainly started
    /// (the joining date's last day is on or before it) and had not ended (it is open, or the
    /// day is on or before the leaving date's first day).
    Certainly,
    /// The dates are too coarse, or unknown, to say: the period may include the day.
    Possibly,
    /// The period certainly does not include the day.
    No,
}

/// Whether a period with these dates includes `day`. A period whose joining date is unknown
/// may have started any time, so it is at best possibly current.
pub fn on_day(joined_on: Option<&str>, left_on: Option<&str>, day: NaiveDate) -> OnDay {
    let (joined, left) = (parse(joined_on), parse(left_on));
    if !days(joined_on, left_on).may_include(day) {
        return OnDay::No;
    }
    let started = joined.is_some_and(|j| j.last_day() <= day);
    let not_ended = left.is_none_or(|l| day <= l.first_day());
    if started && not_ended {
        OnDay::Certainly
    } else {
        OnDay::Possibly
    }
}

/// Whether a period joined on `joined_on` certainly starts before the previous period, left on
/// `previous_left_on`, ended: a period must follow the one before it. Unknown dates never
/// conflict.
pub fn starts_before_previous_ended(
    previous_left_on: Option<&str>,
    joined_on: Option<&str>,
) -> bool {
    match (parse(previous_left_on), parse(joined_on)) {
        (Some(left), Some(joined)) => joined.last_day() < left.first_day(),
        _ => false,
    }
}

/// Whether two periods of the same organisation in the same cluster record the same time, so
/// that a merge folding two memberships into one keeps only one of them: the same dates, or
/// both still open (an organisation is a member once at a time).
pub fn same_period(a: (Option<&str>, Option<&str>), b: (Option<&str>, Option<&str>)) -> bool {
    a == b || (a.1.is_none() && b.1.is_none())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().expect("valid test day")
    }

    #[test]
    fn a_period_spans_from_its_joining_dates_first_day_to_its_leaving_dates_last_day() {
        assert_eq!(
            days(Some("2012"), Some("2015-02")),
            PeriodDays {
                first_day: Some(day("2012-01-01")),
                last_day: Some(day("2015-02-28")),
            }
        );
        assert_eq!(
            days(Some("2020-03-04"), Some("2021")),
            PeriodDays {
                first_day: Some(day("2020-03-04")),
                last_day: Some(day("2021-12-31")),
            }
        );
        // Unknown start, open end.
        assert_eq!(days(None, None), PeriodDays::default());
        assert_eq!(days(Some("not a date"), None), PeriodDays::default());
    }

    #[test]
    fn a_period_is_certainly_current_only_between_its_dates() {
        let (joined, left) = (Some("2012-05-14"), Some("2015-06-30"));
        assert_eq!(on_day(joined, left, day("2012-05-13")), OnDay::No);
        assert_eq!(on_day(joined, left, day("2012-05-14")), OnDay::Certainly);
        assert_eq!(on_day(joined, left, day("2014-01-01")), OnDay::Certainly);
        assert_eq!(on_day(joined, left, day("2015-06-30")), OnDay::Certainly);
        assert_eq!(on_day(joined, left, day("2015-07-01")), OnDay::No);
    }

    #[test]
    fn coarse_dates_make_their_edges_only_possible() {
        // Joined some day of 2012, left some day of June 2015.
        let (joined, left) = (Some("2012"), Some("2015-06"));
        assert_eq!(on_day(joined, left, day("2011-12-31")), OnDay::No);
        assert_eq!(on_day(joined, left, day("2012-01-01")), OnDay::Possibly);
        assert_eq!(on_day(joined, left, day("2012-12-31")), OnDay::Certainly);
        assert_eq!(on_day(joined, left, day("2015-06-01")), OnDay::Certainly);
        assert_eq!(on_day(joined, left, day("2015-06-02")), OnDay::Possibly);
        assert_eq!(on_day(joined, left, day("2015-06-30")), OnDay::Possibly);
        assert_eq!(on_day(joined, left, day("2015-07-01")), OnDay::No);
    }

    #[test]
    fn an_unknown_start_is_possibly_current_and_an_open_period_never_ends() {
        assert_eq!(on_day(None, None, day("1990-01-01")), OnDay::Possibly);
        assert_eq!(on_day(None, Some("2015"), day("2016-01-01")), OnDay::No);
        assert_eq!(
            on_day(Some("2012"), None, day("2099-01-01")),
            OnDay::Certainly
        );
        assert!(days(None, None).may_include(day("1990-01-01")));
        assert!(!days(Some("2012"), None).may_include(day("2011-12-31")));
    }

    #[test]
    fn a_new_period_may_not_start_before_the_previous_one_ended() {
        assert!(starts_before_previous_ended(
            Some("2015-06-30"),
            Some("2015-06-29")
        ));
        assert!(starts_before_previous_ended(Some("2015-06"), Some("2014")));
        assert!(!starts_before_previous_ended(
            Some("2015-06-30"),
            Some("2015-06-30")
        ));
        // Coarse dates that may meet, and unknown dates, do not conflict.
        assert!(!starts_before_previous_ended(
            Some("2015-06-30"),
            Some("2015")
        ));
        assert!(!starts_before_previous_ended(None, Some("2001")));
        assert!(!starts_before_previous_ended(Some("2015"), None));
    }

    #[test]
    fn two_records_of_one_period_are_the_same_dates_or_both_open() {
        assert!(same_period(
            (Some("2012"), Some("2015")),
            (Some("2012"), Some("2015"))
        ));
        assert!(same_period((Some("2012"), None), (Some("2013-04"), None)));
        assert!(!same_period(
            (Some("2012"), Some("2015")),
            (Some("2016"), None)
        ));
    }
}
