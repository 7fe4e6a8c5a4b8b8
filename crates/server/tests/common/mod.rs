//! Shared test helpers: a real klastry server on a random port over a fresh database.
//!
//! SQLite runs always, each test on its own file. PostgreSQL runs when
//! KLASTRY_TEST_POSTGRES_URL names a server (e.g. `postgres://postgres@127.0.0.1:5432`); each
//! test then gets its own database, named `klastry_test_…` (klastry-test-support makes them).

#![allow(dead_code)]

pub mod mailing;
pub mod smtp;
pub mod socket;

use klastry::config::Config;
use serde_json::{Value, json};

pub use klastry_test_support::{Backend, unique_name};
use klastry_test_support::{fresh_database, remove_sqlite_file};

/// The secret test servers sign tokens with, so tests can forge and tamper with tokens.
pub const TEST_JWT_SECRET: &str = "test-secret-of-at-least-thirty-two-bytes!";

/// The demo operator's e-mail and password. A real server makes the demo passwords at random;
/// test servers are given these in their passwords file before they start.
pub const OPERATOR: (&str, &str) = ("operator@klastry.demo", "sowa-kawka-jemiołuszka-7");
/// The demo coordinator (of the recycling cluster).
pub const COORDINATOR: (&str, &str) = ("koordynator@klastry.demo", "lipa-brzoza-jarzębina-7");
/// The demo member (acting for Technology Applied).
pub const MEMBER: (&str, &str) = ("czlonek@klastry.demo", "wisła-odra-warta-noteć-7");

