//! The GraphQL API of the klastry registry.
//!
//! This crate owns the schema: object types wrapping entity models (`types`), the query root
//! with one file per area (`queries`), the mutation root likewise (`mutations`), the
//! subscription root and its event bus (`subscription`), per-request DataLoaders (`loaders`),
//! opaque IDs and cursors (`ids`), page arguments and connections (`paging`), the one accessor
//! of what travels with a request (`context`), scalars, and the one conversion of errors into
//! coded GraphQL errors (`error`). Resolvers call `klastry-domain` for the signed-in account
//! (`Viewer`, attached by the server); none builds SQL. `build_schema` is used by the server,
//! by the tests and by `klastry schema`, so all three see the same schema.

pub mod batch_loader;
pub(crate) mod context;
pub mod error;
pub mod event_bus;
pub mod ids;
pub mod join;
pub mod loaders;
pub mod mutations;
pub mod paging;
pub mod queries;
pub mod scalars;
pub mod subscription;
pub mod types;
pub mod user_error;

use async_graphql::{Schema, SchemaBuilder};
use klastry_domain::accounts::sessions::TokenKeys;
use sea_orm::DatabaseConnection;
use std::sync::OnceLock;

pub use event_bus::EventBus;
pub use loaders::Loaders;
pub use mutations::MutationRoot;
pub use queries::QueryRoot;
pub use subscription::SubscriptionRoot;

/// The registry's schema type.
pub type KlastrySchema = Schema<QueryRoot, MutationRoot, SubscriptionRoot>;

/// Which webhook URLs the registry accepts.
#[derive(Debug, Clone, Copy, Default)]
pub struct WebhookPolicy {
    /// Whether URLs on the registry's own machine (also over plain HTTP) and on private networks
    /// are accepted: for development and tests, never in production.
    pub allow_private_networks: bool,
}

/// Limits applied to every query.
#[derive(Debug, Clone)]
pub struct SchemaLimits {
    /// Deepest nesting of fields.
    pub max_depth: usize,
    /// Highest complexity; a list field costs its page size times its children.
    pub max_complexity: usize,
}

impl Default for SchemaLimits {
    fn default() -> Self {
        Self {
            max_depth: 16,
            max_complexity: 100_000,
        }
    }
}

/// The client's network address, attached by the server to each request so that sign-in can
/// be throttled per address; None when it is not known (a request run in-process).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ClientAddress(pub Option<std::net::IpAddr>);

/// The query root's description in the schema: the limits of every request, then every code
/// of `extensions.code` with its meaning, read from [`error::codes::ALL`], so that the schema's
/// documentation lists the codes from the one place they are defined.
fn query_root_description() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| {
        let mut text = format!(
            "The query root: every read.\n\n{}\n\nEvery error carries `extensions.code`, one of:\n",
            queries::QUERY_ROOT_LIMITS
        );
        for (code, meaning) in error::codes::ALL {
            text.push_str(&format!("\n- {code}: {}", meaning.trim()));
        }
        text
    })
}

/// The schema's roots with the descriptions built at start.
fn builder() -> SchemaBuilder<QueryRoot, MutationRoot, SubscriptionRoot> {
    Schema::build(
        QueryRoot::default(),
        MutationRoot::default(),
        SubscriptionRoot,
    )
    .override_output_type_description::<QueryRoot>(query_root_description())
}

/// Builds the schema over a database connection. The server runs every request, over HTTP and
/// WebSocket alike, through this one schema after its guarded path has admitted it.
pub fn build_schema(
    db: DatabaseConnection,
    keys: TokenKeys,
    limits: &SchemaLimits,
    bus: EventBus,
    webhooks: WebhookPolicy,
    import_quota: klastry_domain::bulk::import::ImportQuota,
) -> KlastrySchema {
    builder()
        .data(db)
        .data(keys)
        .data(bus)
        .data(webhooks)
        .data(import_quota)
        .data(klastry_domain::reads::figures::Figures::default())
        .limit_depth(limits.max_depth)
        .limit_complexity(limits.max_complexity)
        .finish()
}

/// The schema's SDL, as committed in schema.graphql.
pub fn sdl() -> String {
    builder().finish().sdl()
}
