//! How people, organisations and clusters join the registry: who decides a request to act for
//! an organisation, what hints a decider gets, and how a submitted cluster stands against the
//! listing rules of the EU's cluster collaboration platform.

use serde::{Deserialize, Serialize};

/// Who decides a request to act for an organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Decider {
    /// The organisation's own managers, when it has any.
    OrganisationManagers,
    /// Else the coordinators of the clusters it is a current member of, when they have any.
    ClusterCoordinators,
    /// Else the registry's operators.
    Operators,
}

/// Who decides a request to act for an organisation with `managers` managing accounts, that is
/// a current member of clusters with `coordinators` coordinating accounts between them.
pub fn decider(managers: usize, coordinators: usize) -> Decider {
    if managers > 0 {
        Decider::OrganisationManagers
    } else if coordinators > 0 {
        Decider::ClusterCoordinators
    } else {
        Decider::Operators
    }
}

/// Whether the domain of `email` is the domain of `website` or one of its subdomains (or the
/// other way round): a hint to whoever decides that the person works there, never proof.
pub fn email_matches_website(email: &str, website: Option<&str>) -> bool {
    let Some(website) = website else {
        return false;
    };
    let Some((_, email_domain)) = email.rsplit_once('@') else {
        return false;
    };
    let host = website
        .trim()
        .trim_start_matches("https://")
        .trim_start_matches("http://")
        .split(['/', ':', '?', '#'])
        .next()
        .unwrap_or("")
        .trim_start_matches("www.")
        .to_lowercase();
    let email_domain = email_domain.trim().to_lowercase();
    if host.is_empty() || email_domain.is_empty() {
        return false;
    }
    host == email_domain
        || host.ends_with(&format!(".{email_domain}"))
        || email_domain.ends_with(&format!(".{host}"))
}

/// Members of one kind, as a submitter declares them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeclaredMembers {
    /// The kind of organisation.
    pub kind: klastry_entity::OrganisationKind,
    /// How many.
    pub count: u32,
}

/// The fewest members, and of the fewest kinds, that the EU platform lists a cluster with.
pub const LISTING_MIN_MEMBERS: u32 = 15;
/// See [`LISTING_MIN_MEMBERS`].
pub const LISTING_MIN_KINDS: u32 = 2;

/// How a submission stands against the EU platform's listing rules, as submitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListingCheck {
    /// Members declared in all.
    pub members: u32,
    /// Kinds of organisation with at least one member.
    pub kinds: u32,
    /// At least [`LISTING_MIN_MEMBERS`].
    pub enough_members: bool,
    /// At least [`LISTING_MIN_KINDS`].
    pub enough_kinds: bool,
    /// Whether an English website was given.
    pub english_website: bool,
}

/// Checks `declared` members and the English website against the listing rules.
pub fn listing_check(declared: &[DeclaredMembers], website_en: Option<&str>) -> ListingCheck {
    let members = declared
        .iter()
        .fold(0u32, |sum, d| sum.saturating_add(d.count));
    let kinds = declared
        .iter()
        .filter(|d| d.count > 0)
        .map(|d| d.kind)
        .collect::<std::collections::HashSet<_>>()
        .len() as u32;
    ListingCheck {
        members,
        kinds,
        enough_members: members >= LISTING_MIN_MEMBERS,
        enough_kinds: kinds >= LISTING_MIN_KINDS,
        english_website: website_en.is_some_and(|w| !w.trim().is_empty()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use klastry_entity::OrganisationKind;

    #[test]
    fn managers_decide_first_then_coordinators_then_operators() {
        assert_eq!(decider(1, 3), Decider::OrganisationManagers);
        assert_eq!(decider(0, 3), Decider::ClusterCoordinators);
        assert_eq!(decider(0, 0), Decider::Operators);
    }

    #[test]
    fn an_address_at_the_website_domain_is_a_hint() {
        assert!(email_matches_website(
            "anna@firma.pl",
            Some("https://www.firma.pl/o-nas")
        ));
        assert!(email_matches_website(
            "anna@lab.uni.edu.pl",
            Some("uni.edu.pl")
        ));
        assert!(!email_matches_website(
            "anna@gmail.com",
            Some("https://firma.pl")
        ));
        assert!(!email_matches_website("anna@firma.pl", None));
        assert!(!email_matches_website("anna@notfirma.pl", Some("firma.pl")));
    }

    #[test]
    fn fifteen_members_of_two_kinds_and_an_english_site_meet_the_listing_rules() {
        let declared = [
            DeclaredMembers {
                kind: OrganisationKind::SmallEnterprise,
                count: 12,
            },
            DeclaredMembers {
                kind: OrganisationKind::University,
                count: 3,
            },
        ];
        let check = listing_check(&declared, Some("https://cluster.eu/en"));
        assert_eq!((check.members, check.kinds), (15, 2));
        assert!(check.enough_members && check.enough_kinds && check.english_website);
        let few = listing_check(&declared[..1], None);
        assert!(!few.enough_members && !few.enough_kinds && !few.english_website);
    }
}
