//! What a directory's filters are made of: a group of choices to tick, each with how many
//! results it would hold when the API counts them, the chosen filters as removable chips, and
//! the links to the previous and next page of a keyset-paged list. Every choice, chip and page
//! is a URL: the page reads its state from the address.

use crate::i18n::{M, use_i18n};
use crate::values::text_at;
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;
use serde_json::Value;

/// One choice of a facet.
#[derive(Debug, Clone, PartialEq)]
pub struct FacetOption {
    /// The value as the URL holds it (an API code, an ID).
    pub key: String,
    /// Its name, in the language shown.
    pub text: String,
    /// How many results it would hold; not shown when the API does not count this facet.
    pub count: Option<i64>,
    pub checked: bool,
    /// The page's URL with this choice ticked or unticked, back on the first page.
    pub next: String,
}

/// A fieldset of checkboxes (`data-test="facet-<group>"`), nothing when there is no choice;
/// ticking one replaces the address, as typing a search does, rather than adding a history
/// entry per click.
#[component]
pub fn FacetGroup(legend: M, group: &'static str, options: Vec<FacetOption>) -> impl IntoView {
    let i18n = use_i18n();
    if options.is_empty() {
        return ().into_any();
    }
    let navigate = use_navigate();
    let items = options
        .into_iter()
        .map(|option| {
            let id = format!("facet-{group}-{}", option.key);
            let navigate = navigate.clone();
            let next = option.next;
            let go = move |_| {
                navigate(
                    &next,
                    NavigateOptions {
                        replace: true,
                        scroll: false,
                        ..Default::default()
                    },
                )
            };
            view! {
                <li class:empty=option.count == Some(0)>
                    <input type="checkbox" id=id.clone() prop:checked=option.checked on:change=go/>
                    <label for=id>
                        {option.text}
                        {option.count.map(|n| view! { " "<span class="count">"("{n}")"</span> })}
                    </label>
                </li>
            }
        })
        .collect_view();
    view! {
        <fieldset data-test=format!("facet-{group}")>
            <legend>{move || i18n.t(legend)}</legend>
            <ul>{items}</ul>
        </fieldset>
    }
    .into_any()
}

/// The filters chosen, each a link that removes it (`chips`: its name and the URL without it),
/// and one that removes them all; nothing when none is chosen.
#[component]
pub fn FilterChips(chips: Vec<(String, String)>, clear: String) -> impl IntoView {
    let i18n = use_i18n();
    if chips.is_empty() {
        return ().into_any();
    }
    let items = chips
        .into_iter()
        .map(|(name, href)| {
            let label = {
                let name = name.clone();
                move || format!("{}: {name}", i18n.t(M::RemoveFilter))
            };
            view! {
                <li>
                    <a class="chip" href=href aria-label=label data-test="chip">
                        {name}<span aria-hidden="true">" ×"</span>
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="chips" role="group" aria-label=move || i18n.t(M::ActiveFilters)>
            <ul>{items}</ul>
            <a href=clear class="clear">{move || i18n.t(M::ClearFilters)}</a>
        </div>
    }
    .into_any()
}

/// The links to the pages before and after a keyset page, from its `pageInfo` as the answer
/// has it: `at(after, before)` is the URL of the page that cursor opens.
pub fn page_links(
    info: &Value,
    at: impl Fn(Option<String>, Option<String>) -> String,
) -> (Option<String>, Option<String>) {
    let flag = |key: &str| info[key].as_bool().unwrap_or(false);
    let previous = flag("hasPreviousPage").then(|| at(None, text_at(info, "startCursor")));
    let next = flag("hasNextPage").then(|| at(text_at(info, "endCursor"), None));
    (previous, next)
}

/// The previous and next page's links of a list.
#[component]
pub fn Pager(previous: Option<String>, next: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <nav class="pager" aria-label=move || i18n.t(M::ResultPages)>
            {previous.map(|href| view! { <a href=href data-test="previous-page">{move || i18n.t(M::PreviousPage)}</a> })}
            {next.map(|href| view! { <a href=href data-test="next-page">{move || i18n.t(M::NextPage)}</a> })}
        </nav>
    }
}
