//! Opaque global IDs (`node(id:)`) and pagination cursors.
//!
//! Both are base64url text so clients treat them as opaque; both are parsed strictly, and a
//! malformed one is a BAD_USER_INPUT error naming the argument, never a panic.

use crate::error::ApiError;
use async_graphql::ID;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use klastry_domain::FieldErrorCode;
use klastry_domain::db::pagination::{Keyset, check_filter_list};

/// The kinds of object a global ID can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeKind {
    /// A cluster.
    Cluster,
    /// An organisation.
    Organisation,
    /// A membership.
    Membership,
    /// A KKK certification.
    KkkCertification,
    /// An ESCA label.
    EscaLabel,
    /// A person.
    Person,
    /// A project.
    Project,
    /// An event.
    Event,
    /// A cluster's service.
    Service,
    /// A cluster's working group.
    WorkingGroup,
    /// A cluster's yearly figures.
    Indicator,
    /// A person's part in a cluster.
    ClusterPerson,
    /// A cooperation notice.
    CooperationOffer,
    /// An answer to a cooperation notice.
    CooperationResponse,
    /// A user account.
    User,
    /// A role an account holds.
    UserRole,
    /// A recorded change.
    AuditEntry,
    /// An API token.
    ApiToken,
    /// A change partners hear of.
    RegistryEvent,
    /// A partner's webhook.
    Webhook,
    /// One event on its way to one webhook.
    WebhookDelivery,
    /// A request for access.
    AccessRequest,
    /// An invitation by e-mail.
    Invitation,
    /// A cluster submitted for review.
    ClusterSubmission,
    /// A mail in the outbox.
    MailMessage,
    /// A notification in an account's inbox.
    Notification,
    /// Something an account follows.
    Follow,
    /// A search an account saved.
    SavedSearch,
    /// A document facts were taken from.
    SourceDocument,
}

impl NodeKind {
    const ALL: [NodeKind; 29] = [
        NodeKind::Cluster,
        NodeKind::Organisation,
        NodeKind::Membership,
        NodeKind::KkkCertification,
        NodeKind::EscaLabel,
        NodeKind::Person,
        NodeKind::Project,
        NodeKind::Event,
        NodeKind::Service,
        NodeKind::WorkingGroup,
        NodeKind::Indicator,
        NodeKind::ClusterPerson,
        NodeKind::CooperationOffer,
        NodeKind::CooperationResponse,
        NodeKind::User,
        NodeKind::UserRole,
        NodeKind::AuditEntry,
        NodeKind::ApiToken,
        NodeKind::RegistryEvent,
        NodeKind::Webhook,
        NodeKind::WebhookDelivery,
        NodeKind::AccessRequest,
        NodeKind::Invitation,
        NodeKind::ClusterSubmission,
        NodeKind::MailMessage,
        NodeKind::Notification,
        NodeKind::Follow,
        NodeKind::SavedSearch,
        NodeKind::SourceDocument,
    ];

    /// The kind's name, as global IDs and the audit trail's object types spell it.
    pub(crate) fn name(self) -> &'static str {
        match self {
            NodeKind::Cluster => "Cluster",
            NodeKind::Organisation => "Organisation",
            NodeKind::Membership => "Membership",
            NodeKind::KkkCertification => "KkkCertification",
            NodeKind::EscaLabel => "EscaLabel",
            NodeKind::Person => "Person",
            NodeKind::Project => "Project",
            NodeKind::Event => "Event",
            NodeKind::Service => "Service",
            NodeKind::WorkingGroup => "WorkingGroup",
            NodeKind::Indicator => "Indicator",
            NodeKind::ClusterPerson => "ClusterPerson",
            NodeKind::CooperationOffer => "CooperationOffer",
            NodeKind::CooperationResponse => "CooperationResponse",
            NodeKind::User => "User",
            NodeKind::UserRole => "UserRole",
            NodeKind::AuditEntry => "AuditEntry",
            NodeKind::ApiToken => "ApiToken",
            NodeKind::RegistryEvent => "RegistryEvent",
            NodeKind::Webhook => "Webhook",
            NodeKind::WebhookDelivery => "WebhookDelivery",
            NodeKind::AccessRequest => "AccessRequest",
            NodeKind::Invitation => "Invitation",
            NodeKind::ClusterSubmission => "ClusterSubmission",
            NodeKind::MailMessage => "MailMessage",
            NodeKind::Notification => "Notification",
            NodeKind::Follow => "Follow",
            NodeKind::SavedSearch => "SavedSearch",
            NodeKind::SourceDocument => "SourceDocument",
        }
    }

    /// The kind named `name` (a type name as the API spells it).
    pub fn from_name(name: &str) -> Option<NodeKind> {
        NodeKind::ALL.into_iter().find(|k| k.name() == name)
    }
}

/// The global ID of a row of `kind`.
pub fn global_id(kind: NodeKind, id: i32) -> ID {
    ID(URL_SAFE_NO_PAD.encode(format!("{}:{id}", kind.name())))
}

