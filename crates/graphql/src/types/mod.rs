//! GraphQL object types. Each wraps an entity model; a table is never the API by accident.

pub mod cluster;
pub mod enums;
pub mod facts;
pub mod organisation;
pub mod reference;
pub mod statistics;
pub mod status;

use crate::loaders::Loaders;
use async_graphql::Context;

/// The request's loaders.
pub(crate) fn loaders<'a>(ctx: &Context<'a>) -> &'a Loaders {
    // The server attaches loaders to every request; a schema used without them is a bug
    // in the embedding code, reported as an internal error by the caller.
    ctx.data_unchecked::<Loaders>()
}

/// Today in Poland's calendar (the day statuses are shown for when a client names none).
pub(crate) fn today() -> chrono::NaiveDate {
    chrono::Utc::now()
        .with_timezone(
            &chrono::FixedOffset::east_opt(3600)
                .unwrap_or(chrono::FixedOffset::east_opt(0).expect("zero offset")),
        )
        .date_naive()
}
