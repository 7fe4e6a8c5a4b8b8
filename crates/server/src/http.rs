//! HTTP: the GraphQL endpoint (GraphQL over HTTP: POST and GET, `application/json` and
//! `application/graphql-response+json`), GraphiQL, /healthz and the web app.

use crate::config::Config;
use crate::db::StatementCounter;
use async_graphql::{ErrorExtensions, ServerError, Value as GqlValue, Variables};
use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Query, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use klastry_domain::rules::access::Viewer;
use klastry_domain::services::accounts;
use klastry_domain::services::api_tokens::{self, ApiScope};
use klastry_graphql::error::codes;
use klastry_graphql::{Loaders, Schemas};
use sea_orm::DatabaseConnection;
use serde_json::json;
use std::collections::HashMap;
use std::time::Duration;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::timeout::TimeoutLayer;

/// Everything a request handler needs; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    /// The GraphQL schemas: one for HTTP, one for WebSockets.
    pub schemas: Schemas,
    /// The database.
    pub db: DatabaseConnection,
    /// Statements run so far, for `extensions.sqlStatements`.
    pub counter: StatementCounter,
    /// Whether to report statement counts in responses.
    pub expose_statement_count: bool,
    /// Request and database metrics.
    pub metrics: std::sync::Arc<crate::metrics::Metrics>,
    /// Parsed query documents by their text.
    pub documents: std::sync::Arc<crate::documents::Documents>,
    /// Permits for executing GraphQL requests.
    pub executions: std::sync::Arc<tokio::sync::Semaphore>,
    /// Keys that check access tokens.
    pub keys: klastry_domain::services::accounts::TokenKeys,
    /// The limits every GraphQL request is held to.
    pub limits: RequestLimits,
    /// Requests a minute per API token, counted in the database by every server together.
    pub token_requests_per_minute: u32,
    /// Committed events, for this process's subscriptions.
    pub bus: klastry_graphql::EventBus,
    /// The event pump and webhook sender running for this state.
    pub background: std::sync::Arc<Vec<tokio::task::AbortHandle>>,
}

impl AppState {
    /// Stops the event pump and webhook sender (a server shutting down, or a test's server).
    pub fn stop_background(&self) {
        for task in self.background.iter() {
            task.abort();
        }
    }
}

/// Who is asking and, for an API token, what its scopes allow.
pub(crate) struct Caller {
    /// Who is asking.
    pub(crate) viewer: Viewer,
    /// The scopes of the API token the request came with; None for people and anonymous.
    token_scopes: Option<Vec<ApiScope>>,
}

/// The top-level fields of the mutation a document would run; None when it runs a query.
fn mutation_fields(
    document: &async_graphql_parser::types::ExecutableDocument,
    operation_name: Option<&str>,
) -> Option<Vec<String>> {
    use async_graphql_parser::types::{DocumentOperations, OperationType, Selection};
    let operation = match &document.operations {
        DocumentOperations::Single(operation) => Some(operation),
        DocumentOperations::Multiple(operations) => {
            operation_name.and_then(|name| operations.get(name))
        }
    }?;
    if operation.node.ty != OperationType::Mutation {
        return None;
    }
    Some(
        operation
            .node
            .selection_set
            .node
            .items
            .iter()
            .map(|item| match &item.node {
                Selection::Field(field) => field.node.name.node.to_string(),
                // Fragments at the top of a mutation are not looked into: refused below.
                _ => String::from("(fragment)"),
            })
            .collect(),
    )
}

/// The limits every GraphQL request is held to; a request over one is refused with a code
/// naming the limit, before any SQL runs (the time-out excepted).
#[derive(Debug, Clone)]
pub struct RequestLimits {
    /// Deepest field nesting (QUERY_TOO_DEEP).
    pub max_depth: usize,
    /// Highest complexity; a connection costs its page size times its fields (QUERY_TOO_COMPLEX).
    pub max_complexity: usize,
    /// Most aliased fields in the document (TOO_MANY_ALIASES).
    pub max_aliases: usize,
    /// Largest request body in bytes (BODY_TOO_LARGE, HTTP 413).
    pub max_body_bytes: usize,
    /// Longest a request may execute (TIMEOUT, HTTP 503).
    pub timeout: Duration,
}

