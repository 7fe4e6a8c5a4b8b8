//! Accounts and role grants.
//!
//! Passwords are stored as Argon2id hashes (worked out on a bounded pool: `passwords`) and
//! must pass the password policy (`rules::passwords`). Signing in and sessions are in
//! `sessions`; the rights an account holds are read here into an [`Actor`].

use crate::FieldErrorCode;
use crate::accounts::passwords;
use crate::accounts::sessions::{self, EndReason};
use crate::db::transaction;
use crate::db::versioned;
use crate::platform::change::Change;
use crate::platform::journal;
use crate::rules::access::Actor;
use crate::rules::passwords as password_policy;
use crate::rules::validation::{self, Checks};
use crate::{DomainError, DomainResult};
use chrono::Utc;
use klastry_entity::{UserRoleKind, app_user, user_role};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, NotSet,
    QueryFilter, Set,
};

/// What a new account is made of.
#[derive(Debug, Clone)]
pub struct NewUser {
    /// Sign-in e-mail.
    pub email: String,
    /// Password in clear; only its hash is kept.
    pub password: String,
    /// Name shown for the account.
    pub display_name: String,
    /// Whether the account operates the registry.
    pub is_operator: bool,
    /// The language it reads mail in.
    pub language: crate::rules::languages::Language,
}

/// Checks a new account's fields, returning the normalised e-mail and name.
pub(crate) fn check_new_user(user: &NewUser) -> DomainResult<(String, String)> {
    let mut checks = Checks::default();
    let email = checks.check(validation::email("email", &user.email));
    checks.check(password_policy::check(
        "password",
        &user.password,
        Some(&user.email),
    ));
    let name = checks.check(validation::required_text(
        "displayName",
        &user.display_name,
        200,
    ));
    checks.finish()?;
    match (email, name) {
        (Some(email), Some(name)) => Ok((email.to_lowercase(), name)),
        _ => Err(DomainError::invalid(
            "email",
            FieldErrorCode::Required,
            "is required",
        )),
    }
}

