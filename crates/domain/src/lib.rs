//! The domain of the klastry registry: its rules, and the reads and writes that apply them over a
//! SeaORM connection. Nothing here knows about HTTP or GraphQL.
//!
//! - `rules`: the registry's rules as pure functions (Polish identifiers, partial dates, the status
//!   of a KKK certification or ESCA label on a date, search folding, access), testable without a
//!   database.
//! - `db`: the hand-built database layer: decoding rows, batched loads for the API's loaders, the
//!   lists of a cluster, keyset pagination, write transactions and versioned rows.
//! - `reads`: filtered, paginated reads of clusters, organisations, status records, reference
//!   data and statistics.
//! - `writes`: every change to the registry, the workflows behind the API's mutations.
//! - `accounts`: users and role grants, passwords, sessions, sign-in throttling, API tokens and
//!   the secrets they are made of.
//! - `platform`: what every write leaves behind (`journal`: the audit entry, the event, the
//!   webhook deliveries it owes) and the change feed and webhooks that carry it to partners.
//! - `notifications`: what each account is told of changes, in its inbox and by e-mail (at
//!   once or in digests), what it follows and the searches it saved, and the warnings before a
//!   status, a label or a notice ends.
//! - `bulk`: whole-registry tools: import, export, the demo registry and its accounts, and
//!   synthetic registries for benchmarks.
//!
//! Modules depend downwards only: `bulk` → `writes` / `accounts` → `platform` → `reads` → `db` →
//! `rules`.

pub mod accounts;
pub mod bulk;
pub mod db;
pub mod error;
pub mod joining;
pub mod mail;
pub mod notifications;
pub mod platform;
pub mod reads;
pub mod rules;
pub mod writes;

pub use error::{DomainError, DomainResult, FieldError, FieldErrorCode};
