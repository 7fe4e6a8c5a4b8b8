//! The membership workflow: an organisation applies, the cluster's coordinator approves or
//! rejects with a reason, the member later leaves (or is removed). Only ACTIVE memberships count
//! towards a cluster's members; the others stay visible to both sides and in the audit trail.
//!
//! Every period is kept (`membership_periods`): approval and a member recorded directly open a
//! period, leaving ends it, an organisation that left and is approved again gets a new period
//! beside the earlier ones, and a coordinator's change of dates edits the latest period.

use super::membership_periods;
use crate::db::transaction::begin;
use crate::db::versioned::{check_version, delete_versioned, require_exists, save_versioned};
use crate::platform::change::Change;
use crate::platform::journal;
use crate::rules::access::Actor;
use crate::rules::calendar::polish_today;
use crate::rules::membership_periods::starts_before_previous_ended;
use crate::rules::validation::{self, Checks};
use crate::{DomainError, DomainResult};
use crate::{FieldError, FieldErrorCode};
use chrono::Utc;
use klastry_entity::{MembershipRole, MembershipStatus, cluster, membership, organisation};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, NotSet, QueryFilter, Set,
};

const OBJECT: &str = "Membership";

fn scoped(change: Change, m: &membership::Model) -> Change {
    change.scoped(Some(m.cluster_id), Some(m.organisation_id))
}

/// What a workflow step may start from.
fn require_status(
    m: &membership::Model,
    allowed: &[MembershipStatus],
    step: &str,
) -> DomainResult<()> {
    if allowed.contains(&m.status) {
        Ok(())
    } else {
        Err(DomainError::invalid(
            "id",
            FieldErrorCode::NotAllowed,
            format!(
                "the membership is {} and cannot be {step}",
                format!("{:?}", m.status).to_uppercase()
            ),
        ))
    }
}

/// An organisation applies to join a cluster (its members, or an operator). An organisation
/// that left or was rejected may apply again: its earlier periods stay, and approval opens a
/// new one.
pub async fn apply(
    db: &DatabaseConnection,
    actor: &Actor,
    cluster_id: i32,
    organisation_id: i32,
    message: Option<&str>,
) -> DomainResult<membership::Model> {
    actor.require_member(organisation_id)?;
    let message = validation::optional_text("message", message, 2_000)?;
    let txn = begin(db).await?;
    let cluster = require_exists::<cluster::Entity, _>(&txn, cluster_id, "cluster").await?;
    let organisation =
        require_exists::<organisation::Entity, _>(&txn, organisation_id, "organisation").await?;
    // A cluster stopped or wound up takes no members; one whose status no source states may.
    if matches!(
        cluster.status,
        klastry_entity::ClusterStatus::Inactive | klastry_entity::ClusterStatus::Dissolved
    ) {
        return Err(DomainError::invalid(
            "clusterId",
            FieldErrorCode::NotAllowed,
            "the cluster does not take new members",
        ));
    }
    let existing = membership::Entity::find()
        .filter(membership::Column::ClusterId.eq(cluster_id))
        .filter(membership::Column::OrganisationId.eq(organisation_id))
        .one(&txn)
        .await?;
    let now = Utc::now();
    let applied = match existing {
        Some(m)
            if matches!(
                m.status,
                MembershipStatus::Active | MembershipStatus::Pending
            ) =>
        {
            let why = if m.status == MembershipStatus::Active {
                "the organisation is already a member of this cluster"
            } else {
                "the organisation has already applied to this cluster"
            };
            return Err(DomainError::invalid(
                "clusterId",
                FieldErrorCode::NotUnique,
                why,
            ));
        }
        Some(previous) => {
            let mut row: membership::ActiveModel = previous.clone().into();
            row.status = Set(MembershipStatus::Pending);
            row.role = Set(MembershipRole::Member);
            row.application_message = Set(message);
            row.decision_reason = Set(None);
            row.decided_at = Set(None);
            row.joined_on = Set(None);
            row.left_on = Set(None);
            let after = save_versioned::<membership::Entity, _>(
                &txn,
                previous.id,
                previous.version,
                row,
                "membership",
            )
            .await?;
            journal::record(
                &txn,
                Some(actor),
                scoped(
                    Change::action("APPLY", OBJECT, after.id)
                        .before(&previous)
                        .after(&after),
                    &after,
                ),
            )
            .await?;
            after
        }
        None => {
            let created = membership::ActiveModel {
                id: NotSet,
                cluster_id: Set(cluster_id),
                source_document_id: Set(None),
                organisation_id: Set(organisation_id),
                member_sort_name: Set(organisation.sort_name.clone()),
                role: Set(MembershipRole::Member),
                status: Set(MembershipStatus::Pending),
                joined_on: Set(None),
                left_on: Set(None),
                application_message: Set(message),
                decision_reason: Set(None),
                decided_at: Set(None),
                version: Set(1),
                created_at: Set(now),
                updated_at: Set(now),
            }
            .insert(&txn)
            .await?;
            journal::record(
                &txn,
                Some(actor),
                scoped(
                    Change::action("APPLY", OBJECT, created.id).after(&created),
                    &created,
                ),
            )
            .await?;
            created
        }
    };
    txn.commit().await?;
    Ok(applied)
}

