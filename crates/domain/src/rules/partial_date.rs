//! Dates known only to a year or a month.
//!
//! Sources say "re-certified in 2018" or "May 2012". The registry keeps that precision instead of
//! inventing a day, stores it as ISO 8601 reduced-precision text ("2018", "2012-05",
//! "2023-01-23"), and reasons about it through the first and last day it may mean.

use chrono::{Datelike, Months, NaiveDate};
use std::fmt;
use std::str::FromStr;

/// A calendar date known to a year, a month or a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PartialDate {
    /// Only the year is known.
    Year(i32),
    /// The year and month are known.
    Month(i32, u32),
    /// The exact day is known.
    Day(NaiveDate),
}

/// Why a partial date was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartialDateError(pub String);

impl fmt::Display for PartialDateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for PartialDateError {}

impl PartialDate {
    /// The first day the date may mean.
    pub fn first_day(&self) -> NaiveDate {
        match *self {
            Self::Year(y) => NaiveDate::from_ymd_opt(y, 1, 1).unwrap_or(NaiveDate::MIN),
            Self::Month(y, m) => NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(NaiveDate::MIN),
            Self::Day(d) => d,
        }
    }

    /// The last day the date may mean.
    pub fn last_day(&self) -> NaiveDate {
        match *self {
            Self::Year(y) => NaiveDate::from_ymd_opt(y, 12, 31).unwrap_or(NaiveDate::MAX),
            Self::Month(..) => self
                .first_day()
                .checked_add_months(Months::new(1))
                .and_then(|d| d.pred_opt())
                .unwrap_or(NaiveDate::MAX),
            Self::Day(d) => d,
        }
    }

    /// The same date `years` later, at the same precision.
    pub fn plus_years(&self, years: u32) -> Self {
        let years = years as i32;
        match *self {
            Self::Year(y) => Self::Year(y + years),
            Self::Month(y, m) => Self::Month(y + years, m),
            Self::Day(d) => Self::Day(
                d.checked_add_months(Months::new(12 * years as u32))
                    .unwrap_or(NaiveDate::MAX),
            ),
        }
    }
}

/// The days something dated by partial dates may span: the first day its start may mean, and
/// the last day its end may mean (its start's, when it names no end). A text that is not a
/// partial date counts as unknown.
pub fn span(
    starts_on: Option<&str>,
    ends_on: Option<&str>,
) -> (Option<NaiveDate>, Option<NaiveDate>) {
    let parse = |text: Option<&str>| text.and_then(|t| t.parse::<PartialDate>().ok());
    let starts = parse(starts_on);
    let ends = parse(ends_on).or(starts);
    (starts.map(|d| d.first_day()), ends.map(|d| d.last_day()))
}

impl FromStr for PartialDate {
    type Err = PartialDateError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || {
            PartialDateError(format!(
                "'{s}' is not a date: use YYYY, YYYY-MM or YYYY-MM-DD"
            ))
        };
        let parts: Vec<&str> = s.split('-').collect();
        let number = |p: &str, len: usize| -> Result<u32, PartialDateError> {
            if p.len() != len || !p.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad());
            }
            p.parse().map_err(|_| bad())
        };
        match parts.as_slice() {
            [y] => Ok(Self::Year(number(y, 4)? as i32)),
            [y, m] => {
                let (y, m) = (number(y, 4)? as i32, number(m, 2)?);
                if (1..=12).contains(&m) {
                    Ok(Self::Month(y, m))
                } else {
                    Err(PartialDateError(format!("'{s}' has no month {m}")))
                }
            }
            [y, m, d] => {
                let (y, m, d) = (number(y, 4)? as i32, number(m, 2)?, number(d, 2)?);
                NaiveDate::from_ymd_opt(y, m, d)
                    .map(Self::Day)
                    .ok_or_else(|| PartialDateError(format!("'{s}' is not a day of the calendar")))
            }
            _ => Err(bad()),
        }
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Year(y) => write!(f, "{y:04}"),
            Self::Month(y, m) => write!(f, "{y:04}-{m:02}"),
            Self::Day(d) => write!(f, "{:04}-{:02}-{:02}", d.year(), d.month(), d.day()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    #[test]
    fn parses_and_prints_each_precision() {
        for text in ["2018", "2012-05", "2023-01-23"] {
            let parsed: PartialDate = text.parse().expect("valid");
            assert_eq!(parsed.to_string(), text);
        }
    }

    #[test]
    fn refuses_what_is_not_a_date() {
        for text in [
            "",
            "18",
            "2012-5",
            "2012-13",
            "2023-02-30",
            "May 2012",
            "2012-05-01-01",
        ] {
            assert!(text.parse::<PartialDate>().is_err(), "{text} should fail");
        }
    }

    #[test]
    fn month_spans_its_days() {
        let may: PartialDate = "2012-05".parse().expect("valid");
        assert_eq!(may.first_day(), day(2012, 5, 1));
        assert_eq!(may.last_day(), day(2012, 5, 31));
        let feb: PartialDate = "2024-02".parse().expect("valid");
        assert_eq!(feb.last_day(), day(2024, 2, 29));
    }

    #[test]
    fn adding_years_keeps_precision() {
        let year: PartialDate = "2015".parse().expect("valid");
        assert_eq!(year.plus_years(3).to_string(), "2018");
        let leap = PartialDate::Day(day(2020, 2, 29));
        assert_eq!(leap.plus_years(1), PartialDate::Day(day(2021, 2, 28)));
    }
}
