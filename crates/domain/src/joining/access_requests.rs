//! Requests to act for an organisation, or to coordinate a cluster that has no coordinator
//! account yet, and their decision.
//!
//! A request to act for an organisation goes to its own managers if it has any, else to the
//! coordinators of the clusters it is a current member of, else to the operators
//! (`rules::joining::decider`); a claim on a cluster goes to the operators. Whoever may decide
//! is told by e-mail; the one asking is told the decision. Registering a new organisation makes
//! the one registering it its first manager at once: nobody else acts for it yet.

use super::tell_each;
use crate::accounts::users::{self, Grant};
use crate::db::pagination::{Keyset, Page, PagePlan, PageRequest, fetch_page, newest_first};
use crate::db::rows::ColumnSet;
use crate::db::transaction;
use crate::db::versioned::require_exists;
use crate::mail::Template;
use crate::platform::change::Change;
use crate::platform::journal;
use crate::rules::access::Actor;
use crate::rules::joining::{self, Decider};
use crate::rules::notifications::NoticeParams;
use crate::rules::validation;
use crate::writes::organisations::{self, OrganisationFields};
use crate::{DomainError, DomainResult, FieldErrorCode};
use chrono::Utc;
use klastry_entity::NotificationKind;
use klastry_entity::{
    AccessRequestKind, MembershipStatus, ReviewStatus, UserRoleKind, access_request, app_user,
    cluster, membership, organisation, user_role,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait,
    QueryFilter, QuerySelect, Set,
};
use std::collections::BTreeSet;

const OBJECT: &str = "AccessRequest";

/// The clusters `organisation_id` is a current member of.
async fn clusters_of<C: ConnectionTrait>(db: &C, organisation_id: i32) -> DomainResult<Vec<i32>> {
    Ok(membership::Entity::find()
        .select_only()
        .column(membership::Column::ClusterId)
        .filter(membership::Column::OrganisationId.eq(organisation_id))
        .filter(membership::Column::Status.eq(MembershipStatus::Active))
        .into_tuple::<i32>()
        .all(db)
        .await?)
}

/// Who decides requests to act for `organisation_id`, and the accounts that may.
pub async fn deciders_of<C: ConnectionTrait>(
    db: &C,
    organisation_id: i32,
) -> DomainResult<(Decider, Vec<app_user::Model>)> {
    let managers = users::managers_of(db, organisation_id).await?;
    if !managers.is_empty() {
        return Ok((Decider::OrganisationManagers, managers));
    }
    let coordinators = users::coordinators_of(db, &clusters_of(db, organisation_id).await?).await?;
    let decider = joining::decider(0, coordinators.len());
    Ok(match decider {
        Decider::ClusterCoordinators => (decider, coordinators),
        _ => (Decider::Operators, users::operators(db).await?),
    })
}

/// Who decides requests to act for each of `organisation_ids`, in a few statements for all of
/// them (a list of requests shows each one's decider).
pub async fn deciders_for<C: ConnectionTrait>(
    db: &C,
    organisation_ids: &[i32],
) -> DomainResult<std::collections::HashMap<i32, Decider>> {
    use std::collections::{HashMap, HashSet};
    if organisation_ids.is_empty() {
        return Ok(HashMap::new());
    }
    // Every statement runs whatever the rows hold (an empty list matches nothing), so a list
    // of requests costs the same statements at any page size.
    let enabled = |ids: Vec<i32>| async move {
        Ok::<HashSet<i32>, DomainError>(
            app_user::Entity::find()
                .select_only()
                .column(app_user::Column::Id)
                .filter(app_user::Column::Id.is_in(ids))
                .filter(app_user::Column::DisabledAt.is_null())
                .into_tuple::<i32>()
                .all(db)
                .await?
                .into_iter()
                .collect(),
        )
    };
    let manager_roles: Vec<(Option<i32>, i32)> = user_role::Entity::find()
        .select_only()
        .column(user_role::Column::OrganisationId)
        .column(user_role::Column::UserId)
        .filter(user_role::Column::Role.eq(UserRoleKind::Member))
        .filter(user_role::Column::Manages.eq(true))
        .filter(user_role::Column::OrganisationId.is_in(organisation_ids.iter().copied()))
        .into_tuple()
        .all(db)
        .await?;
    let active_managers = enabled(manager_roles.iter().map(|(_, u)| *u).collect()).await?;
    let managed: HashSet<i32> = manager_roles
        .iter()
        .filter(|(_, u)| active_managers.contains(u))
        .filter_map(|(o, _)| *o)
        .collect();
    let memberships: Vec<(i32, i32)> = membership::Entity::find()
        .select_only()
        .column(membership::Column::OrganisationId)
        .column(membership::Column::ClusterId)
        .filter(membership::Column::OrganisationId.is_in(organisation_ids.iter().copied()))
        .filter(membership::Column::Status.eq(MembershipStatus::Active))
        .into_tuple()
        .all(db)
        .await?;
    let clusters: Vec<i32> = memberships.iter().map(|(_, c)| *c).collect();
    let coordinator_roles: Vec<(Option<i32>, i32)> = user_role::Entity::find()
        .select_only()
        .column(user_role::Column::ClusterId)
        .column(user_role::Column::UserId)
        .filter(user_role::Column::Role.eq(UserRoleKind::Coordinator))
        .filter(user_role::Column::ClusterId.is_in(clusters))
        .into_tuple()
        .all(db)
        .await?;
    let active_coordinators = enabled(coordinator_roles.iter().map(|(_, u)| *u).collect()).await?;
    let coordinated: HashSet<i32> = coordinator_roles
        .iter()
        .filter(|(_, u)| active_coordinators.contains(u))
        .filter_map(|(c, _)| *c)
        .collect();
    Ok(organisation_ids
        .iter()
        .map(|organisation| {
            let managers = usize::from(managed.contains(organisation));
            let coordinators = memberships
                .iter()
                .filter(|(o, c)| o == organisation && coordinated.contains(c))
                .count();
            (*organisation, joining::decider(managers, coordinators))
        })
        .collect())
}

