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
            DomainError::Invalid { field, message } => Self::BadUserInput {
                message: format!("{field}: {message}"),
                field: Some(field),
            },
            DomainError::NotFound { entity, key } => {
                Self::NotFound(format!("no {entity} with {key}"))
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

/// The code of an error async-graphql raises itself before running a document (it words them
/// without codes): a broken limit names the limit, anything else failed validation.
pub fn request_error_code(message: &str) -> &'static str {
    match message {
        "Query is nested too deep." => "QUERY_TOO_DEEP",
        "Query is too complex." => "QUERY_TOO_COMPLEX",
        _ => "GRAPHQL_VALIDATION_FAILED",
    }
}

/// Gives every error of a subscription an `extensions.code`, as the HTTP endpoint does for
/// queries: a document that does not validate (or breaks a limit) and a value async-graphql
/// refuses would otherwise reach a WebSocket client with a message only.
pub struct SubscriptionErrorCodes;

impl async_graphql::extensions::ExtensionFactory for SubscriptionErrorCodes {
    fn create(&self) -> std::sync::Arc<dyn async_graphql::extensions::Extension> {
        std::sync::Arc::new(SubscriptionErrorCodes)
    }
}

impl async_graphql::extensions::Extension for SubscriptionErrorCodes {
    fn subscribe<'s>(
        &self,
        ctx: &async_graphql::extensions::ExtensionContext<'_>,
        stream: futures_util::stream::BoxStream<'s, async_graphql::Response>,
        next: async_graphql::extensions::NextSubscribe<'_>,
    ) -> futures_util::stream::BoxStream<'s, async_graphql::Response> {
        use futures_util::StreamExt;
        next.run(ctx, stream)
            .map(|mut response| {
                for error in &mut response.errors {
                    let has_code = error
                        .extensions
                        .as_ref()
                        .is_some_and(|e| e.get("code").is_some());
                    if has_code {
                        continue;
                    }
                    let code = if error.path.is_empty() {
                        request_error_code(&error.message)
                    } else {
                        codes::BAD_USER_INPUT
                    };
                    error
                        .extensions
                        .get_or_insert_with(Default::default)
                        .set("code", code);
                }
                response
            })
            .boxed()
    }
}
