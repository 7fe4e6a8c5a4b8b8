//! Reading page arguments and building connections, for every list of the schema: the
//! keyset lists (`first`/`after`/`last`/`before` with opaque cursors, answered by
//! [`keyset_connection`]) and the lists ordered by id, newest first, whose cursor is the global
//! ID of the last item seen ([`after_id`], [`id_connection`]).
//!
//! Query roots and object types both take these from here; a new kind of list argument or
//! connection goes here too.

use crate::error::{ApiError, OrApi};
use crate::ids::{Cursor, NodeKind, decode_cursor, global_id, parse_id_of};
use async_graphql::connection::{Connection, Edge, EmptyFields};
use async_graphql::{ID, OutputType, Result};
use klastry_domain::db::pagination::{Keyset, Page, PageRequest};

/// The page a keyset list's four arguments ask for; a cursor that is not one of ours is
/// BAD_USER_INPUT naming `after` or `before`.
pub(crate) fn page_request(
    first: Option<i32>,
    after: Option<String>,
    last: Option<i32>,
    before: Option<String>,
) -> Result<PageRequest, ApiError> {
    Ok(PageRequest {
        first: first.map(i64::from),
        after: after
            .as_deref()
            .map(|c| decode_cursor("after", c))
            .transpose()?,
        last: last.map(i64::from),
        before: before
            .as_deref()
            .map(|c| decode_cursor("before", c))
            .transpose()?,
    })
}

/// A keyset page as a connection with the list's totals beside its edges.
pub(crate) fn keyset_connection<M, N, T>(
    page: Page<M>,
    totals: T,
    node: impl Fn(M) -> N,
) -> Connection<Cursor, N, T>
where
    N: OutputType,
    T: async_graphql::ObjectType,
{
    let mut connection =
        Connection::with_additional_fields(page.has_previous_page, page.has_next_page, totals);
    connection.edges.extend(
        page.items
            .into_iter()
            .map(|(keyset, row): (Keyset, M)| Edge::new(Cursor(keyset), node(row))),
    );
    connection
}

/// Reads an `after` cursor of a list ordered by id, newest first: the global ID of the last
/// item seen, of `kind`.
pub(crate) fn after_id(after: Option<String>, kind: NodeKind) -> Result<Option<i32>> {
    after
        .map(|cursor| parse_id_of("after", kind, &ID(cursor)).or_api())
        .transpose()
}

/// A page of a list ordered by id, newest first, as a connection: each edge's cursor is the
/// global ID of its row (`id` reads the row's id); there is a previous page when the page was
/// read after a cursor.
pub(crate) fn id_connection<M, N: OutputType>(
    kind: NodeKind,
    after: Option<i32>,
    has_next_page: bool,
    rows: Vec<M>,
    id: impl Fn(&M) -> i32,
    mut node: impl FnMut(M) -> N,
) -> Connection<String, N, EmptyFields> {
    let mut connection = Connection::new(after.is_some(), has_next_page);
    connection.edges.extend(rows.into_iter().map(|row| {
        let cursor = global_id(kind, id(&row)).to_string();
        Edge::new(cursor, node(row))
    }));
    connection
}