/// Writes the demo accounts' passwords file a test server reads at start.
fn write_demo_passwords(path: &std::path::Path) {
    let accounts: Vec<Value> = [OPERATOR, COORDINATOR, MEMBER]
        .iter()
        .map(|(email, password)| json!({ "email": email, "password": password, "may": "test" }))
        .collect();
    std::fs::write(path, Value::Array(accounts).to_string()).expect("write the demo passwords");
}

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
    state: klastry::state::AppState,
    /// The demo passwords file this server read.
    demo_passwords: std::path::PathBuf,
    /// The task serving HTTP.
    serving: tokio::task::AbortHandle,
    /// Where this server writes mail when no SMTP server is named.
    pub mail_dir: std::path::PathBuf,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        self.stop();
        if let Some(path) = &self.sqlite_file {
            remove_sqlite_file(path);
        }
        let _ = std::fs::remove_file(&self.demo_passwords);
        let _ = std::fs::remove_dir_all(&self.mail_dir);
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
        let fresh = fresh_database(backend).await?;
        Some(Self::serve(fresh.url, fresh.sqlite_file, demo, configure).await)
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
        config.db_max_connections = Some(5);
        config.web_dir = std::path::PathBuf::from("/nonexistent");
        config.jwt_secret = Some(TEST_JWT_SECRET.into());
        let demo_passwords = std::env::temp_dir().join(format!("{}-demo.json", unique_name()));
        write_demo_passwords(&demo_passwords);
        config.demo_accounts_file = demo_passwords.clone();
        config.event_poll_ms = 50;
        // Mail is written to a folder of the test's own unless a test names an SMTP server.
        config.mail_dir = std::env::temp_dir().join(format!("{}-mail", unique_name()));
        // Tests' webhook endpoints listen on this machine.
        config.webhooks_allow_private_networks = Some(true);
        configure(&mut config);
        let mail_dir = config.mail_dir.clone();
        let state = klastry::cli::prepare(&config)
            .await
            .expect("server prepares");
        let db = state.db.clone();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind a port");
        let url = format!("http://{}", listener.local_addr().expect("address"));
        let app = klastry::http::router(state.clone(), &config);
        let limits = config.connection_limits();
        let serving = tokio::spawn(async move {
            klastry::listener::serve(listener, app, limits, std::future::pending())
                .await
                .expect("server runs");
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
            demo_passwords,
            mail_dir,
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

    /// The global ID of the source document with `code` (the demo's are `000` to `004`), for
    /// the `sourceId` every KKK certification and ESCA label names.
    pub async fn source_id(&self, code: &str) -> String {
        let data = self
            .query(
                "query($text: String!) { sources(filter: { text: $text }, first: 100) { nodes { id code } } }",
                json!({ "text": code }),
            )
            .await;
        data["sources"]["nodes"]
            .as_array()
            .and_then(|nodes| nodes.iter().find(|n| n["code"] == code))
            .and_then(|n| n["id"].as_str())
            .unwrap_or_else(|| panic!("source {code} exists: {data}"))
            .to_string()
    }

    /// How many SQL statements a query ran.
    ///
    /// The server counts every statement run while the request runs, so a statement of the
    /// server's own that lands in that window (seen once in a loaded CI run: 5 for a shape of
    /// 4) inflates a count; the smaller of two runs is the request's own. A request that really
    /// runs more statements does so both times.
    pub async fn statements(&self, query: &str, variables: Value) -> u64 {
        self.statements_as(None, query, variables).await
    }

    /// How many SQL statements a query runs the first time it is asked with each of
    /// `variables` (all different), for answers a server keeps after the first time (the
    /// statistics, the facet counts): the smallest count, for the reason [`Self::statements`]
    /// gives.
    pub async fn first_statements(&self, query: &str, variables: &[Value]) -> u64 {
        let mut counts = Vec::with_capacity(variables.len());
        for variables in variables {
            counts.push(self.statements_once(None, query, variables.clone()).await);
        }
        counts.into_iter().min().unwrap_or_default()
    }

    /// How many SQL statements a query ran for the holder of `token` (see [`Self::statements`]).
    pub async fn statements_as(&self, token: Option<&str>, query: &str, variables: Value) -> u64 {
        let mut counts = Vec::with_capacity(2);
        for _ in 0..2 {
            counts.push(self.statements_once(token, query, variables.clone()).await);
        }
        counts.into_iter().min().unwrap_or_default()
    }

    /// The statement count one request of `query` reports, after checking it succeeded.
    async fn statements_once(&self, token: Option<&str>, query: &str, variables: Value) -> u64 {
        let (status, body) = match token {
            Some(token) => self.post_as(token, query, variables).await,
            None => self.post(query, variables).await,
        };
        assert_eq!(status, 200, "{body}");
        assert!(body.get("errors").is_none(), "unexpected errors: {body}");
        body["extensions"]["sqlStatements"]
            .as_u64()
            .expect("statement count exposed")
    }
}

/// The transports a client can send an operation over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Over {
    /// POST /graphql.
    Http,
    /// A graphql-transport-ws connection to /graphql/ws, opened for the one operation.
    Socket,
}

impl Over {
    /// Both transports, for tests that prove a rule holds on each.
    pub const BOTH: [Over; 2] = [Over::Http, Over::Socket];
}

