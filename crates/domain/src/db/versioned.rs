//! Rows that carry a version (optimistic concurrency): an update names the version it was based
//! on, and is refused with `Conflict` if the row has moved on, so no change overwrites another.
//! Also the generic existence check and the replacing of a row's links.

use crate::{DomainError, DomainResult};
use chrono::Utc;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, IntoActiveModel,
    ModelTrait, QueryFilter, Value,
};
use std::str::FromStr;

fn column<E: EntityTrait>(name: &str) -> DomainResult<E::Column> {
    E::Column::from_str(name).map_err(|_| DomainError::Data(format!("table has no column {name}")))
}

/// The row `id` of `E`, or NotFound naming `entity`.
pub async fn require_exists<E, C>(db: &C, id: i32, entity: &'static str) -> DomainResult<E::Model>
where
    E: EntityTrait,
    C: ConnectionTrait,
{
    E::find()
        .filter(Expr::col(column::<E>("id")?).eq(id))
        .one(db)
        .await?
        .ok_or_else(|| DomainError::not_found(entity, id))
}

fn stale(entity: &str, id: i32, sent: i32, current: i32) -> DomainError {
    DomainError::Conflict(format!(
        "{entity} {id} has been changed by someone else since version {sent} (it is now at \
         version {current}); reload it and apply your change again"
    ))
}

/// The row `id` of `E` as it is now, refused if it is no longer at `expected` version.
pub async fn load_versioned<E, C>(
    db: &C,
    id: i32,
    expected: i32,
    entity: &'static str,
) -> DomainResult<E::Model>
where
    E: EntityTrait,
    C: ConnectionTrait,
    E::Model: serde::Serialize,
{
    let row = require_exists::<E, C>(db, id, entity).await?;
    let current = int_column(&row, "version");
    if current != expected {
        return Err(stale(entity, id, expected, current));
    }
    Ok(row)
}

/// An integer column of a row read generically (`id`, `version`).
pub(crate) fn int_column<M: ModelTrait>(row: &M, name: &str) -> i32 {
    column::<M::Entity>(name)
        .ok()
        .and_then(|c| match row.get(c) {
            Value::Int(Some(v)) => Some(v),
            _ => None,
        })
        .unwrap_or_default()
}

/// Replaces the rows of `E` that belong to `owner_id` (by the column `owner`) with `rows`, in
/// two statements: the links of a cluster, an organisation, a notice or a project.
pub(crate) async fn replace_rows<E, C>(
    db: &C,
    owner: E::Column,
    owner_id: i32,
    rows: Vec<E::ActiveModel>,
) -> DomainResult<()>
where
    E: EntityTrait,
    C: ConnectionTrait,
{
    E::delete_many()
        .filter(Expr::col(owner).eq(owner_id))
        .exec(db)
        .await?;
    if !rows.is_empty() {
        E::insert_many(rows).exec_without_returning(db).await?;
    }
    Ok(())
}

/// Writes the set fields of `changes` to row `id` if it is still at version `expected`, raising
/// the version; returns the row as written. A concurrent writer that got there first makes this
/// a `Conflict`, never a silent overwrite.
pub async fn save_versioned<E, A>(
    txn: &DatabaseTransaction,
    id: i32,
    expected: i32,
    mut changes: A,
    entity: &'static str,
) -> DomainResult<E::Model>
where
    E: EntityTrait<ActiveModel = A>,
    A: ActiveModelTrait<Entity = E> + Send,
    E::Model: IntoActiveModel<A> + serde::Serialize,
{
    let version = column::<E>("version")?;
    let updated_at = column::<E>("updated_at")?;
    changes.set(version, Value::from(expected + 1));
    changes.set(updated_at, Value::from(Utc::now()));
    let result = E::update_many()
        .set(changes)
        .filter(Expr::col(column::<E>("id")?).eq(id))
        .filter(Expr::col(version).eq(expected))
        .exec(txn)
        .await?;
    if result.rows_affected != 1 {
        let current = require_exists::<E, _>(txn, id, entity).await?;
        return Err(stale(entity, id, expected, int_column(&current, "version")));
    }
    require_exists::<E, _>(txn, id, entity).await
}

/// Deletes row `id` of `E` if it is still at version `expected`; returns it as it was.
pub async fn delete_versioned<E>(
    txn: &DatabaseTransaction,
    id: i32,
    expected: i32,
    entity: &'static str,
) -> DomainResult<E::Model>
where
    E: EntityTrait,
    E::Model: serde::Serialize,
{
    let before = load_versioned::<E, _>(txn, id, expected, entity).await?;
    let result = E::delete_many()
        .filter(Expr::col(column::<E>("id")?).eq(id))
        .filter(Expr::col(column::<E>("version")?).eq(expected))
        .exec(txn)
        .await?;
    if result.rows_affected != 1 {
        return Err(stale(entity, id, expected, expected + 1));
    }
    Ok(before)
}
