//! The klastry server: configuration, database connection, HTTP and WebSocket, and the
//! command line.
//!
//! Thin by design. `config` reads flags and environment; `db` opens and migrates the database;
//! `state` is what handlers share; `auth` says who is asking; `guard` is the one guarded path
//! every GraphQL operation takes, whichever transport brought it (with `documents` keeping
//! parsed queries and `persisted` the texts of persisted queries by hash); `graphql_http` and
//! `graphql_ws` are those transports (`http_cache` sets the caching headers of GET reads);
//! `http` is the router (with `export` streaming bulk exports, `calendar` the iCalendar feeds,
//! `pages` the record pages with their titles and descriptions in the HTML, `metrics`);
//! `listener` accepts connections under their own bounds; `events` hands committed events to
//! subscriptions, `webhooks` sends partners' deliveries, `mail` sends the mail outbox (or
//! writes it to files), `notifier` gives lapse warnings and mails digests, `unsubscribe` takes
//! one-click unsubscribes from mail programs, and `cli` runs the subcommands. Everything the
//! registry knows lives in the other crates.

// The schema's roots are merged from one part per area, and the futures that run a request
// through them nest one level per part: past the compiler's default of 128.
#![recursion_limit = "256"]

pub mod auth;
pub mod calendar;
pub mod cli;
pub mod config;
pub mod db;
pub mod documents;
pub mod error;
pub mod events;
pub mod export;
pub mod graphiql;
pub mod graphql_http;
pub mod graphql_ws;
pub mod guard;
pub mod http;
pub mod http_cache;
pub mod limits;
pub mod listener;
pub mod mail;
pub mod metrics;
pub mod notifier;
pub mod pages;
pub mod persisted;
pub mod refusal;
pub mod state;
pub mod telemetry;
pub mod unsubscribe;
pub mod webhooks;
