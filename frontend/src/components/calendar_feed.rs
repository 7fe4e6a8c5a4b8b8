//! The link to an iCalendar feed of events (the registry's `/calendar.ics` or a cluster's
//! `/clusters/<slug>/calendar.ics`), with a word on subscribing to it.

use crate::i18n::{M, use_i18n};
use leptos::prelude::*;

/// The feed at `path` as the full address a calendar application subscribes to; `whose` says
/// whose events it holds (the registry's or the cluster's).
#[component]
pub fn CalendarFeed(path: String, whose: M) -> impl IntoView {
    let i18n = use_i18n();
    let origin = window().location().origin().unwrap_or_default();
    let address = format!("{origin}{path}");
    let href = address.clone();
    view! {
        <div class="calendar-feed" data-test="calendar-feed">
            <p>{move || i18n.t(whose)}</p>
            // Not the router's link: the feed is the server's, not a page of the app.
            <p><a href=href rel="external" data-test="calendar-feed-link">{address}</a></p>
            <p class="meta">{move || i18n.t(M::CalendarFeedDayOnly)}</p>
        </div>
    }
}
