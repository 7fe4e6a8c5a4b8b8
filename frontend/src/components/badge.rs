//! The badge of a certification's or label's status.

use crate::i18n::{M, use_i18n};
use leptos::prelude::*;

/// An ACTIVE / EXPIRED / UNKNOWN / NOT_YET_VALID badge.
#[component]
pub fn StatusBadge(#[prop(into)] status: String) -> impl IntoView {
    let i18n = use_i18n();
    let class = format!("badge badge-{}", status.to_lowercase());
    let message = match status.as_str() {
        "ACTIVE" => M::StatusActive,
        "EXPIRED" => M::StatusExpired,
        "NOT_YET_VALID" => M::StatusNotYetValid,
        _ => M::StatusUnknown,
    };
    view! { <span class=class data-status=status>{move || i18n.t(message)}</span> }
}
