//! Reference data and statistics: voivodeships, the sector taxonomy, the source documents, and
//! the registry's counts as of a day.
//!
//! A new list of reference data or a new statistic goes here.

use crate::context::db;
use crate::error::OrApi;
use crate::scalars::Date;
use crate::types::reference::{Sector, SourceDocument, Voivodeship};
use crate::types::statistics::Statistics;
use crate::types::today;
use async_graphql::{Context, Object, Result};
use klastry_domain::reads::{reference, statistics};

/// Statistics of the registry.
#[derive(Default)]
pub struct StatisticsQuery;

/// Statistics of the registry.
#[Object]
impl StatisticsQuery {
    /// Counts by voivodeship, organisation kind, ESCA level and KKK status, as of a day
    /// (today when not given).
    async fn statistics(&self, ctx: &Context<'_>, as_of: Option<Date>) -> Result<Statistics> {
        let day = as_of.map_or_else(today, |d| d.0);
        Ok(statistics::compute(db(ctx), day).await.or_api()?.into())
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

    /// The documents the registry's facts were taken from.
    async fn source_documents(&self, ctx: &Context<'_>) -> Result<Vec<SourceDocument>> {
        Ok(reference::source_documents(db(ctx))
            .await
            .or_api()?
            .into_iter()
            .map(SourceDocument)
            .collect())
    }
}
