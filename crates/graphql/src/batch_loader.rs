//! A DataLoader that batches by the request's own scheduling instead of a timer.
//!
//! async-graphql resolves sibling fields by polling their futures one after another in a
//! single task. The first `load` of a batch (the leader) yields until two yields in a row add no
//! key, which lets every sibling resolver reach the batch; then one fetch answers them all.
//! A timer-based loader instead starts its fetch on another worker after a fixed delay and
//! splits the batch whenever resolving siblings takes longer than the delay, which costs a
//! query per straggler exactly when a page is large.
//!
//! The fetch runs in its own task, so a cancelled leader never strands the other waiters, and
//! results are cached for the rest of the request.

use async_graphql::dataloader::Loader;
use std::collections::{HashMap, HashSet};
use std::hash::Hash;
use std::sync::{Arc, Mutex, OnceLock};
use tokio::sync::Notify;

/// A leader keeps yielding until this many yields in a row added no key to its batch: siblings
/// can be reached over several scheduling passes (combinators over long lists poll in slices).
const QUIET_YIELDS: usize = 2;

/// The most yields a leader waits for stragglers, so a steady trickle cannot hold a batch open.
const MAX_YIELDS: usize = 32;

/// One batch being collected or fetched.
struct Pending<K, V, E> {
    keys: HashSet<K>,
    slot: Arc<Slot<K, V, E>>,
}

struct Slot<K, V, E> {
    result: OnceLock<Result<HashMap<K, V>, E>>,
    done: Notify,
}

impl<K, V, E: Clone> Slot<K, V, E> {
    async fn wait(&self) -> &Result<HashMap<K, V>, E> {
        loop {
            // Created before the check, so a notify between check and await is not lost.
            let notified = self.done.notified();
            if let Some(result) = self.result.get() {
                return result;
            }
            notified.await;
        }
    }
}

struct State<K, V, E> {
    cache: HashMap<K, Option<V>>,
    open: Option<Pending<K, V, E>>,
}

/// The state one loader's batches share.
type Shared<K, L> = Arc<Mutex<State<K, <L as Loader<K>>::Value, <L as Loader<K>>::Error>>>;

/// Batches loads of `K` through `L` and caches the results for one request.
pub struct BatchLoader<K, L: Loader<K>>
where
    K: Send + Sync + Hash + Eq + Clone + 'static,
    L::Error: Sync,
{
    loader: Arc<L>,
    state: Shared<K, L>,
}

/// Launches the leader's batch when it is done yielding, or when it is dropped before that.
struct Launch<K, L: Loader<K>>
where
    K: Send + Sync + Hash + Eq + Clone + 'static,
    L::Error: Sync,
{
    loader: Arc<L>,
    state: Shared<K, L>,
    slot: Arc<Slot<K, L::Value, L::Error>>,
    launched: bool,
}

impl<K, L: Loader<K>> Launch<K, L>
where
    K: Send + Sync + Hash + Eq + Clone + 'static,
    L::Error: Sync,
{
    fn launch(&mut self) {
        if self.launched {
            return;
        }
        self.launched = true;
        let keys: Vec<K> = {
            let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
            match state.open.take() {
                Some(pending) if Arc::ptr_eq(&pending.slot, &self.slot) => {
                    pending.keys.into_iter().collect()
                }
                other => {
                    state.open = other;
                    Vec::new()
                }
            }
        };
        let loader = self.loader.clone();
        let state = self.state.clone();
        let slot = self.slot.clone();
        // The fetch keeps the request's span, so its SQL events carry the request id.
        let span = tracing::Span::current();
        tokio::spawn(tracing::Instrument::instrument(
            async move {
                let result = loader.load(&keys).await;
                if let Ok(values) = &result {
                    let mut state = state.lock().unwrap_or_else(|p| p.into_inner());
                    for key in keys {
                        let value = values.get(&key).cloned();
                        state.cache.insert(key, value);
                    }
                }
                let _ = slot.result.set(result);
                slot.done.notify_waiters();
            },
            span,
        ));
    }
}

impl<K, L: Loader<K>> Drop for Launch<K, L>
where
    K: Send + Sync + Hash + Eq + Clone + 'static,
    L::Error: Sync,
{
    fn drop(&mut self) {
        self.launch();
    }
}

