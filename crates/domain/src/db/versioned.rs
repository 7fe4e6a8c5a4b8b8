//! Rows that carry a version (optimistic concurrency): an update names the version it was based
//! on, and is refused with `Conflict` if the row has moved on, so no change overwrites another.
//! Also the generic existence check and the replacing of a row's links.

use crate::{DomainError, DomainResult};
use chrono::Utc;
use klastry_entity::{
    cluster, cluster_indicator, cluster_role, cooperation_offer, esca_label, event,
    kkk_certification, membership, operator_contact, organisation, person, project, service,
    working_group,
};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, IntoActiveModel,
    QueryFilter, Value,
};

/// A table whose rows have an integer `id` and carry a `version` and an `updated_at`: its
/// columns named by type, so a table without one of them does not compile rather than reading
/// as 0.
pub trait Versioned: EntityTrait {
    /// The row's id column.
    const ID: Self::Column;
    /// The version column, raised by every saved change.
    const VERSION: Self::Column;
    /// The time of the last change.
    const UPDATED_AT: Self::Column;
    /// The id of `row`.
    fn id_of(row: &Self::Model) -> i32;
    /// The version `row` is at.
    fn version_of(row: &Self::Model) -> i32;
}

macro_rules! versioned {
    ($($module:ident),*) => {$(
        impl Versioned for $module::Entity {
            const ID: Self::Column = $module::Column::Id;
            const VERSION: Self::Column = $module::Column::Version;
            const UPDATED_AT: Self::Column = $module::Column::UpdatedAt;
            fn id_of(row: &Self::Model) -> i32 {
                row.id
            }
            fn version_of(row: &Self::Model) -> i32 {
                row.version
            }
        }
    )*};
}
versioned!(
    cluster,
    cluster_indicator,
    cluster_role,
    cooperation_offer,
    esca_label,
    event,
    kkk_certification,
    membership,
    operator_contact,
    organisation,
    person,
    project,
    service,
    working_group
);

/// The row `id` of `E`, or NotFound naming `entity`.
pub async fn require_exists<E, C>(db: &C, id: i32, entity: &'static str) -> DomainResult<E::Model>
where
    E: Versioned,
    C: ConnectionTrait,
{
    E::find()
        .filter(Expr::col(E::ID).eq(id))
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

/// Refuses `row` (as just read) if it is no longer at `expected` version.
pub fn check_version<E: Versioned>(
    row: &E::Model,
    expected: i32,
    entity: &'static str,
) -> DomainResult<()> {
    let current = E::version_of(row);
    if current != expected {
        return Err(stale(entity, E::id_of(row), expected, current));
    }
    Ok(())
}

/// The row `id` of `E` as it is now, refused if it is no longer at `expected` version.
pub async fn load_versioned<E, C>(
    db: &C,
    id: i32,
    expected: i32,
    entity: &'static str,
) -> DomainResult<E::Model>
where
    E: Versioned,
    C: ConnectionTrait,
{
    let row = require_exists::<E, C>(db, id, entity).await?;
    check_version::<E>(&row, expected, entity)?;
    Ok(row)
}

/// The error for a write to row `id` at version `expected` that touched no row: the row has
/// moved on (a `Conflict` naming the version it is really at) or is gone (NotFound).
async fn refused<E: Versioned>(
    txn: &DatabaseTransaction,
    id: i32,
    expected: i32,
    entity: &'static str,
) -> DomainError {
    match require_exists::<E, _>(txn, id, entity).await {
        Ok(current) => stale(entity, id, expected, E::version_of(&current)),
        Err(error) => error,
    }
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
/// the version; returns the row as written (from `RETURNING` where the database has it, else
/// read back in the same transaction). A concurrent writer that got there first makes this a
/// `Conflict`, never a silent overwrite.
pub async fn save_versioned<E, A>(
    txn: &DatabaseTransaction,
    id: i32,
    expected: i32,
    mut changes: A,
    entity: &'static str,
) -> DomainResult<E::Model>
where
    E: Versioned<ActiveModel = A>,
    A: ActiveModelTrait<Entity = E> + Send,
    E::Model: IntoActiveModel<A>,
{
    changes.set(E::VERSION, Value::from(expected + 1));
    changes.set(E::UPDATED_AT, Value::from(Utc::now()));
    let update = E::update_many()
        .set(changes)
        .filter(Expr::col(E::ID).eq(id))
        .filter(Expr::col(E::VERSION).eq(expected));
    let written = if txn.support_returning() {
        update.exec_with_returning(txn).await?.pop()
    } else if update.exec(txn).await?.rows_affected == 1 {
        // The update holds the row's write lock until the transaction ends, so this reads the
        // row exactly as it was written.
        Some(require_exists::<E, _>(txn, id, entity).await?)
    } else {
        None
    };
    match written {
        Some(row) => Ok(row),
        None => Err(refused::<E>(txn, id, expected, entity).await),
    }
}

/// Deletes `row` (as the caller has just read it) if it is still at version `expected`;
/// returns it as it was.
pub async fn delete_versioned<E>(
    txn: &DatabaseTransaction,
    row: E::Model,
    expected: i32,
    entity: &'static str,
) -> DomainResult<E::Model>
where
    E: Versioned,
{
    check_version::<E>(&row, expected, entity)?;
    let id = E::id_of(&row);
    let result = E::delete_many()
        .filter(Expr::col(E::ID).eq(id))
        .filter(Expr::col(E::VERSION).eq(expected))
        .exec(txn)
        .await?;
    if result.rows_affected != 1 {
        return Err(refused::<E>(txn, id, expected, entity).await);
    }
    Ok(row)
}
