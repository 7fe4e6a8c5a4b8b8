//! When the outboxes (webhook deliveries and e-mail) try again after a failure, and when they
//! give up.

use std::time::Duration;

/// How long a delivery or a mail is retried before it is given up.
pub const RETRY_FOR: Duration = Duration::from_secs(24 * 60 * 60);

/// The longest wait between two tries.
pub const MAX_BACKOFF: Duration = Duration::from_secs(60 * 60);

/// The wait before try `attempt + 1` after `attempt` failed ones: `base` doubled each time, at
/// most [`MAX_BACKOFF`], then spread by `jitter` (0.0 to 1.0) over 80–120 % so that many
/// failures do not all come back at the same moment.
pub fn backoff(base: Duration, attempt: u32, jitter: f64) -> Duration {
    let doubled = base.saturating_mul(2u32.saturating_pow(attempt.saturating_sub(1).min(20)));
    let capped = doubled.min(MAX_BACKOFF);
    capped.mul_f64(0.8 + 0.4 * jitter.clamp(0.0, 1.0))
}

/// When the try after `attempt` failed ones is due, from `now`; None once that would be past a
/// day after `created_at`, when it is given up.
pub fn next_try(
    created_at: chrono::DateTime<chrono::Utc>,
    now: chrono::DateTime<chrono::Utc>,
    base: Duration,
    attempt: u32,
    jitter: f64,
) -> Option<chrono::DateTime<chrono::Utc>> {
    let wait = backoff(base, attempt, jitter);
    let at = now + chrono::Duration::from_std(wait).unwrap_or_else(|_| chrono::Duration::hours(1));
    let give_up_at = created_at
        + chrono::Duration::from_std(RETRY_FOR).unwrap_or_else(|_| chrono::Duration::days(1));
    (at <= give_up_at).then_some(at)
}

/// A number in 0..1 to spread retries by.
pub fn jitter() -> f64 {
    let mut bytes = [0u8; 2];
    if getrandom::fill(&mut bytes).is_err() {
        return 0.5;
    }
    f64::from(u16::from_le_bytes(bytes)) / f64::from(u16::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wait_doubles_up_to_an_hour_within_its_jitter() {
        let base = Duration::from_secs(10);
        assert_eq!(backoff(base, 1, 0.5), Duration::from_secs(10));
        assert_eq!(backoff(base, 2, 0.5), Duration::from_secs(20));
        assert_eq!(backoff(base, 4, 0.5), Duration::from_secs(80));
        assert_eq!(backoff(base, 30, 0.5), MAX_BACKOFF);
        assert_eq!(backoff(base, 1, 0.0), Duration::from_secs(8));
        assert_eq!(backoff(base, 1, 1.0), Duration::from_secs(12));
    }

    #[test]
    fn a_try_past_a_day_is_given_up() {
        let created = chrono::Utc::now();
        let base = Duration::from_secs(60);
        assert!(next_try(created, created, base, 1, 0.5).is_some());
        let late = created + chrono::Duration::hours(23) + chrono::Duration::minutes(50);
        assert_eq!(next_try(created, late, base, 30, 0.5), None);
    }
}
