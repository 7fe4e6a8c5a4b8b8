//! Invitations by e-mail: a coordinator invites people to act for an organisation of the
//! cluster or to co-coordinate it, an organisation's managers invite colleagues, an operator
//! invites coordinators and operators. The single-use link works for 7 days; accepting it signs
//! the person up (the link proves the address) or in, and grants the role.

use crate::accounts::links;
use crate::accounts::passwords;
use crate::accounts::sessions::{self, Session, TokenKeys};
use crate::accounts::sign_in_throttle;
use crate::accounts::sign_up::by_email;
use crate::accounts::users::{self, Grant, NewUser, check_new_user};
use crate::db::pagination::{Keyset, Page, PagePlan, PageRequest, fetch_page, newest_first};
use crate::db::rows::ColumnSet;
use crate::db::transaction;
use crate::db::versioned::require_exists;
use crate::mail::{Letter, Template, outbox};
use crate::platform::change::Change;
use crate::platform::journal;
use crate::platform::secrets::{hash_token, random_text};
use crate::rules::access::Actor;
use crate::rules::languages::Language;
use crate::rules::validation;
use crate::writes::memberships;
use crate::writes::organisations::{self, OrganisationFields};
use crate::{DomainError, DomainResult, FieldErrorCode};
use chrono::{Duration, Utc};
use klastry_entity::{
    InvitationRole, MembershipRole, MembershipStatus, app_user, cluster, invitation, membership,
    organisation,
};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, NotSet,
    QueryFilter, Set,
};

const OBJECT: &str = "Invitation";

/// How long an invitation's link works.
pub fn lifetime() -> Duration {
    Duration::days(7)
}

/// An invitation to send.
#[derive(Debug, Clone)]
pub struct NewInvitation {
    /// The address invited.
    pub email: String,
    /// The role it grants.
    pub role: InvitationRole,
    /// The cluster: to co-coordinate (COORDINATOR), or the inviting coordinator's (MEMBER).
    pub cluster_id: Option<i32>,
    /// The organisation to act for (MEMBER).
    pub organisation_id: Option<i32>,
    /// Or an organisation new to the registry (MEMBER, by a coordinator of `cluster_id`): it
    /// is added and recorded as a member of the cluster, then the invitation is for it.
    pub new_organisation: Option<OrganisationFields>,
    /// The language of the mail.
    pub language: Language,
}

/// Whether `actor` may invite to `role` over these: operators anything; a cluster's
/// coordinators co-coordinators, and users for the organisations with a membership of it; an
/// organisation's managers its users.
async fn may_invite<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    role: InvitationRole,
    cluster_id: Option<i32>,
    organisation_id: Option<i32>,
) -> DomainResult<bool> {
    if actor.api_token.is_some() {
        return Ok(false);
    }
    if actor.is_operator {
        return Ok(true);
    }
    Ok(match (role, cluster_id, organisation_id) {
        (InvitationRole::Operator, _, _) => false,
        (InvitationRole::Coordinator, Some(cluster), _) => actor.coordinates(cluster),
        (InvitationRole::Member, _, Some(organisation)) if actor.manages(organisation) => true,
        (InvitationRole::Member, Some(cluster), Some(organisation)) => {
            actor.coordinates(cluster)
                && membership::Entity::find()
                    .filter(membership::Column::ClusterId.eq(cluster))
                    .filter(membership::Column::OrganisationId.eq(organisation))
                    .filter(
                        membership::Column::Status
                            .is_in([MembershipStatus::Active, MembershipStatus::Pending]),
                    )
                    .one(db)
                    .await?
                    .is_some()
        }
        _ => false,
    })
}

/// What an invitation is for, in words: the organisation's or cluster's name.
async fn target_of<C: ConnectionTrait>(
    db: &C,
    invitation: &invitation::Model,
) -> DomainResult<String> {
    Ok(match invitation.role {
        InvitationRole::Member => match invitation.organisation_id {
            Some(id) => {
                require_exists::<organisation::Entity, _>(db, id, "organisation")
                    .await?
                    .name
            }
            None => String::new(),
        },
        InvitationRole::Coordinator => match invitation.cluster_id {
            Some(id) => {
                super::cluster_name(&require_exists::<cluster::Entity, _>(db, id, "cluster").await?)
            }
            None => String::new(),
        },
        InvitationRole::Operator => String::new(),
    })
}

async fn mail_invitation<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    invitation: &invitation::Model,
    token: String,
) -> DomainResult<()> {
    let inviter = users::user(db, actor.user_id)
        .await?
        .map(|u| u.display_name)
        .unwrap_or_else(|| actor.email.clone());
    outbox::enqueue(
        db,
        Letter {
            to: invitation.email.clone(),
            user_id: None,
            language: Language::from_code(&invitation.language),
            template: Template::Invitation {
                inviter,
                role: invitation.role,
                target: target_of(db, invitation).await?,
                token,
            },
        },
    )
    .await
}

