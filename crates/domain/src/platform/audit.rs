//! The audit trail: every change records who made it, when, to what, and the values before and
//! after. Entries are written in the transaction of the change, so a change and its record
//! commit or roll back together (`journal::record` writes the entry with the change's event).

use super::change::Change;
use crate::DomainResult;
use crate::db::pagination::{Keyset, Page, PagePlan, PageRequest, fetch_page, newest_first};
use crate::db::rows::ColumnSet;
use crate::rules::access::Actor;
use chrono::Utc;
use klastry_entity::audit_entry;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, NotSet, QueryFilter, Set,
};

/// Writes the audit entry of a change made by `actor` (none for the system itself, such as the
/// demo import). Writes go through `journal::record`, which also writes the change's event.
pub(crate) async fn write<C: ConnectionTrait>(
    db: &C,
    actor: Option<&Actor>,
    change: Change,
) -> DomainResult<audit_entry::Model> {
    let now = Utc::now();
    let text = |v: Option<serde_json::Value>| v.map(|v| v.to_string());
    Ok(audit_entry::ActiveModel {
        id: NotSet,
        actor_user_id: Set(actor.map(|a| a.user_id)),
        actor_email: Set(actor.map(|a| a.email.clone())),
        action: Set(change.action.into()),
        object_type: Set(change.object_type.into()),
        object_id: Set(change.object_id),
        cluster_id: Set(change.cluster_id),
        organisation_id: Set(change.organisation_id),
        before_json: Set(text(change.before)),
        after_json: Set(text(change.after)),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(db)
    .await?)
}

/// Whose trail to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditScope {
    /// Everything (operators only).
    All,
    /// One cluster's changes (its coordinators and operators).
    Cluster(i32),
    /// One organisation's changes (its members and operators).
    Organisation(i32),
}

/// A page of the trail, newest first, either way from a cursor.
pub async fn page<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    scope: AuditScope,
    request: &PageRequest,
) -> DomainResult<Page<audit_entry::Model>> {
    let mut query = audit_entry::Entity::find();
    match scope {
        AuditScope::All => actor.require_operator()?,
        AuditScope::Cluster(cluster) => {
            actor.require_private_reader(cluster)?;
            query = query.filter(audit_entry::Column::ClusterId.eq(cluster));
        }
        AuditScope::Organisation(organisation) => {
            actor.require_member(organisation)?;
            query = query.filter(audit_entry::Column::OrganisationId.eq(organisation));
        }
    }
    let order =
        newest_first::<audit_entry::Entity>(audit_entry::Column::Id, |row| Keyset::of_id(row.id));
    fetch_page(db, query, &order, request, PagePlan::Direct, ColumnSet::ALL).await
}

/// How many `object_type` records the account `user_id` (or its API tokens) created since
/// `since`: for quotas.
pub async fn created_since<C: ConnectionTrait>(
    db: &C,
    user_id: i32,
    object_type: &str,
    since: chrono::DateTime<chrono::Utc>,
) -> DomainResult<u64> {
    use sea_orm::PaginatorTrait;
    Ok(audit_entry::Entity::find()
        .filter(audit_entry::Column::ActorUserId.eq(user_id))
        .filter(audit_entry::Column::ObjectType.eq(object_type))
        .filter(audit_entry::Column::Action.eq("CREATE"))
        .filter(audit_entry::Column::CreatedAt.gte(since))
        .count(db)
        .await?)
}
