//! Opening an account oneself: sign up, verify the address by a mailed link, ask for the link
//! again.
//!
//! The answer to a sign-up is the same whether the address has an account or not (an existing
//! account's owner is mailed "someone tried to sign up with your address" instead), and the
//! password is hashed either way, so neither the answer nor its timing tells a stranger who
//! has an account. Requests that mail an address are counted per client address too
//! (`sign_in_throttle::count_mail_request`).

use crate::accounts::links::{self, Purpose};
use crate::accounts::passwords;
use crate::accounts::sessions::{self, Session, TokenKeys};
use crate::accounts::sign_in_throttle;
use crate::accounts::users::{NewUser, check_new_user};
use crate::db::transaction;
use crate::mail::{Letter, Template, outbox};
use crate::platform::change::Change;
use crate::platform::journal;
use crate::rules::languages::Language;
use crate::{DomainError, DomainResult};
use chrono::Utc;
use klastry_entity::app_user;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, NotSet,
    QueryFilter, Set,
};

/// What a person signing up gives.
#[derive(Debug, Clone)]
pub struct SignUp {
    /// Their e-mail address; they sign in with it once it is verified.
    pub email: String,
    /// A password that passes the policy.
    pub password: String,
    /// Their name, as others in the registry see it.
    pub display_name: String,
    /// The language they read mail and the web app in.
    pub language: Language,
}

/// The account with address `email`, lower-cased, if there is one.
pub(crate) async fn by_email<C: ConnectionTrait>(
    db: &C,
    email: &str,
) -> DomainResult<Option<app_user::Model>> {
    Ok(app_user::Entity::find()
        .filter(app_user::Column::Email.eq(email.trim().to_lowercase()))
        .one(db)
        .await?)
}

/// Signs up: a new account with no roles, which signs in once its address is verified through
/// the mailed link. Input that breaks a rule is refused; otherwise the answer is the same for
/// a new and a known address.
pub async fn sign_up(
    db: &DatabaseConnection,
    input: &SignUp,
    address: Option<std::net::IpAddr>,
) -> DomainResult<()> {
    let (email, display_name) = check_new_user(&NewUser {
        email: input.email.clone(),
        password: input.password.clone(),
        display_name: input.display_name.clone(),
        is_operator: false,
        language: input.language,
    })?;
    sign_in_throttle::count_mail_request(db, address).await?;
    let hash = passwords::hash(&input.password).await?;
    let txn = transaction::begin(db).await?;
    match by_email(&txn, &email).await? {
        Some(existing) if existing.disabled_at.is_some() => {}
        Some(existing) if existing.email_verified_at.is_some() => {
            if outbox::may_queue(&txn, &email, "SIGN_UP_ATTEMPTED").await? {
                outbox::enqueue(
                    &txn,
                    Letter {
                        to: email.clone(),
                        user_id: Some(existing.id),
                        language: Language::from_code(&existing.language),
                        template: Template::SignUpAttempted {
                            name: existing.display_name.clone(),
                        },
                    },
                )
                .await?;
            }
        }
        // Never verified: its owner may have lost the first mail. The password stays the one
        // first given, so that nobody can set it for an address they do not hold.
        Some(existing) => mail_verification(&txn, &existing).await?,
        None => {
            let now = Utc::now();
            let created = app_user::ActiveModel {
                id: NotSet,
                email: Set(email),
                password_hash: Set(hash),
                display_name: Set(display_name),
                is_operator: Set(false),
                disabled_at: Set(None),
                language: Set(input.language.code().to_owned()),
                email_verified_at: Set(None),
                deleted_at: Set(None),
                created_at: Set(now),
                updated_at: Set(now),
            }
            .insert(&txn)
            .await?;
            journal::record(
                &txn,
                None,
                Change::action("SIGN_UP", "User", created.id).scoped(None, None),
            )
            .await?;
            mail_verification(&txn, &created).await?;
        }
    }
    txn.commit().await?;
    Ok(())
}

/// Mails `user` a new verification link, unless one went out in the last minute or five today.
async fn mail_verification<C: ConnectionTrait>(db: &C, user: &app_user::Model) -> DomainResult<()> {
    if !outbox::may_queue(db, &user.email, "VERIFY_EMAIL").await? {
        return Ok(());
    }
    let token = links::issue(db, user.id, Purpose::VerifyEmail, None).await?;
    outbox::enqueue(
        db,
        Letter {
            to: user.email.clone(),
            user_id: Some(user.id),
            language: Language::from_code(&user.language),
            template: Template::VerifyEmail {
                name: user.display_name.clone(),
                token,
            },
        },
    )
    .await
}

/// Follows a verification link: the account's address counts as verified, and a session
/// opens, so the person goes on signed in.
pub async fn verify_email(
    db: &DatabaseConnection,
    keys: &TokenKeys,
    token: &str,
) -> DomainResult<Session> {
    let txn = transaction::begin(db).await?;
    let link = links::redeem(&txn, Purpose::VerifyEmail, token).await?;
    let user = app_user::Entity::find_by_id(link.user_id)
        .one(&txn)
        .await?
        .filter(|u| u.disabled_at.is_none())
        .ok_or_else(links::unusable)?;
    let user = if user.email_verified_at.is_none() {
        let mut row: app_user::ActiveModel = user.into();
        let now = Utc::now();
        row.email_verified_at = Set(Some(now));
        row.updated_at = Set(now);
        let verified = row.update(&txn).await?;
        journal::record(
            &txn,
            None,
            Change::action("VERIFY_EMAIL", "User", verified.id).scoped(None, None),
        )
        .await?;
        verified
    } else {
        user
    };
    let session = sessions::open(&txn, keys, user).await?;
    txn.commit().await?;
    Ok(session)
}

/// Mails a new verification link to `email` if it belongs to an account not yet verified.
/// The answer is the same whatever the address.
pub async fn resend_verification(
    db: &DatabaseConnection,
    email: &str,
    address: Option<std::net::IpAddr>,
) -> DomainResult<()> {
    sign_in_throttle::count_mail_request(db, address).await?;
    let txn = transaction::begin(db).await?;
    if let Some(user) = by_email(&txn, email).await?
        && user.email_verified_at.is_none()
        && user.disabled_at.is_none()
    {
        mail_verification(&txn, &user).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// An operator mails account `user_id` a new verification link (throttled alike).
pub async fn resend_verification_for(
    db: &DatabaseConnection,
    actor: &crate::rules::access::Actor,
    user_id: i32,
) -> DomainResult<app_user::Model> {
    actor.require_operator()?;
    let txn = transaction::begin(db).await?;
    let user = app_user::Entity::find_by_id(user_id)
        .one(&txn)
        .await?
        .ok_or_else(|| DomainError::not_found("user", user_id))?;
    if user.email_verified_at.is_some() {
        return Err(DomainError::invalid(
            "userId",
            crate::FieldErrorCode::NotAllowed,
            "this account's address is verified already",
        ));
    }
    mail_verification(&txn, &user).await?;
    txn.commit().await?;
    Ok(user)
}
