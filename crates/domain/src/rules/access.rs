//! Who may do what: the registry's roles as pure functions.
//!
//! An operator may do everything. A coordinator may change the clusters they coordinate and
//! what belongs to them; a member may change the organisations they act for and apply with
//! them to clusters. Anonymous callers read public data only. Every service that writes asks
//! these functions first, so the rules live in one place and are tested without a database.

use crate::DomainError;
use std::collections::BTreeSet;

/// A signed-in account with the roles it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// The account's row id.
    pub user_id: i32,
    /// The account's e-mail, recorded in the audit trail.
    pub email: String,
    /// Operates the whole registry.
    pub is_operator: bool,
    /// Clusters the account coordinates.
    pub coordinated_clusters: BTreeSet<i32>,
    /// Organisations the account acts for.
    pub member_organisations: BTreeSet<i32>,
}

/// Whoever is asking: an account, or nobody signed in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Viewer {
    /// Nobody is signed in.
    #[default]
    Anonymous,
    /// A signed-in account.
    Signed(Actor),
}

impl Viewer {
    /// The signed-in account, or UNAUTHENTICATED.
    pub fn actor(&self) -> Result<&Actor, DomainError> {
        match self {
            Viewer::Signed(actor) => Ok(actor),
            Viewer::Anonymous => Err(DomainError::Unauthenticated(
                "sign in first: this needs an account".into(),
            )),
        }
    }

    /// Whether contact details of people may be shown (to signed-in accounts only).
    pub fn sees_contacts(&self) -> bool {
        matches!(self, Viewer::Signed(_))
    }

    /// Whether a membership that is not public (a pending or rejected application) may be shown:
    /// to the operator, the cluster's coordinators and the applicant's members.
    pub fn sees_private_membership(&self, cluster_id: i32, organisation_id: i32) -> bool {
        match self {
            Viewer::Anonymous => false,
            Viewer::Signed(actor) => {
                actor.coordinates(cluster_id) || actor.acts_for(organisation_id)
            }
        }
    }
}

impl Actor {
    /// Whether the account may change `cluster_id` and what belongs to it.
    pub fn coordinates(&self, cluster_id: i32) -> bool {
        self.is_operator || self.coordinated_clusters.contains(&cluster_id)
    }

    /// Whether the account may act for `organisation_id`.
    pub fn acts_for(&self, organisation_id: i32) -> bool {
        self.is_operator || self.member_organisations.contains(&organisation_id)
    }

    /// FORBIDDEN unless the account coordinates `cluster_id`.
    pub fn require_coordinator(&self, cluster_id: i32) -> Result<(), DomainError> {
        if self.coordinates(cluster_id) {
            Ok(())
        } else {
            Err(DomainError::forbidden(
                "only the cluster's coordinators or an operator may do this",
            ))
        }
    }

    /// FORBIDDEN unless the account acts for `organisation_id`.
    pub fn require_member(&self, organisation_id: i32) -> Result<(), DomainError> {
        if self.acts_for(organisation_id) {
            Ok(())
        } else {
            Err(DomainError::forbidden(
                "only the organisation's members or an operator may do this",
            ))
        }
    }

    /// FORBIDDEN unless the account coordinates `cluster_id` or acts for `organisation_id`.
    pub fn require_either(&self, cluster_id: i32, organisation_id: i32) -> Result<(), DomainError> {
        if self.coordinates(cluster_id) || self.acts_for(organisation_id) {
            Ok(())
        } else {
            Err(DomainError::forbidden(
                "only the cluster's coordinators, the organisation's members or an operator may do this",
            ))
        }
    }

    /// FORBIDDEN unless the account is an operator.
    pub fn require_operator(&self) -> Result<(), DomainError> {
        if self.is_operator {
            Ok(())
        } else {
            Err(DomainError::forbidden("only an operator may do this"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(operator: bool, clusters: &[i32], organisations: &[i32]) -> Actor {
        Actor {
            user_id: 1,
            email: "a@b.pl".into(),
            is_operator: operator,
            coordinated_clusters: clusters.iter().copied().collect(),
            member_organisations: organisations.iter().copied().collect(),
        }
    }

    #[test]
    fn an_operator_may_do_everything() {
        let operator = actor(true, &[], &[]);
        assert!(operator.require_coordinator(7).is_ok());
        assert!(operator.require_member(9).is_ok());
        assert!(operator.require_operator().is_ok());
    }

    #[test]
    fn a_coordinator_may_change_only_their_clusters() {
        let coordinator = actor(false, &[7], &[]);
        assert!(coordinator.require_coordinator(7).is_ok());
        assert!(matches!(
            coordinator.require_coordinator(8),
            Err(DomainError::Forbidden(_))
        ));
        assert!(coordinator.require_member(7).is_err());
        assert!(coordinator.require_operator().is_err());
    }

    #[test]
    fn a_member_may_change_only_their_organisations() {
        let member = actor(false, &[], &[9]);
        assert!(member.require_member(9).is_ok());
        assert!(member.require_member(10).is_err());
        assert!(member.require_coordinator(9).is_err());
        assert!(member.require_either(1, 9).is_ok());
        assert!(member.require_either(1, 10).is_err());
    }

    #[test]
    fn anonymous_callers_must_sign_in_and_see_nothing_private() {
        let anonymous = Viewer::Anonymous;
        assert!(matches!(
            anonymous.actor(),
            Err(DomainError::Unauthenticated(_))
        ));
        assert!(!anonymous.sees_contacts());
        assert!(!anonymous.sees_private_membership(1, 1));
    }

    #[test]
    fn private_memberships_show_to_both_sides_only() {
        let coordinator = Viewer::Signed(actor(false, &[7], &[]));
        let member = Viewer::Signed(actor(false, &[], &[9]));
        let stranger = Viewer::Signed(actor(false, &[8], &[10]));
        assert!(coordinator.sees_private_membership(7, 9));
        assert!(member.sees_private_membership(7, 9));
        assert!(!stranger.sees_private_membership(7, 9));
        assert!(stranger.sees_contacts());
    }
}
