//! The guarded path: the one way a GraphQL operation reaches the schema.
//!
//! HTTP (`graphql_http`) and the WebSocket (`graphql_ws`) only turn their wire format into an
//! `async_graphql::Request` and a [`Caller`]; everything that bounds or authorises a request
//! happens here, in this order, so that neither transport can skip a step and a mutation
//! added later is covered without anyone remembering:
//!
//! 0. a document sent by its hash (`crate::persisted`, Apollo's automatic persisted queries) is
//!    replaced by the text this server holds for it, so every step below sees the text;
//! 1. size: the query text, and how many variables are sent;
//! 2. a scan of the text's bytes (`scan`): bracket nesting, tokens, directives, NUL characters,
//!    before any parser sees it (the parser recurses and a deep enough literal aborted the
//!    process);
//! 3. NUL characters in the variables' values;
//! 4. an API token's rate, counted in the database by every server;
//! 5. a permit of the bound on executing work, held while the document is parsed, validated
//!    and run (for a subscription, while it is parsed and validated);
//! 6. what the parsed document asks for (`document`): only queries over GET, aliases, declared
//!    variables, at most one field that checks a password, and an API token's scopes; a text
//!    sent with its hash is kept for later requests by hash only once it passed all this;
//! 7. execution under the time limit, then codes on every error and a cap on how many are sent.
//!
//! The schema itself adds the depth and complexity limits during validation.

pub mod document;
pub mod scan;

use crate::auth::Caller;
use crate::limits::{ARGUMENT_NESTING_ALLOWANCE, RequestLimits};
use crate::refusal::Refusal;
use crate::state::AppState;
use async_graphql::{Response, ServerError, Value as GqlValue};
use async_graphql_parser::types::OperationType;
use axum::http::StatusCode;
use futures_util::stream::{BoxStream, Stream, StreamExt};
use klastry_domain::accounts::api_tokens;
use klastry_graphql::error::codes;
use klastry_graphql::paging::eager::PageAnswers;
use klastry_graphql::{ClientAddress, Loaders};
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::task::{Context, Poll};
use tokio::sync::OwnedSemaphorePermit;

/// The top-level fields that check a password; a request may hold one of them.
pub const CREDENTIAL_FIELDS: &[&str] = &[
    "signIn",
    "changePassword",
    "signUp",
    "resetPassword",
    "requestEmailChange",
    "deleteMyAccount",
    "acceptInvitation",
];

/// The byte scan's bounds: brackets may nest [`ARGUMENT_NESTING_ALLOWANCE`] past the depth.
fn scan_bounds(limits: &RequestLimits) -> scan::Bounds {
    scan::Bounds {
        max_nesting: limits.max_depth.saturating_add(ARGUMENT_NESTING_ALLOWANCE),
        max_tokens: limits.max_tokens,
        max_directives: limits.max_directives,
    }
}

/// How a request arrived; GET may carry queries only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transport {
    /// `POST /graphql`.
    Post,
    /// `GET /graphql?query=…`.
    Get,
    /// A message on `/graphql/ws`.
    Socket,
}

/// A request that passed every check before execution, holding its permit.
pub struct Admitted {
    request: async_graphql::Request,
    kind: Option<OperationType>,
    parses: bool,
    permit: OwnedSemaphorePermit,
}

impl Admitted {
    /// Whether the request is a subscription (a stream of answers rather than one).
    pub fn is_subscription(&self) -> bool {
        self.kind == Some(OperationType::Subscription)
    }
}

