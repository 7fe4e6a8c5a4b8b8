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
    /// Several input fields break rules; each names its field.
    #[error("invalid input: {}", .0.iter().map(|e| format!("{}: {}", e.field, e.message)).collect::<Vec<_>>().join("; "))]
    Rejected(Vec<crate::rules::validation::FieldError>),
    /// The caller must sign in first (no token, or one that is expired, forged or revoked).
    #[error("{0}")]
    Unauthenticated(String),
    /// The caller is signed in but may not do this.
    #[error("{0}")]
    Forbidden(String),
    /// Too many tries: the caller must wait `retry_after_secs` before the next; `locked` when
    /// the account or address is locked for a while rather than slowed down.
    #[error("{message}")]
    Throttled {
        /// What to tell the caller.
        message: String,
        /// Seconds to wait.
        retry_after_secs: u64,
        /// Whether this is a lock (too many failures) rather than a growing delay.
        locked: bool,
    },
    /// Someone else changed the object since the caller read it.
    #[error("{0}")]
    Conflict(String),
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

impl DomainError {
    /// Whether the database gave up on the transaction because of another one (a deadlock, or a
    /// serialisation failure on PostgreSQL; SQLite's busy lock): nothing was written, and the
    /// same request may succeed when sent again.
    pub fn is_contention(&self) -> bool {
        use sea_orm::{DbErr, RuntimeErr};
        let (DomainError::Database(DbErr::Exec(RuntimeErr::SqlxError(error)))
        | DomainError::Database(DbErr::Query(RuntimeErr::SqlxError(error)))) = self
        else {
            return false;
        };
        let sea_orm::sqlx::Error::Database(error) = error.as_ref() else {
            return false;
        };
        matches!(
            error.code().as_deref(),
            // PostgreSQL: deadlock detected, serialisation failure. SQLite: busy, locked.
            Some("40P01" | "40001" | "5" | "6" | "517")
        )
    }

    /// A `Forbidden` error.
    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::Forbidden(message.into())
    }

    /// A `NotFound` error for the row `id` of `entity`.
    pub fn not_found(entity: &'static str, id: i32) -> Self {
        Self::NotFound {
            entity,
            key: format!("id {id}"),
        }
    }
}

/// Result of a domain operation.
pub type DomainResult<T> = Result<T, DomainError>;