/// How many fields of a query document carry an alias, fragments included.
fn count_aliases(document: &async_graphql_parser::types::ExecutableDocument) -> usize {
    use async_graphql_parser::types::{DocumentOperations, Selection, SelectionSet};
    fn in_set(set: &SelectionSet) -> usize {
        set.items
            .iter()
            .map(|item| match &item.node {
                Selection::Field(field) => {
                    usize::from(field.node.alias.is_some()) + in_set(&field.node.selection_set.node)
                }
                Selection::InlineFragment(fragment) => in_set(&fragment.node.selection_set.node),
                Selection::FragmentSpread(_) => 0,
            })
            .sum()
    }
    let operations: usize = match &document.operations {
        DocumentOperations::Single(operation) => in_set(&operation.node.selection_set.node),
        DocumentOperations::Multiple(operations) => operations
            .values()
            .map(|operation| in_set(&operation.node.selection_set.node))
            .sum(),
    };
    let fragments: usize = document
        .fragments
        .values()
        .map(|fragment| in_set(&fragment.node.selection_set.node))
        .sum();
    operations + fragments
}

/// Why a caller was turned away before its request ran.
struct Refusal {
    status: StatusCode,
    code: &'static str,
    message: String,
    /// Seconds to wait, for a rate-limited token.
    retry_after: Option<u64>,
}

impl Refusal {
    fn unauthenticated(message: impl Into<String>) -> Self {
        Self {
            status: StatusCode::UNAUTHORIZED,
            code: codes::UNAUTHENTICATED,
            message: message.into(),
            retry_after: None,
        }
    }

    fn internal() -> Self {
        Self {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            code: codes::INTERNAL_SERVER_ERROR,
            message: "internal error".into(),
            retry_after: None,
        }
    }

    fn into_response(self) -> Response {
        let mut response = request_error(self.status, self.code, &self.message);
        if self.status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"klastry\""),
            );
        }
        if let Some(value) = self
            .retry_after
            .and_then(|s| HeaderValue::from_str(&s.to_string()).ok())
        {
            response.headers_mut().insert(header::RETRY_AFTER, value);
        }
        response
    }
}

/// Who is asking, from the `Authorization` header: nobody when there is none, an account when
/// it holds a genuine, unexpired access token of an existing account; anything else is refused
/// with 401 before the request runs.
pub(crate) async fn viewer(state: &AppState, headers: &HeaderMap) -> Result<Caller, Response> {
    let authorization = match headers.get(header::AUTHORIZATION) {
        None => None,
        Some(value) => Some(value.to_str().map_err(|_| {
            Refusal::unauthenticated("send the access token as `Authorization: Bearer <token>`")
                .into_response()
        })?),
    };
    authenticate(state, authorization)
        .await
        .map_err(Refusal::into_response)
}

