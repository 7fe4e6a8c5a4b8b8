//! Who may do what: the registry's roles as pure functions.
//!
//! An operator may do everything. A coordinator may change the clusters they coordinate and
//! what belongs to them; a member may change the organisations they act for and apply with
//! them to clusters. A partner's API token is its own kind of caller: confined to its cluster,
//! it reads that cluster's private data only with READ_CLUSTER_PRIVATE and never acts as the
//! account that made it. Anonymous callers read public data only. Every service asks these
//! functions first, so the rules live in one place and are tested without a database.

use crate::DomainError;
use std::collections::BTreeSet;

/// What a partner's API token adds to, and takes from, the rights of its caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TokenGrant {
    /// The token's row.
    pub token_id: i32,
    /// Whether the token reads its cluster's private data (READ_CLUSTER_PRIVATE).
    pub reads_private: bool,
}

/// A signed-in account, or a partner's API token, with the rights it holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Actor {
    /// The account's row id; for an API token, the account that created it (the audit trail
    /// names both).
    pub user_id: i32,
    /// How the audit trail names the actor: the account's e-mail, or the token's name.
    pub email: String,
    /// Operates the whole registry.
    pub is_operator: bool,
    /// Clusters the actor may change (a coordinator's; an API token's one cluster).
    pub coordinated_clusters: BTreeSet<i32>,
    /// Organisations the account acts for.
    pub member_organisations: BTreeSet<i32>,
    /// Organisations whose other users the account manages (a subset of
    /// `member_organisations`): it adds and removes them and decides their requests.
    pub managed_organisations: BTreeSet<i32>,
    /// Clusters in which an organisation the account acts for is a current member; their
    /// people's contacts are shown to it.
    pub member_clusters: BTreeSet<i32>,
    /// The sign-in session the request came with; None for API tokens and the command line.
    pub session_id: Option<i32>,
    /// Set when the actor is a partner's API token rather than a person.
    pub api_token: Option<TokenGrant>,
}

/// Whoever is asking: an account or token, or nobody signed in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Viewer {
    /// Nobody is signed in.
    #[default]
    Anonymous,
    /// A signed-in account or a partner's API token.
    Signed(Actor),
}

impl Viewer {
    /// The signed-in account or token, or UNAUTHENTICATED.
    pub fn actor(&self) -> Result<&Actor, DomainError> {
        match self {
            Viewer::Signed(actor) => Ok(actor),
            Viewer::Anonymous => Err(DomainError::Unauthenticated(
                "sign in first: this needs an account".into(),
            )),
        }
    }

    /// The signed-in person, or UNAUTHENTICATED for anonymous callers and FORBIDDEN for API
    /// tokens: what concerns an account (its profile, its tokens) is not a token's to read.
    pub fn account(&self) -> Result<&Actor, DomainError> {
        let actor = self.actor()?;
        actor.require_account()?;
        Ok(actor)
    }

    /// Whether the private data of `cluster_id` may be shown.
    pub fn reads_private_of(&self, cluster_id: i32) -> bool {
        matches!(self, Viewer::Signed(actor) if actor.reads_private_of(cluster_id))
    }

    /// Whether contact details (e-mail, telephone) of the people of `cluster_id` may be shown:
    /// to operators, the cluster's coordinators, the accounts of its current members, and its
    /// tokens that read private data.
    pub fn sees_contacts_of(&self, cluster_id: i32) -> bool {
        match self {
            Viewer::Anonymous => false,
            Viewer::Signed(actor) => {
                actor.reads_private_of(cluster_id)
                    || (actor.api_token.is_none() && actor.member_clusters.contains(&cluster_id))
            }
        }
    }

    /// Whether a membership that is not public (a pending or rejected application, and the
    /// message of any application) may be shown: to operators, the cluster's coordinators and
    /// its tokens with a cluster scope (the membership workflow's data), and the applicant's
    /// accounts.
    pub fn sees_private_membership(&self, cluster_id: i32, organisation_id: i32) -> bool {
        match self {
            Viewer::Anonymous => false,
            Viewer::Signed(actor) => {
                actor.coordinates(cluster_id)
                    || (actor.api_token.is_none()
                        && actor.member_organisations.contains(&organisation_id))
            }
        }
    }

    /// Whether the applications waiting for `cluster_id`'s decision may be listed: to operators,
    /// its coordinators and its tokens with a cluster scope.
    pub fn sees_applications_of(&self, cluster_id: i32) -> bool {
        matches!(self, Viewer::Signed(actor) if actor.coordinates(cluster_id))
    }
}

