//! Writing and matching many rows in few statements: multi-row INSERTs and `IN (...)` look-ups in
//! chunks that keep within both databases' bound on a statement's parameters (32,766 on SQLite,
//! 65,535 on PostgreSQL).

use crate::DomainResult;
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, IntoActiveModel, Iterable};

/// Most keys one `IN (...)` look-up names.
pub const KEYS_PER_STATEMENT: usize = 500;

/// Most parameters one statement binds: under SQLite's default bound of 32,766.
const PARAMETERS_PER_STATEMENT: usize = 30_000;

/// Most rows one multi-row INSERT writes.
const ROWS_PER_STATEMENT: usize = 500;

/// How many rows of `columns` set columns one INSERT may write.
pub fn rows_per_insert(columns: usize) -> usize {
    (PARAMETERS_PER_STATEMENT / columns.max(1)).clamp(1, ROWS_PER_STATEMENT)
}

/// Which columns a row sets: rows are written together only when they set the same ones.
fn set_columns<A: ActiveModelTrait>(row: &A) -> Vec<bool> {
    <A::Entity as EntityTrait>::Column::iter()
        .map(|column| row.get(column).is_set())
        .collect()
}

/// Runs of `rows`, in their order, that one INSERT each may write: the same columns set, and
/// within the bound on parameters.
pub fn insert_batches<A: ActiveModelTrait>(rows: Vec<A>) -> Vec<Vec<A>> {
    let mut batches: Vec<Vec<A>> = Vec::new();
    let mut shape: Vec<bool> = Vec::new();
    for row in rows {
        let columns = set_columns(&row);
        let room = rows_per_insert(columns.iter().filter(|set| **set).count());
        match batches.last_mut() {
            Some(batch) if columns == shape && batch.len() < room => batch.push(row),
            _ => {
                shape = columns;
                batches.push(vec![row]);
            }
        }
    }
    batches
}

/// Inserts `rows` in as few statements as the bounds allow and returns the rows written, in the
/// order given. Each INSERT's rows come back sorted by `id`, which both databases assign in the
/// order of the statement's VALUES.
pub async fn insert_returning<A, C>(
    db: &C,
    rows: Vec<A>,
    id: impl Fn(&<A::Entity as EntityTrait>::Model) -> i32,
) -> DomainResult<Vec<<A::Entity as EntityTrait>::Model>>
where
    A: ActiveModelTrait,
    <A::Entity as EntityTrait>::Model: IntoActiveModel<A>,
    C: ConnectionTrait,
{
    let mut written = Vec::with_capacity(rows.len());
    for batch in insert_batches(rows) {
        let mut models = <A::Entity as EntityTrait>::insert_many(batch)
            .exec_with_returning(db)
            .await?;
        models.sort_by_key(&id);
        written.extend(models);
    }
    Ok(written)
}

/// Inserts `rows` in as few statements as the bounds allow.
pub async fn insert_all<A, C>(db: &C, rows: Vec<A>) -> DomainResult<()>
where
    A: ActiveModelTrait,
    C: ConnectionTrait,
{
    for batch in insert_batches(rows) {
        <A::Entity as EntityTrait>::insert_many(batch)
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use klastry_entity::audit_entry;
    use sea_orm::{NotSet, Set};

    fn entry(object_id: i32, with_cluster: bool) -> audit_entry::ActiveModel {
        audit_entry::ActiveModel {
            object_id: Set(object_id),
            cluster_id: if with_cluster { Set(Some(1)) } else { NotSet },
            ..Default::default()
        }
    }

    #[test]
    fn rows_per_insert_keeps_within_the_parameter_bound() {
        assert_eq!(rows_per_insert(10), 500);
        assert_eq!(rows_per_insert(100), 300);
        assert_eq!(rows_per_insert(0), 500);
        assert!(rows_per_insert(40_000) >= 1);
    }

    #[test]
    fn batches_keep_order_and_split_where_the_columns_change() {
        let rows = vec![
            entry(1, false),
            entry(2, false),
            entry(3, true),
            entry(4, false),
        ];
        let batches = insert_batches(rows);
        let ids: Vec<Vec<i32>> = batches
            .iter()
            .map(|b| b.iter().map(|r| *r.object_id.as_ref()).collect())
            .collect();
        assert_eq!(ids, vec![vec![1, 2], vec![3], vec![4]]);
        let many: Vec<_> = (0..1_201).map(|i| entry(i, false)).collect();
        let sizes: Vec<usize> = insert_batches(many).iter().map(Vec::len).collect();
        assert_eq!(sizes, vec![500, 500, 201]);
    }
}
