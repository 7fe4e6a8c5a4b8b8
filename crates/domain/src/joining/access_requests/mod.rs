//! Requests to act for an organisation, or to coordinate a cluster that has no coordinator
//! account yet, and their decision.
//!
//! A request to act for an organisation goes to its own managers if it has any, else to the
//! coordinators of the clusters it is a current member of, else to the operators
//! (`rules::joining::decider`); a claim on a cluster goes to the operators. Whoever may decide
//! is told by e-mail; the one asking is told the decision. Registering a new organisation makes

mod asking;
mod deciders;
mod deciding;
mod lists;

pub use asking::{claim_cluster, register_organisation, request_to_act, withdraw};
pub use deciders::{decider_of, deciders_for, deciders_of};
pub use deciding::decide;
pub use lists::{RequestScope, may_read, page};

/// The journal's name of an access request.
const OBJECT: &str = "AccessRequest";
