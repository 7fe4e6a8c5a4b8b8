//! Configuration from flags and the environment; every setting works without being set.
//! The same variables are listed in .env.sample. The settings themselves are here; what
//! follows from them is beside: what a server may do by where it runs (`local`), the limits
//! requests and imports are held to (`limits`), how mail is sent (`mail`) and the secret that
//! signs access tokens (`secrets`). The command line's subcommands are in `commands`.

mod commands;
mod limits;
mod local;
mod mail;
mod secrets;

pub use commands::{Cli, Command, SeedSet, UserAction};
pub(crate) use secrets::write_private;

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
    /// Add `extensions.sqlStatements` (statements run while the request ran; exact only without
    /// concurrent requests) and `extensions.pagesInOnePass` / `pagesByExecutor` (how the
    /// request's pages of members and organisations were answered) to GraphQL responses; a
    /// diagnostic for tests and benchmarks.
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

    /// Defaults, as if nothing were set (for tests and embedding).
    pub fn defaults() -> Self {
        Cli::parse_from(["klastry"]).config
    }
}
