//! The mutation root: every write, Relay style. Each mutation takes one `input` object and
//! answers with a payload holding the changed object and `userErrors`.
//!
//! Validation failures a form can show next to a field come back in `userErrors`, with nothing
//! written. Everything else is a GraphQL error with `extensions.code`: UNAUTHENTICATED (no
//! valid token), FORBIDDEN (not this account's to change), CONFLICT (a stale `version`),
//! NOT_FOUND, BAD_USER_INPUT (a malformed ID).
//!
//! One file per area, mirroring the domain's write services: `clusters`, `organisations`,
//! `memberships`, `merges` (duplicates folded into one), `facts` (what is kept about a cluster: services, events, people, …), `status` (KKK and ESCA records), `sources` (the documents they name),
//! `cooperation`, `operator_contact` (whom the public may contact about the registry); beside
//! them accounts, API tokens, webhooks and import. `support` holds what
//! they share: patches, ID parsing, `payload!` and `versioned_mutations!`. A new mutation goes
//! in its area's file; a new area's in a file of its own, added to [`MutationRoot`].

pub mod accounts;
pub mod api_tokens;
pub mod clusters;
pub mod cooperation;
pub mod facts;
pub mod import;
pub mod joining;
pub mod memberships;
pub mod merges;
pub mod notifications;
pub mod operator_contact;
pub mod organisations;
pub mod self_service;
pub mod sources;
pub mod status;
pub mod support;
pub mod webhooks;

pub use crate::user_error::{UserError, UserErrorCode};
pub(crate) use support::outcome;

use async_graphql::MergedObject;

/// Every mutation, one part per area; the parts' fields appear in the schema in this order.
#[derive(MergedObject, Default)]
pub struct MutationRoot(
    accounts::AccountMutations,
    self_service::SelfServiceMutations,
    joining::JoiningMutations,
    notifications::NotificationMutations,
    api_tokens::ApiTokenMutations,
    clusters::ClusterMutations,
    organisations::OrganisationMutations,
    merges::MergeMutations,
    memberships::MembershipMutations,
    facts::FactMutations,
    status::StatusMutations,
    sources::SourceMutations,
    cooperation::CooperationMutations,
    webhooks::WebhookMutations,
    import::ImportMutations,
    operator_contact::OperatorContactMutations,
);
