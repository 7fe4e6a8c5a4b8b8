//! The mutation root: every write, Relay style. Each mutation takes one `input` object and
//! answers with a payload holding the changed object and `userErrors`.
//!
//! Validation failures a form can show next to a field come back in `userErrors`, with nothing
//! written. Everything else is a GraphQL error with `extensions.code`: UNAUTHENTICATED (no
//! valid token), FORBIDDEN (not this account's to change), CONFLICT (a stale `version`),
//! NOT_FOUND, BAD_USER_INPUT (a malformed ID).
//!
//! A new area's mutations go in a file of their own here, added to [`MutationRoot`].

pub mod accounts;
pub mod api_tokens;
pub mod cooperation;
pub mod import;
pub mod registry;
pub mod status;
mod user_error;
pub mod webhooks;

pub(crate) use user_error::outcome;
pub use user_error::{UserError, UserErrorCode};

use crate::error::OrApi;
use async_graphql::{Context, MaybeUndefined, MergedObject, Result};
use klastry_domain::rules::access::Actor;
use klastry_domain::services::writes::Patch;
use sea_orm::DatabaseConnection;

/// Every mutation.
#[derive(MergedObject, Default)]
pub struct MutationRoot(
    accounts::AccountMutations,
    api_tokens::ApiTokenMutations,
    registry::RegistryMutations,
    status::StatusMutations,
    cooperation::CooperationMutations,
    webhooks::WebhookMutations,
    import::ImportMutations,
);

pub(crate) fn db<'a>(ctx: &Context<'a>) -> &'a DatabaseConnection {
    ctx.data_unchecked::<DatabaseConnection>()
}

/// The signed-in account, or UNAUTHENTICATED.
pub(crate) fn actor<'a>(ctx: &Context<'a>) -> Result<&'a Actor> {
    crate::types::viewer(ctx).actor().or_api()
}

/// An optional input field as a patch: absent keeps, null clears, a value sets.
pub(crate) fn patch<T, U>(value: MaybeUndefined<T>, map: impl FnOnce(T) -> U) -> Patch<U> {
    match value {
        MaybeUndefined::Undefined => None,
        MaybeUndefined::Null => Some(None),
        MaybeUndefined::Value(v) => Some(Some(map(v))),
    }
}

/// A text input field as a patch.
pub(crate) fn text(value: MaybeUndefined<String>) -> Patch<String> {
    patch(value, |v| v)
}

/// Declares a payload type: the changed object and the user errors.
macro_rules! payload {
    ($name:ident, $field:ident: $ty:ty, $doc:literal) => {
        #[doc = $doc]
        #[derive(async_graphql::SimpleObject)]
        pub struct $name {
            #[doc = "The object as it is now; null when nothing was written."]
            pub $field: Option<$ty>,
            #[doc = "What was wrong with the input; empty when it was written."]
            pub user_errors: Vec<$crate::mutations::UserError>,
        }

        impl $name {
            pub(crate) fn from_outcome<T>(
                result: Result<T, klastry_domain::DomainError>,
                wrap: impl FnOnce(T) -> $ty,
            ) -> async_graphql::Result<Self> {
                let (value, user_errors) = $crate::mutations::outcome(result)?;
                Ok(Self {
                    $field: value.map(wrap),
                    user_errors,
                })
            }
        }
    };
}
pub(crate) use payload;

payload!(DeletePayload, deleted_id: async_graphql::ID, "The answer to a deletion: the ID of what was deleted.");
