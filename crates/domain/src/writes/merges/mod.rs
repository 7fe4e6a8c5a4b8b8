//! Folding a duplicate record into the one the registry keeps (operators only), in one
//! transaction: every link of the duplicate moves to the kept record (links both had are kept
//! once), the kept record's empty fields take the duplicate's values (its own win), and the
//! duplicate is deleted. The journal records each step with action MERGE.

mod clusters;
mod organisations;

use crate::{DomainError, DomainResult, FieldErrorCode};
use klastry_entity::{UserRoleKind, follow, user_role};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter};

pub use clusters::merge_clusters;
pub use organisations::{fill_gaps, merge_organisations};

/// Moves the roles held over the duplicate (`column` names whose they are) to the kept record;
/// an account holding the same role over both keeps one. `point` aims a role at the kept record.
async fn move_roles(
    txn: &DatabaseTransaction,
    column: user_role::Column,
    kept: i32,
    duplicate: i32,
    point: fn(&mut user_role::ActiveModel, i32),
) -> DomainResult<()> {
    let kept_roles: Vec<(i32, UserRoleKind)> = user_role::Entity::find()
        .filter(column.eq(kept))
        .all(txn)
        .await?
        .into_iter()
        .map(|r| (r.user_id, r.role))
        .collect();
    for role in user_role::Entity::find()
        .filter(column.eq(duplicate))
        .all(txn)
        .await?
    {
        if kept_roles.contains(&(role.user_id, role.role)) {
            user_role::Entity::delete_by_id(role.id).exec(txn).await?;
        } else {
            let mut row: user_role::ActiveModel = role.into();
            point(&mut row, kept);
            row.update(txn).await?;
        }
    }
    Ok(())
}

/// Moves the follows of the duplicate (`column` names what they follow; `kind` is the target
/// key's prefix, `cluster` or `organisation`) to the kept record; an account following both
/// follows it once. `point` aims a follow at the kept record.
async fn move_follows(
    txn: &DatabaseTransaction,
    column: follow::Column,
    kind: &str,
    kept: i32,
    duplicate: i32,
    point: fn(&mut follow::ActiveModel, i32),
) -> DomainResult<()> {
    let kept_key = format!("{kind}:{kept}");
    let followers: Vec<i32> = follow::Entity::find()
        .filter(follow::Column::TargetKey.eq(kept_key.as_str()))
        .all(txn)
        .await?
        .into_iter()
        .map(|f| f.user_id)
        .collect();
    for f in follow::Entity::find()
        .filter(column.eq(duplicate))
        .all(txn)
        .await?
    {
        if followers.contains(&f.user_id) {
            follow::Entity::delete_by_id(f.id).exec(txn).await?;
        } else {
            let mut row: follow::ActiveModel = f.into();
            point(&mut row, kept);
            row.target_key = sea_orm::Set(kept_key.clone());
            row.update(txn).await?;
        }
    }
    Ok(())
}

/// Refuses folding a record into itself (`what` names it: "a cluster", "an organisation").
fn distinct(kept: i32, duplicate: i32, what: &str) -> DomainResult<()> {
    if kept == duplicate {
        return Err(DomainError::invalid(
            "duplicateId",
            FieldErrorCode::NotAllowed,
            format!("{what} cannot be merged into itself"),
        ));
    }
    Ok(())
}
