//! The API's errors and their one conversion into GraphQL errors with `extensions.code`.

use async_graphql::ErrorExtensions;
use klastry_domain::DomainError;
use thiserror::Error;

/// Codes clients can rely on in `extensions.code`.
pub mod codes {
    /// The client sent something malformed or out of range.
    pub const BAD_USER_INPUT: &str = "BAD_USER_INPUT";
    /// The thing asked for does not exist.
    pub const NOT_FOUND: &str = "NOT_FOUND";
    /// The request needs a signed-in account, or its token is expired, forged or revoked.
    pub const UNAUTHENTICATED: &str = "UNAUTHENTICATED";
    /// The signed-in account may not do this.
    pub const FORBIDDEN: &str = "FORBIDDEN";
    /// The object changed since the version the client named.
    pub const CONFLICT: &str = "CONFLICT";
    /// A subscriber fell behind the events and missed some; it should re-read what it mirrors.
    pub const EVENTS_MISSED: &str = "EVENTS_MISSED";
    /// The server failed; details are in its log.
    pub const INTERNAL_SERVER_ERROR: &str = "INTERNAL_SERVER_ERROR";

    // Refusals of the guarded path, before a request runs (the server's `guard`).

    /// The document does not parse.
    pub const GRAPHQL_PARSE_FAILED: &str = "GRAPHQL_PARSE_FAILED";
    /// The document parses but does not fit the schema, or its variables do not fit it.
    pub const GRAPHQL_VALIDATION_FAILED: &str = "GRAPHQL_VALIDATION_FAILED";
    /// Fields, or brackets of argument values, nest deeper than the limit.
    pub const QUERY_TOO_DEEP: &str = "QUERY_TOO_DEEP";
    /// The query would cost more than the complexity limit.
    pub const QUERY_TOO_COMPLEX: &str = "QUERY_TOO_COMPLEX";
    /// More aliased fields than the limit.
    pub const TOO_MANY_ALIASES: &str = "TOO_MANY_ALIASES";
    /// More lexical tokens in the document than the limit.
    pub const TOO_MANY_TOKENS: &str = "TOO_MANY_TOKENS";
    /// More directives in the document than the limit.
    pub const TOO_MANY_DIRECTIVES: &str = "TOO_MANY_DIRECTIVES";
    /// More variables, declared or sent, than the limit.
    pub const TOO_MANY_VARIABLES: &str = "TOO_MANY_VARIABLES";
    /// More than one field that checks a password (`signIn`, `changePassword`) in one request.
    pub const TOO_MANY_CREDENTIAL_CHECKS: &str = "TOO_MANY_CREDENTIAL_CHECKS";
    /// More operations running at once on one WebSocket than the limit.
    pub const TOO_MANY_OPERATIONS: &str = "TOO_MANY_OPERATIONS";
    /// The server already holds as many WebSockets as it allows; try again later.
    pub const TOO_MANY_CONNECTIONS: &str = "TOO_MANY_CONNECTIONS";
    /// The request body (or WebSocket message) is larger than the limit.
    pub const BODY_TOO_LARGE: &str = "BODY_TOO_LARGE";
    /// The request took longer than the time limit; its work was dropped and rolled back.
    pub const TIMEOUT: &str = "TIMEOUT";
    /// Too many requests (an API token over its rate) or sign-in attempts; retry after
    /// `extensions.retryAfter` seconds (also the `Retry-After` header).
    pub const RATE_LIMITED: &str = "RATE_LIMITED";
    /// Sign-in to this account, or from this address, is locked for a while after too many
    /// wrong passwords; retry after `extensions.retryAfter` seconds.
    pub const SIGN_IN_LOCKED: &str = "SIGN_IN_LOCKED";
    /// The HTTP request is malformed (not JSON, no `query`, ...).
    pub const BAD_REQUEST: &str = "BAD_REQUEST";
    /// The HTTP method is not allowed here (a mutation sent with GET, for one).
    pub const METHOD_NOT_ALLOWED: &str = "METHOD_NOT_ALLOWED";
    /// No response type the client accepts can be produced.
    pub const NOT_ACCEPTABLE: &str = "NOT_ACCEPTABLE";
    /// The body is not `application/json`.
    pub const UNSUPPORTED_MEDIA_TYPE: &str = "UNSUPPORTED_MEDIA_TYPE";
    /// The response held more errors than the limit; the rest were left out.
    pub const TOO_MANY_ERRORS: &str = "TOO_MANY_ERRORS";
}

