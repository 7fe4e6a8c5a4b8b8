//! Who an account is allowed to be: its roles, the organisations it acts for and the clusters
//! those belong to, read into an [`Actor`] for the rules to judge. Sessions, API tokens and the
//! account's own writes all start here.

use crate::DomainResult;
use crate::rules::access::Actor;
use klastry_entity::enums::{MembershipStatus, UserRoleKind};
use klastry_entity::{app_user, membership, user_role};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};

/// The account `user_id` with its roles, if it exists and is not disabled: what it may
/// change, the organisations it acts for and the clusters those are current members of.
pub async fn load_actor<C: ConnectionTrait>(db: &C, user_id: i32) -> DomainResult<Option<Actor>> {
    let Some(user) = app_user::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .filter(|u| u.disabled_at.is_none())
    else {
        return Ok(None);
    };
    let roles = user_role::Entity::find()
        .filter(user_role::Column::UserId.eq(user_id))
        .all(db)
        .await?;
    let member_organisations: std::collections::BTreeSet<i32> = roles
        .iter()
        .filter(|r| r.role == UserRoleKind::Member)
        .filter_map(|r| r.organisation_id)
        .collect();
    let member_clusters = if member_organisations.is_empty() {
        Default::default()
    } else {
        membership::Entity::find()
            .select_only()
            .column(membership::Column::ClusterId)
            .filter(
                membership::Column::OrganisationId
                    .is_in(member_organisations.iter().copied().collect::<Vec<_>>()),
            )
            .filter(membership::Column::Status.eq(MembershipStatus::Active))
            .into_tuple::<i32>()
            .all(db)
            .await?
            .into_iter()
            .collect()
    };
    Ok(Some(Actor {
        user_id: user.id,
        email: user.email,
        is_operator: user.is_operator,
        coordinated_clusters: roles
            .iter()
            .filter(|r| r.role == UserRoleKind::Coordinator)
            .filter_map(|r| r.cluster_id)
            .collect(),
        managed_organisations: roles
            .iter()
            .filter(|r| r.role == UserRoleKind::Member && r.manages)
            .filter_map(|r| r.organisation_id)
            .collect(),
        member_organisations,
        member_clusters,
        session_id: None,
        api_token: None,
    }))
}
