//! Fetching any object by its global ID: the `Node` interface and the `node` and `nodes`
//! queries.
//!
//! A new object type with a global ID becomes a variant of [`Node`] and an arm of `load_node`.

use crate::context::{db, loaders, viewer};
use crate::error::{ApiError, OrApi};
use crate::ids::{NodeKind, parse_global_id};
use crate::join::join_all;
use crate::types::account::{AuditEntry, User, UserRole};
use crate::types::api_token::ApiToken;
use crate::types::cluster::Cluster;
use crate::types::cooperation::{CooperationOffer, CooperationResponse};
use crate::types::events::RegistryEvent;
use crate::types::facts::{
    ClusterPerson, Event, Indicator, Person, Project, Service, WorkingGroup,
};
use crate::types::joining::{AccessRequest, ClusterSubmission, Invitation};
use crate::types::mail::MailMessage;
use crate::types::notifications::{Follow, Notification, SavedSearch};
use crate::types::organisation::{Membership, Organisation};
use crate::types::reference::SourceDocument;
use crate::types::status::{EscaLabel, KkkCertification};
use crate::types::webhook::{Webhook, WebhookAttempt, WebhookDelivery};
use async_graphql::{Context, ID, Interface, Object, Result};
use klastry_domain::joining::{access_requests, invitations, submissions};
use klastry_domain::mail::outbox;
use klastry_domain::rules::events::visible_to;
use klastry_domain::writes::cooperation::may_read_response;
use klastry_domain::{DomainError, FieldError, FieldErrorCode};
use klastry_entity::{access_request, cluster_submission, invitation, mail_message};
use sea_orm::EntityTrait;

/// Anything with a global ID.
#[derive(Interface)]
#[graphql(field(name = "id", ty = "ID", desc = "Global ID."))]
pub enum Node {
    /// A cluster.
    Cluster(Cluster),
    /// An organisation.
    Organisation(Organisation),
    /// A membership.
    Membership(Membership),
    /// A KKK certification.
    KkkCertification(KkkCertification),
    /// An ESCA label.
    EscaLabel(EscaLabel),
    /// A person.
    Person(Person),
    /// A project.
    Project(Project),
    /// An event.
    Event(Event),
    /// A cluster's service.
    Service(Service),
    /// A cluster's working group.
    WorkingGroup(WorkingGroup),
    /// A cluster's figures for a year.
    Indicator(Indicator),
    /// A person's part in a cluster's board or office.
    ClusterPerson(ClusterPerson),
    /// A notice on the cooperation board.
    CooperationOffer(CooperationOffer),
    /// An answer to a notice, for the posting and the answering organisation only.
    CooperationResponse(CooperationResponse),
    /// An account, for itself and operators.
    User(User),
    /// A role an account holds, for the account and operators.
    UserRole(UserRole),
    /// An entry of the audit trail, for those who may read the trail it belongs to.
    AuditEntry(AuditEntry),
    /// An API token (never its secret), for its maker, its cluster's coordinators and operators.
    ApiToken(ApiToken),
    /// A webhook, for its cluster's private readers and operators.
    Webhook(Webhook),
    /// One event on its way to one webhook, for those who may read the webhook.
    WebhookDelivery(WebhookDelivery),
    /// A change to the registry; a private one only for those who may hear of it.
    RegistryEvent(RegistryEvent),
    /// A request for access, for the one asking, whoever decides it and operators.
    AccessRequest(AccessRequest),
    /// A document facts were taken from, for anyone.
    SourceDocument(SourceDocument),
    /// An invitation, for whoever may send it.
    Invitation(Invitation),
    /// A cluster submitted for review, for its submitter and operators.
    ClusterSubmission(ClusterSubmission),
    /// A mail in the outbox, for operators.
    MailMessage(MailMessage),
    /// A notification, for its account only.
    Notification(Notification),
    /// A follow, for its account only.
    Follow(Follow),
    /// A saved search, for its account only.
    SavedSearch(SavedSearch),
}

