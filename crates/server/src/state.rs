//! What every handler shares: the schema, the database, the limits and the background tasks.

use crate::db::StatementCounter;
use crate::limits::RequestLimits;
use klastry_domain::accounts::sessions::TokenKeys;
use klastry_graphql::{EventBus, KlastrySchema};
use sea_orm::DatabaseConnection;
use std::sync::Arc;

/// Everything a request handler needs; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    /// The GraphQL schema, run only through the guarded path (`guard`).
    pub schema: KlastrySchema,
    /// The database.
    pub db: DatabaseConnection,
    /// Statements run so far, for `extensions.sqlStatements`.
    pub counter: StatementCounter,
    /// Whether to report statement counts in responses.
    pub expose_statement_count: bool,
    /// Request and database metrics.
    pub metrics: Arc<crate::metrics::Metrics>,
    /// Parsed query documents by their text.
    pub documents: Arc<crate::documents::Documents>,
    /// Seconds an anonymous GET read may be reused by a browser or a proxy.
    pub public_cache_secs: u32,
    /// Persisted queries' texts by their hash.
    pub persisted: Arc<crate::persisted::PersistedQueries>,
    /// Permits for parsing, validating and executing GraphQL requests.
    pub executions: Arc<tokio::sync::Semaphore>,
    /// Keys that check access tokens.
    pub keys: TokenKeys,
    /// The limits every GraphQL request is held to, over HTTP and WebSocket alike.
    pub limits: RequestLimits,
    /// Requests a minute per API token, counted in the database by every server together.
    pub token_requests_per_minute: u32,
    /// Proxies whose `X-Forwarded-For` names the client (for throttling sign-in per address).
    pub trusted_proxies: Arc<Vec<std::net::IpAddr>>,
    /// Seconds between checks of an open WebSocket's caller while its subscriptions run.
    pub socket_recheck: std::time::Duration,
    /// Permits for open WebSockets (TOO_MANY_CONNECTIONS past them).
    pub sockets: Arc<tokio::sync::Semaphore>,
    /// Most operations one WebSocket may run at once (TOO_MANY_OPERATIONS).
    pub max_socket_operations: usize,
    /// Committed events, for this process's subscriptions.
    pub bus: EventBus,
    /// The public address pages, feeds and mailed links start with (`Config::public_address`).
    pub public_address: std::sync::Arc<str>,
    /// The event pump and webhook sender running for this state.
    pub background: Arc<Vec<tokio::task::AbortHandle>>,
}

impl AppState {
    /// Stops the event pump and webhook sender (a server shutting down, or a test's server).
    pub fn stop_background(&self) {
        for task in self.background.iter() {
            task.abort();
        }
    }
}