impl Actor {
    /// Whether the account may change `cluster_id` and what belongs to it.
    pub fn coordinates(&self, cluster_id: i32) -> bool {
        self.is_operator || self.coordinated_clusters.contains(&cluster_id)
    }

    /// Whether the actor may read the private data of `cluster_id`: an operator, its
    /// coordinators, and its API tokens with READ_CLUSTER_PRIVATE.
    pub fn reads_private_of(&self, cluster_id: i32) -> bool {
        self.is_operator
            || (self.coordinated_clusters.contains(&cluster_id)
                && self.api_token.is_none_or(|token| token.reads_private))
    }

    /// Whether the account may act for `organisation_id`.
    pub fn acts_for(&self, organisation_id: i32) -> bool {
        self.is_operator || self.member_organisations.contains(&organisation_id)
    }

    /// Whether the account manages who acts for `organisation_id`.
    pub fn manages(&self, organisation_id: i32) -> bool {
        self.api_token.is_none()
            && (self.is_operator || self.managed_organisations.contains(&organisation_id))
    }

    /// Whether this actor holds every right `earlier` held (a socket opened with `earlier`
    /// may go on); false once a role was taken away.
    pub fn holds_every_right_of(&self, earlier: &Actor) -> bool {
        (self.is_operator || !earlier.is_operator)
            && self
                .coordinated_clusters
                .is_superset(&earlier.coordinated_clusters)
            && self
                .member_organisations
                .is_superset(&earlier.member_organisations)
            && self.member_clusters.is_superset(&earlier.member_clusters)
            && self
                .managed_organisations
                .is_superset(&earlier.managed_organisations)
            && self.api_token.is_none_or(|now| {
                earlier
                    .api_token
                    .is_none_or(|then| now.reads_private || !then.reads_private)
            })
    }

    /// Whether the actor may read the account `user_id` and its roles: the account itself
    /// (signed in as a person, not through a token) or an operator.
    pub fn may_read_account(&self, user_id: i32) -> bool {
        self.api_token.is_none() && (self.is_operator || self.user_id == user_id)
    }

    /// Whether the actor may read an API token (never its secret): a person who made it, an
    /// operator, or a coordinator of the token's cluster; as `apiTokens` lists them.
    pub fn may_read_token(&self, created_by: i32, cluster_id: Option<i32>) -> bool {
        self.api_token.is_none()
            && (self.is_operator
                || created_by == self.user_id
                || cluster_id.is_some_and(|c| self.coordinates(c)))
    }

    /// Whether the actor may read a webhook and its deliveries: those who read its cluster's
    /// private data; one of a voivodeship or of everything, operators only; as `webhooks` lists
    /// them.
    pub fn may_read_webhook(&self, cluster_id: Option<i32>) -> bool {
        match cluster_id {
            Some(cluster_id) => self.reads_private_of(cluster_id),
            None => self.is_operator,
        }
    }

    /// Whether the actor may read an audit entry: those who read its cluster's private data,
    /// the members of its organisation, and operators; as `auditTrail` shows them.
    pub fn may_read_audit_entry(
        &self,
        cluster_id: Option<i32>,
        organisation_id: Option<i32>,
    ) -> bool {
        self.is_operator
            || cluster_id.is_some_and(|c| self.reads_private_of(c))
            || organisation_id.is_some_and(|o| self.acts_for(o))
    }

