//! Write transactions.

use crate::DomainResult;
use sea_orm::{DatabaseTransaction, SqliteTransactionMode, TransactionOptions, TransactionTrait};

/// Starts a write transaction. On SQLite it takes the write lock at once, so a transaction
/// that reads before it writes waits its turn instead of failing when another one commits.
pub async fn begin<C>(db: &C) -> DomainResult<DatabaseTransaction>
where
    C: TransactionTrait<Transaction = DatabaseTransaction>,
{
    Ok(db
        .begin_with_options(TransactionOptions {
            sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
            ..Default::default()
        })
        .await?)
}
