//! The hand-built database layer: what the reads and writes share below SeaORM's query builder.
//!
//! `rows` decodes rows into models by column position, `batch` loads rows for many parents in one
//! statement (the API's loaders), `cluster_lists` the lists a cluster page shows, and `pagination`
//! keyset pages over an indexed sort column. `transaction` begins a write transaction and
//! `versioned` reads, saves and deletes rows that carry a version. [`contains_folded`] is the
//! condition of every text search.

pub mod batch;
pub mod bulk;
pub mod cluster_lists;
pub mod pagination;
pub mod rows;
pub mod transaction;
pub mod versioned;

use crate::rules::text::{escape_like, searched_text};
use sea_orm::sea_query::{Expr, ExprTrait, IntoColumnRef, LikeExpr};

/// The condition "`column` (a folded search text) contains the folded `search`", matched
/// literally (`%` and `_` in the search are not wildcards); None when the search looks for
/// nothing, which restricts nothing.
pub fn contains_folded(column: impl IntoColumnRef, search: Option<&str>) -> Option<Expr> {
    let folded = searched_text(search)?;
    Some(Expr::col(column).like(LikeExpr::new(format!("%{}%", escape_like(&folded))).escape('\\')))
}
