//! Which changes partners hear of, and who may hear of each.
//!
//! Every recorded change is offered to [`classify`]; the ones it names become events in the
//! outbox. An event says what changed and where, never the changed values: a partner reads those
//! through the API with its own rights, so an event cannot leak what its reader may not see.

use crate::rules::access::Viewer;
use serde_json::Value;

/// The kinds of change partners subscribe to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EventKind {
    /// A cluster or what belongs to it (profile, services, events, projects, board, figures).
    ClusterChanged,
    /// A membership: an application, its decision, a member added, changed or leaving.
    MembershipChanged,
    /// A KKK certification recorded, changed or withdrawn.
    CertificationChanged,
    /// An ESCA label recorded, changed or withdrawn.
    LabelChanged,
    /// A cooperation notice posted on the board.
    CooperationOfferPosted,
    /// An organisation's profile.
    OrganisationChanged,
    /// A KKK status ends in 180, 90, 30 or 7 days, or lapsed yesterday.
    CertificationExpiring,
    /// An ESCA label ends in 180, 90, 30 or 7 days, or lapsed yesterday.
    LabelExpiring,
}

impl EventKind {
    /// Every kind, in the order the API lists them.
    pub const ALL: [EventKind; 8] = [
        EventKind::ClusterChanged,
        EventKind::MembershipChanged,
        EventKind::CertificationChanged,
        EventKind::LabelChanged,
        EventKind::CooperationOfferPosted,
        EventKind::OrganisationChanged,
        EventKind::CertificationExpiring,
        EventKind::LabelExpiring,
    ];

    /// The stored and published name.
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::ClusterChanged => "CLUSTER_CHANGED",
            EventKind::MembershipChanged => "MEMBERSHIP_CHANGED",
            EventKind::CertificationChanged => "CERTIFICATION_CHANGED",
            EventKind::LabelChanged => "LABEL_CHANGED",
            EventKind::CooperationOfferPosted => "COOPERATION_OFFER_POSTED",
            EventKind::OrganisationChanged => "ORGANISATION_CHANGED",
            EventKind::CertificationExpiring => "CERTIFICATION_EXPIRING",
            EventKind::LabelExpiring => "LABEL_EXPIRING",
        }
    }

    /// The kind stored as `name`.
    pub fn parse(name: &str) -> Option<EventKind> {
        EventKind::ALL.into_iter().find(|k| k.as_str() == name)
    }
}

/// What a recorded change tells partners: its kind and whether anyone may hear of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Classified {
    /// The event's kind.
    pub kind: EventKind,
    /// False when only the cluster's coordinators and the organisation's members may hear of it.
    pub is_public: bool,
}

/// Memberships the public sees: current members and those who left; applications and
/// rejections stay between the applicant and the cluster. A change is heard by the audience of
/// the state it leaves the membership in (a re-application after leaving is private), and a
/// deletion by the audience of the state deleted.
fn membership_is_public(snapshot: Option<&Value>) -> bool {
    matches!(
        snapshot
            .and_then(|s| s.get("status"))
            .and_then(Value::as_str),
        Some("ACTIVE" | "LEFT")
    )
}

/// The event a change of `object_type` by `action` makes, given the object's values before and
/// after; None for changes partners do not hear of (accounts, tokens, answers to notices).
pub fn classify(
    object_type: &str,
    action: &str,
    before: Option<&Value>,
    after: Option<&Value>,
) -> Option<Classified> {
    let public = |kind| {
        Some(Classified {
            kind,
            is_public: true,
        })
    };
    match object_type {
        "Cluster" | "Project" | "Indicator" | "Service" | "Event" | "WorkingGroup"
        | "ClusterPerson" => public(EventKind::ClusterChanged),
        "Membership" => Some(Classified {
            kind: EventKind::MembershipChanged,
            is_public: membership_is_public(after.or(before)),
        }),
        "KkkCertification" if action == "EXPIRING" => public(EventKind::CertificationExpiring),
        "EscaLabel" if action == "EXPIRING" => public(EventKind::LabelExpiring),
        "KkkCertification" => public(EventKind::CertificationChanged),
        "EscaLabel" => public(EventKind::LabelChanged),
        "CooperationOffer" if action == "CREATE" => public(EventKind::CooperationOfferPosted),
        "Organisation" => public(EventKind::OrganisationChanged),
        _ => None,
    }
}

