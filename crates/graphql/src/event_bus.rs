//! The process's fan-out of committed events and inbox changes: the server's event pump
//! publishes on it, each subscription listens, and a mutation nudges a polling pump to look at
//! once.

use klastry_entity::registry_event;
use std::sync::Arc;
use tokio::sync::broadcast;

/// How many events a slow subscriber may fall behind before it is told it lost some.
const BUS_CAPACITY: usize = 4096;

/// The process's fan-out of committed events to its subscriptions.
#[derive(Clone)]
pub struct EventBus {
    sender: broadcast::Sender<Arc<registry_event::Model>>,
    inbox: broadcast::Sender<Arc<Vec<i32>>>,
    nudge: Arc<tokio::sync::Notify>,
}

impl Default for EventBus {
    fn default() -> Self {
        Self {
            sender: broadcast::channel(BUS_CAPACITY).0,
            inbox: broadcast::channel(BUS_CAPACITY).0,
            nudge: Arc::default(),
        }
    }
}

impl EventBus {
    /// Tells a polling pump that this process may just have written events, so it looks now
    /// instead of at its next interval (a mutation has finished).
    pub fn nudge(&self) {
        self.nudge.notify_one();
    }

    /// Resolves when `nudge` is called.
    pub async fn nudged(&self) {
        self.nudge.notified().await;
    }

    /// Hands a committed event to every subscription of this process.
    pub fn publish(&self, event: registry_event::Model) {
        // No receivers is the normal state of a server nobody subscribes to.
        let _ = self.sender.send(Arc::new(event));
    }

    /// A receiver of every event published from now on.
    pub fn subscribe(&self) -> broadcast::Receiver<Arc<registry_event::Model>> {
        self.sender.subscribe()
    }

    /// Tells this process's inbox subscriptions that the inboxes of `user_ids` changed (a
    /// notification came, or some were marked read).
    pub fn publish_inbox(&self, user_ids: Vec<i32>) {
        let _ = self.inbox.send(Arc::new(user_ids));
    }

    /// A receiver of every inbox change published from now on.
    pub fn subscribe_inbox(&self) -> broadcast::Receiver<Arc<Vec<i32>>> {
        self.inbox.subscribe()
    }

    /// How many subscriptions are listening.
    pub fn subscribers(&self) -> usize {
        self.sender.receiver_count()
    }
}
