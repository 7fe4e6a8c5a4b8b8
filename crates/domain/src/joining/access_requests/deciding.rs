//! Deciding a waiting request: approving it grants the role asked for; the one who asked is
//! told the decision.

use super::OBJECT;
use super::deciders::may_decide;
use crate::accounts::users::{self, Grant};
use crate::db::transaction;
use crate::db::versioned::require_exists;
use crate::joining::{cluster_name, tell_each};
use crate::mail::Template;
use crate::platform::change::Change;
use crate::platform::journal;
use crate::rules::access::Actor;
use crate::rules::notifications::NoticeParams;
use crate::rules::validation;
use crate::{DomainError, DomainResult, FieldErrorCode};
use chrono::Utc;
use klastry_entity::NotificationKind;
use klastry_entity::{AccessRequestKind, ReviewStatus, access_request, cluster, organisation};
use sea_orm::{ActiveModelTrait, DatabaseConnection, EntityTrait, Set};

/// Approves (granting the role asked for) or rejects a waiting request; the one who asked is
/// mailed the decision, with `reason` when given.
pub async fn decide(
    db: &DatabaseConnection,
    actor: &Actor,
    request_id: i32,
    approve: bool,
    reason: Option<&str>,
) -> DomainResult<access_request::Model> {
    actor.require_account()?;
    let reason = validation::optional_text("reason", reason, 2_000)?;
    let txn = transaction::begin(db).await?;
    let request = access_request::Entity::find_by_id(request_id)
        .one(&txn)
        .await?
        .ok_or_else(|| DomainError::not_found("access request", request_id))?;
    if !may_decide(&txn, actor, &request).await? {
        return Err(DomainError::forbidden(
            "only whoever decides this request may: the organisation's managers, else its clusters' coordinators, else an operator",
        ));
    }
    if request.status != ReviewStatus::Pending {
        return Err(DomainError::invalid(
            "requestId",
            FieldErrorCode::NotAllowed,
            "this request was decided or withdrawn already",
        ));
    }
    let (grant, subject) = match (request.kind, request.organisation_id, request.cluster_id) {
        (AccessRequestKind::ActForOrganisation, Some(organisation), _) => (
            Grant::Member(organisation),
            require_exists::<organisation::Entity, _>(&txn, organisation, "organisation")
                .await?
                .name,
        ),
        (AccessRequestKind::ClaimCluster, _, Some(cluster)) => (
            Grant::Coordinator(cluster),
            cluster_name(&require_exists::<cluster::Entity, _>(&txn, cluster, "cluster").await?),
        ),
        _ => {
            return Err(DomainError::Data(format!(
                "access request {request_id} names nothing to grant"
            )));
        }
    };
    if approve {
        users::insert_role(&txn, Some(actor), request.user_id, grant).await?;
    }
    let now = Utc::now();
    let before = request.clone();
    let mut row: access_request::ActiveModel = request.into();
    row.status = Set(if approve {
        ReviewStatus::Approved
    } else {
        ReviewStatus::Rejected
    });
    row.reason = Set(reason.clone());
    row.decided_by = Set(Some(actor.user_id));
    row.decided_at = Set(Some(now));
    row.updated_at = Set(now);
    let after = row.update(&txn).await?;
    journal::record(
        &txn,
        Some(actor),
        Change::action(if approve { "APPROVE" } else { "REJECT" }, OBJECT, after.id)
            .before(&before)
            .after(&after)
            .scoped(after.cluster_id, after.organisation_id),
    )
    .await?;
    if let Some(requester) = users::user(&txn, after.user_id).await? {
        let params = NoticeParams {
            organisation: (after.kind == AccessRequestKind::ActForOrganisation)
                .then(|| subject.clone()),
            cluster: (after.kind == AccessRequestKind::ClaimCluster).then(|| subject.clone()),
            approved: Some(approve),
            reason: reason.clone(),
            path: Some("/my-account".into()),
            ..NoticeParams::default()
        };
        let kind = NotificationKind::RequestDecided;
        tell_each(&txn, std::slice::from_ref(&requester), kind, params, || {
            Template::AccessRequestDecided {
                name: requester.display_name.clone(),
                kind: after.kind,
                subject: subject.clone(),
                approved: approve,
                reason: reason.clone(),
            }
        })
        .await?;
    }
    txn.commit().await?;
    Ok(after)
}
