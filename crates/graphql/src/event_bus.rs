//! The process's fan-out of committed events: the server's event pump publishes on it, each
//! subscription listens, and a mutation nudges a polling pump to look at once.

use klastry_entity::registry_event;
use std::sync::Arc;
use tokio::sync::broadcast;

/// How many events a slow subscriber may fall behind before it is told it lost some.
const BUS_CAPACITY: usize = 4096;

/// The process's fan-out of committed events to its subscriptions.
#[derive(Clone)]
pub struct EventBus {
    sender: broadcast::Sender<Arc<registry_event::Model>>,
    nudge: Arc<tokio::sync::Notify>,
}

impl Default for EventBus {
    fn default() -> Self {
        Self {
            sender: broadcast::channel(BUS_CAPACITY).0,
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

    /// How many subscriptions are listening.
    pub fn subscribers(&self) -> usize {
        self.sender.receiver_count()
    }
}
