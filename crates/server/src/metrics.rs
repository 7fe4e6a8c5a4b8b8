//! Operational metrics in the Prometheus text format, served at /metrics.
//!
//! Counters are plain atomics and one small map; no metrics library is needed for this handful,
//! and nothing here allocates per request except the first time an operation name is seen.

use sea_orm::{DatabaseBackend, DatabaseConnection};
use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// Upper bounds of the latency histogram, in seconds.
const BUCKETS: [f64; 12] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
];

/// Operation names are chosen by clients; past this many distinct names the rest are counted
/// as `other`, so a client cannot grow the server's memory or the scrape without bound.
const MAX_OPERATIONS: usize = 200;

#[derive(Default)]
struct OperationCounts {
    requests: u64,
    errors: u64,
}

/// The server's metrics.
#[derive(Default)]
pub struct Metrics {
    operations: Mutex<BTreeMap<String, OperationCounts>>,
    buckets: [AtomicU64; BUCKETS.len()],
    latency_count: AtomicU64,
    latency_sum_micros: AtomicU64,
}

impl Metrics {
    /// Records one GraphQL request.
    pub fn record(&self, operation: Option<&str>, failed: bool, elapsed: Duration) {
        {
            let mut operations = self.operations.lock().unwrap_or_else(|p| p.into_inner());
            let name = match operation {
                None => "anonymous",
                Some(n) if is_graphql_name(n) => n,
                Some(_) => "invalid",
            };
            let key = if operations.contains_key(name) || operations.len() < MAX_OPERATIONS {
                name
            } else {
                "other"
            };
            let counts = operations.entry(key.to_string()).or_default();
            counts.requests += 1;
            if failed {
                counts.errors += 1;
            }
        }
        let seconds = elapsed.as_secs_f64();
        for (bucket, bound) in self.buckets.iter().zip(BUCKETS) {
            if seconds <= bound {
                bucket.fetch_add(1, Ordering::Relaxed);
            }
        }
        self.latency_count.fetch_add(1, Ordering::Relaxed);
        self.latency_sum_micros
            .fetch_add(elapsed.as_micros() as u64, Ordering::Relaxed);
    }

    /// The metrics in the Prometheus text exposition format.
    pub fn render(&self, statements: u64, db: &DatabaseConnection) -> String {
        let mut out = String::with_capacity(2048);
        let _ = writeln!(
            out,
            "# HELP klastry_graphql_requests_total GraphQL requests by operation name."
        );
        let _ = writeln!(out, "# TYPE klastry_graphql_requests_total counter");
        let operations = self.operations.lock().unwrap_or_else(|p| p.into_inner());
        for (name, counts) in operations.iter() {
            let _ = writeln!(
                out,
                "klastry_graphql_requests_total{{operation=\"{}\"}} {}",
                escape(name),
                counts.requests
            );
        }
        let _ = writeln!(
            out,
            "# HELP klastry_graphql_errors_total GraphQL requests that returned errors, by operation name."
        );
        let _ = writeln!(out, "# TYPE klastry_graphql_errors_total counter");
        for (name, counts) in operations.iter() {
            let _ = writeln!(
                out,
                "klastry_graphql_errors_total{{operation=\"{}\"}} {}",
                escape(name),
                counts.errors
            );
        }
        drop(operations);
        let _ = writeln!(
            out,
            "# HELP klastry_graphql_request_duration_seconds Time to answer a GraphQL request."
        );
        let _ = writeln!(
            out,
            "# TYPE klastry_graphql_request_duration_seconds histogram"
        );
        for (bucket, bound) in self.buckets.iter().zip(BUCKETS) {
            let _ = writeln!(
                out,
                "klastry_graphql_request_duration_seconds_bucket{{le=\"{bound}\"}} {}",
                bucket.load(Ordering::Relaxed)
            );
        }
        let count = self.latency_count.load(Ordering::Relaxed);
        let _ = writeln!(
            out,
            "klastry_graphql_request_duration_seconds_bucket{{le=\"+Inf\"}} {count}"
        );
        let _ = writeln!(
            out,
            "klastry_graphql_request_duration_seconds_sum {}",
            self.latency_sum_micros.load(Ordering::Relaxed) as f64 / 1e6
        );
        let _ = writeln!(
            out,
            "klastry_graphql_request_duration_seconds_count {count}"
        );
        let _ = writeln!(
            out,
            "# HELP klastry_sql_statements_total SQL statements run."
        );
        let _ = writeln!(out, "# TYPE klastry_sql_statements_total counter");
        let _ = writeln!(out, "klastry_sql_statements_total {statements}");
        let (size, idle) = match db.get_database_backend() {
            DatabaseBackend::Postgres => {
                let pool = db.get_postgres_connection_pool();
                (pool.size(), pool.num_idle() as u32)
            }
            DatabaseBackend::Sqlite => {
                let pool = db.get_sqlite_connection_pool();
                (pool.size(), pool.num_idle() as u32)
            }
            _ => (0, 0),
        };
        let _ = writeln!(
            out,
            "# HELP klastry_db_connections Database connections by state."
        );
        let _ = writeln!(out, "# TYPE klastry_db_connections gauge");
        let _ = writeln!(
            out,
            "klastry_db_connections{{state=\"in_use\"}} {}",
            size.saturating_sub(idle)
        );
        let _ = writeln!(out, "klastry_db_connections{{state=\"idle\"}} {idle}");
        out
    }
}

/// Whether `name` is a GraphQL name of at most 64 characters; anything else a client sends as
/// an operation name is counted as `invalid`, so labels stay short and printable.
fn is_graphql_name(name: &str) -> bool {
    let mut bytes = name.bytes();
    name.len() <= 64
        && bytes
            .next()
            .is_some_and(|b| b == b'_' || b.is_ascii_alphabetic())
        && bytes.all(|b| b == b'_' || b.is_ascii_alphanumeric())
}

/// Escapes a label value (backslash, quote, newline).
fn escape(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operation_names_are_capped_and_escaped() {
        let metrics = Metrics::default();
        for i in 0..(MAX_OPERATIONS + 50) {
            metrics.record(Some(&format!("op{i}")), false, Duration::from_millis(3));
        }
        metrics.record(Some("a\"b"), true, Duration::from_millis(3));
        metrics.record(Some(&"x".repeat(1000)), true, Duration::from_millis(3));
        let operations = metrics.operations.lock().unwrap_or_else(|p| p.into_inner());
        assert_eq!(operations.len(), MAX_OPERATIONS + 1);
        // 50 names past the cap, then two malformed names that also find the map full.
        assert_eq!(operations.get("other").map(|c| c.requests), Some(52));
        drop(operations);
        let fresh = Metrics::default();
        fresh.record(Some(&"x".repeat(1000)), false, Duration::from_millis(1));
        fresh.record(Some("Good_name1"), false, Duration::from_millis(1));
        let operations = fresh.operations.lock().unwrap_or_else(|p| p.into_inner());
        assert_eq!(operations.get("invalid").map(|c| c.requests), Some(1));
        assert_eq!(operations.get("Good_name1").map(|c| c.requests), Some(1));
        assert_eq!(escape("a\"b"), "a\\\"b");
    }

    #[test]
    fn latency_lands_in_every_bucket_at_or_above_it() {
        let metrics = Metrics::default();
        metrics.record(None, false, Duration::from_millis(7));
        let counts: Vec<u64> = metrics
            .buckets
            .iter()
            .map(|b| b.load(Ordering::Relaxed))
            .collect();
        assert_eq!(&counts[..4], &[0, 0, 0, 1]);
        assert!(counts[4..].iter().all(|c| *c == 1));
    }
}
