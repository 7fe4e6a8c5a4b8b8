//! What an account's holder changes about it: name and language, e-mail address (confirmed by
//! a link to the new address), signing out everywhere, and deleting it.
//!
//! Deleting anonymises: the row stays so that what the account did keeps its place in the
//! audit trail, but its address, name and password go, and the trail's entries keep the facts
//! (what, when, by account number) without the person.

use crate::accounts::links::{self, Purpose};
use crate::accounts::sessions::{self, EndReason};
use crate::accounts::sign_up::by_email;
use crate::accounts::users::check_current_password;
use crate::db::transaction;
use crate::mail::{Letter, Template, outbox};
use crate::platform::change::Change;
use crate::platform::journal;
use crate::rules::access::Actor;
use crate::rules::languages::Language;
use crate::rules::validation::{self, Checks};
use crate::{DomainError, DomainResult, FieldErrorCode};
use chrono::Utc;
use klastry_entity::{
    AccessRequestKind, ReviewStatus, access_request, app_user, audit_entry, invitation,
    mail_message, user_role,
};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};

/// The signed-in account, read fresh.
async fn own_account<C: sea_orm::ConnectionTrait>(
    db: &C,
    actor: &Actor,
) -> DomainResult<app_user::Model> {
    actor.require_account()?;
    app_user::Entity::find_by_id(actor.user_id)
        .one(db)
        .await?
        .ok_or_else(|| DomainError::Unauthenticated("the account no longer exists".into()))
}

