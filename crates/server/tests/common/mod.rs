//! Shared test helpers: a real klastry server on a random port over a fresh database.
//!
//! SQLite runs always, each test on its own file. PostgreSQL runs when
//! KLASTRY_TEST_POSTGRES_URL names a server (e.g. `postgres://postgres@127.0.0.1:5432`); each
//! test then gets its own database, named `klastry_test_…`.

#![allow(dead_code)]

use klastry::config::Config;
use serde_json::{Value, json};
use std::sync::atomic::{AtomicU32, Ordering};

/// Which database a test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// An SQLite file.
    Sqlite,
    /// A PostgreSQL database.
    Postgres,
}

static NEXT: AtomicU32 = AtomicU32::new(0);

/// A unique name for this test's database.
pub fn unique_name() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    // The test script sets a run id so that it can drop exactly this run's databases.
    let run = std::env::var("KLASTRY_TEST_RUN_ID").unwrap_or_else(|_| "adhoc".into());
    format!(
        "klastry_test_{run}_{}_{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed),
        nanos
    )
}

/// The PostgreSQL server to test against, if any.
pub fn postgres_url() -> Option<String> {
    std::env::var("KLASTRY_TEST_POSTGRES_URL")
        .ok()
        .filter(|u| !u.trim().is_empty())
        .map(|u| u.trim_end_matches('/').to_string())
}

/// A fresh, empty database for `backend`, as a URL; None when PostgreSQL is not configured.
pub async fn fresh_database(backend: Backend) -> Option<(String, Option<std::path::PathBuf>)> {
    let name = unique_name();
    match backend {
        Backend::Sqlite => {
            let path = std::env::temp_dir().join(format!("{name}.db"));
            Some((format!("sqlite://{}?mode=rwc", path.display()), Some(path)))
        }
        Backend::Postgres => {
            let Some(server) = postgres_url() else {
                eprintln!("PostgreSQL test skipped: KLASTRY_TEST_POSTGRES_URL is not set");
                return None;
            };
            let admin = sea_orm::Database::connect(format!("{server}/postgres"))
                .await
                .expect("KLASTRY_TEST_POSTGRES_URL is set but PostgreSQL cannot be reached");
            use sea_orm::ConnectionTrait;
            admin
                .execute_unprepared(&format!("CREATE DATABASE {name}"))
                .await
                .expect("create the test database");
            admin.close().await.ok();
            Some((format!("{server}/{name}"), None))
        }
    }
}

/// The secret test servers sign tokens with, so tests can forge and tamper with tokens.
pub const TEST_JWT_SECRET: &str = "test-secret-of-at-least-thirty-two-bytes!";

/// The demo operator's e-mail and password.
pub const OPERATOR: (&str, &str) = ("operator@klastry.demo", "demo-operator-2026");
/// The demo coordinator (of the recycling cluster).
pub const COORDINATOR: (&str, &str) = ("koordynator@klastry.demo", "demo-koordynator-2026");
/// The demo member (acting for Technology Applied).
pub const MEMBER: (&str, &str) = ("czlonek@klastry.demo", "demo-czlonek-2026");

/// A running server on a fresh database with the demo registry.
pub struct TestApp {
    /// Base URL, e.g. `http://127.0.0.1:40123`.
    pub url: String,
    /// The database's URL, for running the `klastry` binary on it.
    pub database_url: String,
    /// A direct connection to the same database, for fixtures.
    pub db: sea_orm::DatabaseConnection,
    /// HTTP client.
    pub client: reqwest::Client,
    sqlite_file: Option<std::path::PathBuf>,
    /// The server's state, to stop its background tasks.
    state: klastry::http::AppState,
    /// The task serving HTTP.
    serving: tokio::task::AbortHandle,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        self.stop();
        if let Some(path) = &self.sqlite_file {
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
            }
        }
    }
}

impl TestApp {
    /// Starts a server on `backend` with the demo registry; None when that backend is not
    /// configured.
    pub async fn spawn(backend: Backend) -> Option<Self> {
        Self::start(backend, true).await
    }

    /// Starts a server on an empty registry.
    pub async fn spawn_empty(backend: Backend) -> Option<Self> {
        Self::start(backend, false).await
    }

    /// Starts a server with the demo registry and settings changed by `configure`.
    pub async fn spawn_configured(
        backend: Backend,
        configure: impl FnOnce(&mut Config),
    ) -> Option<Self> {
        Self::start_configured(backend, true, configure).await
    }

    /// Starts another server on this one's database (as a second process would), with
    /// settings changed by `configure`; the database stays this server's to remove.
    pub async fn spawn_beside(&self, configure: impl FnOnce(&mut Config)) -> Self {
        Self::serve(self.database_url.clone(), None, false, configure).await
    }

    /// Stops serving and stops the server's event pump and webhook sender, as if its process
    /// had been killed.
    pub fn stop(&self) {
        self.serving.abort();
        self.state.stop_background();
    }

    async fn start(backend: Backend, demo: bool) -> Option<Self> {
        Self::start_configured(backend, demo, |_| {}).await
    }

    async fn start_configured(
        backend: Backend,
        demo: bool,
        configure: impl FnOnce(&mut Config),
    ) -> Option<Self> {
        let (database_url, sqlite_file) = fresh_database(backend).await?;
        Some(Self::serve(database_url, sqlite_file, demo, configure).await)
    }

