//! Digests: the notifications an account wants daily or weekly, gathered into one mail in its
//! language when they fall due, and none when there is nothing to say.

use crate::DomainResult;
use crate::db::transaction;
use crate::mail::templates::DigestItem;
use crate::mail::{Letter, Template, outbox};
use crate::rules::languages::Language;
use crate::rules::notifications::NoticeParams;
use chrono::{DateTime, Utc};
use klastry_entity::{NotificationKind, app_user, notification};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveEnum, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    TransactionTrait,
};
use std::collections::BTreeSet;

/// Accounts handled in one pass.
const ACCOUNTS_PER_PASS: u64 = 200;
/// Most notifications one digest lists; the rest wait for the next.
const ITEMS_PER_DIGEST: u64 = 100;

/// Mails the digests due at `now`; returns how many were queued. Each account's digest is
/// taken in its own transaction by one conditional update, so two runners never mail the same
/// notification twice.
pub async fn send_due<
    C: TransactionTrait<Transaction = sea_orm::DatabaseTransaction> + ConnectionTrait,
>(
    db: &C,
    now: DateTime<Utc>,
) -> DomainResult<u64> {
    let accounts: Vec<i32> = notification::Entity::find()
        .select_only()
        .column(notification::Column::UserId)
        .distinct()
        .filter(notification::Column::EmailDueAt.lte(now))
        .limit(ACCOUNTS_PER_PASS)
        .into_tuple()
        .all(db)
        .await?;
    let mut queued = 0;
    for user_id in accounts {
        if digest_for(db, user_id, now).await? {
            queued += 1;
        }
    }
    Ok(queued)
}

async fn digest_for<
    C: TransactionTrait<Transaction = sea_orm::DatabaseTransaction> + ConnectionTrait,
>(
    db: &C,
    user_id: i32,
    now: DateTime<Utc>,
) -> DomainResult<bool> {
    let txn = transaction::begin(db).await?;
    let due = notification::Entity::find()
        .filter(notification::Column::UserId.eq(user_id))
        .filter(notification::Column::EmailDueAt.lte(now))
        .order_by_asc(notification::Column::Id)
        .limit(ITEMS_PER_DIGEST)
        .all(&txn)
        .await?;
    if due.is_empty() {
        return Ok(false);
    }
    let taken = notification::Entity::update_many()
        .col_expr(
            notification::Column::EmailDueAt,
            Expr::value(None::<DateTime<Utc>>),
        )
        .col_expr(notification::Column::EmailedAt, Expr::value(now))
        .col_expr(notification::Column::UpdatedAt, Expr::value(now))
        .filter(notification::Column::Id.is_in(due.iter().map(|n| n.id)))
        .filter(notification::Column::EmailDueAt.is_not_null())
        .exec(&txn)
        .await?;
    if taken.rows_affected != due.len() as u64 {
        // Another runner took some of them first: it mails them.
        txn.rollback().await?;
        return Ok(false);
    }
    let user = app_user::Entity::find_by_id(user_id)
        .filter(app_user::Column::DeletedAt.is_null())
        .filter(app_user::Column::DisabledAt.is_null())
        .filter(app_user::Column::EmailVerifiedAt.is_not_null())
        .one(&txn)
        .await?;
    let Some(user) = user else {
        txn.commit().await?;
        return Ok(false);
    };
    let kinds: BTreeSet<NotificationKind> = due.iter().map(|n| n.kind).collect();
    let names: Vec<String> = kinds.iter().map(|k| k.to_value()).collect();
    let unsubscribe =
        crate::platform::notices::issue_unsubscribe(&txn, user.id, &names.join(",")).await?;
    let items = due
        .into_iter()
        .map(|n| DigestItem {
            kind: n.kind,
            params: serde_json::from_str::<NoticeParams>(&n.params).unwrap_or_default(),
            at: n.created_at,
        })
        .collect();
    outbox::enqueue(
        &txn,
        Letter {
            to: user.email.clone(),
            user_id: Some(user.id),
            language: Language::from_code(&user.language),
            template: Template::Listed {
                mail: Box::new(Template::Digest {
                    name: user.display_name.clone(),
                    items,
                }),
                unsubscribe,
            },
        },
    )
    .await?;
    txn.commit().await?;
    Ok(true)
}