/// Who decides `request`.
pub async fn decider_of<C: ConnectionTrait>(
    db: &C,
    request: &access_request::Model,
) -> DomainResult<Decider> {
    match (request.kind, request.organisation_id) {
        (AccessRequestKind::ActForOrganisation, Some(organisation)) => {
            Ok(deciders_of(db, organisation).await?.0)
        }
        _ => Ok(Decider::Operators),
    }
}

/// Whether `actor` may decide `request`.
async fn may_decide<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    request: &access_request::Model,
) -> DomainResult<bool> {
    if actor.is_operator {
        return Ok(true);
    }
    if actor.api_token.is_some() {
        return Ok(false);
    }
    let Some(organisation) = request
        .organisation_id
        .filter(|_| request.kind == AccessRequestKind::ActForOrganisation)
    else {
        return Ok(false);
    };
    Ok(match deciders_of(db, organisation).await?.0 {
        Decider::OrganisationManagers => actor.manages(organisation),
        Decider::ClusterCoordinators => clusters_of(db, organisation)
            .await?
            .iter()
            .any(|c| actor.coordinates(*c)),
        Decider::Operators => false,
    })
}

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
        cluster: Some(super::cluster_name(&cluster)),
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
            subject: super::cluster_name(&cluster),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(created)
}

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
            super::cluster_name(
                &require_exists::<cluster::Entity, _>(&txn, cluster, "cluster").await?,
            ),
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

/// Which requests a list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestScope {
    /// The signed-in account's own, in every state.
    Mine,
    /// Those waiting for the signed-in account's decision.
    ToDecide,
}

/// The organisations whose requests `actor` decides (not an operator): those it manages, and
/// those with no managers that are current members of clusters it coordinates.
async fn decided_organisations<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
) -> DomainResult<BTreeSet<i32>> {
    let mut decided = actor.managed_organisations.clone();
    if actor.coordinated_clusters.is_empty() || actor.api_token.is_some() {
        return Ok(decided);
    }
    let members: BTreeSet<i32> = membership::Entity::find()
        .select_only()
        .column(membership::Column::OrganisationId)
        .filter(membership::Column::ClusterId.is_in(actor.coordinated_clusters.iter().copied()))
        .filter(membership::Column::Status.eq(MembershipStatus::Active))
        .into_tuple::<i32>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    if members.is_empty() {
        return Ok(decided);
    }
    let managed: BTreeSet<i32> = user_role::Entity::find()
        .select_only()
        .column(user_role::Column::OrganisationId)
        .filter(user_role::Column::Role.eq(UserRoleKind::Member))
        .filter(user_role::Column::Manages.eq(true))
        .filter(user_role::Column::OrganisationId.is_in(members.iter().copied()))
        .into_tuple::<Option<i32>>()
        .all(db)
        .await?
        .into_iter()
        .flatten()
        .collect();
    decided.extend(members.difference(&managed));
    Ok(decided)
}

/// A page of requests, newest first.
pub async fn page<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    scope: RequestScope,
    request: &PageRequest,
) -> DomainResult<Page<access_request::Model>> {
    actor.require_account()?;
    let mut query = access_request::Entity::find();
    match scope {
        RequestScope::Mine => {
            query = query.filter(access_request::Column::UserId.eq(actor.user_id));
        }
        RequestScope::ToDecide => {
            query = query.filter(access_request::Column::Status.eq(ReviewStatus::Pending));
            if !actor.is_operator {
                let organisations = decided_organisations(db, actor).await?;
                query = query
                    .filter(access_request::Column::Kind.eq(AccessRequestKind::ActForOrganisation))
                    .filter(
                        Condition::all()
                            .add(access_request::Column::OrganisationId.is_in(organisations)),
                    );
            }
        }
    }
    let order = newest_first::<access_request::Entity>(access_request::Column::Id, |row| {
        Keyset::of_id(row.id)
    });
    fetch_page(db, query, &order, request, PagePlan::Direct, ColumnSet::ALL).await
}

/// Whether `actor` may read `request`: the one who asked, whoever may decide it, operators.
pub async fn may_read<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    request: &access_request::Model,
) -> DomainResult<bool> {
    Ok(
        request.user_id == actor.user_id && actor.api_token.is_none()
            || may_decide(db, actor, request).await?,
    )
}