/// Who is asking, from the value of an `Authorization` header (or a WebSocket's
/// `connection_init` payload): an account's access token or a partner's API token.
async fn authenticate(state: &AppState, authorization: Option<&str>) -> Result<Caller, Refusal> {
    let Some(value) = authorization else {
        return Ok(Caller {
            viewer: Viewer::Anonymous,
            token_scopes: None,
        });
    };
    let token = value
        .strip_prefix("Bearer ")
        .or_else(|| value.strip_prefix("bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or_else(|| {
            Refusal::unauthenticated("send the access token as `Authorization: Bearer <token>`")
        })?;
    if token.starts_with(api_tokens::TOKEN_PREFIX) {
        return match api_tokens::authenticate(&state.db, token).await {
            Ok(Some(api_token)) => {
                match api_tokens::count_request(
                    &state.db,
                    api_token.id,
                    state.token_requests_per_minute,
                    chrono::Utc::now(),
                )
                .await
                {
                    Ok(api_tokens::RateDecision::Allowed) => {}
                    Ok(api_tokens::RateDecision::Limited { retry_after_secs }) => {
                        return Err(Refusal {
                            status: StatusCode::TOO_MANY_REQUESTS,
                            code: "RATE_LIMITED",
                            message: format!(
                                "this API token is over its limit of {} requests a minute; retry in {retry_after_secs} s",
                                state.token_requests_per_minute
                            ),
                            retry_after: Some(retry_after_secs),
                        });
                    }
                    Err(error) => {
                        tracing::error!(%error, "counting an API token's request failed");
                        return Err(Refusal::internal());
                    }
                }
                Ok(Caller {
                    viewer: api_tokens::viewer_of(&api_token),
                    token_scopes: Some(api_tokens::scopes_of(&api_token)),
                })
            }
            Ok(None) => Err(Refusal::unauthenticated(
                "the API token is not valid or was revoked",
            )),
            Err(error) => {
                tracing::error!(%error, "checking an API token failed");
                Err(Refusal::internal())
            }
        };
    }
    let user_id = state
        .keys
        .verify(token)
        .map_err(|e| Refusal::unauthenticated(e.to_string()))?;
    match accounts::load_actor(&state.db, user_id).await {
        Ok(Some(actor)) => Ok(Caller {
            viewer: Viewer::Signed(actor),
            token_scopes: None,
        }),
        Ok(None) => Err(Refusal::unauthenticated(
            "the account of this token no longer exists",
        )),
        Err(error) => {
            tracing::error!(%error, "loading the signed-in account failed");
            Err(Refusal::internal())
        }
    }
}

/// GraphQL subscriptions over WebSocket (graphql-transport-ws, and the older graphql-ws).
/// The caller is known from the upgrade request's `Authorization` header or, since browsers
/// cannot set headers on a WebSocket, from `{"authorization": "Bearer …"}` in `connection_init`.
async fn graphql_ws(
    State(state): State<AppState>,
    headers: HeaderMap,
    protocol: async_graphql_axum::GraphQLProtocol,
    upgrade: axum::extract::ws::WebSocketUpgrade,
) -> Response {
    let header_authorization = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let schema = state.schemas.socket.clone();
    upgrade
        .protocols(async_graphql::http::ALL_WEBSOCKET_PROTOCOLS)
        .on_upgrade(move |socket| {
            async_graphql_axum::GraphQLWebSocket::new(socket, schema, protocol)
                .on_connection_init(move |payload| async move {
                    let from_payload = payload
                        .get("authorization")
                        .or_else(|| payload.get("Authorization"))
                        .and_then(serde_json::Value::as_str)
                        .map(str::to_owned);
                    let authorization = from_payload.or(header_authorization);
                    let caller = authenticate(&state, authorization.as_deref())
                        .await
                        .map_err(|refusal| {
                            async_graphql::Error::new(refusal.message)
                                .extend_with(|_, e| e.set("code", refusal.code))
                        })?;
                    let mut data = async_graphql::Data::default();
                    data.insert(caller.viewer);
                    data.insert(Loaders::new(&state.db));
                    Ok(data)
                })
                .serve()
        })
}

/// The media type of a GraphQL response.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ResponseType {
    /// `application/graphql-response+json`: request errors get 4xx statuses.
    GraphqlResponseJson,
    /// `application/json`: the legacy type; well-formed requests always get 200.
    Json,
}

const GRAPHQL_RESPONSE_JSON: &str = "application/graphql-response+json";

/// Picks the response type from Accept: the first acceptable entry wins; none acceptable
/// means 406.
fn negotiate(headers: &HeaderMap) -> Option<ResponseType> {
    let Some(accept) = headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()) else {
        return Some(ResponseType::Json);
    };
    if accept.trim().is_empty() {
        return Some(ResponseType::Json);
    }
    for entry in accept.split(',') {
        let mut parts = entry.split(';');
        let media = parts.next().unwrap_or_default().trim().to_ascii_lowercase();
        let refused = parts.any(|p| {
            let p = p.trim();
            p.strip_prefix("q=")
                .and_then(|q| q.parse::<f32>().ok())
                .is_some_and(|q| q <= 0.0)
        });
        if refused {
            continue;
        }
        match media.as_str() {
            GRAPHQL_RESPONSE_JSON => return Some(ResponseType::GraphqlResponseJson),
            "application/json" | "application/*" | "*/*" => return Some(ResponseType::Json),
            _ => {}
        }
    }
    None
}

