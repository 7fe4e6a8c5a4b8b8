//! The limits a server holds requests, connections, the database pool and imports to.

use super::Config;

impl Config {
    /// Most database connections in the pool. Each SQLite connection keeps its own page cache
    /// and statement buffers: measured on the national-scale nested list at c=64 (2 cores),
    /// 2 connections peaked at 115 MiB (44 req/s), 4 at 133 MiB (55), 6 at 154 MiB (54) and
    /// 10 at 234 MiB (58), so SQLite gets 4 (docs/performance.md).
    pub fn db_pool_size(&self) -> u32 {
        let default = if self.is_sqlite() { 4 } else { 10 };
        self.db_max_connections.unwrap_or(default).max(1)
    }

    /// What coordinators and API tokens may import.
    pub fn import_quota(&self) -> klastry_domain::bulk::import::ImportQuota {
        klastry_domain::bulk::import::ImportQuota {
            max_rows: self.import_max_rows,
            organisations_per_day: self.import_organisations_per_day,
        }
    }

    /// The bounds connections are accepted under.
    pub fn connection_limits(&self) -> crate::listener::ConnectionLimits {
        crate::listener::ConnectionLimits {
            max_connections: self.max_connections.max(1),
            header_read_timeout: std::time::Duration::from_secs(
                self.header_read_timeout_secs.max(1),
            ),
        }
    }

    /// How many GraphQL requests may execute at once.
    pub fn concurrent_queries(&self) -> usize {
        self.max_concurrent_queries
            .unwrap_or_else(|| {
                // Measured on 2 cores, nested list at c=64: 4 per core peaked at 139–156 MiB,
                // 3 at 106–119 MiB with the same throughput; search within the run-to-run noise.
                3 * std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get)
            })
            .max(1)
    }

    /// The limits every GraphQL request is held to, over HTTP and WebSocket alike.
    pub fn request_limits(&self) -> crate::limits::RequestLimits {
        crate::limits::RequestLimits {
            max_depth: self.max_query_depth,
            max_complexity: self.max_query_complexity,
            max_aliases: self.max_aliases,
            max_tokens: self.max_query_tokens,
            max_directives: self.max_directives,
            max_variables: self.max_variables,
            max_errors: self.max_errors.max(1),
            max_body_bytes: self.max_body_bytes,
            timeout: std::time::Duration::from_secs(self.request_timeout_secs),
        }
    }

    /// The schema's limits.
    pub fn schema_limits(&self) -> klastry_graphql::SchemaLimits {
        klastry_graphql::SchemaLimits {
            max_depth: self.max_query_depth,
            max_complexity: self.max_query_complexity,
        }
    }
}
