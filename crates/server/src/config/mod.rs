//! Configuration from flags and the environment; every setting works without being set.
//! The same variables are listed in .env.sample. The command line's subcommands are in
//! `commands`.

mod commands;

pub use commands::{Cli, Command, SeedSet, UserAction};

use clap::{Args, Parser};
use std::net::SocketAddr;

/// Settings shared by every command.
#[derive(Debug, Clone, Args)]
pub struct Config {
    /// Database URL: `sqlite://path?mode=rwc` or `postgres://user@host:port/db`.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://data/klastry.db?mode=rwc",
        global = true
    )]
    pub database_url: String,
    /// Address to listen on.
    #[arg(
        long,
        env = "KLASTRY_BIND",
        default_value = "127.0.0.1:8080",
        global = true
    )]
    pub bind: SocketAddr,
    /// Most database connections in the pool: 10 for PostgreSQL, 4 for SQLite when not set.
    #[arg(long, env = "KLASTRY_DB_MAX_CONNECTIONS", global = true)]
    pub db_max_connections: Option<u32>,
    /// Load the demo registry when the database is empty; defaults to true for SQLite and
    /// false otherwise. Its three demo accounts are made only for a server that listens on a
    /// loopback address, with passwords of its own (see `--demo-accounts-file`).
    #[arg(long, env = "KLASTRY_DEMO", global = true)]
    pub demo: Option<bool>,
    /// Where the demo accounts' passwords are kept: made at random at first start (readable by
    /// the owner only) and read from here afterwards.
    #[arg(
        long,
        env = "KLASTRY_DEMO_ACCOUNTS_FILE",
        default_value = "data/demo-accounts.json",
        global = true
    )]
    pub demo_accounts_file: std::path::PathBuf,
    /// Apply migrations when `serve` starts.
    #[arg(long, env = "KLASTRY_MIGRATE_ON_START", default_value_t = true, global = true, action = clap::ArgAction::Set)]
    pub migrate_on_start: bool,
    /// Deepest field nesting a query may have.
    #[arg(
        long,
        env = "KLASTRY_MAX_QUERY_DEPTH",
        default_value_t = 16,
        global = true
    )]
    pub max_query_depth: usize,
    /// Highest complexity a query may have (a list costs its page size times its fields).
    #[arg(
        long,
        env = "KLASTRY_MAX_QUERY_COMPLEXITY",
        default_value_t = 100_000,
        global = true
    )]
    pub max_query_complexity: usize,
    /// Requests each API token may make in any 60 s, counted by all servers together; more get
    /// 429.
    #[arg(
        long,
        env = "KLASTRY_TOKEN_REQUESTS_PER_MINUTE",
        default_value_t = 600,
        global = true
    )]
    pub token_requests_per_minute: u32,
    /// Most aliased fields a query document may hold; aliases let one request ask for the same
    /// expensive field many times over.
    #[arg(long, env = "KLASTRY_MAX_ALIASES", default_value_t = 30, global = true)]
    pub max_aliases: usize,
    /// Most GraphQL requests executing at once (default: three per CPU core); more wait their
    /// turn, so a burst cannot hold every request's rows in memory at the same time.
    #[arg(long, env = "KLASTRY_MAX_CONCURRENT_QUERIES", global = true)]
    pub max_concurrent_queries: Option<usize>,
    /// Most lexical tokens a query document may hold.
    #[arg(
        long,
        env = "KLASTRY_MAX_QUERY_TOKENS",
        default_value_t = 10_000,
        global = true
    )]
    pub max_query_tokens: usize,
    /// Most directives a query document may use.
    #[arg(
        long,
        env = "KLASTRY_MAX_DIRECTIVES",
        default_value_t = 50,
        global = true
    )]
    pub max_directives: usize,
    /// Most variables a request may declare or send.
    #[arg(
        long,
        env = "KLASTRY_MAX_VARIABLES",
        default_value_t = 100,
        global = true
    )]
    pub max_variables: usize,
    /// Most errors one response carries; the rest are summed up in one.
    #[arg(long, env = "KLASTRY_MAX_ERRORS", default_value_t = 50, global = true)]
    pub max_errors: usize,
    /// Largest request body (and WebSocket message) in bytes.
    #[arg(long, env = "KLASTRY_MAX_BODY_BYTES", default_value_t = 1 << 20, global = true)]
    pub max_body_bytes: usize,
    /// Seconds a request may take before it is answered with 503.
    #[arg(
        long,
        env = "KLASTRY_REQUEST_TIMEOUT_SECS",
        default_value_t = 30,
        global = true
    )]
    pub request_timeout_secs: u64,
    /// Seconds a client may take to send a request's headers before its connection is closed.
    #[arg(
        long,
        env = "KLASTRY_HEADER_READ_TIMEOUT_SECS",
        default_value_t = 10,
        global = true
    )]
    pub header_read_timeout_secs: u64,
    /// Most connections served at once, and, apart, most WebSockets open at once.
    #[arg(
        long,
        env = "KLASTRY_MAX_CONNECTIONS",
        default_value_t = 1024,
        global = true
    )]
    pub max_connections: usize,
    /// Seconds between checks of an open WebSocket's caller (token revoked, session ended, role
    /// taken away, access token expired); it is also checked before each operation.
    #[arg(
        long,
        env = "KLASTRY_SOCKET_RECHECK_SECS",
        default_value_t = 60,
        global = true
    )]
    pub socket_recheck_secs: u64,
    /// Seconds a browser or a proxy may serve an anonymous GET read again without asking
    /// (`Cache-Control: public, max-age`); after that it revalidates by ETag. 0 makes every
    /// repeat revalidate.
    #[arg(
        long,
        env = "KLASTRY_PUBLIC_CACHE_SECS",
        default_value_t = 10,
        global = true
    )]
    pub public_cache_secs: u32,
    /// Most operations (subscriptions, queries) one WebSocket may run at once.
    #[arg(
        long,
        env = "KLASTRY_MAX_SOCKET_OPERATIONS",
        default_value_t = 50,
        global = true
    )]
    pub max_socket_operations: usize,
    /// Proxies in front of the server, comma-separated: for requests from them the client's
    /// address is the last one in `X-Forwarded-For` (sign-in is throttled per address).
    #[arg(
        long,
        env = "KLASTRY_TRUSTED_PROXIES",
        value_delimiter = ',',
        global = true
    )]
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Serve `/metrics` on the public listener too (it tells operation names and load).
    #[arg(long, env = "KLASTRY_METRICS_PUBLIC", default_value_t = false, global = true, action = clap::ArgAction::Set)]
    pub metrics_public: bool,
    /// Serve `/metrics` on this address of its own, e.g. `127.0.0.1:9464` (off when not set).
    #[arg(long, env = "KLASTRY_METRICS_BIND", global = true)]
    pub metrics_bind: Option<SocketAddr>,
    /// Send webhook deliveries from this process (turn off on servers that should only answer
    /// requests; another process on the same database then sends them).
    #[arg(long, env = "KLASTRY_DELIVER_WEBHOOKS", default_value_t = true, global = true, action = clap::ArgAction::Set)]
    pub deliver_webhooks: bool,
    /// Wait before the first retry of a failed webhook delivery, in milliseconds; it doubles
    /// with every try, up to an hour, for a day.
    #[arg(
        long,
        env = "KLASTRY_WEBHOOK_RETRY_BASE_MS",
        default_value_t = 10_000,
        global = true
    )]
    pub webhook_retry_base_ms: u64,
    /// Most rows one import may hold when a coordinator or an API token sends it (operators
    /// and `klastry import` are not bound).
    #[arg(
        long,
        env = "KLASTRY_IMPORT_MAX_ROWS",
        default_value_t = 2_000,
        global = true
    )]
    pub import_max_rows: usize,
    /// Most organisations the imports of one account (with its API tokens) may create in any
    /// 24 hours, operators aside.
    #[arg(
        long,
        env = "KLASTRY_IMPORT_ORGANISATIONS_PER_DAY",
        default_value_t = 500,
        global = true
    )]
    pub import_organisations_per_day: u64,
    /// Most webhook deliveries sent at once by this process.
    #[arg(
        long,
        env = "KLASTRY_WEBHOOK_CONCURRENCY",
        default_value_t = 32,
        global = true
    )]
    pub webhook_concurrency: usize,
    /// Most deliveries sent at once to one webhook, so that a slow endpoint holds up only
    /// itself.
    #[arg(
        long,
        env = "KLASTRY_WEBHOOK_CONCURRENCY_PER_ENDPOINT",
        default_value_t = 2,
        global = true
    )]
    pub webhook_concurrency_per_endpoint: usize,
    /// Accept webhooks on this machine (also over plain HTTP) and on private networks; defaults
    /// to true only for a server on SQLite that listens on a loopback address (development), so
    /// partners cannot make a reachable server call the services beside it.
    #[arg(long, env = "KLASTRY_WEBHOOKS_ALLOW_PRIVATE_NETWORKS", global = true)]
    pub webhooks_allow_private_networks: Option<bool>,
    /// The SMTP server mail goes through, as a URL: `smtp://host:25` (plain),
    /// `smtp://user:password@host:587?tls=required` (STARTTLS), `smtps://user:password@host:465`
    /// (TLS). Unset: every mail is written as an .eml file under `mail_dir`, and its links are
    /// printed in the log.
    #[arg(long, env = "KLASTRY_SMTP_URL", global = true)]
    pub smtp_url: Option<String>,
    /// Who mail comes from, e.g. `klastry <noreply@klastry.example>`.
    #[arg(
        long,
        env = "KLASTRY_MAIL_FROM",
        default_value = "klastry <noreply@localhost>",
        global = true
    )]
    pub mail_from: String,
    /// Where mail is written as .eml files when no SMTP server is set.
    #[arg(
        long,
        env = "KLASTRY_MAIL_DIR",
        default_value = "data/mail",
        global = true
    )]
    pub mail_dir: std::path::PathBuf,
    /// The registry's public address, which mailed links start with; by default the address
    /// the server listens on.
    #[arg(long, env = "KLASTRY_PUBLIC_URL", global = true)]
    pub public_url: Option<String>,
    /// Send mail from this process (turn off on servers that should only answer requests;
    /// another process on the same database then sends it).
    #[arg(long, env = "KLASTRY_SEND_MAIL", default_value_t = true, global = true, action = clap::ArgAction::Set)]
    pub send_mail: bool,
    /// Wait before the first retry of a mail the SMTP server did not take, in milliseconds; it
    /// doubles with every try, up to an hour, for a day.
    #[arg(
        long,
        env = "KLASTRY_MAIL_RETRY_BASE_MS",
        default_value_t = 30_000,
        global = true
    )]
    pub mail_retry_base_ms: u64,
    /// How often the notifier gives the lapse warnings owed and mails due digests, in
    /// milliseconds (each pass gives only what is still owed, so a short interval only costs
    /// a few queries).
    #[arg(
        long,
        env = "KLASTRY_NOTIFY_INTERVAL_MS",
        default_value_t = 300_000,
        global = true
    )]
    pub notify_interval_ms: u64,
    /// For tests only: the notifier's clock starts at this instant (RFC 3339) or day
    /// (YYYY-MM-DD, at 08:00 UTC) instead of now. Refused unless the server listens on a
    /// loopback address and its database is on this machine.
    #[arg(long, env = "KLASTRY_TEST_CLOCK", global = true)]
    pub test_clock: Option<String>,
    /// Days events are kept for subscriptions to replay (`after:`) and webhooks' records.
    #[arg(
        long,
        env = "KLASTRY_EVENT_RETENTION_DAYS",
        default_value_t = 30,
        global = true
    )]
    pub event_retention_days: u32,
    /// How often to look for due webhook deliveries and (on SQLite) new events, in milliseconds.
    #[arg(
        long,
        env = "KLASTRY_EVENT_POLL_MS",
        default_value_t = 250,
        global = true
    )]
    pub event_poll_ms: u64,
    /// Add `extensions.sqlStatements` (statements run while the request ran) to GraphQL
    /// responses; a diagnostic for tests and benchmarks, exact only without concurrent requests.
    #[arg(long, env = "KLASTRY_EXPOSE_STATEMENT_COUNT", default_value_t = false, global = true, action = clap::ArgAction::Set)]
    pub expose_statement_count: bool,
    /// Directory with the built web app (index.html and its assets), served at /.
    #[arg(
        long,
        env = "KLASTRY_WEB_DIR",
        default_value = "frontend/dist",
        global = true
    )]
    pub web_dir: std::path::PathBuf,
    /// Secret that signs access tokens (at least 32 bytes). When not set, one is generated
    /// once and kept in `--jwt-secret-file`.
    #[arg(
        long,
        env = "KLASTRY_JWT_SECRET",
        global = true,
        hide_env_values = true
    )]
    pub jwt_secret: Option<String>,
    /// Where the generated token secret is kept when `--jwt-secret` is not set.
    #[arg(
        long,
        env = "KLASTRY_JWT_SECRET_FILE",
        default_value = "data/jwt-secret",
        global = true
    )]
    pub jwt_secret_file: std::path::PathBuf,
    /// Log filter, e.g. `info` or `klastry=debug,sqlx=warn`.
    #[arg(
        long,
        env = "RUST_LOG",
        default_value = "info,sqlx=warn,sea_orm=warn",
        global = true
    )]
    pub log: String,
}

