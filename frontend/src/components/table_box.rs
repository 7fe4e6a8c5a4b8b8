//! A box a wide table scrolls in, so a phone scrolls the table, not the whole page.

use leptos::prelude::*;

/// Holds a table that may be wider than the screen. The box is a named region in the tab
/// order, so a keyboard user can focus it and scroll it with the arrow keys (axe's
/// `scrollable-region-focusable`), and a screen reader announces what it holds.
#[component]
pub fn TableBox(#[prop(into)] label: Signal<String>, children: Children) -> impl IntoView {
    view! {
        <div class="table-box" role="region" tabindex="0" aria-label=move || label.get()>
            {children()}
        </div>
    }
}
