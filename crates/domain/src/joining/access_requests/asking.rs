//! Asking: to act for an organisation or to coordinate a cluster (whoever decides is told),
//! registering a new organisation to manage, and taking a waiting request back.

use super::OBJECT;
use super::deciders::deciders_of;
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
use crate::writes::organisations::{self, OrganisationFields};
use crate::{DomainError, DomainResult, FieldErrorCode};
use chrono::Utc;
use klastry_entity::NotificationKind;
use klastry_entity::{
    AccessRequestKind, ReviewStatus, access_request, cluster, organisation, user_role,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set,
};

async fn pending_of<C: ConnectionTrait>(
    db: &C,
    user_id: i32,
    kind: AccessRequestKind,
    organisation_id: Option<i32>,
    cluster_id: Option<i32>,
) -> DomainResult<Option<access_request::Model>> {
    let mut query = access_request::Entity::find()
        .filter(access_request::Column::UserId.eq(user_id))
        .filter(access_request::Column::Kind.eq(kind))
        .filter(access_request::Column::Status.eq(ReviewStatus::Pending));
    if let Some(organisation) = organisation_id {
        query = query.filter(access_request::Column::OrganisationId.eq(organisation));
    }
    if let Some(cluster) = cluster_id {
        query = query.filter(access_request::Column::ClusterId.eq(cluster));
    }
    Ok(query.one(db).await?)
}