async fn load_node(ctx: &Context<'_>, kind: NodeKind, id: i32) -> Result<Option<Node>> {
    let l = loaders(ctx);
    Ok(match kind {
        NodeKind::Cluster => l
            .clusters
            .load_one(id)
            .await
            .or_api()?
            .map(|m| Node::Cluster(Cluster(m))),
        NodeKind::SourceDocument => l
            .source_documents
            .load_one(id)
            .await
            .or_api()?
            .map(|m| Node::SourceDocument(SourceDocument(m))),
        NodeKind::Organisation => l
            .organisations
            .load_one(id)
            .await
            .or_api()?
            .map(|m| Node::Organisation(Organisation(m))),
        NodeKind::Person => l
            .people
            .load_one(id)
            .await
            .or_api()?
            .map(|m| Node::Person(Person(m, None))),
        NodeKind::Membership => l
            .memberships
            .load_one(id)
            .await
            .or_api()?
            .filter(|m| {
                crate::types::organisation::is_public(m)
                    || viewer(ctx).sees_private_membership(m.cluster_id, m.organisation_id)
            })
            .map(|m| Node::Membership(Membership::new(m))),
        NodeKind::KkkCertification => l
            .kkk_certifications
            .load_one(id)
            .await
            .or_api()?
            .map(|m| Node::KkkCertification(KkkCertification(m))),
        NodeKind::EscaLabel => l
            .esca_labels
            .load_one(id)
            .await
            .or_api()?
            .map(|m| Node::EscaLabel(EscaLabel(m))),
        NodeKind::Project => l
            .projects_by_id
            .load_one(id)
            .await
            .or_api()?
            .map(|m| Node::Project(Project(m))),
        NodeKind::Event => l
            .events_by_id
            .load_one(id)
            .await
            .or_api()?
            .map(|m| Node::Event(Event(m))),
        NodeKind::Service => l
            .nodes()
            .services
            .load_one(id)
            .await
            .or_api()?
            .map(|m| Node::Service(Service(m))),
        NodeKind::WorkingGroup => l
            .nodes()
            .working_groups
            .load_one(id)
            .await
            .or_api()?
            .map(|m| Node::WorkingGroup(WorkingGroup(m))),
        NodeKind::Indicator => l
            .nodes()
            .indicators
            .load_one(id)
            .await
            .or_api()?
            .map(|m| Node::Indicator(Indicator(m))),
        NodeKind::ClusterPerson => l
            .nodes()
            .cluster_people
            .load_one(id)
            .await
            .or_api()?
            .map(|m| Node::ClusterPerson(ClusterPerson(m))),
        NodeKind::CooperationOffer => l
            .nodes()
            .cooperation_offers
            .load_one(id)
            .await
            .or_api()?
            .map(|m| Node::CooperationOffer(CooperationOffer(m))),
        NodeKind::CooperationResponse => {
            let Ok(actor) = viewer(ctx).actor() else {
                return Ok(None);
            };
            let Some(response) = l
                .nodes()
                .cooperation_responses
                .load_one(id)
                .await
                .or_api()?
            else {
                return Ok(None);
            };
            l.nodes()
                .cooperation_offers
                .load_one(response.offer_id)
                .await
                .or_api()?
                .filter(|offer| may_read_response(actor, offer, &response))
                .map(|_| Node::CooperationResponse(CooperationResponse(response)))
        }
        // Private records: each is a node for exactly those who find it in its list.
        NodeKind::User => {
            let reader = viewer(ctx).actor().ok();
            l.nodes()
                .users
                .load_one(id)
                .await
                .or_api()?
                .filter(|user| reader.is_some_and(|a| a.may_read_account(user.id)))
                .map(|m| Node::User(User(m)))
        }
        NodeKind::UserRole => {
            let reader = viewer(ctx).actor().ok();
            l.nodes()
                .user_roles
                .load_one(id)
                .await
                .or_api()?
                .filter(|role| reader.is_some_and(|a| a.may_read_account(role.user_id)))
                .map(|m| Node::UserRole(UserRole(m)))
        }
        NodeKind::AuditEntry => {
            let reader = viewer(ctx).actor().ok();
            l.nodes()
                .audit_entries
                .load_one(id)
                .await
                .or_api()?
                .filter(|entry| {
                    reader.is_some_and(|a| {
                        a.may_read_audit_entry(entry.cluster_id, entry.organisation_id)
                    })
                })
                .map(|m| Node::AuditEntry(AuditEntry(m)))
        }
        NodeKind::ApiToken => {
            let reader = viewer(ctx).actor().ok();
            l.nodes()
                .api_tokens
                .load_one(id)
                .await
                .or_api()?
                .filter(|token| {
                    reader.is_some_and(|a| a.may_read_token(token.created_by, token.cluster_id))
                })
                .map(|m| Node::ApiToken(ApiToken(m)))
        }
        NodeKind::Webhook => {
            let reader = viewer(ctx).actor().ok();
            l.nodes()
                .webhooks
                .load_one(id)
                .await
                .or_api()?
                .filter(|hook| reader.is_some_and(|a| a.may_read_webhook(hook.cluster_id)))
                .map(|m| Node::Webhook(Webhook(m)))
        }
        NodeKind::WebhookDelivery => {
            let Ok(reader) = viewer(ctx).actor() else {
                return Ok(None);
            };
            let Some(delivery) = l.nodes().webhook_deliveries.load_one(id).await.or_api()? else {
                return Ok(None);
            };
            let readable = l
                .nodes()
                .webhooks
                .load_one(delivery.webhook_id)
                .await
                .or_api()?
                .is_some_and(|hook| reader.may_read_webhook(hook.cluster_id));
            if !readable {
                return Ok(None);
            }
            let attempts = l
                .nodes()
                .webhook_attempts
                .load_one(delivery.id)
                .await
                .or_api()?
                .unwrap_or_default()
                .into_iter()
                .map(WebhookAttempt::from)
                .collect();
            Some(Node::WebhookDelivery(WebhookDelivery(delivery, attempts)))
        }
        // Self-service records are read one at a time: they are asked for by ID rarely, on the
        // pages that decide them, which list them through their connections.
        NodeKind::AccessRequest => {
            let Ok(reader) = viewer(ctx).actor() else {
                return Ok(None);
            };
            match access_request::Entity::find_by_id(id)
                .one(db(ctx))
                .await
                .map_err(DomainError::from)
                .or_api()?
            {
                Some(request)
                    if access_requests::may_read(db(ctx), reader, &request)
                        .await
                        .or_api()? =>
                {
                    Some(Node::AccessRequest(AccessRequest(request)))
                }
                _ => None,
            }
        }
        NodeKind::Invitation => {
            let Ok(reader) = viewer(ctx).actor() else {
                return Ok(None);
            };
            match invitation::Entity::find_by_id(id)
                .one(db(ctx))
                .await
                .map_err(DomainError::from)
                .or_api()?
            {
                Some(found)
                    if invitations::may_read(db(ctx), reader, &found)
                        .await
                        .or_api()? =>
                {
                    Some(Node::Invitation(Invitation(found)))
                }
                _ => None,
            }
        }
        NodeKind::ClusterSubmission => {
            let Ok(reader) = viewer(ctx).actor() else {
                return Ok(None);
            };
            cluster_submission::Entity::find_by_id(id)
                .one(db(ctx))
                .await
                .map_err(DomainError::from)
                .or_api()?
                .filter(|s| submissions::may_read(reader, s))
                .map(|s| Node::ClusterSubmission(ClusterSubmission(s)))
        }
        NodeKind::MailMessage => {
            if !viewer(ctx)
                .actor()
                .is_ok_and(|a| a.is_operator && a.api_token.is_none())
            {
                return Ok(None);
            }
            match mail_message::Entity::find_by_id(id)
                .one(db(ctx))
                .await
                .map_err(DomainError::from)
                .or_api()?
            {
                Some(mail) => {
                    let attempts = outbox::attempts_of(db(ctx), &[mail.id]).await.or_api()?;
                    Some(Node::MailMessage(MailMessage(mail, attempts)))
                }
                None => None,
            }
        }
        NodeKind::Notification | NodeKind::Follow | NodeKind::SavedSearch => {
            let Ok(owner) = viewer(ctx).account() else {
                return Ok(None);
            };
            own_node(db(ctx), kind, id, owner.user_id).await.or_api()?
        }
        NodeKind::RegistryEvent => l
            .nodes()
            .registry_events
            .load_one(id)
            .await
            .or_api()?
            .filter(|event| {
                visible_to(
                    viewer(ctx),
                    event.is_public,
                    event.cluster_id,
                    event.organisation_id,
                )
            })
            .map(|m| Node::RegistryEvent(RegistryEvent(m))),
    })
}

