//! How fast wrong passwords may be tried, as pure functions.
//!
//! Failures are counted per account and per client address. The first few are free; after them
//! each further try must wait twice as long as the one before (1 s, 2 s, 4 s, ...), and past a
//! ceiling the account or address is locked for a while. A quiet spell as long as the lock
//! forgets the failures. A guesser therefore gets a handful of tries per account per quarter
//! hour, while a person who mistypes twice notices nothing.

use chrono::{DateTime, Duration, Utc};

/// The bounds for one kind of key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    /// Failures that cost no wait.
    pub free_failures: u32,
    /// Failures after which the key is locked.
    pub lock_after: u32,
    /// How long a lock lasts, and how long a quiet spell must be to forget the failures.
    pub lock_for: Duration,
    /// Longest wait between tries before the lock.
    pub max_delay: Duration,
}

/// Sign-in to one account.
pub const PER_ACCOUNT: Policy = Policy {
    free_failures: 3,
    lock_after: 10,
    lock_for: Duration::minutes(15),
    max_delay: Duration::minutes(1),
};

/// Sign-in from one client address (to many accounts: a guesser spraying one password, or
/// everyone behind one office's NAT, hence the larger allowance).
pub const PER_ADDRESS: Policy = Policy {
    free_failures: 10,
    lock_after: 50,
    lock_for: Duration::minutes(15),
    max_delay: Duration::minutes(1),
};

/// Requests that mail a stranger's address (sign-up, a new verification link, a reset link)
/// from one client address: enough for an office behind one address, too few to make the
/// registry mail thousands of addresses.
pub const MAIL_REQUESTS_PER_ADDRESS: Policy = Policy {
    free_failures: 20,
    lock_after: 60,
    lock_for: Duration::hours(1),
    max_delay: Duration::minutes(1),
};

/// What is recorded of a key's recent failures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Failures {
    /// Wrong passwords since the failures were last forgotten.
    pub count: u32,
    /// When the last one was tried.
    pub last_failed_at: DateTime<Utc>,
    /// Until when the key is locked, if it is.
    pub locked_until: Option<DateTime<Utc>>,
}

/// Whether a sign-in may check its password now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// It may.
    Allowed,
    /// Not yet: the next try is allowed in this many seconds.
    Wait {
        /// Seconds to wait, at least 1.
        seconds: u64,
    },
    /// The key is locked for this many more seconds.
    Locked {
        /// Seconds until the lock lifts, at least 1.
        seconds: u64,
    },
}

fn whole_seconds(duration: Duration) -> u64 {
    let millis = duration.num_milliseconds().max(0);
    u64::try_from((millis + 999) / 1000).unwrap_or(0).max(1)
}

/// Whether the failures recorded so far have been forgotten by `now`.
fn forgotten(policy: Policy, failures: &Failures, now: DateTime<Utc>) -> bool {
    failures.locked_until.is_none_or(|until| until <= now)
        && now - failures.last_failed_at >= policy.lock_for
}

/// The wait after `count` failures.
pub fn delay_after(policy: Policy, count: u32) -> Duration {
    if count < policy.free_failures {
        return Duration::zero();
    }
    let doublings = (count - policy.free_failures).min(20);
    Duration::seconds(1_i64 << doublings).min(policy.max_delay)
}

/// Whether a try may check its password at `now`, given the key's recorded failures.
pub fn verdict(policy: Policy, failures: Option<&Failures>, now: DateTime<Utc>) -> Verdict {
    let Some(failures) = failures else {
        return Verdict::Allowed;
    };
    if let Some(until) = failures.locked_until.filter(|until| *until > now) {
        return Verdict::Locked {
            seconds: whole_seconds(until - now),
        };
    }
    if forgotten(policy, failures, now) {
        return Verdict::Allowed;
    }
    let next = failures.last_failed_at + delay_after(policy, failures.count);
    if next > now {
        Verdict::Wait {
            seconds: whole_seconds(next - now),
        }
    } else {
        Verdict::Allowed
    }
}

/// The key's failures after one more wrong password at `now`.
pub fn after_failure(policy: Policy, failures: Option<&Failures>, now: DateTime<Utc>) -> Failures {
    let count = match failures {
        Some(f) if !forgotten(policy, f, now) => f.count.saturating_add(1),
        _ => 1,
    };
    Failures {
        count,
        last_failed_at: now,
        locked_until: (count >= policy.lock_after).then(|| now + policy.lock_for),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(seconds: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000 + seconds, 0).expect("a valid time")
    }

    #[test]
    fn the_first_failures_are_free_then_waits_double() {
        let mut failures = None;
        for n in 0..3 {
            assert_eq!(
                verdict(PER_ACCOUNT, failures.as_ref(), at(n)),
                Verdict::Allowed
            );
            failures = Some(after_failure(PER_ACCOUNT, failures.as_ref(), at(n)));
        }
        // Three failures at 0, 1 and 2 s: the fourth try waits 1 s after the last.
        assert_eq!(
            verdict(PER_ACCOUNT, failures.as_ref(), at(2)),
            Verdict::Wait { seconds: 1 }
        );
        assert_eq!(
            verdict(PER_ACCOUNT, failures.as_ref(), at(3)),
            Verdict::Allowed
        );
        failures = Some(after_failure(PER_ACCOUNT, failures.as_ref(), at(3)));
        assert_eq!(
            verdict(PER_ACCOUNT, failures.as_ref(), at(3)),
            Verdict::Wait { seconds: 2 }
        );
        assert_eq!(delay_after(PER_ACCOUNT, 9), Duration::seconds(60));
        assert_eq!(delay_after(PER_ACCOUNT, 40), Duration::seconds(60));
    }

    #[test]
    fn the_tenth_failure_locks_for_a_quarter_hour() {
        let mut failures = None;
        let mut now = 0;
        for _ in 0..10 {
            now += 120;
            failures = Some(after_failure(PER_ACCOUNT, failures.as_ref(), at(now)));
        }
        assert_eq!(
            verdict(PER_ACCOUNT, failures.as_ref(), at(now + 1)),
            Verdict::Locked { seconds: 899 }
        );
        // Once the lock lifts after a quiet quarter hour, everything is forgotten.
        assert_eq!(
            verdict(PER_ACCOUNT, failures.as_ref(), at(now + 900)),
            Verdict::Allowed
        );
        let next = after_failure(PER_ACCOUNT, failures.as_ref(), at(now + 900));
        assert_eq!(next.count, 1);
        assert_eq!(next.locked_until, None);
    }

    #[test]
    fn a_quiet_spell_forgets_failures() {
        let failures = Failures {
            count: 6,
            last_failed_at: at(0),
            locked_until: None,
        };
        assert!(matches!(
            verdict(PER_ACCOUNT, Some(&failures), at(1)),
            Verdict::Wait { .. }
        ));
        assert_eq!(
            verdict(PER_ACCOUNT, Some(&failures), at(15 * 60)),
            Verdict::Allowed
        );
        assert_eq!(
            after_failure(PER_ACCOUNT, Some(&failures), at(15 * 60)).count,
            1
        );
    }

    #[test]
    fn an_address_gets_more_room_than_an_account() {
        let failures = Failures {
            count: 9,
            last_failed_at: at(0),
            locked_until: None,
        };
        assert_eq!(
            verdict(PER_ADDRESS, Some(&failures), at(0)),
            Verdict::Allowed
        );
        assert!(matches!(
            verdict(PER_ACCOUNT, Some(&failures), at(0)),
            Verdict::Wait { .. }
        ));
    }
}