impl Config {
    /// Whether the database is SQLite.
    pub fn is_sqlite(&self) -> bool {
        self.database_url.starts_with("sqlite:")
    }

    /// Most database connections in the pool. Each SQLite connection keeps its own page cache
    /// and statement buffers: measured on the national-scale nested list at c=64 (2 cores),
    /// 2 connections peaked at 115 MiB (44 req/s), 4 at 133 MiB (55), 6 at 154 MiB (54) and
    /// 10 at 234 MiB (58), so SQLite gets 4 (docs/performance.md).
    pub fn db_pool_size(&self) -> u32 {
        let default = if self.is_sqlite() { 4 } else { 10 };
        self.db_max_connections.unwrap_or(default).max(1)
    }

    /// Whether to load the demo registry into an empty database.
    pub fn load_demo(&self) -> bool {
        self.demo.unwrap_or_else(|| self.is_sqlite())
    }

    /// Whether the server listens only on this machine (a loopback address).
    pub fn listens_on_loopback(&self) -> bool {
        self.bind.ip().is_loopback()
    }

    /// The notifier's clock: the real one, or the test clock where a test may set one.
    pub fn clock(&self) -> Result<crate::notifier::Clock, String> {
        let Some(text) = &self.test_clock else {
            return Ok(crate::notifier::Clock::default());
        };
        if !self.listens_on_loopback() || !self.database_is_local() {
            return Err("KLASTRY_TEST_CLOCK is for tests: it is refused unless the server listens on a loopback address and its database is on this machine".into());
        }
        Ok(crate::notifier::Clock::starting_at(
            crate::notifier::parse_clock(text)?,
        ))
    }

