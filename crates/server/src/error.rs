//! Errors of the server's own work: configuration, start-up, commands.

use thiserror::Error;

/// What can stop the server or a command.
#[derive(Debug, Error)]
pub enum ServerError {
    /// The database could not be opened, migrated or used.
    #[error("database: {0}")]
    Database(#[from] sea_orm::DbErr),
    /// A domain operation failed (e.g. loading the demo registry).
    #[error("{0}")]
    Domain(#[from] klastry_domain::DomainError),
    /// A file or socket operation failed.
    #[error("{context}: {source}")]
    Io {
        /// What was being done.
        context: String,
        /// The cause.
        source: std::io::Error,
    },
    /// The configuration is unusable.
    #[error("configuration: {0}")]
    Config(String),
    /// A command was refused for what it was given (an import with rows that break rules).
    #[error("{0}")]
    Refused(String),
}

impl ServerError {
    /// An I/O error with what was being done.
    pub fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        Self::Io {
            context: context.into(),
            source,
        }
    }
}
