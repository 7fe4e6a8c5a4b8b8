//! GraphQL over HTTP: POST (application/json) and GET (queries only), answered in
//! `application/graphql-response+json` or `application/json` as the client accepts; a
//! document may be sent by its hash (`extensions.persistedQuery`), and an anonymous GET read
//! is answered with an ETag and a short public `Cache-Control` (`http_cache`).
//!
//! This file only reads the wire format: every request goes through the guarded path
//! (`guard`), exactly as a WebSocket message does.

use crate::auth::{self, Caller, Credential};
use crate::guard::{self, Transport};
use crate::http_cache::Caching;
use crate::refusal::Refusal;
use crate::state::AppState;
use async_graphql::Variables;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{Extensions, HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use klastry_graphql::error::codes;
use std::collections::HashMap;

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

/// A GraphQL request as it arrives, before its parts are checked.
struct RawRequest {
    query: Option<serde_json::Value>,
    operation_name: Option<serde_json::Value>,
    variables: Option<serde_json::Value>,
    extensions: Option<serde_json::Value>,
}

/// Checks the parts of a request; the error says what is wrong, for a 400 answer.
fn check_request(raw: RawRequest) -> Result<async_graphql::Request, &'static str> {
    let bad = |message: &'static str| message;
    let extensions = match raw.extensions {
        None | Some(serde_json::Value::Null) => async_graphql::Extensions::default(),
        Some(serde_json::Value::Object(fields)) => async_graphql::Extensions(
            fields
                .into_iter()
                .filter_map(|(name, value)| {
                    Some((name, async_graphql::Value::from_json(value).ok()?))
                })
                .collect(),
        ),
        Some(_) => return Err(bad("`extensions` must be an object or null")),
    };
    // A persisted query may be sent by its hash alone; the guard fills in its text.
    let by_hash = extensions.contains_key("persistedQuery");
    let query = match raw.query {
        Some(serde_json::Value::String(q)) => q,
        None | Some(serde_json::Value::Null) if by_hash => String::new(),
        Some(_) => return Err(bad("`query` must be a string")),
        None => return Err(bad("the request has no `query`")),
    };
    let mut request = async_graphql::Request::new(query);
    request.extensions = extensions;
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

/// Checks a request's parts, then authenticates, admits and runs it, and writes its answer.
async fn answer(
    state: &AppState,
    headers: &HeaderMap,
    extensions: &Extensions,
    transport: Transport,
    raw: RawRequest,
    response_type: ResponseType,
) -> Response {
    let request = match check_request(raw) {
        Ok(request) => request,
        Err(message) => return Refusal::bad_request(codes::BAD_REQUEST, message).into_http(),
    };
    let address = auth::client_address(state, extensions, headers);
    let caller: Caller = match auth::from_headers(state, headers).await {
        Ok(caller) => caller,
        Err(refusal) => return refusal.into_http(),
    };
    let admitted = match guard::admit(state, &caller, transport, address, request).await {
        Ok(admitted) => admitted,
        Err(refusal) => return refusal.into_http(),
    };
    // Only an anonymous read sent with GET is the same for everyone who asks it, and so may be
    // kept by a browser or a shared proxy.
    let caching = match transport {
        Transport::Get if matches!(caller.credential, Credential::None) => Caching::Public {
            max_age: state.public_cache_secs,
            if_none_match: headers.get(header::IF_NONE_MATCH),
        },
        Transport::Get => Caching::Private,
        Transport::Post | Transport::Socket => Caching::None,
    };
    match guard::execute(state, admitted).await {
        Ok(response) => encode(response, response_type, caching),
        Err(refusal) => refusal.into_http(),
    }
}

/// Writes a GraphQL response: GraphQL over HTTP's status and shape for request errors,
/// `Retry-After` when an error asks the client to wait, and the caching headers `caching` asks
/// for (an answer with errors is never kept).
fn encode(
    response: async_graphql::Response,
    response_type: ResponseType,
    caching: Caching<'_>,
) -> Response {
    // Errors without a path were raised before execution: the request failed as a whole.
    let request_failed = response.data == async_graphql::Value::Null
        && !response.errors.is_empty()
        && response.errors.iter().all(|e| e.path.is_empty());
    let retry_after =
        response
            .errors
            .iter()
            .find_map(|e| match e.extensions.as_ref()?.get("retryAfter")? {
                async_graphql::Value::Number(n) => n.as_u64(),
                _ => None,
            });
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
    let caching = caching.with_errors(!response.errors.is_empty());
    match body {
        Ok(body) => {
            // The ETag is of the answer's data and media type alone: diagnostics in
            // `extensions` (the statement count a test server reports) differ between requests
            // for the same data.
            let validator = caching.validator(|| {
                serde_json::to_vec(&response.data).map(|mut bytes| {
                    bytes.extend_from_slice(content_type.as_bytes());
                    bytes
                })
            });
            if let Some(not_modified) = validator.not_modified() {
                return not_modified;
            }
            let mut http = (
                status,
                [(header::CONTENT_TYPE, HeaderValue::from_static(content_type))],
                body,
            )
                .into_response();
            validator.mark(http.headers_mut());
            if let Some(value) =
                retry_after.and_then(|s| HeaderValue::from_str(&s.to_string()).ok())
            {
                http.headers_mut().insert(header::RETRY_AFTER, value);
            }
            http
        }
        Err(error) => Refusal::internal("serialising a GraphQL response", &error).into_http(),
    }
}

fn not_acceptable() -> Response {
    Refusal::new(
        StatusCode::NOT_ACCEPTABLE,
        codes::NOT_ACCEPTABLE,
        "accept application/graphql-response+json or application/json",
    )
    .into_http()
}

/// `POST /graphql`.
pub async fn post(
    State(state): State<AppState>,
    headers: HeaderMap,
    extensions: Extensions,
    body: Result<Bytes, axum::extract::rejection::BytesRejection>,
) -> Response {
    let body = match body {
        Ok(body) => body,
        Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            return Refusal::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                codes::BODY_TOO_LARGE,
                format!(
                    "the request body is larger than the limit of {} bytes",
                    state.limits.max_body_bytes
                ),
            )
            .into_http();
        }
        Err(rejection) => {
            return Refusal::new(
                rejection.status(),
                codes::BAD_REQUEST,
                rejection.body_text(),
            )
            .into_http();
        }
    };
    let Some(response_type) = negotiate(&headers) else {
        return not_acceptable();
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
        return Refusal::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            codes::UNSUPPORTED_MEDIA_TYPE,
            "send the request as application/json",
        )
        .into_http();
    }
    let bad = |message: &str| Refusal::bad_request(codes::BAD_REQUEST, message).into_http();
    let parsed: serde_json::Value = match serde_json::from_slice(&body) {
        Ok(value) => value,
        Err(_) => return bad("the body is not valid JSON"),
    };
    let serde_json::Value::Object(mut fields) = parsed else {
        return bad("the body must be a JSON object (batches are not supported)");
    };
    let raw = RawRequest {
        query: fields.remove("query"),
        operation_name: fields.remove("operationName"),
        variables: fields.remove("variables"),
        extensions: fields.remove("extensions"),
    };
    answer(
        &state,
        &headers,
        &extensions,
        Transport::Post,
        raw,
        response_type,
    )
    .await
}

/// `GET /graphql`: a query in the URL, or GraphiQL for a browser.
pub async fn get(
    State(state): State<AppState>,
    headers: HeaderMap,
    extensions: Extensions,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    if !params.contains_key("query") && !params.contains_key("extensions") && wants_html(&headers) {
        return crate::graphiql::page();
    }
    let Some(response_type) = negotiate(&headers) else {
        return not_acceptable();
    };
    let bad = |message: &str| Refusal::bad_request(codes::BAD_REQUEST, message).into_http();
    let json_param = |name: &str| {
        params
            .get(name)
            .map(|v| serde_json::from_str::<serde_json::Value>(v))
            .transpose()
    };
    let Ok(variables) = json_param("variables") else {
        return bad("`variables` is not valid JSON");
    };
    let Ok(request_extensions) = json_param("extensions") else {
        return bad("`extensions` is not valid JSON");
    };
    let raw = RawRequest {
        query: params.get("query").cloned().map(serde_json::Value::String),
        operation_name: params
            .get("operationName")
            .cloned()
            .map(serde_json::Value::String),
        variables,
        extensions: request_extensions,
    };
    answer(
        &state,
        &headers,
        &extensions,
        Transport::Get,
        raw,
        response_type,
    )
    .await
}