/// A coordinator decides a pending application: approved, the organisation is an ACTIVE member
/// from today, in a new period; rejected, the reason (required) is kept for the applicant to
/// read.
pub async fn decide(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    version: i32,
    approve: bool,
    reason: Option<&str>,
) -> DomainResult<membership::Model> {
    let txn = begin(db).await?;
    let before = require_exists::<membership::Entity, _>(&txn, id, "membership").await?;
    actor.require_coordinator(before.cluster_id)?;
    check_version::<membership::Entity>(&before, version, "membership")?;
    let mut checks = Checks::default();
    let reason = checks
        .check(validation::optional_text("reason", reason, 2_000))
        .flatten();
    if !approve && reason.is_none() {
        checks.fail(FieldError::new(
            "reason",
            FieldErrorCode::Required,
            "say why the application is rejected; the applicant will read it",
        ));
    }
    checks.finish()?;
    require_status(
        &before,
        &[MembershipStatus::Pending],
        if approve { "approved" } else { "rejected" },
    )?;
    let mut row: membership::ActiveModel = before.clone().into();
    row.status = Set(if approve {
        MembershipStatus::Active
    } else {
        MembershipStatus::Rejected
    });
    row.decision_reason = Set(reason);
    row.decided_at = Set(Some(Utc::now()));
    if approve {
        row.joined_on = Set(Some(polish_today().to_string()));
        row.left_on = Set(None);
    }
    let after =
        save_versioned::<membership::Entity, _>(&txn, id, version, row, "membership").await?;
    if approve {
        membership_periods::open(&txn, &after).await?;
    }
    let action = if approve { "APPROVE" } else { "REJECT" };
    journal::record(
        &txn,
        Some(actor),
        scoped(
            Change::action(action, OBJECT, id)
                .before(&before)
                .after(&after),
            &after,
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// A member leaves a cluster, or its coordinator removes it: ACTIVE becomes LEFT from today,
/// which ends its period. A pending application withdrawn this way is deleted, unless the
/// organisation was a member before: then the membership is LEFT again, with its latest
/// period's dates, and its periods stay.
pub async fn leave(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    version: i32,
) -> DomainResult<Option<membership::Model>> {
    let txn = begin(db).await?;
    let before = require_exists::<membership::Entity, _>(&txn, id, "membership").await?;
    actor.require_either(before.cluster_id, before.organisation_id)?;
    check_version::<membership::Entity>(&before, version, "membership")?;
    require_status(
        &before,
        &[MembershipStatus::Active, MembershipStatus::Pending],
        "left",
    )?;
    let earlier = if before.status == MembershipStatus::Pending {
        membership_periods::of(&txn, id).await?.pop()
    } else {
        None
    };
    let after = if let Some(latest) = earlier {
        let mut row: membership::ActiveModel = before.clone().into();
        row.status = Set(MembershipStatus::Left);
        row.joined_on = Set(latest.joined_on);
        row.left_on = Set(latest.left_on);
        row.application_message = Set(None);
        let after =
            save_versioned::<membership::Entity, _>(&txn, id, version, row, "membership").await?;
        journal::record(
            &txn,
            Some(actor),
            scoped(
                Change::action("WITHDRAW", OBJECT, id)
                    .before(&before)
                    .after(&after),
                &after,
            ),
        )
        .await?;
        Some(after)
    } else if before.status == MembershipStatus::Pending {
        delete_versioned::<membership::Entity>(&txn, before.clone(), version, "membership").await?;
        journal::record(
            &txn,
            Some(actor),
            scoped(
                Change::action("WITHDRAW", OBJECT, id).before(&before),
                &before,
            ),
        )
        .await?;
        None
    } else {
        let today = polish_today().to_string();
        let mut row: membership::ActiveModel = before.clone().into();
        row.status = Set(MembershipStatus::Left);
        row.left_on = Set(Some(today.clone()));
        let after =
            save_versioned::<membership::Entity, _>(&txn, id, version, row, "membership").await?;
        membership_periods::close(&txn, &after, &today).await?;
        journal::record(
            &txn,
            Some(actor),
            scoped(
                Change::action("LEAVE", OBJECT, id)
                    .before(&before)
                    .after(&after),
                &after,
            ),
        )
        .await?;
        Some(after)
    };
    txn.commit().await?;
    Ok(after)
}

/// A coordinator records a member directly (one that joined outside the registry).
pub async fn add_member(
    db: &DatabaseConnection,
    actor: &Actor,
    cluster_id: i32,
    organisation_id: i32,
    role: MembershipRole,
    joined_on: Option<&str>,
) -> DomainResult<membership::Model> {
    actor.require_coordinator(cluster_id)?;
    let joined_on = joined_on
        .map(|d| validation::partial_date("joinedOn", d).map(|d| d.to_string()))
        .transpose()?;
    let txn = begin(db).await?;
    let created = insert_active(
        &txn,
        Some(actor),
        cluster_id,
        organisation_id,
        role,
        joined_on,
    )
    .await?;
    txn.commit().await?;
    Ok(created)
}

/// Records an active membership, with its first period, inside the caller's transaction;
/// whoever calls it has checked that the actor may. Refused when the organisation has a
/// membership of the cluster already.
pub(crate) async fn insert_active<C: sea_orm::ConnectionTrait>(
    txn: &C,
    actor: Option<&Actor>,
    cluster_id: i32,
    organisation_id: i32,
    role: MembershipRole,
    joined_on: Option<String>,
) -> DomainResult<membership::Model> {
    require_exists::<cluster::Entity, _>(txn, cluster_id, "cluster").await?;
    let organisation =
        require_exists::<organisation::Entity, _>(txn, organisation_id, "organisation").await?;
    let existing = membership::Entity::find()
        .filter(membership::Column::ClusterId.eq(cluster_id))
        .filter(membership::Column::OrganisationId.eq(organisation_id))
        .one(txn)
        .await?;
    if existing.is_some() {
        return Err(DomainError::invalid(
            "organisationId",
            FieldErrorCode::NotUnique,
            "the organisation already has a membership of this cluster; approve or update it",
        ));
    }
    let now = Utc::now();
    let created = membership::ActiveModel {
        id: NotSet,
        cluster_id: Set(cluster_id),
        source_document_id: Set(None),
        organisation_id: Set(organisation_id),
        member_sort_name: Set(organisation.sort_name),
        role: Set(role),
        status: Set(MembershipStatus::Active),
        joined_on: Set(joined_on.or_else(|| Some(polish_today().to_string()))),
        left_on: Set(None),
        application_message: Set(None),
        decision_reason: Set(None),
        decided_at: Set(Some(now)),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(txn)
    .await?;
    membership_periods::open(txn, &created).await?;
    journal::record(
        txn,
        actor,
        scoped(Change::created(OBJECT, created.id, &created), &created),
    )
    .await?;
    Ok(created)
}

/// A coordinator changes a member's role or dates. The dates are the latest period's: a
/// member's (ACTIVE or LEFT) latest period takes them, and may not start before the period
/// before it ended. An application's dates (PENDING or REJECTED) touch no period.
pub async fn update(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    version: i32,
    role: Option<MembershipRole>,
    joined_on: super::Patch<String>,
    left_on: super::Patch<String>,
) -> DomainResult<membership::Model> {
    let txn = begin(db).await?;
    let before = require_exists::<membership::Entity, _>(&txn, id, "membership").await?;
    actor.require_coordinator(before.cluster_id)?;
    check_version::<membership::Entity>(&before, version, "membership")?;
    let mut checks = Checks::default();
    let joined = super::patch_partial_date(
        &mut checks,
        "joinedOn",
        before.joined_on.clone(),
        &joined_on,
    );
    let left = super::patch_partial_date(&mut checks, "leftOn", before.left_on.clone(), &left_on);
    super::check_period(&mut checks, "leftOn", joined.as_deref(), left.as_deref());
    let member = matches!(
        before.status,
        MembershipStatus::Active | MembershipStatus::Left
    );
    if member {
        let periods = membership_periods::of(&txn, id).await?;
        let previous = periods.len().checked_sub(2).and_then(|i| periods.get(i));
        if let Some(previous) = previous
            && starts_before_previous_ended(previous.left_on.as_deref(), joined.as_deref())
        {
            checks.fail(FieldError::new(
                "joinedOn",
                FieldErrorCode::NotAllowed,
                format!(
                    "the period cannot start before the organisation's previous period ended ({})",
                    previous.left_on.as_deref().unwrap_or_default()
                ),
            ));
        }
    }
    checks.finish()?;
    let mut row: membership::ActiveModel = before.clone().into();
    if let Some(role) = role {
        row.role = Set(role);
    }
    row.joined_on = Set(joined.clone());
    row.left_on = Set(left.clone());
    let after =
        save_versioned::<membership::Entity, _>(&txn, id, version, row, "membership").await?;
    if member {
        membership_periods::edit_latest(&txn, &after, joined, left).await?;
    }
    journal::record(
        &txn,
        Some(actor),
        scoped(Change::updated(OBJECT, id, &before, &after), &after),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}
