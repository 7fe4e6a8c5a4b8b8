//! Self-service, end to end over HTTP with a real SMTP server: people sign up and prove their
//! address by a mailed link, get back in by a reset link, change their address, sign out
//! everywhere and delete their account; they are invited, ask to act for organisations,
//! register organisations and submit clusters, and whoever decides is mailed and decides; the
//! mail outbox sends each committed mail exactly once, retries, and sends nothing for a refused
//! change; operators disable accounts and alone read the outbox and the account list.
//!
//! Every mail is read back from the SMTP sink (`common::smtp`), and every link's token is the
//! one a person would follow. `helpers` holds what the areas share: a server that mails through
//! a sink, accounts made by signing up, and GraphQL calls with a bearer.

#[path = "../common/mod.rs"]
mod common;

mod access_requests;
mod helpers;
mod invitations;
mod operators;
mod outbox;
mod recovery;
mod shapes;
mod sign_up;
mod submissions;