/// Fetching any object by its global ID.
#[derive(Default)]
pub struct NodeQuery;

/// Fetching any object by its global ID.
#[Object]
impl NodeQuery {
    /// The object with this global ID; null when it no longer exists.
    async fn node(&self, ctx: &Context<'_>, id: ID) -> Result<Option<Node>> {
        let (kind, number) = parse_global_id("id", &id).or_api()?;
        load_node(ctx, kind, number).await
    }

    /// The objects with these global IDs (at most 100), in the same order; null where one no
    /// longer exists.
    #[graphql(complexity = "ids.len() * child_complexity")]
    async fn nodes(&self, ctx: &Context<'_>, ids: Vec<ID>) -> Result<Vec<Option<Node>>> {
        if ids.len() > 100 {
            return Err(ApiError::from(DomainError::from(
                FieldError::new("ids", FieldErrorCode::TooLong, "at most 100 at a time")
                    .max(100)
                    .actual(ids.len()),
            )))
            .or_api();
        }
        let mut parsed = Vec::with_capacity(ids.len());
        for (i, id) in ids.iter().enumerate() {
            parsed.push(parse_global_id(&format!("ids[{i}]"), id).or_api()?);
        }
        // Resolved together, so the loaders see every id of a kind in one batch.
        join_all(
            parsed
                .into_iter()
                .map(|(kind, number)| load_node(ctx, kind, number)),
        )
        .await
        .into_iter()
        .collect()
    }
}

/// A notification, follow or saved search of `user_id`'s own; None for anyone else's.
async fn own_node(
    db: &sea_orm::DatabaseConnection,
    kind: NodeKind,
    id: i32,
    user_id: i32,
) -> Result<Option<Node>, DomainError> {
    use klastry_entity::{follow, notification, saved_search};
    Ok(match kind {
        NodeKind::Notification => notification::Entity::find_by_id(id)
            .one(db)
            .await?
            .filter(|n| n.user_id == user_id)
            .map(|n| Node::Notification(Notification(n))),
        NodeKind::Follow => follow::Entity::find_by_id(id)
            .one(db)
            .await?
            .filter(|f| f.user_id == user_id)
            .map(|f| Node::Follow(Follow(f))),
        NodeKind::SavedSearch => saved_search::Entity::find_by_id(id)
            .one(db)
            .await?
            .filter(|s| s.user_id == user_id)
            .map(|s| Node::SavedSearch(SavedSearch(s))),
        _ => None,
    })
}
