//! The one way a resolver reaches what travels with a request: the database, who is asking,
//! the request's loaders, and the keys and policies `build_schema` and the server attach.
//!
//! No resolver calls `ctx.data` itself; a new piece of request data gets its accessor here,
//! beside the others, saying what happens when it is missing.

use crate::error::OrApi;
use crate::event_bus::EventBus;
use crate::loaders::Loaders;
use crate::{ClientAddress, WebhookPolicy};
use async_graphql::{Context, Result};
use klastry_domain::DomainError;
use klastry_domain::accounts::sessions::TokenKeys;
use klastry_domain::bulk::import::ImportQuota;
use klastry_domain::reads::figures::Figures;
use klastry_domain::rules::access::{Actor, Viewer};
use sea_orm::DatabaseConnection;

/// The database. `build_schema` attaches it to the schema, so every request has it.
pub(crate) fn db<'a>(ctx: &Context<'a>) -> &'a DatabaseConnection {
    ctx.data_unchecked::<DatabaseConnection>()
}

/// Who is asking: the server attaches the signed-in account, if any, to every request;
/// without one the request is anonymous.
pub(crate) fn viewer<'a>(ctx: &Context<'a>) -> &'a Viewer {
    static ANONYMOUS: Viewer = Viewer::Anonymous;
    ctx.data_opt::<Viewer>().unwrap_or(&ANONYMOUS)
}

/// The figures this server keeps by the registry's revision (`build_schema` attaches them),
/// with the revision to ask them at: read once per request through its loaders (again after
/// a mutation of the request), so all the figures of a request cost one statement.
pub(crate) async fn figures<'a>(ctx: &Context<'a>) -> Result<(&'a Figures, Option<i64>)> {
    let revision = match loaders_if_any(ctx) {
        Some(loaders) => loaders.revision().await,
        None => klastry_domain::reads::revision::current(db(ctx)).await,
    }
    .or_api()?;
    Ok((ctx.data_unchecked::<Figures>(), revision))
}

/// The signed-in account (or a partner's API token), or UNAUTHENTICATED.
pub(crate) fn actor<'a>(ctx: &Context<'a>) -> Result<&'a Actor> {
    viewer(ctx).actor().or_api()
}

/// The signed-in person: UNAUTHENTICATED for nobody, FORBIDDEN for an API token. Checked
/// before any argument is read, so that a refused caller learns nothing from them.
pub(crate) fn account<'a>(ctx: &Context<'a>) -> Result<&'a Actor> {
    viewer(ctx).account().or_api()
}

/// The request's loaders. The server attaches them to every request; a schema used without
/// them is a bug in the embedding code.
pub(crate) fn loaders<'a>(ctx: &Context<'a>) -> &'a Loaders {
    ctx.data_unchecked::<Loaders>()
}

/// The request's loaders when there are any: a subscription may run without them and then
/// reads each object on its own.
pub(crate) fn loaders_if_any<'a>(ctx: &Context<'a>) -> Option<&'a Loaders> {
    ctx.data_opt::<Loaders>()
}

/// The keys sessions are signed with; an internal error when the schema was built without them.
pub(crate) fn token_keys<'a>(ctx: &Context<'a>) -> Result<&'a TokenKeys> {
    ctx.data::<TokenKeys>()
        .map_err(|_| DomainError::Data("the server has no token keys".into()))
        .or_api()
}

/// The bus subscriptions listen on; an internal error when the schema was built without it.
pub(crate) fn event_bus<'a>(ctx: &Context<'a>) -> Result<&'a EventBus> {
    ctx.data::<EventBus>()
        .map_err(|_| DomainError::Data("the server has no event bus".into()))
        .or_api()
}

/// The client's network address, when the server knows it (not for a request run in-process).
pub(crate) fn client_address(ctx: &Context<'_>) -> Option<std::net::IpAddr> {
    ctx.data_opt::<ClientAddress>().and_then(|a| a.0)
}

/// Which webhook URLs are accepted; the strict default when none was attached.
pub(crate) fn webhook_policy(ctx: &Context<'_>) -> WebhookPolicy {
    ctx.data_opt::<WebhookPolicy>().copied().unwrap_or_default()
}

/// How much one import may write; the default quota when none was attached.
pub(crate) fn import_quota(ctx: &Context<'_>) -> ImportQuota {
    ctx.data_opt::<ImportQuota>().copied().unwrap_or_default()
}