    async fn serve(
        database_url: String,
        sqlite_file: Option<std::path::PathBuf>,
        demo: bool,
        configure: impl FnOnce(&mut Config),
    ) -> Self {
        let mut config = Config::defaults();
        config.database_url = database_url.clone();
        config.demo = Some(demo);
        config.expose_statement_count = true;
        config.db_max_connections = 5;
        config.web_dir = std::path::PathBuf::from("/nonexistent");
        config.jwt_secret = Some(TEST_JWT_SECRET.into());
        config.event_poll_ms = 50;
        // Tests' webhook endpoints listen on this machine.
        config.webhooks_allow_private_networks = Some(true);
        configure(&mut config);
        let state = klastry::cli::prepare(&config)
            .await
            .expect("server prepares");
        let db = state.db.clone();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind a port");
        let url = format!("http://{}", listener.local_addr().expect("address"));
        let app = klastry::http::router(state.clone(), &config);
        let serving = tokio::spawn(async move {
            axum::serve(listener, app).await.expect("server runs");
        })
        .abort_handle();
        Self {
            url,
            database_url,
            db,
            client: reqwest::Client::new(),
            sqlite_file,
            state,
            serving,
        }
    }

    /// Waits until this server's subscriptions number at least `n`, so a change made next is
    /// heard by them (the protocol does not acknowledge a subscribe).
    pub async fn wait_for_subscribers(&self, n: usize) {
        for _ in 0..200 {
            if self.state.bus.subscribers() >= n {
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
        panic!("the subscription never started");
    }

    /// POSTs a GraphQL request as application/json and returns the status and body.
    pub async fn post(&self, query: &str, variables: Value) -> (u16, Value) {
        let response = self
            .client
            .post(format!("{}/graphql", self.url))
            .json(&json!({ "query": query, "variables": variables }))
            .send()
            .await
            .expect("request sent");
        let status = response.status().as_u16();
        (status, response.json().await.expect("JSON body"))
    }

    /// Runs a query that must succeed and returns its `data`.
    pub async fn query(&self, query: &str, variables: Value) -> Value {
        let (status, body) = self.post(query, variables).await;
        assert_eq!(status, 200, "{body}");
        assert!(body.get("errors").is_none(), "unexpected errors: {body}");
        body["data"].clone()
    }

    /// Runs a query that must fail and returns the first error's `extensions.code`.
    pub async fn error_code(&self, query: &str, variables: Value) -> String {
        let (status, body) = self.post(query, variables).await;
        assert!(status < 500, "server error {status}: {body}");
        body["errors"][0]["extensions"]["code"]
            .as_str()
            .unwrap_or_else(|| panic!("no error code in {body}"))
            .to_string()
    }

    /// POSTs a GraphQL request with a bearer token.
    pub async fn post_as(&self, token: &str, query: &str, variables: Value) -> (u16, Value) {
        let response = self
            .client
            .post(format!("{}/graphql", self.url))
            .bearer_auth(token)
            .json(&json!({ "query": query, "variables": variables }))
            .send()
            .await
            .expect("request sent");
        let status = response.status().as_u16();
        (status, response.json().await.expect("JSON body"))
    }

    /// Runs a request as the holder of `token` that must succeed, and returns its `data`.
    pub async fn query_as(&self, token: &str, query: &str, variables: Value) -> Value {
        let (status, body) = self.post_as(token, query, variables).await;
        assert_eq!(status, 200, "{body}");
        assert!(body.get("errors").is_none(), "unexpected errors: {body}");
        body["data"].clone()
    }

    /// Signs in and returns the whole session (accessToken, refreshToken, ...).
    pub async fn session(&self, (email, password): (&str, &str)) -> Value {
        let data = self
            .query(
                "mutation($input: SignInInput!) { signIn(input: $input) { \
                 session { accessToken refreshToken user { email } } userErrors { field message } } }",
                json!({ "input": { "email": email, "password": password } }),
            )
            .await;
        data["signIn"]["session"].clone()
    }

    /// Signs in and returns the access token.
    pub async fn sign_in(&self, account: (&str, &str)) -> String {
        self.session(account).await["accessToken"]
            .as_str()
            .expect("an access token")
            .to_string()
    }

    /// The global ID of the cluster with `slug`.
    pub async fn cluster_id(&self, slug: &str) -> String {
        let data = self
            .query(
                "query($slug: String!) { cluster(slug: $slug) { id } }",
                json!({ "slug": slug }),
            )
            .await;
        data["cluster"]["id"]
            .as_str()
            .expect("cluster exists")
            .to_string()
    }

    /// How many SQL statements a query ran.
    pub async fn statements(&self, query: &str, variables: Value) -> u64 {
        let (status, body) = self.post(query, variables).await;
        assert_eq!(status, 200, "{body}");
        assert!(body.get("errors").is_none(), "unexpected errors: {body}");
        body["extensions"]["sqlStatements"]
            .as_u64()
            .expect("statement count exposed")
    }
}

/// Runs an async test body on both backends: `mod name { sqlite, postgres }`. The body gets a
/// server with the demo registry, or with `empty =>` first, an empty one.
#[macro_export]
macro_rules! on_both_backends {
    (empty => $($name:ident => $body:path;)*) => {
        $crate::on_both_backends!(@make spawn_empty; $($name => $body;)*);
    };
    ($($name:ident => $body:path;)*) => {
        $crate::on_both_backends!(@make spawn; $($name => $body;)*);
    };
    (@make $spawn:ident; $($name:ident => $body:path;)*) => {
        $(
            mod $name {
                use super::*;

                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    if let Some(app) = TestApp::$spawn(Backend::Sqlite).await {
                        $body(app).await;
                    }
                }

                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() {
                    if let Some(app) = TestApp::$spawn(Backend::Postgres).await {
                        $body(app).await;
                    }
                }
            }
        )*
    };
}
