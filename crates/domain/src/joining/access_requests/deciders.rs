//! Who decides a request: an organisation's managers, else the coordinators of the clusters it
//! is a current member of, else the operators; and which requests an account may decide.

use crate::accounts::users;
use crate::rules::access::Actor;
use crate::rules::joining::{self, Decider};
use crate::{DomainError, DomainResult};
use klastry_entity::{
    AccessRequestKind, MembershipStatus, UserRoleKind, access_request, app_user, membership,
    user_role,
};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use std::collections::BTreeSet;

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
pub(super) async fn may_decide<C: ConnectionTrait>(
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

/// The organisations whose requests `actor` decides (not an operator): those it manages, and
/// those with no managers that are current members of clusters it coordinates.
pub(super) async fn decided_organisations<C: ConnectionTrait>(
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