/// Whether an invitation's link still works.
pub fn is_open(invitation: &invitation::Model, now: chrono::DateTime<Utc>) -> bool {
    invitation.accepted_at.is_none()
        && invitation.revoked_at.is_none()
        && invitation.expires_at > now
}

/// Sends an invitation. Inviting an address again while its invitation to the same role is
/// open is refused: resend that one instead.
pub async fn invite(
    db: &DatabaseConnection,
    actor: &Actor,
    input: &NewInvitation,
) -> DomainResult<invitation::Model> {
    actor.require_account()?;
    let email = validation::email("email", &input.email)?.to_lowercase();
    let (cluster_id, organisation_id) = match input.role {
        InvitationRole::Operator => (None, None),
        InvitationRole::Coordinator => (
            Some(
                input
                    .cluster_id
                    .ok_or_else(|| validation::required("clusterId"))?,
            ),
            None,
        ),
        InvitationRole::Member => (input.cluster_id, input.organisation_id),
    };
    if input.role == InvitationRole::Member {
        match (organisation_id, &input.new_organisation) {
            (None, None) => return Err(validation::required("organisationId")),
            (Some(_), Some(_)) => {
                return Err(DomainError::invalid(
                    "newOrganisation",
                    FieldErrorCode::MutuallyExclusive,
                    "give either `organisationId` or `newOrganisation`, not both",
                ));
            }
            (None, Some(_)) if cluster_id.is_none() => {
                return Err(validation::required("clusterId"));
            }
            _ => {}
        }
    }
    let txn = transaction::begin(db).await?;
    let organisation_id = match (&input.new_organisation, cluster_id) {
        (Some(fields), Some(cluster)) if input.role == InvitationRole::Member => {
            actor.require_coordinator(cluster)?;
            let added = organisations::insert(&txn, Some(actor), fields).await?;
            memberships::insert_active(
                &txn,
                Some(actor),
                cluster,
                added.id,
                MembershipRole::Member,
                None,
            )
            .await?;
            Some(added.id)
        }
        _ => organisation_id,
    };
    if let Some(cluster) = cluster_id {
        require_exists::<cluster::Entity, _>(&txn, cluster, "cluster").await?;
    }
    if let Some(organisation) = organisation_id {
        require_exists::<organisation::Entity, _>(&txn, organisation, "organisation").await?;
    }
    if !may_invite(&txn, actor, input.role, cluster_id, organisation_id).await? {
        return Err(DomainError::forbidden(
            "you may invite people to act for organisations you manage or that belong to clusters you coordinate, and co-coordinators of your clusters; operators invite anyone",
        ));
    }
    let now = Utc::now();
    let open = invitation::Entity::find()
        .filter(invitation::Column::Email.eq(&email))
        .filter(invitation::Column::Role.eq(input.role))
        .all(&txn)
        .await?
        .into_iter()
        .any(|i| {
            is_open(&i, now)
                && i.organisation_id == organisation_id
                && (input.role != InvitationRole::Coordinator || i.cluster_id == cluster_id)
        });
    if open {
        return Err(DomainError::invalid(
            "email",
            FieldErrorCode::NotUnique,
            "this address has an open invitation to the same role; resend it instead",
        ));
    }
    let token = random_text::<32>()?;
    let created = invitation::ActiveModel {
        id: NotSet,
        email: Set(email),
        role: Set(input.role),
        cluster_id: Set(cluster_id),
        organisation_id: Set(organisation_id),
        invited_by: Set(Some(actor.user_id)),
        language: Set(input.language.code().to_owned()),
        token_hash: Set(hash_token(&token)),
        expires_at: Set(now + lifetime()),
        accepted_at: Set(None),
        accepted_by: Set(None),
        revoked_at: Set(None),
        sent_count: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await?;
    journal::record(
        &txn,
        Some(actor),
        Change::created(OBJECT, created.id, &created).scoped(cluster_id, organisation_id),
    )
    .await?;
    mail_invitation(&txn, actor, &created, token).await?;
    txn.commit().await?;
    Ok(created)
}

/// Loads an invitation that `actor` may manage (whoever may send it).
async fn managed<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    invitation_id: i32,
) -> DomainResult<invitation::Model> {
    let found = invitation::Entity::find_by_id(invitation_id)
        .one(db)
        .await?
        .ok_or_else(|| DomainError::not_found("invitation", invitation_id))?;
    if !may_invite(
        db,
        actor,
        found.role,
        found.cluster_id,
        found.organisation_id,
    )
    .await?
    {
        return Err(DomainError::forbidden(
            "only whoever may send this invitation may resend or revoke it",
        ));
    }
    Ok(found)
}