    /// Whether the database is an SQLite file or a PostgreSQL server on a loopback address.
    pub fn database_is_local(&self) -> bool {
        if self.is_sqlite() {
            return true;
        }
        let after_scheme = self
            .database_url
            .split_once("://")
            .map_or("", |(_, rest)| rest);
        let host_part = after_scheme
            .rsplit_once('@')
            .map_or(after_scheme, |(_, host)| host);
        let host = host_part
            .split(['/', '?'])
            .next()
            .unwrap_or_default()
            .rsplit_once(':')
            .map_or(
                host_part.split(['/', '?']).next().unwrap_or_default(),
                |(h, _)| h,
            );
        matches!(host, "127.0.0.1" | "localhost" | "[::1]" | "::1")
    }

    /// Whether to make the demo accounts: with the demo registry, on a loopback address only.
    pub fn demo_accounts(&self) -> bool {
        self.load_demo() && self.listens_on_loopback()
    }

    /// Which webhook URLs are accepted.
    pub fn webhook_policy(&self) -> klastry_graphql::WebhookPolicy {
        klastry_graphql::WebhookPolicy {
            allow_private_networks: self
                .webhooks_allow_private_networks
                .unwrap_or_else(|| self.is_sqlite() && self.listens_on_loopback()),
        }
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

    /// The keys that sign and check access tokens: the configured secret, or the one kept in
    /// the secret file (made on first use, readable by the owner only).
    pub fn token_keys(
        &self,
    ) -> Result<klastry_domain::accounts::sessions::TokenKeys, crate::error::ServerError> {
        use crate::error::ServerError;
        let secret = match &self.jwt_secret {
            Some(secret) => secret.clone(),
            None => match std::fs::read_to_string(&self.jwt_secret_file) {
                Ok(secret) => secret.trim().to_string(),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    let secret = klastry_domain::platform::secrets::random_secret()?;
                    if let Some(dir) = self.jwt_secret_file.parent()
                        && !dir.as_os_str().is_empty()
                    {
                        std::fs::create_dir_all(dir).map_err(|e| {
                            ServerError::io(format!("creating {}", dir.display()), e)
                        })?;
                    }
                    write_private(&self.jwt_secret_file, &secret)?;
                    secret
                }
                Err(e) => {
                    return Err(ServerError::io(
                        format!("reading {}", self.jwt_secret_file.display()),
                        e,
                    ));
                }
            },
        };
        klastry_domain::accounts::sessions::TokenKeys::from_secret(secret.as_bytes())
            .map_err(|e| ServerError::Config(e.to_string()))
    }

