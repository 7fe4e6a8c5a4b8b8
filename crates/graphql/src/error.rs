//! The API's errors and their one conversion into GraphQL errors with `extensions.code`.

use crate::user_error::UserErrorCode;
use async_graphql::ErrorExtensions;
use klastry_domain::{DomainError, FieldError, FieldErrorCode};
use thiserror::Error;

/// Codes clients can rely on in `extensions.code`, each defined here once: a constant of its
/// own name, and in [`codes::ALL`] with its meaning (docs/API-DESIGN.md lists them, and a test
/// holds the two lists together).
pub mod codes {
    macro_rules! codes {
        ($($(#[doc = $doc:literal])+ $name:ident,)+) => {
            $($(#[doc = $doc])+ pub const $name: &str = stringify!($name);)+
            /// Every code with its meaning.
            pub const ALL: &[(&str, &str)] = &[$((stringify!($name), concat!($($doc),+)),)+];
        };
    }

    codes! {
    /// The client sent something malformed or out of range.
    BAD_USER_INPUT,
    /// The thing asked for does not exist.
    NOT_FOUND,
    /// The request needs a signed-in account, or its token is expired, forged or revoked.
    UNAUTHENTICATED,
    /// The signed-in account may not do this.
    FORBIDDEN,
    /// The password is right but the account's e-mail address is not verified yet: follow the
    /// link mailed at sign-up, or ask for a new one (`resendVerification`).
    EMAIL_NOT_VERIFIED,
    /// The object changed since the version the client named.
    CONFLICT,
    /// A subscriber fell behind the events and missed some; it should re-read what it mirrors.
    EVENTS_MISSED,
    /// The server failed; details are in its log.
    INTERNAL_SERVER_ERROR,

    // Refusals of the guarded path, before a request runs (the server's `guard`).

    /// The document does not parse.
    GRAPHQL_PARSE_FAILED,
    /// The document parses but does not fit the schema, or its variables do not fit it.
    GRAPHQL_VALIDATION_FAILED,
    /// Fields, or brackets of argument values, nest deeper than the limit.
    QUERY_TOO_DEEP,
    /// The query would cost more than the complexity limit.
    QUERY_TOO_COMPLEX,
    /// More aliased fields than the limit.
    TOO_MANY_ALIASES,
    /// More lexical tokens in the document than the limit.
    TOO_MANY_TOKENS,
    /// More directives in the document than the limit.
    TOO_MANY_DIRECTIVES,
    /// More variables, declared or sent, than the limit.
    TOO_MANY_VARIABLES,
    /// More than one field that checks a password (`signIn`, `changePassword`) in one request.
    TOO_MANY_CREDENTIAL_CHECKS,
    /// More operations running at once on one WebSocket than the limit.
    TOO_MANY_OPERATIONS,
    /// The server already holds as many WebSockets as it allows; try again later.
    TOO_MANY_CONNECTIONS,
    /// The request body (or WebSocket message) is larger than the limit.
    BODY_TOO_LARGE,
    /// The request took longer than the time limit; its work was dropped and rolled back.
    TIMEOUT,
    /// Too many requests (an API token over its rate) or sign-in attempts; retry after
    /// `extensions.retryAfter` seconds (also the `Retry-After` header).
    RATE_LIMITED,
    /// Sign-in to this account, or from this address, is locked for a while after too many
    /// wrong passwords; retry after `extensions.retryAfter` seconds.
    SIGN_IN_LOCKED,
    /// The HTTP request is malformed (not JSON, no `query`, ...).
    BAD_REQUEST,
    /// The HTTP method is not allowed here (a mutation sent with GET, for one).
    METHOD_NOT_ALLOWED,
    /// No response type the client accepts can be produced.
    NOT_ACCEPTABLE,
    /// The body is not `application/json`.
    UNSUPPORTED_MEDIA_TYPE,
    /// The response held more errors than the limit; the rest were left out.
    TOO_MANY_ERRORS,
    /// The request named a persisted query by its hash (Apollo's automatic persisted queries)
    /// that this server does not hold: send it again with the query text and the same hash.
    PERSISTED_QUERY_NOT_FOUND,
    /// The persisted query's hash is not the SHA-256 of the query text sent with it, or the
    /// `persistedQuery` extension is not version 1 with a 64-digit hex `sha256Hash`.
    PERSISTED_QUERY_INVALID,
    }
}

/// Everything a resolver can fail with.
#[derive(Debug, Error)]
pub enum ApiError {
    /// A client mistake: the argument or field it concerns, why, and the rule's limits.
    #[error("{}", .0.message)]
    BadUserInput(FieldError),
    /// Nothing matches.
    #[error("{0}")]
    NotFound(String),
    /// Sign in first.
    #[error("{0}")]
    Unauthenticated(String),
    /// Not allowed for this account.
    #[error("{0}")]
    Forbidden(String),
    /// The account's address is not verified yet.
    #[error("{0}")]
    Unverified(String),
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
    /// A bad-input error about `field`; the message names the field, as a top-level error's
    /// message is read without its form.
    pub fn bad_input(field: &str, code: FieldErrorCode, message: impl std::fmt::Display) -> Self {
        Self::BadUserInput(FieldError::new(field, code, format!("{field}: {message}")))
    }

    fn refused(mut error: FieldError) -> Self {
        if !error.field.is_empty() {
            error.message = format!("{}: {}", error.field, error.message);
        }
        Self::BadUserInput(error)
    }
}

impl From<DomainError> for ApiError {
    fn from(error: DomainError) -> Self {
        match error {
            DomainError::Rejected(errors) => {
                let message = errors
                    .iter()
                    .map(|e| format!("{}: {}", e.field, e.message))
                    .collect::<Vec<_>>()
                    .join("; ");
                // A top-level error has room for one code: the first refusal's; the message
                // names them all.
                match errors.into_iter().next() {
                    Some(first) => Self::BadUserInput(FieldError { message, ..first }),
                    None => Self::Internal,
                }
            }
            DomainError::Unauthenticated(m) => Self::Unauthenticated(m),
            DomainError::Forbidden(m) => Self::Forbidden(m),
            DomainError::Unverified(m) => Self::Unverified(m),
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
            DomainError::Invalid(error) => Self::refused(error),
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
            Self::BadUserInput(error) => {
                e.set("code", codes::BAD_USER_INPUT);
                if !error.field.is_empty() {
                    e.set("field", error.field.as_str());
                }
                e.set("reason", UserErrorCode::from(error.code));
                for (name, value) in [
                    ("min", error.min),
                    ("max", error.max),
                    ("actual", error.actual),
                ] {
                    if let Some(value) = value {
                        e.set(name, value);
                    }
                }
            }
            Self::NotFound(_) => e.set("code", codes::NOT_FOUND),
            Self::Unauthenticated(_) => e.set("code", codes::UNAUTHENTICATED),
            Self::Forbidden(_) => e.set("code", codes::FORBIDDEN),
            Self::Unverified(_) => e.set("code", codes::EMAIL_NOT_VERIFIED),
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
            DomainError::Invalid(error) => ApiError::refused(error.clone()).extend(),
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