/// Creates an account; the e-mail must be new. `actor` is recorded in the audit trail.
pub async fn create_user<C: ConnectionTrait>(
    db: &C,
    actor: Option<&Actor>,
    user: &NewUser,
) -> DomainResult<app_user::Model> {
    let (email, display_name) = check_new_user(user)?;
    if app_user::Entity::find()
        .filter(app_user::Column::Email.eq(&email))
        .one(db)
        .await?
        .is_some()
    {
        return Err(DomainError::invalid(
            "email",
            FieldErrorCode::NotUnique,
            "an account with this e-mail already exists",
        ));
    }
    let now = Utc::now();
    let created = app_user::ActiveModel {
        id: NotSet,
        email: Set(email),
        password_hash: Set(passwords::hash(&user.password).await?),
        display_name: Set(display_name),
        is_operator: Set(user.is_operator),
        disabled_at: Set(None),
        language: Set(user.language.code().to_owned()),
        // An account an operator (or the demo loader) makes counts as verified.
        email_verified_at: Set(Some(now)),
        deleted_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(db)
    .await?;
    journal::record(
        db,
        actor,
        Change::created("User", created.id, &created).scoped(None, None),
    )
    .await?;
    Ok(created)
}

/// Changes the signed-in account's password and ends every other session of the account at
/// once (the one asking goes on). A wrong current password counts as a failed sign-in.
pub async fn change_password(
    db: &DatabaseConnection,
    actor: &Actor,
    current: &str,
    new: &str,
) -> DomainResult<()> {
    actor.require_account()?;
    password_policy::check("newPassword", new, Some(&actor.email))?;
    let user = check_current_password(db, actor, current).await?;
    let now = Utc::now();
    let hash = passwords::hash(new).await?;
    let txn = transaction::begin(db).await?;
    let mut row: app_user::ActiveModel = user.into();
    row.password_hash = Set(hash);
    row.updated_at = Set(now);
    row.update(&txn).await?;
    sessions::end_all(
        &txn,
        actor.user_id,
        actor.session_id,
        EndReason::PasswordChanged,
        now,
    )
    .await?;
    journal::record(
        &txn,
        Some(actor),
        Change::action("CHANGE_PASSWORD", "User", actor.user_id),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The signed-in account, once `current` is its password; a wrong one counts as a failed
/// sign-in, under the same throttle and lock.
pub(crate) async fn check_current_password(
    db: &DatabaseConnection,
    actor: &Actor,
    current: &str,
) -> DomainResult<app_user::Model> {
    let throttled = [crate::accounts::sign_in_throttle::account(&actor.email)];
    let now = Utc::now();
    crate::accounts::sign_in_throttle::check(db, &throttled, now).await?;
    let user = app_user::Entity::find_by_id(actor.user_id)
        .one(db)
        .await?
        .ok_or_else(|| DomainError::Unauthenticated("the account no longer exists".into()))?;
    if !passwords::verify(current, Some(&user.password_hash)).await? {
        crate::accounts::sign_in_throttle::record_failure(db, &throttled, now).await?;
        return Err(DomainError::invalid(
            "currentPassword",
            FieldErrorCode::WrongPassword,
            "the current password is wrong",
        ));
    }
    Ok(user)
}

/// How an account is named: by its address (the command line) or its id (the API).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountKey<'a> {
    /// By sign-in e-mail.
    Email(&'a str),
    /// By row id.
    Id(i32),
}

/// Disables the account (its sessions end at once, and with them its access
/// tokens; its API tokens stop working) or enables it again. `actor` is recorded in the audit
/// trail (None: the command line). Returns the account as it is now.
pub async fn set_disabled(
    db: &DatabaseConnection,
    actor: Option<&Actor>,
    account: AccountKey<'_>,
    disabled: bool,
) -> DomainResult<app_user::Model> {
    if let Some(actor) = actor {
        actor.require_operator()?;
        if account == AccountKey::Id(actor.user_id) && disabled {
            return Err(DomainError::invalid(
                "userId",
                FieldErrorCode::NotAllowed,
                "an operator cannot disable their own account",
            ));
        }
    }
    let txn = transaction::begin(db).await?;
    let found = match account {
        AccountKey::Email(email) => {
            app_user::Entity::find()
                .filter(app_user::Column::Email.eq(email.trim().to_lowercase()))
                .one(&txn)
                .await?
        }
        AccountKey::Id(id) => app_user::Entity::find_by_id(id).one(&txn).await?,
    };
    let user = found.ok_or_else(|| DomainError::NotFound {
        entity: "account",
        key: match account {
            AccountKey::Email(email) => format!("e-mail {email}"),
            AccountKey::Id(id) => format!("id {id}"),
        },
    })?;
    if user.deleted_at.is_some() && !disabled {
        return Err(DomainError::invalid(
            "userId",
            FieldErrorCode::NotAllowed,
            "a deleted account cannot be enabled again",
        ));
    }
    let now = Utc::now();
    let before = user.clone();
    let mut row: app_user::ActiveModel = user.into();
    row.disabled_at = Set(disabled.then_some(before.disabled_at.unwrap_or(now)));
    row.updated_at = Set(now);
    let after = row.update(&txn).await?;
    if disabled {
        sessions::end_all(&txn, after.id, None, EndReason::AccountDisabled, now).await?;
    }
    journal::record(
        &txn,
        actor,
        Change::action(
            if disabled { "DISABLE" } else { "ENABLE" },
            "User",
            after.id,
        )
        .before(&before)
        .after(&after),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// The account `user_id`, if it exists.
pub async fn user<C: ConnectionTrait>(
    db: &C,
    user_id: i32,
) -> DomainResult<Option<app_user::Model>> {
    Ok(app_user::Entity::find_by_id(user_id).one(db).await?)
}

/// The roles an account holds.
pub async fn roles<C: ConnectionTrait>(
    db: &C,
    user_id: i32,
) -> DomainResult<Vec<user_role::Model>> {
    Ok(user_role::Entity::find()
        .filter(user_role::Column::UserId.eq(user_id))
        .all(db)
        .await?)
}

/// What a role grant names: a cluster to coordinate or an organisation to act for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grant {
    /// Coordinate this cluster.
    Coordinator(i32),
    /// Act for this organisation.
    Member(i32),
}

/// Gives `user_id` a role. Operators may grant anything; a coordinator may make further
/// coordinators of their own cluster.
pub async fn grant_role(
    db: &DatabaseConnection,
    actor: &Actor,
    user_id: i32,
    grant: Grant,
) -> DomainResult<user_role::Model> {
    actor.require_account()?;
    match grant {
        Grant::Coordinator(cluster) => actor.require_coordinator(cluster)?,
        Grant::Member(_) => actor.require_operator()?,
    }
    let txn = transaction::begin(db).await?;
    if user(&txn, user_id).await?.is_none() {
        return Err(DomainError::not_found("user", user_id));
    }
    let granted = insert_role(&txn, Some(actor), user_id, grant).await?;
    txn.commit().await?;
    Ok(granted)
}

/// Gives `user_id` the role `grant` inside the caller's transaction, unless it holds it
/// already; whoever calls it has checked that the actor may. The first account to act for an
/// organisation manages it. Returns the grant.
pub(crate) async fn insert_role<C: ConnectionTrait>(
    txn: &C,
    actor: Option<&Actor>,
    user_id: i32,
    grant: Grant,
) -> DomainResult<user_role::Model> {
    let (role, created) = write_role(txn, user_id, grant).await?;
    if created {
        journal::record(
            txn,
            actor,
            Change::created("UserRole", role.id, &role)
                .scoped(role.cluster_id, role.organisation_id),
        )
        .await?;
    }
    Ok(role)
}

/// Writes the role grant, unless the account holds it already; whether it was written comes
/// back beside it. Not journalled: [`insert_role`] records it; the demo accounts, a
/// development convenience rather than a change to the registry, do not.
pub(crate) async fn write_role<C: ConnectionTrait>(
    txn: &C,
    user_id: i32,
    grant: Grant,
) -> DomainResult<(user_role::Model, bool)> {
    let (role, cluster_id, organisation_id) = match grant {
        Grant::Coordinator(cluster) => {
            versioned::require_exists::<klastry_entity::cluster::Entity, _>(
                txn, cluster, "cluster",
            )
            .await?;
            (UserRoleKind::Coordinator, Some(cluster), None)
        }
        Grant::Member(organisation) => {
            versioned::require_exists::<klastry_entity::organisation::Entity, _>(
                txn,
                organisation,
                "organisation",
            )
            .await?;
            (UserRoleKind::Member, None, Some(organisation))
        }
    };
    let existing = user_role::Entity::find()
        .filter(user_role::Column::UserId.eq(user_id))
        .filter(user_role::Column::Role.eq(role))
        .filter(match cluster_id {
            Some(c) => user_role::Column::ClusterId.eq(c),
            None => user_role::Column::ClusterId.is_null(),
        })
        .filter(match organisation_id {
            Some(o) => user_role::Column::OrganisationId.eq(o),
            None => user_role::Column::OrganisationId.is_null(),
        })
        .one(txn)
        .await?;
    if let Some(existing) = existing {
        return Ok((existing, false));
    }
    let manages = match organisation_id {
        Some(organisation) => managers_of(txn, organisation).await?.is_empty(),
        None => false,
    };
    let now = Utc::now();
    let created = user_role::ActiveModel {
        id: NotSet,
        user_id: Set(user_id),
        role: Set(role),
        cluster_id: Set(cluster_id),
        organisation_id: Set(organisation_id),
        manages: Set(manages),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(txn)
    .await?;
    Ok((created, true))
}

/// The accounts that manage `organisation_id` (enabled ones).
pub(crate) async fn managers_of<C: ConnectionTrait>(
    db: &C,
    organisation_id: i32,
) -> DomainResult<Vec<app_user::Model>> {
    let ids: Vec<i32> = user_role::Entity::find()
        .filter(user_role::Column::OrganisationId.eq(organisation_id))
        .filter(user_role::Column::Role.eq(UserRoleKind::Member))
        .filter(user_role::Column::Manages.eq(true))
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.user_id)
        .collect();
    enabled_accounts(db, &ids).await
}

/// The accounts that coordinate `cluster_ids` (enabled ones).
pub(crate) async fn coordinators_of<C: ConnectionTrait>(
    db: &C,
    cluster_ids: &[i32],
) -> DomainResult<Vec<app_user::Model>> {
    if cluster_ids.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i32> = user_role::Entity::find()
        .filter(user_role::Column::ClusterId.is_in(cluster_ids.iter().copied()))
        .filter(user_role::Column::Role.eq(UserRoleKind::Coordinator))
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.user_id)
        .collect();
    enabled_accounts(db, &ids).await
}

/// The registry's operators (enabled ones).
pub(crate) async fn operators<C: ConnectionTrait>(db: &C) -> DomainResult<Vec<app_user::Model>> {
    Ok(app_user::Entity::find()
        .filter(app_user::Column::IsOperator.eq(true))
        .filter(app_user::Column::DisabledAt.is_null())
        .all(db)
        .await?)
}

async fn enabled_accounts<C: ConnectionTrait>(
    db: &C,
    ids: &[i32],
) -> DomainResult<Vec<app_user::Model>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(app_user::Entity::find()
        .filter(app_user::Column::Id.is_in(ids.iter().copied()))
        .filter(app_user::Column::DisabledAt.is_null())
        .all(db)
        .await?)
}

/// Makes the account of member role `role_id` a manager of its organisation, or no longer
/// one; its organisation's managers and operators may. An organisation keeps at least one
/// manager while it has users.
pub async fn set_manager(
    db: &DatabaseConnection,
    actor: &Actor,
    role_id: i32,
    manages: bool,
) -> DomainResult<user_role::Model> {
    actor.require_account()?;
    let txn = transaction::begin(db).await?;
    let role = user_role::Entity::find_by_id(role_id)
        .one(&txn)
        .await?
        .ok_or_else(|| DomainError::not_found("role", role_id))?;
    let Some(organisation) = role
        .organisation_id
        .filter(|_| role.role == UserRoleKind::Member)
    else {
        return Err(DomainError::invalid(
            "roleId",
            FieldErrorCode::NotAllowed,
            "only a role acting for an organisation can manage it",
        ));
    };
    if !actor.manages(organisation) {
        return Err(DomainError::forbidden(
            "only the organisation's managers or an operator may do this",
        ));
    }
    if !manages && role.manages && managers_of(&txn, organisation).await?.len() <= 1 {
        return Err(DomainError::invalid(
            "manages",
            FieldErrorCode::NotAllowed,
            "the organisation's last manager cannot stop managing it; make another user a manager first",
        ));
    }
    let before = role.clone();
    let mut row: user_role::ActiveModel = role.into();
    row.manages = Set(manages);
    row.updated_at = Set(Utc::now());
    let after = row.update(&txn).await?;
    journal::record(
        &txn,
        Some(actor),
        Change::updated("UserRole", after.id, &before, &after).scoped(None, Some(organisation)),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// Takes a role away, with the same rights as granting it.
pub async fn revoke_role(
    db: &DatabaseConnection,
    actor: &Actor,
    role_id: i32,
) -> DomainResult<user_role::Model> {
    actor.require_account()?;
    let txn = transaction::begin(db).await?;
    let role = user_role::Entity::find_by_id(role_id)
        .one(&txn)
        .await?
        .ok_or_else(|| DomainError::not_found("role", role_id))?;
    match (role.role, role.cluster_id, role.organisation_id) {
        (UserRoleKind::Coordinator, Some(cluster), _) => actor.require_coordinator(cluster)?,
        // An account may give up its own role; an organisation's managers remove its others.
        (UserRoleKind::Member, _, Some(organisation))
            if role.user_id == actor.user_id || actor.manages(organisation) => {}
        _ => actor.require_operator()?,
    }
    user_role::Entity::delete_by_id(role_id).exec(&txn).await?;
    journal::record(
        &txn,
        Some(actor),
        Change::deleted("UserRole", role.id, &role).scoped(role.cluster_id, role.organisation_id),
    )
    .await?;
    txn.commit().await?;
    Ok(role)
}

/// A page of accounts for operators, newest first: every one, or those whose e-mail or name
/// holds `search` (case as typed; e-mails are stored lower-case).
pub async fn page<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    search: Option<&str>,
    request: &crate::db::pagination::PageRequest,
) -> DomainResult<crate::db::pagination::Page<app_user::Model>> {
    use crate::db::pagination::{Keyset, PagePlan, fetch_page, newest_first};
    use crate::rules::text::escape_like;
    use sea_orm::sea_query::{Expr, ExprTrait, LikeExpr};
    actor.require_operator()?;
    actor.require_account()?;
    let mut query = app_user::Entity::find();
    if let Some(search) = search.map(str::trim).filter(|s| !s.is_empty()) {
        let pattern = format!("%{}%", escape_like(search));
        query = query.filter(
            sea_orm::Condition::any()
                .add(
                    Expr::col((app_user::Entity, app_user::Column::Email))
                        .like(LikeExpr::new(pattern.to_lowercase()).escape('\\')),
                )
                .add(
                    Expr::col((app_user::Entity, app_user::Column::DisplayName))
                        .like(LikeExpr::new(pattern).escape('\\')),
                ),
        );
    }
    let order = newest_first::<app_user::Entity>(app_user::Column::Id, |row| Keyset::of_id(row.id));
    fetch_page(
        db,
        query,
        &order,
        request,
        PagePlan::Direct,
        crate::db::rows::ColumnSet::ALL,
    )
    .await
}

/// The roles acting for `organisation_id`, for its managers and operators.
pub async fn organisation_roles<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    organisation_id: i32,
) -> DomainResult<Vec<user_role::Model>> {
    if !actor.manages(organisation_id) {
        return Err(DomainError::forbidden(
            "only the organisation's managers or an operator may list who acts for it",
        ));
    }
    Ok(user_role::Entity::find()
        .filter(user_role::Column::OrganisationId.eq(organisation_id))
        .filter(user_role::Column::Role.eq(UserRoleKind::Member))
        .all(db)
        .await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_account_needs_a_password_that_passes_the_policy() {
        let user = |password: &str| NewUser {
            email: "anna.nowak@example.pl".into(),
            password: password.into(),
            display_name: "Anna".into(),
            is_operator: false,
            language: Default::default(),
        };
        assert!(check_new_user(&user("a-long-and-unusual-one")).is_ok());
        for weak in ["aaaaaaaaaa", "1234567890", "anna.nowak-was-here"] {
            assert!(check_new_user(&user(weak)).is_err(), "{weak}");
        }
    }
}