fn wants_html(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|a| a.contains("text/html"))
}

/// A JSON error response for a request that never reached GraphQL.
fn request_error(status: StatusCode, code: &str, message: &str) -> Response {
    let body = json!({ "errors": [{ "message": message, "extensions": { "code": code } }] });
    (status, axum::Json(body)).into_response()
}

/// A GraphQL request as it arrives, before its parts are checked.
struct RawRequest {
    query: Option<serde_json::Value>,
    operation_name: Option<serde_json::Value>,
    variables: Option<serde_json::Value>,
}

/// Checks the parts of a request; the error says what is wrong, for a 400 answer.
fn check_request(raw: RawRequest) -> Result<async_graphql::Request, &'static str> {
    let bad = |message: &'static str| message;
    let query = match raw.query {
        Some(serde_json::Value::String(q)) => q,
        Some(_) => return Err(bad("`query` must be a string")),
        None => return Err(bad("the request has no `query`")),
    };
    let mut request = async_graphql::Request::new(query);
    match raw.operation_name {
        None | Some(serde_json::Value::Null) => {}
        Some(serde_json::Value::String(name)) => request = request.operation_name(name),
        Some(_) => return Err(bad("`operationName` must be a string or null")),
    }
    match raw.variables {
        None | Some(serde_json::Value::Null) => {}
        Some(v @ serde_json::Value::Object(_)) => {
            request = request.variables(Variables::from_json(v));
        }
        Some(_) => return Err(bad("`variables` must be an object or null")),
    }
    Ok(request)
}

/// The operation a request would run, when the document parses.
fn operation_type(
    query: &str,
    operation_name: Option<&str>,
) -> Option<async_graphql_parser::types::OperationType> {
    use async_graphql_parser::types::DocumentOperations;
    let document = async_graphql_parser::parse_query(query).ok()?;
    match document.operations {
        DocumentOperations::Single(op) => Some(op.node.ty),
        DocumentOperations::Multiple(ops) => match operation_name {
            Some(name) => ops.get(name).map(|op| op.node.ty),
            None if ops.len() == 1 => ops.values().next().map(|op| op.node.ty),
            None => None,
        },
    }
}

fn set_code(error: &mut ServerError, code: &str) {
    let has_code = error
        .extensions
        .as_ref()
        .is_some_and(|e| e.get("code").is_some());
    if !has_code {
        error
            .extensions
            .get_or_insert_with(Default::default)
            .set("code", code);
    }
}