impl<K, L> BatchLoader<K, L>
where
    K: Send + Sync + Hash + Eq + Clone + 'static,
    L: Loader<K>,
    L::Error: Sync,
{
    /// A loader with an empty cache.
    pub fn new(loader: L) -> Self {
        Self {
            loader: Arc::new(loader),
            state: Arc::new(Mutex::new(State {
                cache: HashMap::new(),
                open: None,
            })),
        }
    }

    /// Empties the cache, so later loads read the database again (a subscription does this
    /// before each event, since its loaders live as long as the connection).
    pub fn forget(&self) {
        let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        state.cache.clear();
    }

    /// Puts values fetched some other way into the cache, so that loading their keys later in
    /// the request costs nothing.
    pub fn prime(&self, values: impl IntoIterator<Item = (K, L::Value)>) {
        let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        for (key, value) in values {
            state.cache.entry(key).or_insert(Some(value));
        }
    }

    /// How many keys the open batch behind `slot` holds (0 once it has been taken).
    fn pending_keys(&self, slot: &Arc<Slot<K, L::Value, L::Error>>) -> usize {
        let state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        match &state.open {
            Some(pending) if Arc::ptr_eq(&pending.slot, slot) => pending.keys.len(),
            _ => 0,
        }
    }

    /// Loads one key; `None` when nothing has that key.
    pub async fn load_one(&self, key: K) -> Result<Option<L::Value>, L::Error> {
        let mut values = self.load_many([key.clone()]).await?;
        Ok(values.remove(&key))
    }

    /// Loads several keys; keys with nothing behind them are absent from the map.
    pub async fn load_many(
        &self,
        keys: impl IntoIterator<Item = K>,
    ) -> Result<HashMap<K, L::Value>, L::Error> {
        let mut found = HashMap::new();
        let mut missing = Vec::new();
        let (slot, leader) = {
            let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
            for key in keys {
                match state.cache.get(&key) {
                    Some(Some(value)) => {
                        found.insert(key, value.clone());
                    }
                    Some(None) => {}
                    None => missing.push(key),
                }
            }
            if missing.is_empty() {
                return Ok(found);
            }
            match &mut state.open {
                Some(pending) => {
                    pending.keys.extend(missing.iter().cloned());
                    (pending.slot.clone(), false)
                }
                None => {
                    let slot = Arc::new(Slot {
                        result: OnceLock::new(),
                        done: Notify::new(),
                    });
                    state.open = Some(Pending {
                        keys: missing.iter().cloned().collect(),
                        slot: slot.clone(),
                    });
                    (slot, true)
                }
            }
        };
        if leader {
            let mut launch = Launch {
                loader: self.loader.clone(),
                state: self.state.clone(),
                slot: slot.clone(),
                launched: false,
            };
            let mut quiet = 0;
            let mut seen = self.pending_keys(&slot);
            for _ in 0..MAX_YIELDS {
                tokio::task::yield_now().await;
                let now = self.pending_keys(&slot);
                if now == seen {
                    quiet += 1;
                    if quiet >= QUIET_YIELDS {
                        break;
                    }
                } else {
                    quiet = 0;
                    seen = now;
                }
            }
            launch.launch();
        }
        match slot.wait().await {
            Ok(values) => {
                for key in missing {
                    if let Some(value) = values.get(&key) {
                        found.insert(key, value.clone());
                    }
                }
                Ok(found)
            }
            Err(error) => Err(error.clone()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    struct Doubler {
        calls: Arc<AtomicUsize>,
    }

    impl Loader<i32> for Doubler {
        type Value = i32;
        type Error = Arc<String>;

        async fn load(&self, keys: &[i32]) -> Result<HashMap<i32, i32>, Self::Error> {
            self.calls.fetch_add(1, Ordering::SeqCst);
            // A slow fetch, so that late keys would be tempted to join a running batch.
            tokio::time::sleep(std::time::Duration::from_millis(5)).await;
            Ok(keys
                .iter()
                .filter(|k| **k >= 0)
                .map(|k| (*k, k * 2))
                .collect())
        }
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn siblings_polled_together_share_one_fetch() {
        let calls = Arc::new(AtomicUsize::new(0));
        let loader = BatchLoader::new(Doubler {
            calls: calls.clone(),
        });
        let results = crate::join::join_all((0..200).map(|k| loader.load_one(k))).await;
        assert!(
            results
                .iter()
                .enumerate()
                .all(|(k, r)| matches!(r, Ok(Some(v)) if *v == 2 * k as i32))
        );
        assert_eq!(calls.load(Ordering::SeqCst), 1);
        // Cached: a second round costs nothing, misses are remembered too.
        assert_eq!(loader.load_one(7).await.ok().flatten(), Some(14));
        assert_eq!(loader.load_one(-1).await.ok().flatten(), None);
        assert_eq!(loader.load_one(-1).await.ok().flatten(), None);
        assert_eq!(calls.load(Ordering::SeqCst), 2);
    }

    #[tokio::test]
    async fn a_dropped_leader_does_not_strand_the_others() {
        let calls = Arc::new(AtomicUsize::new(0));
        let loader = BatchLoader::new(Doubler {
            calls: calls.clone(),
        });
        let leader = Box::pin(loader.load_one(1));
        let mut leader = leader;
        // Poll the leader once so it opens the batch, then drop it.
        let waker = std::task::Waker::noop();
        let _ = leader
            .as_mut()
            .poll(&mut std::task::Context::from_waker(waker));
        let follower = loader.load_one(2);
        drop(leader);
        assert_eq!(follower.await.ok().flatten(), Some(4));
    }
}
