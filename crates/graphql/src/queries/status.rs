//! KKK rounds and ESCA labels: the status records the registry keeps about clusters.
//!
//! A new query about KKK certifications or ESCA labels goes here; recording them is in
//! `mutations::status`.

use crate::context::db;
use crate::error::{ApiError, OrApi};
use crate::ids::Cursor;
use crate::paging::{keyset_connection, page_request};
use crate::scalars::Date;
use crate::types::enums::EscaLevel;
use crate::types::status::{EscaLabel, EscaLabelTotals, KkkRound};
use async_graphql::connection::Connection;
use async_graphql::{Context, Object, Result};
use klastry_domain::reads::{reference, status_records};
use klastry_entity as entity;

/// Key National Cluster rounds and ESCA labels.
#[derive(Default)]
pub struct CertificationQuery;

/// Key National Cluster rounds and ESCA labels.
#[Object]
impl CertificationQuery {
    /// All KKK rounds, oldest first.
    async fn kkk_rounds(&self, ctx: &Context<'_>) -> Result<Vec<KkkRound>> {
        Ok(reference::kkk_rounds(db(ctx))
            .await
            .or_api()?
            .into_iter()
            .map(KkkRound)
            .collect())
    }

    /// One KKK round by number (1 for round I).
    async fn kkk_round(&self, ctx: &Context<'_>, number: i32) -> Result<Option<KkkRound>> {
        match reference::kkk_round(db(ctx), number).await.or_api()? {
            Some(round) => Ok(Some(KkkRound(round))),
            None => Err(ApiError::NotFound(format!("no KKK round {number}"))).or_api(),
        }
    }

    /// ESCA labels, optionally of some levels and certainly held on a day, in pages.
    #[graphql(complexity = "first.unwrap_or(20).clamp(0, 100) as usize * child_complexity + 1")]
    async fn esca_labels(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only labels of these levels; every level when not given.")]
        levels: Option<Vec<EscaLevel>>,
        #[graphql(desc = "Only labels certainly valid on this day; any when not given.")]
        held_on: Option<Date>,
        #[graphql(desc = "Page size, 0 to 100 (default 20).")] first: Option<i32>,
        #[graphql(desc = "Cursor of the label to continue after.")] after: Option<String>,
    ) -> Result<Connection<Cursor, EscaLabel, EscaLabelTotals>> {
        let levels: Vec<entity::EscaLevel> = levels
            .unwrap_or_default()
            .into_iter()
            .map(Into::into)
            .collect();
        let request = page_request(first, after, None, None).or_api()?;
        let (page, total_count) =
            status_records::esca_labels(db(ctx), &levels, held_on.map(|d| d.0), &request)
                .await
                .or_api()?;
        Ok(keyset_connection(
            page,
            EscaLabelTotals { total_count },
            EscaLabel,
        ))
    }
}
