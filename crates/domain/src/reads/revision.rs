//! The registry's revision, and answers kept by it.
//!
//! The database raises `registry_revision.revision` in every transaction that changes a table
//! the statistics or the facet counts read (migration 20's triggers, so no writer can forget).
//! A server keeps such an answer with the revision read before computing it, and serves it
//! again only while one read of that primary key still finds the same number: exact at once
//! after any change, made by any server or tool, at the cost of one statement instead of the
//! several the answer takes.
//!
//! Why the revision is read first: every statement of the computation that follows sees at
//! least what that read saw, so an answer is never older than the revision it is kept under.
//! It may be newer (a change committed in between), and is then replaced as soon as a request
//! reads the raised number.

use crate::DomainResult;
use klastry_entity::registry_revision;
use sea_orm::{ConnectionTrait, EntityTrait, QuerySelect};
use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Mutex;

/// The registry's current revision; None if its row is gone (then nothing is kept, and every
/// answer is computed afresh, rather than a kept one served for ever).
pub async fn current<C: ConnectionTrait>(db: &C) -> DomainResult<Option<i64>> {
    Ok(registry_revision::Entity::find_by_id(1)
        .select_only()
        .column(registry_revision::Column::Revision)
        .into_tuple()
        .one(db)
        .await?)
}

/// Answers by key, all computed at one revision; at most `capacity` of them, so a client
/// asking for endless distinct keys costs memory once, not without bound.
pub struct KeptAnswers<K, V> {
    capacity: usize,
    kept: Mutex<Kept<K, V>>,
}

struct Kept<K, V> {
    revision: i64,
    answers: HashMap<K, V>,
}

impl<K: Eq + Hash + Clone, V: Clone> KeptAnswers<K, V> {
    /// Keeps at most `capacity` answers.
    pub fn new(capacity: usize) -> Self {
        Self {
            capacity,
            kept: Mutex::new(Kept {
                revision: i64::MIN,
                answers: HashMap::new(),
            }),
        }
    }

    /// The answer for `key` at `revision` (read with [`current`] before this call): kept, or
    /// computed by `compute` and kept. An error is returned and never kept.
    pub async fn get_or_compute<F, Fut>(
        &self,
        revision: Option<i64>,
        key: K,
        compute: F,
    ) -> DomainResult<V>
    where
        F: FnOnce() -> Fut,
        Fut: std::future::Future<Output = DomainResult<V>>,
    {
        let Some(revision) = revision else {
            return compute().await;
        };
        if let Some(answer) = self.kept_at(revision, &key) {
            return Ok(answer);
        }
        let answer = compute().await?;
        self.keep(revision, key, answer.clone());
        Ok(answer)
    }

    fn kept_at(&self, revision: i64, key: &K) -> Option<V> {
        let kept = self.lock();
        (kept.revision == revision)
            .then(|| kept.answers.get(key).cloned())
            .flatten()
    }

    fn keep(&self, revision: i64, key: K, answer: V) {
        let mut kept = self.lock();
        // An answer computed at an older revision than the kept ones is not kept: a request
        // that read the newer number is already served from the newer answers.
        if revision < kept.revision {
            return;
        }
        if revision > kept.revision {
            kept.revision = revision;
            kept.answers.clear();
        }
        if kept.answers.len() >= self.capacity {
            kept.answers.clear();
        }
        kept.answers.insert(key, answer);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Kept<K, V>> {
        // A panic while holding the lock leaves nothing half-written worth refusing.
        self.kept
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept(answers: &KeptAnswers<u8, u8>) -> (i64, usize) {
        let kept = answers.lock();
        (kept.revision, kept.answers.len())
    }

    #[test]
    fn an_answer_is_served_only_at_the_revision_it_was_kept_at() {
        let answers = KeptAnswers::new(8);
        answers.keep(3, 1, 10);
        assert_eq!(answers.kept_at(3, &1), Some(10));
        assert_eq!(answers.kept_at(4, &1), None);
        assert_eq!(answers.kept_at(2, &1), None);
    }

    #[test]
    fn a_newer_revision_drops_every_older_answer() {
        let answers = KeptAnswers::new(8);
        answers.keep(3, 1, 10);
        answers.keep(3, 2, 20);
        answers.keep(4, 1, 11);
        assert_eq!(kept(&answers), (4, 1));
        assert_eq!(answers.kept_at(4, &2), None);
    }

    #[test]
    fn an_answer_computed_at_an_older_revision_is_not_kept() {
        let answers = KeptAnswers::new(8);
        answers.keep(5, 1, 10);
        answers.keep(4, 2, 20);
        assert_eq!(kept(&answers), (5, 1));
    }

    #[tokio::test]
    async fn without_a_revision_every_answer_is_computed_and_none_kept() {
        let answers = KeptAnswers::new(8);
        for expected in [1u8, 2] {
            let got = answers
                .get_or_compute(None, 1, || async move { Ok(expected) })
                .await
                .ok();
            assert_eq!(got, Some(expected));
        }
        assert_eq!(kept(&answers).1, 0);
        let kept_at_3 = answers
            .get_or_compute(Some(3), 1, || async { Ok(7) })
            .await
            .ok();
        let again = answers
            .get_or_compute(Some(3), 1, || async { Ok(8) })
            .await
            .ok();
        assert_eq!((kept_at_3, again), (Some(7), Some(7)));
    }

    #[test]
    fn never_more_answers_than_the_capacity() {
        let answers = KeptAnswers::new(4);
        for key in 0..20 {
            answers.keep(1, key, key);
            assert!(kept(&answers).1 <= 4);
        }
        assert_eq!(answers.kept_at(1, &19), Some(19));
    }
}
