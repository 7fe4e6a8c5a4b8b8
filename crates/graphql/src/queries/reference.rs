//! Reference data and statistics: voivodeships, the sector taxonomy, the source documents, and
//! the registry's counts as of a day.
//!
//! A new list of reference data or a new statistic goes here.

use crate::context::{db, figures};
use crate::error::OrApi;
use crate::ids::Cursor;
use crate::paging::{keyset_connection, page_request};
use crate::scalars::Date;
use crate::types::reference::{Sector, SourceDocument, SourceTotals, Voivodeship};
use crate::types::statistics::Statistics;
use crate::types::today;
use async_graphql::connection::Connection;
use async_graphql::{Context, InputObject, Object, Result};
use klastry_domain::reads::{reference, sources};

/// Which source documents a list holds.
#[derive(InputObject, Default)]
pub struct SourceFilter {
    /// Code, title, publisher or address contains this text, ignoring case and Polish
    /// diacritics.
    pub text: Option<String>,
}

/// Statistics of the registry.
#[derive(Default)]
pub struct StatisticsQuery;

/// Statistics of the registry.
#[Object]
impl StatisticsQuery {
    /// Counts by voivodeship, organisation kind, ESCA level and KKK status, as of a day
    /// (today when not given). Exact at once after any change: a server keeps the figures
    /// only while the registry's revision, raised by the database on every change they
    /// depend on, stays the same.
    async fn statistics(&self, ctx: &Context<'_>, as_of: Option<Date>) -> Result<Statistics> {
        let day = as_of.map_or_else(today, |d| d.0);
        let (figures, revision) = figures(ctx).await?;
        Ok(figures
            .statistics(db(ctx), revision, day)
            .await
            .or_api()?
            .into())
    }
}

/// Reference data.
#[derive(Default)]
pub struct ReferenceQuery;

/// Reference data.
#[Object]
impl ReferenceQuery {
    /// The 16 voivodeships.
    async fn voivodeships(&self) -> Vec<Voivodeship> {
        Voivodeship::all()
    }

    /// The sector taxonomy (the EU's 14 industrial ecosystems).
    async fn sectors(&self, ctx: &Context<'_>) -> Result<Vec<Sector>> {
        Ok(reference::sectors(db(ctx))
            .await
            .or_api()?
            .into_iter()
            .map(Sector)
            .collect())
    }

    /// The documents the registry's facts were taken from, by code, in pages of at most 100;
    /// searchable, so an operator recording a status can find the document it comes from.
    #[graphql(
        complexity = "first.or(last).unwrap_or(20).clamp(0, 100) as usize * child_complexity + 1"
    )]
    async fn sources(
        &self,
        ctx: &Context<'_>,
        filter: Option<SourceFilter>,
        #[graphql(desc = "Page size from the start or after `after`, 0 to 100 (default 20).")]
        first: Option<i32>,
        #[graphql(desc = "Cursor of the document to continue after.")] after: Option<String>,
        #[graphql(desc = "Page size before `before`, 0 to 100.")] last: Option<i32>,
        #[graphql(desc = "Cursor of the document to continue before.")] before: Option<String>,
    ) -> Result<Connection<Cursor, SourceDocument, SourceTotals>> {
        let filter = sources::SourceFilter {
            text: filter.unwrap_or_default().text,
        };
        let request = page_request(first, after, last, before).or_api()?;
        let page = sources::list(db(ctx), &filter, &request).await.or_api()?;
        Ok(keyset_connection(
            page,
            SourceTotals { filter },
            SourceDocument,
        ))
    }

    /// Every document the registry's facts were taken from, by code (`sources` pages and
    /// searches them).
    async fn source_documents(&self, ctx: &Context<'_>) -> Result<Vec<SourceDocument>> {
        Ok(reference::source_documents(db(ctx))
            .await
            .or_api()?
            .into_iter()
            .map(SourceDocument)
            .collect())
    }
}
