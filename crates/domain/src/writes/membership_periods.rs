//! The periods of a membership, kept by every write that changes one: joining opens a period,
//! leaving closes it, joining again opens another and the earlier ones stay. The membership's
//! own `joined_on` / `left_on` repeat its latest period's.
//!
//! Each function runs inside the caller's transaction, after the caller checked access; none
//! writes the journal (the membership's own change records the step).

use crate::DomainResult;
use crate::rules::membership_periods::{days, same_period};
use chrono::Utc;
use klastry_entity::{membership, membership_period};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, NotSet, QueryFilter, QueryOrder,
    Set,
};

/// A new period of `membership`, joined on `joined_on` (unknown when `None`) and, when
/// `left_on` names a day, already over; with the membership's source.
pub(crate) fn new_period(
    membership: &membership::Model,
    joined_on: Option<String>,
    left_on: Option<String>,
) -> membership_period::ActiveModel {
    let now = Utc::now();
    let span = days(joined_on.as_deref(), left_on.as_deref());
    membership_period::ActiveModel {
        id: NotSet,
        membership_id: Set(membership.id),
        cluster_id: Set(membership.cluster_id),
        organisation_id: Set(membership.organisation_id),
        joined_on: Set(joined_on),
        left_on: Set(left_on),
        first_day: Set(span.first_day),
        last_day: Set(span.last_day),
        source_document_id: Set(membership.source_document_id),
        created_at: Set(now),
        updated_at: Set(now),
    }
}

/// Opens a period of `membership` with its joining and leaving dates as recorded on it.
pub(crate) async fn open<C: ConnectionTrait>(
    txn: &C,
    membership: &membership::Model,
) -> DomainResult<membership_period::Model> {
    Ok(new_period(
        membership,
        membership.joined_on.clone(),
        membership.left_on.clone(),
    )
    .insert(txn)
    .await?)
}

/// The periods of a membership, oldest first (in the order they were opened).
pub(crate) async fn of<C: ConnectionTrait>(
    txn: &C,
    membership_id: i32,
) -> DomainResult<Vec<membership_period::Model>> {
    Ok(membership_period::Entity::find()
        .filter(membership_period::Column::MembershipId.eq(membership_id))
        .order_by_asc(membership_period::Column::Id)
        .all(txn)
        .await?)
}

/// Ends the membership's latest period on `left_on` (the membership's dates repeat its latest
/// period's); when it has none (a membership recorded without one), records the period that
/// ends, with the membership's joining date.
pub(crate) async fn close<C: ConnectionTrait>(
    txn: &C,
    membership: &membership::Model,
    left_on: &str,
) -> DomainResult<()> {
    match of(txn, membership.id).await?.pop() {
        Some(latest) => {
            let joined_on = latest.joined_on.clone();
            set_dates(txn, latest, joined_on, Some(left_on.to_string())).await
        }
        None => {
            new_period(
                membership,
                membership.joined_on.clone(),
                Some(left_on.to_string()),
            )
            .insert(txn)
            .await?;
            Ok(())
        }
    }
}

/// Sets the dates of the membership's latest period to `joined_on` and `left_on`; when it has
/// none, opens one with them (if either is known).
pub(crate) async fn edit_latest<C: ConnectionTrait>(
    txn: &C,
    membership: &membership::Model,
    joined_on: Option<String>,
    left_on: Option<String>,
) -> DomainResult<()> {
    match of(txn, membership.id).await?.pop() {
        Some(latest) => set_dates(txn, latest, joined_on, left_on).await,
        None if joined_on.is_some() || left_on.is_some() => {
            new_period(membership, joined_on, left_on)
                .insert(txn)
                .await?;
            Ok(())
        }
        None => Ok(()),
    }
}

async fn set_dates<C: ConnectionTrait>(
    txn: &C,
    period: membership_period::Model,
    joined_on: Option<String>,
    left_on: Option<String>,
) -> DomainResult<()> {
    let span = days(joined_on.as_deref(), left_on.as_deref());
    let mut row: membership_period::ActiveModel = period.into();
    row.joined_on = Set(joined_on);
    row.left_on = Set(left_on);
    row.first_day = Set(span.first_day);
    row.last_day = Set(span.last_day);
    row.updated_at = Set(Utc::now());
    row.update(txn).await?;
    Ok(())
}

/// Carries the periods of a membership that moved to another cluster or organisation (a
/// merge) along with it.
pub(crate) async fn follow<C: ConnectionTrait>(
    txn: &C,
    moved: &membership::Model,
) -> DomainResult<()> {
    membership_period::Entity::update_many()
        .col_expr(
            membership_period::Column::ClusterId,
            Expr::value(moved.cluster_id),
        )
        .col_expr(
            membership_period::Column::OrganisationId,
            Expr::value(moved.organisation_id),
        )
        .filter(membership_period::Column::MembershipId.eq(moved.id))
        .exec(txn)
        .await?;
    Ok(())
}

/// Folds the periods of `dropped`, a membership a merge deletes because `kept` records the same
/// organisation in the same cluster, into `kept`: each moves unless `kept` records the same
/// period already ([`same_period`]). Call before deleting `dropped`, whose periods would go
/// with it.
pub(crate) async fn fold_into<C: ConnectionTrait>(
    txn: &C,
    dropped: i32,
    kept: &membership::Model,
) -> DomainResult<()> {
    let mut kept_periods = of(txn, kept.id).await?;
    for period in of(txn, dropped).await? {
        let dates = (period.joined_on.as_deref(), period.left_on.as_deref());
        if kept_periods
            .iter()
            .any(|k| same_period((k.joined_on.as_deref(), k.left_on.as_deref()), dates))
        {
            continue;
        }
        let mut row: membership_period::ActiveModel = period.clone().into();
        row.membership_id = Set(kept.id);
        row.cluster_id = Set(kept.cluster_id);
        row.organisation_id = Set(kept.organisation_id);
        row.updated_at = Set(Utc::now());
        kept_periods.push(row.update(txn).await?);
    }
    Ok(())
}