    /// FORBIDDEN for a partner's API token: what only a person may do.
    pub fn require_account(&self) -> Result<(), DomainError> {
        if self.api_token.is_some() {
            Err(DomainError::forbidden(
                "an API token may not do this; sign in as a person",
            ))
        } else {
            Ok(())
        }
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

    /// FORBIDDEN unless the actor may read the private data of `cluster_id`.
    pub fn require_private_reader(&self, cluster_id: i32) -> Result<(), DomainError> {
        if self.reads_private_of(cluster_id) {
            Ok(())
        } else {
            Err(DomainError::forbidden(
                "only the cluster's coordinators, its tokens that read private data, or an operator may read this",
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
            ..Actor::default()
        }
    }

    fn token(cluster: i32, reads_private: bool) -> Actor {
        Actor {
            user_id: 1,
            email: "API token".into(),
            coordinated_clusters: [cluster].into(),
            api_token: Some(TokenGrant {
                token_id: 5,
                reads_private,
            }),
            ..Actor::default()
        }
    }

    #[test]
    fn private_records_are_read_by_those_who_see_them_in_their_lists() {
        let member = actor(false, &[], &[9]);
        let coordinator = actor(false, &[7], &[]);
        let operator = actor(true, &[], &[]);
        assert!(member.may_read_account(1) && !member.may_read_account(2));
        assert!(operator.may_read_account(2));
        assert!(
            !token(7, true).may_read_account(1),
            "a token reads no account"
        );
        assert!(coordinator.may_read_token(2, Some(7)));
        assert!(!coordinator.may_read_token(2, Some(8)));
        assert!(member.may_read_token(1, None), "one's own token");
        assert!(
            !token(7, true).may_read_token(2, Some(7)),
            "a token reads no token"
        );
        assert!(coordinator.may_read_webhook(Some(7)));
        assert!(!coordinator.may_read_webhook(None));
        assert!(!token(7, false).may_read_webhook(Some(7)));
        assert!(token(7, true).may_read_webhook(Some(7)));
        assert!(coordinator.may_read_audit_entry(Some(7), None));
        assert!(member.may_read_audit_entry(None, Some(9)));
        assert!(!member.may_read_audit_entry(Some(7), Some(8)));
        assert!(operator.may_read_audit_entry(None, None));
    }

    #[test]
    fn an_operator_may_do_everything() {
        let operator = actor(true, &[], &[]);
        assert!(operator.require_coordinator(7).is_ok());
        assert!(operator.require_member(9).is_ok());
        assert!(operator.require_operator().is_ok());
        assert!(Viewer::Signed(operator).sees_contacts_of(7));
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
        assert!(!anonymous.sees_contacts_of(1));
        assert!(!anonymous.sees_private_membership(1, 1));
        assert!(!anonymous.reads_private_of(1));
    }

    #[test]
    fn private_memberships_show_to_both_sides_only() {
        let coordinator = Viewer::Signed(actor(false, &[7], &[]));
        let member = Viewer::Signed(actor(false, &[], &[9]));
        let stranger = Viewer::Signed(actor(false, &[8], &[10]));
        assert!(coordinator.sees_private_membership(7, 9));
        assert!(member.sees_private_membership(7, 9));
        assert!(!stranger.sees_private_membership(7, 9));
    }

    #[test]
    fn contacts_show_to_the_cluster_and_its_members_only() {
        let mut member = actor(false, &[], &[9]);
        member.member_clusters = [7].into();
        let member = Viewer::Signed(member);
        assert!(member.sees_contacts_of(7));
        assert!(!member.sees_contacts_of(8), "another cluster's people");
        assert!(Viewer::Signed(actor(false, &[7], &[])).sees_contacts_of(7));
        assert!(!Viewer::Signed(actor(false, &[8], &[])).sees_contacts_of(7));
        assert!(Viewer::Signed(token(7, true)).sees_contacts_of(7));
        assert!(!Viewer::Signed(token(7, false)).sees_contacts_of(7));
        assert!(!Viewer::Signed(token(8, true)).sees_contacts_of(7));
    }

    #[test]
    fn a_token_reads_private_data_only_with_its_scope_and_never_acts_as_a_person() {
        let writer = token(7, false);
        assert!(
            writer.require_coordinator(7).is_ok(),
            "runs the member workflow"
        );
        assert!(!writer.reads_private_of(7));
        assert!(!Viewer::Signed(writer.clone()).sees_contacts_of(7));
        // The workflow's own data: the applications it decides.
        assert!(Viewer::Signed(writer.clone()).sees_private_membership(7, 9));
        assert!(Viewer::Signed(writer.clone()).sees_applications_of(7));
        assert!(!Viewer::Signed(writer.clone()).sees_applications_of(8));
        assert!(token(7, true).reads_private_of(7));
        assert!(!token(7, true).reads_private_of(8));
        assert!(matches!(
            Viewer::Signed(writer).account(),
            Err(DomainError::Forbidden(_))
        ));
        assert!(Viewer::Signed(actor(false, &[], &[])).account().is_ok());
    }

    #[test]
    fn rights_taken_away_are_noticed_and_rights_added_are_not_a_loss() {
        let before = actor(false, &[7, 8], &[9]);
        assert!(actor(false, &[7, 8, 10], &[9]).holds_every_right_of(&before));
        assert!(!actor(false, &[7], &[9]).holds_every_right_of(&before));
        assert!(!actor(false, &[7, 8], &[]).holds_every_right_of(&before));
        assert!(!actor(false, &[], &[]).holds_every_right_of(&actor(true, &[], &[])));
        assert!(!token(7, false).holds_every_right_of(&token(7, true)));
    }
}
