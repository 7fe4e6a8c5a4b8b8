//! Getting into the registry without help, one file per route: signing up (`/sign-up`),
//! following a mailed link (`/verify-email`, `/reset-password`, `/confirm-email`,
//! `/invitation`, `/unsubscribe`) and asking for a new password (`/forgot-password`). Here,
//! what they share: the link's token and what a link that no longer works says.

pub mod confirm_email;
pub mod forgot_password;
pub mod invitation;
pub mod reset_password;
pub mod sign_up;
pub mod unsubscribe;
pub mod verify_email;

use crate::api::FieldError;
use crate::queries::UserErrorCode;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The `token` of the link the page was opened with; an empty one when it has none.
fn link_token() -> String {
    use_query_map()
        .get_untracked()
        .get("token")
        .unwrap_or_default()
}

/// What a link without a token is refused as: one that no longer works.
fn spent_link() -> Vec<FieldError> {
    vec![FieldError::new("token", UserErrorCode::EXPIRED)]
}