/// Reads a global ID of any kind.
pub fn parse_global_id(field: &str, id: &ID) -> Result<(NodeKind, i32), ApiError> {
    let bad = || {
        ApiError::bad_input(
            field,
            FieldErrorCode::InvalidFormat,
            format!("'{}' is not a valid ID", id.as_str()),
        )
    };
    let bytes = URL_SAFE_NO_PAD.decode(id.as_str()).map_err(|_| bad())?;
    let text = String::from_utf8(bytes).map_err(|_| bad())?;
    let (kind, number) = text.split_once(':').ok_or_else(bad)?;
    let kind = NodeKind::ALL
        .into_iter()
        .find(|k| k.name() == kind)
        .ok_or_else(bad)?;
    let number: i32 = number.parse().map_err(|_| bad())?;
    if number <= 0 {
        return Err(bad());
    }
    Ok((kind, number))
}

/// Reads a global ID that must be of `kind`.
pub fn parse_id_of(field: &str, kind: NodeKind, id: &ID) -> Result<i32, ApiError> {
    match parse_global_id(field, id)? {
        (k, n) if k == kind => Ok(n),
        (k, _) => Err(ApiError::bad_input(
            field,
            FieldErrorCode::InvalidFormat,
            format!(
                "expected the ID of a {}, got the ID of a {}",
                kind.name(),
                k.name()
            ),
        )),
    }
}

/// The global IDs a filter lists as `field` (`filter.clusters`), each of `kind`, as row ids;
/// none given is none. More than a filter takes is TOO_LONG, and an ID [`parse_id_of`] refuses
/// is refused the same way, both naming `field`.
pub fn parse_ids_of(
    field: &str,
    kind: NodeKind,
    ids: Option<Vec<ID>>,
) -> Result<Vec<i32>, ApiError> {
    let ids = ids.unwrap_or_default();
    // Counted before any is parsed: a list too long is refused as such, whatever it holds.
    check_filter_list(field, ids.len())?;
    ids.iter().map(|id| parse_id_of(field, kind, id)).collect()
}

/// A position in a list, written out as a cursor only when a client asks for it: a page of
/// 50 clusters with 20 members each would otherwise encode a thousand cursors nobody reads.
pub struct Cursor(pub Keyset);

impl async_graphql::connection::CursorType for Cursor {
    type Error = ApiError;

    fn decode_cursor(cursor: &str) -> Result<Self, ApiError> {
        decode_cursor("cursor", cursor).map(Cursor)
    }

    fn encode_cursor(&self) -> String {
        encode_cursor(&self.0)
    }
}

/// The cursor of a position in a list.
pub fn encode_cursor(keyset: &Keyset) -> String {
    let json = serde_json::json!([keyset.key, keyset.id]);
    URL_SAFE_NO_PAD.encode(json.to_string())
}

/// Reads a cursor given as `field`.
pub fn decode_cursor(field: &str, cursor: &str) -> Result<Keyset, ApiError> {
    let bad = || {
        ApiError::bad_input(
            field,
            FieldErrorCode::InvalidFormat,
            format!("'{cursor}' is not a cursor of this list"),
        )
    };
    let bytes = URL_SAFE_NO_PAD.decode(cursor).map_err(|_| bad())?;
    let (key, id): (String, i32) = serde_json::from_slice(&bytes).map_err(|_| bad())?;
    Ok(Keyset { key, id })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn global_ids_round_trip_and_check_their_kind() {
        let id = global_id(NodeKind::Cluster, 42);
        assert_eq!(
            parse_global_id("id", &id).ok(),
            Some((NodeKind::Cluster, 42))
        );
        assert!(parse_id_of("id", NodeKind::Organisation, &id).is_err());
    }

    #[test]
    fn malformed_ids_are_refused() {
        for bad in [
            "",
            "!!!",
            "Q2x1c3Rlcg",
            &URL_SAFE_NO_PAD.encode("Cluster:x"),
            &URL_SAFE_NO_PAD.encode("Nope:1"),
            &URL_SAFE_NO_PAD.encode("Cluster:-1"),
        ] {
            assert!(
                parse_global_id("id", &ID(bad.to_string())).is_err(),
                "{bad}"
            );
        }
    }

    #[test]
    fn a_filter_list_of_ids_is_counted_then_read() {
        let code = |result: Result<Vec<i32>, ApiError>| match result {
            Err(ApiError::BadUserInput(e)) => Some((e.field, e.code)),
            _ => None,
        };
        let field = "filter.clusters";
        assert_eq!(
            parse_ids_of(field, NodeKind::Cluster, None).ok(),
            Some(vec![])
        );
        let two = vec![
            global_id(NodeKind::Cluster, 3),
            global_id(NodeKind::Cluster, 5),
        ];
        assert_eq!(
            parse_ids_of(field, NodeKind::Cluster, Some(two)).ok(),
            Some(vec![3, 5])
        );
        let wrong = vec![global_id(NodeKind::Organisation, 3)];
        assert_eq!(
            code(parse_ids_of(field, NodeKind::Cluster, Some(wrong))),
            Some((field.to_string(), FieldErrorCode::InvalidFormat))
        );
        // Too many is refused as such even when the IDs are garbage too.
        let many = vec![ID("garbage".into()); 101];
        assert_eq!(
            code(parse_ids_of(field, NodeKind::Cluster, Some(many))),
            Some((field.to_string(), FieldErrorCode::TooLong))
        );
    }

    #[test]
    fn cursors_round_trip_and_garbage_is_refused() {
        let keyset = Keyset {
            key: "śląski".into(),
            id: 7,
        };
        assert_eq!(
            decode_cursor("after", &encode_cursor(&keyset)).ok(),
            Some(keyset)
        );
        assert!(decode_cursor("after", "garbage").is_err());
    }
}
