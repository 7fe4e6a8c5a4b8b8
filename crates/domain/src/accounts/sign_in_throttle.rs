//! Wrong passwords counted in the database, per account and per client address, so that every
//! server of one registry slows and locks the same guesser (the rules are
//! `rules::sign_in_throttle`).

use crate::db::transaction;
use crate::rules::sign_in_throttle::{self as rules, Failures, Policy, Verdict};
use crate::{DomainError, DomainResult};
use chrono::{DateTime, Duration, Utc};
use klastry_entity::sign_in_failure;
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, QueryFilter, QuerySelect, Set,
};
use std::net::IpAddr;

/// A key failures are counted under, with the rules that apply to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    /// `account:<e-mail>`, `address:<ip>` or `mail-requests:<ip>`.
    pub name: String,
    /// The rules for this kind of key.
    pub policy: Policy,
}

/// The key of the account signing in with `email`.
pub fn account(email: &str) -> Key {
    let email: String = email.trim().to_lowercase().chars().take(320).collect();
    Key {
        name: format!("account:{email}"),
        policy: rules::PER_ACCOUNT,
    }
}

/// The key of a client address. An IPv6 client is counted by its /64 network: one subscriber
/// is usually given a whole /64, and counting single addresses would give a guesser 2^64 tries.
pub fn address(ip: IpAddr) -> Key {
    let shown = match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
    };
    Key {
        name: format!("address:{shown}"),
        policy: rules::PER_ADDRESS,
    }
}

/// The key of the requests from a client address that mail an address given in them
/// (`signUp`, `resendVerification`, `requestPasswordReset`): each is counted as a failure is.
pub fn mail_requests(ip: IpAddr) -> Key {
    let by_network = address(ip);
    Key {
        name: by_network.name.replacen("address:", "mail-requests:", 1),
        policy: rules::MAIL_REQUESTS_PER_ADDRESS,
    }
}

/// Counts one more request that mails an address from `ip`, refusing it with `Throttled` when
/// the address has made too many lately. Without a known address nothing is counted (the
/// per-recipient limits of the outbox still hold).
pub async fn count_mail_request(db: &DatabaseConnection, ip: Option<IpAddr>) -> DomainResult<()> {
    let Some(ip) = ip else { return Ok(()) };
    let key = [mail_requests(ip)];
    let now = chrono::Utc::now();
    check(db, &key, now).await?;
    record_failure(db, &key, now).await
}

fn failures_of(row: &sign_in_failure::Model) -> Failures {
    Failures {
        count: u32::try_from(row.failures).unwrap_or(0),
        last_failed_at: row.last_failed_at,
        locked_until: row.locked_until,
    }
}

/// Refuses with `Throttled` when any of `keys` may not try a password at `now`, naming the
/// longest wait among them.
pub async fn check<C: ConnectionTrait>(
    db: &C,
    keys: &[Key],
    now: DateTime<Utc>,
) -> DomainResult<()> {
    let rows = sign_in_failure::Entity::find()
        .filter(sign_in_failure::Column::Key.is_in(keys.iter().map(|k| k.name.clone())))
        .all(db)
        .await?;
    let mut worst: Option<(u64, bool)> = None;
    for key in keys {
        let failures = rows.iter().find(|r| r.key == key.name).map(failures_of);
        let (seconds, locked) = match rules::verdict(key.policy, failures.as_ref(), now) {
            Verdict::Allowed => continue,
            Verdict::Wait { seconds } => (seconds, false),
            Verdict::Locked { seconds } => (seconds, true),
        };
        if worst.is_none_or(|(s, l)| (locked, seconds) > (l, s)) {
            worst = Some((seconds, locked));
        }
    }
    match worst {
        None => Ok(()),
        Some((seconds, true)) => Err(DomainError::Throttled {
            message: format!(
                "too many wrong passwords: signing in is locked for {seconds} s; retry then, or reset the password"
            ),
            retry_after_secs: seconds,
            locked: true,
        }),
        Some((seconds, false)) => Err(DomainError::Throttled {
            message: format!("too many wrong passwords: wait {seconds} s before trying again"),
            retry_after_secs: seconds,
            locked: false,
        }),
    }
}

