//! The notifier: at every interval it gives the lapse warnings owed today (KKK statuses, ESCA
//! labels, cooperation notices; `notifications::lapses`, one runner at a time across servers)
//! and mails the digests that fell due (`notifications::digests`).
//!
//! It reads the time from a [`Clock`]: the real one, or in tests one set forward or back
//! (`KLASTRY_TEST_CLOCK`), which a server refuses unless it listens on a loopback address and
//! its database is on this machine, so a production server never runs on a false date.

use chrono::{DateTime, Utc};
use klastry_domain::notifications::{digests, lapses};
use klastry_domain::rules::calendar::polish_date;
use sea_orm::DatabaseConnection;
use std::time::Duration;

/// The time the notifier works by.
#[derive(Debug, Clone, Copy, Default)]
pub struct Clock {
    /// How far from the real time it is.
    offset: chrono::Duration,
}

impl Clock {
    /// A clock that reads `now` at this moment and runs on from there.
    pub fn starting_at(now: DateTime<Utc>) -> Self {
        Self {
            offset: now - Utc::now(),
        }
    }

    /// The time now.
    pub fn now(&self) -> DateTime<Utc> {
        Utc::now() + self.offset
    }
}

/// Reads a test clock's setting: an instant (RFC 3339) or a day (then 08:00 UTC).
pub fn parse_clock(text: &str) -> Result<DateTime<Utc>, String> {
    if let Ok(instant) = DateTime::parse_from_rfc3339(text) {
        return Ok(instant.with_timezone(&Utc));
    }
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .and_then(|day| day.and_hms_opt(8, 0, 0))
        .map(|at| at.and_utc())
        .ok_or_else(|| {
            format!(
                "KLASTRY_TEST_CLOCK '{text}' is neither an RFC 3339 instant nor a YYYY-MM-DD day"
            )
        })
}

/// Starts the notifier; it runs until the runtime stops or the handle is aborted.
pub fn spawn(db: DatabaseConnection, clock: Clock, every: Duration) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            pass(&db, &clock).await;
            tokio::time::sleep(every).await;
        }
    })
}

/// One pass: the warnings owed today, then the digests due now.
pub async fn pass(db: &DatabaseConnection, clock: &Clock) {
    let now = clock.now();
    match lapses::check(db, polish_date(now)).await {
        Ok(0) => {}
        Ok(given) => tracing::info!(given, "notifier: lapse warnings given"),
        Err(error) => tracing::warn!(%error, "notifier: the lapse check failed"),
    }
    match digests::send_due(db, now).await {
        Ok(0) => {}
        Ok(queued) => tracing::info!(queued, "notifier: digests queued"),
        Err(error) => tracing::warn!(%error, "notifier: sending digests failed"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_test_clock_reads_an_instant_or_a_day() {
        assert_eq!(
            parse_clock("2027-01-01").map(|t| t.to_rfc3339()),
            Ok("2027-01-01T08:00:00+00:00".to_owned())
        );
        assert!(parse_clock("2027-01-01T05:00:00Z").is_ok());
        assert!(parse_clock("tomorrow").is_err());
        let ahead = Clock::starting_at(Utc::now() + chrono::Duration::days(30));
        assert!(ahead.now() > Utc::now() + chrono::Duration::days(29));
    }
}