async fn execute(
    state: &AppState,
    caller: Caller,
    request: async_graphql::Request,
    response_type: ResponseType,
) -> Response {
    let mut request = request.data(caller.viewer);
    let limits = &state.limits;
    // Parsed once here and kept in the request, which async-graphql then executes as it is.
    let operation_name = request.operation_name.clone();
    let parsed = state.documents.parse(&request.query);
    let parses = parsed.is_some();
    let mutation = parsed
        .as_ref()
        .and_then(|document| mutation_fields(document, operation_name.as_deref()));
    let aliases = parsed.as_ref().map(count_aliases);
    let is_mutation = mutation.is_some();
    // A document that does not parse is left for async-graphql to parse and report.
    if let Some(document) = parsed {
        request.set_parsed_query(document);
    }
    if let Some(scopes) = &caller.token_scopes {
        let refused = mutation
            .unwrap_or_default()
            .into_iter()
            .find(|field| !api_tokens::allows_mutation(scopes, field));
        if let Some(field) = refused {
            return request_error(
                StatusCode::FORBIDDEN,
                codes::FORBIDDEN,
                &format!("this API token's scopes do not allow the mutation {field}"),
            );
        }
    }
    if let Some(aliases) = aliases.filter(|&aliases| aliases > limits.max_aliases) {
        return request_error(
            StatusCode::BAD_REQUEST,
            "TOO_MANY_ALIASES",
            &format!(
                "the query has {aliases} aliased fields; the limit is {}",
                limits.max_aliases
            ),
        );
    }
    let operation = operation_name;
    let request = request.data(Loaders::new(&state.db));
    // Closed only if the semaphore were closed, which nothing does; waiting is the point.
    let _permit = state.executions.acquire().await.ok();
    let before = state.counter.get();
    let started = std::time::Instant::now();
    // Dropping a request that ran out of time drops its statements too, and with them any
    // open transaction, which rolls back.
    let Ok(mut response) =
        tokio::time::timeout(limits.timeout, state.schemas.http.execute(request)).await
    else {
        state
            .metrics
            .record(operation.as_deref(), true, started.elapsed());
        return request_error(
            StatusCode::SERVICE_UNAVAILABLE,
            "TIMEOUT",
            &format!(
                "the request took longer than the limit of {} s",
                limits.timeout.as_secs_f64()
            ),
        );
    };
    state.metrics.record(
        operation.as_deref(),
        !response.errors.is_empty(),
        started.elapsed(),
    );
    if is_mutation {
        // A polling event pump (SQLite) hears of this server's own changes without waiting.
        state.bus.nudge();
    }
    if state.expose_statement_count {
        let statements = state.counter.get().saturating_sub(before);
        response
            .extensions
            .insert("sqlStatements".into(), GqlValue::from(statements));
    }
    // Errors without a path were raised before execution: the document did not parse, did not
    // validate, or its variables did not fit. Errors with a path came from resolvers; any
    // without a code there is async-graphql refusing an argument value.
    let request_failed = response.data == GqlValue::Null
        && !response.errors.is_empty()
        && response.errors.iter().all(|e| e.path.is_empty());
    for error in &mut response.errors {
        if error.path.is_empty() {
            // async-graphql words its own limits' errors; they get codes naming the limit, and
            // here also messages giving its value.
            let code = match klastry_graphql::error::request_error_code(&error.message) {
                "QUERY_TOO_DEEP" => {
                    error.message = format!(
                        "the query nests fields deeper than the limit of {} levels",
                        limits.max_depth
                    );
                    "QUERY_TOO_DEEP"
                }
                "QUERY_TOO_COMPLEX" => {
                    error.message = format!(
                        "the query is more complex than the limit of {} (a connection costs its page size times its fields)",
                        limits.max_complexity
                    );
                    "QUERY_TOO_COMPLEX"
                }
                _ if parses => "GRAPHQL_VALIDATION_FAILED",
                _ => "GRAPHQL_PARSE_FAILED",
            };
            set_code(error, code);
        } else {
            set_code(error, codes::BAD_USER_INPUT);
        }
    }
    let status = if request_failed && response_type == ResponseType::GraphqlResponseJson {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    let content_type = match response_type {
        ResponseType::GraphqlResponseJson => "application/graphql-response+json; charset=utf-8",
        ResponseType::Json => "application/json; charset=utf-8",
    };
    // GraphQL over HTTP: a request error has no `data` entry at all. Only then is the response
    // rebuilt as a tree; a normal answer is written straight to bytes.
    let body = if request_failed {
        serde_json::to_value(&response).and_then(|mut value| {
            if let Some(object) = value.as_object_mut() {
                object.remove("data");
            }
            serde_json::to_vec(&value)
        })
    } else {
        serde_json::to_vec(&response)
    };
    match body {
        Ok(body) => (
            status,
            [(header::CONTENT_TYPE, HeaderValue::from_static(content_type))],
            body,
        )
            .into_response(),
        Err(error) => {
            tracing::error!(%error, "could not serialise a GraphQL response");
            request_error(
                StatusCode::INTERNAL_SERVER_ERROR,
                codes::INTERNAL_SERVER_ERROR,
                "internal error",
            )
        }
    }
}

async fn graphql_post(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, axum::extract::rejection::BytesRejection>,
) -> Response {
    let body = match body {
        Ok(body) => body,
        Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            return request_error(
                StatusCode::PAYLOAD_TOO_LARGE,
                "BODY_TOO_LARGE",
                &format!(
                    "the request body is larger than the limit of {} bytes",
                    state.limits.max_body_bytes
                ),
            );
        }
        Err(rejection) => {
            return request_error(rejection.status(), "BAD_REQUEST", &rejection.body_text());
        }
    };
    let Some(response_type) = negotiate(&headers) else {
        return request_error(
            StatusCode::NOT_ACCEPTABLE,
            "NOT_ACCEPTABLE",
            "accept application/graphql-response+json or application/json",
        );
    };
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| {
            v.split(';')
                .next()
                .unwrap_or_default()
                .trim()
                .to_ascii_lowercase()
        });
    if content_type.as_deref() != Some("application/json") {
        return request_error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "UNSUPPORTED_MEDIA_TYPE",
            "send the request as application/json",
        );
    }
    let parsed: serde_json::Value = match serde_json::from_slice(&body) {
        Ok(value) => value,
        Err(_) => {
            return request_error(
                StatusCode::BAD_REQUEST,
                "BAD_REQUEST",
                "the body is not valid JSON",
            );
        }
    };
    let serde_json::Value::Object(mut fields) = parsed else {
        return request_error(
            StatusCode::BAD_REQUEST,
            "BAD_REQUEST",
            "the body must be a JSON object (batches are not supported)",
        );
    };
    let raw = RawRequest {
        query: fields.remove("query"),
        operation_name: fields.remove("operationName"),
        variables: fields.remove("variables"),
    };
    match check_request(raw) {
        Ok(request) => match viewer(&state, &headers).await {
            Ok(caller) => execute(&state, caller, request, response_type).await,
            Err(refused) => refused,
        },
        Err(message) => request_error(StatusCode::BAD_REQUEST, "BAD_REQUEST", message),
    }
}