async fn insert<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    kind: AccessRequestKind,
    organisation_id: Option<i32>,
    cluster_id: Option<i32>,
    message: Option<String>,
) -> DomainResult<access_request::Model> {
    let now = Utc::now();
    let created = access_request::ActiveModel {
        kind: Set(kind),
        user_id: Set(actor.user_id),
        organisation_id: Set(organisation_id),
        cluster_id: Set(cluster_id),
        message: Set(message),
        status: Set(ReviewStatus::Pending),
        reason: Set(None),
        decided_by: Set(None),
        decided_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    journal::record(
        db,
        Some(actor),
        Change::created(OBJECT, created.id, &created).scoped(cluster_id, organisation_id),
    )
    .await?;
    Ok(created)
}

/// The signed-in account asks to act for `organisation_id`; whoever decides is mailed. A
/// second request while one waits answers with the one waiting.
pub async fn request_to_act(
    db: &DatabaseConnection,
    actor: &Actor,
    organisation_id: i32,
    message: Option<&str>,
) -> DomainResult<access_request::Model> {
    actor.require_account()?;
    let message = validation::optional_text("message", message, 2_000)?;
    if actor.member_organisations.contains(&organisation_id) {
        return Err(DomainError::invalid(
            "organisationId",
            FieldErrorCode::NotAllowed,
            "you act for this organisation already",
        ));
    }
    let txn = transaction::begin(db).await?;
    let organisation =
        require_exists::<organisation::Entity, _>(&txn, organisation_id, "organisation").await?;
    if let Some(waiting) = pending_of(
        &txn,
        actor.user_id,
        AccessRequestKind::ActForOrganisation,
        Some(organisation_id),
        None,
    )
    .await?
    {
        return Ok(waiting);
    }
    let created = insert(
        &txn,
        actor,
        AccessRequestKind::ActForOrganisation,
        Some(organisation_id),
        None,
        message,
    )
    .await?;
    let (_, deciders) = deciders_of(&txn, organisation_id).await?;
    let requester = requester_name(&txn, actor).await?;
    let params = NoticeParams {
        person: Some(requester.clone()),
        organisation: Some(organisation.name.clone()),
        path: Some("/requests".into()),
        ..NoticeParams::default()
    };
    tell_each(
        &txn,
        &deciders,
        NotificationKind::RequestToDecide,
        params,
        || Template::AccessRequestReceived {
            requester: requester.clone(),
            kind: AccessRequestKind::ActForOrganisation,
            subject: organisation.name.clone(),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(created)
}

async fn requester_name<C: ConnectionTrait>(db: &C, actor: &Actor) -> DomainResult<String> {
    Ok(users::user(db, actor.user_id)
        .await?
        .map(|u| format!("{} <{}>", u.display_name, u.email))
        .unwrap_or_else(|| actor.email.clone()))
}

/// The signed-in account registers an organisation new to the registry (identifiers checked as
/// every organisation's are) and manages it from then on.
pub async fn register_organisation(
    db: &DatabaseConnection,
    actor: &Actor,
    fields: &OrganisationFields,
) -> DomainResult<(organisation::Model, user_role::Model)> {
    actor.require_account()?;
    let txn = transaction::begin(db).await?;
    let created = organisations::insert(&txn, Some(actor), fields).await?;
    let role =
        users::insert_role(&txn, Some(actor), actor.user_id, Grant::Member(created.id)).await?;
    txn.commit().await?;
    Ok((created, role))
}

/// The signed-in account asks to coordinate `cluster_id`, one of the clusters loaded from
/// public lists that nobody coordinates in the registry yet; the operators decide.
pub async fn claim_cluster(
    db: &DatabaseConnection,
    actor: &Actor,
    cluster_id: i32,
    message: Option<&str>,
) -> DomainResult<access_request::Model> {
    actor.require_account()?;
    let message = validation::optional_text("message", message, 2_000)?;
    let txn = transaction::begin(db).await?;
    let cluster = require_exists::<cluster::Entity, _>(&txn, cluster_id, "cluster").await?;
    if !users::coordinators_of(&txn, &[cluster_id])
        .await?
        .is_empty()
    {
        return Err(DomainError::invalid(
            "clusterId",
            FieldErrorCode::NotAllowed,
            "this cluster has coordinators in the registry already; ask one of them to invite you",
        ));
    }
    if let Some(waiting) = pending_of(
        &txn,
        actor.user_id,
        AccessRequestKind::ClaimCluster,
        None,
        Some(cluster_id),
    )
    .await?
    {
        return Ok(waiting);
    }
    let created = insert(
        &txn,
        actor,
        AccessRequestKind::ClaimCluster,
        None,
        Some(cluster_id),
        message,
    )
    .await?;
    let requester = requester_name(&txn, actor).await?;
    let operators = users::operators(&txn).await?;
    let params = NoticeParams {
        person: Some(requester.clone()),
        cluster: Some(cluster_name(&cluster)),
        path: Some("/requests".into()),
        ..NoticeParams::default()
    };
    tell_each(
        &txn,
        &operators,
        NotificationKind::RequestToDecide,
        params,
        || Template::AccessRequestReceived {
            requester: requester.clone(),
            kind: AccessRequestKind::ClaimCluster,
            subject: cluster_name(&cluster),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(created)
}

/// The one who asked takes a waiting request back.
pub async fn withdraw(
    db: &DatabaseConnection,
    actor: &Actor,
    request_id: i32,
) -> DomainResult<access_request::Model> {
    actor.require_account()?;
    let txn = transaction::begin(db).await?;
    let request = access_request::Entity::find_by_id(request_id)
        .one(&txn)
        .await?
        .ok_or_else(|| DomainError::not_found("access request", request_id))?;
    if request.user_id != actor.user_id {
        return Err(DomainError::forbidden(
            "only the one who asked may withdraw a request",
        ));
    }
    if request.status != ReviewStatus::Pending {
        return Err(DomainError::invalid(
            "requestId",
            FieldErrorCode::NotAllowed,
            "this request was decided or withdrawn already",
        ));
    }
    let before = request.clone();
    let mut row: access_request::ActiveModel = request.into();
    row.status = Set(ReviewStatus::Withdrawn);
    row.updated_at = Set(Utc::now());
    let after = row.update(&txn).await?;
    journal::record(
        &txn,
        Some(actor),
        Change::action("WITHDRAW", OBJECT, after.id)
            .before(&before)
            .after(&after)
            .scoped(after.cluster_id, after.organisation_id),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}