/// Checks `request` from `caller` at `address` against every bound and right that applies
/// before it runs; see the module's documentation for the order.
pub async fn admit(
    state: &AppState,
    caller: &Caller,
    transport: Transport,
    address: Option<std::net::IpAddr>,
    mut request: async_graphql::Request,
) -> Result<Admitted, Refusal> {
    let limits = &state.limits;
    let to_keep = crate::persisted::resolve(&state.persisted, &mut request)?;
    if request.query.len() > limits.max_body_bytes {
        return Err(Refusal::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            codes::BODY_TOO_LARGE,
            format!(
                "the query is larger than the limit of {} bytes",
                limits.max_body_bytes
            ),
        ));
    }
    if request.variables.len() > limits.max_variables {
        return Err(too_many_variables(request.variables.len(), limits));
    }
    scan::scan(&request.query, scan_bounds(limits))
        .map_err(|breach| scan_refusal(breach, limits))?;
    if let Some(path) = nul_in_variables(&request.variables) {
        return Err(Refusal::bad_request(
            codes::BAD_USER_INPUT,
            format!("the variable `{path}` holds a NUL character, which no value may hold"),
        ));
    }
    if let crate::auth::Credential::ApiToken { token_id, .. } = &caller.credential {
        count_token_request(state, *token_id).await?;
    }
    // Waiting for a permit is the point: the bound keeps a burst from parsing and holding
    // every request's rows at once. The semaphore is never closed.
    let permit = state
        .executions
        .clone()
        .acquire_owned()
        .await
        .map_err(|error| Refusal::internal("waiting for an execution permit", &error))?;
    let parsed = state.documents.parse(&request.query);
    let parses = parsed.is_some();
    let mut kind = None;
    // A document that does not parse is left for async-graphql to report; the scan has bounded
    // how deep its parser can go.
    if let Some(parsed) = parsed {
        let analysis = document::analyse(&parsed, request.operation_name.as_deref());
        kind = analysis.kind;
        check_analysis(&analysis, caller, transport, limits)?;
        if let Some(hash) = to_keep {
            state.persisted.keep(hash, &request.query);
        }
        request.set_parsed_query(parsed);
    }
    let request = request
        .data(caller.viewer.clone())
        .data(ClientAddress(address))
        .data(Loaders::new(&state.db));
    Ok(Admitted {
        request,
        kind,
        parses,
        permit,
    })
}

/// Admits a download of private data (a cluster's export) by `caller`: an API token's request
/// counts against its rate as a GraphQL request does.
pub async fn admit_download(state: &AppState, caller: &Caller) -> Result<(), Refusal> {
    if let crate::auth::Credential::ApiToken { token_id, .. } = &caller.credential {
        count_token_request(state, *token_id).await?;
    }
    Ok(())
}

fn too_many_variables(count: usize, limits: &RequestLimits) -> Refusal {
    Refusal::bad_request(
        codes::TOO_MANY_VARIABLES,
        format!(
            "the request has {count} variables; the limit is {}",
            limits.max_variables
        ),
    )
}

fn scan_refusal(breach: scan::Breach, limits: &RequestLimits) -> Refusal {
    match breach {
        scan::Breach::TooDeep(levels) => Refusal::bad_request(
            codes::QUERY_TOO_DEEP,
            format!(
                "the document nests brackets deeper than {levels} levels (fields may nest {} levels, and argument values {ARGUMENT_NESTING_ALLOWANCE} more)",
                limits.max_depth
            ),
        ),
        scan::Breach::TooManyTokens(limit) => Refusal::bad_request(
            codes::TOO_MANY_TOKENS,
            format!("the document holds more than {limit} tokens"),
        ),
        scan::Breach::TooManyDirectives(limit) => Refusal::bad_request(
            codes::TOO_MANY_DIRECTIVES,
            format!("the document uses more than {limit} directives"),
        ),
        scan::Breach::NulCharacter => Refusal::bad_request(
            codes::BAD_USER_INPUT,
            "the document holds a NUL character, which no value may hold",
        ),
    }
}

/// The path of the first variable value (or key) holding U+0000, if any.
fn nul_in_variables(variables: &async_graphql::Variables) -> Option<String> {
    fn walk(value: &GqlValue, path: &mut String) -> bool {
        match value {
            GqlValue::String(s) => s.contains('\0'),
            GqlValue::List(items) => items.iter().enumerate().any(|(i, item)| {
                let length = path.len();
                path.push_str(&format!("[{i}]"));
                let found = walk(item, path);
                if !found {
                    path.truncate(length);
                }
                found
            }),
            GqlValue::Object(fields) => fields.iter().any(|(name, item)| {
                let length = path.len();
                path.push('.');
                path.push_str(name);
                let found = name.contains('\0') || walk(item, path);
                if !found {
                    path.truncate(length);
                }
                found
            }),
            _ => false,
        }
    }
    variables.iter().find_map(|(name, value)| {
        let mut path = name.to_string();
        (name.contains('\0') || walk(value, &mut path)).then(|| path.replace('\0', "\\0"))
    })
}

async fn count_token_request(state: &AppState, token_id: i32) -> Result<(), Refusal> {
    let decision = api_tokens::count_request(
        &state.db,
        token_id,
        state.token_requests_per_minute,
        chrono::Utc::now(),
    )
    .await
    .map_err(|error| Refusal::internal("counting an API token's request", &error))?;
    match decision {
        api_tokens::RateDecision::Allowed => Ok(()),
        api_tokens::RateDecision::Limited { retry_after_secs } => Err(Refusal::new(
            StatusCode::TOO_MANY_REQUESTS,
            codes::RATE_LIMITED,
            format!(
                "this API token is over its limit of {} requests a minute; retry in {retry_after_secs} s",
                state.token_requests_per_minute
            ),
        )
        .retry_after(retry_after_secs)),
    }
}

