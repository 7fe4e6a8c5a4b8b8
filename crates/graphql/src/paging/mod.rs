//! Reading page arguments and building connections, for every list of the schema: each takes
//! `first`/`after`/`last`/`before` with opaque keyset cursors ([`page_request`]) and answers
//! with [`keyset_connection`].
//!
//! Query roots and object types both take these from here; a new kind of list argument or
//! connection goes here too. Lists of many plain nodes answer with [`eager::EagerConnection`].

pub mod eager;

use crate::error::ApiError;
use crate::ids::{Cursor, decode_cursor};
use async_graphql::connection::{Connection, Edge};
use async_graphql::{OutputType, Result};
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

/// Declares the totals of a filtered list: an object holding the list's filter beside the
/// connection's edges, whose `totalCount` counts the filter's rows with `count` only when a
/// client asks for it.
///
/// ```ignore
/// filter_totals! {
///     /// Totals of the calendar.
///     pub struct CalendarTotals(calendar::EventFilter) => calendar::count;
///     /// How many events match, on all pages.
///     total_count;
/// }
/// ```
///
/// Each list names its own rows in `totalCount`'s description, which the schema shows on its
/// connection, so the descriptions are the invocation's, not the macro's.
macro_rules! filter_totals {
    (
        $(#[doc = $doc:literal])*
        pub struct $name:ident($filter:ty) => $count:path;
        $(#[doc = $count_doc:literal])*
        total_count;
    ) => {
        $(#[doc = $doc])*
        pub struct $name {
            /// The list's filter, counted only when a client asks.
            pub filter: $filter,
        }

        $(#[doc = $doc])*
        #[async_graphql::Object]
        impl $name {
            $(#[doc = $count_doc])*
            async fn total_count(
                &self,
                ctx: &async_graphql::Context<'_>,
            ) -> async_graphql::Result<u64> {
                use $crate::error::OrApi as _;
                $count($crate::context::db(ctx), &self.filter).await.or_api()
            }
        }
    };
}
pub(crate) use filter_totals;
