//! The signed-in account: who it is and the roles it holds.
//!
//! A new query about the signed-in account goes here; signing in and managing accounts are in
//! `mutations::accounts`.

use crate::context::{db, viewer};
use crate::error::OrApi;
use crate::types::account::Me;
use async_graphql::{Context, Object, Result};
use klastry_domain::accounts::users;

/// The signed-in account.
#[derive(Default)]
pub struct AccountQuery;

/// The signed-in account.
#[Object]
impl AccountQuery {
    /// The signed-in account and its roles; null when nobody is signed in, and for a partner's
    /// API token, which acts for its cluster and not as the account that made it.
    async fn me(&self, ctx: &Context<'_>) -> Result<Option<Me>> {
        let Ok(actor) = viewer(ctx).account() else {
            return Ok(None);
        };
        let Some(user) = users::user(db(ctx), actor.user_id).await.or_api()? else {
            return Ok(None);
        };
        let roles = users::roles(db(ctx), actor.user_id).await.or_api()?;
        Ok(Some(Me { user, roles }))
    }
}