fn check_analysis(
    analysis: &document::Analysis,
    caller: &Caller,
    transport: Transport,
    limits: &RequestLimits,
) -> Result<(), Refusal> {
    if transport == Transport::Get
        && analysis
            .kind
            .is_some_and(|kind| kind != OperationType::Query)
    {
        return Err(Refusal::new(
            StatusCode::METHOD_NOT_ALLOWED,
            codes::METHOD_NOT_ALLOWED,
            "only queries may be sent with GET; use POST",
        ));
    }
    if analysis.kind == Some(OperationType::Mutation) {
        let checks = analysis
            .top_fields
            .iter()
            .filter(|field| CREDENTIAL_FIELDS.contains(&field.as_str()))
            .count();
        if checks > 1 {
            return Err(Refusal::bad_request(
                codes::TOO_MANY_CREDENTIAL_CHECKS,
                format!(
                    "the request checks a password {checks} times; send one of signIn or changePassword per request"
                ),
            ));
        }
        if let Some(scopes) = caller.token_scopes()
            && let Some(field) = analysis
                .top_fields
                .iter()
                .find(|field| !api_tokens::allows_mutation(scopes, field))
        {
            return Err(Refusal::forbidden(format!(
                "this API token's scopes do not allow the mutation {field}"
            )));
        }
    }
    if analysis.aliases > limits.max_aliases {
        return Err(Refusal::bad_request(
            codes::TOO_MANY_ALIASES,
            format!(
                "the query has {} aliased fields; the limit is {}",
                analysis.aliases, limits.max_aliases
            ),
        ));
    }
    if analysis.variables > limits.max_variables {
        return Err(too_many_variables(analysis.variables, limits));
    }
    Ok(())
}

/// Runs an admitted query or mutation under the time limit and returns its coded answer; a
/// request that runs out of time is dropped (its statements and any open transaction with it,
/// which rolls back) and refused with TIMEOUT.
pub async fn execute(state: &AppState, admitted: Admitted) -> Result<Response, Refusal> {
    let Admitted {
        request,
        kind,
        parses,
        permit,
    } = admitted;
    let limits = &state.limits;
    let operation = request.operation_name.clone();
    // The costs exposed beside the answer, for tests and benchmarks.
    let page_answers = state
        .expose_statement_count
        .then(|| Arc::new(PageAnswers::default()));
    let request = match &page_answers {
        Some(answers) => request.data(answers.clone()),
        None => request,
    };
    let before = state.counter.get();
    let started = std::time::Instant::now();
    let executed = tokio::time::timeout(limits.timeout, state.schema.execute(request)).await;
    drop(permit);
    let Ok(mut response) = executed else {
        state
            .metrics
            .record(operation.as_deref(), true, started.elapsed());
        return Err(Refusal::new(
            StatusCode::SERVICE_UNAVAILABLE,
            codes::TIMEOUT,
            format!(
                "the request took longer than the limit of {} s",
                limits.timeout.as_secs_f64()
            ),
        ));
    };
    state.metrics.record(
        operation.as_deref(),
        !response.errors.is_empty(),
        started.elapsed(),
    );
    if kind == Some(OperationType::Mutation) {
        // A polling event pump (SQLite) hears of this server's own changes without waiting.
        state.bus.nudge();
    }
    if state.expose_statement_count {
        let statements = state.counter.get().saturating_sub(before);
        response
            .extensions
            .insert("sqlStatements".into(), GqlValue::from(statements));
    }
    if let Some(answers) = page_answers {
        let extensions = &mut response.extensions;
        let count = |n: &AtomicU64| GqlValue::from(n.load(Ordering::Relaxed));
        extensions.insert("pagesInOnePass".into(), count(&answers.one_pass));
        extensions.insert("pagesByExecutor".into(), count(&answers.by_executor));
    }
    finish(&mut response, parses, limits);
    Ok(response)
}

/// Starts an admitted subscription: the permit is held while its document is validated (the
/// stream's first poll) and released before it waits for events. Every answer it sends is
/// coded and capped as a query's is.
pub fn subscribe(state: &AppState, admitted: Admitted) -> BoxStream<'static, Response> {
    let Admitted {
        request,
        parses,
        permit,
        ..
    } = admitted;
    let limits = state.limits.clone();
    PermitUntilFirstPoll {
        inner: state.schema.execute_stream(request).boxed(),
        permit: Some(permit),
    }
    .map(move |mut response| {
        finish(&mut response, parses, &limits);
        response
    })
    .boxed()
}

