//! The registry operator's contact for the public; changing it is in
//! `mutations::operator_contact`.

use crate::context::db;
use crate::error::OrApi;
use crate::types::operator_contact::OperatorContact;
use async_graphql::{Context, Object, Result};
use klastry_domain::reads::operator_contact;

/// The registry operator's contact.
#[derive(Default)]
pub struct OperatorContactQuery;

/// The registry operator's contact.
#[Object]
impl OperatorContactQuery {
    /// Whom the public may write to or call about the registry itself: the operator's contact
    /// person, e-mail, telephone and postal address (each null until an operator gives it).
    /// Anyone may read it.
    async fn operator_contact(&self, ctx: &Context<'_>) -> Result<Option<OperatorContact>> {
        Ok(operator_contact::get(db(ctx))
            .await
            .or_api()?
            .map(OperatorContact))
    }
}
