//! Invitations by e-mail: a coordinator invites people to act for an organisation of the
//! cluster or to co-coordinate it, an organisation's managers invite colleagues, an operator
//! invites coordinators and operators. The single-use link works for 7 days; accepting it
//! (`acceptance`) signs the person up (the link proves the address) or in, and grants the role.

use crate::accounts::links;
use crate::accounts::sign_up::by_email;
use crate::accounts::users;
use crate::db::pagination::{Keyset, Page, PagePlan, PageRequest, fetch_page, newest_first};
use crate::db::rows::ColumnSet;
use crate::db::transaction;
use crate::db::versioned::require_exists;
use crate::mail::{Letter, Template, outbox};
use crate::platform::change::Change;
use crate::platform::journal;
use crate::platform::notices::{Notice, deliver};
use crate::platform::secrets::{hash_token, random_text};
use crate::rules::access::Actor;
use crate::rules::languages::Language;
use crate::rules::notifications::NoticeParams;
use crate::rules::validation;
use crate::writes::memberships;
use crate::writes::organisations::{self, OrganisationFields};
use crate::{DomainError, DomainResult, FieldErrorCode};
use chrono::{Duration, Utc};
use klastry_entity::{
    InvitationRole, MembershipRole, MembershipStatus, NotificationKind, cluster, invitation,
    membership, organisation,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, NotSet,
    QueryFilter, Set,
};

pub(super) const OBJECT: &str = "Invitation";

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
    let target = target_of(db, invitation).await?;
    // An account the address has already sees the invitation in its inbox too; the mail
    // below is its one mail (INVITATION is never mailed as a notification).
    if let Some(invitee) = by_email(db, &invitation.email).await? {
        let params = NoticeParams {
            person: Some(inviter.clone()),
            organisation: invitation.organisation_id.map(|_| target.clone()),
            cluster: invitation.organisation_id.is_none().then(|| target.clone()),
            ..NoticeParams::default()
        };
        deliver(
            db,
            vec![Notice::new(
                invitee.id,
                NotificationKind::Invitation,
                params,
            )],
        )
        .await?;
    }
    outbox::enqueue(
        db,
        Letter {
            to: invitation.email.clone(),
            user_id: None,
            language: Language::from_code(&invitation.language),
            template: Template::Invitation {
                inviter,
                role: invitation.role,
                target,
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