/// Changes the signed-in account's name and language; `None` leaves one as it is.
pub async fn update_profile(
    db: &DatabaseConnection,
    actor: &Actor,
    display_name: Option<&str>,
    language: Option<Language>,
) -> DomainResult<app_user::Model> {
    let mut checks = Checks::default();
    let name = display_name
        .and_then(|name| checks.check(validation::required_text("displayName", name, 200)));
    checks.finish()?;
    let txn = transaction::begin(db).await?;
    let before = own_account(&txn, actor).await?;
    let mut row: app_user::ActiveModel = before.clone().into();
    if let Some(name) = name {
        row.display_name = Set(name);
    }
    if let Some(language) = language {
        row.language = Set(language.code().to_owned());
    }
    row.updated_at = Set(Utc::now());
    let after = row.update(&txn).await?;
    journal::record(
        &txn,
        Some(actor),
        Change::updated("User", after.id, &before, &after).scoped(None, None),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// Asks to sign in with `new_email` from now on: a link that confirms it is mailed there. The
/// current password is asked for, so that a session left open elsewhere cannot take the
/// account away.
pub async fn request_email_change(
    db: &DatabaseConnection,
    actor: &Actor,
    new_email: &str,
    current_password: &str,
) -> DomainResult<()> {
    actor.require_account()?;
    let new_email = validation::email("newEmail", new_email)?.to_lowercase();
    let user = check_current_password(db, actor, current_password).await?;
    if new_email == user.email {
        return Err(DomainError::invalid(
            "newEmail",
            FieldErrorCode::NotAllowed,
            "this is the account's address already",
        ));
    }
    let txn = transaction::begin(db).await?;
    if by_email(&txn, &new_email).await?.is_some() {
        return Err(taken());
    }
    if outbox::may_queue(&txn, &new_email, "CONFIRM_EMAIL_CHANGE").await? {
        let token =
            links::issue(&txn, user.id, Purpose::ChangeEmail, Some(new_email.clone())).await?;
        outbox::enqueue(
            &txn,
            Letter {
                to: new_email,
                user_id: Some(user.id),
                language: Language::from_code(&user.language),
                template: Template::ConfirmEmailChange {
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

fn taken() -> DomainError {
    DomainError::invalid(
        "newEmail",
        FieldErrorCode::NotUnique,
        "another account signs in with this address",
    )
}

/// Follows the link mailed to a new address: the account signs in with it from now on, and
/// the old address is told.
pub async fn confirm_email_change(
    db: &DatabaseConnection,
    token: &str,
) -> DomainResult<app_user::Model> {
    let txn = transaction::begin(db).await?;
    let link = links::redeem(&txn, Purpose::ChangeEmail, token).await?;
    let new_email = link.new_email.clone().ok_or_else(links::unusable)?;
    let before = app_user::Entity::find_by_id(link.user_id)
        .one(&txn)
        .await?
        .filter(|u| u.disabled_at.is_none())
        .ok_or_else(links::unusable)?;
    if by_email(&txn, &new_email).await?.is_some() {
        return Err(taken());
    }
    let now = Utc::now();
    let mut row: app_user::ActiveModel = before.clone().into();
    row.email = Set(new_email.clone());
    row.email_verified_at = Set(Some(now));
    row.updated_at = Set(now);
    let after = row.update(&txn).await?;
    outbox::enqueue(
        &txn,
        Letter {
            to: before.email.clone(),
            user_id: Some(after.id),
            language: Language::from_code(&after.language),
            template: Template::EmailChanged {
                name: after.display_name.clone(),
                new_email,
            },
        },
    )
    .await?;
    journal::record(
        &txn,
        None,
        Change::updated("User", after.id, &before, &after).scoped(None, None),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// Ends every session of the signed-in account, this one included: every device must sign in
/// again.
pub async fn sign_out_everywhere(db: &DatabaseConnection, actor: &Actor) -> DomainResult<()> {
    actor.require_account()?;
    let txn = transaction::begin(db).await?;
    sessions::end_all(
        &txn,
        actor.user_id,
        None,
        EndReason::SignedOutEverywhere,
        Utc::now(),
    )
    .await?;
    journal::record(
        &txn,
        Some(actor),
        Change::action("SIGN_OUT_EVERYWHERE", "User", actor.user_id).scoped(None, None),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Deletes the signed-in account once `current_password` is its password: its address, name
/// and password are replaced, its roles taken away, its sessions ended and its pending requests
/// withdrawn, the outbox and accepted invitations forget the address, and the audit trail
/// forgets the person while keeping the facts.
pub async fn delete_account(
    db: &DatabaseConnection,
    actor: &Actor,
    current_password: &str,
) -> DomainResult<()> {
    actor.require_account()?;
    let user = check_current_password(db, actor, current_password).await?;
    let txn = transaction::begin(db).await?;
    let now = Utc::now();
    let id = user.id;
    let mut row: app_user::ActiveModel = user.into();
    row.email = Set(format!("deleted-{id}@deleted.invalid"));
    row.display_name = Set(format!("#{id}"));
    // No password hashes to this, so the account can never sign in again.
    row.password_hash = Set("!deleted".into());
    row.is_operator = Set(false);
    row.disabled_at = Set(Some(now));
    row.deleted_at = Set(Some(now));
    row.updated_at = Set(now);
    row.update(&txn).await?;
    sessions::end_all(&txn, id, None, EndReason::AccountDeleted, now).await?;
    user_role::Entity::delete_many()
        .filter(user_role::Column::UserId.eq(id))
        .exec(&txn)
        .await?;
    access_request::Entity::update_many()
        .col_expr(
            access_request::Column::Status,
            Expr::value(ReviewStatus::Withdrawn),
        )
        .col_expr(access_request::Column::UpdatedAt, Expr::value(now))
        .filter(access_request::Column::UserId.eq(id))
        .filter(access_request::Column::Status.eq(ReviewStatus::Pending))
        .filter(access_request::Column::Kind.is_in([
            AccessRequestKind::ActForOrganisation,
            AccessRequestKind::ClaimCluster,
        ]))
        .exec(&txn)
        .await?;
    let gone = format!("deleted-{id}@deleted.invalid");
    mail_message::Entity::update_many()
        .col_expr(mail_message::Column::Recipient, Expr::value(gone.clone()))
        .col_expr(
            mail_message::Column::Params,
            Expr::value(Option::<String>::None),
        )
        .filter(mail_message::Column::UserId.eq(id))
        .exec(&txn)
        .await?;
    invitation::Entity::update_many()
        .col_expr(invitation::Column::Email, Expr::value(gone))
        .filter(invitation::Column::AcceptedBy.eq(id))
        .exec(&txn)
        .await?;
    journal::record(
        &txn,
        None,
        Change::action("DELETE_ACCOUNT", "User", id).scoped(None, None),
    )
    .await?;
    // The trail keeps what was done and by which account number, not who the person was.
    audit_entry::Entity::update_many()
        .col_expr(
            audit_entry::Column::ActorEmail,
            Expr::value(Option::<String>::None),
        )
        .filter(audit_entry::Column::ActorUserId.eq(id))
        .exec(&txn)
        .await?;
    audit_entry::Entity::update_many()
        .col_expr(
            audit_entry::Column::BeforeJson,
            Expr::value(Option::<String>::None),
        )
        .col_expr(
            audit_entry::Column::AfterJson,
            Expr::value(Option::<String>::None),
        )
        .filter(audit_entry::Column::ObjectType.eq("User"))
        .filter(audit_entry::Column::ObjectId.eq(id))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(())
}
