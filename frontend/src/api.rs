//! The one way the app talks to the registry: typed GraphQL operations over `POST /graphql`.
//!
//! Every operation is declared in `queries/*.graphql` and checked against `schema.graphql` at
//! compile time by `graphql_client`, so an API change that breaks the app breaks its build.

use crate::session;
use graphql_client::{GraphQLQuery, Response};

/// Why an operation gave no data.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// The server could not be reached or answered with something that is not GraphQL.
    Network(String),
    /// The request needs a signed-in account (or the session ran out and could not be renewed).
    Unauthenticated,
    /// A coded GraphQL error (`extensions.code`), with the server's message.
    Graphql { code: String, message: String },
}

/// Runs a typed operation, signed with the current session when there is one. When the access
/// token has run out, the session is renewed once with the refresh token and the operation
/// retried; when that fails too, the session ends.
pub async fn run<Q: GraphQLQuery>(variables: Q::Variables) -> Result<Q::ResponseData, ApiError> {
    // Only the encoding and decoding depend on the operation; the exchange itself is shared, so
    // the bundle holds one copy of it rather than one per operation.
    let body = serde_json::to_string(&Q::build_query(variables))
        .map_err(|e| ApiError::Network(e.to_string()))?;
    decode(&exchange(body).await?)
}

/// Sends a request body, renewing the session once on a 401; the answer's text.
async fn exchange(body: String) -> Result<String, ApiError> {
    match post(&body, session::access_token()).await {
        Err(ApiError::Unauthenticated) if session::current().is_some() => {
            if renew().await {
                post(&body, session::access_token()).await
            } else {
                session::end();
                Err(ApiError::Unauthenticated)
            }
        }
        other => other,
    }
}

/// Trades the refresh token for a new session; false when it is no longer valid.
async fn renew() -> bool {
    use crate::queries::{RefreshSession, refresh_session};
    let Some(current) = session::current() else {
        return false;
    };
    let body = RefreshSession::build_query(refresh_session::Variables {
        refresh_token: current.refresh_token.clone(),
    });
    let Ok(body) = serde_json::to_string(&body) else {
        return false;
    };
    let answer = match post(&body, None).await {
        Ok(text) => decode::<refresh_session::ResponseData>(&text),
        Err(e) => Err(e),
    };
    match answer.map(|data| data.refresh_session.session) {
        Ok(Some(s)) => {
            session::store(session::Session {
                access_token: s.access_token,
                refresh_token: s.refresh_token,
                email: s.user.email,
                display_name: s.user.display_name,
            });
            true
        }
        _ => false,
    }
}

/// POSTs a body to /graphql; the answer's text, or why there is none.
async fn post(body: &str, token: Option<String>) -> Result<String, ApiError> {
    let mut request =
        gloo_net::http::Request::post("/graphql").header("Content-Type", "application/json");
    if let Some(token) = token {
        request = request.header("Authorization", &format!("Bearer {token}"));
    }
    let response = request
        .body(body)
        .map_err(|e| ApiError::Network(e.to_string()))?
        .send()
        .await
        .map_err(|e| ApiError::Network(e.to_string()))?;
    if response.status() == 401 {
        return Err(ApiError::Unauthenticated);
    }
    response
        .text()
        .await
        .map_err(|e| ApiError::Network(e.to_string()))
}

/// Reads a GraphQL answer: its data, or its first error with the error's code.
fn decode<D: serde::de::DeserializeOwned>(text: &str) -> Result<D, ApiError> {
    let parsed: Response<D> =
        serde_json::from_str(text).map_err(|e| ApiError::Network(e.to_string()))?;
    if let Some(error) = parsed.errors.as_ref().and_then(|errors| errors.first()) {
        let code = error
            .extensions
            .as_ref()
            .and_then(|ext| ext.get("code"))
            .and_then(|code| code.as_str())
            .unwrap_or("INTERNAL")
            .to_owned();
        return Err(ApiError::Graphql {
            code,
            message: error.message.clone(),
        });
    }
    parsed
        .data
        .ok_or_else(|| ApiError::Network("the answer held no data".into()))
}
