//! Password hashes, worked out off the async workers and a few at a time.
//!
//! Argon2id is slow on purpose (about 7 ms of one core per check here). Run on the async
//! workers, 30 checks in one request stalled every other request on a 2-core machine; so each
//! hash and check runs on tokio's blocking pool, and no more of them at once than the machine
//! has cores. A burst of sign-ins then waits its turn instead of taking the server with it.

use crate::{DomainError, DomainResult};
use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use std::sync::OnceLock;
use tokio::sync::Semaphore;

/// The permits for Argon2 work: one per core. A process-wide bound, as the cores are.
fn permits() -> &'static Semaphore {
    static PERMITS: OnceLock<Semaphore> = OnceLock::new();
    PERMITS.get_or_init(|| {
        Semaphore::new(std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get))
    })
}

/// Runs `work` on the blocking pool under a permit.
async fn bounded<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> DomainResult<T> {
    let _permit = permits()
        .acquire()
        .await
        .map_err(|_| DomainError::Data("the password pool is closed".into()))?;
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| DomainError::Data(format!("password work failed: {e}")))
}

/// Hashes a password with Argon2id and a random salt (blocking; for the command line and the
/// pool).
pub fn hash_now(password: &str) -> DomainResult<String> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|hash| hash.to_string())
        .map_err(|e| DomainError::Data(format!("cannot hash a password: {e}")))
}

/// Whether `password` matches a stored hash (blocking).
pub fn verify_now(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// Hashes a password on the bounded pool.
pub async fn hash(password: &str) -> DomainResult<String> {
    let password = password.to_owned();
    bounded(move || hash_now(&password)).await?
}

/// Whether `password` matches `hash`, checked on the bounded pool. With no hash (an account
/// that does not exist) a throwaway hash is checked instead, so that the answer takes as long
/// either way.
pub async fn verify(password: &str, hash: Option<&str>) -> DomainResult<bool> {
    let password = password.to_owned();
    match hash {
        Some(hash) => {
            let hash = hash.to_owned();
            bounded(move || verify_now(&password, &hash)).await
        }
        None => {
            bounded(move || {
                let _ = hash_now(&password);
                false
            })
            .await
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn passwords_verify_only_against_their_own_hash() {
        let hash = hash("correct horse battery").await.expect("hashing works");
        assert!(hash.starts_with("$argon2id$"));
        assert!(
            verify("correct horse battery", Some(&hash))
                .await
                .expect("checked")
        );
        assert!(
            !verify("correct horse battery!", Some(&hash))
                .await
                .expect("checked")
        );
        assert!(
            !verify("anything", Some("not a hash"))
                .await
                .expect("checked")
        );
        assert!(!verify("anything", None).await.expect("checked"));
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn checks_run_no_more_at_once_than_there_are_cores() {
        let cores = std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get);
        let running = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let most = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let tasks: Vec<_> = (0..cores * 3)
            .map(|_| {
                let (running, most) = (running.clone(), most.clone());
                tokio::spawn(async move {
                    bounded(move || {
                        use std::sync::atomic::Ordering;
                        let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                        most.fetch_max(now, Ordering::SeqCst);
                        std::thread::sleep(std::time::Duration::from_millis(20));
                        running.fetch_sub(1, Ordering::SeqCst);
                    })
                    .await
                })
            })
            .collect();
        for task in tasks {
            task.await.expect("joined").expect("ran");
        }
        let most = most.load(std::sync::atomic::Ordering::SeqCst);
        assert!(
            most >= 1 && most <= cores,
            "{most} ran at once on {cores} cores"
        );
    }
}
