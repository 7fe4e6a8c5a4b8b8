//! Getting back into an account: a password reset by a mailed link that works once, for 30
//! minutes. Asking answers alike for every address; resetting ends every session and refresh
//! token of the account, lifts a sign-in lock on it, and mails its owner a notice.

use crate::DomainResult;
use crate::accounts::links::{self, Purpose};
use crate::accounts::sessions::{self, EndReason};
use crate::accounts::sign_up::by_email;
use crate::accounts::{passwords, sign_in_throttle};
use crate::db::transaction;
use crate::mail::{Letter, Template, outbox};
use crate::platform::change::Change;
use crate::platform::journal;
use crate::platform::secrets::hash_token;
use crate::rules::languages::Language;
use crate::rules::passwords as password_policy;
use chrono::Utc;
use klastry_entity::{account_link, app_user};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};

/// Mails a reset link to `email` if it belongs to an enabled account (at most one a minute and
/// five a day; from one client address, twenty before they slow down). The answer is the same
/// whatever the address.
pub async fn request_password_reset(
    db: &DatabaseConnection,
    email: &str,
    address: Option<std::net::IpAddr>,
) -> DomainResult<()> {
    sign_in_throttle::count_mail_request(db, address).await?;
    let txn = transaction::begin(db).await?;
    if let Some(user) = by_email(&txn, email)
        .await?
        .filter(|u| u.disabled_at.is_none())
        && outbox::may_queue(&txn, &user.email, "RESET_PASSWORD").await?
    {
        let token = links::issue(&txn, user.id, Purpose::ResetPassword, None).await?;
        outbox::enqueue(
            &txn,
            Letter {
                to: user.email.clone(),
                user_id: Some(user.id),
                language: Language::from_code(&user.language),
                template: Template::ResetPassword {
                    name: user.display_name.clone(),
                    token,
                },
            },
        )
        .await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Sets a new password through a reset link. The new password must pass the policy (a refusal
/// leaves the link unused); then every session ends and the owner is mailed a notice. Following
/// the link also proves the address, so an account not yet verified is verified.
pub async fn reset_password(
    db: &DatabaseConnection,
    token: &str,
    new_password: &str,
) -> DomainResult<()> {
    // The account is read first to check the password against its address, and the hash is
    // worked out before the transaction, which holds SQLite's write lock.
    let link = account_link::Entity::find()
        .filter(account_link::Column::TokenHash.eq(hash_token(token.trim())))
        .one(db)
        .await?
        .ok_or_else(links::unusable)?;
    let user = app_user::Entity::find_by_id(link.user_id)
        .one(db)
        .await?
        .filter(|u| u.disabled_at.is_none())
        .ok_or_else(links::unusable)?;
    password_policy::check("newPassword", new_password, Some(&user.email))?;
    let hash = passwords::hash(new_password).await?;
    let txn = transaction::begin(db).await?;
    links::redeem(&txn, Purpose::ResetPassword, token).await?;
    let now = Utc::now();
    let mut row: app_user::ActiveModel = user.clone().into();
    row.password_hash = Set(hash);
    row.email_verified_at = Set(Some(user.email_verified_at.unwrap_or(now)));
    row.updated_at = Set(now);
    row.update(&txn).await?;
    sessions::end_all(&txn, user.id, None, EndReason::PasswordReset, now).await?;
    outbox::enqueue(
        &txn,
        Letter {
            to: user.email.clone(),
            user_id: Some(user.id),
            language: Language::from_code(&user.language),
            template: Template::PasswordChanged {
                name: user.display_name.clone(),
            },
        },
    )
    .await?;
    journal::record(
        &txn,
        None,
        Change::action("RESET_PASSWORD", "User", user.id).scoped(None, None),
    )
    .await?;
    sign_in_throttle::forget(&txn, &sign_in_throttle::account(&user.email)).await?;
    txn.commit().await?;
    Ok(())
}
