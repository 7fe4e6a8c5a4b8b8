//! The header's bell: the signed-in account's unread notifications, live, leading to `/inbox`.

use crate::i18n::{M, number, unread_label, use_i18n};
use crate::live::use_unread;
use leptos::prelude::*;
use leptos_router::components::A;

/// A link to the inbox named with the unread count ("Powiadomienia: 3 nieprzeczytane"); the
/// badge shows the count and hides at none. A notification that comes while the page is open
/// is read out by screen readers.
#[component]
pub fn Bell() -> impl IntoView {
    let i18n = use_i18n();
    let unread = use_unread();
    let name = move || unread_label(i18n.lang(), unread.count.get());
    let shown = move || match unread.count.get().unwrap_or(0) {
        n if n > 99 => "99+".to_owned(),
        n => number(i18n.lang(), n),
    };
    view! {
        <A href="/inbox" attr:class="bell" attr:aria-label=name attr:title=name attr:data-test="bell"
            attr:data-unread=move || unread.count.get().unwrap_or(0).to_string()>
            <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
                <path fill="currentColor" d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"/>
            </svg>
            <span class="bell-count" data-test="bell-count" aria-hidden="true"
                hidden=move || unread.count.get().unwrap_or(0) == 0>{shown}</span>
        </A>
        <span class="sr-only" role="status" aria-live="polite">
            {move || unread.arrived.get().map(|headline| format!("{} {headline}", i18n.t(M::NewNotification)))}
        </span>
    }
}
