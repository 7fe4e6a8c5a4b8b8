//! The authorization matrix, generated from the schema. Every mutation the server serves, sent
//! by every kind of caller (nobody, a member organisation's account, another cluster's
//! coordinator, the cluster's coordinator, three API tokens of different scopes, the operator)
//! over HTTP and over a WebSocket alike, is refused (FORBIDDEN or UNAUTHENTICATED, or a socket
//! closed with one of them) exactly when the caller may not run it, and is let through to its
//! own checks when it may. A mutation in the schema without a rule here fails the test, by name.
//!
//! Callers let through change nothing: updates and deletions name a stale version (CONFLICT,
//! checked after the rights), creations lack a required field (refused by validation, checked
//! after the rights), and the test ends by checking that no target's version moved. Where a
//! mutation checks its input before the caller's rights, or has no version, its rule says so.
//! The one that ends the caller's sessions (`signOutEverywhere`) ends the matrix's own, so each
//! caller it lets through signs in again after it.
//!
//! A second test does the same for private fields: who sees them, and who gets null, an empty
//! list or a refusal instead.
//!
//! `rules` is the table of who may run each mutation and how to ask; `fixture` what the matrix
//! acts on and a credential for every caller; `mutations` runs the table; `private_fields` is
//! the second test.

#[path = "../common/mod.rs"]
mod common;

mod fixture;
mod mutations;
mod private_fields;
mod rules;

const RECYCLING: &str = "klaster-gospodarki-odpadowej-i-recyklingu";
const OTHER_CLUSTER: &str = "pomorski-klaster-ict-interizon";
/// No object is ever at version 0 (versions start at 1): a change based on it is stale, so a
/// caller who may make it gets CONFLICT, after the rights check, and changes nothing.
const STALE: i64 = 0;
/// Where the test's webhooks point: nothing listens there, so their deliveries only wait.
const HOOK_URL: &str = "http://127.0.0.1:9/klastry-matrix";
/// The address the fixture's open invitation was sent to.
const OPEN_INVITEE: &str = "matryca-otwarte@example.pl";

/// Every kind of caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Caller {
    /// Nobody signed in.
    Anonymous,
    /// The demo member, acting for an organisation that has only applied to the cluster.
    Member,
    /// The coordinator of another cluster.
    OtherCoordinator,
    /// The demo coordinator, of the recycling cluster.
    Coordinator,
    /// An API token with no scope beyond READ_PUBLIC and no cluster.
    TokenPublic,
    /// An API token reading the recycling cluster's private data.
    TokenPrivate,
    /// An API token running the recycling cluster's membership workflow.
    TokenWrite,
    /// The demo operator.
    Operator,
}

const CALLERS: [Caller; 8] = [
    Caller::Anonymous,
    Caller::Member,
    Caller::OtherCoordinator,
    Caller::Coordinator,
    Caller::TokenPublic,
    Caller::TokenPrivate,
    Caller::TokenWrite,
    Caller::Operator,
];

/// Operators alone.
const OPERATORS: &[Caller] = &[Caller::Operator];
/// The recycling cluster's coordinators, and operators.
const CLUSTER_COORDINATORS: &[Caller] = &[Caller::Coordinator, Caller::Operator];
/// Who runs the recycling cluster's membership workflow: its coordinators, its token with
/// WRITE_CLUSTER_MEMBERS, and operators.
const MEMBERSHIP_DECIDERS: &[Caller] = &[Caller::Coordinator, Caller::TokenWrite, Caller::Operator];
/// Who reads the recycling cluster's private data: its coordinators, its token with
/// READ_CLUSTER_PRIVATE, and operators.
const PRIVATE_READERS: &[Caller] = &[Caller::Coordinator, Caller::TokenPrivate, Caller::Operator];
/// The member organisation's accounts, and operators.
const ORGANISATION_MEMBERS: &[Caller] = &[Caller::Member, Caller::Operator];
/// Either side of the member organisation's application, and operators.
const EITHER_SIDE: &[Caller] = &[Caller::Member, Caller::Coordinator, Caller::Operator];
/// Who sees the application's message: its organisation's accounts and everyone with a say in
/// the recycling cluster's membership (both its tokens have a cluster scope).
const APPLICATION_READERS: &[Caller] = &[
    Caller::Member,
    Caller::Coordinator,
    Caller::TokenPrivate,
    Caller::TokenWrite,
    Caller::Operator,
];
/// Who sees the recycling cluster's applications: everyone with a say in its membership.
const APPLICATION_DECIDERS: &[Caller] = &[
    Caller::Coordinator,
    Caller::TokenPrivate,
    Caller::TokenWrite,
    Caller::Operator,
];
/// Every signed-in person; no token.
const PEOPLE: &[Caller] = &[
    Caller::Member,
    Caller::OtherCoordinator,
    Caller::Coordinator,
    Caller::Operator,
];
/// Anyone but an API token.
const ANYONE_BUT_TOKENS: &[Caller] = &[
    Caller::Anonymous,
    Caller::Member,
    Caller::OtherCoordinator,
    Caller::Coordinator,
    Caller::Operator,
];
/// The other cluster's coordinator alone: it asked to act for the member organisation and
/// submitted a cluster, and only the one who asked or submitted takes it back.
const THE_ONE_WHO_ASKED: &[Caller] = &[Caller::OtherCoordinator];
/// Who coordinates some cluster (any cluster), the member workflow's token, and operators.
const IMPORTERS: &[Caller] = &[
    Caller::OtherCoordinator,
    Caller::Coordinator,
    Caller::TokenWrite,
    Caller::Operator,
];
