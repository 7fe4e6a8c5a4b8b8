//! The text condition shared by cluster and organisation search.
//!
//! Both search a folded copy of their names (`search_text`): on PostgreSQL with `LIKE` over a
//! trigram index, on SQLite through an FTS5 trigram index (`<table>_search`, see the
//! migrations) for terms of three characters or more, and with `LIKE` for shorter ones, which
//! a trigram index cannot serve.

use crate::rules::text::{escape_like, fold};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, LikeExpr, Query, SimpleExpr};
use sea_orm::{ColumnTrait, DatabaseBackend, EntityTrait};

/// The condition "the folded search text contains `text`" for `E`, or `None` when `text`
/// folds to nothing.
pub fn contains<E: EntityTrait>(
    backend: DatabaseBackend,
    id: E::Column,
    search_text: E::Column,
    text: &str,
) -> Option<SimpleExpr> {
    let folded = fold(text);
    if folded.is_empty() {
        return None;
    }
    if backend == DatabaseBackend::Sqlite && folded.chars().count() >= 3 {
        let index = Alias::new(format!("{}_search", E::default().as_str()));
        // An FTS5 phrase: the folded text has no double quotes left to escape.
        let phrase = format!("\"{}\"", folded.replace('"', ""));
        let matches = Query::select()
            .expr(Expr::col(Alias::new("rowid")))
            .from(index.clone())
            .and_where(
                Expr::col(index).binary(sea_orm::sea_query::BinOper::Custom("MATCH"), phrase),
            )
            .to_owned();
        return Some(id.in_subquery(matches));
    }
    Some(
        Expr::col((E::default(), search_text))
            .like(LikeExpr::new(format!("%{}%", escape_like(&folded))).escape('\\')),
    )
}