/// The voivodeship a change happened in, read from the object's own values when it has one.
pub fn voivodeship_of(before: Option<&Value>, after: Option<&Value>) -> Option<String> {
    after
        .or(before)
        .and_then(|s| s.get("voivodeship_teryt"))
        .and_then(Value::as_str)
        .map(str::to_owned)
}

/// Whether `viewer` may hear of an event: anyone of a public one; of a private one the cluster's
/// coordinators, the organisation's members and operators.
pub fn visible_to(
    viewer: &Viewer,
    is_public: bool,
    cluster_id: Option<i32>,
    organisation_id: Option<i32>,
) -> bool {
    if is_public {
        return true;
    }
    match viewer {
        Viewer::Anonymous => false,
        Viewer::Signed(actor) => {
            cluster_id.is_some_and(|c| actor.coordinates(c))
                || organisation_id.is_some_and(|o| match cluster_id {
                    Some(c) => viewer.sees_private_membership(c, o),
                    None => actor.api_token.is_none() && actor.acts_for(o),
                })
                || actor.is_operator
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::access::Actor;
    use serde_json::json;

    #[test]
    fn applications_are_private_and_decisions_to_admit_are_public() {
        let pending = json!({"status": "PENDING"});
        let active = json!({"status": "ACTIVE"});
        let rejected = json!({"status": "REJECTED"});
        let public = |action, before: Option<&Value>, after: Option<&Value>| {
            let classified = classify("Membership", action, before, after).expect("an event");
            assert_eq!(classified.kind, EventKind::MembershipChanged);
            classified.is_public
        };
        assert!(!public("APPLY", None, Some(&pending)));
        assert!(!public("REJECT", Some(&pending), Some(&rejected)));
        assert!(public("APPROVE", Some(&pending), Some(&active)));
        assert!(!public("WITHDRAW", Some(&pending), None));
        // A re-application after leaving is an application, whatever came before it.
        let left = json!({"status": "LEFT"});
        assert!(!public("APPLY", Some(&left), Some(&pending)));
        assert!(public("LEAVE", Some(&active), Some(&left)));
        assert!(public("DELETE", Some(&active), None));
    }

    #[test]
    fn accounts_tokens_and_answers_make_no_event() {
        assert_eq!(classify("ApiToken", "CREATE", None, None), None);
        assert_eq!(classify("CooperationResponse", "CREATE", None, None), None);
        assert_eq!(classify("CooperationOffer", "UPDATE", None, None), None);
        assert!(classify("CooperationOffer", "CREATE", None, None).is_some());
    }

    #[test]
    fn a_private_event_reaches_only_its_cluster_organisation_and_operators() {
        let actor = |operator, clusters: &[i32], organisations: &[i32]| {
            Viewer::Signed(Actor {
                user_id: 1,
                email: "a@b.pl".into(),
                is_operator: operator,
                coordinated_clusters: clusters.iter().copied().collect(),
                member_organisations: organisations.iter().copied().collect(),
                ..Actor::default()
            })
        };
        assert!(visible_to(&Viewer::Anonymous, true, Some(1), None));
        assert!(!visible_to(&Viewer::Anonymous, false, Some(1), Some(2)));
        assert!(visible_to(
            &actor(false, &[1], &[]),
            false,
            Some(1),
            Some(2)
        ));
        assert!(visible_to(
            &actor(false, &[], &[2]),
            false,
            Some(1),
            Some(2)
        ));
        assert!(!visible_to(
            &actor(false, &[3], &[4]),
            false,
            Some(1),
            Some(2)
        ));
        assert!(visible_to(&actor(true, &[], &[]), false, Some(1), Some(2)));
        let token = |reads_private| {
            Viewer::Signed(Actor {
                coordinated_clusters: [1].into(),
                api_token: Some(crate::rules::access::TokenGrant {
                    token_id: 9,
                    reads_private,
                }),
                ..Actor::default()
            })
        };
        assert!(visible_to(&token(true), false, Some(1), Some(2)));
        assert!(visible_to(&token(false), false, Some(1), Some(2)));
        assert!(!visible_to(&token(true), false, Some(3), Some(2)));
    }

    #[test]
    fn kind_names_read_back() {
        for kind in EventKind::ALL {
            assert_eq!(EventKind::parse(kind.as_str()), Some(kind));
        }
    }
}