async fn graphql_get(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    if !params.contains_key("query") && wants_html(&headers) {
        return Html(GRAPHIQL_HTML).into_response();
    }
    let Some(response_type) = negotiate(&headers) else {
        return request_error(
            StatusCode::NOT_ACCEPTABLE,
            "NOT_ACCEPTABLE",
            "accept application/graphql-response+json or application/json",
        );
    };
    let variables = match params
        .get("variables")
        .map(|v| serde_json::from_str::<serde_json::Value>(v))
    {
        None => None,
        Some(Ok(v)) => Some(v),
        Some(Err(_)) => {
            return request_error(
                StatusCode::BAD_REQUEST,
                "BAD_REQUEST",
                "`variables` is not valid JSON",
            );
        }
    };
    let raw = RawRequest {
        query: params.get("query").cloned().map(serde_json::Value::String),
        operation_name: params
            .get("operationName")
            .cloned()
            .map(serde_json::Value::String),
        variables,
    };
    let request = match check_request(raw) {
        Ok(request) => request,
        Err(message) => return request_error(StatusCode::BAD_REQUEST, "BAD_REQUEST", message),
    };
    let operation_name = params.get("operationName").map(String::as_str);
    if let Some(ty) = operation_type(&request.query, operation_name)
        && ty != async_graphql_parser::types::OperationType::Query
    {
        let mut response = request_error(
            StatusCode::METHOD_NOT_ALLOWED,
            "METHOD_NOT_ALLOWED",
            "only queries may be sent with GET; use POST",
        );
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, POST"));
        return response;
    }
    match viewer(&state, &headers).await {
        Ok(caller) => execute(&state, caller, request, response_type).await,
        Err(refused) => refused,
    }
}

async fn healthz(State(state): State<AppState>) -> Response {
    match state.db.ping().await {
        Ok(()) => (
            StatusCode::OK,
            axum::Json(json!({ "status": "ok", "database": "ok" })),
        )
            .into_response(),
        Err(error) => {
            tracing::warn!(%error, "health check: database unreachable");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                axum::Json(json!({ "status": "unavailable", "database": "unreachable" })),
            )
                .into_response()
        }
    }
}

async fn metrics(State(state): State<AppState>) -> Response {
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"),
        )],
        state.metrics.render(state.counter.get(), &state.db),
    )
        .into_response()
}