/// The code of an answer's first error, or of the reason a socket was closed with
/// (`CODE: message`); empty when there is none.
pub fn code_of(answer: &Value) -> String {
    if answer["type"] == "close" {
        return answer["reason"]
            .as_str()
            .unwrap_or_default()
            .split(':')
            .next()
            .unwrap_or_default()
            .to_string();
    }
    answer["errors"][0]["extensions"]["code"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

impl TestApp {
    /// Sends one operation over `over` as the holder of `token` (anonymous when None) and
    /// returns its answer: the GraphQL response, or the close message of a socket the server
    /// closed instead of answering. An HTTP answer also carries its status as `httpStatus`.
    pub async fn ask(
        &self,
        over: Over,
        token: Option<&str>,
        query: &str,
        variables: Value,
    ) -> Value {
        match over {
            Over::Http => {
                let mut request = self
                    .client
                    .post(format!("{}/graphql", self.url))
                    .json(&json!({ "query": query, "variables": variables }));
                if let Some(token) = token {
                    request = request.bearer_auth(token);
                }
                let response = request.send().await.expect("request sent");
                let status = response.status().as_u16();
                let mut body: Value = response.json().await.expect("JSON body");
                assert!(
                    status < 500 || status == 503,
                    "server error {status}: {body}"
                );
                body["httpStatus"] = json!(status);
                body
            }
            Over::Socket => socket::run_once(self, token, query, variables).await,
        }
    }

    /// A transaction of another writer, left open: it holds the lock a sign-in needs to open
    /// its session (on SQLite, the one write lock) until it is rolled back.
    pub async fn hold_the_sessions_lock(&self, backend: Backend) -> sea_orm::DatabaseTransaction {
        use sea_orm::{ConnectionTrait, TransactionTrait};
        let lock = self.db.begin().await.expect("a transaction");
        let hold = match backend {
            Backend::Postgres => "LOCK TABLE user_session IN EXCLUSIVE MODE",
            // Any write takes SQLite's one write lock, even one that changes no row.
            Backend::Sqlite => "DELETE FROM user_session WHERE id < 0",
        };
        lock.execute_unprepared(hold).await.expect("hold the lock");
        lock
    }

    /// A transaction of another writer that has written an event about the cluster `slug` and
    /// is left open: on PostgreSQL it holds the lock that orders events, on SQLite the write
    /// lock, until it is committed or rolled back.
    pub async fn uncommitted_event(&self, slug: &str) -> sea_orm::DatabaseTransaction {
        use klastry_domain::platform::change::Change;
        use klastry_domain::platform::journal;
        use sea_orm::TransactionTrait;
        let writer = self.db.begin().await.expect("a transaction");
        let cluster = klastry_domain::reads::clusters::by_slug(&writer, slug)
            .await
            .expect("the cluster");
        journal::record(
            &writer,
            None,
            Change::updated("Cluster", cluster.id, &cluster, &cluster)
                .scoped(Some(cluster.id), None),
        )
        .await
        .expect("recorded");
        writer
    }

    /// The global ID of the first organisation the holder of `token` acts for.
    pub async fn acting_organisation(&self, token: &str) -> Value {
        self.query_as(token, "{ me { roles { organisation { id } } } }", json!({}))
            .await["me"]["roles"][0]["organisation"]["id"]
            .clone()
    }

    /// Creates an API token as `as_whom` and returns the `createApiToken` payload.
    pub async fn create_token(&self, as_whom: (&str, &str), input: Value) -> Value {
        let session = self.sign_in(as_whom).await;
        self.query_as(
            &session,
            "mutation ($i: CreateApiTokenInput!) { createApiToken(input: $i) { token apiToken { id name prefix scopes lastUsedAt } userErrors { field message } } }",
            json!({ "i": input }),
        )
        .await["createApiToken"]
            .clone()
    }
}

/// Runs an async test body on both backends: `mod name { sqlite, postgres }`. The body gets a
/// server with the demo registry, or with `empty =>` first, an empty one; or with `backend =>`
/// first, the [`Backend`] itself, to start its servers as it needs (with an SMTP sink, say)
/// and to return at once when `TestApp` gives it none.
#[macro_export]
macro_rules! on_both_backends {
    (backend => $($name:ident => $body:path;)*) => {
        $(
            mod $name {
                use super::*;

                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    $body(Backend::Sqlite).await;
                }

                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() {
                    $body(Backend::Postgres).await;
                }
            }
        )*
    };
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

/// An access token for the same account and session as `token`, expiring in `seconds`,
/// signed with the test servers' key (what a client holding `token` would get by refreshing
/// just before a shorter expiry).
pub fn forge_access_token(token: &str, seconds: i64) -> String {
    use base64::Engine;
    let payload = token.split('.').nth(1).expect("a JWT has claims");
    let claims: Value = serde_json::from_slice(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(payload)
            .expect("base64url claims"),
    )
    .expect("JSON claims");
    let now = chrono::Utc::now().timestamp();
    let claims = json!({
        "sub": claims["sub"],
        "sid": claims["sid"],
        "iss": "klastry",
        "iat": now,
        "exp": now + seconds,
    });
    jsonwebtoken::encode(
        &jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256),
        &claims,
        &jsonwebtoken::EncodingKey::from_secret(TEST_JWT_SECRET.as_bytes()),
    )
    .expect("signed")
}
