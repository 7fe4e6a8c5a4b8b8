//! The one way the app talks to the registry: typed GraphQL operations over `POST /graphql`.
//!
//! Every operation is declared in `queries/*.graphql` and checked against `schema.graphql` at
//! compile time by `graphql_client`, so an API change that breaks the app breaks its build.

use crate::i18n::{Lang, user_error};
use crate::queries::UserErrorCode;
use crate::session;
use graphql_client::{GraphQLQuery, Response};
use serde_json::Value;

/// Why an operation gave no data.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// The server could not be reached or answered with something that is not GraphQL.
    Network(String),
    /// The request needs a signed-in account (or the session ran out and could not be renewed).
    Unauthenticated,
    /// A coded GraphQL error: its `extensions.code`, the server's message (English, for the
    /// console, never shown) and, for a BAD_USER_INPUT error, the refusal its `extensions`
    /// carry (`reason`, `field`, `min`, `max`, `actual`).
    Graphql {
        code: String,
        message: String,
        refusal: Option<Box<FieldError>>,
    },
}

/// An input the registry refused: the field as the input object names it (empty for the input
/// as a whole), why, and the rule's limits and what was given, where the code has them.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldError {
    pub field: String,
    pub code: UserErrorCode,
    pub min: Option<i64>,
    pub max: Option<i64>,
    pub actual: Option<i64>,
}

impl FieldError {
    /// A refusal without limits.
    pub fn new(field: impl Into<String>, code: UserErrorCode) -> Self {
        Self {
            field: field.into(),
            code,
            min: None,
            max: None,
            actual: None,
        }
    }

    /// The refusal in `lang`, from its code, field and limits.
    pub fn text(&self, lang: Lang) -> String {
        user_error(
            lang,
            &self.code,
            &self.field,
            self.min,
            self.max,
            self.actual,
        )
    }

    /// Several refusals in `lang`, one after another (where a form shows them in one place).
    pub fn texts(errors: &[Self], lang: Lang) -> String {
        let texts: Vec<String> = errors.iter().map(|e| e.text(lang)).collect();
        texts.join(" ")
    }
}

/// A mutation's `userErrors` as [`FieldError`]s. A macro, because every operation has its own
/// generated type for them (with the same fields, and the one shared `UserErrorCode`).
macro_rules! user_errors {
    ($errors:expr) => {
        $errors
            .into_iter()
            .map(|e| $crate::api::FieldError {
                field: e.field,
                code: e.code,
                min: e.min,
                max: e.max,
                actual: e.actual,
            })
            .collect::<Vec<_>>()
    };
}
pub(crate) use user_errors;

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

/// Reads a GraphQL answer: its data, or its first error with the error's code (and refusal).
fn decode<D: serde::de::DeserializeOwned>(text: &str) -> Result<D, ApiError> {
    let parsed: Response<D> =
        serde_json::from_str(text).map_err(|e| ApiError::Network(e.to_string()))?;
    if let Some(error) = parsed.errors.as_ref().and_then(|errors| errors.first()) {
        let extension = |key: &str| error.extensions.as_ref().and_then(|ext| ext.get(key));
        let code = extension("code")
            .and_then(Value::as_str)
            .unwrap_or("INTERNAL_SERVER_ERROR")
            .to_owned();
        let refusal = extension("reason")
            .and_then(|reason| serde_json::from_value::<UserErrorCode>(reason.clone()).ok())
            .map(|reason| {
                Box::new(FieldError {
                    field: extension("field")
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .to_owned(),
                    code: reason,
                    min: extension("min").and_then(Value::as_i64),
                    max: extension("max").and_then(Value::as_i64),
                    actual: extension("actual").and_then(Value::as_i64),
                })
            });
        return Err(ApiError::Graphql {
            code,
            message: error.message.clone(),
            refusal,
        });
    }
    parsed
        .data
        .ok_or_else(|| ApiError::Network("the answer held no data".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refused_argument_carries_its_code_field_and_limits() {
        let answer = r#"{"data": null, "errors": [{"message": "search: at most 200 characters, not 305",
            "extensions": {"code": "BAD_USER_INPUT", "reason": "TOO_LONG", "field": "search",
            "max": 200, "actual": 305}}]}"#;
        let Err(ApiError::Graphql { code, refusal, .. }) = decode::<Value>(answer) else {
            panic!("the error was not read");
        };
        assert_eq!(code, "BAD_USER_INPUT");
        let refusal = refusal.expect("the refusal was read");
        assert_eq!(refusal.field, "search");
        assert_eq!(refusal.code, UserErrorCode::TOO_LONG);
        assert_eq!(
            (refusal.min, refusal.max, refusal.actual),
            (None, Some(200), Some(305))
        );
        assert_eq!(refusal.text(Lang::Pl), "najwyżej 200 znaków, a jest 305");
    }

    #[test]
    fn other_errors_keep_their_code_and_carry_no_refusal() {
        let answer = r#"{"errors": [{"message": "no cluster with slug x", "extensions": {"code": "NOT_FOUND"}}]}"#;
        assert_eq!(
            decode::<Value>(answer),
            Err(ApiError::Graphql {
                code: "NOT_FOUND".into(),
                message: "no cluster with slug x".into(),
                refusal: None,
            })
        );
        let uncoded = r#"{"errors": [{"message": "boom"}]}"#;
        assert!(matches!(
            decode::<Value>(uncoded),
            Err(ApiError::Graphql { code, .. }) if code == "INTERNAL_SERVER_ERROR"
        ));
    }
}