/// Mails an invitation again with a new link (the old one stops working), for another 7 days.
pub async fn resend(
    db: &DatabaseConnection,
    actor: &Actor,
    invitation_id: i32,
) -> DomainResult<invitation::Model> {
    actor.require_account()?;
    let txn = transaction::begin(db).await?;
    let found = managed(&txn, actor, invitation_id).await?;
    if found.accepted_at.is_some() || found.revoked_at.is_some() {
        return Err(DomainError::invalid(
            "invitationId",
            FieldErrorCode::NotAllowed,
            "this invitation was accepted or revoked",
        ));
    }
    if !outbox::may_queue(&txn, &found.email, "INVITATION").await? {
        return Err(DomainError::Throttled {
            message:
                "this address was mailed an invitation less than a minute ago, or five times today"
                    .into(),
            retry_after_secs: 60,
            locked: false,
        });
    }
    let token = random_text::<32>()?;
    let now = Utc::now();
    let sent = found.sent_count + 1;
    let mut row: invitation::ActiveModel = found.into();
    row.token_hash = Set(hash_token(&token));
    row.expires_at = Set(now + lifetime());
    row.sent_count = Set(sent);
    row.updated_at = Set(now);
    let after = row.update(&txn).await?;
    journal::record(
        &txn,
        Some(actor),
        Change::action("RESEND", OBJECT, after.id).scoped(after.cluster_id, after.organisation_id),
    )
    .await?;
    mail_invitation(&txn, actor, &after, token).await?;
    txn.commit().await?;
    Ok(after)
}

/// Revokes an open invitation: its link stops working.
pub async fn revoke(
    db: &DatabaseConnection,
    actor: &Actor,
    invitation_id: i32,
) -> DomainResult<invitation::Model> {
    actor.require_account()?;
    let txn = transaction::begin(db).await?;
    let found = managed(&txn, actor, invitation_id).await?;
    if found.accepted_at.is_some() {
        return Err(DomainError::invalid(
            "invitationId",
            FieldErrorCode::NotAllowed,
            "this invitation was accepted already; take the role away instead",
        ));
    }
    let now = Utc::now();
    let mut row: invitation::ActiveModel = found.into();
    row.revoked_at = Set(Some(now));
    row.updated_at = Set(now);
    let after = row.update(&txn).await?;
    journal::record(
        &txn,
        Some(actor),
        Change::action("REVOKE", OBJECT, after.id).scoped(after.cluster_id, after.organisation_id),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// The open invitation with `token`, for the page that accepts it.
pub async fn by_token<C: ConnectionTrait>(db: &C, token: &str) -> DomainResult<invitation::Model> {
    invitation::Entity::find()
        .filter(invitation::Column::TokenHash.eq(hash_token(token.trim())))
        .one(db)
        .await?
        .filter(|i| is_open(i, Utc::now()))
        .ok_or_else(links::unusable)
}

/// Whether an account signs in with `email` already (the accepting page then asks for its
/// password rather than a new one).
pub async fn has_account<C: ConnectionTrait>(db: &C, email: &str) -> DomainResult<bool> {
    Ok(by_email(db, email).await?.is_some())
}

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

/// Which invitations a list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InvitationScope {
    /// Of a cluster (its coordinators): co-coordinators and its organisations' users.
    Cluster(i32),
    /// Of an organisation (its managers and its clusters' coordinators).
    Organisation(i32),
    /// Every one (operators).
    All,
}

/// A page of invitations, newest first.
pub async fn page<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    scope: InvitationScope,
    request: &PageRequest,
) -> DomainResult<Page<invitation::Model>> {
    actor.require_account()?;
    let mut query = invitation::Entity::find();
    match scope {
        InvitationScope::All => actor.require_operator()?,
        InvitationScope::Cluster(cluster) => {
            actor.require_coordinator(cluster)?;
            query = query.filter(invitation::Column::ClusterId.eq(cluster));
        }
        InvitationScope::Organisation(organisation) => {
            if !actor.manages(organisation) {
                return Err(DomainError::forbidden(
                    "only the organisation's managers or an operator may list its invitations",
                ));
            }
            query = query.filter(invitation::Column::OrganisationId.eq(organisation));
        }
    }
    let order =
        newest_first::<invitation::Entity>(invitation::Column::Id, |row| Keyset::of_id(row.id));
    fetch_page(db, query, &order, request, PagePlan::Direct, ColumnSet::ALL).await
}

/// Whether `actor` may read `invitation`: whoever may send it.
pub async fn may_read<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    invitation: &invitation::Model,
) -> DomainResult<bool> {
    may_invite(
        db,
        actor,
        invitation.role,
        invitation.cluster_id,
        invitation.organisation_id,
    )
    .await
}
