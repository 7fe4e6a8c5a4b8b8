//! The calendar day in Poland, which decides which statuses are valid "today".
//!
//! Poland keeps Central European Time (UTC+1) and summer time (UTC+2) from 01:00 UTC on the
//! last Sunday of March to 01:00 UTC on the last Sunday of October, as the whole EU does.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};

fn last_sunday(year: i32, month: u32) -> Option<NaiveDate> {
    let first_of_next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)?
    };
    let last = first_of_next.pred_opt()?;
    let back = last.weekday().num_days_from_sunday();
    last.checked_sub_signed(Duration::days(i64::from(back)))
}

/// Whether EU summer time is in force at `instant`.
pub fn is_summer_time(instant: DateTime<Utc>) -> bool {
    let year = instant.year();
    let starts = last_sunday(year, 3).and_then(|d| d.and_hms_opt(1, 0, 0));
    let ends = last_sunday(year, 10).and_then(|d| d.and_hms_opt(1, 0, 0));
    match (starts, ends) {
        (Some(starts), Some(ends)) => {
            let naive = instant.naive_utc();
            naive >= starts && naive < ends
        }
        _ => false,
    }
}

/// The calendar day in Poland at `instant`.
pub fn polish_date(instant: DateTime<Utc>) -> NaiveDate {
    let offset = if is_summer_time(instant) { 2 } else { 1 };
    (instant + Duration::hours(offset)).date_naive()
}

/// Today's date in Poland.
pub fn polish_today() -> NaiveDate {
    polish_date(Utc::now())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .expect("valid test instant")
            .with_timezone(&Utc)
    }

    #[test]
    fn winter_evenings_roll_over_at_23_utc() {
        assert_eq!(
            polish_date(at("2025-12-17T22:59:59Z")).to_string(),
            "2025-12-17"
        );
        assert_eq!(
            polish_date(at("2025-12-17T23:00:00Z")).to_string(),
            "2025-12-18"
        );
    }

    #[test]
    fn summer_evenings_roll_over_at_22_utc() {
        assert_eq!(
            polish_date(at("2024-06-30T21:59:59Z")).to_string(),
            "2024-06-30"
        );
        assert_eq!(
            polish_date(at("2024-06-30T22:00:00Z")).to_string(),
            "2024-07-01"
        );
    }

    #[test]
    fn summer_time_starts_and_ends_on_the_last_sundays() {
        assert_eq!(
            last_sunday(2026, 3).map(|d| d.to_string()).as_deref(),
            Some("2026-03-29")
        );
        assert_eq!(
            last_sunday(2026, 10).map(|d| d.to_string()).as_deref(),
            Some("2026-10-25")
        );
        assert!(!is_summer_time(at("2026-03-29T00:59:59Z")));
        assert!(is_summer_time(at("2026-03-29T01:00:00Z")));
        assert!(is_summer_time(at("2026-10-25T00:59:59Z")));
        assert!(!is_summer_time(at("2026-10-25T01:00:00Z")));
    }
}
