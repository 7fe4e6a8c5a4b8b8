//! The klastry server: configuration, database connection, HTTP, and the command line.
//!
//! Thin by design: `config` reads flags and environment, `db` opens and migrates the database,
//! `http` serves /graphql (GraphQL over HTTP and WebSocket, GraphiQL), /healthz and the web
//! app (with `documents` keeping parsed queries), `export` streams bulk exports, `events` hands committed events to subscriptions,
//! `webhooks` sends partners' deliveries, and `cli` runs the subcommands. Everything the registry knows lives in the other crates.

pub mod cli;
pub mod config;
pub mod db;
pub mod documents;
pub mod error;
pub mod events;
pub mod export;
pub mod http;
pub mod metrics;
pub mod telemetry;
pub mod webhooks;