    /// The public address mailed links start with: `public_url`, else the address the server
    /// listens on (a wildcard address read as localhost).
    ///
    /// With port 0 the port is chosen at start and links name port 0: set `public_url` then.
    pub fn public_address(&self) -> String {
        match &self.public_url {
            Some(url) => url.trim_end_matches('/').to_owned(),
            None => {
                // As the server prints its address at start; a wildcard one reads as this machine.
                if self.bind.ip().is_unspecified() {
                    format!("http://localhost:{}", self.bind.port())
                } else {
                    format!("http://{}", self.bind)
                }
            }
        }
    }

    /// How this process sends mail.
    pub fn mail_settings(&self, poll: std::time::Duration) -> crate::mail::MailSettings {
        crate::mail::MailSettings {
            delivery: match self
                .smtp_url
                .as_deref()
                .map(str::trim)
                .filter(|u| !u.is_empty())
            {
                Some(url) => crate::mail::Delivery::Smtp(url.to_owned()),
                None => crate::mail::Delivery::Folder(self.mail_dir.clone()),
            },
            from: self.mail_from.clone(),
            public_url: self.public_address(),
            poll,
            retry_base: std::time::Duration::from_millis(self.mail_retry_base_ms),
        }
    }

    /// Defaults, as if nothing were set (for tests and embedding).
    pub fn defaults() -> Self {
        Cli::parse_from(["klastry"]).config
    }
}