/// Everything a resolver can fail with.
#[derive(Debug, Error)]
pub enum ApiError {
    /// A client mistake, naming the argument or field it concerns.
    #[error("{message}")]
    BadUserInput {
        /// The argument or input field, as the client named it.
        field: Option<String>,
        /// What is wrong.
        message: String,
    },
    /// Nothing matches.
    #[error("{0}")]
    NotFound(String),
    /// Sign in first.
    #[error("{0}")]
    Unauthenticated(String),
    /// Not allowed for this account.
    #[error("{0}")]
    Forbidden(String),
    /// Someone else changed the object first.
    #[error("{0}")]
    Conflict(String),
    /// Too many tries: wait `retry_after_secs`; `locked` when sign-in is locked for a while.
    #[error("{message}")]
    Throttled {
        /// What to tell the caller.
        message: String,
        /// Seconds to wait.
        retry_after_secs: u64,
        /// Whether sign-in is locked rather than slowed down.
        locked: bool,
    },
    /// A subscriber fell this many events behind and missed them.
    #[error("this subscriber fell behind and missed {0} events; re-read what you mirror")]
    EventsMissed(u64),
    /// The server failed.
    #[error("internal error")]
    Internal,
}

impl ApiError {
    /// A bad-input error about `field`.
    pub fn bad_input(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::BadUserInput {
            field: Some(field.into()),
            message: message.into(),
        }
    }
}

impl From<DomainError> for ApiError {
    fn from(error: DomainError) -> Self {
        match error {
            DomainError::Rejected(errors) => Self::BadUserInput {
                field: errors.first().map(|e| e.field.clone()),
                message: errors
                    .iter()
                    .map(|e| format!("{}: {}", e.field, e.message))
                    .collect::<Vec<_>>()
                    .join("; "),
            },
            DomainError::Unauthenticated(m) => Self::Unauthenticated(m),
            DomainError::Forbidden(m) => Self::Forbidden(m),
            DomainError::Conflict(m) => Self::Conflict(m),
            DomainError::Throttled {
                message,
                retry_after_secs,
                locked,
            } => Self::Throttled {
                message,
                retry_after_secs,
                locked,
            },
            DomainError::Invalid { field, message } => Self::BadUserInput {
                message: format!("{field}: {message}"),
                field: Some(field),
            },
            DomainError::NotFound { entity, key } => {
                Self::NotFound(format!("no {entity} with {key}"))
            }
            other if other.is_contention() => {
                tracing::warn!(error = ?other, "a write gave way to another");
                Self::Conflict(
                    "the registry was busy with a conflicting change and nothing was written; send the request again".into(),
                )
            }
            other => {
                tracing::error!(error = ?other, "request failed");
                Self::Internal
            }
        }
    }
}

impl ErrorExtensions for ApiError {
    fn extend(&self) -> async_graphql::Error {
        async_graphql::Error::new(self.to_string()).extend_with(|_, e| match self {
            Self::BadUserInput { field, .. } => {
                e.set("code", codes::BAD_USER_INPUT);
                if let Some(field) = field {
                    e.set("field", field.as_str());
                }
            }
            Self::NotFound(_) => e.set("code", codes::NOT_FOUND),
            Self::Unauthenticated(_) => e.set("code", codes::UNAUTHENTICATED),
            Self::Forbidden(_) => e.set("code", codes::FORBIDDEN),
            Self::Conflict(_) => e.set("code", codes::CONFLICT),
            Self::Throttled {
                retry_after_secs,
                locked,
                ..
            } => {
                e.set(
                    "code",
                    if *locked {
                        codes::SIGN_IN_LOCKED
                    } else {
                        codes::RATE_LIMITED
                    },
                );
                e.set("retryAfter", *retry_after_secs);
            }
            Self::EventsMissed(_) => e.set("code", codes::EVENTS_MISSED),
            Self::Internal => e.set("code", codes::INTERNAL_SERVER_ERROR),
        })
    }
}

/// Converts a failed domain or API result into a coded GraphQL error.
pub trait OrApi<T> {
    /// The GraphQL result.
    fn or_api(self) -> async_graphql::Result<T>;
}

impl<T> OrApi<T> for Result<T, DomainError> {
    fn or_api(self) -> async_graphql::Result<T> {
        self.map_err(|e| ApiError::from(e).extend())
    }
}

impl<T> OrApi<T> for Result<T, ApiError> {
    fn or_api(self) -> async_graphql::Result<T> {
        self.map_err(|e| e.extend())
    }
}

impl<T> OrApi<T> for Result<T, std::sync::Arc<DomainError>> {
    fn or_api(self) -> async_graphql::Result<T> {
        self.map_err(|e| match e.as_ref() {
            DomainError::Invalid { field, message } => {
                ApiError::bad_input(field.clone(), format!("{field}: {message}")).extend()
            }
            DomainError::NotFound { entity, key } => {
                ApiError::NotFound(format!("no {entity} with {key}")).extend()
            }
            other => {
                tracing::error!(error = ?other, "loader failed");
                ApiError::Internal.extend()
            }
        })
    }
}
