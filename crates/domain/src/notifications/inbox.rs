//! An account's inbox: its notifications newest first, the unread count, marking read.

use crate::DomainResult;
use crate::db::pagination::{Keyset, Page, PagePlan, PageRequest, fetch_page, newest_first};
use crate::db::rows::ColumnSet;
use crate::platform::notices::announce;
use crate::rules::access::Actor;
use chrono::Utc;
use klastry_entity::notification;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use std::collections::BTreeSet;

/// The notifications of `actor`'s account, newest first, only the unread ones if asked.
pub async fn page<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    unread_only: bool,
    request: &PageRequest,
) -> DomainResult<Page<notification::Model>> {
    actor.require_account()?;
    let mut query =
        notification::Entity::find().filter(notification::Column::UserId.eq(actor.user_id));
    if unread_only {
        query = query.filter(notification::Column::ReadAt.is_null());
    }
    let order =
        newest_first::<notification::Entity>(notification::Column::Id, |row| Keyset::of_id(row.id));
    fetch_page(db, query, &order, request, PagePlan::Direct, ColumnSet::ALL).await
}

/// How many notifications of `user_id` are unread.
pub async fn unread_count<C: ConnectionTrait>(db: &C, user_id: i32) -> DomainResult<u64> {
    Ok(notification::Entity::find()
        .filter(notification::Column::UserId.eq(user_id))
        .filter(notification::Column::ReadAt.is_null())
        .count(db)
        .await?)
}

/// The newest notification of `user_id`, if any.
pub async fn latest_of<C: ConnectionTrait>(
    db: &C,
    user_id: i32,
) -> DomainResult<Option<notification::Model>> {
    Ok(notification::Entity::find()
        .filter(notification::Column::UserId.eq(user_id))
        .order_by_desc(notification::Column::Id)
        .one(db)
        .await?)
}

/// Marks `ids` read, of those that are `actor`'s (others' are left alone, as if they did not
/// exist); `None` marks every one. Returns how many were unread.
pub async fn mark_read<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    ids: Option<&[i32]>,
) -> DomainResult<u64> {
    actor.require_account()?;
    let now = Utc::now();
    let mut update = notification::Entity::update_many()
        .col_expr(notification::Column::ReadAt, Expr::value(now))
        .col_expr(notification::Column::UpdatedAt, Expr::value(now))
        .filter(notification::Column::UserId.eq(actor.user_id))
        .filter(notification::Column::ReadAt.is_null());
    if let Some(ids) = ids {
        update = update.filter(notification::Column::Id.is_in(ids.iter().copied()));
    }
    let marked = update.exec(db).await?.rows_affected;
    if marked > 0 {
        announce(db, &BTreeSet::from([actor.user_id])).await?;
    }
    Ok(marked)
}

/// The newest notification's id (0 when there is none): where a polling server starts.
pub async fn latest_id<C: ConnectionTrait>(db: &C) -> DomainResult<i32> {
    Ok(notification::Entity::find()
        .select_only()
        .column_as(notification::Column::Id.max(), "id")
        .into_tuple::<Option<i32>>()
        .one(db)
        .await?
        .flatten()
        .unwrap_or(0))
}

/// The notifications written after `after_id`, as (id, account) pairs, oldest first: what a
/// polling server hands its live counts.
pub async fn written_after<C: ConnectionTrait>(
    db: &C,
    after_id: i32,
    limit: u64,
) -> DomainResult<Vec<(i32, i32)>> {
    Ok(notification::Entity::find()
        .select_only()
        .column(notification::Column::Id)
        .column(notification::Column::UserId)
        .filter(notification::Column::Id.gt(after_id))
        .order_by_asc(notification::Column::Id)
        .limit(limit)
        .into_tuple()
        .all(db)
        .await?)
}

/// Deletes notifications read before `before`, and unread ones three times as old: an inbox
/// keeps what its reader may still look back on, not everything ever said. Nothing waiting to
/// be mailed is deleted.
pub async fn forget_before<C: ConnectionTrait>(
    db: &C,
    before: chrono::DateTime<Utc>,
) -> DomainResult<u64> {
    let age = Utc::now() - before;
    let forgotten = notification::Entity::delete_many()
        .filter(notification::Column::EmailDueAt.is_null())
        .filter(
            sea_orm::Condition::any()
                .add(notification::Column::ReadAt.lt(before))
                .add(notification::Column::CreatedAt.lt(before - age * 2)),
        )
        .exec(db)
        .await?;
    Ok(forgotten.rows_affected)
}
