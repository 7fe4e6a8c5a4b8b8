//! Notifications, end to end over HTTP and WebSocket with a real SMTP server: a change reaches
//! the inboxes of those it concerns (never the one who made it, and never anyone who may not
//! read of it) and the mail each wants at once, with a one-click unsubscribe (RFC 8058); the
//! rest waits for a digest in the reader's language; statuses about to end are warned of once
//! per threshold, however many servers run and however often they restart; follows and saved
//! searches tell of new notices; the live inbox counts; operators watch the pipeline.
//!
//! Servers that test the notifier run it every few milliseconds on a clock of their own
//! (KLASTRY_TEST_CLOCK), the way a test sets the date without waiting for it. Every mail is
//! read back from the SMTP sink (`common::smtp`). `helpers` holds what the areas share.

#[path = "../common/mod.rs"]
mod common;

mod delivery;
mod digests;
mod follows;
mod helpers;
mod lapses;
mod live_inbox;
mod pipeline;
mod unsubscribe;