/// Counts one more wrong password under each of `keys`, in one transaction (rows locked, so
/// concurrent failures each count).
pub async fn record_failure(
    db: &DatabaseConnection,
    keys: &[Key],
    now: DateTime<Utc>,
) -> DomainResult<()> {
    let txn = transaction::begin(db).await?;
    for key in keys {
        sign_in_failure::Entity::insert(sign_in_failure::ActiveModel {
            key: Set(key.name.clone()),
            failures: Set(0),
            last_failed_at: Set(now),
            locked_until: Set(None),
        })
        .on_conflict(
            OnConflict::column(sign_in_failure::Column::Key)
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(&txn)
        .await?;
        let Some(row) = sign_in_failure::Entity::find_by_id(key.name.clone())
            .lock_exclusive()
            .one(&txn)
            .await?
        else {
            continue;
        };
        let before = (row.failures > 0).then(|| failures_of(&row));
        let after = rules::after_failure(key.policy, before.as_ref(), now);
        let mut active = row.into_active_model();
        active.failures = Set(i32::try_from(after.count).unwrap_or(i32::MAX));
        active.last_failed_at = Set(after.last_failed_at);
        active.locked_until = Set(after.locked_until);
        active.update(&txn).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Forgets the failures of `key` (an account signed in with the right password).
pub async fn forget<C: ConnectionTrait>(db: &C, key: &Key) -> DomainResult<()> {
    sign_in_failure::Entity::delete_by_id(key.name.clone())
        .exec(db)
        .await?;
    Ok(())
}

/// Deletes records no rule reads any more (run now and then).
pub async fn forget_old<C: ConnectionTrait>(db: &C, now: DateTime<Utc>) -> DomainResult<u64> {
    let horizon = now - Duration::days(1);
    Ok(sign_in_failure::Entity::delete_many()
        .filter(sign_in_failure::Column::LastFailedAt.lt(horizon))
        .filter(
            sea_orm::Condition::any()
                .add(sign_in_failure::Column::LockedUntil.is_null())
                .add(sign_in_failure::Column::LockedUntil.lt(now)),
        )
        .exec(db)
        .await?
        .rows_affected)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ipv6_clients_are_counted_by_their_network() {
        let a = address("2001:db8:1:2:aaaa::1".parse().expect("ip"));
        let b = address("2001:db8:1:2:bbbb::9".parse().expect("ip"));
        assert_eq!(a, b);
        assert_eq!(a.name, "address:2001:db8:1:2::/64");
        assert_ne!(a, address("2001:db8:1:3::1".parse().expect("ip")));
        assert_eq!(
            address("::ffff:192.0.2.7".parse().expect("ip")).name,
            "address:192.0.2.7"
        );
    }

    #[tokio::test]
    async fn failures_add_up_and_lock_then_a_success_forgets_the_account() {
        let db = klastry_test_support::migrated_database().await;
        let keys = [account("Anna@Example.pl"), address([192, 0, 2, 1].into())];
        let start = Utc::now();
        for n in 0..10 {
            let now = start + Duration::minutes(n);
            check(&db, &keys, now)
                .await
                .expect("a minute apart is always allowed");
            record_failure(&db, &keys, now).await.expect("recorded");
        }
        let locked = check(&db, &keys, start + Duration::minutes(10)).await;
        assert!(
            matches!(locked, Err(DomainError::Throttled { locked: true, .. })),
            "{locked:?}"
        );
        forget(&db, &keys[0]).await.expect("forgotten");
        check(&db, &keys, start + Duration::minutes(10))
            .await
            .expect("the address alone is still within its allowance");
    }
}
