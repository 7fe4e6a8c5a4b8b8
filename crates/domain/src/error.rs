//! The domain's one error type.

use thiserror::Error;

/// Everything a domain operation can fail with.
#[derive(Debug, Error)]
pub enum DomainError {
    /// A value given by the caller breaks a rule; `field` names the input it concerns.
    #[error("{field}: {message}")]
    Invalid {
        /// The input field the error concerns, as the caller named it.
        field: String,
        /// What is wrong, in words a form can show next to the field.
        message: String,
    },
    /// The thing asked for does not exist.
    #[error("{entity} not found: {key}")]
    NotFound {
        /// What kind of thing was asked for.
        entity: &'static str,
        /// The key it was asked for by.
        key: String,
    },
    /// Data the registry loads (the demo registry) is inconsistent.
    #[error("inconsistent data: {0}")]
    Data(String),
    /// The database failed. Its message carries no details, so that even a careless conversion
    /// cannot show them to a client; they are in the source, for the log.
    #[error("database error")]
    Database(#[from] sea_orm::DbErr),
}

impl DomainError {
    /// An `Invalid` error for `field`.
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::Invalid {
            field: field.into(),
            message: message.into(),
        }
    }
}

/// Result of a domain operation.
pub type DomainResult<T> = Result<T, DomainError>;
