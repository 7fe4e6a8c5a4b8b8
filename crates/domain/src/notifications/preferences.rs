//! How each account wants each kind of notification mailed, and the one-click unsubscribe
//! that works from a mail without signing in.

use crate::accounts::links::{self, Purpose};
use crate::db::transaction;
use crate::rules::access::Actor;
use crate::rules::notifications::{CHOOSABLE, default_email, is_choosable};
use crate::{DomainError, DomainResult, FieldErrorCode};
use chrono::Utc;
use klastry_entity::{EmailFrequency, NotificationKind, notification, notification_preference};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveEnum, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, TransactionTrait,
};
use std::collections::HashMap;

/// How one kind is mailed to one account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Preference {
    /// The kind.
    pub kind: NotificationKind,
    /// How it is mailed.
    pub email: EmailFrequency,
    /// Whether that is the registry's default (the account has not chosen).
    pub is_default: bool,
}

/// Every choosable kind with how `actor`'s account has it mailed.
pub async fn of<C: ConnectionTrait>(db: &C, actor: &Actor) -> DomainResult<Vec<Preference>> {
    actor.require_account()?;
    let chosen: HashMap<NotificationKind, EmailFrequency> = notification_preference::Entity::find()
        .filter(notification_preference::Column::UserId.eq(actor.user_id))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.kind, p.email))
        .collect();
    Ok(CHOOSABLE
        .iter()
        .map(|&kind| match chosen.get(&kind) {
            Some(&email) => Preference {
                kind,
                email,
                is_default: false,
            },
            None => Preference {
                kind,
                email: default_email(kind),
                is_default: true,
            },
        })
        .collect())
}

/// Sets how `kind` is mailed to `actor`'s account.
pub async fn set<
    C: TransactionTrait<Transaction = sea_orm::DatabaseTransaction> + ConnectionTrait,
>(
    db: &C,
    actor: &Actor,
    kind: NotificationKind,
    email: EmailFrequency,
) -> DomainResult<Preference> {
    actor.require_account()?;
    if !is_choosable(kind) {
        return Err(DomainError::invalid(
            "kind",
            FieldErrorCode::NotAllowed,
            "invitations are always mailed with their link; their mail cannot be switched",
        ));
    }
    let txn = transaction::begin(db).await?;
    choose(&txn, actor.user_id, &[kind], email).await?;
    txn.commit().await?;
    Ok(Preference {
        kind,
        email,
        is_default: false,
    })
}

/// Stops mail of the kinds the unsubscribe link with `token` names, without signing in; the
/// link works once. Returns the kinds now not mailed.
pub async fn unsubscribe<
    C: TransactionTrait<Transaction = sea_orm::DatabaseTransaction> + ConnectionTrait,
>(
    db: &C,
    token: &str,
) -> DomainResult<Vec<NotificationKind>> {
    let txn = transaction::begin(db).await?;
    let link = links::redeem(&txn, Purpose::Unsubscribe, token).await?;
    let kinds: Vec<NotificationKind> = link
        .detail
        .as_deref()
        .unwrap_or_default()
        .split(',')
        .filter_map(|name| NotificationKind::try_from_value(&name.to_owned()).ok())
        .filter(|&kind| is_choosable(kind))
        .collect();
    choose(&txn, link.user_id, &kinds, EmailFrequency::None).await?;
    txn.commit().await?;
    Ok(kinds)
}

/// Records the choice for `kinds` and, when they are no longer mailed, takes their waiting
/// notifications out of the next digest.
async fn choose<C: ConnectionTrait>(
    db: &C,
    user_id: i32,
    kinds: &[NotificationKind],
    email: EmailFrequency,
) -> DomainResult<()> {
    if kinds.is_empty() {
        return Ok(());
    }
    let now = Utc::now();
    let rows = kinds
        .iter()
        .map(|&kind| notification_preference::ActiveModel {
            user_id: Set(user_id),
            kind: Set(kind),
            email: Set(email),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        });
    notification_preference::Entity::insert_many(rows)
        .on_conflict(
            OnConflict::columns([
                notification_preference::Column::UserId,
                notification_preference::Column::Kind,
            ])
            .update_columns([
                notification_preference::Column::Email,
                notification_preference::Column::UpdatedAt,
            ])
            .to_owned(),
        )
        .exec(db)
        .await?;
    if email == EmailFrequency::None {
        notification::Entity::update_many()
            .col_expr(
                notification::Column::EmailDueAt,
                Expr::value(None::<chrono::DateTime<Utc>>),
            )
            .col_expr(
                notification::Column::Email,
                Expr::value(EmailFrequency::None.to_value()),
            )
            .col_expr(notification::Column::UpdatedAt, Expr::value(now))
            .filter(notification::Column::UserId.eq(user_id))
            .filter(notification::Column::Kind.is_in(kinds.iter().copied()))
            .filter(notification::Column::EmailDueAt.is_not_null())
            .exec(db)
            .await?;
    }
    Ok(())
}
