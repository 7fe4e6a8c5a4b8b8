//! Accepting an invitation: the link's single use, the account it goes to (the signed-in one,
//! the invited address's with its password, or a new one the link verifies), and the role it
//! grants. Sending and managing invitations is `invitations`.

use super::invitations::{OBJECT, by_token};
use crate::accounts::links;
use crate::accounts::passwords;
use crate::accounts::sessions::{self, Session, TokenKeys};
use crate::accounts::sign_in_throttle;
use crate::accounts::sign_up::by_email;
use crate::accounts::users::{self, Grant, NewUser, check_new_user};
use crate::db::transaction;
use crate::platform::change::Change;
use crate::platform::journal;
use crate::rules::access::Actor;
use crate::rules::languages::Language;
use crate::rules::validation;
use crate::{DomainError, DomainResult, FieldErrorCode};
use chrono::Utc;
use klastry_entity::{InvitationRole, app_user, invitation};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, NotSet, QueryFilter, Set,
};

/// How the person accepting is known.
#[derive(Debug, Clone)]
pub enum Acceptor<'a> {
    /// Signed in already: the role goes to this account, whatever its address.
    SignedIn(&'a Actor),
    /// Has an account with the invited address: signs in with its password.
    Existing {
        /// The account's password.
        password: String,
    },
    /// Has no account: one opens with the invited address (verified by the link).
    New {
        /// A password under the policy.
        password: String,
        /// Their name.
        display_name: String,
        /// Their language.
        language: Language,
    },
}

/// Accepts an invitation: the role is granted and, unless the person was signed in already, a
/// session opens. Exactly one of several tries with one link succeeds.
pub async fn accept(
    db: &DatabaseConnection,
    keys: &TokenKeys,
    token: &str,
    acceptor: Acceptor<'_>,
) -> DomainResult<(invitation::Model, Option<Session>)> {
    let found = by_token(db, token).await?;
    // Passwords are checked and hashed before the transaction, which holds SQLite's write lock.
    let (user, new_hash) = match &acceptor {
        Acceptor::SignedIn(actor) => {
            actor.require_account()?;
            (users::user(db, actor.user_id).await?, None)
        }
        Acceptor::Existing { password } => {
            let throttled = [sign_in_throttle::account(&found.email)];
            let now = Utc::now();
            sign_in_throttle::check(db, &throttled, now).await?;
            let user = by_email(db, &found.email)
                .await?
                .filter(|u| u.disabled_at.is_none());
            if !passwords::verify(password, user.as_ref().map(|u| u.password_hash.as_str())).await?
            {
                sign_in_throttle::record_failure(db, &throttled, now).await?;
                return Err(DomainError::invalid(
                    "password",
                    FieldErrorCode::WrongPassword,
                    "the password is wrong",
                ));
            }
            (user, None)
        }
        Acceptor::New {
            password,
            display_name,
            language,
        } => {
            check_new_user(&NewUser {
                email: found.email.clone(),
                password: password.clone(),
                display_name: display_name.clone(),
                is_operator: false,
                language: *language,
            })?;
            (None, Some(passwords::hash(password).await?))
        }
    };
    let txn = transaction::begin(db).await?;
    let now = Utc::now();
    let user = match (user, new_hash, &acceptor) {
        (Some(user), _, _) => user,
        (
            None,
            Some(hash),
            Acceptor::New {
                display_name,
                language,
                ..
            },
        ) => {
            if by_email(&txn, &found.email).await?.is_some() {
                return Err(DomainError::invalid(
                    "email",
                    FieldErrorCode::NotUnique,
                    "an account with this address exists; accept with its password",
                ));
            }
            let created = app_user::ActiveModel {
                id: NotSet,
                email: Set(found.email.clone()),
                password_hash: Set(hash),
                display_name: Set(validation::required_text("displayName", display_name, 200)?),
                is_operator: Set(false),
                disabled_at: Set(None),
                language: Set(language.code().to_owned()),
                email_verified_at: Set(Some(now)),
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
            created
        }
        _ => {
            return Err(DomainError::Unauthenticated(
                "the account no longer exists".into(),
            ));
        }
    };
    let taken = invitation::Entity::update_many()
        .col_expr(invitation::Column::AcceptedAt, Expr::value(now))
        .col_expr(invitation::Column::AcceptedBy, Expr::value(user.id))
        .col_expr(invitation::Column::UpdatedAt, Expr::value(now))
        .filter(invitation::Column::Id.eq(found.id))
        .filter(invitation::Column::AcceptedAt.is_null())
        .filter(invitation::Column::RevokedAt.is_null())
        .filter(invitation::Column::ExpiresAt.gt(now))
        .exec(&txn)
        .await?;
    if taken.rows_affected != 1 {
        return Err(links::unusable());
    }
    // Following the link proves the address it was sent to.
    let user = if user.email_verified_at.is_none() && user.email == found.email {
        let mut row: app_user::ActiveModel = user.into();
        row.email_verified_at = Set(Some(now));
        row.update(&txn).await?
    } else {
        user
    };
    // The audit trail names the one accepting: the grant is theirs to take, by the link.
    let acting = Actor {
        user_id: user.id,
        email: user.email.clone(),
        ..Default::default()
    };
    match found.role {
        InvitationRole::Member => {
            if let Some(organisation) = found.organisation_id {
                users::insert_role(&txn, Some(&acting), user.id, Grant::Member(organisation))
                    .await?;
            }
        }
        InvitationRole::Coordinator => {
            if let Some(cluster) = found.cluster_id {
                users::insert_role(&txn, Some(&acting), user.id, Grant::Coordinator(cluster))
                    .await?;
            }
        }
        InvitationRole::Operator => {
            let mut row: app_user::ActiveModel = user.clone().into();
            row.is_operator = Set(true);
            row.updated_at = Set(now);
            row.update(&txn).await?;
        }
    }
    let accepted = invitation::Entity::find_by_id(found.id)
        .one(&txn)
        .await?
        .ok_or_else(links::unusable)?;
    journal::record(
        &txn,
        None,
        Change::action("ACCEPT", OBJECT, accepted.id)
            .scoped(accepted.cluster_id, accepted.organisation_id),
    )
    .await?;
    let session = match acceptor {
        Acceptor::SignedIn(_) => None,
        _ => {
            let user = users::user(&txn, user.id)
                .await?
                .ok_or_else(|| DomainError::not_found("user", user.id))?;
            Some(sessions::open(&txn, keys, user).await?)
        }
    };
    txn.commit().await?;
    if let Acceptor::Existing { .. } = acceptor {
        sign_in_throttle::forget(db, &sign_in_throttle::account(&accepted.email)).await?;
    }
    Ok((accepted, session))
}
