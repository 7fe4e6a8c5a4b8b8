//! The domain of the klastry registry.
//!
//! `rules` holds the registry's rules as pure functions (Polish identifiers, partial dates, the
//! status of a KKK certification or ESCA label on a date, search folding), testable without a
//! database. `services` applies them over a SeaORM connection: filtered, keyset-paginated reads,
//! batched loads for the API's loaders, statistics, and the demo registry import. Nothing here
//! knows about HTTP or GraphQL.

pub mod error;
pub mod rules;
pub mod services;

pub use error::{DomainError, DomainResult, FieldError, FieldErrorCode};