/// Gives every request an id (the caller's `x-request-id`, or a new one), a span carrying it,
/// and the id back in the response.
async fn request_span(request: axum::extract::Request, next: axum::middleware::Next) -> Response {
    use std::sync::atomic::{AtomicU64, Ordering};
    use tracing::Instrument;
    static NEXT_ID: AtomicU64 = AtomicU64::new(1);
    let id = request
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .filter(|v| !v.is_empty() && v.len() <= 64 && v.bytes().all(|b| b.is_ascii_graphic()))
        .map(String::from)
        .unwrap_or_else(|| {
            format!(
                "{:x}-{}",
                std::process::id(),
                NEXT_ID.fetch_add(1, Ordering::Relaxed)
            )
        });
    let span = tracing::info_span!("request", request_id = %id, method = %request.method(), path = %request.uri().path());
    let started = std::time::Instant::now();
    let mut response = next.run(request).instrument(span.clone()).await;
    span.in_scope(|| {
        tracing::debug!(
            status = response.status().as_u16(),
            elapsed_ms = started.elapsed().as_millis() as u64,
            "request done"
        );
    });
    if let Ok(value) = HeaderValue::from_str(&id) {
        response.headers_mut().insert("x-request-id", value);
    }
    response
}

const GRAPHIQL_HTML: &str = include_str!("../assets/graphiql.html");

fn asset(content_type: &'static str, body: &'static [u8]) -> Response {
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=86400"),
            ),
        ],
        body,
    )
        .into_response()
}

fn graphiql_assets() -> Router<AppState> {
    Router::new()
        .route(
            "/graphiql/graphiql.min.js",
            get(|| async {
                asset(
                    "text/javascript",
                    include_bytes!("../assets/graphiql/graphiql.min.js"),
                )
            }),
        )
        .route(
            "/graphiql/graphiql.min.css",
            get(|| async {
                asset(
                    "text/css",
                    include_bytes!("../assets/graphiql/graphiql.min.css"),
                )
            }),
        )
        .route(
            "/graphiql/react.production.min.js",
            get(|| async {
                asset(
                    "text/javascript",
                    include_bytes!("../assets/graphiql/react.production.min.js"),
                )
            }),
        )
        .route(
            "/graphiql/react-dom.production.min.js",
            get(|| async {
                asset(
                    "text/javascript",
                    include_bytes!("../assets/graphiql/react-dom.production.min.js"),
                )
            }),
        )
}

const LANDING_HTML: &str = include_str!("../assets/landing.html");

/// The whole HTTP application.
pub fn router(state: AppState, config: &Config) -> Router {
    let index = config.web_dir.join("index.html");
    let web_app = if index.is_file() {
        // The web app routes on the client: unknown paths get index.html. The build writes a
        // gzipped copy of each asset beside it, served to clients that accept gzip.
        Router::new().fallback_service(
            ServeDir::new(&config.web_dir)
                .precompressed_gzip()
                .fallback(ServeFile::new(index).precompressed_gzip()),
        )
    } else {
        Router::new()
            .route("/", get(|| async { Html(LANDING_HTML) }))
            .fallback(|| async {
                request_error(StatusCode::NOT_FOUND, "NOT_FOUND", "no such page")
            })
    };
    Router::new()
        .route(
            "/graphql",
            get(graphql_get)
                .post(graphql_post)
                .fallback(|method: Method| async move {
                    let mut response = request_error(
                        StatusCode::METHOD_NOT_ALLOWED,
                        "METHOD_NOT_ALLOWED",
                        &format!("{method} is not supported here; use GET or POST"),
                    );
                    response
                        .headers_mut()
                        .insert(header::ALLOW, HeaderValue::from_static("GET, POST"));
                    response
                }),
        )
        .route("/graphql/ws", get(graphql_ws))
        .route("/healthz", get(healthz))
        .route("/export/{file}", get(crate::export::download))
        .route(
            "/export/clusters/{slug}/{file}",
            get(crate::export::download_cluster),
        )
        .route("/metrics", get(metrics))
        .merge(graphiql_assets())
        .merge(web_app)
        .layer(DefaultBodyLimit::max(config.max_body_bytes))
        // A backstop: GraphQL requests are timed out inside with a coded answer first.
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            Duration::from_secs(config.request_timeout_secs + 5),
        ))
        .layer(CatchPanicLayer::new())
        .layer(axum::middleware::from_fn(request_span))
        .with_state(state)
}