/// A stream holding a permit until it has been polled once.
struct PermitUntilFirstPoll<S> {
    inner: S,
    permit: Option<OwnedSemaphorePermit>,
}

impl<S: Stream + Unpin> Stream for PermitUntilFirstPoll<S> {
    type Item = S::Item;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<S::Item>> {
        let polled = self.inner.poll_next_unpin(cx);
        self.permit = None;
        polled
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

/// Gives every error an `extensions.code` and caps how many are sent.
///
/// Errors without a path were raised before execution: the document did not parse, did not
/// validate, broke a limit async-graphql checks (worded without codes; they get codes and
/// messages naming the limit here), or its variables did not fit. Errors with a path and no
/// code are async-graphql refusing an argument's value.
pub fn finish(response: &mut Response, parses: bool, limits: &RequestLimits) {
    for error in &mut response.errors {
        if !error.path.is_empty() {
            set_code(error, codes::BAD_USER_INPUT);
            continue;
        }
        let code = match error.message.as_str() {
            "Query is nested too deep." => {
                error.message = format!(
                    "the query nests fields deeper than the limit of {} levels",
                    limits.max_depth
                );
                codes::QUERY_TOO_DEEP
            }
            "Query is too complex." => {
                error.message = format!(
                    "the query is more complex than the limit of {} (a connection costs its page size times its fields)",
                    limits.max_complexity
                );
                codes::QUERY_TOO_COMPLEX
            }
            _ if parses => codes::GRAPHQL_VALIDATION_FAILED,
            _ => codes::GRAPHQL_PARSE_FAILED,
        };
        set_code(error, code);
    }
    if response.errors.len() > limits.max_errors {
        let left_out = response.errors.len() - limits.max_errors;
        response.errors.truncate(limits.max_errors);
        let mut summary = ServerError::new(
            format!(
                "{left_out} more errors were left out; a response carries at most {}",
                limits.max_errors
            ),
            None,
        );
        set_code(&mut summary, codes::TOO_MANY_ERRORS);
        response.errors.push(summary);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn limits() -> RequestLimits {
        RequestLimits {
            max_depth: 16,
            max_complexity: 100_000,
            max_aliases: 30,
            max_tokens: 10_000,
            max_directives: 50,
            max_variables: 100,
            max_errors: 3,
            max_body_bytes: 1 << 20,
            timeout: Duration::from_secs(30),
        }
    }

    #[test]
    fn errors_past_the_cap_are_summed_up_in_one() {
        let mut response = Response::from_errors(
            (0..10)
                .map(|i| ServerError::new(format!("Variable v{i} is not used"), None))
                .collect(),
        );
        finish(&mut response, true, &limits());
        assert_eq!(response.errors.len(), 4);
        let last = serde_json::to_value(&response.errors[3]).expect("serialises");
        assert_eq!(last["extensions"]["code"], "TOO_MANY_ERRORS");
        assert!(
            last["message"]
                .as_str()
                .unwrap_or_default()
                .starts_with("7 more")
        );
        let first = serde_json::to_value(&response.errors[0]).expect("serialises");
        assert_eq!(first["extensions"]["code"], "GRAPHQL_VALIDATION_FAILED");
    }

    #[test]
    fn nul_characters_in_variables_are_found_with_their_path() {
        let variables = async_graphql::Variables::from_json(serde_json::json!({
            "ok": "plain",
            "filter": { "names": ["a", "b\u{0}c"] }
        }));
        assert_eq!(
            nul_in_variables(&variables).as_deref(),
            Some("filter.names[1]")
        );
        let clean = async_graphql::Variables::from_json(serde_json::json!({ "a": ["b"] }));
        assert_eq!(nul_in_variables(&clean), None);
    }

    #[test]
    fn only_one_password_check_per_request() {
        let document = async_graphql_parser::parse_query(
            "mutation { a: signIn(input: {email: \"a\", password: \"b\"}) { __typename } b: signIn(input: {email: \"a\", password: \"c\"}) { __typename } }",
        )
        .expect("parses");
        let analysis = document::analyse(&document, None);
        let refusal = check_analysis(&analysis, &Caller::anonymous(), Transport::Post, &limits())
            .expect_err("refused");
        assert_eq!(refusal.code, codes::TOO_MANY_CREDENTIAL_CHECKS);
    }
}