/// Writes a file only its owner can read.
pub(crate) fn write_private(
    path: &std::path::Path,
    contents: &str,
) -> Result<(), crate::error::ServerError> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options
        .open(path)
        .map_err(|e| crate::error::ServerError::io(format!("creating {}", path.display()), e))?;
    file.write_all(contents.as_bytes())
        .map_err(|e| crate::error::ServerError::io(format!("writing {}", path.display()), e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(database_url: &str, bind: &str) -> Config {
        let mut config = Config::defaults();
        config.database_url = database_url.into();
        config.bind = bind.parse().expect("an address");
        config
    }

    #[test]
    fn only_a_server_on_loopback_with_sqlite_makes_demo_accounts_and_calls_private_networks() {
        let development = config("sqlite://data/klastry.db?mode=rwc", "127.0.0.1:8080");
        assert!(development.demo_accounts());
        assert!(development.webhook_policy().allow_private_networks);
        for reachable in [
            config("sqlite://data/klastry.db?mode=rwc", "0.0.0.0:8080"),
            config("sqlite://data/klastry.db?mode=rwc", "[::]:8080"),
        ] {
            assert!(reachable.load_demo(), "the demo registry still loads");
            assert!(!reachable.demo_accounts());
            assert!(!reachable.webhook_policy().allow_private_networks);
        }
        let production = config("postgres://klastry@db/klastry", "127.0.0.1:8080");
        assert!(!production.load_demo());
        assert!(!production.webhook_policy().allow_private_networks);
    }

    #[test]
    fn production_refuses_a_test_clock() {
        let with_clock = |url: &str, bind: &str| {
            let mut config = config(url, bind);
            config.test_clock = Some("2027-01-01".into());
            config.clock()
        };
        assert!(with_clock("sqlite://data/klastry.db?mode=rwc", "127.0.0.1:0").is_ok());
        assert!(with_clock("postgres://postgres@127.0.0.1:5432/t", "127.0.0.1:0").is_ok());
        assert!(with_clock("postgres://postgres@localhost/t", "127.0.0.1:0").is_ok());
        assert!(with_clock("postgres://klastry@db/klastry", "127.0.0.1:8080").is_err());
        assert!(with_clock("postgres://k:p@10.0.0.5:5432/k", "127.0.0.1:8080").is_err());
        assert!(with_clock("sqlite://data/klastry.db?mode=rwc", "0.0.0.0:8080").is_err());
        let mut wrong = config("sqlite://x.db", "127.0.0.1:0");
        wrong.test_clock = Some("soon".into());
        assert!(wrong.clock().is_err());
        assert!(
            config("postgres://klastry@db/klastry", "0.0.0.0:80")
                .clock()
                .is_ok()
        );
    }
}
