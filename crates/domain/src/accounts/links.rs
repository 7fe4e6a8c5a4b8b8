//! Single-use links mailed to an account: to verify its address, to reset its password, to
//! confirm a new address. Only the SHA-256 of a link's token is stored; a link works once, until
//! it expires, and issuing a new one of the same purpose ends the earlier ones.

use crate::platform::secrets::{hash_token, random_text};
use crate::{DomainError, DomainResult, FieldErrorCode};
use chrono::{Duration, Utc};
use klastry_entity::account_link;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

/// What a link is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Proves a new account's address (24 hours).
    VerifyEmail,
    /// Sets a new password (30 minutes).
    ResetPassword,
    /// Confirms a new address for an account (24 hours).
    ChangeEmail,
    /// Stops mail of some notification kinds, in one click from a mail (60 days). Every mail
    /// has its own, so issuing one leaves the others working.
    Unsubscribe,
}

impl Purpose {
    fn as_str(self) -> &'static str {
        match self {
            Purpose::VerifyEmail => "VERIFY_EMAIL",
            Purpose::ResetPassword => "RESET_PASSWORD",
            Purpose::ChangeEmail => "CHANGE_EMAIL",
            Purpose::Unsubscribe => crate::platform::notices::UNSUBSCRIBE,
        }
    }

    /// How long a link of this purpose works.
    pub fn lifetime(self) -> Duration {
        match self {
            Purpose::ResetPassword => Duration::minutes(30),
            Purpose::VerifyEmail | Purpose::ChangeEmail => Duration::hours(24),
            Purpose::Unsubscribe => {
                Duration::days(crate::platform::notices::UNSUBSCRIBE_LIFETIME_DAYS)
            }
        }
    }
}

/// Issues a link for `user_id` and returns its token (to mail; it is not stored). Earlier
/// unused links of the same purpose stop working.
pub async fn issue<C: ConnectionTrait>(
    db: &C,
    user_id: i32,
    purpose: Purpose,
    new_email: Option<String>,
) -> DomainResult<String> {
    let now = Utc::now();
    if purpose == Purpose::Unsubscribe {
        return Err(DomainError::Data(
            "unsubscribe links are issued with issue_unsubscribe".into(),
        ));
    }
    account_link::Entity::update_many()
        .col_expr(account_link::Column::UsedAt, Expr::value(now))
        .col_expr(account_link::Column::UpdatedAt, Expr::value(now))
        .filter(account_link::Column::UserId.eq(user_id))
        .filter(account_link::Column::Purpose.eq(purpose.as_str()))
        .filter(account_link::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    let token = random_text::<32>()?;
    account_link::ActiveModel {
        user_id: Set(user_id),
        purpose: Set(purpose.as_str().to_owned()),
        token_hash: Set(hash_token(&token)),
        new_email: Set(new_email),
        detail: Set(None),
        expires_at: Set(now + purpose.lifetime()),
        used_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// The one answer to a link that cannot be used, whatever the reason, so that it tells a
/// guesser nothing.
pub fn unusable() -> DomainError {
    DomainError::invalid(
        "token",
        FieldErrorCode::Expired,
        "this link no longer works: it was used already, it expired, or it was never issued; ask for a new one",
    )
}

/// Uses the link with `token` for `purpose`: exactly one of several tries at once succeeds.
/// Runs in the transaction of what the link does, so a failure there leaves it unused.
pub async fn redeem<C: ConnectionTrait>(
    db: &C,
    purpose: Purpose,
    token: &str,
) -> DomainResult<account_link::Model> {
    let now = Utc::now();
    let hash = hash_token(token.trim());
    let link = account_link::Entity::find()
        .filter(account_link::Column::TokenHash.eq(&hash))
        .filter(account_link::Column::Purpose.eq(purpose.as_str()))
        .one(db)
        .await?
        .ok_or_else(unusable)?;
    let taken = account_link::Entity::update_many()
        .col_expr(account_link::Column::UsedAt, Expr::value(now))
        .col_expr(account_link::Column::UpdatedAt, Expr::value(now))
        .filter(account_link::Column::Id.eq(link.id))
        .filter(account_link::Column::UsedAt.is_null())
        .filter(account_link::Column::ExpiresAt.gt(now))
        .exec(db)
        .await?;
    if taken.rows_affected != 1 {
        return Err(unusable());
    }
    Ok(link)
}

/// Deletes links used or expired a day ago or more: they can no longer do anything.
pub async fn forget_spent<C: ConnectionTrait>(
    db: &C,
    now: chrono::DateTime<Utc>,
) -> DomainResult<u64> {
    let day_ago = now - Duration::days(1);
    let spent = account_link::Entity::delete_many()
        .filter(
            sea_orm::Condition::any()
                .add(account_link::Column::UsedAt.lt(day_ago))
                .add(account_link::Column::ExpiresAt.lt(day_ago)),
        )
        .exec(db)
        .await?;
    Ok(spent.rows_affected)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reset_link_works_for_half_an_hour_and_a_verification_for_a_day() {
        assert_eq!(Purpose::ResetPassword.lifetime(), Duration::minutes(30));
        assert_eq!(Purpose::VerifyEmail.lifetime(), Duration::hours(24));
    }
}
