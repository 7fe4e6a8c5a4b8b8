//! GraphQL object types. Each wraps an entity model; a table is never the API by accident.

pub mod account;
pub mod api_token;
pub mod cluster;
pub mod cooperation;
pub mod enums;
pub mod events;
pub mod facets;
pub mod facts;
pub mod joining;
pub mod mail;
pub mod notifications;
pub mod operator_contact;
pub mod organisation;
pub mod reference;
pub mod statistics;
pub mod status;
pub mod webhook;

use crate::context::loaders;
use crate::error::OrApi;
use async_graphql::{Context, Result};

/// Today in Poland (the day statuses are shown for when a client names none).
pub(crate) fn today() -> chrono::NaiveDate {
    klastry_domain::rules::calendar::polish_today()
}

/// The organisation with this id, if there is one, through the request's loader.
pub(crate) async fn organisation_by_id(
    ctx: &Context<'_>,
    id: Option<i32>,
) -> Result<Option<organisation::Organisation>> {
    let Some(id) = id else { return Ok(None) };
    Ok(loaders(ctx)
        .organisations
        .load_one(id)
        .await
        .or_api()?
        .map(organisation::Organisation))
}

/// The cluster with this id, through the request's loader.
pub(crate) async fn cluster_by_id(ctx: &Context<'_>, id: i32) -> Result<Option<cluster::Cluster>> {
    Ok(loaders(ctx)
        .clusters
        .load_one(id)
        .await
        .or_api()?
        .map(cluster::Cluster))
}

/// The sectors with these ids, in the given order, through the request's loader.
pub(crate) async fn sectors_by_ids(
    ctx: &Context<'_>,
    ids: Vec<i32>,
) -> Result<Vec<reference::Sector>> {
    let sectors = loaders(ctx)
        .sectors
        .load_many(ids.iter().copied())
        .await
        .or_api()?;
    Ok(ids
        .iter()
        .filter_map(|id| sectors.get(id).cloned().map(reference::Sector))
        .collect())
}
